//! One function per subcommand: read inputs, call the library, render, and say how it went.

mod agent;
mod apply;
mod completions;
mod daemon;
mod demo;
mod destroy;
mod export;
mod failure;
mod graph;
mod import;
mod import_live;
mod lint;
mod matrix;
mod plan;
mod probe;
mod probing;
mod source;
mod validate;
mod verify;

use crate::cli::{Cli, ColorWhen, Command, MannersArgs};
use crate::render::terminal::{ColorChoice, Terminal, process_env};
use crate::render::{Json, Renderer};
use crate::topology::{self, LoadError, Topology};
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

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
    #[error("error: the agent image: {0}")]
    Rootfs(#[from] crate::probe::rootfs::RootfsError),
    #[error("error: the agent image: {0}")]
    Image(#[from] crate::probe::image::ImageError),
    #[error(transparent)]
    Docker(#[from] crate::live::DaemonError),
    #[error(transparent)]
    Instance(#[from] crate::instance::InstanceError),
    #[error(transparent)]
    State(#[from] crate::state::StateError),
    #[error(transparent)]
    Apply(#[from] crate::apply::ApplyError),
    #[error(transparent)]
    Reconcile(#[from] crate::apply::ReconcileError),
    #[error("error: saved plan: {0}")]
    SavedPlan(#[from] crate::plan::saved::SavedPlanError),
    #[error("error: cannot write {}: {source}", path.display())]
    Write {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Probe(#[from] crate::probe::live::LiveError),
    #[error(transparent)]
    Demo(#[from] crate::demo::DemoError),
    #[error("error: cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    /// The problems were already printed to stdout in the requested format.
    #[error("{0}")]
    Reported(String),
    /// Ctrl-C: the command stopped (after its cleanup); the text says what is left to do.
    #[error("interrupted: {0}")]
    Interrupted(&'static str),
}

impl Error {
    /// 130 for an interrupt, as a shell reports a process ended by SIGINT; 1 for the rest.
    fn code(&self) -> u8 {
        match self {
            Error::Interrupted(_) => 130,
            _ => 1,
        }
    }

    pub fn exit_code(&self) -> ExitCode {
        ExitCode::from(self.code())
    }
}

/// clap's own message, colours and suggestions; `--help` and `--version` exit 0 and every
/// usage error 1, never clap's own 2, which CI would read as "found something". With
/// `-o json` on the command line, a usage error is also the JSON error document on stdout,
/// as every other failure is: a script piping to `jq` gets JSON for a typo too.
pub fn usage(error: &clap::Error) -> ExitCode {
    // A reader that went away (`--help | head`) changes nothing about the outcome.
    let _ = error.print();
    if !error.use_stderr() {
        return ExitCode::SUCCESS;
    }
    if failure::asks_for_json(std::env::args_os().skip(1)) {
        let _ = print(&Json.render(&failure::Failure::usage(error)));
    }
    ExitCode::from(1)
}

/// Whether this run's failures go out as JSON on stdout as well (`-o json`): set by [`run`],
/// and read by [`exit_now`], which a signal task calls without the command's arguments.
static FAILURES_AS_JSON: AtomicBool = AtomicBool::new(false);

/// Set once a failure went out as JSON: a Ctrl-C handler and the main thread may both end the
/// run with an error, and stdout must still hold one document.
static FAILURE_PRINTED: AtomicBool = AtomicBool::new(false);

/// The failure as JSON on stdout, when `-o json` was asked for and none went out yet.
fn print_failure(error: &Error) {
    if FAILURES_AS_JSON.load(Ordering::SeqCst) && !FAILURE_PRINTED.swap(true, Ordering::SeqCst) {
        let _ = print(&Json.render(&failure::Failure::of(error)));
    }
}

/// Ends the process at once with the error's code: for an interrupt heard while the main
/// thread is inside work that cannot be cancelled, whose leftovers end by themselves.
fn exit_now(error: &Error) -> ! {
    print_failure(error);
    eprintln!("{error}");
    std::process::exit(i32::from(error.code()))
}

/// Runs a command's daemon work until it ends or Ctrl-C. An interrupted command stops at its
/// next await, as a crash would (every write is one the next run repairs or finds done), but
/// drops what it holds, the project lock among it, and exits 130 saying `stopped`.
async fn until_interrupted<T>(
    stopped: &'static str,
    work: impl Future<Output = Result<T, Error>>,
) -> Result<T, Error> {
    tokio::select! {
        result = work => result,
        Ok(()) = tokio::signal::ctrl_c() => Err(Error::Interrupted(stopped)),
    }
}

/// Runs blocking work (a prompt, a wait for the project lock) on a thread of its own, so that
/// Ctrl-C is still heard meanwhile; an abandoned thread ends with the process.
async fn off_thread<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver.await.unwrap_or_else(|_| {
        Err(Error::Reported(
            "error: a helper thread ended without an answer".to_owned(),
        ))
    })
}

/// How a command talks to the person: `-q`, `-v`, and the screen it writes to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Manners {
    pub quiet: bool,
    pub verbose: bool,
    pub terminal: Terminal,
}

impl Manners {
    /// The flags, and standard output as the environment shows it now.
    pub fn detect(args: &MannersArgs) -> Manners {
        let choice = match args.color {
            ColorWhen::Auto => ColorChoice::Auto,
            ColorWhen::Always => ColorChoice::Always,
            ColorWhen::Never => ColorChoice::Never,
        };
        Manners {
            quiet: args.quiet,
            verbose: args.verbose,
            terminal: Terminal::detect(choice, &process_env),
        }
    }

    /// Prints a note for the person on stderr, unless `-q`.
    pub fn note(&self, text: &str) {
        if !self.quiet {
            eprintln!("{text}");
        }
    }
}

pub fn run(cli: Cli) -> Result<Outcome, Error> {
    FAILURES_AS_JSON.store(cli.command.wants_json(), Ordering::SeqCst);
    let manners = Manners::detect(&cli.manners);
    let result = dispatch(cli.command, &manners);
    if let Err(error) = &result {
        // Already printed as JSON by the command itself (validate's problems, lint's errors).
        if !matches!(error, Error::Reported(_)) {
            print_failure(error);
        }
    }
    result
}

fn dispatch(command: Command, manners: &Manners) -> Result<Outcome, Error> {
    match command {
        Command::Validate(args) => validate::run(&args, manners),
        Command::Matrix(args) => matrix::run(&args, manners),
        Command::Graph(args) => graph::run(&args),
        Command::Plan(args) => plan::run(&args, manners),
        Command::Apply(args) => apply::run(&args, manners),
        Command::Destroy(args) => destroy::run(&args, manners),
        Command::Schema => {
            let schema =
                crate::render::Renderer::render(&crate::render::Json, &topology::json_schema());
            print(&schema)
        }
        Command::Completions(args) => print(&completions::script(args.shell)),
        Command::Man(args) => match &args.dir {
            None => print(&completions::man_page()),
            Some(dir) => {
                let written = completions::man_pages(dir).map_err(|source| Error::Write {
                    path: dir.clone(),
                    source,
                })?;
                manners.note(&format!(
                    "netctl: wrote {written} man pages to {}",
                    dir.display()
                ));
                Ok(Outcome::Clean)
            }
        },
        Command::Agent(command) => agent::run(command),
        Command::Lint(args) => lint::run(&args, manners),
        Command::Import(args) => import::run(&args, manners),
        Command::Export(args) => export::run(&args),
        Command::Probe(args) => probe::run(&args, manners),
        Command::Verify(args) => verify::run(&args, manners),
        Command::Demo(args) => demo::run(&args, manners),
    }
}

/// Finds and loads the topology named on the command line (or discovered).
fn load_topology(given: Option<&Path>) -> Result<Topology, Error> {
    let dir = std::env::current_dir().map_err(Error::CurrentDir)?;
    let path = topology::discover(given, &dir)?;
    Ok(topology::load_file(&path)?)
}

/// Writes a result as `write` makes it, buffered; a reader that went away is not an error.
fn stream(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'_>>) -> std::io::Result<()>,
) -> Result<Outcome, Error> {
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Output(error)),
        _ => Ok(Outcome::Clean),
    }
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
