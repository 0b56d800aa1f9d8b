# tests/local.mk: the test suites; each part keeps its own fragment.
include tests/frontend.mk
include tests/generator.mk
include tests/runtime.mk
include tests/server.mk
