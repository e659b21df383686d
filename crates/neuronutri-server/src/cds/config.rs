//! The CDS Hooks part of the site configuration: the public base URL the service is
//! reached at (the JWT `aud` is checked against it, never against the Host header), the
//! trusted client issuers with their JWK Sets and allowlisted `jku` URLs, and the clock
//! skew and token lifetime tolerated.
//!
//! In the site config file (the same TOML file as the thresholds and `[site]`):
//!
//! ```toml
//! [cds]
//! public_base_url = "https://cds.example.org"
//! max_clock_skew_seconds = 60        # default 60
//! max_token_lifetime_seconds = 300   # default 300 (exp - iat)
//!
//! [[cds.issuer]]
//! iss = "https://sandbox.cds-hooks.org"
//! jwks_file = "sandbox-jwks.json"    # relative to the config file; or jwks = '{"keys":[…]}'
//! jku = ["https://sandbox.cds-hooks.org/.well-known/jwks.json"]
//! ```

use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;
use std::path::Path;

/// A client trusted to call the CDS services.
#[derive(Clone, Debug)]
pub struct TrustedIssuer {
    /// The exact `iss` of its tokens.
    pub iss: String,
    /// Its public keys.
    pub jwks: JwkSet,
    /// `jku` header values accepted from it (the keys are still the configured ones).
    pub jku: Vec<String>,
}

/// The CDS Hooks configuration.
#[derive(Clone, Debug)]
pub struct CdsConfig {
    /// The URL the service is reached at by clients, without a trailing slash; empty when
    /// not configured (then every call is refused).
    pub public_base_url: String,
    /// The trusted issuers.
    pub issuers: Vec<TrustedIssuer>,
    /// Clock difference tolerated on `exp` and `iat`, in seconds.
    pub max_clock_skew_seconds: u64,
    /// Longest `exp - iat` accepted, in seconds (bounds how long a `jti` is remembered).
    pub max_token_lifetime_seconds: u64,
    /// Accept calls without a JWT (a local sandbox only; logged loudly at start and on
    /// every call).
    pub insecure_dev: bool,
}

impl Default for CdsConfig {
    fn default() -> Self {
        CdsConfig {
            public_base_url: String::new(),
            issuers: Vec::new(),
            max_clock_skew_seconds: 60,
            max_token_lifetime_seconds: 300,
            insecure_dev: false,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCds {
    public_base_url: String,
    #[serde(default)]
    max_clock_skew_seconds: Option<u64>,
    #[serde(default)]
    max_token_lifetime_seconds: Option<u64>,
    #[serde(default)]
    issuer: Vec<RawIssuer>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIssuer {
    iss: String,
    #[serde(default)]
    jwks: Option<String>,
    #[serde(default)]
    jwks_file: Option<String>,
    #[serde(default)]
    jku: Vec<String>,
}

impl CdsConfig {
    /// Reads the `[cds]` table of a site config file; `Ok(None)` when it has none. Errors
    /// name the file and the field.
    pub fn from_site_file(path: &Path) -> Result<Option<CdsConfig>, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
        let dir = path.parent().unwrap_or(Path::new("."));
        CdsConfig::from_site_toml(&text, dir).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Reads the `[cds]` table of a site config text; JWKS files are relative to `dir`.
    pub fn from_site_toml(text: &str, dir: &Path) -> Result<Option<CdsConfig>, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| e.to_string())?;
        let Some(cds) = table.get("cds") else {
            return Ok(None);
        };
        let raw: RawCds = cds
            .clone()
            .try_into()
            .map_err(|e: toml::de::Error| format!("[cds]: {e}"))?;
        let base = raw.public_base_url.trim_end_matches('/').to_string();
        if !(base.starts_with("https://") || base.starts_with("http://")) {
            return Err(format!(
                "[cds] public_base_url: '{}' is not an absolute http(s) URL",
                raw.public_base_url
            ));
        }
        let mut issuers = Vec::new();
        for (n, issuer) in raw.issuer.into_iter().enumerate() {
            let at = format!("[[cds.issuer]] #{} (iss '{}')", n + 1, issuer.iss);
            if issuer.iss.trim().is_empty() {
                return Err(format!("{at}: iss is empty"));
            }
            let text = match (issuer.jwks, issuer.jwks_file) {
                (Some(text), None) => text,
                (None, Some(file)) => {
                    let path = dir.join(&file);
                    std::fs::read_to_string(&path)
                        .map_err(|e| format!("{at}: jwks_file {}: {e}", path.display()))?
                }
                _ => return Err(format!("{at}: give exactly one of jwks and jwks_file")),
            };
            let jwks = parse_jwks(&text).map_err(|e| format!("{at}: {e}"))?;
            issuers.push(TrustedIssuer {
                iss: issuer.iss,
                jwks,
                jku: issuer.jku,
            });
        }
        let defaults = CdsConfig::default();
        Ok(Some(CdsConfig {
            public_base_url: base,
            issuers,
            max_clock_skew_seconds: raw
                .max_clock_skew_seconds
                .unwrap_or(defaults.max_clock_skew_seconds),
            max_token_lifetime_seconds: raw
                .max_token_lifetime_seconds
                .unwrap_or(defaults.max_token_lifetime_seconds),
            insecure_dev: false,
        }))
    }
}

/// A JWK Set whose every key has a `kid` and is an EC P-384 or RSA public key.
pub fn parse_jwks(text: &str) -> Result<JwkSet, String> {
    let jwks: JwkSet = serde_json::from_str(text).map_err(|e| format!("not a JWK Set: {e}"))?;
    if jwks.keys.is_empty() {
        return Err("the JWK Set has no keys".into());
    }
    for (n, key) in jwks.keys.iter().enumerate() {
        if key.common.key_id.as_deref().is_none_or(str::is_empty) {
            return Err(format!("key #{} has no kid", n + 1));
        }
        match &key.algorithm {
            jsonwebtoken::jwk::AlgorithmParameters::EllipticCurve(_)
            | jsonwebtoken::jwk::AlgorithmParameters::RSA(_) => {}
            _ => {
                return Err(format!(
                    "key #{} is neither an EC nor an RSA public key (symmetric keys are refused)",
                    n + 1
                ))
            }
        }
    }
    Ok(jwks)
}
