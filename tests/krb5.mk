# SPDX-License-Identifier: MIT
# tests/krb5.mk: a Kerberos login through libmofbind that succeeds. tests/krb5.sh makes a
# throwaway KDC (krb5-kdc, krb5-admin-server, krb5-user) and runs test_krb5 beside it: an SPNEGO
# peer (libmicrohttpd + GSS-API in front of mofbind-server's msrv_process) and the MI client.
# GSS-API (krb5-gssapi, from libkrb5-dev) is linked by this test only, never by libmofbind;
# without it the test is not built and krb5.sh skips, as it does without the KDC tools.
TESTS += tests/krb5.sh
EXTRA_DIST += tests/krb5.sh

if HAVE_KRB5_GSSAPI
check_PROGRAMS += tests/test_krb5
tests_test_krb5_SOURCES = tests/test_krb5.c tests/sync_run.h tests/mhd_peer.h \
	tests/stderr_capture.h
tests_test_krb5_CPPFLAGS = $(MI_CPPFLAGS) -I$(srcdir)/server $(LIBMHD_CFLAGS) $(KRB5_GSSAPI_CFLAGS)
tests_test_krb5_CFLAGS = $(AM_CFLAGS) $(CHECK_CFLAGS)
tests_test_krb5_LDADD = runtime/client/libmofbind.la $(SERVER_LIBS) $(KRB5_GSSAPI_LIBS) \
	$(CHECK_LIBS)
endif
