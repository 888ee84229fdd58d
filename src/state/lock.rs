//! One apply per project and daemon at a time: an advisory lock on a file in the state dir,
//! released by the kernel when the process ends, even by SIGKILL.

use super::{StateError, files, io};
use std::fs::{File, TryLockError};
use std::path::Path;

/// Held for as long as it lives.
#[derive(Debug)]
pub struct ProjectLock {
    _file: File,
}

impl ProjectLock {
    /// Takes the lock, saying on stderr why it waits when another netctl holds it.
    pub fn acquire(dir: &Path, project: &str) -> Result<ProjectLock, StateError> {
        let path = dir.join("lock");
        let file = files::open_private(&path).map_err(|source| io("cannot open", &path, source))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                eprintln!(
                    "netctl: waiting for another netctl working on project {project} on this \
                     daemon (lock {})",
                    path.display()
                );
                file.lock()
                    .map_err(|source| io("cannot lock", &path, source))?;
            }
            Err(TryLockError::Error(source)) => return Err(io("cannot lock", &path, source)),
        }
        Ok(ProjectLock { _file: file })
    }
}
