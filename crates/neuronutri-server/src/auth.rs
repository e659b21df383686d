//! Who is calling, and may they: argon2id passwords, bearer API tokens and browser sessions
//! (both stored hashed), sign-in with lockout, CSRF on cookie-authenticated writes, and the
//! role checks every handler makes.
//!
//! Credentials: `Authorization: Bearer nn_…` (API tokens), or the `nn_session` cookie set
//! by `POST /api/session` (browser). A cookie-authenticated request that changes anything
//! (any method but GET, HEAD, OPTIONS) must carry the session's CSRF token in
//! `X-CSRF-Token`; the cookie is `HttpOnly; Secure; SameSite=Strict`.

use crate::error::AppError;
use crate::AppState;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use argon2::Argon2;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, Method};
use chrono::Utc;
use neuronutri_storage::{sha256_hex, NewAuditEntry, Principal, Role};

/// Name of the browser session cookie.
pub const SESSION_COOKIE: &str = "nn_session";
/// Header carrying the CSRF token of a cookie session.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// Hashes a password with argon2id (default parameters, random salt) as a PHC string.
pub fn hash_password(password: &str) -> Result<String, AppError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::Internal(format!("argon2: {e}")))
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// A new random secret: `prefix` and 32 random bytes in hex.
pub fn new_secret(prefix: &str) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| AppError::Internal(format!("getrandom: {e}")))?;
    let mut out = String::with_capacity(prefix.len() + 64);
    out.push_str(prefix);
    for b in bytes {
        out.push_str(&format!("{b:02x}"));
    }
    Ok(out)
}

/// The stored form of a token or session id.
pub fn secret_hash(secret: &str) -> String {
    sha256_hex(secret.as_bytes())
}

/// How the caller proved who they are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Via {
    /// A bearer API token.
    Token,
    /// A browser session cookie (its id hash).
    Session(String),
}

/// An authenticated caller. Extracting it answers 401 when there are no valid credentials.
#[derive(Clone, Debug)]
pub struct Auth {
    /// Who.
    pub principal: Principal,
    /// With what.
    pub via: Via,
}

impl Auth {
    /// Answers 403 unless the caller's role is one of `roles`.
    pub fn require(&self, roles: &[Role]) -> Result<(), AppError> {
        if roles.contains(&self.principal.role) {
            Ok(())
        } else {
            let allowed: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
            Err(AppError::Forbidden(format!(
                "the {} role may not do this (needs {})",
                self.principal.role,
                allowed.join(" or ")
            )))
        }
    }

    /// The actor name written to the audit log.
    pub fn actor(&self) -> &str {
        &self.principal.username
    }
}

fn bearer(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

/// The value of cookie `name` in the request, if any.
pub fn cookie<'a>(parts: &'a Parts, name: &str) -> Option<&'a str> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

impl FromRequestParts<AppState> for Auth {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Auth, AppError> {
        let now = Utc::now();
        if let Some(token) = bearer(parts) {
            return match state
                .store
                .principal_for_token(&secret_hash(token), now)
                .await?
            {
                Some(principal) => Ok(Auth {
                    principal,
                    via: Via::Token,
                }),
                None => Err(AppError::Unauthorized(
                    "the API token is unknown, expired or revoked".into(),
                )),
            };
        }
        if let Some(session_id) = cookie(parts, SESSION_COOKIE) {
            let hash = secret_hash(session_id);
            let Some((session, principal)) = state.store.session(&hash, now).await? else {
                return Err(AppError::Unauthorized(
                    "the session has ended; sign in again".into(),
                ));
            };
            if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
                let sent = parts
                    .headers
                    .get(CSRF_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                if !constant_time_eq(sent.as_bytes(), session.csrf_token.as_bytes()) {
                    return Err(AppError::Forbidden(
                        "missing or wrong CSRF token: send the session's csrf_token in the \
                         X-CSRF-Token header"
                            .into(),
                    ));
                }
            }
            return Ok(Auth {
                principal,
                via: Via::Session(hash),
            });
        }
        Err(AppError::Unauthorized(
            "sign in first: send Authorization: Bearer TOKEN, or the session cookie from \
             POST /api/session"
                .into(),
        ))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Consecutive failed sign-ins that lock an account.
pub const MAX_FAILED_SIGN_INS: i64 = 5;
/// How long a locked account stays locked, in minutes.
pub const LOCK_MINUTES: i64 = 15;

/// Checks a user name and password, counting failures and honouring locks (in the
/// database, so every instance agrees). Returns who signed in.
pub async fn sign_in(
    state: &AppState,
    username: &str,
    password: &str,
    interface: &str,
) -> Result<Principal, AppError> {
    let now = Utc::now();
    let refused = || AppError::Unauthorized("wrong user name or password".into());
    let user = state.store.user_by_name(username).await?;
    let Some(user) = user else {
        // Spend the same time as a real check, so timing does not tell which names exist.
        let _ = verify_password(password, &state.dummy_hash);
        audit_sign_in(state, None, username, interface, "unknown-user").await?;
        return Err(refused());
    };
    if let Some(until) = user.locked_until {
        if until > now {
            audit_sign_in(state, Some(user.id), username, interface, "locked").await?;
            return Err(AppError::Unauthorized(format!(
                "this account is locked after {MAX_FAILED_SIGN_INS} failed sign-ins, until {} \
                 UTC; an administrator can tell you more",
                until.format("%Y-%m-%d %H:%M")
            )));
        }
    }
    let hash = user.password_hash.clone();
    let password_owned = password.to_string();
    let ok = tokio::task::spawn_blocking(move || verify_password(&password_owned, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    if !ok || user.disabled {
        state
            .store
            .record_login_failure(
                user.id,
                MAX_FAILED_SIGN_INS,
                now + chrono::Duration::minutes(LOCK_MINUTES),
            )
            .await?;
        audit_sign_in(state, Some(user.id), username, interface, "refused").await?;
        return Err(refused());
    }
    state.store.record_login_success(user.id).await?;
    audit_sign_in(state, Some(user.id), username, interface, "ok").await?;
    Ok(Principal {
        user_id: user.id,
        username: user.username,
        role: user.role,
    })
}

async fn audit_sign_in(
    state: &AppState,
    user_id: Option<i64>,
    username: &str,
    interface: &str,
    outcome: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: user_id,
            actor: username,
            interface,
            action: "sign-in",
            patient_id: None,
            target: "/api/session",
            outcome,
        })
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("correct horsE", &hash));
        assert!(!verify_password("correct horse", "not a hash"));
        assert_ne!(hash, hash_password("correct horse").unwrap(), "salted");
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = new_secret("nn_").unwrap();
        let b = new_secret("nn_").unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 3 + 64);
        assert_eq!(secret_hash(&a).len(), 64);
        assert_ne!(secret_hash(&a), a);
    }
}
