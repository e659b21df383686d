//! Fuzz target: a synth spec, as `neuronutri synth` reads it, with a seed from the input.
//! Invariant: no panic, no runaway memory (the limits on n hold); errors name the file;
//! the cohort's CSV has one line per generated row plus the header.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((seed, rest)) = data.split_first_chunk::<8>() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    match neuronutri_synth::synthesize("fuzz.toml", text, u64::from_le_bytes(*seed)) {
        Ok((cohort, report)) => {
            let csv = cohort.to_csv();
            assert_eq!(csv.lines().count(), cohort.group.len() + 1);
            for m in &report.moments {
                assert!(m.mean.is_finite() && m.sd.is_finite(), "{m:?}");
            }
        }
        Err(e) => assert!(e.to_string().contains("fuzz.toml"), "{e}"),
    }
});
