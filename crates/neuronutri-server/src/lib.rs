//! The neuronutri HTTP service: a JSON API (described by the OpenAPI 3.1 document at
//! `/openapi.json`, generated from the handlers), a FHIR R4 read/search API at `/fhir`,
//! accounts with roles, API tokens and browser sessions, and an audit trail of every read
//! and write of patient data.
//!
//! [`app`] builds the whole router from an [`AppState`]; tests drive it in-process with
//! `tower::ServiceExt::oneshot`, and `neuronutri serve` binds it to a socket. The server
//! holds no state of its own between requests (sessions, lockouts and everything shared
//! live in the database), so several instances can share one PostgreSQL. Only this crate
//! knows HTTP; it reaches the database only through `neuronutri-storage`.
#![deny(missing_docs)]

pub mod admin;
pub mod api;
pub mod auth;
pub mod cds;
pub mod demo;
pub mod error;
pub mod fhir;
pub mod openapi;
pub mod research;
pub mod web;

pub use error::AppError;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderName, HeaderValue, StatusCode};
use axum::routing::{delete, get, post};
use axum::Router;
use neuronutri_knowledge::Knowledge;
use neuronutri_storage::Store;
use std::sync::Arc;
use std::time::Duration;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;

/// Largest request body accepted (a bundle or a study upload), in bytes.
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;
/// Longest a request may take before it is answered 408.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// What every handler shares: the store and the knowledge in force.
#[derive(Clone)]
pub struct AppState {
    /// The database.
    pub store: Store,
    /// The clinical knowledge the engine uses.
    pub knowledge: Arc<Knowledge>,
    /// Content hash of that knowledge (`sha256:…`), stored with every assessment.
    pub knowledge_version: Arc<str>,
    /// A valid argon2id hash of a random password, verified against when the user name is
    /// unknown so that sign-in takes the same time either way.
    pub dummy_hash: Arc<str>,
    /// CDS Hooks configuration (issuers, public base URL); see [`cds::CdsConfig`].
    pub cds: Arc<cds::CdsConfig>,
}

impl AppState {
    /// The state for `store` and `knowledge`.
    pub fn new(store: Store, knowledge: Knowledge) -> Result<AppState, AppError> {
        let knowledge_version = knowledge_version(&knowledge);
        let dummy_hash = auth::hash_password(&auth::new_secret("")?)?;
        Ok(AppState {
            store,
            knowledge: Arc::new(knowledge),
            knowledge_version: knowledge_version.into(),
            dummy_hash: dummy_hash.into(),
            cds: Arc::new(cds::CdsConfig::default()),
        })
    }
}

/// The version of the assessment engine, stored with every assessment (the workspace
/// version, shared by the rules crate).
pub const ENGINE_VERSION: &str = concat!("neuronutri-rules ", env!("CARGO_PKG_VERSION"));

/// A content hash of the knowledge in force: the source catalogue, claims, rules,
/// thresholds (after any deployment overrides) and dose regimens as loaded, and every
/// message id of every language's catalogue with its text. Any change to the knowledge
/// data changes it; the same data always gives the same hash.
pub fn knowledge_version(knowledge: &Knowledge) -> String {
    let thresholds: Vec<(&str, &neuronutri_knowledge::Threshold)> = knowledge.thresholds.all();
    let mut texts = Vec::new();
    for lang in neuronutri_knowledge::Lang::ALL {
        for id in neuronutri_knowledge::Texts::message_ids(lang) {
            let text = knowledge
                .texts
                .try_render(lang, &id, &[])
                .unwrap_or_else(|e| e);
            texts.push((lang.tag(), id, text));
        }
    }
    let content = serde_json::json!({
        "sources": knowledge.sources(),
        "claims": knowledge.claims(),
        "rules": knowledge.rules(),
        "thresholds": thresholds,
        "regimens": knowledge.regimens,
        "texts": texts,
    });
    format!(
        "sha256:{}",
        neuronutri_storage::sha256_hex(content.to_string().as_bytes())
    )
}

/// Logs each request as one structured event: method, route template (never the path
/// itself or the query, which may carry names or ids), status and duration. No patient
/// data reaches the log.
async fn log_request(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<axum::extract::MatchedPath>()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "(no route)".into());
    let started = std::time::Instant::now();
    let response = next.run(request).await;
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    let status = response.status().as_u16();
    if status >= 500 {
        tracing::warn!(%method, %route, status, ms, "request");
    } else {
        tracing::info!(%method, %route, status, ms, "request");
    }
    response
}

/// The whole service: JSON API, FHIR API, OpenAPI document, health, with body limits,
/// timeouts and security headers on every response.
pub fn app(state: AppState) -> Router {
    let api = Router::new()
        .route("/session", post(admin::sign_in).delete(admin::sign_out))
        .route("/me", get(admin::me))
        .route("/users", get(admin::list_users).post(admin::create_user))
        .route("/tokens", get(admin::list_tokens).post(admin::create_token))
        .route("/tokens/{id}", delete(admin::revoke_token))
        .route("/audit-log", get(admin::audit_log))
        .route("/bundles", post(api::import_bundle))
        .route("/patients", get(api::search_patients))
        .route("/patients/{id}", get(api::read_patient))
        .route("/patients/{id}/observations", get(api::observation_series))
        .route(
            "/patients/{id}/assessments",
            get(api::list_assessments).post(api::assess_patient),
        )
        .route("/rules", get(api::rule_catalogue))
        .route("/evidence", get(api::evidence_map))
        .route(
            "/studies",
            get(research::list_studies).post(research::create_study),
        )
        .route("/studies/{id}", get(research::read_study))
        .route("/studies/{id}/files/{*name}", get(research::study_file))
        .route("/summary-audit", post(research::summary_audit))
        .route("/stats", post(research::stats));
    let fhir = Router::new()
        .route("/metadata", get(fhir::metadata))
        .route("/Patient", get(fhir::search_patients))
        .route("/Patient/{id}", get(fhir::read_patient))
        .route("/{resource_type}", get(fhir::search_resources))
        .route("/{resource_type}/{id}", get(fhir::read_resource));
    let security_headers = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::CACHE_CONTROL, "no-store"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    let mut router = Router::new()
        .route("/health", get(api::health))
        .route("/ready", get(api::ready))
        .route("/openapi.json", get(openapi::document))
        .nest("/api", api)
        .nest("/fhir", fhir)
        .merge(cds::routes())
        .merge(web::routes())
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn(log_request))
        .with_state(state)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(RequestBodyLimitLayer::new(BODY_LIMIT))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ));
    for (name, value) in security_headers {
        router = router.layer(SetResponseHeaderLayer::if_not_present(
            name,
            HeaderValue::from_static(value),
        ));
    }
    router
}

/// Serves `state` on `listener` until `shutdown` completes, then lets requests in flight
/// finish (graceful shutdown).
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state))
        .with_graceful_shutdown(shutdown)
        .await
}
