#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/inventory.sh: runs ./inventory against mofbind-server, started on a free loopback port
# with the schema of this project and a throwaway password, and checks what it printed. With
# INVENTORY_PROVIDER set (tests/inventory-provider.sh), the server serves Inv_Host from that
# provider module instead of from memory.
set -u
srcdir=${srcdir:-.}
server=${MOFBIND_SERVER:-}
if [ -z "$server" ] || [ ! -x "$server" ]; then
    echo "SKIP: mofbind-server not found (set MOFBIND_SERVER)"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
pid=
cleanup() {
    if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# A throwaway password, in a file only we can read: never on a command line.
(umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$tmp/pw") || exit 99
"$server" --listen 127.0.0.1:0 --user inventory --password-file "$tmp/pw" --quiet \
    -I "$srcdir/schema" --schema "$srcdir/schema/inventory.mof" \
    ${INVENTORY_PROVIDER:+--provider "$INVENTORY_PROVIDER"} >"$tmp/server.out" \
    2>"$tmp/server.err" &
pid=$!
i=0
port=
while [ $i -lt 100 ]; do
    port=$(sed -n 's/^listening on 127\.0\.0\.1:\([0-9][0-9]*\)$/\1/p' "$tmp/server.out")
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
    i=$((i + 1))
done
if [ -z "$port" ]; then
    echo "FAIL: mofbind-server did not start:"
    cat "$tmp/server.err"
    exit 1
fi

INVENTORY_PASSWORD=$(cat "$tmp/pw") ./inventory "http://127.0.0.1:$port/wsman" inventory \
    >"$tmp/out" 2>"$tmp/err"
rc=$?
cat "$tmp/out"
cat "$tmp/err"
if [ $rc -ne 0 ]; then
    echo "FAIL: inventory exited $rc"
    exit 1
fi
for want in 'host web1: 16 cores, tags rack-7 prod' \
    'disk web1/sda: ACME 2000, 2000398934016 bytes' '1 disk' 'inventory: ok'; do
    if ! grep -qxF "$want" "$tmp/out"; then
        echo "FAIL: the output lacks '$want'"
        exit 1
    fi
done
if [ -n "${INVENTORY_PROVIDER:-}" ] &&
    ! grep -q "provider ${INVENTORY_PROVIDER##*/}: serving 1 class" "$tmp/server.err"; then
    echo "FAIL: the server did not serve Inv_Host from ${INVENTORY_PROVIDER}:"
    cat "$tmp/server.err"
    exit 1
fi
# A wrong password is refused.
if INVENTORY_PASSWORD=wrong ./inventory "http://127.0.0.1:$port/wsman" inventory \
    >"$tmp/out2" 2>&1; then
    echo "FAIL: a wrong password was accepted"
    exit 1
fi
echo "PASS"
