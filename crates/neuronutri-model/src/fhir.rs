//! FHIR R4 Bundle input: Patient, Observation, Condition, MedicationStatement (and the
//! Medication resources they reference) become a [`PatientRecord`].
//!
//! Resources are decoded into borrowed, typed structs (serde) rather than a JSON tree: the
//! bundle is scanned once with each resource kept as raw text, its `resourceType` is peeked,
//! and only the resources we use are decoded, with `serde_path_to_error` keeping the field
//! path. So every error names the entry index, the resource and the field, unknown fields and
//! resources cost almost nothing, and malformed ones are errors.

use crate::codes::{self, analyte_for_loinc, atc_for_name, condition_class, kind_for_local};
use crate::record::{Condition, Medication, Observation, PatientRecord, Sex};
use crate::time::{parse_fhir_date, parse_fhir_datetime};
use crate::units::{canonical_reported, Analyte};
use chrono::{DateTime, Utc};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::value::RawValue;
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

/// Elemental magnesium in one 500 mg magnesium orotate dihydrate tablet (MAGNEROT-SMPC).
pub const MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG: f64 = 32.8;

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
    value_string: Option<IgnoredAny>,
    value_codeable_concept: Option<IgnoredAny>,
    value_integer: Option<IgnoredAny>,
    value_boolean: Option<IgnoredAny>,
    #[serde(borrow)]
    effective_date_time: Option<Str<'a>>,
    #[serde(borrow)]
    effective_period: Option<Period<'a>>,
    #[serde(borrow)]
    effective_instant: Option<Str<'a>>,
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
}

#[derive(Deserialize)]
struct RawMedication<'a> {
    #[serde(borrow)]
    id: Option<Str<'a>>,
    #[serde(borrow)]
    code: Option<Concept<'a>>,
}

/// Where in the bundle we are, for error messages.
#[derive(Clone, Copy)]
struct Ctx<'a> {
    entry: usize,
    resource: &'a str,
    at: DateTime<Utc>,
}

impl Ctx<'_> {
    fn err(&self, field: impl Into<String>, message: impl Into<String>) -> InputError {
        InputError {
            entry: Some(self.entry),
            resource: Some(self.resource.to_string()),
            field: field.into(),
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

    // First pass: each resource's type, and Medication resources by reference.
    let mut resources = Vec::with_capacity(entries.len());
    let mut medications: HashMap<String, &RawValue> = HashMap::new();
    for (index, entry) in entries.iter().enumerate() {
        let ctx = Ctx {
            entry: index,
            resource: "?",
            at,
        };
        let raw = entry
            .resource
            .ok_or_else(|| ctx.err("resource", "missing"))?;
        let resource_type = match leading_resource_type(raw.get()) {
            Some(t) => Cow::Borrowed(t),
            None => {
                let peek: Peek = ctx.decode(raw)?;
                peek.resource_type
                    .ok_or_else(|| ctx.err("resource.resourceType", "missing"))?
            }
        };
        if resource_type == "Medication" {
            let ctx = Ctx {
                entry: index,
                resource: "Medication",
                at,
            };
            let medication: RawMedication = ctx.decode(raw)?;
            if let Some(id) = &medication.id {
                medications.insert(format!("Medication/{id}"), raw);
            }
            if let Some(url) = &entry.full_url {
                medications.insert(url.to_string(), raw);
            }
        }
        resources.push((index, resource_type, raw));
    }

    let mut record = PatientRecord::default();
    for (index, resource_type, raw) in resources {
        let ctx = Ctx {
            entry: index,
            resource: &resource_type,
            at,
        };
        match &*resource_type {
            "Patient" => read_patient(&ctx, ctx.decode(raw)?, &mut record)?,
            "Observation" => {
                if let Some(observation) = read_observation(&ctx, ctx.decode(raw)?)? {
                    record.observations.push(observation);
                }
            }
            "Condition" => {
                if let Some(condition) = read_condition(&ctx, ctx.decode(raw)?)? {
                    record.conditions.push(condition);
                }
            }
            "MedicationStatement" => {
                if let Some(medication) = read_medication(&ctx, ctx.decode(raw)?, &medications)? {
                    record.medications.push(medication);
                }
            }
            _ => {}
        }
    }
    Ok(record)
}

fn read_patient(ctx: &Ctx, patient: RawPatient, record: &mut PatientRecord) -> Result<()> {
    if let Some(first) = record.patient_entry {
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
        record.birth_date = Some(date);
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

fn read_observation(ctx: &Ctx, obs: RawObservation) -> Result<Option<Observation>> {
    if matches!(
        obs.status.as_deref(),
        Some("entered-in-error" | "cancelled")
    ) {
        return Ok(None);
    }
    let Some(code) = &obs.code else {
        return Err(ctx.err("code", "missing"));
    };
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
        return Ok(None);
    };
    let analyte = kind.analyte;

    let Some(quantity) = &obs.value_quantity else {
        if obs.data_absent_reason.is_some() {
            return Ok(None);
        }
        let other = [
            ("valueString", obs.value_string.is_some()),
            ("valueCodeableConcept", obs.value_codeable_concept.is_some()),
            ("valueInteger", obs.value_integer.is_some()),
            ("valueBoolean", obs.value_boolean.is_some()),
        ]
        .into_iter()
        .find_map(|(name, present)| present.then_some(name));
        let message = match other {
            Some(k) => format!("missing: {analyte} ({code}) needs a valueQuantity, found {k}"),
            None => format!("missing: {analyte} ({code}) has no value"),
        };
        return Err(ctx.err("valueQuantity", message));
    };
    let original_value = quantity.value.ok_or_else(|| {
        ctx.err(
            "valueQuantity.value",
            format!("missing: {analyte} ({code}) has no value"),
        )
    })?;
    let original_unit = quantity.unit().ok_or_else(|| {
        ctx.err(
            "valueQuantity.unit",
            format!(
                "missing: {analyte} {original_value} has no unit; accepted: {}",
                analyte.accepted_units()
            ),
        )
    })?;
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

    let effective = match (
        &obs.effective_date_time,
        &obs.effective_period,
        &obs.effective_instant,
    ) {
        (Some(text), _, _) => ctx.past_datetime(Some(text), "effectiveDateTime")?,
        (None, Some(period), _) => Some(
            ctx.past_datetime(period.start.as_deref(), "effectivePeriod.start")?
                .ok_or_else(|| ctx.err("effectivePeriod.start", "missing"))?,
        ),
        (None, None, Some(text)) => ctx.past_datetime(Some(text), "effectiveInstant")?,
        (None, None, None) => None,
    };
    let effective = effective.ok_or_else(|| {
        ctx.err(
            "effectiveDateTime",
            format!(
                "missing: {analyte} {original_value} {original_unit} has no date, and an undated result cannot be used"
            ),
        )
    })?;

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
        original_value,
        original_unit: original_unit.to_string(),
        effective,
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
    canonical_reported(analyte, value, unit).map_err(|e| {
        ctx.err(
            format!("{path}.unit"),
            format!("{e} (code {code}, value {value})"),
        )
    })
}

fn read_condition(ctx: &Ctx, condition: RawCondition) -> Result<Option<Condition>> {
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
        return Err(ctx.err("code", "missing"));
    };
    let icd10 = code
        .codings()
        .iter()
        .find_map(|c| match c.system.as_deref() {
            Some(codes::ICD10 | codes::ICD10_CM) => c.code.as_deref(),
            _ => None,
        });
    let Some(icd10) = icd10 else { return Ok(None) };

    let active = match condition
        .clinical_status
        .as_ref()
        .and_then(|s| s.codings().iter().find_map(|c| c.code.as_deref()))
    {
        None | Some("active" | "recurrence" | "relapse") => true,
        Some("inactive" | "remission" | "resolved") => false,
        Some(other) => {
            return Err(ctx.err(
                "clinicalStatus.coding[0].code",
                format!("'{other}' is not a FHIR clinical status"),
            ))
        }
    };
    let onset = match (&condition.onset_date_time, &condition.onset_period) {
        (Some(text), _) => ctx.past_datetime(Some(text), "onsetDateTime")?,
        (None, Some(period)) => ctx.past_datetime(period.start.as_deref(), "onsetPeriod.start")?,
        (None, None) => None,
    };
    Ok(Some(Condition {
        entry: ctx.entry,
        code: icd10.to_string(),
        class: condition_class(icd10),
        onset,
        active,
    }))
}

fn read_medication(
    ctx: &Ctx,
    statement: RawMedicationStatement,
    medications: &HashMap<String, &RawValue>,
) -> Result<Option<Medication>> {
    let status = statement.status.as_deref().ok_or_else(|| {
        ctx.err(
            "status",
            "missing (active, completed, stopped, intended, ...)",
        )
    })?;
    let mut active = match status {
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

    let referenced: RawMedication;
    let empty = Concept::default();
    let concept = match (
        &statement.medication_codeable_concept,
        &statement.medication_reference,
    ) {
        (Some(concept), _) => concept,
        (None, Some(reference)) => {
            let target = reference
                .reference
                .as_deref()
                .ok_or_else(|| ctx.err("medicationReference.reference", "missing"))?;
            let raw = medications.get(target).ok_or_else(|| {
                ctx.err(
                    "medicationReference.reference",
                    format!("'{target}' names no Medication in this bundle"),
                )
            })?;
            referenced = ctx.decode(raw)?;
            referenced.code.as_ref().unwrap_or(&empty)
        }
        (None, None) => {
            return Err(ctx.err(
                "medicationCodeableConcept",
                "missing (neither medicationCodeableConcept nor medicationReference)",
            ))
        }
    };
    let mut atc = concept
        .codings()
        .iter()
        .find_map(|c| {
            (c.system.as_deref() == Some(codes::ATC))
                .then_some(c.code.as_deref())
                .flatten()
        })
        .map(str::to_string);
    let name = concept
        .text
        .as_deref()
        .or_else(|| concept.codings().iter().find_map(|c| c.display.as_deref()))
        .map(str::to_string);
    if atc.is_none() {
        atc = name.as_deref().and_then(atc_for_name).map(str::to_string);
    }

    let start;
    if let Some(period) = &statement.effective_period {
        start = ctx.datetime(period.start.as_deref(), "effectivePeriod.start")?;
        if let Some(end) = ctx.datetime(period.end.as_deref(), "effectivePeriod.end")? {
            if end < ctx.at {
                active = false;
            }
        }
    } else {
        start = ctx.datetime(
            statement.effective_date_time.as_deref(),
            "effectiveDateTime",
        )?;
    }

    let mut medication = Medication {
        entry: ctx.entry,
        atc,
        name,
        active,
        start,
        route: None,
        elemental_magnesium_mg_per_day: None,
    };
    if let Some(dosage) = statement.dosage.as_ref().and_then(|d| d.first()) {
        read_dosage(ctx, dosage, &mut medication)?;
    }
    Ok(Some(medication))
}

fn read_dosage(ctx: &Ctx, dosage: &Dosage, medication: &mut Medication) -> Result<()> {
    if let Some(route) = &dosage.route {
        medication.route = route
            .text
            .as_deref()
            .or_else(|| route.codings().iter().find_map(|c| c.display.as_deref()))
            .or_else(|| route.codings().iter().find_map(|c| c.code.as_deref()))
            .map(str::to_string);
    }
    let mut dose = None;
    if let Some(quantity) = dosage
        .dose_and_rate
        .as_ref()
        .and_then(|d| d.first())
        .and_then(|d| d.dose_quantity.as_ref())
    {
        let path = "dosage[0].doseAndRate[0].doseQuantity";
        let value = quantity
            .value
            .ok_or_else(|| ctx.err(format!("{path}.value"), "missing"))?;
        if value < 0.0 {
            return Err(ctx.err(format!("{path}.value"), format!("dose {value} is negative")));
        }
        let unit = quantity.unit().ok_or_else(|| {
            ctx.err(
                format!("{path}.unit"),
                format!("missing: dose {value} has no unit"),
            )
        })?;
        dose = Some((value, unit));
    }
    let mut per_day = None;
    if let Some(repeat) = dosage.timing.as_ref().and_then(|t| t.repeat.as_ref()) {
        let path = "dosage[0].timing.repeat";
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
    if medication.is(codes::DrugClass::Magnesium) {
        if let (Some((value, unit)), Some(per_day)) = (dose, per_day) {
            let per_dose = match unit.trim().to_ascii_lowercase().as_str() {
                "mg" => Some(value),
                "g" => Some(value * 1000.0),
                "{tbl}" | "tbl" | "tablet" | "tablets" | "{tablet}" | "tab" | "{tab}"
                    if medication.is(codes::DrugClass::MagnesiumOrotate) =>
                {
                    Some(value * MAGNESIUM_OROTATE_TABLET_ELEMENTAL_MG)
                }
                _ => None,
            };
            medication.elemental_magnesium_mg_per_day =
                per_dose.map(|d| (d * per_day * 10.0).round() / 10.0);
        }
    }
    Ok(())
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
        assert_eq!(o.value, 0.62); // 1.5 × 10 / 24.305 = 0.617, reported 0.62
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
            .elemental_magnesium_mg_per_day
            .unwrap();
        assert!((daily - 196.8).abs() < 1e-9, "{daily}");
    }
}
