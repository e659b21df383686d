//! `neuronutri study` end to end on the seed HFS study's synthetic cohort: the report's
//! numbers against SciPy/statsmodels, its tables 1–4 against the seed's printed means and
//! SDs, a blessed `report.json`, the Russian-locale CSV against its UTF-8 twin, every output
//! file, and bad input that leaves nothing behind.
//!
//! Re-bless the golden file after an intended change: `NEURONUTRI_BLESS=1 cargo test -p
//! neuronutri --test study_report`, then review the diff.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("neuronutri-study-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn study(args: &[&str]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .arg("study")
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn report(out: &Path) -> Value {
    let text = std::fs::read_to_string(out.join("report.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn run_example(name: &str) -> (PathBuf, Value) {
    let out = scratch(name);
    let (code, stderr) = study(&[
        "examples/hfs-study/protocol.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let r = report(&out);
    (out, r)
}

/// Every value of a fixture made by scripts/study/make_report_fixture.py is in the report,
/// to 1e-9 relative; returns how many were checked.
fn check_against(report: &Value, fixture: &str) -> usize {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(fixture);
    let fixture: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let entries = fixture["entries"].as_array().unwrap();
    let mut failures = Vec::new();
    for e in entries {
        let pointer = e["pointer"].as_str().unwrap();
        let expected = e["expected"].as_f64().unwrap();
        match report.pointer(pointer).and_then(Value::as_f64) {
            None => failures.push(format!("{pointer}: not in report.json")),
            Some(got) => {
                let tol = 1e-9 * expected.abs().max(1e-300);
                if (got - expected).abs() > tol {
                    failures.push(format!(
                        "{pointer}: got {got:e}, {} says {expected:e}",
                        e["reference"]
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    entries.len()
}

#[test]
fn numbers_agree_with_scipy_statsmodels_and_r() {
    let (_, report) = run_example("reference");
    assert!(check_against(&report, "hfs_report_reference.json") > 200);
}

/// The report's other paths (automatic choices, Student, Fisher, r×c chi-square, Pearson,
/// SciPy's Spearman p, all pairs, missing values, a row in no group) on a small table.
#[test]
fn other_paths_agree_with_scipy_statsmodels_and_r() {
    let out = scratch("paths");
    let (code, stderr) = study(&[
        "crates/neuronutri/tests/data/paths/protocol.toml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let report = report(&out);
    assert!(check_against(&report, "paths_reference.json") > 100);
    assert_eq!(report["rows_outside_groups"], 1);
    let rows = &report["tables"][0]["results"]["rows"];
    assert_eq!(rows[0]["shown"], "mean_sd");
    assert_eq!(rows[1]["shown"], "median_iqr");
    assert_eq!(rows[0]["test"]["test"], "Welch t");
    assert_eq!(rows[1]["test"]["test"], "Mann–Whitney U");
    assert_eq!(rows[1]["test"]["method"], "exact");
    assert_eq!(rows[2]["test"]["test"], "Fisher exact");
    assert_eq!(rows[3]["test"]["df"], 2.0);
    // Correlations with rows = "groups" use the rows of the two groups only.
    assert_eq!(report["tables"][2]["results"]["rows"][1]["n"], 66);
}

fn row<'a>(report: &'a Value, table: &str, first_cell: &str) -> &'a Vec<Value> {
    let t = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == table)
        .unwrap_or_else(|| panic!("no table {table}"));
    t["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r[0].as_str().unwrap().starts_with(first_cell))
        .unwrap_or_else(|| panic!("{table}: no row {first_cell}"))
        .as_array()
        .unwrap()
}

/// Tables 1–4 print the seed's means and SDs (Uzakov et al., Tables 1–4), the synth targets.
#[test]
fn tables_1_to_4_print_the_seed_means_and_sds() {
    let (_, report) = run_example("seed");
    let cases: &[(&str, &str, &str, &str)] = &[
        ("table1", "Age", "46.8 ± 8.2", "45.9 ± 7.6"),
        ("table1", "Duration of HFS", "4.8 ± 2.1", "—"),
        ("table2", "Vitamin B12", "317 ± 54", "458 ± 62"),
        ("table2", "Cortisol", "568 ± 85", "403 ± 72"),
        ("table2", "Dopamine", "82 ± 14", "105 ± 17"),
        ("table3", "Spasm frequency", "26.1 ± 6.2", "28.3 ± 7.1"),
        ("table3", "Intensity (VAS)", "6.5 ± 1.4", "7.0 ± 1.5"),
        ("table4", "Depression (BDI)", "18.7 ± 6.2", "9.5 ± 3.4"),
        ("table4", "Anxiety", "7.9 ± 2.1", "4.3 ± 1.5"),
    ];
    for (table, variable, first, second) in cases {
        let r = row(&report, table, variable);
        assert_eq!(r[1], *first, "{table} {variable}");
        assert_eq!(r[2], *second, "{table} {variable}");
    }
    // Table 1: 39 % and 61 % of 62 are 24 and 38 patients (Table 3 has 24 men, 38 women).
    assert_eq!(row(&report, "table1", "  Men")[1], "24 (38.7%)");
    assert_eq!(row(&report, "table3", "  Right")[1], "14 (58.3%)");
    // Table 6: β, p, sr² and LMG for the four predictors of the seed.
    let fit = &report["tables"][5]["results"]["fit"];
    let names: Vec<&str> = fit["coefficients"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "(Intercept)",
            "b12_pg_ml",
            "cortisol_nmol_l",
            "dopamine_ng_ml",
            "bdi"
        ]
    );
    for c in &fit["coefficients"].as_array().unwrap()[1..] {
        for key in ["beta", "p_value", "sr2", "lmg"] {
            assert!(c[key].is_f64(), "{key} of {}", c["name"]);
        }
    }
}

/// Table 5's correlations lie within sampling error of the seed's (Fisher z, 2.5 SE).
#[test]
fn correlations_lie_within_sampling_error_of_table_5() {
    let (_, report) = run_example("table5");
    let seed = [-0.52, -0.44, 0.47, -0.38, -0.41];
    let rows = report["tables"][4]["results"]["rows"].as_array().unwrap();
    assert_eq!(rows.len(), seed.len());
    for (r, target) in rows.iter().zip(seed) {
        let rho = r["coefficient"].as_f64().unwrap();
        let n = r["n"].as_f64().unwrap();
        let z = (f64::atanh(rho) - f64::atanh(target)).abs() * (n - 3.0).sqrt();
        assert!(z < 2.5, "{} ~ {}: rho {rho} vs {target}", r["x"], r["y"]);
    }
}

#[test]
fn report_json_matches_the_blessed_file() {
    // The paths in it are as given on the command line: relative, the same on every machine.
    let (out, report) = run_example("golden");
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hfs_report.golden.json");
    if std::env::var_os("NEURONUTRI_BLESS").is_some() {
        std::fs::copy(out.join("report.json"), &golden).unwrap();
    }
    let blessed: Value = serde_json::from_str(&std::fs::read_to_string(&golden).unwrap()).unwrap();
    if report != blessed {
        let got = serde_json::to_string_pretty(&report).unwrap();
        let want = serde_json::to_string_pretty(&blessed).unwrap();
        let first = got
            .lines()
            .zip(want.lines())
            .enumerate()
            .find(|(_, (a, b))| a != b)
            .map(|(i, (a, b))| format!("line {}: got {a:?}, blessed {b:?}", i + 1))
            .unwrap_or_else(|| "lengths differ".into());
        panic!("report.json differs from {}: {first}", golden.display());
    }
}

#[test]
fn writes_every_output() {
    let (out, report) = run_example("outputs");
    for file in ["report.json", "report.md", "report.html"] {
        assert!(out.join(file).is_file(), "{file}");
    }
    let html = std::fs::read_to_string(out.join("report.html")).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "self-contained, no scripts");
    assert!(!html.contains("src=\"http"), "no external resources");
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    for table in report["tables"].as_array().unwrap() {
        let id = table["id"].as_str().unwrap();
        let title = table["title"].as_str().unwrap();
        assert!(html.contains(title) && md.contains(title), "{title}");
        let csv = std::fs::read_to_string(out.join("tables").join(format!("{id}.csv"))).unwrap();
        assert_eq!(
            csv.lines().count(),
            1 + table["rows"].as_array().unwrap().len()
        );
        for cell in table["rows"][0].as_array().unwrap() {
            let cell = cell.as_str().unwrap().trim();
            assert!(csv.contains(cell) && md.contains(cell), "{id}: {cell}");
        }
    }
    let figures = report["figures"].as_array().unwrap();
    // 3 + 2 box plots, 5 scatter plots, 1 coefficient plot.
    assert_eq!(figures.len(), 11);
    for f in figures {
        let id = f["id"].as_str().unwrap();
        let svg = std::fs::read_to_string(out.join("plots").join(format!("{id}.svg"))).unwrap();
        assert!(svg.contains("<svg"), "{id}");
        assert!(
            html.contains(&format!("id=\"fig-{id}\"")),
            "{id} inline in the HTML"
        );
        let png = std::fs::read(out.join("plots").join(format!("{id}.png"))).unwrap();
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "{id}");
    }
}

/// Windows-1251, `;` and decimal comma (a Russian-locale spreadsheet) read like the UTF-8,
/// decimal-point twin: the same report but for the file's name and format.
#[test]
fn russian_locale_csv_gives_the_same_report_as_its_utf8_twin() {
    let ru = scratch("ru");
    let (code, stderr) = study(&[
        "examples/hfs-study/ru/protocol.toml",
        "--out",
        ru.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let utf8 = scratch("utf8");
    let (code, stderr) = study(&[
        "examples/hfs-study/ru/protocol.toml",
        "--data",
        "examples/hfs-study/ru/cohort-utf8.csv",
        "--out",
        utf8.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (mut a, mut b) = (report(&ru), report(&utf8));
    assert!(
        a["data"]["format"]
            .as_str()
            .unwrap()
            .contains("windows-1251"),
        "{}",
        a["data"]["format"]
    );
    assert!(a["data"]["format"]
        .as_str()
        .unwrap()
        .contains("decimal comma"));
    for r in [&mut a, &mut b] {
        r["data"]["file"] = Value::Null;
        r["data"]["format"] = Value::Null;
    }
    assert_eq!(a, b);
    // And the numbers are the English example's: the same cohort, other names.
    let (_, en) = run_example("en");
    assert_eq!(
        a["tables"][1]["rows"][0][1], en["tables"][1]["rows"][0][1],
        "B12 of HFS"
    );
    assert_eq!(
        a["tables"][5]["results"]["fit"]["r_squared"],
        en["tables"][5]["results"]["fit"]["r_squared"]
    );
}

/// The cohort as pandas + pyarrow save it (Parquet, Snappy; made by
/// scripts/study/make_parquet_cohort.py) gives the CSV's report.
#[test]
fn parquet_gives_the_same_report_as_the_csv() {
    let pq = scratch("parquet");
    let (code, stderr) = study(&[
        "examples/hfs-study/protocol.toml",
        "--data",
        "examples/hfs-study/cohort.parquet",
        "--out",
        pq.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (_, mut csv) = run_example("parquet-twin");
    let mut pq = report(&pq);
    assert_eq!(pq["data"]["format"], "Parquet");
    for r in [&mut pq, &mut csv] {
        r["data"]["file"] = Value::Null;
        r["data"]["format"] = Value::Null;
    }
    assert_eq!(pq, csv);
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    std::fs::create_dir_all(dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

const PROTOCOL: &str = "title = \"t\"\ndata = \"d.csv\"\ngroup = \"g\"\ngroups = [\"a\", \"b\"]\n\
[[variable]]\nname = \"x\"\n[[table]]\nid = \"t1\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"x\"]\n";

/// Bad input exits 2 with a message naming file, row or line, column and value, and writes
/// nothing.
#[test]
fn bad_input_names_the_place_and_writes_nothing() {
    let dir = scratch("bad");
    let protocol = write(&dir, "p.toml", PROTOCOL);
    let out = dir.join("out");
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "g,x\na,1\na,2\nb,3x\nb,4\n",
            "malformed cell",
            &["d.csv:4: row 3", "\"x\"", "3x"],
        ),
        ("g,y\na,1\nb,2\n", "unknown column", &["d.csv", "\"x\""]),
        ("g,x\na,1\na,2\n", "no row of group b", &["d.csv", "\"b\""]),
        ("g,x\na,1,9\nb,2\n", "ragged row", &["d.csv:2"]),
        ("", "empty file", &["d.csv"]),
    ];
    for (data, what, needles) in cases {
        write(&dir, "d.csv", data);
        let (code, stderr) = study(&[protocol.to_str().unwrap(), "--out", out.to_str().unwrap()]);
        assert_eq!(code, 2, "{what}: {stderr}");
        for n in *needles {
            assert!(stderr.contains(n), "{what}: {n:?} not in {stderr}");
        }
        assert!(!out.exists(), "{what}: the output folder was created");
        assert!(!stderr.contains("panicked"), "{what}: {stderr}");
    }
    // A protocol mistake names the protocol's line.
    let bad = write(
        &dir,
        "bad.toml",
        &PROTOCOL.replace("kind = \"comparison\"", "kind = \"pie\""),
    );
    let (code, stderr) = study(&[bad.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("bad.toml:7: table \"t1\": kind \"pie\""),
        "{stderr}"
    );
    // A missing data file.
    let (code, stderr) = study(&[
        protocol.to_str().unwrap(),
        "--data",
        "no-such.csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("no-such.csv: cannot read"), "{stderr}");
    assert!(!out.exists());
}

/// Missing cells are allowed and counted; a group with no value of a variable gets "—".
#[test]
fn missing_values_are_counted() {
    let dir = scratch("missing");
    let protocol = write(&dir, "p.toml", PROTOCOL);
    write(
        &dir,
        "d.csv",
        "g,x\na,1\na,NA\na,3\na,\nb,5\nb,6\nb,8\nb,-\n",
    );
    let out = dir.join("out");
    let (code, stderr) = study(&[protocol.to_str().unwrap(), "--out", out.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let r = report(&out);
    let groups = &r["tables"][0]["results"]["rows"][0]["groups"];
    assert_eq!(groups[0]["n"], 2);
    assert_eq!(groups[0]["missing"], 2);
    assert_eq!(groups[1]["n"], 3);
    assert_eq!(groups[1]["missing"], 1);
    assert_eq!(groups[0]["mean"], 2.0);
}
