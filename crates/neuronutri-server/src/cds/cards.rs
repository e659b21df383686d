//! Cards from an assessment ("CDS Service Response › Card Attributes"): one card per rule
//! code, with a `uuid` (feedback refers to it), a `summary` under 140 characters in the
//! requested language, the `indicator` from the rule's severity, a `source` naming the
//! knowledge version with a topic Coding, a Markdown `detail` with the certainty, the
//! sources and the inputs used, `overrideReasons` with a `display` on alerts (MUST), and
//! absolute `links`. OPTIONAL attributes without a value are omitted, never `null`, `""`,
//! `[]` or `{}` ("Use of JSON": implementers MUST omit them).

use super::request::DraftOrder;
use neuronutri_knowledge::{Kind, Knowledge, Lang, Severity};
use neuronutri_model::{DrugClass, PatientRecord};
use neuronutri_rules::{Assessment, Item};
use serde::Serialize;

/// What cards need to know about the site.
pub struct Site<'a> {
    /// The public base URL (links are absolute).
    pub public_base_url: &'a str,
    /// The knowledge in force.
    pub knowledge: &'a Knowledge,
    /// Its content hash.
    pub knowledge_version: &'a str,
    /// The language of the texts.
    pub lang: Lang,
}

/// A CDS Hooks card.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Card {
    /// Unique id (UUID v7: time-ordered).
    pub uuid: String,
    /// < 140 characters.
    pub summary: String,
    /// GitHub-flavoured Markdown.
    pub detail: String,
    /// `info`, `warning` or `critical`.
    pub indicator: &'static str,
    /// Where the guidance comes from.
    pub source: Source,
    /// Safe suggestions (only removing a contraindicated draft order).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<Suggestion>,
    /// Present exactly when there are suggestions ("If suggestions are present,
    /// selectionBehavior MUST also be provided").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub selection_behavior: Option<&'static str>,
    /// Reasons a clinician may give for overriding an alert.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub override_reasons: Vec<Coding>,
    /// The evidence page of the rule.
    pub links: Vec<Link>,
}

/// Card source.
#[derive(Clone, Debug, Serialize)]
pub struct Source {
    /// Short label with the knowledge version.
    pub label: String,
    /// Absolute URL of the rule's evidence page.
    pub url: String,
    /// The rule code as a Coding.
    pub topic: Coding,
}

/// A FHIR Coding.
#[derive(Clone, Debug, Serialize)]
pub struct Coding {
    /// Code system.
    pub system: String,
    /// Code.
    pub code: String,
    /// Text for people (always given).
    pub display: String,
}

/// A link.
#[derive(Clone, Debug, Serialize)]
pub struct Link {
    /// Text.
    pub label: String,
    /// Absolute URL.
    pub url: String,
    /// Always `absolute`.
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// A suggestion.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    /// Button text.
    pub label: String,
    /// Unique id.
    pub uuid: String,
    /// Only deletions of the draft order.
    pub actions: Vec<Action>,
}

/// A suggested action.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Action {
    /// Always `delete`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// What it does.
    pub description: String,
    /// The draft order, e.g. `MedicationRequest/abc`.
    pub resource_id: String,
}

/// The canonical text of a UUID's 16 bytes.
fn uuid_text(b: &[u8; 16]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(36);
    for (i, byte) in b.iter().enumerate() {
        if matches!(i, 4 | 6 | 8 | 10) {
            out.push('-');
        }
        out.push(HEX[usize::from(byte >> 4)] as char);
        out.push(HEX[usize::from(byte & 0x0f)] as char);
    }
    out
}

/// A random UUID v4.
pub fn uuid_v4() -> String {
    let mut b = [0u8; 16];
    // The operating system's generator; failing it is not recoverable.
    getrandom::fill(&mut b).expect("the operating system's random generator failed");
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid_text(&b)
}

/// A UUID v7 (RFC 9562): the Unix time in milliseconds, then 74 random bits. Cards get
/// these: the uuids issued one after the other sort in time order, so the database's index
/// of issued cards grows at its end instead of touching a random page per card.
pub fn uuid_v7() -> String {
    let mut b = [0u8; 16];
    getrandom::fill(&mut b[6..]).expect("the operating system's random generator failed");
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    b[..6].copy_from_slice(&ms.to_be_bytes()[2..]);
    b[6] = (b[6] & 0x0f) | 0x70;
    b[8] = (b[8] & 0x3f) | 0x80;
    uuid_text(&b)
}

/// At most 139 characters, cut at a word where possible, with an ellipsis when cut.
pub fn summary(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() < 140 {
        return text;
    }
    let cut: String = text.chars().take(138).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 80 => cut[..space].to_string(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

/// Escapes text from the record (names, codes) for Markdown.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Every character escaped is ASCII: copy the runs between them whole.
    let mut start = 0;
    for (i, byte) in text.bytes().enumerate() {
        if matches!(
            byte,
            b'\\' | b'`' | b'*' | b'_' | b'[' | b']' | b'<' | b'>' | b'#' | b'|' | b'!'
        ) {
            out.push_str(&text[start..i]);
            out.push('\\');
            start = i;
        }
    }
    out.push_str(&text[start..]);
    out
}

fn indicator(severity: Severity) -> &'static str {
    match severity {
        Severity::Info => "info",
        Severity::Warning => "warning",
        Severity::Critical => "critical",
    }
}

impl Site<'_> {
    /// A message of the knowledge's catalogue in the requested language.
    fn t(&self, id: &str) -> String {
        self.knowledge.texts.render(self.lang, id, &[])
    }

    /// A message with one text argument.
    fn t1(&self, id: &str, name: &str, value: &str) -> String {
        self.knowledge.texts.render(
            self.lang,
            id,
            &[(name, neuronutri_knowledge::Arg::text(value.to_string()))],
        )
    }
}

fn override_reasons(site: &Site) -> Vec<Coding> {
    let system = format!("{}/cds-services/override-reasons", site.public_base_url);
    [
        "already-addressed",
        "record-incorrect",
        "clinical-judgement",
        "not-applicable",
    ]
    .into_iter()
    .map(|code| Coding {
        system: system.clone(),
        code: code.into(),
        display: site.t(&format!("cds-override-{code}")),
    })
    .collect()
}

/// One input in the requested language: its name (`input-…` messages), the code and the
/// name as given, the value with its unit (`unit-…`), the value as given, how it was
/// derived, the date.
fn input_line(site: &Site, input: &neuronutri_rules::Input) -> String {
    let lang = site.lang;
    let name_id = format!("input-{}", input.name.replace('_', "-"));
    let mut s = if site.knowledge.texts.has(lang, &name_id) {
        site.t(&name_id)
    } else {
        input.name.replace('_', " ")
    };
    if let Some(code) = &input.code {
        s.push_str(&format!(" {}", md(code)));
    }
    if let Some(d) = &input.display {
        s.push_str(&format!(" {}", md(&lang.quote(d))));
    }
    if let Some(v) = input.value {
        s.push_str(&format!(": {}", lang.number(v)));
        if let Some(u) = input.unit {
            s.push_str(&format!(" {}", md(&site.knowledge.texts.unit(lang, u))));
        }
    }
    if let (Some(v), Some(u)) = (input.original_value, &input.original_unit) {
        s.push_str(&format!(
            " ({} {} {})",
            site.t("label-given"),
            lang.number(v),
            md(&site.knowledge.texts.unit(lang, u))
        ));
    }
    if let Some(date) = input.date {
        if input.date_only {
            s.push_str(&format!(", {}", date.format("%Y-%m-%d")));
        } else {
            s.push_str(&format!(", {}", date.to_rfc3339()));
        }
    }
    if input.derived.is_some() {
        let id = if input.name == "egfr" {
            "derived-egfr"
        } else {
            "derived-elemental-mg"
        };
        s.push_str(&format!(" \\[{}\\]", md(&site.t(id))));
    }
    s
}

/// The card of one rule code over its items (several when the rule fired more than once).
fn card(
    site: &Site,
    assessment: &Assessment,
    items: &[&Item],
    preface: Option<String>,
    reasons: &[Coding],
) -> Card {
    let first = items[0];
    let code = first.code.to_string();
    let severity = items
        .iter()
        .map(|i| i.severity)
        .max()
        .unwrap_or(Severity::Info);
    let mut detail = String::new();
    if let Some(preface) = preface {
        detail.push_str(&preface);
        detail.push_str("\n\n");
    }
    for item in items {
        if items.len() > 1 {
            detail.push_str(&format!("**{}**\n\n", md(&item.title)));
        }
        detail.push_str(&md(&item.text));
        detail.push_str("\n\n");
        for line in &item.lines {
            detail.push_str(&format!("- {}\n", md(line)));
        }
        if !item.lines.is_empty() {
            detail.push('\n');
        }
        if let Some(claim) = &item.claim {
            let verdict = serde_json::to_value(claim.verdict)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            let verdict = site.t(&format!("verdict-{verdict}"));
            let label = site.knowledge.texts.render(
                site.lang,
                "cds-detail-claim",
                &[
                    ("id", neuronutri_knowledge::Arg::text(claim.id.clone())),
                    ("verdict", neuronutri_knowledge::Arg::text(verdict)),
                ],
            );
            detail.push_str(&format!(
                "**{}:** {} — {}\n\n",
                md(&label),
                md(&claim.text),
                md(&claim.why)
            ));
        }
    }
    let certainty = serde_json::to_value(first.certainty)
        .ok()
        .and_then(|v| v.as_str().map(|s| site.t(&format!("certainty-{s}"))))
        .unwrap_or_default();
    detail.push_str(&format!(
        "**{}:** {}\n\n",
        site.t("cds-detail-certainty"),
        md(&certainty)
    ));
    let mut sources: Vec<&String> = items.iter().flat_map(|i| i.sources.iter()).collect();
    sources.sort();
    sources.dedup();
    if !sources.is_empty() {
        detail.push_str(&format!("**{}:**\n\n", site.t("cds-detail-sources")));
        for id in sources {
            match site.knowledge.sources().iter().find(|s| &s.id == id) {
                Some(s) => detail.push_str(&format!("- {} — {}\n", md(id), md(&s.citation))),
                None => detail.push_str(&format!("- {}\n", md(id))),
            }
        }
        detail.push('\n');
    }
    let inputs: Vec<String> = items
        .iter()
        .flat_map(|i| i.inputs.iter())
        .map(|input| input_line(site, input))
        .collect();
    if !inputs.is_empty() {
        detail.push_str(&format!("**{}:**\n\n", site.t("cds-detail-inputs")));
        for line in inputs {
            detail.push_str(&format!("- {line}\n"));
        }
        detail.push('\n');
    }
    // The suppressed items are not cards: they are named here, on the card of the code
    // that suppressed them.
    let suppressed: Vec<&Item> = assessment
        .suppressed
        .iter()
        .filter(|s| s.suppressed_by.contains(&code))
        .collect();
    if !suppressed.is_empty() {
        detail.push_str(&format!("**{}:**\n\n", site.t("cds-detail-suppressed")));
        for s in suppressed {
            detail.push_str(&format!(
                "- {} ({}): {}\n",
                md(&s.title),
                md(&s.code),
                md(&s.text)
            ));
        }
        detail.push('\n');
    }
    detail.push_str(&format!(
        "*{} · knowledge {} · rule {}*",
        crate::ENGINE_VERSION,
        site.knowledge_version,
        md(&code)
    ));
    let url = format!("{}/cds-evidence/{}", site.public_base_url, code);
    let short_version: String = site.knowledge_version.chars().take(15).collect();
    let alert = first.kind == Kind::Alert || severity >= Severity::Warning;
    Card {
        uuid: uuid_v7(),
        summary: summary(&first.title),
        detail,
        indicator: indicator(severity),
        source: Source {
            label: format!("neuronutri (knowledge {short_version})"),
            url: url.clone(),
            topic: Coding {
                system: format!("{}/cds-evidence", site.public_base_url),
                code: code.clone(),
                display: summary(&first.title),
            },
        },
        suggestions: Vec::new(),
        selection_behavior: None,
        override_reasons: if alert { reasons.to_vec() } else { Vec::new() },
        links: vec![Link {
            label: site.t1("cds-evidence-link", "code", &code),
            url,
            kind: "absolute",
        }],
    }
}

/// Groups items by code, keeping the order of first appearance.
fn by_code<'a>(items: impl Iterator<Item = &'a Item>) -> Vec<Vec<&'a Item>> {
    let mut groups: Vec<Vec<&Item>> = Vec::new();
    for item in items {
        match groups.iter_mut().find(|g| g[0].code == item.code) {
            Some(group) => group.push(item),
            None => groups.push(vec![item]),
        }
    }
    groups
}

/// patient-view: one card per emitted code (findings, recommendations, alerts), most
/// urgent first.
pub fn patient_view_cards(site: &Site, assessment: &Assessment) -> Vec<(String, Card)> {
    let mut groups = by_code(assessment.items());
    groups.sort_by_key(|g| std::cmp::Reverse(g.iter().map(|i| i.severity).max()));
    let reasons = override_reasons(site);
    groups
        .iter()
        .map(|g| {
            (
                g[0].code.to_string(),
                card(site, assessment, g, None, &reasons),
            )
        })
        .collect()
}

/// Codes that contraindicate a draft magnesium order, with which orders they apply to.
fn contraindicates(code: &str, med: &neuronutri_model::Medication) -> bool {
    match code {
        "SAFETY.MG_RENAL" => med.contains_magnesium() && !med.is(DrugClass::MagnesiumAntacid),
        "SAFETY.MG_IV_CONTRA" => med.contains_magnesium() && med.is_intravenous(),
        "SAFETY.MG_OROTATE_CONTRA" => med.is(DrugClass::MagnesiumOrotate),
        _ => false,
    }
}

/// Codes that are about a draft order without naming it in their inputs and without
/// contraindicating it: pregnancy at a magnesium orotate order (KNOWLEDGE.md: pregnancy
/// suppresses the orotate card). No suggestion comes with them.
fn concerns(code: &str, med: &neuronutri_model::Medication) -> bool {
    code == "SAFETY.PREGNANCY" && med.is(DrugClass::MagnesiumOrotate)
}

/// order-sign: cards about the draft orders only. A card shows a rule whose inputs include
/// a draft order (interactions, a proton pump inhibitor, the upper limit), or a
/// contraindication of magnesium that applies to a draft magnesium order, or pregnancy at an
/// orotate order; the contraindications carry
/// one suggestion per such order, to remove it (never to add anything).
pub fn order_sign_cards(
    site: &Site,
    assessment: &Assessment,
    record: &PatientRecord,
    drafts: &[DraftOrder],
) -> Vec<(String, Card)> {
    let draft_meds: Vec<(&DraftOrder, &neuronutri_model::Medication)> = drafts
        .iter()
        .filter_map(|d| {
            record
                .medications
                .iter()
                .find(|m| m.entry == d.entry)
                .map(|m| (d, m))
        })
        .collect();
    let mut out = Vec::new();
    let reasons = override_reasons(site);
    for group in by_code(assessment.items()) {
        let code = group[0].code.to_string();
        let concerned: Vec<&(&DraftOrder, &neuronutri_model::Medication)> = draft_meds
            .iter()
            .filter(|(d, m)| {
                contraindicates(&code, m)
                    || concerns(&code, m)
                    || group
                        .iter()
                        .any(|i| i.inputs.iter().any(|input| input.entry == Some(d.entry)))
            })
            .collect();
        if concerned.is_empty() {
            continue;
        }
        let names: Vec<String> = concerned.iter().map(|(_, m)| md(&m.label())).collect();
        let preface = format!("**{}:** {}", site.t("cds-draft-order"), names.join(", "));
        let mut c = card(site, assessment, &group, Some(preface), &reasons);
        for (draft, med) in &concerned {
            if !contraindicates(&code, med) {
                continue;
            }
            if let Some(reference) = &draft.reference {
                let remove = site.t1("cds-remove-draft-order", "order", &med.label());
                c.suggestions.push(Suggestion {
                    label: summary(&remove),
                    uuid: uuid_v7(),
                    actions: vec![Action {
                        kind: "delete",
                        description: format!("{remove} ({reference})"),
                        resource_id: reference.clone(),
                    }],
                });
            }
        }
        if !c.suggestions.is_empty() {
            c.selection_behavior = Some("any");
        }
        out.push((code, c));
    }
    out.sort_by_key(|(_, c)| {
        std::cmp::Reverse(match c.indicator {
            "critical" => 2,
            "warning" => 1,
            _ => 0,
        })
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn md_escapes_every_markdown_character_and_nothing_else() {
        assert_eq!(md(""), "");
        assert_eq!(md("Mg 0.55 mmol/L"), "Mg 0.55 mmol/L");
        assert_eq!(
            md(r"a\b`c*d_e[f]g<h>i#j|k!l"),
            r"a\\b\`c\*d\_e\[f\]g\<h\>i\#j\|k\!l"
        );
        assert_eq!(md("**Ўзбекча** — «x»"), r"\*\*Ўзбекча\*\* — «x»");
    }

    #[test]
    fn uuids_have_their_version_and_variant_and_v7_sorts_by_time() {
        for (uuid, version) in [(uuid_v4(), '4'), (uuid_v7(), '7')] {
            assert_eq!(uuid.len(), 36, "{uuid}");
            let parts: Vec<&str> = uuid.split('-').collect();
            assert_eq!(
                parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
                [8, 4, 4, 4, 12]
            );
            assert!(uuid
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
            assert_eq!(parts[2].chars().next(), Some(version), "{uuid}");
            assert!("89ab".contains(parts[3].chars().next().unwrap()), "{uuid}");
        }
        let first = uuid_v7();
        std::thread::sleep(std::time::Duration::from_millis(2));
        assert!(uuid_v7() > first);
        let ms = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_millis();
        let stamp = u128::from_str_radix(&first.replace('-', "")[..12], 16).unwrap();
        assert!(ms - stamp < 60_000, "{first}");
    }
}
