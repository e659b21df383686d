//! A researcher's cohort table, read from the bytes of the file as they have it, into typed
//! columns: the input of `neuronutri study`, which produces the tables of a clinical paper.
//!
//! Researchers keep cohorts in spreadsheet exports and data-frame files, so two formats are
//! read, and everything about them is detected unless [`ReadOptions`] says otherwise:
//!
//! - **Parquet** when the bytes begin and end with the `PAR1` magic, through the columnar
//!   (Arrow) reader, decoding only the columns asked for. Uncompressed, Snappy (the
//!   default of pyarrow, pandas, R arrow and DuckDB), gzip, LZ4 and ZSTD column chunks are
//!   read; another codec is an error naming the column and the codec. Integers, floats and decimals are
//!   numbers; strings are text; booleans are the text `true` / `false`; dates, times and
//!   timestamps are ISO 8601 text; nulls and float NaN are missing.
//! - **CSV** otherwise, decoded first:
//!   - *Encoding*: a UTF-8 byte-order mark means UTF-8 (a UTF-16 mark, as in Excel's "Unicode
//!     text", means UTF-16); else bytes that are valid UTF-8 are UTF-8, and anything else is
//!     Windows-1251 (a Russian-locale Excel export).
//!   - *Delimiter*: tab, `;` and `,` are tried in that order on the header and the first 20
//!     data rows (quotes respected); the first that splits every one of those lines into the
//!     same number of fields, at least two, wins. Headers such as `Возраст, лет;Вес, кг`
//!     hold commas, so counting the delimiters of the header alone would guess wrong. When
//!     no candidate is consistent, the one giving the header the most fields is taken (and
//!     the ragged row is then reported); a header with none of them is a one-column table.
//!   - *Decimal separator*, decided once for the whole table: with a `,` delimiter, a
//!     decimal point. Otherwise a decimal comma when some cell is a number written with a
//!     comma (`317,5`) and no cell is a number written with a point (`317.5`); else a
//!     decimal point. A cell counts only if all of it is a number (`12.03.2020` does not).
//!     The other separator is then an error, never a guess: under a decimal comma `1.5`
//!     could be a thousands separator.
//!
//! RFC 4180 quoting is honoured (delimiters, quotes and line breaks inside quoted fields).
//! Cells and header names are trimmed of surrounding white space. A row whose fields are all
//! empty (Excel's trailing `;;;` lines) is skipped. An empty cell, `NA`, `N/A`, `NaN`, `-`,
//! `—` (em dash) and `.` (any case) are missing values, in CSV and Parquet text alike.
//!
//! The data rows of a CSV text are parsed in parallel chunks straight into typed columns
//! (see [`chunks`]); [`read_table_file`] reads a large UTF-8 CSV file a block at a time, so
//! that memory holds the columns rather than the text. Neither changes a table or an error.
//!
//! Errors name the file and, for CSV, the line; a cell error names the data row (1-based,
//! after the header), the line, the column, and quotes the value. Any input, however
//! damaged, gives a table or an error, never a panic.
#![deny(missing_docs)]

use std::borrow::Cow;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use bytes::Bytes;
use encoding_rs::{Encoding, UTF_16LE, UTF_8, WINDOWS_1251};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use parquet::basic::Compression;
use parquet::file::reader::FileReader;
use parquet::file::serialized_reader::SerializedFileReader;
use parquet::record::Field;

/// How to read a table. `ReadOptions::default()` detects everything; the options apply to
/// CSV only (a Parquet file says what it holds).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadOptions {
    /// The field delimiter (`b','`, `b';'`, `b'\t'` or another ASCII byte); `None` detects it.
    pub delimiter: Option<u8>,
    /// Whether numbers are written with a decimal comma (`317,5`); `None` detects it.
    pub decimal_comma: Option<bool>,
    /// `"utf-8"` or `"windows-1251"` (other labels of these two, such as `"cp1251"`, are
    /// accepted); `None` detects it.
    pub encoding: Option<String>,
}

/// A table that cannot be read, or a column that cannot be used as asked.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// An option of [`ReadOptions`] that cannot be used.
    #[error("{file}: {message}")]
    BadOption {
        /// The file as named to the user.
        file: String,
        /// What is wrong with the option, quoting it.
        message: String,
    },
    /// Bytes that are not a table: a spreadsheet workbook, binary data, a damaged Parquet file.
    #[error("{file}: {what}")]
    NotATable {
        /// The file as named to the user.
        file: String,
        /// What the bytes are, and what to do.
        what: String,
    },
    /// The file cannot be read.
    #[error("{file}: cannot read: {message}")]
    Io {
        /// The file as named to the user.
        file: String,
        /// What the system reported.
        message: String,
    },
    /// Nothing but white space: no header.
    #[error("{file}: the file is empty: there is no header line")]
    Empty {
        /// The file as named to the user.
        file: String,
    },
    /// The encoding was given as UTF-8 but the bytes are not.
    #[error(
        "{file}:{line}: the bytes are not valid UTF-8 (byte {byte} at offset {offset}); a \
         Russian-locale Excel export is \"windows-1251\""
    )]
    InvalidUtf8 {
        /// The file as named to the user.
        file: String,
        /// 1-based line of the first invalid byte.
        line: usize,
        /// The first invalid byte, as `0xCF`.
        byte: String,
        /// Its offset in the file.
        offset: usize,
    },
    /// A column without a name.
    #[error("{file}{}: column {column} of the header has an empty name", at(.line))]
    EmptyColumnName {
        /// The file as named to the user.
        file: String,
        /// 1-based line of the header (CSV only).
        line: Option<usize>,
        /// 1-based position of the column.
        column: usize,
    },
    /// Two columns with one name.
    #[error("{file}{}: the header names column {name:?} twice (columns {first} and {second})", at(.line))]
    DuplicateColumn {
        /// The file as named to the user.
        file: String,
        /// 1-based line of the header (CSV only).
        line: Option<usize>,
        /// The repeated name.
        name: String,
        /// 1-based position of its first use.
        first: usize,
        /// 1-based position of its second use.
        second: usize,
    },
    /// A row with more or fewer fields than the header.
    #[error(
        "{file}:{line}: row {row} has {found} fields but the header (line {header_line}) has \
         {expected}; a field holding the delimiter must be quoted"
    )]
    RaggedRow {
        /// The file as named to the user.
        file: String,
        /// 1-based line where the row starts.
        line: usize,
        /// 1-based data row (the first row after the header is 1).
        row: usize,
        /// Fields in the row.
        found: usize,
        /// Fields in the header.
        expected: usize,
        /// 1-based line of the header.
        header_line: usize,
    },
    /// A CSV syntax error.
    #[error("{file}:{line}: {message}")]
    Csv {
        /// The file as named to the user.
        file: String,
        /// 1-based line.
        line: usize,
        /// What the CSV reader reported.
        message: String,
    },
    /// A Parquet file that cannot be read.
    #[error("{file}: cannot read the Parquet file: {message}")]
    Parquet {
        /// The file as named to the user.
        file: String,
        /// What went wrong.
        message: String,
    },
    /// A column the table does not have.
    #[error("{file}: there is no column {column:?}{}; the columns are {}", did_you_mean(.suggestion), list(.columns))]
    UnknownColumn {
        /// The file as named to the user.
        file: String,
        /// The name asked for.
        column: String,
        /// A column whose name differs only in case or surrounding space.
        suggestion: Option<String>,
        /// The columns there are.
        columns: Vec<String>,
    },
    /// A column of the file that was not read, because it was not among those asked for.
    #[error("{file}: column {column:?} was not read (it was not among the columns asked for)")]
    NotRead {
        /// The file as named to the user.
        file: String,
        /// The column.
        column: String,
    },
    /// A table beyond the stated limits ([`MAX_ROWS`], [`MAX_COLUMNS`], column names of at
    /// most [`limits::MAX_LABEL_CHARS`] characters).
    #[error("{file}{}: {message}", at(.line))]
    TooLarge {
        /// The file as named to the user.
        file: String,
        /// 1-based line (CSV only).
        line: Option<usize>,
        /// Which limit, and by how much.
        message: String,
    },
    /// A cell that is neither missing nor a number, asked for as a number.
    #[error("{file}{}: row {row}, column {column:?}: {value:?} is {reason}", at(.line))]
    NotANumber {
        /// The file as named to the user.
        file: String,
        /// 1-based data row.
        row: usize,
        /// 1-based line where the row starts (CSV only).
        line: Option<usize>,
        /// The column.
        column: String,
        /// The cell (cut to 80 characters).
        value: String,
        /// Why it is not a number.
        reason: String,
    },
}

fn at(line: &Option<usize>) -> String {
    line.map(|line| format!(":{line}")).unwrap_or_default()
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|name| format!(" (did you mean {name:?}?)"))
        .unwrap_or_default()
}

fn list(columns: &[String]) -> String {
    const SHOWN: usize = 40;
    let mut text = columns
        .iter()
        .take(SHOWN)
        .map(|name| format!("{name:?}"))
        .collect::<Vec<_>>()
        .join(", ");
    if columns.len() > SHOWN {
        text.push_str(&format!(" and {} more", columns.len() - SHOWN));
    }
    if text.is_empty() {
        text.push_str("none");
    }
    text
}

/// A value as quoted in an error: at most 80 characters.
fn clip(value: &str) -> String {
    const MAX: usize = 80;
    match value.char_indices().nth(MAX) {
        Some((end, _)) => format!("{}…", &value[..end]),
        None => value.to_owned(),
    }
}

mod chunks;
mod column;
pub mod limits;
mod parquet_columns;

/// Most threads a CSV text is parsed on.
const MAX_THREADS: usize = 8;
/// Least bytes of data rows worth a thread of their own.
const MIN_CHUNK_BYTES: usize = 1 << 20;

use column::{Builder, Data};
pub use column::{Categories, MISSING};

/// A cohort table: named typed columns, parsed once when the file is read (see
/// [`column`]): numbers as `f64` with a validity mask, other columns as a dictionary of
/// texts, Parquet dates as dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    file: String,
    format: String,
    decimal_comma: bool,
    /// Every column name, in file order.
    names: Vec<String>,
    /// The columns read (all of them, or those asked for), in file order.
    columns: Vec<Column>,
    n_rows: usize,
    /// For CSV, where each data row starts; `None` for Parquet.
    lines: Option<RowLines>,
}

/// The 1-based line where each data row of a CSV file starts, kept as the rows where the
/// count jumps (a quoted line break, a blank line): a row starts one line after the one
/// before it otherwise.
#[derive(Clone, Debug, Default, PartialEq)]
struct RowLines {
    /// (row, line) at row 0 and wherever a row does not start on the line after the last.
    jumps: Vec<(usize, usize)>,
    last: Option<(usize, usize)>,
}

impl RowLines {
    fn push(&mut self, row: usize, line: usize) {
        if self.last.is_none_or(|(r, l)| r + 1 != row || l + 1 != line) {
            self.jumps.push((row, line));
        }
        self.last = Some((row, line));
    }

    /// Appends the rows of `other`, its rows shifted by `rows` and its lines by `lines`.
    fn extend(&mut self, other: &RowLines, rows: usize, lines: usize) {
        for &(row, line) in &other.jumps {
            self.push(row + rows, line + lines);
        }
        if let Some((row, line)) = other.last {
            self.last = Some((row + rows, line + lines));
        }
    }

    fn get(&self, row: usize) -> Option<usize> {
        let at = self
            .jumps
            .partition_point(|&(r, _)| r <= row)
            .checked_sub(1)?;
        let (r, line) = self.jumps[at];
        Some(line + (row - r))
    }
}

/// One named column.
#[derive(Clone, Debug, PartialEq)]
struct Column {
    name: String,
    data: Data,
}

impl Column {
    fn cells(&self) -> impl Iterator<Item = Option<std::borrow::Cow<'_, str>>> {
        (0..self.data.len()).map(|row| self.data.cell(row))
    }
}

/// Whether a trimmed cell is a missing value.
fn is_missing(cell: &str) -> bool {
    const TOKENS: [&str; 6] = ["NA", "N/A", "NaN", "-", "—", "."];
    cell.is_empty() || TOKENS.iter().any(|token| cell.eq_ignore_ascii_case(token))
}

impl Table {
    /// The file as named to the user.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// What was read, e.g. `CSV, ';'-delimited, decimal comma, windows-1251` or `Parquet`.
    pub fn format(&self) -> &str {
        &self.format
    }

    /// Whether numbers are read with a decimal comma.
    pub fn decimal_comma(&self) -> bool {
        self.decimal_comma
    }

    /// The number of data rows.
    pub fn n_rows(&self) -> usize {
        self.n_rows
    }

    /// The column names, in file order.
    pub fn column_names(&self) -> Vec<&str> {
        self.names.iter().map(String::as_str).collect()
    }

    /// The 1-based file line where data row `index` (0-based, as in the column vectors)
    /// starts; `None` for Parquet or an index past the end.
    pub fn line_of_row(&self, index: usize) -> Option<usize> {
        if index >= self.n_rows {
            return None;
        }
        self.lines.as_ref()?.get(index)
    }

    /// The numbers of a column, missing values as `None`. A cell that is neither missing nor
    /// a finite number in the table's decimal style is an error naming the file, the row,
    /// the line, the column and quoting the value.
    pub fn numeric(&self, column: &str) -> Result<Vec<Option<f64>>, TableError> {
        let found = self.column(column)?;
        if let Data::Numbers(numbers) = &found.data {
            return Ok(numbers.values.iter().collect());
        }
        found
            .cells()
            .enumerate()
            .map(|(index, cell)| match cell {
                None => Ok(None),
                Some(text) => parse_number(&text, self.decimal_comma)
                    .map(Some)
                    .map_err(|problem| self.not_a_number(found, index, &text, problem)),
            })
            .collect()
    }

    /// The numbers of a column with NaN for a missing value: borrowed from the table when
    /// the column was read as numbers, else parsed (with the errors of [`Table::numeric`]).
    pub fn numbers(&self, column: &str) -> Result<Cow<'_, [f64]>, TableError> {
        let found = self.column(column)?;
        if let Data::Numbers(numbers) = &found.data {
            return Ok(Cow::Borrowed(numbers.values.values()));
        }
        let values = self.numeric(column)?;
        Ok(Cow::Owned(
            values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect(),
        ))
    }

    fn not_a_number(
        &self,
        found: &Column,
        index: usize,
        text: &str,
        problem: NumberProblem,
    ) -> TableError {
        TableError::NotANumber {
            file: self.file.clone(),
            row: index + 1,
            line: self.line_of_row(index),
            column: found.name.clone(),
            value: clip(text),
            reason: problem.reason(self.decimal_comma),
        }
    }

    /// The text of a column (numbers of a Parquet file written back in decimal-point
    /// notation), missing values as `None`.
    pub fn text(&self, column: &str) -> Result<Vec<Option<String>>, TableError> {
        let found = self.column(column)?;
        Ok(found
            .cells()
            .map(|cell| cell.map(Cow::into_owned))
            .collect())
    }

    /// The texts of a column as categories: each distinct text once and each row's code.
    pub fn categories(&self, column: &str) -> Result<Categories, TableError> {
        Ok(self.column(column)?.data.categories())
    }

    /// The number of missing values of a column.
    pub fn n_missing(&self, column: &str) -> Result<usize, TableError> {
        Ok(self.column(column)?.data.null_count())
    }

    /// Bytes held by the table's columns (their Arrow buffers and the texts kept beside
    /// them), for measurements.
    pub fn memory_bytes(&self) -> usize {
        self.columns.iter().map(|c| c.data.memory()).sum::<usize>()
            + self.lines.as_ref().map_or(0, |l| 16 * l.jumps.len())
    }

    fn column(&self, name: &str) -> Result<&Column, TableError> {
        if let Some(found) = self.columns.iter().find(|column| column.name == name) {
            return Ok(found);
        }
        if self.names.iter().any(|n| n == name) {
            return Err(TableError::NotRead {
                file: self.file.clone(),
                column: clip(name),
            });
        }
        let wanted = name.trim().to_lowercase();
        let suggestion = self
            .names
            .iter()
            .find(|n| n.to_lowercase() == wanted)
            .cloned();
        Err(TableError::UnknownColumn {
            file: self.file.clone(),
            column: clip(name),
            suggestion,
            columns: self.names.clone(),
        })
    }
}

/// Reads a table from the bytes of a file; `file` is the name errors give. Parquet is
/// recognised by its magic, anything else is read as CSV (see the module documentation for
/// the detection rules).
pub fn read_table(file: &str, bytes: &[u8], options: &ReadOptions) -> Result<Table, TableError> {
    read_table_columns(file, bytes, options, None)
}

/// [`read_table`] keeping only the named columns (`None`: all). The others are not stored
/// (a Parquet file does not even decode them); the CSV rules still read every cell, so the
/// detection and the errors of the file do not depend on the columns asked for. A name
/// that is not a column of the file is no error here: asking the table for it is.
pub fn read_table_columns(
    file: &str,
    bytes: &[u8],
    options: &ReadOptions,
    columns: Option<&[&str]>,
) -> Result<Table, TableError> {
    let not_a_table = |what: &str| TableError::NotATable {
        file: file.to_owned(),
        what: what.to_owned(),
    };
    if bytes.len() >= 8 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1") {
        return read_parquet(file, bytes, columns, None);
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(not_a_table(
            "this is a ZIP archive, such as an Excel .xlsx workbook, not a table; save the \
             sheet as CSV or Parquet",
        ));
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Err(not_a_table(
            "this is an Excel 97-2003 .xls workbook, not a table; save the sheet as CSV or \
             Parquet",
        ));
    }
    let (text, encoding) = decode(file, bytes, options.encoding.as_deref())?;
    if let Some(offset) = text.find('\0') {
        let line = line_at(text.as_bytes(), offset);
        return Err(if bytes.starts_with(b"PAR1") {
            not_a_table("this is a truncated Parquet file: the PAR1 magic that ends one is missing")
        } else {
            not_a_table(&format!(
                "this is binary data (a NUL byte on line {line}), not a text table"
            ))
        });
    }
    read_csv(file, &text, encoding, options, columns)
}

/// 1-based line of a byte offset.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + line_breaks(bytes, 0, offset)
}

/// The line breaks (`\n`, `\r\n` or a lone `\r`) that end in `bytes[from..to]`.
fn line_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    let to = to.min(bytes.len());
    let from = from.min(to);
    (from..to)
        .filter(|&at| match bytes[at] {
            b'\n' => true,
            b'\r' => bytes.get(at + 1) != Some(&b'\n'),
            _ => false,
        })
        .count()
}

/// Decodes CSV bytes; returns the text (borrowed when it is UTF-8) and the name of the
/// encoding.
fn decode<'b>(
    file: &str,
    bytes: &'b [u8],
    encoding: Option<&str>,
) -> Result<(Cow<'b, str>, &'static str), TableError> {
    let bom = Encoding::for_bom(bytes);
    let strict_utf8 = |body: &'b [u8], offset: usize| match std::str::from_utf8(body) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(error) => {
            let bad = offset + error.valid_up_to();
            Err(TableError::InvalidUtf8 {
                file: file.to_owned(),
                line: line_at(bytes, bad),
                byte: format!("0x{:02X}", bytes[bad]),
                offset: bad,
            })
        }
    };
    match encoding {
        Some(label) => {
            let chosen = Encoding::for_label(label.trim().as_bytes());
            if chosen == Some(UTF_8) {
                let skip = if bytes.starts_with(b"\xEF\xBB\xBF") {
                    3
                } else {
                    0
                };
                Ok((strict_utf8(&bytes[skip..], skip)?, "utf-8"))
            } else if chosen == Some(WINDOWS_1251) {
                let (text, _) = WINDOWS_1251.decode_without_bom_handling(bytes);
                Ok((text, "windows-1251"))
            } else {
                Err(TableError::BadOption {
                    file: file.to_owned(),
                    message: format!(
                        "the encoding {label:?} is not supported; use \"utf-8\" or \
                         \"windows-1251\""
                    ),
                })
            }
        }
        None => match bom {
            Some((found, skip)) if found == UTF_8 => {
                Ok((strict_utf8(&bytes[skip..], skip)?, "utf-8 with BOM"))
            }
            Some((found, skip)) => {
                let (text, _) = found.decode_without_bom_handling(&bytes[skip..]);
                let name = if found == UTF_16LE {
                    "utf-16le"
                } else {
                    "utf-16be"
                };
                Ok((text, name))
            }
            None => match std::str::from_utf8(bytes) {
                Ok(text) => Ok((Cow::Borrowed(text), "utf-8")),
                Err(_) => {
                    let (text, _) = WINDOWS_1251.decode_without_bom_handling(bytes);
                    Ok((text, "windows-1251"))
                }
            },
        },
    }
}

fn csv_reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|field| field.trim().is_empty())
}

/// The delimiter rule of the module documentation.
fn detect_delimiter(text: &str) -> u8 {
    const CANDIDATES: [u8; 3] = [b'\t', b';', b','];
    const SAMPLE_ROWS: usize = 20;
    let mut best = (b',', 1);
    for delimiter in CANDIDATES {
        let counts: Vec<usize> = csv_reader(text, delimiter)
            .records()
            .map_while(Result::ok)
            .filter(|record| !is_blank(record))
            .take(1 + SAMPLE_ROWS)
            .map(|record| record.len())
            .collect();
        let Some(&header) = counts.first() else {
            continue;
        };
        if header >= 2 && counts.iter().all(|&count| count == header) {
            return delimiter;
        }
        if header > best.1 {
            best = (delimiter, header);
        }
    }
    best.0
}

fn read_csv(
    file: &str,
    text: &str,
    encoding: &str,
    options: &ReadOptions,
    wanted: Option<&[&str]>,
) -> Result<Table, TableError> {
    read_csv_on(file, text, encoding, options, wanted, None)
}

/// [`read_csv`] on the given number of threads (`None`: as many as there are cores and
/// megabytes of data rows, at most [`MAX_THREADS`]).
fn read_csv_on(
    file: &str,
    text: &str,
    encoding: &str,
    options: &ReadOptions,
    wanted: Option<&[&str]>,
    threads: Option<usize>,
) -> Result<Table, TableError> {
    let Some(start) = CsvStart::new(file, text, true, options, wanted)? else {
        unreachable!("a whole text always starts")
    };
    let threads = threads.unwrap_or_else(|| default_threads(text.len() - start.data_from));
    let mut rows = CsvRows::new(file, &start);
    let chunks = chunks::parse_chunks(
        text,
        start.data_from,
        start.delimiter,
        &start.template,
        threads,
        true,
    );
    for chunk in chunks {
        rows.add(chunk, false)?;
    }
    Ok(rows.finish(start, encoding, options))
}

fn default_threads(bytes: usize) -> usize {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_THREADS)
        .min(1 + bytes / MIN_CHUNK_BYTES)
}

/// What the start of a CSV text decides: the delimiter, the header and the columns kept.
struct CsvStart {
    delimiter: u8,
    names: Vec<String>,
    header_line: usize,
    /// A builder per column, kept or skipped.
    template: Vec<Builder>,
    /// Where the data rows start, and the line breaks before.
    data_from: usize,
    breaks: usize,
}

impl CsvStart {
    /// The start of `text`, which is all of the table's text when `complete`, else a
    /// prefix of it that ends after a line break; for a prefix, `None` when the prefix does
    /// not hold all that the detection reads (the header and 20 data rows for each
    /// candidate delimiter), or is blank.
    fn new(
        file: &str,
        text: &str,
        complete: bool,
        options: &ReadOptions,
        wanted: Option<&[&str]>,
    ) -> Result<Option<CsvStart>, TableError> {
        if text.trim().is_empty() {
            if !complete {
                return Ok(None);
            }
            return Err(TableError::Empty {
                file: file.to_owned(),
            });
        }
        let delimiter = match options.delimiter {
            Some(delimiter) if !delimiter.is_ascii() || b"\"\r\n".contains(&delimiter) => {
                return Err(TableError::BadOption {
                    file: file.to_owned(),
                    message: format!(
                        "the delimiter {:?} cannot be used; use ',', ';' or a tab",
                        char::from(delimiter)
                    ),
                })
            }
            Some(delimiter) => delimiter,
            None => {
                if !complete && !detection_sample_fits(text) {
                    return Ok(None);
                }
                detect_delimiter(text)
            }
        };

        // The header: the first record that is not blank.
        let mut records = chunks::Records::new(text, 0, delimiter);
        let mut header = None;
        while records.skip_line_breaks() {
            let breaks = records.breaks();
            records.read_record();
            if !complete && records.open_at_end() {
                return Ok(None);
            }
            if !records.is_blank() {
                let names: Vec<String> = records.fields().map(|f| f.trim().to_owned()).collect();
                header = Some((breaks + 1, names));
                break;
            }
        }
        let Some((header_line, header)) = header else {
            if !complete {
                return Ok(None);
            }
            return Err(TableError::Empty {
                file: file.to_owned(),
            });
        };
        let names = check_names(file, Some(header_line), header)?;
        let template = names
            .iter()
            .map(|name| {
                if wanted.is_none_or(|w| w.contains(&name.as_str())) {
                    Builder::new(0)
                } else {
                    Builder::skip()
                }
            })
            .collect();
        Ok(Some(CsvStart {
            delimiter,
            names,
            header_line,
            template,
            data_from: records.pos(),
            breaks: records.breaks(),
        }))
    }
}

/// Whether the records that [`detect_delimiter`] reads, for every candidate delimiter,
/// end before the end of `text` (a prefix of the table's text).
fn detection_sample_fits(text: &str) -> bool {
    const SAMPLE_RECORDS: usize = 1 + 20;
    [b'\t', b';', b','].into_iter().all(|delimiter| {
        let mut records = chunks::Records::new(text, 0, delimiter);
        let mut seen = 0;
        while records.skip_line_breaks() {
            records.read_record();
            if records.open_at_end() {
                return false;
            }
            if !records.is_blank() {
                seen += 1;
                if seen == SAMPLE_RECORDS {
                    // the record must have ended at a line break, not at the end
                    return records.pos() < text.len();
                }
            }
        }
        false
    })
}

/// The data rows of a CSV table, joined chunk by chunk in file order: the first bad row
/// is the first error of the first chunk that has one.
struct CsvRows<'f> {
    file: &'f str,
    header_line: usize,
    columns: usize,
    n_rows: usize,
    lines: RowLines,
    /// Each column's cells so far.
    columns_built: Vec<Option<Builder>>,
    /// Line breaks before the position where the last chunk's next record starts.
    breaks_at_next: usize,
    started: bool,
}

impl<'f> CsvRows<'f> {
    fn new(file: &'f str, start: &CsvStart) -> Self {
        CsvRows {
            file,
            header_line: start.header_line,
            columns: start.names.len(),
            n_rows: 0,
            lines: RowLines::default(),
            columns_built: start.names.iter().map(|_| None).collect(),
            breaks_at_next: start.breaks,
            started: false,
        }
    }

    /// Adds the next chunk: one whose parse began where the last one's next record starts
    /// (`at_next`: a new block of the text) or whose first record is that record.
    fn add(&mut self, chunk: chunks::Chunk, at_next: bool) -> Result<(), TableError> {
        let breaks_before = if at_next || !self.started {
            self.breaks_at_next
        } else {
            self.breaks_at_next - chunk.first_breaks
        };
        self.started = true;
        if self.n_rows + chunk.rows > MAX_ROWS {
            let line = chunk
                .lines
                .get(MAX_ROWS - self.n_rows)
                .map(|l| l + breaks_before);
            return Err(TableError::TooLarge {
                file: self.file.to_owned(),
                line,
                message: format!(
                    "more than {MAX_ROWS} data rows: the most a cohort table may have"
                ),
            });
        }
        if let Some(ragged) = chunk.ragged {
            return Err(TableError::RaggedRow {
                file: self.file.to_owned(),
                line: breaks_before + ragged.breaks + 1,
                row: self.n_rows + ragged.row,
                found: ragged.found,
                expected: self.columns,
                header_line: self.header_line,
            });
        }
        self.lines.extend(&chunk.lines, self.n_rows, breaks_before);
        self.n_rows += chunk.rows;
        self.breaks_at_next = breaks_before + chunk.next_breaks;
        // each chunk's cells join the column's builder at once, so that the memory of the
        // chunks is reused for the next ones
        for (column, builder) in self.columns_built.iter_mut().zip(chunk.builders) {
            match column {
                Some(column) => column.absorb(builder),
                None => *column = Some(builder),
            }
        }
        Ok(())
    }

    fn finish(self, start: CsvStart, encoding: &str, options: &ReadOptions) -> Table {
        let built = self.columns_built;
        let decimal_comma = options.decimal_comma.unwrap_or_else(|| {
            start.delimiter != b','
                && built.iter().flatten().any(|b| b.saw_comma)
                && !built.iter().flatten().any(|b| b.saw_point)
        });
        let columns = start
            .names
            .iter()
            .zip(built)
            .zip(&start.template)
            .filter_map(|((name, built), template)| {
                Some(Column {
                    name: name.clone(),
                    data: built
                        .unwrap_or_else(|| template.sibling(0))
                        .finish(decimal_comma)?,
                })
            })
            .collect();
        let delimiter_name = match start.delimiter {
            b'\t' => "tab".to_owned(),
            other => format!("{:?}", char::from(other)),
        };
        Table {
            file: self.file.to_owned(),
            format: format!(
                "CSV, {delimiter_name}-delimited, decimal {}, {encoding}",
                if decimal_comma { "comma" } else { "point" }
            ),
            decimal_comma,
            n_rows: self.n_rows,
            names: start.names,
            columns,
            lines: Some(self.lines),
        }
    }
}

/// Bytes of a CSV file read at a time by [`read_table_file`].
const BLOCK_BYTES: usize = 16 << 20;

/// Reads a table from a file: the table, or the error, of [`read_table_columns`] on the
/// file's bytes; `file` is the name errors give. A CSV file in UTF-8 larger than one block
/// (16 MiB) is read a block at a time, so that memory holds the typed columns and a block
/// rather than the whole text beside them; any other file (Parquet, another encoding, one
/// with a NUL byte) is read whole.
pub fn read_table_file(
    file: &str,
    path: &std::path::Path,
    options: &ReadOptions,
    columns: Option<&[&str]>,
) -> Result<Table, TableError> {
    read_file_in_blocks(file, path, options, columns, BLOCK_BYTES, None)
}

fn read_file_in_blocks(
    file: &str,
    path: &std::path::Path,
    options: &ReadOptions,
    wanted: Option<&[&str]>,
    block: usize,
    threads: Option<usize>,
) -> Result<Table, TableError> {
    use std::io::Read;
    let io = |error: std::io::Error| TableError::Io {
        file: file.to_owned(),
        message: error.to_string(),
    };
    let mut handle = std::fs::File::open(path).map_err(io)?;
    let mut buffer = Vec::new();
    let mut full = fill(&mut handle, &mut buffer, block).map_err(io)?;
    let whole = |mut buffer: Vec<u8>, mut handle: std::fs::File| {
        handle.read_to_end(&mut buffer).map_err(io)?;
        read_table_columns(file, &buffer, options, wanted)
    };
    let plain = !full
        || options.encoding.is_some()
        || buffer.starts_with(b"PAR1")
        || buffer.starts_with(b"PK\x03\x04")
        || buffer.starts_with(b"\xD0\xCF\x11\xE0")
        || buffer.starts_with(b"\xFF\xFE")
        || buffer.starts_with(b"\xFE\xFF");
    if plain {
        return whole(buffer, handle);
    }
    let (skip, encoding) = if buffer.starts_with(b"\xEF\xBB\xBF") {
        (3, "utf-8 with BOM")
    } else {
        (0, "utf-8")
    };
    // The first block: the header and the detection.
    let Some(cut) = last_line_end(&buffer[skip..]).map(|c| c + skip) else {
        return whole(buffer, handle);
    };
    let prefix = match std::str::from_utf8(&buffer[skip..cut]) {
        Ok(text) if memchr::memchr(0, text.as_bytes()).is_none() => text,
        _ => return whole(buffer, handle),
    };
    let Some(start) = CsvStart::new(file, prefix, false, options, wanted)? else {
        return whole(buffer, handle);
    };
    let threads = threads.unwrap_or_else(|| default_threads(block));
    let mut rows = CsvRows::new(file, &start);
    // where the text not yet parsed starts in the buffer
    let mut from = skip + start.data_from;
    // the next chunk's parse begins where the last chunk's next record starts
    let mut at_next = false;
    loop {
        let last = !full;
        let end = if last {
            buffer.len()
        } else {
            last_line_end(&buffer[from..]).map_or(from, |cut| from + cut)
        };
        let mut carry = end;
        if end > from {
            let text = match std::str::from_utf8(&buffer[from..end]) {
                Ok(text) if memchr::memchr(0, text.as_bytes()).is_none() => text,
                // not UTF-8 after all, or binary: as the whole file reads
                _ => return whole_from_start(file, path, options, wanted),
            };
            let chunks =
                chunks::parse_chunks(text, 0, start.delimiter, &start.template, threads, last);
            for chunk in chunks {
                if chunk.incomplete {
                    // a quoted field runs on into the next block
                    carry = from + chunk.next;
                }
                rows.add(chunk, at_next)?;
                at_next = false;
            }
            at_next = true;
        }
        if last {
            break;
        }
        buffer.drain(..carry);
        from = 0;
        let target = buffer.len() + block;
        full = fill(&mut handle, &mut buffer, target).map_err(io)?;
    }
    drop(buffer);
    Ok(rows.finish(start, encoding, options))
}

/// [`read_table_columns`] on all the bytes of the file.
fn whole_from_start(
    file: &str,
    path: &std::path::Path,
    options: &ReadOptions,
    wanted: Option<&[&str]>,
) -> Result<Table, TableError> {
    let bytes = std::fs::read(path).map_err(|error| TableError::Io {
        file: file.to_owned(),
        message: error.to_string(),
    })?;
    read_table_columns(file, &bytes, options, wanted)
}

/// Reads into `buffer` until it holds `target` bytes; `false` when the file ended first.
fn fill(
    handle: &mut impl std::io::Read,
    buffer: &mut Vec<u8>,
    target: usize,
) -> std::io::Result<bool> {
    use std::io::Read;
    let want = target.saturating_sub(buffer.len());
    buffer.reserve(want);
    let read = handle.by_ref().take(want as u64).read_to_end(buffer)?;
    Ok(read == want)
}

/// Where the text in `bytes` up to its last line break ends: after a `\n`, or after a `\r`
/// that a byte other than `\n` follows (a `\r` at the very end could begin a `\r\n`).
fn last_line_end(bytes: &[u8]) -> Option<usize> {
    let at = memchr::memrchr2(b'\n', b'\r', bytes)?;
    if bytes[at] == b'\n' || at + 1 < bytes.len() {
        return Some(at + 1);
    }
    memchr::memrchr2(b'\n', b'\r', &bytes[..at]).map(|at| at + 1)
}

/// The columns kept, named.
fn columns_of(names: &[String], builders: Vec<Builder>, decimal_comma: bool) -> Vec<Column> {
    names
        .iter()
        .zip(builders)
        .filter_map(|(name, builder)| {
            Some(Column {
                name: name.clone(),
                data: builder.finish(decimal_comma)?,
            })
        })
        .collect()
}

fn to_usize(value: u64) -> usize {
    usize::try_from(value).unwrap_or(usize::MAX)
}

/// Rejects empty and repeated names; returns the names.
/// Most data rows a cohort table may have.
pub const MAX_ROWS: usize = 10_000_000;

/// Most columns a cohort table may have.
pub const MAX_COLUMNS: usize = 1_000;

fn check_names(
    file: &str,
    line: Option<usize>,
    names: Vec<String>,
) -> Result<Vec<String>, TableError> {
    let too_large = |message: String| TableError::TooLarge {
        file: file.to_owned(),
        line,
        message,
    };
    if names.len() > MAX_COLUMNS {
        return Err(too_large(format!(
            "the header has {} columns; a cohort table may have at most {MAX_COLUMNS}",
            names.len()
        )));
    }
    let mut seen = std::collections::HashMap::with_capacity(names.len());
    for (index, name) in names.iter().enumerate() {
        crate::limits::check_length(&format!("the name of column {}", index + 1), name)
            .map_err(too_large)?;
        if name.is_empty() {
            return Err(TableError::EmptyColumnName {
                file: file.to_owned(),
                line,
                column: index + 1,
            });
        }
        if let Some(first) = seen.insert(name.as_str(), index) {
            return Err(TableError::DuplicateColumn {
                file: file.to_owned(),
                line,
                name: clip(name),
                first: first + 1,
                second: index + 1,
            });
        }
    }
    Ok(names)
}

/// The decimal separator a number cell is written with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Separator {
    /// An integer, or a number with only an exponent: fine in either style.
    None,
    Point,
    Comma,
}

/// Whether all of `cell` is a number, `[sign] digits [separator digits] [exponent]` or
/// `[sign] separator digits [exponent]`, and with which separator. The sign may be the
/// minus sign U+2212.
fn scan_number(cell: &str) -> Option<Separator> {
    let rest = cell
        .strip_prefix(['+', '-', '\u{2212}'])
        .unwrap_or(cell)
        .as_bytes();
    let digits = |bytes: &[u8]| bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    let integer = digits(rest);
    let mut rest = &rest[integer..];
    let mut separator = Separator::None;
    if let Some((&first, after)) = rest.split_first() {
        if first == b'.' || first == b',' {
            let fraction = digits(after);
            if fraction == 0 {
                return None;
            }
            separator = if first == b'.' {
                Separator::Point
            } else {
                Separator::Comma
            };
            rest = &after[fraction..];
        }
    }
    if integer == 0 && separator == Separator::None {
        return None;
    }
    if let Some((&first, after)) = rest.split_first() {
        if first != b'e' && first != b'E' {
            return None;
        }
        let after = after
            .strip_prefix(b"+")
            .or_else(|| after.strip_prefix(b"-"))
            .unwrap_or(after);
        let exponent = digits(after);
        if exponent == 0 || exponent != after.len() {
            return None;
        }
    }
    Some(separator)
}

/// Why a cell is not a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NumberProblem {
    NotANumber,
    OtherSeparator,
    NotFinite,
}

impl NumberProblem {
    fn reason(self, decimal_comma: bool) -> String {
        match (self, decimal_comma) {
            (NumberProblem::NotANumber, _) => "not a number".to_owned(),
            (NumberProblem::NotFinite, _) => "not a finite number".to_owned(),
            (NumberProblem::OtherSeparator, true) => "not a number: the table writes numbers \
                with a decimal comma, and a decimal point is ambiguous"
                .to_owned(),
            (NumberProblem::OtherSeparator, false) => "not a number: the table writes numbers \
                with a decimal point, and a decimal comma is ambiguous"
                .to_owned(),
        }
    }
}

/// Parses a trimmed, non-missing cell as a finite number in the given decimal style.
fn parse_number(cell: &str, decimal_comma: bool) -> Result<f64, NumberProblem> {
    match (scan_number(cell), decimal_comma) {
        (None, _) => return Err(NumberProblem::NotANumber),
        (Some(Separator::Point), true) | (Some(Separator::Comma), false) => {
            return Err(NumberProblem::OtherSeparator)
        }
        _ => {}
    }
    let ascii = cell.replace('\u{2212}', "-").replace(',', ".");
    match ascii.parse::<f64>() {
        Ok(value) if value.is_finite() => Ok(value),
        Ok(_) => Err(NumberProblem::NotFinite),
        Err(_) => Err(NumberProblem::NotANumber),
    }
}

/// Reads a Parquet file. The decoder of the `parquet` crate asserts and indexes out of
/// bounds on some damaged input (the fuzz test below finds such files); a panic there is
/// caught and reported as a damaged file, so that no input panics. The panic hook still
/// prints the decoder's message on standard error, and a build with `panic = "abort"`
/// would lose this guard.
fn read_parquet(
    file: &str,
    bytes: &[u8],
    wanted: Option<&[&str]>,
    threads: Option<usize>,
) -> Result<Table, TableError> {
    let data = Bytes::copy_from_slice(bytes);
    match catch_unwind(AssertUnwindSafe(|| {
        read_parquet_unguarded(file, data, wanted, threads)
    })) {
        Ok(result) => result,
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(TableError::Parquet {
                file: file.to_owned(),
                message: format!("the file is damaged (the decoder failed: {detail:?})"),
            })
        }
    }
}

/// Rows decoded at a time by the columnar reader.
const PARQUET_BATCH: usize = 64 * 1024;

fn read_parquet_unguarded(
    file: &str,
    data: Bytes,
    wanted: Option<&[&str]>,
    threads: Option<usize>,
) -> Result<Table, TableError> {
    let parquet_error = |error: parquet::errors::ParquetError| TableError::Parquet {
        file: file.to_owned(),
        message: error.to_string().trim_end_matches('.').to_owned(),
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(data.clone()).map_err(parquet_error)?;
    let metadata = builder.metadata().clone();
    let descriptor = metadata.file_metadata().schema_descr();
    let roots = descriptor.root_schema().get_fields();
    let names = roots
        .iter()
        .map(|field| field.name().trim().to_owned())
        .collect::<Vec<_>>();
    if names.is_empty() {
        return Err(TableError::Parquet {
            file: file.to_owned(),
            message: "the file has no columns".to_owned(),
        });
    }
    let names = check_names(file, None, names)?;
    let read: Vec<bool> = names
        .iter()
        .map(|name| wanted.is_none_or(|w| w.contains(&name.as_str())))
        .collect();
    for row_group in metadata.row_groups() {
        for (leaf, chunk) in row_group.columns().iter().enumerate() {
            let root = descriptor.get_column_root_idx(leaf);
            let codec = chunk.compression();
            let readable = matches!(
                codec,
                Compression::UNCOMPRESSED
                    | Compression::SNAPPY
                    | Compression::GZIP(_)
                    | Compression::LZ4
                    | Compression::LZ4_RAW
                    | Compression::ZSTD(_)
            );
            if read.get(root).copied().unwrap_or(true) && !readable {
                let codec = format!("{codec:?}");
                let codec = codec.split('(').next().unwrap_or_default();
                return Err(TableError::Parquet {
                    file: file.to_owned(),
                    message: format!(
                        "column {:?} is compressed with {codec}, which this build cannot \
                         read; save the file uncompressed or with Snappy, ZSTD, gzip or LZ4",
                        chunk.column_path().string()
                    ),
                });
            }
        }
    }
    let total = metadata.file_metadata().num_rows();
    if total > MAX_ROWS as i64 {
        return Err(TableError::TooLarge {
            file: file.to_owned(),
            line: None,
            message: format!("more than {MAX_ROWS} data rows: the most a cohort table may have"),
        });
    }
    let columnar = builder.schema().fields().len() == roots.len()
        && builder
            .schema()
            .fields()
            .iter()
            .zip(&read)
            .all(|(field, &read)| !read || parquet_columns::supported(field.data_type()));
    if !columnar {
        return read_parquet_records(file, data, names);
    }
    let indices: Vec<usize> = (0..names.len()).filter(|&i| read[i]).collect();
    let capacity = to_usize(total.max(0) as u64).min(MAX_ROWS);
    // The columns are decoded on as many threads as there are cores (each thread its own
    // reader of its share of the columns); a file any of them cannot read is read again
    // on one thread, so that the error is the one a single reader meets first.
    let threads = threads
        .unwrap_or_else(|| {
            std::thread::available_parallelism()
                .map_or(1, |n| n.get())
                .min(MAX_THREADS)
                .min(1 + capacity / PARQUET_BATCH)
        })
        .min(indices.len());
    let parallel = if threads > 1 {
        let groups: Vec<Vec<usize>> = (0..threads)
            .map(|t| indices.iter().copied().skip(t).step_by(threads).collect())
            .collect();
        let results: Vec<_> = std::thread::scope(|scope| {
            let handles: Vec<_> = groups
                .iter()
                .map(|group| {
                    let data = data.clone();
                    // a decoder panic is met again, and caught, by the single reader
                    scope.spawn(move || {
                        catch_unwind(AssertUnwindSafe(|| {
                            read_parquet_columns(file, data, group, capacity)
                        }))
                        .ok()
                        .and_then(Result::ok)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|handle| handle.join().ok().flatten())
                .collect()
        });
        let rows: Vec<usize> = results.iter().flatten().map(|(_, n)| *n).collect();
        if rows.len() == groups.len() && rows.iter().all(|&n| n == rows[0]) {
            let mut built: Vec<Option<Builder>> = names.iter().map(|_| None).collect();
            for (group, (builders, _)) in groups.iter().zip(results.into_iter().flatten()) {
                for (&index, builder) in group.iter().zip(builders) {
                    built[index] = Some(builder);
                }
            }
            Some((built, rows[0]))
        } else {
            None
        }
    } else {
        None
    };
    let (built, n_rows) = match parallel {
        Some(read) => read,
        None => {
            let (builders, n_rows) = read_parquet_columns(file, data, &indices, capacity)?;
            let mut built: Vec<Option<Builder>> = names.iter().map(|_| None).collect();
            for (&index, builder) in indices.iter().zip(builders) {
                built[index] = Some(builder);
            }
            (built, n_rows)
        }
    };
    let builders = built
        .into_iter()
        .map(|b| b.unwrap_or_else(Builder::skip))
        .collect();
    Ok(Table {
        file: file.to_owned(),
        format: "Parquet".to_owned(),
        decimal_comma: false,
        columns: columns_of(&names, builders, false),
        names,
        n_rows,
        lines: None,
    })
}

/// Decodes the root columns `indices` of a Parquet file (of types the columnar path
/// reads) into builders, in that order; returns them and the number of rows.
fn read_parquet_columns(
    file: &str,
    data: Bytes,
    indices: &[usize],
    capacity: usize,
) -> Result<(Vec<Builder>, usize), TableError> {
    let parquet_error = |error: parquet::errors::ParquetError| TableError::Parquet {
        file: file.to_owned(),
        message: error.to_string().trim_end_matches('.').to_owned(),
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(data).map_err(parquet_error)?;
    let mask = ProjectionMask::roots(
        builder.metadata().file_metadata().schema_descr(),
        indices.iter().copied(),
    );
    let mut builders: Vec<Builder> = indices.iter().map(|_| Builder::new(capacity)).collect();
    let reader = builder
        .with_projection(mask)
        .with_batch_size(PARQUET_BATCH)
        .build()
        .map_err(parquet_error)?;
    let mut n_rows = 0;
    for batch in reader {
        let batch = batch.map_err(|error| TableError::Parquet {
            file: file.to_owned(),
            message: error.to_string().trim_end_matches('.').to_owned(),
        })?;
        if batch.num_columns() != indices.len() {
            return Err(TableError::Parquet {
                file: file.to_owned(),
                message: format!(
                    "a batch has {} columns but {} were asked for",
                    batch.num_columns(),
                    indices.len()
                ),
            });
        }
        n_rows += batch.num_rows();
        if n_rows > MAX_ROWS {
            return Err(TableError::TooLarge {
                file: file.to_owned(),
                line: None,
                message: format!(
                    "more than {MAX_ROWS} data rows: the most a cohort table may have"
                ),
            });
        }
        for (builder, array) in builders.iter_mut().zip(batch.columns()) {
            parquet_columns::append(builder, array.as_ref());
        }
    }
    Ok((builders, n_rows))
}

/// Reads a Parquet file row by row through the record reader: for files with nested
/// columns, which the columnar path does not read. Every column is read.
fn read_parquet_records(file: &str, data: Bytes, names: Vec<String>) -> Result<Table, TableError> {
    let parquet_error = |error: parquet::errors::ParquetError| TableError::Parquet {
        file: file.to_owned(),
        message: error.to_string().trim_end_matches('.').to_owned(),
    };
    let reader = SerializedFileReader::new(data).map_err(parquet_error)?;
    let mut builders: Vec<Builder> = names.iter().map(|_| Builder::new(0)).collect();
    let mut n_rows = 0;
    for row in reader.get_row_iter(None).map_err(parquet_error)? {
        let row = row.map_err(parquet_error)?;
        let cells = row.into_columns();
        if cells.len() != builders.len() {
            return Err(TableError::Parquet {
                file: file.to_owned(),
                message: format!(
                    "row {} has {} columns but the schema has {}",
                    n_rows + 1,
                    cells.len(),
                    builders.len()
                ),
            });
        }
        if n_rows == MAX_ROWS {
            return Err(TableError::TooLarge {
                file: file.to_owned(),
                line: None,
                message: format!(
                    "more than {MAX_ROWS} data rows: the most a cohort table may have"
                ),
            });
        }
        for (builder, (_, field)) in builders.iter_mut().zip(&cells) {
            match field_text(field) {
                Some(text) => builder.push(&text),
                None => builder.push_missing(),
            }
        }
        n_rows += 1;
    }
    Ok(Table {
        file: file.to_owned(),
        format: "Parquet".to_owned(),
        decimal_comma: false,
        columns: columns_of(&names, builders, false),
        names,
        n_rows,
        lines: None,
    })
}

/// The text of a Parquet value; `None` for a null or a float NaN.
fn field_text(field: &Field) -> Option<String> {
    Some(match field {
        Field::Null => return None,
        Field::Bool(value) => value.to_string(),
        Field::Byte(value) => value.to_string(),
        Field::Short(value) => value.to_string(),
        Field::Int(value) => value.to_string(),
        Field::Long(value) => value.to_string(),
        Field::UByte(value) => value.to_string(),
        Field::UShort(value) => value.to_string(),
        Field::UInt(value) => value.to_string(),
        Field::ULong(value) => value.to_string(),
        Field::Float16(value) => float_text(f32::from(*value))?,
        Field::Float(value) => float_text(*value)?,
        Field::Double(value) => float_text(*value)?,
        Field::Decimal(value) => decimal_text(value.data(), value.scale()),
        Field::Str(value) => value.clone(),
        Field::Bytes(value) => String::from_utf8_lossy(value.data()).into_owned(),
        Field::Date(days) => date_text(i64::from(*days)),
        Field::TimeMillis(millis) => time_text(i64::from(*millis), 1_000),
        Field::TimeMicros(micros) => time_text(*micros, 1_000_000),
        Field::TimestampMillis(millis) => timestamp_text(*millis, 1_000),
        Field::TimestampMicros(micros) => timestamp_text(*micros, 1_000_000),
        nested @ (Field::Group(_) | Field::ListInternal(_) | Field::MapInternal(_)) => {
            nested.to_string()
        }
    })
}

/// A float as decimal-point text that parses back to the same value: shortest digits, in
/// exponent notation only when very large or small. NaN is missing.
fn float_text<F: Into<f64> + fmt::Display + fmt::LowerExp + Copy>(value: F) -> Option<String> {
    let wide: f64 = value.into();
    if wide.is_nan() {
        return None;
    }
    let magnitude = wide.abs();
    Some(if magnitude == 0.0 || (1e-6..1e16).contains(&magnitude) {
        format!("{value}")
    } else {
        format!("{value:e}")
    })
}

/// A Parquet decimal (big-endian two's complement unscaled value) as text.
fn decimal_text(big_endian: &[u8], scale: i32) -> String {
    if big_endian.len() > 16 {
        return format!("(a decimal of {} bytes)", big_endian.len());
    }
    let negative = big_endian.first().is_some_and(|byte| byte & 0x80 != 0);
    let mut unscaled: i128 = if negative { -1 } else { 0 };
    for &byte in big_endian {
        unscaled = (unscaled << 8) | i128::from(byte);
    }
    let digits = unscaled.unsigned_abs().to_string();
    let sign = if negative { "-" } else { "" };
    match usize::try_from(scale) {
        Ok(0) => format!("{sign}{digits}"),
        Ok(scale) if scale <= 38 => {
            let padded = format!("{digits:0>width$}", width = scale + 1);
            let (whole, fraction) = padded.split_at(padded.len() - scale);
            format!("{sign}{whole}.{fraction}")
        }
        _ => format!("{sign}{digits}e{}", -i64::from(scale)),
    }
}

/// Proleptic Gregorian (year, month, day) of a day count from 1970-01-01.
fn civil_date(days: i64) -> (i64, i64, i64) {
    const DAYS_IN_400_YEARS: i64 = 146_097;
    // Count from 0000-03-01, so that the leap day ends a year.
    let shifted = days + 719_468;
    let era = shifted.div_euclid(DAYS_IN_400_YEARS);
    let day_of_era = shifted.rem_euclid(DAYS_IN_400_YEARS);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 {
        march_month + 3
    } else {
        march_month - 9
    };
    let year = era * 400 + year_of_era + i64::from(month <= 2);
    (year, month, day)
}

fn date_text(days: i64) -> String {
    let (year, month, day) = civil_date(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `hh:mm:ss.fff` (or six fraction digits) of a time of day in units of 1/`per_second` s.
fn time_text(units: i64, per_second: i64) -> String {
    let seconds = units.div_euclid(per_second);
    let fraction = units.rem_euclid(per_second);
    let width = if per_second == 1_000 { 3 } else { 6 };
    format!(
        "{:02}:{:02}:{:02}.{fraction:0width$}",
        seconds / 3_600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// ISO 8601 UTC text of a timestamp in units of 1/`per_second` s since the Unix epoch.
fn timestamp_text(units: i64, per_second: i64) -> String {
    let per_day = per_second * 86_400;
    let date = date_text(units.div_euclid(per_day));
    let time = time_text(units.rem_euclid(per_day), per_second);
    format!("{date}T{time}Z")
}

#[cfg(test)]
mod tests {
    use super::*;
    use parquet::basic::{ConvertedType, LogicalType, Repetition, Type as PhysicalType};
    use parquet::data_type::{
        BoolType, ByteArray, ByteArrayType, DoubleType, FloatType, Int32Type, Int64Type,
    };
    use parquet::file::metadata::ParquetMetaDataWriter;
    use parquet::file::properties::WriterProperties;
    use parquet::file::writer::SerializedFileWriter;
    use parquet::schema::types::Type;
    use std::sync::Arc;

    const FILE: &str = "cohort.csv";

    fn read(bytes: &[u8], options: &ReadOptions) -> Table {
        match read_table(FILE, bytes, options) {
            Ok(table) => table,
            Err(error) => panic!("{error}"),
        }
    }

    // ------------------------------------------------------------------ one table, many dialects

    const NAMES: [&str; 4] = ["Пациент", "Витамин B12", "Магний, ммоль/л", "Группа"];
    /// The logical table, numbers with a decimal point.
    const ROWS: [[&str; 4]; 4] = [
        ["П-001", "317.5", "0.82", "контроль"],
        ["П-002", "", "0.71", "Иванов, \"И.\";\tмл\nвторая строка"],
        ["П-003", "NA", "1", "магний"],
        ["П-004", "1250", "-0.9e-1", "—"],
    ];

    /// Writes the logical table as CSV the way a spreadsheet would.
    fn write_csv(delimiter: char, decimal_comma: bool, newline: &str) -> String {
        let field = |cell: &str| {
            let cell = if decimal_comma && scan_number(cell).is_some() {
                cell.replace('.', ",")
            } else {
                cell.to_owned()
            };
            if cell.contains([delimiter, '"', '\n']) {
                format!("\"{}\"", cell.replace('"', "\"\""))
            } else {
                cell
            }
        };
        let line = |cells: &[&str]| {
            let fields: Vec<String> = cells.iter().map(|cell| field(cell)).collect();
            fields.join(&delimiter.to_string()) + newline
        };
        let mut text = line(&NAMES);
        for row in ROWS {
            text += &line(&row);
        }
        text
    }

    fn expected_text(row_cells: &[Option<&str>]) -> Vec<Option<String>> {
        row_cells
            .iter()
            .map(|cell| cell.map(str::to_owned))
            .collect()
    }

    fn check_logical_table(table: &Table) {
        assert_eq!(
            table.column_names()[..NAMES.len()],
            NAMES,
            "{}",
            table.format()
        );
        assert_eq!(table.n_rows(), 4);
        assert_eq!(
            table.numeric("Витамин B12").unwrap(),
            [Some(317.5), None, None, Some(1250.0)]
        );
        assert_eq!(table.n_missing("Витамин B12").unwrap(), 2);
        assert_eq!(
            table.numeric("Магний, ммоль/л").unwrap(),
            [Some(0.82), Some(0.71), Some(1.0), Some(-0.09)]
        );
        assert_eq!(
            table.text("Группа").unwrap(),
            expected_text(&[
                Some("контроль"),
                Some("Иванов, \"И.\";\tмл\nвторая строка"),
                Some("магний"),
                None,
            ])
        );
        assert_eq!(
            table.text("Пациент").unwrap(),
            expected_text(&[Some("П-001"), Some("П-002"), Some("П-003"), Some("П-004")])
        );
    }

    #[test]
    fn one_table_reads_the_same_in_every_dialect() {
        let utf8 = |text: String| text.into_bytes();
        let bom = |text: String| [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
        let cp1251 = |text: String| {
            let (bytes, _, lossy) = WINDOWS_1251.encode(&text);
            assert!(!lossy);
            bytes.into_owned()
        };
        let utf16 = |text: String| {
            let mut bytes = vec![0xFF, 0xFE];
            bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        let cases: [(Vec<u8>, &str); 7] = [
            (
                utf8(write_csv(',', false, "\n")),
                "CSV, ','-delimited, decimal point, utf-8",
            ),
            (
                bom(write_csv(';', true, "\r\n")),
                "CSV, ';'-delimited, decimal comma, utf-8 with BOM",
            ),
            (
                cp1251(write_csv(';', true, "\r\n")),
                "CSV, ';'-delimited, decimal comma, windows-1251",
            ),
            (
                utf8(write_csv('\t', false, "\n")),
                "CSV, tab-delimited, decimal point, utf-8",
            ),
            (
                cp1251(write_csv('\t', true, "\n")),
                "CSV, tab-delimited, decimal comma, windows-1251",
            ),
            (
                utf8(write_csv(';', false, "\r")),
                "CSV, ';'-delimited, decimal point, utf-8",
            ),
            (
                utf16(write_csv('\t', true, "\r\n")),
                "CSV, tab-delimited, decimal comma, utf-16le",
            ),
        ];
        for (bytes, format) in cases {
            let table = read(&bytes, &ReadOptions::default());
            assert_eq!(table.format(), format);
            assert_eq!(table.column_names().len(), NAMES.len());
            check_logical_table(&table);
        }
        // The same bytes with every option given explicitly.
        let explicit = ReadOptions {
            delimiter: Some(b';'),
            decimal_comma: Some(true),
            encoding: Some("cp1251".to_owned()),
        };
        let table = read(&cp1251(write_csv(';', true, "\n")), &explicit);
        assert_eq!(
            table.format(),
            "CSV, ';'-delimited, decimal comma, windows-1251"
        );
        check_logical_table(&table);
    }

    #[test]
    fn rows_remember_their_lines() {
        let text = "id;note\n\n1;\"two\nlines\"\n;;\n2;x\n";
        let table = read(text.as_bytes(), &ReadOptions::default());
        assert_eq!(table.n_rows(), 2);
        assert_eq!(table.line_of_row(0), Some(3));
        assert_eq!(table.line_of_row(1), Some(6));
        assert_eq!(table.line_of_row(2), None);
        let error = table.numeric("note").unwrap_err().to_string();
        assert_eq!(
            error,
            "cohort.csv:3: row 1, column \"note\": \"two\\nlines\" is not a number"
        );
    }

    // ------------------------------------------------------------------ detection rules

    fn check_format(text: &str, options: &ReadOptions, format: &str, names: &[&str]) {
        let table = read(text.as_bytes(), options);
        assert_eq!(table.format(), format, "{text:?}");
        assert_eq!(table.column_names(), names, "{text:?}");
    }

    #[test]
    fn detection() {
        let auto = ReadOptions::default();
        let point = |d: &str| format!("CSV, {d}-delimited, decimal point, utf-8");
        let comma = |d: &str| format!("CSV, {d}-delimited, decimal comma, utf-8");
        let cases: &[(&str, String, &[&str])] = &[
            ("a;b\n1,5;2\n", comma("';'"), &["a", "b"]),
            ("a;b\n1,5;2.5\n", point("';'"), &["a", "b"]),
            ("a;b\n1;2\n", point("';'"), &["a", "b"]),
            ("a;b\n", point("';'"), &["a", "b"]),
            ("a;b\n-,5;1E3\n", comma("';'"), &["a", "b"]),
            (
                "Возраст, лет;Вес, кг\n45;70,5\n",
                comma("';'"),
                &["Возраст, лет", "Вес, кг"],
            ),
            (
                "Возраст, лет;Вес, кг\n45,5;70,5\n",
                comma("';'"),
                &["Возраст, лет", "Вес, кг"],
            ),
            ("d;x\n12.03.2020;1,5\n", comma("';'"), &["d", "x"]),
            ("a\tb\n1,5\t2\n", comma("tab"), &["a", "b"]),
            ("a\tb;c\n1\t2;3\n", point("tab"), &["a", "b;c"]),
            ("a,b\n\"1,5\",2\n", point("','"), &["a", "b"]),
            ("a,b\n1.5,2\n", point("','"), &["a", "b"]),
            ("\"a;b\",c\n1,2\n", point("','"), &["a;b", "c"]),
            ("one\n1\n2\n", point("','"), &["one"]),
            ("  a ; b \n 1 ; 2 \n", point("';'"), &["a", "b"]),
            ("\n\na;b\n1;2\n", point("';'"), &["a", "b"]),
            ("PAR1;PAR2\n1;2\n", point("';'"), &["PAR1", "PAR2"]),
        ];
        for (text, format, names) in cases {
            check_format(text, &auto, format, names);
        }
        let given = |delimiter: Option<u8>, decimal_comma: Option<bool>| ReadOptions {
            delimiter,
            decimal_comma,
            encoding: None,
        };
        check_format(
            "a;b\n1.5;2\n",
            &given(None, Some(true)),
            &comma("';'"),
            &["a", "b"],
        );
        check_format(
            "a;b\n1,5;2\n",
            &given(None, Some(false)),
            &point("';'"),
            &["a", "b"],
        );
        check_format(
            "a;b,c\n1;2,3\n",
            &given(Some(b','), None),
            &point("','"),
            &["a;b", "c"],
        );
        check_format(
            "a|b\n1,5|2\n",
            &given(Some(b'|'), None),
            &comma("'|'"),
            &["a", "b"],
        );
        // A file that is not valid UTF-8 is Windows-1251 unless told otherwise.
        let (bytes, _, _) = WINDOWS_1251.encode("Пол;Возраст\nж;45\n");
        let table = read(&bytes, &auto);
        assert_eq!(table.column_names(), ["Пол", "Возраст"]);
        let utf8 = ReadOptions {
            encoding: Some("UTF-8".to_owned()),
            ..ReadOptions::default()
        };
        let table = read("Пол;Возраст\nж;45\n".as_bytes(), &utf8);
        assert_eq!(table.format(), "CSV, ';'-delimited, decimal point, utf-8");
    }

    // ------------------------------------------------------------------ numbers and missing values

    fn check_number(cell: &str, decimal_comma: bool, expect: Result<f64, NumberProblem>) {
        assert_eq!(parse_number(cell, decimal_comma), expect, "{cell:?}");
    }

    #[test]
    fn numbers() {
        use NumberProblem::*;
        let cases: &[(&str, bool, Result<f64, NumberProblem>)] = &[
            ("317,5", true, Ok(317.5)),
            ("317.5", false, Ok(317.5)),
            ("-0,25", true, Ok(-0.25)),
            ("\u{2212}2,5", true, Ok(-2.5)),
            ("+3", true, Ok(3.0)),
            ("+3", false, Ok(3.0)),
            ("007", false, Ok(7.0)),
            ("1e3", true, Ok(1000.0)),
            ("1,5e-2", true, Ok(0.015)),
            ("1.5E+2", false, Ok(150.0)),
            (",5", true, Ok(0.5)),
            (".5", false, Ok(0.5)),
            ("1.5", true, Err(OtherSeparator)),
            ("1,5", false, Err(OtherSeparator)),
            ("1.500", true, Err(OtherSeparator)),
            ("5.", false, Err(NotANumber)),
            ("1 000", false, Err(NotANumber)),
            ("1.2.3", false, Err(NotANumber)),
            ("1,5.2", false, Err(NotANumber)),
            ("inf", false, Err(NotANumber)),
            ("infinity", false, Err(NotANumber)),
            ("nan", false, Err(NotANumber)),
            ("0x10", false, Err(NotANumber)),
            ("1e", false, Err(NotANumber)),
            ("1e+", false, Err(NotANumber)),
            ("e5", false, Err(NotANumber)),
            ("--1", false, Err(NotANumber)),
            ("+", false, Err(NotANumber)),
            ("1e5x", false, Err(NotANumber)),
            ("12 мг", false, Err(NotANumber)),
            ("1e999", false, Err(NotFinite)),
            ("-1e400", true, Err(NotFinite)),
        ];
        for &(cell, decimal_comma, expect) in cases {
            check_number(cell, decimal_comma, expect);
        }
    }

    #[test]
    fn missing_values_are_counted_not_errors() {
        let tokens = [
            "", " ", "NA", "na", "N/A", "n/a", "NaN", "nan", "-", "—", ".", " NA ",
        ];
        let mut text = "x;y\n".to_owned();
        for token in tokens {
            text += &format!("{token};1\n");
        }
        let table = read(text.as_bytes(), &ReadOptions::default());
        assert_eq!(table.n_rows(), tokens.len());
        assert_eq!(table.n_missing("x").unwrap(), tokens.len());
        assert_eq!(table.numeric("x").unwrap(), vec![None; tokens.len()]);
        assert_eq!(table.text("x").unwrap(), vec![None; tokens.len()]);
        assert_eq!(table.n_missing("y").unwrap(), 0);
    }

    // ------------------------------------------------------------------ errors

    /// Reads `bytes` and, if it reads, asks for `column` as numbers; the error must contain
    /// every one of `parts` and must not end with a period.
    fn check_error(bytes: &[u8], options: &ReadOptions, column: &str, parts: &[&str]) {
        let error = match read_table(FILE, bytes, options) {
            Err(error) => error,
            Ok(table) => match table.numeric(column) {
                Err(error) => error,
                Ok(numbers) => panic!("no error for {bytes:?}: {numbers:?}"),
            },
        };
        let message = error.to_string();
        for part in parts {
            assert!(message.contains(part), "{message:?} lacks {part:?}");
        }
        assert!(!message.ends_with('.'), "{message:?}");
    }

    #[test]
    fn errors_name_file_line_row_column_and_value() {
        let auto = ReadOptions::default();
        let encoding = |label: &str| ReadOptions {
            encoding: Some(label.to_owned()),
            ..ReadOptions::default()
        };
        let delimiter = |byte: u8| ReadOptions {
            delimiter: Some(byte),
            ..ReadOptions::default()
        };
        let comma = ReadOptions {
            decimal_comma: Some(true),
            ..ReadOptions::default()
        };
        let (cp1251, _, _) = WINDOWS_1251.encode("id;Группа\n1;ж\n");
        let cases: &[(&[u8], &ReadOptions, &str, &[&str])] = &[
            (b"", &auto, "x", &["cohort.csv: the file is empty"]),
            (
                b"\xEF\xBB\xBF",
                &auto,
                "x",
                &["cohort.csv: the file is empty"],
            ),
            (b" \r\n\n ", &auto, "x", &["cohort.csv: the file is empty"]),
            (
                "a;b\n1;2\n3;4;5\n".as_bytes(),
                &auto,
                "a",
                &["cohort.csv:3: row 2 has 3 fields but the header (line 1) has 2"],
            ),
            (
                b"a;;c\n1;2;3\n",
                &auto,
                "a",
                &["cohort.csv:1: column 2 of the header"],
            ),
            (
                b"a;b;\n1;2;\n",
                &auto,
                "a",
                &["cohort.csv:1: column 3 of the header"],
            ),
            (
                b"\na;b;a\n1;2;3\n",
                &auto,
                "a",
                &["cohort.csv:2:", "column \"a\" twice (columns 1 and 3)"],
            ),
            (
                "id;Витамин B12\n1;317,5\n2;abc\n".as_bytes(),
                &auto,
                "Витамин B12",
                &["cohort.csv:3: row 2, column \"Витамин B12\": \"abc\" is not a number"],
            ),
            (
                "id;b12\n1;317,5\n\n2;1.5\n".as_bytes(),
                &comma,
                "b12",
                &[
                    "cohort.csv:4: row 2, column \"b12\": \"1.5\" is not a number",
                    "decimal comma, and a decimal point is ambiguous",
                ],
            ),
            (
                "id;b12\n1;317.5\n2;1,5\n".as_bytes(),
                &auto,
                "b12",
                &[
                    "cohort.csv:3: row 2, column \"b12\": \"1,5\"",
                    "decimal point",
                ],
            ),
            (
                b"id,b12\n1,1e999\n",
                &auto,
                "b12",
                &["cohort.csv:2: row 1, column \"b12\": \"1e999\" is not a finite number"],
            ),
            (
                "Пол;Возраст\nж;45\n".as_bytes(),
                &auto,
                "возраст ",
                &[
                    "cohort.csv: there is no column \"возраст \" (did you mean \"Возраст\"?)",
                    "the columns are \"Пол\", \"Возраст\"",
                ],
            ),
            (
                &cp1251,
                &encoding("utf-8"),
                "id",
                &["cohort.csv:1: the bytes are not valid UTF-8 (byte 0xC3 at offset 3)"],
            ),
            (
                b"\xEF\xBB\xBFid;x\n1;\xE6\n",
                &auto,
                "id",
                &["cohort.csv:2: the bytes are not valid UTF-8 (byte 0xE6 at offset 10)"],
            ),
            (
                b"a;b\n",
                &encoding("koi8-r"),
                "a",
                &["cohort.csv:", "\"koi8-r\" is not supported"],
            ),
            (
                b"a;b\n",
                &encoding("bogus"),
                "a",
                &["cohort.csv:", "\"bogus\" is not supported"],
            ),
            (
                b"a;b\n",
                &delimiter(b'"'),
                "a",
                &["cohort.csv:", "'\"' cannot be used"],
            ),
            (
                b"a;b\n",
                &delimiter(b'\n'),
                "a",
                &["cohort.csv:", "'\\n' cannot be used"],
            ),
            (
                b"PK\x03\x04\x14\x00",
                &auto,
                "a",
                &["cohort.csv:", ".xlsx workbook"],
            ),
            (
                b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00",
                &auto,
                "a",
                &["cohort.csv:", ".xls workbook"],
            ),
            (
                b"a;b\n1;\x002\n",
                &auto,
                "a",
                &["cohort.csv:", "NUL byte on line 2"],
            ),
            (
                b"PAR1\x15\x00\x15",
                &auto,
                "a",
                &["cohort.csv:", "truncated Parquet file"],
            ),
        ];
        for (bytes, options, column, parts) in cases {
            check_error(bytes, options, column, parts);
        }
        // Long values are cut in the message.
        let long = format!("id;x\n1;{}\n", "я".repeat(10_000));
        check_error(
            long.as_bytes(),
            &auto,
            "x",
            &["cohort.csv:2: row 1", "яя…\" is not"],
        );
    }

    // ------------------------------------------------------------------ Parquet

    fn optional(name: &str, physical: PhysicalType, logical: Option<LogicalType>) -> Type {
        Type::primitive_type_builder(name, physical)
            .with_repetition(Repetition::OPTIONAL)
            .with_logical_type(logical)
            .build()
            .unwrap()
    }

    /// Definition levels of an optional column: 1 where a value is present.
    fn levels<T>(values: &[Option<T>]) -> Vec<i16> {
        values
            .iter()
            .map(|value| i16::from(value.is_some()))
            .collect()
    }

    fn present<T: Clone>(values: &[Option<T>]) -> Vec<T> {
        values.iter().flatten().cloned().collect()
    }

    /// The logical table and a few more types, as a Parquet file.
    fn write_parquet(compression: Compression) -> Vec<u8> {
        let utf8 = Some(LogicalType::String);
        let fields = vec![
            optional(NAMES[0], PhysicalType::BYTE_ARRAY, utf8.clone()),
            optional(NAMES[1], PhysicalType::DOUBLE, None),
            optional(NAMES[2], PhysicalType::FLOAT, None),
            optional(NAMES[3], PhysicalType::BYTE_ARRAY, utf8.clone()),
            optional("count", PhysicalType::INT64, None),
            optional("flag", PhysicalType::BOOLEAN, None),
            Type::primitive_type_builder("price", PhysicalType::INT32)
                .with_repetition(Repetition::OPTIONAL)
                .with_converted_type(ConvertedType::DECIMAL)
                .with_precision(9)
                .with_scale(2)
                .build()
                .unwrap(),
            optional("visit", PhysicalType::INT32, Some(LogicalType::Date)),
        ];
        let schema = Type::group_type_builder("schema")
            .with_fields(fields.into_iter().map(Arc::new).collect())
            .build()
            .unwrap();
        let properties = WriterProperties::builder()
            .set_compression(compression)
            .build();
        let mut bytes = Vec::new();
        let mut writer =
            SerializedFileWriter::new(&mut bytes, Arc::new(schema), Arc::new(properties)).unwrap();
        let mut group = writer.next_row_group().unwrap();
        let text = |cells: [Option<&str>; 4]| cells.map(|cell| cell.map(ByteArray::from));
        let patients = text([Some("П-001"), Some("П-002"), Some(" П-003 "), Some("П-004")]);
        let b12 = [Some(317.5), None, Some(f64::NAN), Some(1250.0)];
        let magnesium = [Some(0.82_f32), Some(0.71), Some(1.0), Some(-0.09)];
        let groups = text([
            Some("контроль"),
            Some("Иванов, \"И.\";\tмл\nвторая строка"),
            Some("магний"),
            Some("—"),
        ]);
        let counts = [Some(i64::MAX), Some(-3), None, Some(0)];
        let flags = [Some(true), Some(false), None, Some(true)];
        let prices = [Some(-5_i32), Some(12_345), Some(0), None];
        let visits = [Some(0_i32), Some(18_262), Some(-1), Some(11_016)];
        let mut index = 0;
        while let Some(mut column) = group.next_column().unwrap() {
            match index {
                0 | 3 => {
                    let values = if index == 0 { &patients } else { &groups };
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&present(values), Some(&levels(values)), None)
                        .unwrap();
                }
                1 => {
                    let writer = column.typed::<DoubleType>();
                    writer
                        .write_batch(&present(&b12), Some(&levels(&b12)), None)
                        .unwrap();
                }
                2 => {
                    let writer = column.typed::<FloatType>();
                    let values = (present(&magnesium), levels(&magnesium));
                    writer
                        .write_batch(&values.0, Some(&values.1), None)
                        .unwrap();
                }
                4 => {
                    let writer = column.typed::<Int64Type>();
                    writer
                        .write_batch(&present(&counts), Some(&levels(&counts)), None)
                        .unwrap();
                }
                5 => {
                    let writer = column.typed::<BoolType>();
                    writer
                        .write_batch(&present(&flags), Some(&levels(&flags)), None)
                        .unwrap();
                }
                _ => {
                    let values = if index == 6 { &prices } else { &visits };
                    let writer = column.typed::<Int32Type>();
                    writer
                        .write_batch(&present(values), Some(&levels(values)), None)
                        .unwrap();
                }
            }
            column.close().unwrap();
            index += 1;
        }
        group.close().unwrap();
        writer.close().unwrap();
        bytes
    }

    #[test]
    fn parquet_reads_like_the_csv() {
        let codecs = [
            Compression::UNCOMPRESSED,
            Compression::SNAPPY,
            Compression::ZSTD(Default::default()),
            Compression::GZIP(Default::default()),
            Compression::LZ4,
            Compression::LZ4_RAW,
        ];
        for compression in codecs {
            let bytes = write_parquet(compression);
            let table = read_table("cohort.parquet", &bytes, &ReadOptions::default()).unwrap();
            // the columns shared among threads read the same
            for threads in [1, 2, 3, 8] {
                let on = read_parquet("cohort.parquet", &bytes, None, Some(threads)).unwrap();
                assert_eq!(on, table, "{threads} threads");
            }
            assert_eq!(table.format(), "Parquet");
            assert_eq!(table.file(), "cohort.parquet");
            assert_eq!(table.line_of_row(0), None);
            // NaN is missing like the CSV's "NA"; the float 0.82 reads as 0.82, not as its
            // binary neighbour 0.8199999928474426.
            check_logical_table(&table);
            assert_eq!(
                table.text("Витамин B12").unwrap(),
                expected_text(&[Some("317.5"), None, None, Some("1250")])
            );
            assert_eq!(
                table.text("count").unwrap(),
                expected_text(&[Some("9223372036854775807"), Some("-3"), None, Some("0")])
            );
            assert_eq!(
                table.numeric("count").unwrap(),
                [Some(9.223372036854776e18), Some(-3.0), None, Some(0.0)]
            );
            assert_eq!(
                table.text("flag").unwrap(),
                expected_text(&[Some("true"), Some("false"), None, Some("true")])
            );
            assert_eq!(
                table.numeric("price").unwrap(),
                [Some(-0.05), Some(123.45), Some(0.0), None]
            );
            assert_eq!(
                table.text("visit").unwrap(),
                expected_text(&[
                    Some("1970-01-01"),
                    Some("2020-01-01"),
                    Some("1969-12-31"),
                    Some("2000-02-29"),
                ])
            );
            let error = table.numeric("flag").unwrap_err().to_string();
            assert_eq!(
                error,
                "cohort.parquet: row 1, column \"flag\": \"true\" is not a number"
            );
            let error = table.numeric("nope").unwrap_err().to_string();
            assert!(
                error.starts_with(
                    "cohort.parquet: there is no column \"nope\"; the columns are \"Пациент\""
                ),
                "{error}"
            );
        }
    }

    #[test]
    fn only_the_columns_asked_for_are_kept() {
        let wanted: &[&str] = &[NAMES[1], NAMES[3]];
        let csv = write_csv(';', true, "\n");
        let parquet = write_parquet(Compression::SNAPPY);
        for (bytes, format) in [
            (csv.as_bytes(), "CSV, ';'-delimited, decimal comma, utf-8"),
            (parquet.as_slice(), "Parquet"),
        ] {
            let table =
                read_table_columns(FILE, bytes, &ReadOptions::default(), Some(wanted)).unwrap();
            // the detection read every column: the magnesium column's decimal commas count
            assert_eq!(table.format(), format);
            assert_eq!(table.column_names()[..4], NAMES);
            assert_eq!(
                table.numeric(NAMES[1]).unwrap(),
                [Some(317.5), None, None, Some(1250.0)]
            );
            assert_eq!(
                table.text(NAMES[3]).unwrap()[0].as_deref(),
                Some("контроль")
            );
            assert_eq!(
                table.numeric(NAMES[2]).unwrap_err().to_string(),
                format!(
                    "{FILE}: column {:?} was not read (it was not among the columns asked for)",
                    NAMES[2]
                )
            );
            let error = table.numeric("магний").unwrap_err().to_string();
            assert!(error.contains("there is no column \"магний\""), "{error}");
            assert!(table.memory_bytes() > 0);
        }
    }

    /// The same file with its footer claiming another codec (the pages are unchanged: the
    /// codec is refused before any page is read).
    fn with_codec(bytes: &[u8], codec: Compression) -> Vec<u8> {
        let reader = SerializedFileReader::new(Bytes::copy_from_slice(bytes)).unwrap();
        let mut builder = reader.metadata().clone().into_builder();
        let groups = builder
            .take_row_groups()
            .into_iter()
            .map(|group| {
                let columns = group
                    .columns()
                    .iter()
                    .map(|chunk| {
                        let chunk = chunk.clone().into_builder().set_compression(codec);
                        chunk.build().unwrap()
                    })
                    .collect();
                group
                    .into_builder()
                    .set_column_metadata(columns)
                    .build()
                    .unwrap()
            })
            .collect();
        let metadata = builder.set_row_groups(groups).build();
        let footer = u32::from_le_bytes(bytes[bytes.len() - 8..][..4].try_into().unwrap());
        let mut out = bytes[..bytes.len() - 8 - footer as usize].to_vec();
        ParquetMetaDataWriter::new(&mut out, &metadata)
            .finish()
            .unwrap();
        out
    }

    #[test]
    fn parquet_errors_name_the_file() {
        let bytes = write_parquet(Compression::UNCOMPRESSED);
        let rewritten = with_codec(&bytes, Compression::UNCOMPRESSED);
        let table = read_table("cohort.parquet", &rewritten, &ReadOptions::default()).unwrap();
        check_logical_table(&table);
        let brotli = with_codec(&bytes, Compression::BROTLI(Default::default()));
        let error = read_table("cohort.parquet", &brotli, &ReadOptions::default()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cohort.parquet: cannot read the Parquet file: column \"Пациент\" is compressed \
             with BROTLI, which this build cannot read; save the file uncompressed or with \
             Snappy, ZSTD, gzip or LZ4"
        );
        // a codec the footer claims but the pages do not have: an error, not a panic
        let zstd = with_codec(&bytes, Compression::ZSTD(Default::default()));
        let error = read_table("cohort.parquet", &zstd, &ReadOptions::default()).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("cohort.parquet: cannot read the Parquet file: "),
            "{error}"
        );
        let mut long_footer = bytes.clone();
        let at = long_footer.len() - 8;
        long_footer[at..at + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        let error = read_table("cohort.parquet", &long_footer, &ReadOptions::default());
        let message = error.unwrap_err().to_string();
        assert!(
            message.starts_with("cohort.parquet: cannot read the Parquet file: "),
            "{message}"
        );
        assert!(!message.ends_with('.'), "{message}");
    }

    #[test]
    fn parquet_value_texts() {
        let decimals: &[(&[u8], i32, &str)] = &[
            (&[], 2, "0.00"),
            (&[0x01], 0, "1"),
            (&[0xFF], 0, "-1"),
            (&[0xFF, 0xFB], 2, "-0.05"),
            (&[0x30, 0x39], 2, "123.45"),
            (&[0x30, 0x39], 6, "0.012345"),
            (&[0x30, 0x39], -2, "12345e2"),
            (&[0x30, 0x39], 60, "12345e-60"),
            (
                &[0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                0,
                "-170141183460469231731687303715884105728",
            ),
            (&[0; 17], 0, "(a decimal of 17 bytes)"),
        ];
        for &(bytes, scale, text) in decimals {
            assert_eq!(decimal_text(bytes, scale), text, "{bytes:?} {scale}");
        }
        let dates = [
            (0, "1970-01-01"),
            (-719_468, "0000-03-01"),
            (2_932_896, "9999-12-31"),
        ];
        for (days, text) in dates {
            assert_eq!(date_text(days), text);
        }
        let _ = date_text(i64::from(i32::MIN));
        assert_eq!(
            timestamp_text(1_262_391_174_000, 1_000),
            "2010-01-02T00:12:54.000Z"
        );
        assert_eq!(timestamp_text(-1, 1_000_000), "1969-12-31T23:59:59.999999Z");
        assert!(timestamp_text(i64::MIN, 1_000).starts_with("-292275055-"));
        assert_eq!(time_text(3_723_004, 1_000), "01:02:03.004");
        let floats: &[(f64, Option<&str>)] = &[
            (0.0, Some("0")),
            (-2.5, Some("-2.5")),
            (1e20, Some("1e20")),
            (1.5e-7, Some("1.5e-7")),
            (f64::INFINITY, Some("inf")),
            (f64::NAN, None),
        ];
        for &(value, text) in floats {
            assert_eq!(float_text(value).as_deref(), text);
            if let Some(text) = text.filter(|text| *text != "inf") {
                assert_eq!(parse_number(text, false), Ok(value));
            }
        }
        assert_eq!(float_text(0.1_f32).as_deref(), Some("0.1"));
    }

    // ------------------------------------------------------------------ no input panics

    /// A small deterministic generator (xorshift64*).
    struct Noise(u64);

    impl Noise {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }

        fn below(&mut self, bound: usize) -> usize {
            (self.next() % bound as u64) as usize
        }
    }

    /// Reads the bytes every way there is; errors are fine, panics are not.
    fn exercise(bytes: &[u8]) {
        let options = [
            ReadOptions::default(),
            ReadOptions {
                delimiter: Some(b';'),
                decimal_comma: Some(true),
                encoding: Some("utf-8".to_owned()),
            },
        ];
        for options in &options {
            if let Ok(table) = read_table("fuzz", bytes, options) {
                for name in table.column_names() {
                    let _ = table.numeric(name);
                    let _ = table.text(name);
                }
            }
        }
        if bytes.len() >= 8 && bytes.starts_with(b"PAR1") && bytes.ends_with(b"PAR1") {
            // the columns shared among threads: the same table or error as one reader
            assert_eq!(
                read_parquet("fuzz", bytes, None, Some(2)),
                read_parquet("fuzz", bytes, None, Some(1))
            );
        }
    }

    #[test]
    fn random_and_truncated_bytes_do_not_panic() {
        let mut noise = Noise(0x9E37_79B9_7F4A_7C15);
        let alphabet = b"a1;,\t\"\n\r.-e+ \xEF\xBB\xBF\xC0\xFF\xD0\x00PAR1";
        for _ in 0..2_000 {
            let length = noise.below(200);
            let bytes: Vec<u8> = if noise.below(2) == 0 {
                (0..length).map(|_| noise.next() as u8).collect()
            } else {
                (0..length)
                    .map(|_| alphabet[noise.below(alphabet.len())])
                    .collect()
            };
            exercise(&bytes);
        }
        let parquet = write_parquet(Compression::SNAPPY);
        for end in 0..parquet.len() {
            exercise(&parquet[..end]);
            exercise(&parquet[parquet.len() - end..]);
        }
        for _ in 0..3_000 {
            let mut damaged = parquet.clone();
            for _ in 0..1 + noise.below(3) {
                let at = noise.below(damaged.len());
                damaged[at] = noise.next() as u8;
            }
            exercise(&damaged);
        }
        // Huge fields and headers.
        let huge = "я".repeat(2_000_000);
        exercise(format!("{huge};b\n\"{huge}\";1\n").as_bytes());
        exercise(format!("a;b\n\"{huge}").as_bytes());
    }
}
