#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/badmof.sh: the bad-MOF suite. Each tests/badmof/NAME.mof must make `mofbind --check`
# (or the options on a first line `// args: ...`) exit with status 1 and print exactly
# tests/badmof/NAME.err on stderr. A leniency (a form other compilers accept) has a second
# expectation, NAME.strict.err: without --strict the run exits 0 printing exactly NAME.err (its
# warnings, or nothing for a dialect's ordinary form), and with --strict it exits 1 printing
# exactly NAME.strict.err. Run from that directory so paths in messages are relative.
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
mofbind=${MOFBIND_BUILDDIR:-$srcdir}/generator/mofbind
cd "$srcdir/tests/badmof" || exit 99
pass=0 fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
# run_case LABEL EXPECTED-STDERR EXPECTED-STATUS ARGS...
run_case() {
    label=$1 expect=$2 want=$3
    shift 3
    "$mofbind" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" != "$want" ]; then
        echo "FAIL $label: exit status $status, expected $want"
        sed -n 1,10p "$tmp/err"
        fail=$((fail + 1))
    elif ! cmp -s "$tmp/err" "$expect"; then
        echo "FAIL $label: stderr differs from $expect"
        diff -u "$expect" "$tmp/err" | head -n 30
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
}

for mof in *.mof; do
    [ -e "$mof" ] || continue
    case "$mof" in inc-*) continue ;; esac   # included by other cases
    name=${mof%.mof}
    args=$(sed -n '1s|^// args: ||p' "$mof")
    [ -n "$args" ] || args=--check
    want=1
    [ -e "$name.strict.err" ] && want=0
    # shellcheck disable=SC2086
    run_case "$name" "$name.err" "$want" $args "$mof"
    if [ "$want" = 0 ]; then
        # shellcheck disable=SC2086
        run_case "$name --strict" "$name.strict.err" 1 $args --strict "$mof"
    fi
done
echo "badmof: $pass passed, $fail failed"
[ $((pass + fail)) -gt 0 ] || { echo "no cases found"; exit 99; }
[ "$fail" = 0 ]
