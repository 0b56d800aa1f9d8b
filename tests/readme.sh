#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/readme.sh: the README, its pages in doc/ and the files that point into them agree: the
# benchmark table doc/benchmarks.md says is bench/baseline.md is that file's table, row for row;
# the README section mofbind.m4 sends its users to exists; every folder the README's source map
# names exists, and every folder of the product is in the map.
set -u
status=0
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
grep '^|' "$srcdir/bench/baseline.md" >"$tmp/want"
sed -n '/^The table below is `bench\/baseline.md`/,/^Machine:/p' "$srcdir/doc/benchmarks.md" |
    grep '^|' >"$tmp/got"
if [ -s "$tmp/want" ] && cmp -s "$tmp/want" "$tmp/got"; then
    echo "PASS: doc/benchmarks.md's table is bench/baseline.md's"
else
    echo "FAIL: doc/benchmarks.md's table differs from bench/baseline.md (< baseline, > doc):"
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
# The source map: each path its first column names exists (in a checkout: a release tarball
# leaves out debian/ and other packaging), and every folder of the product's code (generator/,
# runtime/, server/) is named, itself or a file in it.
sed -n '/^## Source map/,/^## [^S]/p' "$srcdir/README.md" | grep '^| [a-z.]' | grep -v '^| folder ' |
    cut -d'|' -f2 | tr ',' '\n' | sed 's/^ *//; s/ *$//' >"$tmp/map"
bad=
while read -r entry; do
    # shellcheck disable=SC2086
    set -- $srcdir/$entry
    [ -e "$1" ] || [ ! -e "$srcdir/.git" ] || bad="$bad $entry"
done <"$tmp/map"
for d in $(cd "$srcdir" && find generator runtime server -name '*.[ch]' | sed 's|/[^/]*$||' |
    sort -u); do
    grep -q "^$d/" "$tmp/map" || bad="$bad $d/(not in the map)"
done
if [ -s "$tmp/map" ] && [ -z "$bad" ]; then
    echo "PASS: the README's source map matches the tree"
else
    echo "FAIL: the README's source map and the tree differ:$bad"
    status=1
fi
exit $status
