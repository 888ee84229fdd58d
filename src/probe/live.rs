//! Probing a live daemon: fill the [`Target`]s from it, choose the strategy (`auto`: netns when
//! netctl may enter the containers' namespaces on this host, else sidecar, else exec), and run
//! the checks with progress. The daemon connection lives on a multi-thread runtime so that the
//! scheduler's threads can block on it.

use super::daemon::{Containers, SidecarSpec};
use super::engine::Options;
use super::exec::{Exec, ExecOutput, Executor};
use super::image::{ImageError, ensure_image};
use super::results::{Listing, Report};
use super::scheduler::run_noting_stops;
use super::sidecar::{Sidecar, SidecarGate, SidecarOwner, SidecarRunner, sweep_expired};
use super::stopped::stopped;
use super::strategy::{Netns, SourceFailure, Strategy, StrategyError};
use super::target::Target;
use super::{Check, stream};
use crate::live::{Container, Daemon, DaemonError, Network, NetworkMode, labels};
use crate::topology::Topology;
use futures_util::future::try_join_all;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;
use tokio::runtime::Handle;

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
    Docker(#[from] DaemonError),
    #[error("error: {0}")]
    Strategy(#[from] StrategyError),
    #[error("error: the agent image: {0}")]
    Image(#[from] ImageError),
    #[error("error: cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
    #[error(
        "error: no container named `{0}` on the daemon, and no topology file here (topology.yaml \
         or netctl.yaml): pass -f FILE to probe services by their keys"
    )]
    NoSuchContainer(String),
}

/// One inspect per declared container and the network list, all at once.
pub async fn targets(
    engine: &impl Daemon,
    topology: &Topology,
) -> Result<Vec<Target>, DaemonError> {
    let inspect = try_join_all(
        topology
            .services
            .iter()
            .map(|service| engine.inspect_container(&service.container)),
    );
    let (inspected, networks) = futures_util::try_join!(inspect, engine.networks())?;
    Ok(live_targets(topology, inspected, &networks))
}

/// The services' containers as inspected, one per service in topology order; `networks` says
/// which networks forbid traffic between their containers.
pub fn live_targets(
    topology: &Topology,
    inspected: Vec<Option<Container>>,
    networks: &[Network],
) -> Vec<Target> {
    let quiet: BTreeSet<String> = networks
        .iter()
        .filter(|n| n.forbids_peer_traffic())
        .map(|n| n.id.clone())
        .collect();
    let mut targets: Vec<Target> = topology
        .services
        .iter()
        .zip(inspected)
        .map(|(service, container)| {
            let container = container.unwrap_or_else(|| missing(&service.container));
            target_of(topology, &service.key, container, &quiet)
        })
        .collect();
    introduce_siblings(topology, &mut targets);
    targets
}

/// Each replica of a scaled service learns its siblings' addresses.
fn introduce_siblings(topology: &Topology, targets: &mut [Target]) {
    use std::net::IpAddr;
    let group = |index: usize| {
        topology
            .services
            .get(index)
            .and_then(|s| s.replica_of.clone())
    };
    let addresses: Vec<Vec<IpAddr>> = targets.iter().map(|t| t.addresses().collect()).collect();
    for index in 0..targets.len() {
        let unprobed = topology
            .services
            .get(index)
            .map(|s| s.unprobed_replicas.clone())
            .unwrap_or_default();
        let mine = group(index);
        let siblings: Vec<IpAddr> = (0..targets.len())
            .filter(|&other| other != index && mine.is_some() && group(other) == mine)
            .flat_map(|other| addresses[other].iter().copied())
            .chain(unprobed)
            .collect();
        targets[index].siblings = siblings;
    }
}

/// A declared container the daemon does not have: no process, no network.
fn missing(name: &str) -> Container {
    Container {
        id: String::new(),
        name: name.to_owned(),
        running: false,
        pid: None,
        labels: BTreeMap::new(),
        network_mode: NetworkMode::Own,
        endpoints: Vec::new(),
        published: Vec::new(),
    }
}

/// Every network the container is on: the topology's in topology order, then the others by
/// their Docker name. Probes still aim only at this container's own addresses.
fn target_of(
    topology: &Topology,
    service: &str,
    mut container: Container,
    quiet: &BTreeSet<String>,
) -> Target {
    let position = |name: &str| {
        topology
            .networks
            .iter()
            .position(|n| n.settings.name == name)
            .unwrap_or(usize::MAX)
    };
    container.endpoints.sort_by(|a, b| {
        (position(&a.network_name), &a.network_name)
            .cmp(&(position(&b.network_name), &b.network_name))
    });
    let keys = container
        .endpoints
        .iter()
        .filter_map(|endpoint| {
            let network = topology
                .networks
                .iter()
                .find(|n| n.settings.name == endpoint.network_name)?;
            Some((endpoint.network_id.clone(), network.key.clone()))
        })
        .collect();
    let quiet = container
        .endpoints
        .iter()
        .filter(|e| quiet.contains(&e.network_id))
        .map(|e| e.network_id.clone())
        .collect();
    Target {
        service: service.to_owned(),
        container,
        keys,
        quiet,
        siblings: Vec::new(),
    }
}

/// Why the netns strategy cannot work here, or `None` when it can: a local daemon, the
/// privilege to enter namespaces, and `/proc` showing the daemon's containers (same PID
/// namespace: the pid's cgroup names the container).
pub fn netns_unavailable(local_daemon: bool, targets: &[Target]) -> Option<String> {
    if !local_daemon {
        return Some("the daemon is not on this host".to_owned());
    }
    if !has_sys_admin() {
        return Some("netctl lacks CAP_SYS_ADMIN (run it as root on the Docker host)".to_owned());
    }
    let (pid, id) = targets
        .iter()
        .find_map(|t| Some((t.container.pid?, t.container.id.as_str())))?;
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
pub struct Session<C> {
    pub runtime: tokio::runtime::Runtime,
    pub engine: Arc<C>,
    pub local: bool,
    /// The netctl binary the agent image is made of.
    pub agent_binary: PathBuf,
    /// Closed on Ctrl-C, so that no sidecar is left created but never started.
    pub sidecars: Arc<SidecarGate>,
    /// This machine and run, on every sidecar it starts: what its sweeps and Ctrl-C remove.
    pub owner: SidecarOwner,
}

impl<C: Containers + 'static> Session<C> {
    pub fn new(
        runtime: tokio::runtime::Runtime,
        engine: C,
        local: bool,
        agent_binary: PathBuf,
    ) -> Session<C> {
        Session {
            runtime,
            engine: Arc::new(engine),
            local,
            agent_binary,
            sidecars: Arc::default(),
            owner: SidecarOwner::this_run(),
        }
    }

    /// The topology's containers as they run now: one inspect each, all at once.
    pub fn targets(&self, topology: &Topology) -> Result<Vec<Target>, LiveError> {
        Ok(self
            .runtime
            .block_on(targets(self.engine.as_ref(), topology))?)
    }

    /// Two containers by name, read off the daemon as a topology of their own (`probe A B`
    /// without a topology file), with their targets.
    pub fn pair(&self, from: &str, to: &str) -> Result<(Topology, Vec<Target>), LiveError> {
        let daemon = self.engine.as_ref();
        let (source, target, networks) = self.runtime.block_on(async {
            futures_util::try_join!(
                daemon.inspect_container(from),
                daemon.inspect_container(to),
                daemon.networks()
            )
        })?;
        let missing = |name: &str| LiveError::NoSuchContainer(name.to_owned());
        let source = source.ok_or_else(|| missing(from))?;
        let target = target.ok_or_else(|| missing(to))?;
        let topology = super::adhoc::topology(&[(from, &source), (to, &target)]);
        let targets = live_targets(&topology, vec![Some(source), Some(target)], &networks);
        Ok((topology, targets))
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
    /// already read. `announce` hears the strategy first, and how many checks.
    pub fn probe_targets(
        &self,
        topology: &Topology,
        targets: Vec<Target>,
        checks: &[Check],
        choice: Choice,
        options: &Options,
        announce: &mut dyn FnMut(&str, usize),
    ) -> Result<ProbeRun, LiveError> {
        let strategy = self.prepare(topology, choice, &targets)?;
        announce(strategy.name(), checks.len());
        let report = {
            let mut stopped = self.stopped_among(&targets);
            run_noting_stops(checks, &targets, strategy.as_ref(), options, &mut stopped)?
        };
        Ok(ProbeRun {
            report,
            strategy: strategy.name(),
            targets,
        })
    }

    /// `verify`: as [`Session::probe_targets`], with every check of the topology, planned and
    /// probed a few sources at a time ([`super::stream`]); `announce` hears the strategy and
    /// how many services. The report lists what `listing` allows.
    pub fn verify(
        &self,
        topology: &Topology,
        targets: Vec<Target>,
        choice: Choice,
        options: &Options,
        listing: Listing,
        announce: &mut dyn FnMut(&str, usize),
    ) -> Result<ProbeRun, LiveError> {
        let strategy = self.prepare(topology, choice, &targets)?;
        announce(strategy.name(), topology.services.len());
        let report = {
            let mut stopped = self.stopped_among(&targets);
            let strategy = strategy.as_ref();
            stream::verify(topology, &targets, strategy, options, listing, &mut stopped)?
        };
        Ok(ProbeRun {
            report,
            strategy: strategy.name(),
            targets,
        })
    }

    /// Which targets' containers stopped, read from the daemon when a run asks
    /// ([`super::stopped`]). A daemon that cannot be read then leaves the verdicts as judged.
    fn stopped_among<'t>(
        &'t self,
        targets: &'t [Target],
    ) -> impl FnMut(&BTreeSet<String>) -> BTreeMap<String, String> + 't {
        move |services| {
            self.runtime
                .block_on(stopped(self.engine.as_ref(), targets, services))
                .unwrap_or_default()
        }
    }

    /// Sweeps this machine's expired sidecars of the project, then picks the strategy.
    fn prepare(
        &self,
        topology: &Topology,
        choice: Choice,
        targets: &[Target],
    ) -> Result<Box<dyn Strategy>, LiveError> {
        self.runtime.block_on(sweep_expired(
            self.engine.as_ref(),
            &self.owner,
            &topology.project,
        ))?;
        self.strategy(choice, targets, &topology.project)
    }

    fn strategy(
        &self,
        choice: Choice,
        live: &[Target],
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

    fn sidecar(&self, project: &str) -> Result<Sidecar<DaemonSidecar<C>>, LiveError> {
        let (image, _) = self.runtime.block_on(ensure_image(
            self.engine.as_ref(),
            &self.agent_binary,
            false,
        ))?;
        Ok(Sidecar {
            runner: DaemonSidecar {
                daemon: Arc::clone(&self.engine),
                runtime: self.runtime.handle().clone(),
                image,
                project: project.to_owned(),
                owner: self.owner.clone(),
                gate: Arc::clone(&self.sidecars),
            },
        })
    }

    fn exec(&self) -> Exec<DaemonExec<C>> {
        Exec {
            executor: DaemonExec {
                daemon: Arc::clone(&self.engine),
                runtime: self.runtime.handle().clone(),
            },
        }
    }

    pub fn calls(&self) -> usize {
        self.engine.calls()
    }
}

/// Sidecars from the agent image `image`, labelled with the project they probe. The scheduler
/// calls it from plain threads, one per source namespace, so each call blocks on the runtime
/// that owns the daemon connection: a multi-thread runtime, whose workers keep its IO going.
pub struct DaemonSidecar<C> {
    pub daemon: Arc<C>,
    pub runtime: Handle,
    pub image: String,
    pub project: String,
    pub owner: SidecarOwner,
    pub gate: Arc<SidecarGate>,
}

impl<C: Containers> SidecarRunner for DaemonSidecar<C> {
    fn run(
        &self,
        source: &Target,
        args: &[String],
        sidecar_labels: &[(String, String)],
    ) -> Result<Vec<u8>, SourceFailure> {
        let mut labels = sidecar_labels.to_vec();
        labels.push((labels::PROJECT.to_owned(), self.project.clone()));
        labels.extend(self.owner.labels());
        let spec = SidecarSpec {
            image: self.image.clone(),
            source: source.container.name.clone(),
            args: args.to_vec(),
            labels,
        };
        let output = self.runtime.block_on(async {
            match self.daemon.run_sidecar(&self.gate, &spec).await {
                Ok(output) => Ok(output),
                Err(error) => Err(why(self.daemon.as_ref(), &spec.source, error).await),
            }
        })?;
        if output.stdout.is_empty() {
            let stderr = String::from_utf8_lossy(&output.stderr);
            return Err(SourceFailure::Failed(format!(
                "it printed nothing{}",
                if stderr.trim().is_empty() {
                    String::new()
                } else {
                    format!(" (stderr: {})", stderr.trim())
                }
            )));
        }
        Ok(output.stdout)
    }
}

/// `docker exec` through the daemon seam, blocking as [`DaemonSidecar`] does.
pub struct DaemonExec<C> {
    pub daemon: Arc<C>,
    pub runtime: Handle,
}

impl<C: Containers> Executor for DaemonExec<C> {
    fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, SourceFailure> {
        self.runtime.block_on(async {
            match self.daemon.exec(container, argv, stdin).await {
                Ok(output) => Ok(output),
                Err(error) => Err(why(self.daemon.as_ref(), container, error).await),
            }
        })
    }
}

/// A sidecar or exec that failed because its source stopped (or went) meanwhile is that
/// container's matter, not the run's: the daemon is asked which it was.
async fn why(daemon: &impl Containers, source: &str, error: DaemonError) -> SourceFailure {
    match daemon.inspect_container(source).await {
        Ok(Some(container)) if container.running => SourceFailure::Failed(error.to_string()),
        Ok(_) => SourceFailure::Stopped,
        Err(_) => SourceFailure::Failed(error.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::super::check::{CheckKind, Expected};
    use super::super::results::{CheckResult, Verdict};
    use super::super::stopped::skip_toward_stopped;
    use super::*;

    fn topology() -> Topology {
        crate::topology::load_str(
            "version: 1\nproject: p\nnetworks: {a: {name: p-a}, b: {name: p-b}}\nservices:\n  s: {container: p-s, networks: [a, b]}\n",
            "t.yaml",
        )
        .unwrap()
    }

    fn endpoint(network: &str, address: &str) -> crate::live::Endpoint {
        crate::live::Endpoint {
            network_id: format!("id-{network}"),
            network_name: network.to_owned(),
            aliases: vec!["alias".to_owned()],
            ipv4_address: None,
            ipv6_address: None,
            mac_address: None,
            addresses: vec![address.parse().unwrap()],
        }
    }

    fn running(endpoints: Vec<crate::live::Endpoint>) -> Container {
        Container {
            id: "abc".to_owned(),
            name: "p-s".to_owned(),
            running: true,
            pid: Some(42),
            labels: BTreeMap::new(),
            network_mode: NetworkMode::Own,
            endpoints,
            published: Vec::new(),
        }
    }

    #[test]
    fn targets_hold_every_network_the_topologys_first_in_its_order() {
        let container = running(vec![
            endpoint("bridge", "172.17.0.2"),
            endpoint("by-hand", "10.9.0.2"),
            endpoint("p-a", "10.0.1.2"),
            endpoint("p-b", "10.0.2.2"),
        ]);
        let quiet = BTreeSet::from(["id-by-hand".to_owned()]);
        let target = target_of(&topology(), "s", container, &quiet);
        let networks: Vec<(&str, bool, bool)> = target
            .container
            .endpoints
            .iter()
            .map(|e| {
                (
                    target.label(e),
                    target.declares(e),
                    target.isolates_peers(e),
                )
            })
            .collect();
        assert_eq!(
            networks,
            [
                ("a", true, false),
                ("b", true, false),
                ("bridge", false, false),
                ("by-hand", false, true)
            ]
        );
        assert_eq!(target.network_keys(), ["a", "b"]);
        assert!(target.owns("172.17.0.2".parse().unwrap()));
        assert_eq!(target.container.pid, Some(42));
        let missing = live_targets(&topology(), vec![None], &[]);
        assert!(!missing[0].is_running() && missing[0].container.endpoints.is_empty());
        assert_eq!(missing[0].container.name, "p-s");
    }

    /// What a run makes of a failed and a passed check toward `s`, whose container is seeded
    /// running or not, asking the daemon as `Session` does.
    fn after_the_run(seed: crate::fake::Seed) -> Report {
        let daemon = crate::fake::FakeDaemon::new();
        // The daemon's id of the very container probed: one recreated under its name is not it.
        let container = Container {
            id: daemon.seed(seed).unwrap(),
            ..running(Vec::new())
        };
        let checks = [
            Check::new("r", "s", CheckKind::Icmp, Expected::Reachable),
            Check::new("r", "s", CheckKind::Icmp, Expected::Isolated),
        ];
        let mut judged = vec![
            (0, Verdict::failed("no answer within 1 ms".to_owned())),
            (1, Verdict::passed(Vec::new())),
        ];
        let targets = [target_of(&topology(), "s", container, &BTreeSet::new())];
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let mut stopped_among = |services: &BTreeSet<String>| {
            runtime
                .block_on(stopped(&daemon, &targets, services))
                .unwrap()
        };
        skip_toward_stopped(&checks, &mut judged, &mut stopped_among);
        Report::new(
            judged
                .into_iter()
                .map(|(index, verdict)| CheckResult::new(&checks[index], verdict))
                .collect(),
        )
    }

    #[test]
    fn checks_toward_a_container_stopped_meanwhile_that_prove_nothing_are_skipped_saying_so() {
        let report = after_the_run(crate::fake::Seed::stopped("p-s"));
        assert_eq!((report.passed, report.failed, report.skipped), (0, 0, 2));
        assert_eq!(
            Some(report.checks[0].detail.as_str()),
            Some("p-s stopped during the run (no answer within 1 ms)")
        );
        assert_eq!(
            Some(report.checks[1].detail.as_str()),
            Some("p-s stopped during the run, so its isolation is not proven")
        );
        let report = after_the_run(crate::fake::Seed::running("p-s"));
        assert_eq!((report.passed, report.failed, report.skipped), (1, 1, 0));
    }

    #[test]
    fn netns_needs_a_local_daemon() {
        assert_eq!(
            netns_unavailable(false, &[]).as_deref(),
            Some("the daemon is not on this host")
        );
    }
}
