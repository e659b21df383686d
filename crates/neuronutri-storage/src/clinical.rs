//! Patients and their FHIR resources: the import transaction, reads, searches, observation
//! series, and the bundle a stored patient is assessed from.

use crate::bundle::{Facts, PreparedBundle};
use crate::{get_ms, get_opt_ms, sha256_hex, to_ms, Result, Store};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::{AssertSqlSafe, Row};

/// What an import did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportOutcome {
    /// The import's id.
    pub import_id: i64,
    /// The stored patient's id.
    pub patient_id: i64,
    /// Resources stored for the first time.
    pub created: i64,
    /// Resources stored before whose content changed.
    pub updated: i64,
    /// Resources stored before, unchanged.
    pub unchanged: i64,
}

/// A stored patient.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PatientRow {
    /// Our id.
    pub id: i64,
    /// The system the patient came from.
    pub source_system: String,
    /// The patient's id in that system.
    pub source_id: String,
    /// Family name.
    pub family: Option<String>,
    /// Given names.
    pub given: Option<String>,
    /// Date of birth as given.
    pub birth_date: Option<String>,
    /// Administrative gender.
    pub gender: Option<String>,
    /// First stored.
    pub created_at: DateTime<Utc>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

/// Filters of a patient search; every filter given must match.
#[derive(Clone, Debug, Default)]
pub struct PatientQuery {
    /// Our id.
    pub id: Option<i64>,
    /// Part of the family or given name, any case.
    pub name: Option<String>,
    /// Date of birth, exactly as stored (`YYYY-MM-DD`).
    pub birth_date: Option<String>,
    /// Administrative gender.
    pub gender: Option<String>,
    /// The patient's id in its source system.
    pub source_id: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return at most.
    pub limit: i64,
}

/// One page of results and the number of all matches.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// All matches.
    pub total: i64,
}

/// A stored FHIR resource, as received.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StoredResource {
    /// Our id.
    pub id: i64,
    /// The patient it belongs to.
    pub patient_id: i64,
    /// `resourceType`.
    pub resource_type: String,
    /// The system it came from.
    pub source_system: String,
    /// Its id there (or `sha256:…` when it had none).
    pub source_id: String,
    /// The bundle entry's `fullUrl`, if any.
    pub full_url: Option<String>,
    /// The JSON as received.
    pub body: String,
    /// When the current version was received.
    pub received_at: DateTime<Utc>,
}

/// A FHIR-style search over one resource type of one patient (or all patients).
#[derive(Clone, Debug, Default)]
pub struct ResourceQuery {
    /// `Observation`, `Condition`, `MedicationStatement`, …
    pub resource_type: String,
    /// Our patient id.
    pub patient_id: Option<i64>,
    /// Codes, each optionally with its system (`system|code`, `|code`, `code`), as FHIR
    /// token search combines them: a resource matches when, for every inner list (one search
    /// parameter), it carries at least one of its codes (the parameter's comma-separated
    /// values). Empty: no code filter.
    pub codes: Vec<Vec<(Option<String>, String)>>,
    /// Observations effective at or after this instant.
    pub date_from: Option<DateTime<Utc>>,
    /// Observations effective before this instant.
    pub date_to: Option<DateTime<Utc>>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return at most.
    pub limit: i64,
}

/// One point of an observation series.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ObservationPoint {
    /// The stored resource's id.
    pub resource_id: i64,
    /// The code as given.
    pub code: Option<String>,
    /// Our analyte id, when known.
    pub analyte: Option<String>,
    /// The value as given.
    pub value: Option<f64>,
    /// The unit as given.
    pub unit: Option<String>,
    /// The value in the canonical unit.
    pub canonical_value: Option<f64>,
    /// The canonical unit.
    pub canonical_unit: Option<String>,
    /// When the sample was taken.
    pub effective_at: Option<DateTime<Utc>>,
}

/// A stored diagnosis, as indexed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConditionRow {
    /// The stored resource's id.
    pub resource_id: i64,
    /// The code.
    pub code: Option<String>,
    /// Its display.
    pub display: Option<String>,
    /// `clinicalStatus`.
    pub clinical_status: Option<String>,
    /// Onset as given.
    pub onset: Option<String>,
}

/// A stored medication statement, request or administration, as indexed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MedicationRow {
    /// The stored resource's id.
    pub resource_id: i64,
    /// `statement`, `request` or `administration`.
    pub kind: String,
    /// The code.
    pub code: Option<String>,
    /// Its display.
    pub display: Option<String>,
    /// `status`.
    pub status: Option<String>,
    /// When, as given.
    pub effective: Option<String>,
}

fn patient_row(row: &AnyRow) -> Result<PatientRow> {
    Ok(PatientRow {
        id: row.try_get("id")?,
        source_system: row.try_get("source_system")?,
        source_id: row.try_get("source_id")?,
        family: row.try_get("family")?,
        given: row.try_get("given")?,
        birth_date: row.try_get("birth_date")?,
        gender: row.try_get("gender")?,
        created_at: get_ms(row, "created_at")?,
        updated_at: get_ms(row, "updated_at")?,
    })
}

fn resource_row(row: &AnyRow) -> Result<StoredResource> {
    Ok(StoredResource {
        id: row.try_get("id")?,
        patient_id: row.try_get("patient_id")?,
        resource_type: row.try_get("resource_type")?,
        source_system: row.try_get("source_system")?,
        source_id: row.try_get("source_id")?,
        full_url: row.try_get("full_url")?,
        body: row.try_get("body")?,
        received_at: get_ms(row, "received_at")?,
    })
}

const PATIENT_COLUMNS: &str =
    "id, source_system, source_id, family, given, birth_date, gender, created_at, updated_at";
const RESOURCE_COLUMNS: &str =
    "r.id, r.patient_id, r.resource_type, r.source_system, r.source_id, r.full_url, r.body, r.received_at";

/// Dynamic SQL with `$n` placeholders numbered as conditions are added. Values are always
/// bound, never spliced into the text.
#[derive(Default)]
struct Filter {
    clauses: Vec<String>,
    values: Vec<Value>,
}

enum Value {
    Int(i64),
    Text(String),
}

impl Filter {
    fn next(&self) -> usize {
        self.values.len() + 1
    }
    fn add(&mut self, clause: impl FnOnce(usize) -> String, value: Value) {
        let n = self.next();
        self.clauses.push(clause(n));
        self.values.push(value);
    }
    fn where_sql(&self) -> String {
        if self.clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", self.clauses.join(" AND "))
        }
    }
    fn bind<'q>(
        &self,
        mut query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        for value in &self.values {
            query = match value {
                Value::Int(v) => query.bind(*v),
                Value::Text(v) => query.bind(v.clone()),
            };
        }
        query
    }
}

impl Store {
    /// Stores a prepared bundle from `source_system` in one transaction: all of it or, on
    /// any error, none of it. A resource already stored under the same (source system, type,
    /// id) is updated in place, so a re-import never duplicates.
    pub async fn import_bundle(
        &self,
        source_system: &str,
        bundle: &PreparedBundle,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<ImportOutcome> {
        let now_ms = to_ms(now);
        let mut tx = self.begin_write().await?;
        let patient = bundle.patient();
        let (family, given, birth_date, gender) = match &patient.facts {
            Facts::Patient {
                family,
                given,
                birth_date,
                gender,
            } => (family, given, birth_date, gender),
            _ => (&None, &None, &None, &None),
        };
        let patient_id: i64 = sqlx::query(
            "INSERT INTO patients (source_system, source_id, family, given, birth_date, gender, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (source_system, source_id) DO UPDATE SET family = excluded.family, \
             given = excluded.given, birth_date = excluded.birth_date, gender = excluded.gender, \
             updated_at = excluded.updated_at RETURNING id",
        )
        .bind(source_system)
        .bind(&patient.source_id)
        .bind(family.clone())
        .bind(given.clone())
        .bind(birth_date.clone())
        .bind(gender.clone())
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
        let import_id: i64 = sqlx::query(
            "INSERT INTO imports (source_system, bundle_sha256, patient_id, created, updated, \
             unchanged, actor, received_at) VALUES ($1, $2, $3, 0, 0, 0, $4, $5) RETURNING id",
        )
        .bind(source_system)
        .bind(&bundle.sha256)
        .bind(patient_id)
        .bind(actor)
        .bind(now_ms)
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;

        let (mut created, mut updated, mut unchanged) = (0, 0, 0);
        for resource in &bundle.resources {
            let body_sha = sha256_hex(resource.body.as_bytes());
            // Insert first: on PostgreSQL a concurrent import of the same resource waits for
            // the other transaction here, then finds its row, so re-imports racing each other
            // still never duplicate.
            let inserted = sqlx::query(
                "INSERT INTO resources (patient_id, resource_type, source_system, source_id, \
                 full_url, body, body_sha256, import_id, received_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) \
                 ON CONFLICT (source_system, resource_type, source_id) DO NOTHING RETURNING id",
            )
            .bind(patient_id)
            .bind(&resource.resource_type)
            .bind(source_system)
            .bind(&resource.source_id)
            .bind(resource.full_url.clone())
            .bind(&resource.body)
            .bind(&body_sha)
            .bind(import_id)
            .bind(now_ms)
            .fetch_optional(&mut *tx)
            .await?;
            let resource_id: i64 = match inserted {
                Some(row) => {
                    created += 1;
                    row.try_get(0)?
                }
                None => {
                    let row = sqlx::query(
                        "SELECT id, patient_id, body_sha256 FROM resources \
                         WHERE source_system = $1 AND resource_type = $2 AND source_id = $3",
                    )
                    .bind(source_system)
                    .bind(&resource.resource_type)
                    .bind(&resource.source_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let id: i64 = row.try_get("id")?;
                    let old_patient: i64 = row.try_get("patient_id")?;
                    let old_sha: String = row.try_get("body_sha256")?;
                    if old_sha == body_sha && old_patient == patient_id {
                        unchanged += 1;
                        continue;
                    }
                    sqlx::query(
                        "UPDATE resources SET patient_id = $1, full_url = $2, body = $3, \
                         body_sha256 = $4, import_id = $5, received_at = $6 WHERE id = $7",
                    )
                    .bind(patient_id)
                    .bind(resource.full_url.clone())
                    .bind(&resource.body)
                    .bind(&body_sha)
                    .bind(import_id)
                    .bind(now_ms)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    for table in [
                        "resource_codes",
                        "observations",
                        "conditions",
                        "medications",
                    ] {
                        let sql = format!("DELETE FROM {table} WHERE resource_id = $1");
                        sqlx::query(AssertSqlSafe(sql))
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                    }
                    updated += 1;
                    id
                }
            };
            for (system, code) in &resource.codes {
                sqlx::query(
                    "INSERT INTO resource_codes (resource_id, system, code) VALUES ($1, $2, $3)",
                )
                .bind(resource_id)
                .bind(system)
                .bind(code)
                .execute(&mut *tx)
                .await?;
            }
            match &resource.facts {
                Facts::Observation {
                    code,
                    analyte,
                    value,
                    unit,
                    canonical_value,
                    canonical_unit,
                    effective,
                    effective_at,
                } => {
                    sqlx::query(
                        "INSERT INTO observations (resource_id, patient_id, code, analyte, value, \
                         unit, canonical_value, canonical_unit, effective, effective_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                    )
                    .bind(resource_id)
                    .bind(patient_id)
                    .bind(code.clone())
                    .bind(analyte.clone())
                    .bind(*value)
                    .bind(unit.clone())
                    .bind(*canonical_value)
                    .bind(canonical_unit.clone())
                    .bind(effective.clone())
                    .bind(effective_at.map(to_ms))
                    .execute(&mut *tx)
                    .await?;
                }
                Facts::Condition {
                    code,
                    display,
                    clinical_status,
                    onset,
                } => {
                    sqlx::query(
                        "INSERT INTO conditions (resource_id, patient_id, code, display, \
                         clinical_status, onset) VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(resource_id)
                    .bind(patient_id)
                    .bind(code.clone())
                    .bind(display.clone())
                    .bind(clinical_status.clone())
                    .bind(onset.clone())
                    .execute(&mut *tx)
                    .await?;
                }
                Facts::Medication {
                    kind,
                    code,
                    display,
                    status,
                    effective,
                } => {
                    sqlx::query(
                        "INSERT INTO medications (resource_id, patient_id, kind, code, display, \
                         status, effective) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(resource_id)
                    .bind(patient_id)
                    .bind(*kind)
                    .bind(code.clone())
                    .bind(display.clone())
                    .bind(status.clone())
                    .bind(effective.clone())
                    .execute(&mut *tx)
                    .await?;
                }
                Facts::Patient { .. } | Facts::Other => {}
            }
        }
        sqlx::query("UPDATE imports SET created = $1, updated = $2, unchanged = $3 WHERE id = $4")
            .bind(created)
            .bind(updated)
            .bind(unchanged)
            .bind(import_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(ImportOutcome {
            import_id,
            patient_id,
            created,
            updated,
            unchanged,
        })
    }

    /// One patient by our id.
    pub async fn patient(&self, id: i64) -> Result<Option<PatientRow>> {
        let sql = format!("SELECT {PATIENT_COLUMNS} FROM patients WHERE id = $1");
        sqlx::query(AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(patient_row)
            .transpose()
    }

    /// Patients matching `query`, ordered by id.
    pub async fn search_patients(&self, query: &PatientQuery) -> Result<Page<PatientRow>> {
        let mut filter = Filter::default();
        if let Some(id) = query.id {
            filter.add(|n| format!("id = ${n}"), Value::Int(id));
        }
        if let Some(name) = &query.name {
            let pattern = format!("%{}%", escape_like(&name.to_lowercase()));
            filter.add(
                |n| {
                    format!(
                        "(LOWER(COALESCE(family, '')) LIKE ${n} ESCAPE '\\' \
                         OR LOWER(COALESCE(given, '')) LIKE ${n} ESCAPE '\\')"
                    )
                },
                Value::Text(pattern),
            );
        }
        if let Some(birth_date) = &query.birth_date {
            filter.add(
                |n| format!("birth_date = ${n}"),
                Value::Text(birth_date.clone()),
            );
        }
        if let Some(gender) = &query.gender {
            filter.add(|n| format!("gender = ${n}"), Value::Text(gender.clone()));
        }
        if let Some(source_id) = &query.source_id {
            filter.add(
                |n| format!("source_id = ${n}"),
                Value::Text(source_id.clone()),
            );
        }
        let where_sql = filter.where_sql();
        let count_sql = format!("SELECT COUNT(*) FROM patients{where_sql}");
        let total: i64 = filter
            .bind(sqlx::query(AssertSqlSafe(count_sql)))
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let n = filter.next();
        let sql = format!(
            "SELECT {PATIENT_COLUMNS} FROM patients{where_sql} ORDER BY id LIMIT ${} OFFSET ${}",
            n,
            n + 1
        );
        let rows = filter
            .bind(sqlx::query(AssertSqlSafe(sql)))
            .bind(query.limit.max(0))
            .bind(query.offset.max(0))
            .fetch_all(&self.pool)
            .await?;
        Ok(Page {
            items: rows.iter().map(patient_row).collect::<Result<_>>()?,
            total,
        })
    }

    /// Every stored resource of a patient, in the order they were first stored (for the
    /// bundle the patient is assessed from and for FHIR reads).
    pub async fn patient_resources(&self, patient_id: i64) -> Result<Vec<StoredResource>> {
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r WHERE r.patient_id = $1 ORDER BY r.id"
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(patient_id)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(resource_row).collect()
    }

    /// A FHIR bundle (type `collection`) of everything stored for a patient: what the
    /// assessment engine reads.
    pub async fn patient_bundle(&self, patient_id: i64) -> Result<String> {
        let resources = self.patient_resources(patient_id).await?;
        let mut out = String::from(r#"{"resourceType":"Bundle","type":"collection","entry":["#);
        for (i, resource) in resources.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('{');
            if let Some(url) = &resource.full_url {
                out.push_str("\"fullUrl\":");
                out.push_str(&serde_json::to_string(url)?);
                out.push(',');
            }
            out.push_str("\"resource\":");
            out.push_str(&resource.body);
            out.push('}');
        }
        out.push_str("]}");
        Ok(out)
    }

    /// The latest instant any of the patient's resources was stored or changed.
    pub async fn patient_data_as_of(&self, patient_id: i64) -> Result<Option<DateTime<Utc>>> {
        let row = sqlx::query("SELECT MAX(received_at) AS at FROM resources WHERE patient_id = $1")
            .bind(patient_id)
            .fetch_one(&self.pool)
            .await?;
        get_opt_ms(&row, "at")
    }

    /// Resources matching a FHIR-style search, ordered by id.
    pub async fn search_resources(&self, query: &ResourceQuery) -> Result<Page<StoredResource>> {
        let mut filter = Filter::default();
        filter.add(
            |n| format!("r.resource_type = ${n}"),
            Value::Text(query.resource_type.clone()),
        );
        if let Some(patient_id) = query.patient_id {
            filter.add(|n| format!("r.patient_id = ${n}"), Value::Int(patient_id));
        }
        for any_of in query.codes.iter().filter(|any_of| !any_of.is_empty()) {
            let mut alternatives = Vec::new();
            for (system, code) in any_of {
                let n = filter.next();
                filter.values.push(Value::Text(code.clone()));
                match system {
                    Some(system) => {
                        alternatives.push(format!("(c.code = ${n} AND c.system = ${})", n + 1));
                        filter.values.push(Value::Text(system.clone()));
                    }
                    None => alternatives.push(format!("c.code = ${n}")),
                }
            }
            filter.clauses.push(format!(
                "EXISTS (SELECT 1 FROM resource_codes c WHERE c.resource_id = r.id AND ({}))",
                alternatives.join(" OR ")
            ));
        }
        if let Some(from) = query.date_from {
            filter.add(
                |n| {
                    format!(
                        "EXISTS (SELECT 1 FROM observations o WHERE o.resource_id = r.id \
                         AND o.effective_at >= ${n})"
                    )
                },
                Value::Int(to_ms(from)),
            );
        }
        if let Some(to) = query.date_to {
            filter.add(
                |n| {
                    format!(
                        "EXISTS (SELECT 1 FROM observations o WHERE o.resource_id = r.id \
                         AND o.effective_at < ${n})"
                    )
                },
                Value::Int(to_ms(to)),
            );
        }
        let where_sql = filter.where_sql();
        let count_sql = format!("SELECT COUNT(*) FROM resources r{where_sql}");
        let total: i64 = filter
            .bind(sqlx::query(AssertSqlSafe(count_sql)))
            .fetch_one(&self.pool)
            .await?
            .try_get(0)?;
        let n = filter.next();
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r{where_sql} ORDER BY r.id LIMIT ${} OFFSET ${}",
            n,
            n + 1
        );
        let rows = filter
            .bind(sqlx::query(AssertSqlSafe(sql)))
            .bind(query.limit.max(0))
            .bind(query.offset.max(0))
            .fetch_all(&self.pool)
            .await?;
        Ok(Page {
            items: rows.iter().map(resource_row).collect::<Result<_>>()?,
            total,
        })
    }

    /// One stored resource by type and our id.
    pub async fn resource(&self, resource_type: &str, id: i64) -> Result<Option<StoredResource>> {
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r WHERE r.resource_type = $1 AND r.id = $2"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(resource_type)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(resource_row)
            .transpose()
    }

    /// One stored resource by type and id in its source system (FHIR read); the newest
    /// stored when several source systems used the same id.
    pub async fn resource_by_source_id(
        &self,
        resource_type: &str,
        source_id: &str,
    ) -> Result<Option<StoredResource>> {
        let sql = format!(
            "SELECT {RESOURCE_COLUMNS} FROM resources r WHERE r.resource_type = $1 \
             AND r.source_id = $2 ORDER BY r.received_at DESC, r.id DESC LIMIT 1"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(resource_type)
            .bind(source_id)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(resource_row)
            .transpose()
    }

    /// A patient's results for one analyte (our id, e.g. `serum_magnesium`) or one code (LOINC or
    /// local), oldest first.
    pub async fn observation_series(
        &self,
        patient_id: i64,
        analyte: Option<&str>,
        code: Option<&str>,
    ) -> Result<Vec<ObservationPoint>> {
        let mut filter = Filter::default();
        filter.add(|n| format!("o.patient_id = ${n}"), Value::Int(patient_id));
        if let Some(analyte) = analyte {
            filter.add(
                |n| format!("o.analyte = ${n}"),
                Value::Text(analyte.to_string()),
            );
        }
        if let Some(code) = code {
            filter.add(
                |n| {
                    format!(
                        "(o.code = ${n} OR EXISTS (SELECT 1 FROM resource_codes c \
                         WHERE c.resource_id = o.resource_id AND c.code = ${n}))"
                    )
                },
                Value::Text(code.to_string()),
            );
        }
        let sql = format!(
            "SELECT o.resource_id, o.code, o.analyte, o.value, o.unit, o.canonical_value, \
             o.canonical_unit, o.effective_at FROM observations o{} \
             ORDER BY o.effective_at, o.resource_id",
            filter.where_sql()
        );
        let rows = filter
            .bind(sqlx::query(AssertSqlSafe(sql)))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ObservationPoint {
                    resource_id: row.try_get("resource_id")?,
                    code: row.try_get("code")?,
                    analyte: row.try_get("analyte")?,
                    value: row.try_get("value")?,
                    unit: row.try_get("unit")?,
                    canonical_value: row.try_get("canonical_value")?,
                    canonical_unit: row.try_get("canonical_unit")?,
                    effective_at: get_opt_ms(row, "effective_at")?,
                })
            })
            .collect()
    }

    /// A patient's diagnoses as indexed.
    pub async fn patient_conditions(&self, patient_id: i64) -> Result<Vec<ConditionRow>> {
        let rows = sqlx::query(
            "SELECT resource_id, code, display, clinical_status, onset FROM conditions \
             WHERE patient_id = $1 ORDER BY resource_id",
        )
        .bind(patient_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ConditionRow {
                    resource_id: row.try_get("resource_id")?,
                    code: row.try_get("code")?,
                    display: row.try_get("display")?,
                    clinical_status: row.try_get("clinical_status")?,
                    onset: row.try_get("onset")?,
                })
            })
            .collect()
    }

    /// A patient's medication statements, requests and administrations as indexed.
    pub async fn patient_medications(&self, patient_id: i64) -> Result<Vec<MedicationRow>> {
        let rows = sqlx::query(
            "SELECT resource_id, kind, code, display, status, effective FROM medications \
             WHERE patient_id = $1 ORDER BY resource_id",
        )
        .bind(patient_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(MedicationRow {
                    resource_id: row.try_get("resource_id")?,
                    kind: row.try_get("kind")?,
                    code: row.try_get("code")?,
                    display: row.try_get("display")?,
                    status: row.try_get("status")?,
                    effective: row.try_get("effective")?,
                })
            })
            .collect()
    }

    /// Counts of stored rows, for `/health` and tests: (patients, resources, imports).
    pub async fn counts(&self) -> Result<(i64, i64, i64)> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM patients) AS p, (SELECT COUNT(*) FROM resources) AS r, \
             (SELECT COUNT(*) FROM imports) AS i",
        )
        .fetch_one(&self.pool)
        .await?;
        Ok((row.try_get("p")?, row.try_get("r")?, row.try_get("i")?))
    }

    /// Whether an import with this id was committed, with the number of resources it
    /// reported (created + updated + unchanged).
    pub async fn import_size(&self, import_id: i64) -> Result<Option<i64>> {
        let row =
            sqlx::query("SELECT created + updated + unchanged AS n FROM imports WHERE id = $1")
                .bind(import_id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(|r| r.try_get("n")).transpose().map_err(Into::into)
    }
}

fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
