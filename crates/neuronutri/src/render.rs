//! Human-readable text rendering of an assessment (`--format text`).

use neuronutri_knowledge::{Arg, Knowledge, Lang};
use neuronutri_rules::{Assessment, Input, Item};
use std::io::Write;

/// Writes an assessment as text, sections in order of urgency.
pub(crate) fn text(
    knowledge: &Knowledge,
    lang: Lang,
    assessment: &Assessment,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let t = |id: &str, args: &[(&str, Arg)]| knowledge.texts.render(lang, id, args);
    let patient = assessment
        .patient
        .id
        .clone()
        .unwrap_or_else(|| t("report-patient-unknown", &[]));
    writeln!(
        out,
        "{}",
        t(
            "report-header",
            &[
                ("patient", Arg::text(patient)),
                ("at", Arg::text(assessment.assessed_at.clone()))
            ]
        )
    )?;
    for (section, items) in [
        ("section-alerts", &assessment.alerts),
        ("section-findings", &assessment.findings),
        ("section-recommendations", &assessment.recommendations),
        ("section-suppressed", &assessment.suppressed),
    ] {
        writeln!(out)?;
        writeln!(out, "{} ({})", t(section, &[]).to_uppercase(), items.len())?;
        if items.is_empty() {
            writeln!(out, "  {}", t("section-empty", &[]))?;
        }
        for item in items {
            write_item(knowledge, lang, item, out)?;
        }
    }
    Ok(())
}

fn write_item(
    knowledge: &Knowledge,
    lang: Lang,
    item: &Item,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let t = |id: &str, args: &[(&str, Arg)]| knowledge.texts.render(lang, id, args);
    let severity = t(&format!("severity-{}", serde_name(&item.severity)), &[]);
    writeln!(out, "  [{severity}] {}: {}", item.code, item.title)?;
    for line in wrap(&item.text, 88) {
        writeln!(out, "      {line}")?;
    }
    for extra in &item.lines {
        for (i, line) in wrap(extra, 84).iter().enumerate() {
            writeln!(out, "      {} {line}", if i == 0 { "-" } else { " " })?;
        }
    }
    if let Some(claim) = &item.claim {
        let verdict = t(&format!("verdict-{}", claim.verdict.as_str()), &[]);
        writeln!(
            out,
            "      {}: \"{}\"",
            t(
                "label-claim",
                &[
                    ("id", Arg::text(claim.id.clone())),
                    ("verdict", Arg::text(verdict))
                ]
            ),
            claim.text
        )?;
        for line in wrap(&claim.why, 84) {
            writeln!(out, "        {line}")?;
        }
    }
    if let Some(route) = &item.route {
        writeln!(out, "      {}: {route}", t("label-route", &[]))?;
    }
    let certainty = t(&format!("certainty-{}", serde_name(&item.certainty)), &[]);
    writeln!(
        out,
        "      {} · {}: {}",
        certainty,
        t("label-sources", &[]),
        item.sources.join(", ")
    )?;
    if !item.inputs.is_empty() {
        let inputs: Vec<String> = item
            .inputs
            .iter()
            .map(|i| describe_input(knowledge, lang, i))
            .collect();
        writeln!(
            out,
            "      {}: {}",
            t("label-inputs", &[]),
            inputs.join("; ")
        )?;
    }
    if !item.suppressed_by.is_empty() {
        writeln!(
            out,
            "      {}: {}",
            t("label-suppressed-by", &[]),
            item.suppressed_by.join(", ")
        )?;
    }
    Ok(())
}

fn serde_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn describe_input(knowledge: &Knowledge, lang: Lang, input: &Input) -> String {
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    let mut text = input.name.to_string();
    if let Some(code) = &input.code {
        text.push_str(&format!(" {code}"));
    }
    if let Some(display) = &input.display {
        text.push_str(&format!(" \"{display}\""));
    }
    if let (Some(value), Some(unit)) = (input.value, &input.unit) {
        text.push_str(&format!(" = {value} {unit}"));
    }
    if let (Some(value), Some(unit)) = (input.original_value, &input.original_unit) {
        text.push_str(&format!(" ({} {value} {unit})", t("label-given")));
    }
    if input.derived.is_some() {
        let id = if input.name == "egfr" {
            "derived-egfr"
        } else {
            "derived-elemental-mg"
        };
        text.push_str(&format!(" [{}]", t(id)));
    }
    if let Some(entry) = input.entry {
        text.push_str(&format!(" @{} {entry}", t("label-entry")));
    }
    text
}

/// Wraps text at word boundaries to at most `width` characters per line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
