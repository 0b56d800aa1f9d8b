#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/cli.sh: the mofbind command line: --help, --version, usage errors, --check and
# --syntax-only summaries, and the two shared CIM schemas (skipped where ../shared is absent).
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
mofbind=${MOFBIND_BUILDDIR:-$srcdir}/generator/mofbind
tmp=$(mktemp -d) || exit 99
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect NAME STATUS STDOUT-PATTERN STDERR-PATTERN -- ARGS...
expect() {
    name=$1 want=$2 outpat=$3 errpat=$4
    shift 5
    "$mofbind" "$@" >"$tmp/out" 2>"$tmp/err"
    got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL $name: exit $got, expected $want"; cat "$tmp/err" | head -n 20
        fail=$((fail + 1)); return
    fi
    if [ -n "$outpat" ] && ! grep -qE -e "$outpat" "$tmp/out"; then
        echo "FAIL $name: stdout lacks /$outpat/"; head -n 20 "$tmp/out"
        fail=$((fail + 1)); return
    fi
    if [ "$errpat" = "EMPTY" ]; then
        if [ -s "$tmp/err" ]; then
            echo "FAIL $name: stderr not empty"; head -n 20 "$tmp/err"
            fail=$((fail + 1)); return
        fi
    elif [ -n "$errpat" ] && ! grep -qE -e "$errpat" "$tmp/err"; then
        echo "FAIL $name: stderr lacks /$errpat/"; head -n 20 "$tmp/err"
        fail=$((fail + 1)); return
    fi
    pass=$((pass + 1))
}

expect help 0 '^Usage: mofbind' EMPTY -- --help
expect help-check-option 0 '--syntax-only' EMPTY -- --help
expect version 0 '^mofbind [0-9]+\.[0-9]+' EMPTY -- --version
expect no-input 1 '' 'no input files' -- --check
expect bad-option 1 '' "Try 'mofbind --help'" -- --bogus
expect no-mode 1 '' 'nothing to do' -- "$srcdir/tests/data/good.mof"
expect missing-file 1 '' 'nonexistent\.mof.*(No such file|cannot open|error)' -- \
    --check "$tmp/nonexistent.mof"
expect check-good 0 '^root/test: 2 classes, 1 instances' EMPTY -- \
    --check "$srcdir/tests/data/good.mof"
expect syntax-good 0 '^2 classes, 1 instances' EMPTY -- \
    --syntax-only "$srcdir/tests/data/good.mof"

# MOF as other compilers' users write it (tests/data/wild): WMI, DSC, Pegasus/OpenLMI styles.
wild=$srcdir/tests/data/wild
expect wild-wmi 0 '^root/cimv2/ms_409: 1 classes' "WMI system class '__Win32Provider'" -- \
    --check "$wild/wmi-provider.mof"
expect wild-dsc 0 '^root/cimv2: 3 classes, 2 instances' EMPTY -- --check "$wild/dsc-resource.mof"
expect wild-pegasus 0 '^root/PG_InterOp: 3 classes, 3 instances, 2 qualifier' EMPTY -- \
    --check "$wild/pegasus-style.mof"
# The same WMI file as WMI tools save it: UTF-16LE with a BOM and CRLF line ends.
if command -v iconv >/dev/null 2>&1; then
    { printf '\377\376'; sed 's/$/\r/' "$wild/wmi-provider.mof" | iconv -f UTF-8 -t UTF-16LE; } \
        >"$tmp/wmi16.mof"
    expect wild-wmi-utf16 0 '^root/cimv2/ms_409: 1 classes' "wmi16.mof:6:1: warning" -- \
        --check "$tmp/wmi16.mof"
else
    echo "SKIP wild-wmi-utf16: iconv not found"
fi

# MOF 3 (tests/data/mof3, the shapes of DSP0221 3.0.1's GOLF example): every file parses on
# its own with --syntax-only, and the schema resolves.
mof3=$srcdir/tests/data/mof3
for f in "$mof3"/*.mof "$mof3"/enums/*.mof "$mof3"/structs/*.mof; do
    expect "mof3-syntax-$(basename "$f")" 0 'classes' EMPTY -- --syntax-only "$f"
done
expect mof3-check 0 \
    '^root/cimv2: 5 classes, 6 structures, 9 enumerations, 2 instances, 4 qualifier' EMPTY -- \
    --check "$mof3/schema.mof"
expect mof3-strict 0 '^root/cimv2: 5 classes' EMPTY -- --check --strict "$mof3/schema.mof"

shared=${MOFBIND_SHARED:-$srcdir/../shared}
if [ -f "$shared/mof/cim-schema/cim_schema_2.49.0.mof" ]; then
    expect cim-2.49 0 '^root/cimv2: 1631 classes, 0 instances' EMPTY -- \
        --check "$shared/mof/cim-schema/cim_schema_2.49.0.mof"
    expect cim-2.32 0 '^root/cimv2: 1418 classes, 0 instances' EMPTY -- \
        --check "$shared/mof/cim-schema-old/cim_schema_2.32.0.mof"
else
    echo "SKIP cim-2.49, cim-2.32: shared CIM schemas not found at $shared (set MOFBIND_SHARED)"
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" = 0 ]
