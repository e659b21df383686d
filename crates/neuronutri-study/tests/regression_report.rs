//! The regression tables of the study report against R, end to end on the example study
//! `examples/heart-disease-study` (UCI Heart Disease, Cleveland; CC BY 4.0): a logistic table
//! with a categorical predictor and a linear one with an interaction, a chosen reference level
//! and HC3 standard errors. `test_data/regression/reference.json`, written by
//! `scripts/stats/make_regression_report_fixture.R`, holds R's numbers (glm, confint's exact
//! profile roots, lm, sandwich) with the JSON pointer of each in the report; and the whole
//! report is compared with a blessed file.
//!
//! Re-bless after an intended change: `NEURONUTRI_BLESS=1 cargo test -p neuronutri-study
//! --test regression_report`, then review the diff.

mod common;

use neuronutri_study::{protocol, render, report, table};
use serde_json::Value;

const PROTOCOL: &str = include_str!("../../../examples/heart-disease-study/protocol.toml");
const COHORT: &str = include_str!("../../../examples/heart-disease-study/cohort.csv");
const REFERENCE: &str = include_str!("../test_data/regression/reference.json");
const GOLDEN: &str = "test_data/regression/heart_report.golden.json";

fn run(toml: &str, csv: &str) -> Result<(report::Report, Value), String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    let r = report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())?;
    let json = serde_json::to_value(&r).unwrap();
    Ok((r, json))
}

#[test]
fn regression_tables_agree_with_r() {
    let (report, json) = run(PROTOCOL, COHORT).unwrap();
    let (n, worst) = common::check_reference(REFERENCE, &|_| json.clone());
    eprintln!("{n} entries, largest relative difference {worst:.2e}");
    assert!(n >= 100, "only {n} entries");

    // The dummy coding is shown: one row per non-reference level, labelled with it.
    let logistic = &report.tables[1];
    let labels: Vec<&str> = logistic.rows.iter().map(|r| r[0].as_str()).collect();
    assert!(labels.contains(&"Chest pain: asymptomatic"), "{labels:?}");
    assert!(!labels.contains(&"Chest pain: typical"), "{labels:?}");
    assert!(
        logistic
            .notes
            .iter()
            .any(|n| n.contains("reference typical")),
        "{:?}",
        logistic.notes
    );
    let linear = &report.tables[2];
    assert_eq!(linear.header[2], "SE (HC3)");
    assert!(linear.rows.iter().any(|r| r[0] == "Age, years × Sex: male"));
    // coefficient plot, residuals vs fitted and Q–Q for the linear table
    assert_eq!(
        linear.figures,
        ["table3-coefficients", "table3-residuals", "table3-qq"]
    );
    for f in &report.figures {
        assert!(f.svg.starts_with("<svg"), "{}", f.id);
        assert!(!f.png.is_empty(), "{}", f.id);
    }
    let md = render::markdown(&report);
    let md = common::results_part(&md);
    assert!(!md.contains("NaN") && !md.contains("inf"), "{md}");
    render::html(&report).unwrap();
}

#[test]
fn report_json_matches_the_blessed_file() {
    let (_, json) = run(PROTOCOL, COHORT).unwrap();
    common::check_golden(json, GOLDEN);
}

fn with_table(table: &str) -> String {
    let head = PROTOCOL.split("[[table]]").next().unwrap();
    format!("{head}[[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"regression\"\n{table}")
}

#[test]
fn protocol_mistakes_name_the_key() {
    for (table, expect) in [
        ("outcome = \"disease\"\nmodel = \"probit\"\npredictors = [\"age\"]\n", "model \"probit\""),
        ("outcome = \"max_hr\"\npredictors = [\"age\"]\nse = \"hc1\"\n", "se \"hc1\""),
        (
            "outcome = \"max_hr\"\npredictors = [\"chest_pain\"]\nreference = { chest_pain = \"none\" }\n",
            "\"none\" is not a level of \"chest_pain\"",
        ),
        (
            "outcome = \"max_hr\"\npredictors = [\"age\"]\nreference = { age = \"1\" }\n",
            "not a categorical predictor",
        ),
        (
            "outcome = \"max_hr\"\npredictors = [\"age:chest_pain\"]\n",
            "interacts without its main effect",
        ),
        (
            "outcome = \"disease\"\nmodel = \"logistic\"\nevent = \"yes\"\npredictors = [\"age\"]\n",
            "event \"yes\" is not a level",
        ),
        (
            "outcome = \"disease\"\nmodel = \"logistic\"\npredictors = [\"age\"]\nse = \"hc3\"\n",
            "belong to a linear model",
        ),
        ("outcome = \"max_hr\"\npredictors = [\"age:\"]\n", "predictors: invalid term"),
        (
            "outcome = \"chest_pain\"\nmodel = \"logistic\"\npredictors = [\"age\"]\n",
            "has 4 levels",
        ),
    ] {
        let err = protocol::parse("protocol.toml", &with_table(table)).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(expect), "{table}: {msg}");
        assert!(msg.starts_with("protocol.toml:"), "{msg}");
    }
}

#[test]
fn separation_and_a_bad_outcome_are_reported_not_estimated() {
    // Every man is "present" and every woman "absent": sex separates the outcome.
    let mut csv = String::from("patient,age,sex,chest_pain,max_hr,st_depression,vessels,disease\n");
    for i in 0..40 {
        let male = i % 2 == 0;
        csv.push_str(&format!(
            "{i},{},{},typical,150,1,0,{}\n",
            40 + i,
            if male { "male" } else { "female" },
            if male { "present" } else { "absent" }
        ));
    }
    let table = "outcome = \"disease\"\nmodel = \"logistic\"\npredictors = [\"age\", \"sex\"]\n";
    let (report, json) = run(&with_table(table), &csv).unwrap();
    let t = &report.tables[0];
    assert!(t.rows.is_empty());
    let error = json["tables"][0]["results"]["error"].as_str().unwrap();
    assert!(error.contains("separate"), "{error}");
    assert!(
        t.notes.iter().any(|n| n.starts_with("No regression:")),
        "{:?}",
        t.notes
    );

    // A numeric outcome of a logistic model must be 0 or 1: the row is named.
    let table = "outcome = \"max_hr\"\nmodel = \"logistic\"\npredictors = [\"age\"]\n";
    let (_, json) = run(&with_table(table), &csv).unwrap();
    let error = json["tables"][0]["results"]["error"].as_str().unwrap();
    assert!(
        error.contains("row 1") && error.contains("not 0 or 1"),
        "{error}"
    );
}
