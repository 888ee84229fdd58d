//! The binary: parse the command line, run it, and turn the outcome into an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match netctl::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(usage) => return netctl::commands::usage(&usage),
    };
    match netctl::run(cli) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            eprintln!("{error}");
            error.exit_code()
        }
    }
}
