#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/krb5.sh: runs tests/test_krb5 (Kerberos logins through libmofbind) beside a throwaway
# MIT KDC made here, as an ordinary user, with everything in one temporary directory: realm
# MOFBIND.TEST on a free loopback port, the principals mofuser and HTTP/127.0.0.1, keytabs for
# both (and a stale one for the service: a key the KDC has since replaced), and mofuser's ticket
# in a private credential cache. The KDC is killed by its PID on the way out. Skips (77) when
# the KDC tools (krb5-kdc, krb5-admin-server, krb5-user) are missing or the test was not built
# (configure found no krb5-gssapi: libkrb5-dev).
set -eu
build=${MOFBIND_BUILDDIR:?run from make check}
realm=MOFBIND.TEST

if [ ! -x "$build/tests/test_krb5" ]; then
    echo "SKIP: tests/test_krb5 was not built: configure found no krb5-gssapi" \
        "(apt-get install libkrb5-dev, then configure again)"
    exit 77
fi
tool() {
    for d in $(echo "$PATH" | tr ':' ' ') /usr/sbin /usr/local/sbin /sbin; do
        [ -x "$d/$1" ] && { echo "$d/$1"; return 0; }
    done
    return 1
}
krb5kdc=$(tool krb5kdc) && kdb5_util=$(tool kdb5_util) && kadmin_local=$(tool kadmin.local) &&
    kinit=$(tool kinit) || {
    echo "SKIP: no KDC tools (krb5kdc, kdb5_util, kadmin.local, kinit):" \
        "apt-get install krb5-kdc krb5-admin-server krb5-user"
    exit 77
}

work=$(mktemp -d "${TMPDIR:-/tmp}/mofbind-krb5.XXXXXX")
pid=
cleanup() {
    if [ -n "$pid" ]; then
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM HUP
umask 077

# Nothing of the machine's Kerberos setup is read or written: private profiles, keytab,
# credential cache and replay cache.
export KRB5_CONFIG="$work/krb5.conf" KRB5_KDC_PROFILE="$work/kdc.conf"
export KRB5CCNAME="FILE:$work/user.cc" KRB5_KTNAME="FILE:$work/http.keytab"
export KRB5_CLIENT_KTNAME="FILE:$work/none.keytab" KRB5RCACHEDIR="$work"
unset KRB5_TRACE || true

profiles() {
    cat >"$work/krb5.conf" <<EOF
[libdefaults]
    default_realm = $realm
    dns_lookup_kdc = false
    dns_lookup_realm = false
    dns_canonicalize_hostname = false
    rdns = false
    udp_preference_limit = 1
    spake_preauth_groups = edwards25519
[realms]
    $realm = {
        kdc = 127.0.0.1:$1
    }
EOF
    cat >"$work/kdc.conf" <<EOF
[kdcdefaults]
    kdc_listen = 127.0.0.1:$1
    kdc_tcp_listen = 127.0.0.1:$1
[realms]
    $realm = {
        database_name = $work/principal
        key_stash_file = $work/stash
        acl_file = $work/kadm5.acl
        kdc_listen = 127.0.0.1:$1
        kdc_tcp_listen = 127.0.0.1:$1
    }
[logging]
    kdc = FILE:$work/kdc.log
    admin_server = FILE:$work/kadmin.log
    default = FILE:$work/krb5.log
EOF
}
kadmin() {
    "$kadmin_local" -r "$realm" -q "$1" >>"$work/kadmin.out" 2>&1 || {
        cat "$work/kadmin.out"
        exit 1
    }
}

profiles 0
"$kdb5_util" create -s -r "$realm" -P "master-$$-$(date +%s)" >"$work/kdb.out" 2>&1 || {
    cat "$work/kdb.out"
    exit 1
}
kadmin "addprinc -randkey mofuser"
kadmin "addprinc -randkey HTTP/127.0.0.1"
kadmin "ktadd -k $work/user.keytab mofuser"
kadmin "ktadd -k $work/stale.keytab HTTP/127.0.0.1"
kadmin "ktadd -k $work/http.keytab HTTP/127.0.0.1" # a new key: stale.keytab's is now wrong

# The KDC on a free port: a random one below Linux's ephemeral range (where the test's own
# peer gets its port), again when it is taken (krb5kdc exits when it cannot bind).
try=0
while :; do
    try=$((try + 1))
    port=$(($(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 12000 + 20000))
    profiles "$port"
    : >"$work/kdc.log"
    "$krb5kdc" -n -P "$work/kdc.pid" >"$work/kdc.out" 2>&1 &
    pid=$!
    i=0
    while [ $i -lt 100 ] && kill -0 "$pid" 2>/dev/null &&
        ! grep -q 'commencing operation' "$work/kdc.log"; do
        sleep 0.05
        i=$((i + 1))
    done
    grep -q 'commencing operation' "$work/kdc.log" && kill -0 "$pid" 2>/dev/null && break
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    pid=
    if [ $try -ge 10 ]; then
        echo "the KDC did not start:"
        cat "$work/kdc.out" "$work/kdc.log"
        exit 1
    fi
done
echo "KDC for $realm on 127.0.0.1:$port (pid $pid)"

"$kinit" -k -t "$work/user.keytab" "mofuser@$realm" || {
    cat "$work/kdc.log"
    exit 1
}

status=0
MOFBIND_KRB5_DIR=$work "$build/tests/test_krb5" || status=$?
if [ "$status" != 0 ] && [ "$status" != 77 ]; then
    echo "---- KDC log"
    tail -n 30 "$work/kdc.log"
fi
exit "$status"
