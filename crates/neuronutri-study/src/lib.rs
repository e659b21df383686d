//! Research analytics of neuronutri: study reports. A protocol and a cohort table become the
//! tables and figures of a paper ([`protocol`], [`report`], [`render`], [`plot`], [`rcode`]).
//! The cohort table itself is the `neuronutri-table` crate (re-exported as [`table`]); the
//! summary-statistics audit and synthetic cohorts are the `neuronutri-audit` and
//! `neuronutri-synth` crates.
//!
//! This crate does no I/O: it takes the text or bytes of a file and returns typed results.
#![deny(missing_docs)]

pub mod adhoc;
pub mod format;
pub mod i18n;
pub mod plot;
pub mod protocol;
pub mod rcode;
pub mod render;
pub mod report;

/// The cohort table (the `neuronutri-table` crate): the protocol's read options and the
/// typed columns every analysis reads.
pub use neuronutri_table as table;
pub(crate) use neuronutri_table::limits::{check_length, line_of};
pub use neuronutri_table::limits::{quote_short, MAX_LABEL_CHARS};
