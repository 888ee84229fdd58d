//! One apply per project and daemon at a time, and one watcher: a lock marker named after the
//! project (`netctl-lock-<project>`, `netctl-watch-<project>`), whose creation is the taking
//! and whose removal the release. Every netctl on the daemon sees it, from any machine or
//! state folder. The holder is in its label, so a waiter names it, gives up after its patience
//! instead of waiting forever, and takes over a lock whose holder died on this machine.

use super::holder::Holder;
use super::markers::{MarkerSpec, Markers, is_marker, marker_name};
use super::{Ledger, StateError};
use crate::live::labels;
use std::time::Duration;
use tokio::time::Instant;

/// How often a waiter looks again: two calls each time, so not too often.
const RETRY: Duration = Duration::from_millis(200);

/// A marker this process holds; give it back with [`Ledger::release`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held {
    pub id: String,
    pub name: String,
}

/// Which lock: the apply lock waits its turn, the watch lock is refused at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Apply,
    Watch,
}

impl Ledger {
    /// Takes the project's apply lock; while another netctl holds it, says on stderr who and
    /// waits up to `patience`, then gives up with an error naming the holder.
    pub async fn lock(
        &self,
        daemon: &impl Markers,
        project: &str,
        patience: Duration,
    ) -> Result<Held, StateError> {
        self.take(daemon, project, Kind::Apply, patience).await
    }

    /// Takes the project's watch lock, or refuses at once naming the watcher: two watchers
    /// would undo each other's rounds.
    pub async fn watch(&self, daemon: &impl Markers, project: &str) -> Result<Held, StateError> {
        self.take(daemon, project, Kind::Watch, Duration::ZERO)
            .await
    }

    /// Gives the marker back. A failure is told, not returned: the work is done, and the next
    /// netctl on this machine takes over a dead holder's lock.
    pub async fn release(&self, daemon: &impl Markers, held: Held) {
        self.forget(&held.id);
        if let Err(error) = daemon.remove_marker(&held.id).await {
            eprintln!(
                "netctl: could not remove the lock marker {} ({error}); once this netctl has \
                 ended, `docker rm {}` frees it",
                held.name, held.name
            );
        }
    }

    /// Runs `work` while `held` is held, then gives it back, whatever `work` returned.
    pub async fn holding<T>(
        &self,
        daemon: &impl Markers,
        held: Held,
        work: impl Future<Output = T>,
    ) -> T {
        let result = work.await;
        self.release(daemon, held).await;
        result
    }

    /// Gives back every lock this process still holds: after Ctrl-C stopped the work that
    /// would have released them.
    pub async fn release_all(&self, daemon: &impl Markers) {
        for held in self.take_held() {
            self.release(daemon, held).await;
        }
    }

    async fn take(
        &self,
        daemon: &impl Markers,
        project: &str,
        kind: Kind,
        patience: Duration,
    ) -> Result<Held, StateError> {
        let (role, word) = match kind {
            Kind::Apply => (labels::LOCK_ROLE, "lock"),
            Kind::Watch => (labels::WATCH_ROLE, "watch"),
        };
        let name = marker_name(&[word, project]);
        let spec = MarkerSpec::new(
            name.clone(),
            &self.image,
            role,
            project,
            [(labels::HOLDER, self.holder.label())],
        );
        let deadline = Instant::now() + patience;
        let mut told = false;
        loop {
            if let Some(id) = daemon.create_marker(&spec).await? {
                let held = Held { id, name };
                self.remember(held.clone());
                return Ok(held);
            }
            let holder = match daemon.inspect_container(&name).await? {
                // Released between the two calls: wait as for any holder, then try again.
                None => "another netctl".to_owned(),
                Some(marker) => {
                    if !is_marker(&marker, role, project) {
                        return Err(StateError::NameTaken { name });
                    }
                    let holder = marker
                        .labels
                        .get(labels::HOLDER)
                        .and_then(|label| Holder::parse(label));
                    if let Some(gone) = holder.as_ref().filter(|h| h.is_gone()) {
                        eprintln!(
                            "netctl: taking over {name}, left by {} which has ended",
                            gone.describe()
                        );
                        take_over(daemon, &marker.id).await?;
                        continue;
                    }
                    holder.map_or_else(|| "another netctl".to_owned(), |h| h.describe())
                }
            };
            if kind == Kind::Watch {
                return Err(StateError::AlreadyWatched {
                    project: project.to_owned(),
                    holder,
                    marker: name,
                });
            }
            if Instant::now() >= deadline {
                return Err(StateError::LockTimeout {
                    project: project.to_owned(),
                    holder,
                    seconds: patience.as_secs_f64(),
                    marker: name,
                });
            }
            if !std::mem::replace(&mut told, true) {
                eprintln!(
                    "netctl: waiting for {holder}, working on project {project} on this daemon \
                     (lock marker {name}); giving up after {} s (--lock-timeout)",
                    patience.as_secs_f64()
                );
            }
            tokio::time::sleep(RETRY.min(deadline.saturating_duration_since(Instant::now()))).await;
        }
    }
}

/// Removes a dead holder's marker by id: a lock someone else took over meanwhile has another
/// id and stays.
async fn take_over(daemon: &impl Markers, id: &str) -> Result<(), StateError> {
    match daemon.remove_marker(id).await {
        Err(error) if !error.already_gone() => Err(error.into()),
        _ => Ok(()),
    }
}
