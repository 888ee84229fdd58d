//! Which compose files make up which project to lint: one project per path given (a directory
//! means the compose files under it, and those the `--glob` patterns add, each merged with its
//! override file), the `--merge` files as one more,
//! the current directory when nothing is given; files the config ignores are left out; and
//! linting them all.

use super::{Config, Context, FilePattern, Report, check, discover};
use crate::compose::{self, Input};
use std::path::{Path, PathBuf};

/// What a lint run was asked to read.
#[derive(Debug, Clone, Copy)]
pub struct Asked<'a> {
    /// Files and folders, each as named; `-` is standard input.
    pub paths: &'a [PathBuf],
    /// `--merge`: files read as one project, in order.
    pub merge: &'a [PathBuf],
    /// `--glob`: files a folder's walk finds besides the compose files.
    pub globs: &'a [FilePattern],
}

/// The projects to lint, each a list of inputs or the error that stopped finding them: the
/// files named and the compose files (and `globs` matches) under the folders named, grouped
/// as Compose groups them ([`super::discover`]), the `--merge` files as one more, the current
/// directory's when nothing is given.
pub fn projects(
    asked: Asked,
    config: &Config,
    cwd: &Path,
) -> Vec<Result<Vec<Input>, compose::LoadError>> {
    let Asked {
        paths,
        merge,
        globs,
    } = asked;
    let mut projects: Vec<Result<Vec<Input>, compose::LoadError>> = Vec::new();
    let mut files = Vec::new();
    for path in paths {
        if path == Path::new("-") {
            projects.push(Ok(vec![Input::Stdin]));
        } else if path.is_dir() {
            let found = discover::walk(path, globs);
            if found.is_empty() {
                projects.push(compose::discover(path).map(files_as_inputs));
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    projects.extend(
        discover::group(&files)
            .into_iter()
            .map(|files| Ok(files_as_inputs(files))),
    );
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

fn files_as_inputs(files: Vec<PathBuf>) -> Vec<Input> {
    files.into_iter().map(Input::File).collect()
}

/// Lints every project `asked` makes up, as [`projects`] groups them. A project that cannot be
/// read or parsed becomes an error of the report (and is handed back for the terminal); the
/// others are still linted.
pub fn lint_paths(
    asked: Asked,
    context: &Context,
    cwd: &Path,
) -> (Report, Vec<compose::LoadError>) {
    let mut report = Report::default();
    let mut unreadable = Vec::new();
    for inputs in projects(asked, context.config, cwd) {
        match inputs.and_then(|inputs| compose::load_project(&inputs)) {
            Ok(project) => {
                let findings = check(&project, context);
                report.add(&project, findings);
            }
            Err(error) => {
                report.errors.push(error.diagnostic());
                unreadable.push(error);
            }
        }
    }
    (report, unreadable)
}
