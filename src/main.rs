//! The `tm` binary: parse the command line, run it, turn errors into one line and exit code 2.

use clap::Parser;
use std::process::ExitCode;

// The checks and scorers allocate many small strings per word; mimalloc's thread-local
// free lists make that markedly cheaper than the system allocator (benches/qa.sh speed).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = tm::cli::Cli::parse();
    match tm::cli::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tm: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
