//! Fuzz target: the cohort table reader (CSV in any delimiter, decimal mark and encoding,
//! or Parquet), then every column read as numbers and as text, as `study` and `stats` do.
//! The first byte chooses the read options. Invariant: no panic; errors name the file;
//! every number read is finite (a non-finite cell is an error, not a value).
#![no_main]

use libfuzzer_sys::fuzz_target;
use neuronutri_table::{read_table, ReadOptions};

fuzz_target!(|data: &[u8]| {
    // The Parquet reader catches the decoder's panics on damaged files and reports them as
    // errors (see table.rs); libFuzzer's panic hook would abort on those caught panics, so
    // the hook only prints. A panic that escapes is still a crash: libfuzzer-sys aborts on it.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|info| eprintln!("{info}"))));
    let Some((&choice, bytes)) = data.split_first() else {
        return;
    };
    let options = ReadOptions {
        delimiter: [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(choice & 3)],
        decimal_comma: [None, Some(false), Some(true), None][usize::from(choice >> 2 & 3)],
        encoding: [
            None,
            Some("utf-8".to_owned()),
            Some("windows-1251".to_owned()),
            None,
        ][usize::from(choice >> 4 & 3)]
        .clone(),
    };
    let table = match read_table("fuzz.csv", bytes, &options) {
        Ok(t) => t,
        Err(e) => {
            assert!(
                e.to_string().contains("fuzz.csv"),
                "error without the file: {e}"
            );
            return;
        }
    };
    let names: Vec<String> = table
        .column_names()
        .into_iter()
        .map(str::to_owned)
        .collect();
    for name in &names {
        match table.numeric(name) {
            Ok(values) => {
                assert_eq!(values.len(), table.n_rows());
                for v in values.into_iter().flatten() {
                    assert!(v.is_finite(), "column {name:?} gave {v}");
                }
            }
            Err(e) => assert!(e.to_string().contains("fuzz.csv"), "{e}"),
        }
        let text = table.text(name).expect("any column reads as text");
        assert_eq!(text.len(), table.n_rows());
    }
});
