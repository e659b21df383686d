//! Human-readable text rendering of an assessment (`--format text`): every word in the chosen
//! language, numbers with its decimal separator, units as it writes them, times in the
//! assessment's zone.

use neuronutri_knowledge::{Arg, Knowledge, Locale};
use neuronutri_model::units::display_value;
use neuronutri_model::Analyte;
use neuronutri_rules::{Assessment, Input, Item};
use std::io::Write;

/// Writes an assessment as text, sections in order of urgency.
pub(crate) fn text(
    knowledge: &Knowledge,
    locale: Locale,
    at: chrono::DateTime<chrono::Utc>,
    assessment: &Assessment,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let lang = locale.lang;
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
                ("at", Arg::text(locale.heading_time(at)))
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
            write_item(knowledge, locale, item, out)?;
        }
    }
    Ok(())
}

fn write_item(
    knowledge: &Knowledge,
    locale: Locale,
    item: &Item,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let lang = locale.lang;
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
            "      {}: {}",
            t(
                "label-claim",
                &[
                    ("id", Arg::text(claim.id.clone())),
                    ("verdict", Arg::text(verdict))
                ]
            ),
            lang.quote(&claim.text)
        )?;
        for line in wrap(&claim.why, 84) {
            writeln!(out, "        {line}")?;
        }
    }
    if let Some(route) = &item.route {
        let id = format!("route-{route}");
        let route = if knowledge.texts.has(lang, &id) {
            t(&id, &[])
        } else {
            route.clone()
        };
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
            .map(|i| describe_input(knowledge, locale, i))
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

/// One input as a person reads it: `serum magnesium 2601-3: 0,52 ммоль/л (указано 1,26 мг/дл),
/// 10.03.2025 10:30 UTC, запись 3`. Codes, drug names as given and source ids stay as they are.
fn describe_input(knowledge: &Knowledge, locale: Locale, input: &Input) -> String {
    let lang = locale.lang;
    let t = |id: &str| knowledge.texts.render(lang, id, &[]);
    if input.name == "age" {
        if let Some(age) = input.value {
            return knowledge
                .texts
                .render(lang, "factor-age", &[("age", Arg::Number(age))]);
        }
    }
    let name_id = format!("input-{}", input.name.replace('_', "-"));
    let mut text = if knowledge.texts.has(lang, &name_id) {
        t(&name_id)
    } else {
        input.name.replace('_', " ")
    };
    if let Some(code) = &input.code {
        text.push_str(&format!(" {code}"));
    }
    if let Some(display) = &input.display {
        text.push_str(&format!(" {}", lang.quote(display)));
    }
    if let (Some(value), Some(ucum)) = (input.value, &input.unit) {
        let unit = knowledge.texts.unit(lang, ucum);
        let shown = shown_value(knowledge, input.name, value, ucum);
        text.push_str(&format!(": {} {unit}", lang.number(shown)));
    }
    if let (Some(value), Some(unit)) = (input.original_value, &input.original_unit) {
        let unit = knowledge.texts.unit(lang, unit);
        text.push_str(&format!(
            " ({} {} {unit})",
            t("label-given"),
            lang.number(value)
        ));
    }
    if input.derived.is_some() {
        let id = if input.name == "egfr" {
            "derived-egfr"
        } else {
            "derived-elemental-mg"
        };
        text.push_str(&format!(" [{}]", t(id)));
    }
    if let Some(date) = input.date {
        text.push_str(&format!(", {}", locale.instant(date, input.date_only)));
    }
    if let Some(entry) = input.entry {
        text.push_str(&format!(", {} {entry}", t("label-entry")));
    }
    text
}

/// A value rounded to the precision its laboratory reports, with more decimals where rounding
/// would carry it across any threshold of the knowledge base in the same unit, so the shown
/// value never contradicts a classification (KNOWLEDGE.md, principle 9). Values of anything
/// that is not an analyte (doses, computed eGFR) are shown as the rules gave them.
fn shown_value(knowledge: &Knowledge, name: &str, value: f64, unit: &str) -> f64 {
    let Some(analyte) = Analyte::ALL.into_iter().find(|a| a.id() == name) else {
        return value;
    };
    let thresholds: Vec<f64> = knowledge
        .thresholds
        .all()
        .into_iter()
        .filter(|(_, t)| t.unit == unit)
        .map(|(_, t)| t.value)
        .collect();
    display_value(value, analyte.reporting_decimals(), &thresholds)
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
