//! The audit of the seed HFS study's published numbers, checked against SciPy
//! (`scripts/study/make_audit_fixture.py` writes the reference file).

use neuronutri_knowledge::Knowledge;
use neuronutri_study::audit::{audit, AuditReport};

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
    assert!(e.message.contains("SD [0.0, 1.0] must be positive"), "{e}");
    let bad = "title = \"x\"\n[[correlation]]\nname = \"a\"\nr = 0.5\nn = 30\np = \"small\"\n";
    let e = audit("bad.toml", bad, &knowledge.thresholds).unwrap_err();
    assert!(e.message.contains("p 'small' is not a p-value"), "{e}");
    let e = audit("bad.toml", "title = 3\n", &knowledge.thresholds).unwrap_err();
    assert_eq!(e.line, 1, "{e}");
}
