//! The whole of one apply, as a library call: take the project lock, replay any interrupted
//! recreate, observe, plan (or check that a saved plan still holds), refuse what was not
//! allowed, execute, and observe again to insist that only pending items and drift remain.
//! Commands only say what was asked and render what came back.

use super::{ApplyError, Networks, Progress, Report};
use crate::live::{AliasScope, DaemonError, observe};
use crate::plan::{self, LeftNetwork, Owed, Plan};
use crate::state::{Journal, Ledger, StateError};
use crate::topology::Topology;
use std::time::Duration;

/// What is applied: a topology as planned now, or a plan read back from a file.
#[derive(Debug, Clone)]
pub enum Source {
    Topology {
        topology: Topology,
        options: plan::Options,
    },
    Saved(Plan),
}

impl Source {
    /// The project it applies: the file's, or the one the plan was saved for.
    pub fn project(&self) -> &str {
        match self {
            Source::Topology { topology, .. } => &topology.project,
            Source::Saved(plan) => &plan.project,
        }
    }
}

/// What the person allowed.
#[derive(Debug, Clone, Copy)]
pub struct Permission {
    /// Recreate networks whose settings changed.
    pub recreate: bool,
    /// Recreate or remove without asking.
    pub yes: bool,
    /// Plan and stop: nothing is written, an interrupted recreate is shown, not replayed.
    pub dry_run: bool,
    /// Forget the journal of interrupted recreates (after a confirmation unless `yes`)
    /// instead of finishing it.
    pub abandon_journal: bool,
    /// How long to wait for another netctl's lock on the project before giving up.
    pub lock_wait: Duration,
}

/// `--lock-timeout`'s default: long enough for another apply to finish, short enough that a
/// stuck CI job says so.
pub const DEFAULT_LOCK_WAIT: Duration = Duration::from_secs(60);

impl Default for Permission {
    fn default() -> Permission {
        Permission {
            recreate: false,
            yes: false,
            dry_run: false,
            abandon_journal: false,
            lock_wait: DEFAULT_LOCK_WAIT,
        }
    }
}

/// A first apply may ask; a watch round never asks and has nothing to report when nothing
/// changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Round {
    First,
    Watch,
}

/// How a plan that recreates or removes is confirmed: a terminal prompt in the CLI.
#[allow(async_fn_in_trait)]
pub trait Ask {
    /// `Ok(true)` to go ahead; `Ok(false)` when the person said no. `what` completes "the
    /// plan …" (`recreates or removes something`).
    async fn confirm(&self, plan: &Plan, what: &'static str) -> Result<bool, ReconcileError>;
}

/// An answer given in advance: the demo, which only creates what it removes again, and
/// callers that hold the person's yes already.
pub struct Granted;

impl Ask for Granted {
    async fn confirm(&self, _: &Plan, _: &'static str) -> Result<bool, ReconcileError> {
        Ok(true)
    }
}

#[derive(Debug)]
pub enum Reconciled {
    /// `--dry-run`: the plan, nothing written.
    Planned(Plan),
    /// Applied; `after` is the re-plan (pending items and drift only).
    Applied { report: Report, after: Plan },
    /// A watch round that found nothing to do.
    Unchanged,
}

#[derive(Debug, thiserror::Error)]
pub enum ReconcileError {
    #[error("error: apply stopped before any change: the plan is blocked (see above)")]
    Blocked(Box<Plan>),
    #[error(
        "error: the plan recreates a network (see above): every endpoint is restored, but each \
         container loses that network briefly; rerun with --allow-recreate"
    )]
    RecreateNotAllowed(Box<Plan>),
    #[error("error: --watch recreates or removes only with --yes; skipped")]
    WatchNeedsYes(Box<Plan>),
    #[error("error: the plan {what} and there is no terminal to ask: rerun with --yes")]
    NoOneToAsk { what: &'static str, plan: Box<Plan> },
    #[error("cancelled: nothing was changed")]
    Cancelled,
    #[error(
        "error: the daemon changed since this plan was saved, so nothing was changed; run \
         netctl plan again:\n{}",
        .0.iter().map(|why| format!("  - {why}")).collect::<Vec<_>>().join("\n")
    )]
    Stale(Vec<String>),
    #[error(
        "error: apply finished but the daemon still differs from the file (the re-plan is above)"
    )]
    NotConverged(Box<Plan>),
    #[error(
        "error: the saved plan ran but the daemon does not show all of it:\n{}",
        .0.iter().map(|why| format!("  - {why}")).collect::<Vec<_>>().join("\n")
    )]
    Unfinished(Vec<String>),
    #[error(transparent)]
    Daemon(#[from] DaemonError),
    #[error(transparent)]
    State(#[from] StateError),
    #[error(transparent)]
    Apply(#[from] ApplyError),
}

impl ReconcileError {
    /// The plan a refusal is about, for the caller to show before the error.
    pub fn plan(&self) -> Option<&Plan> {
        match self {
            ReconcileError::Blocked(plan)
            | ReconcileError::RecreateNotAllowed(plan)
            | ReconcileError::WatchNeedsYes(plan)
            | ReconcileError::NoOneToAsk { plan, .. }
            | ReconcileError::NotConverged(plan) => Some(plan),
            _ => None,
        }
    }
}

/// One apply of `source` under the project's lock on the daemon, kept in `ledger`.
pub async fn reconcile(
    daemon: &impl Networks,
    ledger: &Ledger,
    source: &Source,
    permission: Permission,
    round: Round,
    ask: &impl Ask,
    progress: &mut impl Progress,
) -> Result<Reconciled, ReconcileError> {
    let journal = ledger.journal(source.project());
    if permission.dry_run {
        // Reads only: no lock is taken, so a dry run writes nothing, not even a marker.
        let mut plan = current_plan(daemon, source).await?;
        plan.journal = owed(daemon, &journal).await?;
        return Ok(Reconciled::Planned(plan));
    }
    let held = ledger
        .lock(daemon, source.project(), permission.lock_wait)
        .await?;
    let work = locked(daemon, &journal, source, permission, round, ask, progress);
    ledger.holding(daemon, held, work).await
}

/// The apply itself, with the lock held.
async fn locked(
    daemon: &impl Networks,
    journal: &Journal<'_>,
    source: &Source,
    permission: Permission,
    round: Round,
    ask: &impl Ask,
    progress: &mut impl Progress,
) -> Result<Reconciled, ReconcileError> {
    if permission.abandon_journal {
        abandon(daemon, journal, permission, ask).await?;
    }
    let replayed = super::replay(daemon, journal, source.project()).await?;
    let plan = current_plan(daemon, source).await?;
    gate(&plan, permission, round, ask).await?;
    progress.begin(plan.changes());
    let mut report = super::run(&plan, daemon, journal, progress).await?;
    progress.end();
    report.replayed = replayed;
    if report.done.is_empty() && report.replayed.is_empty() {
        return Ok(match round {
            Round::Watch => Reconciled::Unchanged,
            Round::First => Reconciled::Applied {
                report,
                after: plan,
            },
        });
    }
    let after = converged(daemon, source).await?;
    Ok(Reconciled::Applied { report, after })
}

/// The interrupted recreates in `journal`, as a plan shows them.
pub async fn owed(daemon: &impl Networks, journal: &Journal<'_>) -> Result<Vec<Owed>, StateError> {
    Ok(journal
        .unfinished(daemon)
        .await?
        .into_iter()
        .map(|entry| Owed {
            network: entry.spec.name,
            containers: entry.endpoints.into_iter().map(|e| e.container).collect(),
        })
        .collect())
}

/// `--abandon-journal`: the person gives up on what the journal still owes (after saying so,
/// unless `--yes`); the endpoints it names stay as they are on the daemon.
async fn abandon(
    daemon: &impl Networks,
    journal: &Journal<'_>,
    permission: Permission,
    ask: &impl Ask,
) -> Result<(), ReconcileError> {
    let owed = owed(daemon, journal).await?;
    if owed.is_empty() {
        return Ok(());
    }
    let shown = Plan {
        journal: owed.clone(),
        ..Plan::default()
    };
    if !permission.yes
        && !ask
            .confirm(&shown, "forgets an interrupted recreate")
            .await?
    {
        return Err(ReconcileError::Cancelled);
    }
    for entry in &owed {
        journal.finish(daemon, &entry.network).await?;
    }
    Ok(())
}

/// The plan to run: planned now from the topology, or the saved one while it still holds.
async fn current_plan(daemon: &impl Networks, source: &Source) -> Result<Plan, ReconcileError> {
    match source {
        Source::Topology { topology, options } => {
            let observed = observe(daemon, &alias_scope(topology)).await?;
            Ok(plan::diff(topology, &observed, options))
        }
        Source::Saved(saved) => {
            let observed = observe(daemon, &saved_scope(saved)).await?;
            let unmet = plan::unmet(saved, &observed);
            if unmet.is_empty() {
                Ok(saved.clone())
            } else {
                Err(ReconcileError::Stale(unmet))
            }
        }
    }
}

/// Blocked plans, recreates without the flag, and unconfirmed removals stop before any write.
async fn gate(
    plan: &Plan,
    permission: Permission,
    round: Round,
    ask: &impl Ask,
) -> Result<(), ReconcileError> {
    if plan.is_blocked() {
        return Err(ReconcileError::Blocked(Box::new(plan.clone())));
    }
    if plan.needs_recreate() && !permission.recreate {
        return Err(ReconcileError::RecreateNotAllowed(Box::new(plan.clone())));
    }
    if (plan.needs_recreate() || plan.removes_anything()) && !permission.yes {
        if round == Round::Watch {
            return Err(ReconcileError::WatchNeedsYes(Box::new(plan.clone())));
        }
        if !ask.confirm(plan, "recreates or removes something").await? {
            return Err(ReconcileError::Cancelled);
        }
    }
    Ok(())
}

/// The daemon must now match the file, except for containers that do not run and drift the
/// plan leaves; a saved plan must show every write's result, and leaves its pending items and
/// drift as they were.
async fn converged(daemon: &impl Networks, source: &Source) -> Result<Plan, ReconcileError> {
    match source {
        Source::Topology { topology, options } => {
            let observed = observe(daemon, &alias_scope(topology)).await?;
            let after = plan::diff(topology, &observed, options);
            if after.unconverged() {
                return Err(ReconcileError::NotConverged(Box::new(after)));
            }
            Ok(after)
        }
        Source::Saved(saved) => {
            let observed = observe(daemon, &saved_scope(saved)).await?;
            let unfinished = plan::unfinished(saved, &observed);
            if !unfinished.is_empty() {
                return Err(ReconcileError::Unfinished(unfinished));
            }
            Ok(Plan {
                project: saved.project.clone(),
                actions: saved
                    .actions
                    .iter()
                    .filter(|a| !a.is_write())
                    .cloned()
                    .collect(),
                ..Plan::default()
            })
        }
    }
}

/// Aliases matter only on declared networks: elsewhere netctl neither compares nor restores.
pub fn alias_scope(topology: &Topology) -> AliasScope {
    AliasScope {
        networks: topology
            .networks
            .iter()
            .map(|n| n.settings.name.clone())
            .collect(),
        all: false,
    }
}

/// A saved plan compares aliases on the networks it touches.
fn saved_scope(plan: &Plan) -> AliasScope {
    AliasScope {
        networks: plan
            .actions
            .iter()
            .filter_map(|a| a.network().map(str::to_owned))
            .collect(),
        all: false,
    }
}

/// What a destroy did, and the owned networks it left for members the file does not declare.
#[derive(Debug)]
pub struct Destroyed {
    pub report: Report,
    pub left: Vec<LeftNetwork>,
}

/// Undoes an apply for one project under its lock: disconnects the declared memberships and
/// removes the networks it owns, touching nothing it does not own. Asks first unless
/// `permission.yes`.
pub async fn destroy(
    daemon: &impl Networks,
    ledger: &Ledger,
    topology: &Topology,
    permission: Permission,
    ask: &impl Ask,
    progress: &mut impl Progress,
) -> Result<Destroyed, ReconcileError> {
    let held = ledger
        .lock(daemon, &topology.project, permission.lock_wait)
        .await?;
    let journal = ledger.journal(&topology.project);
    let work = tear_down(daemon, &journal, topology, permission, ask, progress);
    ledger.holding(daemon, held, work).await
}

/// The destroy itself, with the lock held.
async fn tear_down(
    daemon: &impl Networks,
    journal: &Journal<'_>,
    topology: &Topology,
    permission: Permission,
    ask: &impl Ask,
    progress: &mut impl Progress,
) -> Result<Destroyed, ReconcileError> {
    // A pending recreate is settled first: removing its network while the journal still owes
    // endpoints would let the next apply bring it back with its old members.
    let replayed = super::replay(daemon, journal, &topology.project).await?;
    let observed = observe(daemon, &AliasScope::default()).await?;
    let teardown = plan::teardown(topology, &observed);
    if teardown.plan.changes() > 0
        && !permission.yes
        && !ask
            .confirm(&teardown.plan, "disconnects and removes")
            .await?
    {
        return Err(ReconcileError::Cancelled);
    }
    progress.begin(teardown.plan.changes());
    let mut report = super::run(&teardown.plan, daemon, journal, progress).await?;
    progress.end();
    report.replayed = replayed;
    Ok(Destroyed {
        report,
        left: teardown.left,
    })
}
