//! Fuzz target: every statistics entry point on arbitrary finite and non-finite data.
//! Bytes become values: a tag byte below 0xF0 picks a value from a palette of hard cases
//! (0, ±1, ±1e308, ±f64::MAX, 5e-324, NaN, ±inf, small integers), a tag of 0xF0 or above
//! takes the next 8 bytes as a raw double. Invariant: no panic; each result is finite in
//! every number it promises, or a typed `StatsError` whose message is short.
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri_stats::contingency::{chi_square, fisher_exact, fisher_rxc, RxcMethod, RxcOptions};
use neuronutri_stats::correlation::{pearson, spearman, SpearmanMethod};
use neuronutri_stats::descriptive::{describe, quantile, sd};
use neuronutri_stats::effect_size as es;
use neuronutri_stats::groups::{kruskal_wallis, one_way_anova, welch_anova, Group};
use neuronutri_stats::mann_whitney::{mann_whitney, MannWhitneyOptions, Method};
use neuronutri_stats::multiple::{benjamini_hochberg, holm};
use neuronutri_stats::ols::ols;
use neuronutri_stats::paired::{
    mcnemar, paired_t, signed_rank_pseudo_median, wilcoxon_signed_rank, SignedRankOptions,
};
use neuronutri_stats::posthoc::{dunn, games_howell, tukey_hsd, PostHoc};
use neuronutri_stats::shapiro::shapiro_wilk;
use neuronutri_stats::survival::cox::cox;
use neuronutri_stats::survival::{kaplan_meier, log_rank};
use neuronutri_stats::ttest::{student_t, welch_t};
use neuronutri_stats::{Alternative, StatsError};

/// Every number a post-hoc table promises.
fn posthoc_fields(p: &PostHoc) -> Vec<f64> {
    let mut f = Vec::new();
    for c in &p.comparisons {
        f.extend([
            c.estimate,
            c.std_error,
            c.statistic,
            c.p_value,
            c.p_adjusted,
        ]);
        f.extend(c.df);
        if let Some((lo, hi)) = c.ci {
            f.extend([lo, hi]);
        }
    }
    f
}

const PALETTE: [f64; 16] = [
    0.0,
    1.0,
    -1.0,
    1e308,
    -1e308,
    f64::MAX,
    f64::MIN,
    5e-324,
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    2.0,
    3.0,
    0.5,
    1e-300,
    -5e-324,
];

fn values(mut data: &[u8]) -> Vec<f64> {
    let mut out = Vec::new();
    while let Some((&tag, rest)) = data.split_first() {
        data = rest;
        if tag >= 0xF0 {
            let Some((raw, rest)) = data.split_first_chunk::<8>() else {
                break;
            };
            data = rest;
            out.push(f64::from_le_bytes(*raw));
        } else if tag >= 0x80 {
            out.push(f64::from(tag - 0x80) - 20.0);
        } else {
            out.push(PALETTE[usize::from(tag) % PALETTE.len()]);
        }
    }
    out
}

fn finite(what: &str, fields: &[f64]) {
    for v in fields {
        assert!(v.is_finite(), "{what}: {v} in {fields:?}");
    }
}

/// An effect size with its interval: the estimate finite, the ends ordered and never NaN
/// (an end may be infinite: a one-sided interval, or the odds ratio of an empty cell).
fn effect_ci(what: &str, e: &es::EffectCi) {
    finite(what, &[e.estimate]);
    assert!(
        !e.ci_low.is_nan() && !e.ci_high.is_nan() && e.ci_low <= e.ci_high,
        "{what}: {e:?}"
    );
}

fn typed(e: &StatsError) {
    let text = e.to_string();
    assert!(text.len() < 600, "long message: {text}");
}

macro_rules! check {
    ($what:expr, $r:expr, |$x:ident| $fields:expr) => {
        match $r {
            Ok($x) => finite($what, &$fields),
            Err(e) => typed(&e),
        }
    };
}

fuzz_target!(|data: &[u8]| {
    let Some((&control, rest)) = data.split_first() else {
        return;
    };
    let v = values(rest);
    let split = if v.is_empty() {
        0
    } else {
        usize::from(control) % (v.len() + 1)
    };
    let (a, b) = v.split_at(split);
    let alt = [
        Alternative::TwoSided,
        Alternative::Less,
        Alternative::Greater,
    ][usize::from(control >> 6) % 3];

    check!("describe", describe(a), |d| [
        d.mean,
        d.sd.unwrap_or(0.0),
        d.median,
        d.q1,
        d.q3,
        d.min,
        d.max
    ]);
    check!("sd", sd(a), |s| [s]);
    check!("quantile", quantile(a, 0.9), |q| [q]);
    check!("shapiro", shapiro_wilk(a), |s| [s.w, s.p_value]);
    for f in [welch_t, student_t] {
        check!("t test", f(a, b, alt, 0.95), |t| {
            let mut x = vec![
                t.t,
                t.df,
                t.p_value,
                t.mean_diff,
                t.std_error,
                t.cohens_d,
                t.hedges_g,
            ];
            if alt != Alternative::Less {
                x.push(t.ci_low);
            }
            if alt != Alternative::Greater {
                x.push(t.ci_high);
            }
            x
        });
    }
    let small = a.len() <= 60 && b.len() <= 60;
    for method in [Method::Auto, Method::Asymptotic, Method::Exact] {
        if method == Method::Exact && !small {
            continue;
        }
        let opts = MannWhitneyOptions {
            alternative: alt,
            method,
            ..Default::default()
        };
        check!("mann-whitney", mann_whitney(a, b, &opts), |m| {
            let mut x = vec![m.u, m.p_value, m.rank_biserial];
            x.extend(m.hodges_lehmann);
            x
        });
    }
    let n = a.len().min(b.len());
    let (x, y) = (&a[..n], &b[..n]);
    check!("pearson", pearson(x, y, alt, 0.95), |r| [
        r.r, r.p_value, r.ci_low, r.ci_high
    ]);
    for m in [
        SpearmanMethod::Auto,
        SpearmanMethod::Asymptotic,
        SpearmanMethod::Exact,
    ] {
        check!("spearman", spearman(x, y, alt, m), |r| [r.rho, r.p_value]);
    }
    let half = n / 2;
    if half > 0 {
        let (x1, x2, yy) = (&x[..half], &y[..half], &a[half..2 * half]);
        check!("ols", ols(yy, &[("x1", x1), ("x2", x2)]), |o| {
            let mut f = vec![o.r_squared, o.adj_r_squared, o.f, o.f_p_value, o.sigma];
            for c in &o.coefficients {
                f.extend([c.estimate, c.std_error, c.t, c.p_value]);
                f.extend(c.beta.into_iter().chain(c.sr2).chain(c.lmg).chain(c.vif));
            }
            f
        });
    }
    if v.len() >= 4 {
        let t = [[v[0], v[1]], [v[2], v[3]]];
        check!(
            "chi-square",
            chi_square(&[t[0].to_vec(), t[1].to_vec()], control & 1 == 1),
            |c| [c.chi2, c.p_value, c.n]
        );
        check!("fisher", fisher_exact(t, alt), |f| [f.p_value]);
    }
    // paired designs on the same pairs as the correlations
    check!("paired t", paired_t(x, y, alt, 0.95), |t| {
        let mut f = vec![t.t, t.df, t.p_value, t.mean_diff, t.std_error, t.cohens_dz];
        if alt != Alternative::Less {
            f.push(t.ci_low);
        }
        if alt != Alternative::Greater {
            f.push(t.ci_high);
        }
        f
    });
    for method in [Method::Auto, Method::Asymptotic, Method::Exact] {
        if method == Method::Exact && !small {
            continue;
        }
        let opts = SignedRankOptions {
            alternative: alt,
            method,
            correct: control & 2 == 2,
        };
        check!("signed rank", wilcoxon_signed_rank(x, y, &opts), |w| {
            let mut f = vec![w.v, w.p_value, w.rank_biserial];
            f.extend(w.z);
            f
        });
    }
    let level = [0.95, 0.9, 0.99, 0.5][usize::from(control >> 4) % 4];
    match es::hedges_g(a, b, level, alt) {
        Ok(e) => effect_ci("hedges g", &e),
        Err(e) => typed(&e),
    }
    match es::cohens_dz(x, y, level, alt) {
        Ok(e) => effect_ci("d_z", &e),
        Err(e) => typed(&e),
    }
    if let Some(&r) = v.first() {
        let (n1, n2) = (a.len(), b.len());
        match es::rank_biserial_ci(r.clamp(-1.0, 1.0), n1, n2, level, alt) {
            Ok(e) => effect_ci("rank-biserial", &e),
            Err(e) => typed(&e),
        }
        match es::rank_biserial_paired_ci(r.clamp(-1.0, 1.0), x.len(), level, alt) {
            Ok(e) => effect_ci("paired rank-biserial", &e),
            Err(e) => typed(&e),
        }
        match es::eta_squared_ci(
            r.abs(),
            1.0 + f64::from(control % 4),
            (v.len() as f64).max(1.0),
            level,
            alt,
        ) {
            Ok(e) => effect_ci("eta squared", &e),
            Err(e) => typed(&e),
        }
    }
    if small {
        let opts = SignedRankOptions {
            alternative: alt,
            ..Default::default()
        };
        check!(
            "pseudo-median",
            signed_rank_pseudo_median(x, y, &opts, level),
            |m| {
                let mut f = vec![m.estimate];
                f.extend(
                    [m.ci_low, m.ci_high]
                        .into_iter()
                        .filter(|e| !e.is_infinite()),
                );
                f
            }
        );
    }
    if v.len() >= 2 {
        let counts = [v[0].abs().min(1e6).floor(), v[1].abs().min(1e6).floor()];
        match es::cohens_g(counts[0], counts[1], level, alt) {
            Ok(e) => effect_ci("cohens g", &e),
            Err(e) => typed(&e),
        }
    }
    if v.len() >= 4 {
        let t = [[v[0], v[1]], [v[2], v[3]]];
        check!(
            "fisher OR CI",
            es::fisher_odds_ratio_ci(t, level, alt),
            |ci| {
                assert!(!ci.0.is_nan() && !ci.1.is_nan() && ci.0 <= ci.1, "{ci:?}");
                Vec::<f64>::new()
            }
        );
    }
    check!("smd numeric", es::smd_numeric(&[a, b]), |d| [d]);
    // several groups: the values cut into 2 to 6 groups of about equal size
    let k = usize::from(control >> 3) % 5 + 2;
    let size = v.len().div_ceil(k).max(1);
    let names = ["a", "b", "c", "d", "e", "f"];
    let groups: Vec<Group> = v
        .chunks(size)
        .zip(names)
        .map(|(chunk, name)| (name, chunk))
        .collect();
    check!("anova", one_way_anova(&groups), |o| [
        o.f,
        o.df1,
        o.df2,
        o.p_value,
        o.ss_between,
        o.ss_within,
        o.eta_squared
    ]);
    check!("welch anova", welch_anova(&groups), |o| [
        o.f, o.df1, o.df2, o.p_value
    ]);
    check!("kruskal-wallis", kruskal_wallis(&groups), |o| {
        let mut f = vec![o.h, o.df, o.p_value];
        f.extend(&o.mean_ranks);
        f
    });
    if v.len() <= 60 && control == 0x5A {
        // The studentized range is integrated numerically (about 0.2 s a Tukey HSD in this
        // instrumented build, most of it in the quantile for the intervals): only inputs whose
        // control byte is 0x5A run it, so the other tests keep their speed.
        check!("tukey", tukey_hsd(&groups, 0.95), |p| posthoc_fields(&p));
        check!("games-howell", games_howell(&groups, 0.95), |p| {
            posthoc_fields(&p)
        });
    }
    check!("dunn", dunn(&groups), |p| posthoc_fields(&p));
    if v.len() <= 60 {
        match es::rank_epsilon_squared(&groups, level, alt, 50, u64::from(control)) {
            Ok(e) => effect_ci("rank epsilon squared", &e),
            Err(e) => typed(&e),
        }
    }
    if v.len() >= 4 {
        let t = [[v[0], v[1]], [v[2], v[3]]];
        check!("mcnemar", mcnemar(t, control & 4 == 4), |m| [
            m.chi2,
            m.df,
            m.p_value,
            m.discordant
        ]);
    }
    if v.len() >= 6 {
        // an r×c table: 2 or 3 rows of 3 (or 2) columns
        let cols = if control & 1 == 1 { 3 } else { 2 };
        let rows = (v.len().min(9) / cols).min(3);
        let table: Vec<Vec<f64>> = v[..rows * cols].chunks(cols).map(<[f64]>::to_vec).collect();
        match es::cramers_v(&table, control & 2 == 2, level, alt) {
            Ok(e) => effect_ci("cramers v", &e),
            Err(e) => typed(&e),
        }
        check!("smd categorical", es::smd_categorical(&table), |d| [d]);
        check!("chi-square r×c", chi_square(&table, false), |c| [
            c.chi2,
            c.p_value,
            c.n,
            c.min_expected
        ]);
        for method in [RxcMethod::Auto, RxcMethod::MonteCarlo] {
            let opts = RxcOptions {
                method,
                replicates: 500,
                seed: u64::from(control),
            };
            check!("fisher r×c", fisher_rxc(&table, &opts), |f| [f.p_value]);
        }
    }
    // survival: times from the first part, events from the signs of the second (a NaN
    // event is missing), two groups by position, one predictor from the times' order
    if !a.is_empty() {
        let event: Vec<f64> = (0..a.len())
            .map(|i| match b.get(i) {
                Some(x) if x.is_nan() => f64::NAN,
                Some(x) if *x > 0.0 => 1.0,
                _ => 0.0,
            })
            .collect();
        check!("kaplan-meier", kaplan_meier(a, &event, 0.95), |k| {
            let mut f = Vec::new();
            for s in &k.steps {
                f.extend([s.time, s.surv]);
                f.extend(s.std_err.iter().chain(&s.lower).chain(&s.upper));
            }
            f.extend(k.median.iter().chain(&k.median_ci.0).chain(&k.median_ci.1));
            f
        });
        let codes: Vec<Option<usize>> = (0..a.len()).map(|i| Some(i % 2)).collect();
        let names = ["a".to_owned(), "b".to_owned()];
        check!("log-rank", log_rank(a, &event, &codes, &names), |l| {
            let mut f = vec![l.chi2, l.p_value];
            for g in &l.groups {
                f.extend([g.expected, g.variance]);
            }
            f
        });
        let x: Vec<f64> = (0..a.len()).map(|i| (i % 3) as f64).collect();
        check!("cox", cox(a, &event, &[("x", &x)], 0.95), |c| {
            let mut f = vec![
                c.loglik.0,
                c.loglik.1,
                c.lr.p_value,
                c.wald.p_value,
                c.score.p_value,
            ];
            for k in &c.coefficients {
                f.extend([
                    k.estimate,
                    k.std_error,
                    k.z,
                    k.p_value,
                    k.hazard_ratio,
                    k.hr_ci.0,
                    k.hr_ci.1,
                ]);
            }
            f
        });
    }
    let ps: Vec<f64> = v
        .iter()
        .map(|p| if p.is_nan() { *p } else { p.abs().min(1.0) })
        .collect();
    check!("bh", benjamini_hochberg(&ps), |q| q
        .iter()
        .copied()
        .filter(|q| !q.is_nan())
        .collect::<Vec<_>>());
    check!("holm", holm(&ps), |q| q
        .iter()
        .copied()
        .filter(|q| !q.is_nan())
        .collect::<Vec<_>>());
});
