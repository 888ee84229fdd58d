//! The daemon as reconciling needs it: the trait `apply` (and everything that observes before
//! it plans) is written against, owned here by its user.

use crate::live::{DaemonError, DaemonEvent, EndpointSpec, NetworkSettings};
use crate::state::Markers;

/// Everything reconciling asks of a daemon beyond reading it: write networks and memberships,
/// follow its events; and keep markers (the lock and the journal live on the daemon). Reads may run concurrently; writes are issued one at a
/// time, because the daemon serializes network changes anyway (design.md). The bollard adapter
/// implements it for a real daemon; the tests' fake daemon in memory.
///
/// The futures are not `Send`: netctl drives them on one current-thread runtime.
#[allow(async_fn_in_trait)]
pub trait Networks: Markers {
    /// Creates a network and returns its id.
    async fn create_network(&self, spec: &NetworkSettings) -> Result<String, DaemonError>;
    async fn remove_network(&self, network: &str) -> Result<(), DaemonError>;
    async fn connect(
        &self,
        network: &str,
        container: &str,
        endpoint: &EndpointSpec,
    ) -> Result<(), DaemonError>;
    async fn disconnect(&self, network: &str, container: &str) -> Result<(), DaemonError>;
    /// Container starts and network changes, as they happen, until the stream is dropped.
    fn events(&self) -> impl futures_util::Stream<Item = Result<DaemonEvent, DaemonError>> + '_;
}
