//! The patient record the rules read: typed, unit-normalised facts with the bundle entry
//! each came from, so that every output can name its inputs.

use crate::codes::{atc_in_class, BdiVersion, ConditionClass, DrugClass};
use crate::units::Analyte;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

/// Administrative sex as FHIR `Patient.gender` gives it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    /// `male`
    Male,
    /// `female`
    Female,
    /// `other`
    Other,
    /// `unknown` or absent
    #[default]
    Unknown,
}

/// One laboratory or scale result.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Observation {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// What was measured.
    pub analyte: Analyte,
    /// The code as given (LOINC or local).
    pub code: String,
    /// The value in the analyte's canonical unit.
    pub value: f64,
    /// The value as given.
    pub original_value: f64,
    /// The unit as given.
    pub original_unit: String,
    /// When the sample was taken.
    pub effective: DateTime<Utc>,
    /// The lab's own reference range, converted to the canonical unit.
    pub reference_low: Option<f64>,
    /// The lab's own upper reference limit, converted to the canonical unit.
    pub reference_high: Option<f64>,
    /// For BDI scores, which inventory.
    pub bdi_version: Option<BdiVersion>,
}

/// One diagnosis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Condition {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// The ICD-10 code as given.
    pub code: String,
    /// The class the rules know it by, if any.
    pub class: Option<ConditionClass>,
    /// When it began, if known.
    pub onset: Option<DateTime<Utc>>,
    /// Whether it is current (clinicalStatus active, recurrence or relapse, or absent).
    pub active: bool,
}

/// One medication the patient takes or took.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Medication {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// The ATC code, given or looked up from the name.
    pub atc: Option<String>,
    /// The name or text, if given.
    pub name: Option<String>,
    /// Whether it is taken at the assessment instant.
    pub active: bool,
    /// When it was started, if known.
    pub start: Option<DateTime<Utc>>,
    /// The route, if given (e.g. `oral`, `intravenous`).
    pub route: Option<String>,
    /// Elemental magnesium per day in mg, for a magnesium product whose dose can be read.
    pub elemental_magnesium_mg_per_day: Option<f64>,
}

impl Medication {
    /// Whether the medication belongs to `class` (by its ATC code).
    pub fn is(&self, class: DrugClass) -> bool {
        self.atc
            .as_deref()
            .is_some_and(|atc| atc_in_class(atc, class))
    }

    /// A short label for messages: the name, else the ATC code.
    pub fn label(&self) -> String {
        self.name
            .clone()
            .or_else(|| self.atc.clone())
            .unwrap_or_else(|| "medication".into())
    }

    /// Whether this is magnesium taken by mouth (an A12CC product not given intravenously).
    pub fn is_oral_magnesium(&self) -> bool {
        self.is(DrugClass::Magnesium)
            && !self
                .route
                .as_deref()
                .is_some_and(|r| r.to_ascii_lowercase().contains("intraven"))
    }
}

/// Everything the rules know about one patient.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PatientRecord {
    /// Index of the Patient entry, if any.
    pub patient_entry: Option<usize>,
    /// Patient.id, if given.
    pub patient_id: Option<String>,
    /// Date of birth.
    pub birth_date: Option<NaiveDate>,
    /// Administrative sex.
    pub sex: Sex,
    /// Results the engine understands (others are skipped).
    pub observations: Vec<Observation>,
    /// Diagnoses coded in ICD-10.
    pub conditions: Vec<Condition>,
    /// Medication statements.
    pub medications: Vec<Medication>,
}

impl PatientRecord {
    /// The most recent result for `analyte` at or before `at`.
    pub fn latest(&self, analyte: Analyte) -> Option<&Observation> {
        self.observations
            .iter()
            .filter(|o| o.analyte == analyte)
            .max_by(|a, b| a.effective.cmp(&b.effective).then(a.entry.cmp(&b.entry)))
    }

    /// Active conditions of a class.
    pub fn active_conditions(&self, class: ConditionClass) -> impl Iterator<Item = &Condition> {
        self.conditions
            .iter()
            .filter(move |c| c.active && c.class == Some(class))
    }

    /// Whether an active condition of the class is present.
    pub fn has(&self, class: ConditionClass) -> bool {
        self.active_conditions(class).next().is_some()
    }

    /// Active medications of a class.
    pub fn taking(&self, class: DrugClass) -> impl Iterator<Item = &Medication> {
        self.medications
            .iter()
            .filter(move |m| m.active && m.is(class))
    }

    /// Age in whole years at `at`, when the birth date is known.
    pub fn age_at(&self, at: DateTime<Utc>) -> Option<u32> {
        self.birth_date
            .map(|birth| crate::time::age_in_years(birth, at))
    }
}
