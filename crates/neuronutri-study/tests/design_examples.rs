//! The example studies on MASS data against R, end to end: `examples/birthweight-study`
//! (three groups: Welch's ANOVA or Kruskal–Wallis by the normality rule, one-way ANOVA with
//! Tukey's HSD, Welch's ANOVA with Games–Howell, Kruskal–Wallis with Dunn, chi-square and
//! Fisher–Freeman–Halton rows, a logistic model) and `examples/anorexia-paired-study` (paired
//! t and Wilcoxon signed-rank tests, overall and within arms).
//! `test_data/design_examples/reference.json`, written by
//! `scripts/stats/make_design_examples_fixture.R`, holds R's numbers with the JSON pointer of
//! each in the report; each report is also compared with its blessed file.
//!
//! Re-bless after an intended change: `NEURONUTRI_BLESS=1 cargo test -p neuronutri-study
//! --test design_examples`, then review the diff.

mod common;

use neuronutri_study::{protocol, render, report, table};
use serde_json::Value;

const BIRTHWEIGHT_TOML: &str = include_str!("../../../examples/birthweight-study/protocol.toml");
const BIRTHWEIGHT_CSV: &str = include_str!("../../../examples/birthweight-study/cohort.csv");
const ANOREXIA_TOML: &str = include_str!("../../../examples/anorexia-paired-study/protocol.toml");
const ANOREXIA_CSV: &str = include_str!("../../../examples/anorexia-paired-study/cohort.csv");
const REFERENCE: &str = include_str!("../test_data/design_examples/reference.json");

fn run(toml: &str, csv: &str) -> (report::Report, Value) {
    let p = protocol::parse("protocol.toml", toml).unwrap();
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let r = report::run(&p, &data, &mut |_| {}).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    (r, json)
}

fn example(name: Option<&str>) -> (report::Report, Value) {
    match name {
        Some("birthweight") => run(BIRTHWEIGHT_TOML, BIRTHWEIGHT_CSV),
        Some("anorexia") => run(ANOREXIA_TOML, ANOREXIA_CSV),
        other => panic!("no example {other:?}"),
    }
}

#[test]
fn the_example_studies_agree_with_r() {
    let (n, worst) = common::check_reference(REFERENCE, &|name| example(name).1);
    eprintln!("{n} entries, largest relative difference {worst:.2e}");
    assert!(n >= 400, "only {n} entries");
}

#[test]
fn the_reports_read_as_a_paper_would() {
    let (bw, _) = example(Some("birthweight"));
    let ids: Vec<&str> = bw.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "table1",
            "table1-posthoc",
            "table2",
            "table2-posthoc",
            "table3",
            "table3-posthoc",
            "table4",
            "table4-posthoc",
            "table5"
        ]
    );
    // The race dummies are labelled with the variable's label and level labels.
    let logistic: Vec<&str> = bw.tables[8].rows.iter().map(|r| r[0].as_str()).collect();
    assert!(logistic.contains(&"Race: Black"), "{logistic:?}");
    assert!(
        !logistic.iter().any(|l| l.contains("White")),
        "{logistic:?}"
    );

    let (an, _) = example(Some("anorexia"));
    assert_eq!(an.tables.len(), 5);
    assert_eq!(an.tables[0].rows[0][1], "72", "all 72 patients are paired");
    // The Wilcoxon table says that the pair without change left the test.
    assert!(
        an.tables[4]
            .notes
            .iter()
            .any(|n| n.contains("without change")),
        "{:?}",
        an.tables[4].notes
    );
    for r in [&bw, &an] {
        let md = render::markdown(r);
        let md = common::results_part(&md);
        assert!(!md.contains("NaN") && !md.contains("inf"), "{md}");
        render::html(r).unwrap();
    }
}

#[test]
fn reports_match_their_blessed_files() {
    common::check_golden(
        example(Some("birthweight")).1,
        "test_data/design_examples/birthweight_report.golden.json",
    );
    common::check_golden(
        example(Some("anorexia")).1,
        "test_data/design_examples/anorexia_report.golden.json",
    );
}
