//! Account pages: your own account (session, API tokens, password), and for admins the
//! users, every API token and the audit log, filterable. The same store calls and audit
//! entries as the JSON API (`crate::admin`), with interface `web`.

use super::{shown_time, Web, WebError, WebSession};
use crate::auth;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{Duration, Utc};
use neuronutri_storage::{ApiToken, NewAuditEntry};
use serde::Deserialize;
use serde_json::{json, Value};

/// Appends an audit entry for an account action done through the web app.
pub(crate) async fn account_audit(
    state: &AppState,
    session: &WebSession,
    action: &str,
    target: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: Some(session.auth.principal.user_id),
            actor: session.auth.actor(),
            interface: "web",
            action,
            patient_id: None,
            target,
            outcome: "ok",
        })
        .await?;
    Ok(())
}

/// A token as a table row.
pub(crate) fn token_row(web: &Web, token: &ApiToken, usernames: &[(i64, String)]) -> Value {
    let now = Utc::now();
    let state = if token.revoked_at.is_some() {
        "token_revoked"
    } else if token.expires_at <= now {
        "token_expired"
    } else {
        "token_live"
    };
    json!({
        "id": token.id,
        "label": token.label,
        "role": token.role.as_str(),
        "user": usernames.iter().find(|(id, _)| *id == token.user_id).map(|(_, n)| n.as_str()).unwrap_or("?"),
        "created": shown_time(web.lang, token.created_at),
        "expires": shown_time(web.lang, token.expires_at),
        "state": state,
    })
}

/// Renders the account page, with a one-time token secret, a notice or an error.
pub(crate) async fn account_page(
    web: &Web,
    state: &AppState,
    session: &WebSession,
    new_token: Option<String>,
    message: Option<Result<String, String>>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let me = session.auth.principal.user_id;
    let tokens: Vec<Value> = state
        .store
        .tokens()
        .await?
        .iter()
        .filter(|t| t.user_id == me)
        .map(|t| token_row(web, t, &[]))
        .collect();
    let (notice, error) = match message {
        Some(Ok(n)) => (Some(n), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    web.render_status(
        status,
        "account.html",
        json!({
            "session_ends": shown_time(web.lang, session.expires_at),
            "tokens": tokens,
            "new_token": new_token,
            "notice": notice,
            "error": error,
        }),
    )
}

/// The "make a token" form.
#[derive(Deserialize)]
pub struct OwnTokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    days: String,
}

fn token_days(days: &str) -> Result<i64, String> {
    match days.trim().parse::<i64>() {
        Ok(n) if (1..=crate::admin::MAX_TOKEN_DAYS).contains(&n) => Ok(n),
        _ => Err(format!(
            "days: '{}' must be a whole number from 1 to {}",
            days.trim(),
            crate::admin::MAX_TOKEN_DAYS
        )),
    }
}

fn token_label(label: &str) -> Result<&str, String> {
    let label = label.trim();
    if label.is_empty() || label.len() > 200 {
        Err("label: say what the token is for (1 to 200 characters)".into())
    } else {
        Ok(label)
    }
}

/// `POST /account/tokens`: a token for yourself, with your role; the secret is shown once.
pub async fn create_own_token(
    web: Web,
    State(state): State<AppState>,
    Form(form): Form<OwnTokenForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    let checked = token_days(&form.days).and_then(|d| token_label(&form.label).map(|l| (d, l)));
    let (days, label) = match checked {
        Ok(v) => v,
        Err(e) => {
            return account_page(
                &web,
                &state,
                session,
                None,
                Some(Err(e)),
                StatusCode::BAD_REQUEST,
            )
            .await
        }
    };
    let secret = auth::new_secret("nn_")?;
    let now = Utc::now();
    let token = state
        .store
        .create_token(
            session.auth.principal.user_id,
            &auth::secret_hash(&secret),
            session.auth.principal.role,
            label,
            now,
            now + Duration::days(days),
        )
        .await?;
    account_audit(
        &state,
        session,
        "create-token",
        &format!("/api/tokens/{}", token.id),
    )
    .await?;
    account_page(
        &web,
        &state,
        session,
        Some(secret),
        None,
        StatusCode::CREATED,
    )
    .await
}

/// `POST /account/tokens/{id}/revoke`: revokes one of your own tokens.
pub async fn revoke_own_token(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<super::CsrfForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    let tokens = state.store.tokens().await?;
    let mine = tokens.iter().any(|t| {
        t.id == id && t.user_id == session.auth.principal.user_id && t.revoked_at.is_none()
    });
    if !mine {
        return Err(AppError::NotFound(format!("you have no live token with id {id}")).into());
    }
    state.store.revoke_token(id, Utc::now()).await?;
    account_audit(
        &state,
        session,
        "revoke-token",
        &format!("/api/tokens/{id}"),
    )
    .await?;
    let t = super::i18n::texts().all(web.lang);
    let notice = t.get("token_revoked_notice").cloned().unwrap_or_default();
    account_page(
        &web,
        &state,
        session,
        None,
        Some(Ok(notice)),
        StatusCode::OK,
    )
    .await
}

/// The "change password" form.
#[derive(Deserialize)]
pub struct PasswordForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    current: String,
    #[serde(default)]
    new: String,
}

/// `POST /account/password`: changes your password after checking the current one.
pub async fn change_password(
    web: Web,
    State(state): State<AppState>,
    Form(form): Form<PasswordForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    let t = super::i18n::texts().all(web.lang);
    let user = state
        .store
        .user(session.auth.principal.user_id)
        .await?
        .ok_or_else(|| AppError::Unauthorized("the user no longer exists".into()))?;
    let (hash, current) = (user.password_hash.clone(), form.current.clone());
    let ok = tokio::task::spawn_blocking(move || auth::verify_password(&current, &hash))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let refusal = if !ok {
        Some("password_wrong")
    } else if form.new.chars().count() < 12 {
        Some("password_rule")
    } else {
        None
    };
    if let Some(id) = refusal {
        let message = t.get(id).cloned().unwrap_or_default();
        return account_page(
            &web,
            &state,
            session,
            None,
            Some(Err(message)),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    let new = form.new;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&new))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    state
        .store
        .set_password(session.auth.principal.user_id, &hash)
        .await?;
    account_audit(
        &state,
        session,
        "change-password",
        &format!("/api/users/{}", session.auth.principal.user_id),
    )
    .await?;
    let notice = t.get("password_changed").cloned().unwrap_or_default();
    account_page(
        &web,
        &state,
        session,
        None,
        Some(Ok(notice)),
        StatusCode::OK,
    )
    .await
}
