#!/bin/sh
# tests/badmof.sh: the bad-MOF suite. Each tests/badmof/NAME.mof must make `mofbind --check`
# (or the options on a first line `// args: ...`) exit with status 1 and print exactly
# tests/badmof/NAME.err on stderr. Run from that directory so paths in messages are relative.
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
mofbind=${MOFBIND_BUILDDIR:-$srcdir}/generator/mofbind
cd "$srcdir/tests/badmof" || exit 99
pass=0 fail=0
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
for mof in *.mof; do
    [ -e "$mof" ] || continue
    case "$mof" in inc-*) continue ;; esac   # included by other cases
    name=${mof%.mof}
    args=$(sed -n '1s|^// args: ||p' "$mof")
    [ -n "$args" ] || args=--check
    # shellcheck disable=SC2086
    "$mofbind" $args "$mof" >"$tmp/out" 2>"$tmp/err"
    status=$?
    if [ "$status" != 1 ]; then
        echo "FAIL $name: exit status $status, expected 1"
        fail=$((fail + 1))
    elif ! cmp -s "$tmp/err" "$name.err"; then
        echo "FAIL $name: stderr differs from $name.err"
        diff -u "$name.err" "$tmp/err" | head -n 30
        fail=$((fail + 1))
    else
        pass=$((pass + 1))
    fi
done
echo "badmof: $pass passed, $fail failed"
[ $((pass + fail)) -gt 0 ] || { echo "no cases found"; exit 99; }
[ "$fail" = 0 ]
