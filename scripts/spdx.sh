#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/spdx.sh [--check]: puts an SPDX-License-Identifier line at the top of every source
# file git tracks that lacks one (after a #! line; in the file's own comment syntax): MIT, or
# LicenseRef-DMTF for the files that carry DMTF's copyright notice. Left alone: templates/
# (their text is the generated code's) and test inputs and goldens (tests/golden, tests/badmof,
# tests/data, tests/server, the fuzz corpora, captures), whose bytes and line numbers tests
# compare, and files that allow no comment (LICENSE*, debian/changelog, debian/copyright,
# debian/source/format, the symbols file). Idempotent. With --check it changes nothing and
# lists the files that lack the line (exit 1 when there are some).
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
check=no
[ "${1:-}" = --check ] && check=yes

# style FILE: the comment form of FILE's SPDX line (c, hash, dnl, mof, roff), or nothing.
style() {
    case $1 in
    templates/* | tests/golden/* | tests/badmof/* | tests/data/* | tests/server/*) ;;
    tests/fuzz/*/*) ;;
    LICENSE | LICENSES/* | debian/changelog | debian/copyright | debian/source/format) ;;
    */CMakeLists.txt) echo hash ;;
    *.symbols | *.md | *.txt | *.xml | *.err | *.tpl | */.gitkeep) ;;
    *.c | *.h | *.cc | *.l | *.y | *.sym) echo c ;;
    *.mof) echo mof ;;
    configure.ac | */configure.ac) echo dnl ;;
    *.1) echo roff ;;
    *.sh | *.mk | *.am | *.in | *.m4 | *.supp | */meson.build) echo hash ;;
    .clang-format | .gitignore | .ci/run | bench/run | bench/check | scripts/*) echo hash ;;
    debian/rules | debian/control | debian/check-version | debian/not-installed) echo hash ;;
    debian/*.install | debian/*.lintian-overrides | debian/*.docs | debian/tests/*) echo hash ;;
    esac
}

missing=$(mktemp)
trap 'rm -f "$missing"' EXIT
git ls-files | while IFS= read -r f; do
    s=$(style "$f")
    if [ -z "$s" ] || [ ! -f "$f" ]; then continue; fi
    head -n 3 "$f" | grep -q 'SPDX-License-Identifier:' && continue
    if grep -q 'Copyright (c) [0-9]* DMTF' "$f"; then id=LicenseRef-DMTF; else id=MIT; fi
    if [ "$check" = yes ]; then
        echo "$f: no SPDX-License-Identifier line" | tee -a "$missing"
        continue
    fi
    case $s in
    c) line="/* SPDX-License-Identifier: $id */" ;;
    mof) line="// SPDX-License-Identifier: $id" ;;
    dnl) line="dnl SPDX-License-Identifier: $id" ;;
    roff) line=".\\\" SPDX-License-Identifier: $id" ;;
    hash) line="# SPDX-License-Identifier: $id" ;;
    esac
    # Written back through the same inode: the mode (executable scripts) stays.
    tmp=$(mktemp)
    SPDX_LINE=$line awk 'NR == 1 && /^#!/ { print; print ENVIRON["SPDX_LINE"]; next }
        NR == 1 { print ENVIRON["SPDX_LINE"] } { print }' "$f" >"$tmp"
    cat "$tmp" >"$f"
    rm -f "$tmp"
    echo "$f: $id"
done
[ ! -s "$missing" ]
