//! The patient record the rules read: typed, unit-normalised facts with the bundle entry
//! each came from, so that every output can name its inputs.

use crate::codes::{atc_in_class, BdiVersion, ConditionClass, DrugClass};
use crate::salts::MagnesiumSalt;
use crate::units::{compare, Analyte};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use std::cmp::Ordering;

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

/// A result's comparator (`valueQuantity.comparator`): `<0.7` means "below 0.7", never 0.7.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Comparator {
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `<=`
    #[serde(rename = "<=")]
    Le,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `>=`
    #[serde(rename = ">=")]
    Ge,
}

impl Comparator {
    /// The FHIR spelling.
    pub fn symbol(self) -> &'static str {
        match self {
            Comparator::Lt => "<",
            Comparator::Le => "≤",
            Comparator::Gt => ">",
            Comparator::Ge => "≥",
        }
    }

    /// Reads a FHIR `QuantityComparator` (`<`, `<=`, `>`, `>=`).
    pub fn parse(text: &str) -> Option<Comparator> {
        Some(match text {
            "<" => Comparator::Lt,
            "<=" => Comparator::Le,
            ">" => Comparator::Gt,
            ">=" => Comparator::Ge,
            _ => return None,
        })
    }
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
    /// The value in the analyte's canonical unit, unrounded (KNOWLEDGE.md, principle 9:
    /// thresholds compare this value; rounding is for display only, see
    /// [`crate::units::display_decimals`]).
    pub value: f64,
    /// The result's comparator, when the value is a bound (`<0.7`); `None` for an exact value.
    pub comparator: Option<Comparator>,
    /// The value as given.
    pub original_value: f64,
    /// The unit as given.
    pub original_unit: String,
    /// When the sample was taken.
    pub effective: DateTime<Utc>,
    /// Whether the date was given without a time of day (a date-only value is a date: no
    /// hours are computed from it, and no time of day is inferred).
    pub effective_date_only: bool,
    /// The UTC offset (seconds east) written in the result's own dateTime, when it has one:
    /// the local clock of the sampling (a cortisol "morning" is local time).
    pub effective_utc_offset: Option<i32>,
    /// The lab's own reference range, converted to the canonical unit.
    pub reference_low: Option<f64>,
    /// The lab's own upper reference limit, converted to the canonical unit.
    pub reference_high: Option<f64>,
    /// For BDI scores, which inventory.
    pub bdi_version: Option<BdiVersion>,
}

impl Observation {
    /// Whether the result is certainly below `threshold`: an exact value below it (compared
    /// unrounded, with a relative tolerance of 1e-9 for unit conversions), or `<x` / `<=x`
    /// with the bound at or below / below it.
    pub fn is_below(&self, threshold: f64) -> bool {
        let order = compare(self.value, threshold);
        match self.comparator {
            None | Some(Comparator::Le) => order == Ordering::Less,
            Some(Comparator::Lt) => order != Ordering::Greater,
            Some(Comparator::Gt | Comparator::Ge) => false,
        }
    }

    /// Whether the result is certainly at or above `threshold`.
    pub fn is_at_or_above(&self, threshold: f64) -> bool {
        let order = compare(self.value, threshold);
        match self.comparator {
            None | Some(Comparator::Ge) => order != Ordering::Less,
            Some(Comparator::Gt) => order != Ordering::Less,
            Some(Comparator::Lt | Comparator::Le) => false,
        }
    }

    /// Whether the result is certainly above `threshold`.
    pub fn is_above(&self, threshold: f64) -> bool {
        let order = compare(self.value, threshold);
        match self.comparator {
            None | Some(Comparator::Ge) => order == Ordering::Greater,
            Some(Comparator::Gt) => order != Ordering::Less,
            Some(Comparator::Lt | Comparator::Le) => false,
        }
    }

    /// Whether the result is certainly at or below `threshold`.
    pub fn is_at_or_below(&self, threshold: f64) -> bool {
        let order = compare(self.value, threshold);
        match self.comparator {
            None | Some(Comparator::Le) => order != Ordering::Greater,
            Some(Comparator::Lt) => order != Ordering::Greater,
            Some(Comparator::Gt | Comparator::Ge) => false,
        }
    }
}

/// How a coded input reached the class the rules know it by (KNOWLEDGE.md, revision 2), so
/// that `inspect` and `inputs` can say it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MappedBy {
    /// The code carries its class: an ICD-10 code by prefix, an ATC code.
    Code,
    /// A reviewed code map (`data/snomed_conditions.toml`, `data/rxnorm.toml`).
    Map,
    /// A drug name found in the text or display (`data/drug_names.toml`).
    Name,
}

/// One diagnosis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Condition {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// The code as given (ICD-10 in any national edition, or SNOMED CT).
    pub code: String,
    /// The code system URI as given.
    pub system: String,
    /// How the code reached its classes (none when it reached no class).
    pub mapped_by: Option<MappedBy>,
    /// The classes the rules know it by (none, one, or more: pre-eclampsia is also a
    /// pregnancy).
    pub classes: Vec<ConditionClass>,
    /// When it began, if known.
    pub onset: Option<DateTime<Utc>>,
    /// Whether the onset was given as a date without a time of day.
    pub onset_date_only: bool,
    /// Whether it is current (clinicalStatus active, recurrence or relapse, or absent).
    pub active: bool,
    /// `clinicalStatus` as given (its first coding's code), if any.
    pub clinical_status: Option<String>,
}

impl Condition {
    /// Whether the condition belongs to `class`.
    pub fn is(&self, class: ConditionClass) -> bool {
        self.classes.contains(&class)
    }
}

/// How the daily elemental magnesium of a medication was read (KNOWLEDGE.md,
/// SAFETY.MG_ABOVE_UL and MG-SALTS), so that `inputs` can say it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "reading", rename_all = "snake_case")]
pub enum MagnesiumReading {
    /// A dose in mg of a product named by a salt: salt weight × the salt's elemental
    /// fraction.
    Salt {
        /// The salt.
        salt: MagnesiumSalt,
        /// Its elemental fraction.
        fraction: f64,
    },
    /// Magnesium orotate tablets at 32.8 mg elemental each (MAGNEROT-SMPC).
    OrotateTablet,
    /// `Medication.ingredient` whose item is magnesium itself, with a strength.
    IngredientStrength,
    /// A dose in mmol of magnesium (× 24.305 mg/mmol).
    Millimoles,
    /// A dose in mg of a product named only "magnesium": elemental.
    NamedElemental,
}

/// Elemental magnesium per day from one medication, and how it was read.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct MagnesiumDose {
    /// Elemental magnesium, mg per day (unrounded).
    pub mg_per_day: f64,
    /// How it was read.
    pub reading: MagnesiumReading,
}

/// One medication the patient takes or took.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Medication {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// The resource it came from: MedicationStatement, MedicationRequest or
    /// MedicationAdministration.
    pub resource_type: String,
    /// The code as given (ATC, RxNorm or another system), if any.
    pub code: Option<String>,
    /// The system of `code`.
    pub system: Option<String>,
    /// The ATC code: given, mapped from RxNorm, or looked up from the name.
    pub atc: Option<String>,
    /// How `atc` was found (none when there is no ATC code).
    pub mapped_by: Option<MappedBy>,
    /// The name or text, if given.
    pub name: Option<String>,
    /// Whether it is taken at the assessment instant.
    pub active: bool,
    /// When it was started, if known.
    pub start: Option<DateTime<Utc>>,
    /// Whether the start was given as a date without a time of day.
    pub start_date_only: bool,
    /// When it ended or ends, if known (`effectivePeriod.end`).
    pub end: Option<DateTime<Utc>>,
    /// The route, if given (e.g. `oral`, `intravenous`).
    pub route: Option<String>,
    /// Elemental magnesium per day, for a magnesium-containing product whose dose can be
    /// read, with the reading used.
    pub magnesium: Option<MagnesiumDose>,
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

    /// Elemental magnesium per day in mg, when it could be read.
    pub fn elemental_magnesium_mg_per_day(&self) -> Option<f64> {
        self.magnesium.map(|m| m.mg_per_day)
    }

    /// Whether the route is intravenous (or the product is the B05XA05 infusion).
    pub fn is_intravenous(&self) -> bool {
        self.is(DrugClass::MagnesiumSulfateInfusion)
            || self.route.as_deref().is_some_and(|r| {
                let r = r.to_lowercase();
                r.contains("intraven") || r == "iv" || r.contains("внутривен")
            })
    }

    /// Whether this is a magnesium supplement taken by mouth (an A12CC product not given
    /// intravenously).
    pub fn is_oral_magnesium(&self) -> bool {
        self.is(DrugClass::Magnesium) && !self.is_intravenous()
    }

    /// Whether the product contains magnesium (supplement, infusion, antacid, laxative).
    pub fn contains_magnesium(&self) -> bool {
        DrugClass::ALL
            .into_iter()
            .any(|class| class.contains_magnesium() && self.is(class))
    }

    /// Days the medication has been taken at `at`, when the start is known.
    pub fn days_taken(&self, at: DateTime<Utc>) -> Option<f64> {
        self.start
            .map(|start| ((at - start).num_seconds() as f64 / 86_400.0).max(0.0))
    }
}

/// The coded (non-numeric) observations the rules read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CodedValue {
    /// Pregnancy status (LOINC 82810-3): pregnant.
    Pregnant,
    /// Pregnancy status (LOINC 82810-3): not pregnant.
    NotPregnant,
    /// Pregnancy status (LOINC 82810-3): unknown.
    PregnancyUnknown,
    /// Swallow screen (local code `swallow-screen`): passed.
    SwallowPassed,
    /// Swallow screen: failed.
    SwallowFailed,
}

impl CodedValue {
    /// Whether this is a swallow screen result (else a pregnancy status).
    pub fn is_swallow_screen(self) -> bool {
        matches!(self, CodedValue::SwallowPassed | CodedValue::SwallowFailed)
    }
}

/// One coded observation: pregnancy status or a swallow screen.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CodedObservation {
    /// Index of the bundle entry it came from.
    pub entry: usize,
    /// The code as given.
    pub code: String,
    /// What it says.
    pub value: CodedValue,
    /// When it was observed.
    pub effective: DateTime<Utc>,
    /// Whether the date was given without a time of day.
    pub effective_date_only: bool,
}

/// Why a resource or code was read but not used (KNOWLEDGE.md, DATA.IGNORED).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IgnoredReason {
    /// A resource type the engine does not read.
    UnknownResourceType,
    /// A code in a system the engine does not know.
    UnknownCodeSystem,
    /// A code in a known system that maps to no class the rules use.
    UnmappedCode,
    /// A result that is pending, cancelled, entered in error or has no value.
    PendingOrValueless,
    /// A reference that names nothing in the bundle.
    UnresolvedReference,
}

impl IgnoredReason {
    /// Every reason, in the order the text output lists them.
    pub const ALL: [IgnoredReason; 5] = [
        IgnoredReason::UnknownResourceType,
        IgnoredReason::UnknownCodeSystem,
        IgnoredReason::UnmappedCode,
        IgnoredReason::PendingOrValueless,
        IgnoredReason::UnresolvedReference,
    ];

    /// A stable snake_case id, as in JSON and message selectors.
    pub fn id(self) -> &'static str {
        match self {
            IgnoredReason::UnknownResourceType => "unknown_resource_type",
            IgnoredReason::UnknownCodeSystem => "unknown_code_system",
            IgnoredReason::UnmappedCode => "unmapped_code",
            IgnoredReason::PendingOrValueless => "pending_or_valueless",
            IgnoredReason::UnresolvedReference => "unresolved_reference",
        }
    }
}

/// One thing the engine read but did not use.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Ignored {
    /// The bundle entry, when it is one.
    pub entry: Option<usize>,
    /// The resource type.
    pub resource_type: String,
    /// Why it was not used.
    pub reason: IgnoredReason,
    /// What exactly: the code and system, the status, the reference (no patient data beyond
    /// what the bundle names as codes).
    pub detail: String,
}

/// Everything the rules know about one patient.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct PatientRecord {
    /// Index of the Patient entry, if any.
    pub patient_entry: Option<usize>,
    /// Patient.id, if given.
    pub patient_id: Option<String>,
    /// Date of birth; `None` when absent or implausible (see `implausible_birth_date`).
    pub birth_date: Option<NaiveDate>,
    /// A birth date given but not used: before 1900 or an age over 120 at the assessment
    /// instant (KNOWLEDGE.md, DATA.IMPLAUSIBLE). The age is then unknown.
    pub implausible_birth_date: Option<NaiveDate>,
    /// Administrative sex.
    pub sex: Sex,
    /// Whether the patient is deceased (`deceasedBoolean` true, or `deceasedDateTime` at or
    /// before the assessment instant).
    pub deceased: bool,
    /// `deceasedDateTime`, when given and at or before the assessment instant.
    pub deceased_at: Option<DateTime<Utc>>,
    /// Results the engine understands (others are skipped).
    pub observations: Vec<Observation>,
    /// Coded observations: pregnancy status and swallow screens.
    pub coded: Vec<CodedObservation>,
    /// Diagnoses coded in ICD-10.
    pub conditions: Vec<Condition>,
    /// Medication statements.
    pub medications: Vec<Medication>,
    /// What was read but not used, with the reason (KNOWLEDGE.md, DATA.IGNORED).
    pub ignored: Vec<Ignored>,
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
            .filter(move |c| c.active && c.is(class))
    }

    /// The most recent coded observation of a kind (swallow screen or pregnancy status).
    pub fn latest_coded(&self, swallow_screen: bool) -> Option<&CodedObservation> {
        self.coded
            .iter()
            .filter(|o| o.value.is_swallow_screen() == swallow_screen)
            .max_by(|a, b| a.effective.cmp(&b.effective).then(a.entry.cmp(&b.entry)))
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
