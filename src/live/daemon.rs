//! Reading a daemon: the part of the daemon seam every user shares. Reconciling
//! (`apply::Networks`) and probing (`probe::Containers`) add their own calls on top; the
//! bollard adapter and the tests' fake daemon implement them all.

use super::{Container, DaemonError, Network};

/// What a daemon holds, read. The futures are not `Send`: callers drive them on a runtime
/// of their own (probes block on one from their threads).
#[allow(async_fn_in_trait)]
pub trait Daemon {
    /// Where the daemon is, for messages (`unix:///var/run/docker.sock`).
    fn endpoint(&self) -> &str;
    /// API calls made so far, for the benchmarks and `-o json` reports.
    fn calls(&self) -> usize;
    /// The daemon's id: the lock and the journal are per daemon.
    async fn daemon_id(&self) -> Result<String, DaemonError>;
    async fn networks(&self) -> Result<Vec<Network>, DaemonError>;
    /// Every container, running or not, with its endpoints, without process ids; aliases only
    /// where the list reports them (API 1.45 and later): an inspect reads the rest.
    async fn containers(&self) -> Result<Vec<Container>, DaemonError>;
    /// One container by name or id, whole (process, aliases, published ports); `None` when
    /// the daemon has no such container.
    async fn inspect_container(&self, name: &str) -> Result<Option<Container>, DaemonError>;
}
