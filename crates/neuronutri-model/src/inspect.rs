//! What the engine understood of a bundle before any rule runs: the patient, each lab with
//! its original and canonical value, each condition and drug with the class it mapped to and
//! how, and everything read but not used, with the reason. `neuronutri inspect` prints it and
//! the web app shows it on a patient's "what the engine understood" page; both call
//! [`inspect`], so they cannot disagree.

use crate::codes::{drug_classes, ConditionClass};
use crate::{codemap, CodedValue, IgnoredReason, MappedBy, PatientRecord};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use std::collections::BTreeMap;

/// What the engine understood of one bundle.
#[derive(Serialize)]
pub struct Inspection {
    /// The assessment instant used.
    pub at: String,
    /// The patient.
    pub patient: PatientView,
    /// Laboratory and scale results, in bundle order.
    pub labs: Vec<LabView>,
    /// Coded observations: pregnancy status and swallow screens.
    pub coded: Vec<CodedView>,
    /// Conditions whose code the engine reads.
    pub conditions: Vec<ConditionView>,
    /// Medications, with the classes they reached.
    pub medications: Vec<MedicationView>,
    /// How many items were ignored, by reason.
    pub ignored_counts: BTreeMap<&'static str, usize>,
    /// Everything read but not used.
    pub ignored: Vec<IgnoredView>,
}

/// The patient as understood.
#[derive(Serialize)]
pub struct PatientView {
    /// The Patient entry, if any.
    pub entry: Option<usize>,
    /// Age in whole years at the instant, when the birth date is known and plausible.
    pub age: Option<u32>,
    /// The birth date used.
    pub birth_date: Option<String>,
    /// A birth date given but not used (before 1900 or an age over 120).
    pub implausible_birth_date: Option<String>,
    /// Administrative sex.
    pub sex: String,
    /// Pregnancy as the bundle says it: `pregnant`, `not_pregnant`, `unknown`, or absent.
    pub pregnancy: Option<String>,
    /// Where pregnancy was read from (a condition or a pregnancy status observation).
    pub pregnancy_from: Option<String>,
    /// Whether the patient is deceased.
    pub deceased: bool,
    /// The date of death, when given.
    pub deceased_at: Option<String>,
}

/// One result.
#[derive(Serialize)]
pub struct LabView {
    /// The bundle entry.
    pub entry: usize,
    /// The analyte.
    pub analyte: String,
    /// The code as given.
    pub code: String,
    /// The value as given, with its comparator.
    pub original: String,
    /// The value in the canonical unit, unrounded.
    pub canonical_value: f64,
    /// The canonical unit.
    pub canonical_unit: &'static str,
    /// When the sample was taken.
    pub effective: String,
    /// Whether only a date was given.
    pub date_only: bool,
}

/// One coded observation.
#[derive(Serialize)]
pub struct CodedView {
    /// The bundle entry.
    pub entry: usize,
    /// The code.
    pub code: String,
    /// What it says.
    pub value: CodedValue,
    /// When.
    pub effective: String,
}

/// One condition.
#[derive(Serialize)]
pub struct ConditionView {
    /// The bundle entry.
    pub entry: usize,
    /// The code system URI.
    pub system: String,
    /// The code.
    pub code: String,
    /// The mapped concept's term (SNOMED CT by map).
    pub term: Option<String>,
    /// The classes.
    pub classes: Vec<String>,
    /// How it was mapped: code (ICD-10 prefix) or map (SNOMED CT).
    pub mapped_by: Option<MappedBy>,
    /// Whether it is current.
    pub active: bool,
    /// clinicalStatus as given.
    pub clinical_status: Option<String>,
    /// Onset.
    pub onset: Option<String>,
}

/// One medication.
#[derive(Serialize)]
pub struct MedicationView {
    /// The bundle entry.
    pub entry: usize,
    /// MedicationStatement, MedicationRequest or MedicationAdministration.
    pub resource_type: String,
    /// The code system as given.
    pub system: Option<String>,
    /// The code as given.
    pub code: Option<String>,
    /// The name or text.
    pub name: Option<String>,
    /// The ATC code used.
    pub atc: Option<String>,
    /// The drug classes it reached.
    pub classes: Vec<String>,
    /// How the ATC code was found: code, map (RxNorm) or name.
    pub mapped_by: Option<MappedBy>,
    /// Whether it is taken at the instant.
    pub active: bool,
    /// Start.
    pub start: Option<String>,
    /// End.
    pub end: Option<String>,
    /// Route.
    pub route: Option<String>,
}

/// One ignored item.
#[derive(Serialize)]
pub struct IgnoredView {
    /// The bundle entry.
    pub entry: Option<usize>,
    /// The resource type.
    pub resource_type: String,
    /// Why.
    pub reason: IgnoredReason,
    /// What.
    pub detail: String,
}

fn instant(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The JSON name of a value that serializes as a string (an enum's `snake_case` name).
pub fn json_name<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Builds the inspection of a parsed record.
pub fn inspect(record: &PatientRecord, at: DateTime<Utc>) -> Inspection {
    let maps = codemap::builtin().ok();
    let pregnancy_condition = record
        .conditions
        .iter()
        .find(|c| c.active && c.is(ConditionClass::Pregnancy));
    let pregnancy_status = record.latest_coded(false);
    let (pregnancy, pregnancy_from) = match (pregnancy_status, pregnancy_condition) {
        (Some(status), _) => (
            Some(match status.value {
                CodedValue::Pregnant => "pregnant",
                CodedValue::NotPregnant => "not_pregnant",
                _ => "unknown",
            }),
            Some(format!(
                "observation entry {} ({})",
                status.entry, status.code
            )),
        ),
        (None, Some(condition)) => (
            Some("pregnant"),
            Some(format!(
                "condition entry {} ({})",
                condition.entry, condition.code
            )),
        ),
        (None, None) => (None, None),
    };
    let patient = PatientView {
        entry: record.patient_entry,
        age: record.age_at(at),
        birth_date: record.birth_date.map(|d| d.to_string()),
        implausible_birth_date: record.implausible_birth_date.map(|d| d.to_string()),
        sex: json_name(record.sex),
        pregnancy: pregnancy.map(str::to_string),
        pregnancy_from,
        deceased: record.deceased,
        deceased_at: record.deceased_at.map(instant),
    };
    let labs = record
        .observations
        .iter()
        .map(|o| LabView {
            entry: o.entry,
            analyte: o.analyte.to_string(),
            code: o.code.clone(),
            original: format!(
                "{}{} {}",
                o.comparator.map(|c| c.symbol()).unwrap_or(""),
                o.original_value,
                o.original_unit
            ),
            canonical_value: o.value,
            canonical_unit: o.analyte.canonical_unit(),
            effective: instant(o.effective),
            date_only: o.effective_date_only,
        })
        .collect();
    let coded = record
        .coded
        .iter()
        .map(|c| CodedView {
            entry: c.entry,
            code: c.code.clone(),
            value: c.value,
            effective: instant(c.effective),
        })
        .collect();
    let conditions = record
        .conditions
        .iter()
        .map(|c| ConditionView {
            entry: c.entry,
            system: c.system.clone(),
            code: c.code.clone(),
            term: (c.mapped_by == Some(MappedBy::Map))
                .then(|| {
                    maps.and_then(|m| m.snomed(c.code.trim()))
                        .map(|s| s.term.clone())
                })
                .flatten(),
            classes: c.classes.iter().map(|k| k.name()).collect(),
            mapped_by: c.mapped_by,
            active: c.active,
            clinical_status: c.clinical_status.clone(),
            onset: c.onset.map(instant),
        })
        .collect();
    let medications = record
        .medications
        .iter()
        .map(|m| MedicationView {
            entry: m.entry,
            resource_type: m.resource_type.clone(),
            system: m.system.clone(),
            code: m.code.clone(),
            name: m.name.clone(),
            atc: m.atc.clone(),
            classes: m
                .atc
                .as_deref()
                .map(drug_classes)
                .unwrap_or_default()
                .into_iter()
                .map(json_name)
                .collect(),
            mapped_by: m.mapped_by,
            active: m.active,
            start: m.start.map(instant),
            end: m.end.map(instant),
            route: m.route.clone(),
        })
        .collect();
    let mut ignored_counts = BTreeMap::new();
    for item in &record.ignored {
        *ignored_counts.entry(item.reason.id()).or_insert(0) += 1;
    }
    let ignored = record
        .ignored
        .iter()
        .map(|i| IgnoredView {
            entry: i.entry,
            resource_type: i.resource_type.clone(),
            reason: i.reason,
            detail: i.detail.clone(),
        })
        .collect();
    Inspection {
        at: instant(at),
        patient,
        labs,
        coded,
        conditions,
        medications,
        ignored_counts,
        ignored,
    }
}
