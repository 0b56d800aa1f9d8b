#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/layering.sh: the layering holds at compile time. Each library compiles with only the
# include paths it may use (its _CPPFLAGS, written by tests/layering.mk into
# tests/layering.flags); here a one-line probe including a header is compiled with a library's
# flags: what the library may see must compile, what it must not see must fail for being out of
# reach ("No such file" from gcc, "file not found" from clang). The scanner, which shares its
# folder with the model, is kept from it by a guard in model.h and parse_int.h, checked the same
# way.
set -u
builddir=${MOFBIND_BUILDDIR:-.}
flags=$builddir/tests/layering.flags
[ -f "$flags" ] || { echo "FAIL: $flags is missing (make check writes it)"; exit 1; }
# shellcheck disable=SC1090
. "$flags"
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
cd "$builddir" || exit 99

# probe LIBRARY FLAGS ok|no HEADER [PRE]: compiles `PRE #include HEADER` with FLAGS.
probe() {
    lib=$1 fl=$2 want=$3 hdr=$4 pre=${5:-}
    printf '%s\n#include %s\nint layering_probe;\n' "$pre" "$hdr" >"$tmp/p.c"
    # shellcheck disable=SC2086
    if $cc -fsyntax-only $fl "$tmp/p.c" >"$tmp/err" 2>&1; then got=ok; else got=no; fi
    if [ "$got" != "$want" ]; then
        echo "FAIL $lib: #include $hdr: expected $want, got $got"; head -n 5 "$tmp/err"
        fail=$((fail + 1)); return
    fi
    if [ "$want" = no ] && [ -z "$pre" ] && ! grep -qE 'No such file|file not found' "$tmp/err"; then
        echo "FAIL $lib: #include $hdr failed for another reason than being out of reach:"
        head -n 5 "$tmp/err"; fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}

# The shared helpers see nothing of ours.
probe util "$util_flags" ok '"util.h"'
for h in '<mofbind/mi.h>' '"core.h"' '"wsman.h"' '"model.h"' '"emit.h"' '"server.h"'; do
    probe util "$util_flags" no "$h"
done

# The public headers include nothing of ours.
probe public "$mi_flags" ok '<mofbind/mi.h>'
for h in core.h wsman.h client.h model.h server.h emit.h; do
    probe public "$mi_flags" no "\"$h\""
done

# The instance core: the public headers.
probe core "$core_flags" ok '"core.h"'
probe core "$core_flags" ok '<mofbind/mi.h>'
probe core "$core_flags" ok '"util.h"'
for h in wsman.h client.h model.h resolve.h parse.h server.h emit.h; do
    probe core "$core_flags" no "\"$h\""
done

# The codec: the core and the public headers; never the MOF model, the client or the server.
probe wsman "$wsman_flags" ok '"wsman_int.h"'
probe wsman "$wsman_flags" ok '"core.h"'
for h in client.h model.h resolve.h diag.h server.h repo.h emit.h; do
    probe wsman "$wsman_flags" no "\"$h\""
done

# The client: the codec, the core, the public headers; the runtime never sees MOF.
probe client "$client_flags" ok '"client.h"'
for h in model.h resolve.h arena.h server.h server_int.h emit.h; do
    probe client "$client_flags" no "\"$h\""
done

# The MOF front end sees itself only: never the runtime, the emitter or the server.
probe mof "$mof_flags" ok '"resolve.h"'
probe mof "$mof_flags" ok '"parse_int.h"'
probe mof "$mof_flags" ok '"util.h"'
for h in '<mofbind/mi.h>' '"core.h"' '"wsman.h"' '"client.h"' '"midecl.h"' '"emit.h"' \
    '"server.h"'; do
    probe mof "$mof_flags" no "$h"
done
# ... and its scanner sees tokens, not the model.
probe scanner "$mof_flags" ok '"lex.h"' '#define MOFBIND_SCANNER 1'
probe scanner "$mof_flags" ok '"mof_parser.h"' '#define MOFBIND_SCANNER 1'
probe scanner "$mof_flags" no '"model.h"' '#define MOFBIND_SCANNER 1'
probe scanner "$mof_flags" no '"parse_int.h"' '#define MOFBIND_SCANNER 1'

# The translation of classes into MI declarations: the model and the public headers only.
probe midecl "$midecl_flags" ok '"midecl.h"'
for h in core.h wsman.h client.h emit.h server.h; do probe midecl "$midecl_flags" no "\"$h\""; done

# The emitter: the front end and its MI description; never the runtime's internals or the server.
probe emit "$emit_flags" ok '"emit_int.h"'
probe emit "$emit_flags" ok '"resolve.h"'
probe emit "$emit_flags" ok '"midecl.h"'
for h in core.h wsman.h client.h server.h server_int.h; do
    probe emit "$emit_flags" no "\"$h\""
done

# The server: the codec, the core, the front end; never the client or the emitter.
probe server "$server_flags" ok '"server_int.h"'
probe server "$server_flags" ok '"resolve.h"'
probe server "$server_flags" ok '"wsman.h"'
for h in client.h emit.h emit_int.h; do probe server "$server_flags" no "\"$h\""; done

# The client's files call each other in one direction only, in the order client.h lists them:
# a symbol one file defines is used only by the files above it.
order="application session operation loop queue exchange class query delivery transport http1 options inbox"
objs=$(ls runtime/client/.libs/libclient_la-*.o 2>/dev/null || ls runtime/client/libclient_la-*.o)
if [ -z "$objs" ] || ! command -v nm >/dev/null 2>&1; then
    echo "FAIL client: no objects of libclient or no nm to read them"; fail=$((fail + 1))
else
    for o in $objs; do
        f=${o##*libclient_la-}; f=${f%.o}
        nm -g --defined-only "$o" | awk -v f="$f" 'NF == 3 { print "D", f, $3 }'
        nm -u "$o" | awk -v f="$f" '{ print "U", f, $NF }'
    done >"$tmp/syms"
    bad=$(awk -v order="$order" '
        BEGIN { n = split(order, o, " "); for (i = 1; i <= n; i++) rank[o[i]] = i }
        $1 == "D" { def[$3] = $2; next }
        { use[NR] = $2 " " $3 }
        END {
            for (k in use) {
                split(use[k], u, " ")
                d = def[u[2]]
                if (d == "" || d == u[1]) continue
                if (!(u[1] in rank) || !(d in rank)) {
                    print u[1] " or " d " is not in the order"
                    continue
                }
                if (rank[d] < rank[u[1]]) print u[1] ".c calls " u[2] " of " d ".c"
            }
        }' "$tmp/syms" | sort -u)
    if [ -n "$bad" ]; then
        echo "FAIL client: a file calls one above it:"; echo "$bad"; fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
fi

echo "layering: $pass passed, $fail failed"
[ "$fail" = 0 ]
