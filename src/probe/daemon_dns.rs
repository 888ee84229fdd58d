//! The Docker daemon's DNS server as a shared resource: how many questions it may be working
//! on at once, so that isolation checks never exhaust the daemon's own open files.
//!
//! The embedded resolver (127.0.0.11) answers the names it knows at once. Every other name,
//! which is every name an isolation check asks, it forwards to the host's resolver from inside
//! the container's namespace, holding a socket for up to 4 s per question whether or not
//! anyone still waits (libnetwork's `extIOTimeout`; on an internal network no answer ever
//! comes). Measured on Docker 20.10 with an open-file limit of 20,000: 9,000 such questions
//! at once took the daemon to 9,600 open files; four times as many (a resend every 250 ms)
//! exhausted them ("[resolver] connect failed: ... too many open files"), which fails every
//! forwarded lookup of every container while it lasts.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::path::Path;
use std::sync::{Mutex, OnceLock, PoisonError};
use std::time::Duration;
use tokio::time::Instant;

/// How long the daemon may hold a question nobody answered.
pub const HOLD: Duration = Duration::from_secs(4);
/// Questions at once when the daemon's open-file limit cannot be read (a remote daemon, or a
/// sidecar): safe for a daemon with 8,192 files or more.
const UNKNOWN_DAEMON: usize = 4096;
/// At least this many whatever the daemon's limit says, or nothing could run.
const FLOOR: usize = 64;
/// Where dockerd writes its process id by default.
const DOCKER_PID_FILE: &str = "/var/run/docker.pid";
/// How often a question waiting for room looks again; answers free room at any moment.
const RECHECK: Duration = Duration::from_millis(10);

/// Questions in the daemon's hands: those still waiting for an answer, and those nobody
/// answered, each until [`HOLD`] after it was asked.
#[derive(Debug)]
pub struct DaemonDns {
    cap: usize,
    held: Mutex<Held>,
}

#[derive(Debug, Default)]
struct Held {
    waiting: usize,
    unanswered: BinaryHeap<Reverse<Instant>>,
}

/// One question asked; dropping it without [`Question::answered`] leaves it in the daemon's
/// hands for [`HOLD`].
#[derive(Debug)]
pub struct Question<'a> {
    window: &'a DaemonDns,
    answered: bool,
}

impl Question<'_> {
    /// The daemon answered: it holds nothing for this question any more.
    pub fn answered(mut self) {
        self.answered = true;
    }
}

impl Drop for Question<'_> {
    fn drop(&mut self) {
        let mut held = self.window.lock();
        held.waiting = held.waiting.saturating_sub(1);
        if !self.answered {
            held.unanswered.push(Reverse(Instant::now() + HOLD));
        }
    }
}

impl DaemonDns {
    pub fn new(cap: usize) -> DaemonDns {
        DaemonDns {
            cap: cap.max(1),
            held: Mutex::new(Held::default()),
        }
    }

    /// One window for the whole process: the daemon is one, whichever run or pass asks.
    pub fn shared() -> &'static DaemonDns {
        static SHARED: OnceLock<DaemonDns> = OnceLock::new();
        SHARED.get_or_init(|| DaemonDns::new(cap_for(Path::new(DOCKER_PID_FILE))))
    }

    /// Waits until the daemon has room for one more question.
    pub async fn ask(&self) -> Question<'_> {
        loop {
            let now = Instant::now();
            match self.try_ask(now) {
                Ok(()) => {
                    return Question {
                        window: self,
                        answered: false,
                    };
                }
                Err(freed) => tokio::time::sleep_until(freed.min(now + RECHECK)).await,
            }
        }
    }

    /// Takes room now, or says when some will surely be free.
    fn try_ask(&self, now: Instant) -> Result<(), Instant> {
        let mut held = self.lock();
        while held
            .unanswered
            .peek()
            .is_some_and(|Reverse(until)| *until <= now)
        {
            held.unanswered.pop();
        }
        if held.waiting + held.unanswered.len() < self.cap {
            held.waiting += 1;
            return Ok(());
        }
        Err(held
            .unanswered
            .peek()
            .map_or(now + RECHECK, |Reverse(until)| *until))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Half the files the daemon has free, when this host runs it and says so; the other half
/// stays for everything else the daemon does meanwhile.
fn cap_for(pid_file: &Path) -> usize {
    daemon_files_free(pid_file).map_or(UNKNOWN_DAEMON, |free| (free / 2).max(FLOOR))
}

fn daemon_files_free(pid_file: &Path) -> Option<usize> {
    let pid = std::fs::read_to_string(pid_file).ok()?;
    let proc = Path::new("/proc").join(pid.trim());
    let limits = std::fs::read_to_string(proc.join("limits")).ok()?;
    let open = std::fs::read_dir(proc.join("fd")).ok()?.count();
    soft_open_files(&limits)?.checked_sub(open)
}

/// The soft "Max open files" of a `/proc/PID/limits` text; `unlimited` counts as plenty.
fn soft_open_files(limits: &str) -> Option<usize> {
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    let soft = line
        .trim_start_matches("Max open files")
        .split_whitespace()
        .next()?;
    match soft {
        "unlimited" => Some(usize::MAX / 2),
        number => number.parse().ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_daemons_soft_limit_is_read_from_proc() {
        let limits = "Limit                     Soft Limit           Hard Limit           Units     \n\
                      Max cpu time              unlimited            unlimited            seconds   \n\
                      Max open files            20000                40000                files     \n";
        assert_eq!(soft_open_files(limits), Some(20_000));
        assert_eq!(
            soft_open_files("Max open files unlimited unlimited files"),
            Some(usize::MAX / 2)
        );
        assert_eq!(soft_open_files("Max processes 10 10 processes"), None);
    }

    #[test]
    fn without_a_daemon_to_read_the_window_is_conservative() {
        let missing = Path::new("/nonexistent/docker.pid");
        assert_eq!(cap_for(missing), UNKNOWN_DAEMON);
        let dir = tempfile::tempdir().unwrap();
        let ours = dir.path().join("docker.pid");
        std::fs::write(&ours, format!("{}\n", std::process::id())).unwrap();
        let cap = cap_for(&ours);
        assert!(cap >= FLOOR, "{cap}");
    }

    #[tokio::test(start_paused = true)]
    async fn answered_questions_free_their_room_at_once_and_silent_ones_after_the_hold() {
        let window = DaemonDns::new(2);
        let first = window.ask().await;
        let second = window.ask().await;
        let start = Instant::now();
        assert!(window.try_ask(start).is_err(), "full");
        first.answered();
        let third = window.ask().await;
        assert!(Instant::now() - start <= RECHECK);
        drop(second);
        drop(third);
        let asked = Instant::now();
        assert_eq!(window.try_ask(asked), Err(asked + HOLD), "both still held");
        let fourth = window.ask().await;
        assert!(
            Instant::now() >= asked + HOLD,
            "waited for the daemon to let go"
        );
        fourth.answered();
    }
}
