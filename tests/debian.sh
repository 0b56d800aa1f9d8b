#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/debian.sh: debian/ agrees with the build. The changelog's upstream version is
# configure.ac's (debian/check-version); for each installed shared library (libmofbind and
# libmofbind-server) the runtime package and its symbols file are named after the soname its
# -version-info gives, which the built library carries, and the symbols file lists exactly the
# global symbols of its version script, each in its version node; and every
# file `make install` puts in place is claimed by one package's .install file or by
# debian/not-installed (dh_missing fails the package build otherwise). Skips where the source
# has no debian/ (the release tarball).
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${MOFBIND_BUILDDIR:-$srcdir}
deb=$srcdir/debian
if [ ! -f "$deb/control" ]; then
    echo "SKIP: no debian/ in $srcdir (the release tarball carries none)"
    exit 77
fi
command -v readelf >/dev/null 2>&1 || { echo "SKIP: readelf not found (binutils)"; exit 77; }
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }

if sh "$deb/check-version" "$srcdir"; then ok; else bad "debian/changelog vs configure.ac"; fi

# Each installed shared library (libmofbind, libmofbind-server): its link flags as configure
# wrote them into the Makefile (wherever the library's folder is), where -version-info C:R:A
# gives the soname LIB.so.(C-A) and the runtime package LIB(C-A); that package, its .install
# file and its symbols file exist and agree with the soname the built library carries; the
# symbols file lists the version script's global names, each in its version node, and each
# node's own entry (NODE@NODE).
mk=$builddir/Makefile
check_lib() {
    lib=$1
    var=$(printf '%s' "$lib" | tr -- '-' '_')
    flags=$(sed -n "/^[a-z_]*_${var}_la_LDFLAGS *=/,/[^\\]\$/p" "$mk" | tr '\\\n' '  ')
    vinfo=$(printf '%s\n' "$flags" | sed -n 's/.*-version-info *\([0-9:]*\).*/\1/p')
    sym=$(printf '%s\n' "$flags" | sed -n 's/.*--version-script=$(srcdir)\/\([^ ]*\).*/\1/p')
    if [ -z "$vinfo" ] || [ -z "$sym" ] || [ ! -f "$srcdir/$sym" ]; then
        bad "cannot read $lib's -version-info and version script from $mk: $flags"
        return
    fi
    current=${vinfo%%:*}
    age=${vinfo##*:}
    major=$((current - age))
    soname=$lib.so.$major
    pkg=$lib$major
    echo "$lib: -version-info $vinfo: $soname, package $pkg; version script $sym"

    if grep -qx "Package: $pkg" "$deb/control"; then ok; else bad "debian/control lacks $pkg"; fi
    if [ -f "$deb/$pkg.install" ]; then ok; else bad "no debian/$pkg.install"; fi
    symfile=$deb/$pkg.symbols
    if [ -f "$symfile" ] && [ "$(sed -n 1p "$symfile")" = "$soname $pkg #MINVER#" ]; then
        ok
    else
        bad "debian/$pkg.symbols does not start with '$soname $pkg #MINVER#'"
    fi
    so=$(find "$builddir" -path "*/.libs/$lib.so" | head -n 1)
    got=$(readelf -d "$so" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
    if [ "$got" = "$soname" ]; then ok; else bad "the built $lib's soname is '$got', not $soname"; fi

    awk '/^[A-Za-z_][A-Za-z0-9_.]* *\{/ { node = $1; sub(/\{.*/, "", node); g = 0; next }
         /global:/ { g = 1; next } /local:/ { g = 0; next } /^ *\}/ { g = 0; next }
         g { gsub(/[ \t;]/, ""); if ($0 != "") print $0 "@" node }' "$srcdir/$sym" |
        sort >"$tmp/want"
    sed -n 's/^ \([^ @]*@[^ ]*\) .*/\1/p' "$symfile" 2>/dev/null >"$tmp/entries"
    awk -F@ '$1 != $2' "$tmp/entries" | sort >"$tmp/got"
    if cmp -s "$tmp/want" "$tmp/got" && [ -s "$tmp/want" ]; then
        ok
    else
        bad "debian/$pkg.symbols lists other symbols than $sym (< script, > symbols):"
        diff "$tmp/want" "$tmp/got"
    fi
    nodes=$(sed 's/.*@//' "$tmp/want" | sort -u)
    for node in $nodes; do
        if grep -qx "$node@$node" "$tmp/entries"; then ok; else bad "$pkg.symbols lacks $node@$node"; fi
    done
}
check_lib libmofbind
check_lib libmofbind-server

# Every installed file is claimed once: the .install patterns (installed paths, /usr with the
# multiarch libdir) checked against `make install` under the configured prefix and libdir.
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES
if ! make -s -C "$builddir" install DESTDIR="$tmp/root" >"$tmp/install.log" 2>&1; then
    bad "make install DESTDIR=..."
    tail -n 30 "$tmp/install.log"
else
    # Paths relative to the prefix; those in libdir (libtool's archive names it) as LIBDIR/.
    prefix=$(sed -n 's/^prefix = //p' "$mk")
    la=$(find "$tmp/root" -name libmofbind.la | head -n 1)
    libdir=$(sed -n "s/^libdir='\\(.*\\)'$/\\1/p" "$la" 2>/dev/null)
    [ -n "$libdir" ] || libdir=$prefix/lib
    (cd "$tmp/root" && find . ! -type d | sed 's|^\.||' | sort) |
        sed -e "s|^$libdir/|LIBDIR/|" -e "s|^$prefix/||" >"$tmp/files"
    for f in "$deb"/*.install "$deb/not-installed"; do
        sed -e '/^#/d' -e '/^$/d' -e 's| .*||' -e 's|^usr/lib/${DEB_HOST_MULTIARCH}/|LIBDIR/|' \
            -e 's|^usr/||' "$f" | sed "s|^|$(basename "$f") |"
    done >"$tmp/patterns"
    unclaimed=0
    while read -r file; do
        owners=
        while read -r owner pattern; do
            # shellcheck disable=SC2254
            case $file in $pattern) owners="$owners $owner" ;; esac
        done <"$tmp/patterns"
        case $owners in
        "") echo "  $file: in no debian/*.install nor debian/not-installed"
            unclaimed=$((unclaimed + 1)) ;;
        *" "*" "*) echo "  $file: claimed twice:$owners"; unclaimed=$((unclaimed + 1)) ;;
        esac
    done <"$tmp/files"
    if [ "$unclaimed" = 0 ]; then ok; else bad "$unclaimed installed files not packaged once"; fi
    if [ -s "$tmp/files" ]; then ok; else bad "make install installed nothing"; fi
fi

echo "debian: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
