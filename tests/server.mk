# tests/server.mk: server tests.
