# tests/debian.mk: debian/ against the build (tests/debian.sh: the changelog's version, the
# runtime package's soname and symbols file, every installed file packaged).

TESTS += tests/debian.sh
EXTRA_DIST += tests/debian.sh
