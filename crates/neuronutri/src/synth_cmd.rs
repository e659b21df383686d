//! `neuronutri synth SPEC.toml --seed N --out FILE.csv`: a synthetic cohort that matches a
//! paper's group means, SDs, percentages and rank correlations.

use crate::BadInput;
use anyhow::{Context, Result};
use neuronutri_synth::{synthesize, SynthReport};
use std::io::Write;
use std::path::PathBuf;

/// Arguments of `neuronutri synth`.
#[derive(clap::Args)]
#[command(
    long_about = "Generate a synthetic cohort whose group means and SDs equal a spec's (to the \
decimals the spec prints them with), whose categorical counts follow its percentages, and whose \
within-group Spearman correlations match its targets (Iman-Conover). Integer scales are rounded \
and repaired so that the mean and SD still round to the targets; values stay within bounds. \
The same spec and seed give the same table. The CSV goes to --out; a summary of achieved vs \
target goes to standard output (standard error with --out -).",
    after_help = "Example:\n  neuronutri synth examples/hfs-study/synth.toml --seed 38094 --out cohort.csv\n\n\
The spec (TOML):\n\
  title = \"...\"                      # required; source = \"...\" optional\n\
  [[group]]                          # one per group, in output order\n\
  name = \"hfs\"\n  n = 62\n\
  [[column]]                         # one per column after id and group, in output order\n\
  name = \"sex\"\n  levels = [\"male\", \"female\"]   # categorical\n\
  target = [ { group = \"hfs\", percent = [39, 61] } ]   # or counts = [24, 38]\n\
  [[column]]\n\
  name = \"bdi\"\n  decimals = 0                     # resolution; leave out for a continuous column\n\
  min = 0\n  max = 63                           # optional bounds\n\
  target = [ { group = \"hfs\", mean = 18.7, sd = 6.2 } ]\n\
  # per stratum: target = [ { group = \"hfs\", where = { sex = \"male\" }, mean = 26.1, sd = 6.2 }, ... ]\n\
  #   (one target per level of one earlier categorical column)\n\
  [[correlation]]                    # within-group Spearman targets; unlisted pairs get 0\n\
  group = \"hfs\"\n  between = [\"cortisol_nmol_l\", \"bdi\"]\n  spearman = 0.47\n\n\
A group without a target for a column leaves it empty. Means and SDs must round to the values \
as the spec writes them (18.7 is checked to 0.05); a target that cannot be met is an error naming \
its line. See examples/hfs-study/synth.toml.\n\n\
Limits (exit code 2 beyond them): n from 3 to 100 000 per group and 1 000 000 rows in all; at \
most 200 columns; names at most 200 characters; a target mean, SD or bound times \
10^decimals within ±1e15 (so rounded values stay exact)."
)]
pub struct SynthArgs {
    /// The synth spec (TOML).
    spec: PathBuf,
    /// Seed of the random generator (xoshiro256**).
    #[arg(long, value_name = "N")]
    seed: u64,
    /// Where to write the cohort (CSV), or - for standard output.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
}

/// Generates the cohort, writes the CSV and prints the summary.
pub fn run(args: &SynthArgs) -> Result<()> {
    let name = args.spec.display().to_string();
    let text = std::fs::read_to_string(&args.spec)
        .map_err(|e| BadInput(format!("{name}: cannot read: {e}")))?;
    let (cohort, report) =
        synthesize(&name, &text, args.seed).map_err(|e| BadInput(e.to_string()))?;
    let csv = cohort.to_csv();
    if args.out.as_os_str() == "-" {
        let mut out = std::io::stdout().lock();
        out.write_all(csv.as_bytes())?;
        out.flush()?;
        summary(&report, &mut std::io::stderr().lock())?;
    } else {
        std::fs::write(&args.out, csv)
            .map_err(|e| BadInput(format!("{}: cannot write: {e}", args.out.display())))?;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        writeln!(
            out,
            "wrote {} rows to {}",
            cohort.group.len(),
            args.out.display()
        )?;
        summary(&report, &mut out)?;
        out.flush().context("writing the summary")?;
    }
    Ok(())
}

fn summary(report: &SynthReport, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{} (seed {})", report.title, report.seed)?;
    writeln!(out, "\nMEANS AND SDS (target as printed -> cohort)")?;
    for m in &report.moments {
        let place = match &m.stratum {
            Some(s) => format!("{} {} {s}", m.column, m.group),
            None => format!("{} {}", m.column, m.group),
        };
        writeln!(
            out,
            "  {place:<34} n={:<3} {:>7} ± {:<5} -> {:.4} ± {:.4}",
            m.n, m.target_mean.value, m.target_sd.value, m.mean, m.sd
        )?;
    }
    writeln!(out, "\nCOUNTS")?;
    for c in &report.counts {
        let place = match &c.stratum {
            Some(s) => format!("{} {} {s}", c.column, c.group),
            None => format!("{} {}", c.column, c.group),
        };
        let n: u32 = c.counts.iter().sum();
        let cells: Vec<String> = c
            .levels
            .iter()
            .zip(&c.counts)
            .enumerate()
            .map(|(i, (l, k))| {
                let target = c
                    .target_percent
                    .as_ref()
                    .map_or(String::new(), |p| format!(", target {}%", p[i]));
                format!("{l} {k} ({:.1}%{target})", 100.0 * *k as f64 / n as f64)
            })
            .collect();
        writeln!(out, "  {place:<34} {}", cells.join("; "))?;
    }
    writeln!(
        out,
        "\nSPEARMAN (target -> cohort, tolerance 2.5(1-target²)/√(n-1))"
    )?;
    let mut unstated_worst: Option<(f64, String)> = None;
    for c in &report.correlations {
        if c.stated {
            writeln!(
                out,
                "  {} {} ~ {:<20} {:>6.2} -> {:>7.4}  (±{:.3}) {}",
                c.group,
                c.between[0],
                c.between[1],
                c.target,
                c.spearman,
                c.tolerance,
                if c.within { "ok" } else { "OUTSIDE" }
            )?;
        } else if unstated_worst
            .as_ref()
            .is_none_or(|(w, _)| c.spearman.abs() > *w)
        {
            unstated_worst = Some((
                c.spearman.abs(),
                format!("{} {} ~ {}", c.group, c.between[0], c.between[1]),
            ));
        }
    }
    let outside = report.correlations.iter().filter(|c| !c.within).count();
    if let Some((w, pair)) = unstated_worst {
        writeln!(
            out,
            "  unlisted pairs (target 0): largest |rho| = {w:.4} ({pair})"
        )?;
    }
    writeln!(
        out,
        "  {} of {} pairs outside their tolerance",
        outside,
        report.correlations.len()
    )?;
    Ok(())
}
