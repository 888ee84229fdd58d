//! Finding and reading a topology file: bytes to validated model, or located diagnostics.

use super::model::Topology;
use super::read::read;
use super::tree::Node;
use super::validate::validate;
use crate::diagnostic::{Diagnostic, Location};
use std::fmt;
use std::path::{Path, PathBuf};

/// The names looked for, in order, when no file is given (as compose looks for compose.yaml).
pub const DEFAULT_FILE_NAMES: [&str; 2] = ["topology.yaml", "netctl.yaml"];

/// Larger files are refused before parsing: no real topology comes near it.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

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

pub fn load_file(path: &Path) -> Result<Topology, LoadError> {
    let metadata = std::fs::metadata(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    if metadata.is_dir() {
        return Err(LoadError::IsDirectory {
            path: path.to_path_buf(),
        });
    }
    let shown = path.display().to_string();
    if metadata.len() > MAX_FILE_BYTES {
        return Err(invalid(
            String::new(),
            Diagnostic::error(shown, None, format!("the file is {} bytes", metadata.len()))
                .with_help(format!("a topology file is at most {MAX_FILE_BYTES} bytes")),
        ));
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    load_bytes(&bytes, &shown)
}

/// Parses and validates; `file` is the name used in diagnostics.
pub fn load_bytes(bytes: &[u8], file: &str) -> Result<Topology, LoadError> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let location = byte_location(bytes, error.valid_up_to());
            return Err(invalid(
                String::from_utf8_lossy(bytes).into_owned(),
                Diagnostic::error(file, Some(location), "the file is not valid UTF-8".into())
                    .with_help("save the file as UTF-8"),
            ));
        }
    };
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
    let tree: Node = serde_saphyr::from_str_with_options(text, parse_options())
        .map_err(|error| invalid(text.to_owned(), parse_diagnostic(&error, file)))?;
    let (raw, mut diagnostics) = read(&tree, text, file);
    match validate(raw, file) {
        Ok(topology) if diagnostics.is_empty() => return Ok(topology),
        Ok(_) => {}
        Err(semantic) => diagnostics.extend(semantic),
    }
    diagnostics.sort_by_key(|d| d.location);
    Err(LoadError::Invalid {
        source_text: text.to_owned(),
        diagnostics,
    })
}

fn invalid(source_text: String, diagnostic: Diagnostic) -> LoadError {
    LoadError::Invalid {
        source_text,
        diagnostics: vec![diagnostic],
    }
}

/// Budgets keep alias bombs and deep nesting from eating memory or stack; they are generous
/// enough for topologies of many thousands of services. The whole file becomes a tree before
/// anything is checked, so alias expansion is capped well below the node budget: a bomb stops
/// at the cap instead of filling the tree. Repeated keys and non-finite numbers reach the
/// tree, so that `read` reports them with everything else rather than the parser stopping.
fn parse_options() -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 48;
    budget.max_nodes = 4_000_000;
    budget.max_events = 8_000_000;
    budget.max_aliases = 10_000;
    budget.max_merge_keys = 1_000;
    budget.max_recorded_anchor_events = 100_000;
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 250_000;
    options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
    options
}

fn parse_diagnostic(error: &serde_saphyr::Error, file: &str) -> Diagnostic {
    let location = Location::of_yaml_error(error);
    let message = user_message(plain_message(error));
    let help = parse_help(&message);
    Diagnostic::error(file, location, message).with_help(help)
}

/// The library's message without its own location suffix or snippet: ours come separately.
fn plain_message(error: &serde_saphyr::Error) -> String {
    let text = error.without_snippet().to_string();
    let first_line = text.lines().next().unwrap_or_default();
    match first_line.rfind(" at line ") {
        Some(cut) => first_line[..cut].to_owned(),
        None => first_line.to_owned(),
    }
}

/// Rewords library messages that speak to programmers rather than to the file's author.
fn user_message(message: String) -> String {
    if let Some(rest) = message.strip_prefix("budget breached: ") {
        let limit = rest.split([' ', '{']).next().unwrap_or(rest);
        return format!(
            "the file exceeds netctl's parsing limit on {}",
            words_of(limit)
        );
    }
    message
}

/// `MergeKeys` → `merge keys`: the budget names its limits as Rust identifiers.
fn words_of(identifier: &str) -> String {
    let mut words = String::new();
    for c in identifier.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

fn parse_help(message: &str) -> String {
    if message.contains("parsing limit") || message.contains("depth") || message.contains("alias") {
        return "the file nests too deeply or expands too many aliases; write it out plainly"
            .to_owned();
    }
    "fix the YAML at this position; `netctl schema` describes the format".to_owned()
}

/// 1-based line and column of a byte offset, counting characters of the valid prefix.
fn byte_location(bytes: &[u8], offset: usize) -> Location {
    let prefix = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::new(line as u64, column as u64, 1)
}
