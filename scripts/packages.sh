#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# scripts/packages.sh [BUILDDIR]: the Debian packages (CI's last step; as root). Exports the
# committed tree (git archive HEAD, so no build directory leaks in) into BUILDDIR (default
# _build-deb), installs what packaging needs (debhelper, lintian, the Build-Depends), builds the
# packages with dpkg-buildpackage (nocheck: CI ran the suite already), runs lintian on them
# (failing on any error or warning that debian/*.lintian-overrides does not accept), installs
# them, runs each test of debian/tests/control from the exported tree as autopkgtest would, and
# purges the packages again whatever happened, so that no /usr/include/mofbind is left to shadow
# a source tree's headers. The .debs stay in BUILDDIR.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-_build-deb}
case $build in /*) ;; *) build="$top/$build" ;; esac
# Every binary package debian/control declares.
packages=$(sed -n 's/^Package: *//p' "$top/debian/control" | tr '\n' ' ')
export DEBIAN_FRONTEND=noninteractive
t0=$SECONDS
say() { printf '\n---- %s (%ss)\n' "$*" "$((SECONDS - t0))"; }

if [ "$(id -u)" != 0 ]; then
    echo "scripts/packages.sh: run as root (it installs and purges packages)" >&2
    exit 1
fi
purge() {
    local installed=
    for p in $packages; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'installed' &&
            installed="$installed $p"
    done
    # shellcheck disable=SC2086
    if [ -n "$installed" ]; then dpkg --purge $installed >/dev/null; fi
    if [ -e /usr/include/mofbind ]; then
        echo "packages.sh: /usr/include/mofbind is still there after the purge" >&2
        return 1
    fi
}
# Installed packages from an earlier run would shadow nothing of the build (it uses its own
# tree) but would hide a missing dependency of the tests: start without them.
purge
trap purge EXIT

# apt_need PKG...: installs those of PKG that are missing.
apt_need() {
    local missing=
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "installing$missing"
    [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

say "export the committed tree into $build/src"
rm -rf "$build"
mkdir -p "$build/src"
git -C "$top" archive --format=tar HEAD | tar -x -C "$build/src"
cd "$build/src"

say "packaging tools and Build-Depends"
apt_need debhelper dpkg-dev lintian
if ! dpkg-checkbuilddeps -P nocheck 2>/dev/null; then
    [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
    apt-get build-dep -y -qq -P nocheck ./ >/dev/null
fi

say "dpkg-buildpackage -us -uc -b (nocheck)"
t=$SECONDS
DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b -Pnocheck \
    >"$build/build.log" 2>&1 || { tail -n 60 "$build/build.log"; exit 1; }
changes=$(ls "$build"/mofbind_*.changes)
echo "built in $((SECONDS - t)) s:"
(cd "$build" && ls ./*.deb)

say "lintian (fails on errors and on warnings not overridden)"
t=$SECONDS
# The verdict is read from the tags, not the exit status: with --show-overrides, lintian 2.116
# exits 2 for overridden tags too.
status=0
lintian --display-info --show-overrides "$changes" >"$build/lintian.log" 2>&1 || status=$?
grep -v '^running with root privileges' "$build/lintian.log" || true
if [ "$status" = 1 ] || grep -qE '^[EW]: ' "$build/lintian.log"; then
    echo "packages.sh: lintian found errors or warnings (or failed: exit status $status)" >&2
    exit 1
fi
echo "lintian: no error or warning ($(grep -c '^[IP]: ' "$build/lintian.log" || true) info," \
    "$(grep -c '^O: ' "$build/lintian.log" || true) overridden) in $((SECONDS - t)) s"

say "install the packages"
debs=
for p in $packages; do debs="$debs $(ls "$build/${p}"_*.deb)"; done
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $debs >"$build/install.log" 2>&1 ||
    { cat "$build/install.log"; exit 1; }
# What the tests depend on besides the packages themselves (debian/tests/control's Depends).
# shellcheck disable=SC2046
apt_need $(sed -n '/^Depends:/,/^[A-Z][a-z-]*:/{s/^Depends://; /^[A-Z][a-z-]*:/d; p}' \
    debian/tests/control | tr ',' '\n' | sed 's/[ 	]//g; /^$/d' | sort -u |
    grep -vxF -e mofbind -e libmofbind0 -e libmofbind-dev -e mofbind-server)

say "debian/tests (from the exported tree, each in a scratch directory)"
pass=0 fail=0
for t in $(sed -n 's/^Tests: *//p' debian/tests/control); do
    scratch=$(mktemp -d)
    t1=$SECONDS
    if AUTOPKGTEST_TMP=$scratch "debian/tests/$t" >"$build/test-$t.log" 2>&1; then
        echo "PASS: $t ($((SECONDS - t1)) s)"
        pass=$((pass + 1))
    else
        echo "FAIL: $t"
        tail -n 40 "$build/test-$t.log"
        fail=$((fail + 1))
    fi
    rm -rf "$scratch"
done

say "purge the packages"
purge
echo "packages: $pass tests passed, $fail failed; $((SECONDS - t0)) s in all"
[ "$fail" -eq 0 ]
