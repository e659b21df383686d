//! Users, roles, API tokens, browser sessions and sign-in lockouts. Secrets never reach this
//! module in the clear: passwords arrive as argon2id hashes, tokens and session ids as
//! SHA-256 hashes (the server hashes them). Lockout counters live here, in the database, so
//! every instance behind a load balancer sees the same count.

use crate::{from_ms, get_ms, get_opt_ms, is_unique_violation, to_ms, Result, StorageError, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::fmt;
use std::str::FromStr;

/// What a user may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Patients and their assessments.
    Clinician,
    /// Studies, the summary-statistics audit and statistics; no patient-identifying data.
    Researcher,
    /// Users, tokens and the audit log.
    Admin,
}

impl Role {
    /// The role's name as stored.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Clinician => "clinician",
            Role::Researcher => "researcher",
            Role::Admin => "admin",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = StorageError;
    fn from_str(s: &str) -> Result<Role> {
        match s {
            "clinician" => Ok(Role::Clinician),
            "researcher" => Ok(Role::Researcher),
            "admin" => Ok(Role::Admin),
            other => Err(StorageError::Invalid(format!(
                "unknown role '{other}' (clinician, researcher or admin)"
            ))),
        }
    }
}

/// A user to create.
#[derive(Clone, Debug)]
pub struct NewUser<'a> {
    /// Unique sign-in name.
    pub username: &'a str,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// The user's role.
    pub role: Role,
}

/// A stored user.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct User {
    /// Our id.
    pub id: i64,
    /// Sign-in name.
    pub username: String,
    /// argon2id PHC string.
    #[serde(skip)]
    pub password_hash: String,
    /// The user's role.
    pub role: Role,
    /// Consecutive failed sign-ins.
    pub failed_logins: i64,
    /// Sign-in refused until then.
    pub locked_until: Option<DateTime<Utc>>,
    /// Whether the account is disabled.
    pub disabled: bool,
    /// When it was created.
    pub created_at: DateTime<Utc>,
}

/// A stored API token (never the token itself).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ApiToken {
    /// Our id.
    pub id: i64,
    /// The user it acts for.
    pub user_id: i64,
    /// The role it is scoped to.
    pub role: Role,
    /// What it is for.
    pub label: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it stops working.
    pub expires_at: DateTime<Utc>,
    /// When it was revoked, if it was.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A stored browser session (never the session id itself).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Session {
    /// Our id.
    pub id: i64,
    /// The signed-in user.
    pub user_id: i64,
    /// The CSRF token every form of this session must carry.
    pub csrf_token: String,
    /// When it began.
    pub created_at: DateTime<Utc>,
    /// When it ends.
    pub expires_at: DateTime<Utc>,
}

/// Who is acting: the user and the role in force (a token's role, else the user's).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Principal {
    /// The user's id.
    pub user_id: i64,
    /// The user's name.
    pub username: String,
    /// The role in force.
    pub role: Role,
}

const USER_COLUMNS: &str =
    "id, username, password_hash, role, failed_logins, locked_until, disabled, created_at";

fn user_row(row: &AnyRow) -> Result<User> {
    let role: String = row.try_get("role")?;
    Ok(User {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        password_hash: row.try_get("password_hash")?,
        role: role.parse()?,
        failed_logins: row.try_get("failed_logins")?,
        locked_until: get_opt_ms(row, "locked_until")?,
        disabled: row.try_get::<i64, _>("disabled")? != 0,
        created_at: get_ms(row, "created_at")?,
    })
}

fn token_row(row: &AnyRow) -> Result<ApiToken> {
    let role: String = row.try_get("role")?;
    Ok(ApiToken {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        role: role.parse()?,
        label: row.try_get("label")?,
        created_at: get_ms(row, "created_at")?,
        expires_at: get_ms(row, "expires_at")?,
        revoked_at: get_opt_ms(row, "revoked_at")?,
    })
}

impl Store {
    /// Creates a user. A taken name is [`StorageError::Conflict`].
    pub async fn create_user(&self, new: &NewUser<'_>, now: DateTime<Utc>) -> Result<User> {
        let result = sqlx::query(
            "INSERT INTO users (username, password_hash, role, failed_logins, disabled, created_at) \
             VALUES ($1, $2, $3, 0, 0, $4) RETURNING id",
        )
        .bind(new.username)
        .bind(new.password_hash)
        .bind(new.role.as_str())
        .bind(to_ms(now))
        .fetch_one(&self.writer)
        .await;
        let id: i64 = match result {
            Ok(row) => row.try_get(0)?,
            Err(e) if is_unique_violation(&e) => {
                return Err(StorageError::Conflict(format!(
                    "a user named '{}' exists already",
                    new.username
                )))
            }
            Err(e) => return Err(e.into()),
        };
        Ok(User {
            id,
            username: new.username.to_string(),
            password_hash: new.password_hash.to_string(),
            role: new.role,
            failed_logins: 0,
            locked_until: None,
            disabled: false,
            created_at: from_ms(to_ms(now)),
        })
    }

    /// A user by sign-in name.
    pub async fn user_by_name(&self, username: &str) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE username = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(username)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_row)
            .transpose()
    }

    /// A user by id.
    pub async fn user(&self, id: i64) -> Result<Option<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(user_row)
            .transpose()
    }

    /// Every user, by id.
    pub async fn users(&self) -> Result<Vec<User>> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users ORDER BY id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(user_row).collect()
    }

    /// Enables or disables a user; a disabled user's tokens and sessions stop working too.
    pub async fn set_user_disabled(&self, id: i64, disabled: bool) -> Result<bool> {
        let done = sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(i64::from(disabled))
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Replaces a user's password hash and clears any lock (an admin reset, or the demo's
    /// fresh passwords at each start).
    pub async fn set_password(&self, user_id: i64, password_hash: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1, failed_logins = 0, locked_until = NULL \
             WHERE id = $2",
        )
        .bind(password_hash)
        .bind(user_id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Counts a failed sign-in, atomically; at `max_failures` consecutive failures the
    /// account is locked until `lock_until`. Returns the user's state afterwards.
    pub async fn record_login_failure(
        &self,
        user_id: i64,
        max_failures: i64,
        lock_until: DateTime<Utc>,
    ) -> Result<Option<User>> {
        sqlx::query(
            "UPDATE users SET failed_logins = failed_logins + 1, \
             locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END \
             WHERE id = $3",
        )
        .bind(max_failures)
        .bind(to_ms(lock_until))
        .bind(user_id)
        .execute(&self.writer)
        .await?;
        self.user(user_id).await
    }

    /// Clears the failure count and any lock after a successful sign-in.
    pub async fn record_login_success(&self, user_id: i64) -> Result<()> {
        sqlx::query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = $1")
            .bind(user_id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    /// Stores a new API token by its hash.
    pub async fn create_token(
        &self,
        user_id: i64,
        token_hash: &str,
        role: Role,
        label: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<ApiToken> {
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (user_id, token_hash, role, label, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(role.as_str())
        .bind(label)
        .bind(to_ms(now))
        .bind(to_ms(expires_at))
        .fetch_one(&self.writer)
        .await?
        .try_get(0)?;
        Ok(ApiToken {
            id,
            user_id,
            role,
            label: label.to_string(),
            created_at: from_ms(to_ms(now)),
            expires_at: from_ms(to_ms(expires_at)),
            revoked_at: None,
        })
    }

    /// Who a token acts for, if it is known, not revoked, not expired at `now`, and its user
    /// is enabled.
    pub async fn principal_for_token(
        &self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Principal>> {
        let row = sqlx::query(
            "SELECT u.id AS user_id, u.username, t.role FROM api_tokens t \
             JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > $2 \
             AND u.disabled = 0",
        )
        .bind(token_hash)
        .bind(to_ms(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let role: String = row.try_get("role")?;
            Ok(Principal {
                user_id: row.try_get("user_id")?,
                username: row.try_get("username")?,
                role: role.parse()?,
            })
        })
        .transpose()
    }

    /// Revokes a token; false when there is no such live token.
    pub async fn revoke_token(&self, id: i64, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL",
        )
        .bind(to_ms(now))
        .bind(id)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Every token (without secrets), by id.
    pub async fn tokens(&self) -> Result<Vec<ApiToken>> {
        let rows = sqlx::query(
            "SELECT id, user_id, role, label, created_at, expires_at, revoked_at \
             FROM api_tokens ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(token_row).collect()
    }

    /// Stores a new browser session by the hash of its id.
    pub async fn create_session(
        &self,
        session_hash: &str,
        user_id: i64,
        csrf_token: &str,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<i64> {
        let id: i64 = sqlx::query(
            "INSERT INTO sessions (session_hash, user_id, csrf_token, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(session_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(to_ms(now))
        .bind(to_ms(expires_at))
        .fetch_one(&self.writer)
        .await?
        .try_get(0)?;
        Ok(id)
    }

    /// A live session and who it belongs to.
    pub async fn session(
        &self,
        session_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<(Session, Principal)>> {
        let row = sqlx::query(
            "SELECT s.id, s.user_id, s.csrf_token, s.created_at, s.expires_at, u.username, u.role \
             FROM sessions s JOIN users u ON u.id = s.user_id \
             WHERE s.session_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 \
             AND u.disabled = 0",
        )
        .bind(session_hash)
        .bind(to_ms(now))
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            let role: String = row.try_get("role")?;
            let session = Session {
                id: row.try_get("id")?,
                user_id: row.try_get("user_id")?,
                csrf_token: row.try_get("csrf_token")?,
                created_at: get_ms(&row, "created_at")?,
                expires_at: get_ms(&row, "expires_at")?,
            };
            let principal = Principal {
                user_id: session.user_id,
                username: row.try_get("username")?,
                role: role.parse()?,
            };
            Ok((session, principal))
        })
        .transpose()
    }

    /// Ends a session (sign-out).
    pub async fn revoke_session(&self, session_hash: &str, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 WHERE session_hash = $2 AND revoked_at IS NULL",
        )
        .bind(to_ms(now))
        .bind(session_hash)
        .execute(&self.writer)
        .await?;
        Ok(done.rows_affected() == 1)
    }
}
