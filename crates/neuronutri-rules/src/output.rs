//! The assessment as it is returned and serialised: the JSON contract of `PRODUCT.md`.

use chrono::{DateTime, Utc};
use neuronutri_knowledge::{Certainty, Kind, Severity, Verdict};
use serde::Serialize;
use std::sync::Arc;

/// The result of assessing one patient.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Assessment {
    /// Who was assessed.
    pub patient: PatientSummary,
    /// The assessment instant (RFC 3339, with the offset of the zone times are shown in).
    pub assessed_at: String,
    /// The zone times are shown in: `UTC`, `UTC+05:00` or an IANA name.
    pub time_zone: String,
    /// The language of the texts.
    pub lang: String,
    /// Statements about the patient, notes and evidence cards.
    pub findings: Vec<Item>,
    /// Things to consider doing.
    pub recommendations: Vec<Item>,
    /// Safety alerts and interactions.
    pub alerts: Vec<Item>,
    /// Recommendations a safety rule blocked, with the blocking codes.
    pub suppressed: Vec<Item>,
}

impl Assessment {
    /// Every emitted item (not the suppressed ones).
    pub fn items(&self) -> impl Iterator<Item = &Item> {
        self.findings
            .iter()
            .chain(&self.recommendations)
            .chain(&self.alerts)
    }

    /// Whether an item with `code` was emitted.
    pub fn has(&self, code: &str) -> bool {
        self.items().any(|i| &*i.code == code)
    }
}

/// The patient facts the assessment used.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PatientSummary {
    /// Patient.id.
    pub id: Option<String>,
    /// Age in years at the assessment instant.
    pub age: Option<u32>,
    /// Administrative sex.
    pub sex: neuronutri_model::Sex,
}

/// One output of a rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Item {
    /// The stable code (`KNOWLEDGE.md`).
    pub code: Arc<str>,
    /// Finding, recommendation, alert, note or evidence card.
    pub kind: Kind,
    /// How urgent.
    pub severity: Severity,
    /// GRADE certainty.
    pub certainty: Certainty,
    /// Source ids.
    pub sources: Arc<[String]>,
    /// The input values used, after conversion.
    pub inputs: Vec<Input>,
    /// A short title.
    pub title: String,
    /// The text a clinician reads.
    pub text: String,
    /// The seed claim shown with its verdict, if the rule shows one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub claim: Option<ClaimRef>,
    /// Further lines of the text: a schedule's phases, a model's inputs.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<String>,
    /// Structured values behind the text (model z-scores, schedule dates, open windows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
    /// For a recommendation with a route (magnesium repletion): `iv` or `oral`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// For a suppressed item: the safety codes that suppressed it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suppressed_by: Vec<String>,
}

/// A seed claim as shown beside an output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRef {
    /// `K1` ... `K12`.
    pub id: String,
    /// What stronger evidence says.
    pub verdict: Verdict,
    /// The claim as the seed makes it.
    pub text: String,
    /// Why the verdict.
    pub why: String,
}

/// One input value an output used.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Input {
    /// What it is: an analyte id (`serum_magnesium`), `condition`, `medication`, `age`, ...
    pub name: &'static str,
    /// The value in the canonical unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// The canonical unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<&'static str>,
    /// The value as given, when a conversion took place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_value: Option<f64>,
    /// The unit as given, when a conversion took place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub original_unit: Option<String>,
    /// The code (LOINC, ICD-10, ATC).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A display name (medication name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// When it was measured, began or was started (RFC 3339).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<DateTime<Utc>>,
    /// Whether the record gave the date without a time of day (it is then shown as a date).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub date_only: bool,
    /// The bundle entry it came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entry: Option<usize>,
    /// How it was derived, when it was computed rather than given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub derived: Option<&'static str>,
}
