//! FHIR R4 as hospitals send it (KNOWLEDGE.md, "Inputs the engine understands", revision 2):
//! valid FHIR the engine does not use is skipped and listed, not refused; nested and
//! contained resources, medication references, MedicationRequest, national code system URIs,
//! SNOMED CT and RxNorm by the reviewed maps. Checked through `inspect` and `assess`.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Stdio};

const AT: &str = "2025-03-01T12:00:00Z";

fn run(args: &[&str], stdin: &[u8]) -> (Option<i32>, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn inspect(bundle: &str) -> Value {
    let (code, stdout, stderr) = run(
        &["inspect", "-", "--at", AT, "--format", "json"],
        bundle.as_bytes(),
    );
    assert_eq!(code, Some(0), "inspect refused a valid bundle: {stderr}");
    serde_json::from_str(&stdout).unwrap()
}

fn assess_codes(bundle: &str) -> Vec<String> {
    let (code, stdout, stderr) = run(&["assess", "-", "--at", AT], bundle.as_bytes());
    assert_eq!(code, Some(0), "assess refused a valid bundle: {stderr}");
    let v: Value = serde_json::from_str(&stdout).unwrap();
    ["findings", "recommendations", "alerts"]
        .iter()
        .flat_map(|k| v[k].as_array().cloned().unwrap_or_default())
        .map(|i| i["code"].as_str().unwrap().to_string())
        .collect()
}

fn bundle(kind: &str, entries: &[&str]) -> String {
    format!(
        r#"{{"resourceType":"Bundle","type":"{kind}","entry":[{}]}}"#,
        entries.join(",")
    )
}

fn entry(resource: &str) -> String {
    format!(r#"{{"resource":{resource}}}"#)
}

const PATIENT: &str =
    r#"{"resourceType":"Patient","id":"p","birthDate":"1950-01-01","gender":"male"}"#;

fn ignored(v: &Value) -> Vec<(String, String)> {
    v["ignored"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                i["reason"].as_str().unwrap().to_string(),
                i["detail"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn valid_fhir_the_engine_does_not_use_is_skipped_and_listed() {
    let mg = |value_quantity: &str, date: &str| {
        entry(&format!(
            r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"2601-3"}}]}},"valueQuantity":{value_quantity}{date}}}"#
        ))
    };
    let dated = r#","effectiveDateTime":"2025-03-01T08:00:00Z""#;
    let text = format!(
        "\u{feff}{}",
        bundle(
            "transaction-response",
            &[
                &entry(PATIENT),
                r#"{"response":{"status":"201 Created"}}"#,
                &mg(r#"{"unit":"mmol/L"}"#, dated),
                &mg(r#"{"value":0.8}"#, dated),
                &mg(r#"{"value":0.8,"unit":"mmol/L"}"#, ""),
                &entry(
                    r#"{"resourceType":"Observation","status":"registered","code":{"coding":[{"system":"http://loinc.org","code":"2601-3"}]}}"#
                ),
                &entry(r#"{"resourceType":"Condition","subject":{"reference":"Patient/p"}}"#),
                &entry(
                    r#"{"resourceType":"MedicationStatement","status":"active","medicationReference":{"reference":"Medication/nope"}}"#
                ),
                &entry(
                    r#"{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"text":"Omeprazol 20 mg"},"dosage":[{"doseAndRate":[{"doseQuantity":{"value":20}}]}]}"#
                ),
                &entry(r#"{"resourceType":"Encounter","status":"finished"}"#),
            ],
        )
    );
    let v = inspect(&text);
    assert_eq!(v["labs"].as_array().unwrap().len(), 0);
    let reasons: Vec<String> = ignored(&v).into_iter().map(|(r, _)| r).collect();
    assert_eq!(
        reasons,
        [
            "pending_or_valueless",  // quantity without a value
            "pending_or_valueless",  // quantity without a unit
            "pending_or_valueless",  // undated
            "pending_or_valueless",  // registered
            "unmapped_code",         // Condition without a code
            "unresolved_reference",  // Medication/nope
            "unknown_resource_type"  // Encounter
        ]
    );
    // A dose without a unit: the medication is read without its dose; a German spelling.
    let med = &v["medications"][0];
    assert_eq!(med["atc"], "A02BC01");
    assert_eq!(med["mapped_by"], "name");
    assert_eq!(v["ignored_counts"]["pending_or_valueless"], 4);
}

#[test]
fn nested_bundles_and_contained_results_are_read() {
    let b12 = r#"{"resourceType":"Observation","id":"b12","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2132-9"}]},"valueQuantity":{"value":250,"unit":"pg/mL"},"issued":"2025-02-20T10:00:00Z"}"#;
    let report = format!(
        r##"{{"resourceType":"DiagnosticReport","status":"final","code":{{"text":"B12"}},"contained":[{b12}],"result":[{{"reference":"#b12"}}]}}"##
    );
    let mg = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"19123-9"}]},"valueQuantity":{"value":0.7,"comparator":"<","unit":"mmol/L"},"effectivePeriod":{"start":"2025-02-28","end":"2025-02-28"}}"#;
    let inner = bundle("collection", &[&entry(mg)]);
    let rbc = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2593-2"}]},"valueQuantity":{"value":1.8,"unit":"mmol/L"},"effectiveDateTime":"2025-02-28"}"#;
    let text = bundle(
        "document",
        &[
            &entry(PATIENT),
            &entry(&report),
            &entry(&inner),
            &entry(rbc),
        ],
    );
    let v = inspect(&text);
    let labs = v["labs"].as_array().unwrap();
    assert_eq!(labs.len(), 2, "{labs:?}");
    // Contained in the report (entry 1): dated by `issued`.
    assert_eq!(labs[0]["entry"], 1);
    assert_eq!(labs[0]["analyte"], "vitamin B12");
    assert_eq!(labs[0]["effective"], "2025-02-20T10:00:00Z");
    // In the nested bundle (entry 2): dated by effectivePeriod.start, comparator kept.
    assert_eq!(labs[1]["entry"], 2);
    assert_eq!(labs[1]["original"], "<0.7 mmol/L");
    assert_eq!(labs[1]["date_only"], true);
    // Red-cell magnesium is never read as serum magnesium.
    let (reason, detail) = &ignored(&v)[0];
    assert_eq!(reason, "unmapped_code");
    assert!(detail.contains("2593-2") && detail.contains("red blood cells"));
}

#[test]
fn nested_errors_name_the_path() {
    let bad = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2601-3"}]},"valueQuantity":{"value":-1,"unit":"mmol/L"},"effectiveDateTime":"2025-02-28"}"#;
    let text = bundle(
        "collection",
        &[&entry(&bundle(
            "collection",
            &[&entry(PATIENT), &entry(bad)],
        ))],
    );
    let (code, _, stderr) = run(&["inspect", "-", "--at", AT], text.as_bytes());
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(
            "entry 0 (Bundle > Observation), field entry[1].resource.valueQuantity.value"
        ),
        "{stderr}"
    );
}

#[test]
fn codes_in_the_systems_real_exports_use() {
    let condition = |system: &str, code: &str| {
        entry(&format!(
            r#"{{"resourceType":"Condition","clinicalStatus":{{"coding":[{{"code":"active"}}]}},"code":{{"coding":[{{"system":"{system}","code":"{code}"}}]}}}}"#
        ))
    };
    let text = bundle(
        "collection",
        &[
            &entry(PATIENT),
            &condition("http://snomed.info/sct", "230690007"),
            &condition("http://fhir.de/CodeSystem/bfarm/icd-10-gm", "I10"),
            &condition("http://hl7.org/fhir/sid/icd-10", "E11.40† G63.2*"),
            &condition("http://snomed.info/sct", "444814009"),
            &condition("http://example.org/local-codes", "X1"),
        ],
    );
    let v = inspect(&text);
    let conditions = v["conditions"].as_array().unwrap();
    let classes = |i: usize| conditions[i]["classes"].clone();
    assert_eq!(classes(0), serde_json::json!(["ischemic_stroke"]));
    assert_eq!(conditions[0]["mapped_by"], "map");
    assert_eq!(conditions[0]["term"], "Cerebrovascular accident (disorder)");
    assert_eq!(classes(1), serde_json::json!(["hypertension"]));
    assert_eq!(conditions[1]["mapped_by"], "code");
    assert_eq!(
        classes(2),
        serde_json::json!(["type2_diabetes", "b12_neurological_involvement"])
    );
    assert_eq!(conditions.len(), 3, "unmapped SNOMED is not guessed");
    assert_eq!(
        ignored(&v),
        [
            (
                "unmapped_code".to_string(),
                "http://snomed.info/sct|444814009".to_string()
            ),
            (
                "unknown_code_system".to_string(),
                "http://example.org/local-codes|X1".to_string()
            )
        ]
    );
}

const METFORMIN_RXNORM: &str = r#"{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975","display":"24 HR Metformin hydrochloride 500 MG Extended Release Oral Tablet"}]}"#;

#[test]
fn medication_requests_and_references() {
    let request = |status: &str, intent: &str, medication: &str, extra: &str| {
        entry(&format!(
            r#"{{"resourceType":"MedicationRequest","status":"{status}","intent":"{intent}",{medication},"authoredOn":"2024-01-10"{extra}}}"#
        ))
    };
    let contained = format!(
        r##""contained":[{{"resourceType":"Medication","id":"m1","code":{METFORMIN_RXNORM}}}],"medicationReference":{{"reference":"#m1"}}"##
    );
    let in_bundle = r#""medicationReference":{"reference":"urn:uuid:0b1d"}"#;
    let furosemide = r#"{"fullUrl":"urn:uuid:0b1d","resource":{"resourceType":"Medication","code":{"coding":[{"system":"http://fhir.de/CodeSystem/bfarm/atc","code":"C03CA01"}]}}}"#;
    let lasix = r#""medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"315971","display":"Lasix 40mg"}]}"#;
    let text = bundle(
        "collection",
        &[
            &entry(PATIENT),
            &request("active", "order", &contained, ""),
            &request("on-hold", "plan", in_bundle, ""),
            furosemide,
            &request("active", "proposal", lasix, ""),
            &request(
                "active",
                "order",
                lasix,
                r#","dispenseRequest":{"validityPeriod":{"start":"2024-01-10","end":"2024-06-30"}}"#,
            ),
            &request("completed", "order", lasix, ""),
        ],
    );
    let v = inspect(&text);
    let meds = v["medications"].as_array().unwrap();
    let summary: Vec<(String, String, bool)> = meds
        .iter()
        .map(|m| {
            (
                m["atc"].as_str().unwrap().to_string(),
                m["mapped_by"].as_str().unwrap().to_string(),
                m["active"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("A10BA02".to_string(), "map".to_string(), true),
            ("C03CA01".to_string(), "code".to_string(), true),
            ("C03CA01".to_string(), "map".to_string(), false), // validity ended
            ("C03CA01".to_string(), "map".to_string(), false), // completed
        ]
    );
    assert_eq!(meds[0]["start"], "2024-01-10T00:00:00Z");
    assert!(ignored(&v)
        .iter()
        .any(|(r, d)| r == "pending_or_valueless" && d.contains("intent proposal")));

    // The same drugs as an EHR sends them give the drug findings.
    let codes = assess_codes(&text);
    for code in ["DRUG.METFORMIN_B12", "DRUG.DIURETIC_MG"] {
        assert!(
            codes.iter().any(|c| c == code),
            "{code} missing in {codes:?}"
        );
    }
}

#[test]
fn creatinine_in_blood_gives_egfr_and_the_renal_alert() {
    let creatinine = |value: f64| {
        format!(
            r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"38483-4","display":"Creatinine"}}]}},"valueQuantity":{{"value":{value},"unit":"mg/dL","system":"http://unitsofmeasure.org","code":"mg/dL"}},"effectiveDateTime":"2025-02-27T09:00:00Z"}}"#
        )
    };
    let high = bundle("collection", &[&entry(PATIENT), &entry(&creatinine(3.0))]);
    let v = inspect(&high);
    assert_eq!(v["labs"][0]["analyte"], "creatinine");
    // 3.0 mg/dL × 88.42 = 265.26 µmol/L
    assert!((v["labs"][0]["canonical_value"].as_f64().unwrap() - 265.26).abs() < 1e-9);
    // CKD-EPI 2021, 75-year-old man, 3.0 mg/dL: about 21 mL/min/1.73 m², below 30.
    assert!(assess_codes(&high).iter().any(|c| c == "SAFETY.MG_RENAL"));
    let normal = bundle("collection", &[&entry(PATIENT), &entry(&creatinine(0.9))]);
    assert!(!assess_codes(&normal).iter().any(|c| c == "SAFETY.MG_RENAL"));
}

#[test]
fn inspect_text_is_compact() {
    let text = bundle(
        "collection",
        &[
            &entry(PATIENT),
            &entry(r#"{"resourceType":"Encounter","status":"finished"}"#),
            &entry(r#"{"resourceType":"Encounter","status":"finished"}"#),
        ],
    );
    let (code, stdout, stderr) = run(&["inspect", "-", "--at", AT], text.as_bytes());
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stdout.contains("Patient: entry 0, age 75, sex male"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Ignored (2): unknown_resource_type 2"),
        "{stdout}"
    );
    assert!(
        stdout.contains("unknown_resource_type: Encounter Encounter x2"),
        "{stdout}"
    );
}
