#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/valgrind.sh [BUILDDIR]: runs the runtime's and the server's Check suites and the
# end-to-end suites under valgrind memcheck with --leak-check=full --error-exitcode=1, so that
# any memory error or leak fails. BUILDDIR (default _build) is configured and built first when
# needed. CK_FORK=no keeps each test in the process valgrind watches; MOFBIND_TEST_SLOW
# stretches the suites' time bounds. VALGRIND_JOBS (default: the number of CPUs) suites run at
# a time, the longest first; on a 2-CPU machine the whole run takes about two minutes. Left out:
# the generator's suites (no runtime or server code), the fuzz replays (a libFuzzer harness
# keeps its session for the life of the process, by design) and tests/test_krb5 (it needs the
# KDC tests/krb5.sh makes).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
case $build in /*) ;; *) build="$top/$build" ;; esac
command -v valgrind >/dev/null 2>&1 || {
    echo "scripts/valgrind.sh: no valgrind (apt-get install valgrind)" >&2
    exit 1
}
[ -f "$build/Makefile" ] || "$top/scripts/build.sh" "$build"
# Longest first (seconds under valgrind on the 2-CPU CI machine in brackets).
tests="tests/test_wsman tests/test_client tests/test_client_failalloc tests/test_e2e
tests/test_server tests/test_e2e_fail tests/test_hostile_peer tests/test_hostile_client
tests/test_e2e_tls tests/test_e2e_scale tests/test_server_assoc tests/test_server_proc
tests/test_server_captures tests/test_server_client tests/test_server_state tests/test_wsman_ref
tests/test_core tests/test_mi_header_cxx tests/test_provider_host tests/test_e2e_provider
tests/test_server_class tests/test_wsman_variants tests/test_server_events
tests/test_server_indications tests/test_provider_indications tests/test_provider_life
tests/test_e2e_mof3 tests/test_http1"
# (test_wsman 40, test_client 37, test_client_failalloc 19, test_e2e 13, test_server 13,
# test_e2e_fail 12, test_hostile_peer 11, test_hostile_client 10, the rest 7 or less; the
# provider suites run their provider hosts outside valgrind.)
# shellcheck disable=SC2086
make -C "$build" -s $tests server/mofbind-server
for t in $tests; do
    rm -f "$build/$t.valgrind.rc" "$build/$t.valgrind.log" "$build/$t.valgrind.out"
done
export CK_FORK=no MOFBIND_TEST_SLOW="${MOFBIND_TEST_SLOW:-10}" MOFBIND_SRCDIR="$top"
export CK_DEFAULT_TIMEOUT=600 top build
jobs=${VALGRIND_JOBS:-$(nproc 2>/dev/null || echo 2)}
# Each suite writes its output, valgrind's log and its exit status beside its binary; the
# results are reported in order once all are done.
# shellcheck disable=SC2016,SC2086
printf '%s\n' $tests | xargs -P "$jobs" -I '{}' sh -c '
    t=$1 rc=0
    cd "$build" # (as make check runs them: test_server_proc starts ./server/mofbind-server)
    "$build/libtool" --mode=execute valgrind -q --tool=memcheck --leak-check=full \
        --error-exitcode=1 --track-fds=no --num-callers=30 \
        --suppressions="$top/tests/valgrind.supp" --log-file="$build/$t.valgrind.log" \
        "$build/$t" >"$build/$t.valgrind.out" 2>&1 || rc=$?
    echo "$rc" >"$build/$t.valgrind.rc"' sh '{}'
status=0
for t in $tests; do
    log="$build/$t.valgrind.log"
    rc=$(cat "$build/$t.valgrind.rc" 2>/dev/null || echo "not run")
    printf '%s: ' "$t"
    if [ "$rc" = 0 ] && ! grep -q '^==[0-9]*== ' "$log"; then
        echo "clean ($(grep -E '^[0-9]+%: Checks' "$build/$t.valgrind.out" || echo ok))"
    elif [ "$rc" = 77 ]; then
        echo "skipped"
    else
        echo "FAILED (exit $rc)"
        tail -n 40 "$build/$t.valgrind.out"
        head -n 150 "$log"
        status=1
    fi
done
exit "$status"
