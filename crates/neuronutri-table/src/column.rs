//! The typed columns of a cohort table, built cell by cell while a file is read, so that the
//! table is parsed once: a column whose cells are all numbers (or missing) is kept as an
//! Arrow `Float64Array` (NaN under the validity mask at missing cells), any other column as
//! an Arrow dictionary of its texts (`u32` codes).
//!
//! A number column does not keep its texts: the text of a cell is the shortest decimal form
//! of its number (`71.8`, `1250`; with a decimal comma `71,8`) unless the cell was written
//! otherwise (`007`, `1.50`, `+3`, `1e3`, more than 15 significant digits), and only those
//! cells keep the text as written. So `Table::text` gives back every cell as written while
//! the memory of a number column stays close to 8 bytes a row.

use std::borrow::Cow;

use arrow_array::types::UInt32Type;
use arrow_array::{Array, DictionaryArray, Float64Array, LargeStringArray, UInt32Array};
use arrow_buffer::{BooleanBufferBuilder, NullBuffer, ScalarBuffer};

use super::{is_missing, scan_number, Separator};

/// Code of a missing cell in [`Categories::codes`].
pub const MISSING: u32 = u32::MAX;

/// A column as categories: each distinct text once, and each row's index into them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Categories {
    /// The distinct texts (not necessarily all used, nor sorted).
    pub names: Vec<String>,
    /// For each row, the index of its text in `names`, or [`MISSING`].
    pub codes: Vec<u32>,
}

/// The data of one column.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Data {
    Numbers(Numbers),
    Text(DictionaryArray<UInt32Type>),
}

/// A column of numbers.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Numbers {
    /// NaN at missing cells, which the validity mask marks.
    pub(crate) values: Float64Array,
    /// Cells whose text is not the shortest form of their number, by row, ascending.
    pub(crate) written: Vec<(u32, Box<str>)>,
    /// The column's numbers are written with a decimal comma.
    pub(crate) comma: bool,
}

impl Numbers {
    /// The text of a present cell.
    fn text(&self, row: usize) -> Cow<'_, str> {
        if let Ok(at) = self
            .written
            .binary_search_by_key(&(row as u32), |(r, _)| *r)
        {
            return Cow::Borrowed(&self.written[at].1);
        }
        let text = format!("{}", self.values.value(row));
        if self.comma {
            Cow::Owned(text.replace('.', ","))
        } else {
            Cow::Owned(text)
        }
    }
}

impl Data {
    pub(crate) fn len(&self) -> usize {
        match self {
            Data::Numbers(n) => n.values.len(),
            Data::Text(t) => t.len(),
        }
    }

    pub(crate) fn null_count(&self) -> usize {
        match self {
            Data::Numbers(n) => n.values.null_count(),
            Data::Text(t) => t.null_count(),
        }
    }

    /// The text of a cell, `None` when missing.
    pub(crate) fn cell(&self, row: usize) -> Option<Cow<'_, str>> {
        match self {
            Data::Numbers(n) => n.values.is_valid(row).then(|| n.text(row)),
            Data::Text(t) => t.is_valid(row).then(|| {
                let values = dictionary_values(t);
                Cow::Borrowed(values.value(t.keys().value(row) as usize))
            }),
        }
    }

    /// The column as categories.
    pub(crate) fn categories(&self) -> Categories {
        match self {
            Data::Text(t) => {
                let values = dictionary_values(t);
                let names = values.iter().map(|v| v.unwrap_or("").to_owned()).collect();
                let keys = t.keys();
                let codes = (0..t.len())
                    .map(|row| {
                        if keys.is_valid(row) {
                            keys.value(row)
                        } else {
                            MISSING
                        }
                    })
                    .collect();
                Categories { names, codes }
            }
            Data::Numbers(_) => {
                let mut index = std::collections::HashMap::new();
                let mut names = Vec::new();
                let codes = (0..self.len())
                    .map(|row| match self.cell(row) {
                        None => MISSING,
                        Some(text) => *index.entry(text.into_owned()).or_insert_with_key(|k| {
                            names.push(k.clone());
                            (names.len() - 1) as u32
                        }),
                    })
                    .collect();
                Categories { names, codes }
            }
        }
    }

    /// Bytes held by the column's buffers.
    pub(crate) fn memory(&self) -> usize {
        match self {
            Data::Numbers(n) => {
                n.values.get_buffer_memory_size()
                    + n.written
                        .iter()
                        .map(|(_, t)| 4 + 16 + t.len())
                        .sum::<usize>()
            }
            Data::Text(t) => t.get_array_memory_size(),
        }
    }
}

fn dictionary_values(t: &DictionaryArray<UInt32Type>) -> &LargeStringArray {
    t.values()
        .as_any()
        .downcast_ref::<LargeStringArray>()
        .expect("text columns hold a dictionary of large strings")
}

/// A number cell: how it is written.
struct Scanned {
    separator: Separator,
    /// The text is the shortest decimal form of its number (given its range: see
    /// [`canonical_range`]).
    shortest: bool,
}

/// Whether all of a trimmed cell is a number, and whether it is written in shortest form:
/// no sign but `-`, no exponent, no leading zero (but the one of `0.5`), no trailing zero
/// of a fraction, at most 15 significant digits.
fn scan(cell: &str) -> Option<Scanned> {
    let separator = scan_number(cell)?;
    let bytes = cell.as_bytes();
    let body = bytes.strip_prefix(b"-").unwrap_or(bytes);
    let shortest = 'check: {
        if body.first().is_some_and(|b| !b.is_ascii_digit()) {
            break 'check false; // '+', U+2212, or ".5"
        }
        if body.iter().any(|b| matches!(b, b'e' | b'E')) {
            break 'check false;
        }
        let (whole, fraction) = match body.iter().position(|b| matches!(b, b'.' | b',')) {
            Some(at) => (&body[..at], Some(&body[at + 1..])),
            None => (body, None),
        };
        if whole.len() > 1 && whole[0] == b'0' {
            break 'check false;
        }
        let mut significant = if whole == b"0" { 0 } else { whole.len() };
        if let Some(fraction) = fraction {
            if fraction.last() == Some(&b'0') {
                break 'check false;
            }
            significant += if significant == 0 {
                fraction.len() - fraction.iter().take_while(|&&b| b == b'0').count()
            } else {
                fraction.len()
            };
        }
        significant <= 15
    };
    Some(Scanned {
        separator,
        shortest,
    })
}

/// The numbers whose shortest form is written without an exponent (as `Table::text`
/// writes them): zero and magnitudes from 10⁻⁶ to below 10¹⁶.
fn canonical_range(value: f64) -> bool {
    value == 0.0 || (1e-6..1e16).contains(&value.abs())
}

/// Parses a cell that [`scan`] accepted, with its own separator.
fn parse(cell: &str, separator: Separator) -> Option<f64> {
    let value = if separator == Separator::Comma || !cell.is_ascii() {
        cell.replace('\u{2212}', "-")
            .replace(',', ".")
            .parse::<f64>()
    } else {
        cell.parse::<f64>()
    };
    value.ok().filter(|v| v.is_finite())
}

enum State {
    Numbers {
        values: Vec<f64>,
        valid: BooleanBufferBuilder,
        written: Vec<(u32, Box<str>)>,
    },
    Text(Texts),
    /// A column not asked for: its cells count only towards the decimal-comma rule.
    Skip,
}

/// The cells of a text column: each row's code into a dictionary of the distinct texts,
/// numbered in order of first appearance ([`MISSING`] for a missing cell).
#[derive(Default)]
struct Texts {
    codes: Vec<u32>,
    names: Vec<Box<str>>,
    /// Built once there are more than [`Texts::LINEAR`] names; a few are compared directly.
    index: std::collections::HashMap<Box<str>, u32, BuildFnv>,
}

impl Texts {
    /// Up to this many distinct texts are looked up by comparing them in turn.
    const LINEAR: usize = 8;

    fn with_capacity(capacity: usize) -> Self {
        Texts {
            codes: Vec::with_capacity(capacity),
            ..Texts::default()
        }
    }

    /// The code of a text, added to the dictionary when new.
    fn code(&mut self, text: &str) -> u32 {
        if self.names.len() <= Self::LINEAR {
            if let Some(at) = self.names.iter().position(|n| **n == *text) {
                return at as u32;
            }
        } else if let Some(&code) = self.index.get(text) {
            return code;
        }
        let code = self.names.len() as u32;
        self.names.push(text.into());
        if self.names.len() > Self::LINEAR {
            if self.index.is_empty() {
                for (at, name) in self.names.iter().enumerate() {
                    self.index.insert(name.clone(), at as u32);
                }
            } else {
                self.index.insert(text.into(), code);
            }
        }
        code
    }

    fn push(&mut self, text: &str) {
        let code = self.code(text);
        self.codes.push(code);
    }

    fn push_missing(&mut self) {
        self.codes.push(MISSING);
    }

    /// Appends the cells of `other`, its texts coded in this dictionary.
    fn append(&mut self, other: Texts) {
        let map: Vec<u32> = other.names.iter().map(|n| self.code(n)).collect();
        self.codes.extend(other.codes.iter().map(|&code| {
            if code == MISSING {
                MISSING
            } else {
                map[code as usize]
            }
        }));
    }

    /// The Arrow dictionary array of the column.
    fn finish(self) -> DictionaryArray<UInt32Type> {
        let mut codes = self.codes;
        let mut valid = BooleanBufferBuilder::new(codes.len());
        let mut any_missing = false;
        for code in &mut codes {
            let present = *code != MISSING;
            valid.append(present);
            if !present {
                *code = 0;
                any_missing = true;
            }
        }
        let nulls = any_missing.then(|| NullBuffer::new(valid.finish()));
        let keys = UInt32Array::new(ScalarBuffer::from(codes), nulls);
        let values = LargeStringArray::from_iter_values(self.names.iter().map(|n| &**n));
        DictionaryArray::try_new(keys, std::sync::Arc::new(values))
            .expect("every code indexes the dictionary")
    }
}

/// FNV-1a, for the short texts of category columns (the standard hasher is slower on them
/// and its resistance to chosen collisions is not needed for a file's own categories).
#[derive(Clone, Copy, Default)]
struct BuildFnv;

struct Fnv(u64);

impl std::hash::BuildHasher for BuildFnv {
    type Hasher = Fnv;
    fn build_hasher(&self) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Powers of ten exactly representable as `f64`.
const POWERS_OF_TEN: [f64; 16] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

/// The common number cell, `[-]digits[(.|,)digits]` with at most 15 digits in all, read
/// without the general parser: its digits as an integer below 2⁵³ divided by an exact power
/// of ten is one correctly rounded operation, so the value is the one `str::parse` gives.
/// `None` for any other cell (which [`scan`] and [`parse`] then read). The flag says
/// whether the text is the shortest form of the number (see [`scan`]).
fn quick_number(cell: &[u8]) -> Option<(f64, Separator, bool)> {
    let (negative, body) = match cell.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, cell),
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut whole = 0;
    let mut separator = Separator::None;
    for (at, &byte) in body.iter().enumerate() {
        match byte {
            b'0'..=b'9' => {
                digits += 1;
                if digits > 15 {
                    // Past 15 digits the mantissa may not fit (nor be exact): the general
                    // parser reads it.
                    return None;
                }
                mantissa = mantissa * 10 + u64::from(byte - b'0');
            }
            b'.' | b',' if separator == Separator::None && at > 0 => {
                whole = at;
                separator = if byte == b'.' {
                    Separator::Point
                } else {
                    Separator::Comma
                };
            }
            _ => return None,
        }
    }
    if digits == 0 || digits > 15 {
        return None;
    }
    let fraction = match separator {
        Separator::None => {
            whole = body.len();
            0
        }
        _ => body.len() - whole - 1,
    };
    if separator != Separator::None && fraction == 0 {
        return None; // "5." is not a number
    }
    let magnitude = mantissa as f64 / POWERS_OF_TEN[fraction];
    let value = if negative { -magnitude } else { magnitude };
    let leading_zero = whole > 1 && body[0] == b'0';
    let trailing_zero = fraction > 0 && body.last() == Some(&b'0');
    let shortest = !leading_zero && !trailing_zero && canonical_range(value);
    Some((value, separator, shortest))
}

/// Whether a trimmed cell is a missing value, quickly for a number (no token is longer
/// than 3 bytes or starts with a digit).
fn maybe_missing(cell: &str) -> bool {
    match cell.as_bytes().first() {
        None => true,
        Some(first) => cell.len() <= 3 && !first.is_ascii_digit() && is_missing(cell),
    }
}

/// Trims a cell, without the Unicode tables when its ends are plain ASCII.
fn trimmed(cell: &str) -> &str {
    let bytes = cell.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(&first), Some(&last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// Builds one column, cell by cell. A table read in chunks builds one per chunk and
/// column, joined in file order by [`Builder::absorb`].
pub(crate) struct Builder {
    state: State,
    /// Some cell is a number written with a decimal point / a decimal comma.
    pub(crate) saw_point: bool,
    pub(crate) saw_comma: bool,
    /// A number kept in the number state was written with a decimal comma (so all were).
    stored_comma: bool,
    rows: usize,
}

impl Builder {
    pub(crate) fn new(capacity: usize) -> Self {
        Builder {
            state: State::Numbers {
                values: Vec::with_capacity(capacity),
                valid: BooleanBufferBuilder::new(capacity),
                written: Vec::new(),
            },
            saw_point: false,
            saw_comma: false,
            stored_comma: false,
            rows: 0,
        }
    }

    /// A builder of a column that is not kept.
    pub(crate) fn skip() -> Self {
        Builder {
            state: State::Skip,
            ..Builder::new(0)
        }
    }

    /// A builder like this one (kept or skipped), for another chunk of the table.
    pub(crate) fn sibling(&self, capacity: usize) -> Self {
        match self.state {
            State::Skip => Builder::skip(),
            _ => Builder::new(capacity),
        }
    }

    /// Adds a missing cell.
    pub(crate) fn push_missing(&mut self) {
        self.rows += 1;
        match &mut self.state {
            State::Numbers { values, valid, .. } => {
                values.push(f64::NAN);
                valid.append(false);
            }
            State::Text(texts) => texts.push_missing(),
            State::Skip => {}
        }
    }

    /// Adds a finite number read as a number (Parquet), with its text when that is not the
    /// shortest form of the number.
    pub(crate) fn push_number(&mut self, value: f64, written: Option<String>) {
        let row = self.rows;
        self.rows += 1;
        match &mut self.state {
            State::Numbers {
                values,
                valid,
                written: kept,
            } => {
                values.push(value);
                valid.append(true);
                if let Some(text) = written {
                    kept.push((row as u32, text.into()));
                }
            }
            State::Text(texts) => match written {
                Some(text) => texts.push(&text),
                None => texts.push(&format!("{value}")),
            },
            State::Skip => {}
        }
    }

    /// Notes the decimal separator of a cell of a text or skipped column.
    fn note_separator(&mut self, cell: &str) {
        if (self.saw_point && self.saw_comma) || !cell.bytes().any(|b| b == b'.' || b == b',') {
            return;
        }
        match scan_number(cell) {
            Some(Separator::Point) => self.saw_point = true,
            Some(Separator::Comma) => self.saw_comma = true,
            _ => {}
        }
    }

    /// Adds a cell as read (it is trimmed here; a missing-value token becomes missing).
    pub(crate) fn push(&mut self, cell: &str) {
        let cell = trimmed(cell);
        if maybe_missing(cell) {
            self.push_missing();
            return;
        }
        if let State::Numbers {
            values,
            valid,
            written,
        } = &mut self.state
        {
            if let Some((value, separator, shortest)) = quick_number(cell.as_bytes()) {
                match separator {
                    Separator::Point => self.saw_point = true,
                    Separator::Comma => self.saw_comma = true,
                    Separator::None => {}
                }
                if !(self.saw_point && self.saw_comma) {
                    values.push(value);
                    valid.append(true);
                    if separator == Separator::Comma {
                        self.stored_comma = true;
                    }
                    if !shortest {
                        written.push((self.rows as u32, cell.into()));
                    }
                    self.rows += 1;
                    return;
                }
            }
        }
        let row = self.rows;
        self.rows += 1;
        match &mut self.state {
            State::Skip => {
                self.note_separator(cell);
                return;
            }
            State::Text(_) => {
                self.note_separator(cell);
            }
            State::Numbers {
                values,
                valid,
                written,
            } => {
                let scanned = scan(cell);
                match scanned.as_ref().map(|s| s.separator) {
                    Some(Separator::Point) => self.saw_point = true,
                    Some(Separator::Comma) => self.saw_comma = true,
                    _ => {}
                }
                let number = scanned
                    .as_ref()
                    .filter(|_| !(self.saw_point && self.saw_comma))
                    .and_then(|s| parse(cell, s.separator).map(|v| (v, s.shortest)));
                if let Some((value, shortest)) = number {
                    values.push(value);
                    valid.append(true);
                    if scanned.is_some_and(|s| s.separator == Separator::Comma) {
                        self.stored_comma = true;
                    }
                    if !(shortest && canonical_range(value)) {
                        written.push((row as u32, cell.into()));
                    }
                    return;
                }
                self.become_text(row);
            }
        }
        if let State::Text(texts) = &mut self.state {
            texts.push(cell);
        }
    }

    /// Turns a number column into a text column, the first `rows` rows written back.
    fn become_text(&mut self, rows: usize) {
        if !matches!(self.state, State::Numbers { .. }) {
            return;
        }
        let State::Numbers {
            values,
            valid,
            written,
        } = std::mem::replace(&mut self.state, State::Text(Texts::with_capacity(rows)))
        else {
            return;
        };
        let numbers = Numbers {
            values: numbers_array(values, valid),
            written,
            comma: self.stored_comma,
        };
        let State::Text(texts) = &mut self.state else {
            unreachable!()
        };
        write_back(&numbers, rows, texts);
    }

    /// Appends the cells of `next`, the builder of this column in the chunk after this
    /// one's, so that this builder holds what one builder reading both chunks would, up to
    /// the column's type, which [`Builder::finish`] decides the same way: chunks of
    /// numbers in one decimal style stay numbers; else the column is text, since one of
    /// them is text or the column has numbers in both styles.
    pub(crate) fn absorb(&mut self, next: Builder) {
        let rows = self.rows;
        let conflict = (self.saw_point && next.saw_comma) || (self.saw_comma && next.saw_point);
        let both_numbers = matches!(self.state, State::Numbers { .. })
            && matches!(next.state, State::Numbers { .. });
        if matches!(self.state, State::Skip) {
        } else if both_numbers && !conflict {
            let (
                State::Numbers {
                    values,
                    valid,
                    written,
                },
                State::Numbers {
                    values: next_values,
                    valid: mut next_valid,
                    written: next_written,
                },
            ) = (&mut self.state, next.state)
            else {
                unreachable!()
            };
            values.extend_from_slice(&next_values);
            drop(next_values);
            valid.append_buffer(&next_valid.finish());
            written.extend(
                next_written
                    .into_iter()
                    .map(|(row, text)| (row + rows as u32, text)),
            );
            self.stored_comma |= next.stored_comma;
        } else {
            self.become_text(rows);
            let State::Text(texts) = &mut self.state else {
                unreachable!()
            };
            match next.state {
                State::Numbers {
                    values,
                    valid,
                    written,
                } => {
                    let numbers = Numbers {
                        values: numbers_array(values, valid),
                        written,
                        comma: next.stored_comma,
                    };
                    write_back(&numbers, next.rows, texts);
                }
                State::Text(next_texts) => texts.append(next_texts),
                State::Skip => unreachable!("a column is skipped in every chunk or none"),
            }
        }
        self.saw_point |= next.saw_point;
        self.saw_comma |= next.saw_comma;
        self.rows += next.rows;
    }

    /// The column, once the table's decimal style is known: a number column with numbers
    /// of the other style becomes a text column.
    pub(crate) fn finish(mut self, decimal_comma: bool) -> Option<Data> {
        let other_style = if decimal_comma {
            self.saw_point
        } else {
            self.saw_comma
        };
        if other_style {
            self.become_text(self.rows);
        }
        Some(match self.state {
            State::Numbers {
                values,
                valid,
                written,
            } => Data::Numbers(Numbers {
                values: numbers_array(values, valid),
                written,
                comma: self.stored_comma,
            }),
            State::Text(texts) => Data::Text(texts.finish()),
            State::Skip => return None,
        })
    }
}

/// Appends the first `rows` cells of a number column to a text column, as written.
fn write_back(numbers: &Numbers, rows: usize, texts: &mut Texts) {
    for row in 0..rows {
        if numbers.values.is_valid(row) {
            texts.push(&numbers.text(row));
        } else {
            texts.push_missing();
        }
    }
}

fn numbers_array(values: Vec<f64>, mut valid: BooleanBufferBuilder) -> Float64Array {
    let nulls = NullBuffer::new(valid.finish());
    let nulls = (nulls.null_count() > 0).then_some(nulls);
    Float64Array::new(ScalarBuffer::from(values), nulls)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn column(cells: &[&str], decimal_comma: bool) -> Data {
        let mut b = Builder::new(0);
        for c in cells {
            b.push(c);
        }
        b.finish(decimal_comma).unwrap()
    }

    fn texts(data: &Data) -> Vec<Option<String>> {
        (0..data.len())
            .map(|r| data.cell(r).map(Cow::into_owned))
            .collect()
    }

    #[test]
    fn numbers_give_back_their_text_as_written() {
        let cells = [
            "71.8",
            "007",
            "1.50",
            "+3",
            "1e3",
            "-0",
            "0.5",
            ".5",
            "NA",
            "0.0000001",
            "123456789012345678",
            "1250",
            " 2 ",
            "0.000123",
            "-12.25",
        ];
        let data = column(&cells, false);
        let Data::Numbers(n) = &data else {
            panic!("{data:?}")
        };
        // only the cells not in shortest form keep their text
        let kept: Vec<&str> = n.written.iter().map(|(_, t)| &**t).collect();
        assert_eq!(
            kept,
            [
                "007",
                "1.50",
                "+3",
                "1e3",
                ".5",
                "0.0000001",
                "123456789012345678"
            ]
        );
        let expected: Vec<Option<String>> = cells
            .iter()
            .map(|c| (!is_missing(c.trim())).then(|| c.trim().to_owned()))
            .collect();
        assert_eq!(texts(&data), expected);
        assert_eq!(data.null_count(), 1);
    }

    #[test]
    fn a_column_becomes_text_at_its_first_word_and_keeps_every_cell() {
        let cells = ["1", "2,5", "", "abc", "3"];
        let data = column(&cells, true);
        assert!(matches!(data, Data::Text(_)));
        assert_eq!(
            texts(&data),
            [Some("1"), Some("2,5"), None, Some("abc"), Some("3")]
                .map(|c| c.map(str::to_owned))
                .to_vec()
        );
        // comma numbers in a decimal-point table are text, written as they were
        let data = column(&["1,25", "3"], false);
        assert!(matches!(data, Data::Text(_)));
        assert_eq!(texts(&data)[0].as_deref(), Some("1,25"));
        let data = column(&["1,25", "3"], true);
        assert!(matches!(data, Data::Numbers(_)));
        assert_eq!(texts(&data)[0].as_deref(), Some("1,25"));
        // both separators: text under either style
        let data = column(&["1.5", "1,5"], false);
        assert!(matches!(data, Data::Text(_)));
        // not finite: text
        assert!(matches!(column(&["1e999"], false), Data::Text(_)));
    }

    #[test]
    fn categories_of_numbers_and_texts() {
        let data = column(&["2", "1", "NA", "2"], false);
        let c = data.categories();
        assert_eq!(c.names, ["2", "1"]);
        assert_eq!(c.codes, [0, 1, MISSING, 0]);
        let data = column(&["b", "a", "", "b"], false);
        let c = data.categories();
        assert_eq!(c.codes[0], c.codes[3]);
        assert_eq!(c.codes[2], MISSING);
        assert_eq!(c.names[c.codes[1] as usize], "a");
    }

    /// The quick reading of common number cells gives the value, separator and shortest
    /// flag of the general one, bit for bit.
    #[test]
    fn quick_numbers_are_the_general_ones() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut below = |bound: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % bound
        };
        let alphabet = [
            "0", "0", "1", "2", "5", "7", "9", "9", ".", ",", "-", "e", "+",
        ];
        let mut quick = 0;
        for _ in 0..200_000 {
            let length = 1 + below(19);
            let cell: String = (0..length)
                .map(|_| alphabet[below(alphabet.len())])
                .collect();
            let general = scan(&cell).and_then(|s| {
                parse(&cell, s.separator)
                    .map(|v| (v, s.separator, s.shortest && canonical_range(v)))
            });
            if let Some((value, separator, shortest)) = quick_number(cell.as_bytes()) {
                quick += 1;
                let (g_value, g_separator, g_shortest) =
                    general.unwrap_or_else(|| panic!("{cell:?}: only the quick reading"));
                assert_eq!(value.to_bits(), g_value.to_bits(), "{cell:?}");
                assert_eq!(separator, g_separator, "{cell:?}");
                assert_eq!(shortest, g_shortest, "{cell:?}");
            }
        }
        assert!(quick > 10_000, "{quick}");
    }
}
