# tests/frontend.mk: frontend tests.
