//! Log axes of the scatter plots (`log_x = true`, `log_y = true` on a correlations table;
//! issue 13 item 7) and of a logistic model's odds ratios (`log_x = true`): the figure is
//! drawn with the ticks of a log axis; a value that is not positive is an error naming the
//! protocol, the table, the column and the row, and the keys belong to those tables only. Data: the Heart Disease cohort
//! (examples/heart-disease-study, CC BY 4.0).

use neuronutri_study::{protocol, report, table};

const PROTOCOL: &str = include_str!("../test_data/rows/protocol.toml");
const COHORT: &str = include_str!("../../../examples/heart-disease-study/cohort.csv");

fn head() -> &'static str {
    PROTOCOL.split("[[table]]").next().unwrap()
}

fn with_table(lines: &str) -> String {
    format!("{}[[table]]\nid = \"s\"\ntitle = \"S\"\n{lines}", head())
}

fn run(toml: &str) -> Result<report::Report, String> {
    let p = protocol::parse("protocol.toml", toml).map_err(|e| e.to_string())?;
    let data = table::read_table("cohort.csv", COHORT.as_bytes(), &p.read_options)
        .map_err(|e| e.to_string())?;
    report::run(&p, &data, &mut |_| {}).map_err(|e| e.to_string())
}

/// The tick labels of an SVG figure (the texts of its axes and titles).
fn texts(svg: &str) -> Vec<String> {
    svg.split("</text>")
        .filter_map(|t| t.rsplit('>').next())
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty())
        .collect()
}

#[test]
fn scatter_plots_take_log_axes() {
    let table = "kind = \"correlations\"\nmethod = \"pearson\"\npairs = [[\"age\", \"max_hr\"]]\n";
    let linear = run(&with_table(table)).unwrap();
    let log = run(&with_table(&format!("{table}log_x = true\nlog_y = true\n"))).unwrap();
    let (lin, log) = (texts(&linear.figures[0].svg), texts(&log.figures[0].svg));
    // age 29–77 and max_hr 71–202: a log axis labels every digit (30, 40, …, 80 and
    // 70, 80, 90, 100, 200); the linear axes step by 10 and 20
    for t in ["30", "40", "70", "80", "90", "100", "200"] {
        assert!(log.contains(&t.to_owned()), "{t} not in {log:?}");
    }
    assert!(!log.contains(&"120".to_owned()), "{log:?}");
    assert!(lin.contains(&"120".to_owned()), "{lin:?}");
    assert!(
        !lin.contains(&"90".to_owned()) || !lin.contains(&"200".to_owned()),
        "{lin:?}"
    );
    // the numbers of the table do not change
    assert_eq!(
        linear.tables[0].rows,
        run(&with_table(&format!("{table}log_x = true\n")))
            .unwrap()
            .tables[0]
            .rows
    );
}

#[test]
fn a_value_that_is_not_positive_is_an_error() {
    let line = head().lines().count() + 1;
    // vessels is 0 for most patients
    let e = run(&with_table(
        "kind = \"correlations\"\npairs = [[\"vessels\", \"age\"]]\nlog_x = true\n",
    ))
    .unwrap_err();
    assert!(
        e.starts_with(&format!(
            "protocol.toml:{line}: table \"s\": log_x = true, but \"vessels\" has the value 0 ("
        )),
        "{e}"
    );
    assert!(e.contains("a log axis needs positive values"), "{e}");
    // on y: the second variable of the pair
    let e = run(&with_table(
        "kind = \"correlations\"\npairs = [[\"age\", \"vessels\"]]\nlog_y = true\n",
    ))
    .unwrap_err();
    assert!(
        e.contains("log_y = true, but \"vessels\" has the value 0"),
        "{e}"
    );
    // log axes belong to correlations tables
    let e = run(&with_table(
        "kind = \"regression\"\noutcome = \"max_hr\"\npredictors = [\"age\"]\nlog_x = true\n",
    ))
    .unwrap_err();
    assert!(
        e.starts_with(&format!(
            "protocol.toml:{line}: table \"s\": log_x and log_y belong to correlations tables"
        )),
        "{e}"
    );
    // a logistic model takes log_x, not log_y
    let e = run(&with_table(
        "kind = \"regression\"\nmodel = \"logistic\"\noutcome = \"disease\"\npredictors = [\"age\"]\nlog_y = true\n",
    ))
    .unwrap_err();
    assert!(e.contains("log_x also to a logistic regression"), "{e}");
}

#[test]
fn a_logistic_model_draws_odds_ratios_on_a_log_axis() {
    let table = "kind = \"regression\"\nmodel = \"logistic\"\noutcome = \"disease\"\npredictors = [\"age\", \"vessels\"]\n";
    let b = run(&with_table(table)).unwrap();
    let or = run(&with_table(&format!("{table}log_x = true\n"))).unwrap();
    assert_eq!(b.tables[0].rows, or.tables[0].rows);
    let (tb, tor) = (texts(&b.figures[0].svg), texts(&or.figures[0].svg));
    assert!(
        tor.contains(&"S: odds ratios (OR, 95% profile CI)".to_owned()),
        "{tor:?}"
    );
    assert!(
        tor.contains(&"odds ratio (log scale), 95% profile-likelihood CI".to_owned()),
        "{tor:?}"
    );
    // the log odds axis has its 0 (OR 1); the odds-ratio axis its 1 and 2, no 0
    assert!(tb.contains(&"0.0".to_owned()), "{tb:?}");
    assert!(!tor.iter().any(|t| t == "0" || t == "0.0"), "{tor:?}");
    assert!(
        tor.contains(&"1".to_owned()) && tor.contains(&"2".to_owned()),
        "{tor:?}"
    );
    // in Russian
    let toml = format!(
        "lang = \"ru\"\n{}",
        with_table(&format!("{table}log_x = true\n"))
    );
    let p = protocol::parse("protocol.toml", &toml).unwrap();
    let data = table::read_table("cohort.csv", COHORT.as_bytes(), &p.read_options).unwrap();
    let ru = report::run(&p, &data, &mut |_| {}).unwrap();
    assert_eq!(
        ru.figures[0].title,
        "S: отношения шансов (ОШ, 95% ДИ по профилю правдоподобия)"
    );
    assert!(texts(&ru.figures[0].svg)
        .contains(&"ОШ (логарифмическая шкала), 95% ДИ по профилю правдоподобия".to_owned()));
}
