//! Shell completions and the man page, both generated from the one clap definition.

use crate::cli::Cli;
use clap::CommandFactory;
use std::path::Path;

pub fn script(shell: clap_complete::Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "netctl", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

/// The command tree the pages describe: without clap's `help` subcommand, which has no page,
/// so that every `netctl-…(1)` the main page names is one that `man --dir` writes.
fn documented() -> clap::Command {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    command
}

pub fn man_page() -> String {
    let mut buffer = Vec::new();
    match clap_mangen::Man::new(documented()).render(&mut buffer) {
        Ok(()) => String::from_utf8_lossy(&buffer).into_owned(),
        Err(error) => format!(".\\\" cannot render the man page: {error}\n"),
    }
}

/// Writes netctl.1 and one page per command, at every depth, into `dir`; returns how many.
pub fn man_pages(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    clap_mangen::generate_to(documented(), dir)?;
    Ok(pages(&documented()))
}

fn pages(command: &clap::Command) -> usize {
    1 + command
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(pages)
        .sum::<usize>()
}
