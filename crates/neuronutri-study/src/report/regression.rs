//! The regression tables of the study report (issue 13 item 3): linear models (OLS) with
//! numeric and categorical predictors (R's treatment coding, the reference level from the
//! protocol) and interactions, classical or HC3 standard errors and residual diagnostics; and
//! logistic models of a binary outcome with odds ratios, Wald and profile-likelihood
//! intervals. A protocol of numeric predictors only gets exactly the table it got before
//! (the same header, rows, notes and figure), so existing reports do not change.

use super::*;
use crate::protocol::RegressionModel;
use neuronutri_stats::design::{model_matrix, parse_terms, DesignColumn, Term};
use neuronutri_stats::dist::normal_quantile;
use neuronutri_stats::logistic::{logistic, LogisticOptions};
use neuronutri_stats::ols::{ols_with, Covariance, OlsOptions};
use std::collections::BTreeMap;

/// A logistic regression's fit.
#[derive(Debug, Clone, Serialize)]
pub struct LogisticFit {
    /// Outcome.
    pub outcome: String,
    /// For a categorical outcome, the level counted as the event (1).
    pub event: Option<String>,
    /// Complete rows used.
    pub n: usize,
    /// Rows with the event.
    pub events: usize,
    /// Rows dropped for a missing value.
    pub dropped: usize,
    /// Residual deviance.
    pub deviance: f64,
    /// Its degrees of freedom n − p − 1.
    pub df_resid: usize,
    /// Deviance of the intercept-only model (n − 1 degrees of freedom).
    pub null_deviance: f64,
    /// AIC.
    pub aic: f64,
    /// Likelihood-ratio χ² against the intercept-only model.
    pub lr_chi2: f64,
    /// Its degrees of freedom (the model's columns).
    pub lr_df: usize,
    /// Its p-value.
    pub lr_p_value: f64,
    /// Fisher-scoring steps.
    pub iterations: usize,
    /// Intercept, then the design's columns.
    pub coefficients: Vec<LogisticRow>,
}

/// A coefficient of a logistic table.
#[derive(Debug, Clone, Serialize)]
pub struct LogisticRow {
    /// R's name of the column: "(Intercept)", `age`, `stageII`, `age:sexmale`.
    pub name: String,
    /// b, the log odds ratio.
    pub estimate: f64,
    /// Wald SE of b.
    pub std_error: f64,
    /// z = b / SE.
    pub z: f64,
    /// p of z.
    pub p_value: f64,
    /// exp(b).
    pub odds_ratio: f64,
    /// Wald interval of the odds ratio at `conf_level`, exp(b ± z·SE).
    pub or_wald_ci: (f64, f64),
    /// Profile-likelihood interval of the odds ratio at `conf_level` (R's `confint`); an end
    /// is `None` where the profile does not reach it (R gives NA there).
    pub or_profile_ci: (Option<f64>, Option<f64>),
}

/// The columns of one variable of the model, over the kept rows.
pub(super) enum Column {
    Numbers(Vec<f64>),
    Levels {
        codes: Vec<Option<usize>>,
        levels: Vec<String>,
        reference: usize,
    },
}

/// How a table row names a design column: the variable's heading for a numeric one,
/// "Label: level" for a level of a categorical one, joined by " × " in an interaction (the
/// order R's model matrix uses: the first variable varies fastest).
pub(super) fn column_labels(
    protocol: &Protocol,
    terms: &[Term],
    columns: &[(&str, Column)],
) -> Vec<String> {
    let mut out = Vec::new();
    for term in terms {
        let mut labels: Vec<String> = vec![String::new()];
        for (vi, name) in term.iter().enumerate() {
            let var = protocol.variable(name).expect("validated");
            let own: Vec<String> =
                match &columns.iter().find(|(n, _)| *n == name.as_str()).unwrap().1 {
                    Column::Numbers(_) => vec![var.heading()],
                    Column::Levels {
                        levels, reference, ..
                    } => levels
                        .iter()
                        .enumerate()
                        .filter(|(l, _)| l != reference)
                        .map(|(_, level)| format!("{}: {}", var.label, protocol.level_label(level)))
                        .collect(),
                };
            let mut next = Vec::new();
            for o in &own {
                for l in &labels {
                    next.push(if vi == 0 {
                        o.clone()
                    } else {
                        format!("{l} × {o}")
                    });
                }
            }
            labels = next;
        }
        out.extend(labels);
    }
    out
}

#[allow(clippy::too_many_arguments)]
pub(super) fn regression(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    outcome: &str,
    predictors: &[String],
    within: Option<&str>,
    rows: Rows,
    model: RegressionModel,
    reference: &BTreeMap<String, String>,
    se: Covariance,
    diagnostics: bool,
    event: Option<&str>,
    log_x: bool,
    figures: &mut Vec<FigureInfo>,
    progress: &mut dyn FnMut(&str),
) -> Result<ReportTable, StudyError> {
    let protocol = cohort.protocol;
    let keep = cohort.table_rows(within, rows);
    let written: Vec<&str> = predictors.iter().map(String::as_str).collect();
    let terms = parse_terms(&written).map_err(|e| cohort.err(e.to_string()))?;
    let mut names: Vec<&str> = Vec::new();
    for t in &terms {
        for v in t {
            if !names.contains(&v.as_str()) {
                names.push(v.as_str());
            }
        }
    }
    let mut columns: Vec<(&str, Column)> = Vec::new();
    for name in &names {
        let var = protocol.variable(name).expect("validated");
        let column = match &var.levels {
            None => Column::Numbers(gather(&cohort.numbers(name)?, &keep)),
            Some(levels) => {
                let cats = cohort.categories(name)?;
                let index: Vec<Option<usize>> = cats
                    .names
                    .iter()
                    .map(|n| levels.iter().position(|l| l == n))
                    .collect();
                let codes = keep
                    .iter()
                    .map(|&row| {
                        let code = cats.codes[row as usize];
                        if code == MISSING {
                            None
                        } else {
                            index[code as usize]
                        }
                    })
                    .collect();
                let reference = reference
                    .get(*name)
                    .and_then(|r| levels.iter().position(|l| l == r))
                    .unwrap_or(0);
                Column::Levels {
                    codes,
                    levels: levels.clone(),
                    reference,
                }
            }
        };
        columns.push((*name, column));
    }
    // The outcome: numbers, or for a logistic model a categorical outcome as 0/1.
    let outcome_var = protocol.variable(outcome).expect("validated");
    let mut notes = Vec::new();
    let mut problem: Option<String> = None;
    let y: Vec<f64> = match (&outcome_var.levels, event) {
        (Some(levels), Some(event)) => {
            let cats = cohort.categories(outcome)?;
            let value: Vec<f64> = cats
                .names
                .iter()
                .map(|n| {
                    if n.as_str() == event {
                        1.0
                    } else if levels.contains(n) {
                        0.0
                    } else {
                        f64::NAN
                    }
                })
                .collect();
            keep.iter()
                .map(|&row| {
                    let code = cats.codes[row as usize];
                    if code == MISSING {
                        f64::NAN
                    } else {
                        value[code as usize]
                    }
                })
                .collect()
        }
        _ => {
            let y = gather(&cohort.numbers(outcome)?, &keep);
            if model == RegressionModel::Logistic {
                if let Some(i) = y.iter().position(|v| !v.is_nan() && *v != 0.0 && *v != 1.0) {
                    problem = Some(format!(
                        "{}, column {outcome:?}: value {} is not 0 or 1 (a logistic model's \
                         numeric outcome is 1 for the event, 0 otherwise)",
                        cohort.data.row_name(keep[i] as usize),
                        y[i]
                    ));
                }
            }
            y
        }
    };
    // Listwise deletion, so that β's SDs are those of the rows used.
    let complete: Vec<usize> = (0..y.len())
        .filter(|&i| {
            !y[i].is_nan()
                && columns.iter().all(|(_, c)| match c {
                    Column::Numbers(x) => !x[i].is_nan(),
                    Column::Levels { codes, .. } => codes[i].is_some(),
                })
        })
        .collect();
    let yc: Vec<f64> = complete.iter().map(|&i| y[i]).collect();
    let reduced: Vec<(&str, Column)> = columns
        .iter()
        .map(|(name, c)| {
            (
                *name,
                match c {
                    Column::Numbers(x) => Column::Numbers(complete.iter().map(|&i| x[i]).collect()),
                    Column::Levels {
                        codes,
                        levels,
                        reference,
                    } => Column::Levels {
                        codes: complete.iter().map(|&i| codes[i]).collect(),
                        levels: levels.clone(),
                        reference: *reference,
                    },
                },
            )
        })
        .collect();
    // Free the gathered rows as soon as the complete ones are copied (at 10^7 rows each
    // column is tens of megabytes): only names and levels are read from `columns` below.
    let dropped = y.len() - complete.len();
    drop((y, complete));
    for (_, c) in &mut columns {
        if let Column::Numbers(x) = c {
            *x = Vec::new();
        }
    }
    // A level without complete rows has no estimate (R reports NA): name it.
    for (name, c) in &reduced {
        if let Column::Levels { codes, levels, .. } = c {
            if let Some(l) = (0..levels.len()).find(|l| !codes.contains(&Some(*l))) {
                problem.get_or_insert(format!(
                    "level {:?} of {name:?} has no complete row, so its coefficient cannot be \
                     estimated; leave it out of the variable's levels or merge it with another",
                    levels[l]
                ));
            }
        }
    }
    let vars: Vec<(&str, neuronutri_stats::design::Variable<'_>)> = reduced
        .iter()
        .map(|(name, c)| {
            (
                *name,
                match c {
                    Column::Numbers(x) => neuronutri_stats::design::Variable::Numeric(x),
                    Column::Levels {
                        codes,
                        levels,
                        reference,
                    } => neuronutri_stats::design::Variable::Factor {
                        codes,
                        levels,
                        reference: *reference,
                    },
                },
            )
        })
        .collect();
    let design: Vec<DesignColumn> = match problem {
        Some(_) => Vec::new(),
        None => match model_matrix(&terms, &vars) {
            Ok(d) => d,
            Err(e) => {
                problem = Some(e.to_string());
                Vec::new()
            }
        },
    };
    drop(vars);
    drop(reduced);
    let labels = column_labels(protocol, &terms, &columns);
    let plain = design.iter().all(|c| c.plain_numeric);
    let mut figure_ids = Vec::new();
    let outcome_label = outcome_var.heading();
    let coding_note = coding_note(protocol, &terms, &columns);
    let (header, printed, results) = match model {
        RegressionModel::Linear => linear(
            &LinearInput {
                spec,
                protocol,
                outcome,
                outcome_label: &outcome_label,
                yc: &yc,
                design: &design,
                labels: &labels,
                plain,
                se,
                diagnostics,
                dropped,
                within,
                problem,
            },
            &mut notes,
            figures,
            &mut figure_ids,
        ),
        RegressionModel::Logistic => logistic_table(
            spec,
            outcome,
            &outcome_label,
            event,
            &yc,
            &design,
            &labels,
            dropped,
            within,
            problem,
            log_x,
            protocol.conf_level,
            &mut notes,
            figures,
            &mut figure_ids,
        ),
    };
    if let Some(n) = coding_note {
        notes.push(n);
    }
    progress(&format!("{}: coefficient plot", spec.id));
    if model == RegressionModel::Linear && diagnostics {
        progress(&format!("{}: residual plots", spec.id));
    }
    rows_note(protocol, within, rows, keep.len(), &mut notes);
    Ok(ReportTable {
        id: spec.id.clone(),
        title: spec.title.clone(),
        header,
        rows: printed,
        notes,
        results,
        figures: figure_ids,
    })
}

/// The dummy coding, said once under the table (only when a categorical predictor is used).
fn coding_note(protocol: &Protocol, terms: &[Term], columns: &[(&str, Column)]) -> Option<String> {
    let mut parts = Vec::new();
    for (name, c) in columns {
        if let Column::Levels {
            levels, reference, ..
        } = c
        {
            let var = protocol.variable(name).expect("validated");
            let dummies: Vec<String> = levels
                .iter()
                .enumerate()
                .filter(|(l, _)| l != reference)
                .map(|(_, level)| format!("{name}{level}"))
                .collect();
            parts.push(format!(
                "{} (reference {}): {}",
                var.label,
                protocol.level_label(&levels[*reference]),
                dummies.join(", ")
            ));
        }
    }
    let interactions = terms.iter().any(|t| t.len() > 1);
    if parts.is_empty() && !interactions {
        return None;
    }
    let mut note = String::new();
    if !parts.is_empty() {
        note.push_str(&format!(
            "Categorical predictors in treatment (dummy) coding, as R's lm and glm: each \
             column is 1 for its level and 0 otherwise, so each row compares a level with the \
             reference: {}.",
            parts.join("; ")
        ));
    }
    if interactions {
        if !note.is_empty() {
            note.push(' ');
        }
        note.push_str(
            "Rows with × are interactions (the product of the columns): the change in a \
             variable's coefficient for one unit (or the level) of the other.",
        );
    }
    Some(note)
}

struct LinearInput<'a> {
    spec: &'a crate::protocol::TableSpec,
    protocol: &'a Protocol,
    outcome: &'a str,
    outcome_label: &'a str,
    yc: &'a [f64],
    design: &'a [DesignColumn],
    labels: &'a [String],
    plain: bool,
    se: Covariance,
    diagnostics: bool,
    dropped: usize,
    within: Option<&'a str>,
    problem: Option<String>,
}

fn linear(
    input: &LinearInput,
    notes: &mut Vec<String>,
    figures: &mut Vec<FigureInfo>,
    figure_ids: &mut Vec<String>,
) -> (Vec<String>, Vec<Vec<String>>, Results) {
    let LinearInput {
        spec,
        protocol,
        outcome,
        outcome_label,
        yc,
        design,
        labels,
        plain,
        se,
        diagnostics,
        dropped,
        within,
        ..
    } = *input;
    let hc3 = se == Covariance::Hc3;
    let level = super::level_percent(protocol.conf_level);
    let header = vec![
        "Predictor".to_string(),
        "b".into(),
        if hc3 { "SE (HC3)".into() } else { "SE".into() },
        format!("{level}% CI"),
        "β".into(),
        format!("β {level}% CI"),
        "t".into(),
        "p".into(),
        "sr² (%)".into(),
        "LMG (%)".into(),
        "VIF".into(),
    ];
    let named: Vec<(&str, &[f64])> = design
        .iter()
        .map(|c| (c.name.as_str(), c.values.as_slice()))
        .collect();
    let fitted = match &input.problem {
        Some(p) => Err(p.clone()),
        None => ols_with(
            yc,
            &named,
            &OlsOptions {
                covariance: se,
                diagnostics,
            },
        )
        .map_err(|e| e.to_string()),
    };
    let mut diag = None;
    let (fit, error) = match fitted {
        Ok(mut r) => {
            diag = r.diagnostics.take();
            let q = t_quantile(1.0 - (1.0 - protocol.conf_level) / 2.0, r.df_resid as f64);
            let sd_y = neuronutri_stats::descriptive::sd(yc).unwrap_or(f64::NAN);
            let coefficients = r
                .coefficients
                .iter()
                .enumerate()
                .map(|(j, c)| {
                    let ci = (c.estimate - q * c.std_error, c.estimate + q * c.std_error);
                    let own = j > 0 && design[j - 1].plain_numeric;
                    let beta_ci = own
                        .then(|| neuronutri_stats::descriptive::sd(&design[j - 1].values).ok())
                        .flatten()
                        .map(|sd_x| (ci.0 * sd_x / sd_y, ci.1 * sd_x / sd_y));
                    CoefficientRow {
                        name: c.name.clone(),
                        estimate: c.estimate,
                        std_error: c.std_error,
                        ci,
                        beta: if own { c.beta } else { None },
                        beta_ci,
                        t: c.t,
                        p_value: c.p_value,
                        sr2: c.sr2,
                        lmg: if plain { c.lmg } else { None },
                        vif: c.vif,
                    }
                })
                .collect();
            (
                Some(RegressionFit {
                    outcome: outcome.to_owned(),
                    n: r.n,
                    dropped,
                    r_squared: r.r_squared,
                    adj_r_squared: r.adj_r_squared,
                    f: r.f,
                    df_model: design.len(),
                    df_resid: r.df_resid,
                    f_p_value: r.f_p_value,
                    coefficients,
                    covariance: hc3.then_some("HC3"),
                }),
                None,
            )
        }
        Err(e) => (None, Some(e)),
    };
    let mut rows = Vec::new();
    if let Some(fit) = &fit {
        for (j, c) in fit.coefficients.iter().enumerate() {
            let label = if j == 0 {
                c.name.clone()
            } else {
                labels[j - 1].clone()
            };
            let opt = |x: Option<f64>, d: usize| x.map_or(String::new(), |x| fixed(x, d));
            let (db, de) = (crate::format::decimals().b, effect_decimals());
            rows.push(vec![
                label,
                fixed(c.estimate, db),
                fixed(c.std_error, db),
                format!("{}; {}", fixed(c.ci.0, db), fixed(c.ci.1, db)),
                opt(c.beta, de),
                c.beta_ci.map_or(String::new(), |(a, b)| {
                    format!("{}; {}", fixed(a, de), fixed(b, de))
                }),
                fixed(c.t, stat(2)),
                p_text(c.p_value),
                opt(c.sr2.map(|x| 100.0 * x), 1),
                opt(c.lmg.map(|x| 100.0 * x), 1),
                opt(c.vif, 2),
            ]);
        }
        notes.push(format!(
            "Outcome: {outcome_label}. n = {}{}; R² = {}, adjusted R² = {}, F({}, {}) = {}, p {}.",
            fit.n,
            if fit.dropped > 0 {
                format!(" ({} rows with a missing value left out)", fit.dropped)
            } else {
                String::new()
            },
            fixed(fit.r_squared, 3),
            fixed(fit.adj_r_squared, 3),
            fit.df_model,
            fit.df_resid,
            fixed(fit.f, stat(2)),
            super::p_phrase(fit.f_p_value)
        ));
        if hc3 {
            notes.push(format!(
                "Standard errors, {level}% CIs, t and p are HC3 (heteroskedasticity-consistent, \
                 MacKinnon–White; as R's sandwich::vcovHC(fit, type = \"HC3\") with \
                 lmtest::coeftest), t on the residual degrees of freedom; R², F and sr² are \
                 the classical ones."
            ));
        }
        if !plain {
            notes.push(
                "β (and its CI) is shown for numeric predictors only, and LMG for models of \
                 numeric predictors only: a dummy or interaction column has no standard \
                 deviation of a variable of its own, and a categorical predictor's columns \
                 belong together. VIF is per column."
                    .into(),
            );
        }
        if plain {
            let labels: Vec<String> = fit.coefficients[1..]
                .iter()
                .map(|c| {
                    protocol
                        .variable(&c.name)
                        .map_or(c.name.clone(), |v| v.label.clone())
                })
                .collect();
            let id = format!("{}-coefficients", spec.id);
            let title = format!("{}: standardized coefficients (β, {level}% CI)", spec.title);
            let figure = plot::coefficient_plot(&plot::CoefficientPlot {
                title: &title,
                x_label: &format!("β (standardized), {level}% CI"),
                rows: fit.coefficients[1..]
                    .iter()
                    .zip(&labels)
                    .map(|(c, l)| {
                        let (lo, hi) = c.beta_ci.unwrap_or((f64::NAN, f64::NAN));
                        (l.as_str(), c.beta.unwrap_or(f64::NAN), lo, hi)
                    })
                    .collect(),
            });
            push_figure(figures, figure_ids, notes, id, title, figure);
        } else {
            let id = format!("{}-coefficients", spec.id);
            let title = format!("{}: coefficients (b, {level}% CI)", spec.title);
            let figure = plot::coefficient_plot(&plot::CoefficientPlot {
                title: &title,
                x_label: &format!(
                    "b (in the outcome's units per unit or vs the reference), {level}% CI"
                ),
                rows: fit.coefficients[1..]
                    .iter()
                    .zip(labels)
                    .map(|(c, l)| (l.as_str(), c.estimate, c.ci.0, c.ci.1))
                    .collect(),
            });
            push_figure(figures, figure_ids, notes, id, title, figure);
        }
        if let Some(d) = &diag {
            diagnostic_figures(spec, d, notes, figures, figure_ids);
        }
    } else if let Some(e) = &error {
        notes.push(format!("No regression: {e}"));
    }
    let results = Results::Regression {
        within: within.map(str::to_owned),
        fit,
        error,
        logistic: None,
    };
    (header, rows, results)
}

/// R's `ppoints(n)`: the plotting positions of a normal Q–Q plot.
fn ppoints(n: usize) -> impl Iterator<Item = f64> {
    let a = if n <= 10 { 3.0 / 8.0 } else { 0.5 };
    (1..=n).map(move |i| (i as f64 - a) / (n as f64 + 1.0 - 2.0 * a))
}

/// The residual-vs-fitted and normal Q–Q plots of `plot(lm)` (which = 1, 2).
fn diagnostic_figures(
    spec: &crate::protocol::TableSpec,
    d: &neuronutri_stats::ols::Diagnostics,
    notes: &mut Vec<String>,
    figures: &mut Vec<FigureInfo>,
    figure_ids: &mut Vec<String>,
) {
    let id = format!("{}-residuals", spec.id);
    let title = format!("{}: residuals vs fitted values", spec.title);
    let figure = plot::scatter(&plot::Scatter {
        title: &title,
        x_label: "Fitted value",
        y_label: "Residual",
        x: &d.fitted,
        y: &d.residuals,
        fit: Some((0.0, 0.0)),
        annotation: Some("A pattern or a funnel suggests a missing term or unequal variance"),
    });
    push_figure(figures, figure_ids, notes, id, title, figure);
    let mut st: Vec<f64> = d.standardized.iter().flatten().copied().collect();
    st.sort_by(f64::total_cmp);
    let theoretical: Vec<f64> = ppoints(st.len()).map(normal_quantile).collect();
    let id = format!("{}-qq", spec.id);
    let title = format!(
        "{}: normal Q–Q plot of the standardized residuals",
        spec.title
    );
    let figure = plot::scatter(&plot::Scatter {
        title: &title,
        x_label: "Theoretical quantile (normal)",
        y_label: "Standardized residual",
        x: &theoretical,
        y: &st,
        fit: Some((0.0, 1.0)),
        annotation: Some("Points near the line y = x: residuals close to normal"),
    });
    push_figure(figures, figure_ids, notes, id, title, figure);
    let left_out = d.standardized.len() - st.len();
    notes.push(format!(
        "Diagnostics (as R's plot(lm), panels 1 and 2): residuals against fitted values, and \
         the standardized residuals e / (σ √(1 − h)) against normal quantiles at R's \
         ppoints{}.",
        if left_out > 0 {
            format!(
                "; {left_out} rows of leverage 1 have no standardized residual and are not \
                 drawn"
            )
        } else {
            String::new()
        }
    ));
}

/// exp(x), or `None` when it does not fit in a double.
fn exp_finite(x: f64) -> Option<f64> {
    let e = x.exp();
    (e.is_finite() && e > 0.0).then_some(e)
}

#[allow(clippy::too_many_arguments)]
fn logistic_table(
    spec: &crate::protocol::TableSpec,
    outcome: &str,
    outcome_label: &str,
    event: Option<&str>,
    yc: &[f64],
    design: &[DesignColumn],
    labels: &[String],
    dropped: usize,
    within: Option<&str>,
    problem: Option<String>,
    log_x: bool,
    conf_level: f64,
    notes: &mut Vec<String>,
    figures: &mut Vec<FigureInfo>,
    figure_ids: &mut Vec<String>,
) -> (Vec<String>, Vec<Vec<String>>, Results) {
    let level = super::level_percent(conf_level);
    let header = vec![
        "Predictor".to_string(),
        "b".into(),
        "SE".into(),
        "z".into(),
        "p".into(),
        "OR".into(),
        format!("OR {level}% CI (Wald)"),
        format!("OR {level}% CI (profile)"),
    ];
    let named: Vec<(&str, &[f64])> = design
        .iter()
        .map(|c| (c.name.as_str(), c.values.as_slice()))
        .collect();
    let fitted = match problem {
        Some(p) => Err(p),
        None => logistic(
            yc,
            &named,
            &LogisticOptions {
                level: conf_level,
                ..LogisticOptions::default()
            },
        )
        .map_err(|e| e.to_string()),
    };
    let (fit, error) = match fitted {
        Ok(r) => {
            let mut coefficients = Vec::new();
            let mut bad = None;
            for c in &r.coefficients {
                let (lo, hi) = c.profile_ci.unwrap_or((None, None));
                let wald = (exp_finite(c.wald_ci.0), exp_finite(c.wald_ci.1));
                match (exp_finite(c.estimate), wald) {
                    (Some(or), (Some(wl), Some(wh))) => coefficients.push(LogisticRow {
                        name: c.name.clone(),
                        estimate: c.estimate,
                        std_error: c.std_error,
                        z: c.z,
                        p_value: c.p_value,
                        odds_ratio: or,
                        or_wald_ci: (wl, wh),
                        or_profile_ci: (lo.and_then(exp_finite), hi.and_then(exp_finite)),
                    }),
                    _ => {
                        bad = Some(format!(
                            "the odds ratio of {} (or its Wald interval) does not fit in \
                             double precision (b = {})",
                            c.name, c.estimate
                        ));
                        break;
                    }
                }
            }
            match bad {
                Some(e) => (None, Some(e)),
                None => (
                    Some(LogisticFit {
                        outcome: outcome.to_owned(),
                        event: event.map(str::to_owned),
                        n: r.n,
                        events: r.events,
                        dropped,
                        deviance: r.deviance,
                        df_resid: r.df_resid,
                        null_deviance: r.null_deviance,
                        aic: r.aic,
                        lr_chi2: r.lr_chi2,
                        lr_df: design.len(),
                        lr_p_value: r.lr_p_value,
                        iterations: r.iterations,
                        coefficients,
                    }),
                    None,
                ),
            }
        }
        Err(e) => (None, Some(e)),
    };
    let mut rows = Vec::new();
    if let Some(fit) = &fit {
        let interval = |lo: Option<f64>, hi: Option<f64>| {
            let d = crate::format::decimals().or;
            let end = |v: Option<f64>| v.map_or(DASH.to_owned(), |v| fixed(v, d));
            format!("{}; {}", end(lo), end(hi))
        };
        let mut open_ends = false;
        for (j, c) in fit.coefficients.iter().enumerate() {
            let label = if j == 0 {
                c.name.clone()
            } else {
                labels[j - 1].clone()
            };
            open_ends |= c.or_profile_ci.0.is_none() || c.or_profile_ci.1.is_none();
            rows.push(vec![
                label,
                fixed(c.estimate, crate::format::decimals().b),
                fixed(c.std_error, crate::format::decimals().b),
                fixed(c.z, stat(2)),
                p_text(c.p_value),
                fixed(c.odds_ratio, crate::format::decimals().or),
                interval(Some(c.or_wald_ci.0), Some(c.or_wald_ci.1)),
                interval(c.or_profile_ci.0, c.or_profile_ci.1),
            ]);
        }
        notes.push(format!(
            "Outcome: {outcome_label}{}. n = {} ({} events){}; residual deviance {} on {} df, \
             null deviance {} on {} df; AIC = {}; likelihood-ratio χ²({}) = {}, p {}.",
            event.map_or(" (1 = event)".to_owned(), |e| format!(" ({e} = event)")),
            fit.n,
            fit.events,
            if fit.dropped > 0 {
                format!(", {} rows with a missing value left out", fit.dropped)
            } else {
                String::new()
            },
            fixed(fit.deviance, 2),
            fit.df_resid,
            fixed(fit.null_deviance, 2),
            fit.n - 1,
            fixed(fit.aic, 2),
            fit.lr_df,
            fixed(fit.lr_chi2, stat(2)),
            super::p_phrase(fit.lr_p_value)
        ));
        let z = super::z_text(conf_level);
        notes.push(format!(
            "Logistic regression (maximum likelihood, as R's glm(family = binomial)): b is the \
             log odds ratio, OR = exp(b); z and p are Wald's; Wald CI exp(b ± {z}·SE); \
             profile-likelihood CI as R's confint(): the values of the coefficient where the \
             deviance, the other coefficients refitted, rises by {z}²."
        ));
        if open_ends {
            notes.push(
                "—: the profile deviance does not rise far enough on that side (the \
                 likelihood is nearly flat there, as near separation); R's confint() gives \
                 NA."
                .into(),
            );
        }
        let id = format!("{}-coefficients", spec.id);
        // log odds on a linear axis, or (log_x) odds ratios on a log axis: the same picture
        let title = if log_x {
            format!("{}: odds ratios (OR, {level}% profile CI)", spec.title)
        } else {
            format!("{}: log odds ratios (b, {level}% profile CI)", spec.title)
        };
        let rows: Vec<(&str, f64, f64, f64)> = fit.coefficients[1..]
            .iter()
            .zip(labels)
            .map(|(c, l)| {
                let (lo, hi) = match c.or_profile_ci {
                    (Some(lo), Some(hi)) => (lo, hi),
                    _ => c.or_wald_ci,
                };
                if log_x {
                    (l.as_str(), c.odds_ratio, lo, hi)
                } else {
                    (l.as_str(), c.estimate, lo.ln(), hi.ln())
                }
            })
            .collect();
        let figure = if log_x {
            plot::ratio_plot(&plot::CoefficientPlot {
                title: &title,
                x_label: &format!("odds ratio (log scale), {level}% profile-likelihood CI"),
                rows,
            })
        } else {
            plot::coefficient_plot(&plot::CoefficientPlot {
                title: &title,
                x_label: &format!("log odds ratio b (0 = OR 1), {level}% profile-likelihood CI"),
                rows,
            })
        };
        push_figure(figures, figure_ids, notes, id, title, figure);
    } else if let Some(e) = &error {
        notes.push(format!("No regression: {e}"));
    }
    let results = Results::Regression {
        within: within.map(str::to_owned),
        fit: None,
        error,
        logistic: fit.map(Box::new),
    };
    (header, rows, results)
}

/// The methods of the regression options, only when the protocol uses them (so the methods
/// of a report with numeric predictors only read as before).
pub(super) fn regression_methods(protocol: &Protocol) -> Vec<String> {
    let mut factors = false;
    let mut interactions = false;
    let mut hc3 = false;
    let mut logistic = false;
    let mut diagnostics = false;
    for t in &protocol.tables {
        if let Analysis::Regression {
            predictors,
            model,
            se,
            diagnostics: d,
            ..
        } = &t.analysis
        {
            let written: Vec<&str> = predictors.iter().map(String::as_str).collect();
            let terms = parse_terms(&written).unwrap_or_default();
            factors |= terms
                .iter()
                .flatten()
                .any(|v| protocol.variable(v).is_some_and(|v| v.levels.is_some()));
            interactions |= terms.iter().any(|t| t.len() > 1);
            hc3 |= *se == Covariance::Hc3;
            logistic |= *model == RegressionModel::Logistic;
            diagnostics |= *d;
        }
    }
    let mut out = Vec::new();
    if factors || interactions {
        out.push(
            "Regression terms as R writes them: a categorical predictor enters in treatment \
             (dummy) coding against its reference level (the protocol's, else the first \
             level), one column per other level; a:b is the product of the columns of a and \
             b, and a*b stands for a + b + a:b; main effects come first, as in R's model \
             matrix."
                .into(),
        );
    }
    if hc3 {
        out.push(
            "HC3 standard errors: (XᵀX)⁻¹ Xᵀ diag(eᵢ² / (1 − hᵢ)²) X (XᵀX)⁻¹ (MacKinnon and \
             White 1985; R's sandwich::vcovHC type \"HC3\"), with t on the residual degrees \
             of freedom."
                .into(),
        );
    }
    if diagnostics {
        out.push(
            "Regression diagnostics: residuals against fitted values and a normal Q–Q plot of \
             the standardized residuals eᵢ / (σ √(1 − hᵢ)) (R's rstandard and plot.lm)."
                .into(),
        );
    }
    if logistic {
        out.push(format!(
            "Logistic regression: maximum likelihood by Fisher scoring (R's glm, binomial \
             family, logit link), listwise deletion; Wald z tests; {} % CIs of the odds ratios \
             by Wald and by profile likelihood (R's confint()); a model whose predictors \
             separate the outcome (fitted probabilities of 0 or 1) is reported as not \
             estimable: its maximum-likelihood odds ratios do not exist.",
            super::level_percent(protocol.conf_level)
        ));
    }
    out
}
