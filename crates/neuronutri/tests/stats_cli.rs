//! `neuronutri stats` on the example HFS cohort, against the SciPy/statsmodels values of
//! `tests/data/hfs_report_reference.json` (made by scripts/study/make_report_fixture.py for
//! the same data), with the JSON keys the command promises; and the same file as a
//! Russian-locale spreadsheet saves it.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn stats(args: &[&str]) -> (i32, Value, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .arg("stats")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    let value = serde_json::from_slice(&output.stdout).unwrap_or(Value::Null);
    (output.status.code().unwrap(), value, stderr)
}

fn reference(pointer: &str) -> f64 {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hfs_report_reference.json"),
    )
    .unwrap();
    let fixture: Value = serde_json::from_str(&text).unwrap();
    fixture["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["pointer"] == pointer)
        .unwrap_or_else(|| panic!("no reference {pointer}"))["expected"]
        .as_f64()
        .unwrap()
}

fn close(got: &Value, pointer: &str) {
    let want = reference(pointer);
    let got = got
        .as_f64()
        .unwrap_or_else(|| panic!("{pointer}: got {got}"));
    assert!(
        (got - want).abs() <= 1e-9 * want.abs(),
        "{pointer}: got {got}, reference {want}"
    );
}

/// The rows of the HFS group only, as a CSV file of their own.
fn hfs_only() -> PathBuf {
    let text = std::fs::read_to_string(root().join("examples/hfs-study/cohort.csv")).unwrap();
    let mut lines = text.lines();
    let mut out = String::from(lines.next().unwrap());
    out.push('\n');
    for line in lines.filter(|l| l.split(',').nth(1) == Some("hfs")) {
        out.push_str(line);
        out.push('\n');
    }
    let path =
        std::env::temp_dir().join(format!("neuronutri-stats-hfs-{}.csv", std::process::id()));
    std::fs::write(&path, out).unwrap();
    path
}

#[test]
fn mann_whitney_matches_scipy() {
    let (code, r, stderr) = stats(&[
        "mann-whitney",
        "--data",
        "examples/hfs-study/cohort.csv",
        "--value",
        "b12_pg_ml",
        "--group",
        "group",
        "--groups",
        "hfs,control",
    ]);
    assert_eq!(code, 0, "{stderr}");
    close(&r["u"], "/tables/1/results/rows/0/test/statistic");
    close(&r["p_value"], "/tables/1/results/rows/0/test/p_value");
    close(
        &r["rank_biserial"],
        "/tables/1/results/rows/0/test/effect/value",
    );
    close(&r["hodges_lehmann"], "/tables/1/results/rows/0/test/shift");
    assert_eq!(r["method"], "asymptotic");
    assert_eq!((r["n1"].as_u64(), r["n2"].as_u64()), (Some(62), Some(40)));
}

#[test]
fn spearman_and_ols_match_scipy_and_statsmodels() {
    let data = hfs_only();
    let data = data.to_str().unwrap();
    let (code, r, stderr) = stats(&[
        "spearman",
        "--data",
        data,
        "--x",
        "b12_pg_ml",
        "--y",
        "spasm_per_day",
    ]);
    assert_eq!(code, 0, "{stderr}");
    close(&r["rho"], "/tables/4/results/rows/0/coefficient");
    close(&r["p_value"], "/tables/4/results/rows/0/p_value");
    assert_eq!(r["n"], 62);
    assert_eq!(r["method"], "t-approximation");

    let (code, r, stderr) = stats(&[
        "ols",
        "--data",
        data,
        "--outcome",
        "spasm_per_day",
        "--predictors",
        "b12_pg_ml,cortisol_nmol_l,dopamine_ng_ml,bdi",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(r["n"], 62);
    for key in ["r_squared", "adj_r_squared", "f", "f_p_value"] {
        close(&r[key], &format!("/tables/5/results/fit/{key}"));
    }
    let coefficients = r["coefficients"].as_array().unwrap();
    assert_eq!(coefficients.len(), 5);
    for (j, c) in coefficients.iter().enumerate() {
        for key in ["estimate", "std_error", "t", "p_value"] {
            close(
                &c[key],
                &format!("/tables/5/results/fit/coefficients/{j}/{key}"),
            );
        }
        if j > 0 {
            for key in ["beta", "sr2", "lmg"] {
                close(
                    &c[key],
                    &format!("/tables/5/results/fit/coefficients/{j}/{key}"),
                );
            }
        }
    }
}

/// Windows-1251, `;`, decimal comma and Cyrillic headers: the same U and p as the UTF-8 file.
#[test]
fn reads_a_russian_locale_spreadsheet() {
    let (code, r, stderr) = stats(&[
        "mann-whitney",
        "--data",
        "examples/hfs-study/ru/cohort-excel-ru.csv",
        "--value",
        "Витамин B12, пг/мл",
        "--group",
        "Группа",
        "--groups",
        "ГФС,Контроль",
    ]);
    assert_eq!(code, 0, "{stderr}");
    close(&r["u"], "/tables/1/results/rows/0/test/statistic");
    close(&r["p_value"], "/tables/1/results/rows/0/test/p_value");
}

#[test]
fn a_bad_cell_or_column_is_bad_input() {
    let path =
        std::env::temp_dir().join(format!("neuronutri-stats-bad-{}.csv", std::process::id()));
    std::fs::write(&path, "g,x\na,1\na,2\nb,zwei\nb,4\n").unwrap();
    let p = path.to_str().unwrap();
    let (code, _, stderr) = stats(&[
        "mann-whitney",
        "--data",
        p,
        "--value",
        "x",
        "--group",
        "g",
        "--groups",
        "a,b",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(":4: row 3, column \"x\": \"zwei\""),
        "{stderr}"
    );
    let (code, _, stderr) = stats(&[
        "mann-whitney",
        "--data",
        p,
        "--value",
        "y",
        "--group",
        "g",
        "--groups",
        "a,b",
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no column \"y\""), "{stderr}");
}
