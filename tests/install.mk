# SPDX-License-Identifier: MIT
# tests/install.mk: the installed set (tests/install.sh: DESTDIR install and uninstall, the
# symbols libmofbind exports, its soname).

TESTS += tests/install.sh
EXTRA_DIST += tests/install.sh
