//! The real-world corpus (`tests/corpus/`): public FHIR R4 bundles — Synthea patients, a
//! Synthea bulk export grouped per patient, HL7 IPS examples — each with its origin and
//! licence in `MANIFEST.json` and the expectations `scripts/corpus/expect.py` computed from
//! the bundle and the code maps without this code. No valid bundle may be refused; what
//! `inspect` reads must match; the drug findings and the condition-driven codes the bundle
//! decides (present or absent) must follow.

use chrono::{DateTime, Utc};
use neuronutri::assess::{assess_bytes, AssessOptions, Format};
use neuronutri_knowledge::{Knowledge, Lang, Zone};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn corpus() -> (Value, std::path::PathBuf) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let manifest = std::fs::read_to_string(dir.join("MANIFEST.json")).unwrap();
    (serde_json::from_str(&manifest).unwrap(), dir)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn manifest_names_origin_and_licence_of_every_bundle() {
    let (manifest, dir) = corpus();
    let bundles = manifest["bundles"].as_array().unwrap();
    assert!(bundles.len() >= 40, "{} bundles", bundles.len());
    let mut files: Vec<String> = std::fs::read_dir(dir.join("bundles"))
        .unwrap()
        .map(|e| format!("bundles/{}", e.unwrap().file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut listed: Vec<String> = bundles
        .iter()
        .map(|b| b["file"].as_str().unwrap().to_string())
        .collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every bundle file is in the manifest and vice versa"
    );
    for b in bundles {
        for key in ["origin", "licence", "changes", "why"] {
            assert!(
                b[key].as_str().is_some_and(|s| !s.trim().is_empty()),
                "{}: no {key}",
                b["file"]
            );
        }
    }
}

#[test]
fn every_bundle_is_read_as_expected() {
    let (manifest, dir) = corpus();
    let at: DateTime<Utc> = manifest["at"].as_str().unwrap().parse().unwrap();
    let knowledge = Knowledge::builtin().unwrap();
    let options = AssessOptions {
        at,
        lang: Lang::En,
        zone: Zone::Utc,
        format: Format::Json,
    };
    let mut failures = Vec::new();
    for b in manifest["bundles"].as_array().unwrap() {
        let file = b["file"].as_str().unwrap();
        let expect = &b["expect"];
        let bytes = std::fs::read(dir.join(file)).unwrap();
        let record = match neuronutri::assess::parse_bytes(&knowledge, Lang::En, at, &bytes) {
            Ok(record) => record,
            Err(e) => {
                failures.push(format!("{file}: refused: {e}"));
                continue;
            }
        };
        let seen = neuronutri::inspect_cmd::inspect(&record, at);

        let mut classes: Vec<String> = seen
            .conditions
            .iter()
            .flat_map(|c| c.classes.iter().cloned())
            .collect();
        classes.sort();
        classes.dedup();
        let mut drugs: Vec<String> = seen
            .medications
            .iter()
            .filter(|m| m.active)
            .flat_map(|m| m.classes.iter().cloned())
            .collect();
        drugs.sort();
        drugs.dedup();
        let mut labs: BTreeMap<String, u64> = BTreeMap::new();
        for lab in &seen.labs {
            *labs.entry(lab.analyte.clone()).or_insert(0) += 1;
        }
        let expected_labs: BTreeMap<String, u64> = expect["labs"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect();
        let checks = [
            (
                "sex",
                seen.patient.sex.clone(),
                expect["sex"].as_str().unwrap().to_string(),
            ),
            (
                "deceased",
                seen.patient.deceased.to_string(),
                expect["deceased"].to_string(),
            ),
            (
                "condition classes",
                format!("{classes:?}"),
                format!("{:?}", strings(&expect["condition_classes"])),
            ),
            (
                "active drug classes",
                format!("{drugs:?}"),
                format!("{:?}", strings(&expect["active_drug_classes"])),
            ),
            ("labs", format!("{labs:?}"), format!("{expected_labs:?}")),
        ];
        for (what, got, want) in checks {
            if got != want {
                failures.push(format!("{file}: {what}: got {got}, expected {want}"));
            }
        }

        let assessment = assess_bytes(&knowledge, &options, &bytes).unwrap();
        let json = serde_json::to_value(&assessment).unwrap();
        let codes: Vec<String> = ["findings", "recommendations", "alerts"]
            .iter()
            .flat_map(|k| json[k].as_array().cloned().unwrap_or_default())
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect();
        for code in strings(&expect["assess_includes"]) {
            if !codes.contains(&code) {
                failures.push(format!("{file}: assess lacks {code} (has {codes:?})"));
            }
        }
        for code in strings(&expect["assess_excludes"]) {
            if codes.contains(&code) {
                failures.push(format!(
                    "{file}: assess has {code}, which the bundle rules out"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
