//! What the daemon reports that only the adapter's callers need and `live/` does not model:
//! the events `apply --watch` follows.

/// A daemon event that can change memberships: what `apply --watch` reacts to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaemonEvent {
    /// `container` or `network`.
    pub kind: String,
    /// `start`, `connect`, `disconnect`, `create`, `destroy`.
    pub action: String,
}
