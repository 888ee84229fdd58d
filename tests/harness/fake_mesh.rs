//! A mesh of running services on the fake daemon whose probe sidecars answer as Docker would,
//! for verify at a scale no live daemon holds (tests/fake_probe.rs, benches/verify_memory.rs).
//!
//! Service i sits on network i mod N (N = one per 200 services, /20 subnets of 10.64.0.0/12)
//! and every tenth also on the next one, with port 8000, as scripts/bench-verify-scale.sh lays
//! out its live lab. The sidecar answers a probe from a source the way the daemon's network
//! does: a name resolves to the target's addresses on the networks the two share (else
//! NXDOMAIN), and an address answers when the source is on its network (else silence).

use netctl::fake::{FakeDaemon, Seed, SidecarScript};
use netctl::live::{EndpointSpec, Ipam, NetworkSettings, Pool};
use netctl::probe::live::Session;
use netctl::probe::sidecar::SidecarOutput;
use netctl::probe::{Attempt, Outcome, Probe, Target};
use netctl::topology::{Topology, load_str};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

/// Services per network, so that the mesh has networks of a realistic size.
const PER_NETWORK: usize = 200;

/// Which network each container is on, with its address there, by container name; and the
/// network of each address. Filled once every container runs.
#[derive(Default)]
struct Wiring {
    endpoints: HashMap<String, Vec<(String, IpAddr)>>,
    network_of: HashMap<IpAddr, String>,
}

/// The session, the topology it verifies, and the folder holding the agent binary.
pub struct FakeMesh {
    pub session: Session<FakeDaemon>,
    pub topology: Topology,
    pub targets: Vec<Target>,
    _agent: tempfile::TempDir,
}

impl FakeMesh {
    /// `services` running services, read back as targets the way `verify` reads them.
    pub fn new(services: usize) -> FakeMesh {
        let wiring: Arc<OnceLock<Wiring>> = Arc::default();
        let daemon = FakeDaemon::new().with_sidecar(docker_like(Arc::clone(&wiring)));
        let networks = services.div_ceil(PER_NETWORK).max(1);
        let runtime = runtime();
        for network in 0..networks {
            runtime
                .block_on(netctl::apply::Networks::create_network(
                    &daemon,
                    &settings(network),
                ))
                .expect("a mesh network");
        }
        for service in 0..services {
            let mut seed = Seed::running(&container(service));
            for network in memberships(service, networks) {
                seed = seed.on(&network_name(network), EndpointSpec::default());
            }
            daemon.seed(seed).expect("a mesh container");
        }
        let topology = load_str(&yaml(services, networks), "mesh.yaml").expect("the mesh file");
        let (session, agent) = session(daemon, runtime);
        let targets = session.targets(&topology).expect("the mesh's containers");
        let _ = wiring.set(wiring_of(&targets));
        FakeMesh {
            session,
            topology,
            targets,
            _agent: agent,
        }
    }
}

fn container(service: usize) -> String {
    format!("mesh-s{service}")
}

fn network_name(network: usize) -> String {
    format!("mesh-n{network}")
}

/// A /20 of 10.64.0.0/12 per network: room for every member.
fn subnet(network: usize) -> String {
    format!("10.{}.{}.0/20", 64 + network / 16, (network % 16) * 16)
}

fn memberships(service: usize, networks: usize) -> Vec<usize> {
    let first = service % networks;
    if service.is_multiple_of(10) && networks > 1 {
        vec![first, (first + 1) % networks]
    } else {
        vec![first]
    }
}

fn settings(network: usize) -> NetworkSettings {
    NetworkSettings {
        name: network_name(network),
        driver: "bridge".to_owned(),
        internal: true,
        ipam: Ipam {
            pools: vec![Pool {
                subnet: subnet(network).parse().expect("a subnet"),
                gateway: None,
                ip_range: None,
                aux_addresses: Default::default(),
            }],
            ..Default::default()
        },
        ..NetworkSettings::default()
    }
}

fn yaml(services: usize, networks: usize) -> String {
    let mut yaml = String::from("version: 1\nproject: mesh\nnetworks:\n");
    for network in 0..networks {
        yaml += &format!(
            "  n{network}: {{name: {}, internal: true, subnet: {}}}\n",
            network_name(network),
            subnet(network)
        );
    }
    yaml += "services:\n";
    for service in 0..services {
        let keys: Vec<String> = memberships(service, networks)
            .iter()
            .map(|n| format!("n{n}"))
            .collect();
        yaml += &format!(
            "  s{service}: {{container: {}, networks: [{}], ports: [8000]}}\n",
            container(service),
            keys.join(", ")
        );
    }
    yaml
}

fn wiring_of(targets: &[Target]) -> Wiring {
    let mut wiring = Wiring::default();
    for target in targets {
        let endpoints: Vec<(String, IpAddr)> = target
            .container
            .endpoints
            .iter()
            .flat_map(|e| e.addresses.iter().map(|a| (e.network_name.clone(), *a)))
            .collect();
        for (network, address) in &endpoints {
            wiring.network_of.insert(*address, network.clone());
        }
        wiring
            .endpoints
            .insert(target.container.name.clone(), endpoints);
    }
    wiring
}

/// Answers each probe of the sidecar's source as the daemon's network would.
fn docker_like(wiring: Arc<OnceLock<Wiring>>) -> SidecarScript {
    Box::new(move |spec| {
        let wiring = wiring
            .get()
            .expect("the mesh is wired before it is verified");
        let at = spec.args.iter().position(|a| a == "--probes");
        let probes: Vec<Probe> = at
            .and_then(|at| serde_json::from_str(spec.args.get(at + 1)?).ok())
            .unwrap_or_default();
        let on: Vec<&str> = wiring
            .endpoints
            .get(&spec.source)
            .map(|e| e.iter().map(|(network, _)| network.as_str()).collect())
            .unwrap_or_default();
        let attempts: Vec<Vec<Attempt>> = probes
            .iter()
            .map(|probe| {
                vec![Attempt {
                    outcome: answer(wiring, &on, probe),
                    elapsed: Duration::from_micros(300),
                }]
            })
            .collect();
        SidecarOutput {
            stdout: serde_json::to_vec(&attempts).unwrap_or_default(),
            stderr: Vec::new(),
        }
    })
}

fn answer(wiring: &Wiring, on: &[&str], probe: &Probe) -> Outcome {
    match probe {
        Probe::Dns { name } => {
            let seen: Vec<IpAddr> = wiring
                .endpoints
                .get(name)
                .into_iter()
                .flatten()
                .filter(|(network, _)| on.contains(&network.as_str()))
                .map(|(_, address)| *address)
                .collect();
            if seen.is_empty() {
                Outcome::NxDomain
            } else {
                Outcome::Resolved(seen)
            }
        }
        Probe::Icmp { address } | Probe::Tcp { address, .. } | Probe::Http { address, .. } => {
            match wiring.network_of.get(address) {
                Some(network) if on.contains(&network.as_str()) => Outcome::Answered,
                _ => Outcome::TimedOut,
            }
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// A session whose agent binary is the smallest static ELF file (a header with no program
/// table): the image is made of it in no time. The folder holding it lives as long.
fn session(
    daemon: FakeDaemon,
    runtime: tokio::runtime::Runtime,
) -> (Session<FakeDaemon>, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("a temporary folder");
    let agent = folder.path().join("netctl");
    let mut elf = vec![0_u8; 64];
    elf[..6].copy_from_slice(b"\x7fELF\x02\x01");
    std::fs::write(&agent, elf).expect("the agent binary");
    (Session::new(runtime, daemon, false, agent), folder)
}
