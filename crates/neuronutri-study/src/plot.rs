//! Publication figures for study reports: a box plot with every point shown, a scatter plot
//! with its least-squares line and test result, and a coefficient (forest) plot.
//!
//! A reviewer of a clinical paper expects to see the data behind each test, drawn the same
//! way every time. Each function here takes plain numbers and returns the figure both as an
//! SVG string (for the paper) and as PNG bytes (for a report or a quick look); it does no
//! I/O, the caller writes the files. Text in the PNG is drawn with the embedded DejaVu Sans
//! (`assets/DejaVuSans.ttf`, licence beside it), so Cyrillic labels render on any machine;
//! the SVG names the same font first and leaves the glyphs to the viewer.
//!
//! Input is checked before anything is drawn: an empty group, a value that is not a finite
//! number or an interval that does not contain its estimate is a [`PlotError`] naming it.
//! A single point or values that are all equal still give a figure, with a padded axis.
//! Output is deterministic: the same input gives byte-identical SVG and PNG (the jitter of
//! the box plot's points is a fixed low-discrepancy sequence, not a random one).

use std::sync::OnceLock;

mod km;
pub use km::{km_plot, KmCurve, KmPlot};

use crate::i18n::{figure_number, figure_text};
use ab_glyph::{point, Font, FontRef, Glyph, PxScale, ScaleFont};
use neuronutri_stats::descriptive::quantiles;
use plotters::coord::ranged1d::{DefaultFormatting, KeyPointHint};
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters_backend::{BackendColor, BackendCoord, BackendTextStyle, DrawingErrorKind};

/// Width of every figure, in pixels (the SVG uses the same user units).
pub const WIDTH: u32 = 800;
/// Height of every figure, in pixels.
pub const HEIGHT: u32 = 500;

/// The most points a figure draws per group (box plot) or in all (scatter). Beyond it every
/// k-th value is drawn, a systematic sample in data order, and a box plot still draws every
/// value beyond its whiskers; box statistics, axes and fitted lines use all values. Keeps a
/// registry-sized cohort's SVG small enough to open.
pub const MAX_POINTS: usize = 2000;

/// The stride of the systematic sample that draws at most [`MAX_POINTS`] of `n` points.
pub fn point_stride(n: usize) -> usize {
    n.div_ceil(MAX_POINTS).max(1)
}

/// The embedded font and the name it is registered under; the name is also written as the
/// SVG `font-family`, so a viewer with DejaVu Sans shows exactly the laid-out text.
const FONT_FAMILY: &str = "DejaVu Sans, sans-serif";
static DEJAVU_SANS: &[u8] = include_bytes!("../assets/DejaVuSans.ttf");

/// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies; yellow,
/// weak on white, comes last.
const PALETTE: [RGBColor; 7] = [
    RGBColor(0, 114, 178),
    RGBColor(230, 159, 0),
    RGBColor(0, 158, 115),
    RGBColor(204, 121, 167),
    RGBColor(86, 180, 233),
    RGBColor(213, 94, 0),
    RGBColor(240, 228, 66),
];
const INK: RGBColor = RGBColor(0, 0, 0);
const TICK_INK: RGBColor = RGBColor(51, 51, 51);
const GRID: RGBColor = RGBColor(225, 225, 225);
const REFERENCE_LINE: RGBColor = RGBColor(120, 120, 120);

const TITLE_SIZE: f64 = 24.0;
const SUBTITLE_SIZE: f64 = 17.0;
const AXIS_TITLE_SIZE: f64 = 18.0;
const TICK_SIZE: f64 = 16.0;
const MIN_TEXT_SIZE: f64 = 10.0;

/// A rendered figure: the same drawing as SVG text and as PNG bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    /// The figure as a standalone SVG document, `WIDTH` × `HEIGHT` user units.
    pub svg: String,
    /// The figure as an 8-bit RGB PNG of `WIDTH` × `HEIGHT` pixels on white.
    pub png: Vec<u8>,
}

/// Why a figure could not be drawn.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PlotError {
    /// Nothing to draw: no groups, an empty group, no points or no rows.
    #[error("{figure}: nothing to plot: {what}")]
    Empty {
        /// Which figure.
        figure: &'static str,
        /// What is empty, e.g. `group "hfs" has no values`.
        what: String,
    },
    /// A value is NaN or infinite (missing values must be dropped by the caller).
    #[error("{figure}: {what} is not a finite number: {value}")]
    NonFinite {
        /// Which figure.
        figure: &'static str,
        /// Which value, e.g. `group "hfs" value #3` or `x[4]`.
        what: String,
        /// The value found.
        value: f64,
    },
    /// The scatter plot's x and y have different lengths.
    #[error("scatter plot: x has {x} values but y has {y}")]
    LengthMismatch {
        /// Number of x values.
        x: usize,
        /// Number of y values.
        y: usize,
    },
    /// A coefficient's interval is reversed or does not contain its estimate.
    #[error("coefficient plot: row {name:?} has estimate {} outside its interval [{}, {}]", neuronutri_stats::short_number(*.estimate), neuronutri_stats::short_number(*.low), neuronutri_stats::short_number(*.high))]
    EstimateOutsideInterval {
        /// The row's name.
        name: String,
        /// The point estimate.
        estimate: f64,
        /// Lower bound of the interval.
        low: f64,
        /// Upper bound of the interval.
        high: f64,
    },
    /// The values span more than a 64-bit float can hold once padded.
    #[error("{figure}: the {axis} axis would span [{}, {}], too wide to draw", neuronutri_stats::short_number(*.low), neuronutri_stats::short_number(*.high))]
    RangeTooWide {
        /// Which figure.
        figure: &'static str,
        /// `"x"` or `"y"`.
        axis: &'static str,
        /// Smallest value.
        low: f64,
        /// Largest value.
        high: f64,
    },
    /// A log axis was asked for values that are not all positive.
    #[error("{figure}: the log {axis} axis needs positive values, got {}", neuronutri_stats::short_number(*.value))]
    NotPositive {
        /// Which figure.
        figure: &'static str,
        /// `"x"` or `"y"`.
        axis: &'static str,
        /// The first value that is zero or negative.
        value: f64,
    },
    /// The embedded font could not be registered with the drawing library.
    #[error("the embedded DejaVu Sans font could not be loaded")]
    Font,
    /// The drawing library failed.
    #[error("{figure}: drawing failed: {message}")]
    Draw {
        /// Which figure.
        figure: &'static str,
        /// The library's message.
        message: String,
    },
    /// The PNG encoder failed.
    #[error("{figure}: PNG encoding failed: {message}")]
    Png {
        /// Which figure.
        figure: &'static str,
        /// The encoder's message.
        message: String,
    },
}

/// A box plot: one box per group, every observation drawn over it.
#[derive(Debug, Clone, PartialEq)]
pub struct BoxPlot<'a> {
    /// Title above the figure.
    pub title: &'a str,
    /// Name and unit of the measured variable, e.g. `"Mg, ммоль/л"`.
    pub y_label: &'a str,
    /// `(name, values)` per group, left to right; the axis label adds `(n = …)`.
    pub groups: Vec<(&'a str, &'a [f64])>,
}

/// A scatter plot, optionally with a fitted line and a line of test results.
#[derive(Debug, Clone, PartialEq)]
pub struct Scatter<'a> {
    /// Title above the figure.
    pub title: &'a str,
    /// Horizontal axis title.
    pub x_label: &'a str,
    /// Vertical axis title.
    pub y_label: &'a str,
    /// Horizontal coordinates.
    pub x: &'a [f64],
    /// Vertical coordinates, as many as `x`.
    pub y: &'a [f64],
    /// `(intercept, slope)` of a line drawn across the range of `x`, e.g. least squares.
    pub fit: Option<(f64, f64)>,
    /// A line under the title, e.g. `"Spearman ρ = −0.52, p = 0.001, n = 62"`.
    pub annotation: Option<&'a str>,
}

/// A coefficient (forest) plot: one horizontal interval per row, a line at zero.
#[derive(Debug, Clone, PartialEq)]
pub struct CoefficientPlot<'a> {
    /// Title above the figure.
    pub title: &'a str,
    /// Horizontal axis title, e.g. `"Коэффициент (95% ДИ)"`.
    pub x_label: &'a str,
    /// `(name, estimate, ci_low, ci_high)`, drawn top to bottom.
    pub rows: Vec<(&'a str, f64, f64, f64)>,
}

/// What a box plot draws for one group: quartiles by R's default (type 7) definition, the
/// one ggplot2's `geom_boxplot` uses, and Tukey's whiskers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoxStats {
    /// Number of values.
    pub n: usize,
    /// First quartile, the bottom of the box.
    pub q1: f64,
    /// Median, the line across the box.
    pub median: f64,
    /// Third quartile, the top of the box.
    pub q3: f64,
    /// Smallest value not below `q1 − 1.5·IQR`.
    pub whisker_low: f64,
    /// Largest value not above `q3 + 1.5·IQR`.
    pub whisker_high: f64,
}

/// Computes the [`BoxStats`] of `values`, which must be non-empty and finite.
pub fn box_stats(values: &[f64]) -> Result<BoxStats, PlotError> {
    box_stats_with(values, None)
}

/// [`box_stats`], with the quartiles (Q1, median, Q3) by R's type 7 when the caller has
/// them already (a sort fewer).
fn box_stats_with(
    values: &[f64],
    quartiles: Option<(f64, f64, f64)>,
) -> Result<BoxStats, PlotError> {
    const FIGURE: &str = "box statistics";
    if values.is_empty() {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: "no values".to_owned(),
        });
    }
    check_finite(FIGURE, values, |i| format!("value #{}", i + 1))?;
    let (q1, median, q3) = match quartiles {
        Some(q) => q,
        None => {
            // Cannot fail: the values are non-empty and finite.
            let q = quantiles(values, &[0.25, 0.5, 0.75]).map_err(|e| PlotError::Draw {
                figure: FIGURE,
                message: e.to_string(),
            })?;
            (q[0], q[1], q[2])
        }
    };
    let reach = 1.5 * (q3 - q1);
    let (low_fence, high_fence) = (q1 - reach, q3 + reach);
    let whisker_low = values
        .iter()
        .copied()
        .filter(|&v| v >= low_fence)
        .fold(q1, f64::min);
    let whisker_high = values
        .iter()
        .copied()
        .filter(|&v| v <= high_fence)
        .fold(q3, f64::max);
    Ok(BoxStats {
        n: values.len(),
        q1,
        median,
        q3,
        whisker_low,
        whisker_high,
    })
}

/// Draws a box plot: per group a box from Q1 to Q3 with the median, whiskers to the most
/// extreme values within 1.5·IQR of the box, and the values as jittered points (every value
/// up to [`MAX_POINTS`] per group, a systematic sample plus every outlier beyond).
pub fn box_plot(p: &BoxPlot) -> Result<Figure, PlotError> {
    box_plot_with(p, None)
}

/// [`box_plot`], given each group's quartiles (Q1, median, Q3) by R's type 7, as
/// [`neuronutri_stats::descriptive::describe`] computes them from the same values: the
/// same figure without sorting the values again.
pub fn box_plot_with_quartiles(
    p: &BoxPlot,
    quartiles: &[(f64, f64, f64)],
) -> Result<Figure, PlotError> {
    assert_eq!(
        quartiles.len(),
        p.groups.len(),
        "one set of quartiles a group"
    );
    box_plot_with(p, Some(quartiles))
}

fn box_plot_with(p: &BoxPlot, quartiles: Option<&[(f64, f64, f64)]>) -> Result<Figure, PlotError> {
    const FIGURE: &str = "box plot";
    if p.groups.is_empty() {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: "no groups".to_owned(),
        });
    }
    let mut groups = Vec::with_capacity(p.groups.len());
    for (i, &(name, values)) in p.groups.iter().enumerate() {
        if values.is_empty() {
            return Err(PlotError::Empty {
                figure: FIGURE,
                what: format!("group {name:?} has no values"),
            });
        }
        check_finite(FIGURE, values, |i| {
            format!("group {name:?} value #{}", i + 1)
        })?;
        let stats = box_stats_with(values, quartiles.map(|q| q[i]))?;
        groups.push(PreparedGroup {
            name,
            values,
            stats,
        });
    }
    let all = p.groups.iter().flat_map(|(_, v)| v.iter().copied());
    let y = Axis::fit(FIGURE, "y", all)?;
    let (title, y_label) = (figure_text(p.title), figure_text(p.y_label));
    render(
        FIGURE,
        &PreparedBoxPlot {
            title: &title,
            y_label: &y_label,
            groups,
            y,
        },
    )
}

/// Draws a scatter plot of `y` against `x`, with the fitted line across the range of `x`
/// and the annotation under the title when given.
pub fn scatter(p: &Scatter) -> Result<Figure, PlotError> {
    scatter_axes(p, false, false)
}

/// [`scatter`] with a log x axis, a log y axis or both (every value of such an axis must be
/// positive); the fitted line, straight in the data's units, is drawn as the curve it is on
/// log axes (where it stays positive).
pub fn scatter_axes(p: &Scatter, log_x: bool, log_y: bool) -> Result<Figure, PlotError> {
    const FIGURE: &str = "scatter plot";
    if p.x.len() != p.y.len() {
        return Err(PlotError::LengthMismatch {
            x: p.x.len(),
            y: p.y.len(),
        });
    }
    if p.x.is_empty() {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: "no points".to_owned(),
        });
    }
    check_finite(FIGURE, p.x, |i| format!("x[{i}]"))?;
    check_finite(FIGURE, p.y, |i| format!("y[{i}]"))?;
    let x = if log_x {
        Axis::fit_log(FIGURE, "x", p.x.iter().copied())?
    } else {
        Axis::fit(FIGURE, "x", p.x.iter().copied())?
    };
    if log_y {
        if let Some(&value) = p.y.iter().find(|v| **v <= 0.0) {
            return Err(PlotError::NotPositive {
                figure: FIGURE,
                axis: "y",
                value,
            });
        }
    }
    let (x_min, x_max) = min_max(p.x.iter().copied());
    let fit = match p.fit {
        None => None,
        Some((intercept, slope)) => {
            for (what, value) in [("fit intercept", intercept), ("fit slope", slope)] {
                if !value.is_finite() {
                    return Err(PlotError::NonFinite {
                        figure: FIGURE,
                        what: what.to_owned(),
                        value,
                    });
                }
            }
            let ends = [
                (x_min, intercept + slope * x_min),
                (x_max, intercept + slope * x_max),
            ];
            if let Some(&(_, value)) = ends.iter().find(|(_, y)| !y.is_finite()) {
                return Err(PlotError::NonFinite {
                    figure: FIGURE,
                    what: "fitted line at the end of the x range".to_owned(),
                    value,
                });
            }
            if log_x || log_y {
                // a curve on log axes: 64 points, evenly spaced on the x axis as drawn
                const STEPS: usize = 64;
                let at = |i: usize| {
                    let f = i as f64 / STEPS as f64;
                    if log_x {
                        10f64.powf(x_min.log10() + f * (x_max.log10() - x_min.log10()))
                    } else {
                        x_min + f * (x_max - x_min)
                    }
                };
                let curve: Vec<(f64, f64)> = (0..=STEPS)
                    .map(|i| (at(i), intercept + slope * at(i)))
                    .filter(|&(_, y)| !log_y || y > 0.0)
                    .collect();
                (curve.len() >= 2).then_some(curve)
            } else {
                Some(ends.to_vec())
            }
        }
    };
    let y = if log_y {
        // the axis holds the points; the curve is clipped to it
        Axis::fit_log(FIGURE, "y", p.y.iter().copied())?
    } else {
        let fit_ys = fit.iter().flat_map(|line| line.iter().map(|&(_, y)| y));
        Axis::fit(FIGURE, "y", p.y.iter().copied().chain(fit_ys))?
    };
    let fit = match (fit, log_y) {
        (Some(line), true) => {
            let inside: Vec<(f64, f64)> = line
                .into_iter()
                .filter(|&(_, v)| v >= y.low && v <= y.high)
                .collect();
            (inside.len() >= 2).then_some(inside)
        }
        (fit, _) => fit,
    };
    let (title, x_label, y_label) = (
        figure_text(p.title),
        figure_text(p.x_label),
        figure_text(p.y_label),
    );
    let annotation = p.annotation.map(figure_text);
    render(
        FIGURE,
        &PreparedScatter {
            title: &title,
            x_label: &x_label,
            y_label: &y_label,
            points: p
                .x
                .iter()
                .copied()
                .zip(p.y.iter().copied())
                .step_by(point_stride(p.x.len()))
                .collect(),
            fit,
            annotation: annotation.as_deref(),
            x,
            y,
        },
    )
}

/// Draws a coefficient plot: per row, top to bottom, the estimate as a dot on its interval,
/// with a dashed vertical line at zero.
pub fn coefficient_plot(p: &CoefficientPlot) -> Result<Figure, PlotError> {
    coefficient_plot_axis(p, false)
}

/// [`coefficient_plot`] of ratios (odds or hazard ratios) on a log axis, the reference line
/// at 1; every estimate and bound must be positive.
pub fn ratio_plot(p: &CoefficientPlot) -> Result<Figure, PlotError> {
    coefficient_plot_axis(p, true)
}

fn coefficient_plot_axis(p: &CoefficientPlot, log: bool) -> Result<Figure, PlotError> {
    const FIGURE: &str = "coefficient plot";
    if p.rows.is_empty() {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: "no rows".to_owned(),
        });
    }
    for &(name, estimate, low, high) in &p.rows {
        for (part, value) in [("estimate", estimate), ("ci_low", low), ("ci_high", high)] {
            if !value.is_finite() {
                return Err(PlotError::NonFinite {
                    figure: FIGURE,
                    what: format!("row {name:?} {part}"),
                    value,
                });
            }
        }
        if !(low <= estimate && estimate <= high) {
            return Err(PlotError::EstimateOutsideInterval {
                name: name.to_owned(),
                estimate,
                low,
                high,
            });
        }
    }
    let bounds = p.rows.iter().flat_map(|&(_, _, low, high)| [low, high]);
    let (x, reference) = if log {
        (Axis::fit_log(FIGURE, "x", bounds.chain([1.0]))?, 1.0)
    } else {
        (Axis::fit(FIGURE, "x", bounds.chain([0.0]))?, 0.0)
    };
    let (title, x_label) = (figure_text(p.title), figure_text(p.x_label));
    let names: Vec<_> = p.rows.iter().map(|r| figure_text(r.0)).collect();
    render(
        FIGURE,
        &PreparedCoefficients {
            title: &title,
            x_label: &x_label,
            rows: p
                .rows
                .iter()
                .zip(&names)
                .map(|(&(_, b, lo, hi), name)| (name.as_ref(), b, lo, hi))
                .collect(),
            x,
            reference,
        },
    )
}

fn check_finite(
    figure: &'static str,
    values: &[f64],
    name: impl Fn(usize) -> String,
) -> Result<(), PlotError> {
    match values.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(i) => Err(PlotError::NonFinite {
            figure,
            what: name(i),
            value: values[i],
        }),
    }
}

fn min_max(values: impl Iterator<Item = f64>) -> (f64, f64) {
    values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    })
}

/// How an axis writes its tick labels.
#[derive(Debug, Clone, Copy, PartialEq)]
enum TickFormat {
    /// Fixed-point with this many decimals.
    Fixed(usize),
    /// Scientific, this many decimals in the mantissa: for very small or large values.
    Scientific(usize),
    /// A log axis: each tick with the decimals its magnitude needs (0.05, 0.5, 5, 50).
    Log,
}

/// A numeric axis: its padded range, the tick positions and how to write them.
#[derive(Debug, Clone, PartialEq)]
struct Axis {
    low: f64,
    high: f64,
    ticks: Vec<f64>,
    format: TickFormat,
    /// Positions by log10 of the value (`low` > 0).
    log: bool,
}

impl Axis {
    /// Fits an axis to finite, non-empty `values`: 5 % padding each side, or a unit (or
    /// 10 % of the value) each side when all values are equal; 3 to 8 ticks at multiples
    /// of 1, 2 or 5 × 10^k.
    fn fit(
        figure: &'static str,
        axis: &'static str,
        values: impl Iterator<Item = f64>,
    ) -> Result<Axis, PlotError> {
        let (min, max) = min_max(values);
        let too_wide = PlotError::RangeTooWide {
            figure,
            axis,
            low: min,
            high: max,
        };
        let span = max - min;
        let magnitude = min.abs().max(max.abs());
        let pad = if span <= magnitude * 1e-9 {
            if magnitude == 0.0 {
                1.0
            } else {
                magnitude * 0.1
            }
        } else {
            span * 0.05
        };
        let (low, high) = (min - pad, max + pad);
        if !(low.is_finite() && high.is_finite() && (high - low).is_finite() && low < high) {
            return Err(too_wide);
        }
        let raw_step = (high - low) / 8.0;
        let exponent = raw_step.log10().floor();
        let unit = 10f64.powf(exponent);
        let step = [1.0, 2.0, 5.0, 10.0]
            .into_iter()
            .map(|m| m * unit)
            .find(|&s| s >= raw_step)
            .unwrap_or(10.0 * unit);
        let first = (low / step).ceil();
        let last = (high / step).floor();
        let ticks: Vec<f64> = if step.is_finite() && step > 0.0 && last - first <= 20.0 {
            let count = (last - first).max(-1.0) as i64 + 1;
            (0..count).map(|k| (first + k as f64) * step).collect()
        } else {
            Vec::new()
        };
        let ticks = if ticks.is_empty() {
            vec![low, high]
        } else {
            ticks
        };
        let step_exponent = step.log10().floor();
        let top_exponent = low.abs().max(high.abs()).log10().floor();
        let format = if step_exponent < -4.0 || top_exponent >= 7.0 {
            TickFormat::Scientific((top_exponent - step_exponent).clamp(0.0, 6.0) as usize)
        } else {
            TickFormat::Fixed((-step_exponent).max(0.0) as usize)
        };
        Ok(Axis {
            low,
            high,
            ticks,
            format,
            log: false,
        })
    }

    /// Fits a log axis to positive, finite, non-empty `values`: 5 % of the span of their
    /// logarithms as padding each side (a tenth of a decade when all are equal); ticks at
    /// 1, 2 and 5 × 10^k over at most two decades, at 10^k beyond (every n-th decade when
    /// there are more than 8).
    fn fit_log(
        figure: &'static str,
        axis: &'static str,
        values: impl Iterator<Item = f64>,
    ) -> Result<Axis, PlotError> {
        let (min, max) = min_max(values);
        if min <= 0.0 || min.is_nan() {
            return Err(PlotError::NotPositive {
                figure,
                axis,
                value: min,
            });
        }
        let (lmin, lmax) = (min.log10(), max.log10());
        let pad = if lmax - lmin < 1e-9 {
            0.1
        } else {
            (lmax - lmin) * 0.05
        };
        let (low, high) = (10f64.powf(lmin - pad), 10f64.powf(lmax + pad));
        if !(low > 0.0 && high.is_finite() && low < high) {
            return Err(PlotError::RangeTooWide {
                figure,
                axis,
                low: min,
                high: max,
            });
        }
        let decades = lmax - lmin + 2.0 * pad;
        let multiples: &[f64] = if decades <= 2.0 {
            &[1.0, 2.0, 5.0]
        } else {
            &[1.0]
        };
        let every = ((decades / 8.0).ceil() as i64).max(1);
        let mut ticks = Vec::new();
        let (first, last) = ((lmin - pad).floor() as i64, (lmax + pad).ceil() as i64);
        for k in first..=last {
            if k.rem_euclid(every) != 0 {
                continue;
            }
            for m in multiples {
                let t = m * 10f64.powi(k as i32);
                if t >= low && t <= high {
                    ticks.push(t);
                }
            }
        }
        if ticks.len() < 3 && decades <= 2.0 {
            // less than a decade or so: every digit
            ticks = (first..=last)
                .flat_map(|k| (1..10).map(move |m| f64::from(m) * 10f64.powi(k as i32)))
                .filter(|t| *t >= low && *t <= high)
                .collect();
        }
        if ticks.len() < 2 {
            ticks = vec![low, high];
        }
        Ok(Axis {
            low,
            high,
            ticks,
            format: TickFormat::Log,
            log: true,
        })
    }

    /// A categorical axis: positions 1..=count, each a tick.
    fn categories(count: usize) -> Axis {
        Axis {
            low: 0.5,
            high: count as f64 + 0.5,
            ticks: (1..=count).map(|i| i as f64).collect(),
            format: TickFormat::Fixed(0),
            log: false,
        }
    }

    /// A tick label: no negative zero, a typographic minus sign.
    fn label(&self, value: f64) -> String {
        let text = match self.format {
            TickFormat::Fixed(decimals) => format!("{value:.decimals$}"),
            TickFormat::Scientific(_) if value == 0.0 => "0".to_owned(),
            TickFormat::Scientific(decimals) => format!("{value:.decimals$e}"),
            TickFormat::Log if !(1e-4..1e7).contains(&value) => format!("{value:.0e}"),
            TickFormat::Log => {
                // the decimals of the tick's first significant digit (a padded end too)
                let decimals = (-(value.log10().floor()) as i64).max(0) as usize;
                format!("{value:.decimals$}")
            }
        };
        let text = text.replace("e-", "e\u{2212}");
        figure_number(match text.strip_prefix('-') {
            Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_owned(),
            Some(rest) => format!("\u{2212}{rest}"),
            None => text,
        })
    }
}

/// The axis as plotters sees it: a linear map and exactly our ticks, no light mesh lines.
impl Ranged for Axis {
    type FormatOption = DefaultFormatting;
    type ValueType = f64;

    fn map(&self, value: &f64, limit: (i32, i32)) -> i32 {
        let fraction = if self.log {
            (value.log10() - self.low.log10()) / (self.high.log10() - self.low.log10())
        } else {
            (value - self.low) / (self.high - self.low)
        };
        let pixels = f64::from(limit.1 - limit.0) * fraction;
        // `as` saturates, so a value far outside the axis cannot overflow.
        limit.0 + pixels.round() as i32
    }

    fn key_points<Hint: KeyPointHint>(&self, hint: Hint) -> Vec<f64> {
        if hint.weight().allow_light_points() {
            Vec::new()
        } else {
            self.ticks.clone()
        }
    }

    fn range(&self) -> std::ops::Range<f64> {
        self.low..self.high
    }
}

struct PreparedGroup<'a> {
    name: &'a str,
    values: &'a [f64],
    stats: BoxStats,
}

struct PreparedBoxPlot<'a> {
    title: &'a str,
    y_label: &'a str,
    groups: Vec<PreparedGroup<'a>>,
    y: Axis,
}

struct PreparedScatter<'a> {
    title: &'a str,
    x_label: &'a str,
    y_label: &'a str,
    points: Vec<(f64, f64)>,
    /// The fitted line: its two ends, or a curve on log axes.
    fit: Option<Vec<(f64, f64)>>,
    annotation: Option<&'a str>,
    x: Axis,
    y: Axis,
}

struct PreparedCoefficients<'a> {
    title: &'a str,
    x_label: &'a str,
    rows: Vec<(&'a str, f64, f64, f64)>,
    x: Axis,
    /// Where the dashed reference line is: 0 (coefficients) or 1 (ratios).
    reference: f64,
}

type DrawResult<T, DB> = Result<T, DrawingAreaErrorKind<<DB as DrawingBackend>::ErrorType>>;

/// A checked figure that can draw itself on any plotters backend.
trait Draw {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        font: &Typeface,
    ) -> DrawResult<(), DB>;
}

/// DejaVu Sans, measured and drawn the way the SVG backend writes text: plotters' text size
/// `size` becomes an em of `size / 1.24` pixels (the SVG `font-size`), so the PNG and the
/// SVG show text of the same size, and both are laid out with the same widths.
struct Typeface {
    font: FontRef<'static>,
    /// Height (ascent − descent) over units per em, to turn an em into an ab_glyph scale.
    height_per_em: f32,
}

/// x-height of DejaVu Sans (1120 of 2048 units per em), which SVG's `ex` unit stands for.
const X_HEIGHT_PER_EM: f32 = 1120.0 / 2048.0;

impl Typeface {
    /// The embedded font, also registered with plotters for the text it measures itself.
    fn get() -> Result<&'static Typeface, PlotError> {
        static FONT: OnceLock<Option<Typeface>> = OnceLock::new();
        FONT.get_or_init(|| {
            let font = FontRef::try_from_slice(DEJAVU_SANS).ok()?;
            let height_per_em = font.height_unscaled() / font.units_per_em()?;
            // "sans-serif" too, so that no text style left at its default lacks a font.
            for name in [FONT_FAMILY, "sans-serif"] {
                plotters::style::register_font(name, FontStyle::Normal, DEJAVU_SANS).ok()?;
            }
            Some(Typeface {
                font,
                height_per_em,
            })
        })
        .as_ref()
        .ok_or(PlotError::Font)
    }

    fn em(size: f64) -> f32 {
        (size / 1.24) as f32
    }

    /// The glyphs of `text` on a baseline at y = 0 from x = 0, kerned, and the advance.
    fn layout(&self, text: &str, size: f64) -> (Vec<Glyph>, f32) {
        let scale = PxScale::from(Self::em(size) * self.height_per_em);
        let font = self.font.as_scaled(scale);
        let mut glyphs = Vec::with_capacity(text.len());
        let mut pen = 0.0;
        let mut previous = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(previous) = previous {
                pen += font.kern(previous, id);
            }
            glyphs.push(id.with_scale_and_position(scale, point(pen, 0.0)));
            pen += font.h_advance(id);
            previous = Some(id);
        }
        (glyphs, pen)
    }

    fn width(&self, text: &str, size: f64) -> f32 {
        self.layout(text, size).1
    }
}

/// The bitmap backend with its text drawn by [`Typeface`]: glyphs at their side bearings
/// and sub-pixel positions (plotters 0.3.7 drops the bearings, which spaces letters
/// unevenly) and anchored as the SVG backend anchors them. Everything else is the bitmap's.
///
/// The drawing is laid out on a canvas of `size` units; with a `scale` other than 1 (a
/// figure size and dpi of the protocol) each unit is `scale` pixels of the bitmap: shapes,
/// stroke widths and text are drawn at the bitmap's resolution, not enlarged afterwards.
struct Raster<'a> {
    bitmap: BitMapBackend<'a>,
    font: &'static Typeface,
    /// The canvas in layout units.
    size: (u32, u32),
    /// Bitmap pixels per layout unit.
    scale: f64,
}

impl Raster<'_> {
    /// A point of the canvas on the bitmap.
    fn at(&self, (x, y): BackendCoord) -> BackendCoord {
        if self.scale == 1.0 {
            return (x, y);
        }
        (
            (f64::from(x) * self.scale).round() as i32,
            (f64::from(y) * self.scale).round() as i32,
        )
    }

    /// A style with its stroke width in bitmap pixels.
    fn stroke<'s, S: plotters_backend::BackendStyle>(&self, style: &'s S) -> Scaled<'s, S> {
        let width = (f64::from(style.stroke_width()) * self.scale)
            .round()
            .max(1.0) as u32;
        Scaled(style, width)
    }
}

/// A style whose stroke is `.1` pixels wide.
struct Scaled<'s, S>(&'s S, u32);

impl<S: plotters_backend::BackendStyle> plotters_backend::BackendStyle for Scaled<'_, S> {
    fn color(&self) -> BackendColor {
        self.0.color()
    }

    fn stroke_width(&self) -> u32 {
        self.1
    }
}

type RasterError = DrawingErrorKind<<BitMapBackend<'static> as DrawingBackend>::ErrorType>;

impl DrawingBackend for Raster<'_> {
    type ErrorType = <BitMapBackend<'static> as DrawingBackend>::ErrorType;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> Result<(), RasterError> {
        self.bitmap.ensure_prepared()
    }

    fn present(&mut self) -> Result<(), RasterError> {
        self.bitmap.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Result<(), RasterError> {
        if self.scale == 1.0 {
            return self.bitmap.draw_pixel(point, color);
        }
        // a unit of the canvas: a block of the bitmap
        let (x0, y0) = self.at(point);
        let (x1, y1) = self.at((point.0 + 1, point.1 + 1));
        self.bitmap
            .draw_rect((x0, y0), (x1 - 1, y1 - 1), &color, true)
    }

    fn draw_line<S: plotters_backend::BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Result<(), RasterError> {
        let (from, to, style) = (self.at(from), self.at(to), self.stroke(style));
        self.bitmap.draw_line(from, to, &style)
    }

    fn draw_rect<S: plotters_backend::BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Result<(), RasterError> {
        let (a, b, style) = (
            self.at(upper_left),
            self.at(bottom_right),
            self.stroke(style),
        );
        self.bitmap.draw_rect(a, b, &style, fill)
    }

    fn draw_path<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Result<(), RasterError> {
        let points: Vec<BackendCoord> = path.into_iter().map(|p| self.at(p)).collect();
        let style = self.stroke(style);
        self.bitmap.draw_path(points, &style)
    }

    fn draw_circle<S: plotters_backend::BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Result<(), RasterError> {
        let radius = (f64::from(radius) * self.scale).round() as u32;
        let (center, style) = (self.at(center), self.stroke(style));
        self.bitmap.draw_circle(center, radius, &style, fill)
    }

    fn fill_polygon<S: plotters_backend::BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Result<(), RasterError> {
        let points: Vec<BackendCoord> = vert.into_iter().map(|p| self.at(p)).collect();
        self.bitmap.fill_polygon(points, style)
    }

    fn blit_bitmap(
        &mut self,
        pos: BackendCoord,
        size: (u32, u32),
        src: &[u8],
    ) -> Result<(), RasterError> {
        let pos = self.at(pos);
        self.bitmap.blit_bitmap(pos, size, src)
    }

    fn estimate_text_size<S: BackendTextStyle>(
        &self,
        text: &str,
        style: &S,
    ) -> Result<(u32, u32), RasterError> {
        let size = style.size();
        let width = self.font.width(text, size).ceil() as u32;
        Ok((width, Typeface::em(size).ceil() as u32))
    }

    fn draw_text<S: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &S,
        pos: BackendCoord,
    ) -> Result<(), RasterError> {
        let color = style.color();
        if color.alpha == 0.0 {
            return Ok(());
        }
        // laid out at the bitmap's resolution
        let size = style.size() * self.scale;
        let pos = self.at(pos);
        let (glyphs, width) = self.font.layout(text, size);
        let anchor = style.anchor();
        let dx = match anchor.h_pos {
            HPos::Left => 0.0,
            HPos::Center => -width / 2.0,
            HPos::Right => -width,
        };
        // The SVG backend's `dy`: 0.76em below a top anchor, half an ex for the others.
        let em = Typeface::em(size);
        let baseline = match anchor.v_pos {
            VPos::Top => 0.76 * em,
            VPos::Center => 0.5 * X_HEIGHT_PER_EM * em,
            VPos::Bottom => -0.5 * X_HEIGHT_PER_EM * em,
        };
        let transform = style.transform();
        let mut pixels = Vec::new();
        for mut glyph in glyphs {
            glyph.position = point(glyph.position.x + dx, baseline);
            let Some(outline) = self.font.font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x as i32, bounds.min.y as i32);
            outline.draw(|x, y, coverage| {
                let (x, y) = transform.transform(left + x as i32, top + y as i32);
                pixels.push(((pos.0 + x, pos.1 + y), coverage.clamp(0.0, 1.0)));
            });
        }
        for (point, coverage) in pixels {
            let alpha = color.alpha * f64::from(coverage);
            if alpha > 0.0 {
                self.bitmap
                    .draw_pixel(point, BackendColor { alpha, ..color })?;
            }
        }
        Ok(())
    }
}

/// The canvas (layout units), the PNG's pixels, pixels per unit and the dpi to record, for
/// the figure size of the report being built (`[format] figure`), or the default 800 × 500.
struct Geometry {
    canvas: (u32, u32),
    pixels: (u32, u32),
    scale: f64,
    size: Option<crate::format::FigureSize>,
}

fn geometry() -> Geometry {
    match crate::format::current().figure {
        None => Geometry {
            canvas: (WIDTH, HEIGHT),
            pixels: (WIDTH, HEIGHT),
            scale: 1.0,
            size: None,
        },
        Some(size) => {
            let pixels = size.pixels();
            let scale = f64::from(pixels.0) / f64::from(WIDTH);
            let height = (f64::from(pixels.1) / scale).round() as u32;
            Geometry {
                canvas: (WIDTH, height),
                pixels,
                scale,
                size: Some(size),
            }
        }
    }
}

fn render(figure: &'static str, plot: &impl Draw) -> Result<Figure, PlotError> {
    let font = Typeface::get()?;
    let failed = |message: String| PlotError::Draw { figure, message };
    let g = geometry();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, g.canvas).into_drawing_area();
        root.fill(&WHITE).map_err(|e| failed(e.to_string()))?;
        plot.draw(&root, font).map_err(|e| failed(e.to_string()))?;
        root.present().map_err(|e| failed(e.to_string()))?;
    }
    if let Some(size) = g.size {
        // the physical size; the viewBox keeps the layout units
        let units = format!(r#"<svg width="{}" height="{}""#, g.canvas.0, g.canvas.1);
        let cm = format!(
            r#"<svg width="{}cm" height="{}cm""#,
            size.width_cm, size.height_cm
        );
        svg = svg.replacen(&units, &cm, 1);
    }
    let (w, h) = g.pixels;
    let mut rgb = vec![0u8; w as usize * h as usize * 3];
    {
        let bitmap = BitMapBackend::with_buffer(&mut rgb, (w, h));
        let root = Raster {
            bitmap,
            font,
            size: g.canvas,
            scale: g.scale,
        }
        .into_drawing_area();
        root.fill(&WHITE).map_err(|e| failed(e.to_string()))?;
        plot.draw(&root, font).map_err(|e| failed(e.to_string()))?;
        root.present().map_err(|e| failed(e.to_string()))?;
    }
    let png = encode_png(&rgb, g.pixels, g.size.map(|s| s.dpi)).map_err(|e| PlotError::Png {
        figure,
        message: e.to_string(),
    })?;
    Ok(Figure { svg, png })
}

/// The PNG of an RGB bitmap; with a dpi, its pHYs chunk says it (in pixels per metre).
fn encode_png(
    rgb: &[u8],
    (width, height): (u32, u32),
    dpi: Option<u32>,
) -> Result<Vec<u8>, png::EncodingError> {
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, width, height);
    if let Some(dpi) = dpi {
        let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
        encoder.set_pixel_dims(Some(png::PixelDimensions {
            xppu: per_metre,
            yppu: per_metre,
            unit: png::Unit::Meter,
        }));
    }
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgb)?;
    writer.finish()?;
    Ok(png)
}

fn text_style(size: f64, color: &'static RGBColor) -> TextStyle<'static> {
    TextStyle::from((FontFamily::Name(FONT_FAMILY), size).into_font()).color(color)
}

/// The largest size from `size` down to [`MIN_TEXT_SIZE`] at which every text fits in
/// `max_width` pixels.
fn fitted_size(font: &Typeface, texts: &[&str], max_width: u32, mut size: f64) -> f64 {
    while size > MIN_TEXT_SIZE && widest(font, texts.iter().copied(), size) > max_width {
        size -= 1.0;
    }
    size
}

/// Width in pixels of the widest of `texts` at `size`.
fn widest<'t>(font: &Typeface, texts: impl Iterator<Item = &'t str>, size: f64) -> u32 {
    texts
        .map(|text| font.width(text, size).ceil() as u32)
        .max()
        .unwrap_or(0)
}

/// Pixels between an axis and the first line of its category labels.
const LABEL_GAP: u32 = 10;

/// Distance between the baselines of two lines of text at `size`.
fn line_height(size: f64) -> u32 {
    (f64::from(Typeface::em(size)) * 1.25).ceil() as u32
}

/// Breaks `text` at spaces into lines no wider than `max_width` at `size`; a word wider
/// than that is a line of its own.
fn wrap(font: &Typeface, text: &str, size: f64, max_width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match lines.last_mut() {
            Some(line) if font.width(&format!("{line} {word}"), size) <= max_width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// Shortens `line` with an ellipsis until it is no wider than `max_width` at `size`.
/// The longest prefix that fits is found by bisection (widths grow with the prefix), so a
/// long line costs O(n log n), not the O(n²) of dropping one character at a time.
fn truncate(font: &Typeface, line: &str, size: f64, max_width: f32) -> String {
    if font.width(line, size) <= max_width {
        return line.to_owned();
    }
    let ends: Vec<usize> = line.char_indices().map(|(i, _)| i).collect();
    let with_ellipsis = |k: usize| {
        format!(
            "{}\u{2026}",
            &line[..ends.get(k).copied().unwrap_or(line.len())]
        )
    };
    // the largest k (chars kept) whose prefix plus the ellipsis fits; k = 0 is the bare ellipsis
    let (mut lo, mut hi) = (0usize, ends.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if font.width(&with_ellipsis(mid), size) <= max_width {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    with_ellipsis(lo)
}

/// Category labels wrapped into at most `max_lines` lines of `max_width` pixels, at the
/// largest size from [`TICK_SIZE`] down to [`MIN_TEXT_SIZE`] where they fit; what still
/// does not fit at the smallest size is cut short with an ellipsis, never clipped.
fn fit_labels(
    font: &Typeface,
    labels: &[&str],
    max_width: f32,
    max_lines: usize,
) -> (f64, Vec<Vec<String>>) {
    let mut size = TICK_SIZE;
    loop {
        let wrapped: Vec<Vec<String>> = labels
            .iter()
            .map(|label| wrap(font, label, size, max_width))
            .collect();
        let fits = wrapped.iter().all(|lines| {
            lines.len() <= max_lines && lines.iter().all(|l| font.width(l, size) <= max_width)
        });
        if fits {
            return (size, wrapped);
        }
        if size <= MIN_TEXT_SIZE {
            let cut = wrapped
                .into_iter()
                .map(|mut lines| {
                    if lines.len() > max_lines {
                        lines.truncate(max_lines.max(1));
                        if let Some(last) = lines.last_mut() {
                            last.push_str(" \u{2026}");
                        }
                    }
                    lines
                        .iter()
                        .map(|line| truncate(font, line, size, max_width))
                        .collect()
                })
                .collect();
            return (size, cut);
        }
        size -= 1.0;
    }
}

/// Draws the title (and a subtitle) centred at the top; returns the area left below.
fn header<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    font: &Typeface,
    title: &str,
    subtitle: Option<&str>,
) -> DrawResult<DrawingArea<DB, Shift>, DB> {
    let max_width = WIDTH - 40;
    let centre = (WIDTH / 2) as i32;
    let top = Pos::new(HPos::Center, VPos::Top);
    let size = fitted_size(font, &[title], max_width, TITLE_SIZE);
    root.draw_text(title, &text_style(size, &INK).pos(top), (centre, 14))?;
    let mut used = 14 + TITLE_SIZE as u32 + 8;
    if let Some(subtitle) = subtitle {
        let size = fitted_size(font, &[subtitle], max_width, SUBTITLE_SIZE);
        let style = text_style(size, &TICK_INK).pos(top);
        root.draw_text(subtitle, &style, (centre, used as i32))?;
        used += SUBTITLE_SIZE as u32 + 8;
    }
    Ok(root.margin(used, 0, 0, 0))
}

/// Width of the area left of a plot: tick labels, the rotated axis title and gaps.
fn y_label_area_width(tick_label_width: u32) -> u32 {
    tick_label_width + 12 + AXIS_TITLE_SIZE as u32 + 14
}

/// A deterministic jitter in [−0.5, 0.5): the golden-ratio sequence, evenly spread for any
/// number of points.
fn jitter(index: usize) -> f64 {
    const GOLDEN: f64 = 0.618_033_988_749_894_9;
    ((index as f64 + 1.0) * GOLDEN).fract() - 0.5
}

impl Draw for PreparedBoxPlot<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        font: &Typeface,
    ) -> DrawResult<(), DB> {
        let area = header(root, font, self.title, None)?;
        let tick_style = text_style(TICK_SIZE, &TICK_INK);
        let tick_labels: Vec<String> = self.y.ticks.iter().map(|&t| self.y.label(t)).collect();
        let tick_width = widest(font, tick_labels.iter().map(String::as_str), TICK_SIZE);
        let y_area = y_label_area_width(tick_width);
        let count = self.groups.len();
        let slot = WIDTH.saturating_sub(y_area + 30) as f32 / count as f32 - 8.0;
        let names: Vec<&str> = self.groups.iter().map(|g| g.name).collect();
        let (label_size, mut labels) = fit_labels(font, &names, slot, 3);
        for (lines, group) in labels.iter_mut().zip(&self.groups) {
            lines.push(format!("(n = {})", group.stats.n));
        }
        let line_height = line_height(label_size);
        let most_lines = labels.iter().map(Vec::len).max().unwrap_or(1);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(20)
            .margin_bottom(6)
            .x_label_area_size(LABEL_GAP + most_lines as u32 * line_height)
            .y_label_area_size(y_area)
            .build_cartesian_2d(Axis::categories(count), self.y.clone())?;
        let y_label = |y: &f64| self.y.label(*y);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(INK)
            .y_label_style(tick_style.clone())
            .axis_desc_style(text_style(AXIS_TITLE_SIZE, &INK))
            .y_desc(self.y_label)
            .x_label_formatter(&|_| String::new())
            .y_label_formatter(&y_label)
            .draw()?;
        // Group names, wrapped, with n on the last line, centred under each box.
        let style = text_style(label_size, &INK).pos(Pos::new(HPos::Center, VPos::Top));
        for (i, lines) in labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&((i + 1) as f64, self.y.low));
            for (k, line) in lines.iter().enumerate() {
                let top = y + LABEL_GAP as i32 + (k as u32 * line_height) as i32;
                root.draw_text(line, &style, (x, top))?;
            }
        }

        const HALF_BOX: f64 = 0.28;
        const HALF_CAP: f64 = 0.1;
        const JITTER_WIDTH: f64 = 0.36;
        for (i, group) in self.groups.iter().enumerate() {
            let x = (i + 1) as f64;
            let color = PALETTE[i % PALETTE.len()];
            let s = group.stats;
            let line = color.mix(1.0).stroke_width(2);
            chart.draw_series([Rectangle::new(
                [(x - HALF_BOX, s.q1), (x + HALF_BOX, s.q3)],
                color.mix(0.15).filled(),
            )])?;
            // The outline as a path, as the SVG backend draws a rectangle's border 1 px wide;
            // it starts and ends mid-edge so that no corner shows the seam.
            let (left, right) = (x - HALF_BOX, x + HALF_BOX);
            let outline = vec![
                (x, s.q1),
                (right, s.q1),
                (right, s.q3),
                (left, s.q3),
                (left, s.q1),
                (x, s.q1),
            ];
            chart.draw_series([PathElement::new(outline, line)])?;
            chart.draw_series([
                PathElement::new(vec![(x, s.q3), (x, s.whisker_high)], line),
                PathElement::new(vec![(x, s.q1), (x, s.whisker_low)], line),
                PathElement::new(
                    vec![
                        (x - HALF_CAP, s.whisker_high),
                        (x + HALF_CAP, s.whisker_high),
                    ],
                    line,
                ),
                PathElement::new(
                    vec![(x - HALF_CAP, s.whisker_low), (x + HALF_CAP, s.whisker_low)],
                    line,
                ),
            ])?;
            let stride = point_stride(group.values.len());
            let drawn = group
                .values
                .iter()
                .enumerate()
                .filter(|&(j, &v)| j % stride == 0 || v < s.whisker_low || v > s.whisker_high);
            chart.draw_series(drawn.map(|(j, &v)| {
                Circle::new(
                    (x + JITTER_WIDTH * jitter(j), v),
                    3,
                    color.mix(0.65).filled(),
                )
            }))?;
            chart.draw_series([PathElement::new(
                vec![(x - HALF_BOX, s.median), (x + HALF_BOX, s.median)],
                INK.stroke_width(3),
            )])?;
        }
        Ok(())
    }
}

impl Draw for PreparedScatter<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        font: &Typeface,
    ) -> DrawResult<(), DB> {
        let area = header(root, font, self.title, self.annotation)?;
        let tick_style = text_style(TICK_SIZE, &TICK_INK);
        let tick_labels: Vec<String> = self.y.ticks.iter().map(|&t| self.y.label(t)).collect();
        let tick_width = widest(font, tick_labels.iter().map(String::as_str), TICK_SIZE);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(10)
            .x_label_area_size(24 + TICK_SIZE as u32 + AXIS_TITLE_SIZE as u32)
            .y_label_area_size(y_label_area_width(tick_width))
            .build_cartesian_2d(self.x.clone(), self.y.clone())?;
        let x_label = |x: &f64| self.x.label(*x);
        let y_label = |y: &f64| self.y.label(*y);
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(INK)
            .label_style(tick_style.clone())
            .axis_desc_style(text_style(AXIS_TITLE_SIZE, &INK))
            .x_desc(self.x_label)
            .y_desc(self.y_label)
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .draw()?;
        if let Some(line) = &self.fit {
            chart.draw_series([PathElement::new(line.clone(), PALETTE[5].stroke_width(2))])?;
        }
        let color = PALETTE[0];
        chart.draw_series(
            self.points
                .iter()
                .map(|&p| Circle::new(p, 4, color.mix(0.7).filled())),
        )?;
        Ok(())
    }
}

impl Draw for PreparedCoefficients<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        font: &Typeface,
    ) -> DrawResult<(), DB> {
        let area = header(root, font, self.title, None)?;
        let count = self.rows.len();
        // Row i (from the top) sits at y = count − i, so the first row is drawn on top.
        let row_at = |i: usize| (count - i) as f64;
        // Names take at most 40 % of the width, and as many lines as a row has room for.
        let row_height = root.dim_in_pixel().1.saturating_sub(130) / count as u32;
        let max_lines = (row_height / line_height(TICK_SIZE)).clamp(1, 3) as usize;
        let names: Vec<&str> = self.rows.iter().map(|r| r.0).collect();
        let (name_size, labels) = fit_labels(font, &names, WIDTH as f32 * 0.4, max_lines);
        let name_width = labels
            .iter()
            .map(|lines| widest(font, lines.iter().map(String::as_str), name_size))
            .max()
            .unwrap_or(0);
        let mut chart = ChartBuilder::on(&area)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(6)
            .x_label_area_size(24 + TICK_SIZE as u32 + AXIS_TITLE_SIZE as u32)
            .y_label_area_size(name_width + LABEL_GAP + 6)
            .build_cartesian_2d(self.x.clone(), Axis::categories(count))?;
        let x_label = |x: &f64| self.x.label(*x);
        chart
            .configure_mesh()
            .disable_y_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(INK)
            .x_label_style(text_style(TICK_SIZE, &TICK_INK))
            .axis_desc_style(text_style(AXIS_TITLE_SIZE, &INK))
            .x_desc(self.x_label)
            .x_label_formatter(&x_label)
            .y_label_formatter(&|_| String::new())
            .draw()?;
        // Row names, wrapped, right-aligned left of the axis and centred on the row.
        let style = text_style(name_size, &INK).pos(Pos::new(HPos::Right, VPos::Center));
        let step = line_height(name_size) as i32;
        for (i, lines) in labels.iter().enumerate() {
            let (x, y) = chart.backend_coord(&(self.x.low, row_at(i)));
            let first = y - step * (lines.len() as i32 - 1) / 2;
            for (k, line) in lines.iter().enumerate() {
                let at = (x - LABEL_GAP as i32, first + step * k as i32);
                root.draw_text(line, &style, at)?;
            }
        }
        // Dashed reference line at zero (1 for ratios): 40 dashes over the plot's height.
        let zero = self.reference;
        let (bottom, top) = (0.5, count as f64 + 0.5);
        let dash = (top - bottom) / 80.0;
        chart.draw_series((0..40).map(|k| {
            let from = bottom + 2.0 * k as f64 * dash;
            PathElement::new(
                vec![(zero, from), (zero, from + dash)],
                REFERENCE_LINE.stroke_width(1),
            )
        }))?;
        let color = PALETTE[0];
        let line = color.stroke_width(2);
        const HALF_CAP: f64 = 0.12;
        for (i, &(_, estimate, low, high)) in self.rows.iter().enumerate() {
            let y = row_at(i);
            chart.draw_series([
                PathElement::new(vec![(low, y), (high, y)], line),
                PathElement::new(vec![(low, y - HALF_CAP), (low, y + HALF_CAP)], line),
                PathElement::new(vec![(high, y - HALF_CAP), (high, y + HALF_CAP)], line),
            ])?;
            chart.draw_series([Circle::new((estimate, y), 5, color.filled())])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HFS: [f64; 12] = [
        0.71, 0.78, 0.74, 0.69, 0.81, 0.77, 0.75, 0.66, 0.79, 0.73, 0.95, 0.72,
    ];
    const CONTROL: [f64; 10] = [0.84, 0.88, 0.80, 0.91, 0.86, 0.83, 0.89, 0.85, 0.62, 0.87];

    fn sample_box_plot() -> BoxPlot<'static> {
        BoxPlot {
            title: "Магний сыворотки по группам",
            y_label: "Mg, ммоль/л",
            groups: vec![("hfs", &HFS), ("контроль", &CONTROL)],
        }
    }

    fn sample_scatter() -> Scatter<'static> {
        Scatter {
            title: "Магний и тяжесть мигрени",
            x_label: "Mg, ммоль/л",
            y_label: "MIDAS, баллы",
            x: &[
                0.62, 0.66, 0.69, 0.71, 0.72, 0.74, 0.75, 0.78, 0.81, 0.84, 0.88, 0.91,
            ],
            y: &[
                31.0, 27.0, 24.0, 26.0, 19.0, 22.0, 17.0, 15.0, 16.0, 10.0, 9.0, 6.0,
            ],
            fit: Some((83.0, -85.0)),
            annotation: Some("Spearman ρ = −0.97, p < 0.001, n = 12"),
        }
    }

    fn sample_coefficients() -> CoefficientPlot<'static> {
        CoefficientPlot {
            title: "Модель: MIDAS ~ Mg + возраст + пол",
            x_label: "Коэффициент (95% ДИ)",
            rows: vec![
                ("Mg, на 0.1 ммоль/л", -8.5, -11.2, -5.8),
                ("Возраст, на 10 лет", 1.2, -0.4, 2.8),
                ("Женский пол", 3.1, 0.2, 6.0),
            ],
        }
    }

    /// Width and height from the IHDR chunk, after checking the PNG signature.
    fn png_size(png: &[u8]) -> (u32, u32) {
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        let be = |b: &[u8]| u32::from_be_bytes([b[0], b[1], b[2], b[3]]);
        (be(&png[16..20]), be(&png[20..24]))
    }

    /// Decodes the whole PNG and returns its pixels, RGB.
    fn png_pixels(png: &[u8]) -> Vec<u8> {
        let decoder = png::Decoder::new(std::io::Cursor::new(png));
        let mut reader = decoder.read_info().expect("PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("buffer size")];
        let info = reader.next_frame(&mut pixels).expect("PNG data");
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        pixels
    }

    /// The contents of the SVG's `<text>` elements, trimmed, entities left as they are.
    fn svg_texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|element| {
                let body = &element[element.find('>')? + 1..];
                Some(body[..body.find("</text>")?].trim().to_owned())
            })
            .collect()
    }

    /// Checks the SVG (well formed at its ends, every text in `texts` shown, no NaN) and the
    /// PNG (signature, size, decodes, white background with something drawn on it).
    fn check_figure(figure: &Figure, texts: &[&str]) {
        let svg = figure.svg.trim();
        assert!(svg.starts_with("<svg"), "{}", &svg[..40.min(svg.len())]);
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains(&format!(r#"width="{WIDTH}" height="{HEIGHT}""#)));
        let shown = svg_texts(svg);
        for text in texts {
            assert!(
                shown.iter().any(|t| t == text),
                "SVG lacks {text:?}: {shown:?}"
            );
        }
        for bad in ["NaN", "inf"] {
            assert!(!svg.contains(bad), "SVG contains {bad}");
        }
        assert_eq!(png_size(&figure.png), (WIDTH, HEIGHT));
        let pixels = png_pixels(&figure.png);
        let white = pixels.chunks(3).filter(|p| p == &[255, 255, 255]).count();
        let total = (WIDTH * HEIGHT) as usize;
        assert!(white > total / 2, "mostly white background");
        assert!(white < total, "something is drawn");
    }

    #[test]
    fn box_plot_renders_with_cyrillic_labels() {
        let figure = box_plot(&sample_box_plot()).unwrap();
        check_figure(
            &figure,
            &[
                "Магний сыворотки по группам",
                "Mg, ммоль/л",
                "hfs",
                "(n = 12)",
                "контроль",
                "(n = 10)",
            ],
        );
        assert!(figure
            .svg
            .contains(r#"font-family="DejaVu Sans, sans-serif""#));
    }

    #[test]
    fn scatter_renders_with_annotation() {
        let figure = scatter(&sample_scatter()).unwrap();
        check_figure(
            &figure,
            &[
                "Магний и тяжесть мигрени",
                "Mg, ммоль/л",
                "MIDAS, баллы",
                "Spearman ρ = −0.97, p &lt; 0.001, n = 12",
            ],
        );
    }

    #[test]
    fn coefficient_plot_renders_rows_and_negative_ticks() {
        let figure = coefficient_plot(&sample_coefficients()).unwrap();
        check_figure(
            &figure,
            &[
                "Модель: MIDAS ~ Mg + возраст + пол",
                "Коэффициент (95% ДИ)",
                "Mg, на 0.1 ммоль/л",
                "Женский пол",
                "\u{2212}10",
            ],
        );
    }

    #[test]
    fn rendering_is_deterministic() {
        assert_eq!(box_plot(&sample_box_plot()), box_plot(&sample_box_plot()));
        assert_eq!(scatter(&sample_scatter()), scatter(&sample_scatter()));
        assert_eq!(
            coefficient_plot(&sample_coefficients()),
            coefficient_plot(&sample_coefficients())
        );
    }

    fn check_box(values: &[f64], expect: [f64; 5]) {
        let s = box_stats(values).unwrap();
        let got = [s.q1, s.median, s.q3, s.whisker_low, s.whisker_high];
        for (g, e) in got.iter().zip(expect) {
            assert!(
                (g - e).abs() < 1e-12,
                "{values:?}: got {got:?}, expected {expect:?}"
            );
        }
        assert_eq!(s.n, values.len());
    }

    #[test]
    fn box_stats_are_r_type_7_quartiles_and_tukey_whiskers() {
        // R: quantile(x) and the most extreme values within 1.5 IQR, computed by hand.
        // 1..9, 100: Q1 = 3 + 0.25, Q3 = 7 + 0.75, fences -3.5 and 14.5.
        check_box(
            &[1., 2., 3., 4., 5., 6., 7., 8., 9., 100.],
            [3.25, 5.5, 7.75, 1., 9.],
        );
        // Unsorted 7 2 4 5 4: quartiles 4, 4, 5, fences 2.5 and 6.5 leave out 2 and 7.
        check_box(&[7., 2., 4., 5., 4.], [4., 4., 5., 4., 5.]);
        // Two values: h = 0.25 and 0.75 between them; both within the fences.
        check_box(&[10., 20.], [12.5, 15., 17.5, 10., 20.]);
        // One value, and all equal: a flat box.
        check_box(&[3.], [3., 3., 3., 3., 3.]);
        check_box(&[2., 2., 2.], [2., 2., 2., 2., 2.]);
        // Four values: h = 0.75, 1.5, 2.25.
        check_box(&[1., 2., 4., 8.], [1.75, 3., 5., 1., 8.]);
    }

    #[test]
    fn box_stats_agree_with_the_statistics_crate() {
        let s = box_stats(&HFS).unwrap();
        let d = neuronutri_stats::descriptive::describe(&HFS).unwrap();
        assert_eq!((s.q1, s.median, s.q3), (d.q1, d.median, d.q3));
    }

    #[test]
    fn degenerate_input_gives_a_figure_or_a_named_error() {
        let one = [5.0];
        let flat = [0.0, 0.0, 0.0];
        let huge = [-1e308, 1e308];
        let tiny = [1e-300, 2e-300];
        for values in [&one[..], &flat, &tiny] {
            let figure = box_plot(&BoxPlot {
                title: "t",
                y_label: "y",
                groups: vec![("g", values)],
            })
            .unwrap();
            check_figure(&figure, &["g"]);
            let figure = scatter(&Scatter {
                title: "t",
                x_label: "x",
                y_label: "y",
                x: values,
                y: values,
                fit: Some((0.0, 1.0)),
                annotation: None,
            })
            .unwrap();
            check_figure(&figure, &[]);
        }
        let figure = coefficient_plot(&CoefficientPlot {
            title: "t",
            x_label: "x",
            rows: vec![("a", 0.0, 0.0, 0.0)],
        })
        .unwrap();
        check_figure(&figure, &["a"]);

        // Far more groups and rows than fit: cramped, but drawn.
        let names: Vec<String> = (0..200).map(|i| format!("группа номер {i}")).collect();
        let crowd = BoxPlot {
            title: "t",
            y_label: "y",
            groups: names.iter().map(|n| (n.as_str(), &one[..])).collect(),
        };
        let crowded = box_plot(&crowd).unwrap();
        assert_eq!(png_size(&crowded.png), (WIDTH, HEIGHT));
        let rows = names.iter().map(|n| (n.as_str(), 0.0, -1.0, 1.0)).collect();
        let crowd = CoefficientPlot {
            title: "t",
            x_label: "x",
            rows,
        };
        let crowded = coefficient_plot(&crowd).unwrap();
        assert_eq!(png_size(&crowded.png), (WIDTH, HEIGHT));
        assert!(!crowded.svg.contains("NaN"));

        let message = |r: Result<Figure, PlotError>| r.unwrap_err().to_string();
        let group = |values| BoxPlot {
            title: "t",
            y_label: "y",
            groups: vec![("hfs", values)],
        };
        assert_eq!(
            message(box_plot(&group(&[]))),
            r#"box plot: nothing to plot: group "hfs" has no values"#
        );
        assert_eq!(
            message(box_plot(&group(&[1.0, f64::NAN]))),
            r#"box plot: group "hfs" value #2 is not a finite number: NaN"#
        );
        assert!(message(box_plot(&group(&huge))).contains("too wide to draw"));
        assert_eq!(
            message(box_plot(&BoxPlot {
                title: "t",
                y_label: "y",
                groups: vec![],
            })),
            "box plot: nothing to plot: no groups"
        );
        let points = |x, y, fit| Scatter {
            title: "t",
            x_label: "x",
            y_label: "y",
            x,
            y,
            fit,
            annotation: None,
        };
        assert_eq!(
            message(scatter(&points(&[1.0], &[], None))),
            "scatter plot: x has 1 values but y has 0"
        );
        assert_eq!(
            message(scatter(&points(&[], &[], None))),
            "scatter plot: nothing to plot: no points"
        );
        assert_eq!(
            message(scatter(&points(&[1.0, f64::INFINITY], &[1.0, 2.0], None))),
            "scatter plot: x[1] is not a finite number: inf"
        );
        assert_eq!(
            message(scatter(&points(&[1.0], &[1.0], Some((0.0, f64::NAN))))),
            "scatter plot: fit slope is not a finite number: NaN"
        );
        assert!(
            message(scatter(&points(&[-1e308, 1e308], &[1.0, 2.0], None)))
                .contains("the x axis would span")
        );
        assert!(message(scatter(&points(
            &[-1e300, 1e300],
            &[1.0, 2.0],
            Some((0.0, 1e10))
        )))
        .contains("fitted line"));
        let rows = |rows| CoefficientPlot {
            title: "t",
            x_label: "x",
            rows,
        };
        assert_eq!(
            message(coefficient_plot(&rows(vec![]))),
            "coefficient plot: nothing to plot: no rows"
        );
        assert_eq!(
            message(coefficient_plot(&rows(vec![("age", 1.0, 2.0, 0.5)]))),
            r#"coefficient plot: row "age" has estimate 1 outside its interval [2, 0.5]"#
        );
        assert_eq!(
            message(coefficient_plot(&rows(vec![("age", 1.0, f64::NAN, 2.0)]))),
            r#"coefficient plot: row "age" ci_low is not a finite number: NaN"#
        );
    }

    fn check_ticks(min: f64, max: f64, expect: &[&str]) {
        let axis = Axis::fit("t", "y", [min, max].into_iter()).unwrap();
        let labels: Vec<String> = axis.ticks.iter().map(|&t| axis.label(t)).collect();
        assert_eq!(labels, expect, "[{min}, {max}]");
        assert!(axis.low < min && max < axis.high, "[{min}, {max}] padded");
    }

    #[test]
    fn axis_ticks_are_round_and_labels_clean() {
        check_ticks(
            0.62,
            0.95,
            &["0.65", "0.70", "0.75", "0.80", "0.85", "0.90", "0.95"],
        );
        check_ticks(-11.2, 6.0, &["\u{2212}10", "\u{2212}5", "0", "5"]);
        check_ticks(
            0.0,
            0.0,
            &["\u{2212}1.0", "\u{2212}0.5", "0.0", "0.5", "1.0"],
        );
        check_ticks(5.0, 5.0, &["4.6", "4.8", "5.0", "5.2", "5.4"]);
        check_ticks(6.0, 31.0, &["5", "10", "15", "20", "25", "30"]);
        check_ticks(
            1e-300,
            2e-300,
            &[
                "1.0e\u{2212}300",
                "1.2e\u{2212}300",
                "1.4e\u{2212}300",
                "1.6e\u{2212}300",
                "1.8e\u{2212}300",
                "2.0e\u{2212}300",
            ],
        );
        check_ticks(1e8, 3e8, &["1.0e8", "1.5e8", "2.0e8", "2.5e8", "3.0e8"]);
        let axis = Axis::fit("t", "x", [-11.2, 6.0].into_iter()).unwrap();
        assert_eq!(axis.label(-0.0), "0");
        assert_eq!(axis.label(-1e-17), "0");
    }

    /// Writes the sample figures to `$NEURONUTRI_PLOT_DIR` when it is set, to look at them.
    #[test]
    fn sample_figures_to_plot_dir() {
        let Some(dir) = std::env::var_os("NEURONUTRI_PLOT_DIR") else {
            return;
        };
        let dir = std::path::PathBuf::from(dir);
        let groups: Vec<(&str, &[f64])> = vec![
            ("Мигрень без ауры", &HFS),
            ("Мигрень с аурой", &CONTROL),
            ("Головная боль напряжения", &HFS[..5]),
            ("Контроль", &[0.8]),
            ("hfs", &[1e-3; 4]),
            ("Кластерная головная боль", &CONTROL[2..]),
        ];
        let crowded = BoxPlot {
            title:
                "Очень длинный заголовок рисунка, который не помещается в ширину рисунка целиком",
            y_label: "Магний сыворотки, ммоль/л",
            groups,
        };
        let tiny = Scatter {
            title: "Одна точка",
            x_label: "x",
            y_label: "y",
            x: &[2.5e-7],
            y: &[-3e9],
            fit: None,
            annotation: None,
        };
        let long_names = CoefficientPlot {
            title: "Длинные имена",
            x_label: "ОШ (95% ДИ)",
            rows: vec![
                (
                    "Сывороточный магний ниже референсного интервала, на 0.1 ммоль/л",
                    0.2,
                    0.1,
                    0.3,
                ),
                ("Пол", 0.0, 0.0, 0.0),
            ],
        };
        let figures = [
            ("box_plot", box_plot(&sample_box_plot()).unwrap()),
            ("scatter", scatter(&sample_scatter()).unwrap()),
            (
                "coefficients",
                coefficient_plot(&sample_coefficients()).unwrap(),
            ),
            ("box_plot_crowded", box_plot(&crowded).unwrap()),
            ("scatter_one_point", scatter(&tiny).unwrap()),
            (
                "coefficients_long_names",
                coefficient_plot(&long_names).unwrap(),
            ),
        ];
        for (name, figure) in figures {
            std::fs::write(dir.join(format!("{name}.svg")), figure.svg).unwrap();
            std::fs::write(dir.join(format!("{name}.png")), figure.png).unwrap();
        }
    }

    #[test]
    fn large_samples_draw_a_systematic_sample_of_points() {
        let values: Vec<f64> = (0..10_000).map(|i| ((i * 7919) % 10_007) as f64).collect();
        let mut with_outliers = values.clone();
        with_outliers.extend([1e6, 2e6, -1e6]);
        let figure = box_plot(&BoxPlot {
            title: "t",
            y_label: "y",
            groups: vec![("a", &with_outliers)],
        })
        .unwrap();
        let circles = figure.svg.matches("<circle").count();
        // 10 003 values at stride 6: indices 0, 6, ..., 10 002 (1 668 points, the last of
        // them the outlier -1e6), plus the outliers at 10 000 and 10 001.
        assert_eq!(point_stride(with_outliers.len()), 6);
        assert_eq!(circles, 1668 + 2, "{circles}");
        let x: Vec<f64> = (0..10_000).map(f64::from).collect();
        let figure = scatter(&Scatter {
            title: "t",
            x_label: "x",
            y_label: "y",
            x: &x,
            y: &values,
            fit: None,
            annotation: None,
        })
        .unwrap();
        assert_eq!(figure.svg.matches("<circle").count(), 2000);
        assert_eq!(point_stride(2000), 1);
        assert_eq!(point_stride(2001), 2);
    }

    #[test]
    fn a_log_axis_places_values_by_their_logarithm() {
        let axis = Axis::fit_log("test", "x", [1.0, 1000.0].into_iter()).unwrap();
        let at = |v: f64| axis.map(&v, (0, 1000));
        // equal ratios, equal distances (to the pixel's rounding)
        assert!((at(10.0) - at(1.0) - (at(100.0) - at(10.0))).abs() <= 1);
        assert!((at(100.0) - at(10.0) - (at(1000.0) - at(100.0))).abs() <= 1);
        assert!(at(10.0) - at(1.0) > 250);
        // three decades: ticks at the powers of ten, labelled as numbers
        assert_eq!(axis.ticks, vec![1.0, 10.0, 100.0, 1000.0]);
        let labels: Vec<String> = axis.ticks.iter().map(|&t| axis.label(t)).collect();
        assert_eq!(labels, ["1", "10", "100", "1000"]);
        // a narrow range: every digit; small values with their decimals
        let narrow = Axis::fit_log("test", "y", [0.03, 0.08].into_iter()).unwrap();
        let labels: Vec<String> = narrow.ticks.iter().map(|&t| narrow.label(t)).collect();
        assert_eq!(labels, ["0.03", "0.04", "0.05", "0.06", "0.07", "0.08"]);
        // a linear axis does not: 10 is nearer to 1 than to 100
        let linear = Axis::fit("test", "x", [1.0, 1000.0].into_iter()).unwrap();
        let at = |v: f64| linear.map(&v, (0, 1000));
        assert!(at(10.0) - at(1.0) < at(100.0) - at(10.0));
        // not positive: an error naming the axis and the value
        let e = Axis::fit_log("scatter plot", "y", [0.0, 5.0].into_iter()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "scatter plot: the log y axis needs positive values, got 0"
        );
    }
}
