//! `neuronutri rules`: the rule catalogue documents itself. Every output code with its kind,
//! severity, certainty, sources and seed claim (`data/rules.toml`), when it is emitted in
//! words (the `-trigger` messages of `locales/rules/`) and the thresholds in force that the
//! trigger names (`data/thresholds.toml`, with a site's `--config` overrides), so a clinical
//! reviewer can read the whole logic without reading Rust. `--format md` is committed as
//! `docs/rules.md`.

use crate::BadInput;
use anyhow::Result;
use neuronutri_knowledge::{Arg, Knowledge, Lang, Rule, Threshold};
use serde::Serialize;
use std::collections::HashMap;
use std::io::Write;

/// Output format of the rule catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum RulesFormat {
    /// Plain text.
    Text,
    /// Markdown (docs/rules.md).
    Md,
    /// JSON, one object per code.
    Json,
}

#[derive(Serialize)]
struct ThresholdOut<'a> {
    name: &'a str,
    value: f64,
    unit: &'a str,
    /// The value with its unit, as a reader sees it.
    shown: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    overridden: bool,
    default: f64,
}

#[derive(Serialize)]
struct ClaimOut<'a> {
    id: &'a str,
    verdict: &'static str,
}

#[derive(Serialize)]
struct RuleOut<'a> {
    code: &'a str,
    title: String,
    kind: neuronutri_knowledge::Kind,
    severity: neuronutri_knowledge::Severity,
    certainty: neuronutri_knowledge::Certainty,
    sources: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<ClaimOut<'a>>,
    trigger: String,
    thresholds: Vec<ThresholdOut<'a>>,
    /// The catalogue's own one-line summary (English, from data/rules.toml).
    summary: &'a str,
}

#[derive(Serialize)]
struct Catalogue<'a> {
    lang: &'static str,
    rules: Vec<RuleOut<'a>>,
    /// Thresholds that no trigger names (shown so that nothing is hidden).
    unused_thresholds: Vec<ThresholdOut<'a>>,
}

/// A serde enum's snake_case name (`very_low`).
fn name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Writes the rule catalogue (or one code of it) in `lang`.
pub fn run(
    knowledge: &Knowledge,
    defaults: &Knowledge,
    lang: Lang,
    code: Option<&str>,
    format: RulesFormat,
    out: &mut impl Write,
) -> Result<()> {
    let rules: Vec<&Rule> = knowledge
        .rules()
        .iter()
        .filter(|r| code.is_none_or(|c| r.code.eq_ignore_ascii_case(c)))
        .collect();
    if let Some(wanted) = code.filter(|_| rules.is_empty()) {
        return Err(BadInput(format!(
            "--code: no code '{wanted}' in the rule catalogue (see `neuronutri rules`)"
        ))
        .into());
    }
    let catalogue = build(knowledge, defaults, lang, &rules);
    match format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &catalogue)?;
            writeln!(out)?;
        }
        RulesFormat::Md => write_md(knowledge, lang, &catalogue, code.is_none(), out)?,
        RulesFormat::Text => write_text(knowledge, lang, &catalogue, code.is_none(), out)?,
    }
    Ok(())
}

fn build<'a>(
    knowledge: &'a Knowledge,
    defaults: &Knowledge,
    lang: Lang,
    rules: &[&'a Rule],
) -> Catalogue<'a> {
    let texts = &knowledge.texts;
    let variables = neuronutri_knowledge::Texts::variables(lang);
    let defaults: HashMap<&str, f64> = defaults
        .thresholds
        .all()
        .into_iter()
        .map(|(n, t)| (n, t.value))
        .collect();
    let thresholds: Vec<(&'static str, &'a Threshold)> = knowledge.thresholds.all();
    let shown = |t: &Threshold| {
        let value = lang.number(t.value);
        if t.unit == "1" {
            value
        } else {
            format!("{value} {}", texts.unit(lang, &t.unit))
        }
    };
    let threshold_out = |name: &'a str, t: &'a Threshold| ThresholdOut {
        name,
        value: t.value,
        unit: &t.unit,
        shown: shown(t),
        source: t.source.as_deref(),
        note: t.note.as_deref(),
        overridden: t.overridden,
        default: defaults.get(name).copied().unwrap_or(t.value),
    };
    let threshold_args: Vec<(&str, Arg)> = thresholds
        .iter()
        .map(|(n, t)| (*n, Arg::text(shown(t))))
        .collect();
    let mut named: Vec<&str> = Vec::new();
    let mut out = Vec::new();
    for rule in rules {
        let trigger_id = format!("{}-trigger", rule.message_id());
        let (trigger, used) = match variables.get(&trigger_id) {
            Some(used) => (
                texts.render(lang, &trigger_id, &threshold_args),
                used.clone(),
            ),
            None => (rule.summary.clone(), Vec::new()),
        };
        named.extend(
            used.iter()
                .map(String::as_str)
                .filter_map(|u| thresholds.iter().find(|(n, _)| *n == u).map(|(n, _)| *n)),
        );
        // A title with arguments (`… and { $drug }`) shows them as an ellipsis.
        let title_args: Vec<(&str, Arg)> = variables
            .get(rule.title_id())
            .into_iter()
            .flatten()
            .map(|v| (v.as_str(), Arg::text("…")))
            .collect();
        out.push(RuleOut {
            code: &rule.code,
            title: texts.render(lang, rule.title_id(), &title_args),
            kind: rule.kind,
            severity: rule.severity,
            certainty: rule.certainty,
            sources: &rule.sources,
            claim: rule
                .claim
                .as_deref()
                .and_then(|c| knowledge.claim(c))
                .map(|c| ClaimOut {
                    id: &c.id,
                    verdict: c.verdict.as_str(),
                }),
            trigger,
            thresholds: used
                .iter()
                .filter_map(|u| thresholds.iter().find(|(n, _)| n == u))
                .map(|(n, t)| threshold_out(n, t))
                .collect(),
            summary: &rule.summary,
        });
    }
    let unused_thresholds = if rules.len() == knowledge.rules().len() {
        thresholds
            .iter()
            .filter(|(n, _)| !named.contains(n))
            .map(|(n, t)| threshold_out(n, t))
            .collect()
    } else {
        Vec::new()
    };
    Catalogue {
        lang: lang.tag(),
        rules: out,
        unused_thresholds,
    }
}

/// One threshold as a line: `mg_lower_ref` = 0.75 mmol/L (COSTELLO-2016).
fn threshold_line(knowledge: &Knowledge, lang: Lang, t: &ThresholdOut, code: bool) -> String {
    let texts = &knowledge.texts;
    let name = if code {
        format!("`{}`", t.name)
    } else {
        t.name.to_string()
    };
    let mut why = Vec::new();
    // The provenance notes of data/thresholds.toml are English: shown in English only.
    let note = t.note.filter(|_| lang == Lang::En);
    match (t.source, note) {
        (Some(source), _) => why.push(source.to_string()),
        (None, Some(_)) => {}
        (None, None) => why.push(texts.render(lang, "rules-threshold-no-source", &[])),
    }
    why.extend(note.map(str::to_string));
    if t.overridden {
        why.push(texts.render(
            lang,
            "rules-threshold-overridden",
            &[("default", Arg::text(lang.number(t.default)))],
        ));
    }
    format!("{name} = {} ({})", t.shown, why.join("; "))
}

fn labels(knowledge: &Knowledge, lang: Lang, rule: &RuleOut) -> Vec<(String, String)> {
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    let mut rows = vec![
        (
            t("rules-label-kind"),
            t(&format!("kind-{}", name(&rule.kind))),
        ),
        (
            t("rules-label-severity"),
            t(&format!("severity-{}", name(&rule.severity))),
        ),
        (
            t("rules-label-certainty"),
            t(&format!("certainty-{}", name(&rule.certainty))),
        ),
        (t("rules-label-sources"), rule.sources.join(", ")),
    ];
    if let Some(claim) = &rule.claim {
        rows.push((
            t("rules-label-claim"),
            format!(
                "{} ({})",
                claim.id,
                t(&format!("verdict-{}", claim.verdict))
            ),
        ));
    }
    rows
}

fn cited_sources<'a>(knowledge: &'a Knowledge, catalogue: &Catalogue) -> Vec<(&'a str, &'a str)> {
    knowledge
        .sources()
        .iter()
        .filter(|s| {
            catalogue.rules.iter().any(|r| r.sources.contains(&s.id))
                || catalogue
                    .rules
                    .iter()
                    .flat_map(|r| &r.thresholds)
                    .chain(&catalogue.unused_thresholds)
                    .any(|t| t.source == Some(s.id.as_str()))
        })
        .map(|s| (s.id.as_str(), s.citation.as_str()))
        .collect()
}

fn write_md(
    knowledge: &Knowledge,
    lang: Lang,
    catalogue: &Catalogue,
    whole: bool,
    out: &mut impl Write,
) -> Result<()> {
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    if whole {
        writeln!(out, "# {}\n", t("rules-heading"))?;
        writeln!(out, "{}\n", t("rules-intro"))?;
    }
    for rule in &catalogue.rules {
        writeln!(out, "## `{}` {}\n", rule.code, rule.title)?;
        for (label, value) in labels(knowledge, lang, rule) {
            writeln!(out, "- {label}: {value}")?;
        }
        writeln!(out, "- {}: {}", t("rules-label-trigger"), rule.trigger)?;
        if rule.thresholds.is_empty() {
            writeln!(
                out,
                "- {}: {}",
                t("rules-label-thresholds"),
                t("rules-none")
            )?;
        } else {
            writeln!(out, "- {}:", t("rules-label-thresholds"))?;
            for threshold in &rule.thresholds {
                writeln!(
                    out,
                    "  - {}",
                    threshold_line(knowledge, lang, threshold, true)
                )?;
            }
        }
        writeln!(out)?;
    }
    if !catalogue.unused_thresholds.is_empty() {
        writeln!(out, "## {}\n", t("rules-unused-heading"))?;
        for threshold in &catalogue.unused_thresholds {
            writeln!(
                out,
                "- {}",
                threshold_line(knowledge, lang, threshold, true)
            )?;
        }
        writeln!(out)?;
    }
    if whole {
        writeln!(out, "## {}\n", t("rules-sources-heading"))?;
        for (id, citation) in cited_sources(knowledge, catalogue) {
            writeln!(out, "- `{id}`: {citation}")?;
        }
    }
    Ok(())
}

fn write_text(
    knowledge: &Knowledge,
    lang: Lang,
    catalogue: &Catalogue,
    whole: bool,
    out: &mut impl Write,
) -> Result<()> {
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    if whole {
        writeln!(out, "{}\n", t("rules-heading").to_uppercase())?;
    }
    for rule in &catalogue.rules {
        writeln!(out, "{}  {}", rule.code, rule.title)?;
        for (label, value) in labels(knowledge, lang, rule) {
            writeln!(out, "    {label}: {value}")?;
        }
        writeln!(out, "    {}: {}", t("rules-label-trigger"), rule.trigger)?;
        if rule.thresholds.is_empty() {
            writeln!(
                out,
                "    {}: {}",
                t("rules-label-thresholds"),
                t("rules-none")
            )?;
        } else {
            writeln!(out, "    {}:", t("rules-label-thresholds"))?;
            for threshold in &rule.thresholds {
                writeln!(
                    out,
                    "      {}",
                    threshold_line(knowledge, lang, threshold, false)
                )?;
            }
        }
        writeln!(out)?;
    }
    if !catalogue.unused_thresholds.is_empty() {
        writeln!(out, "{}", t("rules-unused-heading").to_uppercase())?;
        for threshold in &catalogue.unused_thresholds {
            writeln!(
                out,
                "    {}",
                threshold_line(knowledge, lang, threshold, false)
            )?;
        }
    }
    Ok(())
}
