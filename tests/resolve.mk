# tests/resolve.mk: resolve tests.
