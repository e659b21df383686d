//! Account pages: your own account (session, API tokens, password), and for admins the
//! users, every API token and the audit log, filterable. The same store calls and audit
//! entries as the JSON API (`crate::admin`), with interface `web`.

use super::{shown_time, url_encode, Web, WebError, WebSession};
use crate::auth;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use axum::Form;
use chrono::{Duration, Utc};
use neuronutri_storage::{ApiToken, AuditQuery, NewAuditEntry, Role};
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

async fn usernames(state: &AppState) -> Result<Vec<(i64, String)>, AppError> {
    Ok(state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| (u.id, u.username))
        .collect())
}

/// Renders the users page with an optional notice or error.
async fn users_page(
    web: &Web,
    state: &AppState,
    message: Option<Result<String, String>>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let users: Vec<Value> = state
        .store
        .users()
        .await?
        .into_iter()
        .map(|u| {
            json!({
                "id": u.id, "name": u.username, "role": u.role.as_str(),
                "failed": u.failed_logins,
                "locked_until": u.locked_until.filter(|t| *t > Utc::now()).map(|t| shown_time(web.lang, t)),
                "disabled": u.disabled,
                "created": shown_time(web.lang, u.created_at),
            })
        })
        .collect();
    let (notice, error) = split(message);
    web.render_status(
        status,
        "users.html",
        json!({"users": users, "roles": ROLES, "notice": notice, "error": error}),
    )
}

const ROLES: [&str; 3] = ["clinician", "researcher", "admin"];

fn split(message: Option<Result<String, String>>) -> (Option<String>, Option<String>) {
    match message {
        Some(Ok(n)) => (Some(n), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    }
}

/// `GET /admin/users`.
pub async fn users(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.require(&[Role::Admin])?;
    users_page(&web, &state, None, StatusCode::OK).await
}

/// The "new user" form.
#[derive(Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/users`: creates a user (the API's rules: name, 12-character password, role).
pub async fn create_user(
    web: Web,
    State(state): State<AppState>,
    Form(form): Form<NewUserForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    session.auth.require(&[Role::Admin])?;
    let checked = crate::admin::check_username(&form.username)
        .map_err(|e| match e {
            AppError::BadRequest(m) => m,
            other => format!("{other:?}"),
        })
        .and_then(|_| {
            if form.password.chars().count() < 12 {
                Err("password: at least 12 characters".to_string())
            } else {
                Ok(())
            }
        })
        .and_then(|_| {
            form.role.parse::<Role>().map_err(|_| {
                format!(
                    "role: '{}' is not clinician, researcher or admin",
                    form.role
                )
            })
        });
    let role = match checked {
        Ok(role) => role,
        Err(e) => return users_page(&web, &state, Some(Err(e)), StatusCode::BAD_REQUEST).await,
    };
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let created = state
        .store
        .create_user(
            &neuronutri_storage::NewUser {
                username: &form.username,
                password_hash: &hash,
                role,
            },
            Utc::now(),
        )
        .await;
    let user = match created {
        Ok(user) => user,
        Err(neuronutri_storage::StorageError::Conflict(m)) => {
            return users_page(&web, &state, Some(Err(m)), StatusCode::CONFLICT).await
        }
        Err(other) => return Err(other.into()),
    };
    account_audit(
        &state,
        session,
        "create-user",
        &format!("/api/users/{}", user.id),
    )
    .await?;
    let notice = format!("{} ({})", user.username, user.role.as_str());
    users_page(&web, &state, Some(Ok(notice)), StatusCode::CREATED).await
}

/// The "disable / enable" form.
#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    disabled: String,
}

/// `POST /admin/users/{id}/disable`: disables (`disabled=true`) or enables a user; an admin
/// cannot disable themselves (so there is always a way back in).
pub async fn set_disabled(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<DisableForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    session.auth.require(&[Role::Admin])?;
    let disabled = form.disabled == "true";
    if disabled && id == session.auth.principal.user_id {
        return users_page(
            &web,
            &state,
            Some(Err("you cannot disable your own account".into())),
            StatusCode::BAD_REQUEST,
        )
        .await;
    }
    if !state.store.set_user_disabled(id, disabled).await? {
        return Err(AppError::NotFound(format!("no user with id {id}")).into());
    }
    let action = if disabled {
        "disable-user"
    } else {
        "enable-user"
    };
    account_audit(&state, session, action, &format!("/api/users/{id}")).await?;
    users_page(&web, &state, None, StatusCode::OK).await
}

/// Renders the tokens page, with a one-time secret or an error.
async fn tokens_page(
    web: &Web,
    state: &AppState,
    new_token: Option<String>,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let names = usernames(state).await?;
    let tokens: Vec<Value> = state
        .store
        .tokens()
        .await?
        .iter()
        .map(|t| token_row(web, t, &names))
        .collect();
    let users: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
    web.render_status(
        status,
        "tokens.html",
        json!({"tokens": tokens, "users": users, "roles": ROLES, "new_token": new_token, "error": error}),
    )
}

/// `GET /admin/tokens`.
pub async fn tokens(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.require(&[Role::Admin])?;
    tokens_page(&web, &state, None, None, StatusCode::OK).await
}

/// The "token for a user" form.
#[derive(Deserialize)]
pub struct AdminTokenForm {
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    label: String,
    #[serde(default)]
    days: String,
    #[serde(default)]
    role: String,
}

/// `POST /admin/tokens`: a token for any user, with their role or another (the API's rules:
/// an admin token only for an admin user); the secret is shown once.
pub async fn create_token(
    web: Web,
    State(state): State<AppState>,
    Form(form): Form<AdminTokenForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    session.auth.require(&[Role::Admin])?;
    let Some(user) = state.store.user_by_name(&form.username).await? else {
        let e = format!("no user named '{}'", form.username);
        return tokens_page(&web, &state, None, Some(e), StatusCode::BAD_REQUEST).await;
    };
    let role = if form.role.is_empty() {
        Ok(user.role)
    } else {
        form.role.parse::<Role>().map_err(|_| {
            format!(
                "role: '{}' is not clinician, researcher or admin",
                form.role
            )
        })
    };
    let checked = role
        .and_then(|role| {
            if role == Role::Admin && user.role != Role::Admin {
                Err("an admin token can only be made for an admin user".to_string())
            } else {
                Ok(role)
            }
        })
        .and_then(|role| token_days(&form.days).map(|d| (role, d)))
        .and_then(|(role, d)| token_label(&form.label).map(|l| (role, d, l)));
    let (role, days, label) = match checked {
        Ok(v) => v,
        Err(e) => return tokens_page(&web, &state, None, Some(e), StatusCode::BAD_REQUEST).await,
    };
    let secret = auth::new_secret("nn_")?;
    let now = Utc::now();
    let token = state
        .store
        .create_token(
            user.id,
            &auth::secret_hash(&secret),
            role,
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
    tokens_page(&web, &state, Some(secret), None, StatusCode::CREATED).await
}

/// `POST /admin/tokens/{id}/revoke`: revokes any live token.
pub async fn revoke_token(
    web: Web,
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Form(form): Form<super::CsrfForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    session.auth.require(&[Role::Admin])?;
    let live = state
        .store
        .tokens()
        .await?
        .iter()
        .any(|t| t.id == id && t.revoked_at.is_none());
    if !live {
        return Err(AppError::NotFound(format!("no live token with id {id}")).into());
    }
    state.store.revoke_token(id, Utc::now()).await?;
    account_audit(
        &state,
        session,
        "revoke-token",
        &format!("/api/tokens/{id}"),
    )
    .await?;
    tokens_page(&web, &state, None, None, StatusCode::OK).await
}

/// Audit-log filters.
#[derive(Deserialize, Default)]
pub struct AuditFilter {
    #[serde(default)]
    patient: String,
    #[serde(default)]
    actor: String,
    #[serde(default)]
    interface: String,
    #[serde(default)]
    action: String,
    #[serde(default)]
    outcome: String,
    after: Option<i64>,
}

/// Entries shown per page of the audit log.
pub const AUDIT_PAGE: usize = 100;
/// Entries read per request at most while filtering (the next page continues after them).
pub const AUDIT_SCAN: usize = 20_000;

/// `GET /admin/audit`: the audit log, oldest first, filtered by patient (in the database) and
/// by actor, interface, action and outcome.
pub async fn audit(
    web: Web,
    State(state): State<AppState>,
    Query(filter): Query<AuditFilter>,
) -> Result<Response, WebError> {
    web.require(&[Role::Admin])?;
    let patient =
        match filter.patient.trim() {
            "" => None,
            text => Some(text.parse::<i64>().map_err(|_| {
                AppError::BadRequest(format!("patient id: '{text}' is not a number"))
            })?),
        };
    let wanted = |value: &str, filter: &str| {
        let filter = filter.trim();
        filter.is_empty() || value.eq_ignore_ascii_case(filter)
    };
    let mut after = filter.after.unwrap_or(0).max(0);
    let mut rows = Vec::new();
    let mut scanned = 0;
    let mut more = false;
    'scan: while scanned < AUDIT_SCAN {
        let batch = state
            .store
            .audit_entries(&AuditQuery {
                patient_id: patient,
                after_id: after,
                limit: 500,
            })
            .await?;
        if batch.is_empty() {
            break;
        }
        for e in batch {
            scanned += 1;
            after = e.id;
            if wanted(&e.actor, &filter.actor)
                && wanted(&e.interface, &filter.interface)
                && wanted(&e.action, &filter.action)
                && wanted(&e.outcome, &filter.outcome)
            {
                rows.push(json!({
                    "id": e.id, "at": shown_time(web.lang, e.at), "actor": e.actor,
                    "interface": e.interface, "action": e.action, "patient_id": e.patient_id,
                    "target": e.target, "outcome": e.outcome,
                }));
                if rows.len() == AUDIT_PAGE {
                    more = true;
                    break 'scan;
                }
            }
        }
    }
    if scanned >= AUDIT_SCAN {
        more = true;
    }
    let next = more.then(|| {
        format!(
            "/admin/audit?patient={}&actor={}&interface={}&action={}&outcome={}&after={after}",
            url_encode(&filter.patient),
            url_encode(&filter.actor),
            url_encode(&filter.interface),
            url_encode(&filter.action),
            url_encode(&filter.outcome)
        )
    });
    web.render(
        "audit.html",
        json!({
            "rows": rows, "next": next,
            "f": {"patient": filter.patient, "actor": filter.actor, "interface": filter.interface,
                  "action": filter.action, "outcome": filter.outcome},
        }),
    )
}

/// The CDS feedback page's period: dates (`YYYY-MM-DD`, UTC) and an optional split.
#[derive(Deserialize, Default)]
pub struct CdsFilter {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default)]
    interval: String,
}

fn day_start(name: &str, text: &str) -> Result<Option<String>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(|d| Some(format!("{d}T00:00:00Z")))
        .map_err(|_| {
            AppError::BadRequest(format!("{name}: '{text}' is not a date like 2026-11-01"))
        })
}

/// `GET /admin/cds`: CDS Hooks card feedback per rule code (the report of
/// `GET /api/cds/feedback-rates`), over the last 30 days or a chosen period, optionally per
/// day or week.
pub async fn cds_feedback(
    web: Web,
    State(state): State<AppState>,
    Query(filter): Query<CdsFilter>,
) -> Result<Response, WebError> {
    web.require(&[Role::Admin])?;
    let query = crate::cds::rates::RatesQuery {
        from: day_start("from", &filter.from)?,
        to: day_start("to", &filter.to)?,
        interval: Some(filter.interval.trim().to_string()).filter(|s| !s.is_empty()),
    };
    let report = crate::cds::rates::feedback_report(&state.store, &query, Utc::now()).await?;
    let rows = |codes: &[crate::cds::rates::CodeRate]| -> Vec<Value> {
        codes
            .iter()
            .map(|r| {
                let percent = |rate: Option<f64>| rate.map(|x| format!("{:.0} %", 100.0 * x));
                json!({"code": r.code, "issued": r.issued, "accepted": r.accepted,
                       "overridden": r.overridden, "accepted_pct": percent(r.acceptance_rate),
                       "overridden_pct": percent(r.override_rate)})
            })
            .collect()
    };
    let periods: Vec<Value> = report
        .periods
        .iter()
        .filter(|p| !p.codes.is_empty())
        .map(|p| {
            json!({"from": shown_time(web.lang, p.from), "to": shown_time(web.lang, p.to),
                   "rates": rows(&p.codes)})
        })
        .collect();
    web.render(
        "cds.html",
        json!({
            "rates": rows(&report.codes), "periods": periods,
            "from": shown_time(web.lang, report.from), "to": shown_time(web.lang, report.to),
            "f": {"from": filter.from, "to": filter.to, "interval": filter.interval},
        }),
    )
}
