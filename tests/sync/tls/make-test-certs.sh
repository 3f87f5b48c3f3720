#!/bin/sh
# Regenerates the TEST-ONLY TLS material of tests/sync/tls (never used outside the tests):
#   test-ca.pem / test-ca.key  a self-signed CA ("NOC Console test CA")
#   server.pem / server.key    a server certificate for 127.0.0.1 and localhost signed by that CA
# Validity is 100 years so that checked-in copies do not expire under the tests. Run it from this
# folder with the openssl command-line tool; commit the results.
set -eu
days=36500
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days "$days" \
    -subj "/O=NOC Console tests/CN=NOC Console test CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout test-ca.key -out test-ca.pem
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
    -subj "/O=NOC Console tests/CN=127.0.0.1" -keyout server.key -out server.csr
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n' > server.ext
openssl x509 -req -in server.csr -CA test-ca.pem -CAkey test-ca.key -CAcreateserial -days "$days" \
    -extfile server.ext -out server.pem
rm -f server.csr server.ext test-ca.srl test-ca.key # the CA key is not needed once the server certificate is signed
