//! The public evidence page of a rule code, which every card links to (`source.url` and
//! `links`): the rule's kind, severity, GRADE certainty, its sources with their citations
//! and the seed claim with its verdict. Knowledge only, no patient data.

use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

fn esc(text: &str) -> String {
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

fn word<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(|s| s.replace('_', " ")))
        .unwrap_or_default()
}

/// `GET /cds-evidence/{code}`: an HTML page, 404 for an unknown code.
#[utoipa::path(get, path = "/cds-evidence/{code}", tag = "cds-hooks",
    params(("code" = String, Path, description = "A rule code, e.g. MG.LOW")),
    responses((status = 200, description = "The rule's evidence: certainty, sources, the seed claim and its verdict", content_type = "text/html", body = String),
              (status = 404, description = "No such rule code")))]
pub async fn page(State(state): State<AppState>, Path(code): Path<String>) -> Response {
    let Some(rule) = state.knowledge.rule(&code) else {
        return (StatusCode::NOT_FOUND, "no such rule code").into_response();
    };
    let mut html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{code} — neuronutri evidence</title></head><body><h1>{code}</h1><p>Kind: {kind}. Severity: {severity}. Certainty (GRADE): {certainty}.</p><p>Knowledge version {version}.</p><h2>Sources</h2><ul>",
        code = esc(&rule.code),
        kind = esc(&word(rule.kind)),
        severity = esc(&word(rule.severity)),
        certainty = esc(&word(rule.certainty)),
        version = esc(&state.knowledge_version),
    );
    for id in rule.sources.iter() {
        let citation = state
            .knowledge
            .sources()
            .iter()
            .find(|s| &s.id == id)
            .map(|s| format!("{} ({})", s.citation, s.kind))
            .unwrap_or_default();
        html.push_str(&format!("<li><b>{}</b> {}</li>", esc(id), esc(&citation)));
    }
    html.push_str("</ul>");
    if let Some(claim) = rule
        .claim
        .as_deref()
        .and_then(|id| state.knowledge.claim(id))
    {
        html.push_str(&format!(
            "<h2>Claim {}</h2><p>{}</p><p>Verdict: {}</p>",
            esc(&claim.id),
            esc(&claim.seed),
            esc(&word(claim.verdict))
        ));
    }
    html.push_str("</body></html>");
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], html).into_response()
}
