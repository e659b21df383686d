//! Outbound HTTP of the CDS services: the FHIR queries a call's prefetch lacks, sent to the
//! call's `fhirServer` with its `fhirAuthorization` bearer token ("Providing FHIR Resources
//! to a CDS Service › FHIR Resource Access"), and the JWK Sets named by an allowlisted `jku`
//! (see [`super::jwt`]).
//!
//! Every request is bounded: a connect timeout, one deadline for everything a call fetches
//! (the specification expects answers "on the order of 500 ms"; a call that cannot get its
//! data in time is answered with an explicit "source too slow" outcome), a size limit on
//! each response, a cap on the pages of a search, and redirects followed only within the
//! same scheme, host and port (at most three). TLS is rustls with the *ring* provider.

use jsonwebtoken::jwk::JwkSet;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The bounds of outbound requests (the `fhir_*` and `jwks_*` keys of `[cds]`).
#[derive(Clone, Debug)]
pub struct FetchLimits {
    /// Longest wait for a TCP (and TLS) connection.
    pub connect_timeout: Duration,
    /// Longest time for everything one call fetches, all pages of all queries together;
    /// also the bound of one JWK Set download.
    pub timeout: Duration,
    /// Largest response body accepted, in bytes.
    pub max_bytes: usize,
    /// Most pages of one search followed through `next` links.
    pub max_pages: usize,
    /// How long a JWK Set fetched from a `jku` is reused.
    pub jwks_cache: Duration,
}

impl Default for FetchLimits {
    fn default() -> Self {
        FetchLimits {
            connect_timeout: Duration::from_secs(2),
            timeout: Duration::from_secs(5),
            max_bytes: 8 * 1024 * 1024,
            max_pages: 20,
            jwks_cache: Duration::from_secs(300),
        }
    }
}

/// Why fetching failed.
#[derive(Debug)]
pub enum FetchError {
    /// The source did not answer within the deadline ("source too slow").
    TooSlow(String),
    /// The source refused, failed or answered something unusable.
    Failed(String),
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FetchError::TooSlow(m) | FetchError::Failed(m) => f.write_str(m),
        }
    }
}

/// A JWK Set fetched from a `jku`, with the time it was fetched.
#[derive(Clone, Debug)]
pub(crate) struct CachedJwks {
    pub(crate) keys: Arc<JwkSet>,
    pub(crate) fetched: Instant,
}

/// The shared HTTP client (built on first use), the `jku` JWK Set cache, and the client
/// JWT ids this process has seen (`jwt::ReplayGuard`): the service's state beside its
/// configuration, shared by every clone.
#[derive(Clone, Debug, Default)]
pub struct Outbound {
    client: Arc<OnceLock<Result<reqwest::Client, String>>>,
    pub(crate) jwks: Arc<Mutex<HashMap<String, CachedJwks>>>,
    pub(crate) replay: Arc<super::jwt::ReplayGuard>,
}

fn same_origin(a: &reqwest::Url, b: &reqwest::Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

impl Outbound {
    /// The client, built once with `limits`' connect timeout.
    pub fn client(&self, limits: &FetchLimits) -> Result<reqwest::Client, FetchError> {
        self.client
            .get_or_init(|| {
                // reqwest is built without a crypto provider; ring is ours. Installing it
                // again (another instance in the same process) is harmless.
                let _ = rustls::crypto::ring::default_provider().install_default();
                reqwest::Client::builder()
                    .connect_timeout(limits.connect_timeout)
                    .redirect(reqwest::redirect::Policy::custom(|attempt| {
                        let same = attempt
                            .previous()
                            .first()
                            .is_some_and(|first| same_origin(first, attempt.url()));
                        if !same || attempt.previous().len() > 3 {
                            attempt.stop()
                        } else {
                            attempt.follow()
                        }
                    }))
                    .user_agent(concat!("neuronutri-cds/", env!("CARGO_PKG_VERSION")))
                    .build()
                    .map_err(|e| format!("the HTTP client cannot be built: {e}"))
            })
            .clone()
            .map_err(FetchError::Failed)
    }
}

/// GETs `url` as JSON before `deadline`, with `token` as bearer when given; the body is
/// read up to `max_bytes`.
pub async fn get_json(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    max_bytes: usize,
    deadline: Instant,
) -> Result<Value, FetchError> {
    let shown = url.split('?').next().unwrap_or(url).to_string();
    let work = async {
        let mut request = client.get(url).header(
            reqwest::header::ACCEPT,
            "application/fhir+json, application/json",
        );
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let mut response = request.send().await.map_err(|e| {
            if e.is_timeout() {
                FetchError::TooSlow(format!("{shown}: no answer in time"))
            } else if e.is_redirect() {
                FetchError::Failed(format!(
                    "{shown}: redirected to another host (not followed)"
                ))
            } else {
                FetchError::Failed(format!("{shown}: unreachable ({})", error_chain(&e)))
            }
        })?;
        let status = response.status();
        if status.is_redirection() {
            return Err(FetchError::Failed(format!(
                "{shown}: redirected to another host (not followed)"
            )));
        }
        if response
            .content_length()
            .is_some_and(|n| n > max_bytes as u64)
        {
            return Err(FetchError::Failed(format!(
                "{shown}: the answer is larger than {max_bytes} bytes"
            )));
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| {
            if e.is_timeout() {
                FetchError::TooSlow(format!("{shown}: the answer did not arrive in time"))
            } else {
                FetchError::Failed(format!("{shown}: the answer broke off ({e})"))
            }
        })? {
            if body.len() + chunk.len() > max_bytes {
                return Err(FetchError::Failed(format!(
                    "{shown}: the answer is larger than {max_bytes} bytes"
                )));
            }
            body.extend_from_slice(&chunk);
        }
        if !status.is_success() {
            return Err(FetchError::Failed(format!("{shown}: HTTP {status}")));
        }
        serde_json::from_slice::<Value>(&body)
            .map_err(|e| FetchError::Failed(format!("{shown}: the answer is not JSON ({e})")))
    };
    match tokio::time::timeout_at(deadline.into(), work).await {
        Ok(result) => result,
        Err(_) => Err(FetchError::TooSlow(format!("{shown}: no answer in time"))),
    }
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

/// One FHIR query to run against `fhirServer` for a prefetch key.
#[derive(Clone, Debug)]
pub struct Query {
    /// The prefetch key it answers.
    pub key: &'static str,
    /// The path and query under the server base, e.g. `Condition?patient=123`.
    pub path: String,
    /// Whether it is a search (answered by a Bundle, paged) or a read.
    pub search: bool,
}

/// Runs `query` against `base` and answers what the prefetch key would have held: the
/// resource of a read, or one `searchset` Bundle with the entries of every page.
pub async fn run_query(
    client: &reqwest::Client,
    base: &str,
    token: Option<&str>,
    query: &Query,
    limits: &FetchLimits,
    deadline: Instant,
) -> Result<Value, FetchError> {
    let base_url = reqwest::Url::parse(base)
        .map_err(|e| FetchError::Failed(format!("fhirServer '{base}' is not a URL: {e}")))?;
    let mut url = format!("{}/{}", base.trim_end_matches('/'), query.path);
    let key = query.key;
    if !query.search {
        let value = get_json(client, &url, token, limits.max_bytes, deadline).await?;
        return match value.get("resourceType").and_then(Value::as_str) {
            Some("OperationOutcome") => Err(FetchError::Failed(format!(
                "{key}: fhirServer answered an OperationOutcome"
            ))),
            Some(_) => Ok(value),
            None => Err(FetchError::Failed(format!(
                "{key}: fhirServer did not answer a FHIR resource"
            ))),
        };
    }
    let mut entries = Vec::new();
    for page in 1.. {
        if page > limits.max_pages {
            return Err(FetchError::Failed(format!(
                "{key}: more than {} pages of results",
                limits.max_pages
            )));
        }
        let bundle = get_json(client, &url, token, limits.max_bytes, deadline).await?;
        match bundle.get("resourceType").and_then(Value::as_str) {
            Some("Bundle") => {}
            Some("OperationOutcome") => {
                return Err(FetchError::Failed(format!(
                    "{key}: fhirServer answered an OperationOutcome"
                )))
            }
            _ => {
                return Err(FetchError::Failed(format!(
                    "{key}: fhirServer did not answer a Bundle"
                )))
            }
        }
        for entry in bundle
            .get("entry")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            // Search outcome messages (warnings) are not data.
            let outcome_mode =
                entry.pointer("/search/mode").and_then(Value::as_str) == Some("outcome");
            if let Some(resource) = entry.get("resource") {
                if !outcome_mode {
                    entries.push(json!({ "resource": resource }));
                }
            }
        }
        let next = bundle
            .get("link")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|l| l.get("relation").and_then(Value::as_str) == Some("next"))
            .and_then(|l| l.get("url").and_then(Value::as_str));
        let Some(next) = next else { break };
        let next_url = reqwest::Url::parse(next)
            .or_else(|_| base_url.join(next))
            .map_err(|e| FetchError::Failed(format!("{key}: bad next link ({e})")))?;
        // The bearer token goes only where fhirServer is.
        if !same_origin(&base_url, &next_url) {
            return Err(FetchError::Failed(format!(
                "{key}: the next page is on another host than fhirServer (not followed)"
            )));
        }
        url = next_url.to_string();
    }
    Ok(json!({"resourceType": "Bundle", "type": "searchset", "entry": entries}))
}
