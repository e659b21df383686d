//! Accounts: sign-in and sign-out (browser sessions), who am I, users, API tokens and the
//! audit log. Users, tokens and the log are the admin role's; every role may sign in, see
//! itself and make tokens for itself.

use crate::api::page_size;
use crate::auth::{self, Auth, Via, SESSION_COOKIE};
use crate::error::{AppError, OperationOutcome};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use neuronutri_storage::{AuditQuery, NewAuditEntry, NewUser, Role};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// How long a browser session lasts.
pub const SESSION_HOURS: i64 = 8;
/// Longest validity of an API token, in days.
pub const MAX_TOKEN_DAYS: i64 = 365;

/// Sign-in credentials.
#[derive(Deserialize, ToSchema)]
pub struct Credentials {
    /// User name.
    pub username: String,
    /// Password.
    pub password: String,
}

/// A signed-in session.
#[derive(Serialize, ToSchema)]
pub struct SessionInfo {
    /// Who.
    pub username: String,
    /// Their role.
    #[schema(value_type = String, example = "clinician")]
    pub role: Role,
    /// Send it in `X-CSRF-Token` with every request that changes anything.
    pub csrf_token: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

/// Sign in: sets the `nn_session` cookie (HttpOnly, Secure, SameSite=Strict) and returns the
/// CSRF token. Five failed sign-ins in a row lock the account for 15 minutes.
#[utoipa::path(post, path = "/api/session", tag = "accounts", request_body = Credentials,
    responses((status = 200, body = SessionInfo),
              (status = 401, description = "Wrong name or password, or locked", body = OperationOutcome)))]
pub async fn sign_in(
    State(state): State<AppState>,
    Json(credentials): Json<Credentials>,
) -> Result<impl IntoResponse, AppError> {
    let principal =
        auth::sign_in(&state, &credentials.username, &credentials.password, "api").await?;
    let session_id = auth::new_secret("")?;
    let csrf_token = auth::new_secret("")?;
    let now = Utc::now();
    let expires_at = now + Duration::hours(SESSION_HOURS);
    state
        .store
        .create_session(
            &auth::secret_hash(&session_id),
            principal.user_id,
            &csrf_token,
            now,
            expires_at,
        )
        .await?;
    let cookie = format!(
        "{SESSION_COOKIE}={session_id}; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age={}",
        SESSION_HOURS * 3600
    );
    Ok((
        [(header::SET_COOKIE, cookie)],
        Json(SessionInfo {
            username: principal.username,
            role: principal.role,
            csrf_token,
            expires_at,
        }),
    ))
}

/// Sign out: ends the cookie session (needs `X-CSRF-Token`).
#[utoipa::path(delete, path = "/api/session", tag = "accounts",
    responses((status = 204, description = "Signed out"),
              (status = 400, description = "Not a cookie session", body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, description = "CSRF token missing or wrong", body = OperationOutcome)))]
pub async fn sign_out(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<impl IntoResponse, AppError> {
    let Via::Session(hash) = &auth.via else {
        return Err(AppError::BadRequest(
            "this request is not a browser session; revoke tokens with DELETE /api/tokens/{id}"
                .into(),
        ));
    };
    state.store.revoke_session(hash, Utc::now()).await?;
    let expired =
        format!("{SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, expired)]))
}

/// The caller.
#[derive(Serialize, ToSchema)]
pub struct Me {
    /// User id.
    pub user_id: i64,
    /// User name.
    pub username: String,
    /// The role in force.
    #[schema(value_type = String, example = "researcher")]
    pub role: Role,
    /// `token` or `session`.
    pub via: &'static str,
}

/// Who am I.
#[utoipa::path(get, path = "/api/me", tag = "accounts",
    responses((status = 200, body = Me), (status = 401, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn me(auth: Auth) -> Json<Me> {
    Json(Me {
        user_id: auth.principal.user_id,
        username: auth.principal.username.clone(),
        role: auth.principal.role,
        via: match auth.via {
            Via::Token => "token",
            Via::Session(_) => "session",
        },
    })
}

/// A user (never the password hash).
#[derive(Serialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: i64,
    /// Name.
    pub username: String,
    /// Role.
    #[schema(value_type = String)]
    pub role: Role,
    /// Consecutive failed sign-ins.
    pub failed_logins: i64,
    /// Locked until.
    pub locked_until: Option<DateTime<Utc>>,
    /// Disabled.
    pub disabled: bool,
    /// Created.
    pub created_at: DateTime<Utc>,
}

/// Every user (admin).
#[utoipa::path(get, path = "/api/users", tag = "accounts",
    responses((status = 200, body = Vec<UserView>), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn list_users(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<UserView>>, AppError> {
    auth.require(&[Role::Admin])?;
    let users = state.store.users().await?;
    Ok(Json(
        users
            .into_iter()
            .map(|u| UserView {
                id: u.id,
                username: u.username,
                role: u.role,
                failed_logins: u.failed_logins,
                locked_until: u.locked_until,
                disabled: u.disabled,
                created_at: u.created_at,
            })
            .collect(),
    ))
}

/// A user to create.
#[derive(Deserialize, ToSchema)]
pub struct NewUserRequest {
    /// Name: 3 to 64 letters, digits, '.', '-', '_' or '@'.
    pub username: String,
    /// At least 12 characters.
    pub password: String,
    /// `clinician`, `researcher` or `admin`.
    pub role: String,
}

pub(crate) fn check_username(name: &str) -> Result<(), AppError> {
    let ok = (3..=64).contains(&name.chars().count())
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | '@'));
    if ok {
        Ok(())
    } else {
        Err(AppError::BadRequest(format!(
            "username: {name:?} must be 3 to 64 letters, digits, '.', '-', '_' or '@'"
        )))
    }
}

/// Create a user (admin).
#[utoipa::path(post, path = "/api/users", tag = "accounts", request_body = NewUserRequest,
    responses((status = 201, body = UserView), (status = 400, body = OperationOutcome),
              (status = 409, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn create_user(
    State(state): State<AppState>,
    auth: Auth,
    Json(request): Json<NewUserRequest>,
) -> Result<impl IntoResponse, AppError> {
    auth.require(&[Role::Admin])?;
    check_username(&request.username)?;
    if request.password.chars().count() < 12 {
        return Err(AppError::BadRequest(
            "password: at least 12 characters".into(),
        ));
    }
    let role: Role = request.role.parse()?;
    let password = request.password;
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))??;
    let user = state
        .store
        .create_user(
            &NewUser {
                username: &request.username,
                password_hash: &hash,
                role,
            },
            Utc::now(),
        )
        .await?;
    admin_audit(
        &state,
        &auth,
        "create-user",
        &format!("/api/users/{}", user.id),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(UserView {
            id: user.id,
            username: user.username,
            role: user.role,
            failed_logins: 0,
            locked_until: None,
            disabled: false,
            created_at: user.created_at,
        }),
    ))
}

async fn admin_audit(
    state: &AppState,
    auth: &Auth,
    action: &str,
    target: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: Some(auth.principal.user_id),
            actor: auth.actor(),
            interface: "api",
            action,
            patient_id: None,
            target,
            outcome: "ok",
        })
        .await?;
    Ok(())
}

/// A token to make.
#[derive(Deserialize, ToSchema)]
pub struct NewTokenRequest {
    /// For whom (admin only); default the caller.
    pub username: Option<String>,
    /// What it is for.
    pub label: String,
    /// Days it stays valid, 1 to 365 (default 30).
    pub days: Option<i64>,
    /// A narrower role for the token (admin only); default the user's role.
    pub role: Option<String>,
}

/// A token as listed (never the secret).
#[derive(Serialize, ToSchema)]
pub struct TokenView {
    /// Id (to revoke it).
    pub id: i64,
    /// The user it acts for.
    pub user_id: i64,
    /// Its role.
    #[schema(value_type = String)]
    pub role: Role,
    /// What it is for.
    pub label: String,
    /// Made.
    pub created_at: DateTime<Utc>,
    /// Stops working.
    pub expires_at: DateTime<Utc>,
    /// Revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A new token: the secret is shown here once and stored only as a hash.
#[derive(Serialize, ToSchema)]
pub struct NewToken {
    /// Send as `Authorization: Bearer …`.
    pub token: String,
    /// The stored token.
    pub info: TokenView,
}

fn token_view(t: neuronutri_storage::ApiToken) -> TokenView {
    TokenView {
        id: t.id,
        user_id: t.user_id,
        role: t.role,
        label: t.label,
        created_at: t.created_at,
        expires_at: t.expires_at,
        revoked_at: t.revoked_at,
    }
}

/// Make an API token, for yourself (any role) or for any user (admin).
#[utoipa::path(post, path = "/api/tokens", tag = "accounts", request_body = NewTokenRequest,
    responses((status = 201, body = NewToken), (status = 400, body = OperationOutcome),
              (status = 404, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn create_token(
    State(state): State<AppState>,
    auth: Auth,
    Json(request): Json<NewTokenRequest>,
) -> Result<impl IntoResponse, AppError> {
    let is_admin = auth.principal.role == Role::Admin;
    let user = match &request.username {
        Some(name) if name != &auth.principal.username => {
            auth.require(&[Role::Admin])?;
            state
                .store
                .user_by_name(name)
                .await?
                .ok_or_else(|| AppError::NotFound(format!("no user named {name:?}")))?
        }
        _ => state
            .store
            .user(auth.principal.user_id)
            .await?
            .ok_or_else(|| AppError::Unauthorized("the user no longer exists".into()))?,
    };
    let role = match &request.role {
        None => user.role,
        Some(role) => {
            let role: Role = role.parse()?;
            if role != user.role && !is_admin {
                return Err(AppError::Forbidden(
                    "only an admin may give a token another role than its user's".into(),
                ));
            }
            if role == Role::Admin && user.role != Role::Admin {
                return Err(AppError::Forbidden(
                    "an admin token can only be made for an admin user".into(),
                ));
            }
            role
        }
    };
    let days = request.days.unwrap_or(30);
    if !(1..=MAX_TOKEN_DAYS).contains(&days) {
        return Err(AppError::BadRequest(format!(
            "days: {days} is outside 1 to {MAX_TOKEN_DAYS}"
        )));
    }
    if request.label.trim().is_empty() || request.label.len() > 200 {
        return Err(AppError::BadRequest(
            "label: say what the token is for (1 to 200 characters)".into(),
        ));
    }
    let secret = auth::new_secret("nn_")?;
    let now = Utc::now();
    let token = state
        .store
        .create_token(
            user.id,
            &auth::secret_hash(&secret),
            role,
            request.label.trim(),
            now,
            now + Duration::days(days),
        )
        .await?;
    admin_audit(
        &state,
        &auth,
        "create-token",
        &format!("/api/tokens/{}", token.id),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(NewToken {
            token: secret,
            info: token_view(token),
        }),
    ))
}

/// Every token (admin).
#[utoipa::path(get, path = "/api/tokens", tag = "accounts",
    responses((status = 200, body = Vec<TokenView>), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    auth: Auth,
) -> Result<Json<Vec<TokenView>>, AppError> {
    auth.require(&[Role::Admin])?;
    Ok(Json(
        state
            .store
            .tokens()
            .await?
            .into_iter()
            .map(token_view)
            .collect(),
    ))
}

/// Revoke a token (admin, or the token's own user).
#[utoipa::path(delete, path = "/api/tokens/{id}", tag = "accounts",
    params(("id" = i64, Path, description = "The token's id")),
    responses((status = 204, description = "Revoked"), (status = 404, body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<StatusCode, AppError> {
    let tokens = state.store.tokens().await?;
    let token = tokens
        .iter()
        .find(|t| t.id == id && t.revoked_at.is_none())
        .ok_or_else(|| AppError::NotFound(format!("no live token with id {id}")))?;
    if token.user_id != auth.principal.user_id {
        auth.require(&[Role::Admin])?;
    }
    state.store.revoke_token(id, Utc::now()).await?;
    admin_audit(&state, &auth, "revoke-token", &format!("/api/tokens/{id}")).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Audit-log filters.
#[derive(Deserialize, IntoParams)]
pub struct AuditParams {
    /// Only entries about this patient.
    pub patient: Option<i64>,
    /// Only entries after this id (paging forward).
    pub after: Option<i64>,
    /// At most this many (1 to 500, default 50).
    pub count: Option<i64>,
}

/// One audit-log entry.
#[derive(Serialize, ToSchema)]
pub struct AuditView {
    /// Sequence number.
    pub id: i64,
    /// When.
    pub at: DateTime<Utc>,
    /// The acting user's id.
    pub actor_user_id: Option<i64>,
    /// The acting user's name.
    pub actor: String,
    /// `api`, `fhir`, …
    pub interface: String,
    /// `read`, `search`, `import`, `assess`, `sign-in`, …
    pub action: String,
    /// The patient concerned.
    pub patient_id: Option<i64>,
    /// What was touched.
    pub target: String,
    /// `ok`, `denied`, `not-found`, `invalid`, …
    pub outcome: String,
}

/// The audit log, oldest first (admin).
#[utoipa::path(get, path = "/api/audit-log", tag = "accounts", params(AuditParams),
    responses((status = 200, body = Vec<AuditView>), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn audit_log(
    State(state): State<AppState>,
    auth: Auth,
    Query(params): Query<AuditParams>,
) -> Result<Json<Vec<AuditView>>, AppError> {
    auth.require(&[Role::Admin])?;
    let entries = state
        .store
        .audit_entries(&AuditQuery {
            patient_id: params.patient,
            after_id: params.after.unwrap_or(0),
            limit: page_size(params.count)?,
        })
        .await?;
    Ok(Json(
        entries
            .into_iter()
            .map(|e| AuditView {
                id: e.id,
                at: e.at,
                actor_user_id: e.actor_user_id,
                actor: e.actor,
                interface: e.interface,
                action: e.action,
                patient_id: e.patient_id,
                target: e.target,
                outcome: e.outcome,
            })
            .collect(),
    ))
}
