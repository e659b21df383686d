//! The Kaplan–Meier figure of a survival table: one step curve per group with its censoring
//! marks, and the number at risk at chosen times in a table under the time axis (as a
//! journal's KM figure shows it). Same size, font, palette and axes style as the other
//! figures of [`crate::plot`]; deterministic output.

use super::*;

/// One group's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct KmCurve<'a> {
    /// Group name, as the risk table names it.
    pub name: &'a str,
    /// The curve: `(time, S just after it)` at each time where S drops, in time order.
    pub drops: Vec<(f64, f64)>,
    /// Where the curve ends: the last observed time (event or censoring).
    pub end: f64,
    /// Censoring marks: `(time, S at that time)`.
    pub censored: Vec<(f64, f64)>,
    /// Number at risk at each of the plot's `risk_times`.
    pub at_risk: Vec<usize>,
}

/// A Kaplan–Meier plot.
#[derive(Debug, Clone, PartialEq)]
pub struct KmPlot<'a> {
    /// Title above the figure.
    pub title: &'a str,
    /// A line under the title, e.g. the log-rank test.
    pub annotation: Option<&'a str>,
    /// Time axis title, e.g. `"Time, days"`.
    pub x_label: &'a str,
    /// Curves, in legend order.
    pub curves: Vec<KmCurve<'a>>,
    /// Times of the risk table (also the axis ticks), increasing, from 0.
    pub risk_times: &'a [f64],
}

/// The palette as a static, so a text style can borrow a colour of it.
static COLOURS: [RGBColor; 7] = PALETTE;

/// Most curves one figure draws (the palette repeats beyond 7).
pub const MAX_CURVES: usize = 20;

/// Draws a Kaplan–Meier plot.
pub fn km_plot(p: &KmPlot) -> Result<Figure, PlotError> {
    const FIGURE: &str = "Kaplan–Meier plot";
    if p.curves.is_empty() || p.risk_times.is_empty() {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: "no curves or no risk-table times".to_owned(),
        });
    }
    if p.curves.len() > MAX_CURVES {
        return Err(PlotError::Empty {
            figure: FIGURE,
            what: format!("{} curves; at most {MAX_CURVES} are drawn", p.curves.len()),
        });
    }
    check_finite(FIGURE, p.risk_times, |i| format!("risk time #{}", i + 1))?;
    for c in &p.curves {
        let values: Vec<f64> = c
            .drops
            .iter()
            .chain(&c.censored)
            .flat_map(|&(t, s)| [t, s])
            .chain([c.end])
            .collect();
        check_finite(FIGURE, &values, |i| {
            format!("curve {:?} value #{}", c.name, i + 1)
        })?;
        if c.at_risk.len() != p.risk_times.len() {
            return Err(PlotError::LengthMismatch {
                x: p.risk_times.len(),
                y: c.at_risk.len(),
            });
        }
    }
    let last = p
        .curves
        .iter()
        .map(|c| c.end)
        .chain(p.risk_times.iter().copied())
        .fold(0.0f64, f64::max);
    let high = if last > 0.0 { last * 1.03 } else { 1.0 };
    if !high.is_finite() {
        return Err(PlotError::RangeTooWide {
            figure: FIGURE,
            axis: "x",
            low: 0.0,
            high: last,
        });
    }
    // Ticks at the risk times (so each column of the risk table sits under its tick).
    let step = p
        .risk_times
        .windows(2)
        .map(|w| w[1] - w[0])
        .fold(f64::INFINITY, f64::min);
    let decimals = if step.is_finite() && step > 0.0 && step < 1.0 {
        (-step.log10().floor()) as usize
    } else {
        0
    };
    // Evenly spaced risk times go on as ticks to the end of the axis.
    let mut ticks = p.risk_times.to_vec();
    let gaps: Vec<f64> = p.risk_times.windows(2).map(|w| w[1] - w[0]).collect();
    if let Some(&gap) = gaps.first() {
        if gap > 0.0 && gaps.iter().all(|g| (g - gap).abs() <= 1e-9 * gap) {
            while let Some(&last) = ticks.last() {
                let next = last + gap;
                if next > high || ticks.len() > 40 {
                    break;
                }
                ticks.push(next);
            }
        }
    }
    let x = Axis {
        low: p.risk_times[0].min(0.0),
        high,
        ticks,
        format: TickFormat::Fixed(decimals.min(6)),
        log: false,
    };
    let y = Axis {
        low: 0.0,
        high: 1.02,
        ticks: vec![0.0, 0.25, 0.5, 0.75, 1.0],
        format: TickFormat::Fixed(2),
        log: false,
    };
    render(
        FIGURE,
        &PreparedKm {
            plot: p.clone(),
            x,
            y,
        },
    )
}

struct PreparedKm<'a> {
    plot: KmPlot<'a>,
    x: Axis,
    y: Axis,
}

impl Draw for PreparedKm<'_> {
    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        font: &Typeface,
    ) -> DrawResult<(), DB> {
        let p = &self.plot;
        let (title, annotation) = (figure_text(p.title), p.annotation.map(figure_text));
        let area = header(root, font, &title, annotation.as_deref())?;
        let count = p.curves.len();
        // The risk table: a heading and one row per curve, at most 40 % of the figure.
        let max_table = (f64::from(root.dim_in_pixel().1) * 0.4) as u32;
        let mut size = TICK_SIZE - 2.0;
        while size > MIN_TEXT_SIZE && line_height(size) * (count as u32 + 1) + 8 > max_table {
            size -= 1.0;
        }
        let row = line_height(size);
        let table_height = row * (count as u32 + 1) + 8;
        let (_, area_height) = area.dim_in_pixel();
        let (upper, _) = area.split_vertically(area_height.saturating_sub(table_height));
        let tick_style = text_style(TICK_SIZE, &TICK_INK);
        let tick_labels: Vec<String> = self.y.ticks.iter().map(|&t| self.y.label(t)).collect();
        let tick_width = widest(font, tick_labels.iter().map(String::as_str), TICK_SIZE);
        // Curve names left of the risk table share the y-label area.
        let names: Vec<&str> = p.curves.iter().map(|c| c.name).collect();
        let name_room = WIDTH as f32 * 0.25;
        let (name_size, labels) = fit_labels(font, &names, name_room, 1);
        let name_size = name_size.min(size);
        let name_width = labels
            .iter()
            .map(|l| widest(font, l.iter().map(String::as_str), name_size))
            .max()
            .unwrap_or(0);
        // The numbers at the first risk time are centred on the axis: the names end left of
        // the widest of them.
        let number_half = p
            .curves
            .iter()
            .filter_map(|c| c.at_risk.first())
            .map(|n| font.width(&n.to_string(), size).ceil() as u32)
            .max()
            .unwrap_or(0)
            / 2;
        let y_area = y_label_area_width(tick_width).max(name_width + number_half + 28);
        let mut chart = ChartBuilder::on(&upper)
            .margin_left(10)
            .margin_right(30)
            .margin_bottom(4)
            .x_label_area_size(20 + TICK_SIZE as u32 + AXIS_TITLE_SIZE as u32)
            .y_label_area_size(y_area)
            .build_cartesian_2d(self.x.clone(), self.y.clone())?;
        let x_label = |x: &f64| self.x.label(*x);
        let y_label = |y: &f64| self.y.label(*y);
        chart
            .configure_mesh()
            .bold_line_style(GRID)
            .light_line_style(TRANSPARENT)
            .axis_style(INK)
            .label_style(tick_style)
            .axis_desc_style(text_style(AXIS_TITLE_SIZE, &INK))
            .x_desc(figure_text(p.x_label))
            .y_desc(figure_text("Survival probability"))
            .x_label_formatter(&x_label)
            .y_label_formatter(&y_label)
            .draw()?;
        for (i, c) in p.curves.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let mut path = vec![(0.0f64.min(self.x.low), 1.0)];
            let mut s = 1.0;
            for &(t, after) in &c.drops {
                path.push((t, s));
                path.push((t, after));
                s = after;
            }
            path.push((c.end.max(path.last().map_or(0.0, |p| p.0)), s));
            chart.draw_series([PathElement::new(path, color.stroke_width(2))])?;
            let stride = point_stride(c.censored.len());
            let mark = color.stroke_width(2);
            chart.draw_series(c.censored.iter().step_by(stride).map(|&at| {
                EmptyElement::at(at)
                    + PathElement::new(vec![(-5, 0), (5, 0)], mark)
                    + PathElement::new(vec![(0, -5), (0, 5)], mark)
            }))?;
        }
        // The risk table under the axis title.
        let (_, bottom) = chart.backend_coord(&(self.x.low, self.y.low));
        let top = bottom + 20 + TICK_SIZE as i32 + AXIS_TITLE_SIZE as i32 + 4;
        let (left, _) = chart.backend_coord(&(self.x.low, self.y.low));
        let heading = text_style(size, &INK).pos(Pos::new(HPos::Left, VPos::Top));
        root.draw_text(&figure_text("Number at risk"), &heading, (10, top))?;
        let centre = Pos::new(HPos::Center, VPos::Top);
        for (i, c) in p.curves.iter().enumerate() {
            let color = &COLOURS[i % COLOURS.len()];
            let y = top + (row * (i as u32 + 1)) as i32;
            let name = labels[i].first().map_or("", String::as_str);
            let style = text_style(name_size, color).pos(Pos::new(HPos::Right, VPos::Top));
            root.draw_text(name, &style, (left - number_half as i32 - 10, y))?;
            let number = text_style(size, color).pos(centre);
            for (&t, n) in p.risk_times.iter().zip(&c.at_risk) {
                let (x, _) = chart.backend_coord(&(t, self.y.low));
                root.draw_text(&n.to_string(), &number, (x, y))?;
            }
        }
        Ok(())
    }
}
