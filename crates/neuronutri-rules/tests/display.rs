//! Principle 9 of KNOWLEDGE.md, checked on the rendered texts: thresholds compare unrounded
//! values, and a displayed value never contradicts its classification (eGFR 29.6 is shown as
//! 29.6 beside "contraindicated below 30", never as 30; 1.82 mg/dL of magnesium is shown as
//! 0.749 mmol/L beside "below 0.75", never as 0.75).

use neuronutri_knowledge::{Knowledge, Lang};
use serde_json::json;

fn assess(resources: Vec<serde_json::Value>) -> neuronutri_rules::Assessment {
    let at = chrono::DateTime::parse_from_rfc3339("2025-03-10T11:00:00Z")
        .unwrap()
        .to_utc();
    let entries: Vec<_> = resources
        .into_iter()
        .map(|r| json!({ "resource": r }))
        .collect();
    let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": entries});
    let record = neuronutri_model::parse_bundle_value(&bundle, at).unwrap();
    neuronutri_rules::assess(&Knowledge::builtin().unwrap(), &record, at, Lang::En)
}

fn observation(code: &str, value: f64, unit: &str) -> serde_json::Value {
    json!({
        "resourceType": "Observation", "status": "final",
        "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
        "valueQuantity": {"value": value, "unit": unit},
        "effectiveDateTime": "2025-03-09T08:00:00Z"
    })
}

fn text_of(assessment: &neuronutri_rules::Assessment, code: &str) -> String {
    assessment
        .items()
        .chain(&assessment.suppressed)
        .find(|i| &*i.code == code)
        .unwrap_or_else(|| panic!("{code} not emitted"))
        .text
        .clone()
}

#[test]
fn egfr_29_6_is_shown_as_29_6_beside_below_30() {
    let patient = json!({"resourceType": "Patient", "birthDate": "1950-01-01", "gender": "male"});
    let a = assess(vec![
        patient,
        observation("98979-8", 29.6, "mL/min/{1.73_m2}"),
    ]);
    let text = text_of(&a, "SAFETY.MG_RENAL");
    assert!(text.contains("eGFR 29.6 mL/min"), "{text}");
    assert!(!text.contains("eGFR 30 "), "{text}");
}

#[test]
fn egfr_29_4_is_shown_as_29() {
    let patient = json!({"resourceType": "Patient", "birthDate": "1950-01-01", "gender": "male"});
    let a = assess(vec![
        patient,
        observation("98979-8", 29.4, "mL/min/{1.73_m2}"),
    ]);
    assert!(text_of(&a, "SAFETY.MG_RENAL").contains("eGFR 29 mL/min"));
}

#[test]
fn magnesium_1_82_mg_dl_is_low_and_shown_below_0_75() {
    let a = assess(vec![observation("19123-9", 1.82, "mg/dL")]);
    let text = text_of(&a, "MG.LOW");
    assert!(text.contains("0.749 mmol/L"), "{text}");
    assert!(!a.has("MG.BELOW_OPTIMAL"));
}

#[test]
fn b12_350_ng_l_is_indeterminate_and_shown_as_258_3() {
    let a = assess(vec![observation("2132-9", 350.0, "ng/L")]);
    let text = text_of(&a, "B12.INDETERMINATE");
    assert!(text.contains("258.3 pmol/L"), "{text}");
}

#[test]
fn b12_180_ng_l_is_not_deficient_and_shown_as_132_84() {
    let a = assess(vec![observation("2132-9", 180.0, "ng/L")]);
    assert!(!a.has("B12.DEFICIENT"));
    let text = text_of(&a, "B12.INDETERMINATE");
    assert!(text.contains("Total vitamin B12 132.84 pmol/L"), "{text}");
}

#[test]
fn mma_451_nmol_l_is_above_0_45_and_shown_so() {
    let a = assess(vec![
        observation("2132-9", 200.0, "pmol/L"),
        observation("13964-2", 451.0, "nmol/L"),
    ]);
    let text = text_of(&a, "B12.METABOLIC_DEFICIENCY");
    assert!(text.contains("methylmalonic acid 0.451"), "{text}");
}

fn acute_stroke(onset: &str) -> serde_json::Value {
    json!({
        "resourceType": "Condition",
        "clinicalStatus": {"coding": [{
            "system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
            "code": "active"
        }]},
        "code": {"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": "I63.9"}]},
        "onsetDateTime": onset
    })
}

#[test]
fn neuroprotection_card_30_min_after_onset_says_30_min_not_0_hours() {
    let patient = json!({"resourceType": "Patient", "birthDate": "1950-01-01", "gender": "male"});
    let a = assess(vec![patient, acute_stroke("2025-03-10T10:30:00Z")]);
    let text = text_of(&a, "STROKE.MG_NEUROPROTECTION");
    assert!(text.starts_with("30 min after onset."), "{text}");
    assert!(!text.contains("0 hours"), "{text}");
}

#[test]
fn neuroprotection_card_90_min_after_onset_says_1_hour() {
    let patient = json!({"resourceType": "Patient", "birthDate": "1950-01-01", "gender": "male"});
    let a = assess(vec![patient, acute_stroke("2025-03-10T09:30:00Z")]);
    let text = text_of(&a, "STROKE.MG_NEUROPROTECTION");
    assert!(text.starts_with("1 hour after onset."), "{text}");
}
