# server/local.mk: mofbind-server, the WS-Man CIM server.
