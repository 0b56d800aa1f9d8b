# SPDX-License-Identifier: MIT
# tests/layering.mk: tests/layering.sh proves that a layering breach fails to build: it
# compiles probes with each library's own _CPPFLAGS, which this rule writes down for it.

TESTS += tests/layering.sh
EXTRA_DIST += tests/layering.sh
check_DATA = tests/layering.flags
CLEANFILES += tests/layering.flags
tests/layering.flags: Makefile
	$(AM_V_GEN)$(MKDIR_P) tests && { \
	  echo "cc='$(CC)'"; \
	  echo "util_flags='$(AM_CPPFLAGS) $(UTIL_CPPFLAGS)'"; \
	  echo "mi_flags='$(MI_CPPFLAGS)'"; \
	  echo "core_flags='$(CORE_CPPFLAGS)'"; \
	  echo "wsman_flags='$(WSMAN_CPPFLAGS)'"; \
	  echo "client_flags='$(CLIENT_CPPFLAGS)'"; \
	  echo "mof_flags='$(MOF_CPPFLAGS)'"; \
	  echo "midecl_flags='$(MIDECL_CPPFLAGS)'"; \
	  echo "emit_flags='$(EMIT_CPPFLAGS)'"; \
	  echo "server_flags='$(SERVER_CPPFLAGS)'"; } >$@.tmp && mv -f $@.tmp $@
