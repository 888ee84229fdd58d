//! `netctl demo`: the Versatile Hub (embedded in the binary) applied as a throwaway instance
//! named `netctl-demo-<random>`, on a subnet free among the daemon's networks and the host's
//! routes, with its `web` network owned by the demo and one placeholder agent per service;
//! then the matrix, verify, the results, and the removal of everything it created (also on
//! failure and on Ctrl-C) unless `--keep`.

use super::verify::{SIDECAR_START_WAIT, choice, probe_with_progress, report, session};
use super::{Error, Outcome, print};
use crate::apply::Networks;
use crate::apply::{Progress, ProgressMode};
use crate::cli::{DemoArgs, ProbeFormat, ProbeRunArgs};
use crate::docker::Engine;
use crate::instance::{Instance, SubnetRemap, instantiate};
use crate::live::Daemon;
use crate::live::EndpointSpec;
use crate::live::labels::{PLACEHOLDER_ROLE, PROJECT as PROJECT_LABEL, ROLE as ROLE_LABEL};
use crate::live::{AliasScope, observe};
use crate::probe::daemon::{Containers, PlaceholderSpec};
use crate::probe::image::ensure_image;
use crate::probe::live::{LiveError, Session};
use crate::probe::{Check, CheckKind, Expected, Options};
use crate::render::{Renderer, Table};
use crate::state::Journal;
use crate::topology::{Service, Topology, load_str};
use ipnet::{IpNet, Ipv4Net};
use std::collections::BTreeMap;
use std::net::Ipv4Addr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

const HUB: &str = include_str!("../../topologies/versatile-hub.yaml");
/// The file's fixed subnet, moved to a free /24 for the demo.
const HUB_SUBNET: &str = "172.31.0.0/16";
/// Where the demo looks for a free /24: 10.213.0.0/16.
const DEMO_RANGE: (u8, u8) = (10, 213);
/// How long the demo waits for its placeholders to listen before it verifies.
const READY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// How long Ctrl-C waits for the step under way (an apply, the probes) before cleaning up.
const STOP_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// What the demo thread needs; it runs apart so that Ctrl-C can be heard meanwhile.
struct Run {
    session: Arc<Session<Engine>>,
    project: String,
    cancelled: Arc<AtomicBool>,
    probe: ProbeRunArgs,
    output: ProbeFormat,
}

pub fn run(args: &DemoArgs) -> Result<Outcome, Error> {
    let session = Arc::new(session(&args.daemon)?);
    let project = format!("netctl-demo-{:06x}", random24());
    let cancelled = Arc::new(AtomicBool::new(false));
    let demo = Run {
        session: Arc::clone(&session),
        project: project.clone(),
        cancelled: Arc::clone(&cancelled),
        probe: args.run.clone(),
        output: args.output,
    };
    let (done, mut finished) = tokio::sync::oneshot::channel();
    std::thread::spawn(move || {
        let _ = done.send(demo.run());
    });
    let result = session.runtime.block_on(async {
        tokio::select! {
            result = &mut finished => return result.ok(),
            _ = tokio::signal::ctrl_c() => {}
        }
        cancelled.store(true, Ordering::SeqCst);
        session.sidecars.close(SIDECAR_START_WAIT).await;
        let _ = tokio::time::timeout(STOP_WAIT, finished).await;
        None
    });
    let result = result.unwrap_or(Err(Error::Interrupted(if args.keep {
        "the demo stopped; its instance is kept"
    } else {
        "the demo removed everything it had created"
    })));
    finish(&session, &project, args, result)
}

/// Cleans up (unless `--keep`) whatever happened, then reports the demo's own result.
fn finish(
    session: &Session<Engine>,
    project: &str,
    args: &DemoArgs,
    result: Result<Outcome, Error>,
) -> Result<Outcome, Error> {
    if args.keep {
        // Said even with --quiet: without it nobody knows what is left running.
        eprintln!(
            "kept project {project}: remove it with `docker rm -f $(docker ps -aq --filter label={PROJECT_LABEL}={project})` and `docker network rm $(docker network ls -q --filter label={PROJECT_LABEL}={project})`"
        );
        return result;
    }
    let (containers, networks) = session.runtime.block_on(remove_demo(session, project))?;
    say(
        args,
        &format!("removed {containers} containers and {networks} networks of {project}"),
    );
    if args.clean {
        session.runtime.block_on(
            session
                .engine
                .remove_image(&crate::probe::rootfs::image_tag(), true),
        )?;
        say(args, "removed the agent image");
    }
    result
}

fn say(args: &DemoArgs, line: &str) {
    if !args.run.quiet {
        eprintln!("{line}");
    }
}

impl Run {
    fn run(&self) -> Result<Outcome, Error> {
        let engine = &self.session.engine;
        let runtime = &self.session.runtime;
        self.step("building the agent image");
        let (image, _) = runtime
            .block_on(ensure_image(
                engine.as_ref(),
                &self.session.agent_binary,
                false,
            ))
            .map_err(LiveError::from)?;
        let subnet = runtime.block_on(free_subnet(engine.as_ref()))?;
        let topology = demo_topology(&self.project, subnet)?;
        self.step(&format!(
            "creating the networks of {} on {subnet}",
            self.project
        ));
        self.apply(&topology)?;
        self.step("starting a placeholder per service");
        for service in &topology.services {
            self.check_cancelled()?;
            let spec = placeholder(&topology, service, &image, &self.project);
            runtime.block_on(engine.start_placeholder(&spec))?;
        }
        self.step("connecting the memberships");
        self.apply(&topology)?;
        self.wait_until_listening(&topology)?;
        if self.output == ProbeFormat::Table {
            print(&Table.render(&crate::matrix::reach(&topology)))?;
        }
        self.check_cancelled()?;
        let checks = crate::probe::plan::verify(&topology);
        let live = self.session.targets(&topology)?;
        let mut run = probe_with_progress(
            &self.session,
            &topology,
            live,
            &checks,
            &self.probe,
            self.output,
        )?;
        run.report.exposure = crate::probe::exposure::judge(&topology, &run.targets);
        report(&self.session, &run, self.output)
    }

    /// A placeholder listens a moment after its container starts. The demo proves the
    /// topology, not that race: it waits (at most `READY_WAIT`) until every declared port
    /// answers one peer, then verifies everything; whatever still fails then is reported.
    fn wait_until_listening(&self, topology: &Topology) -> Result<(), Error> {
        let readiness = one_tcp_check_per_port(&crate::probe::plan::verify(topology));
        let options = Options {
            timeout: self.probe.timeout,
            ..Options::default()
        };
        let deadline = std::time::Instant::now() + READY_WAIT;
        loop {
            self.check_cancelled()?;
            let report = self
                .session
                .probe(
                    topology,
                    &readiness,
                    choice(self.probe.strategy),
                    &options,
                    &mut |_, _| {},
                )?
                .report;
            if report.failed == 0 && report.skipped == 0 || std::time::Instant::now() >= deadline {
                return Ok(());
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
    }

    fn step(&self, what: &str) {
        if !self.probe.quiet {
            eprintln!("demo: {what}");
        }
    }

    fn check_cancelled(&self) -> Result<(), Error> {
        if self.cancelled.load(Ordering::SeqCst) {
            return Err(Error::Interrupted("the demo stopped"));
        }
        Ok(())
    }

    /// Observe, plan and apply: the same path as `netctl apply`, without asking.
    fn apply(&self, topology: &Topology) -> Result<(), Error> {
        self.check_cancelled()?;
        let engine = self.session.engine.as_ref();
        let journal = Journal::new(&std::env::temp_dir().join(&self.project));
        self.session.runtime.block_on(async {
            let scope = AliasScope {
                networks: topology
                    .networks
                    .iter()
                    .map(|n| n.settings.name.clone())
                    .collect(),
                all: false,
            };
            let observed = observe(engine, &scope).await?;
            let plan = crate::plan::diff(topology, &observed, &crate::plan::Options::default());
            if plan.is_blocked() {
                return Err(Error::Reported(format!(
                    "error: the demo's plan is blocked:\n{}",
                    plan.text()
                )));
            }
            let mut progress = Progress::new(ProgressMode::Quiet, plan.changes());
            crate::apply::run(&plan, engine, &journal, &mut progress).await?;
            Ok(())
        })
    }
}

/// The hub as this demo's instance: names prefixed, the fixed subnet moved, `web` owned.
/// The first reachable TCP check aimed at each (service, port): enough to know it listens.
fn one_tcp_check_per_port(checks: &[Check]) -> Vec<Check> {
    let mut seen = std::collections::BTreeSet::new();
    checks
        .iter()
        .filter(|check| check.expected == Expected::Reachable)
        .filter(|check| match &check.kind {
            CheckKind::Tcp { port } => seen.insert((check.to.clone(), *port)),
            _ => false,
        })
        .cloned()
        .collect()
}

fn demo_topology(project: &str, subnet: Ipv4Net) -> Result<Topology, Error> {
    let topology = load_str(HUB, "versatile-hub.yaml")?;
    let remap = SubnetRemap {
        from: HUB_SUBNET
            .parse()
            .map_err(|_| Error::Reported(HUB_SUBNET.to_owned()))?,
        to: IpNet::V4(subnet),
    };
    let instance = Instance {
        project: Some(project.to_owned()),
        remaps: vec![remap],
    };
    let mut topology = instantiate(topology, &instance)?;
    for network in topology.networks.iter_mut().filter(|n| n.external) {
        network.external = false;
        network.settings.name = format!("{project}-{}", network.key);
    }
    Ok(topology)
}

/// The service's placeholder, started on its first network with that membership's settings.
fn placeholder(
    topology: &Topology,
    service: &Service,
    image: &str,
    project: &str,
) -> PlaceholderSpec {
    let first = service.networks.first();
    let network = first
        .and_then(|m| topology.network(&m.network))
        .map_or_else(|| "none".to_owned(), |n| n.settings.name.clone());
    let health = service.health.as_ref().map(|h| h.port);
    let mut args = vec!["agent".to_owned(), "serve".to_owned()];
    for port in service.ports.iter().filter(|p| Some(**p) != health) {
        args.extend(["--tcp".to_owned(), port.to_string()]);
    }
    if let Some(port) = health {
        args.extend(["--http".to_owned(), port.to_string()]);
    }
    PlaceholderSpec {
        name: service.container.clone(),
        image: image.to_owned(),
        args,
        network,
        endpoint: EndpointSpec {
            aliases: first.map(|m| m.aliases.clone()).unwrap_or_default(),
            ipv4_address: first.and_then(|m| m.ipv4_address),
            ..EndpointSpec::default()
        },
        labels: BTreeMap::from([(PROJECT_LABEL.to_owned(), project.to_owned())]),
    }
}

/// Removes the demo's placeholders, then its networks: only what carries its project label
/// (and, for containers, the placeholder role).
async fn remove_demo(session: &Session<Engine>, project: &str) -> Result<(usize, usize), Error> {
    let engine = session.engine.as_ref();
    let ours = |labels: &BTreeMap<String, String>| {
        labels.get(PROJECT_LABEL).map(String::as_str) == Some(project)
    };
    let containers: Vec<String> = engine
        .containers()
        .await?
        .into_iter()
        .filter(|c| {
            ours(&c.labels)
                && c.labels.get(ROLE_LABEL).map(String::as_str) == Some(PLACEHOLDER_ROLE)
        })
        .map(|c| c.id)
        .collect();
    for id in &containers {
        engine.remove_container(id).await?;
    }
    let networks: Vec<String> = engine
        .networks()
        .await?
        .into_iter()
        .filter(|n| ours(&n.settings.labels))
        .map(|n| n.id)
        .collect();
    for id in &networks {
        engine.remove_network(id).await?;
    }
    Ok((containers.len(), networks.len()))
}

/// A /24 in 10.213.0.0/16 that no Docker network uses and the host does not route.
async fn free_subnet(engine: &impl Networks) -> Result<Ipv4Net, Error> {
    let mut taken: Vec<IpNet> = engine
        .networks()
        .await?
        .iter()
        .flat_map(|n| n.settings.ipam.pools.iter().map(|p| p.subnet))
        .collect();
    taken.extend(host_routes());
    let start = random24() % 256;
    (0..256)
        .map(|i| (start + i) % 256)
        .filter_map(|third| {
            let third = u8::try_from(third).ok()?;
            Ipv4Net::new(Ipv4Addr::new(DEMO_RANGE.0, DEMO_RANGE.1, third, 0), 24).ok()
        })
        .find(|candidate| {
            let candidate = IpNet::V4(*candidate);
            !taken
                .iter()
                .any(|t| t.contains(&candidate) || candidate.contains(t))
        })
        .ok_or_else(|| {
            Error::Reported("error: no free /24 in 10.213.0.0/16 for the demo".to_owned())
        })
}

fn host_routes() -> Vec<IpNet> {
    parse_routes(&std::fs::read_to_string("/proc/net/route").unwrap_or_default())
}

/// The routes of a /proc/net/route table (little-endian hex destination and mask); the
/// default route is left out, as it would cover every candidate.
fn parse_routes(table: &str) -> Vec<IpNet> {
    table
        .lines()
        .skip(1)
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let destination = u32::from_str_radix(fields.get(1)?, 16).ok()?;
            let mask = u32::from_str_radix(fields.get(7)?, 16).ok()?;
            let prefix = u8::try_from(mask.count_ones()).ok()?;
            let address = Ipv4Addr::from(destination.to_le_bytes());
            (prefix > 0)
                .then(|| Ipv4Net::new(address, prefix).ok().map(IpNet::V4))
                .flatten()
        })
        .collect()
}

/// Enough randomness for a name that does not collide with a concurrent demo.
fn random24() -> u32 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    (nanos ^ std::process::id().rotate_left(16)) & 0xff_ffff
}

#[cfg(test)]
mod tests {

    #[test]
    fn readiness_takes_one_reachable_tcp_check_per_listening_port() {
        let topology =
            demo_topology("netctl-demo-abc123", "10.213.7.0/24".parse().unwrap()).unwrap();
        let readiness = one_tcp_check_per_port(&crate::probe::plan::verify(&topology));
        let declared: usize = topology.services.iter().map(|s| s.ports.len()).sum();
        assert_eq!(readiness.len(), declared);
        assert!(
            readiness
                .iter()
                .all(|c| c.expected == Expected::Reachable
                    && matches!(c.kind, CheckKind::Tcp { .. }))
        );
    }

    use super::*;

    #[test]
    fn the_demo_instance_owns_every_network_and_moves_the_fixed_subnet() {
        let subnet: Ipv4Net = "10.213.7.0/24".parse().unwrap();
        let topology = demo_topology("netctl-demo-abc123", subnet).unwrap();
        assert!(topology.networks.iter().all(|n| !n.external));
        assert_eq!(
            topology.network("web").unwrap().settings.name,
            "netctl-demo-abc123-web"
        );
        let hub = topology.network("hub-internal").unwrap();
        assert_eq!(hub.settings.ipam.pools[0].subnet, IpNet::V4(subnet));
        let agent = topology.service("agent").unwrap();
        assert_eq!(agent.container, "netctl-demo-abc123-agent");
    }

    #[test]
    fn a_placeholder_serves_its_ports_on_its_first_network_with_that_membership() {
        let subnet: Ipv4Net = "10.213.7.0/24".parse().unwrap();
        let topology = demo_topology("netctl-demo-abc123", subnet).unwrap();
        let backend = topology.service("hub-backend").unwrap();
        let spec = placeholder(&topology, backend, "netctl-agent:0", "netctl-demo-abc123");
        assert_eq!(spec.args, ["agent", "serve", "--tcp", "8000"]);
        assert_eq!(spec.network, "netctl-demo-abc123-shared");
        assert_eq!(spec.endpoint.aliases, ["hub-api"]);
        assert_eq!(spec.labels[PROJECT_LABEL], "netctl-demo-abc123");
    }

    #[test]
    fn host_routes_read_from_proc_net_route_without_the_default() {
        let table = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\n\
                     eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\n\
                     docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\n";
        assert_eq!(
            parse_routes(table),
            vec!["172.17.0.0/16".parse::<IpNet>().unwrap()]
        );
    }
}
