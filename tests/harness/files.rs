//! The repository's own files: its root, the YAML files of a folder, and the expectation line
//! that every broken fixture carries.

use std::path::{Path, PathBuf};

/// The repository root, where `topologies/` and `tests/fixtures/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/compose`, the compose files of the lint and import tests.
pub fn compose_fixtures() -> PathBuf {
    root().join("tests/fixtures/compose")
}

/// The YAML files directly inside `dir`, sorted.
pub fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the directory exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

/// A fixture's first line, `# expect: LINE:COL MESSAGE`.
pub struct Expected {
    pub line: u64,
    pub column: u64,
    pub message: String,
    /// A `# structural` line marks faults the JSON Schema alone must reject.
    pub structural: bool,
}

pub fn expected_of(path: &Path) -> Expected {
    let text = std::fs::read_to_string(path).expect("readable fixture");
    let first = text.lines().next().unwrap_or_default();
    let rest = first
        .strip_prefix("# expect: ")
        .unwrap_or_else(|| panic!("{} lacks a `# expect: L:C message` line", path.display()));
    let (position, message) = rest.split_once(' ').unwrap_or((rest, ""));
    let (line, column) = position.split_once(':').expect("L:C");
    Expected {
        line: line.parse().expect("line number"),
        column: column.parse().expect("column number"),
        message: message.trim().to_owned(),
        structural: text.lines().nth(1) == Some("# structural"),
    }
}
