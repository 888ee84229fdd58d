//! `netctl import compose FILE...` and `netctl import live`: a topology file from another source.

use super::{Error, Manners, Outcome, print};
use crate::cli::{ImportArgs, ImportComposeArgs, ImportSource};
use crate::compose::{self, Input};
use clap::CommandFactory;

pub fn run(args: &ImportArgs, manners: &Manners) -> Result<Outcome, Error> {
    match &args.source {
        Some(ImportSource::Compose(compose_args)) => from_compose(compose_args, manners),
        Some(ImportSource::Live(live_args)) => super::import_live::run(live_args),
        None if args.live => super::import_live::run(&args.live_options),
        None => Err(Error::Reported(
            crate::cli::Cli::command()
                .error(
                    clap::error::ErrorKind::MissingSubcommand,
                    "name a source: `netctl import compose FILE...` or `netctl import live`",
                )
                .to_string(),
        )),
    }
}

fn from_compose(args: &ImportComposeArgs, manners: &Manners) -> Result<Outcome, Error> {
    let inputs = inputs(&args.files)?;
    let project = compose::load_project(&inputs).map_err(reported)?;
    let name = args
        .project
        .clone()
        .unwrap_or_else(|| compose::import::default_project_name(&project, &args.files));
    let imported = compose::import::to_topology(&project, &name);
    for note in &imported.notes {
        manners.note(&format!("note: {note}"));
    }
    if !imported.problems.is_empty() {
        return Err(Error::Reported(format!(
            "error: the imported topology does not validate (a netctl bug; please report it):\n{}",
            imported.problems.join("\n")
        )));
    }
    print(&imported.yaml)
}

/// A single directory means its compose file and override; otherwise the files as given.
fn inputs(files: &[std::path::PathBuf]) -> Result<Vec<Input>, Error> {
    match files {
        [dir] if dir.is_dir() => Ok(compose::discover(dir)
            .map_err(reported)?
            .into_iter()
            .map(Input::File)
            .collect()),
        _ => Ok(files.iter().map(|f| Input::from_arg(f)).collect()),
    }
}

fn reported(error: compose::LoadError) -> Error {
    Error::Reported(error.to_string())
}
