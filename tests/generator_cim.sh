#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/generator_cim.sh: bindings for every class of the shared DMTF CIM 2.49 schema, compiled
# with -Werror as C99 and as C++. To keep it quick the generated sources are compiled as a few
# unity files (each #includes a share of the .c files; every static name the generator emits
# carries its class's name, so they can share a translation unit), with -fsyntax-only, in
# parallel. Skips when the shared schemas are absent (MOFBIND_SHARED).
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${MOFBIND_BUILDDIR:-$srcdir}
mofbind=$builddir/generator/mofbind
shared=${MOFBIND_SHARED:-$srcdir/../shared}
mof=$shared/mof/cim-schema/cim_schema_2.49.0.mof
if [ ! -f "$mof" ]; then
    echo "SKIP: $mof not found (set MOFBIND_SHARED to the shared reference material)"
    exit 77
fi
cc= cxx=
for c in gcc clang; do command -v $c >/dev/null 2>&1 && { cc=$c; break; }; done
for c in g++ clang++; do command -v $c >/dev/null 2>&1 && { cxx=$c; break; }; done
if [ -z "$cc" ] || [ -z "$cxx" ]; then
    echo "SKIP: need a C and a C++ compiler"
    exit 77
fi
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
fail=0

start=$(date +%s%N)
if ! "$mofbind" -o "$tmp/gen" --all "$mof" 2>"$tmp/err"; then
    echo "FAIL: generating the CIM 2.49 bindings"; head -n 20 "$tmp/err"; exit 1
fi
end=$(date +%s%N)
n=$(ls "$tmp/gen" | grep -c '\.h$')
echo "generated $((n - 1)) classes in $(((end - start) / 1000000)) ms"
[ "$n" = 1632 ] || { echo "FAIL: expected 1631 classes and mofbind_gen.h, got $n headers"; fail=1; }

jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -gt 4 ] && jobs=4
(cd "$tmp/gen" && ls *.c) | awk -v n="$jobs" -v dir="$tmp" \
    '{ printf "#include \"%s\"\n", $0 > (dir "/unity" (NR % n) ".c") }'
cflags="-std=c99 -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes"
cxxflags="-std=c++11 -Wall -Wextra -Wpedantic -Werror -Wshadow"
inc="-I$tmp/gen -I$srcdir/runtime/include"
start=$(date +%s%N)
pids=""
for u in "$tmp"/unity*.c; do
    b=${u%.c}
    ( $cc $cflags $inc -fsyntax-only "$u" >"$b.c.err" 2>&1 && touch "$b.c.ok" ) &
    pids="$pids $!"
    ( $cxx -x c++ $cxxflags $inc -fsyntax-only "$u" >"$b.cxx.err" 2>&1 && touch "$b.cxx.ok" ) &
    pids="$pids $!"
done
wait $pids
end=$(date +%s%N)
for u in "$tmp"/unity*.c; do
    b=${u%.c}
    for lang in c cxx; do
        if [ ! -f "$b.$lang.ok" ]; then
            echo "FAIL: $(basename "$u") as $lang"; head -n 30 "$b.$lang.err"; fail=1
        fi
    done
done
echo "compiled as C ($cc) and C++ ($cxx), $jobs-way parallel, -fsyntax-only: $(((end - start) / 1000000)) ms"
[ "$fail" = 0 ] && echo "generator_cim: ok"
exit "$fail"
