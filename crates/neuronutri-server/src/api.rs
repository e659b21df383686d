//! The clinical JSON API: bundle import, patients, observation series, assessments with
//! their difference to the previous one, the rule catalogue and the evidence map, and the
//! health and readiness probes. Every read and write of patient data is audited.

use crate::auth::Auth;
use crate::error::{AppError, OperationOutcome};
use crate::{AppState, ENGINE_VERSION};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use chrono::{DateTime, Utc};
use neuronutri_knowledge::Lang;
use neuronutri_storage::{
    prepare_bundle, NewAssessment, NewAuditEntry, PatientQuery, PatientRow, Role,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use utoipa::{IntoParams, ToSchema};

/// Writes one audit entry for an access to patient data.
pub(crate) async fn audit(
    state: &AppState,
    auth: &Auth,
    interface: &str,
    action: &str,
    patient_id: Option<i64>,
    target: &str,
    outcome: &str,
) -> Result<(), AppError> {
    state
        .store
        .audit(&NewAuditEntry {
            at: Utc::now(),
            actor_user_id: Some(auth.principal.user_id),
            actor: auth.actor(),
            interface,
            action,
            patient_id,
            target,
            outcome,
        })
        .await?;
    Ok(())
}

/// Checks the caller may touch patient data (clinicians only); a refusal is audited too.
pub(crate) async fn clinical_access(
    state: &AppState,
    auth: &Auth,
    interface: &str,
    action: &str,
    patient_id: Option<i64>,
    target: &str,
) -> Result<(), AppError> {
    if let Err(denied) = auth.require(&[Role::Clinician]) {
        audit(state, auth, interface, action, patient_id, target, "denied").await?;
        return Err(denied);
    }
    Ok(())
}

/// Liveness.
#[derive(Serialize, ToSchema)]
pub struct Health {
    /// `ok`.
    pub status: &'static str,
    /// `sqlite` or `postgresql`.
    pub database: &'static str,
    /// The engine version.
    pub engine_version: &'static str,
    /// The knowledge's content hash.
    pub knowledge_version: String,
}

/// The process is up.
#[utoipa::path(get, path = "/health", tag = "service",
    responses((status = 200, description = "The process answers", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    Json(Health {
        status: "ok",
        database: state.store.engine().name(),
        engine_version: ENGINE_VERSION,
        knowledge_version: state.knowledge_version.to_string(),
    })
}

/// The database answers: ready for traffic.
#[utoipa::path(get, path = "/ready", tag = "service",
    responses((status = 200, description = "Ready", body = Health),
              (status = 503, description = "The database is not reachable", body = OperationOutcome)))]
pub async fn ready(State(state): State<AppState>) -> Result<Json<Health>, AppError> {
    state
        .store
        .ping()
        .await
        .map_err(|e| AppError::Unavailable(e.to_string()))?;
    Ok(health(State(state)).await)
}

/// Any path we do not serve.
pub async fn not_found() -> AppError {
    AppError::NotFound("no such endpoint; the API is described at /openapi.json".into())
}

/// Where an imported bundle comes from.
#[derive(Deserialize, IntoParams)]
pub struct ImportParams {
    /// A URI naming the sending system; resources are keyed by (source, type, id), so
    /// re-importing from the same source updates instead of duplicating. Default
    /// `urn:neuronutri:upload`.
    pub source: Option<String>,
}

/// What an import stored.
#[derive(Serialize, ToSchema)]
pub struct ImportResult {
    /// The import's id.
    pub import_id: i64,
    /// The patient's id (use it in `/api/patients/{id}` and `/fhir/Patient/{id}`).
    pub patient_id: i64,
    /// Resources stored for the first time.
    pub created: i64,
    /// Resources stored before whose content changed.
    pub updated: i64,
    /// Resources stored before, unchanged.
    pub unchanged: i64,
}

/// Import one patient's FHIR R4 Bundle (JSON) in one transaction: all of it or nothing.
#[utoipa::path(post, path = "/api/bundles", tag = "patients", params(ImportParams),
    request_body(content = Object, content_type = "application/fhir+json",
                 description = "A FHIR R4 Bundle holding one Patient and their data"),
    responses((status = 201, description = "Stored", body = ImportResult),
              (status = 400, description = "Not a valid bundle; names the entry and field; nothing stored", body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn import_bundle(
    State(state): State<AppState>,
    auth: Auth,
    Query(params): Query<ImportParams>,
    body: String,
) -> Result<impl IntoResponse, AppError> {
    clinical_access(&state, &auth, "api", "import", None, "/api/bundles").await?;
    let source = params
        .source
        .unwrap_or_else(|| "urn:neuronutri:upload".to_string());
    if source.is_empty() || source.len() > 512 || source.chars().any(char::is_whitespace) {
        return Err(AppError::BadRequest(
            "source: give a URI without spaces naming the sending system".into(),
        ));
    }
    let now = Utc::now();
    let prepared = match tokio::task::spawn_blocking(move || prepare_bundle(&body, now)).await {
        Ok(Ok(prepared)) => prepared,
        Ok(Err(input)) => {
            audit(
                &state,
                &auth,
                "api",
                "import",
                None,
                "/api/bundles",
                "invalid",
            )
            .await?;
            return Err(AppError::InvalidBundle(input));
        }
        Err(join) => return Err(AppError::Internal(join.to_string())),
    };
    let outcome = state
        .store
        .import_bundle(&source, &prepared, auth.actor(), now)
        .await?;
    audit(
        &state,
        &auth,
        "api",
        "import",
        Some(outcome.patient_id),
        &format!("/api/bundles import {}", outcome.import_id),
        "ok",
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(ImportResult {
            import_id: outcome.import_id,
            patient_id: outcome.patient_id,
            created: outcome.created,
            updated: outcome.updated,
            unchanged: outcome.unchanged,
        }),
    ))
}

/// A stored patient.
#[derive(Serialize, ToSchema)]
pub struct Patient {
    /// Our id.
    pub id: i64,
    /// The sending system.
    pub source_system: String,
    /// The patient's id there.
    pub source_id: String,
    /// Family name.
    pub family: Option<String>,
    /// Given names.
    pub given: Option<String>,
    /// Date of birth as given.
    pub birth_date: Option<String>,
    /// Administrative gender.
    pub gender: Option<String>,
    /// Last changed.
    pub updated_at: DateTime<Utc>,
}

impl From<PatientRow> for Patient {
    fn from(row: PatientRow) -> Patient {
        Patient {
            id: row.id,
            source_system: row.source_system,
            source_id: row.source_id,
            family: row.family,
            given: row.given,
            birth_date: row.birth_date,
            gender: row.gender,
            updated_at: row.updated_at,
        }
    }
}

/// Patient search filters.
#[derive(Deserialize, IntoParams)]
pub struct PatientSearch {
    /// Part of the family or given name, any case.
    pub name: Option<String>,
    /// Date of birth, `YYYY-MM-DD`.
    pub birthdate: Option<String>,
    /// `male`, `female`, `other` or `unknown`.
    pub gender: Option<String>,
    /// The patient's id in the sending system.
    pub identifier: Option<String>,
    /// Page size, 1 to 500 (default 50).
    pub count: Option<i64>,
    /// Rows to skip (default 0).
    pub offset: Option<i64>,
}

/// One page of patients.
#[derive(Serialize, ToSchema)]
pub struct PatientPage {
    /// All matches.
    pub total: i64,
    /// This page.
    pub items: Vec<Patient>,
}

pub(crate) fn page_size(count: Option<i64>) -> Result<i64, AppError> {
    match count {
        None => Ok(50),
        Some(n) if (1..=500).contains(&n) => Ok(n),
        Some(n) => Err(AppError::BadRequest(format!(
            "count: {n} is outside 1 to 500"
        ))),
    }
}

pub(crate) fn page_offset(offset: Option<i64>) -> Result<i64, AppError> {
    match offset {
        None => Ok(0),
        Some(n) if n >= 0 => Ok(n),
        Some(n) => Err(AppError::BadRequest(format!("offset: {n} is negative"))),
    }
}

/// List or search patients.
#[utoipa::path(get, path = "/api/patients", tag = "patients", params(PatientSearch),
    responses((status = 200, body = PatientPage),
              (status = 400, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn search_patients(
    State(state): State<AppState>,
    auth: Auth,
    Query(search): Query<PatientSearch>,
) -> Result<Json<PatientPage>, AppError> {
    clinical_access(&state, &auth, "api", "search", None, "/api/patients").await?;
    let page = state
        .store
        .search_patients(&PatientQuery {
            id: None,
            name: search.name,
            birth_date: search.birthdate,
            gender: search.gender,
            source_id: search.identifier,
            offset: page_offset(search.offset)?,
            limit: page_size(search.count)?,
        })
        .await?;
    audit(
        &state,
        &auth,
        "api",
        "search",
        None,
        &format!("/api/patients ({} returned)", page.items.len()),
        "ok",
    )
    .await?;
    Ok(Json(PatientPage {
        total: page.total,
        items: page.items.into_iter().map(Patient::from).collect(),
    }))
}

/// A patient with diagnoses and medications as stored.
#[derive(Serialize, ToSchema)]
pub struct PatientDetail {
    /// The patient.
    pub patient: Patient,
    /// Diagnoses.
    #[schema(value_type = Vec<Object>)]
    pub conditions: Vec<neuronutri_storage::ConditionRow>,
    /// Medication statements, requests and administrations.
    #[schema(value_type = Vec<Object>)]
    pub medications: Vec<neuronutri_storage::MedicationRow>,
    /// When the patient's data last changed.
    pub data_as_of: Option<DateTime<Utc>>,
}

async fn load_patient(state: &AppState, id: i64) -> Result<PatientRow, AppError> {
    state
        .store
        .patient(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no patient with id {id}")))
}

/// Read one patient.
#[utoipa::path(get, path = "/api/patients/{id}", tag = "patients",
    params(("id" = i64, Path, description = "The patient's id")),
    responses((status = 200, body = PatientDetail), (status = 404, body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn read_patient(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<PatientDetail>, AppError> {
    let target = format!("/api/patients/{id}");
    clinical_access(&state, &auth, "api", "read", Some(id), &target).await?;
    let patient = match state.store.patient(id).await? {
        Some(p) => p,
        None => {
            audit(&state, &auth, "api", "read", Some(id), &target, "not-found").await?;
            return Err(AppError::NotFound(format!("no patient with id {id}")));
        }
    };
    let detail = PatientDetail {
        conditions: state.store.patient_conditions(id).await?,
        medications: state.store.patient_medications(id).await?,
        data_as_of: state.store.patient_data_as_of(id).await?,
        patient: patient.into(),
    };
    audit(&state, &auth, "api", "read", Some(id), &target, "ok").await?;
    Ok(Json(detail))
}

/// Which series.
#[derive(Deserialize, IntoParams)]
pub struct SeriesParams {
    /// Our analyte id: `serum_magnesium`, `vitamin_b12`, `creatinine`, `egfr`, …
    pub analyte: Option<String>,
    /// A LOINC or local code.
    pub code: Option<String>,
}

/// One point of a series.
#[derive(Serialize, ToSchema)]
pub struct SeriesPoint {
    /// When the sample was taken.
    pub effective_at: Option<DateTime<Utc>>,
    /// The value as reported.
    pub value: Option<f64>,
    /// The unit as reported.
    pub unit: Option<String>,
    /// The value in the analyte's canonical unit.
    pub canonical_value: Option<f64>,
    /// The canonical unit.
    pub canonical_unit: Option<String>,
    /// The code as given.
    pub code: Option<String>,
    /// Our analyte id.
    pub analyte: Option<String>,
    /// The stored Observation (`/fhir/Observation/{id}`).
    pub resource_id: i64,
}

/// A patient's results for one analyte or code, oldest first.
#[utoipa::path(get, path = "/api/patients/{id}/observations", tag = "patients",
    params(("id" = i64, Path, description = "The patient's id"), SeriesParams),
    responses((status = 200, body = Vec<SeriesPoint>), (status = 400, body = OperationOutcome),
              (status = 404, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn observation_series(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(params): Query<SeriesParams>,
) -> Result<Json<Vec<SeriesPoint>>, AppError> {
    let target = format!("/api/patients/{id}/observations");
    clinical_access(&state, &auth, "api", "read", Some(id), &target).await?;
    if params.analyte.is_none() && params.code.is_none() {
        return Err(AppError::BadRequest(
            "give analyte (e.g. serum_magnesium, vitamin_b12, creatinine) or code (LOINC)".into(),
        ));
    }
    load_patient(&state, id).await?;
    let points = state
        .store
        .observation_series(id, params.analyte.as_deref(), params.code.as_deref())
        .await?;
    audit(&state, &auth, "api", "read", Some(id), &target, "ok").await?;
    Ok(Json(
        points
            .into_iter()
            .map(|p| SeriesPoint {
                effective_at: p.effective_at,
                value: p.value,
                unit: p.unit,
                canonical_value: p.canonical_value,
                canonical_unit: p.canonical_unit,
                code: p.code,
                analyte: p.analyte,
                resource_id: p.resource_id,
            })
            .collect(),
    ))
}

/// When and in which language to assess.
#[derive(Deserialize, IntoParams)]
pub struct AssessParams {
    /// The assessment instant (RFC 3339); default now. Stored results, diagnoses and
    /// medications dated after it are left out: the assessment sees what was known then.
    pub at: Option<String>,
    /// Language of the texts: `en` (default), `ru`, `uz`, `uz-Cyrl`, `it`.
    pub lang: Option<String>,
}

/// What changed since the previous stored assessment of the patient.
#[derive(Serialize, ToSchema)]
pub struct AssessmentChange {
    /// The previous assessment's id.
    pub previous_id: i64,
    /// Codes emitted now and not then.
    pub appeared: Vec<String>,
    /// Codes emitted then and not now.
    pub disappeared: Vec<String>,
    /// Why the output may differ: new data, a knowledge or engine update, another instant.
    pub reasons: Vec<String>,
}

/// A stored assessment.
#[derive(Serialize, ToSchema)]
pub struct StoredAssessmentView {
    /// Its id.
    pub id: i64,
    /// The patient.
    pub patient_id: i64,
    /// The assessment instant.
    pub at: DateTime<Utc>,
    /// When it was computed.
    pub created_at: DateTime<Utc>,
    /// The engine that computed it.
    pub engine_version: String,
    /// The content hash of the knowledge it used.
    pub knowledge_version: String,
    /// Language of the texts.
    pub lang: String,
    /// Every emitted code, sorted.
    pub codes: Vec<String>,
    /// When the patient's data last changed before it was computed.
    pub data_as_of: Option<DateTime<Utc>>,
    /// Who asked for it.
    pub actor: String,
    /// The assessment (findings, recommendations, alerts, suppressed) as the engine gave it.
    #[schema(value_type = Object)]
    pub result: serde_json::Value,
}

impl From<neuronutri_storage::StoredAssessment> for StoredAssessmentView {
    fn from(a: neuronutri_storage::StoredAssessment) -> Self {
        StoredAssessmentView {
            id: a.id,
            patient_id: a.patient_id,
            at: a.at,
            created_at: a.created_at,
            engine_version: a.engine_version,
            knowledge_version: a.knowledge_version,
            lang: a.lang,
            codes: a.codes,
            data_as_of: a.data_as_of,
            actor: a.actor,
            result: a.result,
        }
    }
}

/// A new assessment and what changed since the previous one.
#[derive(Serialize, ToSchema)]
pub struct AssessmentResponse {
    /// The stored assessment.
    pub assessment: StoredAssessmentView,
    /// The difference to the previous stored assessment, if there is one.
    pub change: Option<AssessmentChange>,
    /// Stored resources dated after `at`, left out of this assessment.
    pub left_out: usize,
}

/// Assess a stored patient now or at an instant; the result is stored with the engine and
/// knowledge versions, and compared with the previous stored assessment.
#[utoipa::path(post, path = "/api/patients/{id}/assessments", tag = "assessments",
    params(("id" = i64, Path, description = "The patient's id"), AssessParams),
    responses((status = 201, body = AssessmentResponse), (status = 400, body = OperationOutcome),
              (status = 404, body = OperationOutcome), (status = 401, body = OperationOutcome),
              (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn assess_patient(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(params): Query<AssessParams>,
) -> Result<impl IntoResponse, AppError> {
    let target = format!("/api/patients/{id}/assessments");
    clinical_access(&state, &auth, "api", "assess", Some(id), &target).await?;
    let now = Utc::now();
    let at = match &params.at {
        None => now,
        Some(text) => DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|_| {
                AppError::BadRequest(format!(
                    "at: '{text}' is not an RFC 3339 instant (e.g. 2026-05-01T09:00:00Z)"
                ))
            })?,
    };
    let lang: Lang = match &params.lang {
        None => Lang::En,
        Some(tag) => tag
            .parse()
            .map_err(|e: String| AppError::BadRequest(format!("lang: {e}")))?,
    };
    // Three reads (the patient with when its data changed and its latest assessment, the
    // resources) and one write (the assessment with its audit entry, group-committed).
    let context = state
        .store
        .assessment_context(id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("no patient with id {id}")))?;
    let resources = state.store.patient_resources(id).await?;
    let (bundle, left_out) = bundle_at(&resources, at);
    drop(resources);
    let data_as_of = context.data_as_of;
    let knowledge = state.knowledge.clone();
    let (json, result, codes) = tokio::task::spawn_blocking(move || {
        let record = neuronutri_model::parse_bundle(&bundle, at)?;
        let assessment = neuronutri_rules::assess(&knowledge, &record, at, lang);
        let codes: BTreeSet<String> = assessment.items().map(|i| i.code.to_string()).collect();
        let unwritable = |e: serde_json::Error| neuronutri_model::InputError {
            entry: None,
            resource: None,
            field: "(assessment)".into(),
            message: e.to_string(),
        };
        // The stored text (fields in the engine's order) and the answered value, each made
        // from the assessment: no parse of the text just written.
        let json = serde_json::to_string(&assessment).map_err(unwritable)?;
        let result = serde_json::to_value(&assessment).map_err(unwritable)?;
        Ok::<_, neuronutri_model::InputError>((json, result, codes.into_iter().collect::<Vec<_>>()))
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
    .map_err(|e| {
        AppError::BadRequest(format!(
            "the stored record cannot be assessed at {}: {e}",
            at.to_rfc3339()
        ))
    })?;
    let new = NewAssessment {
        patient_id: id,
        at,
        created_at: now,
        engine_version: ENGINE_VERSION,
        knowledge_version: &state.knowledge_version,
        lang: lang.tag(),
        codes: &codes,
        data_as_of,
        result: &json,
        actor: auth.actor(),
    };
    let entry = NewAuditEntry {
        at: Utc::now(),
        actor_user_id: Some(auth.principal.user_id),
        actor: auth.actor(),
        interface: "api",
        action: "assess",
        patient_id: Some(id),
        target: &target,
        outcome: "ok",
    };
    let new_id = state.store.insert_assessment_audited(&new, &entry).await?;
    // What a read of the stored row gives back (instants at millisecond precision).
    let ms = |t: DateTime<Utc>| {
        DateTime::<Utc>::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
    };
    let stored = neuronutri_storage::StoredAssessment {
        id: new_id,
        patient_id: id,
        at: ms(at),
        created_at: ms(now),
        engine_version: ENGINE_VERSION.to_string(),
        knowledge_version: state.knowledge_version.to_string(),
        lang: lang.tag().to_string(),
        codes,
        data_as_of: data_as_of.map(ms),
        result,
        actor: auth.actor().to_string(),
    };
    let change = context
        .previous
        .map(|previous| change_between(&previous, &stored.summary()));
    Ok((
        StatusCode::CREATED,
        Json(AssessmentResponse {
            assessment: stored.into(),
            change,
            left_out,
        }),
    ))
}

/// The FHIR bundle of a patient's stored resources as known at `at`: resources dated after
/// it (results, onsets, medication starts, requests) are left out. Returns the bundle and
/// how many were left out.
pub fn bundle_at(
    resources: &[neuronutri_storage::StoredResource],
    at: DateTime<Utc>,
) -> (String, usize) {
    const DATE_FIELDS: &[(&str, Option<&str>)] = &[
        ("effectiveDateTime", None),
        ("effectivePeriod", Some("start")),
        ("effectiveInstant", None),
        ("issued", None),
        ("onsetDateTime", None),
        ("onsetPeriod", Some("start")),
        ("recordedDate", None),
        ("authoredOn", None),
        ("dateAsserted", None),
    ];
    let mut out = String::from(r#"{"resourceType":"Bundle","type":"collection","entry":["#);
    let mut left_out = 0;
    let mut first = true;
    for resource in resources {
        if resource.resource_type != "Patient" {
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&resource.body) {
                let later = DATE_FIELDS.iter().any(|(field, inner)| {
                    let v = value.get(*field);
                    let v = match inner {
                        Some(inner) => v.and_then(|v| v.get(*inner)),
                        None => v,
                    };
                    v.and_then(|v| v.as_str())
                        .and_then(neuronutri_model::time::parse_fhir_datetime)
                        .is_some_and(|t| t > at)
                });
                if later {
                    left_out += 1;
                    continue;
                }
            }
        }
        if !first {
            out.push(',');
        }
        first = false;
        out.push('{');
        if let Some(url) = &resource.full_url {
            out.push_str("\"fullUrl\":");
            out.push_str(&serde_json::Value::String(url.clone()).to_string());
            out.push(',');
        }
        out.push_str("\"resource\":");
        out.push_str(&resource.body);
        out.push('}');
    }
    out.push_str("]}");
    (out, left_out)
}

/// The difference between two assessments of one patient, and the reasons it may have.
pub fn change_since(
    previous: &neuronutri_storage::StoredAssessment,
    current: &neuronutri_storage::StoredAssessment,
) -> AssessmentChange {
    change_between(&previous.summary(), &current.summary())
}

/// [`change_since`] on the assessments' summaries.
pub fn change_between(
    previous: &neuronutri_storage::AssessmentSummary,
    current: &neuronutri_storage::AssessmentSummary,
) -> AssessmentChange {
    let before: BTreeSet<&String> = previous.codes.iter().collect();
    let after: BTreeSet<&String> = current.codes.iter().collect();
    let mut reasons = Vec::new();
    match (previous.data_as_of, current.data_as_of) {
        (Some(a), Some(b)) if b > a => reasons.push(format!(
            "new or changed data: the record changed at {} (previous assessment used data as of {})",
            b.to_rfc3339(),
            a.to_rfc3339()
        )),
        (None, Some(b)) => reasons.push(format!("new data: the record changed at {}", b.to_rfc3339())),
        _ => {}
    }
    if previous.knowledge_version != current.knowledge_version {
        reasons.push(format!(
            "knowledge update: {} → {}",
            previous.knowledge_version, current.knowledge_version
        ));
    }
    if previous.engine_version != current.engine_version {
        reasons.push(format!(
            "engine update: {} → {}",
            previous.engine_version, current.engine_version
        ));
    }
    if previous.at != current.at {
        reasons.push(format!(
            "another assessment instant: {} → {} (results age, medications start and stop)",
            previous.at.to_rfc3339(),
            current.at.to_rfc3339()
        ));
    }
    if reasons.is_empty() {
        reasons.push("same data, knowledge, engine and instant".into());
    }
    AssessmentChange {
        previous_id: previous.id,
        appeared: after.difference(&before).map(|s| s.to_string()).collect(),
        disappeared: before.difference(&after).map(|s| s.to_string()).collect(),
        reasons,
    }
}

/// A patient's stored assessments, newest first.
#[utoipa::path(get, path = "/api/patients/{id}/assessments", tag = "assessments",
    params(("id" = i64, Path, description = "The patient's id")),
    responses((status = 200, body = Vec<StoredAssessmentView>), (status = 404, body = OperationOutcome),
              (status = 401, body = OperationOutcome), (status = 403, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn list_assessments(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> Result<Json<Vec<StoredAssessmentView>>, AppError> {
    let target = format!("/api/patients/{id}/assessments");
    clinical_access(&state, &auth, "api", "read", Some(id), &target).await?;
    load_patient(&state, id).await?;
    let list = state.store.patient_assessments(id).await?;
    audit(&state, &auth, "api", "read", Some(id), &target, "ok").await?;
    Ok(Json(list.into_iter().map(Into::into).collect()))
}

/// The rule catalogue: every output code with kind, severity, certainty and sources.
#[utoipa::path(get, path = "/api/rules", tag = "knowledge",
    responses((status = 200, description = "Every rule", body = Object),
              (status = 401, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn rule_catalogue(State(state): State<AppState>, _auth: Auth) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "knowledge_version": &*state.knowledge_version,
        "rules": state.knowledge.rules(),
    }))
}

/// The evidence map: the claims with their verdicts, and the source catalogue.
#[utoipa::path(get, path = "/api/evidence", tag = "knowledge",
    responses((status = 200, description = "Claims and sources", body = Object),
              (status = 401, body = OperationOutcome)),
    security(("bearer" = [])))]
pub async fn evidence_map(State(state): State<AppState>, _auth: Auth) -> Json<serde_json::Value> {
    Json(serde_json::json!({
        "knowledge_version": &*state.knowledge_version,
        "claims": state.knowledge.claims(),
        "sources": state.knowledge.sources(),
    }))
}
