//! Synthetic cohorts: a table of patients whose group means and SDs equal a paper's, whose
//! categorical counts follow its percentages, and whose rank correlations match its targets.
//!
//! The spec is TOML (see `examples/hfs-study/synth.toml`): `[[group]]` (name, n), then
//! `[[column]]` in output order, each either categorical (`levels`, targets with `percent` or
//! `counts`) or numeric (`decimals`, `min`, `max`, targets with `mean` and `sd`); a target
//! names its `group` and optionally one stratum, `where = { sex = "male" }`. Then
//! `[[correlation]]` entries (`group`, `between`, `spearman`) give within-group targets;
//! unlisted pairs of numeric columns of a group get the target 0.
//!
//! Method, per group: categorical columns are counted exactly from their percentages (largest
//! remainder) and shuffled onto the rows. Each numeric column is drawn from the normal
//! distribution; Iman–Conover then reorders the draws so that their ranks follow van der
//! Waerden scores whose Pearson matrix is exactly `2 sin(π ρ / 6)` (the Pearson correlation
//! whose Spearman correlation is ρ for normal data). Each column, or each stratum of it, is
//! then mapped linearly onto the target mean and SD (values pinned at a bound when the map
//! would cross it, the others re-fitted), and a column with `decimals` is rounded to that
//! resolution and repaired by moving single values one step (keeping the bounds) until the
//! mean and then the SD are the nearest attainable. Every target is verified: a mean or SD
//! that does not round to the spec's printed value is an error, not a warning.
//!
//! The generator is xoshiro256** seeded by SplitMix64: the same spec and seed give the same
//! table. No I/O: the caller reads the file and writes [`Cohort::to_csv`].
#![deny(missing_docs)]

use neuronutri_stats::correlation::{spearman, SpearmanMethod};
use neuronutri_stats::dist::normal_quantile;
use neuronutri_stats::Alternative;
use neuronutri_table::limits::line_of;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// Largest n of one group of a synthetic cohort (memory and the repair steps grow with it).
pub const MAX_GROUP_N: usize = 100_000;

/// Largest number of rows of a synthetic cohort, all groups together.
pub const MAX_TOTAL_N: usize = 1_000_000;

/// Largest number of columns of a synthetic cohort.
pub const MAX_COLUMNS: usize = 200;

/// Largest magnitude of a target mean, SD or bound times 10^decimals (0 for a continuous
/// column): rounded values must stay exact integers in a double, below 2^53 ≈ 9e15.
pub const MAX_SCALED_MAGNITUDE: f64 = 1e15;

/// The largest magnitude a column with these decimals may have.
fn max_magnitude(decimals: Option<u32>) -> f64 {
    MAX_SCALED_MAGNITUDE / 10f64.powi(decimals.unwrap_or(0) as i32)
}

/// A synth spec that cannot be used, or targets that no cohort can meet.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct SynthError {
    /// The file as named to the user.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    title: String,
    #[serde(default)]
    source: Option<String>,
    #[serde(default)]
    group: Vec<Spanned<RawGroup>>,
    #[serde(default)]
    column: Vec<Spanned<RawColumn>>,
    #[serde(default)]
    correlation: Vec<Spanned<RawCorrelation>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    name: String,
    n: u32,
    #[serde(default)]
    label: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawColumn {
    name: String,
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    levels: Option<Vec<String>>,
    #[serde(default)]
    decimals: Option<u32>,
    #[serde(default)]
    min: Option<f64>,
    #[serde(default)]
    max: Option<f64>,
    #[serde(default)]
    target: Vec<Spanned<RawTarget>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    group: String,
    #[serde(default, rename = "where")]
    where_: Option<BTreeMap<String, String>>,
    #[serde(default)]
    table: Option<String>,
    #[serde(default)]
    mean: Option<Spanned<f64>>,
    #[serde(default)]
    sd: Option<Spanned<f64>>,
    #[serde(default)]
    percent: Option<Vec<f64>>,
    #[serde(default)]
    counts: Option<Vec<u32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCorrelation {
    group: String,
    between: [String; 2],
    spearman: f64,
    #[serde(default)]
    table: Option<String>,
}

/// A validated synth spec.
#[derive(Clone, Debug, PartialEq)]
pub struct SynthSpec {
    /// The file as named to the user (for errors found while generating).
    pub file: String,
    /// What the cohort imitates.
    pub title: String,
    /// Where the targets come from.
    pub source: Option<String>,
    /// The groups, in output order.
    pub groups: Vec<Group>,
    /// The columns after `id` and `group`, in output order.
    pub columns: Vec<Column>,
    /// Stated within-group rank-correlation targets.
    pub correlations: Vec<CorrelationTarget>,
}

/// A group of the cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Name, as written in the `group` column.
    pub name: String,
    /// How many rows.
    pub n: usize,
    /// A longer name.
    pub label: Option<String>,
    /// Line of the spec.
    pub line: usize,
}

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnKind {
    /// One of a few levels (sex, side).
    Categorical {
        /// The levels, in the order of the targets' percentages.
        levels: Vec<String>,
    },
    /// A number.
    Numeric {
        /// Resolution: values are multiples of 10^-decimals; `None` is continuous.
        decimals: Option<u32>,
        /// Lowest possible value.
        min: Option<f64>,
        /// Highest possible value.
        max: Option<f64>,
    },
}

/// A column of the cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// Header name.
    pub name: String,
    /// A longer name.
    pub label: Option<String>,
    /// Unit of a numeric column.
    pub unit: Option<String>,
    /// Categorical or numeric.
    pub kind: ColumnKind,
    /// Targets; a group without one leaves the column empty.
    pub targets: Vec<Target>,
    /// Line of the spec.
    pub line: usize,
}

/// One stratum of a group: the rows whose categorical column `column` has level `level`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stratum {
    /// Index of the categorical column.
    pub column: usize,
    /// Index of its level.
    pub level: usize,
}

/// A number as the spec prints it: its value and how many decimals were written.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Printed {
    /// The value.
    pub value: f64,
    /// Decimals written in the spec (`18.7` → 1, `317` → 0).
    pub decimals: u32,
}

impl Printed {
    /// Whether `x` rounds to this printed value.
    pub fn holds(&self, x: f64) -> bool {
        let half = 0.5 * 10f64.powi(-(self.decimals as i32));
        (x - self.value).abs() <= half * (1.0 + 1e-9) + 1e-12 * self.value.abs()
    }
}

/// What a target asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum TargetKind {
    /// Mean and SD of a numeric column.
    Moments {
        /// Mean as printed.
        mean: Printed,
        /// SD (n − 1 denominator) as printed.
        sd: Printed,
    },
    /// Percentages of the levels (rounded to counts by largest remainder).
    Percent(Vec<f64>),
    /// Exact counts of the levels.
    Counts(Vec<u32>),
}

/// A target for one column in one group or stratum.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// Index of the group.
    pub group: usize,
    /// The stratum, if the target is for part of the group.
    pub stratum: Option<Stratum>,
    /// Where in the paper.
    pub table: Option<String>,
    /// What it asks for.
    pub kind: TargetKind,
    /// Line of the spec.
    pub line: usize,
}

/// A within-group Spearman correlation target.
#[derive(Clone, Debug, PartialEq)]
pub struct CorrelationTarget {
    /// Index of the group.
    pub group: usize,
    /// Indices of the two numeric columns.
    pub between: [usize; 2],
    /// Target Spearman ρ.
    pub spearman: f64,
    /// Where in the paper.
    pub table: Option<String>,
    /// Line of the spec.
    pub line: usize,
}

/// Decimals written in a TOML number literal (`18.70` → 2, `1.5e1` → 0).
fn printed_decimals(literal: &str) -> u32 {
    let literal = literal.trim().replace('_', "");
    let (mantissa, exponent) = match literal.find(['e', 'E']) {
        Some(i) => (&literal[..i], literal[i + 1..].parse::<i32>().unwrap_or(0)),
        None => (literal.as_str(), 0),
    };
    let decimals = mantissa.find('.').map_or(0, |i| mantissa.len() - i - 1) as i32;
    (decimals - exponent).max(0) as u32
}

/// Parses and validates a synth spec; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<SynthSpec, SynthError> {
    let err = |offset: usize, message: String| SynthError {
        file: file.to_string(),
        line: line_of(text, offset),
        message,
    };
    let raw: RawSpec = toml::from_str(text)
        .map_err(|e| err(e.span().map_or(0, |s| s.start), e.message().to_string()))?;
    if raw.group.is_empty() {
        return Err(err(0, "no [[group]]: a cohort needs at least one".into()));
    }
    let mut groups: Vec<Group> = Vec::new();
    for spanned in raw.group {
        let at = spanned.span().start;
        let g = spanned.into_inner();
        if g.name.is_empty() || groups.iter().any(|h| h.name == g.name) {
            return Err(err(
                at,
                format!("group name {:?} is empty or repeated", g.name),
            ));
        }
        neuronutri_table::limits::check_length("group name", &g.name).map_err(|m| err(at, m))?;
        if g.n < 3 || g.n as usize > MAX_GROUP_N {
            return Err(err(
                at,
                format!(
                    "group {:?}: n = {} (at least 3, at most {MAX_GROUP_N})",
                    g.name, g.n
                ),
            ));
        }
        let total = groups.iter().map(|g| g.n).sum::<usize>() + g.n as usize;
        if total > MAX_TOTAL_N {
            return Err(err(
                at,
                format!(
                    "group {:?}: the groups add up to {total} rows, above the {MAX_TOTAL_N} a \
                     synthetic cohort may have",
                    g.name
                ),
            ));
        }
        groups.push(Group {
            name: g.name,
            n: g.n as usize,
            label: g.label,
            line: line_of(text, at),
        });
    }
    let group_index = |name: &str, at: usize| {
        groups
            .iter()
            .position(|g| g.name == name)
            .ok_or_else(|| err(at, format!("unknown group {name:?}")))
    };

    let mut columns: Vec<Column> = Vec::new();
    for spanned in raw.column {
        let at = spanned.span().start;
        let c = spanned.into_inner();
        let name = c.name.clone();
        neuronutri_table::limits::check_length("column name", &name).map_err(|m| err(at, m))?;
        if columns.len() >= MAX_COLUMNS {
            return Err(err(
                at,
                format!("more than {MAX_COLUMNS} columns: a synthetic cohort may have at most {MAX_COLUMNS}"),
            ));
        }
        if name.is_empty()
            || name == "id"
            || name == "group"
            || columns.iter().any(|d| d.name == name)
        {
            return Err(err(
                at,
                format!("column name {name:?} is empty, reserved (id, group) or repeated"),
            ));
        }
        let kind = match c.levels {
            Some(levels) => {
                if c.decimals.is_some() || c.min.is_some() || c.max.is_some() {
                    return Err(err(
                        at,
                        format!(
                            "column {name:?} has levels, so it is categorical: decimals, min and max do not apply"
                        ),
                    ));
                }
                if levels.len() < 2 {
                    return Err(err(at, format!("column {name:?}: at least two levels")));
                }
                for (i, l) in levels.iter().enumerate() {
                    if l.is_empty() || levels[..i].contains(l) {
                        return Err(err(
                            at,
                            format!("column {name:?}: level {l:?} is empty or repeated"),
                        ));
                    }
                }
                ColumnKind::Categorical { levels }
            }
            None => {
                if let Some(d) = c.decimals {
                    if d > 9 {
                        return Err(err(
                            at,
                            format!("column {name:?}: decimals = {d} (at most 9)"),
                        ));
                    }
                }
                for (what, bound) in [("min", c.min), ("max", c.max)] {
                    if bound.is_some_and(|b| !b.is_finite()) {
                        return Err(err(at, format!("column {name:?}: {what} is not finite")));
                    }
                    if let Some(b) = bound {
                        let limit = max_magnitude(c.decimals);
                        if b.abs() > limit {
                            return Err(err(
                                at,
                                format!(
                                    "column {name:?}: {what} = {} is beyond ±{limit:e} (the \
                                     limit at {} decimals)",
                                    neuronutri_stats::short_number(b),
                                    c.decimals.unwrap_or(0)
                                ),
                            ));
                        }
                    }
                }
                if let (Some(lo), Some(hi)) = (c.min, c.max) {
                    if lo >= hi {
                        return Err(err(
                            at,
                            format!("column {name:?}: min = {lo} is not below max = {hi}"),
                        ));
                    }
                }
                ColumnKind::Numeric {
                    decimals: c.decimals,
                    min: c.min,
                    max: c.max,
                }
            }
        };
        let mut targets = Vec::new();
        for spanned in c.target {
            let at = spanned.span().start;
            let t = spanned.into_inner();
            let group = group_index(&t.group, at)?;
            let stratum = match &t.where_ {
                None => None,
                Some(map) if map.len() == 1 => {
                    let (key, value) = map.iter().next().expect("one entry");
                    let column = columns
                        .iter()
                        .position(|d| &d.name == key)
                        .ok_or_else(|| {
                            err(
                                at,
                                format!(
                                    "where: {key:?} is not a categorical column declared before {name:?}"
                                ),
                            )
                        })?;
                    let ColumnKind::Categorical { levels } = &columns[column].kind else {
                        return Err(err(at, format!("where: column {key:?} is not categorical")));
                    };
                    let level = levels.iter().position(|l| l == value).ok_or_else(|| {
                        err(
                            at,
                            format!("where: {value:?} is not a level of {key:?} ({levels:?})"),
                        )
                    })?;
                    if !columns[column].targets.iter().any(|t| t.group == group) {
                        return Err(err(
                            at,
                            format!(
                                "where: column {key:?} has no target in group {:?}, so it has no strata there",
                                t.group
                            ),
                        ));
                    }
                    Some(Stratum { column, level })
                }
                Some(_) => {
                    return Err(err(
                        at,
                        "where: exactly one column = level (e.g. where = { sex = \"male\" })"
                            .into(),
                    ))
                }
            };
            let kind = match &kind {
                ColumnKind::Categorical { levels } => {
                    if t.mean.is_some() || t.sd.is_some() {
                        return Err(err(
                            at,
                            format!("column {name:?} is categorical: give percent or counts, not mean and sd"),
                        ));
                    }
                    match (t.percent, t.counts) {
                        (Some(p), None) => {
                            if p.len() != levels.len() {
                                return Err(err(
                                    at,
                                    format!(
                                        "percent has {} values for {} levels {levels:?}",
                                        p.len(),
                                        levels.len()
                                    ),
                                ));
                            }
                            let sum: f64 = p.iter().sum();
                            if p.iter().any(|v| !(0.0..=100.0).contains(v))
                                || (sum - 100.0).abs() > 1.5
                            {
                                return Err(err(
                                    at,
                                    format!("percent {p:?} must lie in 0..100 and sum to 100 (± rounding); the sum is {sum}"),
                                ));
                            }
                            TargetKind::Percent(p)
                        }
                        (None, Some(c)) => {
                            if c.len() != levels.len() {
                                return Err(err(
                                    at,
                                    format!(
                                        "counts has {} values for {} levels {levels:?}",
                                        c.len(),
                                        levels.len()
                                    ),
                                ));
                            }
                            TargetKind::Counts(c)
                        }
                        _ => {
                            return Err(err(
                                at,
                                format!("column {name:?}: give exactly one of percent and counts"),
                            ))
                        }
                    }
                }
                ColumnKind::Numeric { min, max, decimals } => {
                    if t.percent.is_some() || t.counts.is_some() {
                        return Err(err(
                            at,
                            format!("column {name:?} is numeric: give mean and sd, not percent or counts"),
                        ));
                    }
                    let (Some(mean), Some(sd)) = (t.mean, t.sd) else {
                        return Err(err(
                            at,
                            format!("column {name:?}: a numeric target needs mean and sd"),
                        ));
                    };
                    let printed = |s: Spanned<f64>| Printed {
                        value: *s.get_ref(),
                        decimals: printed_decimals(text.get(s.span()).unwrap_or("")),
                    };
                    let (mean, sd) = (printed(mean), printed(sd));
                    if !(mean.value.is_finite() && sd.value > 0.0 && sd.value.is_finite()) {
                        return Err(err(
                            at,
                            format!(
                                "column {name:?}: mean = {} and sd = {} (sd must be positive)",
                                neuronutri_stats::short_number(mean.value),
                                neuronutri_stats::short_number(sd.value)
                            ),
                        ));
                    }
                    let limit = max_magnitude(*decimals);
                    if mean.value.abs() > limit || sd.value > limit {
                        return Err(err(
                            at,
                            format!(
                                "column {name:?}: mean = {} and sd = {}: at {} decimals a \
                                 synthetic column's mean and sd must lie within ±{limit:e}",
                                neuronutri_stats::short_number(mean.value),
                                neuronutri_stats::short_number(sd.value),
                                decimals.unwrap_or(0)
                            ),
                        ));
                    }
                    if min.is_some_and(|lo| mean.value <= lo)
                        || max.is_some_and(|hi| mean.value >= hi)
                    {
                        return Err(err(
                            at,
                            format!(
                                "column {name:?}: mean = {} is not strictly inside the bounds",
                                mean.value
                            ),
                        ));
                    }
                    TargetKind::Moments { mean, sd }
                }
            };
            targets.push(Target {
                group,
                stratum,
                table: t.table,
                kind,
                line: line_of(text, at),
            });
        }
        // Per group: one target for the whole group, or one per level of one column.
        for (g, group) in groups.iter().enumerate() {
            let mine: Vec<&Target> = targets.iter().filter(|t| t.group == g).collect();
            if mine.is_empty() {
                continue;
            }
            let whole = mine.iter().filter(|t| t.stratum.is_none()).count();
            let ok = if whole > 0 {
                mine.len() == 1
            } else {
                let by = mine[0].stratum.expect("stratified").column;
                let ColumnKind::Categorical { levels } = &columns[by].kind else {
                    unreachable!("strata are categorical")
                };
                mine.iter()
                    .all(|t| t.stratum.is_some_and(|s| s.column == by))
                    && (0..levels.len()).all(|l| {
                        mine.iter()
                            .filter(|t| t.stratum.is_some_and(|s| s.level == l))
                            .count()
                            == 1
                    })
            };
            if !ok {
                return Err(err(
                    at,
                    format!(
                        "column {name:?}, group {:?}: give one target for the whole group, or one for each level of one categorical column",
                        group.name
                    ),
                ));
            }
        }
        columns.push(Column {
            name,
            label: c.label,
            unit: c.unit,
            kind,
            targets,
            line: line_of(text, at),
        });
    }

    let mut correlations: Vec<CorrelationTarget> = Vec::new();
    for spanned in raw.correlation {
        let at = spanned.span().start;
        let c = spanned.into_inner();
        let group = group_index(&c.group, at)?;
        let mut between = [0; 2];
        for (slot, name) in between.iter_mut().zip(&c.between) {
            *slot = columns
                .iter()
                .position(|d| &d.name == name)
                .ok_or_else(|| err(at, format!("unknown column {name:?}")))?;
            let column = &columns[*slot];
            if !matches!(column.kind, ColumnKind::Numeric { .. })
                || !column.targets.iter().any(|t| t.group == group)
            {
                return Err(err(
                    at,
                    format!(
                        "column {name:?} is not a numeric column with a target in group {:?}",
                        c.group
                    ),
                ));
            }
        }
        if between[0] == between[1] {
            return Err(err(at, "a column correlates with itself".into()));
        }
        if !(c.spearman > -1.0 && c.spearman < 1.0) {
            return Err(err(
                at,
                format!(
                    "spearman = {} (must lie strictly between -1 and 1)",
                    c.spearman
                ),
            ));
        }
        let same = |d: &CorrelationTarget| {
            d.group == group && (d.between == between || d.between == [between[1], between[0]])
        };
        if correlations.iter().any(same) {
            return Err(err(
                at,
                format!(
                    "the pair {:?} is repeated in group {:?}",
                    c.between, c.group
                ),
            ));
        }
        correlations.push(CorrelationTarget {
            group,
            between,
            spearman: c.spearman,
            table: c.table,
            line: line_of(text, at),
        });
    }
    Ok(SynthSpec {
        file: file.to_string(),
        title: raw.title,
        source: raw.source,
        groups,
        columns,
        correlations,
    })
}

// ---------------------------------------------------------------------------------------
// The generator.

/// xoshiro256** seeded by SplitMix64: small, fast, and the same on every platform.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// A generator for a seed.
    pub fn new(seed: u64) -> Rng {
        let mut x = seed;
        let mut next = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [next(), next(), next(), next()],
        }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in (0, 1), never 0.
    pub fn uniform(&mut self) -> f64 {
        ((self.next_u64() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    /// Uniform integer in 0..n (n > 0), without modulo bias.
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        let zone = u64::MAX - u64::MAX % n;
        loop {
            let x = self.next_u64();
            if x < zone {
                return (x % n) as usize;
            }
        }
    }

    /// A standard normal draw (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let (u, v) = (self.uniform(), self.uniform());
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// Fisher–Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i + 1);
            items.swap(i, j);
        }
    }
}

/// The values of a cohort column.
#[derive(Clone, Debug, PartialEq)]
pub enum ColumnValues {
    /// Level indices; `None` where the group has no target.
    Categorical {
        /// The levels.
        levels: Vec<String>,
        /// One per row.
        codes: Vec<Option<usize>>,
    },
    /// Numbers; `None` where the group has no target.
    Numeric {
        /// Decimals written; `None` writes the shortest exact form.
        decimals: Option<u32>,
        /// One per row.
        values: Vec<Option<f64>>,
    },
}

/// A column of the generated cohort.
#[derive(Clone, Debug, PartialEq)]
pub struct CohortColumn {
    /// Header name.
    pub name: String,
    /// The values.
    pub values: ColumnValues,
}

/// The generated cohort: `id` (1-based), `group`, then the spec's columns.
#[derive(Clone, Debug, PartialEq)]
pub struct Cohort {
    /// Group names.
    pub group_names: Vec<String>,
    /// Group index of each row.
    pub group: Vec<usize>,
    /// The columns.
    pub columns: Vec<CohortColumn>,
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

impl Cohort {
    /// The numeric values of a column in a group (`None` if there is no such column).
    pub fn numeric(&self, column: &str, group: &str) -> Option<Vec<Option<f64>>> {
        let g = self.group_names.iter().position(|n| n == group)?;
        let c = self.columns.iter().find(|c| c.name == column)?;
        let ColumnValues::Numeric { values, .. } = &c.values else {
            return None;
        };
        Some(
            values
                .iter()
                .zip(&self.group)
                .filter(|(_, &h)| h == g)
                .map(|(v, _)| *v)
                .collect(),
        )
    }

    /// The table as CSV (comma, decimal point, header line, `\n` line ends); empty cells
    /// where a group has no value.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("id,group");
        for c in &self.columns {
            out.push(',');
            out.push_str(&csv_field(&c.name));
        }
        out.push('\n');
        for (row, &g) in self.group.iter().enumerate() {
            out.push_str(&(row + 1).to_string());
            out.push(',');
            out.push_str(&csv_field(&self.group_names[g]));
            for c in &self.columns {
                out.push(',');
                match &c.values {
                    ColumnValues::Categorical { levels, codes } => {
                        if let Some(code) = codes[row] {
                            out.push_str(&csv_field(&levels[code]));
                        }
                    }
                    ColumnValues::Numeric { decimals, values } => match (values[row], decimals) {
                        (None, _) => {}
                        (Some(v), Some(d)) => out.push_str(&format!("{v:.*}", *d as usize)),
                        (Some(v), None) => out.push_str(&format!("{v}")),
                    },
                }
            }
            out.push('\n');
        }
        out
    }
}

/// A mean and SD target against what the cohort has.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MomentCheck {
    /// Column.
    pub column: String,
    /// Group.
    pub group: String,
    /// Stratum, as `column=level`.
    pub stratum: Option<String>,
    /// Rows.
    pub n: usize,
    /// Target mean as printed.
    pub target_mean: Printed,
    /// Target SD as printed.
    pub target_sd: Printed,
    /// The cohort's mean.
    pub mean: f64,
    /// The cohort's SD (n − 1).
    pub sd: f64,
}

/// A categorical target against the counts drawn.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CountCheck {
    /// Column.
    pub column: String,
    /// Group.
    pub group: String,
    /// Stratum, as `column=level`.
    pub stratum: Option<String>,
    /// The levels.
    pub levels: Vec<String>,
    /// Target percentages, if given as such.
    pub target_percent: Option<Vec<f64>>,
    /// Counts in the cohort.
    pub counts: Vec<u32>,
}

/// A rank-correlation target against the cohort's Spearman ρ.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorrelationCheck {
    /// Group.
    pub group: String,
    /// The two columns.
    pub between: [String; 2],
    /// Target ρ (0 for pairs the spec does not list).
    pub target: f64,
    /// Whether the spec lists the pair.
    pub stated: bool,
    /// Spearman ρ in the cohort.
    pub spearman: f64,
    /// Sampling tolerance: 2.5 (1 − target²) / √(n − 1).
    pub tolerance: f64,
    /// Whether |ρ − target| < tolerance.
    pub within: bool,
}

/// How the cohort meets the spec's targets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SynthReport {
    /// Title of the spec.
    pub title: String,
    /// The seed.
    pub seed: u64,
    /// Means and SDs.
    pub moments: Vec<MomentCheck>,
    /// Categorical counts.
    pub counts: Vec<CountCheck>,
    /// Within-group rank correlations of every pair of numeric columns.
    pub correlations: Vec<CorrelationCheck>,
}

/// The sampling tolerance of a correlation target: 2.5 (1 − ρ²) / √(n − 1), about 2.5
/// standard errors of a correlation estimated from n pairs.
pub fn correlation_tolerance(target: f64, n: usize) -> f64 {
    2.5 * (1.0 - target * target) / ((n as f64) - 1.0).sqrt()
}

fn mean_sd(x: &[f64]) -> (f64, f64) {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let ss: f64 = x.iter().map(|v| (v - mean) * (v - mean)).sum();
    (mean, (ss / (n - 1.0)).sqrt())
}

/// Counts from percentages by largest remainder (ties to the earlier level).
fn counts_from_percent(percent: &[f64], n: usize) -> Vec<u32> {
    let total: f64 = percent.iter().sum();
    let exact: Vec<f64> = percent.iter().map(|p| p / total * n as f64).collect();
    let mut counts: Vec<u32> = exact.iter().map(|e| e.floor() as u32).collect();
    let mut order: Vec<usize> = (0..percent.len()).collect();
    order.sort_by(|&a, &b| {
        let (ra, rb) = (exact[a] - exact[a].floor(), exact[b] - exact[b].floor());
        rb.total_cmp(&ra).then(a.cmp(&b))
    });
    let short = n - counts.iter().sum::<u32>() as usize;
    for &i in order.iter().take(short) {
        counts[i] += 1;
    }
    counts
}

/// Lower Cholesky factor of a symmetric matrix, or the size of the first leading minor that
/// is not positive.
fn cholesky(a: &[Vec<f64>]) -> Result<Vec<Vec<f64>>, usize> {
    let k = a.len();
    let mut l = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..=i {
            let s: f64 = (0..j).map(|m| l[i][m] * l[j][m]).sum();
            if i == j {
                let d = a[i][i] - s;
                if d <= 1e-12 {
                    return Err(i + 1);
                }
                l[i][i] = d.sqrt();
            } else {
                l[i][j] = (a[i][j] - s) / l[j][j];
            }
        }
    }
    Ok(l)
}

fn pearson_matrix(columns: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let k = columns.len();
    let centred: Vec<Vec<f64>> = columns
        .iter()
        .map(|c| {
            let m = c.iter().sum::<f64>() / c.len() as f64;
            c.iter().map(|v| v - m).collect()
        })
        .collect();
    let norm: Vec<f64> = centred
        .iter()
        .map(|c| c.iter().map(|v| v * v).sum::<f64>().sqrt())
        .collect();
    let mut r = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            let dot: f64 = centred[i].iter().zip(&centred[j]).map(|(a, b)| a * b).sum();
            r[i][j] = dot / (norm[i] * norm[j]);
        }
    }
    r
}

/// Iman–Conover: reorders each column of `draws` so that the ranks follow scores with the
/// Pearson matrix `target` (positive definite; its Cholesky factor is `p`).
fn iman_conover(draws: &mut [Vec<f64>], p: &[Vec<f64>], rng: &mut Rng) -> Result<(), usize> {
    let k = draws.len();
    let n = draws[0].len();
    let base: Vec<f64> = (1..=n)
        .map(|i| normal_quantile(i as f64 / (n as f64 + 1.0)))
        .collect();
    let scores: Vec<Vec<f64>> = (0..k)
        .map(|_| {
            let mut s = base.clone();
            rng.shuffle(&mut s);
            s
        })
        .collect();
    let q = cholesky(&pearson_matrix(&scores))?;
    // Row by row: m* = m Q^-T P^T.
    let mut adjusted = vec![vec![0.0; n]; k];
    let mut y = vec![0.0; k];
    for row in 0..n {
        for i in 0..k {
            let s: f64 = (0..i).map(|m| q[i][m] * y[m]).sum();
            y[i] = (scores[i][row] - s) / q[i][i];
        }
        for j in 0..k {
            adjusted[j][row] = (0..=j).map(|m| p[j][m] * y[m]).sum();
        }
    }
    for (column, target) in draws.iter_mut().zip(&adjusted) {
        column.sort_by(f64::total_cmp);
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| target[a].total_cmp(&target[b]).then(a.cmp(&b)));
        let sorted = std::mem::take(column);
        *column = vec![0.0; n];
        for (rank, &row) in order.iter().enumerate() {
            column[row] = sorted[rank];
        }
    }
    Ok(())
}

/// Maps `x` linearly onto mean `mu` and SD `sigma`, pinning values that would cross a bound
/// at the bound and re-fitting the others. Keeps the order of the values.
fn fit_moments(
    x: &mut [f64],
    mu: f64,
    sigma: f64,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(), String> {
    let n = x.len();
    let (m0, s0) = mean_sd(x);
    if s0 == 0.0 || !s0.is_finite() {
        return Err("the drawn values are constant".into());
    }
    let z: Vec<f64> = x.iter().map(|v| (v - m0) / s0).collect();
    let mut pinned: Vec<Option<f64>> = vec![None; n];
    loop {
        let free: Vec<usize> = (0..n).filter(|&i| pinned[i].is_none()).collect();
        if free.len() < 2 {
            return Err("too many values sit at a bound".into());
        }
        let f = free.len() as f64;
        let pinned_sum: f64 = pinned.iter().flatten().sum();
        let pinned_ss: f64 = pinned.iter().flatten().map(|v| v * v).sum();
        let zm = free.iter().map(|&i| z[i]).sum::<f64>() / f;
        let zss: f64 = free.iter().map(|&i| (z[i] - zm) * (z[i] - zm)).sum();
        let a = (n as f64 * mu - pinned_sum) / f;
        let total_ss = (n as f64 - 1.0) * sigma * sigma + n as f64 * mu * mu;
        let b2 = (total_ss - pinned_ss - f * a * a) / zss;
        if b2.is_nan() || b2 <= 0.0 || zss == 0.0 {
            return Err("the values that reach a bound leave no room for this SD".into());
        }
        let b = b2.sqrt();
        let mut crossed = false;
        for &i in &free {
            let v = a + b * (z[i] - zm);
            x[i] = v;
            if let Some(lo) = min.filter(|&lo| v < lo) {
                pinned[i] = Some(lo);
                crossed = true;
            } else if let Some(hi) = max.filter(|&hi| v > hi) {
                pinned[i] = Some(hi);
                crossed = true;
            }
        }
        if !crossed {
            for (i, p) in pinned.iter().enumerate() {
                if let Some(v) = p {
                    x[i] = *v;
                }
            }
            return Ok(());
        }
    }
}

/// Rounds `x` to multiples of 10^-decimals within the bounds, then moves single values one
/// step at a time: first so that the sum is the nearest attainable to n·mu, then (in +1/−1
/// pairs, which keep the sum) so that the SD is the nearest attainable to `sigma`.
fn round_and_repair(
    x: &mut [f64],
    decimals: u32,
    mu: f64,
    sigma: f64,
    min: Option<f64>,
    max: Option<f64>,
) {
    let scale = 10f64.powi(decimals as i32);
    let n = x.len();
    let lo = min.map_or(i64::MIN / 4, |m| (m * scale - 1e-9).ceil() as i64);
    let hi = max.map_or(i64::MAX / 4, |m| (m * scale + 1e-9).floor() as i64);
    let exact: Vec<f64> = x.iter().map(|v| v * scale).collect();
    let mut u: Vec<i64> = exact
        .iter()
        .map(|v| (v.round() as i64).clamp(lo, hi))
        .collect();
    // The sum: move the values whose rounding went furthest the other way.
    let target_sum = (n as f64 * mu * scale).round() as i64;
    let mut sum: i64 = u.iter().sum();
    while sum != target_sum {
        let up = sum < target_sum;
        let pick = (0..n)
            .filter(|&i| if up { u[i] < hi } else { u[i] > lo })
            .max_by(|&a, &b| {
                let ra = exact[a] - u[a] as f64;
                let rb = exact[b] - u[b] as f64;
                let (ra, rb) = if up { (ra, rb) } else { (-ra, -rb) };
                ra.total_cmp(&rb).then(b.cmp(&a))
            });
        let Some(i) = pick else { break };
        u[i] += if up { 1 } else { -1 };
        sum += if up { 1 } else { -1 };
    }
    // The SD: Σu² should be (n − 1)σ²·scale² + sum²/n.
    let target_ss =
        (n as f64 - 1.0) * sigma * sigma * scale * scale + (sum as f64) * (sum as f64) / n as f64;
    for _ in 0..(4 * n + 64) {
        let ss: f64 = u.iter().map(|&v| (v as f64) * (v as f64)).sum();
        let need = target_ss - ss;
        // Raising u_i and lowering u_j changes Σu² by 2(u_i − u_j) + 2.
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| u[a].cmp(&u[b]).then(exact[a].total_cmp(&exact[b])));
        let mut best: Option<(f64, usize, usize)> = None;
        let raisable: Vec<usize> = order.iter().copied().filter(|&i| u[i] < hi).collect();
        for &j in order.iter().filter(|&&j| u[j] > lo) {
            // Wanted u_i = u_j + need/2 − 1: look near it among the raisable values.
            let want = u[j] as f64 + need / 2.0 - 1.0;
            let at = raisable.partition_point(|&i| (u[i] as f64) < want);
            for idx in [at.wrapping_sub(1), at, at + 1, at.wrapping_sub(2)] {
                let Some(&i) = raisable.get(idx) else {
                    continue;
                };
                let i = if i == j {
                    // Same element: take a neighbour with the same value if there is one.
                    match raisable
                        .get(idx + 1)
                        .or_else(|| raisable.get(idx.wrapping_sub(1)))
                    {
                        Some(&other) if other != j => other,
                        _ => continue,
                    }
                } else {
                    i
                };
                let delta = 2.0 * (u[i] - u[j]) as f64 + 2.0;
                let after = (need - delta).abs();
                if best.is_none_or(|(b, _, _)| after < b) {
                    best = Some((after, i, j));
                }
            }
        }
        match best {
            Some((after, i, j)) if after < need.abs() - 1e-9 => {
                u[i] += 1;
                u[j] -= 1;
            }
            _ => break,
        }
    }
    for (v, &k) in x.iter_mut().zip(&u) {
        *v = k as f64 / scale;
    }
}

/// Generates the cohort of a spec with a seed, and checks it against every target.
pub fn generate(spec: &SynthSpec, seed: u64) -> Result<(Cohort, SynthReport), SynthError> {
    let err = |line: usize, message: String| SynthError {
        file: spec.file.clone(),
        line,
        message,
    };
    let total: usize = spec.groups.iter().map(|g| g.n).sum();
    let mut group_of_row = Vec::with_capacity(total);
    let mut columns: Vec<CohortColumn> = spec
        .columns
        .iter()
        .map(|c| CohortColumn {
            name: c.name.clone(),
            values: match &c.kind {
                ColumnKind::Categorical { levels } => ColumnValues::Categorical {
                    levels: levels.clone(),
                    codes: vec![None; total],
                },
                ColumnKind::Numeric { decimals, .. } => ColumnValues::Numeric {
                    decimals: *decimals,
                    values: vec![None; total],
                },
            },
        })
        .collect();
    let mut report = SynthReport {
        title: spec.title.clone(),
        seed,
        moments: Vec::new(),
        counts: Vec::new(),
        correlations: Vec::new(),
    };
    let mut rng = Rng::new(seed);
    let stratum_name = |s: Option<Stratum>| {
        s.map(|s| {
            let c = &spec.columns[s.column];
            let ColumnKind::Categorical { levels } = &c.kind else {
                unreachable!("strata are categorical")
            };
            format!("{}={}", c.name, levels[s.level])
        })
    };
    let mut start = 0;
    for (g, group) in spec.groups.iter().enumerate() {
        let rows: Vec<usize> = (start..start + group.n).collect();
        start += group.n;
        group_of_row.extend(std::iter::repeat_n(g, group.n));
        // Rows of a stratum of this group (categorical columns are filled first).
        let rows_of = |columns: &[CohortColumn], s: Option<Stratum>| -> Vec<usize> {
            match s {
                None => rows.clone(),
                Some(s) => {
                    let ColumnValues::Categorical { codes, .. } = &columns[s.column].values else {
                        unreachable!("strata are categorical")
                    };
                    rows.iter()
                        .copied()
                        .filter(|&r| codes[r] == Some(s.level))
                        .collect()
                }
            }
        };

        // Categorical columns, in spec order (a stratum refers to an earlier column).
        for (c, column) in spec.columns.iter().enumerate() {
            let ColumnKind::Categorical { levels } = &column.kind else {
                continue;
            };
            for t in column.targets.iter().filter(|t| t.group == g) {
                let mut cells = rows_of(&columns, t.stratum);
                let (counts, percent) = match &t.kind {
                    TargetKind::Percent(p) => (counts_from_percent(p, cells.len()), Some(p)),
                    TargetKind::Counts(k) => (k.clone(), None),
                    TargetKind::Moments { .. } => unreachable!("validated"),
                };
                let sum: usize = counts.iter().map(|&k| k as usize).sum();
                if sum != cells.len() {
                    return Err(err(
                        t.line,
                        format!(
                            "counts {counts:?} sum to {sum}, but {} has {} rows",
                            stratum_name(t.stratum).unwrap_or_else(|| group.name.clone()),
                            cells.len()
                        ),
                    ));
                }
                rng.shuffle(&mut cells);
                let ColumnValues::Categorical { codes, .. } = &mut columns[c].values else {
                    unreachable!("categorical")
                };
                let mut next = cells.into_iter();
                for (level, &k) in counts.iter().enumerate() {
                    for row in next.by_ref().take(k as usize) {
                        codes[row] = Some(level);
                    }
                }
                report.counts.push(CountCheck {
                    column: column.name.clone(),
                    group: group.name.clone(),
                    stratum: stratum_name(t.stratum),
                    levels: levels.clone(),
                    target_percent: percent.cloned(),
                    counts,
                });
            }
        }

        // Numeric columns of this group: draw, impose the rank correlations, fit.
        let numeric: Vec<usize> = spec
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                matches!(c.kind, ColumnKind::Numeric { .. })
                    && c.targets.iter().any(|t| t.group == g)
            })
            .map(|(i, _)| i)
            .collect();
        if numeric.is_empty() {
            continue;
        }
        let k = numeric.len();
        let mut draws: Vec<Vec<f64>> = (0..k)
            .map(|_| (0..group.n).map(|_| rng.normal()).collect())
            .collect();
        let stated: Vec<&CorrelationTarget> =
            spec.correlations.iter().filter(|c| c.group == g).collect();
        let mut target = vec![vec![0.0; k]; k];
        for (i, row) in target.iter_mut().enumerate() {
            row[i] = 1.0;
        }
        for c in &stated {
            let a = numeric
                .iter()
                .position(|&i| i == c.between[0])
                .expect("numeric");
            let b = numeric
                .iter()
                .position(|&i| i == c.between[1])
                .expect("numeric");
            let r = 2.0 * (std::f64::consts::PI * c.spearman / 6.0).sin();
            target[a][b] = r;
            target[b][a] = r;
        }
        if !stated.is_empty() {
            let line = stated[0].line;
            if group.n <= k {
                return Err(err(
                    line,
                    format!(
                        "group {:?} has {} rows for {k} correlated columns: it needs more rows than columns",
                        group.name, group.n
                    ),
                ));
            }
            let p = cholesky(&target).map_err(|minor| {
                let names: Vec<&str> = numeric[..minor]
                    .iter()
                    .map(|&i| spec.columns[i].name.as_str())
                    .collect();
                err(
                    line,
                    format!(
                        "the target correlations of group {:?} are not positive definite (no data can have them): the matrix of {names:?}, unlisted pairs 0, has a non-positive leading minor",
                        group.name
                    ),
                )
            })?;
            iman_conover(&mut draws, &p, &mut rng).map_err(|_| {
                err(
                    line,
                    format!(
                        "group {:?}: the random scores are degenerate; try another seed",
                        group.name
                    ),
                )
            })?;
        }
        for (slot, &c) in numeric.iter().enumerate() {
            let column = &spec.columns[c];
            let ColumnKind::Numeric { decimals, min, max } = column.kind else {
                unreachable!("numeric")
            };
            for t in column.targets.iter().filter(|t| t.group == g) {
                let TargetKind::Moments { mean, sd } = t.kind else {
                    unreachable!("validated")
                };
                let cells = rows_of(&columns, t.stratum);
                let place = format!(
                    "column {:?}, {}",
                    column.name,
                    stratum_name(t.stratum).map_or_else(
                        || format!("group {:?}", group.name),
                        |s| format!("group {:?}, {s}", group.name)
                    )
                );
                if cells.len() < 2 {
                    return Err(err(
                        t.line,
                        format!("{place}: {} rows, too few for an SD", cells.len()),
                    ));
                }
                let local: Vec<usize> = cells.iter().map(|&r| r - rows[0]).collect();
                let mut x: Vec<f64> = local.iter().map(|&i| draws[slot][i]).collect();
                fit_moments(&mut x, mean.value, sd.value, min, max).map_err(|why| {
                    err(
                        t.line,
                        format!(
                            "{place}: mean {} and SD {} cannot be reached within [{}, {}]: {why}",
                            mean.value,
                            sd.value,
                            min.map_or("-inf".into(), |v| v.to_string()),
                            max.map_or("inf".into(), |v| v.to_string())
                        ),
                    )
                })?;
                if let Some(d) = decimals {
                    round_and_repair(&mut x, d, mean.value, sd.value, min, max);
                }
                let (m, s) = mean_sd(&x);
                let holds = match decimals {
                    Some(_) => mean.holds(m) && sd.holds(s),
                    None => {
                        (m - mean.value).abs() <= 1e-9 * mean.value.abs().max(1.0)
                            && (s - sd.value).abs() <= 1e-9 * sd.value
                    }
                };
                if !holds {
                    return Err(err(
                        t.line,
                        format!(
                            "{place}: the nearest attainable at {} decimals is mean {m} and SD {s}, which do not round to {} and {}",
                            decimals.unwrap_or(0),
                            mean.value,
                            sd.value
                        ),
                    ));
                }
                let ColumnValues::Numeric { values, .. } = &mut columns[c].values else {
                    unreachable!("numeric")
                };
                for (&row, v) in cells.iter().zip(&x) {
                    values[row] = Some(*v);
                }
                report.moments.push(MomentCheck {
                    column: column.name.clone(),
                    group: group.name.clone(),
                    stratum: stratum_name(t.stratum),
                    n: cells.len(),
                    target_mean: mean,
                    target_sd: sd,
                    mean: m,
                    sd: s,
                });
            }
        }
        // Every pair of numeric columns: its Spearman ρ against its target.
        let value_of = |columns: &[CohortColumn], c: usize| -> Vec<f64> {
            let ColumnValues::Numeric { values, .. } = &columns[c].values else {
                unreachable!("numeric")
            };
            rows.iter()
                .map(|&r| values[r].unwrap_or(f64::NAN))
                .collect()
        };
        for a in 0..k {
            for b in a + 1..k {
                let (ca, cb) = (numeric[a], numeric[b]);
                let stated = stated
                    .iter()
                    .find(|c| c.between == [ca, cb] || c.between == [cb, ca]);
                let target = stated.map_or(0.0, |c| c.spearman);
                let rho = spearman(
                    &value_of(&columns, ca),
                    &value_of(&columns, cb),
                    Alternative::TwoSided,
                    SpearmanMethod::Asymptotic,
                )
                .map(|s| s.rho)
                .unwrap_or(f64::NAN);
                let tolerance = correlation_tolerance(target, group.n);
                report.correlations.push(CorrelationCheck {
                    group: group.name.clone(),
                    between: [spec.columns[ca].name.clone(), spec.columns[cb].name.clone()],
                    target,
                    stated: stated.is_some(),
                    spearman: rho,
                    tolerance,
                    within: (rho - target).abs() < tolerance,
                });
            }
        }
    }
    Ok((
        Cohort {
            group_names: spec.groups.iter().map(|g| g.name.clone()).collect(),
            group: group_of_row,
            columns,
        },
        report,
    ))
}

/// Parses a spec and generates its cohort: [`parse`] then [`generate`].
pub fn synthesize(file: &str, text: &str, seed: u64) -> Result<(Cohort, SynthReport), SynthError> {
    generate(&parse(file, text)?, seed)
}
