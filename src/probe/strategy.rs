//! How probes get into the source container's network: the seam between the scheduler and
//! the ways in (netns today; sidecar and exec plug in behind the same trait).

use super::attempt::{Attempt, Probe};
use super::engine::{self, Options};
use super::limits::{Budget, Exhausted, Limits, Resource};
use super::target::Target;
use nix::sched::{CloneFlags, setns};
use std::path::PathBuf;

/// A way to run probes from inside a source container's network.
pub trait Strategy: Sync {
    /// The name `--strategy` takes.
    fn name(&self) -> &'static str;

    /// Runs `probes` from inside `source`, concurrently as far as `budget` allows (it is shared
    /// with the other sources' calls running at the same time); one attempt list per probe, in
    /// order.
    fn run(
        &self,
        source: &Target,
        probes: &[Probe],
        options: &Options,
        budget: &Budget,
    ) -> Result<Vec<Vec<Attempt>>, StrategyError>;

    /// Sources probed at once: each costs a thread here, and a container or exec sessions on
    /// the daemon for the strategies that start them.
    fn at_once(&self, limits: &Limits) -> usize {
        limits.namespaces
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StrategyError {
    #[error("{container} does not run, so there is no network namespace to probe from")]
    NotRunning { container: String },
    #[error(
        "cannot open {path} (the network namespace of {container}): {source}; the netns strategy \
         needs root on the Docker host (try --strategy sidecar)"
    )]
    Open {
        container: String,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "cannot enter the network namespace of {container}: {source}; the netns strategy needs \
         CAP_SYS_ADMIN on the Docker host (try --strategy sidecar)"
    )]
    Enter {
        container: String,
        source: nix::Error,
    },
    #[error("cannot start the probes inside {container}: {source}")]
    Start {
        container: String,
        source: std::io::Error,
    },
    #[error("the probe sidecar for {container} failed: {reason}")]
    Sidecar { container: String, reason: String },
    #[error("docker exec in {container} failed: {reason}")]
    Exec { container: String, reason: String },
    #[error("the probe thread for {container} stopped unexpectedly")]
    Crashed { container: String },
    #[error(transparent)]
    Exhausted(#[from] Exhausted),
}

/// Why probes through the daemon (a sidecar, an exec) did not run for a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceFailure {
    /// The source container stopped or went away meanwhile: its checks are skipped with the
    /// reason, not the whole run.
    Stopped,
    /// Anything else, in words.
    Failed(String),
}

impl From<String> for SourceFailure {
    fn from(reason: String) -> SourceFailure {
        SourceFailure::Failed(reason)
    }
}

impl SourceFailure {
    /// The strategy error for `container`; `failed` words any other failure.
    pub fn for_source(
        self,
        container: &str,
        failed: impl FnOnce(String) -> StrategyError,
    ) -> StrategyError {
        match self {
            SourceFailure::Stopped => StrategyError::NotRunning {
                container: container.to_owned(),
            },
            SourceFailure::Failed(reason) => failed(reason),
        }
    }
}

impl StrategyError {
    /// The container stopped (its process, and so its namespace, is gone): not netctl's fault.
    pub fn container_gone(&self) -> bool {
        match self {
            StrategyError::NotRunning { .. } => true,
            StrategyError::Open { source, .. } => source.kind() == std::io::ErrorKind::NotFound,
            _ => false,
        }
    }

    /// The local resource that kept netctl out of the namespace, when that was the cause: no
    /// privilege is missing then, and a calmer retry may get in.
    pub fn shortage(&self) -> Option<Resource> {
        match self {
            StrategyError::Open { source, .. } | StrategyError::Start { source, .. } => {
                Resource::of(source)
            }
            StrategyError::Enter { source, .. } => Resource::of(&std::io::Error::from(*source)),
            _ => None,
        }
    }
}

/// Enters `/proc/<pid>/ns/net` from the Docker host: no container started, milliseconds a check.
#[derive(Debug, Clone, Copy, Default)]
pub struct Netns;

impl Strategy for Netns {
    fn name(&self) -> &'static str {
        "netns"
    }

    /// `setns` changes only the calling thread, so each namespace gets a thread of its own that
    /// ends with the probes; the caller's thread never leaves the host's namespace.
    fn run(
        &self,
        source: &Target,
        probes: &[Probe],
        options: &Options,
        budget: &Budget,
    ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
        let container = source.container.name.clone();
        let pid = source
            .container
            .pid
            .ok_or_else(|| StrategyError::NotRunning {
                container: container.clone(),
            })?;
        std::thread::scope(|scope| {
            let worker = std::thread::Builder::new()
                .name(format!("netns-{pid}"))
                .spawn_scoped(scope, || {
                    enter_network_namespace(&container, pid)?;
                    engine::run_with(probes, options, budget).map_err(|source| {
                        StrategyError::Start {
                            container: container.clone(),
                            source,
                        }
                    })
                })
                .map_err(|source| StrategyError::Start {
                    container: container.clone(),
                    source,
                })?;
            worker.join().map_err(|_| StrategyError::Crashed {
                container: container.clone(),
            })?
        })
    }
}

fn enter_network_namespace(container: &str, pid: u32) -> Result<(), StrategyError> {
    let path = PathBuf::from(format!("/proc/{pid}/ns/net"));
    let namespace = std::fs::File::open(&path).map_err(|source| StrategyError::Open {
        container: container.to_owned(),
        path: path.clone(),
        source,
    })?;
    setns(&namespace, CloneFlags::CLONE_NEWNET).map_err(|source| StrategyError::Enter {
        container: container.to_owned(),
        source,
    })
}
