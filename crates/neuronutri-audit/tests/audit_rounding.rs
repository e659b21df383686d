//! The rounding-aware audit against honestly rounded and fabricated reports
//! (`scripts/study/make_audit_rounding_fixture.py` writes the reference file with SciPy):
//! honest reports are never called inconsistent, fabricated ones always are, and the p-value
//! ranges over the rounding box agree with SciPy's brute force.

use neuronutri_audit::{audit, AuditReport};
use neuronutri_knowledge::Knowledge;
use serde_json::Value;

const REFERENCE: &str = include_str!("../test_data/audit_rounding.json");

fn reference() -> Value {
    serde_json::from_str(REFERENCE).unwrap()
}

/// One audit file with every case of the fixture, named by its index.
fn run(reference: &Value) -> AuditReport {
    let mut toml = String::from("title = \"rounding\"\n");
    for (i, c) in reference["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        toml += &format!(
            "[[comparison]]\nname = \"c{i}\"\ngroups = [\"a\", \"b\"]\nmean = {}\nsd = {}\nn = {}\np = {}\ndecimals = {}\n",
            c["mean"], c["sd"], c["n"], c["p"], c["decimals"]
        );
    }
    for (i, c) in reference["correlations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        toml += &format!(
            "[[correlation]]\nname = \"r{i}\"\nr = {}\nn = {}\np = {}\ndecimals = {}\n",
            c["r"], c["n"], c["p"], c["decimals"]
        );
    }
    let knowledge = Knowledge::builtin().unwrap();
    audit("rounding.toml", &toml, &knowledge.thresholds).unwrap()
}

fn range(v: &Value) -> [f64; 2] {
    [v[0].as_f64().unwrap(), v[1].as_f64().unwrap()]
}

fn close(got: f64, want: f64, rel: f64) -> bool {
    (got - want).abs() <= rel * want.abs() + 1e-300
}

#[test]
fn honest_reports_pass_and_fabricated_ones_fail() {
    let reference = reference();
    let report = run(&reference);
    // (case id, what the fixture expects, the audit's verdict) for every case
    let expect = |kind: &str, i: usize| reference[kind][i]["expect"].as_str().unwrap().to_owned();
    let verdicts = report
        .comparisons
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("c{i}"), expect("comparisons", i), c.verdict))
        .chain(
            report
                .correlations
                .iter()
                .enumerate()
                .map(|(i, c)| (format!("r{i}"), expect("correlations", i), c.verdict)),
        );
    let (mut honest, mut fabricated, mut conditional) = (0, 0, 0);
    for (id, expected, verdict) in verdicts {
        if expected == "inconsistent" {
            assert_eq!(verdict, "inconsistent", "{id}");
            fabricated += 1;
        } else {
            assert_ne!(verdict, "inconsistent", "{id}");
            honest += 1;
            conditional += usize::from(verdict == "consistent_only_if");
        }
    }
    assert!(
        honest >= 40 && fabricated >= 40,
        "{honest} honest, {fabricated} fabricated"
    );
    // Rounding matters: some honest reports hold only for unrounded values.
    assert!(
        conditional >= 3,
        "only {conditional} honest reports were conditional"
    );
    assert_eq!(
        report.summary.inconsistent_comparisons + report.summary.inconsistent_correlations,
        fabricated
    );
}

#[test]
fn the_issue_example_is_consistent_once_r_is_rounded() {
    // r = 0.15, n = 74, p = 0.196: the printed r gives 0.202, r = 0.152 gives 0.196
    let report = run(&reference());
    let c = &report.correlations[0];
    assert!(!c.reported_p_holds);
    assert!(c.holds_within_rounding);
    assert_eq!(c.verdict, "consistent_only_if");
    let condition = c.condition.as_deref().unwrap();
    assert!(
        condition.contains("0.1873") && condition.contains("0.2177"),
        "{condition}"
    );
}

#[test]
fn p_ranges_agree_with_scipy_brute_force() {
    let reference = reference();
    let report = run(&reference);
    for (i, c) in reference["correlations"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        // monotone in |r|: exact
        let [lo, hi] = report.correlations[i].p_range.unwrap();
        let [want_lo, want_hi] = range(&c["range"]);
        assert!(
            close(lo, want_lo, 1e-9) && close(hi, want_hi, 1e-9),
            "r{i}: {lo} {hi} vs {c}"
        );
    }
    for (i, c) in reference["comparisons"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
    {
        let got = &report.comparisons[i];
        // Student: monotone in the mean difference and each SD, so the box's corners (which
        // the brute-force grid holds) are its extremes: exact
        let [lo, hi] = got.student.p_range.unwrap();
        let [want_lo, want_hi] = range(&c["student_range"]);
        assert!(
            close(lo, want_lo, 1e-9) && close(hi, want_hi, 1e-9),
            "c{i} Student: {lo} {hi} vs {c}"
        );
        // Welch: both searched on grids (ours 9 x 9 over the SDs at the extreme mean
        // differences, SciPy's 21^4 over the whole box): equal to 1e-3 relative
        let [lo, hi] = got.welch.p_range.unwrap();
        let [want_lo, want_hi] = range(&c["welch_range"]);
        assert!(
            close(lo, want_lo, 1e-3) && close(hi, want_hi, 1e-3),
            "c{i} Welch: {lo} {hi} vs {c}"
        );
    }
}
