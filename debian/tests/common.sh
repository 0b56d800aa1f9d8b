# SPDX-License-Identifier: MIT
# debian/tests/common.sh: what the package tests share (sourced): a scratch directory, a
# failure helper, the check that a program uses the installed libmofbind, and mofbind-server
# started from /usr/bin on a free loopback port with a throwaway password; at exit the server
# is stopped and a scratch directory of its own removed.

set -eu
tmp=${AUTOPKGTEST_TMP:-}
own_tmp=
if [ -z "$tmp" ]; then
    tmp=$(mktemp -d)
    own_tmp=$tmp
fi
# Nothing of a build tree on any search path: the installed packages only.
unset MOFBIND MOFBIND_SERVER MOFBIND_CFLAGS MOFBIND_LIBS CFLAGS CPPFLAGS LDFLAGS \
    PKG_CONFIG_PATH ACLOCAL_PATH CMAKE_PREFIX_PATH LD_LIBRARY_PATH
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
werror="-g -O2 -Wall -Wextra -Wpedantic -Werror"

die() { echo "FAIL: $*"; exit 1; }

# uses_installed_lib PROGRAM: PROGRAM loads libmofbind from the system library directory.
uses_installed_lib() {
    ldd "$1" | grep -qE 'libmofbind\.so\.0 => /(usr/)?lib/' ||
        die "$1 does not load the installed libmofbind: $(ldd "$1")"
}

# start_server DIR ARGS...: runs /usr/bin/mofbind-server ARGS on 127.0.0.1:0 with the user
# 'test' and a throwaway password (DIR/pw, mode 600); sets addr (host:port) and server_pid.
server_pid=
stop_server() {
    if [ -n "$server_pid" ]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=
}
cleanup() {
    stop_server
    if [ -n "$own_tmp" ]; then rm -rf "$own_tmp"; fi
}
trap cleanup EXIT
start_server() {
    dir=$1
    shift
    (umask 077 && od -An -N16 -tx1 /dev/urandom | tr -d ' \n' >"$dir/pw")
    : >"$dir/server.out"
    /usr/bin/mofbind-server --listen 127.0.0.1:0 --user test --password-file "$dir/pw" "$@" \
        >"$dir/server.out" 2>"$dir/server.err" &
    server_pid=$!
    addr=
    i=0
    while [ $i -lt 100 ]; do
        addr=$(sed -n 's/^listening on //p' "$dir/server.out")
        [ -n "$addr" ] && return 0
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
        i=$((i + 1))
    done
    cat "$dir/server.err"
    die "mofbind-server did not start"
}
