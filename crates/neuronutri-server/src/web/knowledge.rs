//! The knowledge pages, for every signed-in role (no patient data): the evidence map (each
//! seed claim with its verdict, why, its evidence sources and the codes that show it), the
//! rule catalogue (each code with kind, severity, certainty, sources, claim, when it is
//! emitted in words and the thresholds in force it names) and the source catalogue (each
//! source with the rules and thresholds that cite it). Every entry has an anchor (`#K1`,
//! `#MG.LOW`, `#COSTELLO-2016`) that the cards on the patient page link to.

use super::{Web, WebError};
use crate::AppState;
use axum::extract::State;
use axum::response::Response;
use fluent_bundle::FluentValue;
use neuronutri_knowledge::{Arg, Knowledge, Lang, Threshold};
use serde_json::{json, Value};

fn word<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn label(knowledge: &Knowledge, lang: Lang, prefix: &str, value: &str) -> String {
    let id = format!("{prefix}-{value}");
    if knowledge.texts.has(lang, &id) {
        knowledge.texts.render(lang, &id, &[])
    } else {
        value.replace('_', " ")
    }
}

fn shown(knowledge: &Knowledge, lang: Lang, t: &Threshold) -> String {
    let value = lang.number(t.value);
    if t.unit == "1" {
        value
    } else {
        format!("{value} {}", knowledge.texts.unit(lang, &t.unit))
    }
}

fn version_note(web: &Web, state: &AppState) -> String {
    super::i18n::texts().render(
        web.lang,
        "knowledge_version_note",
        &[(
            "version",
            FluentValue::from(state.knowledge_version.to_string()),
        )],
    )
}

/// `GET /knowledge/evidence`: every claim with its verdict, sources and codes.
pub async fn evidence(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.user()?;
    let k = &state.knowledge;
    let lang = web.lang;
    let claims: Vec<Value> = k
        .claims()
        .iter()
        .map(|c| {
            let message = format!("claim-{}", c.id.to_ascii_lowercase());
            let codes: Vec<&str> = k
                .rules()
                .iter()
                .filter(|r| r.claim.as_deref() == Some(c.id.as_str()))
                .map(|r| &*r.code)
                .collect();
            json!({
                "id": c.id,
                "text": k.texts.render(lang, &message, &[]),
                "why": k.texts.render(lang, &format!("{message}-why"), &[]),
                "verdict": c.verdict.as_str(),
                "verdict_label": label(k, lang, "verdict", c.verdict.as_str()),
                "seed": c.seed,
                "evidence": c.evidence,
                "codes": codes,
            })
        })
        .collect();
    web.render(
        "evidence.html",
        json!({"claims": claims, "version_note": version_note(&web, &state)}),
    )
}

/// `GET /knowledge/rules`: the rule catalogue.
pub async fn rules(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.user()?;
    let k = &state.knowledge;
    let lang = web.lang;
    let variables = neuronutri_knowledge::Texts::variables(lang);
    let thresholds = k.thresholds.all();
    let threshold_args: Vec<(&str, Arg)> = thresholds
        .iter()
        .map(|(n, t)| (*n, Arg::text(shown(k, lang, t))))
        .collect();
    let rules: Vec<Value> = k
        .rules()
        .iter()
        .map(|rule| {
            let trigger_id = format!("{}-trigger", rule.message_id());
            let (trigger, used) = match variables.get(&trigger_id) {
                Some(used) => (
                    k.texts.render(lang, &trigger_id, &threshold_args),
                    used.clone(),
                ),
                None => (rule.summary.clone(), Vec::new()),
            };
            let title_args: Vec<(&str, Arg)> = variables
                .get(rule.title_id())
                .into_iter()
                .flatten()
                .map(|v| (v.as_str(), Arg::text("…")))
                .collect();
            let used: Vec<Value> = used
                .iter()
                .filter_map(|u| thresholds.iter().find(|(n, _)| n == u))
                .map(|(n, t)| {
                    json!({"name": n, "value": shown(k, lang, t), "source": t.source,
                           "note": t.note, "overridden": t.overridden})
                })
                .collect();
            json!({
                "code": &*rule.code,
                "title": k.texts.render(lang, rule.title_id(), &title_args),
                "kind": label(k, lang, "kind", &word(rule.kind)),
                "severity": word(rule.severity),
                "severity_label": label(k, lang, "severity", &word(rule.severity)),
                "certainty_label": label(k, lang, "certainty", &word(rule.certainty)),
                "sources": &*rule.sources,
                "claim": rule.claim,
                "trigger": trigger,
                "thresholds": used,
            })
        })
        .collect();
    web.render(
        "rules.html",
        json!({"rules": rules, "version_note": version_note(&web, &state)}),
    )
}

/// `GET /knowledge/sources`: the source catalogue with what cites each source.
pub async fn sources(web: Web, State(state): State<AppState>) -> Result<Response, WebError> {
    web.user()?;
    let k = &state.knowledge;
    let lang = web.lang;
    let thresholds = k.thresholds.all();
    let sources: Vec<Value> = k
        .sources()
        .iter()
        .map(|s| {
            let rules: Vec<&str> = k
                .rules()
                .iter()
                .filter(|r| r.sources.iter().any(|id| id == &s.id))
                .map(|r| &*r.code)
                .collect();
            let claims: Vec<&str> = k
                .claims()
                .iter()
                .filter(|c| c.evidence.iter().any(|id| id == &s.id))
                .map(|c| c.id.as_str())
                .collect();
            let used: Vec<Value> = thresholds
                .iter()
                .filter(|(_, t)| t.source.as_deref() == Some(s.id.as_str()))
                .map(|(n, t)| json!({"name": n, "value": shown(k, lang, t)}))
                .collect();
            json!({"id": s.id, "citation": s.citation, "kind": s.kind,
                   "rules": rules, "claims": claims, "thresholds": used})
        })
        .collect();
    web.render(
        "sources.html",
        json!({"sources": sources, "version_note": version_note(&web, &state)}),
    )
}
