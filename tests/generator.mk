# tests/generator.mk: generator tests.
