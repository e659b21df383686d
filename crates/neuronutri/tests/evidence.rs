//! `neuronutri evidence` lists K1–K12 with the verdicts of KNOWLEDGE.md.

use std::process::Command;

fn evidence(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .arg("evidence")
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

#[test]
fn every_claim_has_the_verdict_of_knowledge_md() {
    // Typed from the "Seed claims and verdicts" table of KNOWLEDGE.md.
    let expected = [
        ("K1", "unverified"),
        ("K2", "unverified"),
        ("K3", "contradicted"),
        ("K4", "unverified"),
        ("K5", "unverified"),
        ("K6", "conflicting"),
        ("K7", "supported"),
        ("K8", "contradicted"),
        ("K9", "unverified"),
        ("K10", "unverified"),
        ("K11", "conflicting"),
        ("K12", "supported_unverified"),
    ];
    let (code, stdout, stderr) = evidence(&["--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    let map: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let claims = map["claims"].as_array().unwrap();
    assert_eq!(claims.len(), expected.len());
    for (claim, (id, verdict)) in claims.iter().zip(expected) {
        assert_eq!(claim["id"], id);
        assert_eq!(claim["verdict"], verdict, "{id}");
        assert!(!claim["claim"].as_str().unwrap().is_empty());
        assert!(!claim["why"].as_str().unwrap().is_empty());
    }
    let k3 = &claims[2];
    let k3_sources: Vec<_> = k3["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    for source in ["FASTMAG-2015", "IMAGES-2004", "AVGERINOS-2019"] {
        assert!(k3_sources.contains(&source), "{k3_sources:?}");
    }
    assert!(map["sources"].as_array().unwrap().len() >= 25);
    assert!(map["sources"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| !s["citation"].as_str().unwrap().is_empty()));
}

#[test]
fn one_claim_in_markdown_and_text() {
    let (code, stdout, _) = evidence(&["--claim", "k8", "--format", "md"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("## K8"), "{stdout}");
    assert!(stdout.contains("TEMKIN-2007"), "{stdout}");
    assert!(stdout.contains("**contradicted**"), "{stdout}");
    let (code, stdout, _) = evidence(&[]);
    assert_eq!(code, 0);
    assert!(stdout.lines().any(|l| l.starts_with("K12 [")), "{stdout}");
}

#[test]
fn unknown_claim_is_bad_input() {
    let (code, _, stderr) = evidence(&["--claim", "K13"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("--claim: no claim 'K13'"), "{stderr}");
}
