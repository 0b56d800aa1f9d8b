# tests/parse.mk: parse tests.
