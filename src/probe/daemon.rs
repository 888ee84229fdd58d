//! The daemon as probing needs it, beyond reading it: run a command in a container, run a
//! sidecar in a container's network namespace, manage the agent image, and start or remove
//! the containers netctl runs itself. Owned here by its user; the bollard adapter and the
//! tests' fake daemon implement it.

use super::exec::ExecOutput;
use super::sidecar::{SidecarGate, SidecarOutput};
use crate::live::{Daemon, DaemonError, EndpointSpec};
use std::collections::BTreeMap;

/// Probes run on threads of their own and block on the runtime that drives these calls, so
/// an implementation is shared between threads.
#[allow(async_fn_in_trait)]
pub trait Containers: Daemon + Send + Sync {
    /// `argv` in `container` (never through a shell), no TTY: what it printed and how it
    /// exited. `stdin`, when given, is written to its input, which is then closed (the
    /// exec strategy's HTTP request for `nc`); without it the command gets no input.
    async fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, DaemonError>;
    /// Creates, attaches to and starts a sidecar, then reads its output until it exits (the
    /// daemon removes it then). Refused once `gate` is closed.
    async fn run_sidecar(
        &self,
        gate: &SidecarGate,
        sidecar: &SidecarSpec,
    ) -> Result<SidecarOutput, DaemonError>;
    /// Creates and starts a placeholder; returns its id.
    async fn start_placeholder(&self, spec: &PlaceholderSpec) -> Result<String, DaemonError>;
    /// Force-removes a container netctl started itself (callers check its role label); one
    /// already gone is fine.
    async fn remove_container(&self, id: &str) -> Result<(), DaemonError>;
    /// The image, or `None` when there is no such image.
    async fn image(&self, reference: &str) -> Result<Option<ImageInfo>, DaemonError>;
    /// Imports `rootfs` (a tar) as `repo:tag` with Dockerfile-style `changes`.
    async fn import_image(
        &self,
        rootfs: Vec<u8>,
        repo: &str,
        tag: &str,
        changes: &[String],
    ) -> Result<(), DaemonError>;
    /// Removes the image; one already gone is fine. Without `force` the daemon keeps an image
    /// a container still uses.
    async fn remove_image(&self, reference: &str, force: bool) -> Result<(), DaemonError>;
}

/// A sidecar to run: the agent image in `source`'s network namespace, every capability
/// dropped but NET_RAW, read-only, removed when it exits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarSpec {
    pub image: String,
    /// The container whose network namespace it joins.
    pub source: String,
    pub args: Vec<String>,
    pub labels: Vec<(String, String)>,
}

/// A placeholder to start: its name, what the agent runs, its first network and labels (the
/// role label is always added).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderSpec {
    pub name: String,
    pub image: String,
    pub args: Vec<String>,
    pub network: String,
    pub endpoint: EndpointSpec,
    pub labels: BTreeMap<String, String>,
}

/// An image as netctl needs to know it: its id (to remove exactly it later) and its labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub id: String,
    pub labels: BTreeMap<String, String>,
}
