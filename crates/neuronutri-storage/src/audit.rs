//! The append-only audit log: who read or wrote which patient's data, when, and through
//! which interface. The schema's triggers refuse any UPDATE or DELETE of its rows, so the
//! log cannot be rewritten through the application or a stray SQL session.

use crate::{get_ms, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;

/// An entry to append.
#[derive(Clone, Debug)]
pub struct NewAuditEntry<'a> {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The acting user's id, if signed in.
    pub actor_user_id: Option<i64>,
    /// The acting user's name (or `anonymous`, `demo`, …).
    pub actor: &'a str,
    /// Through which interface: `api`, `fhir`, `web`, `cli`.
    pub interface: &'a str,
    /// What was done: `read`, `search`, `write`, `import`, `assess`, `sign-in`, …
    pub action: &'a str,
    /// The patient concerned, if one.
    pub patient_id: Option<i64>,
    /// What was touched (a path or resource, never a patient's data).
    pub target: &'a str,
    /// `ok`, `denied`, `not-found`, `invalid`, …
    pub outcome: &'a str,
}

/// A stored entry.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Sequence number.
    pub id: i64,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// The acting user's id, if signed in.
    pub actor_user_id: Option<i64>,
    /// The acting user's name.
    pub actor: String,
    /// Through which interface.
    pub interface: String,
    /// What was done.
    pub action: String,
    /// The patient concerned, if one.
    pub patient_id: Option<i64>,
    /// What was touched.
    pub target: String,
    /// How it ended.
    pub outcome: String,
}

/// Filters of an audit-log query.
#[derive(Clone, Debug, Default)]
pub struct AuditQuery {
    /// Only entries about this patient.
    pub patient_id: Option<i64>,
    /// Only entries with an id above this (paging forward).
    pub after_id: i64,
    /// At most this many entries.
    pub limit: i64,
}

impl Store {
    /// Appends an entry (committed with the writes of other requests waiting at the same
    /// moment; see `group`) and returns its id.
    pub async fn audit(&self, entry: &NewAuditEntry<'_>) -> Result<i64> {
        match self.write(crate::group::Write::Audit(entry.into())).await? {
            crate::group::Done::Id(id) => Ok(id),
            other => Err(crate::StorageError::Invalid(format!(
                "audit entry written, but the writer answered {other:?}"
            ))),
        }
    }

    /// Entries in order of appending.
    pub async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
        let limit = if query.limit <= 0 { 100 } else { query.limit };
        let rows =
            match query.patient_id {
                Some(patient_id) => sqlx::query(
                    "SELECT id, at, actor_user_id, actor, interface, action, patient_id, target, \
                     outcome FROM audit_log WHERE id > $1 AND patient_id = $2 ORDER BY id LIMIT $3",
                )
                .bind(query.after_id)
                .bind(patient_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?,
                None => sqlx::query(
                    "SELECT id, at, actor_user_id, actor, interface, action, patient_id, target, \
                     outcome FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2",
                )
                .bind(query.after_id)
                .bind(limit)
                .fetch_all(&self.pool)
                .await?,
            };
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: get_ms(row, "at")?,
                    actor_user_id: row.try_get("actor_user_id")?,
                    actor: row.try_get("actor")?,
                    interface: row.try_get("interface")?,
                    action: row.try_get("action")?,
                    patient_id: row.try_get("patient_id")?,
                    target: row.try_get("target")?,
                    outcome: row.try_get("outcome")?,
                })
            })
            .collect()
    }

    /// Tries to change an audit entry; the database must refuse. Exists so the tests can
    /// show the refusal comes from the schema, not from the absence of an API.
    #[doc(hidden)]
    pub async fn try_tamper_with_audit(&self, id: i64) -> Result<()> {
        sqlx::query("UPDATE audit_log SET actor = 'someone else' WHERE id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        sqlx::query("DELETE FROM audit_log WHERE id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(())
    }
}
