//! Stored assessments: what the engine said about a patient, at which instant, with which
//! engine version and which knowledge version (a content hash), so any past advice can be
//! traced to the code and knowledge that produced it.

use crate::{get_ms, get_opt_ms, to_ms, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;

/// An assessment to store.
#[derive(Clone, Debug)]
pub struct NewAssessment<'a> {
    /// The patient assessed.
    pub patient_id: i64,
    /// The assessment instant (`at`).
    pub at: DateTime<Utc>,
    /// When it was computed.
    pub created_at: DateTime<Utc>,
    /// The engine's version.
    pub engine_version: &'a str,
    /// The knowledge's content hash.
    pub knowledge_version: &'a str,
    /// Language of the texts.
    pub lang: &'a str,
    /// The output codes, sorted.
    pub codes: &'a [String],
    /// When the patient's data last changed before this assessment.
    pub data_as_of: Option<DateTime<Utc>>,
    /// The assessment as JSON.
    pub result: &'a str,
    /// Who asked for it.
    pub actor: &'a str,
}

/// A stored assessment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredAssessment {
    /// Our id.
    pub id: i64,
    /// The patient assessed.
    pub patient_id: i64,
    /// The assessment instant.
    pub at: DateTime<Utc>,
    /// When it was computed.
    pub created_at: DateTime<Utc>,
    /// The engine's version.
    pub engine_version: String,
    /// The knowledge's content hash.
    pub knowledge_version: String,
    /// Language of the texts.
    pub lang: String,
    /// The output codes, sorted.
    pub codes: Vec<String>,
    /// When the patient's data last changed before this assessment.
    pub data_as_of: Option<DateTime<Utc>>,
    /// The assessment as JSON.
    pub result: serde_json::Value,
    /// Who asked for it.
    pub actor: String,
}

fn assessment_row(row: &AnyRow) -> Result<StoredAssessment> {
    let codes: String = row.try_get("codes")?;
    let result: String = row.try_get("result")?;
    Ok(StoredAssessment {
        id: row.try_get("id")?,
        patient_id: row.try_get("patient_id")?,
        at: get_ms(row, "at")?,
        created_at: get_ms(row, "created_at")?,
        engine_version: row.try_get("engine_version")?,
        knowledge_version: row.try_get("knowledge_version")?,
        lang: row.try_get("lang")?,
        codes: serde_json::from_str(&codes)?,
        data_as_of: get_opt_ms(row, "data_as_of")?,
        result: serde_json::from_str(&result)?,
        actor: row.try_get("actor")?,
    })
}

/// What a new assessment is compared with: a stored assessment without its result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AssessmentSummary {
    /// Its id.
    pub id: i64,
    /// The assessment instant.
    pub at: DateTime<Utc>,
    /// The engine's version.
    pub engine_version: String,
    /// The knowledge's content hash.
    pub knowledge_version: String,
    /// The output codes, sorted.
    pub codes: Vec<String>,
    /// When the patient's data last changed before this assessment.
    pub data_as_of: Option<DateTime<Utc>>,
}

impl StoredAssessment {
    /// This assessment without its result.
    pub fn summary(&self) -> AssessmentSummary {
        AssessmentSummary {
            id: self.id,
            at: self.at,
            engine_version: self.engine_version.clone(),
            knowledge_version: self.knowledge_version.clone(),
            codes: self.codes.clone(),
            data_as_of: self.data_as_of,
        }
    }
}

/// What assessing a stored patient needs besides the resources, read in one query.
#[derive(Clone, Debug, PartialEq)]
pub struct AssessmentContext {
    /// When the patient's data last changed (the latest `received_at` of a resource).
    pub data_as_of: Option<DateTime<Utc>>,
    /// The patient's most recent stored assessment, if any.
    pub previous: Option<AssessmentSummary>,
}

const COLUMNS: &str = "id, patient_id, at, created_at, engine_version, knowledge_version, lang, \
                       codes, data_as_of, result, actor";

impl Store {
    /// Stores an assessment and returns its id.
    pub async fn insert_assessment(&self, new: &NewAssessment<'_>) -> Result<i64> {
        let id: i64 = sqlx::query(
            "INSERT INTO assessments (patient_id, at, created_at, engine_version, \
             knowledge_version, lang, codes, data_as_of, result, actor) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        )
        .bind(new.patient_id)
        .bind(to_ms(new.at))
        .bind(to_ms(new.created_at))
        .bind(new.engine_version)
        .bind(new.knowledge_version)
        .bind(new.lang)
        .bind(serde_json::to_string(new.codes)?)
        .bind(new.data_as_of.map(to_ms))
        .bind(new.result)
        .bind(new.actor)
        .fetch_one(&self.writer)
        .await?
        .try_get(0)?;
        Ok(id)
    }

    /// Stores an assessment and the audit entry of the call that made it, in one
    /// transaction (committed with the writes of other requests waiting at the same moment;
    /// see `group`), and returns the assessment's id.
    pub async fn insert_assessment_audited(
        &self,
        new: &NewAssessment<'_>,
        audit: &crate::NewAuditEntry<'_>,
    ) -> Result<i64> {
        let row = crate::group::Assessment {
            patient_id: new.patient_id,
            at: to_ms(new.at),
            created_at: to_ms(new.created_at),
            engine_version: new.engine_version.to_string(),
            knowledge_version: new.knowledge_version.to_string(),
            lang: new.lang.to_string(),
            codes: serde_json::to_string(new.codes)?,
            data_as_of: new.data_as_of.map(to_ms),
            result: new.result.to_string(),
            actor: new.actor.to_string(),
        };
        match self
            .write(crate::group::Write::Assessment(row, audit.into()))
            .await?
        {
            crate::group::Done::Id(id) => Ok(id),
            other => Err(crate::StorageError::Invalid(format!(
                "assessment written, but the writer answered {other:?}"
            ))),
        }
    }

    /// For a new assessment of `patient_id`: when its data last changed and its latest
    /// stored assessment (without the result), in one query; `None` when there is no such
    /// patient.
    pub async fn assessment_context(&self, patient_id: i64) -> Result<Option<AssessmentContext>> {
        let row = sqlx::query(
            "SELECT p.id AS patient_id, \
             (SELECT MAX(received_at) FROM resources WHERE patient_id = p.id) AS data_changed, \
             a.id, a.at, a.engine_version, a.knowledge_version, a.codes, a.data_as_of \
             FROM patients p LEFT JOIN assessments a ON a.id = \
             (SELECT MAX(id) FROM assessments WHERE patient_id = p.id) \
             WHERE p.id = $1",
        )
        .bind(patient_id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let previous = match row.try_get::<Option<i64>, _>("id")? {
            None => None,
            Some(id) => {
                let codes: String = row.try_get("codes")?;
                Some(AssessmentSummary {
                    id,
                    at: get_ms(&row, "at")?,
                    engine_version: row.try_get("engine_version")?,
                    knowledge_version: row.try_get("knowledge_version")?,
                    codes: serde_json::from_str(&codes)?,
                    data_as_of: get_opt_ms(&row, "data_as_of")?,
                })
            }
        };
        Ok(Some(AssessmentContext {
            data_as_of: get_opt_ms(&row, "data_changed")?,
            previous,
        }))
    }

    /// The patient's most recent stored assessment (by id), if any.
    pub async fn latest_assessment(&self, patient_id: i64) -> Result<Option<StoredAssessment>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM assessments WHERE patient_id = $1 ORDER BY id DESC LIMIT 1"
        );
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(patient_id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(assessment_row)
            .transpose()
    }

    /// One stored assessment.
    pub async fn assessment(&self, id: i64) -> Result<Option<StoredAssessment>> {
        let sql = format!("SELECT {COLUMNS} FROM assessments WHERE id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(assessment_row)
            .transpose()
    }

    /// The patient's stored assessments, newest first.
    pub async fn patient_assessments(&self, patient_id: i64) -> Result<Vec<StoredAssessment>> {
        let sql =
            format!("SELECT {COLUMNS} FROM assessments WHERE patient_id = $1 ORDER BY id DESC");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(patient_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(assessment_row).collect()
    }
}
