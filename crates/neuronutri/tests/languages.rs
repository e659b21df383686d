//! `assess --lang ru|uz|uz-Cyrl|it` prints every text in that language: for every example
//! patient, no title, text, schedule line or claim is left in English, and none fails to
//! render; and the Russian text output carries no English word at all.

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
        for lang in ["ru", "uz", "uz-Cyrl", "it"] {
            let translated = texts(&assess(file, at, lang));
            assert_eq!(english.len(), translated.len(), "{file} {lang}");
            for ((key, en), (_, other)) in english.iter().zip(&translated) {
                assert!(
                    !other.contains("[render error"),
                    "{file} {lang} {key}: {other}"
                );
                assert_ne!(en, other, "{file} {lang} {key} is not translated: {other}");
                if lang == "ru" || lang == "uz-Cyrl" {
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

fn examples() -> Vec<(String, serde_json::Value)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|x| x == "json") {
            let bundle = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            out.push((path.to_str().unwrap().to_string(), bundle));
        }
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// What a bundle itself names, which the output may quote as given: the patient's id, every
/// code of a coding, resource types, and the names of the medications (a drug name is shown as the record
/// gives it, e.g. "Omeprazole 20 mg"). Not the texts of conditions or observations: those
/// are never shown, so an English word there would be a leak.
fn given_words(value: &serde_json::Value, medication: bool, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            let is_medication = medication
                || map.contains_key("medicationCodeableConcept")
                || map.get("resourceType").and_then(|t| t.as_str()) == Some("Medication");
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("code" | "id" | "resourceType", serde_json::Value::String(code)) => {
                        out.push(code.clone())
                    }
                    ("display" | "text", serde_json::Value::String(name)) if is_medication => {
                        out.push(name.clone())
                    }
                    _ => given_words(value, is_medication && key != "reasonCode", out),
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                given_words(item, medication, out);
            }
        }
        _ => {}
    }
}

/// No English reaches a Russian reader: `assess --lang ru --format text` of every example
/// prints no word in Latin letters except these, which a Russian clinician reads in Latin:
/// - identifiers: output codes (`MG.LOW`), the catalogue's source ids (`COSTELLO-2016`) and
///   claim ids (`K1`), and what the bundle names as given (codes, resource types, the patient
///   id, drug names);
/// - the zone label `UTC` (units are written in Cyrillic in Russian: none is allowed here);
/// - names that Russian medical texts keep in Latin: authors cited (Amighi, Costello, Dong,
///   Temkin, Bagis, Park, Lam, Beck, Cochrane), trials, guidelines and scales known by their
///   acronym (FAST-MAG, IMAGES, NICE NG239, BSH, BNF, FDA, IOM, CKD-EPI, BDI, BDI-II), and
///   revision 2's Schimatschek, Rempis, He, Agus and AHA/ASA,
///   `B12` (витамин B12), `HbA1c`, the QT interval (интервал QT), the statistical symbols
///   `n`, `r`, `z` and `SD`, and the Roman numerals of a degree (AV-блокада II–III степени);
/// - codes the engine looked up itself (an ATC code found from a drug name).
///
/// The same holds for the clinical vignettes of the rules crate, which reach every code.
#[test]
fn no_english_word_reaches_a_russian_text_output() {
    let mut problems = Vec::new();
    let mut words_checked = 0;
    for (file, bundle) in examples() {
        let at = bundle["timestamp"].as_str().unwrap().to_string();
        words_checked += russian_latin_words(&file, &bundle, &at, &mut problems);
    }
    assert!(words_checked > 100, "only {words_checked} Latin words seen");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn no_english_word_reaches_a_russian_text_output_of_the_vignettes() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../neuronutri-rules/test_data/vignettes"
    );
    let mut problems = Vec::new();
    let mut vignettes = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "json") {
            continue;
        }
        let vignette: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let at = vignette["at"].as_str().unwrap().to_string();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        russian_latin_words(&name, &vignette["bundle"], &at, &mut problems);
        vignettes += 1;
    }
    assert!(vignettes > 100, "only {vignettes} vignettes");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Assesses `bundle` in Russian as text and records every Latin word outside the allowlist;
/// returns how many Latin words were seen.
fn russian_latin_words(
    name: &str,
    bundle: &serde_json::Value,
    at: &str,
    problems: &mut Vec<String>,
) -> usize {
    use std::io::Write;
    const KEPT_IN_LATIN: [&str; 38] = [
        "UTC",
        "Amighi",
        "Costello",
        "Dong",
        "Temkin",
        "Bagis",
        "Park",
        "Lam",
        "Beck",
        "Cochrane",
        "FAST-MAG",
        "IMAGES",
        "NICE",
        "NG239",
        "BSH",
        "BNF",
        "FDA",
        "IOM",
        "CKD-EPI",
        "BDI",
        "BDI-II",
        "B12",
        "HbA1c",
        "n",
        "r",
        "z",
        "SD",
        "MMA",
        "AV",
        "II",
        "III",
        "QT",
        // authors and guideline bodies cited by revision 2 of KNOWLEDGE.md
        "Schimatschek",
        "Rempis",
        "He",
        "Agus",
        "AHA",
        "ASA",
    ];
    let knowledge = neuronutri_knowledge::Knowledge::builtin().unwrap();
    let identifiers: Vec<String> = (knowledge.sources().iter().map(|s| s.id.clone()))
        .chain(knowledge.claims().iter().map(|c| c.id.clone()))
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args([
            "assess", "-", "--at", at, "--lang", "ru", "--format", "text",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(bundle.to_string().as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    if output.status.code() != Some(0) {
        // A vignette of bad input is another test's business; it prints no assessment.
        return 0;
    }
    let text = String::from_utf8(output.stdout).unwrap();
    let mut given = Vec::new();
    given_words(bundle, false, &mut given);
    let is_identifier = |word: &str| {
        let code = word.contains('.')
            && word.split('.').all(|part| {
                !part.is_empty()
                    && part
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            });
        // A code the engine looked up (an ATC code from a drug name): digits and capitals.
        let looked_up = word.chars().any(|c| c.is_ascii_digit())
            && word.chars().any(|c| c.is_ascii_uppercase())
            && !word.chars().any(|c| c.is_ascii_lowercase());
        code || looked_up || identifiers.iter().any(|s| s == word)
    };
    let mut seen = 0;
    for line in text.lines() {
        for word in line.split(|c: char| !(c.is_ascii_alphanumeric() || "-._".contains(c))) {
            let word = word.trim_matches(|c: char| ".-_".contains(c));
            if !word.chars().any(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            seen += 1;
            let is_given = |part: &str| {
                given.iter().any(|g| {
                    g == part || g.split(|c: char| !c.is_alphanumeric()).any(|p| p == part)
                })
            };
            let allowed = KEPT_IN_LATIN.contains(&word)
                || is_identifier(word)
                || word.split('-').all(is_given);
            if !allowed {
                problems.push(format!("{name}: '{word}' in: {line}"));
            }
        }
    }
    seen
}

/// Every unit the engine shows (each analyte's canonical unit and each threshold's unit) and
/// every analyte's name in the `inputs` lines has its message in every catalogue, so no UCUM
/// code or snake_case id reaches a reader.
#[test]
fn every_unit_and_input_name_has_a_message() {
    use neuronutri_knowledge::{unit_message_id, Knowledge, Lang};
    let knowledge = Knowledge::builtin().unwrap();
    let mut wanted: Vec<String> = Vec::new();
    for analyte in neuronutri_model::Analyte::ALL {
        wanted.push(unit_message_id(analyte.canonical_unit()));
        wanted.push(format!("input-{}", analyte.id().replace('_', "-")));
    }
    for (_, threshold) in knowledge.thresholds.all() {
        wanted.push(unit_message_id(&threshold.unit));
    }
    for name in [
        "condition",
        "medication",
        "age",
        "deceased",
        "birth_date",
        "pregnancy_status",
    ] {
        wanted.push(format!("input-{}", name.replace('_', "-")));
    }
    for lang in Lang::ALL {
        for id in &wanted {
            assert!(knowledge.texts.has(lang, id), "{lang}: no message '{id}'");
        }
    }
}
