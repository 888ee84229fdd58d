//! netctl's own state for a project on a daemon: the apply lock, the watch lock and the
//! recreate journal. They live on the daemon itself, as markers (never-started containers),
//! so that every netctl using the daemon sees them, whatever machine, user or folder it runs
//! from. `files` is how netctl writes its files to disk (`plan --out`).

pub mod files;
mod holder;
mod journal;
mod lock;
mod markers;

pub use holder::Holder;
pub use journal::{Journal, JournalEndpoint, JournalEntry};
pub use lock::Held;
pub use markers::{MarkerSpec, Markers};

use crate::live::DaemonError;
use std::sync::{Arc, Mutex, PoisonError};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error(transparent)]
    Daemon(#[from] DaemonError),
    #[error(
        "error: {holder} still holds the lock of project {project} on this daemon after {seconds} s \
         (lock marker {marker})\n  hint: wait for it to finish, or give it longer with \
         --lock-timeout; if that netctl is gone for good (its machine died), `docker rm {marker}` \
         frees the lock"
    )]
    LockTimeout {
        project: String,
        holder: String,
        seconds: f64,
        marker: String,
    },
    #[error(
        "error: {holder} already watches project {project} on this daemon (marker {marker})\n  \
         hint: two watchers would undo each other's rounds; stop that one first, or apply \
         without --watch"
    )]
    AlreadyWatched {
        project: String,
        holder: String,
        marker: String,
    },
    #[error(
        "error: a container named {name} exists that netctl did not make, so netctl cannot \
         lock the project with it\n  hint: rename or remove that container"
    )]
    NameTaken { name: String },
    #[error(
        "error: the recreate journal {marker} on the daemon is unreadable ({detail})\n  hint: \
         `docker inspect {marker}` shows it; repair the network by hand, then `docker rm` it"
    )]
    BadJournal { marker: String, detail: String },
}

/// Where a project's lock and journal are kept: markers made from `image` (the agent image,
/// which netctl can always make; a marker never runs), held by `holder`. It remembers the
/// locks it holds, so that they can be given back after an interruption.
#[derive(Debug, Clone)]
pub struct Ledger {
    image: String,
    holder: Holder,
    held: Arc<Mutex<Vec<Held>>>,
}

impl Ledger {
    /// Markers from `image`, held by this process.
    pub fn new(image: impl Into<String>) -> Ledger {
        Ledger::held_by(image, Holder::this_process())
    }

    /// Markers from `image`, held by `holder`: how a test plays several netctl processes.
    pub fn held_by(image: impl Into<String>, holder: Holder) -> Ledger {
        Ledger {
            image: image.into(),
            holder,
            held: Arc::default(),
        }
    }

    fn remember(&self, held: Held) {
        self.held_lock().push(held);
    }

    fn forget(&self, id: &str) {
        self.held_lock().retain(|h| h.id != id);
    }

    fn take_held(&self) -> Vec<Held> {
        std::mem::take(&mut *self.held_lock())
    }

    fn held_lock(&self) -> std::sync::MutexGuard<'_, Vec<Held>> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
