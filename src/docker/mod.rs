//! The daemon seam: a `Docker` trait, its bollard adapter, the connection, and `observe`.
//!
//! This folder is the only place that names a bollard type; everything it hands out is a plain
//! struct from `model`, so the planner and its tests never see the client library.

mod connect;
mod context;
mod convert;
mod engine;
mod error;
mod exec;
mod image;
mod inspect;
pub mod model;
mod observe;
mod placeholder;
mod seams;
mod sidecar;

pub use connect::{DEFAULT_SOCKET, Endpoint};
pub use context::{Daemon, Environment, resolve_host};
pub use engine::Engine;
pub use error::DockerError;
pub use exec::ExecResult;
pub use model::DaemonEvent;
pub use observe::{AliasScope, observe};
pub use placeholder::PlaceholderSpec;
pub use seams::{EngineExec, EngineSidecar};
pub use sidecar::{SidecarGate, SidecarOutput};

use crate::live::{Container, EndpointSpec, Network, NetworkSettings};
use std::collections::BTreeMap;

/// Everything netctl asks of a daemon. Reads may run concurrently; writes are issued one at a
/// time by `apply`, because the daemon serializes network changes anyway (design.md).
///
/// The futures are not `Send`: netctl drives them on one current-thread runtime.
#[allow(async_fn_in_trait)]
pub trait Docker {
    /// Where the daemon is, for messages (`unix:///var/run/docker.sock`).
    fn endpoint(&self) -> &str;
    /// API calls made so far, for the benchmark and `-o json` reports.
    fn calls(&self) -> usize;
    /// The daemon's id: the lock and the journal are per daemon.
    async fn daemon_id(&self) -> Result<String, DockerError>;
    async fn networks(&self) -> Result<Vec<Network>, DockerError>;
    /// Every container, running or not, with its endpoints. Aliases are filled in only where
    /// the list reports them; `endpoint_aliases` reads the rest.
    async fn containers(&self) -> Result<Vec<Container>, DockerError>;
    /// A container's aliases per network id, from inspect (the list omits them before API 1.45).
    async fn endpoint_aliases(
        &self,
        container_id: &str,
    ) -> Result<BTreeMap<String, Vec<String>>, DockerError>;
    /// Creates a network and returns its id.
    async fn create_network(&self, spec: &NetworkSettings) -> Result<String, DockerError>;
    async fn remove_network(&self, network: &str) -> Result<(), DockerError>;
    async fn connect(
        &self,
        network: &str,
        container: &str,
        endpoint: &EndpointSpec,
    ) -> Result<(), DockerError>;
    async fn disconnect(&self, network: &str, container: &str) -> Result<(), DockerError>;
    /// Container starts and network changes, as they happen, until the stream is dropped.
    fn events(&self) -> impl futures_util::Stream<Item = Result<DaemonEvent, DockerError>> + '_;
}
