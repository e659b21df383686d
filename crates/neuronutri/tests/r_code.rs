//! The R code a study report carries (`analysis.R`, shown under the methods) is run in R on
//! every example study, and what R computes is compared with the report's `report.json`: a
//! reviewer who reruns the script must see the report's numbers. R is the reference here, run
//! live: `Rscript` with Debian's `r-base-core`, `r-cran-survival`, `r-cran-mass` and
//! `r-cran-sandwich` (scripts/test installs them). Without R the test fails under `CI=true`
//! and says so elsewhere.
//!
//! Each example is run by the CLI into a fresh folder; R sources the script from the
//! workspace root (the data paths are relative to it) and prints, for every entry of the
//! script's `res` list, the statistics, p-values, estimates and coefficients at full
//! precision; each is matched to the report's value by the entry's key (see
//! `neuronutri_study::rcode`).

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Prints every result of `res` as `key <TAB> what <TAB> value` lines.
const HARNESS: &str = r#"
args <- commandArgs(TRUE)
pdf(NULL) # diagnostic plots go nowhere (not to Rplots.pdf in the workspace)
invisible(capture.output(suppressWarnings(source(args[1]))))
out <- function(key, what, value) cat(key, "\t", what, "\t", sprintf("%.17g", value), "\n", sep = "")
for (key in names(res)) {
  x <- res[[key]]
  if (inherits(x, "htest")) {
    if (!is.null(x$statistic)) out(key, "statistic", x$statistic)
    for (i in seq_along(x$parameter)) out(key, paste0("df", i), x$parameter[[i]])
    out(key, "p", x$p.value)
    if (length(x$estimate) == 1) out(key, "estimate", x$estimate)
  } else if (inherits(x, "TukeyHSD")) {
    m <- x[[1]]
    for (i in seq_len(nrow(m))) { out(key, paste0("diff", i), m[i, "diff"]); out(key, paste0("p", i), m[i, "p adj"]) }
  } else if (inherits(x, "lm")) {
    co <- summary(x)$coefficients
    for (i in seq_len(nrow(co))) { nm <- gsub("`", "", rownames(co)[i]); out(key, paste0("b|", nm), co[i, 1]); out(key, paste0("p|", nm), co[i, 4]) }
  } else if (inherits(x, "survdiff")) {
    out(key, "chisq", x$chisq)
    out(key, "p", pchisq(x$chisq, sum(x$n > 0) - 1, lower.tail = FALSE))
  } else if (inherits(x, "coxph")) {
    co <- summary(x)$coefficients
    for (i in seq_len(nrow(co))) { nm <- gsub("`", "", rownames(co)[i]); out(key, paste0("b|", nm), co[i, 1]); out(key, paste0("p|", nm), co[i, 5]) }
  } else if (inherits(x, "cox.zph")) {
    tb <- x$table
    for (i in seq_len(nrow(tb))) { nm <- gsub("`", "", rownames(tb)[i]); out(key, paste0("chisq|", nm), tb[i, 1]); out(key, paste0("p|", nm), tb[i, 3]) }
  } else if (inherits(x, "survfit")) {
    tb <- summary(x)$table
    med <- if (is.null(dim(tb))) tb[["median"]] else tb[, "median"]
    for (i in seq_along(med)) out(key, paste0("median", i), med[[i]])
  } else if (is.numeric(x)) {
    for (i in seq_along(x)) out(key, paste0("q", i), x[[i]])
  } else {
    cat(key, "\tunknown\t", class(x)[1], "\n", sep = "")
  }
}
"#;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .unwrap()
        .to_path_buf()
}

fn rscript() -> Option<PathBuf> {
    let found = Command::new("Rscript").arg("--version").output().is_ok();
    if found {
        return Some(PathBuf::from("Rscript"));
    }
    if std::env::var("CI").as_deref() == Ok("true") {
        panic!("Rscript is not installed; scripts/test installs r-base-core (Debian)");
    }
    None
}

/// The table of `report` with this id.
fn table<'a>(report: &'a Value, id: &str) -> Option<&'a Value> {
    report["tables"].as_array()?.iter().find(|t| t["id"] == id)
}

fn find<'a>(rows: &'a Value, field: &str, name: &str) -> Option<&'a Value> {
    rows.as_array()?.iter().find(|r| r[field] == name)
}

/// The report's value for what R printed under `key` / `what`; `None`: R printed something
/// the report does not show.
fn report_value(report: &Value, key: &str, what: &str) -> Option<Value> {
    let parts: Vec<&str> = key.split('|').collect();
    let t = table(report, parts[0])?;
    let results = &t["results"];
    let index =
        |prefix: &str| -> Option<usize> { what.strip_prefix(prefix)?.parse::<usize>().ok() };
    match (results["kind"].as_str()?, parts.as_slice()) {
        ("characteristics" | "comparison" | "paired", [_, variable]) => {
            let row = find(&results["rows"], "variable", variable)?;
            let test = &row["test"];
            match what {
                "statistic" => Some(test["statistic"].clone()),
                "p" => Some(test["p_value"].clone()),
                "df1" => Some(test["df"].clone()),
                "df2" => Some(test["df2"].clone()),
                // fisher.test's odds ratio of a 2×2 table: the conditional MLE the report shows
                "estimate" if test["test"] == "Fisher exact" => {
                    Some(test["effect"]["value"].clone())
                }
                // the paired t test's mean change
                "estimate" => Some(test["shift"].clone()),
                _ => None,
            }
        }
        ("characteristics" | "comparison", [id, "tukey", variable]) => {
            let posthoc = table(report, &format!("{id}-posthoc"))?;
            let row = find(&posthoc["results"]["rows"], "variable", variable)?;
            let comparisons = &row["result"]["comparisons"];
            if let Some(i) = index("diff") {
                // TukeyHSD reports the later level minus the earlier one.
                let e = comparisons[i - 1]["estimate"].as_f64()?;
                return Some(Value::from(-e));
            }
            index("p").map(|i| comparisons[i - 1]["p_adjusted"].clone())
        }
        ("correlations", [_, x, y]) => {
            let row = results["rows"]
                .as_array()?
                .iter()
                .find(|r| r["x"] == *x && r["y"] == *y)?;
            match what {
                "estimate" => Some(row["coefficient"].clone()),
                "p" => Some(row["p_value"].clone()),
                _ => None,
            }
        }
        ("correlations", [_, "BH"]) => {
            index("q").map(|i| results["rows"][i - 1]["q_value"].clone())
        }
        ("regression", [_]) => {
            let (coefficients, hc3) = if results["logistic"].is_object() {
                (&results["logistic"]["coefficients"], false)
            } else {
                (
                    &results["fit"]["coefficients"],
                    results["fit"]["covariance"] == "HC3",
                )
            };
            coefficient(coefficients, what, hc3)
        }
        ("survival", [id, "km"]) => {
            let i = index("median")?;
            let _ = id;
            Some(results["groups"][i - 1]["km"]["median"].clone())
        }
        ("survival", [_, "logrank"]) => match what {
            "chisq" => Some(results["log_rank"]["chi2"].clone()),
            "p" => Some(results["log_rank"]["p_value"].clone()),
            _ => None,
        },
        ("survival", [id, "cox"]) => {
            let cox = table(report, &format!("{id}-cox"))?;
            coefficient(&cox["results"]["fit"]["coefficients"], what, false)
        }
        ("survival", [id, "zph"]) => {
            let ph = table(report, &format!("{id}-ph"))?;
            let (stat, term) = what.split_once('|')?;
            let row = find(&ph["results"]["zph"]["rows"], "term", term)?;
            match stat {
                "chisq" => Some(row["test"]["chi2"].clone()),
                "p" => Some(row["test"]["p_value"].clone()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A model coefficient's estimate (`b|name`) or p (`p|name`; not with HC3, where R's
/// `summary` shows the classical p).
fn coefficient(coefficients: &Value, what: &str, hc3: bool) -> Option<Value> {
    let (stat, name) = what.split_once('|')?;
    let row = find(coefficients, "name", name)?;
    match stat {
        "b" => Some(row["estimate"].clone()),
        "p" if hc3 => Some(Value::Null),
        "p" => Some(row["p_value"].clone()),
        _ => None,
    }
}

/// Runs one example and returns how many of R's values it compared.
fn check_example(rscript: &Path, protocol: &str, extra: &[&str]) -> usize {
    let root = workspace();
    let out = std::env::temp_dir().join(format!(
        "neuronutri-rcode-{}-{}",
        std::process::id(),
        protocol.replace('/', "_")
    ));
    let _ = std::fs::remove_dir_all(&out);
    let status = Command::new(env!("CARGO_BIN_EXE_neuronutri"))
        .current_dir(&root)
        .args(["study", protocol, "--out"])
        .arg(&out)
        .args(extra)
        .output()
        .unwrap();
    assert!(status.status.success(), "{protocol}: {status:?}");
    let script = out.join("analysis.R");
    let code = std::fs::read_to_string(&script).unwrap();
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        md.contains("```r\n") && md.contains(code.trim_end()),
        "{protocol}: report.md lacks the R code"
    );
    let report: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    let harness = out.join("harness.R");
    std::fs::write(&harness, HARNESS).unwrap();
    let run = Command::new(rscript)
        .current_dir(&root)
        .arg(&harness)
        .arg(&script)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        run.status.success(),
        "{protocol}: R failed on analysis.R:\n{}\n{}",
        stdout,
        String::from_utf8_lossy(&run.stderr)
    );
    let mut failures = Vec::new();
    let mut compared = 0;
    // Every result of the script must be matched by at least one value of the report.
    let mut keys: std::collections::BTreeMap<&str, usize> = Default::default();
    for line in stdout.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        let [key, what, value] = fields[..] else {
            failures.push(format!("unreadable line {line:?}"));
            continue;
        };
        let matched = keys.entry(key).or_insert(0);
        let Some(want) = report_value(&report, key, what) else {
            // R shows more than the report for some tests (e.g. a t test's df); only values
            // the report has are compared, but every entry must be known to the mapping.
            if what == "unknown" || table(&report, key.split('|').next().unwrap()).is_none() {
                failures.push(format!("{key}: R result {what} {value} matches no table"));
            }
            continue;
        };
        let got: Option<f64> = value.parse().ok().filter(|v: &f64| v.is_finite());
        match (got, want.as_f64()) {
            (Some(r), Some(ours)) => {
                compared += 1;
                *matched += 1;
                let scale = r.abs().max(ours.abs());
                // 1e-6 relative: the same methods, but R's iterative fits (glm, coxph) stop at
                // their default tolerances; 1e-12 absolute for a statistic that is 0 up to
                // rounding (a Yates-corrected chi-square of a balanced table).
                if (r - ours).abs() > 1e-6 * scale + 1e-12 {
                    failures.push(format!("{key} {what}: R {r:e}, report {ours:e}"));
                }
            }
            (None, None) => {}
            (None, Some(ours)) => failures.push(format!("{key} {what}: R NA, report {ours}")),
            (Some(_), None) if want.is_null() => {}
            (Some(r), None) => failures.push(format!("{key} {what}: R {r}, report {want}")),
        }
    }
    for (key, n) in &keys {
        if *n == 0 {
            failures.push(format!("{key}: no value of R's result is in the report"));
        }
    }
    assert!(
        failures.is_empty(),
        "{protocol}: R's results of analysis.R differ from report.json:\n{}",
        failures.join("\n")
    );
    let _ = std::fs::remove_dir_all(&out);
    compared
}

#[test]
fn the_r_code_of_every_example_gives_the_reports_numbers_in_r() {
    let Some(rscript) = rscript() else {
        eprintln!("Rscript not found: the R code of the reports was not run (CI installs R)");
        return;
    };
    let mut total = 0;
    for (protocol, extra, at_least) in [
        ("examples/hfs-study/protocol.toml", &[][..], 30),
        ("examples/hfs-study/ru/protocol.toml", &[][..], 30),
        ("examples/heart-disease-study/protocol.toml", &[][..], 30),
        ("examples/veteran-survival-study/protocol.toml", &[][..], 30),
        ("examples/birthweight-study/protocol.toml", &[][..], 40),
        ("examples/anorexia-paired-study/protocol.toml", &[][..], 10),
        // correlations and regressions of the whole cohort, of the groups and of one group
        (
            "crates/neuronutri-study/test_data/rows/protocol.toml",
            &["--data", "examples/heart-disease-study/cohort.csv"][..],
            30,
        ),
    ] {
        let n = check_example(&rscript, protocol, extra);
        eprintln!("{protocol}: {n} values agree with R");
        assert!(n >= at_least, "{protocol}: only {n} values compared");
        total += n;
    }
    eprintln!("{total} values in all");
}
