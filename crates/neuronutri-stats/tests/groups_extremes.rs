//! The several-group, post-hoc, paired and r×c tests at the edges: values near 1e308 and
//! 5e-324, infinities, groups emptied by NaN, constant groups, limits on sizes. Each call
//! gives finite numbers or a typed error with a short message, never a panic or a NaN.

use neuronutri_stats as st;
use neuronutri_stats::StatsError;

const BIG: f64 = 1e308;
const TINY: f64 = 5e-324;

fn finite(what: &str, v: &[f64]) {
    for x in v {
        assert!(x.is_finite(), "{what}: {x} in {v:?}");
    }
}

fn short(e: &StatsError) {
    let text = e.to_string();
    assert!(text.len() < 400 && !text.ends_with('.'), "{text}");
}

fn samples() -> Vec<Vec<Vec<f64>>> {
    vec![
        vec![
            vec![BIG, -BIG, BIG],
            vec![BIG, BIG * 0.5],
            vec![-BIG, 0.0, BIG],
        ],
        vec![
            vec![TINY, 2.0 * TINY, 0.0],
            vec![TINY, TINY],
            vec![0.0, 3.0 * TINY],
        ],
        vec![
            vec![1.0, 2.0, f64::NAN],
            vec![f64::NAN, f64::NAN],
            vec![3.0, 4.0],
        ],
        vec![vec![5.0, 5.0], vec![5.0, 5.0, 5.0], vec![5.0]],
        vec![vec![1.0, 1.0], vec![2.0, 2.0], vec![3.0, 3.0]],
        vec![vec![1.0, f64::INFINITY], vec![2.0, 3.0], vec![3.0, 4.0]],
        vec![
            vec![1.0, 2.0, 3.0],
            vec![1e-300, 2e-300],
            vec![1e300, -1e300, 5e299],
        ],
    ]
}

#[test]
fn several_group_tests_are_finite_or_typed_errors() {
    for set in samples() {
        let named: Vec<(&str, &[f64])> = set
            .iter()
            .enumerate()
            .map(|(i, v)| (["a", "b", "c"][i], v.as_slice()))
            .collect();
        match st::groups::one_way_anova(&named) {
            Ok(r) => finite(
                "anova",
                &[r.f, r.p_value, r.eta_squared, r.ss_between, r.ss_within],
            ),
            Err(e) => short(&e),
        }
        match st::groups::welch_anova(&named) {
            Ok(r) => finite("welch", &[r.f, r.df2, r.p_value]),
            Err(e) => short(&e),
        }
        match st::groups::kruskal_wallis(&named) {
            Ok(r) => finite("kruskal", &[r.h, r.p_value]),
            Err(e) => short(&e),
        }
        for r in [
            st::posthoc::tukey_hsd(&named, 0.95),
            st::posthoc::games_howell(&named, 0.95),
            st::posthoc::dunn(&named),
        ] {
            match r {
                Ok(r) => {
                    for c in &r.comparisons {
                        finite(
                            r.method,
                            &[
                                c.estimate,
                                c.std_error,
                                c.statistic,
                                c.p_value,
                                c.p_adjusted,
                            ],
                        );
                    }
                }
                Err(e) => short(&e),
            }
        }
    }
}

#[test]
fn a_group_emptied_by_missing_values_is_named() {
    let e = st::groups::kruskal_wallis(&[
        ("stage I", &[1.0, 2.0]),
        ("stage II", &[f64::NAN]),
        ("stage III", &[3.0]),
    ])
    .unwrap_err();
    assert!(e.to_string().contains("\"stage II\""), "{e}");
    let many: Vec<(&str, &[f64])> = (0..=st::groups::MAX_GROUPS)
        .map(|_| ("g", &[1.0, 2.0][..]))
        .collect();
    assert!(matches!(
        st::groups::one_way_anova(&many),
        Err(StatsError::TooManyValues { .. })
    ));
}

#[test]
fn paired_tests_are_finite_or_typed_errors() {
    let cases: Vec<(Vec<f64>, Vec<f64>)> = vec![
        (vec![BIG, -BIG, BIG, 0.0], vec![-BIG, BIG, 0.0, BIG]),
        (
            vec![TINY, 0.0, TINY, 3.0 * TINY],
            vec![0.0, TINY, 2.0 * TINY, 0.0],
        ),
        (vec![1.0, f64::NAN, 3.0], vec![f64::NAN, 2.0, 4.0]),
        (vec![1.0, 2.0, 3.0], vec![1.0, 2.0, 3.0]),
        (vec![1.0, f64::INFINITY], vec![2.0, 3.0]),
        (vec![], vec![]),
    ];
    for (x, y) in &cases {
        match st::paired::paired_t(x, y, st::Alternative::TwoSided, 0.95) {
            Ok(r) => finite(
                "paired t",
                &[r.t, r.p_value, r.mean_diff, r.ci_low, r.ci_high],
            ),
            Err(e) => short(&e),
        }
        match st::paired::wilcoxon_signed_rank(x, y, &Default::default()) {
            Ok(r) => finite("wilcoxon", &[r.v, r.p_value, r.rank_biserial]),
            Err(e) => short(&e),
        }
    }
    for t in [
        [[0.0, 0.0], [0.0, 0.0]],
        [[1.0, f64::NAN], [1.0, 1.0]],
        [[BIG, BIG], [BIG, 0.0]],
    ] {
        match st::paired::mcnemar(t, true) {
            Ok(r) => finite("mcnemar", &[r.chi2, r.p_value]),
            Err(e) => short(&e),
        }
    }
}

#[test]
fn rxc_tables_are_bounded() {
    let big = vec![vec![1.0; 21]; 20];
    assert!(matches!(
        st::contingency::fisher_rxc(&big, &Default::default()),
        Err(StatsError::TooManyValues { .. })
    ));
    let huge = vec![vec![1e7, 1.0], vec![1.0, 1.0]];
    assert!(matches!(
        st::contingency::fisher_rxc(&huge, &Default::default()),
        Err(StatsError::TooManyValues { .. })
    ));
    let opts = st::contingency::RxcOptions {
        replicates: 0,
        ..Default::default()
    };
    assert!(st::contingency::fisher_rxc(&[vec![1.0, 2.0], vec![3.0, 4.0]], &opts).is_err());
    // a table with empty rows and columns is tested on the rest
    let r = st::contingency::fisher_rxc(
        &[
            vec![3.0, 0.0, 1.0],
            vec![0.0, 0.0, 0.0],
            vec![1.0, 0.0, 4.0],
        ],
        &Default::default(),
    )
    .unwrap();
    let two =
        st::contingency::fisher_exact([[3.0, 1.0], [1.0, 4.0]], st::Alternative::TwoSided).unwrap();
    assert!((r.p_value - two.p_value).abs() < 1e-12);
}
