#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/fuzz.sh [SECONDS]: builds the libFuzzer harnesses (`make fuzz`, clang) in _build and
# runs them side by side, each for SECONDS (default 60), on a copy of its seed corpus from
# tests/fuzz/NAME/ (the MOF harness also gets every MOF file of the tree). A crash leaves its
# input in _build/tests/fuzz/ and fails the run.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-60}
[ -f "$top/_build/Makefile" ] || "$top/scripts/build.sh" _build
make -C "$top/_build" -s fuzz
cd "$top/_build/tests/fuzz"
pids=""
for h in fuzz-*; do
    [ -x "$h" ] || continue
    name=${h#fuzz-}
    rm -rf "corpus-$name"
    mkdir -p "corpus-$name"
    [ -d "$top/tests/fuzz/$name" ] && cp -r "$top/tests/fuzz/$name/." "corpus-$name/"
    if [ "$name" = mof ]; then
        for f in "$top"/schemas/*.mof "$top"/tests/data/*.mof "$top"/tests/data/wild/*.mof \
                 "$top"/tests/data/mof3/*.mof "$top"/tests/data/mof3/*/*.mof \
                 "$top"/tests/badmof/*.mof; do
            [ -f "$f" ] && cp "$f" "corpus-$name/" || true
        done
    fi
    echo "fuzz: $h for ${secs}s"
    "./$h" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 "corpus-$name" >"$h.out" 2>&1 &
    pids="$pids $!:$h"
done
status=0
for p in $pids; do
    pid=${p%%:*} h=${p#*:}
    if wait "$pid"; then
        printf '%s: ' "$h"
        grep -E '^stat::number_of_executed_units' "$h.out" | tr '\n' ' ' || true
        grep -E '^stat::peak_rss_mb' "$h.out" || echo
    else
        echo "fuzz: $h FAILED"
        tail -n 60 "$h.out"
        status=1
    fi
done
exit "$status"
