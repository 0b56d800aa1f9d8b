# SPDX-License-Identifier: MIT
# tests/local.mk: the test suites; each library or part keeps its own fragment.
include tests/cli.mk
include tests/mof.mk
include tests/generator.mk
include tests/core.mk
include tests/wsman.mk
include tests/client.mk
include tests/server.mk
include tests/install.mk
include tests/debian.mk
include tests/e2e.mk
include tests/security.mk
include tests/krb5.mk
include tests/layering.mk
include tests/semantics.mk
include tests/provider.mk
