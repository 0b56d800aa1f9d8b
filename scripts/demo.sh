#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/demo.sh [BUILDDIR]: the first quick-start command, from a fresh clone. Installs the
# packages that are missing (as root), builds in BUILDDIR (default _build), generates the typed
# C bindings of schemas/demo.mof and the provider code of its examples/provider/, starts
# mofbind-server on a free loopback port over HTTPS (a throwaway CA and certificate) with a
# throwaway password and the demo provider (examples/provider/) loaded, runs the demo client
# (examples/demo.c) against it, stops the server and exits 0 when every step went as expected.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
case $build in /*) ;; *) build="$top/$build" ;; esac

say() { printf '\n==== %s\n' "$*"; }

say "1/6 packages (scripts/deps.sh)"
"$top/scripts/deps.sh"
echo "all present"

say "2/6 build in $build (scripts/build.sh; the compiler's output goes to build.log there)"
mkdir -p "$build"
# --enable-werror as scripts/test.sh builds, so that the test suite after the demo reuses this
# build rather than configuring and compiling everything again.
if ! "$top/scripts/build.sh" "$build" --enable-werror >"$build/build.log" 2>&1; then
    tail -n 40 "$build/build.log"
    echo "demo: the build failed; the whole log is $build/build.log" >&2
    exit 1
fi
echo "built: generator/mofbind, runtime/libmofbind, server/mofbind-server, examples/demo"

say "3/6 typed C bindings for schemas/demo.mof"
gen="$build/examples/gen"
echo "\$ mofbind -o $gen --all $top/schemas/demo.mof"
# The file named as the build names it (its banner says demo.mof either way), so that the files
# come out byte for byte as the build made them: none is rewritten, nothing is compiled again.
"$build/generator/mofbind" -o "$gen" --all "$top/schemas/demo.mof"
for f in "$gen"/*.h "$gen"/*.c; do
    printf '  %-24s %5s lines\n' "$(basename "$f")" "$(wc -l <"$f")"
done
echo "what the demo calls, for instance (from Win32_Foo.h):"
sed -n '/^MI_INLINE void Win32_Foo_Create(/,/;/p; /^MI_INLINE MI_Result Win32_Foo_CreateSync(/,/;/p
    /^MI_INLINE MI_Result Win32_Foo_Set_Count(/p' "$gen/Win32_Foo.h" |
    sed 's/^/    /'
echo "(the build compiled these into the demo: make regenerates them when demo.mof changes)"
echo "and the provider side, whose skeletons examples/provider/ fills in (the build makes"
echo "examples/libdemoprovider.so of them):"
echo "\$ mofbind --provider -o examples/provgen --skeleton-dir examples/provider \\"
echo "      --class Win32_Foo --class Demo_FooDependency schemas/demo.mof"
for f in "$build"/examples/provgen/*_Provider.h "$build"/examples/provgen/mofbind_module.c; do
    [ -f "$f" ] && printf '  %-32s %5s lines\n' "$(basename "$f")" "$(wc -l <"$f")"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/mofbind-demo.XXXXXX")
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "4/6 mofbind-server on a free loopback port"
"$top/scripts/testcerts.sh" "$work/tls" 127.0.0.1
echo "made a throwaway CA and a certificate for 127.0.0.1 (scripts/testcerts.sh)"
umask 077
od -An -N12 -tx1 /dev/urandom | tr -d ' \n' >"$work/password"
echo "made a throwaway password for the user 'demo' (kept in a mode 600 file, never printed)"
echo "\$ mofbind-server --schema schemas/demo.mof --listen 127.0.0.1:0 --user demo" \
    "--password-file FILE --cert server.pem --key server.key" \
    "--provider examples/libdemoprovider.so"
: >"$work/server.out" # exists before the server's shell opens it: the loop reads it at once
: >"$work/server.log"
"$build/server/mofbind-server" --schema "$top/schemas/demo.mof" --listen 127.0.0.1:0 \
    --user demo --password-file "$work/password" \
    --cert "$work/tls/server.pem" --key "$work/tls/server.key" \
    --provider "$build/examples/.libs/libdemoprovider.so" \
    --provider-host "$build/server/mofbind-provider-host" \
    >"$work/server.out" 2>"$work/server.log" &
server_pid=$!
addr=
i=0
while [ $i -lt 100 ]; do
    addr=$(sed -n 's/^listening on //p' "$work/server.out")
    [ -n "$addr" ] && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$addr" ]; then
    echo "mofbind-server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
fi
echo "mofbind-server (pid $server_pid) is listening on https://$addr/wsman"

say "5/6 the demo (examples/demo.c, using the generated bindings only)"
status=0
"$build/examples/demo" --user demo --password-file "$work/password" \
    --cafile "$work/tls/ca.pem" "https://$addr/wsman" || status=$?

say "6/6 stop the server"
kill -TERM "$server_pid"
wait "$server_pid" || true
server_pid=
echo "mofbind-server stopped; what it logged, one line per request:"
sed 's/^/  /' "$work/server.log"

if [ "$status" = 0 ]; then
    say "demo: done, every step went as expected"
else
    say "demo: FAILED (exit status $status); see the steps marked UNEXPECTED above"
fi
exit "$status"
