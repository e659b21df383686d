//! Research analytics of neuronutri: study reports (a protocol and a cohort table become the
//! tables and figures of a paper: [`protocol`], [`table`], [`report`], [`render`], [`plot`]),
//! synthetic cohorts that match a paper's numbers ([`synth`]), and the summary-statistics
//! audit of a published study ([`audit`], [`grim`], [`reported_p`]).
//!
//! This crate does no I/O: it takes the text or bytes of a file and returns typed results.
#![deny(missing_docs)]

pub mod adhoc;
pub mod audit;
pub mod format;
pub mod grim;
pub mod i18n;
pub mod plot;
pub mod protocol;
pub mod rcode;
pub mod render;
pub mod report;
pub mod reported_p;
pub mod rounding;
pub mod synth;
pub mod table;

/// The 1-based line of a byte offset into a file's text (TOML spans), for error messages.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = (0..=offset.min(text.len()))
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text[..end].matches('\n').count() + 1
}

/// Longest name, label, title or id a protocol, synth spec or audit file may give (in
/// characters): longer text is an error, so no message, table or figure grows with it.
pub const MAX_LABEL_CHARS: usize = 200;

/// A piece of user text as a message quotes it: in quotes, and cut to its first 40
/// characters with the total length when it is longer, so a 1 MB value never fills a
/// terminal.
pub fn quote_short(text: &str) -> String {
    const KEEP: usize = 40;
    let n = text.chars().count();
    if n <= KEEP {
        format!("{text:?}")
    } else {
        let head: String = text.chars().take(KEEP).collect();
        format!("{head:?}… ({n} characters)")
    }
}

/// Fails when `text` (the `what` of something) is longer than [`MAX_LABEL_CHARS`].
pub(crate) fn check_length(what: &str, text: &str) -> Result<(), String> {
    let n = text.chars().count();
    if n > MAX_LABEL_CHARS {
        Err(format!(
            "{what} {} is longer than the {MAX_LABEL_CHARS} characters allowed",
            quote_short(text)
        ))
    } else {
        Ok(())
    }
}
