//! One apply per project and daemon at a time: an advisory lock on a file in the state dir,
//! released by the kernel when the process ends, even by SIGKILL (so a dead holder's lock is
//! simply free). The holder writes who it is into the file, so a waiter can name it, and a
//! waiter gives up after its patience instead of waiting forever.

use super::{StateError, files, io};
use std::fs::{File, TryLockError};
use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Held for as long as it lives.
#[derive(Debug)]
pub struct ProjectLock {
    file: File,
}

impl Drop for ProjectLock {
    /// Forgets who held it before the kernel releases it: a later holder that does not write
    /// its name must not be named after this one.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

/// How often a waiter tries the lock again.
const RETRY: Duration = Duration::from_millis(100);

impl ProjectLock {
    /// Takes the lock; while another netctl holds it, says on stderr who and waits up to
    /// `patience`, then gives up with an error naming the holder.
    pub fn acquire(
        dir: &Path,
        project: &str,
        patience: Duration,
    ) -> Result<ProjectLock, StateError> {
        let path = dir.join("lock");
        let mut file =
            files::open_private(&path).map_err(|source| io("cannot open", &path, source))?;
        let deadline = Instant::now() + patience;
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    let holder = holder(&path);
                    if Instant::now() >= deadline {
                        return Err(StateError::LockTimeout {
                            project: project.to_owned(),
                            holder,
                            seconds: patience.as_secs_f64(),
                            path,
                        });
                    }
                    if !told {
                        eprintln!(
                            "netctl: waiting for {holder}, working on project {project} on this \
                             daemon (lock {}); giving up after {} s (--lock-timeout)",
                            path.display(),
                            patience.as_secs_f64()
                        );
                        told = true;
                    }
                    std::thread::sleep(RETRY);
                }
                Err(TryLockError::Error(source)) => return Err(io("cannot lock", &path, source)),
            }
        }
        record_holder(&mut file).map_err(|source| io("cannot write", &path, source))?;
        Ok(ProjectLock { file })
    }
}

/// One `apply --watch` per project and daemon: a second watcher would flap against the first.
/// Taken at once or refused, naming the holder; held for the whole watch.
#[derive(Debug)]
pub struct WatchLock {
    _held: ProjectLock,
}

impl WatchLock {
    pub fn acquire(dir: &Path, project: &str) -> Result<WatchLock, StateError> {
        let path = dir.join("watch");
        let mut file =
            files::open_private(&path).map_err(|source| io("cannot open", &path, source))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                return Err(StateError::AlreadyWatched {
                    project: project.to_owned(),
                    holder: holder(&path),
                });
            }
            Err(TryLockError::Error(source)) => return Err(io("cannot lock", &path, source)),
        }
        record_holder(&mut file).map_err(|source| io("cannot write", &path, source))?;
        Ok(WatchLock {
            _held: ProjectLock { file },
        })
    }
}

/// `pid=… host=… since=…` (Unix seconds): what a waiter reads to name the holder.
fn record_holder(file: &mut File) -> std::io::Result<()> {
    let host = crate::machine::name();
    file.set_len(0)?;
    writeln!(
        file,
        "pid={} host={host} since={}",
        std::process::id(),
        unix_seconds(SystemTime::now())
    )?;
    file.sync_all()
}

/// The holder as a person reads it: `netctl (pid 4242 on builder, for 12 s)`.
fn holder(path: &Path) -> String {
    let text = files::read_own(path).unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let field = |key: &str| {
        text.split_whitespace()
            .find_map(|word| word.strip_prefix(key)?.strip_prefix('='))
            .map(str::to_owned)
    };
    match (field("pid"), field("host"), field("since")) {
        (Some(pid), Some(host), Some(since)) if alive(&pid, &host) => {
            let held = since
                .parse::<u64>()
                .map(|since| unix_seconds(SystemTime::now()).saturating_sub(since))
                .unwrap_or(0);
            format!("netctl (pid {pid} on {host}, for {held} s)")
        }
        _ => "another netctl".to_owned(),
    }
}

/// A holder on this machine whose process is gone did not write the name now in the file
/// (one killed outright leaves it behind); another machine's cannot be checked from here.
fn alive(pid: &str, host: &str) -> bool {
    let here = crate::machine::name();
    host != here || Path::new("/proc").join(pid).exists()
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_times_out_naming_its_holder() {
        let dir = tempfile::tempdir().unwrap();
        let held = ProjectLock::acquire(dir.path(), "p", Duration::ZERO).unwrap();
        let error = ProjectLock::acquire(dir.path(), "p", Duration::from_millis(200))
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(&format!("pid {}", std::process::id())),
            "{error}"
        );
        assert!(error.contains("project p"), "{error}");
        assert!(error.contains("--lock-timeout"), "{error}");
        drop(held);
        assert_eq!(
            holder(&dir.path().join("lock")),
            "another netctl",
            "forgotten on release"
        );
        ProjectLock::acquire(dir.path(), "p", Duration::ZERO).expect("free once dropped");
    }

    #[test]
    fn a_second_watcher_is_refused_naming_the_first() {
        let dir = tempfile::tempdir().unwrap();
        let first = WatchLock::acquire(dir.path(), "p").unwrap();
        let second = WatchLock::acquire(dir.path(), "p").unwrap_err().to_string();
        assert!(
            second.contains(&format!("pid {}", std::process::id())),
            "{second}"
        );
        assert!(second.contains("already watches project p"), "{second}");
        drop(first);
        WatchLock::acquire(dir.path(), "p").expect("free once the first watcher ends");
    }

    #[test]
    fn a_name_left_by_a_holder_killed_outright_is_not_shown() {
        let dir = tempfile::tempdir().unwrap();
        let here = crate::machine::name();
        let path = dir.path().join("lock");
        std::fs::write(&path, format!("pid=999999999 host={here} since=1\n")).unwrap();
        assert_eq!(holder(&path), "another netctl");
        std::fs::write(
            &path,
            format!("pid={} host={here} since=1\n", std::process::id()),
        )
        .unwrap();
        assert!(
            holder(&path).starts_with(&format!("netctl (pid {} on {here}", std::process::id()))
        );
    }

    #[test]
    fn a_lock_file_left_by_a_dead_holder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("lock"), "pid=999999 host=gone since=1\n").unwrap();
        let _held = ProjectLock::acquire(dir.path(), "p", Duration::ZERO).expect("no one holds it");
        let text = std::fs::read_to_string(dir.path().join("lock")).unwrap();
        assert!(
            text.starts_with(&format!("pid={} ", std::process::id())),
            "{text}"
        );
    }
}
