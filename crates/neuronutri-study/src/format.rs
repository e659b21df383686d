//! The protocol's `[format]` table: how many decimals each kind of estimate is printed with.
//!
//! ```toml
//! [format]
//! decimals = { mean = 1, percent = 1, statistic = 2, p = 3, r = 2, effect = 2, b = 4, or = 3, hr = 3 }
//! figure = { width = 16, height = 10, dpi = 300 }   # centimetres; dots per inch
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
    #[serde(default)]
    figure: Option<Spanned<RawFigure>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFigure {
    #[serde(default)]
    width: Option<Spanned<f64>>,
    #[serde(default)]
    height: Option<Spanned<f64>>,
    #[serde(default)]
    dpi: Option<Spanned<i64>>,
}

/// The physical size and resolution of the figures (`[format] figure`): the SVG says its
/// width and height in centimetres, the PNG has `width × dpi` pixels (and says its dpi).
/// The drawing keeps its layout: 800 units wide, as high as the proportions ask.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FigureSize {
    /// Width in centimetres.
    pub width_cm: f64,
    /// Height in centimetres.
    pub height_cm: f64,
    /// Dots (PNG pixels) per inch.
    pub dpi: u32,
}

/// The figures' size without `[format] figure`: 800 × 500 pixels at 96 dpi.
pub const DEFAULT_FIGURE: FigureSize = FigureSize {
    width_cm: 800.0 / 96.0 * 2.54,
    height_cm: 500.0 / 96.0 * 2.54,
    dpi: 96,
};

/// Most pixels of one PNG figure (a 30 × 20 cm figure at 1200 dpi has 1.3e8: too many).
pub const MAX_FIGURE_PIXELS: u64 = 40_000_000;

impl FigureSize {
    /// The PNG's width and height in pixels.
    pub fn pixels(&self) -> (u32, u32) {
        let px = |cm: f64| (cm / 2.54 * f64::from(self.dpi)).round().max(1.0) as u32;
        (px(self.width_cm), px(self.height_cm))
    }
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
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Format {
    /// Printed decimals.
    pub decimals: Decimals,
    /// Size and resolution of the figures; `None`: 800 × 500 pixels (SVG user units).
    pub figure: Option<FigureSize>,
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
    let figure = match raw.figure {
        None => None,
        Some(f) => Some(figure(f, &err)?),
    };
    Ok(Format {
        decimals: d,
        figure,
    })
}

fn figure<E>(raw: Spanned<RawFigure>, err: &impl Fn(usize, String) -> E) -> Result<FigureSize, E> {
    let at = raw.span().start;
    let raw = raw.into_inner();
    let cm = |v: &Option<Spanned<f64>>, key: &str, default: f64| -> Result<f64, E> {
        match v {
            None => Ok(default),
            Some(v) if (3.0..=60.0).contains(v.get_ref()) => Ok(*v.get_ref()),
            Some(v) => Err(err(
                v.span().start,
                format!(
                    "format: figure: {key} = {}: give centimetres from 3 to 60",
                    v.get_ref()
                ),
            )),
        }
    };
    let width_cm = cm(&raw.width, "width", DEFAULT_FIGURE.width_cm)?;
    // without a height the figure keeps the default proportions
    let height_cm = cm(
        &raw.height,
        "height",
        width_cm * DEFAULT_FIGURE.height_cm / DEFAULT_FIGURE.width_cm,
    )?;
    let dpi = match &raw.dpi {
        None => DEFAULT_FIGURE.dpi,
        Some(d) if (72..=1200).contains(d.get_ref()) => *d.get_ref() as u32,
        Some(d) => {
            return Err(err(
                d.span().start,
                format!("format: figure: dpi = {}: give 72 to 1200", d.get_ref()),
            ))
        }
    };
    let ratio = height_cm / width_cm;
    if !(0.3..=2.0).contains(&ratio) {
        return Err(err(
            at,
            format!(
                "format: figure: height {height_cm} cm over width {width_cm} cm is {ratio:.2}; \
                 give a height from 0.3 to 2 times the width"
            ),
        ));
    }
    let size = FigureSize {
        width_cm,
        height_cm,
        dpi,
    };
    let (w, h) = size.pixels();
    if u64::from(w) * u64::from(h) > MAX_FIGURE_PIXELS {
        return Err(err(
            at,
            format!(
                "format: figure: {width_cm} × {height_cm} cm at {dpi} dpi is {w} × {h} pixels; \
                 at most {MAX_FIGURE_PIXELS} pixels are allowed (lower the dpi)"
            ),
        ));
    }
    Ok(size)
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
