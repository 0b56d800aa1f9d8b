# SPDX-License-Identifier: MIT
# tests/debian.mk: debian/ against the build (tests/debian.sh: the changelog's version, the
# runtime package's soname and symbols file, every installed file packaged), and the licence
# line of every source file (tests/license.sh).

TESTS += tests/debian.sh tests/license.sh
EXTRA_DIST += tests/debian.sh tests/license.sh
