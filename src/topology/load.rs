//! Finding and reading a topology file: bytes to validated model, or located diagnostics.

use super::model::Topology;
use super::read::read;
use super::validate::validate;
use crate::diagnostic::{Diagnostic, Location};
use crate::yaml::{self, Budget, Node, ParseError, SourceError};
use std::fmt;
use std::path::{Path, PathBuf};

/// The names looked for, in order, when no file is given (as compose looks for compose.yaml).
pub const DEFAULT_FILE_NAMES: [&str; 2] = ["topology.yaml", "netctl.yaml"];

/// Generous enough for topologies of many thousands of services; larger files are refused
/// before parsing. The whole file becomes a tree before anything is checked, so alias
/// expansion is capped well below the node budget: a bomb stops at the cap instead of
/// filling the tree. Repeated keys and non-finite numbers reach the tree, so that `read`
/// reports them with everything else rather than the parser stopping.
const BUDGET: Budget = Budget {
    max_bytes: 64 * 1024 * 1024,
    max_depth: 48,
    max_nodes: 4_000_000,
    max_events: 8_000_000,
    max_aliases: 10_000,
    max_merge_keys: Some(1_000),
    max_recorded_anchor_events: Some(100_000),
    max_replayed_events: Some(250_000),
    lenient: true,
};

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error(
        "error: no topology file found in {}: looked for {}\n   = help: pass the file as an argument or with -f/--file",
        dir.display(),
        DEFAULT_FILE_NAMES.join(" and ")
    )]
    NotFound { dir: PathBuf },
    #[error("error: cannot read {}: {source}\n   = help: check the path and its permissions", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("error: {} is a directory\n   = help: name the topology file itself, e.g. {}/topology.yaml", path.display(), path.display())]
    IsDirectory { path: PathBuf },
    #[error("{}", Invalid { source_text, diagnostics })]
    Invalid {
        source_text: String,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Displays every diagnostic with its snippet, then a count, like a compiler.
struct Invalid<'a> {
    source_text: &'a str,
    diagnostics: &'a [Diagnostic],
}

impl fmt::Display for Invalid<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in self.diagnostics {
            writeln!(f, "{}", diagnostic.render(Some(self.source_text)))?;
        }
        let count = self.diagnostics.len();
        let file = self.diagnostics.first().map_or("", |d| d.file.as_str());
        write!(
            f,
            "{file}: {count} problem{}",
            if count == 1 { "" } else { "s" }
        )
    }
}

impl LoadError {
    /// The located problems, for JSON output; empty for errors that are about the path.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            LoadError::Invalid { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }
}

/// The file to read: the one given, else the first default name present in `dir`.
pub fn discover(given: Option<&Path>, dir: &Path) -> Result<PathBuf, LoadError> {
    if let Some(path) = given {
        return Ok(path.to_path_buf());
    }
    DEFAULT_FILE_NAMES
        .iter()
        .map(|name| dir.join(name))
        .find(|candidate| candidate.is_file())
        .ok_or_else(|| LoadError::NotFound {
            dir: dir.to_path_buf(),
        })
}

/// Whether the file at `path` reads as a Compose file rather than a topology: it shows a
/// Compose key, or nothing of a topology (`version: 1` with `project:`). Unreadable files are
/// not, so that loading them as a topology says why.
pub fn is_compose_file(path: &Path) -> bool {
    let Ok(bytes) = yaml::read_file(path, BUDGET.max_bytes) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return false;
    };
    yaml::parse(text, &BUDGET).is_ok_and(|tree| {
        yaml::compose_telltale(&tree).is_some() || yaml::topology_telltale(&tree).is_none()
    })
}

pub fn load_file(path: &Path) -> Result<Topology, LoadError> {
    let shown = path.display().to_string();
    let bytes = yaml::read_file(path, BUDGET.max_bytes).map_err(|error| match error {
        SourceError::Io(source) => LoadError::Read {
            path: path.to_path_buf(),
            source,
        },
        SourceError::Directory => LoadError::IsDirectory {
            path: path.to_path_buf(),
        },
        refused => invalid(String::new(), refused.diagnostic(&shown, "a topology file")),
    })?;
    load_bytes(&bytes, &shown)
}

/// Parses and validates; `file` is the name used in diagnostics.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Topology, LoadError> {
    let text = yaml::utf8(bytes, file)
        .map_err(|diagnostic| invalid(String::from_utf8_lossy(bytes).into_owned(), *diagnostic))?;
    load_str(text, file)
}

/// Only YAML syntax stops early: past it, every structural and semantic problem is reported
/// in one run, in file order.
pub fn load_str(text: &str, file: &str) -> Result<Topology, LoadError> {
    if text.trim().is_empty()
        || text
            .lines()
            .all(|l| l.trim_start().starts_with('#') || l.trim().is_empty())
    {
        return Err(invalid(
            text.to_owned(),
            Diagnostic::error(
                file,
                Some(Location::new(1, 1, 0)),
                "the file is empty".into(),
            )
            .with_help("start with `version: 1` and `project: <name>`; see `netctl schema`"),
        ));
    }
    let tree: Node = yaml::parse(text, &BUDGET)
        .map_err(|error| invalid(text.to_owned(), parse_diagnostic(error, file)))?;
    let (raw, mut diagnostics) = read(&tree, text, file);
    match validate(raw, file) {
        Ok(topology) if diagnostics.is_empty() => return Ok(topology),
        Ok(_) => {}
        Err(semantic) => diagnostics.extend(semantic),
    }
    // A Compose file read as a topology is a wall of unknown keys: say what it is instead.
    if let Some(compose) = yaml::compose_telltale(&tree) {
        return Err(invalid(text.to_owned(), compose_given(file, compose)));
    }
    diagnostics.sort_by_key(|d| d.location);
    Err(LoadError::Invalid {
        source_text: text.to_owned(),
        diagnostics,
    })
}

fn compose_given(file: &str, compose: yaml::Telltale) -> Diagnostic {
    Diagnostic::error(
        file,
        compose.at,
        format!(
            "this is a Docker Compose file ({}), not a netctl topology",
            compose.reason
        ),
    )
    .with_help(format!(
        "lint it with `netctl lint {file}`; `netctl import compose {file}` turns it into a \
         topology"
    ))
}

fn invalid(source_text: String, diagnostic: Diagnostic) -> LoadError {
    LoadError::Invalid {
        source_text,
        diagnostics: vec![diagnostic],
    }
}

fn parse_diagnostic(error: ParseError, file: &str) -> Diagnostic {
    let message = match error.breached_limit() {
        Some(limit) => format!("the file exceeds netctl's parsing limit on {limit}"),
        None => error.message,
    };
    let help = parse_help(&message);
    Diagnostic::error(file, error.location, message).with_help(help)
}

fn parse_help(message: &str) -> String {
    if message.contains("parsing limit") || message.contains("depth") || message.contains("alias") {
        return "the file nests too deeply or expands too many aliases; write it out plainly"
            .to_owned();
    }
    "fix the YAML at this position; `netctl schema` describes the format".to_owned()
}
