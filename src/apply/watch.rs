//! `apply --watch`: after the first apply, follow the daemon's events and reconcile again
//! whenever a container starts or a membership changes, until the caller stops it (Ctrl-C in
//! the CLI). A refused round is handed to the caller and the watch goes on.

use super::reconcile::{Ask, Permission, ReconcileError, Reconciled, Round, Source, reconcile};
use super::{Networks, Progress};
use crate::live::{DaemonError, DaemonEvent};
use crate::plan::Plan;
use futures_util::{Stream, StreamExt};
use std::path::Path;
use std::pin::pin;
use std::time::Duration;

/// Compose recreates containers in bursts of events; one round after the burst is enough.
const QUIET_PERIOD: Duration = Duration::from_millis(250);

/// A watch round never asks: what needs a person waits for the next `apply`.
struct NeverAsk;

impl Ask for NeverAsk {
    async fn confirm(&self, _: &Plan, _: &'static str) -> Result<bool, ReconcileError> {
        Ok(false)
    }
}

/// Runs rounds until the event stream ends or fails; `each` hears every round's result.
pub async fn watch(
    daemon: &impl Networks,
    dir: &Path,
    source: &Source,
    permission: Permission,
    progress: &mut impl Progress,
    each: &mut impl FnMut(Result<Reconciled, ReconcileError>),
) -> Result<(), DaemonError> {
    let mut events = pin!(daemon.events());
    loop {
        next_event(events.next().await)?;
        settle(&mut events).await?;
        let round = reconcile(
            daemon,
            dir,
            source,
            permission,
            Round::Watch,
            &NeverAsk,
            progress,
        );
        each(round.await);
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

/// Waits until the daemon has been quiet for `QUIET_PERIOD`.
async fn settle(
    events: &mut (impl Stream<Item = Result<DaemonEvent, DaemonError>> + Unpin),
) -> Result<(), DaemonError> {
    while let Ok(event) = tokio::time::timeout(QUIET_PERIOD, events.next()).await {
        next_event(event)?;
    }
    Ok(())
}
