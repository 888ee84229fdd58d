//! netctl's own state on disk, per daemon and project: the apply lock and the recreate
//! journal. The directory is `NETCTL_STATE_DIR`, else `$XDG_STATE_HOME/netctl`, else
//! `~/.local/state/netctl`.

pub mod files;
mod journal;
mod lock;

pub use journal::{Journal, JournalEndpoint, JournalEntry};
pub use lock::{ProjectLock, WatchLock};

use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("error: cannot find a state directory: set NETCTL_STATE_DIR or HOME")]
    NoHome,
    #[error("error: {action} {path}: {source}")]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "error: {holder} still holds the lock of project {project} on this daemon after {seconds} s \
         ({path})\n  hint: wait for it to finish, or give it longer with --lock-timeout"
    )]
    LockTimeout {
        project: String,
        holder: String,
        seconds: f64,
        path: PathBuf,
    },
    #[error(
        "error: {holder} already watches project {project} on this daemon\n  hint: two watchers \
         would undo each other's rounds; stop that one first, or apply without --watch"
    )]
    AlreadyWatched { project: String, holder: String },
    #[error(
        "error: the journal {path} is unreadable ({detail}); inspect it, repair by hand, then delete it"
    )]
    BadJournal { path: PathBuf, detail: String },
}

/// The folder for one project on one daemon, created on first use, private to its owner.
pub fn project_dir(daemon_id: &str, project: &str) -> Result<PathBuf, StateError> {
    let dir = base_dir()?.join(safe(daemon_id)).join(safe(project));
    files::create_private_dir(&dir).map_err(|source| io("cannot create", &dir, source))?;
    Ok(dir)
}

fn base_dir() -> Result<PathBuf, StateError> {
    let from_env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty());
    if let Some(dir) = from_env("NETCTL_STATE_DIR") {
        return Ok(PathBuf::from(dir));
    }
    if let Some(dir) = from_env("XDG_STATE_HOME") {
        return Ok(PathBuf::from(dir).join("netctl"));
    }
    from_env("HOME")
        .map(|home| PathBuf::from(home).join(".local/state/netctl"))
        .ok_or(StateError::NoHome)
}

/// Daemon ids hold `:`; project names are already tame, but a path must never escape.
fn safe(part: &str) -> String {
    part.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches('.')
        .to_owned()
}

fn io(action: &'static str, path: &Path, source: std::io::Error) -> StateError {
    StateError::Io {
        action,
        path: path.to_path_buf(),
        source,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn path_parts_cannot_escape() {
        assert_eq!(super::safe("../etc"), "_etc");
        assert_eq!(super::safe("ABCD:EFGH"), "ABCD_EFGH");
    }
}
