//! The web app: server-rendered pages for clinicians, researchers and admins, on the same
//! store, knowledge and audit log as the JSON API. No JavaScript: every action is a link or
//! an HTML form, so it works in any browser and with the keyboard alone.
//!
//! - Templates (minijinja, HTML auto-escaping) live in `templates/web/` and the stylesheet in
//!   `static/app.css`, all embedded in the binary: nothing is fetched at run time.
//! - Words come from `locales/web/*.ftl` ([`i18n`]) and the knowledge crate's catalogues;
//!   the language is the `nn_lang` cookie, set by the switch on every page (`/lang/{tag}`),
//!   else the browser's `Accept-Language`, else English.
//! - Sign-in makes the same database session as `POST /api/session` (cookie `nn_session`,
//!   `HttpOnly; SameSite=Strict`, and `Secure` when the request came over https, i.e. with
//!   `X-Forwarded-Proto: https` from the proxy in front). Every form carries a CSRF token:
//!   the session's synchronizer token once signed in, and before that (the sign-in form) a
//!   double-submit token in a `SameSite=Strict` cookie. A form without it, or with a wrong one,
//!   is refused with 403 and changes nothing.
//! - A page without a session redirects (303) to `/sign-in?next=…`; a page the role may not
//!   see answers 403. Every read of patient data, and every refusal of one, is audited like
//!   the API does, with interface `web`.
//! - Errors are pages that say what to do, never a stack trace; internal causes go to the
//!   log with a reference shown to the user.

pub mod admin;
pub mod i18n;
pub mod knowledge;
pub mod patients;
pub mod plot;
pub mod research;

use crate::auth::{self, Auth, Via, SESSION_COOKIE};
use crate::error::AppError;
use crate::AppState;
use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use chrono::{DateTime, Utc};
use minijinja::Environment;
use neuronutri_knowledge::Lang;
use neuronutri_storage::Role;
use serde::Deserialize;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// Cookie holding the chosen language.
pub const LANG_COOKIE: &str = "nn_lang";
/// Cookie holding the sign-in form's double-submit CSRF token.
pub const PRE_SESSION_COOKIE: &str = "nn_presign";

/// The content security policy of every page: no scripts at all, styles only from
/// `/static/`, forms only to this site, no framing.
pub const PAGE_CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                            form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

tokio::task_local! {
    /// The language of the request being answered, so that an error page is in it too.
    static LANG: Lang;
}

/// The pages' routes (merged into [`crate::app`]).
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(index))
        .route("/static/app.css", get(stylesheet))
        .route("/lang/{tag}", get(switch_lang))
        .route("/sign-in", get(sign_in_form).post(sign_in))
        .route("/sign-out", post(sign_out))
        .route("/account", get(account))
        .route("/account/tokens", post(admin::create_own_token))
        .route("/account/tokens/{id}/revoke", post(admin::revoke_own_token))
        .route("/account/password", post(admin::change_password))
        .route("/patients", get(patients::list))
        .route(
            "/patients/import",
            get(patients::import_form).post(patients::import),
        )
        .route("/patients/{id}", get(patients::page))
        .route("/patients/{id}/inspect", get(patients::inspect_page))
        .route(
            "/patients/{id}/assessments",
            post(patients::store_assessment),
        )
        .route("/research", get(research::studies))
        .route(
            "/research/new",
            get(research::new_study).post(research::upload),
        )
        .route("/research/protocol", post(research::protocol))
        .route("/research/studies/{id}", get(research::study))
        .route(
            "/research/studies/{id}/protocol.toml",
            get(research::study_protocol),
        )
        .route(
            "/research/studies/{id}/files/{*name}",
            get(research::study_file),
        )
        .route(
            "/research/audit",
            get(research::audit_form).post(research::audit),
        )
        .route("/knowledge/evidence", get(knowledge::evidence))
        .route("/knowledge/rules", get(knowledge::rules))
        .route("/knowledge/sources", get(knowledge::sources))
        .route("/admin/users", get(admin::users).post(admin::create_user))
        .route("/admin/users/{id}/disable", post(admin::set_disabled))
        .route(
            "/admin/tokens",
            get(admin::tokens).post(admin::create_token),
        )
        .route("/admin/tokens/{id}/revoke", post(admin::revoke_token))
        .route("/admin/audit", get(admin::audit))
        .route("/admin/cds", get(admin::cds_feedback))
        .layer(axum::middleware::from_fn(with_lang))
}

/// Sets the request's language for the handler and its error page.
async fn with_lang(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let lang = request_lang(request.headers());
    LANG.scope(lang, next.run(request)).await
}

/// The language a request asks for: the `nn_lang` cookie, else the first language of
/// `Accept-Language` we have, else English.
pub fn request_lang(headers: &HeaderMap) -> Lang {
    if let Some(lang) = cookie_in(headers, LANG_COOKIE).and_then(|v| v.parse().ok()) {
        return lang;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    for range in accept.split(',') {
        let tag = range.split(';').next().unwrap_or("").trim();
        if let Ok(lang) = tag.parse::<Lang>() {
            return lang;
        }
        let primary = tag.split('-').next().unwrap_or("");
        if let Ok(lang) = primary.parse::<Lang>() {
            return lang;
        }
    }
    Lang::En
}

fn current_lang() -> Lang {
    LANG.try_with(|l| *l).unwrap_or_default()
}

/// The value of cookie `name` in `headers`.
pub fn cookie_in<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A signed-in browser session.
#[derive(Clone, Debug)]
pub struct WebSession {
    /// Who, as the API's handlers see them (so the same audit and role checks apply).
    pub auth: Auth,
    /// The session's synchronizer CSRF token, put in every form.
    pub csrf: String,
    /// When the session ends.
    pub expires_at: DateTime<Utc>,
}

/// What every page handler knows about its request.
pub struct Web {
    /// The language to answer in.
    pub lang: Lang,
    /// The path and query asked for (to come back to after sign-in or a language switch).
    pub here: String,
    /// Whether the request reached us over https (cookies are then `Secure`).
    pub https: bool,
    /// The session, if signed in.
    pub session: Option<WebSession>,
}

impl FromRequestParts<AppState> for Web {
    type Rejection = WebError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Web, WebError> {
        let lang = request_lang(&parts.headers);
        let here = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        let https = forwarded_https(&parts.headers);
        let mut session = None;
        if let Some(id) = cookie_in(&parts.headers, SESSION_COOKIE) {
            let hash = auth::secret_hash(id);
            if let Some((row, principal)) = state.store.session(&hash, Utc::now()).await? {
                session = Some(WebSession {
                    auth: Auth {
                        principal,
                        via: Via::Session(hash),
                    },
                    csrf: row.csrf_token,
                    expires_at: row.expires_at,
                });
            }
        }
        Ok(Web {
            lang,
            here,
            https,
            session,
        })
    }
}

/// Whether the proxy in front says the browser used https.
fn forwarded_https(headers: &HeaderMap) -> bool {
    let proto = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .map(|v| v.trim().eq_ignore_ascii_case("https"))
        .unwrap_or(false);
    let forwarded = headers
        .get(header::FORWARDED)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.to_ascii_lowercase().contains("proto=https"))
        .unwrap_or(false);
    proto || forwarded
}

impl Web {
    /// The session, or a redirect to the sign-in page that comes back here.
    pub fn user(&self) -> Result<&WebSession, WebError> {
        self.session.as_ref().ok_or_else(|| WebError::SignIn {
            next: self.here.clone(),
        })
    }

    /// The session if its role is one of `roles`: a redirect to sign in without one, 403
    /// with another role.
    pub fn require(&self, roles: &[Role]) -> Result<&WebSession, WebError> {
        let session = self.user()?;
        session.auth.require(roles)?;
        Ok(session)
    }

    /// The session, after checking a form's CSRF token against it (403 when missing or
    /// wrong; a redirect to sign in without a session).
    pub fn form_session(&self, sent: &str) -> Result<&WebSession, WebError> {
        let session = self.user()?;
        if !constant_time_eq(sent.as_bytes(), session.csrf.as_bytes()) {
            return Err(csrf_refused());
        }
        Ok(session)
    }

    /// Attributes of the cookies we set.
    fn cookie_attributes(&self) -> &'static str {
        if self.https {
            "Path=/; HttpOnly; Secure; SameSite=Strict"
        } else {
            "Path=/; HttpOnly; SameSite=Strict"
        }
    }

    /// Renders template `name` with the layout's context and `page`'s fields.
    pub fn render(&self, name: &str, page: Value) -> Result<Response, WebError> {
        self.render_status(StatusCode::OK, name, page)
    }

    /// Like [`Web::render`] with another status.
    pub fn render_status(
        &self,
        status: StatusCode,
        name: &str,
        page: Value,
    ) -> Result<Response, WebError> {
        let mut context = base_context(self.lang, &self.here, self.session.as_ref());
        if let Value::Object(fields) = page {
            context.extend(fields);
        }
        let html = render_template(name, &Value::Object(context))?;
        Ok(html_response(status, html))
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn csrf_refused() -> WebError {
    WebError::App(AppError::Forbidden(
        "this form was sent without its security token, or with a wrong one (it may have come \
         from another site, or the page was older than your session): nothing was changed; \
         open the page again and resend"
            .into(),
    ))
}

/// A page's failure.
#[derive(Debug)]
pub enum WebError {
    /// Not signed in: go to the sign-in page, then come back to `next`.
    SignIn {
        /// Where to come back to.
        next: String,
    },
    /// Any other failure, shown as an error page in the request's language.
    App(AppError),
}

impl From<AppError> for WebError {
    fn from(error: AppError) -> Self {
        WebError::App(error)
    }
}

impl From<neuronutri_storage::StorageError> for WebError {
    fn from(error: neuronutri_storage::StorageError) -> Self {
        WebError::App(error.into())
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        match self {
            WebError::SignIn { next } => {
                redirect(&format!("/sign-in?next={}", url_encode(&safe_next(&next))))
            }
            WebError::App(error) => error_page(current_lang(), error),
        }
    }
}

/// The error page of `error`: status, what happened, what to do.
fn error_page(lang: Lang, error: AppError) -> Response {
    let status = error.status();
    let t = i18n::texts().all(lang);
    let (message, hint_id) = match &error {
        AppError::Unauthorized(m) => (m.clone(), "error_hint_401"),
        AppError::Forbidden(m) => (m.clone(), "error_hint_403"),
        AppError::NotFound(m) => (m.clone(), "error_hint_404"),
        AppError::BadRequest(m) => (m.clone(), "error_hint_400"),
        AppError::InvalidBundle(e) => (e.to_string(), "error_hint_400"),
        AppError::Conflict(m) => (m.clone(), "error_hint_409"),
        AppError::Unavailable(cause) => {
            tracing::error!(error = %cause, "database unavailable");
            (String::new(), "error_hint_503")
        }
        AppError::Internal(cause) => {
            let reference = crate::auth::new_secret("")
                .map(|s| s[..12].to_string())
                .unwrap_or_else(|_| "unavailable".into());
            tracing::error!(error = %cause, reference = %reference, "internal error (web)");
            (format!("reference {reference}"), "error_hint_500")
        }
    };
    let mut context = base_context(lang, "/", None);
    context.insert("status".into(), json!(status.as_u16()));
    context.insert("message".into(), json!(message));
    context.insert(
        "hint".into(),
        json!(t.get(hint_id).cloned().unwrap_or_default()),
    );
    match render_template("error.html", &Value::Object(context)) {
        Ok(html) => html_response(status, html),
        Err(_) => (status, "error").into_response(),
    }
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PAGE_CSP),
    );
    response
}

/// A 303 redirect to a path of ours.
pub fn redirect(to: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(value) = HeaderValue::from_str(to) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// `next` if it is a path on this site, else `/` (no open redirects).
pub fn safe_next(next: &str) -> String {
    let ok = next.starts_with('/')
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && next.len() < 2000;
    if ok {
        next.to_string()
    } else {
        "/".into()
    }
}

/// Percent-encodes a query value.
pub fn url_encode(text: &str) -> String {
    serde_urlencoded::to_string([("", text)])
        .map(|s| s.trim_start_matches('=').to_string())
        .unwrap_or_default()
}

/// The languages of the switch, each named in itself.
const LANGUAGE_NAMES: [(Lang, &str); 5] = [
    (Lang::En, "English"),
    (Lang::Ru, "Русский"),
    (Lang::Uz, "Oʻzbekcha"),
    (Lang::UzCyrl, "Ўзбекча"),
    (Lang::It, "Italiano"),
];

/// What the layout needs: language, words, the signed-in user and their menu, the switch.
fn base_context(lang: Lang, here: &str, session: Option<&WebSession>) -> Map<String, Value> {
    let mut context = Map::new();
    context.insert("lang".into(), json!(lang.tag()));
    context.insert("t".into(), json!(i18n::texts().all(lang)));
    let next = url_encode(&safe_next(here));
    let languages: Vec<Value> = LANGUAGE_NAMES
        .iter()
        .map(|(l, name)| {
            json!({"tag": l.tag(), "name": name, "current": *l == lang,
                   "href": format!("/lang/{}?next={next}", l.tag())})
        })
        .collect();
    context.insert("languages".into(), json!(languages));
    if let Some(session) = session {
        let role = session.auth.principal.role;
        context.insert(
            "user".into(),
            json!({"name": session.auth.principal.username, "role": role.as_str()}),
        );
        context.insert("csrf".into(), json!(session.csrf));
        let mut nav: Vec<(&str, &str)> = vec![];
        if role == Role::Clinician {
            nav.push(("/patients", "patients"));
            nav.push(("/patients/import", "import"));
        }
        if crate::research::RESEARCH.contains(&role) {
            nav.push(("/research", "studies"));
            nav.push(("/research/new", "new_study"));
            nav.push(("/research/audit", "summary_audit"));
        }
        if role == Role::Admin {
            nav.push(("/admin/users", "users"));
            nav.push(("/admin/tokens", "api_tokens"));
            nav.push(("/admin/audit", "audit_log"));
            nav.push(("/admin/cds", "cds_feedback"));
        }
        nav.push(("/knowledge/evidence", "evidence_map"));
        nav.push(("/knowledge/rules", "rule_catalogue"));
        nav.push(("/knowledge/sources", "source_catalogue"));
        nav.push(("/account", "account"));
        let path = here.split('?').next().unwrap_or("/");
        let nav: Vec<Value> = nav
            .into_iter()
            .map(|(href, label)| json!({"href": href, "label": label, "current": path == href}))
            .collect();
        context.insert("nav".into(), json!(nav));
    }
    context
}

fn environment() -> &'static Environment<'static> {
    static ENV: OnceLock<Environment<'static>> = OnceLock::new();
    ENV.get_or_init(|| {
        let mut env = Environment::new();
        env.set_formatter(html_formatter);
        for (name, source) in TEMPLATES {
            if let Err(e) = env.add_template(name, source) {
                // Compiled in and rendered by the tests: reaching this is a build that
                // skipped them.
                panic!("template {name}: {e}");
            }
        }
        env
    })
}

/// Writes a value into a page: HTML-escaped (`& < > " '`) unless marked safe; none and
/// undefined values write nothing.
fn html_formatter(
    out: &mut minijinja::Output,
    _state: &minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    if value.is_none() || value.is_undefined() {
        return Ok(());
    }
    let text = value.to_string();
    if value.is_safe() {
        return out.write_str(&text).map_err(minijinja::Error::from);
    }
    out.write_str(&escape_html(&text))
        .map_err(minijinja::Error::from)
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// `(name, source)` of an embedded template.
macro_rules! template {
    ($name:literal) => {
        (
            concat!($name, ".html"),
            include_str!(concat!("../../templates/web/", $name, ".html")),
        )
    };
}

const TEMPLATES: &[(&str, &str)] = &[
    template!("layout"),
    template!("error"),
    template!("index"),
    template!("sign_in"),
    template!("account"),
    template!("patients"),
    template!("patient"),
    template!("card"),
    template!("import"),
    template!("evidence"),
    template!("rules"),
    template!("sources"),
    template!("users"),
    template!("tokens"),
    template!("audit"),
    template!("cds"),
    template!("studies"),
    template!("study_new"),
    template!("study_build"),
    template!("study"),
    template!("summary_audit"),
    template!("inspect"),
];

fn render_template(name: &str, context: &Value) -> Result<String, AppError> {
    let template = environment()
        .get_template(name)
        .map_err(|e| AppError::Internal(format!("template {name}: {e}")))?;
    template
        .render(minijinja::Value::from_serialize(context))
        .map_err(|e| AppError::Internal(format!("template {name}: {e:#}")))
}

async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        include_str!("../../static/app.css"),
    )
        .into_response()
}

#[derive(Deserialize)]
struct NextParam {
    next: Option<String>,
}

/// `GET /lang/{tag}?next=…`: remembers the language in a cookie and goes back.
async fn switch_lang(
    Path(tag): Path<String>,
    Query(params): Query<NextParam>,
) -> Result<Response, WebError> {
    let lang: Lang = tag
        .parse()
        .map_err(|e: String| WebError::App(AppError::NotFound(e)))?;
    let mut response = redirect(&safe_next(params.next.as_deref().unwrap_or("/")));
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; SameSite=Lax; Max-Age=31536000",
        lang.tag()
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /`: the welcome page, or the signed-in user's start page.
async fn index(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    let (patients, _, _) = state.store.counts().await?;
    let demo = state.store.user_by_name("demo-clinician").await?.is_some();
    web.render(
        "index.html",
        json!({"patient_count": patients, "demo": demo}),
    )
}

/// The sign-in form's fields.
#[derive(Deserialize)]
pub struct SignInForm {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    next: String,
}

/// `GET /sign-in`: the form, with a fresh double-submit token.
async fn sign_in_form(web: Web, Query(params): Query<NextParam>) -> Result<Response, WebError> {
    let next = safe_next(params.next.as_deref().unwrap_or("/"));
    if web.session.is_some() {
        return Ok(redirect(&next));
    }
    sign_in_page(&web, &next, "", None, StatusCode::OK)
}

fn sign_in_page(
    web: &Web,
    next: &str,
    username: &str,
    error: Option<String>,
    status: StatusCode,
) -> Result<Response, WebError> {
    let token = auth::new_secret("")?;
    let mut response = web.render_status(
        status,
        "sign_in.html",
        json!({"pre_csrf": token, "next": next, "username": username, "error": error}),
    )?;
    let cookie = format!(
        "{PRE_SESSION_COOKIE}={token}; Path=/sign-in; Max-Age=3600; {}",
        web.cookie_attributes().trim_start_matches("Path=/; ")
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `POST /sign-in`: checks the double-submit token, then the credentials (with the API's
/// lockout and audit), and starts a session.
async fn sign_in(
    web: Web,
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, WebError> {
    let cookie = cookie_in(&headers, PRE_SESSION_COOKIE).unwrap_or("");
    if cookie.is_empty() || !constant_time_eq(cookie.as_bytes(), form.csrf.as_bytes()) {
        return Err(csrf_refused());
    }
    let next = safe_next(if form.next.is_empty() {
        "/"
    } else {
        &form.next
    });
    let principal = match auth::sign_in(&state, &form.username, &form.password, "web").await {
        Ok(p) => p,
        Err(AppError::Unauthorized(message)) => {
            return sign_in_page(
                &web,
                &next,
                &form.username,
                Some(message),
                StatusCode::UNAUTHORIZED,
            );
        }
        Err(other) => return Err(other.into()),
    };
    let session_id = auth::new_secret("")?;
    let csrf_token = auth::new_secret("")?;
    let now = Utc::now();
    let expires_at = now + chrono::Duration::hours(crate::admin::SESSION_HOURS);
    state
        .store
        .create_session(
            &auth::secret_hash(&session_id),
            principal.user_id,
            &csrf_token,
            now,
            expires_at,
        )
        .await?;
    let mut response = redirect(&next);
    let attributes = web.cookie_attributes();
    for cookie in [
        format!(
            "{SESSION_COOKIE}={session_id}; {attributes}; Max-Age={}",
            crate::admin::SESSION_HOURS * 3600
        ),
        format!(
            "{PRE_SESSION_COOKIE}=; {}; Max-Age=0",
            attributes.replace("Path=/;", "Path=/sign-in;")
        ),
    ] {
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    Ok(response)
}

/// A form with only its CSRF token.
#[derive(Deserialize)]
pub struct CsrfForm {
    #[serde(default)]
    csrf: String,
}

/// `POST /sign-out`: ends the session.
async fn sign_out(
    web: Web,
    State(state): State<AppState>,
    Form(form): Form<CsrfForm>,
) -> Result<Response, WebError> {
    let session = web.form_session(&form.csrf)?;
    if let Via::Session(hash) = &session.auth.via {
        state.store.revoke_session(hash, Utc::now()).await?;
    }
    let mut response = redirect("/sign-in");
    let cookie = format!("{SESSION_COOKIE}=; {}; Max-Age=0", web.cookie_attributes());
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    Ok(response)
}

/// `GET /account`: who you are, your session, your API tokens, your password.
async fn account(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    let session = web.user()?;
    admin::account_page(&web, &state, session, None, None, StatusCode::OK).await
}

/// A date and time as shown on pages: the language's date format, in UTC.
pub fn shown_time(lang: Lang, at: DateTime<Utc>) -> String {
    neuronutri_knowledge::Locale {
        lang,
        zone: neuronutri_knowledge::Zone::default(),
    }
    .date_time(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_only_ever_a_local_path() {
        assert_eq!(safe_next("/patients/3?at=x"), "/patients/3?at=x");
        assert_eq!(safe_next("//evil.example/"), "/");
        assert_eq!(safe_next("https://evil.example/"), "/");
        assert_eq!(safe_next("/\\evil.example"), "/");
        assert_eq!(safe_next("/a\nb"), "/");
    }

    #[test]
    fn language_from_cookie_then_accept_language() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("de-DE, ru-RU;q=0.8"),
        );
        assert_eq!(request_lang(&headers), Lang::Ru);
        headers.insert(header::COOKIE, HeaderValue::from_static("nn_lang=uz-Cyrl"));
        assert_eq!(request_lang(&headers), Lang::UzCyrl);
        assert_eq!(request_lang(&HeaderMap::new()), Lang::En);
    }

    #[test]
    fn every_template_compiles() {
        for (name, _) in TEMPLATES {
            environment().get_template(name).unwrap();
        }
    }
}
