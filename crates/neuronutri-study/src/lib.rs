//! Research analytics of neuronutri: study reports (a protocol and a cohort table become the
//! tables and figures of a paper: [`protocol`], [`table`], [`report`], [`render`], [`plot`]),
//! synthetic cohorts that match a paper's numbers ([`synth`]), and the summary-statistics
//! audit of a published study ([`audit`], [`grim`], [`reported_p`]).
//!
//! This crate does no I/O: it takes the text or bytes of a file and returns typed results.
#![deny(missing_docs)]

pub mod audit;
pub mod grim;
pub mod plot;
pub mod protocol;
pub mod render;
pub mod report;
pub mod reported_p;
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
