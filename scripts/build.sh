#!/bin/sh
# scripts/build.sh [BUILDDIR [CONFIGURE-ARGS...]]: bootstraps when needed, configures BUILDDIR
# (default _build) out of tree and builds it.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build}
[ $# -gt 0 ] && shift
cd "$top"
[ -x configure ] || autoreconf -fi >/dev/null
mkdir -p "$build"
cd "$build"
[ -f Makefile ] || "$top/configure" -q "$@"
make -j"$(nproc)" -s
