//! The `neuronutri` binary: parses arguments, runs the command, maps errors to exit codes
//! (0 success, 2 bad input, 1 internal error) and treats a closed stdout as success.

use std::process::ExitCode;

/// mimalloc rather than glibc malloc: assessment and the service allocate many small,
/// short-lived strings (see the note in Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match neuronutri::run() {
        Ok(code) => code,
        Err(error) => {
            if neuronutri::is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("neuronutri: error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(neuronutri::exit_code(&error))
        }
    }
}
