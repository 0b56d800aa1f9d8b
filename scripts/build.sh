#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/build.sh [BUILDDIR [CONFIGURE-ARGS...]]: bootstraps when needed, configures BUILDDIR
# (default _build) out of tree and builds it. BUILDDIR is configured again when it was
# configured with other arguments (they are kept in BUILDDIR/configure.args), so that
# scripts/demo.sh then scripts/test.sh builds with the arguments each asks for.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
[ $# -gt 0 ] && shift
cd "$top"
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p "$build"
cd "$build"
args="$*"
if [ ! -f Makefile ] || [ "$(cat configure.args 2>/dev/null)" != "$args" ]; then
    "$top/configure" -q "$@"
    printf '%s\n' "$args" >configure.args
fi
make -j"$(nproc)" -s
