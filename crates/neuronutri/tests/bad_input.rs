//! Bad input: every case exits 2, names the file, the entry and the field, and never panics.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const AT: &str = "2025-03-01T12:00:00Z";

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    output
}

/// Runs `assess` on `bundle` from a file and checks exit code 2 and the message parts.
fn check(bundle: &[u8], expect: &[&str]) {
    let dir = std::env::temp_dir().join(format!("neuronutri-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let case = CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = dir.join(format!("case-{case}-{}.json", bundle.len()));
    std::fs::write(&path, bundle).unwrap();
    let output = run(&["assess", path.to_str().unwrap(), "--at", AT], b"");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        output.status.code(),
        Some(2),
        "exit code for {expect:?}; stderr: {stderr}"
    );
    assert!(!stderr.contains("panicked"), "panic: {stderr}");
    assert!(
        stderr.contains(path.to_str().unwrap()),
        "file not named: {stderr}"
    );
    for part in expect {
        assert!(stderr.contains(part), "expected {part:?} in: {stderr}");
    }
    assert!(
        output.stdout.is_empty(),
        "nothing is printed on bad input: {}",
        String::from_utf8_lossy(&output.stdout)
    );
}

fn bundle(resources: &[&str]) -> Vec<u8> {
    let entries: Vec<String> = resources
        .iter()
        .map(|r| format!(r#"{{"resource":{r}}}"#))
        .collect();
    format!(
        r#"{{"resourceType":"Bundle","type":"collection","entry":[{}]}}"#,
        entries.join(",")
    )
    .into_bytes()
}

fn observation(code: &str, value_quantity: &str, effective: &str) -> String {
    format!(
        r#"{{"resourceType":"Observation","status":"final","code":{{"coding":[{{"system":"http://loinc.org","code":"{code}"}}]}},"valueQuantity":{value_quantity},"effectiveDateTime":"{effective}"}}"#
    )
}

fn mg(value_quantity: &str) -> String {
    observation("2601-3", value_quantity, "2025-03-01T08:00:00Z")
}

const PATIENT: &str =
    r#"{"resourceType":"Patient","id":"p","birthDate":"1950-01-01","gender":"male"}"#;

#[test]
fn truncated_json() {
    check(
        br#"{"resourceType":"Bundle","type":"collection","entry":[{"#,
        &["field (document)", "not valid JSON", "line 1"],
    );
}

#[test]
fn not_an_object() {
    check(
        b"[1,2,3]",
        &[
            "field (document)",
            "expected a FHIR Bundle object, found an array",
        ],
    );
}

#[test]
fn not_a_bundle() {
    check(
        PATIENT.as_bytes(),
        &["field resourceType", "expected 'Bundle', found 'Patient'"],
    );
}

#[test]
fn missing_resource_type() {
    check(
        br#"{"type":"collection","entry":[]}"#,
        &["field resourceType", "missing"],
    );
}

#[test]
fn unknown_bundle_type() {
    check(
        br#"{"resourceType":"Bundle","type":"pile","entry":[]}"#,
        &["field type", "'pile' is not a FHIR R4 Bundle type"],
    );
}

#[test]
fn entry_not_an_array() {
    check(
        br#"{"resourceType":"Bundle","type":"collection","entry":{}}"#,
        &["field entry", "invalid type: an object, expected an array"],
    );
}

#[test]
fn value_as_string() {
    check(
        &bundle(&[&mg(r#"{"value":"0.8","unit":"mmol/L"}"#)]),
        &[
            "entry 0",
            "field valueQuantity.value",
            "invalid type: string \"0.8\", expected a number",
        ],
    );
}

#[test]
fn unknown_unit() {
    check(
        &bundle(&[PATIENT, &mg(r#"{"value":0.8,"unit":"g/L"}"#)]),
        &[
            "entry 1",
            "field valueQuantity.unit",
            "'g/L' is not accepted for serum magnesium",
            "mmol/L, mg/dL",
        ],
    );
}

#[test]
fn mass_unit_on_molar_only_code() {
    let holotc = observation("72160-5", r#"{"value":40,"unit":"pg/mL"}"#, "2025-03-01");
    check(
        &bundle(&[&holotc]),
        &[
            "entry 0",
            "field valueQuantity.unit",
            "'pg/mL' is not accepted for holotranscobalamin",
        ],
    );
    let ionized = observation("2600-5", r#"{"value":1.2,"unit":"mg/dL"}"#, "2025-03-01");
    check(
        &bundle(&[&ionized]),
        &["entry 0", "field valueQuantity.unit", "ionized magnesium"],
    );
}

#[test]
fn negative_value() {
    check(
        &bundle(&[&mg(r#"{"value":-0.8,"unit":"mmol/L"}"#)]),
        &[
            "entry 0",
            "field valueQuantity.value",
            "-0.8 mmol/L is negative",
        ],
    );
}

#[test]
fn magnesium_50_mmol_per_l() {
    check(
        &bundle(&[PATIENT, &mg(r#"{"value":50,"unit":"mmol/L"}"#)]),
        &[
            "entry 1",
            "field valueQuantity.value",
            "serum magnesium 50 mmol/L is implausible",
        ],
    );
}

#[test]
fn b12_implausible() {
    let b12 = observation("2132-9", r#"{"value":60000,"unit":"pmol/L"}"#, "2025-03-01");
    check(
        &bundle(&[&b12]),
        &[
            "entry 0",
            "field valueQuantity.value",
            "vitamin B12 60000 pmol/L is implausible",
        ],
    );
}

#[test]
fn bdi_above_its_scale() {
    let bdi = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"urn:neuronutri:local","code":"bdi-ii-total"}]},"valueQuantity":{"value":80,"unit":"{score}"},"effectiveDateTime":"2025-03-01"}"#;
    check(
        &bundle(&[bdi]),
        &["entry 0", "field valueQuantity.value", "BDI total score 80"],
    );
}

#[test]
fn result_after_assessment_instant() {
    let late = observation(
        "2601-3",
        r#"{"value":0.8,"unit":"mmol/L"}"#,
        "2025-03-02T08:00:00Z",
    );
    check(
        &bundle(&[PATIENT, &late]),
        &[
            "entry 1",
            "field effectiveDateTime",
            "after the assessment instant",
        ],
    );
}

#[test]
fn onset_after_assessment_instant() {
    let c = r#"{"resourceType":"Condition","code":{"coding":[{"system":"http://hl7.org/fhir/sid/icd-10","code":"I63.9"}]},"onsetDateTime":"2026-01-01"}"#;
    check(
        &bundle(&[c]),
        &[
            "entry 0 (Condition)",
            "field onsetDateTime",
            "after the assessment instant",
        ],
    );
}

#[test]
fn birth_after_assessment_instant() {
    let p = r#"{"resourceType":"Patient","birthDate":"2030-01-01"}"#;
    check(
        &bundle(&[p]),
        &[
            "entry 0 (Patient)",
            "field birthDate",
            "after the assessment instant",
        ],
    );
}

#[test]
fn malformed_date() {
    let o = observation("2601-3", r#"{"value":0.8,"unit":"mmol/L"}"#, "17.05.2024");
    check(
        &bundle(&[o.as_str()]),
        &[
            "entry 0",
            "field effectiveDateTime",
            "'17.05.2024' is not a FHIR dateTime",
        ],
    );
}

#[test]
fn deeply_nested_arrays_20_mb() {
    let depth = 10 * 1024 * 1024;
    let mut text = Vec::with_capacity(2 * depth);
    text.extend(std::iter::repeat_n(b'[', depth));
    text.extend(std::iter::repeat_n(b']', depth));
    check(
        &text,
        &[
            "field (document)",
            "expected a FHIR Bundle object, found an array",
        ],
    );
    let mut inside = br#"{"resourceType":"Bundle","type":"collection","meta":"#.to_vec();
    inside.extend(std::iter::repeat_n(b'[', depth));
    inside.extend(std::iter::repeat_n(b']', depth));
    inside.push(b'}');
    // Valid JSON, nested 10 million deep inside a field we ignore: skipped without
    // recursion, so it is no error at all, and certainly no stack overflow.
    let output = run(&["assess", "-", "--at", AT], &inside);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut resource = br#"{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Basic","x":"#.to_vec();
    resource.extend(std::iter::repeat_n(b'[', depth));
    check(&resource, &["field (document)", "not valid JSON"]);
}

#[test]
fn non_utf8_file() {
    let mut text = br#"{"resourceType":"Bundle","type":"collection","entry":[]}"#.to_vec();
    text.insert(20, 0xff);
    check(&text, &["not UTF-8", "offset 20"]);
}

#[test]
fn invalid_gender() {
    let p = r#"{"resourceType":"Patient","gender":"M"}"#;
    check(
        &bundle(&[p]),
        &[
            "entry 0 (Patient)",
            "field gender",
            "'M' is not one of male, female, other, unknown",
        ],
    );
}

#[test]
fn two_patients() {
    let other = r#"{"resourceType":"Patient","id":"q","birthDate":"1960-01-01","gender":"female"}"#;
    check(
        &bundle(&[PATIENT, other]),
        &[
            "entry 1 (Patient)",
            "a second Patient; entry 0 is already the patient",
        ],
    );
}

#[test]
fn invalid_medication_status() {
    let m = r#"{"resourceType":"MedicationStatement","status":"taking","medicationCodeableConcept":{"text":"omeprazole"}}"#;
    check(
        &bundle(&[m]),
        &["entry 0 (MedicationStatement)", "field status", "'taking'"],
    );
}

#[test]
fn invalid_period_unit() {
    let m = r#"{"resourceType":"MedicationStatement","status":"active","medicationCodeableConcept":{"coding":[{"system":"http://www.whocc.no/atc","code":"A12CC09"}]},"dosage":[{"doseAndRate":[{"doseQuantity":{"value":2,"unit":"{tbl}"}}],"timing":{"repeat":{"frequency":3,"period":1,"periodUnit":"day"}}}]}"#;
    check(
        &bundle(&[m]),
        &[
            "entry 0",
            "field dosage[0].timing.repeat.periodUnit",
            "'day' is not a UCUM time unit",
        ],
    );
}

#[test]
fn reference_range_inverted() {
    let o = r#"{"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"2601-3"}]},"valueQuantity":{"value":0.8,"unit":"mmol/L"},"effectiveDateTime":"2025-03-01","referenceRange":[{"low":{"value":0.95},"high":{"value":0.75}}]}"#;
    check(
        &bundle(&[o]),
        &[
            "entry 0",
            "field referenceRange[0]",
            "low 0.95 is above high 0.75",
        ],
    );
}

#[test]
fn coding_not_an_array() {
    let o = r#"{"resourceType":"Observation","status":"final","code":{"coding":{"system":"http://loinc.org"}}}"#;
    check(
        &bundle(&[o]),
        &[
            "entry 0",
            "field code.coding",
            "invalid type: an object, expected an array",
        ],
    );
}

#[test]
fn bad_flags_and_files() {
    for (args, expect) in [
        (
            vec!["assess", "-", "--at", "yesterday"],
            "--at: 'yesterday' is not an RFC 3339 instant",
        ),
        (
            vec!["assess", "-", "--lang", "fr"],
            "--lang: unknown language 'fr'",
        ),
        (
            vec!["assess", "/nonexistent/bundle.json"],
            "/nonexistent/bundle.json: cannot read",
        ),
        (
            vec!["assess", "-", "--format", "xml"],
            "invalid value 'xml'",
        ),
    ] {
        let output = run(&args, b"");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expect),
            "{args:?}: expected {expect:?} in {stderr}"
        );
    }
}

#[test]
fn bad_config_names_file_and_line() {
    let dir = std::env::temp_dir().join(format!("neuronutri-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("site.toml");
    std::fs::write(&path, "[thresholds]\nmg_lower_ref = 0.7\nmg_lowr = 1\n").unwrap();
    let output = run(
        &["assess", "-", "--config", path.to_str().unwrap()],
        &bundle(&[]),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:3:", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("mg_lowr"), "{stderr}");
}

#[test]
fn ndjson_bad_line_is_reported_and_the_stream_goes_on() {
    let good =
        String::from_utf8(bundle(&[PATIENT, &mg(r#"{"value":0.7,"unit":"mmol/L"}"#)])).unwrap();
    let bad = String::from_utf8(bundle(&[&mg(r#"{"value":70,"unit":"mmol/L"}"#)])).unwrap();
    let input = format!("{good}\n{bad}\n\n{good}\n");
    let output = run(&["assess", "--ndjson", "-", "--at", AT], input.as_bytes());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("1 of 3 lines were bad input"), "{stderr}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert!(lines[0]["findings"].is_array());
    assert_eq!(lines[1]["line"], 2);
    let message = lines[1]["error"].as_str().unwrap();
    assert!(
        message.contains("line 2: entry 0 (Observation), field valueQuantity.value"),
        "{message}"
    );
    assert!(lines[2]["findings"].is_array());
}
