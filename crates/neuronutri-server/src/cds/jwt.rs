//! Authentication of CDS Clients by their signed JWT, as CDS Hooks 2.0 "Security and
//! Safety › Trusting CDS Clients" asks: every call carries `Authorization: Bearer {{JWT}}`
//! (MUST), signed with the client's private key; never `none`, never a symmetric algorithm
//! (both SHALL NOT, "JWT Signing Algorithm"); `kid` selects the key in the issuer's JWK Set;
//! `aud` MUST be the URL of the endpoint called; `jti` is the nonce against replay.
//!
//! The keys come from the site configuration (one JWK Set per trusted issuer) or from the
//! URL of a `jku` header that is on the issuer's allowlist (fetched with the bounds of
//! [`super::fetch`], kept for `jwks_cache_seconds`, fetched again when a token names a
//! `kid` the cached set lacks, at most every [`JKU_REFETCH_INTERVAL`]). Replayed `jti`s are
//! refused through the database, so that all instances behind one load balancer share what
//! they have seen; [`ReplayGuard`] lets a call on SQLite (one process) write its `jti` in the
//! same commit as its cards, while a `jti` this process has seen goes to the database first.

use super::config::CdsConfig;
use chrono::{DateTime, TimeZone, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::Deserialize;
use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::Mutex;

/// The client JWT ids this process has seen, each until its token expires, as 64-bit keyed
/// hashes (SipHash with this process's random keys). A first sighting reserves the id at
/// once, so that two concurrent calls with one token cannot both pass before either is
/// written, and the caller may then write the id in the same commit as the call's cards (the
/// database's unique key stays the final judge there). An id seen before — or a hash
/// collision, or a full guard — is not refused here but sent to the database first, which
/// alone decides. Holds at most [`ReplayGuard::CAPACITY`] ids (about 32 MB).
#[derive(Debug, Default)]
pub struct ReplayGuard {
    seen: Mutex<HashMap<u64, i64>>,
    keys: RandomState,
}

impl ReplayGuard {
    /// Most ids held (at 2 000 calls/s and tokens living 6 minutes, 720 000 are alive).
    pub const CAPACITY: usize = 1 << 20;

    /// Whether `(iss, jti)` is seen here for the first time (it is now reserved until
    /// `expires`, in seconds since the epoch). `false`: seen before, or no room: ask the
    /// database.
    pub fn first_sighting(&self, iss: &str, jti: &str, expires: i64, now: i64) -> bool {
        let key = self.keys.hash_one((iss, jti));
        let Ok(mut seen) = self.seen.lock() else {
            return false;
        };
        if let Some(&until) = seen.get(&key) {
            if until >= now {
                return false;
            }
        }
        if seen.len() >= Self::CAPACITY {
            seen.retain(|_, until| *until >= now);
            if seen.len() >= Self::CAPACITY {
                return false;
            }
        }
        seen.insert(key, expires);
        true
    }
}

/// The algorithms accepted: the two the specification recommends ("JWT Signing
/// Algorithm": ES384 and RS384 are RECOMMENDED). Both asymmetric.
pub const ALGORITHMS: [Algorithm; 2] = [Algorithm::ES384, Algorithm::RS384];

/// Shortest time between two downloads of one `jku` URL prompted by an unknown `kid`, so
/// that tokens with made-up `kid`s cannot make the service hammer the client's server.
pub const JKU_REFETCH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(10);

/// The key `kid` of the JWK Set at the allowlisted `jku`, from the cache or fetched.
async fn jku_key(
    config: &CdsConfig,
    jku: &str,
    kid: &str,
) -> Result<jsonwebtoken::jwk::Jwk, String> {
    use super::fetch::CachedJwks;
    use std::time::Instant;
    let cached = config
        .outbound
        .jwks
        .lock()
        .map_err(|_| "the JWK Set cache is unusable".to_string())?
        .get(jku)
        .cloned();
    if let Some(cached) = &cached {
        let age = cached.fetched.elapsed();
        if age < config.fetch.jwks_cache {
            if let Some(jwk) = cached.keys.find(kid) {
                return Ok(jwk.clone());
            }
            if age < JKU_REFETCH_INTERVAL {
                return Err(format!(
                    "kid {kid:?} is not in the JWK Set of jku {jku:?} (fetched {} s ago)",
                    age.as_secs()
                ));
            }
        }
    }
    let client = config
        .outbound
        .client(&config.fetch)
        .map_err(|e| e.to_string())?;
    let deadline = Instant::now() + config.fetch.timeout;
    let value = super::fetch::get_json(&client, jku, None, config.fetch.max_bytes, deadline)
        .await
        .map_err(|e| format!("jku {jku:?}: {e}"))?;
    let keys =
        super::config::parse_jwks(&value.to_string()).map_err(|e| format!("jku {jku:?}: {e}"))?;
    let found = keys.find(kid).cloned();
    config
        .outbound
        .jwks
        .lock()
        .map_err(|_| "the JWK Set cache is unusable".to_string())?
        .insert(
            jku.to_string(),
            CachedJwks {
                keys: std::sync::Arc::new(keys),
                fetched: Instant::now(),
            },
        );
    found.ok_or_else(|| format!("kid {kid:?} is not in the JWK Set of jku {jku:?}"))
}

/// A verified client.
#[derive(Clone, Debug)]
pub struct Client {
    /// The JWT `iss`.
    pub iss: String,
    /// The JWT `jti`.
    pub jti: String,
    /// The JWT `tenant`, if given.
    pub tenant: Option<String>,
    /// Until when the `jti` must be remembered (`exp` plus the clock skew allowed).
    pub expires: DateTime<Utc>,
}

/// Why a token was refused: logged, never sent (the client gets a bare 401).
#[derive(Debug)]
pub struct Rejected {
    /// What was wrong.
    pub reason: String,
    /// The `iss` claimed (unverified unless the signature was checked), for the log.
    pub iss: Option<String>,
    /// The `jti` claimed, for the log.
    pub jti: Option<String>,
}

#[derive(Deserialize)]
struct Claims {
    iss: String,
    #[allow(dead_code)]
    aud: serde_json::Value,
    exp: i64,
    iat: i64,
    jti: String,
    #[serde(default)]
    tenant: Option<String>,
}

#[derive(Deserialize, Default)]
struct UnverifiedClaims {
    #[serde(default)]
    iss: Option<String>,
    #[serde(default)]
    jti: Option<String>,
}

/// The claims read without verifying anything: only for naming the token in the log.
fn peek(token: &str) -> UnverifiedClaims {
    use base64ct::{Base64UrlUnpadded, Encoding};
    token
        .split('.')
        .nth(1)
        .and_then(|payload| Base64UrlUnpadded::decode_vec(payload).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

/// Verifies the bearer token of a call to `audience` (the endpoint's public URL). Its `jti`
/// is not yet remembered: the caller does that (`Store::remember_jti`, or in the write of
/// the call's cards after [`ReplayGuard::first_sighting`]).
pub async fn verify(
    config: &CdsConfig,
    authorization: Option<&str>,
    audience: &str,
    now: DateTime<Utc>,
) -> Result<Client, Rejected> {
    let token = authorization
        .and_then(|h| {
            h.strip_prefix("Bearer ")
                .or_else(|| h.strip_prefix("bearer "))
        })
        .map(str::trim)
        .ok_or_else(|| Rejected {
            reason: "no Authorization: Bearer header".into(),
            iss: None,
            jti: None,
        })?;
    let peeked = peek(token);
    let reject = |reason: String| Rejected {
        reason,
        iss: peeked.iss.clone(),
        jti: peeked.jti.clone(),
    };
    // `none` and the HMAC algorithms fail here or on the allowlist below.
    let header = jsonwebtoken::decode_header(token)
        .map_err(|e| reject(format!("unreadable JWT header: {e}")))?;
    if !ALGORITHMS.contains(&header.alg) {
        return Err(reject(format!(
            "algorithm {:?} refused (only ES384 and RS384)",
            header.alg
        )));
    }
    if header.typ.as_deref() != Some("JWT") {
        return Err(reject("header typ is not JWT".into()));
    }
    let kid = header
        .kid
        .as_deref()
        .ok_or_else(|| reject("header has no kid".into()))?;
    let iss = peeked
        .iss
        .as_deref()
        .ok_or_else(|| reject("no iss claim".into()))?;
    let issuer = config
        .issuers
        .iter()
        .find(|i| i.iss == iss)
        .ok_or_else(|| reject("iss is not a trusted issuer".into()))?;
    // "Trusting CDS Clients": the client MAY name its JWK Set by the `jku` header; a URL
    // it names is fetched only when it is on the issuer's allowlist, else anyone could
    // point the service at keys of their own.
    if let Some(jku) = &header.jku {
        if !issuer.jku.iter().any(|allowed| allowed == jku) {
            return Err(reject(format!(
                "jku {jku:?} is not allowlisted for this issuer"
            )));
        }
    }
    let key = match issuer.jwks.find(kid) {
        Some(jwk) => DecodingKey::from_jwk(jwk),
        None => match &header.jku {
            Some(jku) => {
                let jwk = jku_key(config, jku, kid).await.map_err(&reject)?;
                DecodingKey::from_jwk(&jwk)
            }
            None => {
                return Err(reject(format!(
                    "kid {kid:?} is not in the issuer's JWK Set"
                )))
            }
        },
    }
    .map_err(|e| reject(format!("unusable JWK: {e}")))?;
    let mut validation = Validation::new(header.alg);
    validation.set_audience(&[audience]);
    validation.set_issuer(&[issuer.iss.as_str()]);
    validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "jti"]);
    validation.leeway = config.max_clock_skew_seconds;
    validation.validate_exp = true;
    validation.validate_nbf = true;
    // The library checks exp against the system clock; we check it against `now` too so
    // that the caller's notion of time is the one in force.
    let data = jsonwebtoken::decode::<Claims>(token, &key, &validation)
        .map_err(|e| reject(format!("token refused: {e}")))?;
    let claims = data.claims;
    let skew = config.max_clock_skew_seconds as i64;
    let now_s = now.timestamp();
    if claims.exp + skew < now_s {
        return Err(reject("token expired".into()));
    }
    if claims.iat > now_s + skew {
        return Err(reject("iat is in the future".into()));
    }
    if claims.exp - claims.iat > config.max_token_lifetime_seconds as i64 {
        return Err(reject(format!(
            "token lifetime exp - iat = {} s exceeds the {} s allowed",
            claims.exp - claims.iat,
            config.max_token_lifetime_seconds
        )));
    }
    if claims.jti.trim().is_empty() {
        return Err(reject("empty jti".into()));
    }
    let expires = Utc
        .timestamp_opt(claims.exp + skew, 0)
        .single()
        .unwrap_or(now);
    Ok(Client {
        iss: claims.iss,
        jti: claims.jti,
        tenant: claims.tenant,
        expires,
    })
}
