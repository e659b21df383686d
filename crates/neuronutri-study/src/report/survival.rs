//! The survival tables of the study report (issue 13 item 4): a `survival` table gives the
//! Kaplan–Meier estimate per group (n, events, median survival with its CI at the protocol's
//! `conf_level`, as R's `print(survfit(...))`), the log-rank test of the groups
//! (`survdiff`), the number at risk and survival at chosen times (`summary(fit, times =
//! ...)`), a Kaplan–Meier plot with the risk table under it, and, when it names predictors,
//! a Cox model (`coxph`, Efron ties; a categorical predictor in treatment coding against the
//! protocol's `reference` level) with hazard ratios and the Schoenfeld-residual test of
//! proportional hazards (`cox.zph`).
//!
//! The event comes from the `status` column: numbers 0/1 (1 = event), a number stated as the
//! event value (`event = "2"`: that value is the event, the one other value censored), or a
//! categorical variable of two levels whose `event` level is the event (default: the second).

use super::regression::{column_labels, Column};
use super::*;
use neuronutri_stats::design::{model_matrix, parse_terms, DesignColumn};
use neuronutri_stats::survival::cox::{cox, ChiTest, CoxCoefficient};
use neuronutri_stats::survival::{kaplan_meier, log_rank, KaplanMeier, LogRank, RiskRow};
use std::collections::BTreeMap;

/// One group's Kaplan–Meier estimate.
#[derive(Debug, Clone, Serialize)]
pub struct SurvivalGroup {
    /// Level of the grouping column.
    pub name: String,
    /// Label for people.
    pub label: String,
    /// The estimate (curve, median and its CI), when it could be computed.
    pub km: Option<KaplanMeier>,
    /// Why it could not.
    pub error: Option<String>,
}

/// One group's rows of a risk table.
#[derive(Debug, Clone, Serialize)]
pub struct RiskGroup {
    /// Level of the grouping column.
    pub group: String,
    /// Number at risk and survival at each time.
    pub rows: Vec<RiskRow>,
}

/// A Cox model's fit.
#[derive(Debug, Clone, Serialize)]
pub struct CoxFit {
    /// Subjects used (no missing value).
    pub n: usize,
    /// Events among them.
    pub events: usize,
    /// Rows of the groups left out for a missing value.
    pub dropped: usize,
    /// The design's columns, as R names them, with b, SE, z, p, HR and its CI at `conf_level`.
    pub coefficients: Vec<CoxCoefficient>,
    /// Log partial likelihood at β = 0 and at the estimate.
    pub loglik: (f64, f64),
    /// Likelihood-ratio test.
    pub lr: ChiTest,
    /// Wald test.
    pub wald: ChiTest,
    /// Score (log-rank) test.
    pub score: ChiTest,
    /// Newton–Raphson steps.
    pub iterations: usize,
}

/// How the event is read from the status column.
enum EventCode<'a> {
    /// Numbers 0/1.
    ZeroOne,
    /// A stated number is the event.
    Value(f64),
    /// A level of a categorical status is the event.
    Level(&'a str),
}

/// The event of each of `rows` (1 / 0 / NaN = missing), or a message naming the first row
/// that is neither.
fn events(
    cohort: &Cohort,
    status: &str,
    event: Option<&str>,
    rows: &[u32],
) -> Result<Result<Vec<f64>, String>, StudyError> {
    let protocol = cohort.protocol;
    let var = protocol.variable(status).expect("validated");
    let code = match (&var.levels, event) {
        (Some(levels), e) => EventCode::Level(e.unwrap_or(levels[1].as_str())),
        (None, None) => EventCode::ZeroOne,
        (None, Some(e)) => EventCode::Value(e.parse().expect("validated")),
    };
    let row_name = |r: u32| cohort.data.row_name(r as usize);
    Ok(match code {
        EventCode::Level(level) => {
            let cats = cohort.categories(status)?;
            let value: Vec<f64> = cats
                .names
                .iter()
                .map(|n| if n == level { 1.0 } else { 0.0 })
                .collect();
            Ok(rows
                .iter()
                .map(|&r| match cats.codes[r as usize] {
                    MISSING => f64::NAN,
                    c => value[c as usize],
                })
                .collect())
        }
        EventCode::ZeroOne => {
            let v = gather(&cohort.numbers(status)?, rows);
            match v.iter().position(|x| !x.is_nan() && *x != 0.0 && *x != 1.0) {
                Some(i) => Err(format!(
                    "{}, column {status:?}: value {} is not 0 or 1 (1 = event, 0 = censored; \
                     name the event value with event = \"...\" when the column codes it \
                     otherwise)",
                    row_name(rows[i]),
                    neuronutri_stats::short_number(v[i])
                )),
                None => Ok(v),
            }
        }
        EventCode::Value(e) => {
            let v = gather(&cohort.numbers(status)?, rows);
            let mut other: Option<f64> = None;
            let mut out = Vec::with_capacity(v.len());
            let mut bad = None;
            for (i, &x) in v.iter().enumerate() {
                if x.is_nan() {
                    out.push(f64::NAN);
                } else if x == e {
                    out.push(1.0);
                } else {
                    match other {
                        Some(o) if o != x => {
                            bad.get_or_insert(format!(
                                "{}, column {status:?}: value {} is neither the event value {} \
                                 nor the censoring value {} seen before (the status column \
                                 must hold two values)",
                                row_name(rows[i]),
                                neuronutri_stats::short_number(x),
                                neuronutri_stats::short_number(e),
                                neuronutri_stats::short_number(o)
                            ));
                        }
                        _ => other = Some(x),
                    }
                    out.push(0.0);
                }
            }
            match bad {
                Some(b) => Err(b),
                None => Ok(out),
            }
        }
    })
}

/// Round risk-table times when the protocol gives none: 0 and multiples of a 1, 2 or 5 × 10ᵏ
/// step, four to eight of them, up to the longest time.
fn default_times(longest: f64) -> Vec<f64> {
    if longest.is_nan() || longest <= 0.0 || !longest.is_finite() {
        return vec![0.0];
    }
    let raw = longest / 6.0;
    let unit = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * unit)
        .find(|&s| s >= raw)
        .unwrap_or(10.0 * unit);
    let count = (longest / step).floor() as usize;
    (0..=count.min(10)).map(|k| k as f64 * step).collect()
}

/// Prints a number of the time column with at most its variable's decimals.
fn time_text(t: f64, decimals: usize) -> String {
    let s = fixed(t, decimals);
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// Everything a `survival` table of the protocol asks for.
pub(super) struct SurvivalSpec<'a> {
    pub time: &'a str,
    pub status: &'a str,
    pub event: Option<&'a str>,
    pub grouping: &'a Grouping,
    pub predictors: &'a [String],
    pub reference: &'a BTreeMap<String, String>,
    pub risk_times: Option<&'a [f64]>,
}

/// The survival table, its risk table and, with predictors, the Cox and proportional-hazards
/// tables.
pub(super) fn survival(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    s: &SurvivalSpec,
    figures: &mut Vec<FigureInfo>,
    progress: &mut dyn FnMut(&str),
) -> Result<Vec<ReportTable>, StudyError> {
    let protocol = cohort.protocol;
    let split = cohort.split(s.grouping)?;
    let infos = cohort.group_infos(s.grouping, &split);
    let mut rows_all: Vec<u32> = split.iter().flatten().copied().collect();
    rows_all.sort_unstable();
    let time_var = protocol.variable(s.time).expect("validated");
    let times_all = cohort.numbers(s.time)?;
    let decimals = decimals_for(time_var, &gather(&times_all, &rows_all));
    let unit = time_var.unit.clone();
    let mut notes = Vec::new();
    let mut problem: Option<String> = None;
    if let Some(&r) = rows_all
        .iter()
        .find(|&&r| times_all[r as usize] < 0.0 || times_all[r as usize].is_infinite())
    {
        problem = Some(format!(
            "{}, column {:?}: time {} is negative or infinite (times are finite, 0 or more)",
            cohort.data.row_name(r as usize),
            s.time,
            neuronutri_stats::short_number(times_all[r as usize])
        ));
    }
    let ev_all = match events(cohort, s.status, s.event, &rows_all)? {
        Ok(v) => v,
        Err(e) => {
            problem.get_or_insert(e);
            vec![f64::NAN; rows_all.len()]
        }
    };
    let position: BTreeMap<u32, usize> =
        rows_all.iter().enumerate().map(|(i, &r)| (r, i)).collect();
    let per_group = |rows: &[u32]| -> (Vec<f64>, Vec<f64>) {
        (
            gather(&times_all, rows),
            rows.iter().map(|r| ev_all[position[r]]).collect(),
        )
    };
    let complete = |i: usize| !times_all[rows_all[i] as usize].is_nan() && !ev_all[i].is_nan();
    let dropped = (0..rows_all.len()).filter(|&i| !complete(i)).count();

    // Kaplan–Meier per group.
    let mut groups = Vec::new();
    for (info, rows) in infos.iter().zip(split.iter()) {
        let (t, e) = per_group(rows);
        let (km, error) = match &problem {
            Some(p) => (None, Some(p.clone())),
            None => match kaplan_meier(&t, &e, protocol.conf_level) {
                Ok(k) => (Some(k), None),
                Err(err) => (None, Some(err.to_string())),
            },
        };
        groups.push(SurvivalGroup {
            name: info.name.clone(),
            label: info.label.clone(),
            km,
            error,
        });
    }
    // Log-rank over the groups.
    let (log_rank_result, log_rank_error) = match &problem {
        Some(p) => (None, Some(p.clone())),
        None => {
            let mut t = Vec::new();
            let mut e = Vec::new();
            let mut codes = Vec::new();
            for (g, rows) in split.iter().enumerate() {
                let (tg, eg) = per_group(rows);
                codes.extend(std::iter::repeat_n(Some(g), tg.len()));
                t.extend(tg);
                e.extend(eg);
            }
            match log_rank(&t, &e, &codes, &s.grouping.levels) {
                Ok(r) => (Some(r), None),
                Err(err) => (None, Some(err.to_string())),
            }
        }
    };
    let unit_suffix = unit.as_deref().map_or(String::new(), |u| format!(", {u}"));
    let level = super::level_percent(protocol.conf_level);
    let header = vec![
        "Group".to_string(),
        "n".into(),
        "Events".into(),
        format!("Median survival{unit_suffix} ({level}% CI)"),
        "Observed".into(),
        "Expected".into(),
        "(O − E)²/V".into(),
    ];
    let end = |v: Option<f64>| v.map_or(DASH.to_owned(), |v| time_text(v, decimals));
    let mut rows = Vec::new();
    let mut open_median = false;
    for (i, g) in groups.iter().enumerate() {
        let lr = log_rank_result.as_ref().map(|l: &LogRank| &l.groups[i]);
        let lr_cells = match lr {
            Some(l) => vec![
                l.observed.to_string(),
                fixed(l.expected, 1),
                l.chi2_v.map_or(DASH.to_owned(), |v| fixed(v, stat(2))),
            ],
            None => vec![DASH.to_owned(); 3],
        };
        let mut row = vec![g.label.clone()];
        match &g.km {
            Some(km) => {
                open_median |= km.median.is_none() || km.median_ci.1.is_none();
                row.extend([
                    km.n.to_string(),
                    km.events.to_string(),
                    format!(
                        "{} ({}; {})",
                        end(km.median),
                        end(km.median_ci.0),
                        end(km.median_ci.1)
                    ),
                ]);
            }
            None => row.extend([infos[i].n.to_string(), DASH.into(), DASH.into()]),
        }
        row.extend(lr_cells);
        rows.push(row);
    }
    let status_var = protocol.variable(s.status).expect("validated");
    let event_text = match (&status_var.levels, s.event) {
        (Some(levels), e) => format!("{} = {}", status_var.label, e.unwrap_or(&levels[1])),
        (None, Some(e)) => format!("{} = {e}", status_var.label),
        (None, None) => format!("{} = 1", status_var.label),
    };
    notes.push(format!(
        "Time: {}; event: {event_text}, otherwise censored at that time{}.",
        time_var.heading(),
        if dropped > 0 {
            format!("; {dropped} rows with a missing time or status left out")
        } else {
            String::new()
        }
    ));
    match (&log_rank_result, &log_rank_error) {
        (Some(l), _) => notes.push(format!(
            "Log-rank test (R's survdiff): χ²({}) = {}, p {}.",
            l.df,
            fixed(l.chi2, stat(2)),
            p_phrase(l.p_value)
        )),
        (None, Some(e)) => notes.push(format!("No log-rank test: {e}")),
        _ => {}
    }
    for g in &groups {
        match &g.error {
            // The data problem is said once, with the log-rank test.
            Some(_) if problem.is_some() => {}
            Some(e) => notes.push(format!("No Kaplan–Meier estimate for {}: {e}", g.label)),
            None => {}
        }
    }
    notes.push(format!(
        "Kaplan–Meier estimate; median survival and its {level} % CI as R's print(survfit(...)): \
         the first time the curve (or the lower and upper pointwise bounds) reaches 0.5, the \
         bounds with Greenwood's variance on the log scale (survfit's default conf.type = \
         \"log\")."
    ));
    if open_median {
        notes.push(
            "—: not reached (the curve or its bound stays above 0.5 until the last time \
             observed); R prints NA."
                .into(),
        );
    }

    // The risk table.
    let longest = rows_all
        .iter()
        .map(|&r| times_all[r as usize])
        .filter(|t| t.is_finite())
        .fold(0.0f64, f64::max);
    let risk_times: Vec<f64> = match s.risk_times {
        Some(t) => t.to_vec(),
        None => default_times(longest),
    };
    let mut risk_groups = Vec::new();
    for g in &groups {
        if let Some(km) = &g.km {
            if let Ok(r) = km.risk_table(&risk_times) {
                risk_groups.push(RiskGroup {
                    group: g.name.clone(),
                    rows: r,
                });
            }
        }
    }
    let mut risk_header = vec!["Group".to_string(), String::new()];
    risk_header.extend(risk_times.iter().map(|&t| time_text(t, decimals)));
    risk_header[1] = format!("Time{unit_suffix}");
    let mut risk_rows = Vec::new();
    for rg in &risk_groups {
        let label = protocol.level_label(&rg.group).to_owned();
        let mut n = vec![label.clone(), "At risk".into()];
        n.extend(rg.rows.iter().map(|r| r.n_risk.to_string()));
        let mut sv = vec![label, format!("Survival, % ({level}% CI)")];
        sv.extend(rg.rows.iter().map(|r| {
            let d = pct_decimals();
            let pct = |v: Option<f64>| v.map_or(DASH.to_owned(), |v| fixed(100.0 * v, d));
            format!(
                "{} ({}; {})",
                fixed(100.0 * r.surv, d),
                pct(r.lower),
                pct(r.upper)
            )
        }));
        risk_rows.push(n);
        risk_rows.push(sv);
    }
    let risk_table = ReportTable {
        id: format!("{}-risk", spec.id),
        title: format!("{}: number at risk", spec.title),
        header: risk_header,
        rows: risk_rows,
        notes: vec![format!(
            "At risk: subjects still followed (time at or after the column's time); survival \
             is the Kaplan–Meier estimate at that time with its pointwise {level} % CI (log \
             scale), as R's summary(survfit(...), times = ...)."
        )],
        results: Results::RiskTable {
            of: spec.id.clone(),
            times: risk_times.clone(),
            groups: risk_groups.clone(),
        },
        figures: Vec::new(),
    };

    // The Kaplan–Meier plot.
    let mut figure_ids = Vec::new();
    let curves: Vec<plot::KmCurve> = groups
        .iter()
        .filter_map(|g| {
            let km = g.km.as_ref()?;
            let at_risk = km.risk_table(&risk_times).ok()?;
            Some(plot::KmCurve {
                name: g.label.as_str(),
                drops: km
                    .steps
                    .iter()
                    .filter(|st| st.n_event > 0)
                    .map(|st| (st.time, st.surv))
                    .collect(),
                end: km.steps.last().map_or(0.0, |st| st.time),
                censored: km
                    .steps
                    .iter()
                    .filter(|st| st.n_censor > 0)
                    .map(|st| (st.time, st.surv))
                    .collect(),
                at_risk: at_risk.iter().map(|r| r.n_risk).collect(),
            })
        })
        .collect();
    if !curves.is_empty() {
        let id = format!("{}-km", spec.id);
        let title = format!("{}: Kaplan–Meier estimate", spec.title);
        let annotation = log_rank_result.as_ref().map(|l| {
            format!(
                "Log-rank χ²({}) = {}, p {}; + = censored",
                l.df,
                fixed(l.chi2, stat(2)),
                p_phrase(l.p_value)
            )
        });
        let x_label = time_var.heading();
        let figure = plot::km_plot(&plot::KmPlot {
            title: &title,
            annotation: annotation.as_deref(),
            x_label: &x_label,
            curves,
            risk_times: &risk_times,
        });
        push_figure(figures, &mut figure_ids, &mut notes, id, title, figure);
    }
    progress(&format!("{}: Kaplan–Meier plot", spec.id));
    within_note(protocol, s.grouping.within.as_deref(), &mut notes);
    let mut out = vec![
        ReportTable {
            id: spec.id.clone(),
            title: spec.title.clone(),
            header,
            rows,
            notes,
            results: Results::Survival {
                within: s.grouping.within.clone(),
                time: s.time.to_owned(),
                status: s.status.to_owned(),
                event: s.event.map(str::to_owned),
                dropped,
                groups,
                log_rank: log_rank_result,
                log_rank_error,
            },
            figures: figure_ids,
        },
        risk_table,
    ];
    if !s.predictors.is_empty() {
        out.extend(cox_tables(
            cohort, spec, s, &rows_all, &times_all, &ev_all, problem,
        )?);
    }
    Ok(out)
}

/// "= 0.012" or "< 0.001", as a note prints a p-value (in the protocol's p style).
fn p_phrase(p: f64) -> String {
    super::p_phrase(p)
}

/// The Cox table and the proportional-hazards table.
fn cox_tables(
    cohort: &Cohort,
    spec: &crate::protocol::TableSpec,
    s: &SurvivalSpec,
    rows_all: &[u32],
    times_all: &[f64],
    ev_all: &[f64],
    mut problem: Option<String>,
) -> Result<Vec<ReportTable>, StudyError> {
    let protocol = cohort.protocol;
    let level = super::level_percent(protocol.conf_level);
    let written: Vec<&str> = s.predictors.iter().map(String::as_str).collect();
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
            None => Column::Numbers(gather(&cohort.numbers(name)?, rows_all)),
            Some(levels) => {
                let cats = cohort.categories(name)?;
                let index: Vec<Option<usize>> = cats
                    .names
                    .iter()
                    .map(|n| levels.iter().position(|l| l == n))
                    .collect();
                let codes = rows_all
                    .iter()
                    .map(|&row| match cats.codes[row as usize] {
                        MISSING => None,
                        c => index[c as usize],
                    })
                    .collect();
                let reference = s
                    .reference
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
    let time: Vec<f64> = gather(times_all, rows_all);
    let complete: Vec<usize> = (0..rows_all.len())
        .filter(|&i| {
            !time[i].is_nan()
                && !ev_all[i].is_nan()
                && columns.iter().all(|(_, c)| match c {
                    Column::Numbers(x) => !x[i].is_nan(),
                    Column::Levels { codes, .. } => codes[i].is_some(),
                })
        })
        .collect();
    let dropped = rows_all.len() - complete.len();
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
    for (name, c) in &reduced {
        if let Column::Levels { codes, levels, .. } = c {
            if let Some(l) = (0..levels.len()).find(|l| !codes.contains(&Some(*l))) {
                problem.get_or_insert(format!(
                    "level {:?} of {name:?} has no complete row, so its hazard ratio cannot be \
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
    let design: Vec<DesignColumn> = match &problem {
        Some(_) => Vec::new(),
        None => match model_matrix(&terms, &vars) {
            Ok(d) => d,
            Err(e) => {
                problem = Some(e.to_string());
                Vec::new()
            }
        },
    };
    let labels = column_labels(protocol, &terms, &columns);
    let tc: Vec<f64> = complete.iter().map(|&i| time[i]).collect();
    let ec: Vec<f64> = complete.iter().map(|&i| ev_all[i]).collect();
    let named: Vec<(&str, &[f64])> = design
        .iter()
        .map(|c| (c.name.as_str(), c.values.as_slice()))
        .collect();
    let fitted = match problem {
        Some(p) => Err(p),
        None => cox(&tc, &ec, &named, protocol.conf_level).map_err(|e| e.to_string()),
    };
    // Term names as R's cox.zph prints them, and the labels a reader sees.
    let term_names: Vec<String> = terms.iter().map(|t| t.join(":")).collect();
    let term_labels: Vec<String> = terms
        .iter()
        .map(|t| {
            t.iter()
                .map(|v| protocol.variable(v).map_or(v.clone(), |v| v.label.clone()))
                .collect::<Vec<_>>()
                .join(" × ")
        })
        .collect();
    let term_cols: Vec<Vec<usize>> = (0..terms.len())
        .map(|t| (0..design.len()).filter(|&j| design[j].term == t).collect())
        .collect();
    let mut notes = Vec::new();
    let mut rows = Vec::new();
    let header = vec![
        "Predictor".to_string(),
        "b".into(),
        "SE".into(),
        "z".into(),
        "p".into(),
        "HR".into(),
        format!("HR {level}% CI"),
    ];
    let (fit, error, zph, zph_error) = match fitted {
        Ok(f) => {
            let zterms: Vec<(&str, &[usize])> = term_names
                .iter()
                .map(String::as_str)
                .zip(term_cols.iter().map(Vec::as_slice))
                .collect();
            let (zph, zph_error) = match f.zph(&zterms) {
                Ok(z) => (Some(z), None),
                Err(e) => (None, Some(e.to_string())),
            };
            for (c, label) in f.coefficients.iter().zip(&labels) {
                rows.push(vec![
                    label.clone(),
                    fixed(c.estimate, crate::format::decimals().b),
                    fixed(c.std_error, crate::format::decimals().b),
                    fixed(c.z, stat(2)),
                    p_text(c.p_value),
                    fixed(c.hazard_ratio, crate::format::decimals().hr),
                    format!(
                        "{}; {}",
                        fixed(c.hr_ci.0, crate::format::decimals().hr),
                        fixed(c.hr_ci.1, crate::format::decimals().hr)
                    ),
                ]);
            }
            let fit = CoxFit {
                n: f.n,
                events: f.events,
                dropped,
                coefficients: f.coefficients.clone(),
                loglik: f.loglik,
                lr: f.lr,
                wald: f.wald,
                score: f.score,
                iterations: f.iterations,
            };
            notes.push(format!(
                "n = {} ({} events){}; likelihood-ratio χ²({}) = {}, p {}; Wald χ²({}) = {}, p \
                 {}; score (log-rank) χ²({}) = {}, p {}.",
                fit.n,
                fit.events,
                if dropped > 0 {
                    format!(", {dropped} rows with a missing value left out")
                } else {
                    String::new()
                },
                fit.lr.df,
                fixed(fit.lr.chi2, stat(2)),
                p_phrase(fit.lr.p_value),
                fit.wald.df,
                fixed(fit.wald.chi2, stat(2)),
                p_phrase(fit.wald.p_value),
                fit.score.df,
                fixed(fit.score.chi2, stat(2)),
                p_phrase(fit.score.p_value)
            ));
            notes.push(format!(
                "Cox proportional-hazards regression (partial likelihood with Efron's method \
                 for tied times, as R's coxph): b is the log hazard ratio, HR = exp(b), z and p \
                 are Wald's, {level} % CI exp(b ± {}·SE).",
                super::z_text(protocol.conf_level)
            ));
            (Some(fit), None, zph, zph_error)
        }
        Err(e) => {
            notes.push(format!("No Cox model: {e}"));
            (None, Some(e), None, None)
        }
    };
    if let Some(n) = cox_coding_note(protocol, &columns) {
        notes.push(n);
    }
    within_note(protocol, s.grouping.within.as_deref(), &mut notes);
    let cox_table = ReportTable {
        id: format!("{}-cox", spec.id),
        title: format!("{}: Cox proportional-hazards model", spec.title),
        header,
        rows,
        notes,
        results: Results::Cox {
            of: spec.id.clone(),
            fit: fit.map(Box::new),
            error: error.clone(),
        },
        figures: Vec::new(),
    };
    let mut ph_rows = Vec::new();
    let mut ph_notes = Vec::new();
    if let Some(z) = &zph {
        for (i, r) in z.rows.iter().enumerate() {
            ph_rows.push(vec![
                term_labels
                    .get(i)
                    .cloned()
                    .unwrap_or_else(|| "Global".into()),
                fixed(r.test.chi2, stat(2)),
                r.test.df.to_string(),
                p_text(r.test.p_value),
            ]);
        }
        ph_notes.push(
            "Test of proportional hazards from the scaled Schoenfeld residuals, as R's \
             cox.zph(fit) (transform = \"km\": time as 1 − the Kaplan–Meier estimate just \
             before it): the score test that a term's log hazard ratio changes linearly in \
             that time scale, per term and for all terms together (Global). A small p \
             suggests that the hazard ratio of the term is not constant over follow-up; \
             consider plotting the residuals or stratifying on it."
                .into(),
        );
    } else {
        ph_notes.push(format!(
            "No test of proportional hazards: {}",
            zph_error
                .as_deref()
                .or(error.as_deref())
                .unwrap_or("no model")
        ));
    }
    let ph_table = ReportTable {
        id: format!("{}-ph", spec.id),
        title: format!("{}: test of proportional hazards", spec.title),
        header: vec!["Term".into(), "χ²".into(), "df".into(), "p".into()],
        rows: ph_rows,
        notes: ph_notes,
        results: Results::ProportionalHazards {
            of: spec.id.clone(),
            zph,
            error: zph_error.or(error),
        },
        figures: Vec::new(),
    };
    Ok(vec![cox_table, ph_table])
}

/// The dummy coding of a Cox model's categorical predictors, said once.
fn cox_coding_note(protocol: &Protocol, columns: &[(&str, Column)]) -> Option<String> {
    let parts: Vec<String> = columns
        .iter()
        .filter_map(|(name, c)| match c {
            Column::Levels {
                levels, reference, ..
            } => {
                let var = protocol.variable(name)?;
                Some(format!(
                    "{} (reference {})",
                    var.label,
                    protocol.level_label(&levels[*reference])
                ))
            }
            Column::Numbers(_) => None,
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "Categorical predictors in treatment (dummy) coding, as R's coxph: each row \
             compares a level with the reference: {}.",
            parts.join("; ")
        )
    })
}

/// The methods of the survival tables, only when the protocol has one.
pub(super) fn survival_methods(protocol: &Protocol) -> Vec<String> {
    let mut any = false;
    let mut cox = false;
    for t in &protocol.tables {
        if let Analysis::Survival { predictors, .. } = &t.analysis {
            any = true;
            cox |= !predictors.is_empty();
        }
    }
    let level = super::level_percent(protocol.conf_level);
    let mut out = Vec::new();
    if any {
        out.push(format!(
            "Survival: Kaplan–Meier estimates per group with pointwise {level} % CIs from \
             Greenwood's variance on the log scale (R's survfit defaults, conf.type = \"log\"); \
             median survival and its CI as print.survfit; the number at risk and survival at \
             the stated times as summary.survfit; the log-rank test of the groups (R's \
             survdiff, rho = 0)."
        ));
    }
    if cox {
        out.push(format!(
            "Cox proportional-hazards regression: maximum partial likelihood with Efron's \
             handling of ties (R's coxph default), Newton–Raphson from b = 0, listwise \
             deletion; Wald z tests and {level} % CIs of the hazard ratios; likelihood-ratio, Wald \
             and score tests of the model; a model whose partial likelihood keeps rising as a \
             coefficient grows (monotone likelihood) is reported as not estimable. \
             Proportional hazards: the score test of R's cox.zph (transform \"km\") per term \
             and globally."
        ));
    }
    out
}
