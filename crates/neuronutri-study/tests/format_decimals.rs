//! `[format] decimals` (issue 13 item 7): each kind of estimate is printed with the protocol's
//! decimals, and a bad key or value is an error naming the file, the line and the value. The
//! printed cells are checked against the unrounded numbers of `report.json`, rounded here.
//! Data: the Heart Disease cohort (examples/heart-disease-study, CC BY 4.0) with the
//! protocol of `test_data/rows`.

use neuronutri_study::{protocol, report, table};
use serde_json::Value;

const PROTOCOL: &str = include_str!("../test_data/rows/protocol.toml");
const COHORT: &str = include_str!("../../../examples/heart-disease-study/cohort.csv");

fn run(toml: &str) -> Result<(report::Report, Value), String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", COHORT.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    let r = report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())?;
    let json = serde_json::to_value(&r).unwrap();
    Ok((r, json))
}

/// The protocol without the variables' own decimals, with a `[format]` table.
fn with_format(format: &str) -> String {
    let own: String = PROTOCOL
        .lines()
        .filter(|l| !l.starts_with("decimals ="))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("{own}\n[format]\n{format}\n")
}

fn table<'a>(r: &'a report::Report, id: &str) -> &'a report::ReportTable {
    r.tables.iter().find(|t| t.id == id).unwrap()
}

fn f(x: &Value) -> f64 {
    x.as_f64().unwrap()
}

#[test]
fn every_kind_of_estimate_takes_its_decimals() {
    let (r, json) = run(&with_format(
        "decimals = { mean = 3, percent = 0, statistic = 3, p = 4, r = 3, b = 2, or = 1 }",
    ))
    .unwrap();
    // characteristics: age (normal or not, the summary has 3 decimals), sex percentages
    let t1 = table(&r, "t1");
    let res = &json["tables"][0]["results"]["rows"];
    let age = &res[0]["groups"][0];
    let cell = &t1.rows[0][1];
    let want = if res[0]["shown"] == "mean_sd" {
        format!("{:.3} ± {:.3}", f(&age["mean"]), f(&age["sd"]))
    } else {
        format!(
            "{:.3} [{:.3}; {:.3}]",
            f(&age["median"]),
            f(&age["q1"]),
            f(&age["q3"])
        )
    };
    assert_eq!(cell, &want);
    // the statistic and p of age's test
    let test = &res[0]["test"];
    assert!(
        t1.rows[0][4].starts_with(&format!("{:.3}", f(&test["statistic"]))),
        "{:?}",
        t1.rows[0]
    );
    let p = f(&test["p_value"]);
    let p_cell = if p < 1e-4 {
        "<0.0001".to_owned()
    } else {
        format!("{p:.4}")
    };
    assert_eq!(t1.rows[0][5], p_cell);
    let sex = t1
        .rows
        .iter()
        .position(|row| row[0] == "Sex, n (%)")
        .unwrap();
    let level = &res[2]["levels"][0];
    assert_eq!(
        t1.rows[sex + 1][1],
        format!("{} ({:.0}%)", level["counts"][0], f(&level["percents"][0]))
    );
    // correlations: r with 3 decimals
    let t2 = table(&r, "t2");
    let c = f(&json["tables"][1]["results"]["rows"][0]["coefficient"]);
    assert_eq!(t2.rows[0][2], format!("{c:.3}"));
    // linear regression: b, SE and CI with 2 decimals, t with 3
    let t4 = table(&r, "t4");
    let co = &json["tables"][3]["results"]["fit"]["coefficients"][1];
    assert_eq!(t4.rows[1][1], format!("{:.2}", f(&co["estimate"])));
    assert_eq!(t4.rows[1][2], format!("{:.2}", f(&co["std_error"])));
    assert_eq!(
        t4.rows[1][3],
        format!("{:.2}; {:.2}", f(&co["ci"][0]), f(&co["ci"][1]))
    );
    assert_eq!(t4.rows[1][6], format!("{:.3}", f(&co["t"])));
    // logistic: OR and its CIs with 1 decimal
    let t6 = table(&r, "t6");
    let lo = &json["tables"][5]["results"]["logistic"]["coefficients"][2];
    assert_eq!(t6.rows[2][5], format!("{:.1}", f(&lo["odds_ratio"])));
    assert_eq!(
        t6.rows[2][6],
        format!(
            "{:.1}; {:.1}",
            f(&lo["or_wald_ci"][0]),
            f(&lo["or_wald_ci"][1])
        )
    );
}

#[test]
fn a_variables_own_decimals_win_and_the_defaults_stay() {
    // age keeps its decimals = 1 against mean = 3
    let (r, json) = run(&format!(
        "{PROTOCOL}\n[format]\ndecimals = {{ mean = 3 }}\n"
    ))
    .unwrap();
    let age = &json["tables"][0]["results"]["rows"][0]["groups"][0];
    let cell = &table(&r, "t1").rows[0][1];
    assert!(
        cell == &format!("{:.1} ± {:.1}", f(&age["mean"]), f(&age["sd"]))
            || cell.starts_with(&format!("{:.1} [", f(&age["median"]))),
        "{cell}"
    );
    // without [format]: p with 3 decimals, b with 4
    let (r, json) = run(PROTOCOL).unwrap();
    let co = &json["tables"][3]["results"]["fit"]["coefficients"][1];
    assert_eq!(
        table(&r, "t4").rows[1][1],
        format!("{:.4}", f(&co["estimate"]))
    );
    assert_eq!(table(&r, "t4").rows[0][7], "<0.001");
}

#[test]
fn bad_decimals_are_errors_naming_the_file_line_and_value() {
    let line = with_format("").lines().count();
    for (format, wanted) in [
        (
            "decimals = { pvalue = 3 }",
            "format: decimals: \"pvalue\" is not one of mean, percent",
        ),
        (
            "decimals = { p = 0 }",
            "format: decimals: p = 0: give a whole number from 1 to 10",
        ),
        (
            "decimals = { mean = 11 }",
            "format: decimals: mean = 11: give a whole number from 0 to 10",
        ),
        (
            "decimals = { r = -1 }",
            "format: decimals: r = -1: give a whole number from 0 to 10",
        ),
    ] {
        let e = protocol::parse("protocol.toml", &with_format(format))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&format!("protocol.toml:{line}: ")), "{e}");
        assert!(e.contains(wanted), "{e}");
    }
    // a value of the wrong type is the TOML reader's error, at its line
    let e = protocol::parse(
        "protocol.toml",
        &with_format("decimals = { mean = \"two\" }"),
    )
    .unwrap_err()
    .to_string();
    assert!(e.starts_with(&format!("protocol.toml:{line}: ")), "{e}");
    let e = protocol::parse("protocol.toml", &with_format("digits = 2"))
        .unwrap_err()
        .to_string();
    assert!(e.contains("digits"), "{e}");
}
