//! `apply --watch`: the first apply, then a round whenever a container of the topology starts
//! or one of its memberships changes, until the caller stops it (Ctrl-C in the CLI). The event
//! stream is read from before the first apply, so nothing that happens during it is missed; a
//! burst of events leads to one round, but a stream that never goes quiet still gets one at
//! least every `MAX_DELAY`; one watcher per project and daemon, a second is refused.

use super::reconcile::{Ask, Permission, ReconcileError, Reconciled, Round, Source, reconcile};
use super::{Networks, Progress};
use crate::live::{DaemonError, DaemonEvent};
use crate::plan::Plan;
use crate::state::{Ledger, StateError};
use futures_util::{Stream, StreamExt};
use std::collections::BTreeSet;
use std::pin::pin;
use std::time::Duration;
use tokio::time::Instant;

/// Compose recreates containers in bursts of events; one round after the burst is enough.
const QUIET_PERIOD: Duration = Duration::from_millis(250);
/// A daemon that never goes quiet (a container restarting every second) still gets a round
/// this often.
pub const MAX_DELAY: Duration = Duration::from_secs(5);

/// A watch round never asks: what needs a person waits for the next `apply`.
struct NeverAsk;

impl Ask for NeverAsk {
    async fn confirm(&self, _: &Plan, _: &'static str) -> Result<bool, ReconcileError> {
        Ok(false)
    }
}

/// Why a watch ended.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The first apply failed or was refused: nothing is watched.
    #[error(transparent)]
    FirstRound(ReconcileError),
    #[error(transparent)]
    Events(#[from] DaemonError),
    #[error(transparent)]
    State(#[from] StateError),
}

/// Applies `source` once (asking through `ask`), then runs a round on every relevant event
/// until the stream ends or fails. `each` hears every round's result, the first one's too
/// when it succeeded.
pub async fn watch(
    daemon: &impl Networks,
    ledger: &Ledger,
    source: &Source,
    permission: Permission,
    ask: &impl Ask,
    progress: &mut impl Progress,
    each: &mut impl FnMut(Result<Reconciled, ReconcileError>),
) -> Result<(), WatchError> {
    let watching = ledger.watch(daemon, source.project()).await?;
    let rounds = rounds(daemon, ledger, source, permission, ask, progress, each);
    ledger.holding(daemon, watching, rounds).await
}

/// The first round, then one per relevant event, with the watch lock held.
async fn rounds(
    daemon: &impl Networks,
    ledger: &Ledger,
    source: &Source,
    permission: Permission,
    ask: &impl Ask,
    progress: &mut impl Progress,
    each: &mut impl FnMut(Result<Reconciled, ReconcileError>),
) -> Result<(), WatchError> {
    let watched = Watched::of(source);
    let mut events = pin!(daemon.events());
    let first = reconcile(
        daemon,
        ledger,
        source,
        permission,
        Round::First,
        ask,
        progress,
    );
    let (first, mut pending) = alongside(first, &mut events, &watched).await?;
    each(Ok(first.map_err(WatchError::FirstRound)?));
    loop {
        if !pending {
            next_relevant(&mut events, &watched).await?;
        }
        settle(&mut events).await?;
        pending = false;
        let round = reconcile(
            daemon,
            ledger,
            source,
            permission,
            Round::Watch,
            &NeverAsk,
            progress,
        );
        each(round.await);
    }
}

/// Runs `first` while reading the stream, so that the subscription is made at once and what
/// happens meanwhile is kept: returns its result and whether a relevant event came.
async fn alongside<T>(
    first: impl Future<Output = T>,
    events: &mut (impl Stream<Item = Result<DaemonEvent, DaemonError>> + Unpin),
    watched: &Watched,
) -> Result<(T, bool), DaemonError> {
    let mut first = pin!(first);
    let mut seen = false;
    loop {
        // The stream first: its first poll is the subscription, and it must come before the
        // first apply's first write (which may finish without ever yielding).
        tokio::select! {
            biased;
            event = events.next() => seen |= watched.concerns(&next_event(event)?),
            result = &mut first => return Ok((result, seen)),
        }
    }
}

async fn next_relevant(
    events: &mut (impl Stream<Item = Result<DaemonEvent, DaemonError>> + Unpin),
    watched: &Watched,
) -> Result<(), DaemonError> {
    loop {
        if watched.concerns(&next_event(events.next().await)?) {
            return Ok(());
        }
    }
}

fn next_event(event: Option<Result<DaemonEvent, DaemonError>>) -> Result<DaemonEvent, DaemonError> {
    event.unwrap_or_else(|| {
        Err(DaemonError::Transport {
            call: "following the daemon's events".to_owned(),
            detail: "the daemon closed its event stream".to_owned(),
        })
    })
}

/// Waits until the daemon has been quiet for `QUIET_PERIOD`, or `MAX_DELAY` has passed.
async fn settle(
    events: &mut (impl Stream<Item = Result<DaemonEvent, DaemonError>> + Unpin),
) -> Result<(), DaemonError> {
    let deadline = Instant::now() + MAX_DELAY;
    loop {
        let quiet = (Instant::now() + QUIET_PERIOD).min(deadline);
        match tokio::time::timeout_at(quiet, events.next()).await {
            Ok(event) => {
                next_event(event)?;
                if Instant::now() >= deadline {
                    return Ok(());
                }
            }
            Err(_) => return Ok(()),
        }
    }
}

/// The names whose events can change what this watch keeps: the file's networks and
/// containers (a saved plan's). With `--prune` every network change counts, since a
/// membership anywhere else is then the watch's to remove.
struct Watched {
    networks: BTreeSet<String>,
    containers: BTreeSet<String>,
    every_network: bool,
}

impl Watched {
    fn of(source: &Source) -> Watched {
        match source {
            Source::Topology { topology, options } => Watched {
                networks: topology
                    .networks
                    .iter()
                    .map(|n| n.settings.name.clone())
                    .collect(),
                containers: topology
                    .services
                    .iter()
                    .map(|s| s.container.clone())
                    .collect(),
                every_network: options.prune,
            },
            Source::Saved(plan) => Watched {
                networks: plan
                    .actions
                    .iter()
                    .filter_map(|a| a.network().map(str::to_owned))
                    .collect(),
                containers: plan
                    .actions
                    .iter()
                    .filter_map(|a| a.container().map(str::to_owned))
                    .collect(),
                every_network: false,
            },
        }
    }

    /// An event without a name (an older daemon, a test) counts: better a round too many.
    fn concerns(&self, event: &DaemonEvent) -> bool {
        if event.name.is_empty() {
            return true;
        }
        match event.kind.as_str() {
            "network" => self.every_network || self.networks.contains(&event.name),
            "container" => self.containers.contains(&event.name),
            _ => true,
        }
    }
}
