//! `[format] figure = { width, height, dpi }` (issue 13 item 7): the figures' files have the
//! size asked for: the PNG has width × dpi pixels and records its dpi (pHYs), the SVG states
//! its width and height in centimetres; the drawing fills the larger bitmap (drawn at its
//! resolution, not left in a corner). Bad values are errors naming the file and the line.
//! Data: the Heart Disease cohort (examples/heart-disease-study, CC BY 4.0) with the
//! protocol of `test_data/rows` (scatter, coefficient and residual plots).

use neuronutri_study::{protocol, render, report, table};

const PROTOCOL: &str = include_str!("../test_data/rows/protocol.toml");
const COHORT: &str = include_str!("../../../examples/heart-disease-study/cohort.csv");

fn run(toml: &str) -> Result<report::Report, String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", COHORT.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())
}

fn with_format(format: &str) -> String {
    format!("{PROTOCOL}\n[format]\n{format}\n")
}

/// (width, height, pixels per metre if stated, RGB bytes) of a PNG.
fn decode(png: &[u8]) -> (u32, u32, Option<u32>, Vec<u8>) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png))
        .read_info()
        .unwrap();
    let info = reader.info();
    let (w, h) = (info.width, info.height);
    let ppm = info
        .pixel_dims
        .filter(|d| d.unit == png::Unit::Meter)
        .map(|d| d.xppu);
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut buf).unwrap();
    (w, h, ppm, buf)
}

#[test]
fn figures_have_the_size_and_dpi_asked_for() {
    let r = run(&with_format(
        "figure = { width = 16, height = 12, dpi = 300 }",
    ))
    .unwrap();
    assert!(r.figures.len() >= 4, "{}", r.figures.len());
    // 16 cm and 12 cm at 300 dots per inch
    let (want_w, want_h) = (
        (16.0 / 2.54 * 300.0_f64).round() as u32,
        (12.0 / 2.54 * 300.0_f64).round() as u32,
    );
    assert_eq!((want_w, want_h), (1890, 1417));
    for f in &r.figures {
        let (w, h, ppm, rgb) = decode(&f.png);
        assert_eq!((w, h), (want_w, want_h), "{}", f.id);
        assert_eq!(ppm, Some((300.0 / 0.0254_f64).round() as u32), "{}", f.id);
        // ink in the lower right quarter: the drawing fills the bitmap
        let dark = |x: u32, y: u32| {
            let i = 3 * (y * w + x) as usize;
            rgb[i..i + 3].iter().all(|&c| c < 128)
        };
        let lower_right = (h / 2..h)
            .flat_map(|y| (w / 2..w).map(move |x| (x, y)))
            .filter(|&(x, y)| dark(x, y))
            .count();
        assert!(lower_right > 1000, "{}: {lower_right} dark pixels", f.id);
        // the SVG: 16 × 12 cm, the layout's 800 units wide
        let head = &f.svg[..f.svg.find('>').unwrap()];
        assert!(
            head.starts_with(r#"<svg width="16cm" height="12cm" viewBox="0 0 800 600""#),
            "{}: {head}",
            f.id
        );
    }
    // the Word document takes the figures at their own proportions
    render::docx(&r).unwrap();
}

#[test]
fn without_a_figure_size_the_figures_stay_800_by_500() {
    let r = run(PROTOCOL).unwrap();
    for f in &r.figures {
        let (w, h, ppm, _) = decode(&f.png);
        assert_eq!((w, h, ppm), (800, 500, None), "{}", f.id);
        assert!(
            f.svg.starts_with(r#"<svg width="800" height="500""#),
            "{}",
            f.id
        );
    }
    // only a dpi: the default size (800 × 500 at 96 dpi) in more pixels
    let r = run(&with_format("figure = { dpi = 192 }")).unwrap();
    let (w, h, _, _) = decode(&r.figures[0].png);
    assert_eq!((w, h), (1600, 1000));
}

#[test]
fn bad_figure_sizes_are_errors_naming_the_file_line_and_value() {
    let line = with_format("").lines().count();
    for (format, wanted) in [
        (
            "figure = { width = 100 }",
            "format: figure: width = 100: give centimetres from 3 to 60",
        ),
        (
            "figure = { height = 1.5 }",
            "format: figure: height = 1.5: give centimetres from 3 to 60",
        ),
        (
            "figure = { dpi = 5000 }",
            "format: figure: dpi = 5000: give 72 to 1200",
        ),
        (
            "figure = { width = 10, height = 30 }",
            "give a height from 0.3 to 2 times the width",
        ),
        (
            "figure = { width = 60, height = 40, dpi = 1200 }",
            "at most 40000000 pixels",
        ),
    ] {
        let e = protocol::parse("protocol.toml", &with_format(format))
            .unwrap_err()
            .to_string();
        assert!(e.starts_with(&format!("protocol.toml:{line}: ")), "{e}");
        assert!(e.contains(wanted), "{e}");
    }
    let e = protocol::parse("protocol.toml", &with_format("figure = { size = 3 }"))
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(&format!("protocol.toml:{line}: ")) && e.contains("size"),
        "{e}"
    );
}
