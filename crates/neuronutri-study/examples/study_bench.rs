//! What `neuronutri study PROTOCOL --data FILE --out DIR --timings` does, without the rest
//! of the CLI: a binary that builds from this crate alone (no server, no database), so the
//! study benchmark (`scripts/study/bench_study.py --bin`) can run a release build in minutes.
//! It reads the table with the protocol's columns, runs the report and writes the same
//! files (report.json, report.md, report.html, tables/, plots/), then prints the
//! `timings:` line of `--timings`.
//!
//!     cargo build --release -p neuronutri-study --example study_bench
//!     target/release/examples/study_bench study PROTOCOL --data FILE --out DIR --timings

use neuronutri_study::{protocol, render, report, table};
use std::path::PathBuf;
use std::time::Instant;

fn main() -> Result<(), String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("study") {
        args.remove(0);
    }
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
            .ok_or(format!("{flag} is missing"))
    };
    let protocol_path = args.first().cloned().ok_or("the protocol is missing")?;
    let data = value("--data")?;
    let out = PathBuf::from(value("--out")?);
    let text = std::fs::read_to_string(&protocol_path).map_err(|e| e.to_string())?;
    let protocol = protocol::parse(&protocol_path, &text).map_err(|e| e.to_string())?;
    let started = Instant::now();
    // a large UTF-8 CSV file is read a block at a time (memory: the columns and a block)
    let table = table::read_table_file(
        &data,
        std::path::Path::new(&data),
        &protocol.read_options,
        Some(&protocol.columns()),
    )
    .map_err(|e| e.to_string())?;
    let read = started.elapsed();
    // STUDY_BENCH_READ_ONLY=1: stop after reading, so that the process's peak memory is the
    // reading's (the benchmark compares it with the numeric data's binary size)
    if std::env::var_os("STUDY_BENCH_READ_ONLY").is_some() {
        eprintln!(
            "timings: read {:.3} s, rows {}",
            read.as_secs_f64(),
            table.n_rows()
        );
        return Ok(());
    }
    // STUDY_BENCH_PROGRESS=1: each progress step with the seconds since the start, to see
    // where the time goes
    let show = std::env::var_os("STUDY_BENCH_PROGRESS").is_some();
    let mut progress = |step: &str| {
        if show {
            eprintln!("{:8.3} s  {step}", started.elapsed().as_secs_f64());
        }
    };
    let report = report::run(&protocol, &table, &mut progress).map_err(|e| e.to_string())?;
    let analysed = started.elapsed();
    for dir in [out.clone(), out.join("tables"), out.join("plots")] {
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    }
    let write =
        |name: PathBuf, bytes: &[u8]| std::fs::write(name, bytes).map_err(|e| e.to_string());
    let mut json = serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?;
    json.push('\n');
    write(out.join("report.json"), json.as_bytes())?;
    write(out.join("report.md"), render::markdown(&report).as_bytes())?;
    write(out.join("report.html"), render::html(&report)?.as_bytes())?;
    for t in &report.tables {
        write(
            out.join("tables").join(format!("{}.csv", t.id)),
            render::table_csv(t).as_bytes(),
        )?;
    }
    for f in &report.figures {
        write(
            out.join("plots").join(format!("{}.svg", f.id)),
            f.svg.as_bytes(),
        )?;
        write(out.join("plots").join(format!("{}.png", f.id)), &f.png)?;
    }
    let total = started.elapsed();
    eprintln!(
        "timings: read {:.3} s, analyses {:.3} s, write {:.3} s, total {:.3} s",
        read.as_secs_f64(),
        (analysed - read).as_secs_f64(),
        (total - analysed).as_secs_f64(),
        total.as_secs_f64()
    );
    Ok(())
}
