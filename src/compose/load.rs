//! Reading compose files: discovery in a directory, bytes to a merged project, located errors.

use super::interpolate::Variables;
use super::merge::{merge, merge_service};
use super::model::{Place, Project, Service, SourceFile};
use super::normalize::normalize;
use super::raw::RawCompose;
use crate::diagnostic::Diagnostic;
use crate::yaml::{self, Budget, ParseError, SourceError};
use std::path::{Path, PathBuf};

/// The names `docker compose` looks for, in its order of preference.
pub const COMPOSE_FILE_NAMES: [&str; 4] = [
    "compose.yaml",
    "compose.yml",
    "docker-compose.yaml",
    "docker-compose.yml",
];

/// Real compose files stay far below these; larger files are refused before parsing.
const BUDGET: Budget = Budget {
    max_bytes: 16 * 1024 * 1024,
    max_depth: 64,
    max_nodes: 2_000_000,
    max_events: 4_000_000,
    max_aliases: 10_000,
    max_merge_keys: None,
    max_recorded_anchor_events: None,
    max_replayed_events: None,
    lenient: false,
};

/// Where one file of a project comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// `-` is standard input, as in most CLI tools.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            Input::Stdin
        } else {
            Input::File(arg.to_path_buf())
        }
    }

    pub fn shown(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => "<stdin>".to_owned(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "error: no compose file in {}: looked for {}\n   = help: name the file, or run in the directory that holds it",
        dir.display(),
        COMPOSE_FILE_NAMES.join(", ")
    )]
    NotFound { dir: PathBuf },
    #[error("error: cannot read {shown}: {source}\n   = help: check the path and its permissions")]
    Read {
        shown: String,
        source: std::io::Error,
    },
    #[error("{}", diagnostic.render(Some(source_text)).trim_end())]
    Invalid {
        source_text: String,
        diagnostic: Box<Diagnostic>,
    },
}

impl LoadError {
    /// The error as one located diagnostic, for JSON, SARIF and GitHub output.
    pub fn diagnostic(&self) -> Diagnostic {
        match self {
            LoadError::Invalid { diagnostic, .. } => (**diagnostic).clone(),
            LoadError::Read { shown, source } => Diagnostic::error(
                shown.clone(),
                None,
                format!("cannot read {shown}: {source}"),
            )
            .with_help("check the path and its permissions"),
            LoadError::NotFound { dir } => Diagnostic::error(
                dir.display().to_string(),
                None,
                format!(
                    "no compose file in {}: looked for {}",
                    dir.display(),
                    COMPOSE_FILE_NAMES.join(", ")
                ),
            )
            .with_help("name the file, or run in the directory that holds it"),
        }
    }
}

/// A directory's compose file followed by its override file, as `docker compose` picks them.
pub fn discover(dir: &Path) -> Result<Vec<PathBuf>, LoadError> {
    let main = COMPOSE_FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| LoadError::NotFound {
            dir: dir.to_path_buf(),
        })?;
    let mut files = vec![main];
    if let Some(override_file) = COMPOSE_FILE_NAMES
        .iter()
        .map(|name| dir.join(override_name(name)))
        .find(|candidate| candidate.is_file())
    {
        files.push(override_file);
    }
    Ok(files)
}

/// `compose.yaml` → `compose.override.yaml`.
fn override_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, extension)) => format!("{stem}.override.{extension}"),
        None => format!("{name}.override"),
    }
}

/// Reads and merges `inputs` in order, with `.env` from the first file's directory;
/// `include:` and `extends:` are followed.
pub fn load_project(inputs: &[Input]) -> Result<Project, LoadError> {
    load_project_with(inputs, inputs.first().and_then(dotenv_text))
}

/// As [`load_project`], with the variables of `dotenv` (`--env-file`'s text) instead of the
/// `.env` beside the first file.
pub fn load_project_with(inputs: &[Input], dotenv: Option<String>) -> Result<Project, LoadError> {
    let mut loader = Loader::new(Variables::from_environment(dotenv.as_deref()));
    let mut project = Project::default();
    for input in inputs {
        let bytes = read(input)?;
        let fragment = loader.fragment(&bytes, &input.shown(), Some(&base_dir(input)), 0)?;
        merge(&mut project, fragment);
    }
    project.files = loader.files;
    Ok(project)
}

/// One file from memory: for tests and fuzzing. `extends:` within the file is followed;
/// `include:` and `extends.file` are not, since there is no directory to read them from.
pub fn load_str(text: &str, shown: &str, variables: &Variables) -> Result<Project, LoadError> {
    let mut loader = Loader::new(variables.clone());
    let mut project = loader.fragment(text.as_bytes(), shown, None, 0)?;
    project.files = loader.files;
    Ok(project)
}

/// Includes and `extends.file` deeper than this are refused: a cycle, or an attack.
const MAX_NESTING: usize = 8;
/// No real project reads more files than this.
const MAX_FILES: usize = 256;

/// Reads the files of one project, giving each its index for [`super::Place`].
struct Loader {
    variables: Variables,
    files: Vec<SourceFile>,
}

impl Loader {
    fn new(variables: Variables) -> Self {
        Self {
            variables,
            files: Vec::new(),
        }
    }

    /// One file, merged over what it includes, with its `extends:` applied. `dir` is where
    /// relative paths start; `None` follows no other file.
    fn fragment(
        &mut self,
        bytes: &[u8],
        shown: &str,
        dir: Option<&Path>,
        depth: usize,
    ) -> Result<Project, LoadError> {
        let index = self.files.len();
        let mut fragment = parse_bytes(bytes, shown, index, &self.variables)?;
        self.files.push(SourceFile {
            path: shown.to_owned(),
            text: String::from_utf8_lossy(bytes).into_owned(),
        });
        let includes = std::mem::take(&mut fragment.includes);
        let mut project = Project::default();
        if let Some(dir) = dir {
            for include in includes.iter().filter(|i| is_local(&i.value)) {
                let included = self.nested(dir, &include.value, include.at, depth)?;
                merge(&mut project, included);
            }
        }
        merge(&mut project, fragment);
        self.apply_extends(&mut project, dir, depth)?;
        Ok(project)
    }

    /// A file named by `include:` or `extends.file`; errors point at where it was named.
    fn nested(
        &mut self,
        dir: &Path,
        written: &str,
        at: Place,
        depth: usize,
    ) -> Result<Project, LoadError> {
        let path = dir.join(written);
        let refuse = |this: &Self, message: String| {
            let source_text = this
                .files
                .get(at.file)
                .map(|f| f.text.clone())
                .unwrap_or_default();
            let file = this
                .files
                .get(at.file)
                .map(|f| f.path.clone())
                .unwrap_or_default();
            invalid(
                source_text,
                Diagnostic::error(file, Some(at.location), message)
                    .with_help("name an existing compose file, relative to this file"),
            )
        };
        if depth >= MAX_NESTING || self.files.len() >= MAX_FILES {
            return Err(refuse(
                self,
                format!("`{written}` nests files more than {MAX_NESTING} deep (a cycle?)"),
            ));
        }
        if !path.is_file() {
            return Err(refuse(self, format!("`{}` is not a file", path.display())));
        }
        let bytes = read(&Input::File(path.clone()))
            .map_err(|error| refuse(self, format!("cannot read `{}`: {error}", path.display())))?;
        let nested_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        self.fragment(
            &bytes,
            &path.display().to_string(),
            Some(&nested_dir),
            depth + 1,
        )
    }

    fn apply_extends(
        &mut self,
        project: &mut Project,
        dir: Option<&Path>,
        depth: usize,
    ) -> Result<(), LoadError> {
        let keys: Vec<String> = project
            .services
            .iter()
            .filter(|s| s.extends.is_some())
            .map(|s| s.key.value.clone())
            .collect();
        for key in keys {
            let Some(service) = project.service(&key).cloned() else {
                continue;
            };
            let resolved = self.extended(project, service, dir, depth, &mut Vec::new())?;
            if let Some(slot) = project.services.iter_mut().find(|s| s.key.value == key) {
                *slot = resolved;
            }
        }
        Ok(())
    }

    /// `service` over its `extends` chain: the base's values, then the service's own, with
    /// the same merge rules as override files. A missing base or a cycle leaves it as written.
    fn extended(
        &mut self,
        project: &Project,
        service: Service,
        dir: Option<&Path>,
        depth: usize,
        chain: &mut Vec<String>,
    ) -> Result<Service, LoadError> {
        let Some(extends) = service.extends.clone() else {
            return Ok(service);
        };
        if chain.contains(&service.key.value) || chain.len() > MAX_NESTING {
            return Ok(service);
        }
        chain.push(service.key.value.clone());
        let base = match (&extends.file, dir) {
            (None, _) => match project.service(&extends.service).cloned() {
                Some(base) => Some(self.extended(project, base, dir, depth, chain)?),
                None => None,
            },
            (Some(file), Some(dir)) => self
                .nested(dir, file, extends.at, depth)?
                .service(&extends.service)
                .cloned(),
            (Some(_), None) => None,
        };
        let Some(mut merged) = base else {
            return Ok(service);
        };
        merged.key = service.key.clone();
        merge_service(&mut merged, service);
        Ok(merged)
    }
}

/// `include:` may name remote sources (`oci://`, `git@...`, `https://`); only local files are
/// read.
fn is_local(path: &str) -> bool {
    !path.contains("://") && !path.starts_with("git@") && !path.is_empty()
}

fn base_dir(input: &Input) -> PathBuf {
    match input {
        Input::File(path) => path.parent().map(Path::to_path_buf).unwrap_or_default(),
        Input::Stdin => PathBuf::from("."),
    }
}

/// `.env` is read as Compose reads it, when it can be: within the same cap as a compose
/// file, and never from a FIFO, which would stop the run until someone wrote to it.
fn dotenv_text(input: &Input) -> Option<String> {
    let bytes = yaml::read_file(&base_dir(input).join(".env"), BUDGET.max_bytes).ok()?;
    String::from_utf8(bytes).ok()
}

fn read(input: &Input) -> Result<Vec<u8>, LoadError> {
    let read = match input {
        Input::File(path) => yaml::read_file(path, BUDGET.max_bytes),
        Input::Stdin => yaml::read_bounded(std::io::stdin().lock(), BUDGET.max_bytes),
    };
    read.map_err(|error| match error {
        SourceError::Io(source) => LoadError::Read {
            shown: input.shown(),
            source,
        },
        SourceError::Directory => LoadError::Read {
            shown: input.shown(),
            source: std::io::ErrorKind::IsADirectory.into(),
        },
        refused => invalid(
            String::new(),
            refused.diagnostic(&input.shown(), "a compose file"),
        ),
    })
}

fn parse_bytes(
    bytes: &[u8],
    shown: &str,
    file: usize,
    variables: &Variables,
) -> Result<Project, LoadError> {
    let text = yaml::utf8(bytes, shown)
        .map_err(|diagnostic| invalid(String::from_utf8_lossy(bytes).into_owned(), *diagnostic))?;
    if is_blank(text) {
        return Ok(Project::default());
    }
    if let Some(topology) = topology_given(text) {
        let diagnostic = Diagnostic::error(
            shown,
            topology.at,
            format!(
                "this is a netctl topology ({}), not a compose file",
                topology.reason
            ),
        )
        .with_help(format!(
            "check it with `netctl validate {shown}`; `netctl lint` reads compose files"
        ));
        return Err(invalid(text.to_owned(), diagnostic));
    }
    let raw: RawCompose = yaml::parse(text, &BUDGET)
        .map_err(|error| invalid(text.to_owned(), parse_diagnostic(error, shown)))?;
    Ok(normalize(raw, file, variables))
}

/// The sign that the text is a netctl topology, when it parses as a tree at all (a file that
/// does not is left to the compose parser, which says where it breaks).
fn topology_given(text: &str) -> Option<yaml::Telltale> {
    let tree: yaml::Node = yaml::parse(text, &BUDGET).ok()?;
    yaml::topology_telltale(&tree)
}

/// Only comments and blank lines: Compose reads it as an empty project.
fn is_blank(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|line| line.is_empty() || line.starts_with('#') || line == "---")
}

fn invalid(source_text: String, diagnostic: Diagnostic) -> LoadError {
    LoadError::Invalid {
        source_text,
        diagnostic: Box::new(diagnostic),
    }
}

fn parse_diagnostic(error: ParseError, file: &str) -> Diagnostic {
    let message = error.message;
    let help = if message.contains("budget") || message.contains("depth") {
        "the file nests too deeply or expands too many aliases; write it out plainly"
    } else {
        "fix the YAML at this position; the Compose specification describes each key"
    };
    Diagnostic::error(
        file,
        error.location,
        format!("cannot read the compose file: {message}"),
    )
    .with_help(help)
}
