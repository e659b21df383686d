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
    let dir = std::env::temp_dir().join(format!(
        "neuronutri-web-{}-{}",
        std::process::id(),
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let store = Store::connect(&format!("sqlite://{}/db.sqlite", dir.display()))
        .await
        .unwrap();
    let state = AppState::new(store.clone(), Knowledge::builtin().unwrap()).unwrap();
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
    let _ = &t.clinician_token;
    let _ = json!({});
}
