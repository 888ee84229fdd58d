//! A daemon event that can change memberships: what `apply --watch` reacts to.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonEvent {
    /// `container` or `network`.
    pub kind: String,
    /// `start`, `connect`, `disconnect`, `create`, `destroy`.
    pub action: String,
    /// The container's or the network's name; empty when the daemon did not say.
    pub name: String,
}

/// The kinds of object whose events can cost a declared membership.
pub const WATCHED_KINDS: [&str; 2] = ["container", "network"];
/// The events that can cost a declared membership: a (re)started container, a network change.
/// A daemon's event stream carries only these (the adapter filters on the daemon's side).
pub const WATCHED_ACTIONS: [&str; 5] = ["start", "connect", "disconnect", "create", "destroy"];

impl DaemonEvent {
    /// Whether a daemon's event stream carries it.
    pub fn is_watched(&self) -> bool {
        WATCHED_KINDS.contains(&self.kind.as_str())
            && WATCHED_ACTIONS.contains(&self.action.as_str())
    }
}
