//! Studies: a cohort data file and its protocol as uploaded, and the report files made
//! from them.

use crate::{get_ms, to_ms, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::Row;

/// A study without its data.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StudySummary {
    /// Our id.
    pub id: i64,
    /// Its name.
    pub name: String,
    /// The data file's name as uploaded.
    pub data_name: String,
    /// Who uploaded it.
    pub created_by: String,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// A study with its protocol and data.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredStudy {
    /// The study.
    pub summary: StudySummary,
    /// The protocol (TOML) as uploaded.
    pub protocol: String,
    /// The data file's bytes.
    pub data: Vec<u8>,
}

/// One report file of a study.
#[derive(Clone, Debug, PartialEq)]
pub struct StudyFile {
    /// File name (`report.json`, `report.html`, …).
    pub name: String,
    /// Its media type.
    pub media_type: String,
    /// Its bytes.
    pub content: Vec<u8>,
}

fn summary(row: &sqlx::any::AnyRow) -> Result<StudySummary> {
    Ok(StudySummary {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        data_name: row.try_get("data_name")?,
        created_by: row.try_get("created_by")?,
        created_at: get_ms(row, "created_at")?,
    })
}

impl Store {
    /// Stores a study and its report files in one transaction.
    #[allow(clippy::too_many_arguments)]
    pub async fn create_study(
        &self,
        name: &str,
        protocol: &str,
        data_name: &str,
        data: &[u8],
        files: &[StudyFile],
        created_by: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO studies (name, protocol, data_name, data, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(name)
        .bind(protocol)
        .bind(data_name)
        .bind(data.to_vec())
        .bind(created_by)
        .bind(to_ms(now))
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        for file in files {
            sqlx::query(
                "INSERT INTO study_files (study_id, name, media_type, content) \
                 VALUES ($1, $2, $3, $4)",
            )
            .bind(id)
            .bind(&file.name)
            .bind(&file.media_type)
            .bind(file.content.clone())
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Every study, newest first.
    pub async fn studies(&self) -> Result<Vec<StudySummary>> {
        let rows = sqlx::query(
            "SELECT id, name, data_name, created_by, created_at FROM studies ORDER BY id DESC",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(summary).collect()
    }

    /// One study with its protocol and data.
    pub async fn study(&self, id: i64) -> Result<Option<StoredStudy>> {
        let row = sqlx::query(
            "SELECT id, name, data_name, created_by, created_at, protocol, data FROM studies \
             WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(StoredStudy {
                summary: summary(&row)?,
                protocol: row.try_get("protocol")?,
                data: row.try_get("data")?,
            })
        })
        .transpose()
    }

    /// The names and media types of a study's report files.
    pub async fn study_file_names(&self, id: i64) -> Result<Vec<(String, String)>> {
        let rows = sqlx::query(
            "SELECT name, media_type FROM study_files WHERE study_id = $1 ORDER BY name",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("name")?, row.try_get("media_type")?)))
            .collect()
    }

    /// One report file of a study.
    pub async fn study_file(&self, id: i64, name: &str) -> Result<Option<StudyFile>> {
        let row = sqlx::query(
            "SELECT name, media_type, content FROM study_files WHERE study_id = $1 AND name = $2",
        )
        .bind(id)
        .bind(name)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|row| {
            Ok(StudyFile {
                name: row.try_get("name")?,
                media_type: row.try_get("media_type")?,
                content: row.try_get("content")?,
            })
        })
        .transpose()
    }
}
