//! CDS Hooks 2.0: neuronutri's assessment as cards inside the EHR. Discovery at
//! `GET /cds-services`, the services `neuronutri-patient-view` (hook `patient-view`) and
//! `neuronutri-order-sign` (hook `order-sign`) at `POST /cds-services/{id}`, feedback at
//! `POST /cds-services/{id}/feedback`, acceptance and override rates per rule code at
//! `GET /api/cds/feedback-rates` (admins), and a public evidence page per rule code that the
//! cards link to.
//!
//! A call is authenticated by the client's JWT ([`jwt`]), validated, turned into a FHIR
//! Bundle from the prefetched resources (and the draft orders of `order-sign`), read by the
//! model crate and assessed by the rules crate exactly as a stored record would be; the
//! result becomes cards ([`cards`]). Section names in comments refer to the CDS Hooks 2.0
//! specification (<https://cds-hooks.hl7.org/2.0/>).

pub mod cards;
pub mod config;
pub mod evidence;
pub mod fetch;
pub mod jwt;
pub mod rates;
pub mod request;
pub mod rsa_ring;

pub use config::{CdsConfig, TrustedIssuer};

use crate::{AppError, AppState};
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use neuronutri_knowledge::Lang;
use neuronutri_storage::{Engine, IssuedCard, JtiClaim, NewAuditEntry, NewCdsFeedback};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

/// The service ids and their hooks.
pub const PATIENT_VIEW: &str = "neuronutri-patient-view";
/// The order-sign service id.
pub const ORDER_SIGN: &str = "neuronutri-order-sign";

/// LOINC codes of the observations the rules read (every one is known to
/// `neuronutri_model::codes::analyte_for_loinc`; a test checks it).
pub const PREFETCH_LOINC: &[&str] = &[
    "19123-9", "2601-3", "2600-5", "2132-9", "14685-2", "72160-5", "13964-2", "13965-9", "2143-6",
    "9813-7", "14679-5", "2160-0", "14682-9", "38483-4", "98979-8", "33914-3", "62238-1",
    "48642-3", "48643-1", "50044-7", "69405-9", "4548-4",
];

/// The prefetch keys, in the order of [`prefetch_templates`].
pub const PREFETCH_KEYS: [&str; 5] = [
    "patient",
    "observations",
    "conditions",
    "medicationStatements",
    "medicationRequests",
];

/// The prefetch templates, all within the subset the specification RECOMMENDS ("Prefetch
/// query restrictions": an instance read of the Patient, type-level searches by the
/// patient reference, token equality on `code`).
pub fn prefetch_templates() -> Vec<(&'static str, String)> {
    let codes: Vec<String> = PREFETCH_LOINC
        .iter()
        .map(|c| format!("http://loinc.org|{c}"))
        .collect();
    vec![
        ("patient", "Patient/{{context.patientId}}".to_string()),
        (
            "observations",
            format!(
                "Observation?patient={{{{context.patientId}}}}&code={}",
                codes.join(",")
            ),
        ),
        (
            "conditions",
            "Condition?patient={{context.patientId}}".to_string(),
        ),
        (
            "medicationStatements",
            "MedicationStatement?patient={{context.patientId}}".to_string(),
        ),
        (
            "medicationRequests",
            "MedicationRequest?patient={{context.patientId}}".to_string(),
        ),
    ]
}

/// Hook of a service id.
pub fn hook_of(service: &str) -> Option<&'static str> {
    match service {
        PATIENT_VIEW => Some("patient-view"),
        ORDER_SIGN => Some("order-sign"),
        _ => None,
    }
}

impl AppState {
    /// This state with a CDS Hooks configuration; with `insecure_dev` set, a loud warning
    /// is logged here and on every call.
    pub fn with_cds(mut self, config: CdsConfig) -> AppState {
        rsa_ring::install();
        if config.insecure_dev {
            tracing::warn!(
                "!!! CDS Hooks JWT checks are OFF (--cds-insecure-dev): ANY caller can request \
                 assessments. Use only with a local sandbox and no real patient data. !!!"
            );
        }
        self.cds = Arc::new(config);
        self
    }
}

/// The CDS Hooks routes (mounted at the root of [`crate::app`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/cds-services", get(discovery))
        .route("/cds-services/{id}", post(call))
        .route("/cds-services/{id}/feedback", post(feedback))
        .route("/cds-evidence/{code}", get(evidence::page))
        .route("/api/cds/feedback-rates", get(rates::feedback_rates))
}

/// "Discovery": `{"services": [...]}` with hook, title, description, id, prefetch and
/// usageRequirements. Public: it holds no patient data.
#[utoipa::path(get, path = "/cds-services", tag = "cds-hooks",
    responses((status = 200, description = "CDS Hooks 2.0 discovery: the services with their hooks and prefetch templates", body = Object)))]
pub async fn discovery() -> Json<Value> {
    let prefetch: serde_json::Map<String, Value> = prefetch_templates()
        .into_iter()
        .map(|(k, v)| (k.to_string(), Value::String(v)))
        .collect();
    let usage = "Requires a client JWT (ES384 or RS384) from an issuer configured in the site's \
                 [cds] table. Prefetch is used when given; a key left out, answered with an \
                 OperationOutcome or paged is fetched from fhirServer with the fhirAuthorization \
                 token when that server is allowlisted for the client, else the call is answered \
                 412 (also when fhirServer is too slow). Texts follow the Accept-Language header (en, ru, uz, uz-Cyrl, it).";
    Json(json!({
        "services": [
            {
                "hook": "patient-view",
                "title": "neuronutri: magnesium and vitamin B12 in neurology",
                "description": "Findings, recommendations and safety alerts on magnesium and vitamin B12 for the patient in view, each with its certainty, sources and the inputs it used.",
                "id": PATIENT_VIEW,
                "prefetch": prefetch,
                "usageRequirements": usage,
            },
            {
                "hook": "order-sign",
                "title": "neuronutri: magnesium-related checks of draft medication orders",
                "description": "Checks draft MedicationRequests against the patient's magnesium, renal function, conditions and medications: magnesium with low eGFR, intravenous magnesium with heart block or myocardial infarction, magnesium orotate contraindications and pregnancy, magnesium spacing interactions, the QT risk of a fluoroquinolone while magnesium is low.",
                "id": ORDER_SIGN,
                "prefetch": prefetch,
                "usageRequirements": usage,
            }
        ]
    }))
}

/// A 4xx answer with an OperationOutcome body.
fn outcome(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({
            "resourceType": "OperationOutcome",
            "issue": [{"severity": "error", "code": code, "diagnostics": message}]
        })),
    )
        .into_response()
}

/// The bare 401 of a refused client ("reject with a bare 401").
fn unauthorized() -> Response {
    (
        StatusCode::UNAUTHORIZED,
        [(header::WWW_AUTHENTICATE, "Bearer")],
    )
        .into_response()
}

async fn audit(state: &AppState, actor: &str, action: &str, target: &str, outcome: &str) {
    let entry = NewAuditEntry {
        at: Utc::now(),
        actor_user_id: None,
        actor,
        interface: "cds-hooks",
        action,
        patient_id: None,
        target,
        outcome,
    };
    if let Err(e) = state.store.audit(&entry).await {
        tracing::error!(error = %e, "audit entry of a CDS call could not be written");
    }
}

/// Authenticates a call to `path` (under the public base URL) and takes its `jti`. `Err` is
/// the response to send; the refusal is logged (iss, jti, reason; never the token) and
/// audited. With `may_defer`, on SQLite, a `jti` this process sees for the first time is
/// only reserved (`jwt::ReplayGuard`) and the answer says `deferred`: the caller then writes
/// it with the call's cards (`Store::record_cds_call`) or, on a path without cards, through
/// [`settle_jti`]. Otherwise (PostgreSQL, where instances share the database; or an id seen
/// before) the database remembers it now, and a replay is refused here.
async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
    path: &str,
    may_defer: bool,
) -> Result<(jwt::Client, bool), Response> {
    let config = &state.cds;
    if config.insecure_dev {
        tracing::warn!(
            path,
            "CDS call accepted WITHOUT JWT verification (--cds-insecure-dev)"
        );
        return Ok((
            jwt::Client {
                iss: "insecure-dev".into(),
                jti: String::new(),
                tenant: None,
                expires: Utc::now(),
            },
            false,
        ));
    }
    let audience = format!("{}{path}", config.public_base_url);
    let authorization = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let now = Utc::now();
    let mut result = if config.public_base_url.is_empty() {
        Err(jwt::Rejected {
            reason: "CDS Hooks is not configured ([cds] public_base_url)".into(),
            iss: None,
            jti: None,
        })
    } else {
        jwt::verify(config, authorization, &audience, now)
            .await
            .map(|client| (client, false))
    };
    if let Ok((client, deferred)) = &mut result {
        let first = state.store.engine() == Engine::Sqlite
            && config.outbound.replay.first_sighting(
                &client.iss,
                &client.jti,
                client.expires.timestamp(),
                now.timestamp(),
            );
        if first && may_defer {
            *deferred = true;
        } else {
            let refuse = |reason: String| jwt::Rejected {
                reason,
                iss: Some(client.iss.clone()),
                jti: Some(client.jti.clone()),
            };
            match state
                .store
                .remember_jti(&client.iss, &client.jti, client.expires, now)
                .await
            {
                Ok(true) => {}
                Ok(false) => result = Err(refuse("jti replayed".into())),
                Err(e) => result = Err(refuse(format!("jti could not be recorded: {e}"))),
            }
        }
    }
    match result {
        Ok(client) => Ok(client),
        Err(rejected) => Err(refuse(state, path, &rejected).await),
    }
}

/// The 401 of a refused client JWT, logged (never the token) and audited.
async fn refuse(state: &AppState, path: &str, rejected: &jwt::Rejected) -> Response {
    tracing::warn!(
        iss = rejected.iss.as_deref().unwrap_or("-"),
        jti = rejected.jti.as_deref().unwrap_or("-"),
        reason = %rejected.reason,
        path,
        "CDS client JWT refused"
    );
    let actor = format!("cds:{}", rejected.iss.as_deref().unwrap_or("unknown"));
    audit(state, &actor, "cds-auth", path, "denied").await;
    unauthorized()
}

/// Writes the `jti` of a call that `authenticate` deferred and that ends without cards (an
/// error answer), so that the token cannot be used again.
async fn settle_jti(state: &AppState, client: &jwt::Client, deferred: bool) {
    if !deferred {
        return;
    }
    let now = Utc::now();
    if let Err(e) = state
        .store
        .remember_jti(&client.iss, &client.jti, client.expires, now)
        .await
    {
        tracing::error!(error = %e, iss = %client.iss, jti = %client.jti, "a CDS client's jti could not be recorded");
    }
}

/// The language asked for by `Accept-Language` (first known tag in order of preference),
/// else English.
pub fn requested_lang(headers: &HeaderMap) -> Lang {
    let Some(value) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return Lang::En;
    };
    let mut tags: Vec<(f32, usize, &str)> = value
        .split(',')
        .enumerate()
        .filter_map(|(n, part)| {
            let mut pieces = part.split(';');
            let tag = pieces.next()?.trim();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .filter(|q| q.is_finite())
                .unwrap_or(1.0);
            (!tag.is_empty() && q > 0.0).then_some((q, n, tag))
        })
        .collect();
    tags.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    for (_, _, tag) in tags {
        if let Ok(lang) = tag.parse::<Lang>() {
            return lang;
        }
        if let Some(primary) = tag.split('-').next() {
            if let Ok(lang) = primary.parse::<Lang>() {
                return lang;
            }
        }
    }
    Lang::En
}

/// "Calling a CDS Service": authenticate, validate, gather the data, assess, answer cards.
#[utoipa::path(post, path = "/cds-services/{id}", tag = "cds-hooks",
    params(("id" = String, Path, description = "neuronutri-patient-view or neuronutri-order-sign")),
    request_body(content = Object, description = "A CDS Hooks 2.0 request: hook, hookInstance, context, optional fhirServer, fhirAuthorization and prefetch"),
    responses((status = 200, description = "CDS Hooks cards, one per rule code", body = Object),
              (status = 400, description = "Invalid request; names the field", body = crate::error::OperationOutcome),
              (status = 401, description = "Client JWT missing or refused (bare)"),
              (status = 404, description = "No such service", body = crate::error::OperationOutcome),
              (status = 412, description = "The data needed could be had neither from prefetch nor from fhirServer (issue code timeout: source too slow)", body = crate::error::OperationOutcome)),
    security(("cds_client_jwt" = [])))]
pub async fn call(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(hook) = hook_of(&id) else {
        return outcome(
            StatusCode::NOT_FOUND,
            "not-found",
            &format!("no CDS service '{id}' (see GET /cds-services)"),
        );
    };
    let path = format!("/cds-services/{id}");
    let (client, deferred) = match authenticate(&state, &headers, &path, true).await {
        Ok(client) => client,
        Err(response) => return response,
    };
    let actor = format!("cds:{}", client.iss);
    // An answer without cards: the deferred jti is written first (`settle_jti`).
    let audit = |target: String, outcome: &'static str| {
        let (state, client, actor) = (&state, &client, &actor);
        async move {
            settle_jti(state, client, deferred).await;
            audit(state, actor, "cds-call", &target, outcome).await;
        }
    };
    let mut request = match request::CdsRequest::parse(&body, hook) {
        Ok(request) => request,
        Err(message) => {
            audit(path.clone(), "invalid").await;
            return outcome(StatusCode::BAD_REQUEST, "invalid", &message);
        }
    };
    let target = format!(
        "{path} hookInstance={} patient={}",
        request.hook_instance, request.patient_id
    );
    if let Err(e) = complete_from_fhir_server(&state, &client, &mut request).await {
        let (code, audited, message) = match e {
            fetch::FetchError::TooSlow(m) => (
                "timeout",
                "source-too-slow",
                format!("source too slow: {m}"),
            ),
            fetch::FetchError::Failed(m) => ("incomplete", "precondition-failed", m),
        };
        tracing::warn!(path, reason = %message, "CDS call: the data needed could not be obtained");
        audit(target.clone(), audited).await;
        return outcome(StatusCode::PRECONDITION_FAILED, code, &message);
    }
    let data = match request.gather() {
        Ok(data) => data,
        Err(request::GatherError::Incomplete(missing)) => {
            audit(target.clone(), "precondition-failed").await;
            return outcome(StatusCode::PRECONDITION_FAILED, "incomplete", &missing);
        }
        Err(request::GatherError::Invalid(message)) => {
            audit(target.clone(), "invalid").await;
            return outcome(StatusCode::BAD_REQUEST, "invalid", &message);
        }
    };
    let lang = requested_lang(&headers);
    let knowledge = state.knowledge.clone();
    let now = Utc::now();
    let assessed = tokio::task::spawn_blocking(move || {
        let record = neuronutri_model::parse_bundle(&data.bundle, now)?;
        let assessment = neuronutri_rules::assess(&knowledge, &record, now, lang);
        Ok::<_, neuronutri_model::InputError>((record, assessment, data))
    })
    .await;
    let (record, assessment, data) = match assessed {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => {
            audit(target.clone(), "invalid").await;
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!("the prefetched resources cannot be read: {e}"),
            );
        }
        Err(e) => {
            settle_jti(&state, &client, deferred).await;
            return AppError::Internal(format!("CDS assessment task failed: {e}")).into_response();
        }
    };
    let site = cards::Site {
        public_base_url: &state.cds.public_base_url,
        knowledge: &state.knowledge,
        knowledge_version: &state.knowledge_version,
        lang,
    };
    let built = match hook {
        "order-sign" => cards::order_sign_cards(&site, &assessment, &record, &data.draft_orders),
        _ => cards::patient_view_cards(&site, &assessment),
    };
    let issued: Vec<IssuedCard> = built
        .iter()
        .map(|(code, card)| IssuedCard {
            uuid: &card.uuid,
            code,
        })
        .collect();
    let codes: Vec<&str> = built.iter().map(|(code, _)| code.as_str()).collect();
    let target = format!("{target} cards={}", codes.join(","));
    // The cards and the audit entry in one write.
    let entry = NewAuditEntry {
        at: now,
        actor_user_id: None,
        actor: &actor,
        interface: "cds-hooks",
        action: "cds-call",
        patient_id: None,
        target: &target,
        outcome: "ok",
    };
    let claim = deferred.then_some(JtiClaim {
        iss: &client.iss,
        jti: &client.jti,
        expires_at: client.expires,
    });
    match state
        .store
        .record_cds_call(&id, &client.iss, now, &issued, &entry, claim)
        .await
    {
        Ok(true) => {}
        // Seen by the database since this process reserved it (another process): a replay.
        // The write stored only the refusal's audit entry.
        Ok(false) => {
            tracing::warn!(iss = %client.iss, jti = %client.jti, reason = "jti replayed", path, "CDS client JWT refused");
            return unauthorized();
        }
        Err(e) => return AppError::from(e).into_response(),
    }
    // Serialized straight from the cards (no JSON tree in between).
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        cards: Vec<&'a cards::Card>,
    }
    let cards: Vec<&cards::Card> = built.iter().map(|(_, card)| card).collect();
    Json(Answer { cards }).into_response()
}

/// Whether `id` is a FHIR logical id (`[A-Za-z0-9\-\.]{1,64}`), safe in a query URL.
fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

/// The FHIR query that answers a prefetch key for `patient_id`. The observations are all
/// the patient's (paged), not the template's `code` list: a comma-separated token list is
/// not supported by every server, and the rules ignore codes they do not know.
pub fn fetch_query(key: &'static str, patient_id: &str) -> Option<fetch::Query> {
    let (path, search) = match key {
        "patient" => (format!("Patient/{patient_id}"), false),
        "observations" => (format!("Observation?patient={patient_id}"), true),
        "conditions" => (format!("Condition?patient={patient_id}"), true),
        "medicationStatements" => (format!("MedicationStatement?patient={patient_id}"), true),
        "medicationRequests" => (format!("MedicationRequest?patient={patient_id}"), true),
        _ => return None,
    };
    Some(fetch::Query { key, path, search })
}

/// Fetches from the call's `fhirServer` what its prefetch lacks ("Providing FHIR Resources
/// to a CDS Service": a key the client left out or answered with an OperationOutcome, or a
/// searchset with more pages), all keys at once under one deadline. `fhirServer` must be
/// allowlisted for the calling issuer (`fhir_servers` of its `[[cds.issuer]]`), so that a
/// client cannot make the service carry a bearer token, or requests, to any other host.
async fn complete_from_fhir_server(
    state: &AppState,
    client: &jwt::Client,
    request: &mut request::CdsRequest,
) -> Result<(), fetch::FetchError> {
    let missing = request.missing();
    if missing.is_empty() {
        return Ok(());
    }
    let listed: Vec<String> = missing
        .iter()
        .map(|(key, reason)| format!("{key} ({reason})"))
        .collect();
    let listed = listed.join("; ");
    let config = &state.cds;
    let Some(server) = request.fhir_server.clone() else {
        return Err(fetch::FetchError::Failed(format!(
            "the data needed is incomplete and no fhirServer was given to fetch it from: {listed}"
        )));
    };
    let allowed = config.insecure_dev
        || config
            .issuers
            .iter()
            .find(|i| i.iss == client.iss)
            .is_some_and(|i| {
                i.fhir_servers
                    .iter()
                    .any(|s| s.trim_end_matches('/') == server.trim_end_matches('/'))
            });
    if !allowed {
        return Err(fetch::FetchError::Failed(format!(
            "the data needed is incomplete and fhirServer '{server}' is not allowlisted for \
             this client (fhir_servers of its [[cds.issuer]]): {listed}"
        )));
    }
    if !is_fhir_id(&request.patient_id) {
        return Err(fetch::FetchError::Failed(
            "context.patientId is not a FHIR id: nothing can be fetched for it".into(),
        ));
    }
    let http = config.outbound.client(&config.fetch)?;
    let deadline = std::time::Instant::now() + config.fetch.timeout;
    let token = request.access_token().map(str::to_string);
    let mut tasks = tokio::task::JoinSet::new();
    for (key, _) in &missing {
        let Some(query) = fetch_query(key, &request.patient_id) else {
            continue;
        };
        let (http, server, token, limits) = (
            http.clone(),
            server.clone(),
            token.clone(),
            config.fetch.clone(),
        );
        tasks.spawn(async move {
            let result =
                fetch::run_query(&http, &server, token.as_deref(), &query, &limits, deadline).await;
            (query.key, result)
        });
    }
    while let Some(joined) = tasks.join_next().await {
        let (key, result) =
            joined.map_err(|e| fetch::FetchError::Failed(format!("a fetch task failed: {e}")))?;
        // The first failure ends the call; dropping the set aborts the other fetches.
        let value = result?;
        request.supply(key, value);
    }
    Ok(())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FeedbackRequest {
    feedback: Vec<FeedbackEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct FeedbackEntry {
    card: String,
    outcome: String,
    #[serde(default)]
    accepted_suggestions: Option<Vec<AcceptedSuggestion>>,
    #[serde(default)]
    override_reason: Option<OverrideReason>,
    outcome_timestamp: String,
}

#[derive(Deserialize)]
struct AcceptedSuggestion {
    id: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct OverrideReason {
    #[serde(default)]
    reason: Option<Coding>,
    #[serde(default)]
    user_comment: Option<String>,
}

#[derive(Deserialize)]
struct Coding {
    #[serde(default)]
    system: Option<String>,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    display: Option<String>,
}

/// "Feedback": stores each entry (card uuid, outcome, accepted suggestions, override
/// reason, time), all or none; 400 naming the entry and field when one is invalid.
#[utoipa::path(post, path = "/cds-services/{id}/feedback", tag = "cds-hooks",
    params(("id" = String, Path, description = "The service that issued the cards")),
    request_body(content = Object, description = "CDS Hooks 2.0 feedback: {\"feedback\": [{card, outcome, acceptedSuggestions, overrideReason, outcomeTimestamp}]}"),
    responses((status = 200, description = "Stored"),
              (status = 400, description = "Invalid; names the entry and field; nothing stored", body = crate::error::OperationOutcome),
              (status = 401, description = "Client JWT missing or refused (bare)"),
              (status = 404, description = "No such service", body = crate::error::OperationOutcome)),
    security(("cds_client_jwt" = [])))]
pub async fn feedback(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if hook_of(&id).is_none() {
        return outcome(
            StatusCode::NOT_FOUND,
            "not-found",
            &format!("no CDS service '{id}'"),
        );
    }
    let path = format!("/cds-services/{id}/feedback");
    let (client, _) = match authenticate(&state, &headers, &path, false).await {
        Ok(client) => client,
        Err(response) => return response,
    };
    let actor = format!("cds:{}", client.iss);
    let request: FeedbackRequest = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            audit(&state, &actor, "cds-feedback", &path, "invalid").await;
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!("feedback: {e}"),
            );
        }
    };
    let now = Utc::now();
    let mut rows = Vec::new();
    let mut accepted_lists = Vec::new();
    for (n, f) in request.feedback.iter().enumerate() {
        let at = format!("feedback[{n}]");
        if f.outcome != "accepted" && f.outcome != "overridden" {
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!(
                    "{at}.outcome: '{}' is neither accepted nor overridden",
                    f.outcome
                ),
            );
        }
        if f.outcome == "accepted" && f.accepted_suggestions.as_ref().is_none_or(Vec::is_empty) {
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!("{at}.acceptedSuggestions: required for an accepted outcome"),
            );
        }
        let Ok(outcome_at) = DateTime::parse_from_rfc3339(&f.outcome_timestamp) else {
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!(
                    "{at}.outcomeTimestamp: '{}' is not an RFC 3339 instant",
                    f.outcome_timestamp
                ),
            );
        };
        let code = match state.store.cds_card_code(&id, &f.card).await {
            Ok(code) => code,
            Err(e) => return AppError::from(e).into_response(),
        };
        if code.is_none() {
            return outcome(
                StatusCode::BAD_REQUEST,
                "invalid",
                &format!("{at}.card: '{}' is not a card this service issued", f.card),
            );
        }
        accepted_lists.push(f.accepted_suggestions.as_ref().map(|list| {
            list.iter()
                .map(|s| s.id.as_str())
                .collect::<Vec<_>>()
                .join(",")
        }));
        rows.push((f, outcome_at.with_timezone(&Utc), code));
    }
    let entries: Vec<(NewCdsFeedback, Option<String>)> = rows
        .iter()
        .zip(&accepted_lists)
        .map(|((f, outcome_at, code), accepted)| {
            let reason = f.override_reason.as_ref().and_then(|r| r.reason.as_ref());
            (
                NewCdsFeedback {
                    card_uuid: &f.card,
                    service: &id,
                    outcome: &f.outcome,
                    accepted: accepted.as_deref(),
                    reason_system: reason.and_then(|r| r.system.as_deref()),
                    reason_code: reason.and_then(|r| r.code.as_deref()),
                    reason_display: reason.and_then(|r| r.display.as_deref()),
                    user_comment: f
                        .override_reason
                        .as_ref()
                        .and_then(|r| r.user_comment.as_deref()),
                    outcome_at: *outcome_at,
                    received_at: now,
                    issuer: &client.iss,
                },
                code.clone(),
            )
        })
        .collect();
    if let Err(e) = state.store.insert_cds_feedback(&entries).await {
        return AppError::from(e).into_response();
    }
    audit(
        &state,
        &actor,
        "cds-feedback",
        &format!("{path} entries={}", entries.len()),
        "ok",
    )
    .await;
    StatusCode::OK.into_response()
}

#[cfg(test)]
mod tests {
    #[test]
    fn prefetch_keys_are_the_templates_keys() {
        let keys: Vec<&str> = super::prefetch_templates()
            .into_iter()
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, super::PREFETCH_KEYS);
    }
}
