#!/bin/sh
# tests/readme.sh: the README and the files that point into it agree: the benchmark table it says
# is bench/baseline.md is that file's table, row for row; the README section mofbind.m4 sends
# its users to exists.
set -u
status=0
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
grep '^|' "$srcdir/bench/baseline.md" >"$tmp/want"
sed -n '/^The table below is `bench\/baseline.md`/,/^Machine:/p' "$srcdir/README.md" |
    grep '^|' >"$tmp/got"
if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
    echo "PASS: README's benchmark table is bench/baseline.md's"
else
    echo "FAIL: README's benchmark table differs from bench/baseline.md (< baseline, > README):"
    diff "$tmp/want" "$tmp/got" | head -n 20
    status=1
fi
# m4/mofbind.m4: 'README, section "S", part "P"'.
m4text=$(sed 's/^# *//' "$srcdir/m4/mofbind.m4" | tr '\n' ' ')
sec=$(printf '%s' "$m4text" | sed -n 's/.*README, section "\([^"]*\)".*/\1/p')
part=$(printf '%s' "$m4text" | sed -n 's/.*README, section "[^"]*", part "\([^"]*\)".*/\1/p')
if [ -n "$sec" ] && grep -qxF "## $sec" "$srcdir/README.md" && [ -n "$part" ] &&
    grep -qxF "### $part" "$srcdir/README.md"; then
    echo "PASS: mofbind.m4 points at README \"$sec\", \"$part\""
else
    echo "FAIL: mofbind.m4 points at a README section that does not exist: '$sec' / '$part'"
    status=1
fi
exit $status
