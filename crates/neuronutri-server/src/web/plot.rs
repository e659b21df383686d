//! The trend plot of one analyte, drawn on the server as inline SVG (no script, no image
//! request): the results over time as a line with points, the reference range as a shaded
//! band, and the thresholds in force as dashed lines labelled with their values. Values and
//! limits come from the caller (the record and the knowledge); nothing here knows a number
//! of medicine. Colours are SVG presentation attributes (the page's CSP allows no inline
//! styles); every point carries a `<title>` with its date and value, and the figure has a
//! text alternative (the labs table beside it holds the same numbers).

use super::escape_html;
use chrono::{DateTime, Utc};

/// One result.
#[derive(Clone, Debug)]
pub struct Point {
    /// When the sample was taken.
    pub at: DateTime<Utc>,
    /// The value in the plot's unit.
    pub value: f64,
    /// The date and value as a reader sees them (for the point's tooltip).
    pub label: String,
}

/// A horizontal line at a threshold.
#[derive(Clone, Debug)]
pub struct Line {
    /// Where.
    pub value: f64,
    /// Its label (the value with its unit).
    pub label: String,
}

/// What to draw.
#[derive(Clone, Debug)]
pub struct Trend<'a> {
    /// Results, any order.
    pub points: &'a [Point],
    /// The reference range, if there is one.
    pub band: Option<(f64, f64)>,
    /// Threshold lines; those far outside the data are left out of the drawing (the table
    /// under the plot lists every threshold).
    pub lines: &'a [Line],
    /// The accessible name of the figure.
    pub title: &'a str,
    /// Dates for the axis, as a reader sees them (first and last).
    pub first_label: &'a str,
    /// See `first_label`.
    pub last_label: &'a str,
}

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 240.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 110.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 30.0;

/// A round step for about `n` ticks over `span`.
fn nice_step(span: f64, n: f64) -> f64 {
    let raw = span / n;
    let magnitude = 10f64.powf(raw.log10().floor());
    let residual = raw / magnitude;
    let nice = if residual < 1.5 {
        1.0
    } else if residual < 3.0 {
        2.0
    } else if residual < 7.0 {
        5.0
    } else {
        10.0
    };
    nice * magnitude
}

fn number(value: f64, step: f64, decimal_comma: bool) -> String {
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    let text = format!("{value:.decimals$}");
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The SVG of `trend`, or `None` when there is nothing finite to draw.
pub fn svg(trend: &Trend, id: &str, decimal_comma: bool) -> Option<String> {
    let points: Vec<&Point> = trend
        .points
        .iter()
        .filter(|p| p.value.is_finite())
        .collect();
    if points.is_empty() {
        return None;
    }
    let (mut lo, mut hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.value), hi.max(p.value))
    });
    if let Some((a, b)) = trend.band.filter(|(a, b)| a.is_finite() && b.is_finite()) {
        lo = lo.min(a);
        hi = hi.max(b);
    }
    // Thresholds within half the span around the data and band are drawn.
    let span = (hi - lo).max(hi.abs() * 0.1).max(1e-9);
    let drawn: Vec<&Line> = trend
        .lines
        .iter()
        .filter(|l| l.value.is_finite() && l.value >= lo - span * 0.5 && l.value <= hi + span * 0.5)
        .collect();
    for line in &drawn {
        lo = lo.min(line.value);
        hi = hi.max(line.value);
    }
    let pad = ((hi - lo) * 0.08).max(hi.abs() * 0.02).max(1e-9);
    let (y0, y1) = (
        (lo - pad).max(if lo >= 0.0 { 0.0 } else { f64::MIN }),
        hi + pad,
    );
    let t0 = points.iter().map(|p| p.at).min()?;
    let t1 = points.iter().map(|p| p.at).max()?;
    let (t0, t1) = if t1 > t0 {
        (t0, t1)
    } else {
        (
            t0 - chrono::Duration::days(15),
            t1 + chrono::Duration::days(15),
        )
    };
    let seconds = (t1 - t0).num_seconds().max(1) as f64;
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let x = |t: DateTime<Utc>| LEFT + (t - t0).num_seconds() as f64 / seconds * plot_w;
    let y = |v: f64| TOP + (y1 - v) / (y1 - y0) * plot_h;

    let title_id = format!("{id}-title");
    let mut out = format!(
        "<svg class=\"trend\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" aria-labelledby=\"{title_id}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{title_id}\">{}</title>",
        escape_html(trend.title)
    );
    out.push_str(&format!(
        "<rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{plot_w}\" height=\"{plot_h}\" fill=\"#ffffff\" stroke=\"#767676\"/>"
    ));
    if let Some((a, b)) = trend
        .band
        .filter(|(a, b)| a.is_finite() && b.is_finite() && b >= a)
    {
        let (ya, yb) = (y(a.max(y0)), y(b.min(y1)));
        out.push_str(&format!(
            "<rect x=\"{LEFT}\" y=\"{yb:.1}\" width=\"{plot_w}\" height=\"{:.1}\" fill=\"#d8eedd\"/>",
            (ya - yb).max(0.0)
        ));
    }
    // Y ticks.
    let step = nice_step(y1 - y0, 4.0);
    let mut tick = (y0 / step).ceil() * step;
    while tick <= y1 + step * 1e-9 {
        let ty = y(tick);
        out.push_str(&format!(
            "<line x1=\"{}\" x2=\"{LEFT}\" y1=\"{ty:.1}\" y2=\"{ty:.1}\" stroke=\"#4a4a4a\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text>",
            LEFT - 4.0,
            LEFT - 6.0,
            ty + 4.0,
            number(tick, step, decimal_comma)
        ));
        tick += step;
    }
    for line in &drawn {
        let ly = y(line.value);
        out.push_str(&format!(
            "<line x1=\"{LEFT}\" x2=\"{}\" y1=\"{ly:.1}\" y2=\"{ly:.1}\" stroke=\"#8a4b00\" stroke-width=\"1.2\" stroke-dasharray=\"5 4\"/>\
             <text x=\"{}\" y=\"{:.1}\" font-size=\"11\" fill=\"#6b3a00\">{}</text>",
            LEFT + plot_w,
            LEFT + plot_w + 4.0,
            ly + 4.0,
            escape_html(&line.label)
        ));
    }
    let mut sorted = points.clone();
    sorted.sort_by_key(|p| p.at);
    let path: Vec<String> = sorted
        .iter()
        .map(|p| format!("{:.1},{:.1}", x(p.at), y(p.value)))
        .collect();
    out.push_str(&format!(
        "<polyline points=\"{}\" fill=\"none\" stroke=\"#0b5394\" stroke-width=\"2\"/>",
        path.join(" ")
    ));
    for p in &sorted {
        out.push_str(&format!(
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"#0b5394\"><title>{}</title></circle>",
            x(p.at),
            y(p.value),
            escape_html(&p.label)
        ));
    }
    out.push_str(&format!(
        "<text x=\"{LEFT}\" y=\"{}\" font-size=\"11\" fill=\"#1a1a1a\">{}</text>\
         <text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\" fill=\"#1a1a1a\">{}</text></svg>",
        HEIGHT - 10.0,
        escape_html(trend.first_label),
        LEFT + plot_w,
        HEIGHT - 10.0,
        escape_html(trend.last_label)
    ));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn point(day: u32, value: f64) -> Point {
        Point {
            at: Utc.with_ymd_and_hms(2026, 1, day, 8, 0, 0).unwrap(),
            value,
            label: format!("<{value}>"),
        }
    }

    #[test]
    fn draws_points_band_and_near_thresholds_only() {
        let points = [point(1, 0.62), point(10, 0.70), point(20, 0.81)];
        let lines = [
            Line {
                value: 0.5,
                label: "0.5 mmol/L".into(),
            },
            Line {
                value: 2.0,
                label: "2 mmol/L".into(),
            },
        ];
        let svg = svg(
            &Trend {
                points: &points,
                band: Some((0.75, 0.95)),
                lines: &lines,
                title: "Mg <script>",
                first_label: "2026-01-01",
                last_label: "2026-01-20",
            },
            "mg",
            false,
        )
        .unwrap();
        assert_eq!(svg.matches("<circle").count(), 3);
        assert!(svg.contains("fill=\"#d8eedd\""), "band");
        assert!(svg.contains("0.5 mmol/L"), "near threshold drawn");
        assert!(!svg.contains("2 mmol/L"), "far threshold left to the table");
        assert!(svg.contains("Mg &lt;script&gt;") && !svg.contains("<script>"));
        assert!(svg.contains("&lt;0.62&gt;"));
        assert!(!svg.contains("NaN") && !svg.contains("inf"));
    }

    #[test]
    fn one_point_or_odd_values_never_print_nan() {
        let points = [point(3, 0.8), point(4, f64::NAN)];
        let svg = svg(
            &Trend {
                points: &points,
                band: None,
                lines: &[],
                title: "t",
                first_label: "a",
                last_label: "b",
            },
            "x",
            true,
        )
        .unwrap();
        assert_eq!(svg.matches("<circle").count(), 1);
        assert!(!svg.contains("NaN"));
        assert!(svg.contains(">0,8"), "decimal comma on the axis: {svg}");
        let none = svg_of_nothing();
        assert!(none.is_none());
    }

    fn svg_of_nothing() -> Option<String> {
        svg(
            &Trend {
                points: &[],
                band: None,
                lines: &[],
                title: "t",
                first_label: "",
                last_label: "",
            },
            "x",
            false,
        )
    }
}
