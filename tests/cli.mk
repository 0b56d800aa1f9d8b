# tests/cli.mk: cli tests.
