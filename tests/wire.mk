# tests/wire.mk: WS-Man codec and transport tests.
