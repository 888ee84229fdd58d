//! The probe lab on a sandbox: internal networks on free /24s of the lab's range, agent
//! containers serving their ports (the sandbox's agent image), and the probe seams the docker
//! layer provides, played by the docker CLI (names as arguments, never through a shell).

use super::docker::{docker, docker_ok};
use super::sandbox::Sandbox;
use netctl::live::{Container, Endpoint, NetworkMode};
use netctl::probe::{ExecOutput, Executor, SidecarRunner, SourceFailure, Target};
use netctl::topology::{Topology, load_str};
use std::io::Write;
use std::process::{Command, Stdio};

/// The lab's address range: a /24 per network, picked by the subnet allocator.
const RANGE: &str = "10.214.0.0/16";

/// The services of [`small_hub`], for `Sandbox::targets`.
pub const SMALL_HUB: [&str; 5] = [
    "agent",
    "chat-bridge",
    "chat-postgres",
    "hub-backend",
    "hub-db",
];

/// The hub's shape with the lab's names: agent and chat-bridge meet on `shared`, hub-backend
/// is on `shared` (alias hub-api) and `hub-internal` (alias backend), the databases are alone.
pub fn small_hub(lab: &mut Sandbox) -> Topology {
    load_str(&small_hub_yaml(lab), "lab.yaml").expect("the small hub loads")
}

/// As [`small_hub`], as the topology file's text, for tests that drive the CLI.
pub fn small_hub_yaml(lab: &mut Sandbox) -> String {
    for key in ["web", "shared", "chat-internal", "hub-internal"] {
        lab.lab_network(key);
    }
    lab.service(
        "agent",
        &[("web", &[]), ("shared", &[])],
        &[8080],
        Some(8080),
    );
    lab.service(
        "chat-bridge",
        &[("web", &[]), ("shared", &[]), ("chat-internal", &[])],
        &[8090],
        None,
    );
    lab.service("chat-postgres", &[("chat-internal", &[])], &[5432], None);
    lab.service(
        "hub-backend",
        &[("shared", &["hub-api"]), ("hub-internal", &["backend"])],
        &[8000],
        None,
    );
    lab.service("hub-db", &[("hub-internal", &[])], &[5432], None);
    let run = &lab.id;
    format!(
        "version: 1
project: {run}
networks:
  web: {{name: {run}-web, internal: true}}
  shared: {{name: {run}-shared, internal: true}}
  chat-internal: {{name: {run}-chat-internal, internal: true}}
  hub-internal: {{name: {run}-hub-internal, internal: true}}
services:
  agent:
    container: {run}-agent
    networks: [web, shared]
    ports: [8080]
    health: {{port: 8080, path: /health}}
  chat-bridge: {{container: {run}-chat-bridge, networks: [web, shared, chat-internal], ports: [8090]}}
  chat-postgres: {{container: {run}-chat-postgres, networks: [chat-internal], ports: [5432]}}
  hub-backend:
    container: {run}-hub-backend
    networks:
      shared: {{aliases: [hub-api]}}
      hub-internal: {{aliases: [backend]}}
    ports: [8000]
  hub-db: {{container: {run}-hub-db, networks: [hub-internal], ports: [5432]}}
expect:
  - {{from: chat-postgres, to: hub-db, reachable: false}}
"
    )
}

const HUB: &str = include_str!("../../topologies/versatile-hub.yaml");

/// Starts one agent per service, listening on its ports, with the file's memberships and
/// aliases; returns the topology renamed to the lab's networks and containers.
pub fn versatile_hub(lab: &mut Sandbox) -> Topology {
    let mut topology = load_str(HUB, "versatile-hub.yaml").expect("the hub loads");
    for network in &mut topology.networks {
        network.settings.name = lab.lab_network(&network.key);
    }
    for service in &mut topology.services {
        let memberships: Vec<(&str, Vec<&str>)> = service
            .networks
            .iter()
            .map(|m| {
                (
                    m.network.as_str(),
                    m.aliases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let with_aliases: Vec<(&str, &[&str])> = memberships
            .iter()
            .map(|(key, aliases)| (*key, aliases.as_slice()))
            .collect();
        lab.service(&service.key, &with_aliases, &service.ports, None);
        service.container = lab.name(&service.key);
    }
    topology
}

impl Sandbox {
    /// An internal network (nothing leaves it) named `<id>-<key>`, on a free /24 of the lab's
    /// range; a subnet someone took since the allocator looked is skipped.
    pub fn lab_network(&mut self, key: &str) -> String {
        let name = self.name(key);
        for _ in 0..8 {
            let subnet = self.free_subnet(RANGE);
            let label = self.label();
            let output = docker(&[
                "network",
                "create",
                "--internal",
                "--subnet",
                &subnet,
                "--label",
                &label,
                &name,
            ]);
            if output.status.success() {
                self.keyed.push((key.to_owned(), name.clone()));
                return name;
            }
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("overlaps"),
                "docker network create {name}: {stderr}"
            );
        }
        panic!("no free /24 in {RANGE} for {name}");
    }

    /// An agent container `<id>-<service>` on `networks` (`(key, aliases)`, the first at
    /// creation), serving `tcp` and `http`; returns once it listens.
    pub fn service(
        &mut self,
        service: &str,
        networks: &[(&str, &[&str])],
        tcp: &[u16],
        http: Option<u16>,
    ) {
        let name = self.name(service);
        let (first, rest) = networks.split_first().expect("at least one network");
        let mut args: Vec<String> = ["run", "-d", "--name", &name].map(str::to_owned).to_vec();
        args.extend(["--label".to_owned(), self.label()]);
        args.extend([
            "--label".to_owned(),
            "io.netctl.role=placeholder".to_owned(),
        ]);
        args.extend(["--network".to_owned(), self.name(first.0)]);
        for alias in first.1 {
            args.extend(["--network-alias".to_owned(), (*alias).to_owned()]);
        }
        args.extend([
            self.agent_image().to_owned(),
            "agent".to_owned(),
            "serve".to_owned(),
        ]);
        for port in tcp {
            args.extend(["--tcp".to_owned(), port.to_string()]);
        }
        if let Some(port) = http {
            args.extend(["--http".to_owned(), port.to_string()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        docker_ok(&refs);
        for (key, aliases) in rest {
            self.connect(service, key, aliases);
        }
        let ports: Vec<u16> = tcp.iter().copied().chain(http).collect();
        wait_until_listening(&name, &ports);
    }

    /// A busybox container `<id>-<service>` on the lab network `key` that answers every
    /// connection to `port` with `answer` (the test's own fixed text, a `printf` format such
    /// as `HTTP/1.0 200 OK\r\n\r\n`) once it has read the request's head, and writes
    /// the request line to its log ([`Sandbox::logs`]); returns once it listens.
    pub fn http_stub(&self, service: &str, key: &str, port: u16, answer: &str) {
        const ANSWER: &str = r#"read -r first; echo "request: $first" >&2; cr="$(printf '\r')"; while read -r line && [ "$line" != "$cr" ]; do :; done; printf "$0""#;
        let name = self.name(service);
        let (label, network, listen) = (self.label(), self.name(key), port.to_string());
        docker_ok(&[
            "run",
            "-d",
            "--name",
            &name,
            "--label",
            &label,
            "--network",
            &network,
            super::image::placeholder(),
            "nc",
            "-ll",
            "-p",
            &listen,
            "-e",
            "sh",
            "-c",
            ANSWER,
            answer,
        ]);
        wait_until_listening(&name, &[port]);
    }

    /// The lines a lab container wrote to its log (stdout and stderr).
    pub fn logs(&self, service: &str) -> String {
        let output = docker(&["logs", &self.name(service)]);
        format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    }

    pub fn connect(&self, service: &str, key: &str, aliases: &[&str]) {
        let (network, container) = (self.name(key), self.name(service));
        let mut args = vec!["network", "connect"];
        for alias in aliases {
            args.extend(["--alias", alias]);
        }
        args.extend([network.as_str(), container.as_str()]);
        docker_ok(&args);
    }

    pub fn disconnect(&self, service: &str, key: &str) {
        docker_ok(&[
            "network",
            "disconnect",
            &self.name(key),
            &self.name(service),
        ]);
    }

    /// Stops the container, with a grace period that only a PID 1 ignoring SIGTERM would need.
    pub fn stop(&self, service: &str) {
        docker_ok(&["stop", "--time", "10", &self.name(service)]);
    }

    /// What the docker layer will fill, read here with the docker CLI: the container with
    /// its pid and its endpoints, the lab's networks first (by key), then any other.
    pub fn target(&self, service: &str) -> Target {
        let name = self.name(service);
        let inspect = super::docker::inspect_container(&name);
        let pid = inspect["State"]["Pid"].as_u64().filter(|pid| *pid > 0);
        let mut endpoints = endpoints(&inspect);
        let rank = |network: &str| {
            self.keyed
                .iter()
                .position(|(_, n)| n == network)
                .unwrap_or(usize::MAX)
        };
        endpoints.sort_by_key(|e| (rank(&e.network_name), e.network_name.clone()));
        let keys = endpoints
            .iter()
            .filter_map(|e| {
                let (key, _) = self.keyed.iter().find(|(_, n)| *n == e.network_name)?;
                Some((e.network_id.clone(), key.clone()))
            })
            .collect();
        Target {
            service: service.to_owned(),
            container: Container {
                id: inspect["Id"].as_str().unwrap_or_default().to_owned(),
                name,
                running: pid.is_some(),
                pid: pid.map(|pid| u32::try_from(pid).expect("a pid fits u32")),
                labels: Default::default(),
                network_mode: NetworkMode::Own,
                endpoints,
                published: Vec::new(),
            },
            keys,
            quiet: Default::default(),
            siblings: Vec::new(),
        }
    }

    pub fn targets(&self, services: &[&str]) -> Vec<Target> {
        services
            .iter()
            .map(|service| self.target(service))
            .collect()
    }

    /// The sidecar runner of the docker layer, played by the docker CLI with this sandbox's
    /// agent image.
    pub fn sidecar(&self) -> CliSidecar {
        CliSidecar {
            image: self.agent_image().to_owned(),
            label: self.label(),
        }
    }
}

/// A container's endpoints from `docker inspect`, unordered.
fn endpoints(inspect: &serde_json::Value) -> Vec<Endpoint> {
    let attached = inspect["NetworkSettings"]["Networks"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    attached
        .iter()
        .map(|(network, endpoint)| Endpoint {
            network_id: endpoint["NetworkID"]
                .as_str()
                .unwrap_or_default()
                .to_owned(),
            network_name: network.clone(),
            aliases: endpoint["Aliases"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|a| a.as_str().map(str::to_owned))
                .collect(),
            ipv4_address: None,
            ipv6_address: None,
            mac_address: None,
            addresses: endpoint["IPAddress"]
                .as_str()
                .and_then(|a| a.parse().ok())
                .into_iter()
                .collect(),
        })
        .collect()
}

/// The sidecar runner the docker layer will provide, with the docker CLI: the agent image in
/// the source's network namespace, every capability dropped but NET_RAW, read-only, removed on
/// exit, labelled as netctl's sidecar and as this sandbox's.
pub struct CliSidecar {
    pub image: String,
    /// `io.netctl.test=<sandbox id>`.
    pub label: String,
}

impl SidecarRunner for CliSidecar {
    fn run(
        &self,
        source: &Target,
        args: &[String],
        labels: &[(String, String)],
    ) -> Result<Vec<u8>, SourceFailure> {
        let mut command = Command::new("docker");
        command.args([
            "run",
            "--rm",
            "--network",
            &format!("container:{}", source.container.name),
        ]);
        command.args(["--cap-drop", "ALL", "--cap-add", "NET_RAW", "--read-only"]);
        command.args(["--label", &self.label]);
        for (key, value) in labels {
            command.args(["--label", &format!("{key}={value}")]);
        }
        let output = command
            .arg(&self.image)
            .args(args)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned().into());
        }
        Ok(output.stdout)
    }
}

/// The executor the docker layer provides, played by the docker CLI: `docker exec` without a
/// shell or a TTY; with `-i` and the bytes on its stdin (then closed) when there are some.
pub struct CliExec;

impl Executor for CliExec {
    fn exec(
        &self,
        container: &str,
        argv: &[String],
        stdin: Option<&[u8]>,
    ) -> Result<ExecOutput, SourceFailure> {
        let mut command = Command::new("docker");
        command.arg("exec");
        if stdin.is_some() {
            command.arg("-i");
        }
        let mut child = command
            .arg(container)
            .args(argv)
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        if let (Some(bytes), Some(mut input)) = (stdin, child.stdin.take()) {
            // A command that ended before reading (a refused connection) closed its input:
            // its output says what happened.
            let _ = input.write_all(bytes);
        }
        let output = child.wait_with_output().map_err(|e| e.to_string())?;
        Ok(ExecOutput {
            status: i64::from(output.status.code().unwrap_or(-1)),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

/// An agent listens a moment after its container starts; a test proves the network, not that
/// race. Reads the container's own socket table from the host (`/proc/PID/net/tcp`, state
/// 0A = LISTEN), so waiting sends no traffic. Gives up after 10 s and lets the test report it.
fn wait_until_listening(container: &str, ports: &[u16]) {
    let pid = docker_ok(&["inspect", "-f", "{{.State.Pid}}", container])
        .trim()
        .to_owned();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while std::time::Instant::now() < deadline {
        let table = std::fs::read_to_string(format!("/proc/{pid}/net/tcp")).unwrap_or_default();
        let listening = |port: &u16| {
            let local = format!(":{port:04X} ");
            table
                .lines()
                .any(|line| line.contains(&local) && line.split_whitespace().nth(3) == Some("0A"))
        };
        if ports.iter().all(listening) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
