//! The Games–Howell intervals of the mean differences (issue 13 item 5: an interval wherever
//! a test shows an estimate), against `test_data/reference_games_howell.json`, written by
//! `scripts/stats/make_fixtures_games_howell.py` (pingouin's differences, SEs and Welch df;
//! the interval rstatix defines, with SciPy's studentized-range quantile).

use neuronutri_stats::posthoc::games_howell;
use serde_json::Value;

const REFERENCE: &str = include_str!("../test_data/reference_games_howell.json");

#[test]
fn games_howell_intervals_agree_with_scipy_at_three_levels() {
    let reference: Value = serde_json::from_str(REFERENCE).unwrap();
    let rel = reference["tolerance"]["rel"].as_f64().unwrap();
    let mut checked = 0;
    let mut worst = 0.0_f64;
    for case in reference["cases"].as_array().unwrap() {
        let values: Vec<(String, Vec<f64>)> = case["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let v = g["values"].as_array().unwrap();
                (
                    g["name"].as_str().unwrap().to_owned(),
                    v.iter().map(|x| x.as_f64().unwrap()).collect(),
                )
            })
            .collect();
        let groups: Vec<(&str, &[f64])> = values
            .iter()
            .map(|(n, v)| (n.as_str(), v.as_slice()))
            .collect();
        let level = case["conf_level"].as_f64().unwrap();
        let got = games_howell(&groups, level).unwrap();
        assert_eq!(got.conf_level, Some(level));
        let want = case["comparisons"].as_array().unwrap();
        assert_eq!(got.comparisons.len(), want.len(), "{}", case["name"]);
        for (g, w) in got.comparisons.iter().zip(want) {
            assert_eq!(g.group1, w["group1"].as_str().unwrap());
            assert_eq!(g.group2, w["group2"].as_str().unwrap());
            let (lo, hi) = g.ci.expect("an interval");
            for (what, ours, theirs) in [
                ("estimate", g.estimate, &w["estimate"]),
                ("ci_low", lo, &w["ci_low"]),
                ("ci_high", hi, &w["ci_high"]),
            ] {
                let theirs = theirs.as_f64().unwrap();
                let diff = (ours - theirs).abs() / theirs.abs().max(1e-300);
                worst = worst.max(diff);
                assert!(
                    diff <= rel,
                    "{} {}-{} {what}: {ours} vs {theirs} ({diff:.1e})",
                    case["name"],
                    g.group1,
                    g.group2
                );
                checked += 1;
            }
            assert!(lo < g.estimate && g.estimate < hi);
        }
    }
    eprintln!("{checked} values, largest relative difference {worst:.2e}");
    assert!(checked > 100, "{checked}");
}

#[test]
fn games_howell_refuses_a_level_outside_0_1() {
    let a = [1.0, 2.0, 4.0];
    let b = [2.0, 3.0, 7.0];
    let c = [5.0, 1.0, 0.0];
    let groups = [("a", &a[..]), ("b", &b[..]), ("c", &c[..])];
    for level in [0.0, 1.0, f64::NAN, 1.5] {
        assert!(games_howell(&groups, level).is_err(), "{level}");
    }
}
