#!/bin/sh
# SPDX-License-Identifier: MIT
# scripts/testcerts.sh DIR [HOST]: makes, with the openssl command, a throwaway certificate
# authority and a server certificate for HOST (default 127.0.0.1; an IPv4 address or a DNS
# name) signed by it, into DIR: ca.pem, ca.key, server.pem, server.key. Both expire in two days.
# For the demo and the TLS tests only. Exits 77 (the automake "skip" status) when openssl is
# missing.
set -eu
[ $# -ge 1 ] || { echo "usage: scripts/testcerts.sh DIR [HOST]" >&2; exit 2; }
dir=$1
host=${2:-127.0.0.1}
command -v openssl >/dev/null 2>&1 || { echo "testcerts.sh: no openssl command" >&2; exit 77; }
case $host in
*[!0-9.]*) san="DNS:$host" ;;
*) san="IP:$host" ;;
esac
mkdir -p "$dir"
cd "$dir"
umask 077
key="-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
# shellcheck disable=SC2086
openssl req -x509 $key -keyout ca.key -out ca.pem -days 2 -subj "/CN=mofbind test CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" >/dev/null 2>&1
# shellcheck disable=SC2086
openssl req $key -keyout server.key -out server.csr -subj "/CN=$host" >/dev/null 2>&1
printf 'subjectAltName=%s\nbasicConstraints=CA:FALSE\nkeyUsage=%s\nextendedKeyUsage=%s\n' \
    "$san" "critical,digitalSignature,keyEncipherment" "serverAuth" >server.ext
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem \
    -days 2 -extfile server.ext >/dev/null 2>&1
rm -f server.csr server.ext ca.srl
