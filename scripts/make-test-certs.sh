#!/bin/sh
# Generates the TLS fixtures of test/tls.test.ts: a private CA and a server
# certificate for "localhost" (subjectAltName DNS:localhost, IP:127.0.0.1)
# signed by it, both valid for 100 years so the committed files never expire.
#   sh scripts/make-test-certs.sh        (writes test/fixtures/tls/)
set -eu

DIR="$(cd "$(dirname "$0")/.." && pwd)/test/fixtures/tls"
DAYS=36525
mkdir -p "$DIR"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

# The CA: a self-signed root.
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days "$DAYS" \
  -keyout "$WORK/ca-key.pem" -out "$DIR/ca.pem" \
  -subj "/CN=asyncio-ts test CA" \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null

# The server's key and certificate, signed by the CA.
openssl req -newkey rsa:2048 -nodes -sha256 \
  -keyout "$DIR/server-key.pem" -out "$WORK/server.csr" \
  -subj "/CN=localhost" 2>/dev/null
cat > "$WORK/server.ext" <<EXT
basicConstraints=CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
EXT
openssl x509 -req -sha256 -days "$DAYS" \
  -in "$WORK/server.csr" -CA "$DIR/ca.pem" -CAkey "$WORK/ca-key.pem" \
  -CAcreateserial -CAserial "$WORK/ca.srl" \
  -extfile "$WORK/server.ext" -out "$DIR/server-cert.pem" 2>/dev/null

openssl verify -CAfile "$DIR/ca.pem" "$DIR/server-cert.pem"
