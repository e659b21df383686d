//! The protocol's `[format]` table: how many decimals each kind of estimate is printed with.
//!
//! ```toml
//! [format]
//! decimals = { mean = 1, percent = 1, statistic = 2, p = 3, r = 2, effect = 2, b = 4, or = 3, hr = 3 }
//! ```
//!
//! Every key is optional; a key left out keeps the report's default (given with each field of
//! [`Decimals`]). While [`crate::report::run`] builds a report the protocol's choice is the
//! current one of the thread ([`Scope`]), so the printing helpers read it without a parameter.

use serde::Deserialize;
use std::cell::Cell;
use std::collections::BTreeMap;
use toml::Spanned;

/// The `[format]` table as written.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFormat {
    #[serde(default)]
    decimals: BTreeMap<String, Spanned<i64>>,
}

/// Printed decimals of each kind of estimate (the protocol's `[format] decimals`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decimals {
    /// `mean`: M ± SD, median [IQR] and differences of a variable without its own `decimals`
    /// (default: by the magnitude of its values: 0 from 100, 1 from 10, else 2).
    pub mean: Option<usize>,
    /// `percent`: the % of n (%) cells and of survival (default 1).
    pub percent: usize,
    /// `statistic`: test statistics (t, U, F, H, χ², z, q) (default 2; Mann–Whitney's U 1).
    pub statistic: Option<usize>,
    /// `p`: p- and q-values (default 3; below 10^−p they print as "<0.001", with p zeros).
    pub p: usize,
    /// `r`: correlation coefficients ρ and r (default 2).
    pub r: usize,
    /// `effect`: effect sizes (Hedges' g, rank-biserial r, η², d_z) and standardized β
    /// (default 2).
    pub effect: usize,
    /// `b`: regression coefficients b, their SEs and CIs (default 4).
    pub b: usize,
    /// `or`: odds ratios and their CIs (default 3).
    pub or: usize,
    /// `hr`: hazard ratios and their CIs (default 3).
    pub hr: usize,
}

impl Default for Decimals {
    fn default() -> Self {
        Decimals {
            mean: None,
            percent: 1,
            statistic: None,
            p: 3,
            r: 2,
            effect: 2,
            b: 4,
            or: 3,
            hr: 3,
        }
    }
}

/// The keys of `[format] decimals`, for messages.
pub const DECIMALS_KEYS: [&str; 9] = [
    "mean",
    "percent",
    "statistic",
    "p",
    "r",
    "effect",
    "b",
    "or",
    "hr",
];

/// Most decimals a key may ask for.
pub const MAX_DECIMALS: i64 = 10;

/// The validated `[format]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Format {
    /// Printed decimals.
    pub decimals: Decimals,
}

/// Validates `[format]`: `err(offset, message)` makes the error at a byte offset of the file.
pub(crate) fn parse<E>(
    raw: Option<RawFormat>,
    err: impl Fn(usize, String) -> E,
) -> Result<Format, E> {
    let raw = raw.unwrap_or_default();
    let mut d = Decimals::default();
    for (key, value) in &raw.decimals {
        let n = *value.get_ref();
        let at = value.span().start;
        let lowest = if key == "p" { 1 } else { 0 };
        if !DECIMALS_KEYS.contains(&key.as_str()) {
            return Err(err(
                at,
                format!(
                    "format: decimals: {} is not one of {}",
                    crate::quote_short(key),
                    DECIMALS_KEYS.join(", ")
                ),
            ));
        }
        if !(lowest..=MAX_DECIMALS).contains(&n) {
            return Err(err(
                at,
                format!(
                    "format: decimals: {key} = {n}: give a whole number from {lowest} to \
                     {MAX_DECIMALS}"
                ),
            ));
        }
        let n = n as usize;
        match key.as_str() {
            "mean" => d.mean = Some(n),
            "percent" => d.percent = n,
            "statistic" => d.statistic = Some(n),
            "p" => d.p = n,
            "r" => d.r = n,
            "effect" => d.effect = n,
            "b" => d.b = n,
            "or" => d.or = n,
            _ => d.hr = n,
        }
    }
    Ok(Format { decimals: d })
}

thread_local! {
    static CURRENT: Cell<Format> = Cell::new(Format::default());
}

/// The format of the report being built on this thread (the defaults outside a report).
pub(crate) fn current() -> Format {
    CURRENT.with(Cell::get)
}

/// The decimals of the report being built on this thread.
pub(crate) fn decimals() -> Decimals {
    current().decimals
}

/// While it lives, the thread prints with this format; the one before comes back on drop.
pub(crate) struct Scope(Format);

impl Scope {
    pub(crate) fn enter(format: Format) -> Scope {
        Scope(CURRENT.with(|c| c.replace(format)))
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        CURRENT.with(|c| c.set(self.0));
    }
}
