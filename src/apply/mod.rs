//! Executes a plan through [`Networks`]: writes one at a time in the plan's order (the daemon
//! serializes network changes anyway), recreates through the on-disk journal, and reports
//! what it did.

mod daemon;
mod progress;
mod recreate;

pub use daemon::Networks;
pub use progress::{Progress, ProgressMode};
pub use recreate::replay;

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

/// Applies every write of `plan`; the caller has already refused blocked plans.
pub async fn run(
    plan: &Plan,
    docker: &impl Networks,
    journal: &Journal,
    progress: &mut Progress,
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
    journal: &Journal,
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
        Action::RemoveNetwork { id, .. } => docker.remove_network(id).await?,
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
            docker.disconnect(network, container).await?;
            docker.connect(network, container, to).await?;
        }
        Action::Disconnect {
            network, container, ..
        } => docker.disconnect(network, container).await?,
        Action::Blocked { .. } | Action::Pending { .. } | Action::Drift { .. } => {}
    }
    Ok(())
}
