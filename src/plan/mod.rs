//! The plan: what `apply` would do to make the daemon match the file, as a closed list of
//! actions computed by a pure function of the file and the observed state.

mod action;
mod blast;
mod compose;
mod conditions;
mod destroy;
mod diff;
mod drift;
pub mod saved;
mod settings;

pub use action::{Action, ActionView, Change, Restore, describe};
pub use blast::{BlastRadius, Interruption, PairChange};
pub use compose::ComposeOwned;
pub use conditions::{unfinished, unmet};
pub use destroy::{LeftNetwork, Teardown, teardown};
pub use diff::{Options, diff, endpoint_matches};
pub use settings::network_spec;

use serde::{Deserialize, Serialize};

/// Actions in the order apply runs them: disconnects, network recreates and creates,
/// reconnects and connects, removals; blocked, pending and drift items carry no write.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub project: String,
    pub actions: Vec<Action>,
    /// Who gains or loses a shared network, and who a recreate cuts off meanwhile.
    pub blast_radius: BlastRadius,
    /// Recreates an earlier apply journaled and did not finish: `apply` finishes them before
    /// anything else; `plan` and `apply --dry-run` only show them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<Owed>,
    /// Declared networks that belong to a Compose project: compared with the file, never
    /// recreated or removed by netctl; the plan says so even when they match.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub compose_networks: Vec<ComposeOwned>,
}

/// An interrupted recreate: the network and the containers whose endpoints it still owes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Owed {
    pub network: String,
    pub containers: Vec<String>,
}

impl Plan {
    /// Actions that write to the daemon.
    pub fn changes(&self) -> usize {
        self.actions.iter().filter(|a| a.is_write()).count()
    }

    pub fn blocked(&self) -> impl Iterator<Item = &Action> {
        self.actions
            .iter()
            .filter(|a| matches!(a, Action::Blocked { .. }))
    }

    pub fn is_blocked(&self) -> bool {
        self.blocked().next().is_some()
    }

    pub fn writes(&self) -> impl Iterator<Item = &Action> {
        self.actions.iter().filter(|a| a.is_write())
    }

    /// Whether anything but pending items and drift that this apply leaves remains: what
    /// apply checks after applying.
    pub fn unconverged(&self) -> bool {
        self.actions
            .iter()
            .any(|a| !matches!(a, Action::Pending { .. } | Action::Drift { .. }))
    }

    /// Undeclared memberships and networks that this plan leaves as they are.
    pub fn drift(&self) -> impl Iterator<Item = &Action> {
        self.actions
            .iter()
            .filter(|a| matches!(a, Action::Drift { .. }))
    }

    /// What `--detailed-exitcode` reports: writes to make, or drift that remains.
    pub fn differs(&self) -> bool {
        self.changes() > 0 || self.drift().next().is_some()
    }

    pub fn needs_recreate(&self) -> bool {
        self.actions
            .iter()
            .any(|a| matches!(a, Action::RecreateNetwork { .. }))
    }

    pub fn removes_anything(&self) -> bool {
        self.actions
            .iter()
            .any(|a| matches!(a, Action::RemoveNetwork { .. } | Action::Disconnect { .. }))
    }

    /// The stable JSON shape of `plan -o json`.
    pub fn view(&self) -> PlanView<'_> {
        PlanView {
            project: &self.project,
            changes: self.changes(),
            blocked: self.blocked().count(),
            pending: self
                .actions
                .iter()
                .filter(|a| matches!(a, Action::Pending { .. }))
                .count(),
            drift: self.drift().count(),
            actions: self.actions.iter().map(Action::view).collect(),
            blast_radius: &self.blast_radius,
            journal: &self.journal,
            compose_networks: &self.compose_networks,
        }
    }
}

#[derive(Debug, Serialize)]
pub struct PlanView<'a> {
    pub project: &'a str,
    pub changes: usize,
    pub blocked: usize,
    pub pending: usize,
    /// Undeclared memberships (and owned networks) that the plan leaves as they are.
    pub drift: usize,
    pub actions: Vec<ActionView<'a>>,
    pub blast_radius: &'a BlastRadius,
    #[serde(skip_serializing_if = "<[Owed]>::is_empty")]
    pub journal: &'a [Owed],
    /// Declared networks that a Compose project owns: netctl never recreates or removes them.
    #[serde(skip_serializing_if = "<[ComposeOwned]>::is_empty")]
    pub compose_networks: &'a [ComposeOwned],
}

#[cfg(test)]
mod tests;
