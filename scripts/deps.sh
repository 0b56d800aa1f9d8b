#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/deps.sh: installs the Debian 12 packages mofbind builds and tests with (as root),
# and does nothing when they are all present. Before installing it says which packages are
# missing, what each group is for, and about how much apt will download and take on disk.
set -eu
pkgs="build-essential flex bison autoconf automake libtool pkg-config libxml2-dev \
libcurl4-openssl-dev libmicrohttpd-dev check clang libclang-rt-14-dev curl openssl valgrind time \
cmake meson ninja-build krb5-kdc krb5-admin-server krb5-user libkrb5-dev"
missing=""
for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
    echo "scripts/deps.sh: missing packages:$missing; run as root to install them" >&2
    exit 1
fi
echo "scripts/deps.sh: installing$missing"
echo "  (the build: compiler, flex, bison, autotools, libxml2, libcurl, libmicrohttpd, Check;"
echo "   the tests: clang and its sanitizer runtime, curl, openssl, valgrind, time, cmake, meson,"
echo "   ninja and a Kerberos KDC; see the README's Dependencies)"
export DEBIAN_FRONTEND=noninteractive # krb5-config's questions take their defaults
# The KDC packages would start a system krb5kdc and kadmind, which need /etc/krb5kdc set up
# (krb5-admin-server's postinst fails if its init script does); the Kerberos test runs its own
# KDC. So no service starts during the install: a policy-rc.d that refuses, only where the
# machine has none, removed afterwards.
policy=/usr/sbin/policy-rc.d
if [ ! -e "$policy" ]; then
    trap 'rm -f "$policy"' EXIT
    printf '#!/bin/sh\n# mofbind scripts/deps.sh: no service starts now\nexit 101\n' >"$policy"
    chmod 755 "$policy"
fi
apt-get update -qq
# How much: apt's own estimate, from a dry run that answers no.
# shellcheck disable=SC2086
apt-get install --no-install-recommends --assume-no $missing 2>/dev/null |
    grep -E 'newly installed|^Need to get|^After this operation' | sed 's/^/  apt: /' || true
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
