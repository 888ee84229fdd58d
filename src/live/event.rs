//! A daemon event that can change memberships: what `apply --watch` reacts to.

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonEvent {
    /// `container` or `network`.
    pub kind: String,
    /// `start`, `connect`, `disconnect`, `create`, `destroy`.
    pub action: String,
}
