//! Which compose files a lint run reads, and how they group into projects, as Compose groups
//! them: a directory is walked to any depth (skipping `.git`, `node_modules` and what
//! `.gitignore` excludes) for `compose*.y(a)ml`, `docker-compose*.y(a)ml` and what the
//! `--glob` patterns add; an override file (`*.override.y(a)ml`) is merged over its base file
//! of the same folder and name, also when only the override is named (a pre-commit hook
//! passes just the file that changed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Folders no project keeps compose files of its own in.
const SKIPPED_FOLDERS: [&str; 2] = [".git", "node_modules"];

/// A `--glob` pattern. Without a `/` it is matched against the file name at any depth, as
/// `.gitignore` does, since that is what a name pattern like `*.stack.yaml` means to people;
/// with one it is matched against the path relative to the folder walked, and `*` stays
/// inside one folder (`**` crosses them), so `stacks/*.yml` does not reach `stacks/old/`.
#[derive(Debug, Clone)]
pub struct FilePattern {
    matcher: globset::GlobMatcher,
    on_name: bool,
}

/// Why a `--glob` pattern was refused. clap names the pattern in its own message
/// (`invalid value 'x[' for '--glob <PATTERN>'`), so the text says only what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum PatternError {
    #[error("{reason}")]
    Invalid { pattern: String, reason: String },
    #[error("an empty pattern matches no file")]
    Empty,
    #[error("a pattern is relative to the folder walked: drop the leading `/`")]
    Absolute { pattern: String },
}

impl FromStr for FilePattern {
    type Err = PatternError;

    fn from_str(text: &str) -> Result<FilePattern, PatternError> {
        let relative = text.strip_prefix("./").unwrap_or(text);
        if relative.is_empty() {
            return Err(PatternError::Empty);
        }
        if relative.starts_with('/') {
            return Err(PatternError::Absolute {
                pattern: text.to_owned(),
            });
        }
        let glob = globset::GlobBuilder::new(relative)
            .literal_separator(true)
            .build()
            .map_err(|error| PatternError::Invalid {
                pattern: text.to_owned(),
                reason: error.kind().to_string(),
            })?;
        Ok(FilePattern {
            matcher: glob.compile_matcher(),
            on_name: !relative.contains('/'),
        })
    }
}

impl FilePattern {
    /// Whether the file at `relative` (to the folder walked) is one this pattern asks for.
    fn matches(&self, relative: &Path) -> bool {
        if self.on_name {
            relative
                .file_name()
                .is_some_and(|name| self.matcher.is_match(name))
        } else {
            self.matcher.is_match(relative)
        }
    }
}

/// Every compose file under `dir`, and every file a pattern of `extra` matches, in path order.
pub fn walk(dir: &Path, extra: &[FilePattern]) -> Vec<PathBuf> {
    let walker = ::ignore::WalkBuilder::new(dir)
        .hidden(false)
        .require_git(false)
        .filter_entry(|entry| {
            !SKIPPED_FOLDERS.contains(&entry.file_name().to_string_lossy().as_ref())
        })
        .build();
    let mut files: Vec<PathBuf> = walker
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_some_and(|t| t.is_file()))
        .map(::ignore::DirEntry::into_path)
        .filter(|path| is_compose_name(path) || matches_any(extra, dir, path))
        .collect();
    files.sort();
    files
}

/// `files` as projects: each base file with its override after it; an override whose base
/// was not named but exists beside it gets its base first; anything else on its own.
pub fn group(files: &[PathBuf]) -> Vec<Vec<PathBuf>> {
    let mut projects: BTreeMap<PathBuf, (Option<PathBuf>, Option<PathBuf>)> = BTreeMap::new();
    for file in files {
        let base = base_of(file);
        let slot = projects
            .entry(base.clone().unwrap_or_else(|| file.clone()))
            .or_default();
        match base {
            Some(_) => slot.1 = Some(file.clone()),
            None => slot.0 = Some(file.clone()),
        }
    }
    projects
        .into_iter()
        .map(|(base_path, (base, override_file))| {
            let base = base.or_else(|| base_path.is_file().then_some(base_path));
            base.into_iter().chain(override_file).collect()
        })
        .collect()
}

fn matches_any(patterns: &[FilePattern], dir: &Path, path: &Path) -> bool {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    patterns.iter().any(|pattern| pattern.matches(relative))
}

/// `compose.yaml`, `compose.prod.yml`, `docker-compose.override.yml`...
fn is_compose_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    yaml && (name.starts_with("compose.") || name.starts_with("docker-compose"))
}

/// The base file an override file goes over: `compose.override.yaml` → `compose.yaml`;
/// `None` for a file that is no override.
fn base_of(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_str()?;
    let (stem, extension) = name.rsplit_once('.')?;
    let base = stem.strip_suffix(".override")?;
    Some(path.with_file_name(format!("{base}.{extension}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(names: &[&str]) -> Vec<PathBuf> {
        names.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn an_override_goes_over_its_base_and_other_files_stand_alone() {
        let grouped = group(&paths(&[
            "a/compose.yaml",
            "a/compose.override.yaml",
            "a/docker-compose.prod.yml",
            "b/docker-compose.yml",
        ]));
        assert_eq!(
            grouped,
            [
                paths(&["a/compose.yaml", "a/compose.override.yaml"]),
                paths(&["a/docker-compose.prod.yml"]),
                paths(&["b/docker-compose.yml"]),
            ]
        );
    }

    #[test]
    fn a_lone_override_takes_its_base_from_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().join("docker-compose.yml");
        std::fs::write(&base, "services: {}\n").unwrap();
        let override_file = dir.path().join("docker-compose.override.yml");
        assert_eq!(
            group(std::slice::from_ref(&override_file)),
            [vec![base, override_file]]
        );
        let orphan = dir.path().join("compose.override.yaml");
        assert_eq!(group(std::slice::from_ref(&orphan)), [vec![orphan]]);
    }

    #[test]
    fn a_walk_goes_deep_and_skips_what_no_project_keeps() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "x/y/compose.yaml",
            "x/docker-compose.override.yml",
            ".git/compose.yaml",
            "node_modules/pkg/docker-compose.yml",
            "ignored/compose.yaml",
            "x/notes.yaml",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "services: {}\n").unwrap();
        }
        std::fs::write(dir.path().join(".gitignore"), "ignored/\n").unwrap();
        assert_eq!(
            found(dir.path(), &[]),
            ["x/docker-compose.override.yml", "x/y/compose.yaml"]
        );
    }

    /// The files a walk of `dir` with `patterns` finds, relative to `dir`.
    fn found(dir: &Path, patterns: &[&str]) -> Vec<String> {
        let patterns: Vec<FilePattern> = patterns.iter().map(|p| p.parse().unwrap()).collect();
        walk(dir, &patterns)
            .iter()
            .map(|p| p.strip_prefix(dir).unwrap().display().to_string())
            .collect()
    }

    #[test]
    fn a_name_pattern_matches_at_any_depth_and_a_path_pattern_from_the_folder() {
        let dir = tempfile::tempdir().unwrap();
        for name in [
            "app.stack.yaml",
            "deep/er/db.stack.yaml",
            "stacks/web.yml",
            "stacks/old/web.yml",
            "other/stacks/web.yml",
            "stacks/notes.txt",
            "node_modules/x.stack.yaml",
        ] {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "services: {}\n").unwrap();
        }
        assert_eq!(
            found(dir.path(), &["*.stack.yaml", "./stacks/*.yml"]),
            ["app.stack.yaml", "deep/er/db.stack.yaml", "stacks/web.yml"]
        );
        assert_eq!(
            found(dir.path(), &["**/stacks/**/*.yml"]),
            [
                "other/stacks/web.yml",
                "stacks/old/web.yml",
                "stacks/web.yml"
            ]
        );
        assert!(found(dir.path(), &[]).is_empty());
    }

    #[test]
    fn a_bad_pattern_says_what_is_wrong() {
        for bad in ["stacks/[a.yml", "", "./", "/stacks/*.yml", "{a,b.yml"] {
            assert!(bad.parse::<FilePattern>().is_err(), "{bad:?}");
        }
        let error = "[a".parse::<FilePattern>().unwrap_err();
        assert!(error.to_string().contains("character class"), "{error}");
    }
}
