#!/bin/sh
# Regenerates the TEST-ONLY signing keys of the CDS Hooks JWT tests
# (crates/neuronutri-server/tests/cds_hooks.rs). These keys sign tokens in tests only; they
# are public in this repository and must never be trusted by a deployment.
set -eu
cd "$(dirname "$0")"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out test-es384.pem
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out test-es384-other.pem
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out test-rs384.pem
