//! A FHIR R4 read/search API over the stored data, at `/fhir`: `metadata`, Patient read
//! and search, and Observation, Condition, MedicationStatement, MedicationRequest and
//! MedicationAdministration read and search by `patient` and `code` (and `date` for
//! Observation), answering `searchset` Bundles with `_count` paging links and
//! OperationOutcome errors.
//!
//! Logical ids are ours: a Patient is `Patient/{patient id}` whatever system sent it (the
//! sender's id is kept as an `identifier` and `meta.source`), and every other resource is
//! `{type}/{resource id}` with its `subject` pointing at our Patient.

use crate::api::{audit, clinical_access, page_offset};
use crate::auth::Auth;
use crate::error::AppError;
use crate::AppState;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, NaiveDate, Utc};
use neuronutri_storage::{PatientQuery, PatientRow, ResourceQuery, StoredResource};
use serde_json::{json, Value};

/// Resource types searchable besides Patient.
pub const SEARCHABLE: &[&str] = &[
    "Observation",
    "Condition",
    "MedicationStatement",
    "MedicationRequest",
    "MedicationAdministration",
];

fn fhir_json(value: Value) -> Response {
    let mut response = Json(value).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/fhir+json"),
    );
    response
}

fn base_url(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    format!("http://{host}/fhir")
}

/// The CapabilityStatement: what this server can do.
#[utoipa::path(get, path = "/fhir/metadata", tag = "fhir",
    responses((status = 200, description = "FHIR R4 CapabilityStatement", body = Object)))]
pub async fn metadata() -> Response {
    let search = |extra: &[(&str, &str)]| {
        let mut params = vec![
            json!({"name": "patient", "type": "reference", "documentation": "Patient/{id} or {id}"}),
            json!({"name": "code", "type": "token", "documentation": "system|code, |code or code; a comma-separated list matches any of them"}),
            json!({"name": "_count", "type": "number"}),
            json!({"name": "_offset", "type": "number"}),
        ];
        for (name, kind) in extra {
            params.push(json!({"name": name, "type": kind}));
        }
        params
    };
    let mut resources = vec![json!({
        "type": "Patient",
        "interaction": [{"code": "read"}, {"code": "search-type"}],
        "searchParam": [
            {"name": "_id", "type": "token"},
            {"name": "name", "type": "string"},
            {"name": "birthdate", "type": "date", "documentation": "exact day YYYY-MM-DD"},
            {"name": "gender", "type": "token"},
            {"name": "identifier", "type": "token", "documentation": "the sender's id"},
            {"name": "_count", "type": "number"},
            {"name": "_offset", "type": "number"}
        ]
    })];
    for kind in SEARCHABLE {
        let extra: &[(&str, &str)] = if *kind == "Observation" {
            &[("date", "date")]
        } else {
            &[]
        };
        resources.push(json!({
            "type": kind,
            "interaction": [{"code": "read"}, {"code": "search-type"}],
            "searchParam": search(extra),
        }));
    }
    fhir_json(json!({
        "resourceType": "CapabilityStatement",
        "status": "active",
        "date": "2026-12-02",
        "kind": "instance",
        "software": {"name": "neuronutri", "version": env!("CARGO_PKG_VERSION")},
        "fhirVersion": "4.0.1",
        "format": ["json"],
        "rest": [{
            "mode": "server",
            "security": {
                "description": "Authorization: Bearer API token (role clinician), or a browser session"
            },
            "resource": resources,
        }]
    }))
}

/// Parsed query parameters, in order; repeated names kept.
fn params(query: Option<&str>) -> Result<Vec<(String, String)>, AppError> {
    match query {
        None => Ok(Vec::new()),
        Some(query) => serde_urlencoded::from_str(query)
            .map_err(|e| AppError::BadRequest(format!("query: {e}"))),
    }
}

fn count_param(value: &str) -> Result<i64, AppError> {
    match value.parse::<i64>() {
        Ok(n) if (1..=500).contains(&n) => Ok(n),
        _ => Err(AppError::BadRequest(format!(
            "_count: {value:?} is not a number from 1 to 500"
        ))),
    }
}

fn offset_param(value: &str) -> Result<i64, AppError> {
    page_offset(Some(value.parse::<i64>().map_err(|_| {
        AppError::BadRequest(format!("_offset: {value:?} is not a number"))
    })?))
}

fn patient_param(value: &str) -> Result<i64, AppError> {
    let id = value.strip_prefix("Patient/").unwrap_or(value);
    id.parse::<i64>().map_err(|_| {
        AppError::BadRequest(format!(
            "patient: {value:?} is not a patient of this server (Patient/ID with a numeric ID)"
        ))
    })
}

fn code_param(value: &str) -> Result<(Option<String>, String), AppError> {
    let (system, code) = match value.split_once('|') {
        Some(("", code)) => (None, code),
        Some((system, code)) => (Some(system.to_string()), code),
        None => (None, value),
    };
    if code.is_empty() {
        return Err(AppError::BadRequest(format!(
            "code: {value:?} names no code"
        )));
    }
    Ok((system, code.to_string()))
}

/// Most codes one `code` parameter may list (its comma-separated values, any of which
/// matches).
const MAX_CODES: usize = 100;

/// `code` search parameter: a comma-separated list of tokens, any of which matches (FHIR R4
/// search: values separated by `,` in one parameter are alternatives; `\,` is a comma
/// inside a value).
fn code_list(value: &str) -> Result<Vec<(Option<String>, String)>, AppError> {
    let mut tokens = Vec::new();
    let mut token = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => token.push(chars.next().unwrap_or('\\')),
            ',' => tokens.push(std::mem::take(&mut token)),
            _ => token.push(c),
        }
    }
    tokens.push(token);
    if tokens.len() > MAX_CODES {
        return Err(AppError::BadRequest(format!(
            "code: {} codes in one parameter; at most {MAX_CODES}",
            tokens.len()
        )));
    }
    tokens.iter().map(|token| code_param(token)).collect()
}

/// `date` search parameter: a prefix (eq, ge, gt, le, lt; default eq) and a date or an
/// instant. Returns the half-open range [from, to) it stands for.
/// A time range: inclusive start, exclusive end, either open.
type Range = (Option<DateTime<Utc>>, Option<DateTime<Utc>>);

fn date_param(value: &str) -> Result<Range, AppError> {
    let bad = || {
        AppError::BadRequest(format!(
            "date: {value:?} is not [eq|ge|gt|le|lt]YYYY-MM-DD or an RFC 3339 instant"
        ))
    };
    let (prefix, rest) = match value.get(..2) {
        Some(p @ ("eq" | "ge" | "gt" | "le" | "lt")) => (p, &value[2..]),
        _ => ("eq", value),
    };
    let (start, end) = if let Ok(day) = NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
        let start = day.and_hms_opt(0, 0, 0).ok_or_else(bad)?.and_utc();
        (start, start + Duration::days(1))
    } else if let Ok(instant) = DateTime::parse_from_rfc3339(rest) {
        let t = instant.with_timezone(&Utc);
        (t, t + Duration::milliseconds(1))
    } else {
        return Err(bad());
    };
    Ok(match prefix {
        "eq" => (Some(start), Some(end)),
        "ge" => (Some(start), None),
        "gt" => (Some(end), None),
        "le" => (None, Some(end)),
        _ => (None, Some(start)),
    })
}

fn patient_resource(row: &PatientRow, body: Option<&str>) -> Value {
    let mut resource: Value = body
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or_else(|| json!({"resourceType": "Patient"}));
    resource["id"] = json!(row.id.to_string());
    resource["meta"] = json!({"source": row.source_system});
    let identifier = json!({"system": row.source_system, "value": row.source_id});
    match resource.get_mut("identifier").and_then(Value::as_array_mut) {
        Some(list) => list.push(identifier),
        None => resource["identifier"] = json!([identifier]),
    }
    resource
}

fn other_resource(stored: &StoredResource) -> Value {
    let mut resource: Value = serde_json::from_str(&stored.body)
        .unwrap_or_else(|_| json!({"resourceType": stored.resource_type}));
    resource["id"] = json!(stored.id.to_string());
    resource["meta"] = json!({"source": stored.source_system});
    if resource.get("subject").is_some() || SEARCHABLE.contains(&stored.resource_type.as_str()) {
        resource["subject"] = json!({"reference": format!("Patient/{}", stored.patient_id)});
    }
    resource
}

fn searchset(
    base: &str,
    path: &str,
    kept: &[(String, String)],
    count: i64,
    offset: i64,
    total: i64,
    entries: Vec<(String, Value)>,
) -> Value {
    let link = |offset: i64| {
        let mut query: Vec<String> = kept
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        query.push(format!("_count={count}"));
        query.push(format!("_offset={offset}"));
        format!("{base}/{path}?{}", query.join("&"))
    };
    let mut links = vec![json!({"relation": "self", "url": link(offset)})];
    if offset + count < total {
        links.push(json!({"relation": "next", "url": link(offset + count)}));
    }
    if offset > 0 {
        links.push(json!({"relation": "previous", "url": link((offset - count).max(0))}));
    }
    json!({
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": links,
        "entry": entries.into_iter().map(|(url, resource)| json!({
            "fullUrl": url,
            "resource": resource,
            "search": {"mode": "match"},
        })).collect::<Vec<_>>(),
    })
}

fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Read one Patient.
#[utoipa::path(get, path = "/fhir/Patient/{id}", tag = "fhir",
    params(("id" = i64, Path, description = "Our patient id")),
    responses((status = 200, description = "Patient", body = Object),
              (status = 404, body = crate::error::OperationOutcome),
              (status = 401, body = crate::error::OperationOutcome),
              (status = 403, body = crate::error::OperationOutcome)),
    security(("bearer" = [])))]
pub async fn read_patient(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let target = format!("/fhir/Patient/{id}");
    let id: i64 = id
        .parse()
        .map_err(|_| AppError::NotFound(format!("no Patient/{id} here (ids are numbers)")))?;
    clinical_access(&state, &auth, "fhir", "read", Some(id), &target).await?;
    let Some(row) = state.store.patient(id).await? else {
        audit(
            &state,
            &auth,
            "fhir",
            "read",
            Some(id),
            &target,
            "not-found",
        )
        .await?;
        return Err(AppError::NotFound(format!("no Patient/{id}")));
    };
    let body = patient_body(&state, &row).await?;
    audit(&state, &auth, "fhir", "read", Some(id), &target, "ok").await?;
    Ok(fhir_json(patient_resource(&row, body.as_deref())))
}

async fn patient_body(state: &AppState, row: &PatientRow) -> Result<Option<String>, AppError> {
    Ok(state
        .store
        .search_resources(&ResourceQuery {
            resource_type: "Patient".into(),
            patient_id: Some(row.id),
            limit: 1,
            ..Default::default()
        })
        .await?
        .items
        .into_iter()
        .next()
        .map(|r| r.body))
}

/// Search Patients by `_id`, `name`, `birthdate`, `gender`, `identifier`.
#[utoipa::path(get, path = "/fhir/Patient", tag = "fhir",
    params(("name" = Option<String>, Query, description = "Part of a name"),
           ("birthdate" = Option<String>, Query, description = "YYYY-MM-DD"),
           ("gender" = Option<String>, Query), ("identifier" = Option<String>, Query),
           ("_id" = Option<i64>, Query), ("_count" = Option<i64>, Query), ("_offset" = Option<i64>, Query)),
    responses((status = 200, description = "searchset Bundle", body = Object),
              (status = 400, body = crate::error::OperationOutcome),
              (status = 401, body = crate::error::OperationOutcome),
              (status = 403, body = crate::error::OperationOutcome)),
    security(("bearer" = [])))]
pub async fn search_patients(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    clinical_access(&state, &auth, "fhir", "search", None, "/fhir/Patient").await?;
    let mut q = PatientQuery {
        limit: 50,
        ..Default::default()
    };
    let mut kept = Vec::new();
    for (key, value) in params(query.as_deref())? {
        match key.as_str() {
            "_count" => q.limit = count_param(&value)?,
            "_offset" => q.offset = offset_param(&value)?,
            "_id" => {
                q.id =
                    Some(value.parse().map_err(|_| {
                        AppError::BadRequest(format!("_id: {value:?} is not a number"))
                    })?)
            }
            "name" => q.name = Some(value.clone()),
            "birthdate" => {
                NaiveDate::parse_from_str(&value, "%Y-%m-%d").map_err(|_| {
                    AppError::BadRequest(format!("birthdate: {value:?} is not YYYY-MM-DD"))
                })?;
                q.birth_date = Some(value.clone())
            }
            "gender" => q.gender = Some(value.clone()),
            "identifier" => {
                q.source_id = Some(value.rsplit('|').next().unwrap_or(&value).to_string())
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unsupported search parameter {other:?} for Patient (_id, name, birthdate, \
                     gender, identifier, _count, _offset)"
                )))
            }
        }
        if !matches!(key.as_str(), "_count" | "_offset") {
            kept.push((key, value));
        }
    }
    let page = state.store.search_patients(&q).await?;
    let base = base_url(&headers);
    let mut entries = Vec::new();
    for row in &page.items {
        let body = patient_body(&state, row).await?;
        entries.push((
            format!("{base}/Patient/{}", row.id),
            patient_resource(row, body.as_deref()),
        ));
    }
    audit(
        &state,
        &auth,
        "fhir",
        "search",
        None,
        &format!("/fhir/Patient ({} returned)", entries.len()),
        "ok",
    )
    .await?;
    Ok(fhir_json(searchset(
        &base, "Patient", &kept, q.limit, q.offset, page.total, entries,
    )))
}

fn check_type(resource_type: &str) -> Result<(), AppError> {
    if SEARCHABLE.contains(&resource_type) {
        Ok(())
    } else {
        Err(AppError::NotFound(format!(
            "this server serves Patient, {} (not {resource_type:?})",
            SEARCHABLE.join(", ")
        )))
    }
}

/// Search Observation, Condition, MedicationStatement, MedicationRequest or
/// MedicationAdministration by `patient`, `code` and (Observation) `date`.
#[utoipa::path(get, path = "/fhir/{type}", tag = "fhir",
    params(("type" = String, Path, description = "Observation, Condition, MedicationStatement, MedicationRequest or MedicationAdministration"),
           ("patient" = Option<String>, Query, description = "Patient/ID"),
           ("code" = Option<String>, Query, description = "system|code or code; a comma-separated list matches any of them, a repeated parameter all"),
           ("date" = Option<String>, Query, description = "Observation only: [eq|ge|gt|le|lt]YYYY-MM-DD or instant; may repeat"),
           ("_count" = Option<i64>, Query), ("_offset" = Option<i64>, Query)),
    responses((status = 200, description = "searchset Bundle", body = Object),
              (status = 400, body = crate::error::OperationOutcome),
              (status = 404, body = crate::error::OperationOutcome),
              (status = 401, body = crate::error::OperationOutcome),
              (status = 403, body = crate::error::OperationOutcome)),
    security(("bearer" = [])))]
pub async fn search_resources(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Path(resource_type): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    check_type(&resource_type)?;
    let target = format!("/fhir/{resource_type}");
    let mut q = ResourceQuery {
        resource_type: resource_type.clone(),
        limit: 50,
        ..Default::default()
    };
    let mut kept = Vec::new();
    for (key, value) in params(query.as_deref())? {
        match key.as_str() {
            "_count" => q.limit = count_param(&value)?,
            "_offset" => q.offset = offset_param(&value)?,
            "patient" | "subject" => q.patient_id = Some(patient_param(&value)?),
            "code" => q.codes.push(code_list(&value)?),
            "date" if resource_type == "Observation" => {
                let (from, to) = date_param(&value)?;
                if let Some(from) = from {
                    q.date_from = Some(q.date_from.map_or(from, |f| f.max(from)));
                }
                if let Some(to) = to {
                    q.date_to = Some(q.date_to.map_or(to, |t| t.min(to)));
                }
            }
            other => {
                return Err(AppError::BadRequest(format!(
                    "unsupported search parameter {other:?} for {resource_type} (patient, code{}, \
                     _count, _offset)",
                    if resource_type == "Observation" {
                        ", date"
                    } else {
                        ""
                    }
                )))
            }
        }
        if !matches!(key.as_str(), "_count" | "_offset") {
            kept.push((key, value));
        }
    }
    clinical_access(&state, &auth, "fhir", "search", q.patient_id, &target).await?;
    let page = state.store.search_resources(&q).await?;
    let base = base_url(&headers);
    let entries = page
        .items
        .iter()
        .map(|r| {
            (
                format!("{base}/{resource_type}/{}", r.id),
                other_resource(r),
            )
        })
        .collect::<Vec<_>>();
    audit(
        &state,
        &auth,
        "fhir",
        "search",
        q.patient_id,
        &format!("{target} ({} returned)", entries.len()),
        "ok",
    )
    .await?;
    Ok(fhir_json(searchset(
        &base,
        &resource_type,
        &kept,
        q.limit,
        q.offset,
        page.total,
        entries,
    )))
}

/// Read one Observation, Condition, MedicationStatement, MedicationRequest or
/// MedicationAdministration.
#[utoipa::path(get, path = "/fhir/{type}/{id}", tag = "fhir",
    params(("type" = String, Path), ("id" = i64, Path, description = "Our resource id")),
    responses((status = 200, description = "The resource", body = Object),
              (status = 404, body = crate::error::OperationOutcome),
              (status = 401, body = crate::error::OperationOutcome),
              (status = 403, body = crate::error::OperationOutcome)),
    security(("bearer" = [])))]
pub async fn read_resource(
    State(state): State<AppState>,
    auth: Auth,
    Path((resource_type, id)): Path<(String, String)>,
) -> Result<Response, AppError> {
    check_type(&resource_type)?;
    let target = format!("/fhir/{resource_type}/{id}");
    let id: i64 = id.parse().map_err(|_| {
        AppError::NotFound(format!("no {resource_type}/{id} here (ids are numbers)"))
    })?;
    clinical_access(&state, &auth, "fhir", "read", None, &target).await?;
    let Some(stored) = state.store.resource(&resource_type, id).await? else {
        audit(&state, &auth, "fhir", "read", None, &target, "not-found").await?;
        return Err(AppError::NotFound(format!("no {resource_type}/{id}")));
    };
    audit(
        &state,
        &auth,
        "fhir",
        "read",
        Some(stored.patient_id),
        &target,
        "ok",
    )
    .await?;
    Ok(fhir_json(other_resource(&stored)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_prefixes_make_half_open_ranges() {
        let d = |s: &str| -> DateTime<Utc> { s.parse().unwrap() };
        assert_eq!(
            date_param("2026-03-10").unwrap(),
            (
                Some(d("2026-03-10T00:00:00Z")),
                Some(d("2026-03-11T00:00:00Z"))
            )
        );
        assert_eq!(
            date_param("ge2026-03-10").unwrap(),
            (Some(d("2026-03-10T00:00:00Z")), None)
        );
        assert_eq!(
            date_param("gt2026-03-10").unwrap(),
            (Some(d("2026-03-11T00:00:00Z")), None)
        );
        assert_eq!(
            date_param("le2026-03-10").unwrap(),
            (None, Some(d("2026-03-11T00:00:00Z")))
        );
        assert_eq!(
            date_param("lt2026-03-10").unwrap(),
            (None, Some(d("2026-03-10T00:00:00Z")))
        );
        assert!(date_param("2026-13-10").is_err());
        assert!(date_param("soon").is_err());
    }

    #[test]
    fn query_strings_decode() {
        assert_eq!(
            params(Some("code=http%3A%2F%2Floinc.org%7C19123-9&name=a+b")).unwrap(),
            vec![
                ("code".to_string(), "http://loinc.org|19123-9".to_string()),
                ("name".to_string(), "a b".to_string())
            ]
        );
        assert_eq!(
            params(Some("date=ge2026-01-01&date=lt2026-02-01"))
                .unwrap()
                .len(),
            2
        );
    }
}
