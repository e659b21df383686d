//! The data rows of a CSV text, parsed in parallel chunks straight into typed columns: the
//! hot part of reading a cohort of millions of rows.
//!
//! The records are those of the `csv` crate's reader as the table module configures it
//! (RFC 4180 quotes with `""` for a quote, a quote opening a field only at its start, text
//! after a closing quote kept, `\r`, `\n` and `\r\n` ending a record, line breaks between
//! records skipped), so that the chunked parser and the detection, which uses that crate on
//! the first rows, see the same records; no field becomes a `String` of its own (a field is
//! a span of the text, or of one scratch buffer when it held `""`).
//!
//! The text after the header is cut into as many chunks as there are cores, each cut just
//! after a line break, and each chunk is parsed on its own thread as if a record started
//! there. That guess is wrong only when the cut falls inside a quoted field holding a line
//! break; it is checked in file order: the record after the last one of a chunk (found by
//! parsing that chunk, which reads on past its end to finish its last record) must be the
//! first record of the next chunk, and a chunk where it is not is parsed again from there.
//! The first bad row in file order is then the first error of the first chunk that has one.

use super::column::Builder;
use super::{line_breaks, RowLines, MAX_ROWS};

/// A field of the current record: a span of the text, or of the scratch buffer.
#[derive(Clone, Copy, Debug)]
enum Field {
    Text(usize, usize),
    Scratch(usize, usize),
}

/// A cursor over the records of a CSV text.
pub(super) struct Records<'t> {
    text: &'t str,
    pos: usize,
    delimiter: u8,
    /// Bytes that end an unquoted field: the delimiter, `\r` and `\n`.
    stops: [bool; 256],
    /// Line breaks passed since the cursor was made.
    breaks: usize,
    fields: Vec<Field>,
    scratch: String,
    /// The last field read ran to the end of the text inside quotes.
    open_at_end: bool,
}

impl<'t> Records<'t> {
    pub(super) fn new(text: &'t str, pos: usize, delimiter: u8) -> Self {
        let mut stops = [false; 256];
        for byte in [delimiter, b'\r', b'\n'] {
            stops[usize::from(byte)] = true;
        }
        Records {
            text,
            pos,
            delimiter,
            stops,
            breaks: 0,
            fields: Vec::new(),
            scratch: String::new(),
            open_at_end: false,
        }
    }

    /// Where the cursor is.
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    /// Line breaks passed since the cursor was made.
    pub(super) fn breaks(&self) -> usize {
        self.breaks
    }

    /// Skips line breaks up to the start of the next record; `false` at the end of the text.
    pub(super) fn skip_line_breaks(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        while let Some(&byte) = bytes.get(self.pos) {
            match byte {
                b'\n' => self.breaks += 1,
                b'\r' => {
                    if bytes.get(self.pos + 1) != Some(&b'\n') {
                        self.breaks += 1;
                    }
                }
                _ => return true,
            }
            self.pos += 1;
        }
        false
    }

    /// The end of the unquoted text from `from`: the first delimiter or line break, or the
    /// end of the text.
    fn unquoted_end(&self, from: usize) -> usize {
        let bytes = self.text.as_bytes();
        let rest = bytes.get(from..).unwrap_or_default();
        from + rest
            .iter()
            .position(|&byte| self.stops[usize::from(byte)])
            .unwrap_or(rest.len())
    }

    fn read_field(&mut self) -> Field {
        let bytes = self.text.as_bytes();
        let start = self.pos;
        if bytes.get(start) != Some(&b'"') {
            let end = self.unquoted_end(start);
            self.pos = end;
            return Field::Text(start, end);
        }
        let scratch_start = self.scratch.len();
        let mut in_scratch = false;
        let mut piece = start + 1;
        let mut search = piece;
        loop {
            let Some(offset) = memchr::memchr(b'"', &bytes[search..]) else {
                // the text ends inside the quotes: the field runs to its end
                self.breaks += line_breaks(bytes, search, bytes.len());
                self.pos = bytes.len();
                self.open_at_end = true;
                if !in_scratch {
                    return Field::Text(piece, bytes.len());
                }
                self.scratch.push_str(&self.text[piece..]);
                return Field::Scratch(scratch_start, self.scratch.len());
            };
            let quote = search + offset;
            self.breaks += line_breaks(bytes, search, quote);
            if bytes.get(quote + 1) == Some(&b'"') {
                // `""`: one quote
                self.scratch.push_str(&self.text[piece..=quote]);
                in_scratch = true;
                piece = quote + 2;
                search = piece;
                continue;
            }
            // the closing quote: text after it, up to the delimiter or line break, is kept
            let after = quote + 1;
            let end = self.unquoted_end(after);
            self.pos = end;
            if !in_scratch && end == after {
                return Field::Text(piece, quote);
            }
            self.scratch.push_str(&self.text[piece..quote]);
            self.scratch.push_str(&self.text[after..end]);
            return Field::Scratch(scratch_start, self.scratch.len());
        }
    }

    /// Reads the record at the cursor, which must be at a record start (after
    /// [`Records::skip_line_breaks`] returned `true`); stops at its line break.
    pub(super) fn read_record(&mut self) {
        self.fields.clear();
        self.scratch.clear();
        loop {
            let field = self.read_field();
            self.fields.push(field);
            if self.text.as_bytes().get(self.pos) == Some(&self.delimiter) {
                self.pos += 1;
            } else {
                return;
            }
        }
    }

    /// Whether the record read ran to the end of the text inside quotes (so that, when the
    /// text is a block of a longer one, it may go on).
    pub(super) fn open_at_end(&self) -> bool {
        self.open_at_end
    }

    /// The number of fields of the record read.
    pub(super) fn len(&self) -> usize {
        self.fields.len()
    }

    /// The fields of the record read, as written (untrimmed).
    pub(super) fn fields(&self) -> impl Iterator<Item = &str> + '_ {
        self.fields.iter().map(|&field| match field {
            Field::Text(from, to) => &self.text[from..to],
            Field::Scratch(from, to) => &self.scratch[from..to],
        })
    }

    /// Whether every field of the record read is empty or white space.
    pub(super) fn is_blank(&self) -> bool {
        self.fields().all(|field| field.trim().is_empty())
    }
}

/// A data row with more or fewer fields than the header, in a chunk.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ragged {
    /// 1-based row in the chunk.
    pub(super) row: usize,
    /// Line breaks from the chunk's start to the row's.
    pub(super) breaks: usize,
    /// Fields in the row.
    pub(super) found: usize,
}

/// The rows of one chunk.
pub(super) struct Chunk {
    /// Where its first record starts (or where the text ends).
    pub(super) first: usize,
    /// Line breaks from `from` to `first`.
    pub(super) first_breaks: usize,
    /// Where the record after its last one starts (or the text ends); meaningless when the
    /// chunk stopped early (`ragged` or `capped`).
    pub(super) next: usize,
    /// Line breaks from `from` to `next`.
    pub(super) next_breaks: usize,
    pub(super) rows: usize,
    /// Each row's line, as line breaks from `from` (plus one).
    pub(super) lines: RowLines,
    pub(super) builders: Vec<Builder>,
    pub(super) ragged: Option<Ragged>,
    /// It stopped after more than [`MAX_ROWS`] rows.
    pub(super) capped: bool,
    /// It stopped at a record that runs to the end of a text that is not the last block,
    /// inside quotes: that record, at `next`, is read again with the next block.
    pub(super) incomplete: bool,
}

/// Parses the records that start in `from..end` into builders like `template`'s; `last`
/// says whether `text` ends the table's text (else a quoted field may go on).
pub(super) fn parse_chunk(
    text: &str,
    from: usize,
    end: usize,
    delimiter: u8,
    template: &[Builder],
    last: bool,
) -> Chunk {
    // about one row per 40 bytes, to reserve once
    let capacity = (end.saturating_sub(from) / 40).min(MAX_ROWS);
    let mut builders: Vec<Builder> = template.iter().map(|b| b.sibling(capacity)).collect();
    let mut records = Records::new(text, from, delimiter);
    let mut more = records.skip_line_breaks();
    let mut chunk = Chunk {
        first: records.pos(),
        first_breaks: records.breaks(),
        next: 0,
        next_breaks: 0,
        rows: 0,
        lines: RowLines::default(),
        builders: Vec::new(),
        ragged: None,
        capped: false,
        incomplete: false,
    };
    while more && records.pos() < end {
        let breaks = records.breaks();
        let record_start = records.pos();
        records.read_record();
        if !last && records.open_at_end() {
            chunk.incomplete = true;
            chunk.next = record_start;
            chunk.next_breaks = breaks;
            chunk.builders = builders;
            return chunk;
        }
        if !records.is_blank() {
            if records.len() != builders.len() {
                chunk.ragged = Some(Ragged {
                    row: chunk.rows + 1,
                    breaks,
                    found: records.len(),
                });
                break;
            }
            for (builder, cell) in builders.iter_mut().zip(records.fields()) {
                builder.push(cell);
            }
            chunk.lines.push(chunk.rows, breaks + 1);
            chunk.rows += 1;
            if chunk.rows > MAX_ROWS {
                chunk.capped = true;
                break;
            }
        }
        more = records.skip_line_breaks();
    }
    chunk.next = records.pos();
    chunk.next_breaks = records.breaks();
    chunk.builders = builders;
    chunk
}

/// Where to cut `text[from..]` into about `parts` chunks: each cut just after a line break
/// (`\n`, `\r\n` or a lone `\r`); the cuts are increasing and the last is the text's end.
pub(super) fn cuts(text: &str, from: usize, parts: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let length = bytes.len().saturating_sub(from);
    let mut cuts = Vec::with_capacity(parts);
    let mut last = from;
    for part in 1..parts {
        let nominal = (from + length / parts * part).max(last);
        let Some(offset) = memchr::memchr2(b'\n', b'\r', &bytes[nominal..]) else {
            break;
        };
        let mut cut = nominal + offset + 1;
        if bytes[cut - 1] == b'\r' && bytes.get(cut) == Some(&b'\n') {
            cut += 1;
        }
        if cut >= bytes.len() {
            break;
        }
        cuts.push(cut);
        last = cut;
    }
    cuts.push(bytes.len());
    cuts
}

/// Parses the records of `text` from `from` (a record start or a line break) into
/// builders like `template`'s, in chunks on up to `threads` threads; returns the chunks in
/// file order, each one's parse checked to start where the one before it ended (see the
/// module documentation).
pub(super) fn parse_chunks(
    text: &str,
    from: usize,
    delimiter: u8,
    template: &[Builder],
    threads: usize,
    last: bool,
) -> Vec<Chunk> {
    let ends = cuts(text, from, threads.max(1));
    let starts: Vec<usize> = std::iter::once(from)
        .chain(ends.iter().copied())
        .take(ends.len())
        .collect();
    let mut chunks: Vec<Chunk> = if ends.len() == 1 {
        vec![parse_chunk(text, from, ends[0], delimiter, template, last)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = starts[1..]
                .iter()
                .zip(&ends[1..])
                .map(|(&start, &end)| {
                    scope.spawn(move || parse_chunk(text, start, end, delimiter, template, last))
                })
                .collect();
            let mut chunks = vec![parse_chunk(
                text, starts[0], ends[0], delimiter, template, last,
            )];
            for handle in handles {
                chunks.push(match handle.join() {
                    Ok(chunk) => chunk,
                    Err(panic) => std::panic::resume_unwind(panic),
                });
            }
            chunks
        })
    };
    // Check the guesses in file order; a chunk after one that stopped early is not needed.
    for at in 1..chunks.len() {
        let before = &chunks[at - 1];
        if before.ragged.is_some() || before.capped || before.incomplete {
            chunks.truncate(at);
            break;
        }
        if before.next != chunks[at].first {
            let restart = before.next;
            chunks[at] = parse_chunk(text, restart, ends[at], delimiter, template, last);
        }
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::super::{
        read_csv_on, read_file_in_blocks, read_table, ReadOptions, Table, TableError,
    };
    use super::*;

    struct Noise(u64);

    impl Noise {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound
        }
    }

    /// Every record of `text` with its fields and the 1-based line where it starts, by
    /// this module's cursor.
    fn ours(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut records = Records::new(text, 0, delimiter);
        let mut out = Vec::new();
        while records.skip_line_breaks() {
            let line = records.breaks() + 1;
            records.read_record();
            out.push((line, records.fields().map(str::to_owned).collect()));
        }
        out
    }

    /// The same by the `csv` crate, as the table module read CSV before this module: lines
    /// counted from each record's byte position, skipping the line breaks there.
    fn theirs(text: &str, delimiter: u8) -> Vec<(usize, Vec<String>)> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(text.as_bytes());
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for record in reader.records() {
            let record = record.expect("a str is UTF-8");
            let mut start = record.position().map_or(0, |p| p.byte() as usize);
            while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
            let line = 1 + line_breaks(bytes, 0, start);
            out.push((line, record.iter().map(str::to_owned).collect()));
        }
        out
    }

    fn random_text(noise: &mut Noise, alphabet: &[&str], length: usize) -> String {
        (0..length)
            .map(|_| alphabet[noise.below(alphabet.len())])
            .collect()
    }

    #[test]
    fn records_are_those_of_the_csv_crate() {
        let alphabet = [
            "a", "1", ",", ";", "\"", "\"", "\r", "\n", "\r\n", " ", "é", "\t", ".", "",
        ];
        let mut noise = Noise(0x5EED_1234_ABCD_0001);
        for case in 0..3000 {
            let text = random_text(&mut noise, &alphabet, 1 + case % 60);
            for delimiter in [b',', b';', b'\t'] {
                assert_eq!(
                    ours(&text, delimiter),
                    theirs(&text, delimiter),
                    "{text:?} with {:?}",
                    char::from(delimiter)
                );
            }
        }
    }

    fn read_on(text: &str, threads: usize) -> Result<Table, TableError> {
        read_csv_on(
            "t.csv",
            text,
            "utf-8",
            &ReadOptions::default(),
            None,
            Some(threads),
        )
    }

    /// A table of `case`'s kind: rows with quoted line breaks, `""`, blank and ragged rows,
    /// mixed line breaks, numbers in both decimal styles and words.
    fn random_table(noise: &mut Noise, case: usize, max_rows: usize) -> String {
        let cells = [
            "1",
            "2.5",
            "3,5",
            "-0",
            "007",
            "",
            "NA",
            " 4 ",
            "x",
            "\"q\"",
            "\"a\nb\"",
            "\"a\r\n;b\"",
            "\"say \"\"hi\"\"\"",
            "\"5\"",
            "1e3",
            "я",
        ];
        let breaks = ["\n", "\r\n", "\r", "\n\n", "\n;;\n"];
        let columns = 1 + noise.below(4);
        let rows = noise.below(max_rows);
        let header: Vec<String> = (0..columns).map(|c| format!("c{c}")).collect();
        let mut text = header.join(";") + "\n";
        // most columns draw from few cells, so that many stay numbers
        let pools: Vec<Vec<&str>> = (0..columns)
            .map(|_| {
                (0..1 + noise.below(3))
                    .map(|_| cells[noise.below(cells.len())])
                    .collect()
            })
            .collect();
        for _ in 0..rows {
            let n = if case.is_multiple_of(5) && noise.below(30) == 0 {
                columns + 1
            } else {
                columns
            };
            let row: Vec<&str> = (0..n)
                .map(|c| {
                    let pool = &pools[c % columns];
                    pool[noise.below(pool.len())]
                })
                .collect();
            text += &row.join(";");
            text += breaks[noise.below(breaks.len())];
        }
        text
    }

    /// Such tables read the same on 1 to 7 threads, and a bad one gives the same first
    /// error.
    #[test]
    fn chunks_read_like_one() {
        let mut noise = Noise(0x0DDB_A11C_0FFE_E042);
        for case in 0..400 {
            let text = random_table(&mut noise, case, 40);
            let one = read_on(&text, 1);
            for threads in 2..8 {
                assert_eq!(
                    read_on(&text, threads),
                    one,
                    "{text:?} on {threads} threads"
                );
            }
        }
    }

    /// A file read in blocks gives the table, or the error, of its bytes read whole: with
    /// blocks from a few bytes (a quoted field, a row, the header longer than a block) to
    /// larger than the file, in UTF-8 with and without a byte-order mark, and in
    /// Windows-1251 (read whole once a block is not UTF-8).
    #[test]
    fn blocks_read_like_the_whole_file() {
        let dir = std::env::temp_dir().join(format!("neuronutri-blocks-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.csv");
        let mut noise = Noise(0xB10C_5EED_0000_0007);
        let options = [
            ReadOptions::default(),
            ReadOptions {
                delimiter: Some(b';'),
                ..ReadOptions::default()
            },
        ];
        for case in 0..300 {
            let text = random_table(&mut noise, case, 60);
            let bytes = match case % 3 {
                0 => text.clone().into_bytes(),
                1 => [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat(),
                _ => encoding_rs::WINDOWS_1251.encode(&text).0.into_owned(),
            };
            std::fs::write(&path, &bytes).unwrap();
            for options in &options {
                let whole = read_table("t.csv", &bytes, options);
                for block in [5, 16, 50, 300, 100_000] {
                    for threads in [1, 3] {
                        let read = read_file_in_blocks(
                            "t.csv",
                            &path,
                            options,
                            None,
                            block,
                            Some(threads),
                        );
                        assert_eq!(
                            read, whole,
                            "{text:?}, blocks of {block}, {threads} threads"
                        );
                    }
                }
            }
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
