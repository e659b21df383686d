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
//! fhir_connect_timeout_ms = 2000     # outbound requests (fhirServer, jku): connect
//! fhir_timeout_ms = 5000             # everything one call fetches, together
//! fhir_max_bytes = 8388608           # largest answer accepted
//! fhir_max_pages = 20                # pages of one search followed
//! jwks_cache_seconds = 300           # how long a JWK Set fetched from a jku is reused
//!
//! [[cds.issuer]]
//! iss = "https://sandbox.cds-hooks.org"
//! jwks_file = "sandbox-jwks.json"    # relative to the config file; or jwks = '{"keys":[…]}'
//! jku = ["https://sandbox.cds-hooks.org/.well-known/jwks.json"]
//! fhir_servers = ["https://launch.smarthealthit.org/v/r4/fhir"]
//! ```

use jsonwebtoken::jwk::JwkSet;
use serde::Deserialize;
use std::path::Path;

/// A client trusted to call the CDS services.
#[derive(Clone, Debug)]
pub struct TrustedIssuer {
    /// The exact `iss` of its tokens.
    pub iss: String,
    /// Its public keys configured in the site file (may be empty when `jku` is given).
    pub jwks: JwkSet,
    /// `jku` header values accepted from it.
    pub jku: Vec<String>,
    /// `fhirServer` base URLs the service may fetch missing data from for its calls.
    pub fhir_servers: Vec<String>,
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
    /// Bounds of the requests to `fhirServer` and `jku` URLs.
    pub fetch: super::fetch::FetchLimits,
    /// The HTTP client and the cache of JWK Sets fetched from `jku` URLs.
    pub outbound: super::fetch::Outbound,
}

impl Default for CdsConfig {
    fn default() -> Self {
        CdsConfig {
            public_base_url: String::new(),
            issuers: Vec::new(),
            max_clock_skew_seconds: 60,
            max_token_lifetime_seconds: 300,
            insecure_dev: false,
            fetch: Default::default(),
            outbound: Default::default(),
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
    fhir_connect_timeout_ms: Option<u64>,
    #[serde(default)]
    fhir_timeout_ms: Option<u64>,
    #[serde(default)]
    fhir_max_bytes: Option<usize>,
    #[serde(default)]
    fhir_max_pages: Option<usize>,
    #[serde(default)]
    jwks_cache_seconds: Option<u64>,
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
    #[serde(default)]
    fhir_servers: Vec<String>,
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
                (None, None) if !issuer.jku.is_empty() => String::new(),
                _ => {
                    return Err(format!(
                        "{at}: give exactly one of jwks and jwks_file (or only jku)"
                    ))
                }
            };
            // With only `jku`, the keys come from those URLs when a token names one.
            let jwks = if text.is_empty() {
                JwkSet { keys: Vec::new() }
            } else {
                parse_jwks(&text).map_err(|e| format!("{at}: {e}"))?
            };
            for url in issuer.jku.iter().chain(&issuer.fhir_servers) {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    return Err(format!("{at}: '{url}' is not an absolute http(s) URL"));
                }
            }
            issuers.push(TrustedIssuer {
                iss: issuer.iss,
                jwks,
                jku: issuer.jku,
                fhir_servers: issuer.fhir_servers,
            });
        }
        let defaults = CdsConfig::default();
        let limits = super::fetch::FetchLimits::default();
        let positive = |name: &str, value: Option<u64>| -> Result<Option<u64>, String> {
            match value {
                Some(0) => Err(format!("[cds] {name}: must be at least 1")),
                other => Ok(other),
            }
        };
        let ms = std::time::Duration::from_millis;
        let fetch = super::fetch::FetchLimits {
            connect_timeout: positive("fhir_connect_timeout_ms", raw.fhir_connect_timeout_ms)?
                .map_or(limits.connect_timeout, ms),
            timeout: positive("fhir_timeout_ms", raw.fhir_timeout_ms)?.map_or(limits.timeout, ms),
            max_bytes: positive("fhir_max_bytes", raw.fhir_max_bytes.map(|n| n as u64))?
                .map_or(limits.max_bytes, |n| n as usize),
            max_pages: positive("fhir_max_pages", raw.fhir_max_pages.map(|n| n as u64))?
                .map_or(limits.max_pages, |n| n as usize),
            jwks_cache: raw
                .jwks_cache_seconds
                .map_or(limits.jwks_cache, std::time::Duration::from_secs),
        };
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
            fetch,
            outbound: Default::default(),
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
