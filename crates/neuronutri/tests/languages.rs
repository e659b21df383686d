//! `assess --lang ru|uz|it` prints every text in that language: for every example patient,
//! no title, text, schedule line or claim is left in English, and none fails to render.

use std::process::Command;

fn assess(file: &str, at: &str, lang: &str) -> serde_json::Value {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(["assess", file, "--at", at, "--lang", lang])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every user-facing string of an assessment, keyed by code and field.
fn texts(assessment: &serde_json::Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for list in ["findings", "recommendations", "alerts", "suppressed"] {
        for item in assessment[list].as_array().unwrap() {
            let code = item["code"].as_str().unwrap();
            for field in ["title", "text"] {
                out.push((
                    format!("{code}.{field}"),
                    item[field].as_str().unwrap().to_string(),
                ));
            }
            for (i, line) in item["lines"].as_array().into_iter().flatten().enumerate() {
                out.push((
                    format!("{code}.lines[{i}]"),
                    line.as_str().unwrap().to_string(),
                ));
            }
            if let Some(claim) = item.get("claim") {
                for field in ["text", "why"] {
                    out.push((
                        format!("{code}.claim.{field}"),
                        claim[field].as_str().unwrap().to_string(),
                    ));
                }
            }
        }
    }
    out
}

#[test]
fn every_text_is_translated() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut checked = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let bundle: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let at = bundle["timestamp"].as_str().unwrap();
        let file = path.to_str().unwrap();
        let english = texts(&assess(file, at, "en"));
        for lang in ["ru", "uz", "it"] {
            let translated = texts(&assess(file, at, lang));
            assert_eq!(english.len(), translated.len(), "{file} {lang}");
            for ((key, en), (_, other)) in english.iter().zip(&translated) {
                assert!(
                    !other.contains("[render error"),
                    "{file} {lang} {key}: {other}"
                );
                assert_ne!(en, other, "{file} {lang} {key} is not translated: {other}");
                if lang == "ru" {
                    assert!(
                        other
                            .chars()
                            .any(|c| ('а'..='я').contains(&c.to_lowercase().next().unwrap())),
                        "{file} {key}: {other}"
                    );
                }
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "only {checked} texts checked");
}
