//! A FHIR bundle made ready to store: validated by the model (the same parser the
//! assessment uses, so a bundle that is stored can be assessed), split into its resources as
//! received, each with the key it is stored under and the typed facts that searches and
//! series read.
//!
//! The key of a resource is (source system, resource type, id). A resource without an `id`
//! is keyed by the SHA-256 of its JSON, so re-importing the same bundle never duplicates it.

use crate::sha256_hex;
use chrono::{DateTime, Utc};
use neuronutri_model::{parse_bundle, InputError, PatientRecord};
use serde_json::Value;

/// One resource of a prepared bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct PreparedResource {
    /// Bundle entry index (0-based).
    pub entry: usize,
    /// `resourceType`.
    pub resource_type: String,
    /// The resource's `id`, or `sha256:` and the hash of its JSON when it has none.
    pub source_id: String,
    /// The entry's `fullUrl`, if given (references may use it).
    pub full_url: Option<String>,
    /// The resource's JSON as received (re-serialised compactly).
    pub body: String,
    /// Every coding of the resource's main code (`code`, or `medicationCodeableConcept`).
    pub codes: Vec<(String, String)>,
    /// The typed facts, for the resource types we index.
    pub facts: Facts,
}

/// The typed facts of a resource that searches and series read.
#[derive(Clone, Debug, PartialEq)]
pub enum Facts {
    /// The patient's demographics.
    Patient {
        /// First `name.family`.
        family: Option<String>,
        /// First `name.given`, joined by spaces.
        given: Option<String>,
        /// `birthDate` as given.
        birth_date: Option<String>,
        /// `gender`.
        gender: Option<String>,
    },
    /// A result; analyte and canonical value when the model understands it.
    Observation {
        /// The code the model read (LOINC or local), else the first coding's.
        code: Option<String>,
        /// Our analyte id (`serum_magnesium`, `vitamin_b12`, …), when the model knows the code.
        analyte: Option<String>,
        /// `valueQuantity.value`.
        value: Option<f64>,
        /// `valueQuantity.unit` (or `code`).
        unit: Option<String>,
        /// The value in the analyte's canonical unit.
        canonical_value: Option<f64>,
        /// The canonical unit.
        canonical_unit: Option<String>,
        /// `effectiveDateTime` (or `effectivePeriod.start`, `issued`) as given.
        effective: Option<String>,
        /// That instant, when it can be read.
        effective_at: Option<DateTime<Utc>>,
    },
    /// A diagnosis.
    Condition {
        /// First coding's code.
        code: Option<String>,
        /// First coding's display, else `code.text`.
        display: Option<String>,
        /// `clinicalStatus` code.
        clinical_status: Option<String>,
        /// `onsetDateTime` (or `onsetPeriod.start`) as given.
        onset: Option<String>,
    },
    /// A medication statement, request or administration.
    Medication {
        /// `statement`, `request` or `administration`.
        kind: &'static str,
        /// First coding's code of `medicationCodeableConcept`.
        code: Option<String>,
        /// Its display or text, or the `medicationReference.display`.
        display: Option<String>,
        /// `status`.
        status: Option<String>,
        /// `effectiveDateTime`, `effectivePeriod.start` or `authoredOn` as given.
        effective: Option<String>,
    },
    /// Stored as received, not indexed.
    Other,
}

/// A validated bundle: one patient and every resource of the bundle.
#[derive(Clone, Debug)]
pub struct PreparedBundle {
    /// SHA-256 of the bundle text as received.
    pub sha256: String,
    /// Index into `resources` of the Patient.
    pub patient: usize,
    /// Every entry's resource, in bundle order.
    pub resources: Vec<PreparedResource>,
}

impl PreparedBundle {
    /// The Patient resource.
    pub fn patient(&self) -> &PreparedResource {
        &self.resources[self.patient]
    }
}

fn err(entry: Option<usize>, resource: Option<&str>, field: &str, message: String) -> InputError {
    InputError {
        entry,
        resource: resource.map(str::to_string),
        field: field.to_string(),
        message,
    }
}

/// Validates `json` as a one-patient FHIR R4 bundle whose facts are all dated at or before
/// `now`, and splits it into resources. Errors name the entry and the field.
pub fn prepare_bundle(json: &str, now: DateTime<Utc>) -> Result<PreparedBundle, InputError> {
    let record = parse_bundle(json, now)?;
    let Some(patient_entry) = record.patient_entry else {
        return Err(err(
            None,
            None,
            "entry",
            "no Patient resource: a bundle to import holds one patient and their data".into(),
        ));
    };
    // The model accepted it, so it is a JSON object with entries that have resources.
    let bundle: Value = serde_json::from_str(json)
        .map_err(|e| err(None, None, "(document)", format!("not valid JSON: {e}")))?;
    let entries = bundle
        .get("entry")
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let mut resources = Vec::with_capacity(entries.len());
    let mut patient = None;
    for (index, entry) in entries.iter().enumerate() {
        let Some(resource) = entry.get("resource") else {
            return Err(err(Some(index), None, "resource", "missing".into()));
        };
        let resource_type = resource
            .get("resourceType")
            .and_then(Value::as_str)
            .ok_or_else(|| err(Some(index), None, "resource.resourceType", "missing".into()))?
            .to_string();
        let body = resource.to_string();
        let source_id = match resource.get("id") {
            None => format!("sha256:{}", sha256_hex(body.as_bytes())),
            Some(Value::String(id)) if is_fhir_id(id) => id.clone(),
            Some(other) => {
                return Err(err(
                    Some(index),
                    Some(&resource_type),
                    "id",
                    format!("{other} is not a FHIR id (1 to 64 letters, digits, '-' or '.')"),
                ))
            }
        };
        if resource_type == "Patient" && index == patient_entry {
            patient = Some(resources.len());
        }
        let codes = main_codes(resource, &resource_type);
        let facts = facts(resource, &resource_type, index, &record);
        resources.push(PreparedResource {
            entry: index,
            resource_type,
            source_id,
            full_url: entry
                .get("fullUrl")
                .and_then(Value::as_str)
                .map(str::to_string),
            body,
            codes,
            facts,
        });
    }
    let patient = patient.ok_or_else(|| {
        err(
            Some(patient_entry),
            Some("Patient"),
            "resourceType",
            "the Patient entry could not be read".into(),
        )
    })?;
    let mut seen = std::collections::HashSet::new();
    for resource in &resources {
        if !seen.insert((&resource.resource_type, &resource.source_id)) {
            return Err(err(
                Some(resource.entry),
                Some(&resource.resource_type),
                "id",
                format!(
                    "'{}' appears twice in this bundle for {}",
                    resource.source_id, resource.resource_type
                ),
            ));
        }
    }
    Ok(PreparedBundle {
        sha256: sha256_hex(json.as_bytes()),
        patient,
        resources,
    })
}

/// FHIR `id`: `[A-Za-z0-9\-\.]{1,64}`.
pub fn is_fhir_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

fn text(value: Option<&Value>) -> Option<String> {
    value.and_then(Value::as_str).map(str::to_string)
}

fn concept_of<'a>(resource: &'a Value, resource_type: &str) -> Option<&'a Value> {
    match resource_type {
        "MedicationStatement" | "MedicationRequest" | "MedicationAdministration" => {
            resource.get("medicationCodeableConcept")
        }
        _ => resource.get("code"),
    }
}

fn main_codes(resource: &Value, resource_type: &str) -> Vec<(String, String)> {
    let Some(concept) = concept_of(resource, resource_type) else {
        return Vec::new();
    };
    concept
        .get("coding")
        .and_then(Value::as_array)
        .map(|codings| {
            codings
                .iter()
                .filter_map(|coding| {
                    let code = coding.get("code")?.as_str()?;
                    let system = coding.get("system").and_then(Value::as_str).unwrap_or("");
                    Some((system.to_string(), code.to_string()))
                })
                .collect()
        })
        .unwrap_or_default()
}

fn first_coding(concept: Option<&Value>) -> Option<&Value> {
    concept?.get("coding")?.as_array()?.first()
}

fn facts(resource: &Value, resource_type: &str, entry: usize, record: &PatientRecord) -> Facts {
    let concept = concept_of(resource, resource_type);
    let coding = first_coding(concept);
    let code = text(coding.and_then(|c| c.get("code")));
    let display = text(coding.and_then(|c| c.get("display")))
        .or_else(|| text(concept.and_then(|c| c.get("text"))));
    match resource_type {
        "Patient" => {
            let name = resource
                .get("name")
                .and_then(Value::as_array)
                .and_then(|names| names.first());
            Facts::Patient {
                family: text(name.and_then(|n| n.get("family"))),
                given: name
                    .and_then(|n| n.get("given"))
                    .and_then(Value::as_array)
                    .map(|given| {
                        given
                            .iter()
                            .filter_map(Value::as_str)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .filter(|g| !g.is_empty()),
                birth_date: text(resource.get("birthDate")),
                gender: text(resource.get("gender")),
            }
        }
        "Observation" => {
            let quantity = resource.get("valueQuantity");
            let effective = text(resource.get("effectiveDateTime"))
                .or_else(|| text(resource.get("effectivePeriod").and_then(|p| p.get("start"))))
                .or_else(|| text(resource.get("issued")));
            let understood = record.observations.iter().find(|o| o.entry == entry);
            Facts::Observation {
                code: understood.map(|o| o.code.clone()).or(code),
                analyte: understood.map(|o| o.analyte.id().to_string()),
                value: understood.map(|o| o.original_value).or_else(|| {
                    quantity
                        .and_then(|q| q.get("value"))
                        .and_then(Value::as_f64)
                }),
                unit: understood.map(|o| o.original_unit.clone()).or_else(|| {
                    text(quantity.and_then(|q| q.get("unit")))
                        .or_else(|| text(quantity.and_then(|q| q.get("code"))))
                }),
                canonical_value: understood.map(|o| o.value),
                canonical_unit: understood.map(|o| o.analyte.canonical_unit().to_string()),
                effective_at: understood.map(|o| o.effective).or_else(|| {
                    effective
                        .as_deref()
                        .and_then(neuronutri_model::time::parse_fhir_datetime)
                }),
                effective,
            }
        }
        "Condition" => Facts::Condition {
            code,
            display,
            clinical_status: text(
                first_coding(resource.get("clinicalStatus")).and_then(|c| c.get("code")),
            ),
            onset: text(resource.get("onsetDateTime"))
                .or_else(|| text(resource.get("onsetPeriod").and_then(|p| p.get("start")))),
        },
        "MedicationStatement" | "MedicationRequest" | "MedicationAdministration" => {
            let kind = match resource_type {
                "MedicationStatement" => "statement",
                "MedicationRequest" => "request",
                _ => "administration",
            };
            Facts::Medication {
                kind,
                code,
                display: display.or_else(|| {
                    text(
                        resource
                            .get("medicationReference")
                            .and_then(|r| r.get("display")),
                    )
                }),
                status: text(resource.get("status")),
                effective: text(resource.get("effectiveDateTime"))
                    .or_else(|| text(resource.get("effectivePeriod").and_then(|p| p.get("start"))))
                    .or_else(|| text(resource.get("authoredOn"))),
            }
        }
        _ => Facts::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> DateTime<Utc> {
        "2026-01-01T00:00:00Z".parse().unwrap()
    }

    #[test]
    fn resources_without_id_are_keyed_by_content() {
        let json = r#"{"resourceType":"Bundle","type":"collection","entry":[
            {"resource":{"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1970-01-02"}},
            {"resource":{"resourceType":"Observation","status":"final",
              "code":{"coding":[{"system":"http://loinc.org","code":"19123-9"}]},
              "effectiveDateTime":"2025-06-01T08:00:00Z",
              "valueQuantity":{"value":1.6,"unit":"mg/dL"}}}]}"#;
        let prepared = prepare_bundle(json, now()).unwrap();
        assert_eq!(prepared.patient().source_id, "p1");
        let observation = &prepared.resources[1];
        assert!(observation.source_id.starts_with("sha256:"));
        assert_eq!(observation.source_id.len(), "sha256:".len() + 64);
        let again = prepare_bundle(json, now()).unwrap();
        assert_eq!(again.resources[1].source_id, observation.source_id);
        match &observation.facts {
            Facts::Observation {
                analyte,
                canonical_unit,
                canonical_value,
                ..
            } => {
                assert_eq!(analyte.as_deref(), Some("serum_magnesium"));
                assert_eq!(canonical_unit.as_deref(), Some("mmol/L"));
                // 1.6 mg/dL ÷ 2.4305 (mg/dL per mmol/L) = 0.658 mmol/L
                assert!((canonical_value.unwrap() - 0.66).abs() < 0.006);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_bad_id_names_entry_and_field() {
        let json = r#"{"resourceType":"Bundle","type":"collection","entry":[
            {"resource":{"resourceType":"Patient","id":"p1"}},
            {"resource":{"resourceType":"Condition","id":"bad id!","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I10"}]}}}]}"#;
        let error = prepare_bundle(json, now()).unwrap_err();
        assert_eq!(error.entry, Some(1));
        assert_eq!(error.field, "id");
        assert!(error.message.contains("bad id!"), "{error}");
    }

    #[test]
    fn a_bundle_without_patient_is_refused() {
        let json = r#"{"resourceType":"Bundle","type":"collection","entry":[]}"#;
        let error = prepare_bundle(json, now()).unwrap_err();
        assert!(error.message.contains("no Patient"), "{error}");
    }
}
