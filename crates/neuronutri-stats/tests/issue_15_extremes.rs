//! Issue 15: every statistics entry point, fed values at the ends of the floating-point
//! range (1e308, -1e308, 5e-324), constant samples, single values, infinities and missing
//! values, returns finite numbers or a typed error; never a NaN, an infinity or a number
//! computed from an overflowed sum (a constant column of 1e308 must be seen as constant).

use neuronutri_stats::contingency::{chi_square, fisher_exact};
use neuronutri_stats::correlation::{pearson, spearman, SpearmanMethod};
use neuronutri_stats::descriptive::{describe, mean, median, quantile, sd};
use neuronutri_stats::mann_whitney::{hodges_lehmann, mann_whitney, MannWhitneyOptions, Method};
use neuronutri_stats::multiple::benjamini_hochberg;
use neuronutri_stats::ols::ols;
use neuronutri_stats::shapiro::shapiro_wilk;
use neuronutri_stats::ttest::{student_t, welch_t};
use neuronutri_stats::{Alternative, StatsError};

const BIG: f64 = 1e308;
const TINY: f64 = 5e-324;

fn samples() -> Vec<(&'static str, Vec<f64>)> {
    vec![
        ("constant 1e308", vec![BIG; 5]),
        ("constant -1e308", vec![-BIG; 5]),
        ("constant 5e-324", vec![TINY; 5]),
        ("constant 1", vec![1.0; 5]),
        ("single 1e308", vec![BIG]),
        ("single 5e-324", vec![TINY]),
        ("±1e308", vec![BIG, -BIG, BIG, -BIG, 0.0]),
        (
            "near max",
            vec![1.7e308, -1.7e308, 1.6e308, -1.5e308, 1e308],
        ),
        (
            "subnormals",
            vec![TINY, 2.0 * TINY, 3.0 * TINY, 5.0 * TINY, 8.0 * TINY],
        ),
        ("mixed scales", vec![BIG, TINY, -BIG, 1.0, -TINY]),
        ("ordinary", vec![1.0, 2.5, 2.0, 4.0, 3.5]),
        ("with inf", vec![1.0, f64::INFINITY, 2.0, 3.0, 4.0]),
        ("with -inf", vec![1.0, 2.0, f64::NEG_INFINITY, 3.0, 4.0]),
        ("missing", vec![f64::NAN, 1.0, f64::NAN, 2.0, 3.0]),
        ("all missing", vec![f64::NAN; 5]),
        ("empty", vec![]),
    ]
}

/// Every number of an `Ok` result must be finite.
fn finite(case: &str, fields: &[(&str, f64)]) {
    for (name, v) in fields {
        assert!(v.is_finite(), "{case}: {name} = {v}");
    }
}

/// An error must be typed (it is, by the signature) and short, quoting no huge value in full.
fn short(case: &str, e: &StatsError) {
    let text = e.to_string();
    assert!(
        text.len() < 400,
        "{case}: error of {} bytes: {text}",
        text.len()
    );
    assert!(
        !text.contains("000000000000"),
        "{case}: long number in {text}"
    );
}

macro_rules! check {
    ($case:expr, $result:expr, |$r:ident| $fields:expr) => {
        match $result {
            Ok($r) => finite(&$case, &$fields),
            Err(e) => short(&$case, &e),
        }
    };
}

#[test]
fn issue_15_every_entry_point_is_finite_or_typed_on_extremes() {
    let alts = [
        Alternative::TwoSided,
        Alternative::Less,
        Alternative::Greater,
    ];
    for (na, a) in samples() {
        check!(format!("mean {na}"), mean(&a), |m| [("mean", m)]);
        check!(format!("sd {na}"), sd(&a), |s| [("sd", s)]);
        check!(format!("median {na}"), median(&a), |m| [("median", m)]);
        check!(format!("quantile {na}"), quantile(&a, 0.3), |q| [("q", q)]);
        check!(format!("describe {na}"), describe(&a), |d| [
            ("mean", d.mean),
            ("sd", d.sd.unwrap_or(0.0)),
            ("median", d.median),
            ("q1", d.q1),
            ("q3", d.q3),
            ("min", d.min),
            ("max", d.max)
        ]);
        check!(format!("shapiro {na}"), shapiro_wilk(&a), |s| [
            ("w", s.w),
            ("p", s.p_value)
        ]);
        let ps: Vec<f64> = a.iter().map(|v| v.abs().min(1.0)).collect();
        check!(format!("bh {na}"), benjamini_hochberg(&ps), |q| q
            .iter()
            .zip(&ps)
            .filter(|(_, p)| !p.is_nan())
            .map(|(q, _)| ("q", *q))
            .collect::<Vec<_>>());
        let counts: Vec<f64> = a.iter().take(4).map(|v| v.abs().round()).collect();
        if counts.len() == 4 {
            let t = [[counts[0], counts[1]], [counts[2], counts[3]]];
            check!(
                format!("chisq {na}"),
                chi_square(&[t[0].to_vec(), t[1].to_vec()], true),
                |c| [("chi2", c.chi2), ("p", c.p_value), ("n", c.n)]
            );
            for alt in alts {
                check!(format!("fisher {na} {alt:?}"), fisher_exact(t, alt), |f| [
                    ("p", f.p_value)
                ]);
            }
        }
        for (nb, b) in samples() {
            let case = format!("{na} vs {nb}");
            for alt in alts {
                for f in [welch_t, student_t] {
                    check!(
                        format!("t test {case} {alt:?}"),
                        f(&a, &b, alt, 0.95),
                        |t| {
                            let mut v = vec![
                                ("t", t.t),
                                ("df", t.df),
                                ("p", t.p_value),
                                ("mean_diff", t.mean_diff),
                                ("se", t.std_error),
                                ("d", t.cohens_d),
                                ("g", t.hedges_g),
                            ];
                            if alt != Alternative::Less {
                                v.push(("ci_low", t.ci_low));
                            }
                            if alt != Alternative::Greater {
                                v.push(("ci_high", t.ci_high));
                            }
                            v
                        }
                    );
                }
                for method in [Method::Auto, Method::Exact, Method::Asymptotic] {
                    let opts = MannWhitneyOptions {
                        alternative: alt,
                        method,
                        ..Default::default()
                    };
                    check!(
                        format!("mann-whitney {case} {alt:?} {method:?}"),
                        mann_whitney(&a, &b, &opts),
                        |m| {
                            let mut v = vec![("u", m.u), ("p", m.p_value), ("rb", m.rank_biserial)];
                            if let Some(hl) = m.hodges_lehmann {
                                v.push(("hl", hl));
                            }
                            if let Some((lo, hi)) = m.hl_ci {
                                if alt != Alternative::Less {
                                    v.push(("hl_lo", lo));
                                }
                                if alt != Alternative::Greater {
                                    v.push(("hl_hi", hi));
                                }
                            }
                            v
                        }
                    );
                }
                if a.len() == b.len() {
                    check!(
                        format!("pearson {case} {alt:?}"),
                        pearson(&a, &b, alt, 0.95),
                        |r| [
                            ("r", r.r),
                            ("p", r.p_value),
                            ("ci_low", r.ci_low),
                            ("ci_high", r.ci_high)
                        ]
                    );
                    for m in [
                        SpearmanMethod::Auto,
                        SpearmanMethod::Exact,
                        SpearmanMethod::Asymptotic,
                    ] {
                        check!(
                            format!("spearman {case} {alt:?} {m:?}"),
                            spearman(&a, &b, alt, m),
                            |r| [("rho", r.rho), ("p", r.p_value)]
                        );
                    }
                }
            }
            check!(
                format!("hodges-lehmann {case}"),
                hodges_lehmann(&a, &b),
                |h| [("hl", h)]
            );
            if a.len() == b.len() {
                let c: Vec<f64> = a
                    .iter()
                    .zip(&b)
                    .map(|(x, y)| x * 0.5 - y * 0.25 + 1.0)
                    .collect();
                check!(
                    format!("ols {case}"),
                    ols(&a, &[("b", &b), ("c", &c)]),
                    |o| {
                        let mut v = vec![
                            ("r2", o.r_squared),
                            ("adj", o.adj_r_squared),
                            ("f", o.f),
                            ("fp", o.f_p_value),
                            ("sigma", o.sigma),
                        ];
                        for c in &o.coefficients {
                            v.extend([
                                ("b", c.estimate),
                                ("se", c.std_error),
                                ("t", c.t),
                                ("p", c.p_value),
                            ]);
                            v.extend(c.beta.map(|x| ("beta", x)));
                            v.extend(c.sr2.map(|x| ("sr2", x)));
                            v.extend(c.vif.map(|x| ("vif", x)));
                            v.extend(c.lmg.map(|x| ("lmg", x)));
                        }
                        v
                    }
                );
                check!(format!("ols1 {case}"), ols(&a, &[("b", &b)]), |o| [
                    ("r2", o.r_squared),
                    ("f", o.f),
                    ("sigma", o.sigma),
                    ("b0", o.coefficients[0].estimate),
                    ("b1", o.coefficients[1].estimate),
                    ("se1", o.coefficients[1].std_error)
                ]);
            }
        }
    }
}

/// Was: a constant column of 1e308 overflowed the sum, the variance came out NaN, and
/// `stats pearson` printed `r: null, p: 1.0`.
#[test]
fn issue_15_constant_huge_column_is_zero_variance_in_pearson() {
    let x = [BIG; 6];
    let y = [1.0, 2.0, 3.0, 4.0, 5.0, 7.0];
    match pearson(&x, &y, Alternative::TwoSided, 0.95) {
        Err(StatsError::ZeroVariance { value, .. }) => assert_eq!(value, BIG),
        other => panic!("{other:?}"),
    }
}

/// Was: Welch on values near 1e308 gave a t of 0 and p 1 from overflowed means, or a
/// "zero variance: every value equals NaN" message.
#[test]
fn issue_15_welch_on_huge_values_is_exact() {
    // the same samples as 1, 2, 3 vs 2, 3, 4, times 2^1000: t = -1.2247, df = 4
    let k = 2f64.powi(1000);
    let x = [1.0 * k, 2.0 * k, 3.0 * k];
    let y = [2.0 * k, 3.0 * k, 4.0 * k];
    let big = welch_t(&x, &y, Alternative::TwoSided, 0.95).unwrap();
    let small = welch_t(
        &[1.0, 2.0, 3.0],
        &[2.0, 3.0, 4.0],
        Alternative::TwoSided,
        0.95,
    )
    .unwrap();
    assert_eq!(big.t, small.t);
    assert_eq!(big.df, small.df);
    assert_eq!(big.p_value, small.p_value);
    assert_eq!(big.mean_diff, small.mean_diff * k);
    match welch_t(&[BIG; 3], &[BIG; 4], Alternative::TwoSided, 0.95) {
        Err(StatsError::ZeroVariance { value, .. }) => assert_eq!(value, BIG),
        other => panic!("{other:?}"),
    }
    // a mean difference of 2e308 does not fit in a double: said, not printed as inf
    match welch_t(
        &[BIG, 0.9 * BIG],
        &[-BIG, -0.9 * BIG],
        Alternative::TwoSided,
        0.95,
    ) {
        Err(StatsError::NotComputable { why, .. }) => {
            assert!(why.contains("mean difference"), "{why}")
        }
        other => panic!("{other:?}"),
    }
}

/// Was: the zero-variance message printed 1e308 with all its 309 digits.
#[test]
fn issue_15_messages_quote_huge_numbers_short() {
    let e = sd(&[f64::INFINITY, 1.0]).unwrap_err();
    assert!(matches!(e, StatsError::NotComputable { .. }), "{e}");
    let e = pearson(
        &[BIG; 4],
        &[1.0, 2.0, 3.0, 4.0],
        Alternative::TwoSided,
        0.95,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "x has zero variance: every value equals 1e308"
    );
}

/// The distribution functions behind every p-value terminate on extreme arguments (their
/// iterations are capped) and give a probability in [0, 1]; t_sf with df = 1e308 was 0 at
/// t = 1 (the incomplete beta with a = 5e307), now the normal's 0.1587. An invalid
/// parameter (df ≤ 0, NaN) gives NaN, as R does, and never reaches a result: the tests above
/// check their own outputs.
#[test]
fn issue_15_distribution_functions_terminate_on_extremes() {
    use neuronutri_stats::dist::*;
    let xs = [
        0.0,
        1.0,
        -1.0,
        BIG,
        -BIG,
        TINY,
        f64::MAX,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.5,
        30.0,
    ];
    let dfs = [1.0, 2.5, 30.0, 1e6, BIG, TINY, f64::MAX, f64::INFINITY];
    let start = std::time::Instant::now();
    let prob = |what: &str, v: f64, x: f64, df: f64| {
        assert!((0.0..=1.0).contains(&v), "{what}({x}, {df}) = {v}");
    };
    for &x in &xs {
        prob("normal_cdf", normal_cdf(x), x, 0.0);
        prob("normal_sf", normal_sf(x), x, 0.0);
        for &df in &dfs {
            prob("t_sf", t_sf(x, df), x, df);
            prob("t_cdf", t_cdf(x, df), x, df);
            // the incomplete gamma at x = 1e308 takes a second in a debug build: two cases below
            if (0.0..BIG).contains(&x) {
                prob("chi2_sf", chi2_sf(x, df), x, df);
                prob("chi2_cdf", chi2_cdf(x, df), x, df);
                for df2 in [1.0, 30.0, BIG] {
                    prob("f_sf", f_sf(x, df, df2), x, df);
                }
            }
            if (0.0..=1.0).contains(&x) && df >= 1.0 {
                let q = t_quantile(x, df);
                assert!(!q.is_nan(), "t_quantile({x}, {df}) = {q}");
            }
        }
    }
    prob("chi2_sf", chi2_sf(BIG, 1.0), BIG, 1.0);
    prob("chi2_sf", chi2_sf(f64::MAX, 30.0), f64::MAX, 30.0);
    // with df beyond any sample size, t is the normal
    for df in [1e21, BIG, f64::MAX] {
        assert_eq!(t_sf(1.0, df), normal_sf(1.0));
        assert_eq!(t_sf(-0.5, df), normal_sf(-0.5));
    }
    assert_eq!(t_sf(BIG, 3.0), 0.0);
    // a debug build: each call is milliseconds, the incomplete gamma at x = 1e308 the slowest
    assert!(
        start.elapsed().as_secs() < 120,
        "took {:?}",
        start.elapsed()
    );
}

/// Found by the stats fuzz target once survival was added to it: when the curve stops at
/// exactly 0.5, R's median is the mean of that time and the next, and the sum of two times
/// near the float range overflowed to an infinite median.
#[test]
fn issue_15_km_median_of_times_near_the_float_range_is_finite() {
    use neuronutri_stats::survival::kaplan_meier;
    let km = kaplan_meier(&[1e308, f64::MAX], &[1.0, 1.0], 0.95).expect("a curve");
    let median = km.median.expect("the curve reaches 0.5");
    assert!(median.is_finite(), "median {median}");
    assert_eq!(median, 1e308 / 2.0 + f64::MAX / 2.0);
    // ordinary times keep R's (x0 + x1) / 2 exactly
    let km = kaplan_meier(&[1.0, 4.0], &[1.0, 1.0], 0.95).expect("a curve");
    assert_eq!(km.median, Some(2.5));
}

/// Found by the stats fuzz target once the effect sizes were added to it: with ties and a
/// complete separation of five single-value groups, H/(n − 1) rounded to one ulp above 1, so
/// the rank ε² was 1.0000000000000002 and its one-sided interval [1.0000000000000002; 1] was
/// inverted.
#[test]
fn issue_15_rank_epsilon_squared_never_exceeds_one() {
    use neuronutri_stats::effect_size::rank_epsilon_squared;
    let values = [[2.0], [-20.0], [1e308], [1.0], [1e308]];
    let names = ["a", "b", "c", "d", "e"];
    let groups: Vec<(&str, &[f64])> = names
        .iter()
        .zip(&values)
        .map(|(n, v)| (*n, &v[..]))
        .collect();
    let e = rank_epsilon_squared(&groups, 0.9, Alternative::Greater, 50, 0x98).unwrap();
    assert!(e.estimate <= 1.0, "{e:?}");
    assert!(e.ci_low <= e.ci_high, "{e:?}");
}

/// Found by the stats fuzz target once the effect sizes were added to it: a paired sample
/// whose differences cancel near the float range gives t ≈ −5e−308; the noncentral-t root
/// search then evaluated the series at δ ≈ t, where δ²/2 underflows to 0, the log of the
/// Poisson weight at 0 was NaN and the sum never reached its cutoff (an endless loop).
#[test]
fn issue_15_noncentral_t_at_an_underflowing_noncentrality_ends() {
    use neuronutri_stats::dist::{nchi2_cdf, nf_cdf, nt_cdf, t_cdf};
    use neuronutri_stats::effect_size::cohens_dz;
    let start = std::time::Instant::now();
    assert_eq!(nt_cdf(0.5, 4.0, -5e-308), t_cdf(0.5, 4.0));
    assert_eq!(nt_cdf(-1e-300, 4.0, 1e-200), t_cdf(-1e-300, 4.0));
    assert!(nchi2_cdf(3.0, 2.0, 5e-324).is_finite());
    assert!(nf_cdf(3.0, 2.0, 5.0, 5e-324).is_finite());
    let x = [-5e-324, 1e308, 1.0, 5.0, 2.0];
    let y = [1e308, 1.0, 5.0, 2.0, 7.0];
    match cohens_dz(&x, &y, 0.99, Alternative::TwoSided) {
        Ok(e) => assert!(e.estimate.is_finite() && e.ci_low <= e.ci_high, "{e:?}"),
        Err(e) => assert!(!e.to_string().is_empty()),
    }
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}

/// Found by the `stats` fuzz target (Tukey's HSD on groups whose means differ by about the
/// float range): the studentized range tail split its integral into pieces of width 2 up to
/// q·s/2, so a q near 1e300 asked for a vector of more than usize::MAX pieces ("capacity
/// overflow"), and a merely large q for millions of them. Beyond a range of 60 standard
/// deviations the upper tail is below the smallest double for any number of groups, so the
/// work no longer depends on the magnitude of q.
#[test]
fn issue_15_the_studentized_range_tail_is_bounded_in_q() {
    use neuronutri_stats::dist::{tukey_cdf, tukey_sf};
    for (k, df) in [(2.0, 3.0), (3.0, 10.0), (20.0, 1e4), (5.0, f64::INFINITY)] {
        let mut previous = 1.0;
        for q in [30.0, 61.0, 1e6, 1e12, 1e300, f64::MAX, f64::INFINITY] {
            let started = std::time::Instant::now();
            let (sf, cdf) = (tukey_sf(q, k, df), tukey_cdf(q, k, df));
            assert!(
                started.elapsed() < std::time::Duration::from_secs(5),
                "q={q} k={k} df={df} took {:?}",
                started.elapsed()
            );
            assert!((0.0..=1.0).contains(&sf), "sf q={q} k={k} df={df}: {sf}");
            assert!((0.0..=1.0).contains(&cdf), "cdf q={q} k={k} df={df}: {cdf}");
            assert!(sf <= previous, "sf rises at q={q} k={k} df={df}");
            previous = sf;
            if df.is_infinite() && q > 60.0 {
                // the range of normal means itself: beyond 60 SDs, below the least double
                assert_eq!((sf, cdf), (0.0, 1.0), "q={q} k={k}");
            }
        }
    }
}
