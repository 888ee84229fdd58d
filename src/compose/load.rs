//! Reading compose files: discovery in a directory, bytes to a merged project, located errors.
//!
//! Paths resolve as Compose resolves them: an `include:` path and an `extends.file` relative
//! to the project directory of the file that names them (for an included file, its
//! `project_directory`, by default its own folder); a file's documents (`---`) merge like
//! successive `-f` files; `extends:` is resolved once, within its own document, before that
//! document is merged with anything else.

use super::consistency;
use super::document;
use super::interpolate::{Variables, parse_dotenv};
use super::merge::{import, merge, merge_service};
use super::model::{Extends, Include, Located, Place, Project, Service, SourceFile};
use super::normalize::normalize;
use super::raw::RawCompose;
use super::refusal::Refusal;
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

/// Reads and merges `inputs` in order; `include:` and `extends:` are followed, and the merged
/// project is checked as Compose checks it (a `network_mode: service:X` must name a service
/// of the project). The first file's folder is the project directory: `.env` is read there,
/// and the relative paths of every file given start there, as in Compose.
pub fn load_project(inputs: &[Input]) -> Result<Project, LoadError> {
    let dir = inputs.first().map(base_dir).unwrap_or_default();
    let dotenv = dotenv_text(&dir.join(".env"));
    load_project_with(inputs, dotenv)
}

/// As [`load_project`], with the variables of `dotenv` (`--env-file`'s text) instead of the
/// `.env` in the project directory.
pub fn load_project_with(inputs: &[Input], dotenv: Option<String>) -> Result<Project, LoadError> {
    let dir = inputs.first().map(base_dir).unwrap_or_default();
    let scope = Scope {
        dir: Some(dir),
        variables: Variables::from_environment(dotenv.as_deref()),
    };
    let mut loader = Loader::default();
    let mut project = Project::default();
    for input in inputs {
        let bytes = read(input)?;
        let entered = match input {
            Input::File(path) => loader.enter(path),
            Input::Stdin => false,
        };
        let documents = loader.file(&bytes, &input.shown(), &scope, 0, Follow::Includes);
        if entered {
            loader.including.pop();
        }
        merge_all(&mut project, documents?);
    }
    finish(project, loader)
}

/// One file from memory: for tests and fuzzing. `extends:` within the file is followed;
/// `include:` and `extends.file` are not, since there is no directory to read them from.
pub fn load_str(text: &str, shown: &str, variables: &Variables) -> Result<Project, LoadError> {
    let mut loader = Loader::default();
    let scope = Scope {
        dir: None,
        variables: variables.clone(),
    };
    let mut project = Project::default();
    let documents = loader.file(text.as_bytes(), shown, &scope, 0, Follow::Includes)?;
    merge_all(&mut project, documents);
    finish(project, loader)
}

/// The project with the text of every file it read, once its references are checked.
fn finish(mut project: Project, loader: Loader) -> Result<Project, LoadError> {
    project.files = loader.files;
    consistency::check(&project).map_err(|refusal| refusal.into_error(&project.files))?;
    Ok(project)
}

/// Includes and `extends.file` deeper than this are refused: a cycle, or an attack.
const MAX_NESTING: usize = 8;
/// No real project reads more files than this.
const MAX_FILES: usize = 256;
/// No real service extends a longer chain; a longer one would only exhaust the stack.
const MAX_EXTENDS: usize = 64;

/// What a file's relative paths and `${VAR}`s mean: its project directory (where `include:`
/// paths, `extends.file` and `.env` start; `None` reads no other file) and its variables.
#[derive(Debug, Clone)]
struct Scope {
    dir: Option<PathBuf>,
    variables: Variables,
}

/// Whether a file's own `include:` is followed: not for a file read for `extends.file`, as
/// Compose reads only that file's services.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Follow {
    Includes,
    ExtendsOnly,
}

/// Reads the files of one project, giving each its index for [`super::Place`].
#[derive(Default)]
struct Loader {
    files: Vec<SourceFile>,
    /// The files being read that include the one being read (canonical paths), to tell an
    /// include cycle by name.
    including: Vec<PathBuf>,
}

impl Loader {
    /// Notes that `path` is being read; `false` when it cannot be named canonically (it is
    /// then not a file, which reading it will say).
    fn enter(&mut self, path: &Path) -> bool {
        match std::fs::canonicalize(path) {
            Ok(canonical) => {
                self.including.push(canonical);
                true
            }
            Err(_) => false,
        }
    }

    /// `include:` of a file that is already being read: Compose's "include cycle detected".
    fn include_cycle(&self, path: &Path, at: Place) -> Option<LoadError> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let start = self.including.iter().position(|p| *p == canonical)?;
        let names: Vec<String> = self.including[start..]
            .iter()
            .chain(std::iter::once(&canonical))
            .map(|p| file_name(p))
            .collect();
        Some(self.refused_at(
            at,
            format!("include cycle: {}", names.join(" → ")),
            "remove the `include:` that leads back to a file already included",
        ))
    }

    /// One file: each of its YAML documents with its `extends:` applied within that document
    /// and what it includes imported, to be merged in order as Compose merges successive
    /// files (each document's `!reset`/`!override` applies to everything before it).
    fn file(
        &mut self,
        bytes: &[u8],
        shown: &str,
        scope: &Scope,
        depth: usize,
        follow: Follow,
    ) -> Result<Vec<Project>, LoadError> {
        let index = self.files.len();
        self.files.push(SourceFile {
            path: shown.to_owned(),
            text: String::from_utf8_lossy(bytes).into_owned(),
        });
        let documents = parse_bytes(bytes, shown, index, &scope.variables)
            .map_err(|refusal| refusal.into_error(&self.files))?;
        let mut ready = Vec::with_capacity(documents.len());
        for mut document in documents {
            let includes = std::mem::take(&mut document.includes);
            self.apply_extends(&mut document, scope, depth)?;
            if follow == Follow::Includes {
                for include in &includes {
                    let included = self.include(include, scope, depth)?;
                    import(&mut document, included);
                }
            }
            ready.push(document);
        }
        Ok(ready)
    }

    /// One `include:` entry: its files merged as a project of their own, in their own project
    /// directory and with their own `.env` under the including project's variables.
    fn include(
        &mut self,
        include: &Include,
        scope: &Scope,
        depth: usize,
    ) -> Result<Project, LoadError> {
        let Some(dir) = scope.dir.as_deref() else {
            return Ok(Project::default());
        };
        let paths: Vec<&Located<String>> = include
            .paths
            .iter()
            .filter(|p| is_local(&p.value))
            .collect();
        let Some(first) = paths.first() else {
            return Ok(Project::default());
        };
        let project_dir = match &include.project_directory {
            Some(written) => dir.join(written),
            None => parent(&dir.join(&first.value)),
        };
        let inner = Scope {
            variables: self.included_variables(include, scope, dir, &project_dir)?,
            dir: Some(project_dir),
        };
        let mut project = Project::default();
        for path in paths {
            let file = dir.join(&path.value);
            if let Some(cycle) = self.include_cycle(&file, path.at) {
                return Err(cycle);
            }
            let entered = self.enter(&file);
            let included =
                self.nested(&file, &path.value, path.at, &inner, depth, Follow::Includes);
            if entered {
                self.including.pop();
            }
            merge_all(&mut project, included?);
        }
        Ok(project)
    }

    /// The variables an included file sees: the including project's, over the include's
    /// `env_file`s (relative to the including file's directory) or else the `.env` of its
    /// project directory.
    fn included_variables(
        &self,
        include: &Include,
        scope: &Scope,
        dir: &Path,
        project_dir: &Path,
    ) -> Result<Variables, LoadError> {
        let mut defaults = std::collections::HashMap::new();
        if include.env_files.is_empty()
            && let Some(text) = dotenv_text(&project_dir.join(".env"))
        {
            defaults.extend(parse_dotenv(&text));
        }
        for written in &include.env_files {
            let path = dir.join(written);
            let text = dotenv_text(&path).ok_or_else(|| {
                self.refused_at(
                    include.at,
                    format!("the env_file `{}` cannot be read", path.display()),
                    "name an existing file, relative to this compose file",
                )
            })?;
            defaults.extend(parse_dotenv(&text));
        }
        Ok(scope.variables.over(defaults))
    }

    /// A file named by `include:` or `extends.file`; errors point at where it was named.
    fn nested(
        &mut self,
        path: &Path,
        written: &str,
        at: Place,
        scope: &Scope,
        depth: usize,
        follow: Follow,
    ) -> Result<Vec<Project>, LoadError> {
        let help = "name an existing compose file, relative to the project directory of the \
                    file that names it";
        if depth >= MAX_NESTING || self.files.len() >= MAX_FILES {
            return Err(self.refused_at(
                at,
                format!("`{written}` nests files more than {MAX_NESTING} deep (a cycle?)"),
                help,
            ));
        }
        if !path.is_file() {
            return Err(self.refused_at(at, format!("`{}` is not a file", path.display()), help));
        }
        let bytes = read(&Input::File(path.to_path_buf())).map_err(|error| {
            self.refused_at(
                at,
                format!("cannot read `{}`: {error}", path.display()),
                help,
            )
        })?;
        self.file(
            &bytes,
            &path.display().to_string(),
            scope,
            depth + 1,
            follow,
        )
    }

    fn refused_at(&self, at: Place, message: String, help: &str) -> LoadError {
        Refusal::at(at, message, help).into_error(&self.files)
    }

    /// Resolves every `extends:` of one document, within that document (and the files its
    /// `extends.file` names), as Compose does before it merges anything else.
    fn apply_extends(
        &mut self,
        document: &mut Project,
        scope: &Scope,
        depth: usize,
    ) -> Result<(), LoadError> {
        let keys: Vec<String> = document
            .services
            .iter()
            .filter(|s| s.extends.is_some())
            .map(|s| s.key.value.clone())
            .collect();
        for key in keys {
            let Some(service) = document.service(&key).cloned() else {
                continue;
            };
            let resolved = self.extended(document, service, scope, depth, &mut Vec::new())?;
            if let Some(slot) = document.services.iter_mut().find(|s| s.key.value == key) {
                *slot = resolved;
            }
        }
        Ok(())
    }

    /// `service` over its `extends` chain: the base's values, then the service's own, with
    /// the same merge rules as override files. A missing base, a missing file and a cycle are
    /// refused, as Compose refuses them.
    fn extended(
        &mut self,
        document: &Project,
        service: Service,
        scope: &Scope,
        depth: usize,
        chain: &mut Vec<String>,
    ) -> Result<Service, LoadError> {
        let Some(extends) = service.extends.clone() else {
            return Ok(service);
        };
        chain.push(service.key.value.clone());
        if chain.len() > MAX_EXTENDS {
            return Err(self.refused_at(
                extends.at,
                format!("`extends` goes through more than {MAX_EXTENDS} services"),
                "extend a service that extends fewer others",
            ));
        }
        if chain.iter().filter(|k| **k == service.key.value).count() > 1 {
            return Err(self.refused_at(
                extends.at,
                format!("`extends` goes round in a circle: {}", chain.join(" → ")),
                "break the circle: a service cannot extend itself, directly or through others",
            ));
        }
        let base = match &extends.file {
            None => match document.service(&extends.service).cloned() {
                Some(base) => self.extended(document, base, scope, depth, chain)?,
                None => return Err(self.missing_base(&service, &extends, None)),
            },
            Some(file) => match self.base_from_file(&extends, file, scope, depth)? {
                Some(base) => base,
                None if scope.dir.is_none() => return Ok(service),
                None => return Err(self.missing_base(&service, &extends, Some(file))),
            },
        };
        let mut merged = base;
        merged.key = service.key.clone();
        // The service's own tags, not its base's, say what it does to the files before it.
        let own = service.replaces.clone();
        merge_service(&mut merged, service);
        merged.replaces = own;
        Ok(merged)
    }

    /// The service `extends.service` of the file `extends.file` names, relative to the project
    /// directory, read with its own folder as the start of its own relative paths; `None`
    /// when the file does not define it, or when no file can be read (`load_str`).
    fn base_from_file(
        &mut self,
        extends: &Extends,
        file: &str,
        scope: &Scope,
        depth: usize,
    ) -> Result<Option<Service>, LoadError> {
        let Some(dir) = scope.dir.as_deref() else {
            return Ok(None);
        };
        let path = dir.join(file);
        let inner = Scope {
            dir: Some(parent(&path)),
            variables: scope.variables.clone(),
        };
        let documents = self.nested(&path, file, extends.at, &inner, depth, Follow::ExtendsOnly)?;
        let mut other = Project::default();
        merge_all(&mut other, documents);
        Ok(other.service(&extends.service).cloned())
    }

    fn missing_base(&self, service: &Service, extends: &Extends, file: Option<&str>) -> LoadError {
        let place = file.map_or_else(|| "this file".to_owned(), |f| format!("`{f}`"));
        self.refused_at(
            extends.at,
            format!(
                "service `{}` extends `{}`, which {place} does not define",
                service.key.value, extends.service
            ),
            "name a service of that file (or add `file:` when the base is in another file)",
        )
    }
}

/// Merges documents (or files) in order into `project`.
fn merge_all(project: &mut Project, documents: Vec<Project>) {
    for document in documents {
        merge(project, document);
    }
}

/// The folder a file is in (`.` for a bare name).
fn parent(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// The last part of a path, for a short message.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
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

/// A `.env` file is read as Compose reads it, when it can be: within the same cap as a
/// compose file, and never from a FIFO, which would stop the run until someone wrote to it.
fn dotenv_text(path: &Path) -> Option<String> {
    let bytes = yaml::read_file(path, BUDGET.max_bytes).ok()?;
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

/// The documents of file number `file`, each checked whole ([`document::check`]) and then
/// normalized; a blank file is an empty project.
fn parse_bytes(
    bytes: &[u8],
    shown: &str,
    file: usize,
    variables: &Variables,
) -> Result<Vec<Project>, Refusal> {
    let text = yaml::utf8(bytes, shown).map_err(|diagnostic| {
        let help = help_of(&diagnostic);
        Refusal::new(file, diagnostic.location, diagnostic.message, help)
    })?;
    if is_blank(text) {
        return Ok(Vec::new());
    }
    // Any YAML parses as a tree (tags included), so a file that does not is broken YAML or
    // over budget: said once, without a second parse that would break at the same place.
    let trees: Vec<yaml::Node> =
        yaml::parse_documents(text, &BUDGET).map_err(|error| parse_refusal(error, file))?;
    for tree in &trees {
        document::check(tree, file, shown)?;
    }
    let raws: Vec<RawCompose> =
        yaml::parse_documents(text, &BUDGET).map_err(|error| parse_refusal(error, file))?;
    raws.into_iter()
        .map(|raw| normalize(raw, file, variables))
        .collect()
}

fn help_of(diagnostic: &Diagnostic) -> String {
    diagnostic.help.clone().unwrap_or_default()
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

fn parse_refusal(error: ParseError, file: usize) -> Refusal {
    let message = error.message;
    let help = if message.contains("budget") || message.contains("depth") {
        "the file nests too deeply or expands too many aliases; write it out plainly"
    } else {
        "fix the YAML at this position; the Compose specification describes each key"
    };
    Refusal::new(
        file,
        error.location,
        format!("cannot read the compose file: {message}"),
        help,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn load(text: &str) -> Result<Project, String> {
        load_str(text, "t.yml", &Variables::new(HashMap::new())).map_err(|e| e.to_string())
    }

    fn network_keys(project: &Project) -> Vec<&str> {
        project
            .networks
            .iter()
            .map(|n| n.key.value.as_str())
            .collect()
    }

    #[test]
    fn documents_merge_in_order_with_their_tags() {
        let project = load(
            "services:\n  web: {image: nginx, networks: [a, b]}\nnetworks: {a: {}, b: {}, c: {}}\n\
             ---\nnetworks:\n  b: !reset null\n  c: !override {internal: true}\n\
             services:\n  web: {networks: {b: !reset null}}\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(network_keys(&project), ["a", "c"]);
        assert!(project.is_internal("c"));
        let web = project.service("web").map(|s| s.attached());
        let attached: Vec<String> = web
            .unwrap_or_default()
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(attached, ["a"]);
    }

    #[test]
    fn a_reset_of_every_network_of_a_service_leaves_it_on_default() {
        let project = load(
            "services:\n  web: {image: nginx, networks: [a]}\nnetworks: {a: {}}\n---\n\
             services:\n  web: {networks: !reset []}\nnetworks: !reset {}\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(project.networks.is_empty());
        let web = project.service("web").map(|s| s.attached());
        let attached: Vec<String> = web
            .unwrap_or_default()
            .into_iter()
            .map(|n| n.value)
            .collect();
        assert_eq!(attached, ["default"]);
    }

    /// `s0` extends `s1`, which extends `s2`, ... 200 deep.
    fn long_extends_chain() -> String {
        let mut text = String::from("services:\n");
        for i in 0..200 {
            text.push_str(&format!("  s{i}: {{image: x, extends: s{}}}\n", i + 1));
        }
        text + "  s200: {image: x}\n"
    }

    #[test]
    fn each_refusal_is_located() {
        for (text, expected) in [
            ("web:\n  image: x\n", "t.yml:1:1"),
            (
                "services:\n  a: {image: x, network_mode: 'service:b'}\n",
                "t.yml:2:31",
            ),
            (
                "services:\n  a: {image: x, extends: {file: b.yml}}\n",
                "t.yml:2:26",
            ),
            (
                "services:\n  a: {image: x, ports: ['x:1:1']}\n",
                "t.yml:2:25",
            ),
            ("services:\n  a: {image: '${a b}'}\n", "t.yml:2:14"),
            (&long_extends_chain(), "goes through more than 64 services"),
        ] {
            let error = load(text).err().unwrap_or_default();
            assert!(error.contains(expected), "{text}: {error}");
        }
    }
}
