# tests/local.mk: the test suites; each part keeps its own fragment.
include tests/cli.mk
include tests/parse.mk
include tests/resolve.mk
include tests/generator.mk
include tests/runtime.mk
include tests/server.mk
include tests/wire.mk
include tests/install.mk
include tests/e2e.mk
include tests/security.mk
include tests/krb5.mk
