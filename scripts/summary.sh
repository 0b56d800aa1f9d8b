#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/summary.sh BUILDDIR: one closing line for a `make check` run: the Check test cases
# counted from the suites' logs, plus the script tests, as `check: N passed, N failed, N skipped`.
set -eu
cd "${1:-.}"
pass=0 fail=0 skip=0
for trs in $(find . -name '*.trs'); do
    log=${trs%.trs}.log
    res=$(sed -n 's/^:test-result: //p' "$trs" | head -n 1)
    # A Check suite prints "NN%: Checks: N, Failures: F, Errors: E".
    line=$(grep -E '^[0-9]+%: Checks: [0-9]+' "$log" 2>/dev/null | tail -n 1 || true)
    if [ -n "$line" ]; then
        n=$(echo "$line" | sed 's/.*Checks: \([0-9]*\).*/\1/')
        f=$(echo "$line" | sed 's/.*Failures: \([0-9]*\).*/\1/')
        e=$(echo "$line" | sed 's/.*Errors: \([0-9]*\).*/\1/')
        pass=$((pass + n - f - e))
        fail=$((fail + f + e))
        [ "$res" = PASS ] || [ $((f + e)) -gt 0 ] || fail=$((fail + 1))
    else
        case "$res" in
        PASS|XFAIL) pass=$((pass + 1)) ;;
        SKIP) skip=$((skip + 1)) ;;
        *) fail=$((fail + 1)) ;;
        esac
    fi
done
echo "check: $pass passed, $fail failed, $skip skipped"
