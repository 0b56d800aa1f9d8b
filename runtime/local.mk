# runtime/local.mk: libmofbind, the MI client API over WS-Management.
