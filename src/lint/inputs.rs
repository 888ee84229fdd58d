//! Which compose files make up which project to lint: one project per path given (a directory
//! means its compose file merged with its override file), the `--merge` files as one more,
//! the current directory when nothing is given; files the config ignores are left out.

use super::Config;
use crate::compose::{self, Input};
use std::path::{Path, PathBuf};

/// The projects to lint, each a list of inputs or the error that stopped finding them.
pub fn projects(
    paths: &[PathBuf],
    merge: &[PathBuf],
    config: &Config,
    cwd: &Path,
) -> Vec<Result<Vec<Input>, compose::LoadError>> {
    let mut projects: Vec<Result<Vec<Input>, compose::LoadError>> =
        paths.iter().map(|path| inputs_of(path)).collect();
    if !merge.is_empty() {
        projects.push(Ok(merge.iter().map(|p| Input::from_arg(p)).collect()));
    }
    if paths.is_empty() && merge.is_empty() {
        projects.push(compose::discover(cwd).map(files_as_inputs));
    }
    projects
        .into_iter()
        .map(|project| project.map(|inputs| without_ignored(inputs, config)))
        .filter(|project| !matches!(project, Ok(inputs) if inputs.is_empty()))
        .collect()
}

fn without_ignored(inputs: Vec<Input>, config: &Config) -> Vec<Input> {
    inputs
        .into_iter()
        .filter(|input| !matches!(input, Input::File(path) if config.ignores(path)))
        .collect()
}

fn inputs_of(path: &Path) -> Result<Vec<Input>, compose::LoadError> {
    if path.is_dir() {
        compose::discover(path).map(files_as_inputs)
    } else {
        Ok(vec![Input::from_arg(path)])
    }
}

fn files_as_inputs(files: Vec<PathBuf>) -> Vec<Input> {
    files.into_iter().map(Input::File).collect()
}
