//! `docs/rules.md` is `neuronutri rules --format md`: the committed catalogue a clinical
//! reviewer reads must match the knowledge data. When the data changes, regenerate it with
//! `NEURONUTRI_BLESS=1 cargo test -p neuronutri --test rules_doc` and review the diff.

use std::process::Command;

fn rules(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .arg("rules")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn docs_rules_md_is_the_generated_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/rules.md");
    let generated = rules(&["--format", "md"]);
    if std::env::var_os("NEURONUTRI_BLESS").is_some() {
        std::fs::create_dir_all(std::path::Path::new(path).parent().unwrap()).unwrap();
        std::fs::write(path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    if committed != generated {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(committed.lines().count().min(generated.lines().count()));
        panic!(
            "docs/rules.md is stale (first difference at line {}): regenerate it with \
             NEURONUTRI_BLESS=1 cargo test -p neuronutri --test rules_doc",
            line + 1
        );
    }
}

#[test]
fn every_code_is_in_the_catalogue_with_its_thresholds() {
    let json: serde_json::Value = serde_json::from_str(&rules(&["--format", "json"])).unwrap();
    let listed: Vec<&str> = json["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    let knowledge = neuronutri_knowledge::Knowledge::builtin().unwrap();
    let codes: Vec<&str> = knowledge.rules().iter().map(|r| &*r.code).collect();
    assert_eq!(listed, codes);
    let low = &json["rules"][0];
    assert_eq!(low["code"], "MG.LOW");
    assert_eq!(low["kind"], "finding");
    assert_eq!(low["thresholds"][0]["name"], "mg_lower_ref");
    assert_eq!(low["thresholds"][0]["value"], 0.75);
    assert!(
        low["trigger"].as_str().unwrap().contains("0.75 mmol/L"),
        "{low}"
    );
}

#[test]
fn a_site_override_is_in_force_and_marked() {
    let config = std::env::temp_dir().join(format!("neuronutri-rules-{}.toml", std::process::id()));
    std::fs::write(&config, "[thresholds]\nmg_lower_ref = 0.70\n").unwrap();
    let text = rules(&[
        "--code",
        "MG.LOW",
        "--config",
        config.to_str().unwrap(),
        "--lang",
        "ru",
    ]);
    std::fs::remove_file(&config).unwrap();
    assert!(text.contains("иначе 0,7 ммоль/л"), "{text}");
    assert!(
        text.contains("mg_lower_ref = 0,7 ммоль/л (COSTELLO-2016; задан конфигурацией учреждения; по умолчанию 0,75)"),
        "{text}"
    );
}

#[test]
fn an_unknown_code_is_bad_input() {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(["rules", "--code", "MG.LOWW"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no code 'MG.LOWW'"));
}

/// The catalogue is complete: every code has its trigger in words in every language (none
/// falls back to the English summary of data/rules.toml), and every threshold is named by
/// some trigger, so a reviewer sees each one beside the code it decides.
#[test]
fn every_code_has_a_trigger_and_every_threshold_a_code() {
    use neuronutri_knowledge::{Knowledge, Lang, Texts};
    let knowledge = Knowledge::builtin().unwrap();
    let mut problems = Vec::new();
    for lang in Lang::ALL {
        let variables = Texts::variables(lang);
        for rule in knowledge.rules() {
            let id = format!("{}-trigger", rule.message_id());
            if !variables.contains_key(&id) {
                problems.push(format!(
                    "locales/rules/{lang}.ftl: no '{id}' for {}",
                    rule.code
                ));
            }
        }
    }
    let json: serde_json::Value = serde_json::from_str(&rules(&["--format", "json"])).unwrap();
    for threshold in json["unused_thresholds"].as_array().unwrap() {
        problems.push(format!(
            "threshold {} is named by no trigger",
            threshold["name"]
        ));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
