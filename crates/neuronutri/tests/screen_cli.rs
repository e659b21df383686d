//! `neuronutri screen` as a user runs it: the test extract of the screen crate, the files it
//! writes, and bad input (exit code 2, nothing written).

use std::path::{Path, PathBuf};
use std::process::Command;

fn run(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

fn data(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../neuronutri-screen/tests/data")
        .join(name)
        .display()
        .to_string()
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "neuronutri-screen-cli-{}-{name}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn screens_the_test_extract() {
    let out = temp("ok");
    let (code, stdout, stderr) = run(&[
        "screen",
        &data("labs.csv"),
        "--patients",
        &data("patients.csv"),
        "--medications",
        &data("medications.csv"),
        "--by",
        "site,sex,age_band,year",
        "--period",
        "2023-01-01..2024-12-31",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("expected.json")).unwrap()).unwrap();
    let tested = expected["analytes"]["mg"]["total"]["tested"]
        .as_u64()
        .unwrap();
    assert!(
        stdout.contains(&format!("serum magnesium: {tested} tested;")),
        "{stdout}"
    );
    for file in [
        "screen.json",
        "prevalence.csv",
        "at_risk.csv",
        "screen.md",
        "query.sql",
        "query.spark.sql",
    ] {
        assert!(out.join(file).exists(), "{file}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("screen.json")).unwrap()).unwrap();
    assert_eq!(
        json["analytes"][0]["total"]["tested"].as_u64(),
        Some(tested)
    );
    let sql = std::fs::read_to_string(out.join("query.sql")).unwrap();
    assert!(
        sql.contains("-- prevalence") && sql.contains("-- at_risk"),
        "{sql}"
    );
    let spark = std::fs::read_to_string(out.join("query.spark.sql")).unwrap();
    assert!(
        spark.contains("-- prevalence") && spark.contains("ROW_NUMBER() OVER"),
        "{spark}"
    );
    let _ = std::fs::remove_dir_all(&out);
}

#[test]
fn bad_input_exits_2_and_writes_nothing() {
    let out = temp("bad");
    let dir = temp("input");
    std::fs::create_dir_all(&dir).unwrap();
    let labs = dir.join("labs.csv");
    std::fs::write(
        &labs,
        "patient_id,code,value,unit,date\nP1,19123-9,0.8,mmol/L,1.2.2024\n",
    )
    .unwrap();
    let (code, _, stderr) = run(&[
        "screen",
        labs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("line 2, column date"), "{stderr}");
    assert!(!out.exists());
    let (code, _, stderr) = run(&[
        "screen",
        labs.to_str().unwrap(),
        "--by",
        "ward",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("'ward' is not a dimension"), "{stderr}");
    let (code, stdout, _) = run(&["screen", "--help"]);
    assert_eq!(code, 0);
    assert!(
        stdout.contains("[labs.codes]") && stdout.contains("Wilson"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
