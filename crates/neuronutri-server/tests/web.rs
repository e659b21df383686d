//! The web app, in-process (`oneshot`): every page signed out (redirect to sign-in), with the
//! wrong role (403, audited for patient data) and with the right one; CSRF refusal (403,
//! nothing changed) for every form without or with a wrong token; session cookie flags;
//! the language switch; escaping of hostile patient data; and the audit entries each page
//! read of patient data writes (interface `web`).

use axum::body::Body;
use axum::http::{header, Method, Request, StatusCode};
use axum::Router;
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use neuronutri_knowledge::Knowledge;
use neuronutri_server::{app, auth, AppState};
use neuronutri_storage::{AuditQuery, NewUser, Role, Store};
use serde_json::json;
use tower::ServiceExt;

struct TempDir(std::path::PathBuf);
impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
const PASSWORD: &str = "a long test password";

struct TestApp {
    router: Router,
    state: AppState,
    clinician_token: String,
    _dir: TempDir,
}

async fn setup() -> TestApp {
    setup_with(Knowledge::builtin().unwrap()).await
}

async fn setup_with(knowledge: Knowledge) -> TestApp {
    let dir = std::env::temp_dir().join(format!(
        "neuronutri-web-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::connect(&format!("sqlite://{}/db.sqlite", dir.display()))
        .await
        .unwrap();
    let state = AppState::new(store.clone(), knowledge).unwrap();
    let hash = auth::hash_password(PASSWORD).unwrap();
    let mut clinician_token = String::new();
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
        if role == Role::Clinician {
            clinician_token = auth::new_secret("nn_").unwrap();
            store
                .create_token(
                    user.id,
                    &auth::secret_hash(&clinician_token),
                    role,
                    "test",
                    Utc::now(),
                    Utc::now() + Duration::days(1),
                )
                .await
                .unwrap();
        }
    }
    TestApp {
        router: app(state.clone()),
        state,
        clinician_token,
        _dir: TempDir(dir),
    }
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
}

impl Reply {
    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap())
            .unwrap_or("")
    }
    fn cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect()
    }
    fn cookie(&self, name: &str) -> Option<String> {
        self.cookies().into_iter().find_map(|c| {
            c.split(';')
                .next()
                .and_then(|p| p.split_once('='))
                .filter(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        })
    }
}

async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&body).into_owned(),
    }
}

/// A browser: its cookies.
#[derive(Clone, Default)]
struct Browser {
    cookies: Vec<(String, String)>,
}

impl Browser {
    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    fn keep(&mut self, reply: &Reply) {
        for c in reply.cookies() {
            let pair = c.split(';').next().unwrap();
            let (k, v) = pair.split_once('=').unwrap();
            self.cookies.retain(|(name, _)| name != k);
            if !v.is_empty() && !c.contains("Max-Age=0") {
                self.cookies.push((k.to_string(), v.to_string()));
            }
        }
    }

    async fn get(&mut self, t: &TestApp, uri: &str) -> Reply {
        let request = Request::builder()
            .uri(uri)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        let reply = send(&t.router, request).await;
        self.keep(&reply);
        reply
    }

    async fn post(&mut self, t: &TestApp, uri: &str, form: &[(&str, &str)]) -> Reply {
        let body = serde_urlencoded::to_string(form).unwrap();
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let reply = send(&t.router, request).await;
        self.keep(&reply);
        reply
    }

    async fn sign_in(t: &TestApp, user: &str) -> Browser {
        let mut browser = Browser::default();
        let form = browser.get(t, "/sign-in").await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.body);
        let token = hidden(&form.body, "csrf");
        let reply = browser
            .post(
                t,
                "/sign-in",
                &[
                    ("username", user),
                    ("password", PASSWORD),
                    ("csrf", &token),
                    ("next", "/"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert!(browser.cookies.iter().any(|(k, _)| k == "nn_session"));
        browser
    }

    /// The CSRF token of the signed-in session, as the pages' forms carry it.
    async fn csrf(&mut self, t: &TestApp) -> String {
        let page = self.get(t, "/account").await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.body);
        hidden(&page.body, "csrf")
    }
}

/// The value of the hidden input `name` in a page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no hidden {name} in {html}"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn start_page_welcomes_a_newcomer_with_a_language_switch() {
    let t = setup().await;
    let mut browser = Browser::default();
    let page = browser.get(&t, "/").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<html lang=\"en\">"), "{}", page.body);
    assert!(page.body.contains("href=\"/sign-in\""));
    for tag in ["en", "ru", "uz", "uz-Cyrl", "it"] {
        assert!(
            page.body
                .contains(&format!("href=\"/lang/{tag}?next=%2F\"")),
            "{tag}: {}",
            page.body
        );
    }
    let csp = page.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script"),
        "{csp}"
    );
    assert_eq!(page.headers["x-frame-options"], "DENY");
    let css = browser.get(&t, "/static/app.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers[header::CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
}

#[tokio::test]
async fn language_switch_sets_a_cookie_and_translates_pages() {
    let t = setup().await;
    let mut browser = Browser::default();
    let reply = browser.get(&t, "/lang/ru?next=%2Fsign-in").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/sign-in");
    assert_eq!(reply.cookie("nn_lang").as_deref(), Some("ru"));
    let page = browser.get(&t, "/sign-in").await;
    assert!(page.body.contains("<html lang=\"ru\">"));
    assert!(page.body.contains("Имя пользователя"), "{}", page.body);
    browser.get(&t, "/lang/uz-Cyrl?next=%2F").await;
    let page = browser.get(&t, "/").await;
    assert!(page.body.contains("<html lang=\"uz-Cyrl\">"));
    assert!(page.body.contains(">Кириш<"), "{}", page.body);
    // Only local paths are followed; unknown languages are 404.
    let reply = browser.get(&t, "/lang/it?next=%2F%2Fevil.example").await;
    assert_eq!(reply.location(), "/");
    let reply = browser.get(&t, "/lang/xx").await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    // Without a cookie, Accept-Language decides.
    let request = Request::builder()
        .uri("/")
        .header(header::ACCEPT_LANGUAGE, "it-IT,it;q=0.9")
        .body(Body::empty())
        .unwrap();
    let page = send(&t.router, request).await;
    assert!(page.body.contains("<html lang=\"it\">"));
    assert!(page.body.contains("Accedi"));
}

#[tokio::test]
async fn signed_out_pages_redirect_to_sign_in_and_come_back() {
    let t = setup().await;
    let mut browser = Browser::default();
    for path in ["/account"] {
        let reply = browser.get(&t, path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        let encoded = serde_urlencoded::to_string([("next", path)]).unwrap();
        assert_eq!(reply.location(), format!("/sign-in?{encoded}"), "{path}");
    }
    let form = browser.get(&t, "/sign-in?next=%2Faccount").await;
    let token = hidden(&form.body, "csrf");
    assert_eq!(hidden(&form.body, "next"), "/account");
    let reply = browser
        .post(
            &t,
            "/sign-in",
            &[
                ("username", "clin"),
                ("password", PASSWORD),
                ("csrf", &token),
                ("next", "/account"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    assert_eq!(reply.location(), "/account");
    let page = browser.get(&t, "/account").await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("clin"));
}

#[tokio::test]
async fn sign_in_cookie_is_httponly_strict_and_secure_behind_https() {
    let t = setup().await;
    let mut browser = Browser::default();
    let form = browser.get(&t, "/sign-in").await;
    let token = hidden(&form.body, "csrf");
    let reply = browser
        .post(
            &t,
            "/sign-in",
            &[
                ("username", "clin"),
                ("password", PASSWORD),
                ("csrf", &token),
                ("next", "/"),
            ],
        )
        .await;
    let session = reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("nn_session="))
        .unwrap();
    assert!(session.contains("HttpOnly") && session.contains("SameSite=Strict"));
    assert!(!session.contains("Secure"), "{session}");

    // Behind an https proxy the cookie is Secure.
    let mut browser = Browser::default();
    let form = browser.get(&t, "/sign-in").await;
    let token = hidden(&form.body, "csrf");
    let request = Request::builder()
        .method(Method::POST)
        .uri("/sign-in")
        .header(header::COOKIE, browser.cookie_header())
        .header("x-forwarded-proto", "https")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            serde_urlencoded::to_string([
                ("username", "clin"),
                ("password", PASSWORD),
                ("csrf", token.as_str()),
            ])
            .unwrap(),
        ))
        .unwrap();
    let reply = send(&t.router, request).await;
    let session = reply
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("nn_session="))
        .unwrap();
    assert!(session.contains("Secure"), "{session}");
}

#[tokio::test]
async fn sign_in_form_refuses_missing_or_wrong_csrf_and_wrong_passwords() {
    let t = setup().await;
    let mut browser = Browser::default();
    let form = browser.get(&t, "/sign-in").await;
    let token = hidden(&form.body, "csrf");
    for sent in ["", "0123456789abcdef"] {
        let reply = browser
            .post(
                &t,
                "/sign-in",
                &[("username", "clin"), ("password", PASSWORD), ("csrf", sent)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{sent:?}");
        assert!(reply.cookie("nn_session").is_none());
    }
    // A token without its cookie (a forged cross-site form) is refused too.
    let mut stranger = Browser::default();
    let reply = stranger
        .post(
            &t,
            "/sign-in",
            &[
                ("username", "clin"),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            "/sign-in",
            &[
                ("username", "clin"),
                ("password", "wrong password!"),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    assert!(reply.body.contains("role=\"alert\""), "{}", reply.body);
    assert!(reply.cookie("nn_session").is_none());
    let log = t
        .state
        .store
        .audit_entries(&AuditQuery {
            patient_id: None,
            after_id: 0,
            limit: 100,
        })
        .await
        .unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "sign-in" && e.interface == "web" && e.outcome == "refused"));
}

#[tokio::test]
async fn sign_out_needs_the_csrf_token_and_ends_the_session() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let csrf = browser.csrf(&t).await;
    let reply = browser.post(&t, "/sign-out", &[("csrf", "wrong")]).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.body.contains("nothing was changed"), "{}", reply.body);
    assert_eq!(browser.get(&t, "/account").await.status, StatusCode::OK);
    let kept = browser.clone();
    let reply = browser.post(&t, "/sign-out", &[("csrf", &csrf)]).await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
    // The old cookie no longer works, even if a browser kept it.
    let mut kept = kept;
    let reply = kept.get(&t, "/account").await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn account_page_makes_and_revokes_own_tokens_with_csrf() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "res").await;
    let csrf = browser.csrf(&t).await;
    let before = t.state.store.tokens().await.unwrap().len();
    for sent in ["", "nope"] {
        let reply = browser
            .post(
                &t,
                "/account/tokens",
                &[("csrf", sent), ("label", "laptop"), ("days", "7")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    assert_eq!(t.state.store.tokens().await.unwrap().len(), before);
    let reply = browser
        .post(
            &t,
            "/account/tokens",
            &[("csrf", &csrf), ("label", "laptop"), ("days", "7")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let start = reply.body.find("id=\"new-token\">").unwrap() + "id=\"new-token\">".len();
    let secret = &reply.body[start..start + 67];
    assert!(secret.starts_with("nn_"), "{secret}");
    let me = send(
        &t.router,
        Request::builder()
            .uri("/api/me")
            .header(header::AUTHORIZATION, format!("Bearer {secret}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(me.status, StatusCode::OK);
    assert!(me.body.contains("\"researcher\""), "{}", me.body);
    let bad = browser
        .post(
            &t,
            "/account/tokens",
            &[("csrf", &csrf), ("label", "x"), ("days", "400")],
        )
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("days"), "{}", bad.body);
    let id = t
        .state
        .store
        .tokens()
        .await
        .unwrap()
        .into_iter()
        .find(|tok| tok.label == "laptop")
        .unwrap()
        .id;
    let reply = browser
        .post(&t, &format!("/account/tokens/{id}/revoke"), &[("csrf", "")])
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            &format!("/account/tokens/{id}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let me = send(
        &t.router,
        Request::builder()
            .uri("/api/me")
            .header(header::AUTHORIZATION, format!("Bearer {secret}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(me.status, StatusCode::UNAUTHORIZED);
    // Someone else's token cannot be revoked from one's own account page.
    let theirs = t
        .state
        .store
        .tokens()
        .await
        .unwrap()
        .into_iter()
        .find(|tok| tok.label == "test")
        .unwrap()
        .id;
    let reply = browser
        .post(
            &t,
            &format!("/account/tokens/{theirs}/revoke"),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn password_change_checks_the_current_password() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let csrf = browser.csrf(&t).await;
    let reply = browser
        .post(
            &t,
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", "not it at all"),
                ("new", "another long password"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    let reply = browser
        .post(
            &t,
            "/account/password",
            &[
                ("csrf", ""),
                ("current", PASSWORD),
                ("new", "another long password"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            "/account/password",
            &[
                ("csrf", &csrf),
                ("current", PASSWORD),
                ("new", "another long password"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let user = t.state.store.user_by_name("clin").await.unwrap().unwrap();
    assert!(auth::verify_password(
        "another long password",
        &user.password_hash
    ));
}

const HOSTILE_FAMILY: &str = "<script>alert(1)</script>";
const HOSTILE_GIVEN: &str = "\"><img src=x onerror=alert(2)>";

fn bundle(patient: &str, family: &str, given: &str, mg: &[(&str, f64)]) -> String {
    let mut entries = vec![json!({
        "fullUrl": format!("urn:uuid:{patient}"),
        "resource": {"resourceType": "Patient", "id": patient,
            "name": [{"family": family, "given": [given]}],
            "gender": "female", "birthDate": "1958-02-03"}
    })];
    for (i, (date, value)) in mg.iter().enumerate() {
        entries.push(json!({"resource": {
            "resourceType": "Observation", "id": format!("{patient}-mg-{i}"), "status": "final",
            "code": {"coding": [{"system": "http://loinc.org", "code": "19123-9"}]},
            "subject": {"reference": format!("Patient/{patient}")},
            "effectiveDateTime": date,
            "valueQuantity": {"value": value, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}}));
    }
    entries.push(json!({"resource": {
        "resourceType": "Condition", "id": format!("{patient}-htn"),
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "I10", "display": "Essential hypertension <b>"}]},
        "subject": {"reference": format!("Patient/{patient}")}, "onsetDateTime": "2015-01-01"}}));
    json!({"resourceType": "Bundle", "type": "collection", "entry": entries}).to_string()
}

async fn import_api(t: &TestApp, json: String) -> i64 {
    let request = Request::builder()
        .method(Method::POST)
        .uri("/api/bundles?source=urn:test:ehr")
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", t.clinician_token),
        )
        .header(header::CONTENT_TYPE, "application/fhir+json")
        .body(Body::from(json))
        .unwrap();
    let reply = send(&t.router, request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    let v: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    v["patient_id"].as_i64().unwrap()
}

fn hostile_bundle() -> String {
    bundle(
        "p1",
        HOSTILE_FAMILY,
        HOSTILE_GIVEN,
        &[
            ("2025-06-01T08:00:00Z", 0.62),
            ("2025-09-01T08:00:00Z", 0.66),
            ("2026-01-10T08:00:00Z", 0.71),
        ],
    )
}

fn assert_escaped(html: &str) {
    assert!(!html.contains(HOSTILE_FAMILY), "raw script tag on the page");
    assert!(!html.contains("<img src=x"), "raw img tag on the page");
    assert!(!html.contains("<b>"), "raw markup from a display");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "escaped name missing"
    );
}

async fn audit_log(t: &TestApp) -> Vec<neuronutri_storage::AuditEntry> {
    t.state
        .store
        .audit_entries(&AuditQuery {
            patient_id: None,
            after_id: 0,
            limit: 500,
        })
        .await
        .unwrap()
}

#[tokio::test]
async fn patient_list_and_page_escape_hostile_names_and_are_audited() {
    let t = setup().await;
    let id = import_api(&t, hostile_bundle()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let list = browser.get(&t, "/patients").await;
    assert_eq!(list.status, StatusCode::OK, "{}", list.body);
    assert_escaped(&list.body);
    assert!(list.body.contains(&format!("href=\"/patients/{id}\"")));
    let list = browser.get(&t, "/patients?name=nobody-like-this").await;
    assert!(list.body.contains("No patient matches."), "{}", list.body);

    let page = browser.get(&t, &format!("/patients/{id}")).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_escaped(&page.body);
    // The trend plot of magnesium, with its reference band and thresholds.
    assert!(
        page.body.contains("id=\"trend-serum_magnesium\""),
        "{}",
        page.body
    );
    assert_eq!(page.body.matches("<svg class=\"trend\"").count(), 1);
    assert_eq!(page.body.matches("<circle").count(), 3);
    assert!(page.body.contains("<code>mg_lower_ref</code>"));
    assert!(page.body.contains("0.75 mmol/L"), "{}", page.body);
    // The assessment as cards with severity, certainty, sources linked to the catalogue.
    assert!(page.body.contains("class=\"card sev-"), "{}", page.body);
    assert!(page.body.contains("href=\"/knowledge/sources#"));
    assert!(
        page.body.contains("href=\"/knowledge/rules#MG."),
        "{}",
        page.body
    );
    assert!(page.body.contains("Essential hypertension &lt;b&gt;"));

    let log = audit_log(&t).await;
    assert!(log.iter().any(|e| e.interface == "web"
        && e.action == "read"
        && e.patient_id == Some(id)
        && e.outcome == "ok"));
    assert!(log
        .iter()
        .any(|e| e.interface == "web" && e.action == "search" && e.outcome == "ok"));
    // No patient data in the audit entries' targets.
    assert!(log.iter().all(|e| !e.target.contains("script")));

    let missing = browser.get(&t, "/patients/9999").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(audit_log(&t)
        .await
        .iter()
        .any(|e| e.patient_id == Some(9999) && e.outcome == "not-found"));
}

#[tokio::test]
async fn other_roles_are_refused_patient_pages_and_the_refusal_is_audited() {
    let t = setup().await;
    let id = import_api(&t, hostile_bundle()).await;
    for user in ["res", "adm"] {
        let mut browser = Browser::sign_in(&t, user).await;
        for path in [
            format!("/patients/{id}"),
            "/patients".to_string(),
            "/patients/import".to_string(),
        ] {
            let reply = browser.get(&t, &path).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user} {path}");
            assert!(
                !reply.body.contains("alert(1)"),
                "no patient data on a refusal"
            );
            assert!(reply.body.contains("<h1>Error 403</h1>"), "{}", reply.body);
        }
        let csrf = browser.csrf(&t).await;
        let reply = browser
            .post(
                &t,
                &format!("/patients/{id}/assessments"),
                &[("csrf", &csrf), ("at", "")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    let log = audit_log(&t).await;
    assert!(log.iter().any(|e| e.interface == "web"
        && e.actor == "res"
        && e.patient_id == Some(id)
        && e.outcome == "denied"));
    assert!(t
        .state
        .store
        .patient_assessments(id)
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn assess_at_an_earlier_instant_and_store_with_csrf() {
    let t = setup().await;
    let id = import_api(&t, hostile_bundle()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let page = browser
        .get(&t, &format!("/patients/{id}?at=2025-07-01T00:00"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(
        page.body.matches("<circle").count(),
        1,
        "only the June result"
    );
    assert!(page
        .body
        .contains("2 stored resources dated after this instant were left out."));
    let bad = browser.get(&t, &format!("/patients/{id}?at=soon")).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("2026-05-01T09:00"), "{}", bad.body);

    let csrf = browser.csrf(&t).await;
    for sent in ["", "forged"] {
        let reply = browser
            .post(
                &t,
                &format!("/patients/{id}/assessments"),
                &[("csrf", sent), ("at", "2025-07-01T00:00:00Z")],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
    }
    assert!(t
        .state
        .store
        .patient_assessments(id)
        .await
        .unwrap()
        .is_empty());
    for at in ["2025-07-01T00:00:00Z", ""] {
        let reply = browser
            .post(
                &t,
                &format!("/patients/{id}/assessments"),
                &[("csrf", &csrf), ("at", at)],
            )
            .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.body);
        assert!(reply.location().starts_with(&format!("/patients/{id}?at=")));
    }
    let stored = t.state.store.patient_assessments(id).await.unwrap();
    assert_eq!(stored.len(), 2);
    let page = browser.get(&t, &format!("/patients/{id}")).await;
    // The history shows both, and what changed between them, with the reasons.
    assert!(
        page.body.contains("another assessment instant"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn thresholds_on_the_page_are_the_knowledge_in_force() {
    let mut knowledge = Knowledge::builtin().unwrap();
    knowledge
        .apply_config("site.toml", "[thresholds]\nmg_lower_ref = 0.7\n")
        .unwrap();
    let t = setup_with(knowledge).await;
    let id = import_api(&t, hostile_bundle()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let page = browser.get(&t, &format!("/patients/{id}")).await;
    let row = page
        .body
        .split("<code>mg_lower_ref</code>")
        .nth(1)
        .unwrap()
        .split("</tr>")
        .next()
        .unwrap()
        .to_string();
    assert!(row.contains("0.7 mmol/L"), "{row}");
    assert!(
        page.body.contains("0.7 – 0.95 mmol/L"),
        "the band follows the override"
    );
}

#[tokio::test]
async fn import_by_paste_or_upload_with_csrf_and_errors_as_the_api_gives_them() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let form = browser.get(&t, "/patients/import").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = hidden(&form.body, "csrf");
    let good = hostile_bundle();
    let reply = browser
        .post(
            &t,
            "/patients/import",
            &[
                ("csrf", "bad"),
                ("pasted", &good),
                ("source", "urn:web:test"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(t.state.store.counts().await.unwrap().0, 0);

    // A bad unit: the API's message and FHIRPath, nothing stored.
    let broken = good.replacen("\"unit\":\"mmol/L\"", "\"unit\":\"furlongs\"", 1);
    let broken = broken.replacen("\"code\":\"mmol/L\"", "\"code\":\"furlongs\"", 1);
    let reply = browser
        .post(
            &t,
            "/patients/import",
            &[
                ("csrf", &csrf),
                ("pasted", &broken),
                ("source", "urn:web:test"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("<code>Bundle.entry[1].resource.valueQuantity"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("furlongs"));
    assert_eq!(t.state.store.counts().await.unwrap().0, 0);

    let reply = browser
        .post(
            &t,
            "/patients/import",
            &[
                ("csrf", &csrf),
                ("pasted", &good),
                ("source", "urn:web:test"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert!(reply.body.contains("id=\"imported-patient\""));
    assert_eq!(t.state.store.counts().await.unwrap().0, 1);

    // The same bundle uploaded as a file from the same source updates, never duplicates.
    let boundary = "----nnTestBoundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"b.json\"\r\n\
         Content-Type: application/json\r\n\r\n{good}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"pasted\"\r\n\r\n\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"source\"\r\n\r\nurn:web:test\r\n\
         --{boundary}--\r\n"
    );
    let request = Request::builder()
        .method(Method::POST)
        .uri("/patients/import")
        .header(header::COOKIE, browser.cookie_header())
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap();
    let reply = send(&t.router, request).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert!(reply.body.contains("0 resources created"), "{}", reply.body);
    assert_eq!(t.state.store.counts().await.unwrap().0, 1);
    assert!(audit_log(&t)
        .await
        .iter()
        .any(|e| e.interface == "web" && e.action == "import" && e.outcome == "invalid"));
}

#[tokio::test]
async fn knowledge_pages_for_every_role_and_every_card_link_lands_on_an_anchor() {
    let t = setup().await;
    let id = import_api(&t, hostile_bundle()).await;
    for user in ["res", "adm"] {
        let mut browser = Browser::sign_in(&t, user).await;
        for path in [
            "/knowledge/evidence",
            "/knowledge/rules",
            "/knowledge/sources",
        ] {
            let page = browser.get(&t, path).await;
            assert_eq!(page.status, StatusCode::OK, "{user} {path}");
        }
    }
    let mut browser = Browser::sign_in(&t, "clin").await;
    let evidence = browser.get(&t, "/knowledge/evidence").await.body;
    let rules = browser.get(&t, "/knowledge/rules").await.body;
    let sources = browser.get(&t, "/knowledge/sources").await.body;
    assert!(evidence.contains("id=\"K1\"") && evidence.contains("id=\"K12\""));
    assert!(rules.contains("id=\"MG.LOW\""), "rules page");
    assert!(sources.contains("id=\"COSTELLO-2016\""));
    let knowledge = Knowledge::builtin().unwrap();
    for rule in knowledge.rules() {
        assert!(
            rules.contains(&format!("id=\"{}\"", rule.code)),
            "{}",
            rule.code
        );
    }
    // Every knowledge link of the patient page and of the knowledge pages resolves.
    let patient = browser.get(&t, &format!("/patients/{id}")).await.body;
    let mut checked = 0;
    for html in [&patient, &evidence, &rules, &sources] {
        for part in html.split("href=\"/knowledge/").skip(1) {
            let link = part.split('"').next().unwrap();
            let Some((page, anchor)) = link.split_once('#') else {
                continue;
            };
            let target = match page {
                "evidence" => &evidence,
                "rules" => &rules,
                "sources" => &sources,
                other => panic!("unknown knowledge page {other}"),
            };
            assert!(
                target.contains(&format!("id=\"{anchor}\"")),
                "/knowledge/{page}#{anchor} has no anchor"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked} links checked");
    // A threshold override shows on the rule catalogue, too (knowledge in force).
    assert!(rules.contains("0.75 mmol/L"));
}

#[tokio::test]
async fn admin_pages_are_for_admins_only() {
    let t = setup().await;
    for user in ["clin", "res"] {
        let mut browser = Browser::sign_in(&t, user).await;
        let csrf = browser.csrf(&t).await;
        for path in [
            "/admin/users",
            "/admin/tokens",
            "/admin/audit",
            "/admin/cds",
        ] {
            let reply = browser.get(&t, path).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user} {path}");
        }
        let reply = browser
            .post(
                &t,
                "/admin/users",
                &[
                    ("csrf", &csrf),
                    ("username", "mallory"),
                    ("password", "a long enough password"),
                    ("role", "admin"),
                ],
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN);
        assert!(t
            .state
            .store
            .user_by_name("mallory")
            .await
            .unwrap()
            .is_none());
    }
}

#[tokio::test]
async fn admin_manages_users_with_csrf() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "adm").await;
    let page = browser.get(&t, "/admin/users").await;
    assert_eq!(page.status, StatusCode::OK);
    for name in ["clin", "res", "adm"] {
        assert!(page
            .body
            .contains(&format!("<th scope=\"row\">{name}</th>")));
    }
    let csrf = hidden(&page.body, "csrf");
    let new_user = |csrf: String, password: &'static str| {
        vec![
            ("csrf", csrf),
            ("username", "nurse.ann".to_string()),
            ("password", password.to_string()),
            ("role", "clinician".to_string()),
        ]
    };
    let form = new_user("wrong".into(), "a long enough password");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        browser.post(&t, "/admin/users", &form).await.status,
        StatusCode::FORBIDDEN
    );
    assert!(t
        .state
        .store
        .user_by_name("nurse.ann")
        .await
        .unwrap()
        .is_none());
    let form = new_user(csrf.clone(), "short");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    assert_eq!(
        browser.post(&t, "/admin/users", &form).await.status,
        StatusCode::BAD_REQUEST
    );
    let form = new_user(csrf.clone(), "a long enough password");
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let reply = browser.post(&t, "/admin/users", &form).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert_eq!(
        browser.post(&t, "/admin/users", &form).await.status,
        StatusCode::CONFLICT
    );
    let res = t.state.store.user_by_name("res").await.unwrap().unwrap();
    let reply = browser
        .post(
            &t,
            &format!("/admin/users/{}/disable", res.id),
            &[("csrf", ""), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            &format!("/admin/users/{}/disable", res.id),
            &[("csrf", &csrf), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        t.state
            .store
            .user_by_name("res")
            .await
            .unwrap()
            .unwrap()
            .disabled
    );
    // A disabled user cannot sign in.
    let mut other = Browser::default();
    let form = other.get(&t, "/sign-in").await;
    let token = hidden(&form.body, "csrf");
    let reply = other
        .post(
            &t,
            "/sign-in",
            &[
                ("username", "res"),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::UNAUTHORIZED);
    let me = t.state.store.user_by_name("adm").await.unwrap().unwrap();
    let reply = browser
        .post(
            &t,
            &format!("/admin/users/{}/disable", me.id),
            &[("csrf", &csrf), ("disabled", "true")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn admin_makes_and_revokes_tokens_with_the_apis_role_rules() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "adm").await;
    let page = browser.get(&t, "/admin/tokens").await;
    assert_eq!(page.status, StatusCode::OK);
    let csrf = hidden(&page.body, "csrf");
    let reply = browser
        .post(
            &t,
            "/admin/tokens",
            &[
                ("csrf", &csrf),
                ("username", "res"),
                ("role", "admin"),
                ("label", "x"),
                ("days", "5"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("admin token"), "{}", reply.body);
    let reply = browser
        .post(
            &t,
            "/admin/tokens",
            &[
                ("csrf", "x"),
                ("username", "res"),
                ("role", ""),
                ("label", "etl"),
                ("days", "5"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            "/admin/tokens",
            &[
                ("csrf", &csrf),
                ("username", "res"),
                ("role", ""),
                ("label", "etl"),
                ("days", "5"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    assert!(reply.body.contains("id=\"new-token\">nn_"));
    let token = t
        .state
        .store
        .tokens()
        .await
        .unwrap()
        .into_iter()
        .find(|tok| tok.label == "etl")
        .unwrap();
    assert_eq!(token.role, Role::Researcher);
    let reply = browser
        .post(
            &t,
            &format!("/admin/tokens/{}/revoke", token.id),
            &[("csrf", "")],
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    let reply = browser
        .post(
            &t,
            &format!("/admin/tokens/{}/revoke", token.id),
            &[("csrf", &csrf)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let revoked = t
        .state
        .store
        .tokens()
        .await
        .unwrap()
        .into_iter()
        .find(|tok| tok.id == token.id)
        .unwrap();
    assert!(revoked.revoked_at.is_some());
}

#[tokio::test]
async fn audit_log_page_filters_and_cds_statistics_render() {
    let t = setup().await;
    let id = import_api(&t, hostile_bundle()).await;
    let mut clinician = Browser::sign_in(&t, "clin").await;
    clinician.get(&t, &format!("/patients/{id}")).await;
    let mut browser = Browser::sign_in(&t, "adm").await;
    let all = browser.get(&t, "/admin/audit").await;
    assert_eq!(all.status, StatusCode::OK);
    let web_reads = browser
        .get(&t, "/admin/audit?interface=web&action=read")
        .await;
    let rows = web_reads.body.matches("<tr><td class=\"num\">").count();
    let expected = audit_log(&t)
        .await
        .iter()
        .filter(|e| e.interface == "web" && e.action == "read")
        .count();
    assert!(expected >= 1);
    assert_eq!(rows, expected, "{}", web_reads.body);
    let by_patient = browser.get(&t, &format!("/admin/audit?patient={id}")).await;
    let rows = by_patient.body.matches("<tr><td class=\"num\">").count();
    let expected = audit_log(&t)
        .await
        .iter()
        .filter(|e| e.patient_id == Some(id))
        .count();
    assert_eq!(rows, expected);
    assert!(
        !by_patient.body.contains("alert(1)"),
        "no patient names in the log"
    );
    let bad = browser.get(&t, "/admin/audit?patient=abc").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let cds = browser.get(&t, "/admin/cds").await;
    assert_eq!(cds.status, StatusCode::OK);
    assert!(cds.body.contains("CDS"), "{}", cds.body);
    let cds = browser
        .get(&t, "/admin/cds?from=2026-01-01&to=2026-02-01&interval=week")
        .await;
    assert_eq!(cds.status, StatusCode::OK, "{}", cds.body);
    for bad in ["/admin/cds?from=soon", "/admin/cds?interval=hour"] {
        assert_eq!(
            browser.get(&t, bad).await.status,
            StatusCode::BAD_REQUEST,
            "{bad}"
        );
    }
}

/// A patient with five years of monthly magnesium, B12 and creatinine results (180
/// observations): every page renders with every point plotted. Not a timed test (nothing is
/// asserted of the times), but a measurement too: `cargo test -p neuronutri-server --test web
/// -- --nocapture page_render_time` prints the median and the slowest of 20 renders of each
/// page, server time in-process (no network).
#[tokio::test]
async fn page_render_time_five_years_of_monthly_labs() {
    let t = setup().await;
    let start = Utc::now() - Duration::days(5 * 365);
    let mut entries = vec![json!({"fullUrl": "urn:uuid:bench", "resource": {
        "resourceType": "Patient", "id": "bench", "name": [{"family": "Bench", "given": ["Five"]}],
        "gender": "male", "birthDate": "1950-01-01"}})];
    for month in 0..60 {
        let at = (start + Duration::days(month * 30)).to_rfc3339();
        for (code, value, unit) in [
            ("19123-9", 0.70 + (month % 7) as f64 * 0.02, "mmol/L"),
            ("2132-9", 250.0 + (month % 5) as f64 * 20.0, "pmol/L"),
            ("2160-0", 80.0 + (month % 4) as f64 * 5.0, "umol/L"),
        ] {
            entries.push(json!({"resource": {"resourceType": "Observation",
                "id": format!("b-{code}-{month}"), "status": "final",
                "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
                "subject": {"reference": "Patient/bench"}, "effectiveDateTime": at,
                "valueQuantity": {"value": value, "unit": unit}}}));
        }
    }
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": entries});
    let id = import_api(&t, bundle.to_string()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let page = browser.get(&t, &format!("/patients/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.matches("<circle").count() >= 180);
    for path in [
        format!("/patients/{id}"),
        format!("/patients/{id}/inspect"),
        "/patients".to_string(),
        "/knowledge/rules".to_string(),
        "/knowledge/evidence".to_string(),
    ] {
        let mut times = Vec::new();
        for _ in 0..20 {
            let started = std::time::Instant::now();
            let reply = browser.get(&t, &path).await;
            times.push(started.elapsed().as_secs_f64() * 1000.0);
            assert_eq!(reply.status, StatusCode::OK);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{path}: median {:.1} ms, slowest {:.1} ms ({} profile)",
            times[10],
            times[19],
            if cfg!(debug_assertions) {
                "debug"
            } else {
                "release"
            }
        );
    }
}

// ---------------------------------------------------------------------------------------
// Research pages: cohort upload, protocol form, run, study page, summary audit.

const HFS_COHORT: &str = include_str!("../../../examples/hfs-study/cohort.csv");
const HFS_AUDIT: &str = include_str!("../../../examples/hfs-study/audit.toml");

/// A `multipart/form-data` body of text fields and files `(name, file name, bytes)`.
fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----nnResearchBoundary7";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

impl Browser {
    async fn post_multipart(
        &mut self,
        t: &TestApp,
        uri: &str,
        fields: &[(&str, &str)],
        files: &[(&str, &str, &[u8])],
    ) -> Reply {
        let (content_type, body) = multipart(fields, files);
        let request = Request::builder()
            .method(Method::POST)
            .uri(uri)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, content_type)
            .body(Body::from(body))
            .unwrap();
        let reply = send(&t.router, request).await;
        self.keep(&reply);
        reply
    }
}

fn pairs(all: &[(String, String)]) -> Vec<(&str, &str)> {
    all.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect()
}

/// Mean and SD (n − 1) of a column of the HFS cohort in one group, computed here from the
/// CSV text, independently of the study crate.
fn hfs_mean_sd(group: &str, column: &str) -> (f64, f64) {
    let mut lines = HFS_COHORT.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let g = header.iter().position(|h| *h == "group").unwrap();
    let c = header.iter().position(|h| *h == column).unwrap();
    let values: Vec<f64> = lines
        .map(|l| l.split(',').collect::<Vec<_>>())
        .filter(|cells| cells[g] == group && !cells[c].is_empty())
        .map(|cells| cells[c].parse().unwrap())
        .collect();
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
    (mean, var.sqrt())
}

#[tokio::test]
async fn research_pages_are_for_researchers_and_refuse_other_roles() {
    let t = setup().await;
    let pages = [
        "/research",
        "/research/new",
        "/research/audit",
        "/research/studies/1",
        "/research/studies/1/protocol.toml",
        "/research/studies/1/files/report.html",
    ];
    let mut anonymous = Browser::default();
    for path in pages {
        let reply = anonymous.get(&t, path).await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{path}");
        assert!(reply.location().starts_with("/sign-in?next="), "{path}");
    }
    for user in ["clin", "adm"] {
        let mut browser = Browser::sign_in(&t, user).await;
        let csrf = browser.csrf(&t).await;
        for path in pages {
            let reply = browser.get(&t, path).await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user} {path}");
            assert!(reply.body.contains("researcher"), "{}", reply.body);
        }
        for path in ["/research/new", "/research/protocol", "/research/audit"] {
            let reply = browser
                .post_multipart(
                    &t,
                    path,
                    &[("csrf", &csrf)],
                    &[("file", "cohort.csv", HFS_COHORT.as_bytes())],
                )
                .await;
            assert_eq!(reply.status, StatusCode::FORBIDDEN, "{user} POST {path}");
        }
        let start = browser.get(&t, "/").await;
        assert!(!start.body.contains("href=\"/research\""), "{user}");
    }
    let mut researcher = Browser::sign_in(&t, "res").await;
    let start = researcher.get(&t, "/").await;
    assert!(
        start.body.contains("href=\"/research/new\""),
        "{}",
        start.body
    );
    for path in ["/research", "/research/new", "/research/audit"] {
        let reply = researcher.get(&t, path).await;
        assert_eq!(reply.status, StatusCode::OK, "{path}: {}", reply.body);
    }
    let missing = researcher.get(&t, "/research/studies/99").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(
        missing.body.contains("no study with id 99"),
        "{}",
        missing.body
    );
}

#[tokio::test]
async fn researcher_uploads_a_cohort_builds_a_protocol_runs_it_and_sees_table_1() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "res").await;
    let form = browser.get(&t, "/research/new").await;
    let csrf = hidden(&form.body, "csrf");
    let cohort = [("file", "cohort.csv", HFS_COHORT.as_bytes())];

    let refused = browser
        .post_multipart(&t, "/research/new", &[("csrf", "wrong")], &cohort)
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    let columns = browser
        .post_multipart(&t, "/research/new", &[("csrf", &csrf)], &cohort)
        .await;
    assert_eq!(columns.status, StatusCode::OK, "{}", columns.body);
    let page = &columns.body;
    assert!(page.contains("102 rows, 13 columns"), "{page}");
    for (column, kind) in [
        ("age", "number"),
        ("b12_pg_ml", "number"),
        ("sex", "text"),
        ("group", "text"),
    ] {
        assert!(
            page.contains(&format!("<code>{column}</code></th>\n<td>{kind}</td>")),
            "{column} should be {kind}: {page}"
        );
    }
    // The first text column with two values is proposed as the groups, in file order.
    assert!(
        page.contains("id=\"group_a\" name=\"group_a\" value=\"hfs\""),
        "{page}"
    );
    assert!(
        page.contains("id=\"group_b\" name=\"group_b\" value=\"control\""),
        "{page}"
    );
    let data = hidden(page, "data");
    assert_eq!(t.state.store.studies().await.unwrap().len(), 0);

    let header: Vec<&str> = HFS_COHORT.lines().next().unwrap().split(',').collect();
    let index = |name: &str| header.iter().position(|h| *h == name).unwrap().to_string();
    let (sex, age, b12) = (index("sex"), index("age"), index("b12_pg_ml"));
    let key = |i: &str, what: &str| format!("v{i}_{what}");
    let fields: Vec<(String, String)> = vec![
        ("csrf".into(), csrf.clone()),
        ("data".into(), data.clone()),
        ("data_name".into(), "cohort.csv".into()),
        ("title".into(), "HFS \"web\" study".into()),
        ("group".into(), "group".into()),
        ("group_a".into(), "hfs".into()),
        ("label_a".into(), "HFS".into()),
        ("group_b".into(), "control".into()),
        ("label_b".into(), "Controls".into()),
        (key(&sex, "used"), "1".into()),
        (key(&sex, "label"), "Sex".into()),
        (key(&sex, "kind"), "categorical".into()),
        (key(&sex, "levels"), "male\r\nfemale".into()),
        (key(&age, "used"), "1".into()),
        (key(&age, "label"), "Age".into()),
        (key(&age, "unit"), "years".into()),
        (key(&age, "decimals"), "1".into()),
        (key(&age, "kind"), "numeric".into()),
        (key(&b12, "used"), "1".into()),
        (key(&b12, "label"), "Vitamin B12".into()),
        (key(&b12, "unit"), "pg/mL".into()),
        (key(&b12, "decimals"), "0".into()),
        (key(&b12, "kind"), "numeric".into()),
        ("char_on".into(), "1".into()),
        (
            "char_title".into(),
            "Table 1. Characteristics of the groups".into(),
        ),
        ("char_summary".into(), "mean_sd".into()),
        ("char_test".into(), "auto".into()),
        ("cmp_on".into(), "1".into()),
        ("cmp_title".into(), "Table 2. Biochemistry".into()),
        ("cmp_test".into(), "mann-whitney".into()),
    ];
    let with = |extra: &[(&str, &str)]| {
        let mut all: Vec<(String, String)> = fields.clone();
        all.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        all
    };
    // The protocol as TOML: what the form says, and a valid protocol.
    let all = with(&[("action", "toml")]);
    let toml_reply = browser
        .post_multipart(&t, "/research/protocol", &pairs(&all), &[])
        .await;
    assert_eq!(toml_reply.status, StatusCode::OK, "{}", toml_reply.body);
    assert!(toml_reply.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("attachment; filename=\"protocol.toml\""));
    let protocol: toml::Value = toml::from_str(&toml_reply.body).unwrap();
    assert_eq!(protocol["title"].as_str(), Some("HFS \"web\" study"));
    assert_eq!(protocol["group"].as_str(), Some("group"));
    assert_eq!(protocol["groups"].as_array().unwrap().len(), 2);
    assert_eq!(
        protocol["group_labels"]["control"].as_str(),
        Some("Controls")
    );
    let variables = protocol["variable"].as_array().unwrap();
    let names: Vec<&str> = variables
        .iter()
        .map(|v| v["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sex", "age", "b12_pg_ml"]);
    assert_eq!(variables[0]["levels"].as_array().unwrap().len(), 2);
    assert_eq!(variables[1]["unit"].as_str(), Some("years"));
    let tables = protocol["table"].as_array().unwrap();
    assert_eq!(tables[0]["kind"].as_str(), Some("characteristics"));
    assert_eq!(tables[1]["variables"].as_array().unwrap().len(), 2);
    assert_eq!(t.state.store.studies().await.unwrap().len(), 0);

    // Form errors name the field; nothing is stored.
    let mut no_tables = all.clone();
    no_tables.retain(|(k, _)| k != "char_on" && k != "cmp_on" && k != "action");
    let reply = browser
        .post_multipart(&t, "/research/protocol", &pairs(&no_tables), &[])
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("tables: tick at least one table"),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("id=\"build-error\""));

    // Run: the study is kept and its page shows Table 1 with the cohort's numbers.
    let all = with(&[("action", "run")]);
    let run = browser
        .post_multipart(&t, "/research/protocol", &pairs(&all), &[])
        .await;
    assert_eq!(run.status, StatusCode::SEE_OTHER, "{}", run.body);
    let studies = t.state.store.studies().await.unwrap();
    assert_eq!(studies.len(), 1);
    let id = studies[0].id;
    assert_eq!(run.location(), format!("/research/studies/{id}"));
    let page = browser.get(&t, run.location()).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body
            .contains("<h3 id=\"table1\">Table 1. Characteristics of the groups</h3>"),
        "{}",
        page.body
    );
    assert!(page.body.contains("HFS &quot;web&quot; study"));
    assert!(!page.body.contains("HFS \"web\" study"));
    for (group, column, decimals) in [
        ("hfs", "age", 1),
        ("control", "age", 1),
        ("hfs", "b12_pg_ml", 0),
    ] {
        let (mean, sd) = hfs_mean_sd(group, column);
        let shown = format!("{mean:.decimals$} ± {sd:.decimals$}");
        assert!(
            page.body.contains(&shown),
            "{group} {column}: {shown} not in {}",
            page.body
        );
    }
    assert!(page.body.contains(&format!(
        "href=\"/research/studies/{id}/files/tables/table1.csv\""
    )));
    assert!(page.body.contains(&format!(
        "href=\"/research/studies/{id}/files/report.html\""
    )));
    assert!(
        page.body.contains("<img src=\"/research/studies/"),
        "{}",
        page.body
    );

    let csv = browser
        .get(
            &t,
            &format!("/research/studies/{id}/files/tables/table1.csv"),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains("table1.csv"));
    assert!(
        csv.body.starts_with("Variable") || csv.body.contains("Age, years"),
        "{}",
        csv.body
    );
    let report = browser
        .get(&t, &format!("/research/studies/{id}/files/report.html"))
        .await;
    assert_eq!(report.status, StatusCode::OK);
    assert!(report
        .body
        .contains("Table 1. Characteristics of the groups"));
    let csp = report.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(
        csp.contains("default-src 'none'") && !csp.contains("script"),
        "{csp}"
    );
    let stored = browser
        .get(&t, &format!("/research/studies/{id}/protocol.toml"))
        .await;
    assert_eq!(stored.body, toml_reply.body);
    let list = browser.get(&t, "/research").await;
    assert!(list
        .body
        .contains(&format!("href=\"/research/studies/{id}\"")));

    let log = audit_log(&t).await;
    for action in [
        "read-cohort",
        "download-protocol",
        "create-study",
        "read-study",
    ] {
        assert!(
            log.iter()
                .any(|e| e.interface == "web" && e.action == action && e.actor == "res"),
            "{action} not audited"
        );
    }
}

#[tokio::test]
async fn a_bad_cohort_names_the_file_the_row_and_the_column_and_stores_nothing() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "res").await;
    let csrf = browser.csrf(&t).await;
    let ragged = b"id,group,age\n1,a,50\n2,b\n3,a,61\n";
    let reply = browser
        .post_multipart(
            &t,
            "/research/new",
            &[("csrf", &csrf)],
            &[("file", "C:\\data\\bad.csv", ragged)],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(reply.body.contains("id=\"upload-error\""), "{}", reply.body);
    assert!(
        reply.body.contains("bad.csv:3: row 2 has 2 fields"),
        "{}",
        reply.body
    );

    let empty = browser
        .post_multipart(&t, "/research/new", &[("csrf", &csrf)], &[])
        .await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(
        empty.body.contains("choose the cohort file"),
        "{}",
        empty.body
    );

    // A cell that is not a number in a column the protocol reads as numeric.
    let text = b"id;group;age\n1;a;50\n2;b;abc\n3;a;61\n4;b;58\n";
    let columns = browser
        .post_multipart(
            &t,
            "/research/new",
            &[("csrf", &csrf)],
            &[("file", "semi.csv", text)],
        )
        .await;
    assert_eq!(columns.status, StatusCode::OK, "{}", columns.body);
    assert!(
        columns
            .body
            .contains("<code>age</code></th>\n<td>text</td>"),
        "{}",
        columns.body
    );
    let data = hidden(&columns.body, "data");
    let reply = browser
        .post_multipart(
            &t,
            "/research/protocol",
            &[
                ("csrf", &csrf),
                ("data", &data),
                ("data_name", "semi.csv"),
                ("title", "T"),
                ("group", "group"),
                ("group_a", "a"),
                ("group_b", "b"),
                ("v2_used", "1"),
                ("v2_kind", "numeric"),
                ("cmp_on", "1"),
                ("cmp_title", "Table 2"),
                ("action", "run"),
            ],
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.body);
    assert!(
        reply
            .body
            .contains("semi.csv:3: row 2, column &quot;age&quot;: &quot;abc&quot;"),
        "{}",
        reply.body
    );
    assert_eq!(t.state.store.studies().await.unwrap().len(), 0);
    let log = audit_log(&t).await;
    assert!(log
        .iter()
        .any(|e| e.action == "read-cohort" && e.outcome == "invalid"));
    assert!(log
        .iter()
        .any(|e| e.action == "create-study" && e.outcome == "invalid"));
}

#[tokio::test]
async fn summary_audit_form_recomputes_reported_tests() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "res").await;
    let form = browser.get(&t, "/research/audit").await;
    assert_eq!(form.status, StatusCode::OK);
    let csrf = hidden(&form.body, "csrf");
    let row = [
        ("csrf", csrf.as_str()),
        ("comparisons", "3"),
        ("correlations", "2"),
        ("title", "Uzakov et al."),
        ("c0_name", "Vitamin B12"),
        ("c0_group_a", "HFS"),
        ("c0_mean_a", "317"),
        ("c0_sd_a", "54"),
        ("c0_n_a", "62"),
        ("c0_group_b", "control"),
        ("c0_mean_b", "458"),
        ("c0_sd_b", "62"),
        ("c0_n_b", "40"),
        ("c0_p", "<0.001"),
        ("r1_name", "B12 ~ spasms"),
        ("r1_r", "-0,52"),
        ("r1_n", "62"),
        ("r1_p", "<0.01"),
    ];
    let reply = browser.post(&t, "/research/audit", &row).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    // Welch's t from the summary data, computed here.
    let welch = (317.0 - 458.0) / (54.0f64.powi(2) / 62.0 + 62.0f64.powi(2) / 40.0).sqrt();
    assert!(
        reply.body.contains(&format!("t = {welch:.3}")),
        "{welch:.3}: {}",
        reply.body
    );
    // The correlation's t on n − 2 df.
    let r: f64 = -0.52;
    let tr = r * (60.0f64 / (1.0 - r * r)).sqrt();
    assert!(
        reply.body.contains(&format!("t = {tr:.3}, df = 60.0")),
        "{tr:.3}: {}",
        reply.body
    );
    assert!(reply.body.contains("id=\"audit-result\""));

    // The example's TOML, uploaded instead of the rows.
    let upload = browser
        .post_multipart(
            &t,
            "/research/audit",
            &[("csrf", &csrf), ("comparisons", "3"), ("correlations", "2")],
            &[("file", "audit.toml", HFS_AUDIT.as_bytes())],
        )
        .await;
    assert_eq!(upload.status, StatusCode::OK, "{}", upload.body);
    assert_eq!(
        upload.body.matches("<tr><th scope=\"row\">").count(),
        HFS_AUDIT.matches("[[comparison]]").count() + HFS_AUDIT.matches("[[correlation]]").count(),
        "{}",
        upload.body
    );

    // Errors name the row and the field; a bad TOML names its line.
    let mut bad = row.to_vec();
    bad[6] = ("c0_mean_a", "abc");
    let reply = browser.post(&t, "/research/audit", &bad).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply
            .body
            .contains("group comparison 1, mean A: &quot;abc&quot; is not a number"),
        "{}",
        reply.body
    );
    let reply = browser
        .post(
            &t,
            "/research/audit",
            &[
                ("csrf", &csrf),
                ("toml", "title = \"x\"\n[[comparison]]\nname = 3\n"),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.body.contains("pasted TOML:3:"), "{}", reply.body);

    // Another row without JavaScript: the form comes back with one more, values kept.
    let mut more = row.to_vec();
    more.push(("action", "more-comparisons"));
    let reply = browser.post(&t, "/research/audit", &more).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.body.contains("name=\"c3_name\""));
    assert!(reply.body.contains("name=\"comparisons\" value=\"4\""));
    assert!(reply.body.contains("value=\"Vitamin B12\""));

    let refused = browser
        .post(
            &t,
            "/research/audit",
            &[("csrf", "wrong"), ("toml", HFS_AUDIT)],
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(audit_log(&t)
        .await
        .iter()
        .any(|e| e.interface == "web" && e.action == "summary-audit" && e.outcome == "ok"));
}

#[tokio::test]
async fn inspect_page_shows_what_the_engine_understood_and_is_audited() {
    let t = setup().await;
    let mut json: serde_json::Value = serde_json::from_str(&hostile_bundle()).unwrap();
    // A resource the engine reads but does not use.
    json["entry"].as_array_mut().unwrap().push(json!({"resource": {
        "resourceType": "Observation", "id": "p1-unknown", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": "2345-7"}]},
        "subject": {"reference": "Patient/p1"}, "effectiveDateTime": "2025-06-01T08:00:00Z",
        "valueQuantity": {"value": 5.1, "unit": "mmol/L", "system": "http://unitsofmeasure.org", "code": "mmol/L"}}}));
    let id = import_api(&t, json.to_string()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let page = browser.get(&t, &format!("/patients/{id}")).await;
    assert!(
        page.body
            .contains(&format!("href=\"/patients/{id}/inspect?at=")),
        "{}",
        page.body
    );
    let reply = browser
        .get(&t, &format!("/patients/{id}/inspect?at=2026-02-01T00:00"))
        .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert_escaped(&reply.body);
    let body = &reply.body;
    assert_eq!(
        body.matches("<code>serum magnesium</code>").count(),
        3,
        "{body}"
    );
    assert!(body.contains("<code>19123-9</code>"));
    assert!(body.contains("0.62 mmol/L"), "{body}");
    assert!(body.contains("<code>hypertension</code>"), "{body}");
    assert!(
        body.contains("2345-7"),
        "the unused glucose result is listed: {body}"
    );
    assert!(
        body.contains("Ignored") || body.contains("did not use"),
        "{body}"
    );
    let log = audit_log(&t).await;
    assert!(log.iter().any(|e| e.interface == "web"
        && e.action == "read"
        && e.patient_id == Some(id)
        && e.target == format!("/patients/{id}/inspect")
        && e.outcome == "ok"));

    let mut researcher = Browser::sign_in(&t, "res").await;
    let refused = researcher.get(&t, &format!("/patients/{id}/inspect")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(!refused.body.contains("serum_magnesium"));
    let bad = browser
        .get(&t, &format!("/patients/{id}/inspect?at=yesterday"))
        .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    let missing = browser.get(&t, "/patients/999/inspect").await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn stroke_timeline_shows_onset_windows_screen_and_stroke_cards_in_order() {
    let t = setup().await;
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
        {"resource": {"resourceType": "Patient", "id": "s1", "gender": "male", "birthDate": "1953-02-11"}},
        {"resource": {"resourceType": "Condition", "id": "s1-stroke",
            "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
            "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "I63.3"}]},
            "subject": {"reference": "Patient/s1"}, "onsetDateTime": "2026-03-01T08:00:00Z"}},
        {"resource": {"resourceType": "Observation", "id": "s1-screen", "status": "final",
            "code": {"coding": [{"system": "urn:neuronutri:local", "code": "swallow-screen"}]},
            "subject": {"reference": "Patient/s1"},
            "valueString": "passed", "effectiveDateTime": "2026-03-01T20:00:00Z"}},
    ]});
    let id = import_api(&t, bundle.to_string()).await;
    let mut browser = Browser::sign_in(&t, "clin").await;
    let page = browser
        .get(&t, &format!("/patients/{id}?at=2026-03-02T08:00"))
        .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let start = page
        .body
        .find("id=\"stroke-timeline\"")
        .expect("no timeline");
    let end = start + page.body[start..].find("</section>").unwrap();
    let timeline = &page.body[start..end];
    let th = &t.state.knowledge.thresholds;
    // In time order: onset, the seed's window (+12 h), the screen (+12 h, after the window
    // at the same instant), the assessment (+24 h), then the 72-hour default and the
    // windows in days, ahead.
    let order = [
        "Stroke onset",
        "End of the seed&#39;s window",
        "Swallow screen: passed",
        "Assessed at",
        "Until here oral products",
        "End of the acute stroke window",
        "End of the seed&#39;s post-stroke",
    ];
    let positions: Vec<usize> = order
        .iter()
        .map(|label| {
            timeline
                .find(label)
                .unwrap_or_else(|| panic!("{label} missing: {timeline}"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "{positions:?}: {timeline}"
    );
    assert_eq!(
        th.stroke_window_seed.value, 12.0,
        "the test's instants assume 12 h"
    );
    assert!(timeline.contains("(+12 h)"), "{timeline}");
    assert!(timeline.contains("(+24 h)"), "{timeline}");
    assert!(
        timeline.contains(&format!("(+{} d)", th.acute_stroke_window.value)),
        "{timeline}"
    );
    assert!(
        timeline.contains("href=\"/knowledge/rules#STROKE.TIME_SINCE_ONSET\""),
        "{timeline}"
    );
    assert_eq!(timeline.matches("<em>ahead</em>").count(), 3, "{timeline}");

    // No stroke: no timeline.
    let other = import_api(&t, hostile_bundle()).await;
    let page = browser.get(&t, &format!("/patients/{other}")).await;
    assert!(!page.body.contains("id=\"stroke-timeline\""));
}

/// The fields a browser would send for the first form `action` of a page as it stands:
/// inputs (checkboxes only when checked), the selected option of each select, textareas.
fn form_fields(html: &str, action: &str) -> Vec<(String, String)> {
    let start = html
        .find(&format!("action=\"{action}\""))
        .unwrap_or_else(|| panic!("no form {action}"));
    let end = start + html[start..].find("</form>").unwrap();
    let form = &html[start..end];
    let unescape = |s: &str| {
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    };
    let attr = |tag: &str, name: &str| -> Option<String> {
        let marker = format!(" {name}=\"");
        let at = tag.find(&marker)? + marker.len();
        Some(unescape(&tag[at..at + tag[at..].find('"')?]))
    };
    let mut fields = Vec::new();
    let mut rest = form;
    while let Some(open) = rest.find('<') {
        rest = &rest[open..];
        let tag_end = rest.find('>').unwrap();
        let tag = &rest[..tag_end];
        if let Some(name) = attr(tag, "name") {
            if tag.starts_with("<input") {
                let kind = attr(tag, "type").unwrap_or_default();
                if kind == "file" || (kind == "checkbox" && !tag.contains(" checked")) {
                } else {
                    fields.push((name, attr(tag, "value").unwrap_or_default()));
                }
            } else if tag.starts_with("<textarea") {
                let close = rest.find("</textarea>").unwrap();
                fields.push((name, unescape(&rest[tag_end + 1..close])));
            } else if tag.starts_with("<select") {
                let close = rest.find("</select>").unwrap();
                let options = &rest[tag_end..close];
                let chosen = options
                    .split("<option")
                    .find(|o| o.contains(" selected"))
                    .or_else(|| options.split("<option").nth(1))
                    .and_then(|o| attr(o, "value"))
                    .unwrap_or_default();
                fields.push((name, chosen));
            }
        }
        rest = &rest[1..];
    }
    fields
}

#[tokio::test]
async fn parquet_and_russian_excel_cohorts_run_with_the_proposed_protocol() {
    let t = setup().await;
    let mut browser = Browser::sign_in(&t, "res").await;
    let csrf = browser.csrf(&t).await;
    let parquet = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hfs-study/cohort.parquet"
    ))
    .unwrap();
    let excel = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../examples/hfs-study/ru/cohort-excel-ru.csv"
    ))
    .unwrap();
    for (file, bytes, format, age) in [
        ("cohort.parquet", &parquet, "Parquet", "age"),
        (
            "cohort-excel-ru.csv",
            &excel,
            "windows-1251",
            "Возраст, лет",
        ),
    ] {
        let columns = browser
            .post_multipart(
                &t,
                "/research/new",
                &[("csrf", &csrf)],
                &[("file", file, bytes)],
            )
            .await;
        assert_eq!(columns.status, StatusCode::OK, "{file}: {}", columns.body);
        assert!(columns.body.contains("102 rows, 13 columns"), "{file}");
        assert!(columns.body.contains(format), "{file}: {format}");
        assert!(
            columns
                .body
                .contains(&format!("<code>{age}</code></th>\n<td>number</td>")),
            "{file}: {}",
            columns.body
        );
        // Run what the form proposes, as a user who only presses "Run the study".
        let mut fields = form_fields(&columns.body, "/research/protocol");
        fields.push(("action".into(), "run".into()));
        let run = browser
            .post_multipart(&t, "/research/protocol", &pairs(&fields), &[])
            .await;
        assert_eq!(run.status, StatusCode::SEE_OTHER, "{file}: {}", run.body);
        let page = browser.get(&t, run.location()).await;
        assert!(
            page.body
                .contains("<h3 id=\"table1\">Table 1. Characteristics of the groups</h3>"),
            "{file}: {}",
            page.body
        );
        assert!(page.body.contains(&format!("{age}</th>")), "{file}");
    }

    // A form whose cohort was damaged on the way: a 400 page that says to upload again.
    let reply = browser
        .post_multipart(
            &t,
            "/research/protocol",
            &[("csrf", &csrf), ("data", "%%%not base64"), ("title", "T")],
            &[],
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("upload the file again"),
        "{}",
        reply.body
    );
    assert_eq!(t.state.store.studies().await.unwrap().len(), 2);
}
