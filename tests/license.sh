#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/license.sh: every source file of the checkout says its licence in its first lines (an
# SPDX-License-Identifier line; scripts/spdx.sh --check lists the files without one, and
# scripts/spdx.sh adds it). Skips outside a git checkout (the release tarball has no .git).
set -u
srcdir=${MOFBIND_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
if [ ! -e "$srcdir/.git" ] || ! command -v git >/dev/null 2>&1; then
    echo "SKIP: $srcdir is not a git checkout (the licence lines are checked in one)"
    exit 77
fi
if sh "$srcdir/scripts/spdx.sh" --check; then
    echo "license: every source file has its SPDX-License-Identifier line"
else
    echo "FAIL: the files above lack an SPDX-License-Identifier line (run scripts/spdx.sh)"
    exit 1
fi
