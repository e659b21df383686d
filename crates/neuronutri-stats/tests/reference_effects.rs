//! Checks every case of `test_data/reference_effects.json` (written by
//! `scripts/stats/make_fixtures_effects.R` from R 4.2 and effectsize 0.8.3) against the
//! effect sizes, their intervals and the standardized mean differences of this crate.
//!
//! Tolerances, per reference:
//! - "exact" references (closed forms, t.test and wilcox.test intervals, and the noncentral
//!   intervals that the script solves to 1e-15 with uniroot on R's pt / pchisq / pf, and
//!   Fisher's interval solved the same way): 1e-9 relative; the noncentral F is R's pnbeta,
//!   whose series stops at 1e-9 in probability, so η²'s solved ends get 1e-7;
//! - effectsize's own noncentral intervals (Nelder–Mead stopped at 1e-9 in probability):
//!   1e-5 relative (or 1e-7 absolute near 0);
//! - wilcox.test's asymptotic shift and pseudo-median intervals (uniroot at tolerance 1e-4
//!   on the shift): 2e-4 absolute; the jump it approximates, located by the script: 1e-12;
//!   the exact ones (order statistics of differences or Walsh averages) and Cohen's g with
//!   its Wilson interval (closed forms): 1e-12;
//! - the rank ε² of Kruskal–Wallis: its estimate 1e-12; its percentile bootstrap interval
//!   (ours seeded, R's with set.seed, 20000 resamples each) within four Monte Carlo
//!   standard errors of the difference of two quantile estimates;
//! - fisher.test's estimate and interval (uniroot at its default tolerance, 1.2e-4 on ψ
//!   below 1 and on 1/ψ above 1): 2e-4 absolute on that scale.

use neuronutri_stats as st;
use neuronutri_stats::effect_size as es;
use neuronutri_stats::Alternative;
use serde_json::Value;

const FIXTURE: &str = include_str!("../test_data/reference_effects.json");

fn num(v: &Value) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) if s == "Infinity" => f64::INFINITY,
        Value::String(s) if s == "-Infinity" => f64::NEG_INFINITY,
        other => panic!("not a number: {other}"),
    }
}

fn nums(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(num).collect()
}

fn pair(v: &Value) -> (f64, f64) {
    let v = nums(v);
    (v[0], v[1])
}

#[derive(Default)]
struct Checker {
    failures: Vec<String>,
    checked: usize,
    worst: std::collections::BTreeMap<String, f64>,
}

impl Checker {
    fn value(&mut self, what: &str, got: f64, want: f64, rel: f64, abs: f64) {
        self.checked += 1;
        let ok = if want.is_infinite() {
            got == want
        } else {
            let d = (got - want).abs();
            let source = ["exact", "effectsize", "fisher.test", "wilcox.test"]
                .into_iter()
                .find(|s| what.contains(&format!(" {s} ")))
                .unwrap_or("direct");
            let key = format!("{} vs {source}", what.split(' ').next().unwrap());
            let w = self.worst.entry(key).or_default();
            if want.abs() > 0.0 {
                *w = w.max(d / want.abs());
            }
            d <= rel * want.abs() || d <= abs
        };
        if !ok {
            self.failures
                .push(format!("{what}: got {got:e}, want {want:e} (rel {rel:e})"));
        }
    }
    fn interval(&mut self, what: &str, got: (f64, f64), want: (f64, f64), rel: f64, abs: f64) {
        self.value(&format!("{what} low"), got.0, want.0, rel, abs);
        self.value(&format!("{what} high"), got.1, want.1, rel, abs);
    }
}

#[test]
fn effect_sizes_and_intervals_agree_with_r() {
    let data: Value = serde_json::from_str(FIXTURE).unwrap();
    let mut c = Checker::default();
    for case in data["cases"].as_array().unwrap() {
        let kind = case["kind"].as_str().unwrap();
        let label = format!(
            "{kind} {} {} {}",
            case["name"].as_str().unwrap(),
            case["level"],
            case["alternative"]
        );
        let level = case.get("level").map(num).unwrap_or(0.95);
        let alt: Alternative = case
            .get("alternative")
            .and_then(|a| a.as_str())
            .unwrap_or("two.sided")
            .parse()
            .unwrap();
        let x = case.get("x").map(nums).unwrap_or_default();
        let y = case.get("y").map(nums).unwrap_or_default();
        match kind {
            "hedges_g" | "cohens_dz" => {
                let r = if kind == "hedges_g" {
                    es::hedges_g(&x, &y, level, alt)
                } else {
                    es::cohens_dz(&x, &y, level, alt)
                }
                .unwrap();
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 0.0);
                let got = (r.ci_low, r.ci_high);
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["exact_ci"]),
                    1e-9,
                    1e-12,
                );
                c.interval(
                    &format!("{label} effectsize"),
                    got,
                    pair(&case["effectsize_ci"]),
                    1e-5,
                    1e-7,
                );
            }
            "rank_biserial" => {
                let u = st::mann_whitney::mann_whitney(&x, &y, &Default::default()).unwrap();
                let r = es::rank_biserial_ci(u.rank_biserial, u.n1, u.n2, level, alt).unwrap();
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                c.interval(
                    &label,
                    (r.ci_low, r.ci_high),
                    pair(&case["ci"]),
                    1e-9,
                    1e-15,
                );
            }
            "rank_biserial_paired" => {
                let w = st::paired::wilcoxon_signed_rank(&x, &y, &Default::default()).unwrap();
                let r =
                    es::rank_biserial_paired_ci(w.rank_biserial, w.n_pairs, level, alt).unwrap();
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                c.interval(
                    &label,
                    (r.ci_low, r.ci_high),
                    pair(&case["ci"]),
                    1e-9,
                    1e-15,
                );
            }
            "mean_diff" => {
                let w = st::ttest::welch_t(&x, &y, Alternative::TwoSided, level).unwrap();
                let s = st::ttest::student_t(&x, &y, Alternative::TwoSided, level).unwrap();
                c.interval(
                    &format!("{label} welch"),
                    (w.ci_low, w.ci_high),
                    pair(&case["welch_ci"]),
                    1e-9,
                    1e-13,
                );
                c.interval(
                    &format!("{label} student"),
                    (s.ci_low, s.ci_high),
                    pair(&case["student_ci"]),
                    1e-9,
                    1e-13,
                );
            }
            "mean_change" => {
                let p = st::paired::paired_t(&x, &y, Alternative::TwoSided, level).unwrap();
                c.value(&label, p.mean_diff, num(&case["estimate"]), 1e-12, 1e-14);
                c.interval(
                    &label,
                    (p.ci_low, p.ci_high),
                    pair(&case["ci"]),
                    1e-9,
                    1e-13,
                );
            }
            "hodges_lehmann" => {
                let opts = st::mann_whitney::MannWhitneyOptions {
                    conf_level: level,
                    ..Default::default()
                };
                let u = st::mann_whitney::mann_whitney(&x, &y, &opts).unwrap();
                c.value(
                    &label,
                    u.hodges_lehmann.unwrap(),
                    num(&case["estimate"]),
                    1e-12,
                    1e-14,
                );
                c.interval(&label, u.hl_ci.unwrap(), pair(&case["ci"]), 1e-12, 1e-14);
            }
            "hodges_lehmann_asymptotic" => {
                let opts = st::mann_whitney::MannWhitneyOptions {
                    conf_level: level,
                    alternative: alt,
                    ..Default::default()
                };
                let u = st::mann_whitney::mann_whitney(&x, &y, &opts).unwrap();
                assert_eq!(u.method, "asymptotic", "{label}");
                let got = u.hl_ci.unwrap();
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["jump_ci"]),
                    1e-12,
                    1e-12,
                );
                // R's uniroot stops within its tolerance 1e-4 of the jump
                c.interval(
                    &format!("{label} wilcox.test"),
                    got,
                    pair(&case["r_ci"]),
                    0.0,
                    2e-4,
                );
            }
            "pseudo_median" | "pseudo_median_asymptotic" => {
                let opts = st::paired::SignedRankOptions {
                    alternative: alt,
                    ..Default::default()
                };
                let r = st::paired::signed_rank_pseudo_median(&x, &y, &opts, level).unwrap();
                let got = (r.ci_low, r.ci_high);
                c.value(&label, r.conf_level, num(&case["ci_level"]), 1e-12, 1e-15);
                if kind == "pseudo_median" {
                    assert_eq!(r.method, "exact", "{label}");
                    c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-14);
                    c.interval(&label, got, pair(&case["ci"]), 1e-12, 1e-14);
                } else {
                    assert_eq!(r.method, "asymptotic", "{label}");
                    let jump = format!("{label} exact");
                    c.value(&jump, r.estimate, num(&case["jump_estimate"]), 1e-12, 1e-12);
                    c.interval(&jump, got, pair(&case["jump_ci"]), 1e-12, 1e-12);
                    // R's uniroot stops within its tolerance 1e-4 of the jump
                    let r_label = format!("{label} wilcox.test");
                    let (lo, hi) = pair(&case["estimate_step"]);
                    if lo < hi {
                        // the statistic is 0 on a whole step: R stops anywhere on it
                        let want = num(&case["estimate"]);
                        c.value(&r_label, want.clamp(lo, hi), want, 0.0, 2e-4);
                    } else {
                        c.value(&r_label, r.estimate, num(&case["estimate"]), 0.0, 2e-4);
                    }
                    c.interval(&r_label, got, pair(&case["ci"]), 0.0, 2e-4);
                }
            }
            "cohens_g" => {
                let t: Vec<Vec<f64>> = case["table"].as_array().unwrap().iter().map(nums).collect();
                let r = es::cohens_g(t[0][1], t[1][0], level, alt).unwrap();
                let label = format!("{label} exact");
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                c.interval(
                    &label,
                    (r.ci_low, r.ci_high),
                    pair(&case["ci"]),
                    1e-12,
                    1e-15,
                );
            }
            "rank_epsilon_squared" => {
                let groups: Vec<Vec<f64>> = case["groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(nums)
                    .collect();
                let names: Vec<String> = (0..groups.len()).map(|i| i.to_string()).collect();
                let named: Vec<st::groups::Group> = names
                    .iter()
                    .zip(&groups)
                    .map(|(n, g)| (n.as_str(), g.as_slice()))
                    .collect();
                let resamples = num(&case["boot_resamples"]) as usize;
                let r =
                    es::rank_epsilon_squared(&named, level, alt, resamples, 20_261_203).unwrap();
                c.value(
                    &format!("{label} exact"),
                    r.estimate,
                    num(&case["estimate"]),
                    1e-12,
                    0.0,
                );
                // R's bootstrap and ours both estimate the same quantiles of the same
                // bootstrap distribution: four standard errors of the difference of two
                // quantile estimates from `resamples` draws each (normal approximation)
                let two_sided = if alt == Alternative::TwoSided {
                    level
                } else {
                    2.0 * level - 1.0
                };
                let sd = num(&case["boot_sd"]);
                let mc = |p: f64| {
                    let z = st::dist::normal_quantile(p);
                    let density = (-0.5 * z * z).exp() / (2.0 * std::f64::consts::PI).sqrt();
                    4.0 * std::f64::consts::SQRT_2 * sd * (p * (1.0 - p) / resamples as f64).sqrt()
                        / density
                };
                let (lo, hi) = pair(&case["boot_ci"]);
                let label = format!("{label} bootstrap");
                c.value(&label, r.ci_low, lo, 0.0, mc((1.0 - two_sided) / 2.0));
                if alt == Alternative::TwoSided {
                    c.value(&label, r.ci_high, hi, 0.0, mc((1.0 + two_sided) / 2.0));
                } else {
                    assert_eq!(r.ci_high, 1.0, "{label}");
                    assert_eq!(hi, 1.0, "{label}");
                }
            }
            "cramers_v" => {
                let table: Vec<Vec<f64>> =
                    case["table"].as_array().unwrap().iter().map(nums).collect();
                let adjust = case["adjust"].as_bool().unwrap();
                let r = es::cramers_v(&table, adjust, level, alt).unwrap();
                let label = format!("{label} adjust={adjust}");
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                let got = (r.ci_low, r.ci_high);
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["exact_ci"]),
                    1e-9,
                    1e-12,
                );
                c.interval(
                    &format!("{label} effectsize"),
                    got,
                    pair(&case["effectsize_ci"]),
                    1e-5,
                    1e-7,
                );
            }
            "eta_squared" => {
                let groups: Vec<Vec<f64>> = case["groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(nums)
                    .collect();
                let named: Vec<(&str, &[f64])> =
                    groups.iter().map(|g| ("g", g.as_slice())).collect();
                let a = st::groups::one_way_anova(&named).unwrap();
                c.value(&format!("{label} F"), a.f, num(&case["f"]), 1e-12, 0.0);
                let r = es::eta_squared_ci(a.f, a.df1, a.df2, level, alt).unwrap();
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                let got = (r.ci_low, r.ci_high);
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["exact_ci"]),
                    1e-7,
                    1e-10,
                );
                c.interval(
                    &format!("{label} effectsize"),
                    got,
                    pair(&case["effectsize_ci"]),
                    1e-5,
                    1e-7,
                );
            }
            "eta_squared_welch" => {
                let groups: Vec<Vec<f64>> = case["groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(nums)
                    .collect();
                let named: Vec<(&str, &[f64])> =
                    groups.iter().map(|g| ("g", g.as_slice())).collect();
                let a = st::groups::welch_anova(&named).unwrap();
                c.value(&format!("{label} F"), a.f, num(&case["f"]), 1e-12, 0.0);
                c.value(
                    &format!("{label} df2"),
                    a.df2,
                    num(&case["df2"]),
                    1e-12,
                    0.0,
                );
                let r = es::eta_squared_ci(a.f, a.df1, a.df2, level, alt).unwrap();
                c.value(&label, r.estimate, num(&case["estimate"]), 1e-12, 1e-15);
                let got = (r.ci_low, r.ci_high);
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["exact_ci"]),
                    1e-7,
                    1e-10,
                );
                c.interval(
                    &format!("{label} effectsize"),
                    got,
                    pair(&case["effectsize_ci"]),
                    1e-5,
                    1e-7,
                );
            }
            "fisher_or" => {
                let t = nums(&case["table"][0]);
                let u = nums(&case["table"][1]);
                let table = [[t[0], t[1]], [u[0], u[1]]];
                let f = st::contingency::fisher_exact(table, alt).unwrap();
                // fisher.test's estimate and ends come from uniroot at its default tolerance,
                // 1.2e-4 on ψ where ψ < 1 and on 1/ψ where ψ > 1: compared on that scale
                let folded = |v: f64| if v > 1.0 { 1.0 / v } else { v };
                c.value(
                    &format!("{label} estimate"),
                    folded(f.odds_ratio),
                    folded(num(&case["estimate"])),
                    0.0,
                    2e-4,
                );
                let got = es::fisher_odds_ratio_ci(table, level, alt).unwrap();
                c.interval(
                    &format!("{label} exact"),
                    got,
                    pair(&case["exact_ci"]),
                    1e-9,
                    1e-12,
                );
                let want = pair(&case["r_ci"]);
                c.interval(
                    &format!("{label} fisher.test"),
                    (folded(got.0), folded(got.1)),
                    (folded(want.0), folded(want.1)),
                    0.0,
                    2e-4,
                );
            }
            "smd_numeric" => {
                let groups: Vec<Vec<f64>> = case["groups"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(nums)
                    .collect();
                let refs: Vec<&[f64]> = groups.iter().map(|g| g.as_slice()).collect();
                let got = es::smd_numeric(&refs).unwrap();
                c.value(&label, got, num(&case["smd"]), 1e-12, 1e-15);
            }
            "smd_categorical" => {
                let counts: Vec<Vec<f64>> = case["counts"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(nums)
                    .collect();
                let got = es::smd_categorical(&counts).unwrap();
                c.value(&label, got, num(&case["smd"]), 1e-10, 1e-14);
            }
            other => panic!("unknown case kind {other}"),
        }
    }
    println!(
        "{} values checked; largest relative differences:",
        c.checked
    );
    for (k, v) in &c.worst {
        println!("  {k}: {v:.2e}");
    }
    assert!(c.checked > 800, "only {} values checked", c.checked);
    assert!(
        c.failures.is_empty(),
        "{} failures:\n{}",
        c.failures.len(),
        c.failures.join("\n")
    );
}

#[test]
fn noncentral_distributions_reduce_to_the_central_ones_and_are_monotone() {
    use st::dist::*;
    for &(t, df) in &[(0.7, 3.0), (-2.1, 12.0), (4.0, 40.0)] {
        assert_eq!(nt_cdf(t, df, 0.0), t_cdf(t, df));
        // decreasing in the noncentrality
        let a = nt_cdf(t, df, 0.5);
        let b = nt_cdf(t, df, 1.5);
        assert!(a > b && b > 0.0, "{a} {b}");
        // a tiny noncentrality is continuous with the central distribution
        assert!((nt_cdf(t, df, 1e-9) - t_cdf(t, df)).abs() < 1e-9);
    }
    assert!((nchi2_cdf(3.0, 2.0, 1e-12) - chi2_cdf(3.0, 2.0)).abs() < 1e-12);
    assert!((nf_cdf(2.0, 3.0, 20.0, 1e-12) - f_cdf(2.0, 3.0, 20.0)).abs() < 1e-12);
    // a large noncentrality, whose Poisson weight at j = 0 underflows
    let p = nchi2_cdf(2000.0, 4.0, 2000.0);
    assert!(p > 0.4 && p < 0.6, "{p}");
    let q = nt_cdf(45.0, 30.0, 45.0);
    assert!(q > 0.3 && q < 0.7, "{q}");
}

#[test]
fn invalid_levels_and_edges_are_errors_or_bounds() {
    assert!(es::hedges_g(
        &[1.0, 2.0, 3.0],
        &[2.0, 3.0, 5.0],
        1.0,
        Alternative::TwoSided
    )
    .is_err());
    assert!(es::eta_squared_ci(2.0, 2.0, 10.0, 0.0, Alternative::Greater).is_err());
    // a perfect separation: r = 1 and both ends at 1
    let r = es::rank_biserial_ci(1.0, 5, 5, 0.95, Alternative::TwoSided).unwrap();
    assert_eq!((r.ci_low, r.ci_high), (1.0, 1.0));
    // an empty cell: the lower end of the odds ratio is 0
    let ci =
        es::fisher_odds_ratio_ci([[0.0, 5.0], [6.0, 4.0]], 0.95, Alternative::TwoSided).unwrap();
    assert_eq!(ci.0, 0.0);
    assert!(ci.1 > 0.0 && ci.1.is_finite());
    // a statistic too large for the noncentral sums: an error, at once, not a long loop
    let start = std::time::Instant::now();
    assert!(es::t_noncentrality_interval(5e3, 100.0, 0.95).is_err());
    assert!(es::eta_squared_ci(1e9, 2.0, 1e6, 0.95, Alternative::Greater).is_err());
    assert!(st::dist::nchi2_cdf(1.0, 2.0, 1e7).is_nan());
    assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
    // just inside the range the interval is computed and holds the estimate's t
    let (lo, hi) = es::t_noncentrality_interval(300.0, 1e6, 0.95).unwrap();
    assert!(
        lo < 300.0 && 300.0 < hi && (3.5..4.5).contains(&(hi - lo)),
        "{lo} {hi}"
    );
    // identical level proportions: SMD 0
    assert_eq!(
        es::smd_categorical(&[vec![2.0, 4.0], vec![1.0, 2.0]]).unwrap(),
        0.0
    );
}

/// Beyond δ = 37.62 R's `pt` leaves Lenth's series for a normal approximation (its AS 243
/// limit), so R's (and effectsize's) intervals of a very large t are approximate; this crate
/// keeps summing the series. For t = 50 (df 30), uniroot on R's pt gives the upper end
/// 62.3857644702808, where P(T <= 50) by numerical integration,
/// `integrate(function(v) pnorm(t * sqrt(v / df) - d) * dchisq(v, df), 0, Inf)`, is 0.02786,
/// not 0.025; uniroot on that integral (rel.tol 1e-13) gives [37.2442780496277,
/// 62.7124106213981], the reference here.
#[test]
fn large_t_follows_the_exact_series_where_r_approximates() {
    let (lo, hi) = es::t_noncentrality_interval(50.0, 30.0, 0.95).unwrap();
    assert!((lo - 37.2442780496277).abs() < 1e-9 * 37.3, "{lo}");
    assert!((hi - 62.7124106213981).abs() < 1e-9 * 62.8, "{hi}");
    // below δ = 37.62 R sums the same series: agreement with uniroot on R's pt to 1e-9
    let (lo, _) = es::t_noncentrality_interval(30.0, 30.0, 0.95).unwrap();
    assert!((lo - 22.1771018917735).abs() < 1e-9 * 22.2, "{lo}");
}
