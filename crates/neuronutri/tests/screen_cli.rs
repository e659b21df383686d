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
        spark.contains("-- prevalence") && spark.contains("`mg.low`"),
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

#[test]
fn emit_sql_prints_the_statements_and_writes_nothing() {
    let labs = data("labs.csv");
    let patients = data("patients.csv");
    let medications = data("medications.csv");
    let common = [
        "screen",
        labs.as_str(),
        "--patients",
        patients.as_str(),
        "--medications",
        medications.as_str(),
        "--period",
        "2023-01-01..2024-12-31",
        "--by",
        "site,sex",
        "--quiet",
    ];
    let (code, ansi, stderr) = run(&[&common[..], &["--emit-sql"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(ansi.starts_with("-- prevalence\n"), "{ansi}");
    assert!(ansi.contains("\n-- at_risk\n"), "{ansi}");
    // The latest result per patient: the smallest packed key, the sites numbered in it.
    assert!(ansi.contains("MIN(lkey) AS lkey"), "{ansi}");
    assert!(ansi.contains("CASE site WHEN "), "{ansi}");
    // The codes found in the file are listed in the statement.
    assert!(
        ansi.contains("'19123-9'") && ansi.contains("'mEq/L'"),
        "{ansi}"
    );
    let (code, spark, stderr) = run(&[&common[..], &["--emit-sql", "spark"]].concat());
    assert_eq!(code, 0, "{stderr}");
    assert!(spark.contains("MIN(lkey) AS lkey"), "{spark}");
    assert!(
        !spark.contains("first_value") && !spark.contains("VARCHAR"),
        "{spark}"
    );
    let (code, _, stderr) = run(&[&common[..], &["--emit-sql", "mysql"]].concat());
    assert_eq!(code, 2);
    assert!(stderr.contains("--emit-sql \"mysql\""), "{stderr}");
    // A Spark Connect server that is not there: a clear error, nothing written.
    let out = temp("no-spark");
    let (code, _, stderr) = run(&[
        "screen",
        labs.as_str(),
        "--engine",
        "spark://127.0.0.1:9",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("cannot reach the Spark Connect server at 127.0.0.1:9"),
        "{stderr}"
    );
    assert!(!out.exists());
    let (code, _, stderr) = run(&["screen", labs.as_str(), "--engine", "spark", "--out", "x"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("spark://HOST:PORT"), "{stderr}");
}

#[test]
fn synth_labs_writes_an_extract_the_screen_reads() {
    let out = temp("synth");
    let (code, stdout, stderr) = run(&[
        "synth-labs",
        "--rows",
        "3000",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("wrote 3000 lab rows of 150 patients"),
        "{stdout}"
    );
    for f in ["labs.csv", "patients.csv", "truth.json"] {
        assert!(out.join(f).exists(), "{f}");
    }
    let truth: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("truth.json")).unwrap()).unwrap();
    let screened = out.join("screen");
    let (code, stdout, stderr) = run(&[
        "screen",
        out.join("labs.csv").to_str().unwrap(),
        "--patients",
        out.join("patients.csv").to_str().unwrap(),
        "--quiet",
        "--out",
        screened.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let mg = &truth["analytes"]["mg"];
    assert!(
        stdout.contains(&format!(
            "serum magnesium: {} tested; low {} ",
            mg["tested"], mg["classes"]["low"]
        )),
        "{stdout}"
    );
    let (code, _, stderr) = run(&[
        "synth-labs",
        "--rows",
        "10",
        "--format",
        "xlsx",
        "--out",
        "x",
    ]);
    assert_eq!(code, 2);
    assert!(stderr.contains("parquet or csv"), "{stderr}");
    let _ = std::fs::remove_dir_all(&out);
}
