# SPDX-License-Identifier: MIT
# mofbind.m4: autoconf macros for projects that generate C bindings with mofbind at build time.
#
# MOFBIND_PROG([MIN-VERSION], [ACTION-IF-NOT-FOUND])
#   Finds the mofbind generator (the MOFBIND variable, then pkg-config's `mofbind` variable,
#   then PATH), checks that its version is at least MIN-VERSION, and substitutes MOFBIND.
#   Without ACTION-IF-NOT-FOUND a missing or old mofbind is an error.
#
# MOFBIND_BINDINGS([MIN-VERSION], [ACTION-IF-NOT-FOUND])
#   MOFBIND_PROG, and the runtime through pkg-config: substitutes MOFBIND_CFLAGS, MOFBIND_LIBS,
#   MOFBIND_SCHEMADIR (the shipped qualifier and error-class MOF) and MOFBIND_SERVER (the
#   installed mofbind-server, for a project's tests; empty when it is not there).
#
# The Makefile.am rules that use them are in mofbind's README, section "Using mofbind in your
# project", part "Autotools"; mofbind -M lists the files a run writes.
#
# serial 3

AC_DEFUN([MOFBIND_PROG], [
  AC_REQUIRE([PKG_PROG_PKG_CONFIG])
  AC_ARG_VAR([MOFBIND], [the mofbind MOF compiler])
  mofbind_min=m4_default([$1], [0.1.0])
  AS_IF([test -z "$MOFBIND" && test -n "$PKG_CONFIG"], [
    MOFBIND=`$PKG_CONFIG --variable=mofbind mofbind 2>/dev/null`
    AS_IF([test -n "$MOFBIND" && test ! -x "$MOFBIND"], [MOFBIND=])
  ])
  AS_IF([test -z "$MOFBIND"], [AC_PATH_PROG([MOFBIND], [mofbind], [])])
  mofbind_ok=no
  AS_IF([test -n "$MOFBIND"], [
    AC_MSG_CHECKING([whether $MOFBIND is version $mofbind_min or newer])
    mofbind_version=`$MOFBIND --version 2>/dev/null | sed -n 's/^mofbind //p'`
    AS_VERSION_COMPARE([$mofbind_version], [$mofbind_min],
      [AC_MSG_RESULT([no ($mofbind_version)])], [mofbind_ok=yes], [mofbind_ok=yes])
    AS_IF([test "x$mofbind_ok" = xyes], [AC_MSG_RESULT([yes ($mofbind_version)])])
  ])
  AS_IF([test "x$mofbind_ok" != xyes], [
    m4_default([$2],
      [AC_MSG_ERROR([mofbind $mofbind_min or newer not found; install mofbind or set MOFBIND])])
  ])
  AC_SUBST([MOFBIND])
])

AC_DEFUN([MOFBIND_BINDINGS], [
  MOFBIND_PROG([$1], [$2])
  PKG_CHECK_MODULES([MOFBIND], [mofbind >= m4_default([$1], [0.1.0])], [],
    [m4_default([$2],
      [AC_MSG_ERROR([libmofbind not found through pkg-config: $MOFBIND_PKG_ERRORS])])])
  PKG_CHECK_VAR([MOFBIND_SCHEMADIR], [mofbind], [schemadir])
  AC_SUBST([MOFBIND_SCHEMADIR])
  AC_ARG_VAR([MOFBIND_SERVER], [mofbind-server, the WS-Man CIM server for tests])
  AS_IF([test -z "$MOFBIND_SERVER"], [
    PKG_CHECK_VAR([MOFBIND_SERVER], [mofbind], [mofbind_server])
    AS_IF([test -n "$MOFBIND_SERVER" && test ! -x "$MOFBIND_SERVER"], [MOFBIND_SERVER=])
  ])
])
