#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/install.sh: `make install` into a DESTDIR puts exactly the installed set in place (the
# programs and the provider host, libmofbind and libmofbind-server shared and static,
# <mofbind/mi.h> and <mofbind/server.h>, the shipped schemas, the man pages, mofbind.pc and
# mofbind-server.pc, mofbind.m4, the CMake package config); libmofbind exports only the symbols
# of runtime/client/libmofbind.sym and libmofbind-server those of server/libmofbind-server.sym, each
# with a libtool version in its soname; `make uninstall` then leaves nothing but empty
# directories.
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${MOFBIND_BUILDDIR:-$srcdir}
tmp=$(mktemp -d) || exit 99
trap 'chmod -R u+w "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
root=$tmp/root
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

for tool in nm readelf; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "SKIP: $tool not found (apt-get install binutils)"
        exit 77
    fi
done

# A make of our own: not the jobserver or flags of the make running the tests.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
if ! make -s -C "$builddir" install DESTDIR="$root" >"$tmp/install.log" 2>&1; then
    echo "FAIL make install DESTDIR=..."
    tail -n 30 "$tmp/install.log"
    exit 1
fi

# Every installed file, relative to DESTDIR and with the prefix-dependent part kept, is one of
# the expected shapes, and each expected shape is there (the libraries in libdir, which may be a
# multiarch directory such as Debian's lib/x86_64-linux-gnu).
(cd "$root" && find . ! -type d | sed 's|^\./||' | sort) >"$tmp/files"
static=no
if grep -q '^build_old_libs=yes' "$builddir/libtool" 2>/dev/null; then
    static=yes
fi
expect() {
    if grep -qE -e "$1" "$tmp/files"; then ok; else bad "not installed: /$1/"; fi
}
expect '/bin/mofbind$'
expect '/bin/mofbind-server$'
expect '/lib[^/]*/([^/]+/)?libmofbind\.so$'
expect '/lib[^/]*/([^/]+/)?libmofbind\.so\.[0-9]+$'
expect '/lib[^/]*/([^/]+/)?libmofbind\.la$'
if [ "$static" = yes ]; then expect '/lib[^/]*/([^/]+/)?libmofbind\.a$'; fi
expect '/include/mofbind/mi\.h$'
expect '/include/mofbind/server\.h$'
expect '/lib[^/]*/libmofbind-server\.so$'
expect '/lib[^/]*/libmofbind-server\.so\.[0-9]+$'
expect '/lib[^/]*/libmofbind-server\.la$'
if [ "$static" = yes ]; then expect '/lib[^/]*/libmofbind-server\.a$'; fi
expect '/libexec/mofbind/mofbind-provider-host$'
expect '/pkgconfig/mofbind-server\.pc$'
expect '/share/mofbind/schemas/qualifiers\.mof$'
expect '/share/mofbind/schemas/qualifiers_optional\.mof$'
expect '/share/mofbind/schemas/qualifiers_wmi\.mof$'
expect '/share/mofbind/schemas/qualifiers_dsc\.mof$'
expect '/man1/mofbind\.1$'
expect '/man1/mofbind-server\.1$'
expect '/pkgconfig/mofbind\.pc$'
expect '/share/aclocal/mofbind\.m4$'
expect '/cmake/mofbind/mofbindConfig\.cmake$'
expect '/cmake/mofbind/mofbindConfigVersion\.cmake$'
# Nothing else: no convenience library, test program or private header is installed.
grep -vE -e '/bin/mofbind(-server)?$' -e '/libmofbind(-server)?\.(so(\.[0-9]+)*|la|a)$' \
    -e '/include/mofbind/(mi|server)\.h$' -e '/share/mofbind/schemas/[^/]+\.mof$' \
    -e '/libexec/mofbind/mofbind-provider-host$' \
    -e '/man1/mofbind(-server)?\.1$' -e '/pkgconfig/mofbind(-server)?\.pc$' \
    -e '/aclocal/mofbind\.m4$' -e '/cmake/mofbind/mofbindConfig(Version)?\.cmake$' \
    "$tmp/files" >"$tmp/extra"
if [ -s "$tmp/extra" ]; then bad "unexpected files installed:"; cat "$tmp/extra"; else ok; fi

# The shared library: its soname carries the libtool version, and it exports exactly the global
# symbols of the version script.
so=$(grep -E '/libmofbind\.so$' "$tmp/files" | head -n 1)
if [ -n "$so" ]; then
    soname=$(readelf -d "$root/$so" | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    case $soname in
        libmofbind.so.[0-9]*) ok ;;
        *) bad "soname is '$soname', not libmofbind.so.N" ;;
    esac
    la=$(grep -E '/libmofbind\.la$' "$tmp/files" | head -n 1)
    if grep -qE "^current=[0-9]+$" "$root/$la" && grep -qE "^age=[0-9]+$" "$root/$la"; then
        ok
    else
        bad "$la lacks the libtool version (current=, age=)"
    fi
    sed -n '/global:/,/local:/p' "$srcdir/runtime/client/libmofbind.sym" |
        sed -e '/global:/d' -e '/local:/d' -e 's/[ 	;]//g' -e '/^$/d' |
        grep -E '^[A-Za-z_][A-Za-z0-9_]*$' | sort >"$tmp/want"
    nm -D --defined-only "$root/$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' |
        sort -u >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got" && [ -s "$tmp/want" ]; then
        ok
    else
        bad "libmofbind.so exports other symbols than runtime/client/libmofbind.sym" \
            "(< wanted, > got):"
        diff "$tmp/want" "$tmp/got"
    fi
    # Every exported symbol carries the version node.
    if nm -D --defined-only "$root/$so" | awk '$2 != "A"' | grep -v '@@MOFBIND_' >"$tmp/unv"; then
        bad "unversioned exports:"; cat "$tmp/unv"
    else
        ok
    fi
else
    bad "no libmofbind.so installed"
fi
# libmofbind-server: the functions of <mofbind/server.h> only, versioned.
so=$(grep -E '/libmofbind-server\.so$' "$tmp/files" | head -n 1)
if [ -n "$so" ]; then
    sed -n '/global:/,/local:/p' "$srcdir/server/libmofbind-server.sym" |
        sed -e '/global:/d' -e '/local:/d' -e 's/[ 	;]//g' -e '/^$/d' | sort >"$tmp/want"
    nm -D --defined-only "$root/$so" | awk '$2 != "A" { sub(/@.*/, "", $3); print $3 }' |
        sort -u >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got" && [ -s "$tmp/want" ]; then ok; else
        bad "libmofbind-server.so exports other symbols than its .sym (< wanted, > got):"
        diff "$tmp/want" "$tmp/got"
    fi
    # <mofbind/server.h> compiles from the installed include directory alone.
    h=$(grep -E '/include/mofbind/server\.h$' "$tmp/files" | head -n 1)
    printf '#include <mofbind/server.h>\nint main(void) { msrv_config c = {0}; return (int)c.n_providers + (msrv_free(NULL), 0); }\n' \
        >"$tmp/embed.c"
    if cc -std=c99 -Wall -Wextra -Werror -fsyntax-only -I"$root/${h%/mofbind/server.h}" \
        "$tmp/embed.c" 2>"$tmp/cc.log"; then ok; else
        bad "<mofbind/server.h> does not compile on its own:"; cat "$tmp/cc.log"
    fi
fi
if [ "$static" = yes ]; then
    a=$(grep -E '/libmofbind\.a$' "$tmp/files" | head -n 1)
    if nm "$root/$a" 2>/dev/null | grep -q ' T MI_Application_InitializeV1$'; then
        ok
    else
        bad "libmofbind.a does not define MI_Application_InitializeV1"
    fi
fi

# The installed pkg-config file and CMake config name the configured prefix.
prefix=$(sed -n 's/^prefix = //p' "$builddir/Makefile")
pc=$(grep -E '/pkgconfig/mofbind\.pc$' "$tmp/files" | head -n 1)
if [ -n "$pc" ] && grep -qxF "prefix=$prefix" "$root/$pc" &&
    grep -q '^Libs:.*-lmofbind' "$root/$pc"; then
    ok
else
    bad "mofbind.pc lacks prefix=$prefix or -lmofbind"
fi
# The CMake package names no absolute path under the prefix: it is relocatable.
cm=$(grep -E '/mofbindConfig\.cmake$' "$tmp/files" | head -n 1)
if [ -n "$cm" ] && ! grep -qF "$prefix" "$root/$cm" && ! grep -q '@[a-z]*@' "$root/$cm" &&
    grep -qF '${_mofbind_prefix}/' "$root/$cm"; then
    ok
else
    bad "mofbindConfig.cmake names $prefix (not relocatable), or has an unsubstituted @var@"
fi

if ! make -s -C "$builddir" uninstall DESTDIR="$root" >"$tmp/uninstall.log" 2>&1; then
    bad "make uninstall DESTDIR=..."
    tail -n 30 "$tmp/uninstall.log"
fi
left=$(cd "$root" && find . ! -type d)
if [ -n "$left" ]; then
    bad "make uninstall left files behind:"
    echo "$left"
else
    ok
fi

echo "install: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
