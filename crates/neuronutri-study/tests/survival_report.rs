//! The survival tables of the study report against R, end to end on the example study
//! `examples/veteran-survival-study` (R's survival::veteran, LGPL >= 2): Kaplan–Meier per arm
//! and per cell type (four groups), the risk table, the log-rank tests, a Cox model with a
//! categorical predictor against a chosen reference level, and cox.zph.
//! `test_data/survival/reference.json`, written by `scripts/stats/make_survival_report_fixture.R`,
//! holds R's numbers with the JSON pointer of each in the report: Kaplan–Meier, risk table and
//! log-rank at 1e-9 relative (exact), Cox and cox.zph at 1e-8 (R's coxph ran to eps = 1e-12 on
//! the relative change of the log partial likelihood). The whole report is also compared with
//! a blessed file.
//!
//! Re-bless after an intended change: `NEURONUTRI_BLESS=1 cargo test -p neuronutri-study
//! --test survival_report`, then review the diff.

mod common;

use neuronutri_study::{protocol, render, report, table};
use serde_json::Value;

const PROTOCOL: &str = include_str!("../../../examples/veteran-survival-study/protocol.toml");
const COHORT: &str = include_str!("../../../examples/veteran-survival-study/cohort.csv");
const REFERENCE: &str = include_str!("../test_data/survival/reference.json");
const GOLDEN: &str = "test_data/survival/veteran_report.golden.json";

fn run(toml: &str, csv: &str) -> Result<(report::Report, Value), String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    let r = report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())?;
    let json = serde_json::to_value(&r).unwrap();
    Ok((r, json))
}

#[test]
fn survival_tables_agree_with_r() {
    let (report, json) = run(PROTOCOL, COHORT).unwrap();
    let (n, worst) = common::check_reference(REFERENCE, &|_| json.clone());
    eprintln!("{n} entries, largest relative difference {worst:.2e}");
    assert!(n >= 1000, "only {n} entries");

    let ids: Vec<&str> = report.tables.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "table1",
            "table2",
            "table2-risk",
            "table2-cox",
            "table2-ph",
            "table3",
            "table3-risk"
        ]
    );
    // Dummy coding against the protocol's reference, labelled for people.
    let cox = &report.tables[3];
    let labels: Vec<&str> = cox.rows.iter().map(|r| r[0].as_str()).collect();
    assert!(labels.contains(&"Cell type: squamous"), "{labels:?}");
    assert!(!labels.contains(&"Cell type: large"), "{labels:?}");
    assert!(cox
        .notes
        .iter()
        .any(|n| n.contains("Cell type (reference large)")));
    // The KM figures, with the risk table drawn under the curves.
    assert_eq!(report.tables[1].figures, ["table2-km"]);
    assert_eq!(report.tables[5].figures, ["table3-km"]);
    for f in &report.figures {
        assert!(f.svg.starts_with("<svg"), "{}", f.id);
        assert!(f.svg.contains("Number at risk"), "{}", f.id);
        assert!(!f.png.is_empty(), "{}", f.id);
    }
    let md = render::markdown(&report);
    let md = common::results_part(&md);
    assert!(!md.contains("NaN") && !md.contains("inf"), "{md}");
    assert!(md.contains("Log-rank test (R's survdiff)"), "{md}");
    render::html(&report).unwrap();
}

#[test]
fn report_json_matches_the_blessed_file() {
    let (_, json) = run(PROTOCOL, COHORT).unwrap();
    common::check_golden(json, GOLDEN);
}

fn with_table(table: &str) -> String {
    let head = PROTOCOL.split("[[table]]").next().unwrap();
    format!("{head}[[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"survival\"\n{table}")
}

#[test]
fn protocol_mistakes_name_the_key() {
    for (table, expect) in [
        ("status = \"status\"\n", "time is missing"),
        ("time = \"time\"\n", "status is missing"),
        ("time = \"celltype\"\nstatus = \"status\"\n", "is categorical"),
        ("time = \"time\"\nstatus = \"celltype\"\n", "has 4 levels"),
        ("time = \"time\"\nstatus = \"prior\"\nevent = \"maybe\"\n", "event \"maybe\" is not a level"),
        ("time = \"time\"\nstatus = \"status\"\nevent = \"dead\"\n", "is not a number"),
        ("time = \"time\"\nstatus = \"status\"\nrisk_times = [100, 50]\n", "risk_times"),
        (
            "time = \"time\"\nstatus = \"status\"\npredictors = [\"karno\"]\nreference = { karno = \"1\" }\n",
            "not a categorical predictor",
        ),
        (
            "time = \"time\"\nstatus = \"status\"\npredictors = [\"time\"]\n",
            "cannot be a predictor",
        ),
        ("time = \"time\"\nstatus = \"status\"\nmodel = \"linear\"\n", "belong to regression"),
        (
            "time = \"time\"\nstatus = \"status\"\nvariables = [\"age\"]\n",
            "belong to other kinds of table",
        ),
        ("time = \"time\"\nstatus = \"time\"\n", "the same column"),
    ] {
        let err = protocol::parse("protocol.toml", &with_table(table)).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(expect), "{table}: {msg}");
        assert!(msg.starts_with("protocol.toml:"), "{msg}");
    }
    // Survival keys on another kind of table.
    let head = PROTOCOL.split("[[table]]").next().unwrap();
    let other = format!(
        "{head}[[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"comparison\"\n\
         variables = [\"age\"]\nrisk_times = [0, 100]\n"
    );
    let msg = protocol::parse("protocol.toml", &other)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("belong to survival tables"), "{msg}");
}

#[test]
fn event_coding_and_bad_data_are_reported_not_estimated() {
    // Status coded 1 = censored, 2 = died (as survival::lung): event = "2" gives the same
    // numbers as the 0/1 coding.
    let mut lines = COHORT.lines();
    let head = lines.next().unwrap();
    let status_col = head.split(',').position(|c| c == "status").unwrap();
    let recoded: String = std::iter::once(head.to_owned())
        .chain(lines.map(|l| {
            let mut cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            cells[status_col] = if cells[status_col] == "1" { "2" } else { "1" }.into();
            cells.join(",")
        }))
        .collect::<Vec<_>>()
        .join("\n");
    let table = "time = \"time\"\nstatus = \"status\"\nevent = \"2\"\n";
    let (_, a) = run(&with_table(table), &recoded).unwrap();
    let (_, b) = run(
        &with_table("time = \"time\"\nstatus = \"status\"\n"),
        COHORT,
    )
    .unwrap();
    assert_eq!(
        a["tables"][0]["results"]["log_rank"],
        b["tables"][0]["results"]["log_rank"]
    );
    assert_eq!(a["tables"][0]["rows"], b["tables"][0]["rows"]);
    // A third status value is named with its row, and nothing is estimated from it.
    let bad = recoded.replacen(",2,", ",3,", 1);
    let (report, json) = run(&with_table(table), &bad).unwrap();
    let error = json["tables"][0]["results"]["log_rank_error"]
        .as_str()
        .unwrap();
    assert!(
        error.contains("row 1") && error.contains("value 3"),
        "{error}"
    );
    assert!(report.tables[0]
        .notes
        .iter()
        .any(|n| n.starts_with("No log-rank test:")));
    // 0/1 expected without event = "...": a 2 is named.
    let (_, json) = run(
        &with_table("time = \"time\"\nstatus = \"status\"\n"),
        &recoded,
    )
    .unwrap();
    let error = json["tables"][0]["results"]["log_rank_error"]
        .as_str()
        .unwrap();
    assert!(error.contains("not 0 or 1"), "{error}");
    // A Cox model whose factor level has no event: monotone likelihood, reported not fitted.
    let mut csv = String::from(head);
    for i in 0..30 {
        let arm = if i % 2 == 0 { "standard" } else { "test" };
        let status = if arm == "test" { 0 } else { 1 };
        csv.push_str(&format!(
            "\n{i},{arm},squamous,{},{status},60,5,60,no",
            10 + i
        ));
    }
    let table = "time = \"time\"\nstatus = \"status\"\npredictors = [\"treatment\"]\n";
    let (report, json) = run(&with_table(table), &csv).unwrap();
    let error = json["tables"][2]["results"]["error"].as_str().unwrap();
    assert!(error.contains("monotone likelihood"), "{error}");
    assert!(report.tables[2].rows.is_empty());
}
