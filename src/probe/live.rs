//! Probing a live daemon: fill the [`Target`]s from it, choose the strategy (`auto`: netns when
//! netctl may enter the containers' namespaces on this host, else sidecar, else exec), and run
//! the checks with progress. The daemon connection lives on a multi-thread runtime so that the
//! scheduler's threads can block on it.

use super::engine::Options;
use super::exec::Exec;
use super::results::Report;
use super::sidecar::Sidecar;
use super::strategy::{Netns, Strategy, StrategyError};
use super::target::{Endpoint, Target};
use super::{Check, run};
use crate::agent::image::{ImageError, ensure_image};
use crate::docker::{
    Attachment, Docker, DockerError, Engine, EngineExec, EngineSidecar, LiveNetwork, NetworkMode,
    RunningContainer, SidecarGate,
};
use crate::topology::Topology;
use futures_util::future::try_join_all;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// Which way into the namespaces, as `--strategy` says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Auto,
    Netns,
    Sidecar,
    Exec,
}

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error(transparent)]
    Docker(#[from] DockerError),
    #[error("error: {0}")]
    Strategy(#[from] StrategyError),
    #[error("error: the agent image: {0}")]
    Image(#[from] ImageError),
    #[error("error: cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// A declared service as the daemon runs it, with the container id the netns check needs.
#[derive(Debug, Clone)]
pub struct LiveTarget {
    pub target: Target,
    pub id: Option<String>,
}

/// One inspect per declared container and the network list, all at once.
pub async fn targets(engine: &Engine, topology: &Topology) -> Result<Vec<LiveTarget>, DockerError> {
    let inspect = try_join_all(
        topology
            .services
            .iter()
            .map(|service| engine.inspect_running(&service.container)),
    );
    let (inspected, networks) = futures_util::try_join!(inspect, engine.networks())?;
    Ok(live_targets(topology, inspected, &networks))
}

/// The services' containers as inspected, one per service in topology order; `networks` says
/// which networks forbid traffic between their containers.
pub fn live_targets(
    topology: &Topology,
    inspected: Vec<Option<RunningContainer>>,
    networks: &[LiveNetwork],
) -> Vec<LiveTarget> {
    let no_peer_traffic: BTreeSet<&str> = networks
        .iter()
        .filter(|n| n.forbids_peer_traffic())
        .map(|n| n.id.as_str())
        .collect();
    topology
        .services
        .iter()
        .zip(inspected)
        .map(|(service, running)| LiveTarget {
            target: target_of(
                topology,
                &service.key,
                &service.container,
                running.as_ref(),
                &no_peer_traffic,
            ),
            id: running.map(|r| r.id),
        })
        .collect()
}

/// Every network the container is on: the topology's by key in topology order, then the
/// others by their Docker name. Probes still aim only at this container's own addresses.
fn target_of(
    topology: &Topology,
    service: &str,
    container: &str,
    running: Option<&RunningContainer>,
    no_peer_traffic: &BTreeSet<&str>,
) -> Target {
    let Some(running) = running else {
        return Target {
            service: service.to_owned(),
            container: container.to_owned(),
            pid: None,
            networks: Vec::new(),
            network_mode: NetworkMode::Own,
            published: Vec::new(),
        };
    };
    let declared = topology.networks.iter().filter_map(|network| {
        let attached = running
            .endpoints
            .iter()
            .find(|e| e.network_name == network.name)?;
        Some(endpoint(&network.key, attached, true, no_peer_traffic))
    });
    let undeclared = running
        .endpoints
        .iter()
        .filter(|e| !topology.networks.iter().any(|n| n.name == e.network_name))
        .map(|attached| endpoint(&attached.network_name, attached, false, no_peer_traffic));
    Target {
        service: service.to_owned(),
        container: container.to_owned(),
        pid: running.pid,
        networks: declared.chain(undeclared).collect(),
        network_mode: running.network_mode.clone(),
        published: running.published.clone(),
    }
}

fn endpoint(
    network: &str,
    attached: &Attachment,
    in_topology: bool,
    no_peer_traffic: &BTreeSet<&str>,
) -> Endpoint {
    Endpoint {
        network: network.to_owned(),
        network_id: attached.network_id.clone(),
        in_topology,
        isolates_peers: no_peer_traffic.contains(attached.network_id.as_str()),
        addresses: attached.addresses.clone(),
        aliases: attached.aliases.clone(),
    }
}

/// Why the netns strategy cannot work here, or `None` when it can: a local daemon, the
/// privilege to enter namespaces, and `/proc` showing the daemon's containers (same PID
/// namespace: the pid's cgroup names the container).
pub fn netns_unavailable(local_daemon: bool, targets: &[LiveTarget]) -> Option<String> {
    if !local_daemon {
        return Some("the daemon is not on this host".to_owned());
    }
    if !has_sys_admin() {
        return Some("netctl lacks CAP_SYS_ADMIN (run it as root on the Docker host)".to_owned());
    }
    let (pid, id) = targets
        .iter()
        .find_map(|t| Some((t.target.pid?, t.id.as_deref()?)))?;
    let cgroup = std::fs::read_to_string(format!("/proc/{pid}/cgroup")).unwrap_or_default();
    if !cgroup.contains(id) {
        return Some(format!(
            "/proc/{pid} is not the container's process (another PID namespace)"
        ));
    }
    std::fs::File::open(format!("/proc/{pid}/ns/net"))
        .err()
        .map(|error| format!("cannot open /proc/{pid}/ns/net: {error}"))
}

/// CAP_SYS_ADMIN (bit 21) in the effective set: what `setns` into a network namespace needs.
fn has_sys_admin() -> bool {
    const CAP_SYS_ADMIN: u32 = 21;
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let hex = status.lines().find_map(|l| l.strip_prefix("CapEff:"))?;
            u64::from_str_radix(hex.trim(), 16).ok()
        })
        .is_some_and(|caps| caps & (1 << CAP_SYS_ADMIN) != 0)
}

/// What a probe run found, how, and the containers it looked at.
#[derive(Debug)]
pub struct ProbeRun {
    pub report: Report,
    pub strategy: &'static str,
    pub targets: Vec<Target>,
}

/// A connected daemon for probing, on a runtime the scheduler's threads can block on.
pub struct Session {
    pub runtime: tokio::runtime::Runtime,
    pub engine: Arc<Engine>,
    pub local: bool,
    /// The netctl binary the agent image is made of.
    pub agent_binary: PathBuf,
    /// Closed on Ctrl-C, so that no sidecar is left created but never started.
    pub sidecars: Arc<SidecarGate>,
}

impl Session {
    pub fn new(
        runtime: tokio::runtime::Runtime,
        engine: Engine,
        local: bool,
        agent_binary: PathBuf,
    ) -> Session {
        Session {
            runtime,
            engine: Arc::new(engine),
            local,
            agent_binary,
            sidecars: Arc::default(),
        }
    }

    /// The topology's containers as they run now: one inspect each, all at once.
    pub fn targets(&self, topology: &Topology) -> Result<Vec<LiveTarget>, LiveError> {
        Ok(self.runtime.block_on(targets(&self.engine, topology))?)
    }

    /// Reads the targets, then probes them as [`Session::probe_targets`] does.
    pub fn probe(
        &self,
        topology: &Topology,
        checks: &[Check],
        choice: Choice,
        options: &Options,
        announce: &mut dyn FnMut(&str, usize),
    ) -> Result<ProbeRun, LiveError> {
        let live = self.targets(topology)?;
        self.probe_targets(topology, live, checks, choice, options, announce)
    }

    /// Sweeps expired sidecars, picks the strategy and runs the checks between targets
    /// already read. `announce` hears the strategy first.
    pub fn probe_targets(
        &self,
        topology: &Topology,
        live: Vec<LiveTarget>,
        checks: &[Check],
        choice: Choice,
        options: &Options,
        announce: &mut dyn FnMut(&str, usize),
    ) -> Result<ProbeRun, LiveError> {
        self.runtime
            .block_on(self.engine.sweep_expired_sidecars())?;
        let strategy = self.strategy(choice, &live, &topology.project)?;
        let targets: Vec<Target> = live.into_iter().map(|l| l.target).collect();
        announce(strategy.name(), checks.len());
        let report = run(checks, &targets, strategy.as_ref(), options)?;
        Ok(ProbeRun {
            report,
            strategy: strategy.name(),
            targets,
        })
    }

    fn strategy(
        &self,
        choice: Choice,
        live: &[LiveTarget],
        project: &str,
    ) -> Result<Box<dyn Strategy>, LiveError> {
        match choice {
            Choice::Netns => Ok(Box::new(Netns)),
            Choice::Sidecar => Ok(Box::new(self.sidecar(project)?)),
            Choice::Exec => Ok(Box::new(self.exec())),
            Choice::Auto => {
                if netns_unavailable(self.local, live).is_none() {
                    return Ok(Box::new(Netns));
                }
                match self.sidecar(project) {
                    Ok(sidecar) => Ok(Box::new(sidecar)),
                    Err(_) => Ok(Box::new(self.exec())),
                }
            }
        }
    }

    fn sidecar(&self, project: &str) -> Result<Sidecar<EngineSidecar>, LiveError> {
        let (image, _) =
            self.runtime
                .block_on(ensure_image(&self.engine, &self.agent_binary, false))?;
        Ok(Sidecar {
            runner: EngineSidecar {
                engine: Arc::clone(&self.engine),
                runtime: self.runtime.handle().clone(),
                image,
                project: project.to_owned(),
                gate: Arc::clone(&self.sidecars),
            },
        })
    }

    fn exec(&self) -> Exec<EngineExec> {
        Exec {
            executor: EngineExec {
                engine: Arc::clone(&self.engine),
                runtime: self.runtime.handle().clone(),
            },
        }
    }

    pub fn calls(&self) -> usize {
        self.engine.calls()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topology() -> Topology {
        crate::topology::load_str(
            "version: 1\nproject: p\nnetworks: {a: {name: p-a}, b: {name: p-b}}\nservices:\n  s: {container: p-s, networks: [a, b]}\n",
            "t.yaml",
        )
        .unwrap()
    }

    fn attachment(network: &str, address: &str) -> Attachment {
        Attachment {
            network_id: format!("id-{network}"),
            network_name: network.to_owned(),
            addresses: vec![address.parse().unwrap()],
            aliases: vec!["alias".to_owned()],
        }
    }

    #[test]
    fn targets_hold_every_network_the_topologys_first_in_its_order() {
        let running = RunningContainer {
            id: "abc".to_owned(),
            name: "p-s".to_owned(),
            pid: Some(42),
            endpoints: vec![
                attachment("bridge", "172.17.0.2"),
                attachment("p-b", "10.0.2.2"),
                attachment("p-a", "10.0.1.2"),
                attachment("by-hand", "10.9.0.2"),
            ],
            network_mode: NetworkMode::Own,
            published: Vec::new(),
        };
        let target = target_of(&topology(), "s", "p-s", Some(&running), &BTreeSet::new());
        let networks: Vec<(&str, bool)> = target
            .networks
            .iter()
            .map(|e| (e.network.as_str(), e.in_topology))
            .collect();
        assert_eq!(
            networks,
            [
                ("a", true),
                ("b", true),
                ("bridge", false),
                ("by-hand", false)
            ]
        );
        assert_eq!(target.network_keys(), ["a", "b"]);
        assert!(target.owns("172.17.0.2".parse().unwrap()));
        assert_eq!(target.pid, Some(42));
        assert_eq!(target.network_mode, NetworkMode::Own);
        let missing = target_of(&topology(), "s", "p-s", None, &BTreeSet::new());
        assert!(!missing.is_running() && missing.networks.is_empty());
    }

    #[test]
    fn a_container_in_the_hosts_network_has_no_namespace_of_its_own() {
        let running = RunningContainer {
            id: "abc".to_owned(),
            name: "p-s".to_owned(),
            pid: Some(42),
            endpoints: vec![],
            network_mode: NetworkMode::Host,
            published: Vec::new(),
        };
        let target = target_of(&topology(), "s", "p-s", Some(&running), &BTreeSet::new());
        assert_eq!(target.network_mode, NetworkMode::Host);
    }

    #[test]
    fn netns_needs_a_local_daemon() {
        assert_eq!(
            netns_unavailable(false, &[]).as_deref(),
            Some("the daemon is not on this host")
        );
    }
}
