//! The `neuronutri` command line: argument types, the commands, and the text rendering of
//! their results. The binary in `main.rs` only calls [`run`].

pub mod assess;
mod audit_cmd;
mod cli;
pub mod evidence;
pub mod inspect_cmd;
mod render;
pub mod rules_cmd;
#[cfg(feature = "screen")]
mod screen_cmd;
#[cfg(feature = "serve")]
pub mod serve_cmd;
mod stats_cmd;
mod study_cmd;
mod synth_cmd;

use std::process::ExitCode;

pub use cli::run;

/// Bad input from the user: a file, an entry, a field, a flag. Exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct BadInput(pub String);

/// The exit code for an error: 2 for bad input, 1 for anything else.
pub fn exit_code(error: &anyhow::Error) -> u8 {
    if error.chain().any(|e| e.is::<BadInput>()) {
        2
    } else {
        1
    }
}

/// Whether the error is a closed pipe on output (e.g. `neuronutri assess ... | head`).
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .chain()
        .filter_map(|e| e.downcast_ref::<std::io::Error>())
        .any(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// Success.
pub(crate) fn ok() -> ExitCode {
    ExitCode::SUCCESS
}
