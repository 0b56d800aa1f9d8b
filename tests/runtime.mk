# tests/runtime.mk: runtime tests.
