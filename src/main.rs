//! The binary: parse the command line, run it, and turn the outcome into an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = netctl::cli::Cli::parse();
    match netctl::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            eprintln!("{error}");
            ExitCode::from(1)
        }
    }
}
