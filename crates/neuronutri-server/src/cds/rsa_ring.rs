//! RS384 signature checks of client JWTs with ring instead of the RustCrypto `rsa` crate.
//!
//! Every CDS call verifies one RS384 (or ES384) signature. With `jsonwebtoken`'s RustCrypto
//! provider an RS384 check (2048-bit key) rebuilds the key's Montgomery parameters and runs
//! a constant-time modular exponentiation each time: about 9 % of the server's CPU in the
//! patient-view load benchmark (perf, 2026-12-02). A public-key operation needs no constant
//! time, and ring (already linked, for rustls) does the same check several times faster. The
//! provider installed here answers RS384 with a key given by its modulus and exponent (what
//! a JWK gives) through ring, with ring's bounds (2048 to 8192 bits: shorter RSA keys are
//! refused); everything else (ES384, signing, JWK helpers) stays with RustCrypto.

use jsonwebtoken::crypto::{rust_crypto, CryptoProvider, JwtVerifier};
use jsonwebtoken::signature::{Error, Verifier};
use jsonwebtoken::{Algorithm, AlgorithmFamily, DecodingKey, DecodingKeyKind};
use std::sync::LazyLock;

struct Rs384 {
    n: Vec<u8>,
    e: Vec<u8>,
}

impl Verifier<Vec<u8>> for Rs384 {
    fn verify(&self, message: &[u8], signature: &Vec<u8>) -> Result<(), Error> {
        ring::signature::RsaPublicKeyComponents {
            n: &self.n,
            e: &self.e,
        }
        .verify(
            &ring::signature::RSA_PKCS1_2048_8192_SHA384,
            message,
            signature,
        )
        .map_err(|_| Error::new())
    }
}

impl JwtVerifier for Rs384 {
    fn algorithm(&self) -> Algorithm {
        Algorithm::RS384
    }
}

fn verifier(
    algorithm: &Algorithm,
    key: &DecodingKey,
) -> jsonwebtoken::errors::Result<Box<dyn JwtVerifier>> {
    if *algorithm == Algorithm::RS384 && key.family() == AlgorithmFamily::Rsa {
        if let DecodingKeyKind::RsaModulusExponent { n, e } = key.kind() {
            return Ok(Box::new(Rs384 {
                n: n.clone(),
                e: e.clone(),
            }));
        }
    }
    (rust_crypto::DEFAULT_PROVIDER.verifier_factory)(algorithm, key)
}

static PROVIDER: LazyLock<CryptoProvider> = LazyLock::new(|| CryptoProvider {
    verifier_factory: verifier,
    ..rust_crypto::DEFAULT_PROVIDER.clone()
});

/// Makes the provider above the process's `jsonwebtoken` provider. Call it before any token
/// is signed or checked: once `jsonwebtoken` has picked its default (at its first use) this
/// does nothing, and tokens are checked by RustCrypto alone (as correctly, more slowly).
pub fn install() {
    let _ = PROVIDER.install_default();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ring path accepts what the RustCrypto path accepts and refuses what it refuses.
    #[test]
    fn ring_and_rustcrypto_agree_on_rs384() {
        let pem = include_bytes!("../../tests/data/cds/test-rs384.pem");
        let private = jsonwebtoken::EncodingKey::from_rsa_pem(pem).unwrap();
        let message = b"eyJhbGciOiJSUzM4NCJ9.eyJqdGkiOiJ4In0";
        let signature = (rust_crypto::DEFAULT_PROVIDER.signer_factory)(&Algorithm::RS384, &private)
            .unwrap()
            .try_sign(message)
            .unwrap();
        let (n, e) = (rust_crypto::DEFAULT_PROVIDER
            .key_utils
            .rsa_pub_components_from_private_key)(private.as_bytes())
        .unwrap();
        let key = DecodingKey::from_rsa_raw_components(&n, &e);
        let ring = verifier(&Algorithm::RS384, &key).unwrap();
        let rust =
            (rust_crypto::DEFAULT_PROVIDER.verifier_factory)(&Algorithm::RS384, &key).unwrap();
        assert!(ring.verify(message, &signature).is_ok());
        assert!(rust.verify(message, &signature).is_ok());
        let mut bad = signature.clone();
        bad[17] ^= 1;
        assert!(ring.verify(message, &bad).is_err());
        assert!(rust.verify(message, &bad).is_err());
        assert!(ring.verify(b"another message", &signature).is_err());
        // RS256 on the same key is not sent to ring.
        assert!(verifier(&Algorithm::RS256, &key)
            .unwrap()
            .verify(message, &signature)
            .is_err());
    }
}
