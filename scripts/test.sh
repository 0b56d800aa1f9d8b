#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/test.sh: the whole test suite, from a fresh clone (second quick-start command).
# Installs what is missing (as root), builds in _build, runs `make check`, and ends with one
# line `check: N passed, N failed, N skipped`.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
"$top/scripts/deps.sh"
"$top/scripts/build.sh" _build --enable-werror
cd "$top/_build"
status=0
make -j"$(nproc)" -s check >check.out 2>&1 || status=$?
grep -E '^(PASS|FAIL|SKIP|XFAIL|XPASS|ERROR):' check.out || true
"$top/scripts/summary.sh" . || true
if [ "$status" != 0 ]; then
    for log in $(grep -lE '^:test-result: (FAIL|ERROR)' $(find . -name '*.trs') 2>/dev/null |
                 sed 's/\.trs$/.log/'); do
        echo "---- $log"
        tail -n 60 "$log"
    done
fi
exit "$status"
