//! Shell completions and the man page, both generated from the one clap definition.

use crate::cli::Cli;
use clap::CommandFactory;

pub fn script(shell: clap_complete::Shell) -> String {
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "netctl", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}

pub fn man_page() -> String {
    let mut buffer = Vec::new();
    match clap_mangen::Man::new(Cli::command()).render(&mut buffer) {
        Ok(()) => String::from_utf8_lossy(&buffer).into_owned(),
        Err(error) => format!(".\\\" cannot render the man page: {error}\n"),
    }
}
