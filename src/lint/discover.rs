//! Which compose files a lint run reads, and how they group into projects, as Compose groups
//! them: a directory is walked to any depth (skipping `.git`, `node_modules` and what
//! `.gitignore` excludes) for `compose*.y(a)ml` and `docker-compose*.y(a)ml`; an override
//! file (`*.override.y(a)ml`) is merged over its base file of the same folder and name, also
//! when only the override is named (a pre-commit hook passes just the file that changed).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Folders no project keeps compose files of its own in.
const SKIPPED_FOLDERS: [&str; 2] = [".git", "node_modules"];

/// Every compose file under `dir`, in path order.
pub fn walk(dir: &Path) -> Vec<PathBuf> {
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
        .filter(|path| is_compose_name(path))
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
        let found: Vec<String> = walk(dir.path())
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
            .collect();
        assert_eq!(found, ["x/docker-compose.override.yml", "x/y/compose.yaml"]);
    }
}
