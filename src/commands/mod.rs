//! One function per subcommand: read inputs, call the library, render, and say how it went.

mod agent;
mod apply;
mod completions;
mod demo;
mod destroy;
mod export;
mod graph;
mod import;
mod import_live;
mod lint;
mod live;
mod matrix;
mod matrix_live;
mod plan;
mod probe;
mod saved_plan;
mod validate;
mod verify;
mod watch;

use crate::cli::{Cli, Command};
use crate::topology::{self, LoadError, Topology};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// How a command that ran to the end went; errors are [`Error`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Exit 0.
    Clean,
    /// Exit 2: the command ran and found something (changes, failed probes, findings).
    Found,
}

impl Outcome {
    pub fn exit_code(self) -> ExitCode {
        match self {
            Outcome::Clean => ExitCode::SUCCESS,
            Outcome::Found => ExitCode::from(2),
        }
    }
}

/// Everything that makes a command exit 1.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error("error: cannot determine the current directory: {0}")]
    CurrentDir(std::io::Error),
    #[error("error: cannot write the output: {0}")]
    Output(std::io::Error),
    #[error("error: {0}")]
    Agent(#[from] crate::agent::AgentError),
    #[error(transparent)]
    Docker(#[from] crate::docker::DockerError),
    #[error(transparent)]
    Instance(#[from] crate::instance::InstanceError),
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    #[error(transparent)]
    Apply(#[from] crate::apply::ApplyError),
    #[error(transparent)]
    Probe(#[from] crate::probe::live::LiveError),
    #[error("error: cannot write the imported topology as YAML: {0}")]
    Yaml(String),
    #[error("error: cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(
        "error: apply finished but the daemon still differs from the file; a re-plan shows:\n{0}"
    )]
    NotConverged(String),
    /// The problems were already printed to stdout in the requested format.
    #[error("{0}")]
    Reported(String),
}

pub fn run(cli: Cli) -> Result<Outcome, Error> {
    match cli.command {
        Command::Validate(args) => validate::run(&args),
        Command::Matrix(args) => matrix::run(&args),
        Command::Graph(args) => graph::run(&args),
        Command::Plan(args) => plan::run(&args),
        Command::Apply(args) => apply::run(&args),
        Command::Destroy(args) => destroy::run(&args),
        Command::Schema => {
            let schema =
                crate::render::Renderer::render(&crate::render::Json, &topology::json_schema());
            print(&schema)
        }
        Command::Completions(args) => print(&completions::script(args.shell)),
        Command::Man => print(&completions::man_page()),
        Command::Agent(command) => agent::run(command),
        Command::Lint(args) => lint::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Probe(args) => probe::run(&args),
        Command::Verify(args) => verify::run(&args),
        Command::Demo(args) => demo::run(&args),
    }
}

/// Finds and loads the topology named on the command line (or discovered).
fn load_topology(given: Option<&Path>) -> Result<Topology, Error> {
    let dir = std::env::current_dir().map_err(Error::CurrentDir)?;
    let path = topology::discover(given, &dir)?;
    Ok(topology::load_file(&path)?)
}

/// The path of the topology file named on the command line (or discovered).
fn discovered(given: Option<&Path>) -> Result<std::path::PathBuf, Error> {
    let dir = std::env::current_dir().map_err(Error::CurrentDir)?;
    Ok(topology::discover(given, &dir)?)
}

/// Writes the result; a reader that went away (`| head`) is not an error.
fn print(text: &str) -> Result<Outcome, Error> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(error)),
        _ => Ok(Outcome::Clean),
    }
}
