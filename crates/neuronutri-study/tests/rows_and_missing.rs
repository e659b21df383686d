//! Which rows the analyses use and how missing values are shown (issue 13 item 6), on the
//! Heart Disease cohort (examples/heart-disease-study, CC BY 4.0) with two of its four
//! chest-pain types as the groups (`test_data/rows/protocol.toml`): correlations and
//! regressions use the whole cohort unless a table says `rows = "groups"` or `within`; the
//! characteristics table shows a "Missing" row under a variable with missing values; the
//! notes give the complete-case counts. `test_data/rows/reference.json`, written by
//! `scripts/stats/make_rows_fixture.R`, holds R's numbers with their JSON pointers.

mod common;

use neuronutri_study::{protocol, report, table};
use serde_json::Value;

const PROTOCOL: &str = include_str!("../test_data/rows/protocol.toml");
const COHORT: &str = include_str!("../../../examples/heart-disease-study/cohort.csv");
const REFERENCE: &str = include_str!("../test_data/rows/reference.json");

fn run(toml: &str) -> Result<report::Report, String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", COHORT.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())
}

#[test]
fn whole_cohort_groups_and_one_group_agree_with_r() {
    let r = run(PROTOCOL).unwrap();
    let json = serde_json::to_value(&r).unwrap();
    let (n, worst) = common::check_reference(REFERENCE, &|_| json.clone());
    eprintln!("{n} entries, largest relative difference {worst:.2e}");
    assert!(n >= 80, "only {n} entries");
    // the whole cohort is more than the two groups
    assert_eq!(r.rows_outside_groups, 230);
    assert_eq!(json["tables"][1]["results"]["rows"][0]["n"], 303);
    assert_eq!(json["tables"][2]["results"]["rows"][0]["n"], 73);
}

fn notes(r: &report::Report, id: &str) -> Vec<String> {
    r.tables.iter().find(|t| t.id == id).unwrap().notes.clone()
}

#[test]
fn the_notes_say_which_rows_and_how_many_were_left_out() {
    let r = run(PROTOCOL).unwrap();
    let t2 = notes(&r, "t2");
    assert_eq!(t2[0], "Rows: the whole cohort (303 rows).", "{t2:?}");
    assert!(
        t2.contains(
            &"Age ↔ Major vessels: n = 299 of 303 rows; 4 with a missing value left out.".into()
        ),
        "{t2:?}"
    );
    // a pair without missing values gets no such note
    assert!(
        !t2.iter().any(|n| n.starts_with("Age ↔ Maximum heart rate")),
        "{t2:?}"
    );
    let t3 = notes(&r, "t3");
    assert_eq!(
        t3[0], "Rows of the groups typical, atypical (73 rows).",
        "{t3:?}"
    );
    assert!(
        t3.contains(
            &"Age ↔ Major vessels: n = 72 of 73 rows; 1 with a missing value left out.".into()
        ),
        "{t3:?}"
    );
    let t4 = notes(&r, "t4");
    assert_eq!(t4[0], "Rows: the whole cohort (303 rows).", "{t4:?}");
    assert!(
        t4.iter()
            .any(|n| n.contains("n = 299 (4 rows with a missing value left out)")),
        "{t4:?}"
    );
    let t5 = notes(&r, "t5");
    assert_eq!(
        t5[0], "Rows of the groups typical, atypical (73 rows).",
        "{t5:?}"
    );
    assert!(
        t5.iter()
            .any(|n| n.contains("n = 72 (1 rows with a missing value left out)")),
        "{t5:?}"
    );
    assert_eq!(notes(&r, "t7")[0], "Rows of the group atypical.");
}

#[test]
fn a_variable_with_missing_values_gets_a_missing_row() {
    let r = run(PROTOCOL).unwrap();
    let t1 = &r.tables[0];
    let labels: Vec<&str> = t1.rows.iter().map(|row| row[0].as_str()).collect();
    // age: no missing value, no row; vessels: one missing in the atypical group (1 of 50)
    let at = labels
        .iter()
        .position(|l| l.starts_with("Major vessels"))
        .unwrap();
    assert_eq!(t1.rows[at + 1][..3], ["  Missing", "0 (0.0%)", "1 (2.0%)"]);
    assert_eq!(
        labels.iter().filter(|l| **l == "  Missing").count(),
        1,
        "{labels:?}"
    );
    assert!(!labels[..at].contains(&"  Missing"), "{labels:?}");
    assert!(
        t1.notes
            .iter()
            .any(|n| n.starts_with("Missing: rows of the group without a value")),
        "{:?}",
        t1.notes
    );
    // a categorical variable: blank the sex of two male rows of the typical group
    let csv: String = {
        let mut blanked = 0;
        COHORT
            .lines()
            .map(|line| {
                let f: Vec<&str> = line.split(',').collect();
                if blanked < 2 && f[2] == "male" && f[3] == "typical" {
                    blanked += 1;
                    let mut f = f.clone();
                    f[2] = "";
                    return f.join(",") + "\n";
                }
                line.to_owned() + "\n"
            })
            .collect()
    };
    let p = protocol::parse("protocol.toml", PROTOCOL).unwrap();
    let data = table::read_table("cohort.csv", csv.as_bytes(), &p.read_options).unwrap();
    let r = report::run(&p, &data, &mut |_| {}).unwrap();
    let t1 = &r.tables[0];
    let sex = t1
        .rows
        .iter()
        .position(|row| row[0] == "Sex, n (%)")
        .unwrap();
    // after the two levels: 2 of the 23 typical rows
    assert_eq!(t1.rows[sex + 3][..3], ["  Missing", "2 (8.7%)", "0 (0.0%)"]);
    // the level percentages stay those of the non-missing values
    let female: usize = t1.rows[sex + 1][1]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let male: usize = t1.rows[sex + 2][1]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(female + male, 21);
}

fn with_rows(table_lines: &str) -> String {
    let head = PROTOCOL.split("[[table]]").next().unwrap();
    format!("{head}[[table]]\nid = \"x\"\ntitle = \"X\"\n{table_lines}")
}

#[test]
fn bad_rows_keys_are_errors_naming_the_file_line_and_value() {
    let line = PROTOCOL.split("[[table]]").next().unwrap().lines().count() + 1;
    for (table_lines, wanted) in [
        (
            "kind = \"correlations\"\npairs = [[\"age\", \"max_hr\"]]\nrows = \"everyone\"\n",
            "rows = \"everyone\" is not \"all\"",
        ),
        (
            "kind = \"characteristics\"\nvariables = [\"age\"]\nrows = \"all\"\n",
            "rows belongs to correlations and regression tables",
        ),
        (
            "kind = \"regression\"\noutcome = \"max_hr\"\npredictors = [\"age\"]\nrows = \"groups\"\nwithin = \"typical\"\n",
            "rows = \"groups\" and within = \"typical\" exclude each other",
        ),
    ] {
        let e = protocol::parse("protocol.toml", &with_rows(table_lines))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&format!("protocol.toml:{line}: table \"x\": ")), "{e}");
        assert!(e.contains(wanted), "{e}");
    }
    // "all" is the default, said out loud
    let all = run(&with_rows(
        "kind = \"correlations\"\npairs = [[\"age\", \"max_hr\"]]\nrows = \"all\"\n",
    ))
    .unwrap();
    let json: Value = serde_json::to_value(&all).unwrap();
    assert_eq!(json["tables"][0]["results"]["rows"][0]["n"], 303);
}

#[test]
fn the_r_code_subsets_the_rows_as_the_report() {
    let r = run(PROTOCOL).unwrap();
    let code = &r.r_code;
    // t2 (whole cohort) and t3 (the groups) and t7 (one group)
    assert!(code.contains("d2 <- d\n"), "{code}");
    assert!(
        code.contains("d3 <- d[d$chest_pain %in% c(\"typical\", \"atypical\"), ]"),
        "{code}"
    );
    assert!(
        code.contains("d7 <- d[d$chest_pain %in% \"atypical\", ]"),
        "{code}"
    );
}
