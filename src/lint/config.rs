//! `.netctl-lint.yaml`: rules turned off or re-graded, public networks, datastore names,
//! ignored paths.

use crate::diagnostic::{Diagnostic, Severity};
use crate::yaml::{self, Budget, SourceError};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name looked for in the current directory when `--config` is not given.
pub const CONFIG_FILE_NAME: &str = ".netctl-lint.yaml";

/// A config lists a few rules and names; these are far above any real one.
const BUDGET: Budget = Budget {
    max_bytes: 1024 * 1024,
    max_depth: 32,
    max_nodes: 100_000,
    max_events: 200_000,
    max_aliases: 1_000,
    max_merge_keys: None,
    max_recorded_anchor_events: None,
    max_replayed_events: None,
    lenient: false,
};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// Rule ID or name → new level; `None` turns the rule off.
    pub levels: BTreeMap<String, Option<Severity>>,
    pub public_networks: Vec<String>,
    pub datastore_images: Vec<String>,
    pub ignore_paths: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    rules: BTreeMap<String, Level>,
    #[serde(default)]
    public_networks: Vec<String>,
    #[serde(default)]
    datastore_images: Vec<String>,
    #[serde(default)]
    ignore_paths: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Level {
    Off,
    Info,
    Warning,
    Error,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("error: cannot read the lint config {}: {source}\n   = help: check the path given to --config", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}", diagnostic.render(Some(source_text)).trim_end())]
    Invalid {
        source_text: String,
        diagnostic: Box<Diagnostic>,
    },
}

impl Config {
    /// The config named by `--config`, else `.netctl-lint.yaml` in `dir` if present, else the
    /// defaults.
    pub fn discover(given: Option<&Path>, dir: &Path) -> Result<Config, ConfigError> {
        let path = match given {
            Some(path) => path.to_path_buf(),
            None => {
                let candidate = dir.join(CONFIG_FILE_NAME);
                if !candidate.is_file() {
                    return Ok(Config::default());
                }
                candidate
            }
        };
        let shown = path.display().to_string();
        let bytes = yaml::read_file(&path, BUDGET.max_bytes).map_err(|error| match error {
            SourceError::Io(source) => ConfigError::Read { path, source },
            SourceError::Directory => ConfigError::Read {
                path,
                source: std::io::ErrorKind::IsADirectory.into(),
            },
            refused => invalid(String::new(), refused.diagnostic(&shown, "a lint config")),
        })?;
        let text = yaml::utf8(&bytes, &shown).map_err(|diagnostic| ConfigError::Invalid {
            source_text: String::from_utf8_lossy(&bytes).into_owned(),
            diagnostic,
        })?;
        Config::parse(text, &shown)
    }

    pub fn parse(text: &str, shown: &str) -> Result<Config, ConfigError> {
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        let raw: RawConfig = yaml::parse(text, &BUDGET).map_err(|error| {
            invalid(
                text.to_owned(),
                Diagnostic::error(
                    shown,
                    error.location,
                    format!("invalid lint config: {}", error.message),
                )
                .with_help(
                    "allowed keys: rules (ID: off|info|warning|error), public_networks, \
                     datastore_images, ignore_paths",
                ),
            )
        })?;
        Ok(Config {
            levels: raw
                .rules
                .into_iter()
                .map(|(rule, level)| (rule, level.severity()))
                .collect(),
            public_networks: raw.public_networks,
            datastore_images: raw
                .datastore_images
                .into_iter()
                .map(|name| name.to_ascii_lowercase())
                .collect(),
            ignore_paths: raw.ignore_paths,
        })
    }

    /// The level a rule reports at: the config's, else its default; `None` when off.
    pub fn level(&self, id: &str, name: &str, default: Severity) -> Option<Severity> {
        self.levels
            .get(id)
            .or_else(|| self.levels.get(name))
            .copied()
            .unwrap_or(Some(default))
    }

    /// Whether `path` (as given on the command line) matches an `ignore_paths` glob.
    pub fn ignores(&self, path: &Path) -> bool {
        let text = path.to_string_lossy();
        let text = text.strip_prefix("./").unwrap_or(&text);
        self.ignore_paths
            .iter()
            .any(|pattern| glob_matches(pattern.strip_prefix("./").unwrap_or(pattern), text))
    }
}

impl Level {
    fn severity(self) -> Option<Severity> {
        match self {
            Level::Off => None,
            Level::Info => Some(Severity::Info),
            Level::Warning => Some(Severity::Warning),
            Level::Error => Some(Severity::Error),
        }
    }
}

fn invalid(source_text: String, diagnostic: Diagnostic) -> ConfigError {
    ConfigError::Invalid {
        source_text,
        diagnostic: Box::new(diagnostic),
    }
}

/// `*` matches within one path segment, `**` across segments, `?` one character; a pattern
/// that names a directory (`vendor/`) also matches everything under it.
pub fn glob_matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let path: Vec<char> = path.chars().collect();
    if pattern.last() == Some(&'/') {
        let mut prefix = pattern.clone();
        prefix.extend(['*', '*']);
        return matches_from(&prefix, &path);
    }
    matches_from(&pattern, &path)
}

/// Dynamic programming over (pattern position, path position): linear in their product, so a
/// hostile pattern cannot make it exponential.
fn matches_from(pattern: &[char], path: &[char]) -> bool {
    let mut reachable = vec![vec![false; path.len() + 1]; pattern.len() + 1];
    reachable[0][0] = true;
    let mut p = 0;
    while p < pattern.len() {
        let double_star = pattern[p] == '*' && pattern.get(p + 1) == Some(&'*');
        let width = if double_star { 2 } else { 1 };
        for s in 0..=path.len() {
            if !reachable[p][s] {
                continue;
            }
            match pattern[p] {
                '*' => {
                    reachable[p + width][s] = true;
                    let mut end = s;
                    while end < path.len() && (double_star || path[end] != '/') {
                        end += 1;
                        reachable[p + width][end] = true;
                    }
                }
                '?' if s < path.len() && path[s] != '/' => reachable[p + 1][s + 1] = true,
                literal if s < path.len() && path[s] == literal => reachable[p + 1][s + 1] = true,
                _ => {}
            }
        }
        p += width;
    }
    reachable[pattern.len()][path.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob_matches("examples/**", "examples/a/compose.yml"));
        assert!(glob_matches("examples/", "examples/a/compose.yml"));
        assert!(glob_matches("*.yml", "compose.yml"));
        assert!(!glob_matches("*.yml", "dir/compose.yml"));
        assert!(glob_matches("**/test-*.yml", "a/b/test-1.yml"));
        assert!(glob_matches("c?mpose.yml", "compose.yml"));
        assert!(!glob_matches("vendor/**", "src/compose.yml"));
    }

    #[test]
    fn parses_every_key() {
        let config = Config::parse(
            "rules:\n  NL003: off\n  host-network-mode: error\npublic_networks: [web]\ndatastore_images: [MyCorp/KV]\nignore_paths: [\"vendor/**\"]\n",
            "c.yaml",
        )
        .unwrap();
        assert_eq!(config.level("NL003", "x", Severity::Info), None);
        assert_eq!(
            config.level("NL007", "host-network-mode", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(config.datastore_images, vec!["mycorp/kv".to_owned()]);
        assert!(config.ignores(Path::new("./vendor/x/compose.yml")));
    }

    #[test]
    fn rejects_unknown_keys_with_a_location() {
        let error = Config::parse("rulez: {}\n", "c.yaml").unwrap_err();
        assert!(error.to_string().contains("c.yaml:1:1"), "{error}");
    }
}
