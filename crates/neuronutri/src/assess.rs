//! `neuronutri assess`: one bundle, or a stream of bundles (NDJSON) in constant memory.

use anyhow::Result;
use chrono::{DateTime, Utc};
use neuronutri_knowledge::{Arg, Knowledge, Lang, Locale, Zone};
use neuronutri_model::PatientRecord;
use neuronutri_rules::Assessment;
use std::io::{BufRead, Write};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// JSON: `findings`, `recommendations`, `alerts`, `suppressed`.
    Json,
    /// Human-readable text.
    Text,
}

/// How to assess.
#[derive(Clone, Debug)]
pub struct AssessOptions {
    /// The assessment instant.
    pub at: DateTime<Utc>,
    /// Language of the texts.
    pub lang: Lang,
    /// The zone in which times are shown to a person (JSON instants keep their offset).
    pub zone: Zone,
    /// Output format.
    pub format: Format,
}

impl AssessOptions {
    /// The language and zone a person reads the assessment in.
    pub fn locale(&self) -> Locale {
        Locale {
            lang: self.lang,
            zone: self.zone,
        }
    }
}

/// Reads one bundle given as bytes into the patient record; the error names the entry and
/// field (or the byte where the text stops being UTF-8), in the chosen language.
pub fn parse_bytes(
    knowledge: &Knowledge,
    lang: Lang,
    at: DateTime<Utc>,
    bytes: &[u8],
) -> Result<PatientRecord, String> {
    let t = |id: &str, args: &[(&str, Arg)]| knowledge.texts.render(lang, id, args);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        t(
            "cli-error-not-utf8",
            &[("offset", Arg::text(e.valid_up_to().to_string()))],
        )
    })?;
    neuronutri_model::parse_bundle(text, at).map_err(|e| match e.entry {
        Some(entry) => t(
            "cli-error-entry",
            &[
                ("entry", Arg::text(entry.to_string())),
                (
                    "resource",
                    Arg::text(e.resource.clone().unwrap_or_default()),
                ),
                ("field", Arg::text(e.field.as_str())),
                ("message", Arg::text(e.message.as_str())),
            ],
        ),
        None => t(
            "cli-error-document",
            &[
                ("field", Arg::text(e.field.as_str())),
                ("message", Arg::text(e.message.as_str())),
            ],
        ),
    })
}

/// Assesses one bundle given as bytes; the error names the entry and field (or the byte
/// where the text stops being UTF-8).
pub fn assess_bytes(
    knowledge: &Knowledge,
    options: &AssessOptions,
    bytes: &[u8],
) -> Result<Assessment, String> {
    let record = parse_bytes(knowledge, options.lang, options.at, bytes)?;
    Ok(neuronutri_rules::assess(
        knowledge,
        &record,
        options.at,
        options.locale(),
    ))
}

/// Writes one assessment in the chosen format.
pub fn write(
    knowledge: &Knowledge,
    options: &AssessOptions,
    assessment: &Assessment,
    out: &mut impl Write,
) -> Result<()> {
    match options.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, assessment)?;
            writeln!(out)?;
        }
        Format::Text => {
            crate::render::text(knowledge, options.locale(), options.at, assessment, out)?
        }
    }
    Ok(())
}

/// What an NDJSON run did.
#[derive(Debug, Default)]
pub struct NdjsonSummary {
    /// Lines assessed.
    pub assessed: u64,
    /// Lines that were bad input.
    pub failed: u64,
    /// The first error, for the closing message.
    pub first_error: Option<String>,
}

impl NdjsonSummary {
    fn add(&mut self, other: NdjsonSummary) {
        self.assessed += other.assessed;
        self.failed += other.failed;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }
}

/// Lines per batch handed to a worker.
const BATCH_LINES: usize = 256;

/// Assesses one bundle per line; a bad line becomes an error object on its output line and
/// the stream goes on. Blank lines are skipped. Batches of lines are assessed on every core
/// and written in input order; at most a fixed number of batches is in flight, so memory
/// stays constant whatever the length of the input.
pub fn assess_ndjson(
    knowledge: &Knowledge,
    options: &AssessOptions,
    name: &str,
    reader: impl BufRead + Send,
    out: &mut impl Write,
) -> Result<NdjsonSummary> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(16);
    assess_ndjson_with(knowledge, options, name, reader, out, workers)
}

/// [`assess_ndjson`] with a given number of worker threads (1: everything on this thread).
pub fn assess_ndjson_with(
    knowledge: &Knowledge,
    options: &AssessOptions,
    name: &str,
    mut reader: impl BufRead + Send,
    out: &mut impl Write,
    workers: usize,
) -> Result<NdjsonSummary> {
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut summary = NdjsonSummary::default();
    let mut lines_read = 0u64;
    let report = |summary: &NdjsonSummary, lines: u64, last: bool| {
        if progress && (last || lines.is_multiple_of(10_000)) && lines >= 10_000 {
            let end = if last { "\n" } else { "" };
            eprint!(
                "\rneuronutri: {lines} lines read, {} assessed, {} bad{end}",
                summary.assessed, summary.failed
            );
        }
    };
    if workers <= 1 {
        let mut buffer = Vec::new();
        loop {
            let batch = read_batch(&mut reader, &mut lines_read)?;
            if batch.lines.is_empty() {
                break;
            }
            buffer.clear();
            summary.add(assess_batch(knowledge, options, name, &batch, &mut buffer)?);
            out.write_all(&buffer)?;
            report(&summary, lines_read, false);
        }
        report(&summary, lines_read, true);
        return Ok(summary);
    }

    use std::sync::mpsc::{sync_channel, Receiver};
    use std::sync::{Arc, Mutex};
    let in_flight = workers * 4;
    let (batch_tx, batch_rx) = sync_channel::<(u64, Batch)>(in_flight);
    let (done_tx, done_rx) = sync_channel::<(u64, Result<(Vec<u8>, NdjsonSummary)>)>(in_flight);
    let (token_tx, token_rx) = sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        token_tx
            .send(())
            .expect("the token channel has room for every token");
    }
    let batch_rx: Arc<Mutex<Receiver<(u64, Batch)>>> = Arc::new(Mutex::new(batch_rx));
    std::thread::scope(|scope| -> Result<NdjsonSummary> {
        let reading = scope.spawn(move || -> Result<u64> {
            let mut sequence = 0u64;
            loop {
                let batch = read_batch(&mut reader, &mut lines_read)?;
                if batch.lines.is_empty() {
                    return Ok(lines_read);
                }
                if token_rx.recv().is_err() || batch_tx.send((sequence, batch)).is_err() {
                    return Ok(lines_read);
                }
                sequence += 1;
            }
        });
        for _ in 0..workers {
            let (batch_rx, done_tx) = (Arc::clone(&batch_rx), done_tx.clone());
            scope.spawn(move || loop {
                let next = batch_rx
                    .lock()
                    .map_err(|_| ())
                    .and_then(|rx| rx.recv().map_err(|_| ()));
                let Ok((sequence, batch)) = next else { return };
                let mut buffer = Vec::with_capacity(batch.lines.len() * 4096);
                let result = assess_batch(knowledge, options, name, &batch, &mut buffer)
                    .map(|s| (buffer, s));
                if done_tx.send((sequence, result)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        let mut pending = std::collections::BTreeMap::new();
        let mut next = 0u64;
        let mut written_lines = 0u64;
        for (sequence, result) in done_rx.iter() {
            pending.insert(sequence, result);
            while let Some(result) = pending.remove(&next) {
                let (buffer, batch_summary) = result?;
                out.write_all(&buffer)?;
                written_lines += batch_summary.assessed + batch_summary.failed;
                summary.add(batch_summary);
                report(&summary, written_lines, false);
                next += 1;
                let _ = token_tx.send(());
            }
        }
        let lines = reading
            .join()
            .map_err(|_| anyhow::anyhow!("the NDJSON reader thread panicked"))??;
        report(&summary, lines, true);
        Ok(summary)
    })
}

/// Consecutive input lines with the number of the first.
struct Batch {
    first_line: u64,
    lines: Vec<Vec<u8>>,
}

fn read_batch(reader: &mut impl BufRead, lines_read: &mut u64) -> Result<Batch> {
    let mut batch = Batch {
        first_line: *lines_read + 1,
        lines: Vec::with_capacity(BATCH_LINES),
    };
    while batch.lines.len() < BATCH_LINES {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        *lines_read += 1;
        batch.lines.push(line);
    }
    Ok(batch)
}

fn assess_batch(
    knowledge: &Knowledge,
    options: &AssessOptions,
    name: &str,
    batch: &Batch,
    out: &mut Vec<u8>,
) -> Result<NdjsonSummary> {
    let mut summary = NdjsonSummary::default();
    for (offset, line) in batch.lines.iter().enumerate() {
        let number = batch.first_line + offset as u64;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        match assess_bytes(knowledge, options, line) {
            Ok(assessment) => {
                summary.assessed += 1;
                match options.format {
                    Format::Json => {
                        serde_json::to_writer(&mut *out, &assessment)?;
                        out.push(b'\n');
                    }
                    Format::Text => {
                        let heading = knowledge.texts.render(
                            options.lang,
                            "report-ndjson-line",
                            &[
                                ("file", Arg::text(name)),
                                ("line", Arg::text(number.to_string())),
                            ],
                        );
                        writeln!(out, "# {heading}")?;
                        crate::render::text(
                            knowledge,
                            options.locale(),
                            options.at,
                            &assessment,
                            out,
                        )?;
                        writeln!(out)?;
                    }
                }
            }
            Err(message) => {
                summary.failed += 1;
                let message = knowledge.texts.render(
                    options.lang,
                    "cli-error-line",
                    &[
                        ("file", Arg::text(name)),
                        ("line", Arg::text(number.to_string())),
                        ("message", Arg::text(message)),
                    ],
                );
                serde_json::to_writer(
                    &mut *out,
                    &serde_json::json!({"line": number, "error": message}),
                )?;
                out.push(b'\n');
                summary.first_error.get_or_insert(message);
            }
        }
    }
    Ok(summary)
}
