//! The clinical data model of neuronutri: analytes and their UCUM units, the code systems
//! we read (LOINC, ICD-10, ATC), and the FHIR R4 input that becomes a [`PatientRecord`].
//!
//! This crate knows nothing of rules, texts or storage: it turns a FHIR Bundle into typed,
//! unit-normalised facts, or into an [`InputError`] that names the entry and the field.
#![deny(missing_docs)]

pub mod codemap;
pub mod codes;
pub mod egfr;
pub mod fhir;
pub mod inspect;
pub mod record;
pub mod salts;
pub mod time;
pub mod units;

pub use codes::{ConditionClass, DrugClass};
pub use fhir::{parse_bundle, parse_bundle_value, InputError};
pub use record::{
    CodedObservation, CodedValue, Comparator, Condition, Ignored, IgnoredReason, MagnesiumDose,
    MagnesiumReading, MappedBy, Medication, Observation, PatientRecord, Sex,
};
pub use salts::MagnesiumSalt;
pub use units::{Analyte, UnitError};
