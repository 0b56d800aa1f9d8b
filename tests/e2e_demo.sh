#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/e2e_demo.sh: the demo as the quick start runs it, under make check: mofbind-server (the
# program, with the demo provider examples/provider/ in its provider host) on a free loopback port with a throwaway password, over HTTPS with a CA made by
# scripts/testcerts.sh (plain HTTP when the openssl command is absent), and examples/demo
# against it; every step must go as expected and the server must stop cleanly (and soon after
# SIGTERM); running mofbind as scripts/demo.sh does afterwards must rewrite nothing.
set -eu
src=${MOFBIND_SRCDIR:?run from make check}
build=${MOFBIND_BUILDDIR:?run from make check}
work=$(mktemp -d "${TMPDIR:-/tmp}/mofbind-e2e-demo.XXXXXX")
pid=
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

umask 077
printf 'e2e-demo-%s\n' "$$" >"$work/password"
set -- --schema "$src/schemas/demo.mof" --listen 127.0.0.1:0 --user demo \
    --provider "$build/examples/.libs/libdemoprovider.so" \
    --provider-host "$build/server/mofbind-provider-host" \
    --password-file "$work/password"
scheme=https
if sh "$src/scripts/testcerts.sh" "$work/tls" 127.0.0.1 2>/dev/null; then
    set -- "$@" --cert "$work/tls/server.pem" --key "$work/tls/server.key"
    client="--cafile $work/tls/ca.pem"
else
    echo "no openssl command: the demo runs over plain HTTP"
    scheme=http
    client="--no-privacy"
fi
: >"$work/out" # exists before the server's shell opens it: the loop below reads it at once
"$build/server/mofbind-server" "$@" >"$work/out" 2>"$work/log" &
pid=$!
addr=
i=0
while [ $i -lt 100 ] && [ -z "$addr" ]; do
    addr=$(sed -n 's/^listening on //p' "$work/out")
    [ -n "$addr" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
[ -n "$addr" ] || { echo "FAIL: mofbind-server did not start"; cat "$work/log"; exit 1; }

status=0
# shellcheck disable=SC2086
"$build/examples/demo" --user demo --password-file "$work/password" $client \
    "$scheme://$addr/wsman" >"$work/demo.out" 2>&1 || status=$?
cat "$work/demo.out"
# Idle, the server stops at once on SIGTERM (issue 14 asks for 100 ms; measured here about 20;
# the bound is loose so that a loaded machine does not fail it, a hang still does).
sleep 0.2
t0=$(date +%s%N)
kill -TERM "$pid"
wait "$pid" || { echo "FAIL: mofbind-server did not stop cleanly"; exit 1; }
ms=$((($(date +%s%N) - t0) / 1000000))
echo "mofbind-server stopped $ms ms after SIGTERM"
[ "$ms" -lt 2000 ] || { echo "FAIL: $ms ms from SIGTERM to exit"; exit 1; }
pid=
[ "$status" = 0 ] || { echo "FAIL: the demo exited with $status"; exit 1; }
grep -q '^8 steps, all as expected$' "$work/demo.out" || { echo "FAIL: summary line"; exit 1; }
# The method was answered by the demo provider (MIReturn is the level, Message says so).
grep -q '^       ReturnValue 1, Message "reset demo-1 to level 1 (forced)"' "$work/demo.out" ||
    { echo "FAIL: Reset's ReturnValue and Message"; exit 1; }
# Nine requests: Create x3, Get, Enumerate, Invoke, Delete x2, Get (and the provider's line).
n=$(grep -c '^[A-Z][a-z]* Win32_Foo MI_RESULT_' "$work/log" || true)
[ "$n" = 9 ] || { echo "FAIL: the server logged $n requests, not 9"; cat "$work/log"; exit 1; }
# scripts/demo.sh regenerates the bindings the build made: that must rewrite no file (and so
# make the next build compile nothing again).
ls -l --time-style=+%s.%N "$build/examples/gen" >"$work/before"
"$build/generator/mofbind" -o "$build/examples/gen" --all "$src/schemas/demo.mof"
ls -l --time-style=+%s.%N "$build/examples/gen" >"$work/after"
cmp -s "$work/before" "$work/after" || {
    echo "FAIL: the demo's regeneration rewrote files:"; diff "$work/before" "$work/after"; exit 1
}
echo "PASS: the demo against mofbind-server"
