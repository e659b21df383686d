//! Research analytics of neuronutri. Today: the summary-statistics audit, which recomputes a
//! published study's tests from its reported M ± SD, n and r, and checks the reported
//! p-values, integer-scale means (GRIM, GRIMMER) and the plausibility of values for known
//! analytes and units.
//!
//! This crate does no I/O: it takes the text of a file and returns typed results.
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
