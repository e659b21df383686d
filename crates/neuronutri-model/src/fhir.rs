//! FHIR R4 Bundle input: Patient, Observation, Condition, MedicationStatement (and the
//! Medication resources they reference) become a [`PatientRecord`].
//!
//! Resources are decoded into borrowed, typed structs (serde) rather than a JSON tree: the
//! bundle is scanned once with each resource kept as raw text, its `resourceType` is peeked,
//! and only the resources we use are decoded, with `serde_path_to_error` keeping the field
//! path. So every error names the entry index, the resource and the field, unknown fields and
//! resources cost almost nothing, and malformed ones are errors.

use crate::codemap::{self, SystemKind};
use crate::codes::{
    self, analyte_for_loinc, condition_classes, kind_for_local, loinc_not_read, ConditionClass,
};
use crate::record::{
    CodedObservation, CodedValue, Comparator, Condition, Ignored, IgnoredReason, MagnesiumDose,
    MagnesiumReading, MappedBy, Medication, Observation, PatientRecord, Sex,
};
use crate::salts::{names_magnesium, salt_for_atc, salt_for_name};
use crate::time::{age_in_years, fhir_utc_offset, parse_fhir_date, parse_fhir_datetime};
use crate::units::{Analyte, MAGNESIUM_MOLAR_MASS};
use chrono::{DateTime, Datelike, Utc};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

pub use crate::salts::MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG;

/// LOINC of pregnancy status (KNOWLEDGE.md).
const PREGNANCY_STATUS: &str = "82810-3";
/// The local code of a swallow screen (system [`codes::LOCAL`]).
const SWALLOW_SCREEN: &str = "swallow-screen";
/// Birth dates before this year are implausible (KNOWLEDGE.md, DATA.IMPLAUSIBLE).
const EARLIEST_PLAUSIBLE_BIRTH_YEAR: i32 = 1900;
/// Ages above this are implausible (KNOWLEDGE.md, DATA.IMPLAUSIBLE).
const OLDEST_PLAUSIBLE_AGE: u32 = 120;

/// Whether a FHIR date or dateTime has no time of day (`2024-05-17`, `2024-05`, `2024`).
fn is_date_only(text: &str) -> bool {
    !text.contains('T')
}

/// Bad input: what is wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The bundle entry index (0-based), when the error is inside an entry.
    pub entry: Option<usize>,
    /// The resource type of that entry, when known.
    pub resource: Option<String>,
    /// The field path inside the resource (or the bundle), e.g. `valueQuantity.unit`.
    pub field: String,
    /// What is wrong, quoting the offending value.
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.entry, &self.resource) {
            (Some(i), Some(r)) => {
                write!(f, "entry {i} ({r}), field {}: {}", self.field, self.message)
            }
            (Some(i), None) => write!(f, "entry {i}, field {}: {}", self.field, self.message),
            (None, _) => write!(f, "field {}: {}", self.field, self.message),
        }
    }
}

impl std::error::Error for InputError {}

type Result<T> = std::result::Result<T, InputError>;
type Str<'a> = Cow<'a, str>;

const BUNDLE_TYPES: &[&str] = &[
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
];

#[derive(Deserialize)]
#[serde(expecting = "a FHIR Bundle object")]
struct RawBundle<'a> {
    #[serde(rename = "resourceType", borrow)]
    resource_type: Option<Str<'a>>,
    #[serde(rename = "type", borrow)]
    kind: Option<Str<'a>>,
    #[serde(borrow)]
    entry: Option<Vec<RawEntry<'a>>>,
}

#[derive(Deserialize)]
#[serde(expecting = "a Bundle entry object")]
struct RawEntry<'a> {
    #[serde(rename = "fullUrl", borrow)]
    full_url: Option<Str<'a>>,
    #[serde(borrow)]
    resource: Option<&'a RawValue>,
}

#[derive(Deserialize)]
#[serde(expecting = "a FHIR resource object")]
struct Peek<'a> {
    #[serde(rename = "resourceType", borrow)]
    resource_type: Option<Str<'a>>,
    #[serde(borrow)]
    id: Option<Str<'a>>,
}

/// The contained resources of a resource (DiagnosticReport.contained Observations, a
/// Medication contained in a MedicationRequest).
#[derive(Deserialize)]
struct RawContainer<'a> {
    #[serde(borrow)]
    contained: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize, Default)]
struct Coding<'a> {
    #[serde(borrow)]
    system: Option<Str<'a>>,
    #[serde(borrow)]
    code: Option<Str<'a>>,
    #[serde(borrow)]
    display: Option<Str<'a>>,
}

#[derive(Deserialize, Default)]
struct Concept<'a> {
    #[serde(borrow, default)]
    coding: Option<Vec<Coding<'a>>>,
    #[serde(borrow)]
    text: Option<Str<'a>>,
}

impl<'a> Concept<'a> {
    fn codings(&self) -> &[Coding<'a>] {
        self.coding.as_deref().unwrap_or(&[])
    }
}

#[derive(Deserialize)]
struct Quantity<'a> {
    value: Option<f64>,
    #[serde(borrow)]
    comparator: Option<Str<'a>>,
    #[serde(borrow)]
    unit: Option<Str<'a>>,
    #[serde(borrow)]
    code: Option<Str<'a>>,
}

impl Quantity<'_> {
    /// The unit: the UCUM `code` when given, else the human `unit`.
    fn unit(&self) -> Option<&str> {
        self.code.as_deref().or(self.unit.as_deref())
    }
}

#[derive(Deserialize)]
struct Period<'a> {
    #[serde(borrow)]
    start: Option<Str<'a>>,
    #[serde(borrow)]
    end: Option<Str<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawPatient<'a> {
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    birth_date: Option<Str<'a>>,
    #[serde(borrow)]
    gender: Option<Str<'a>>,
    deceased_boolean: Option<bool>,
    #[serde(borrow)]
    deceased_date_time: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct ReferenceRange<'a> {
    #[serde(borrow)]
    low: Option<Quantity<'a>>,
    #[serde(borrow)]
    high: Option<Quantity<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawObservation<'a> {
    #[serde(borrow)]
    status: Option<Str<'a>>,
    #[serde(borrow)]
    code: Option<Concept<'a>>,
    #[serde(borrow)]
    value_quantity: Option<Quantity<'a>>,
    data_absent_reason: Option<IgnoredAny>,
    #[serde(borrow)]
    value_string: Option<Str<'a>>,
    #[serde(borrow)]
    value_codeable_concept: Option<Concept<'a>>,
    value_integer: Option<IgnoredAny>,
    value_boolean: Option<IgnoredAny>,
    #[serde(borrow)]
    effective_date_time: Option<Str<'a>>,
    #[serde(borrow)]
    effective_period: Option<Period<'a>>,
    #[serde(borrow)]
    effective_instant: Option<Str<'a>>,
    #[serde(borrow)]
    issued: Option<Str<'a>>,
    #[serde(borrow)]
    reference_range: Option<Vec<ReferenceRange<'a>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawCondition<'a> {
    #[serde(borrow)]
    clinical_status: Option<Concept<'a>>,
    #[serde(borrow)]
    verification_status: Option<Concept<'a>>,
    #[serde(borrow)]
    code: Option<Concept<'a>>,
    #[serde(borrow)]
    onset_date_time: Option<Str<'a>>,
    #[serde(borrow)]
    onset_period: Option<Period<'a>>,
}

#[derive(Deserialize)]
struct Reference<'a> {
    #[serde(borrow)]
    reference: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct Repeat<'a> {
    frequency: Option<f64>,
    period: Option<f64>,
    #[serde(rename = "periodUnit", borrow)]
    period_unit: Option<Str<'a>>,
}

#[derive(Deserialize)]
struct Timing<'a> {
    #[serde(borrow)]
    repeat: Option<Repeat<'a>>,
}

#[derive(Deserialize)]
struct DoseAndRate<'a> {
    #[serde(rename = "doseQuantity", borrow)]
    dose_quantity: Option<Quantity<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Dosage<'a> {
    #[serde(borrow)]
    route: Option<Concept<'a>>,
    #[serde(borrow)]
    dose_and_rate: Option<Vec<DoseAndRate<'a>>>,
    #[serde(borrow)]
    timing: Option<Timing<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMedicationStatement<'a> {
    #[serde(borrow)]
    status: Option<Str<'a>>,
    #[serde(borrow)]
    medication_codeable_concept: Option<Concept<'a>>,
    #[serde(borrow)]
    medication_reference: Option<Reference<'a>>,
    #[serde(borrow)]
    effective_period: Option<Period<'a>>,
    #[serde(borrow)]
    effective_date_time: Option<Str<'a>>,
    #[serde(borrow)]
    dosage: Option<Vec<Dosage<'a>>>,
    #[serde(borrow)]
    contained: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DispenseRequest<'a> {
    #[serde(borrow)]
    validity_period: Option<Period<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMedicationRequest<'a> {
    #[serde(borrow)]
    status: Option<Str<'a>>,
    #[serde(borrow)]
    intent: Option<Str<'a>>,
    #[serde(borrow)]
    medication_codeable_concept: Option<Concept<'a>>,
    #[serde(borrow)]
    medication_reference: Option<Reference<'a>>,
    #[serde(borrow)]
    authored_on: Option<Str<'a>>,
    #[serde(borrow)]
    dispense_request: Option<DispenseRequest<'a>>,
    #[serde(borrow)]
    dosage_instruction: Option<Vec<Dosage<'a>>>,
    #[serde(borrow)]
    contained: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct AdministrationDosage<'a> {
    #[serde(borrow)]
    route: Option<Concept<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RawMedicationAdministration<'a> {
    #[serde(borrow)]
    status: Option<Str<'a>>,
    #[serde(borrow)]
    medication_codeable_concept: Option<Concept<'a>>,
    #[serde(borrow)]
    medication_reference: Option<Reference<'a>>,
    #[serde(borrow)]
    effective_date_time: Option<Str<'a>>,
    #[serde(borrow)]
    effective_period: Option<Period<'a>>,
    #[serde(borrow)]
    dosage: Option<AdministrationDosage<'a>>,
    #[serde(borrow)]
    contained: Option<Vec<&'a RawValue>>,
}

#[derive(Deserialize)]
struct Ratio<'a> {
    #[serde(borrow)]
    numerator: Option<Quantity<'a>>,
    #[serde(borrow)]
    denominator: Option<Quantity<'a>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ingredient<'a> {
    #[serde(borrow)]
    item_codeable_concept: Option<Concept<'a>>,
    #[serde(borrow)]
    strength: Option<Ratio<'a>>,
}

#[derive(Deserialize)]
struct RawMedication<'a> {
    #[serde(borrow)]
    code: Option<Concept<'a>>,
    #[serde(borrow)]
    ingredient: Option<Vec<Ingredient<'a>>>,
}

/// Elemental magnesium per unit of a product, from a `Medication.ingredient` whose item is
/// magnesium itself (not a salt): (mg, the denominator's unit).
fn magnesium_ingredient(medication: &RawMedication) -> Option<(f64, String)> {
    medication
        .ingredient
        .as_deref()?
        .iter()
        .find_map(|ingredient| {
            let item = ingredient.item_codeable_concept.as_ref()?;
            let name = item
                .text
                .as_deref()
                .or_else(|| item.codings().iter().find_map(|c| c.display.as_deref()))?;
            if !names_magnesium(name) || salt_for_name(name).is_some() {
                return None;
            }
            let strength = ingredient.strength.as_ref()?;
            let numerator = strength.numerator.as_ref()?;
            let mg = match numerator.unit()?.trim().to_ascii_lowercase().as_str() {
                "mg" => numerator.value?,
                "g" => numerator.value? * 1000.0,
                "mmol" => numerator.value? * MAGNESIUM_MOLAR_MASS,
                _ => return None,
            };
            let denominator = strength.denominator.as_ref();
            let per = denominator.and_then(|d| d.value).unwrap_or(1.0);
            if per <= 0.0 || mg < 0.0 {
                return None;
            }
            let unit = denominator
                .and_then(|d| d.unit())
                .unwrap_or("{tbl}")
                .to_string();
            Some((mg / per, unit))
        })
}

/// Where in the bundle we are, for error messages.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    entry: usize,
    resource: &'a str,
    /// The path from the entry's resource to this one, for a resource inside a nested
    /// Bundle or contained in another (`entry[2].resource.`, `contained[0].`).
    prefix: &'a str,
    at: DateTime<Utc>,
}

impl Ctx<'_> {
    fn err(&self, field: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            entry: Some(self.entry),
            resource: Some(self.resource.to_string()),
            field: format!("{}{}", self.prefix, field.into()),
            message: message.into(),
        }
    }

    /// Decodes a resource into its typed form; a type error names the field path.
    /// Decoding runs without path tracking (it costs more than the decoding itself); only
    /// when it fails is the resource decoded again with tracking, to name the field.
    fn decode<'de, T: Deserialize<'de>>(&self, raw: &'de RawValue) -> Result<T> {
        if let Ok(value) = serde_json::from_str(raw.get()) {
            return Ok(value);
        }
        let mut deserializer = serde_json::Deserializer::from_str(raw.get());
        serde_path_to_error::deserialize::<_, T>(&mut deserializer).map_err(|e| {
            let field = e.path().to_string();
            self.err(
                if field == "." {
                    "(resource)".into()
                } else {
                    field
                },
                strip_position(&e.into_inner().to_string()),
            )
        })
    }

    fn datetime(&self, text: Option<&str>, field: &str) -> Result<Option<DateTime<Utc>>> {
        let Some(text) = text else { return Ok(None) };
        parse_fhir_datetime(text).map(Some).ok_or_else(|| {
            self.err(
                field,
                format!("'{text}' is not a FHIR dateTime (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm:ss+zz:zz)"),
            )
        })
    }

    /// A FHIR dateTime that must not lie after the assessment instant.
    fn past_datetime(&self, text: Option<&str>, field: &str) -> Result<Option<DateTime<Utc>>> {
        let instant = self.datetime(text, field)?;
        if instant.is_some_and(|i| i > self.at) {
            return Err(self.err(
                field,
                format!(
                    "'{}' is after the assessment instant {}",
                    text.unwrap_or_default(),
                    self.at.to_rfc3339()
                ),
            ));
        }
        Ok(instant)
    }
}

/// serde_json appends " at line L column C" of the resource's own text, which would
/// mislead: the entry and field already say where.
/// Also says JSON's words instead of serde's (array, object, number).
fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    message
        .replace("invalid type: map", "invalid type: an object")
        .replace("invalid type: sequence", "invalid type: an array")
        .replace("expected a sequence", "expected an array")
        .replace("expected f64", "expected a number")
        .replace("expected a borrowed string", "expected a string")
}

/// What a JSON document starts with, for the message when it is not an object.
fn json_kind(json: &str) -> Option<&'static str> {
    match json.trim_start().as_bytes().first() {
        Some(b'{') | None => None,
        Some(b'[') => Some("an array"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'n') => Some("null"),
        Some(_) => Some("a number or something else"),
    }
}

fn bundle_err(field: &str, message: impl Into<String>) -> InputError {
    InputError {
        entry: None,
        resource: None,
        field: field.into(),
        message: message.into(),
    }
}

/// Parses a FHIR R4 Bundle in JSON. Results, onsets and dates later than `at` are errors:
/// an assessment cannot use what has not happened yet.
pub fn parse_bundle(json: &str, at: DateTime<Utc>) -> Result<PatientRecord> {
    // A UTF-8 byte order mark is valid in a file and carries no meaning.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    if let Some(kind) = json_kind(json) {
        return Err(bundle_err(
            "(document)",
            format!("expected a FHIR Bundle object, found {kind}"),
        ));
    }
    if let Ok(bundle) = serde_json::from_str::<RawBundle>(json) {
        return read_bundle(bundle, at);
    }
    let mut deserializer = serde_json::Deserializer::from_str(json);
    let bundle: RawBundle = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            bundle_err("(document)", format!("not valid JSON: {inner}"))
        } else if let Some(entry) = entry_index(&path) {
            InputError {
                entry: Some(entry),
                resource: None,
                field: path,
                message: strip_position(&inner.to_string()),
            }
        } else {
            bundle_err(
                if path == "." { "(document)" } else { &path },
                strip_position(&inner.to_string()),
            )
        }
    })?;
    deserializer
        .end()
        .map_err(|e| bundle_err("(document)", format!("not valid JSON: {e}")))?;
    read_bundle(bundle, at)
}

/// Parses an already decoded JSON value as a FHIR R4 Bundle.
pub fn parse_bundle_value(value: &serde_json::Value, at: DateTime<Utc>) -> Result<PatientRecord> {
    parse_bundle(&value.to_string(), at)
}

/// The resource type when it is the first key, as FHIR's JSON format recommends and most
/// servers write it: `{"resourceType":"Observation",...`. Saves a pass over the resource;
/// anything else (other order, escapes, whitespace oddities) goes the slow way.
fn leading_resource_type(raw: &str) -> Option<&str> {
    let rest = raw
        .strip_prefix('{')?
        .trim_start()
        .strip_prefix("\"resourceType\"")?;
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    let end = rest.find(['"', '\\'])?;
    (rest.as_bytes()[end] == b'"').then(|| &rest[..end])
}

/// The entry index of a path such as `entry[3].fullUrl`.
fn entry_index(path: &str) -> Option<usize> {
    path.strip_prefix("entry[")?.split(']').next()?.parse().ok()
}

/// Bundles nested deeper than this are not read (their entries are listed as ignored).
const MAX_NESTING: usize = 8;

/// One resource to read: where it is, what it is, its text.
struct Item<'a> {
    /// The top-level entry it is in.
    entry: usize,
    /// Its type, with the types it is nested in (`Bundle > Observation`).
    label: Cow<'a, str>,
    /// Its type.
    kind: Cow<'a, str>,
    /// The path from the entry's resource to it.
    prefix: String,
    raw: &'a RawValue,
}

/// The resource type when it is the first key (fast), else by decoding.
fn resource_type<'a>(ctx: &Ctx, raw: &'a RawValue) -> Result<Cow<'a, str>> {
    match leading_resource_type(raw.get()) {
        Some(t) => Ok(Cow::Borrowed(t)),
        None => {
            let peek: Peek = ctx.decode(raw)?;
            peek.resource_type
                .ok_or_else(|| ctx.err("resourceType", "missing"))
        }
    }
}

/// Lists the resources of a bundle's entries, reading nested Bundles' entries too, and
/// indexes Medication resources by the references that can name them.
#[allow(clippy::too_many_arguments)]
fn collect<'a>(
    entries: &[RawEntry<'a>],
    top: Option<usize>,
    prefix: &str,
    label: &str,
    depth: usize,
    at: DateTime<Utc>,
    items: &mut Vec<Item<'a>>,
    medications: &mut HashMap<String, &'a RawValue>,
    ignored: &mut Vec<Ignored>,
) -> Result<()> {
    for (i, entry) in entries.iter().enumerate() {
        let (index, item_prefix) = match top {
            None => (i, String::new()),
            Some(t) => (t, format!("{prefix}entry[{i}].resource.")),
        };
        // An entry without a resource (a transaction response, a DELETE request) carries
        // nothing to read.
        let Some(raw) = entry.resource else { continue };
        let ctx = Ctx {
            entry: index,
            resource: if label.is_empty() { "?" } else { label },
            prefix: &item_prefix,
            at,
        };
        let kind = resource_type(&ctx, raw)?;
        let item_label: Cow<str> = if label.is_empty() {
            kind.clone()
        } else {
            Cow::Owned(format!("{label}{kind}"))
        };
        match &*kind {
            "Bundle" if depth < MAX_NESTING => {
                let ctx = Ctx {
                    resource: &item_label,
                    ..ctx
                };
                let nested: RawBundle = ctx.decode(raw)?;
                if let Some(nested_entries) = nested.entry {
                    collect(
                        &nested_entries,
                        Some(index),
                        &item_prefix,
                        &format!("{item_label} > "),
                        depth + 1,
                        at,
                        items,
                        medications,
                        ignored,
                    )?;
                }
                continue;
            }
            "Bundle" => {
                ignored.push(Ignored {
                    entry: Some(index),
                    resource_type: "Bundle".into(),
                    reason: IgnoredReason::UnknownResourceType,
                    detail: format!("Bundle nested deeper than {MAX_NESTING} levels"),
                });
                continue;
            }
            "Medication" => {
                let ctx = Ctx {
                    resource: &item_label,
                    ..ctx
                };
                let peek: Peek = ctx.decode(raw)?;
                if let Some(id) = &peek.id {
                    medications.insert(format!("Medication/{id}"), raw);
                }
                if let Some(url) = &entry.full_url {
                    medications.insert(url.to_string(), raw);
                }
            }
            _ => {}
        }
        items.push(Item {
            entry: index,
            label: item_label,
            kind,
            prefix: item_prefix,
            raw,
        });
    }
    Ok(())
}

fn read_bundle(bundle: RawBundle, at: DateTime<Utc>) -> Result<PatientRecord> {
    match bundle.resource_type.as_deref() {
        Some("Bundle") => {}
        Some(t) => {
            return Err(bundle_err(
                "resourceType",
                format!("expected 'Bundle', found '{t}'"),
            ))
        }
        None => {
            return Err(bundle_err(
                "resourceType",
                "missing: the document is not a FHIR resource",
            ))
        }
    }
    match bundle.kind.as_deref() {
        Some(t) if BUNDLE_TYPES.contains(&t) => {}
        Some(t) => {
            return Err(bundle_err(
                "type",
                format!(
                    "'{t}' is not a FHIR R4 Bundle type (collection, transaction, searchset, ...)"
                ),
            ))
        }
        None => {
            return Err(bundle_err(
                "type",
                "missing (collection, transaction, searchset, ...)",
            ))
        }
    }
    let entries = bundle.entry.unwrap_or_default();

    let mut record = PatientRecord::default();
    let mut items = Vec::with_capacity(entries.len());
    let mut medications: HashMap<String, &RawValue> = HashMap::new();
    collect(
        &entries,
        None,
        "",
        "",
        0,
        at,
        &mut items,
        &mut medications,
        &mut record.ignored,
    )?;

    for item in &items {
        let ctx = Ctx {
            entry: item.entry,
            resource: &item.label,
            prefix: &item.prefix,
            at,
        };
        read_resource(&ctx, &item.kind, item.raw, &medications, &mut record)?;
    }
    Ok(record)
}

/// Reads one resource into the record; what the engine does not use goes to `ignored`.
fn read_resource(
    ctx: &Ctx,
    kind: &str,
    raw: &RawValue,
    medications: &HashMap<String, &RawValue>,
    record: &mut PatientRecord,
) -> Result<()> {
    match kind {
        "Patient" => read_patient(ctx, ctx.decode(raw)?, record)?,
        "Observation" => {
            if let Some(observation) = read_observation(ctx, ctx.decode(raw)?, record)? {
                record.observations.push(observation);
            }
        }
        "Condition" => {
            if let Some(condition) = read_condition(ctx, ctx.decode(raw)?, &mut record.ignored)? {
                record.conditions.push(condition);
            }
        }
        "MedicationStatement" => {
            if let Some(medication) =
                read_statement(ctx, ctx.decode(raw)?, medications, &mut record.ignored)?
            {
                record.medications.push(medication);
            }
        }
        "MedicationRequest" => {
            if let Some(medication) =
                read_request(ctx, ctx.decode(raw)?, medications, &mut record.ignored)?
            {
                record.medications.push(medication);
            }
        }
        "MedicationAdministration" => {
            if let Some(medication) =
                read_administration(ctx, ctx.decode(raw)?, medications, &mut record.ignored)?
            {
                record.medications.push(medication);
            }
        }
        // A report's own results are separate entries (read there); results contained in
        // the report are read here.
        "DiagnosticReport" => {
            let report: RawContainer = ctx.decode(raw)?;
            for (k, contained) in report.contained.unwrap_or_default().into_iter().enumerate() {
                let prefix = format!("{}contained[{k}].", ctx.prefix);
                let inner = Ctx {
                    prefix: &prefix,
                    ..*ctx
                };
                let kind = resource_type(&inner, contained)?;
                let label = format!("{} > {kind}", ctx.resource);
                let inner = Ctx {
                    resource: &label,
                    ..inner
                };
                if kind == "Observation" {
                    read_resource(&inner, &kind, contained, medications, record)?;
                } else {
                    record.ignored.push(Ignored {
                        entry: Some(ctx.entry),
                        resource_type: kind.to_string(),
                        reason: IgnoredReason::UnknownResourceType,
                        detail: format!("{kind} contained in a DiagnosticReport"),
                    });
                }
            }
        }
        // Read through the resources that reference them.
        "Medication" => {}
        other => record.ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: other.to_string(),
            reason: IgnoredReason::UnknownResourceType,
            detail: other.to_string(),
        }),
    }
    Ok(())
}

fn read_patient(ctx: &Ctx, patient: RawPatient, record: &mut PatientRecord) -> Result<()> {
    if let Some(first) = record.patient_entry {
        // The same patient twice (a document and a nested bundle both carry it) is one.
        if patient.id.is_some() && patient.id.as_deref() == record.patient_id.as_deref() {
            return Ok(());
        }
        return Err(ctx.err(
            "resourceType",
            format!(
                "a second Patient; entry {first} is already the patient (one bundle, one patient)"
            ),
        ));
    }
    record.patient_entry = Some(ctx.entry);
    record.patient_id = patient.id.map(Cow::into_owned);
    if let Some(text) = patient.birth_date.as_deref() {
        let date = parse_fhir_date(text).ok_or_else(|| {
            ctx.err(
                "birthDate",
                format!("'{text}' is not a FHIR date (YYYY-MM-DD)"),
            )
        })?;
        if date > ctx.at.date_naive() {
            return Err(ctx.err(
                "birthDate",
                format!(
                    "'{text}' is after the assessment instant {}",
                    ctx.at.to_rfc3339()
                ),
            ));
        }
        let age = age_in_years(date, ctx.at);
        if date.year() < EARLIEST_PLAUSIBLE_BIRTH_YEAR || age > OLDEST_PLAUSIBLE_AGE {
            record.implausible_birth_date = Some(date);
        } else {
            record.birth_date = Some(date);
        }
    }
    if patient.deceased_boolean == Some(true) {
        record.deceased = true;
    }
    if let Some(text) = patient.deceased_date_time.as_deref() {
        let instant = ctx.datetime(Some(text), "deceasedDateTime")?;
        if let Some(instant) = instant.filter(|i| *i <= ctx.at) {
            record.deceased = true;
            record.deceased_at = Some(instant);
        }
    }
    record.sex = match patient.gender.as_deref() {
        None | Some("unknown") => Sex::Unknown,
        Some("male") => Sex::Male,
        Some("female") => Sex::Female,
        Some("other") => Sex::Other,
        Some(other) => {
            return Err(ctx.err(
                "gender",
                format!("'{other}' is not one of male, female, other, unknown"),
            ))
        }
    };
    Ok(())
}

/// `system|code` of a concept's first coding (or its text), for `DATA.IGNORED`.
fn concept_detail(concept: &Concept) -> String {
    match concept.codings().first() {
        Some(coding) => format!(
            "{}|{}",
            coding.system.as_deref().unwrap_or("(no system)"),
            coding.code.as_deref().unwrap_or("(no code)")
        ),
        None => concept.text.as_deref().unwrap_or("(no coding)").to_string(),
    }
}

/// Why a concept matched nothing: a known system whose code is not in our tables, or a
/// system we do not know.
fn unmatched_reason(concept: &Concept, known: &[&str]) -> IgnoredReason {
    if concept
        .codings()
        .iter()
        .any(|c| c.system.as_deref().is_some_and(|s| known.contains(&s)))
    {
        IgnoredReason::UnmappedCode
    } else {
        IgnoredReason::UnknownCodeSystem
    }
}

/// Reads the value of a pregnancy status (LOINC 82810-3) or a swallow screen (local code):
/// LOINC answers and SNOMED concepts of the pregnancy status value set, or the text.
fn coded_value(obs: &RawObservation, swallow: bool) -> Option<CodedValue> {
    let mut words: Vec<String> = Vec::new();
    if let Some(concept) = &obs.value_codeable_concept {
        for coding in concept.codings() {
            let by_code = match coding.code.as_deref() {
                Some("LA15173-0" | "77386006") if !swallow => Some(CodedValue::Pregnant),
                Some("LA26683-5" | "60001007") if !swallow => Some(CodedValue::NotPregnant),
                Some("LA4489-6" | "261665006") if !swallow => Some(CodedValue::PregnancyUnknown),
                _ => None,
            };
            if by_code.is_some() {
                return by_code;
            }
            words.extend(coding.code.as_deref().map(str::to_lowercase));
            words.extend(coding.display.as_deref().map(str::to_lowercase));
        }
        words.extend(concept.text.as_deref().map(str::to_lowercase));
    }
    words.extend(obs.value_string.as_deref().map(str::to_lowercase));
    words.iter().find_map(|word| {
        let word = word.trim();
        if swallow {
            match word {
                "passed" | "pass" => Some(CodedValue::SwallowPassed),
                "failed" | "fail" => Some(CodedValue::SwallowFailed),
                _ => None,
            }
        } else {
            match word {
                "pregnant" => Some(CodedValue::Pregnant),
                "not pregnant" => Some(CodedValue::NotPregnant),
                "unknown" => Some(CodedValue::PregnancyUnknown),
                _ => None,
            }
        }
    })
}

/// The date of a result and the field it came from: effectiveDateTime, else
/// effectivePeriod.start, else effectiveInstant, else issued.
fn observation_date<'o>(obs: &'o RawObservation) -> (Option<&'o str>, &'static str) {
    if let Some(text) = obs.effective_date_time.as_deref() {
        (Some(text), "effectiveDateTime")
    } else if let Some(text) = obs
        .effective_period
        .as_ref()
        .and_then(|p| p.start.as_deref())
    {
        (Some(text), "effectivePeriod.start")
    } else if let Some(text) = obs.effective_instant.as_deref() {
        (Some(text), "effectiveInstant")
    } else {
        (obs.issued.as_deref(), "issued")
    }
}

/// Statuses of a result that is not (or no longer) a result.
fn skipped_status(status: Option<&str>) -> bool {
    matches!(
        status,
        Some("entered-in-error" | "cancelled" | "registered")
    )
}

fn read_observation(
    ctx: &Ctx,
    obs: RawObservation,
    record: &mut PatientRecord,
) -> Result<Option<Observation>> {
    let Some(code) = &obs.code else {
        return Err(ctx.err("code", "missing"));
    };
    let ignore = |record: &mut PatientRecord, reason, detail: String| {
        record.ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: "Observation".into(),
            reason,
            detail,
        })
    };
    let status = obs.status.as_deref();

    // Pregnancy status and swallow screen: coded values, not quantities.
    let coded = code.codings().iter().find_map(|coding| {
        match (coding.system.as_deref()?, coding.code.as_deref()?) {
            (codes::LOINC, PREGNANCY_STATUS) => Some((false, PREGNANCY_STATUS)),
            (codes::LOCAL, SWALLOW_SCREEN) => Some((true, SWALLOW_SCREEN)),
            _ => None,
        }
    });
    if let Some((swallow, code)) = coded {
        let value = coded_value(&obs, swallow);
        let (Some(value), false) = (value, skipped_status(status)) else {
            ignore(
                record,
                IgnoredReason::PendingOrValueless,
                format!("{code} status {}", status.unwrap_or("(none)")),
            );
            return Ok(None);
        };
        let (text, field) = observation_date(&obs);
        let Some(effective) = ctx.past_datetime(text, field)? else {
            ignore(
                record,
                IgnoredReason::PendingOrValueless,
                format!("{code}: no date (an undated result cannot be used)"),
            );
            return Ok(None);
        };
        record.coded.push(CodedObservation {
            entry: ctx.entry,
            code: code.to_string(),
            value,
            effective,
            effective_date_only: text.is_some_and(is_date_only),
        });
        return Ok(None);
    }

    let found = code.codings().iter().find_map(|coding| {
        let (system, code) = (coding.system.as_deref()?, coding.code.as_deref()?);
        let kind = match system {
            codes::LOINC => {
                analyte_for_loinc(code).map(|analyte| codes::ObservationKind { analyte, bdi: None })
            }
            codes::LOCAL => kind_for_local(code),
            _ => None,
        };
        kind.map(|kind| (kind, code))
    });
    let Some((kind, code)) = found else {
        let not_read = code.codings().iter().find_map(|c| {
            (c.system.as_deref() == Some(codes::LOINC))
                .then(|| {
                    c.code
                        .as_deref()
                        .and_then(|k| Some((k, loinc_not_read(k)?)))
                })
                .flatten()
        });
        if let Some((loinc, why)) = not_read {
            ignore(
                record,
                IgnoredReason::UnmappedCode,
                format!("LOINC {loinc}: {why}"),
            );
            return Ok(None);
        }
        let reason = unmatched_reason(code, &[codes::LOINC, codes::LOCAL]);
        ignore(record, reason, concept_detail(code));
        return Ok(None);
    };
    let analyte = kind.analyte;
    if skipped_status(status) {
        ignore(
            record,
            IgnoredReason::PendingOrValueless,
            format!("{code} status {}", status.unwrap_or("(none)")),
        );
        return Ok(None);
    }

    // A result without a usable quantity is skipped and listed, not refused: a pending
    // result, a value given as text or code, a quantity without a number or a unit.
    let missing = |what: &str| format!("{code} ({analyte}): {what}");
    let Some(quantity) = &obs.value_quantity else {
        let other = [
            ("dataAbsentReason", obs.data_absent_reason.is_some()),
            ("valueString", obs.value_string.is_some()),
            ("valueCodeableConcept", obs.value_codeable_concept.is_some()),
            ("valueInteger", obs.value_integer.is_some()),
            ("valueBoolean", obs.value_boolean.is_some()),
        ]
        .into_iter()
        .find_map(|(name, present)| present.then_some(name));
        let detail = match other {
            Some(k) => missing(&format!("{k}, not a valueQuantity")),
            None => missing(&format!("no value (status {})", status.unwrap_or("none"))),
        };
        ignore(record, IgnoredReason::PendingOrValueless, detail);
        return Ok(None);
    };
    let Some(original_value) = quantity.value else {
        ignore(
            record,
            IgnoredReason::PendingOrValueless,
            missing("valueQuantity without a value"),
        );
        return Ok(None);
    };
    let Some(original_unit) = quantity.unit() else {
        ignore(
            record,
            IgnoredReason::PendingOrValueless,
            missing(&format!(
                "{original_value} without a unit (accepted: {})",
                analyte.accepted_units()
            )),
        );
        return Ok(None);
    };
    let value = convert(
        ctx,
        analyte,
        code,
        original_value,
        original_unit,
        "valueQuantity",
    )?;
    if value > analyte.plausible_max() {
        return Err(ctx.err(
            "valueQuantity.value",
            format!(
                "{analyte} {original_value} {original_unit} is implausible (above {} {}): check the value and unit",
                analyte.plausible_max(),
                analyte.canonical_unit()
            ),
        ));
    }

    let comparator = match quantity.comparator.as_deref() {
        None => None,
        Some(text) => Some(Comparator::parse(text).ok_or_else(|| {
            ctx.err(
                "valueQuantity.comparator",
                format!("'{text}' is not a FHIR comparator (<, <=, >, >=)"),
            )
        })?),
    };
    // The date: effectiveDateTime, else effectivePeriod.start, else effectiveInstant,
    // else issued (KNOWLEDGE.md, revision 2).
    let (text, field) = observation_date(&obs);
    let Some(effective) = ctx.past_datetime(text, field)? else {
        ignore(
            record,
            IgnoredReason::PendingOrValueless,
            missing(&format!(
                "{original_value} {original_unit} has no date (an undated result cannot be used)"
            )),
        );
        return Ok(None);
    };
    let effective_date_only = text.is_some_and(is_date_only);
    let effective_utc_offset = text.and_then(fhir_utc_offset);

    let (mut reference_low, mut reference_high) = (None, None);
    if let Some(range) = obs.reference_range.as_ref().and_then(|r| r.first()) {
        for (bound, quantity, slot) in [
            ("low", &range.low, &mut reference_low),
            ("high", &range.high, &mut reference_high),
        ] {
            let Some(quantity) = quantity else { continue };
            let Some(v) = quantity.value else { continue };
            let unit = quantity.unit().unwrap_or(original_unit);
            *slot = Some(convert(
                ctx,
                analyte,
                code,
                v,
                unit,
                &format!("referenceRange[0].{bound}"),
            )?);
        }
        if let (Some(low), Some(high)) = (reference_low, reference_high) {
            if low > high {
                return Err(ctx.err(
                    "referenceRange[0]",
                    format!("low {low} is above high {high}"),
                ));
            }
        }
    }

    Ok(Some(Observation {
        entry: ctx.entry,
        analyte,
        code: code.to_string(),
        value,
        comparator,
        original_value,
        original_unit: original_unit.to_string(),
        effective,
        effective_date_only,
        effective_utc_offset,
        reference_low,
        reference_high,
        bdi_version: kind.bdi,
    }))
}

fn convert(
    ctx: &Ctx,
    analyte: Analyte,
    code: &str,
    value: f64,
    unit: &str,
    path: &str,
) -> Result<f64> {
    if value < 0.0 {
        return Err(ctx.err(
            format!("{path}.value"),
            format!("{analyte} {value} {unit} is negative"),
        ));
    }
    analyte.to_canonical(value, unit).map_err(|e| {
        ctx.err(
            format!("{path}.unit"),
            format!("{e} (code {code}, value {value})"),
        )
    })
}

/// The code of a condition that the engine reads, with its classes.
struct ConditionCode {
    system: String,
    code: String,
    kind: SystemKind,
    classes: Vec<ConditionClass>,
    mapped_by: Option<MappedBy>,
}

/// Finds a condition's classes in its codings: ICD-10 under any ICD-10 system URI (WHO,
/// CM, GM, NL; by prefix, multiple coding included), and SNOMED CT by the reviewed map. The
/// classes of every coding that maps are joined; the first coding read names the code.
fn condition_code(concept: &Concept) -> Option<ConditionCode> {
    let maps = codemap::maps();
    let mut found: Option<ConditionCode> = None;
    for coding in concept.codings() {
        let (Some(system), Some(code)) = (coding.system.as_deref(), coding.code.as_deref()) else {
            continue;
        };
        let (kind, classes, mapped_by) = match maps.system(system) {
            Some(SystemKind::Icd10) => (SystemKind::Icd10, condition_classes(code), MappedBy::Code),
            Some(SystemKind::Snomed) => {
                let classes = match maps.snomed(code.trim()) {
                    Some(concept) => {
                        let mut classes = vec![concept.class];
                        classes.extend(concept.class.implied());
                        classes
                    }
                    None => Vec::new(),
                };
                (SystemKind::Snomed, classes, MappedBy::Map)
            }
            _ => continue,
        };
        match &mut found {
            None => {
                found = Some(ConditionCode {
                    system: system.to_string(),
                    code: code.to_string(),
                    kind,
                    classes,
                    mapped_by: Some(mapped_by),
                })
            }
            Some(first) => {
                if first.classes.is_empty() && !classes.is_empty() {
                    first.system = system.to_string();
                    first.code = code.to_string();
                    first.kind = kind;
                    first.mapped_by = Some(mapped_by);
                }
                for class in classes {
                    if !first.classes.contains(&class) {
                        first.classes.push(class);
                    }
                }
            }
        }
    }
    found
}

fn read_condition(
    ctx: &Ctx,
    condition: RawCondition,
    ignored: &mut Vec<Ignored>,
) -> Result<Option<Condition>> {
    if let Some(verification) = &condition.verification_status {
        if verification
            .codings()
            .iter()
            .any(|c| matches!(c.code.as_deref(), Some("entered-in-error" | "refuted")))
        {
            return Ok(None);
        }
    }
    let Some(code) = &condition.code else {
        // A Condition without a code is valid FHIR (a problem recorded as text elsewhere)
        // and says nothing the rules can use.
        ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: "Condition".into(),
            reason: IgnoredReason::UnmappedCode,
            detail: "Condition without a code".into(),
        });
        return Ok(None);
    };
    let Some(found) = condition_code(code) else {
        ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: "Condition".into(),
            reason: unmatched_reason(code, &[]),
            detail: concept_detail(code),
        });
        return Ok(None);
    };
    if found.classes.is_empty() {
        ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: "Condition".into(),
            reason: IgnoredReason::UnmappedCode,
            detail: format!("{}|{}", found.system, found.code),
        });
        // A SNOMED CT concept the map lacks is not guessed; an ICD-10 code of no class is
        // kept (its code is shown), as before.
        if found.mapped_by != Some(MappedBy::Code) && found.kind != SystemKind::Icd10 {
            return Ok(None);
        }
    }
    let ConditionCode {
        system,
        code: found_code,
        classes,
        mapped_by,
        ..
    } = found;

    let clinical_status = condition
        .clinical_status
        .as_ref()
        .and_then(|s| s.codings().iter().find_map(|c| c.code.as_deref()));
    let active = match clinical_status {
        None | Some("active" | "recurrence" | "relapse") => true,
        Some("inactive" | "remission" | "resolved") => false,
        Some(other) => {
            return Err(ctx.err(
                "clinicalStatus.coding[0].code",
                format!("'{other}' is not a FHIR clinical status"),
            ))
        }
    };
    let (onset, onset_text) = match (&condition.onset_date_time, &condition.onset_period) {
        (Some(text), _) => (
            ctx.past_datetime(Some(text), "onsetDateTime")?,
            Some(text.as_ref()),
        ),
        (None, Some(period)) => (
            ctx.past_datetime(period.start.as_deref(), "onsetPeriod.start")?,
            period.start.as_deref(),
        ),
        (None, None) => (None, None),
    };
    Ok(Some(Condition {
        entry: ctx.entry,
        code: found_code,
        system,
        mapped_by: if classes.is_empty() { None } else { mapped_by },
        classes,
        onset,
        onset_date_only: onset.is_some() && onset_text.is_some_and(is_date_only),
        active,
        clinical_status: clinical_status.map(str::to_string),
    }))
}

/// The drug a medication resource names, once its reference is resolved.
enum Resolved<'r, 'a> {
    Concept(&'r Concept<'a>),
    Medication(Box<RawMedication<'a>>),
    Unresolved(String),
}

/// Resolves `medication[x]`: the codeable concept, or the Medication the reference names —
/// in the bundle (`Medication/id`, a fullUrl, `urn:uuid:`) or contained in the resource
/// (`#id`).
fn resolve_drug<'r, 'a>(
    ctx: &Ctx,
    concept: Option<&'r Concept<'a>>,
    reference: Option<&'r Reference<'a>>,
    contained: Option<&'r [&'a RawValue]>,
    medications: &HashMap<String, &'a RawValue>,
) -> Result<Resolved<'r, 'a>> {
    if let Some(concept) = concept {
        return Ok(Resolved::Concept(concept));
    }
    let Some(reference) = reference else {
        return Err(ctx.err(
            "medicationCodeableConcept",
            "missing (neither medicationCodeableConcept nor medicationReference)",
        ));
    };
    let Some(target) = reference.reference.as_deref() else {
        return Ok(Resolved::Unresolved(
            "medicationReference without a reference".into(),
        ));
    };
    let raw = if let Some(id) = target.strip_prefix('#') {
        contained.unwrap_or(&[]).iter().copied().find(|raw| {
            serde_json::from_str::<Peek>(raw.get()).is_ok_and(|p| {
                p.resource_type.as_deref() == Some("Medication") && p.id.as_deref() == Some(id)
            })
        })
    } else {
        medications.get(target).copied().or_else(|| {
            // An absolute URL whose tail is Medication/id.
            target
                .rfind("Medication/")
                .and_then(|i| medications.get(&target[i..]).copied())
        })
    };
    match raw {
        Some(raw) => {
            let field = if target.starts_with('#') {
                "contained"
            } else {
                "medicationReference"
            };
            let prefix = format!("{}{field}:", ctx.prefix);
            let inner = Ctx {
                prefix: &prefix,
                ..*ctx
            };
            Ok(Resolved::Medication(Box::new(inner.decode(raw)?)))
        }
        None => Ok(Resolved::Unresolved(format!(
            "medicationReference '{target}' names no Medication in this bundle"
        ))),
    }
}

/// What a medication concept was read as: the code as given, the ATC code and how it was
/// found, the name.
struct DrugCode {
    code: Option<String>,
    system: Option<String>,
    atc: Option<String>,
    mapped_by: Option<MappedBy>,
    name: Option<String>,
}

/// Reads a medication concept: an ATC code under any ATC system URI, else an RxNorm concept
/// by the reviewed map, else a drug name in the text or a coding's display (an RxNorm
/// display names its ingredient).
fn drug_code(concept: &Concept) -> DrugCode {
    let maps = codemap::maps();
    let name = concept
        .text
        .as_deref()
        .or_else(|| concept.codings().iter().find_map(|c| c.display.as_deref()))
        .map(str::to_string);
    let coded = |kind: SystemKind| {
        concept.codings().iter().find_map(|c| {
            let (system, code) = (c.system.as_deref()?, c.code.as_deref()?);
            (maps.system(system) == Some(kind)).then_some((system, code.trim(), c))
        })
    };
    let given = |system: &str, code: &str| (Some(code.to_string()), Some(system.to_string()));
    if let Some((system, code, _)) = coded(SystemKind::Atc) {
        let (code_, system_) = given(system, code);
        return DrugCode {
            code: code_,
            system: system_,
            atc: Some(code.to_ascii_uppercase()),
            mapped_by: Some(MappedBy::Code),
            name,
        };
    }
    let first = concept
        .codings()
        .iter()
        .find_map(|c| Some((c.system.as_deref()?, c.code.as_deref()?)));
    let rxnorm = coded(SystemKind::Rxnorm);
    let (code, system) = match rxnorm.or_else(|| first.map(|(s, c)| (s, c, &concept.codings()[0])))
    {
        Some((system, code, _)) => given(system, code),
        None => (None, None),
    };
    if let Some(mapped) = rxnorm.and_then(|(_, rxcui, _)| maps.rxnorm(rxcui)) {
        return DrugCode {
            code,
            system,
            atc: Some(mapped.atc.clone()),
            mapped_by: Some(MappedBy::Map),
            name,
        };
    }
    if let Some((system, ndc, mapped)) = concept.codings().iter().find_map(|c| {
        let (system, code) = (c.system.as_deref()?, c.code.as_deref()?);
        (maps.system(system) == Some(SystemKind::Ndc))
            .then(|| maps.ndc(code))
            .flatten()
            .map(|mapped| (system, code.trim(), mapped))
    }) {
        let (code, system) = given(system, ndc);
        return DrugCode {
            code,
            system,
            atc: Some(mapped.atc.clone()),
            mapped_by: Some(MappedBy::Map),
            name,
        };
    }
    let by_name = concept
        .text
        .as_deref()
        .into_iter()
        .chain(
            concept
                .codings()
                .iter()
                .filter_map(|c| c.display.as_deref()),
        )
        .find_map(|text| maps.drug_in_text(text));
    DrugCode {
        code,
        system,
        atc: by_name.map(|m| m.atc.to_string()),
        mapped_by: by_name.map(|_| MappedBy::Name),
        name,
    }
}

/// Everything a medication resource says, in one shape.
struct DrugInput<'r, 'a> {
    resource_type: &'static str,
    concept: Option<&'r Concept<'a>>,
    reference: Option<&'r Reference<'a>>,
    contained: Option<&'r [&'a RawValue]>,
    active: bool,
    start: Option<(&'r str, &'static str)>,
    end: Option<(&'r str, &'static str)>,
    dosage: Option<(&'r Dosage<'a>, &'static str)>,
    route: Option<&'r Concept<'a>>,
}

fn read_drug(
    ctx: &Ctx,
    input: DrugInput,
    medications: &HashMap<String, &RawValue>,
    ignored: &mut Vec<Ignored>,
) -> Result<Option<Medication>> {
    let resolved = resolve_drug(
        ctx,
        input.concept,
        input.reference,
        input.contained,
        medications,
    )?;
    let empty = Concept::default();
    let (concept, ingredient) = match &resolved {
        Resolved::Concept(concept) => (*concept, None),
        Resolved::Medication(medication) => (
            medication.code.as_ref().unwrap_or(&empty),
            magnesium_ingredient(medication),
        ),
        Resolved::Unresolved(detail) => {
            ignored.push(Ignored {
                entry: Some(ctx.entry),
                resource_type: input.resource_type.into(),
                reason: IgnoredReason::UnresolvedReference,
                detail: detail.clone(),
            });
            return Ok(None);
        }
    };
    let drug = drug_code(concept);
    let known = drug
        .atc
        .as_deref()
        .is_some_and(|atc| !codes::drug_classes(atc).is_empty());
    if !known {
        let detail = match (&drug.atc, &drug.system, &drug.code) {
            (Some(atc), _, _) => format!("ATC {atc}"),
            (None, Some(system), Some(code)) => format!("{system}|{code}"),
            _ => concept_detail(concept),
        };
        let maps = codemap::maps();
        let reason = if drug.atc.is_some()
            || drug
                .system
                .as_deref()
                .is_some_and(|s| maps.system(s).is_some())
            || (drug.system.is_none() && drug.name.is_some())
        {
            IgnoredReason::UnmappedCode
        } else {
            IgnoredReason::UnknownCodeSystem
        };
        ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: input.resource_type.into(),
            reason,
            detail,
        });
    }

    let mut active = input.active;
    let (start_text, start_field) = input.start.unzip();
    let start = ctx.datetime(start_text, start_field.unwrap_or(""))?;
    let (end_text, end_field) = input.end.unzip();
    let mut end = ctx.datetime(end_text, end_field.unwrap_or(""))?;
    if end.is_some_and(|end| end < ctx.at) {
        active = false;
    }
    if end.is_some_and(|end| start.is_some_and(|start| end < start)) {
        end = None;
    }

    let mut medication = Medication {
        entry: ctx.entry,
        resource_type: input.resource_type.to_string(),
        code: drug.code,
        system: drug.system,
        atc: drug.atc,
        mapped_by: drug.mapped_by,
        name: drug.name,
        active,
        start,
        start_date_only: start.is_some() && start_text.is_some_and(is_date_only),
        end,
        route: None,
        magnesium: None,
    };
    if let Some(route) = input.route {
        medication.route = route_text(route);
    }
    if let Some((dosage, field)) = input.dosage {
        read_dosage(ctx, dosage, field, &mut medication, ingredient)?;
    }
    Ok(Some(medication))
}

fn route_text(route: &Concept) -> Option<String> {
    route
        .text
        .as_deref()
        .or_else(|| route.codings().iter().find_map(|c| c.display.as_deref()))
        .or_else(|| route.codings().iter().find_map(|c| c.code.as_deref()))
        .map(str::to_string)
}

fn read_statement(
    ctx: &Ctx,
    statement: RawMedicationStatement,
    medications: &HashMap<String, &RawValue>,
    ignored: &mut Vec<Ignored>,
) -> Result<Option<Medication>> {
    let status = statement.status.as_deref().ok_or_else(|| {
        ctx.err(
            "status",
            "missing (active, completed, stopped, intended, ...)",
        )
    })?;
    let active = match status {
        "entered-in-error" | "not-taken" => return Ok(None),
        "active" | "intended" | "unknown" => true,
        "completed" | "stopped" | "on-hold" => false,
        other => {
            return Err(ctx.err(
                "status",
                format!("'{other}' is not a FHIR MedicationStatement status"),
            ))
        }
    };
    let (start, end) = match &statement.effective_period {
        Some(period) => (
            period
                .start
                .as_deref()
                .map(|t| (t, "effectivePeriod.start")),
            period.end.as_deref().map(|t| (t, "effectivePeriod.end")),
        ),
        None => (
            statement
                .effective_date_time
                .as_deref()
                .map(|t| (t, "effectiveDateTime")),
            None,
        ),
    };
    read_drug(
        ctx,
        DrugInput {
            resource_type: "MedicationStatement",
            concept: statement.medication_codeable_concept.as_ref(),
            reference: statement.medication_reference.as_ref(),
            contained: statement.contained.as_deref(),
            active,
            start,
            end,
            dosage: statement
                .dosage
                .as_ref()
                .and_then(|d| d.first())
                .map(|d| (d, "dosage[0]")),
            route: None,
        },
        medications,
        ignored,
    )
}

/// A MedicationRequest counts when it is an order or a plan (KNOWLEDGE.md revision 2): it
/// is current when active or on hold, dated by `authoredOn` and
/// `dispenseRequest.validityPeriod`.
fn read_request(
    ctx: &Ctx,
    request: RawMedicationRequest,
    medications: &HashMap<String, &RawValue>,
    ignored: &mut Vec<Ignored>,
) -> Result<Option<Medication>> {
    let status = request.status.as_deref().ok_or_else(|| {
        ctx.err(
            "status",
            "missing (active, on-hold, completed, stopped, ...)",
        )
    })?;
    let skip = |ignored: &mut Vec<Ignored>, detail: String| {
        ignored.push(Ignored {
            entry: Some(ctx.entry),
            resource_type: "MedicationRequest".into(),
            reason: IgnoredReason::PendingOrValueless,
            detail,
        });
        Ok(None)
    };
    let active = match status {
        "active" | "on-hold" => true,
        "completed" | "stopped" | "unknown" => false,
        "cancelled" | "entered-in-error" | "draft" => {
            return skip(ignored, format!("MedicationRequest status {status}"))
        }
        other => {
            return Err(ctx.err(
                "status",
                format!("'{other}' is not a FHIR MedicationRequest status"),
            ))
        }
    };
    match request.intent.as_deref() {
        Some(
            "order" | "plan" | "original-order" | "reflex-order" | "filler-order"
            | "instance-order",
        ) => {}
        Some(intent @ ("proposal" | "directive" | "option")) => {
            return skip(
                ignored,
                format!("MedicationRequest intent {intent}: not an order or plan"),
            )
        }
        Some(other) => {
            return Err(ctx.err(
                "intent",
                format!("'{other}' is not a FHIR MedicationRequest intent"),
            ))
        }
        None => return Err(ctx.err("intent", "missing (order, plan, proposal, ...)")),
    }
    let validity = request
        .dispense_request
        .as_ref()
        .and_then(|d| d.validity_period.as_ref());
    let start = request
        .authored_on
        .as_deref()
        .map(|t| (t, "authoredOn"))
        .or_else(|| {
            validity
                .and_then(|v| v.start.as_deref())
                .map(|t| (t, "dispenseRequest.validityPeriod.start"))
        });
    let end = validity
        .and_then(|v| v.end.as_deref())
        .map(|t| (t, "dispenseRequest.validityPeriod.end"));
    read_drug(
        ctx,
        DrugInput {
            resource_type: "MedicationRequest",
            concept: request.medication_codeable_concept.as_ref(),
            reference: request.medication_reference.as_ref(),
            contained: request.contained.as_deref(),
            active,
            start,
            end,
            dosage: request
                .dosage_instruction
                .as_ref()
                .and_then(|d| d.first())
                .map(|d| (d, "dosageInstruction[0]")),
            route: None,
        },
        medications,
        ignored,
    )
}

/// A MedicationAdministration (e.g. IV magnesium): current while in progress or on hold, or
/// while its period has not ended.
fn read_administration(
    ctx: &Ctx,
    administration: RawMedicationAdministration,
    medications: &HashMap<String, &RawValue>,
    ignored: &mut Vec<Ignored>,
) -> Result<Option<Medication>> {
    let status = administration
        .status
        .as_deref()
        .ok_or_else(|| ctx.err("status", "missing (in-progress, completed, stopped, ...)"))?;
    let period = administration.effective_period.as_ref();
    let open_period = period.is_some_and(|p| p.end.is_none());
    let active = match status {
        "in-progress" | "on-hold" => true,
        "completed" | "unknown" => open_period,
        "stopped" => false,
        "not-done" | "entered-in-error" => return Ok(None),
        other => {
            return Err(ctx.err(
                "status",
                format!("'{other}' is not a FHIR MedicationAdministration status"),
            ))
        }
    };
    let (start, end) = match period {
        Some(period) => (
            period
                .start
                .as_deref()
                .map(|t| (t, "effectivePeriod.start")),
            period.end.as_deref().map(|t| (t, "effectivePeriod.end")),
        ),
        None => (
            administration
                .effective_date_time
                .as_deref()
                .map(|t| (t, "effectiveDateTime")),
            None,
        ),
    };
    read_drug(
        ctx,
        DrugInput {
            resource_type: "MedicationAdministration",
            concept: administration.medication_codeable_concept.as_ref(),
            reference: administration.medication_reference.as_ref(),
            contained: administration.contained.as_deref(),
            active,
            start,
            end,
            dosage: None,
            route: administration
                .dosage
                .as_ref()
                .and_then(|d| d.route.as_ref()),
        },
        medications,
        ignored,
    )
}

fn read_dosage(
    ctx: &Ctx,
    dosage: &Dosage,
    field: &str,
    medication: &mut Medication,
    ingredient: Option<(f64, String)>,
) -> Result<()> {
    if let Some(route) = &dosage.route {
        medication.route = route_text(route);
    }
    // A dose without a number or a unit is valid FHIR that says no amount: the medication
    // is read without its dose.
    let mut dose = None;
    if let Some(quantity) = dosage
        .dose_and_rate
        .as_ref()
        .and_then(|d| d.first())
        .and_then(|d| d.dose_quantity.as_ref())
    {
        let path = format!("{field}.doseAndRate[0].doseQuantity");
        if let (Some(value), Some(unit)) = (quantity.value, quantity.unit()) {
            if value < 0.0 {
                return Err(ctx.err(format!("{path}.value"), format!("dose {value} is negative")));
            }
            dose = Some((value, unit));
        }
    }
    let mut per_day = None;
    if let Some(repeat) = dosage.timing.as_ref().and_then(|t| t.repeat.as_ref()) {
        let path = format!("{field}.timing.repeat");
        let frequency = repeat.frequency.unwrap_or(1.0);
        let period = repeat.period.unwrap_or(1.0);
        let unit = repeat.period_unit.as_deref().unwrap_or("d");
        let days = match unit {
            "s" => 1.0 / 86_400.0,
            "min" => 1.0 / 1_440.0,
            "h" => 1.0 / 24.0,
            "d" => 1.0,
            "wk" => 7.0,
            "mo" => 30.0,
            "a" => 365.0,
            other => {
                return Err(ctx.err(
                    format!("{path}.periodUnit"),
                    format!("'{other}' is not a UCUM time unit (s, min, h, d, wk, mo, a)"),
                ))
            }
        };
        if period <= 0.0 || frequency < 0.0 {
            return Err(ctx.err(
                format!("{path}.period"),
                format!("frequency {frequency} per period {period} {unit} is not a schedule"),
            ));
        }
        per_day = Some(frequency / (period * days));
    }
    if medication.contains_magnesium() {
        if let (Some((value, unit)), Some(per_day)) = (dose, per_day) {
            medication.magnesium = magnesium_per_dose(medication, value, unit, ingredient).map(
                |(per_dose, reading)| MagnesiumDose {
                    mg_per_day: per_dose * per_day,
                    reading,
                },
            );
        }
    }
    Ok(())
}

/// Elemental magnesium in one dose of a magnesium-containing product, and how it was read
/// (KNOWLEDGE.md, SAFETY.MG_ABOVE_UL): an ingredient strength of magnesium itself, a dose in
/// mmol, orotate tablets at the label's 32.8 mg, a dose in mg of a salt (by ATC code, else by
/// name) times the salt's elemental fraction, or a dose in mg of a product named only
/// "magnesium". `None` when the dose cannot be read (a salt we cannot tell, a volume).
fn magnesium_per_dose(
    medication: &Medication,
    value: f64,
    unit: &str,
    ingredient: Option<(f64, String)>,
) -> Option<(f64, MagnesiumReading)> {
    let unit = unit.trim().to_ascii_lowercase();
    let tablet = matches!(
        unit.as_str(),
        "{tbl}" | "tbl" | "tablet" | "tablets" | "{tablet}" | "tab" | "{tab}" | "{tablets}"
    );
    if let Some((mg_per_unit, per)) = ingredient {
        let per = per.trim().to_ascii_lowercase();
        if per == unit || (tablet && per.contains("tab")) {
            return Some((value * mg_per_unit, MagnesiumReading::IngredientStrength));
        }
    }
    let salt_weight_mg = match unit.as_str() {
        "mmol" => return Some((value * MAGNESIUM_MOLAR_MASS, MagnesiumReading::Millimoles)),
        _ if tablet && medication.is(codes::DrugClass::MagnesiumOrotate) => {
            return Some((
                value * MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG,
                MagnesiumReading::OrotateTablet,
            ))
        }
        "mg" => value,
        "g" => value * 1000.0,
        _ => return None,
    };
    let salt = medication
        .atc
        .as_deref()
        .and_then(salt_for_atc)
        .or_else(|| medication.name.as_deref().and_then(salt_for_name));
    match salt {
        Some(salt) => {
            let fraction = salt.elemental_fraction();
            Some((
                salt_weight_mg * fraction,
                MagnesiumReading::Salt { salt, fraction },
            ))
        }
        None if medication.name.as_deref().is_some_and(names_magnesium)
            && medication
                .atc
                .as_deref()
                .is_none_or(|atc| atc.eq_ignore_ascii_case("A12CC")) =>
        {
            Some((salt_weight_mg, MagnesiumReading::NamedElemental))
        }
        None => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> DateTime<Utc> {
        parse_fhir_datetime("2025-03-01T12:00:00Z").unwrap()
    }

    fn bundle(resources: &[&str]) -> String {
        let entries: Vec<String> = resources
            .iter()
            .map(|r| format!(r#"{{"resource":{r}}}"#))
            .collect();
        format!(
            r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#,
            entries.join(",")
        )
    }

    fn mg(value: &str, unit: &str) -> String {
        format!(
            r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"19123-9"}}]}},"valueQuantity":{{"value":{value},"unit":"{unit}"}},"effectiveDateTime":"2025-03-01T08:00:00Z"}}"#
        )
    }

    fn error(json: &str) -> String {
        parse_bundle(json, at()).unwrap_err().to_string()
    }

    #[test]
    fn reads_magnesium_in_mg_per_dl() {
        let record = parse_bundle(&bundle(&[&mg("1.5", "mg/dL")]), at()).unwrap();
        let o = &record.observations[0];
        assert_eq!(o.analyte, Analyte::SerumMagnesium);
        // 1.5 × 10 / 24.305 = 0.6171570, kept unrounded (rounding is for display only)
        assert!(
            (o.value - 0.617_156_963_587_739).abs() < 1e-12,
            "{}",
            o.value
        );
        assert_eq!(o.original_unit, "mg/dL");
    }

    #[test]
    fn errors_name_entry_and_field() {
        assert_eq!(
            error(&bundle(&[&mg("50", "mmol/L")])),
            "entry 0 (Observation), field valueQuantity.value: serum magnesium 50 mmol/L is implausible (above 10 mmol/L): check the value and unit"
        );
        assert_eq!(
            error(&bundle(&[&mg("-1", "mmol/L")])),
            "entry 0 (Observation), field valueQuantity.value: serum magnesium -1 mmol/L is negative"
        );
        assert!(error(&bundle(&[&mg("\"0.8\"", "mmol/L")])).contains(
            "field valueQuantity.value: invalid type: string \"0.8\", expected a number"
        ));
        assert!(error(&bundle(&[&mg("0.8", "g/L")]))
            .contains("field valueQuantity.unit: unit 'g/L' is not accepted"));
        assert!(error("{").starts_with("field (document): not valid JSON"));
    }

    #[test]
    fn medication_daily_elemental_magnesium() {
        let orotate = r#"{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"A12CC09"}]},"dosage":[{"doseAndRate":[{"doseQuantity":{"value":2,"unit":"{tbl}"}}],"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"d"}}}]}"#;
        let record = parse_bundle(&bundle(&[orotate]), at()).unwrap();
        let daily = record.medications[0]
            .elemental_magnesium_mg_per_day()
            .unwrap();
        assert!((daily - 196.8).abs() < 1e-9, "{daily}");
    }

    fn patient(extra: &str) -> String {
        format!(r#"{{"resourceType":"Patient","birthDate":"1970-01-01"{extra}}}"#)
    }

    #[test]
    fn deceased_and_implausible_birth_dates() {
        let record =
            parse_bundle(&bundle(&[&patient(r#","deceasedBoolean":true"#)]), at()).unwrap();
        assert!(record.deceased);
        let later = patient(r#","deceasedDateTime":"2025-02-01""#);
        assert!(parse_bundle(&bundle(&[&later]), at()).unwrap().deceased);
        let record = parse_bundle(&bundle(&[&patient("")]), at()).unwrap();
        assert!(!record.deceased);
        assert_eq!(
            record.birth_date.map(|d| d.to_string()).as_deref(),
            Some("1970-01-01")
        );
        let old = r#"{"resourceType":"Patient","birthDate":"1899-12-31"}"#;
        let record = parse_bundle(&bundle(&[old]), at()).unwrap();
        assert_eq!(record.birth_date, None);
        assert!(record.implausible_birth_date.is_some());
        let aged = r#"{"resourceType":"Patient","birthDate":"1904-02-28"}"#;
        let record = parse_bundle(&bundle(&[aged]), at()).unwrap();
        assert_eq!(record.birth_date, None, "121 years old at 2025-03-01");
        let aged = r#"{"resourceType":"Patient","birthDate":"1905-03-01"}"#;
        let record = parse_bundle(&bundle(&[aged]), at()).unwrap();
        assert!(record.birth_date.is_some(), "120 years old is plausible");
    }

    #[test]
    fn coded_observations_and_comparators() {
        let pregnant = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"82810-3"}]},"valueCodeableConcept":{"coding":[{"system":"http://loinc.org","code":"LA15173-0"}]},"effectiveDateTime":"2025-02-20"}"#;
        let screen = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"urn:neuronutri:local","code":"swallow-screen"}]},"valueString":"passed","effectiveDateTime":"2025-03-01T09:00:00Z"}"#;
        let below = mg(r#"0.7, "comparator": "<""#, "mmol/L");
        let record = parse_bundle(&bundle(&[pregnant, screen, &below]), at()).unwrap();
        assert_eq!(record.coded.len(), 2);
        assert_eq!(record.coded[0].value, CodedValue::Pregnant);
        assert!(record.coded[0].effective_date_only);
        assert_eq!(record.coded[1].value, CodedValue::SwallowPassed);
        let o = &record.observations[0];
        assert_eq!(o.comparator, Some(Comparator::Lt));
        assert!(o.is_below(0.7) && o.is_below(0.75) && !o.is_below(0.69));
        assert!(!o.effective_date_only);
    }

    #[test]
    fn ignored_resources_and_codes() {
        let encounter = r#"{"resourceType":"Encounter","status":"finished"}"#;
        let rbc = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2593-2"}]},"valueQuantity":{"value":2.1,"unit":"mmol/L"},"effectiveDateTime":"2025-03-01"}"#;
        let heart_failure = r#"{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I50.9"}]}}"#;
        let snomed_only = r#"{"resourceType":"Condition","code":{"coding":[{"system":"http://example.org/local","code":"X1"}]}}"#;
        let methyldopa = r#"{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"C02AB01"}]}}"#;
        let absent = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"19123-9"}]},"dataAbsentReason":{"text":"error"},"effectiveDateTime":"2025-03-01"}"#;
        let record = parse_bundle(
            &bundle(&[
                encounter,
                rbc,
                heart_failure,
                snomed_only,
                methyldopa,
                absent,
            ]),
            at(),
        )
        .unwrap();
        let reasons: Vec<_> = record.ignored.iter().map(|i| (i.entry, i.reason)).collect();
        assert_eq!(
            reasons,
            vec![
                (Some(0), IgnoredReason::UnknownResourceType),
                (Some(1), IgnoredReason::UnmappedCode),
                (Some(2), IgnoredReason::UnmappedCode),
                (Some(3), IgnoredReason::UnknownCodeSystem),
                (Some(4), IgnoredReason::UnmappedCode),
                (Some(5), IgnoredReason::PendingOrValueless),
            ]
        );
        assert!(
            record.observations.is_empty(),
            "RBC magnesium is never serum magnesium"
        );
    }

    fn statement(concept: &str, dose: &str, frequency: u32) -> String {
        format!(
            r#"{{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{concept},"dosage":[{{"doseAndRate":[{{"doseQuantity":{dose}}}],"timing":{{"repeat":{{"frequency":{frequency},"period":1,"periodUnit":"d"}}}}}}]}}"#
        )
    }

    #[test]
    fn elemental_magnesium_by_salt() {
        let oxide = r#"{"coding":[{"system":"http://www.whocc.no/atc","code":"A06AD02"}],"text":"Magnesium oxide"}"#;
        let mg400 = r#"{"value":400,"unit":"mg"}"#;
        let record = parse_bundle(
            &bundle(&[&statement(oxide, mg400, 1), &statement(oxide, mg400, 2)]),
            at(),
        )
        .unwrap();
        let once = record.medications[0].magnesium.unwrap();
        assert!((once.mg_per_day - 241.22).abs() < 0.01, "{once:?}");
        assert!(matches!(
            once.reading,
            MagnesiumReading::Salt {
                salt: crate::salts::MagnesiumSalt::Oxide,
                ..
            }
        ));
        let twice = record.medications[1].magnesium.unwrap();
        assert!((twice.mg_per_day - 482.44).abs() < 0.01, "{twice:?}");

        let named = r#"{"text":"Magnesium 250"}"#;
        let record = parse_bundle(
            &bundle(&[&statement(named, r#"{"value":250,"unit":"mg"}"#, 1)]),
            at(),
        )
        .unwrap();
        let dose = record.medications[0].magnesium.unwrap();
        assert_eq!(dose.reading, MagnesiumReading::NamedElemental);
        assert_eq!(dose.mg_per_day, 250.0);

        let mmol = r#"{"text":"Magnesium citrate"}"#;
        let record = parse_bundle(
            &bundle(&[&statement(mmol, r#"{"value":5,"unit":"mmol"}"#, 2)]),
            at(),
        )
        .unwrap();
        let dose = record.medications[0].magnesium.unwrap();
        assert_eq!(dose.reading, MagnesiumReading::Millimoles);
        assert!((dose.mg_per_day - 243.05).abs() < 1e-9);
    }

    #[test]
    fn elemental_magnesium_from_an_ingredient_strength() {
        let medication = r#"{"resourceType":"Medication","id":"m1","code":{"text":"Magnesium complex"},"ingredient":[{"itemCodeableConcept":{"text":"magnesium"},"strength":{"numerator":{"value":100,"unit":"mg"},"denominator":{"value":1,"unit":"{tbl}"}}}]}"#;
        let statement = r#"{"resourceType":"MedicationStatement","status":"active","medicationReference":{"reference":"Medication/m1"},"dosage":[{"doseAndRate":[{"doseQuantity":{"value":2,"unit":"{tbl}"}}],"timing":{"repeat":{"frequency":2,"period":1,"periodUnit":"d"}}}]}"#;
        let record = parse_bundle(&bundle(&[medication, statement]), at()).unwrap();
        let dose = record.medications[0].magnesium.unwrap();
        assert_eq!(dose.reading, MagnesiumReading::IngredientStrength);
        assert_eq!(dose.mg_per_day, 400.0);
    }

    #[test]
    fn ndc_codes_map_through_the_product_map() {
        let ndc = |code: &str| {
            format!(r#"{{"coding":[{{"system":"http://hl7.org/fhir/sid/ndc","code":"{code}"}}]}}"#)
        };
        let mg = r#"{"value":1,"unit":"{tbl}"}"#;
        let record = parse_bundle(
            &bundle(&[
                &statement(&ndc("0603-0209-21"), mg, 1),
                &statement(&ndc("68071289303"), mg, 1),
                &statement(&ndc("0904-7026-61"), mg, 1),
            ]),
            at(),
        )
        .unwrap();
        let read: Vec<_> = record
            .medications
            .iter()
            .map(|m| (m.atc.as_deref(), m.mapped_by, m.code.as_deref()))
            .collect();
        assert_eq!(
            read,
            [
                (Some("A12CC10"), Some(MappedBy::Map), Some("0603-0209-21")),
                (Some("A02BC01"), Some(MappedBy::Map), Some("68071289303")),
                (None, None, Some("0904-7026-61")),
            ]
        );
        // An NDC the map lacks is listed, never guessed.
        assert!(
            record
                .ignored
                .iter()
                .any(|i| i.detail.contains("0904-7026-61")),
            "{:?}",
            record.ignored
        );
    }

    #[test]
    fn conditions_keep_status_and_date_only_onsets() {
        let stroke = r#"{"resourceType":"Condition","clinicalStatus":{"coding":[{"code":"resolved"}]},"code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I63.9"}]},"onsetDateTime":"2025-02-27"}"#;
        let record = parse_bundle(&bundle(&[stroke]), at()).unwrap();
        let c = &record.conditions[0];
        assert!(c.onset_date_only && !c.active);
        assert_eq!(c.clinical_status.as_deref(), Some("resolved"));
    }
}
