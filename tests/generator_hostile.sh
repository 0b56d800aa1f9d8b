#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/generator_hostile.sh: mofbind under hostile conditions (issue 8). A failing compile leaves
# no output file created or changed; a full disk (/dev/full) on standard output is an error
# with exit 1; pathological MOF (include cycles, an include chain of 1,000 files, lines and
# strings of megabytes, 100,000 classes) gives a result or a diagnostic, never a crash, in
# bounded CPU time and memory that grows linearly with the input; and with each allocation failing
# in turn (tests/mofbind-failalloc, MOFBIND_FAIL_ALLOC=N) a run either succeeds with the right
# output or exits 1 with a message, leaving the outputs as they were.
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${MOFBIND_BUILDDIR:-$srcdir}
mofbind=$builddir/generator/mofbind
failalloc=$builddir/tests/mofbind-failalloc
golden=$srcdir/tests/golden
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

ok() { pass=$((pass + 1)); }
ko() { echo "FAIL $*"; fail=$((fail + 1)); }
# snap DIR: names, sizes, mtimes and contents of everything in DIR (dot files included).
snap() { (cd "$1" && for f in * .[!.]*; do [ -e "$f" ] && echo "$f $(stat -c '%s %Y' "$f") $(cksum <"$f")"; done); }
# sanitizer reports in a stderr file?
sane() { ! grep -q 'ERROR: AddressSanitizer\|ERROR: LeakSanitizer\|runtime error:' "$1"; }
# elapsed RUN...: runs it with stdout/stderr to $tmp/out and $tmp/err; sets st, secs (the CPU
# time it used, user and system, whole seconds: wall time on a shared machine measures the
# machine's load, not the program) and rss (kB).
elapsed() {
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -f '%U %S %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err"
        st=$?
        read -r usr sys rss <<EOF || { usr=0 sys=0 rss=0; }
$(tail -n 1 "$tmp/time")
EOF
        secs=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%d", u + s }')
    else
        "$@" >"$tmp/out" 2>"$tmp/err"
        st=$? secs=0 rss=0
    fi
}
# The sanitizer build is slower and bigger: time bounds are doubled, memory bounds not checked.
asan=0
grep -q __asan_init "$mofbind" 2>/dev/null && asan=1

# ---- a failing compile leaves no output created or changed ----
(cd "$golden" && "$mofbind" -o "$tmp/out1" --all gen_test.mof) || ko "generate"
touch -d '2001-02-03 04:05:06' "$tmp"/out1/*
snap "$tmp/out1" >"$tmp/s1"
mkdir "$tmp/bad"
cp "$golden/gen_test.mof" "$tmp/bad/sem.mof"
printf 'class Broken : No_Such_Base { };\n' >>"$tmp/bad/sem.mof"
cp "$golden/gen_test.mof" "$tmp/bad/syn.mof"
printf 'class Half {\n' >>"$tmp/bad/syn.mof"
for f in sem syn; do
    if "$mofbind" -o "$tmp/out1" --all "$tmp/bad/$f.mof" 2>"$tmp/err"; then
        ko "$f.mof: a bad MOF compiled"
    else ok; fi
    grep -q "$f.mof:[0-9]*:[0-9]*: error:" "$tmp/err" && ok || { ko "$f.mof: no diagnostic"; cat "$tmp/err"; }
    snap "$tmp/out1" >"$tmp/s2"
    cmp -s "$tmp/s1" "$tmp/s2" && ok || { ko "$f.mof: the outputs changed"; diff "$tmp/s1" "$tmp/s2"; }
    "$mofbind" -o "$tmp/new-$f" --all "$tmp/bad/$f.mof" 2>/dev/null
    if [ -e "$tmp/new-$f" ] && [ -n "$(ls -A "$tmp/new-$f")" ]; then ko "$f.mof: files created"; else ok; fi
done
(cd "$golden" && "$mofbind" -o "$tmp/out1" --class No_Such_Class gen_test.mof 2>"$tmp/err") &&
    ko "an unknown --class succeeded" || ok
snap "$tmp/out1" >"$tmp/s2"
cmp -s "$tmp/s1" "$tmp/s2" && ok || ko "an unknown --class changed the outputs"

# ---- a full disk on standard output ----
if [ -w /dev/full ] && [ -c /dev/full ]; then
    for mode in --check --syntax-only -M; do
        extra=""
        [ "$mode" = -M ] && extra="-o $tmp/m --all"
        # shellcheck disable=SC2086
        (cd "$golden" && "$mofbind" $mode $extra gen_test.mof >/dev/full 2>"$tmp/err")
        st=$?
        [ "$st" -eq 1 ] && ok || ko "$mode to /dev/full: exit $st"
        grep -q 'No space left on device' "$tmp/err" && ok || { ko "$mode to /dev/full: message"; cat "$tmp/err"; }
    done
else
    echo "skip: no /dev/full"
fi

# ---- an output that is not a regular file is neither read nor replaced ----
mkfifo "$tmp/fifo" 2>/dev/null && {
    (cd "$golden" && timeout 20 "$mofbind" -o "$tmp/outf" --all -MD -MF "$tmp/fifo" gen_test.mof 2>"$tmp/err")
    st=$?
    [ "$st" -eq 1 ] && grep -q 'not a regular file' "$tmp/err" && ok || { ko "-MF FIFO: exit $st"; cat "$tmp/err"; }
    [ -p "$tmp/fifo" ] && ok || ko "-MF FIFO: the FIFO was replaced"
    [ -e "$tmp/outf" ] && [ -n "$(ls -A "$tmp/outf")" ] && ko "-MF FIFO: outputs written" || ok
}
# A private device node, never /dev/full itself: a wrong answer would replace it.
if [ "$(id -u)" = 0 ] && mknod "$tmp/full" c 1 7 2>/dev/null; then
    (cd "$golden" && "$mofbind" -o "$tmp/outd" --all -MD -MF "$tmp/full" gen_test.mof 2>"$tmp/err")
    st=$?
    [ "$st" -eq 1 ] && grep -q 'not a regular file' "$tmp/err" && ok || { ko "-MF device: exit $st"; cat "$tmp/err"; }
    [ -c "$tmp/full" ] && ok || ko "-MF device: the device node was replaced by a file"
fi

# ---- pathological MOF ----
cd "$tmp" || exit 99
printf '#pragma include ("cyc_b.mof")\nclass A { };\n' >cyc_a.mof
printf '#pragma include ("cyc_a.mof")\nclass B { };\n' >cyc_b.mof
printf '#pragma include ("self.mof")\n' >self.mof
for f in cyc_a self; do
    elapsed "$mofbind" --check "$f.mof"
    [ "$st" -eq 1 ] && grep -q "includes itself" "$tmp/err" && ok ||
        { ko "$f.mof: include cycle: exit $st"; head -n 5 "$tmp/err"; }
done
i=0
while [ $i -lt 1000 ]; do
    printf '#pragma include ("chain%d.mof")\nclass Chain%d { };\n' $((i + 1)) $i >"chain$i.mof"
    i=$((i + 1))
done
printf 'class Chain1000 { };\n' >chain1000.mof
elapsed "$mofbind" --check chain0.mof
[ "$st" -eq 1 ] && grep -q "nest deeper than" "$tmp/err" && ok ||
    { ko "include chain of 1,000: exit $st"; head -n 5 "$tmp/err"; }
[ "$secs" -le 10 ] && ok || ko "include chain of 1,000: $secs s"
# 60 levels are fine.
printf 'class Chain60 { };\n' >chain60.mof
elapsed "$mofbind" --check chain0.mof
[ "$st" -eq 1 ] && grep -q "nest deeper than" "$tmp/err" && ko "60 levels refused" || ok

# gen NAME: writes a pathological MOF file NAME.mof (awk, so that it is quick).
gen() {
    case $1 in
    classes) awk -v n="$2" 'BEGIN { for (i = 0; i < n; i++) printf "class C%d { uint32 P; string S = \"x\"; };\n", i }' ;;
    longstring) awk 'BEGIN { s = "aaaaaaaaaaaaaaaa"; while (length(s) < 8388608) s = s s; printf "class L { string S = \"%s\"; };\n", s }' ;;
    spaces) awk 'BEGIN { s = "                "; while (length(s) < 4194304) s = s s; printf "class L { uint32 P; };%s\n", s }' ;;
    comment) awk 'BEGIN { s = "cccccccccccccccc"; while (length(s) < 4194304) s = s s; printf "class L { uint32 P; }; // %s\n", s }' ;;
    longname) awk 'BEGIN { s = "bbbbbbbbbbbbbbbb"; while (length(s) < 1048576) s = s s; printf "class L%s { uint32 P; };\n", s }' ;;
    joined) awk 'BEGIN { printf "class J { string S = "; for (i = 0; i < 500000; i++) printf "\"ab\" "; printf "; };\n" }' ;;
    props) awk 'BEGIN { printf "class P {\n"; for (i = 0; i < 100000; i++) printf "uint32 P%d;\n", i; printf "};\n" }' ;;
    garbage) awk 'BEGIN { srand(7); for (i = 0; i < 200000; i++) printf "%c", int(rand() * 255) + 1 }' ;;
    esac >"$1.mof"
}
limit=10
[ $asan -eq 1 ] && limit=20
for f in longstring spaces comment longname joined props garbage; do
    gen $f
    elapsed "$mofbind" --check --max-errors=0 "$f.mof"
    size=$(($(stat -c %s "$f.mof") / 1024))
    if [ "$st" -eq 0 ] || { [ "$st" -eq 1 ] && grep -q "$f.mof:[0-9]*:[0-9]*: error:" "$tmp/err"; }; then
        ok
    else
        ko "$f.mof: exit $st"; head -c 600 "$tmp/err"
    fi
    sane "$tmp/err" && ok || { ko "$f.mof: sanitizer report"; head -n 20 "$tmp/err"; }
    [ "$secs" -le $limit ] && ok || ko "$f.mof ($size kB): $secs s"
    if [ $asan -eq 0 ] && [ "$rss" -gt $((40 * size + 65536)) ]; then
        ko "$f.mof ($size kB): $rss kB of memory"
    else ok; fi
    rm -f "$f.mof"
done

# 100,000 classes: a result, and memory that grows linearly (100,000 classes take at most about
# twice what 50,000 take, over what one takes).
gen classes 1 && elapsed "$mofbind" --check classes.mof && rss1=$rss
gen classes 50000 && elapsed "$mofbind" --check classes.mof && rss50=$rss
gen classes 100000
elapsed "$mofbind" --check classes.mof
[ "$st" -eq 0 ] && grep -q '^root/cimv2: 100000 classes' "$tmp/out" && ok ||
    { ko "100,000 classes: exit $st"; head -n 5 "$tmp/err" "$tmp/out"; }
[ "$secs" -le $((limit * 3)) ] && ok || ko "100,000 classes: $secs s"
if [ "$rss" -gt 0 ] && [ $asan -eq 0 ]; then
    size=$(($(stat -c %s classes.mof) / 1024))
    [ "$rss" -le $((40 * size + 65536)) ] && ok || ko "100,000 classes ($size kB): $rss kB"
    [ $((rss - rss1)) -le $((5 * (rss50 - rss1) / 2)) ] && ok ||
        ko "memory not linear: 1 class $rss1 kB, 50,000 $rss50 kB, 100,000 $rss kB"
fi
elapsed "$mofbind" -o "$tmp/big" --class C99999 classes.mof
[ "$st" -eq 0 ] && [ -f "$tmp/big/C99999.h" ] && ok || { ko "generate 1 of 100,000: exit $st"; head -n 5 "$tmp/err"; }
rm -f classes.mof

# ---- each allocation failing in turn ----
if [ -x "$failalloc" ]; then
    # fa_run N ARGS...: mofbind-failalloc from tests/golden failing allocation N (0: none).
    fa_run() {
        n=$1
        shift
        (cd "$golden" && MOFBIND_FAIL_ALLOC=$n MOFBIND_FAIL_ALLOC_REPORT=1 \
            ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0:exitcode=99" \
            "$failalloc" "$@" >"$tmp/out" 2>"$tmp/err")
        st=$?
    }
    (cd "$golden" && "$mofbind" --check gen_test.mof >"$tmp/check.want")
    (cd "$golden" && "$mofbind" -o "$tmp/fa" --all gen_test.mof)
    touch -d '2001-02-03 04:05:06' "$tmp"/fa/*
    snap "$tmp/fa" >"$tmp/fa.snap"
    for mode in check generate; do
        if [ $mode = check ]; then set -- --check gen_test.mof; else set -- -o "$tmp/fa" --all gen_test.mof; fi
        fa_run 0 "$@"
        total=$(sed -n 's/^failalloc: \([0-9]*\) allocations$/\1/p' "$tmp/err")
        [ -n "$total" ] && [ "$total" -gt 5 ] || { ko "failalloc $mode: no count"; cat "$tmp/err"; continue; }
        bad=0 failed=0 n=1
        while [ $n -le "$total" ] && [ $bad -lt 5 ]; do
            fa_run $n "$@"
            why=""
            if ! sane "$tmp/err" || { [ $st -ne 0 ] && [ $st -ne 1 ]; }; then
                why="exit $st"
            elif [ $st -eq 1 ]; then
                failed=$((failed + 1))
                grep -q '^mofbind: \|error\|^out of dynamic memory' "$tmp/err" || why="exit 1 without a message"
                if [ $mode = generate ]; then
                    snap "$tmp/fa" >"$tmp/fa.now"
                    cmp -s "$tmp/fa.snap" "$tmp/fa.now" || why="a failed run changed the outputs"
                fi
            elif [ $mode = check ]; then
                cmp -s "$tmp/out" "$tmp/check.want" || why="exit 0 with a wrong summary"
            else
                diff -r "$golden/gen_test" "$tmp/fa" >/dev/null || why="exit 0 with wrong outputs"
                touch -d '2001-02-03 04:05:06' "$tmp"/fa/*
                snap "$tmp/fa" >"$tmp/fa.snap"
            fi
            if [ -n "$why" ]; then
                ko "failalloc $mode, allocation $n of $total: $why"
                head -n 20 "$tmp/err"
                bad=$((bad + 1))
            else ok; fi
            n=$((n + 1))
        done
        echo "failalloc $mode: $total allocations, each failing in turn: $failed runs exited 1," \
            "the rest succeeded"
    done
else
    echo "skip: $failalloc not built"
fi

echo "generator_hostile: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
