//! Clinical vignettes as golden tests: each file in `test_data/vignettes/` is a FHIR bundle,
//! an assessment instant, and the codes expected present, absent and suppressed. Every code
//! of the rule catalogue must be shown present by one vignette and absent by another.

use neuronutri_knowledge::{Knowledge, Lang};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Vignette {
    description: String,
    at: String,
    #[serde(default)]
    present: Vec<String>,
    #[serde(default)]
    absent: Vec<String>,
    #[serde(default)]
    suppressed: Vec<String>,
    bundle: serde_json::Value,
}

fn vignettes() -> Vec<(String, Vignette)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("test_data/vignettes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            let text = std::fs::read_to_string(&path).unwrap();
            let vignette: Vignette =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, vignette)
        })
        .collect()
}

#[test]
fn vignettes_give_expected_codes() {
    let knowledge = Knowledge::builtin().unwrap();
    let mut failures = Vec::new();
    let all = vignettes();
    for (name, v) in &all {
        let at = chrono::DateTime::parse_from_rfc3339(&v.at)
            .unwrap_or_else(|e| panic!("{name}: at: {e}"))
            .to_utc();
        let record = match neuronutri_model::parse_bundle_value(&v.bundle, at) {
            Ok(record) => record,
            Err(e) => {
                failures.push(format!("{name}: bundle rejected: {e}"));
                continue;
            }
        };
        let assessment = neuronutri_rules::assess(&knowledge, &record, at, Lang::En);
        let emitted: BTreeSet<&str> = assessment.items().map(|i| &*i.code).collect();
        let suppressed: BTreeSet<&str> = assessment.suppressed.iter().map(|i| &*i.code).collect();
        for code in &v.present {
            if !emitted.contains(code.as_str()) {
                failures.push(format!(
                    "{name} ({}): expected {code}, got {emitted:?}",
                    v.description
                ));
            }
        }
        for code in &v.absent {
            if emitted.contains(code.as_str()) {
                failures.push(format!(
                    "{name} ({}): {code} should be absent, got {emitted:?}",
                    v.description
                ));
            }
        }
        for code in &v.suppressed {
            if !suppressed.contains(code.as_str()) {
                failures.push(format!(
                    "{name} ({}): expected {code} suppressed, suppressed {suppressed:?}",
                    v.description
                ));
            }
        }
        for item in assessment.items().chain(&assessment.suppressed) {
            if item.sources.is_empty() {
                failures.push(format!("{name}: {} has no sources", item.code));
            }
            let claim = item.claim.iter().flat_map(|c| [&c.text, &c.why]);
            for text in [&item.title, &item.text]
                .into_iter()
                .chain(&item.lines)
                .chain(claim)
            {
                if text.contains("[render error") {
                    failures.push(format!("{name}: {}: {text}", item.code));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} vignette failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_code_is_covered_positively_and_negatively() {
    let knowledge = Knowledge::builtin().unwrap();
    let all = vignettes();
    assert!(all.len() >= 40, "only {} vignettes", all.len());
    let present: BTreeSet<&str> = all
        .iter()
        .flat_map(|(_, v)| v.present.iter().chain(&v.suppressed))
        .map(String::as_str)
        .collect();
    let absent: BTreeSet<&str> = all
        .iter()
        .flat_map(|(_, v)| &v.absent)
        .map(String::as_str)
        .collect();
    let mut missing = Vec::new();
    for rule in knowledge.rules() {
        if !present.contains(&*rule.code) {
            missing.push(format!("{} is never expected present", rule.code));
        }
        if !absent.contains(&*rule.code) {
            missing.push(format!("{} is never expected absent", rule.code));
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
