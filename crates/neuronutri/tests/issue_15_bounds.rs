//! Issue 15, end to end: the defects found by trying every command as an attacker would,
//! each run through the binary. Every case failed before the fix (hang, abort, exit 1,
//! "NaN ± NaN", `r: null`, a message naming no file or column); now each is exit 0 with
//! finite numbers, or exit 2 with a short message naming the file and the column, row or
//! key.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Runs the binary with a time limit: a hang is a failure, not a stuck test run.
fn run(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("neuronutri {args:?} did not finish in 60 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("neuronutri-issue15-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A bad-input failure: exit 2, a message naming `names`, no long number, no NaN.
fn bad(o: &Output, names: &[&str]) {
    let e = stderr(o);
    assert_eq!(o.status.code(), Some(2), "{e}");
    for n in names {
        assert!(e.contains(n), "{n:?} not in {e}");
    }
    assert!(e.len() < 1000, "message of {} bytes", e.len());
    assert!(!e.contains("0000000000"), "{e}");
    assert!(!e.contains("NaN"), "{e}");
}

/// No NaN, inf or null-for-a-number anywhere in a JSON document.
fn finite_json(v: &Value, path: &str) {
    match v {
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| finite_json(x, &format!("{path}.{k}"))),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| finite_json(x, &format!("{path}[{i}]"))),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{path} = {n}"),
        Value::Null => panic!("{path} is null"),
        _ => {}
    }
}

const HUGE_CSV: &str = "id,group,x,y,z\n1,a,1e308,1,1e308\n2,a,1e308,2,-1e308\n3,a,1e308,3,1e308\n4,a,1e308,4,-1e308\n5,b,1e308,5,1e308\n6,b,1e308,6,-1e308\n7,b,1e308,7,1.5e308\n8,b,1e308,9,-1e308\n";

/// Was: `stats pearson` on a constant column of 1e308 printed `r: null, p: 1.0` at exit 0.
#[test]
fn issue_15_stats_pearson_constant_huge_column() {
    let d = dir("pearson");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    let o = run(
        &[
            "stats", "pearson", "--data", "big.csv", "--x", "x", "--y", "y",
        ],
        &d,
    );
    bad(&o, &["big.csv", "\"x\"", "zero variance", "1e308"]);
    // the honest cases: y and z are computed, with finite numbers
    let o = run(
        &[
            "stats", "pearson", "--data", "big.csv", "--x", "y", "--y", "z",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    finite_json(&serde_json::from_slice(&o.stdout).unwrap(), "pearson");
}

/// Was: Welch on values near 1e308 gave `t: 0, p: 1.0` (or "both samples has zero variance:
/// every value equals NaN"), naming neither file nor column.
#[test]
fn issue_15_stats_welch_huge_values() {
    let d = dir("welch");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    let o = run(
        &[
            "stats", "welch", "--data", "big.csv", "--value", "x", "--group", "group", "--groups",
            "a,b",
        ],
        &d,
    );
    bad(&o, &["big.csv", "\"x\"", "\"group\"", "zero variance"]);
    // a mean difference that does not fit in a double is said, not printed as inf
    let o = run(
        &[
            "stats", "welch", "--data", "big.csv", "--value", "z", "--group", "group", "--groups",
            "a,b",
        ],
        &d,
    );
    bad(&o, &["big.csv", "\"z\"", "cannot be computed"]);
    let o = run(
        &[
            "stats",
            "student",
            "--data",
            "big.csv",
            "--value",
            "y",
            "--group",
            "group",
            "--groups",
            "a,b",
            "--alternative",
            "less",
        ],
        &d,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["ci_low"], "-Infinity",
        "a one-sided bound is said, not null"
    );
}

/// Was: "second sample needs at least 1 non-missing values, got 0": a group that does not
/// occur, named nowhere.
#[test]
fn issue_15_stats_errors_name_file_and_column() {
    let d = dir("names");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    let o = run(
        &[
            "stats",
            "mann-whitney",
            "--data",
            "big.csv",
            "--value",
            "y",
            "--group",
            "group",
            "--groups",
            "a,zz",
        ],
        &d,
    );
    bad(&o, &["big.csv", "\"group\"", "\"zz\"", "\"a\", \"b\""]);
    let o = run(
        &["stats", "shapiro", "--data", "big.csv", "--value", "x"],
        &d,
    );
    bad(&o, &["big.csv", "\"x\"", "zero variance"]);
    let o = run(
        &[
            "stats",
            "ols",
            "--data",
            "big.csv",
            "--outcome",
            "y",
            "--predictors",
            "x",
        ],
        &d,
    );
    bad(&o, &["big.csv", "\"y\"", "\"x\""]);
    let long = "c".repeat(100_000);
    let o = run(
        &["stats", "shapiro", "--data", "big.csv", "--value", &long],
        &d,
    );
    bad(&o, &["big.csv"]);
}

/// Was: "NaN ± NaN" and "r = NaN, p = 1.000" in the study report at exit 0, and 300-digit
/// numbers in its tables.
#[test]
fn issue_15_study_report_has_no_nan() {
    let d = dir("study");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    std::fs::write(
        d.join("p.toml"),
        "title = \"t\"\ndata = \"big.csv\"\ngroup = \"group\"\ngroups = [\"a\", \"b\"]\n\
         [[variable]]\nname = \"x\"\n[[variable]]\nname = \"y\"\n[[variable]]\nname = \"z\"\n\
         [[table]]\nid = \"t1\"\ntitle = \"T1\"\nkind = \"characteristics\"\nvariables = [\"x\", \"y\", \"z\"]\nsummary = \"mean_sd\"\n\
         [[table]]\nid = \"t2\"\ntitle = \"T2\"\nkind = \"comparison\"\nvariables = [\"x\", \"z\"]\ntest = \"welch\"\n\
         [[table]]\nid = \"t3\"\ntitle = \"T3\"\nkind = \"correlations\"\nvariables = [\"x\", \"y\", \"z\"]\nmethod = \"pearson\"\n\
         [[table]]\nid = \"t4\"\ntitle = \"T4\"\nkind = \"regression\"\noutcome = \"y\"\npredictors = [\"z\"]\n",
    )
    .unwrap();
    let o = run(&["study", "p.toml", "--out", "out"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    for f in [
        "report.md",
        "report.html",
        "tables/t1.csv",
        "tables/t2.csv",
        "tables/t3.csv",
    ] {
        let text = std::fs::read_to_string(d.join("out").join(f)).unwrap();
        // The R code under the methods names the text markers of a missing value ("NaN"
        // among them) for read.csv: it is code, not a result.
        let text = match (
            text.find("### R code"),
            text.find("<details class=\"rcode\">"),
        ) {
            (Some(i), _) | (None, Some(i)) => &text[..i],
            (None, None) => &text[..],
        };
        for bad in ["NaN", "inf", "0000000000"] {
            assert!(!text.contains(bad), "{f} contains {bad}");
        }
    }
    let md = std::fs::read_to_string(d.join("out/report.md")).unwrap();
    assert!(
        md.contains("x has zero variance: every value equals 1e308"),
        "{md}"
    );
}

/// Was: a 300-character table id exited 1 with the system's "File name too long".
#[test]
fn issue_15_study_long_table_id_is_exit_2() {
    let d = dir("id");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    let id = "t".repeat(300);
    std::fs::write(
        d.join("p.toml"),
        format!("title = \"t\"\ndata = \"big.csv\"\ngroup = \"group\"\ngroups = [\"a\", \"b\"]\n[[variable]]\nname = \"y\"\n[[table]]\nid = \"{id}\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"y\"]\n"),
    )
    .unwrap();
    let o = run(&["study", "p.toml", "--out", "out"], &d);
    bad(&o, &["p.toml:7", "64 characters", "300 characters"]);
    assert!(!d.join("out").exists(), "nothing is written");
}

/// Was: a 10 000-character variable label took 11–14 s (a 1 MB label 1.5 GB): the plot's
/// label fitting was quadratic in the label's length. Labels are now limited, and the
/// fitting is O(n log n) below the limit.
#[test]
fn issue_15_study_long_label_is_refused_at_once() {
    let d = dir("label");
    std::fs::write(d.join("big.csv"), HUGE_CSV).unwrap();
    let label = "w".repeat(1_000_000);
    std::fs::write(
        d.join("p.toml"),
        format!("title = \"t\"\ndata = \"big.csv\"\ngroup = \"group\"\ngroups = [\"a\", \"b\"]\ngroup_labels = {{ a = \"{label}\" }}\n[[variable]]\nname = \"y\"\nlabel = \"{label}\"\n[[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"y\"]\n"),
    )
    .unwrap();
    let start = Instant::now();
    let o = run(&["study", "p.toml", "--out", "out"], &d);
    bad(&o, &["p.toml", "200 characters", "1000000 characters"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    // at the limit, a report is drawn quickly
    let label = "w".repeat(200);
    std::fs::write(
        d.join("p.toml"),
        format!("title = \"t\"\ndata = \"big.csv\"\ngroup = \"group\"\ngroups = [\"a\", \"b\"]\ngroup_labels = {{ a = \"{label}\" }}\n[[variable]]\nname = \"y\"\nlabel = \"{label}\"\n[[table]]\nid = \"t\"\ntitle = \"T\"\nkind = \"comparison\"\nvariables = [\"y\"]\n"),
    )
    .unwrap();
    let o = run(&["study", "p.toml", "--out", "out"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Was: `synth` with n = 1e9 asked for 8 GB and aborted.
#[test]
fn issue_15_synth_huge_n_is_exit_2() {
    let d = dir("synth");
    std::fs::write(
        d.join("s.toml"),
        "title = \"x\"\n[[group]]\nname = \"a\"\nn = 1000000000\n[[column]]\nname = \"v\"\ntarget = [ { group = \"a\", mean = 5.0, sd = 1.0 } ]\n",
    )
    .unwrap();
    let o = run(&["synth", "s.toml", "--seed", "1", "--out", "c.csv"], &d);
    bad(&o, &["s.toml:2", "\"a\"", "100000"]);
    assert!(!d.join("c.csv").exists());
}

/// Was: GRIMMER looped forever on an SD above about 4e8 with an integer scale; "df = NaN",
/// "t = inf" and "-inf pg/mL" in the text report.
#[test]
fn issue_15_audit_bounded_and_finite() {
    let d = dir("audit");
    std::fs::write(
        d.join("g.toml"),
        "title = \"x\"\n[[comparison]]\nname = \"score\"\ngroups = [\"a\", \"b\"]\nmean = [3.0, 4.0]\nsd = [1e9, 2.0]\nn = [20, 20]\np = \"0.5\"\ninteger_scale = true\ndecimals = 1\n",
    )
    .unwrap();
    let o = run(&["audit", "g.toml"], &d);
    bad(&o, &["g.toml:2", "'score'", "GRIMMER", "\"a\""]);
    std::fs::write(
        d.join("n.toml"),
        "title = \"x\"\n[[comparison]]\nname = \"b12\"\nanalyte = \"vitamin_b12\"\nunit = \"pg/mL\"\ngroups = [\"a\", \"b\"]\nmean = [-1e308, 1e308]\nsd = [1e200, 1e-300]\nn = [20, 20]\np = \"0.5\"\n",
    )
    .unwrap();
    let o = run(&["audit", "n.toml", "--format", "text"], &d);
    bad(&o, &["n.toml:2", "'b12'", "cannot be computed"]);
    // huge but computable: printed short, and finite
    std::fs::write(
        d.join("h.toml"),
        "title = \"x\"\n[[comparison]]\nname = \"big\"\ngroups = [\"a\", \"b\"]\nmean = [1e300, 2e300]\nsd = [1e300, 1e300]\nn = [20, 20]\np = \"0.5\"\n",
    )
    .unwrap();
    let o = run(&["audit", "h.toml", "--format", "text"], &d);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = stdout(&o);
    for bad in ["NaN", "inf", "0000000000"] {
        assert!(!text.contains(bad), "{bad} in {text}");
    }
    assert!(text.contains("1e300±1e300"), "{text}");
}

/// Nesting: TOML and JSON nested a hundred thousand levels deep is an error (the parsers'
/// depth limits), never a stack overflow.
#[test]
fn issue_15_deep_nesting_is_exit_2() {
    let d = dir("nesting");
    let n = 100_000;
    let deep = format!("title = \"x\"\nx = {}{}\n", "[".repeat(n), "]".repeat(n));
    std::fs::write(d.join("deep.toml"), &deep).unwrap();
    for args in [
        vec!["audit", "deep.toml"],
        vec!["synth", "deep.toml", "--seed", "1", "--out", "c.csv"],
        vec!["study", "deep.toml", "--out", "out"],
    ] {
        let o = run(&args, &d);
        bad(&o, &["deep.toml:2"]);
    }
    let json = format!(
        "{{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": {}{}}}",
        "[".repeat(n),
        "]".repeat(n)
    );
    std::fs::write(d.join("deep.json"), json).unwrap();
    let o = run(&["assess", "deep.json", "--at", "2025-03-10T11:00:00Z"], &d);
    bad(&o, &["deep.json"]);
}
