//! Executes a plan through [`Networks`]: writes one at a time in the plan's order (the daemon
//! serializes network changes anyway), recreates through the journal on the daemon, and reports
//! what it did.

mod daemon;
mod reconcile;
mod recreate;
mod watch;

pub use daemon::Networks;
pub use reconcile::{
    Ask, DEFAULT_LOCK_WAIT, Destroyed, Granted, Permission, ReconcileError, Reconciled, Round,
    Source, alias_scope, destroy, owed, reconcile,
};
pub use recreate::{Unrestored, replay};
pub use watch::{MAX_DELAY, WatchError, watch};

use crate::live::DaemonError;
use crate::plan::{Action, Plan};
use crate::state::{Journal, StateError};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum ApplyError {
    #[error(transparent)]
    Docker(#[from] DaemonError),
    #[error(transparent)]
    State(#[from] StateError),
    #[error(
        "error: network {network} was recreated, but these endpoints could not be restored:\n{}\n  \
         hint: the recreate journal keeps them and the next netctl apply retries them as they \
         were (their old aliases and addresses), before it reads the file again: make room on \
         the daemon (free the address, or connect the container yourself), then run netctl \
         apply; or netctl apply --abandon-journal forgets them",
        .endpoints.iter().map(|e| format!("  - {}: {}", e.container, e.reason)).collect::<Vec<_>>().join("\n")
    )]
    Unrestored {
        network: String,
        endpoints: Vec<Unrestored>,
    },
    #[error(
        "error: the recreate journal for {network} names what this project does not own ({why}), \
         so netctl touched nothing\n  hint: `docker ps -a --filter label=io.netctl.role=journal` \
         lists the journal markers; if it is not yours, netctl apply --abandon-journal forgets it"
    )]
    ForeignJournal { network: String, why: String },
}

/// What an apply did, in order: the JSON of `apply -o json`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub done: Vec<Done>,
    /// Journals of interrupted recreates replayed before planning.
    pub replayed: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Done {
    pub action: &'static str,
    pub network: Option<String>,
    pub container: Option<String>,
}

/// Hears each write as it happens: a progress bar, lines in CI, or nothing.
pub trait Progress {
    fn begin(&mut self, writes: usize);
    fn start(&mut self, action: &Action);
    fn finish(&mut self, action: &Action);
    fn end(&mut self);
}

/// Progress nobody watches.
pub struct Silent;

impl Progress for Silent {
    fn begin(&mut self, _: usize) {}
    fn start(&mut self, _: &Action) {}
    fn finish(&mut self, _: &Action) {}
    fn end(&mut self) {}
}

/// Applies every write of `plan`; the caller has already refused blocked plans.
pub async fn run(
    plan: &Plan,
    docker: &impl Networks,
    journal: &Journal<'_>,
    progress: &mut impl Progress,
) -> Result<Report, ApplyError> {
    let mut report = Report::default();
    for action in plan.writes() {
        progress.start(action);
        execute(action, docker, journal).await?;
        progress.finish(action);
        report.done.push(Done {
            action: action.kind(),
            network: action.network().map(str::to_owned),
            container: action.container().map(str::to_owned),
        });
    }
    Ok(report)
}

async fn execute(
    action: &Action,
    docker: &impl Networks,
    journal: &Journal<'_>,
) -> Result<(), ApplyError> {
    match action {
        Action::CreateNetwork { spec, .. } => {
            docker.create_network(spec).await?;
        }
        Action::RecreateNetwork {
            id,
            spec,
            endpoints,
            ..
        } => recreate::run(id, spec, endpoints, docker, journal).await?,
        Action::RemoveNetwork { id, .. } => done_unless_gone(docker.remove_network(id).await)?,
        Action::Connect {
            network,
            container,
            endpoint,
        } => docker.connect(network, container, endpoint).await?,
        Action::Reconnect {
            network,
            container,
            to,
            ..
        } => {
            done_unless_gone(docker.disconnect(network, container).await)?;
            docker.connect(network, container, to).await?;
        }
        Action::Disconnect {
            network, container, ..
        } => done_unless_gone(docker.disconnect(network, container).await)?,
        Action::Blocked { .. } | Action::Pending { .. } | Action::Drift { .. } => {}
    }
    Ok(())
}

/// A disconnect or remove whose work someone (an interrupted run, a person) already did.
pub(super) fn done_unless_gone(result: Result<(), DaemonError>) -> Result<(), DaemonError> {
    match result {
        Err(error) if error.already_gone() => Ok(()),
        other => other,
    }
}
