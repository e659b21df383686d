//! Router tests, in-process (`oneshot`), for every endpoint and its error paths: 401 without
//! or with a bad, expired or revoked token, 403 for the wrong role (and the refusal audited),
//! a bad bundle answered 400 with an OperationOutcome naming entry and field and nothing
//! stored, CSRF on cookie sessions, lockout, FHIR search paging, OpenAPI coverage.

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use neuronutri_knowledge::Knowledge;
use neuronutri_server::{app, auth, AppState};
use neuronutri_storage::{NewUser, Role, Store};
use serde_json::{json, Value};
use tower::ServiceExt;

struct TestApp {
    router: Router,
    state: AppState,
    clinician: String,
    researcher: String,
    admin: String,
    _dir: TempDir,
}

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

const PASSWORD: &str = "a long test password";

async fn setup() -> TestApp {
    let dir = std::env::temp_dir().join(format!(
        "neuronutri-router-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::connect(&format!("sqlite://{}/db.sqlite", dir.display()))
        .await
        .unwrap();
    let state = AppState::new(store.clone(), Knowledge::builtin().unwrap()).unwrap();
    let hash = auth::hash_password(PASSWORD).unwrap();
    let mut tokens = Vec::new();
    for (name, role) in [
        ("clin", Role::Clinician),
        ("res", Role::Researcher),
        ("adm", Role::Admin),
    ] {
        let user = store
            .create_user(
                &NewUser {
                    username: name,
                    password_hash: &hash,
                    role,
                },
                Utc::now(),
            )
            .await
            .unwrap();
        let secret = auth::new_secret("nn_").unwrap();
        store
            .create_token(
                user.id,
                &auth::secret_hash(&secret),
                role,
                "test",
                Utc::now(),
                Utc::now() + Duration::days(1),
            )
            .await
            .unwrap();
        tokens.push(secret);
    }
    TestApp {
        router: app(state.clone()),
        state,
        clinician: tokens[0].clone(),
        researcher: tokens[1].clone(),
        admin: tokens[2].clone(),
        _dir: TempDir(dir),
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

async fn call(
    router: &Router,
    method: Method,
    uri: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    let request = match body {
        Some(body) => request
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap(),
        None => request.body(Body::empty()).unwrap(),
    };
    send(router, request).await
}

fn bundle(patient: &str, family: &str, mg: &[(&str, f64)]) -> String {
    let mut entries = vec![json!({
        "fullUrl": format!("urn:uuid:{patient}"),
        "resource": {"resourceType": "Patient", "id": patient,
            "name": [{"family": family, "given": ["Olga"]}],
            "gender": "female", "birthDate": "1958-02-03"}
    })];
    for (i, (date, value)) in mg.iter().enumerate() {
        entries.push(json!({"resource": {
            "resourceType": "Observation", "id": format!("{patient}-mg-{i}"), "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "19123-9"}]},
            "subject": {"reference": format!("Patient/{patient}")},
            "effectiveDateTime": date,
            "valueQuantity": {"value": value, "unit": "mmol/L"}}}));
    }
    entries.push(json!({"resource": {
        "resourceType": "Condition", "id": format!("{patient}-htn"),
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "I10"}]},
        "subject": {"reference": format!("Patient/{patient}")}, "onsetDateTime": "2015-01-01"}}));
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries}).to_string()
}

async fn import(t: &TestApp, json: String) -> Value {
    let reply = call(
        &t.router,
        Method::POST,
        "/api/bundles?source=urn:test:ehr",
        Some(&t.clinician),
        Some(json),
    )
    .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    reply.json()
}

fn assert_outcome(reply: &Reply, status: StatusCode, code: &str) {
    assert_eq!(reply.status, status, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["resourceType"], "OperationOutcome", "{body}");
    assert_eq!(body["issue"][0]["code"], code, "{body}");
    assert_eq!(reply.headers[header::CONTENT_TYPE], "application/fhir+json");
}

#[tokio::test]
async fn health_ready_and_security_headers() {
    let t = setup().await;
    let reply = call(&t.router, Method::GET, "/health", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let body = reply.json();
    assert_eq!(body["database"], "sqlite");
    assert!(body["knowledge_version"]
        .as_str()
        .unwrap()
        .starts_with("sha256:"));
    assert_eq!(reply.headers["x-content-type-options"], "nosniff");
    assert_eq!(reply.headers["x-frame-options"], "DENY");
    assert!(reply.headers["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert_eq!(reply.headers["cache-control"], "no-store");
    let ready = call(&t.router, Method::GET, "/ready", None, None).await;
    assert_eq!(ready.status, StatusCode::OK);
    t.state.store.close().await;
    let down = call(&t.router, Method::GET, "/ready", None, None).await;
    assert_outcome(&down, StatusCode::SERVICE_UNAVAILABLE, "transient");
    let nothing = call(&t.router, Method::GET, "/nothing-here", None, None).await;
    assert_outcome(&nothing, StatusCode::NOT_FOUND, "not-found");
}

#[tokio::test]
async fn knowledge_version_is_a_content_hash() {
    let a = neuronutri_server::knowledge_version(&Knowledge::builtin().unwrap());
    let b = neuronutri_server::knowledge_version(&Knowledge::builtin().unwrap());
    assert_eq!(a, b);
    let mut changed = Knowledge::builtin().unwrap();
    let (name, threshold) = changed.thresholds.all()[0];
    let config = format!("[thresholds]\n{name} = {}\n", threshold.value + 0.01);
    changed.apply_config("site.toml", &config).unwrap();
    assert_ne!(neuronutri_server::knowledge_version(&changed), a);
}

#[tokio::test]
async fn openapi_is_3_1_and_lists_every_route() {
    let t = setup().await;
    let reply = call(&t.router, Method::GET, "/openapi.json", None, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    let doc = reply.json();
    assert!(
        doc["openapi"].as_str().unwrap().starts_with("3.1"),
        "{}",
        doc["openapi"]
    );
    let paths: Vec<&str> = doc["paths"]
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    for expected in [
        "/health",
        "/ready",
        "/api/session",
        "/api/me",
        "/api/users",
        "/api/tokens",
        "/api/tokens/{id}",
        "/api/audit-log",
        "/api/bundles",
        "/api/patients",
        "/api/patients/{id}",
        "/api/patients/{id}/observations",
        "/api/patients/{id}/assessments",
        "/api/rules",
        "/api/evidence",
        "/api/studies",
        "/api/studies/{id}",
        "/api/studies/{id}/files/{name}",
        "/api/summary-audit",
        "/api/stats",
        "/fhir/metadata",
        "/fhir/Patient",
        "/fhir/Patient/{id}",
        "/fhir/{type}",
        "/fhir/{type}/{id}",
    ] {
        assert!(
            paths.contains(&expected),
            "{expected} missing from {paths:?}"
        );
    }
    // 25 routes and the 5 of CDS Hooks (checked in tests/cds_hooks.rs).
    assert_eq!(paths.len(), 30, "{paths:?}");
    assert_eq!(
        doc["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
    assert!(doc["components"]["schemas"]["OperationOutcome"].is_object());
}

#[tokio::test]
async fn credentials_are_required_and_checked() {
    let t = setup().await;
    // No token.
    let reply = call(&t.router, Method::GET, "/api/patients", None, None).await;
    assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
    assert!(reply.headers.contains_key(header::WWW_AUTHENTICATE));
    // Unknown token.
    let reply = call(
        &t.router,
        Method::GET,
        "/api/patients",
        Some("nn_nope"),
        None,
    )
    .await;
    assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
    // Expired token.
    let user = t.state.store.user_by_name("clin").await.unwrap().unwrap();
    let expired = auth::new_secret("nn_").unwrap();
    t.state
        .store
        .create_token(
            user.id,
            &auth::secret_hash(&expired),
            Role::Clinician,
            "old",
            Utc::now() - Duration::days(10),
            Utc::now() - Duration::seconds(1),
        )
        .await
        .unwrap();
    let reply = call(
        &t.router,
        Method::GET,
        "/api/patients",
        Some(&expired),
        None,
    )
    .await;
    assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
    // A token made through the API works until an admin revokes it.
    let made = call(
        &t.router,
        Method::POST,
        "/api/tokens",
        Some(&t.clinician),
        Some(json!({"label": "laptop", "days": 7}).to_string()),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let made = made.json();
    let secret = made["token"].as_str().unwrap().to_string();
    assert!(secret.starts_with("nn_"));
    assert_eq!(made["info"]["role"], "clinician");
    let ok = call(&t.router, Method::GET, "/api/patients", Some(&secret), None).await;
    assert_eq!(ok.status, StatusCode::OK);
    let id = made["info"]["id"].as_i64().unwrap();
    // Another non-admin cannot revoke it.
    let refused = call(
        &t.router,
        Method::DELETE,
        &format!("/api/tokens/{id}"),
        Some(&t.researcher),
        None,
    )
    .await;
    assert_outcome(&refused, StatusCode::FORBIDDEN, "forbidden");
    let revoked = call(
        &t.router,
        Method::DELETE,
        &format!("/api/tokens/{id}"),
        Some(&t.admin),
        None,
    )
    .await;
    assert_eq!(revoked.status, StatusCode::NO_CONTENT);
    let again = call(
        &t.router,
        Method::DELETE,
        &format!("/api/tokens/{id}"),
        Some(&t.admin),
        None,
    )
    .await;
    assert_outcome(&again, StatusCode::NOT_FOUND, "not-found");
    let reply = call(&t.router, Method::GET, "/api/patients", Some(&secret), None).await;
    assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
    // The secret is stored only as a hash.
    let listed = call(&t.router, Method::GET, "/api/tokens", Some(&t.admin), None).await;
    assert!(!listed.text().contains(&secret));
    assert!(listed.json().as_array().unwrap().len() >= 5);
}

#[tokio::test]
async fn roles_are_enforced_and_refusals_audited() {
    let t = setup().await;
    let cases: &[(&str, Method, &str, Option<String>)] = &[
        (&t.researcher, Method::GET, "/api/patients", None),
        (&t.researcher, Method::GET, "/api/patients/1", None),
        (
            &t.admin,
            Method::POST,
            "/api/bundles",
            Some(bundle("x", "X", &[])),
        ),
        (&t.admin, Method::GET, "/fhir/Patient", None),
        (
            &t.researcher,
            Method::GET,
            "/fhir/Observation?patient=1",
            None,
        ),
        (&t.clinician, Method::GET, "/api/users", None),
        (&t.clinician, Method::GET, "/api/audit-log", None),
        (&t.researcher, Method::GET, "/api/tokens", None),
        (&t.clinician, Method::GET, "/api/studies", None),
        (
            &t.admin,
            Method::POST,
            "/api/summary-audit",
            Some(String::new()),
        ),
        (
            &t.clinician,
            Method::POST,
            "/api/users",
            Some(
                json!({"username": "eve", "password": "x".repeat(20), "role": "admin"}).to_string(),
            ),
        ),
    ];
    for (token, method, uri, body) in cases {
        let reply = call(&t.router, method.clone(), uri, Some(token), body.clone()).await;
        assert_outcome(&reply, StatusCode::FORBIDDEN, "forbidden");
    }
    let log = call(
        &t.router,
        Method::GET,
        "/api/audit-log?count=500",
        Some(&t.admin),
        None,
    )
    .await;
    let log = log.json();
    let denied: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["outcome"] == "denied")
        .collect();
    assert_eq!(denied.len(), 5, "{log}");
    assert!(denied
        .iter()
        .any(|e| e["actor"] == "res" && e["patient_id"] == 1));
    // A clinician may not make an admin token for themselves, nor one for someone else.
    let reply = call(
        &t.router,
        Method::POST,
        "/api/tokens",
        Some(&t.clinician),
        Some(json!({"label": "x", "role": "admin"}).to_string()),
    )
    .await;
    assert_outcome(&reply, StatusCode::FORBIDDEN, "forbidden");
    let reply = call(
        &t.router,
        Method::POST,
        "/api/tokens",
        Some(&t.clinician),
        Some(json!({"label": "x", "username": "res"}).to_string()),
    )
    .await;
    assert_outcome(&reply, StatusCode::FORBIDDEN, "forbidden");
    // Every role may read the knowledge.
    for token in [&t.clinician, &t.researcher, &t.admin] {
        for uri in ["/api/rules", "/api/evidence", "/api/me"] {
            let reply = call(&t.router, Method::GET, uri, Some(token), None).await;
            assert_eq!(reply.status, StatusCode::OK, "{uri}");
        }
    }
    let rules = call(
        &t.router,
        Method::GET,
        "/api/rules",
        Some(&t.researcher),
        None,
    )
    .await;
    assert!(rules.json()["rules"].as_array().unwrap().len() > 10);
    let evidence = call(
        &t.router,
        Method::GET,
        "/api/evidence",
        Some(&t.researcher),
        None,
    )
    .await;
    assert!(!evidence.json()["claims"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn import_is_all_or_nothing_and_idempotent() {
    let t = setup().await;
    let json = bundle(
        "p1",
        "Sokolova",
        &[
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-03-10T08:00:00Z", 0.70),
        ],
    );
    let first = import(&t, json.clone()).await;
    assert_eq!(first["created"], 4);
    let second = import(&t, json).await;
    assert_eq!(second["unchanged"], 4);
    assert_eq!(second["patient_id"], first["patient_id"]);
    let before = t.state.store.counts().await.unwrap();

    // A bad unit in entry 2: 400 naming the entry and the field, nothing stored.
    let mut bad: Value = serde_json::from_str(&bundle(
        "p2",
        "Bad",
        &[
            ("2026-01-10T08:00:00Z", 0.62),
            ("2026-02-10T08:00:00Z", 0.7),
        ],
    ))
    .unwrap();
    bad["entry"][2]["resource"]["valueQuantity"]["unit"] = json!("furlongs");
    let reply = call(
        &t.router,
        Method::POST,
        "/api/bundles",
        Some(&t.clinician),
        Some(bad.to_string()),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    let body = reply.json();
    let diagnostics = body["issue"][0]["diagnostics"].as_str().unwrap();
    assert!(diagnostics.contains("entry 2"), "{diagnostics}");
    assert!(diagnostics.contains("furlongs"), "{diagnostics}");
    assert_eq!(
        body["issue"][0]["expression"][0],
        "Bundle.entry[2].resource.valueQuantity.unit"
    );
    assert_eq!(t.state.store.counts().await.unwrap(), before);

    // A bad id.
    let mut bad_id: Value = serde_json::from_str(&bundle("p3", "Bad", &[])).unwrap();
    bad_id["entry"][1]["resource"]["id"] = json!("has space");
    let reply = call(
        &t.router,
        Method::POST,
        "/api/bundles",
        Some(&t.clinician),
        Some(bad_id.to_string()),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    assert_eq!(
        reply.json()["issue"][0]["expression"][0],
        "Bundle.entry[1].resource.id"
    );
    // Not JSON, not a bundle, a bad source.
    for (uri, body) in [
        ("/api/bundles", "{not json"),
        ("/api/bundles", r#"{"resourceType":"Patient"}"#),
        ("/api/bundles?source=has%20space", &bundle("p4", "X", &[])),
    ] {
        let reply = call(
            &t.router,
            Method::POST,
            uri,
            Some(&t.clinician),
            Some(body.to_string()),
        )
        .await;
        assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    }
    assert_eq!(t.state.store.counts().await.unwrap(), before);
    // Too large.
    let huge = "x".repeat(neuronutri_server::BODY_LIMIT + 1);
    let reply = call(
        &t.router,
        Method::POST,
        "/api/bundles",
        Some(&t.clinician),
        Some(huge),
    )
    .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    // The refused import was audited as invalid, the good ones as ok with the patient.
    let log = call(
        &t.router,
        Method::GET,
        "/api/audit-log?count=500",
        Some(&t.admin),
        None,
    )
    .await;
    let log = log.json();
    let imports: Vec<&Value> = log
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "import")
        .collect();
    assert_eq!(imports.iter().filter(|e| e["outcome"] == "ok").count(), 2);
    assert!(imports.iter().any(|e| e["outcome"] == "invalid"));
    assert!(imports
        .iter()
        .filter(|e| e["outcome"] == "ok")
        .all(|e| e["patient_id"] == first["patient_id"] && e["actor"] == "clin"));
}

#[tokio::test]
async fn patients_series_and_their_audit() {
    let t = setup().await;
    let first = import(
        &t,
        bundle(
            "p1",
            "Sokolova",
            &[
                ("2026-03-10T08:00:00Z", 0.70),
                ("2026-01-10T08:00:00Z", 0.62),
            ],
        ),
    )
    .await;
    import(&t, bundle("p2", "Orlov", &[])).await;
    let id = first["patient_id"].as_i64().unwrap();
    let list = call(
        &t.router,
        Method::GET,
        "/api/patients?name=soko",
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(list["total"], 1);
    assert_eq!(list["items"][0]["family"], "Sokolova");
    let page = call(
        &t.router,
        Method::GET,
        "/api/patients?count=1&offset=1",
        Some(&t.clinician),
        None,
    )
    .await;
    let page = page.json();
    assert_eq!(
        (
            page["total"].as_i64(),
            page["items"].as_array().unwrap().len()
        ),
        (Some(2), 1)
    );
    for bad in [
        "/api/patients?count=0",
        "/api/patients?count=501",
        "/api/patients?offset=-1",
        "/api/patients?count=x",
    ] {
        let reply = call(&t.router, Method::GET, bad, Some(&t.clinician), None).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{bad}: {}",
            reply.text()
        );
    }
    let read = call(
        &t.router,
        Method::GET,
        &format!("/api/patients/{id}"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(read.status, StatusCode::OK);
    let read = read.json();
    assert_eq!(read["patient"]["source_id"], "p1");
    assert_eq!(read["conditions"][0]["code"], "I10");
    let missing = call(
        &t.router,
        Method::GET,
        "/api/patients/999",
        Some(&t.clinician),
        None,
    )
    .await;
    assert_outcome(&missing, StatusCode::NOT_FOUND, "not-found");
    let series = call(
        &t.router,
        Method::GET,
        &format!("/api/patients/{id}/observations?analyte=serum_magnesium"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(series.status, StatusCode::OK);
    let series = series.json();
    let values: Vec<f64> = series
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["value"].as_f64().unwrap())
        .collect();
    assert_eq!(values, vec![0.62, 0.70]);
    let by_code = call(
        &t.router,
        Method::GET,
        &format!("/api/patients/{id}/observations?code=19123-9"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(by_code.json(), series);
    let neither = call(
        &t.router,
        Method::GET,
        &format!("/api/patients/{id}/observations"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_outcome(&neither, StatusCode::BAD_REQUEST, "invalid");
    let log = call(
        &t.router,
        Method::GET,
        &format!("/api/audit-log?patient={id}"),
        Some(&t.admin),
        None,
    )
    .await;
    let log = log.json();
    let actions: Vec<(&str, &str)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["action"].as_str().unwrap(),
                e["outcome"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        vec![
            ("import", "ok"),
            ("read", "ok"),
            ("read", "ok"),
            ("read", "ok")
        ],
        "{log}"
    );
    // No patient data in the log: targets are paths, not names.
    assert!(!log.to_string().contains("Sokolova"));
}

#[tokio::test]
async fn assessments_are_stored_with_versions_and_differences() {
    let t = setup().await;
    let first = import(
        &t,
        bundle("p1", "Sokolova", &[("2026-01-10T08:00:00Z", 0.80)]),
    )
    .await;
    let id = first["patient_id"].as_i64().unwrap();
    let uri = format!("/api/patients/{id}/assessments");
    let one = call(
        &t.router,
        Method::POST,
        &format!("{uri}?at=2026-02-01T00:00:00Z"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(one.status, StatusCode::CREATED, "{}", one.text());
    let one = one.json();
    assert!(one["change"].is_null());
    assert_eq!(
        one["assessment"]["engine_version"],
        neuronutri_server::ENGINE_VERSION
    );
    assert_eq!(
        one["assessment"]["knowledge_version"],
        &*t.state.knowledge_version
    );
    assert_eq!(one["assessment"]["at"], "2026-02-01T00:00:00Z");
    let codes_one: Vec<String> =
        serde_json::from_value(one["assessment"]["codes"].clone()).unwrap();
    // A low magnesium arrives: the new assessment says what appeared and why.
    import(
        &t,
        bundle(
            "p1",
            "Sokolova",
            &[
                ("2026-01-10T08:00:00Z", 0.80),
                ("2026-02-20T08:00:00Z", 0.55),
            ],
        ),
    )
    .await;
    let two = call(
        &t.router,
        Method::POST,
        &format!("{uri}?at=2026-03-01T00:00:00Z&lang=ru"),
        Some(&t.clinician),
        None,
    )
    .await;
    assert_eq!(two.status, StatusCode::CREATED, "{}", two.text());
    let two = two.json();
    let codes_two: Vec<String> =
        serde_json::from_value(two["assessment"]["codes"].clone()).unwrap();
    assert_ne!(codes_one, codes_two);
    let change = &two["change"];
    assert_eq!(change["previous_id"], one["assessment"]["id"]);
    let appeared: Vec<String> = serde_json::from_value(change["appeared"].clone()).unwrap();
    let disappeared: Vec<String> = serde_json::from_value(change["disappeared"].clone()).unwrap();
    for code in &appeared {
        assert!(codes_two.contains(code) && !codes_one.contains(code));
    }
    for code in &disappeared {
        assert!(codes_one.contains(code) && !codes_two.contains(code));
    }
    assert!(!appeared.is_empty(), "{change}");
    let reasons = change["reasons"].to_string();
    assert!(reasons.contains("new or changed data"), "{reasons}");
    assert!(reasons.contains("another assessment instant"), "{reasons}");
    assert_eq!(two["assessment"]["lang"], "ru");
    // Assessed back in February, the later result is left out and the codes are as before.
    let back = call(
        &t.router,
        Method::POST,
        &format!("{uri}?at=2026-02-01T00:00:00Z"),
        Some(&t.clinician),
        None,
    )
    .await;
    let back = back.json();
    assert_eq!(back["left_out"], 1);
    let codes_back: Vec<String> =
        serde_json::from_value(back["assessment"]["codes"].clone()).unwrap();
    assert_eq!(codes_back, codes_one);
    // Bad parameters.
    for bad in [format!("{uri}?at=yesterday"), format!("{uri}?lang=tlh")] {
        let reply = call(&t.router, Method::POST, &bad, Some(&t.clinician), None).await;
        assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    }
    let missing = call(
        &t.router,
        Method::POST,
        "/api/patients/999/assessments",
        Some(&t.clinician),
        None,
    )
    .await;
    assert_outcome(&missing, StatusCode::NOT_FOUND, "not-found");
    let list = call(&t.router, Method::GET, &uri, Some(&t.clinician), None).await;
    assert_eq!(list.status, StatusCode::OK);
    let list = list.json();
    assert_eq!(list.as_array().unwrap().len(), 3);
    assert_eq!(list[0]["id"], back["assessment"]["id"]);
    assert!(list[0]["result"]["findings"].is_array());
}

#[tokio::test]
async fn fhir_read_and_search() {
    let t = setup().await;
    let metadata = call(&t.router, Method::GET, "/fhir/metadata", None, None).await;
    assert_eq!(metadata.status, StatusCode::OK);
    assert_eq!(metadata.json()["resourceType"], "CapabilityStatement");
    assert_eq!(metadata.json()["fhirVersion"], "4.0.1");
    let first = import(
        &t,
        bundle(
            "p1",
            "Sokolova",
            &[
                ("2026-01-10T08:00:00Z", 0.62),
                ("2026-03-10T08:00:00Z", 0.70),
                ("2026-05-10T08:00:00Z", 0.81),
            ],
        ),
    )
    .await;
    import(&t, bundle("p2", "Orlov", &[("2026-02-01T08:00:00Z", 0.9)])).await;
    let id = first["patient_id"].as_i64().unwrap();
    let get = |uri: String| {
        let router = t.router.clone();
        let token = t.clinician.clone();
        async move { call(&router, Method::GET, &uri, Some(&token), None).await }
    };
    let patient = get(format!("/fhir/Patient/{id}")).await;
    assert_eq!(patient.status, StatusCode::OK);
    assert_eq!(
        patient.headers[header::CONTENT_TYPE],
        "application/fhir+json"
    );
    let patient = patient.json();
    assert_eq!(patient["id"], id.to_string());
    assert_eq!(patient["identifier"][0]["value"], "p1");
    assert_eq!(patient["identifier"][0]["system"], "urn:test:ehr");
    let page = get("/fhir/Patient?_count=1".into()).await.json();
    assert_eq!(page["type"], "searchset");
    assert_eq!(page["total"], 2);
    assert_eq!(page["entry"].as_array().unwrap().len(), 1);
    let next = page["link"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["relation"] == "next")
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    let next_path = next.split_once("/fhir").unwrap().1;
    let page2 = get(format!("/fhir{next_path}")).await.json();
    assert_eq!(page2["entry"].as_array().unwrap().len(), 1);
    assert!(page2["link"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["relation"] == "previous"));
    assert!(!page2["link"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["relation"] == "next"));
    assert_ne!(
        page2["entry"][0]["resource"]["id"],
        page["entry"][0]["resource"]["id"]
    );
    let by_name = get("/fhir/Patient?name=orl".into()).await.json();
    assert_eq!(by_name["total"], 1);
    assert_eq!(
        by_name["entry"][0]["resource"]["name"][0]["family"],
        "Orlov"
    );
    let obs = get(format!(
        "/fhir/Observation?patient=Patient/{id}&code=http://loinc.org%7C19123-9&date=ge2026-02-01&date=lt2026-05-01"
    ))
    .await;
    assert_eq!(obs.status, StatusCode::OK, "{}", obs.text());
    let obs = obs.json();
    assert_eq!(obs["total"], 1);
    let resource = &obs["entry"][0]["resource"];
    assert_eq!(resource["effectiveDateTime"], "2026-03-10T08:00:00Z");
    assert_eq!(resource["subject"]["reference"], format!("Patient/{id}"));
    let obs_id = resource["id"].as_str().unwrap().to_string();
    let read = get(format!("/fhir/Observation/{obs_id}")).await;
    assert_eq!(read.status, StatusCode::OK);
    assert_eq!(read.json()["valueQuantity"]["value"], 0.7);
    let all_obs = get(format!("/fhir/Observation?patient={id}")).await.json();
    assert_eq!(all_obs["total"], 3);
    let conditions = get("/fhir/Condition?code=I10".into()).await.json();
    assert_eq!(conditions["total"], 2);
    // A comma separates alternatives; a repeated parameter must hold too; `\,` is a comma
    // inside a code.
    for (query, total) in [
        ("code=E11.9,I10", 2),
        ("code=http://hl7.org/fhir/sid/icd-10%7CI10,%7CE11.9", 2),
        ("code=E11.9", 0),
        ("code=I10&code=E11.9", 0),
        ("code=I10&code=E11.9,I10", 2),
        ("code=I10%5C,E11.9", 0),
    ] {
        let found = get(format!("/fhir/Condition?{query}")).await;
        assert_eq!(found.status, StatusCode::OK, "{query}: {}", found.text());
        assert_eq!(found.json()["total"], total, "{query}");
    }
    let many = vec!["I10"; 101].join(",");
    let too_many = get(format!("/fhir/Condition?code={many}")).await;
    assert_outcome(&too_many, StatusCode::BAD_REQUEST, "invalid");
    let none = get(format!("/fhir/MedicationStatement?patient={id}"))
        .await
        .json();
    assert_eq!(none["total"], 0);
    assert_eq!(none["entry"].as_array().unwrap().len(), 0);
    // Errors are OperationOutcomes.
    for (uri, status, code) in [
        (
            "/fhir/Patient?foo=1".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Patient?_count=0".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Patient?birthdate=1958".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Observation?patient=abc".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Observation?date=tomorrow".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Condition?date=2026-01-01".to_string(),
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/fhir/Encounter?patient=1".to_string(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            "/fhir/Patient/999".to_string(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            "/fhir/Patient/abc".to_string(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
        (
            "/fhir/Observation/999".to_string(),
            StatusCode::NOT_FOUND,
            "not-found",
        ),
    ] {
        let reply = get(uri.clone()).await;
        assert_outcome(&reply, status, code);
    }
    let anonymous = call(&t.router, Method::GET, "/fhir/Patient", None, None).await;
    assert_outcome(&anonymous, StatusCode::UNAUTHORIZED, "security");
    let log = call(
        &t.router,
        Method::GET,
        "/api/audit-log?count=500",
        Some(&t.admin),
        None,
    )
    .await;
    let fhir_reads = log
        .json()
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["interface"] == "fhir" && e["outcome"] == "ok")
        .count();
    // One entry per successful read or search above: 1 read, 3 Patient searches, 2
    // Observation searches and 1 read, 7 Condition searches (1 + the 6 of the code lists;
    // the refused one is not "ok") and 1 MedicationStatement search.
    assert_eq!(fhir_reads, 15);
}

#[tokio::test]
async fn sessions_csrf_and_lockout() {
    let t = setup().await;
    let sign_in = |password: &str| {
        let router = t.router.clone();
        let body = json!({"username": "clin", "password": password}).to_string();
        async move { call(&router, Method::POST, "/api/session", None, Some(body)).await }
    };
    let ok = sign_in(PASSWORD).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.text());
    let cookie = ok.headers[header::SET_COOKIE].to_str().unwrap().to_string();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(attribute), "{cookie}");
    }
    let session = cookie.split(';').next().unwrap().to_string();
    let csrf = ok.json()["csrf_token"].as_str().unwrap().to_string();
    let with_cookie = |method: Method, uri: &str, csrf: Option<&str>, body: Option<String>| {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, session.clone());
        if let Some(csrf) = csrf {
            request = request.header("x-csrf-token", csrf);
        }
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        request.body(Body::from(body.unwrap_or_default())).unwrap()
    };
    let me = send(&t.router, with_cookie(Method::GET, "/api/me", None, None)).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.json()["via"], "session");
    assert_eq!(me.json()["role"], "clinician");
    // A write without the CSRF token is refused, and nothing is stored.
    let write = send(
        &t.router,
        with_cookie(
            Method::POST,
            "/api/bundles",
            None,
            Some(bundle("c1", "C", &[])),
        ),
    )
    .await;
    assert_outcome(&write, StatusCode::FORBIDDEN, "forbidden");
    let write = send(
        &t.router,
        with_cookie(
            Method::POST,
            "/api/bundles",
            Some("wrong"),
            Some(bundle("c1", "C", &[])),
        ),
    )
    .await;
    assert_outcome(&write, StatusCode::FORBIDDEN, "forbidden");
    assert_eq!(t.state.store.counts().await.unwrap().0, 0);
    let write = send(
        &t.router,
        with_cookie(
            Method::POST,
            "/api/bundles",
            Some(&csrf),
            Some(bundle("c1", "C", &[])),
        ),
    )
    .await;
    assert_eq!(write.status, StatusCode::CREATED, "{}", write.text());
    // A second instance on the same database knows the session: nothing lives in memory.
    let other = app(AppState::new(t.state.store.clone(), Knowledge::builtin().unwrap()).unwrap());
    let me = send(&other, with_cookie(Method::GET, "/api/me", None, None)).await;
    assert_eq!(me.status, StatusCode::OK);
    // Sign out needs the CSRF token too; afterwards the cookie is dead.
    let out = send(
        &t.router,
        with_cookie(Method::DELETE, "/api/session", None, None),
    )
    .await;
    assert_outcome(&out, StatusCode::FORBIDDEN, "forbidden");
    let out = send(
        &t.router,
        with_cookie(Method::DELETE, "/api/session", Some(&csrf), None),
    )
    .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let me = send(&t.router, with_cookie(Method::GET, "/api/me", None, None)).await;
    assert_outcome(&me, StatusCode::UNAUTHORIZED, "security");
    let token_out = call(
        &t.router,
        Method::DELETE,
        "/api/session",
        Some(&t.clinician),
        None,
    )
    .await;
    assert_outcome(&token_out, StatusCode::BAD_REQUEST, "invalid");

    // Lockout: five wrong passwords, then even the right one is refused.
    for _ in 0..5 {
        let reply = sign_in("wrong password").await;
        assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
        assert!(reply.text().contains("wrong user name or password"));
    }
    let locked = sign_in(PASSWORD).await;
    assert_outcome(&locked, StatusCode::UNAUTHORIZED, "security");
    assert!(locked.text().contains("locked"), "{}", locked.text());
    let user = t.state.store.user_by_name("clin").await.unwrap().unwrap();
    assert!(user.locked_until.unwrap() > Utc::now() + Duration::minutes(14));
    // An unknown user gets the same answer as a wrong password.
    let reply = call(
        &t.router,
        Method::POST,
        "/api/session",
        None,
        Some(json!({"username": "nobody", "password": "x"}).to_string()),
    )
    .await;
    assert_outcome(&reply, StatusCode::UNAUTHORIZED, "security");
    assert!(reply.text().contains("wrong user name or password"));
    let malformed = call(
        &t.router,
        Method::POST,
        "/api/session",
        None,
        Some("{}".into()),
    )
    .await;
    assert!(malformed.status.is_client_error());
}

#[tokio::test]
async fn admin_manages_users() {
    let t = setup().await;
    let create = |body: Value| {
        let router = t.router.clone();
        let token = t.admin.clone();
        async move {
            call(
                &router,
                Method::POST,
                "/api/users",
                Some(&token),
                Some(body.to_string()),
            )
            .await
        }
    };
    let made =
        create(json!({"username": "dr.new", "password": "twelve chars!", "role": "clinician"}))
            .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    assert!(!made.text().contains("argon2"));
    let dup =
        create(json!({"username": "dr.new", "password": "twelve chars!", "role": "clinician"}))
            .await;
    assert_outcome(&dup, StatusCode::CONFLICT, "duplicate");
    for bad in [
        json!({"username": "x", "password": "twelve chars!", "role": "clinician"}),
        json!({"username": "dr.short", "password": "short", "role": "clinician"}),
        json!({"username": "dr.role", "password": "twelve chars!", "role": "nurse"}),
    ] {
        let reply = create(bad).await;
        assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    }
    let users = call(&t.router, Method::GET, "/api/users", Some(&t.admin), None).await;
    assert_eq!(users.json().as_array().unwrap().len(), 4);
    let signed_in = call(
        &t.router,
        Method::POST,
        "/api/session",
        None,
        Some(json!({"username": "dr.new", "password": "twelve chars!"}).to_string()),
    )
    .await;
    assert_eq!(signed_in.status, StatusCode::OK);
    // An admin makes a token for another user.
    let token = call(
        &t.router,
        Method::POST,
        "/api/tokens",
        Some(&t.admin),
        Some(json!({"username": "dr.new", "label": "ehr bridge", "days": 400}).to_string()),
    )
    .await;
    assert_outcome(&token, StatusCode::BAD_REQUEST, "invalid");
    let token = call(
        &t.router,
        Method::POST,
        "/api/tokens",
        Some(&t.admin),
        Some(json!({"username": "dr.new", "label": "ehr bridge"}).to_string()),
    )
    .await;
    assert_eq!(token.status, StatusCode::CREATED);
    let secret = token.json()["token"].as_str().unwrap().to_string();
    let me = call(&t.router, Method::GET, "/api/me", Some(&secret), None).await;
    assert_eq!(me.json()["username"], "dr.new");
}

const HFS_PROTOCOL: &str = include_str!("../../../examples/hfs-study/protocol.toml");
const HFS_DATA: &str = include_str!("../../../examples/hfs-study/cohort.csv");
const HFS_AUDIT: &str = include_str!("../../../examples/hfs-study/audit.toml");

#[tokio::test]
async fn studies_and_summary_audit() {
    let t = setup().await;
    let bad = call(
        &t.router,
        Method::POST,
        "/api/studies",
        Some(&t.researcher),
        Some(
            json!({"protocol": "title = 3", "data_name": "cohort.csv", "data": HFS_DATA})
                .to_string(),
        ),
    )
    .await;
    assert_outcome(&bad, StatusCode::BAD_REQUEST, "invalid");
    let both = call(
        &t.router,
        Method::POST,
        "/api/studies",
        Some(&t.researcher),
        Some(json!({"protocol": HFS_PROTOCOL, "data_name": "cohort.csv"}).to_string()),
    )
    .await;
    assert_outcome(&both, StatusCode::BAD_REQUEST, "invalid");
    let list = call(
        &t.router,
        Method::GET,
        "/api/studies",
        Some(&t.researcher),
        None,
    )
    .await;
    assert_eq!(list.json().as_array().unwrap().len(), 0, "nothing stored");
    let made = call(
        &t.router,
        Method::POST,
        "/api/studies",
        Some(&t.researcher),
        Some(
            json!({"protocol": HFS_PROTOCOL, "data_name": "cohort.csv", "data": HFS_DATA})
                .to_string(),
        ),
    )
    .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.text());
    let made = made.json();
    let id = made["id"].as_i64().unwrap();
    let files: Vec<String> = serde_json::from_value(made["files"].clone()).unwrap();
    assert!(files.contains(&"report.html".to_string()));
    assert!(files.iter().any(|f| f.starts_with("tables/")));
    assert!(files.iter().any(|f| f.ends_with(".png")));
    let html = call(
        &t.router,
        Method::GET,
        &format!("/api/studies/{id}/files/report.html"),
        Some(&t.researcher),
        None,
    )
    .await;
    assert_eq!(html.status, StatusCode::OK);
    assert!(html.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(
        html.text().contains("hemifacial"),
        "the report names the study"
    );
    let json_report = call(
        &t.router,
        Method::GET,
        &format!("/api/studies/{id}/files/report.json"),
        Some(&t.researcher),
        None,
    )
    .await;
    let report = json_report.json();
    assert_eq!(
        report["groups"][0]["n"].as_u64().unwrap() + report["groups"][1]["n"].as_u64().unwrap(),
        HFS_DATA.lines().count() as u64 - 1
    );
    let detail = call(
        &t.router,
        Method::GET,
        &format!("/api/studies/{id}"),
        Some(&t.researcher),
        None,
    )
    .await;
    assert_eq!(detail.json()["protocol"], HFS_PROTOCOL);
    let missing = call(
        &t.router,
        Method::GET,
        &format!("/api/studies/{id}/files/nope.txt"),
        Some(&t.researcher),
        None,
    )
    .await;
    assert_outcome(&missing, StatusCode::NOT_FOUND, "not-found");
    let missing = call(
        &t.router,
        Method::GET,
        "/api/studies/999",
        Some(&t.researcher),
        None,
    )
    .await;
    assert_outcome(&missing, StatusCode::NOT_FOUND, "not-found");

    let audit = call(
        &t.router,
        Method::POST,
        "/api/summary-audit",
        Some(&t.researcher),
        Some(HFS_AUDIT.into()),
    )
    .await;
    assert_eq!(audit.status, StatusCode::OK, "{}", audit.text());
    assert!(audit.text().contains("Vitamin B12"));
    let bad = call(
        &t.router,
        Method::POST,
        "/api/summary-audit",
        Some(&t.researcher),
        Some("[[comparison]]\nmean = 1".into()),
    )
    .await;
    assert_outcome(&bad, StatusCode::BAD_REQUEST, "invalid");
}

/// The SciPy value of the HFS example's report at `pointer` (the fixture the CLI's stats
/// tests read: crates/neuronutri/tests/data/hfs_report_reference.json, made by
/// scripts/study/make_report_fixture.py).
fn scipy_reference(pointer: &str) -> f64 {
    let fixture: Value = serde_json::from_str(include_str!(
        "../../neuronutri/tests/data/hfs_report_reference.json"
    ))
    .unwrap();
    fixture["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["pointer"] == pointer)
        .unwrap_or_else(|| panic!("no reference {pointer}"))["expected"]
        .as_f64()
        .unwrap()
}

fn diagnostics(reply: &Reply) -> String {
    reply.json()["issue"][0]["diagnostics"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn stats_endpoint_matches_scipy_and_names_errors() {
    let t = setup().await;
    let request = |extra: Value| {
        let mut body = json!({"data_name": "cohort.csv", "data": HFS_DATA});
        for (k, v) in extra.as_object().unwrap() {
            body[k] = v.clone();
        }
        body.to_string()
    };
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.researcher),
        Some(request(
            json!({"test": "mann-whitney", "value": "b12_pg_ml",
            "group": "group", "groups": ["hfs", "control"]}),
        )),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let r = reply.json();
    for (key, pointer) in [
        ("u", "/tables/1/results/rows/0/test/statistic"),
        ("p_value", "/tables/1/results/rows/0/test/p_value"),
        ("hodges_lehmann", "/tables/1/results/rows/0/test/shift"),
    ] {
        let (got, want) = (r[key].as_f64().unwrap(), scipy_reference(pointer));
        assert!(
            (got - want).abs() <= 1e-9 * want.abs(),
            "{key}: {got} vs SciPy {want}"
        );
    }
    assert_eq!((r["n1"].as_u64(), r["n2"].as_u64()), (Some(62), Some(40)));
    assert_eq!(r["test"], "MannWhitney");

    // errors: a 400 OperationOutcome naming the file, the column and the group; the field
    // a test needs; an unknown test
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.researcher),
        Some(request(json!({"test": "welch", "value": "b12_pg_ml",
            "group": "group", "groups": ["hfs", "nobody"]}))),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    let said = diagnostics(&reply);
    assert!(
        said.contains("cohort.csv") && said.contains("\"group\"") && said.contains("\"nobody\""),
        "{said}"
    );
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.researcher),
        Some(request(json!({"test": "pearson", "x": "b12_pg_ml"}))),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    assert_eq!(diagnostics(&reply), "Pearson needs the field `y`");
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.researcher),
        Some(request(json!({"test": "anova"}))),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    assert!(
        diagnostics(&reply).starts_with("test: unknown variant `anova`"),
        "{}",
        reply.text()
    );
    // a constant column cannot be correlated: named, never a NaN
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.researcher),
        Some(
            json!({"test": "pearson", "data_name": "c.csv", "data": "a,b\n1,2\n1,3\n1,4\n",
            "x": "a", "y": "b"})
            .to_string(),
        ),
    )
    .await;
    assert_outcome(&reply, StatusCode::BAD_REQUEST, "invalid");
    assert!(
        diagnostics(&reply).starts_with("c.csv: Pearson on x \"a\", y \"b\": "),
        "{}",
        reply.text()
    );
    // researchers only
    let reply = call(
        &t.router,
        Method::POST,
        "/api/stats",
        Some(&t.clinician),
        Some(request(json!({"test": "shapiro", "value": "b12_pg_ml"}))),
    )
    .await;
    assert_outcome(&reply, StatusCode::FORBIDDEN, "forbidden");
}

/// Two instances, each with its own connection pool, on one PostgreSQL: what one writes the
/// other reads, a session made on one works on the other, and failed sign-ins on both count
/// towards one lockout.
#[tokio::test]
async fn two_instances_share_one_postgresql() {
    let cluster = match neuronutri_storage::testing::TempPostgres::start() {
        Ok(Some(cluster)) => cluster,
        Ok(None) => {
            eprintln!("SKIPPED two_instances_share_one_postgresql: PostgreSQL is not installed");
            return;
        }
        Err(e) => panic!("{e}"),
    };
    let url = cluster.create_database("shared").await.unwrap();
    let (store_a, store_b) = tokio::join!(Store::connect(&url), Store::connect(&url));
    let (store_a, store_b) = (store_a.unwrap(), store_b.unwrap());
    let a = app(AppState::new(store_a.clone(), Knowledge::builtin().unwrap()).unwrap());
    let b = app(AppState::new(store_b, Knowledge::builtin().unwrap()).unwrap());
    let hash = auth::hash_password(PASSWORD).unwrap();
    store_a
        .create_user(
            &NewUser {
                username: "clin",
                password_hash: &hash,
                role: Role::Clinician,
            },
            Utc::now(),
        )
        .await
        .unwrap();
    let sign_in = |router: Router, password: &'static str| async move {
        call(
            &router,
            Method::POST,
            "/api/session",
            None,
            Some(json!({"username": "clin", "password": password}).to_string()),
        )
        .await
    };
    let session = sign_in(a.clone(), PASSWORD).await;
    assert_eq!(session.status, StatusCode::OK, "{}", session.text());
    let cookie = session.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let csrf = session.json()["csrf_token"].as_str().unwrap().to_string();
    let request = |method: Method, uri: String, body: Option<String>| {
        Request::builder()
            .method(method)
            .uri(uri)
            .header(header::COOKIE, cookie.clone())
            .header("x-csrf-token", csrf.clone())
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.unwrap_or_default()))
            .unwrap()
    };
    // Concurrent imports through both instances.
    let mut tasks = Vec::new();
    for i in 0..8 {
        let router = if i % 2 == 0 { a.clone() } else { b.clone() };
        let req = request(
            Method::POST,
            "/api/bundles".into(),
            Some(bundle(
                &format!("p{i}"),
                "Shared",
                &[("2026-01-10T08:00:00Z", 0.7)],
            )),
        );
        tasks.push(tokio::spawn(async move { send(&router, req).await.status }));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap(), StatusCode::CREATED);
    }
    let from_b = send(
        &b,
        request(Method::GET, "/api/patients?name=shared".into(), None),
    )
    .await;
    assert_eq!(from_b.json()["total"], 8);
    // Sign out on B ends the session made on A.
    let out = send(&b, request(Method::DELETE, "/api/session".into(), None)).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    let me = send(&a, request(Method::GET, "/api/me".into(), None)).await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    // Failed sign-ins on both instances add up to one lockout.
    for i in 0..5 {
        let router = if i % 2 == 0 { a.clone() } else { b.clone() };
        assert_eq!(
            sign_in(router, "wrong password").await.status,
            StatusCode::UNAUTHORIZED
        );
    }
    let locked = sign_in(b.clone(), PASSWORD).await;
    assert!(locked.text().contains("locked"), "{}", locked.text());
    let locked = sign_in(a.clone(), PASSWORD).await;
    assert!(locked.text().contains("locked"), "{}", locked.text());
}
