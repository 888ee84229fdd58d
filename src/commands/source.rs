//! Where `verify`'s and `plan`'s topology comes from: a topology file, or a Compose project
//! (its compose files merged as Compose merges them, or only its name, the files then read
//! off its containers' labels), made a topology of `compose:` services whose expectations are
//! the compose file's own: services on a common network reach each other, the rest not.

use super::{Error, Manners, load_topology};
use crate::cli::{ComposeSourceArgs, TopologyFile};
use crate::compose::{self, Input};
use crate::live::Container;
use crate::topology::{self, Topology};
use std::path::{Path, PathBuf};

/// The topology the command works on; `containers` is asked only for a project named without
/// a file (one list call).
pub(super) fn load(
    file: &TopologyFile,
    compose: &ComposeSourceArgs,
    manners: &Manners,
    containers: &mut dyn FnMut() -> Result<Vec<Container>, Error>,
) -> Result<Topology, Error> {
    let files = file.all();
    match files.as_slice() {
        [one] if !topology::is_compose_file(one) => return load_topology(Some(one)),
        [first, ..] if !topology::is_compose_file(first) => {
            return Err(Error::Reported(format!(
                "error: {} is a topology file: only compose files are merged with -f (a base \
                 and its overrides)\n   = help: name one topology file",
                first.display()
            )));
        }
        [_, ..] => return from_compose(&owned(&files), compose, manners),
        [] => {}
    }
    let cwd = std::env::current_dir().map_err(Error::CurrentDir)?;
    if topology::discover(None, &cwd).is_ok() {
        return load_topology(None);
    }
    if let Some(name) = &compose.project_name {
        let origin = topology::compose::origin(name, &containers()?).ok_or_else(|| {
            Error::Reported(format!(
                "error: no container of Compose project `{name}` on the daemon\n   = help: \
                 start it (`docker-compose -p {name} up -d`), or name its compose file with -f"
            ))
        })?;
        return from_compose(&origin.config_files, compose, manners);
    }
    match compose::discover(&cwd) {
        Ok(found) => from_compose(&found, compose, manners),
        // Neither kind here: say what a topology user expects to read.
        Err(_) => load_topology(None),
    }
}

fn owned(files: &[&Path]) -> Vec<PathBuf> {
    files.iter().map(|f| f.to_path_buf()).collect()
}

/// The compose project of `files`, as a topology whose services Compose's labels select.
fn from_compose(
    files: &[PathBuf],
    args: &ComposeSourceArgs,
    manners: &Manners,
) -> Result<Topology, Error> {
    let dotenv = match &args.env_file {
        Some(path) => Some(std::fs::read_to_string(path).map_err(|source| {
            Error::Reported(format!(
                "error: cannot read --env-file {}: {source}",
                path.display()
            ))
        })?),
        None => None,
    };
    let inputs: Vec<Input> = files.iter().map(|f| Input::File(f.clone())).collect();
    let project = match dotenv {
        Some(text) => compose::load_project_with(&inputs, Some(text)),
        None => compose::load_project(&inputs),
    }
    .map_err(|error| Error::Reported(error.to_string()))?;
    let name = args
        .project_name
        .clone()
        .unwrap_or_else(|| compose::import::default_project_name(&project, files));
    let imported = compose::import::to_topology(&project, &name);
    for note in &imported.notes {
        manners.note(&format!("note: {note}"));
    }
    let shown = format!("<compose project {name}>");
    Ok(topology::load_str(&imported.yaml, &shown)?)
}
