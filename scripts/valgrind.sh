#!/bin/sh
# scripts/valgrind.sh [BUILDDIR]: runs the end-to-end suites (tests/test_e2e*) under valgrind
# memcheck with --leak-check=full --error-exitcode=1, so that any memory error or leak fails.
# BUILDDIR (default _build) is configured and built first when needed. CK_FORK=no keeps each
# test in the process valgrind watches; MOFBIND_TEST_SLOW stretches the suites' time bounds.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
case $build in /*) ;; *) build="$top/$build" ;; esac
command -v valgrind >/dev/null 2>&1 || {
    echo "scripts/valgrind.sh: no valgrind (apt-get install valgrind)" >&2
    exit 1
}
[ -f "$build/Makefile" ] || "$top/scripts/build.sh" "$build"
tests="tests/test_e2e tests/test_e2e_fail tests/test_e2e_tls"
# shellcheck disable=SC2086
make -C "$build" -s $tests
export CK_FORK=no MOFBIND_TEST_SLOW="${MOFBIND_TEST_SLOW:-10}" MOFBIND_SRCDIR="$top"
export CK_DEFAULT_TIMEOUT=600
# The suites run side by side (they mostly wait on sockets and timers), then are reported in
# order.
for t in $tests; do
    (
        rc=0
        "$build/libtool" --mode=execute valgrind -q --tool=memcheck --leak-check=full \
            --error-exitcode=1 --track-fds=no --num-callers=30 \
            --suppressions="$top/tests/valgrind.supp" --log-file="$build/$t.valgrind.log" \
            "$build/$t" >"$build/$t.valgrind.out" 2>&1 || rc=$?
        echo "$rc" >"$build/$t.valgrind.rc"
    ) &
done
wait
status=0
for t in $tests; do
    log="$build/$t.valgrind.log"
    rc=$(cat "$build/$t.valgrind.rc")
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
