//! Issue 15 regression tests for the cohort table reader: inputs the fuzz smoke found.

use neuronutri_table::{read_table, ReadOptions};

/// The CI fuzz smoke (cohort_table) found that a cell of more than 19 digits overflowed the
/// quick number reader's 64-bit mantissa ("attempt to multiply with overflow" in
/// table/column.rs). Long digit runs must read as `str::parse` reads them.
#[test]
fn issue_15_long_digit_runs_read_as_numbers_without_overflow() {
    let cells = [
        "12345678901234567890",
        "99999999999999999999999999999999999999",
        "-184467440737095516160",
        "0.000000000000000000000000000001",
        "1234567890123456789.0123456789",
        "7",
    ];
    let csv = format!("x\n{}\n", cells.join("\n"));
    let table = read_table("long.csv", csv.as_bytes(), &ReadOptions::default())
        .expect("long digit runs are numbers");
    let values = table.numeric("x").expect("a numeric column");
    for (cell, value) in cells.iter().zip(values) {
        let expected: f64 = cell.parse().unwrap();
        assert_eq!(value.map(f64::to_bits), Some(expected.to_bits()), "{cell}");
    }
}

/// The same run of digits with a decimal comma (semicolon-separated file).
#[test]
fn issue_15_long_digit_runs_with_a_decimal_comma() {
    let csv = "x;y\n123456789012345678901234,5;1\n2,25;2\n";
    let table = read_table("comma.csv", csv.as_bytes(), &ReadOptions::default()).expect("a table");
    let values = table.numeric("x").expect("numbers with a decimal comma");
    assert_eq!(values[0], Some(123456789012345678901234.5_f64));
    assert_eq!(values[1], Some(2.25));
}
