//! The audit of the seed HFS study's published numbers, checked against SciPy
//! (`scripts/study/make_audit_fixture.py` writes the reference file).

use neuronutri_audit::{audit, AuditReport};
use neuronutri_knowledge::Knowledge;

const REPORTED: &str = include_str!("../../../examples/hfs-study/audit.toml");
const REFERENCE: &str = include_str!("../test_data/audit_reference.json");

fn report() -> AuditReport {
    let knowledge = Knowledge::builtin().unwrap();
    audit("audit.toml", REPORTED, &knowledge.thresholds).unwrap()
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() <= 1e-9 * want.abs() || (got - want).abs() <= 1e-300
}

#[test]
fn recomputed_statistics_agree_with_scipy() {
    let report = report();
    let reference: serde_json::Value = serde_json::from_str(REFERENCE).unwrap();
    let mut checked = 0;
    for case in reference["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let (t, p) = match case["kind"].as_str().unwrap() {
            "correlation" => {
                let c = report.correlations.iter().find(|c| c.name == name).unwrap();
                (c.t, c.p_value)
            }
            kind => {
                let c = report.comparisons.iter().find(|c| c.name == name).unwrap();
                let test = if kind == "welch" {
                    &c.welch
                } else {
                    &c.student
                };
                (test.t, test.p_value)
            }
        };
        let (want_t, want_p) = (
            case["t"].as_f64().unwrap(),
            case["p_value"].as_f64().unwrap(),
        );
        assert!(
            close(t, want_t),
            "{name} {}: t {t} vs {want_t}",
            case["kind"]
        );
        assert!(
            close(p, want_p),
            "{name} {}: p {p} vs {want_p}",
            case["kind"]
        );
        checked += 1;
    }
    assert_eq!(checked, 21);
}

#[test]
fn dopamine_in_ng_per_ml_is_implausible() {
    let report = report();
    let dopamine = report
        .comparisons
        .iter()
        .find(|c| c.name == "Dopamine")
        .unwrap();
    assert_eq!(dopamine.plausibility.len(), 2);
    assert!(
        dopamine.plausibility.iter().all(|p| !p.plausible),
        "{:?}",
        dopamine.plausibility
    );
    assert_eq!(dopamine.plausibility[0].canonical_value, 82_000.0);
    let b12 = report
        .comparisons
        .iter()
        .find(|c| c.name == "Vitamin B12")
        .unwrap();
    assert!(b12.plausibility.iter().all(|p| p.plausible));
    assert_eq!(report.summary.implausible_values, 2);
}

#[test]
fn reported_bounds_and_grim() {
    let report = report();
    let verdict = |name: &str| {
        report
            .comparisons
            .iter()
            .find(|c| c.name == name)
            .unwrap()
            .verdict
    };
    // Hand check: B12 difference of 141 pg/mL with SDs ~60 and n 62/40 gives t near -12.
    assert_eq!(verdict("Vitamin B12"), "consistent");
    assert_eq!(verdict("Age, years"), "consistent");
    for name in ["BDI total", "Anxiety self-rating"] {
        let c = report.comparisons.iter().find(|c| c.name == name).unwrap();
        assert_eq!(c.grim.len(), 2, "{name}");
        // one decimal and n of 40 and 62: every mean is possible, and GRIM says so
        assert!(
            c.grim.iter().all(|g| g.consistent && !g.informative),
            "{name}"
        );
        assert_eq!(c.grimmer.len(), 2, "{name}");
    }
    // r = -0.52 with n = 62: t = -4.71, p about 1.5e-5, so "< 0.01" holds
    let b12 = report
        .correlations
        .iter()
        .find(|c| c.name == "Vitamin B12 ~ spasm frequency")
        .unwrap();
    assert!(b12.reported_p_holds && b12.p_value < 1e-4);
}

#[test]
fn bad_files_name_the_line() {
    let knowledge = Knowledge::builtin().unwrap();
    let bad = "title = \"x\"\n\n[[comparison]]\nname = \"a\"\ngroups = [\"x\", \"y\"]\nmean = [1, 2]\nsd = [0, 1]\nn = [5, 5]\np = \"<0.05\"\n";
    let e = audit("bad.toml", bad, &knowledge.thresholds).unwrap_err();
    assert_eq!((e.file.as_str(), e.line), ("bad.toml", 3), "{e}");
    assert!(e.message.contains("SD [0, 1] must be positive"), "{e}");
    let bad = "title = \"x\"\n[[correlation]]\nname = \"a\"\nr = 0.5\nn = 30\np = \"small\"\n";
    let e = audit("bad.toml", bad, &knowledge.thresholds).unwrap_err();
    assert!(e.message.contains("p 'small' is not a p-value"), "{e}");
    let e = audit("bad.toml", "title = 3\n", &knowledge.thresholds).unwrap_err();
    assert_eq!(e.line, 1, "{e}");
}

/// Runs an audit on its own thread and gives up after `secs` (a hang is a failure, not a
/// stuck test run).
fn audit_within(secs: u64, text: &str) -> Result<AuditReport, neuronutri_audit::AuditError> {
    let text = text.to_owned();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let knowledge = Knowledge::builtin().unwrap();
        let _ = tx.send(audit("r.toml", &text, &knowledge.thresholds));
    });
    rx.recv_timeout(std::time::Duration::from_secs(secs))
        .expect("the audit did not finish in time")
}

fn comparison(extra: &str, mean: &str, sd: &str, n: &str) -> String {
    format!(
        "title = \"x\"\n[[comparison]]\nname = \"score\"\ngroups = [\"a\", \"b\"]\nmean = {mean}\nsd = {sd}\nn = {n}\np = \"0.5\"\n{extra}"
    )
}

/// Issue 15: an SD above about 4e8 on an integer scale made GRIMMER loop forever.
#[test]
fn issue_15_grimmer_huge_sd_terminates() {
    for sd in ["[1e9, 2.0]", "[5e8, 2.0]", "[1e300, 2.0]"] {
        let text = comparison(
            "integer_scale = true\ndecimals = 1\n",
            "[3.0, 4.0]",
            sd,
            "[20, 20]",
        );
        let e = audit_within(20, &text).unwrap_err();
        assert!(e.message.contains("2^53"), "{e}");
        assert!(e.message.contains("group \"a\""), "{e}");
    }
    // a huge n on an integer scale enumerated billions of totals
    let text = comparison(
        "integer_scale = true\ndecimals = 0\nitems = 100000\n",
        "[3.0, 4.0]",
        "[1.0, 2.0]",
        "[4000000000, 20]",
    );
    let e = audit_within(20, &text).unwrap_err();
    assert!(e.message.contains("n × items"), "{e}");
}

/// Issue 15: values near the float range printed "df = NaN", "t = inf" and "-inf pg/mL".
#[test]
fn issue_15_audit_overflow_is_an_error_not_nan() {
    let text = comparison("", "[-1e308, 1e308]", "[1e200, 1e-300]", "[20, 20]");
    let e = audit_within(20, &text).unwrap_err();
    assert!(e.message.contains("cannot be computed"), "{e}");
    assert!(!e.message.contains("NaN"), "{e}");
    // SDs near the range with a modest t are computed exactly, by rescaling
    let r = audit_within(
        20,
        &comparison("", "[1e307, 2e307]", "[1e307, 1e307]", "[20, 20]"),
    )
    .unwrap();
    let small = audit_within(20, &comparison("", "[1.0, 2.0]", "[1.0, 1.0]", "[20, 20]")).unwrap();
    assert!((r.comparisons[0].welch.t - small.comparisons[0].welch.t).abs() < 1e-12);
    assert!((r.comparisons[0].student.df - 38.0).abs() < 1e-12);
    // a mean whose canonical unit overflows names the comparison
    let text = "title = \"x\"\n[[comparison]]\nname = \"b12\"\nanalyte = \"vitamin_b12\"\nunit = \"pg/mL\"\ngroups = [\"a\", \"b\"]\nmean = [-1.7e308, 300]\nsd = [1, 1]\nn = [20, 20]\np = \"0.5\"\n";
    let e = audit_within(20, text).unwrap_err();
    assert!(
        e.message.contains("comparison 'b12'") && e.message.contains("floating-point range"),
        "{e}"
    );
    assert!(!e.to_string().contains("00000000000"), "{e}");
}

/// Issue 15: a 1 MB name was accepted and quoted whole in every message.
#[test]
fn issue_15_audit_long_names_are_refused_short() {
    let long = "x".repeat(1_000_000);
    let text = format!(
        "title = \"t\"\n[[correlation]]\nname = \"{long}\"\nr = 0.5\nn = 30\np = \"0.01\"\n"
    );
    let e = audit_within(20, &text).unwrap_err();
    assert!(e.to_string().len() < 300, "{}", &e.to_string()[..300]);
    assert!(e.message.contains("1000000 characters"), "{e}");
}
