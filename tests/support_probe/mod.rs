//! The live-test lab for probes: networks and agent containers of the test's own, made with the
//! `docker` CLI (names as arguments, never through a shell), removed by a guard even on panic.

#![allow(clippy::unwrap_used, dead_code)]

#[path = "../live_lock/mod.rs"]
mod live_lock;

use netctl::live::{Container, Endpoint, NetworkMode};
use netctl::probe::{ExecOutput, Executor, SidecarRunner, Target};
use netctl::topology::{Topology, load_str};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The tests' own address range: 10.214.X.0/24, X picked per network until the daemon agrees.
const SUBNET_PREFIX: &str = "10.214";

/// The services of [`small_hub`], for `Lab::targets`.
pub const SMALL_HUB: [&str; 5] = [
    "agent",
    "chat-bridge",
    "chat-postgres",
    "hub-backend",
    "hub-db",
];

/// The hub's shape with the lab's names: agent and chat-bridge meet on `shared`, hub-backend
/// is on `shared` (alias hub-api) and `hub-internal` (alias backend), the databases are alone.
pub fn small_hub(lab: &mut Lab) -> Topology {
    load_str(&small_hub_yaml(lab), "lab.yaml").unwrap()
}

/// As [`small_hub`], as the topology file's text, for tests that drive the CLI.
pub fn small_hub_yaml(lab: &mut Lab) -> String {
    for key in ["web", "shared", "chat-internal", "hub-internal"] {
        lab.network(key);
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
    let run = &lab.run;
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
pub fn versatile_hub(lab: &mut Lab) -> Topology {
    let mut topology = load_str(HUB, "versatile-hub.yaml").unwrap();
    for network in &mut topology.networks {
        network.settings.name = lab.network(&network.key);
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
        service.container = lab.container_name(&service.key);
    }
    topology
}

/// Everything one test created; dropping it removes exactly that, newest first.
pub struct Lab {
    pub run: String,
    pub image: String,
    /// `(key, daemon name)` in creation order: the topology's network order.
    networks: Vec<(String, String)>,
    containers: Vec<String>,
    /// The machine-wide live-test lock, released once `Drop` has removed everything.
    _serial: std::fs::File,
}

impl Lab {
    /// Builds the agent image from this build's netctl (dynamically linked, so the rootfs
    /// carries its loader and libraries): the tests always probe the code under test.
    pub fn new() -> Lab {
        Lab::build(false)
    }

    /// The agent image plus Debian's static busybox and the applets the exec strategy runs, so
    /// placeholders really have the tools.
    pub fn with_busybox() -> Lab {
        Lab::build(true)
    }

    fn build(busybox: bool) -> Lab {
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let run = format!(
            "np{:06x}",
            (nanos ^ std::process::id().rotate_left(12)) & 0xff_ffff
        );
        let image = format!("netctl-agent-test:{run}");
        let lab = Lab {
            run,
            image,
            networks: Vec::new(),
            containers: Vec::new(),
            _serial: live_lock::acquire(),
        };
        lab.import_image(busybox);
        lab
    }

    fn import_image(&self, busybox: bool) {
        let rootfs = Command::new(env!("CARGO_BIN_EXE_netctl"))
            .args(["agent", "rootfs"])
            .output()
            .unwrap();
        assert!(rootfs.status.success(), "netctl agent rootfs failed");
        let tar = if busybox {
            with_busybox(&rootfs.stdout)
        } else {
            rootfs.stdout
        };
        let mut import = Command::new("docker");
        import.args(["import", "--change", r#"ENTRYPOINT ["/netctl"]"#]);
        import.args(["--change", r#"CMD ["agent", "serve"]"#]);
        import.args(["--change", &format!("LABEL io.netctl.test={}", self.run)]);
        import.args(["-", &self.image]);
        let mut child = import
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(&tar).unwrap();
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "docker import failed: is the Docker daemon running?"
        );
    }

    pub fn network_name(&self, key: &str) -> String {
        format!("{}-{key}", self.run)
    }

    pub fn container_name(&self, service: &str) -> String {
        format!("{}-{service}", self.run)
    }

    /// An internal network (nothing leaves it), on a /24 of the tests' own range.
    pub fn network(&mut self, key: &str) -> String {
        let name = self.network_name(key);
        let routed = host_routes();
        let start = usize::from_str_radix(&self.run[2..], 16).unwrap() + self.networks.len() * 37;
        for attempt in 0..250 {
            let subnet = format!("{SUBNET_PREFIX}.{}.0/24", (start + attempt * 7) % 250 + 1);
            if routed.contains(&subnet) {
                continue;
            }
            let output = docker(&[
                "network",
                "create",
                "--internal",
                "--subnet",
                &subnet,
                "--label",
                &format!("io.netctl.test={}", self.run),
                &name,
            ]);
            if output.status.success() {
                self.networks.push((key.to_owned(), name.clone()));
                return name;
            }
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("overlaps"),
                "docker network create {name}: {stderr}"
            );
        }
        panic!("no free /24 in {SUBNET_PREFIX}.0.0/16 for {name}");
    }

    /// An agent container on `networks` (`(key, aliases)`, the first at creation).
    pub fn service(
        &mut self,
        service: &str,
        networks: &[(&str, &[&str])],
        tcp: &[u16],
        http: Option<u16>,
    ) {
        let name = self.container_name(service);
        let (first, rest) = networks.split_first().expect("at least one network");
        let mut args: Vec<String> = ["run", "-d", "--name", &name].map(str::to_owned).to_vec();
        args.extend(["--label".to_owned(), format!("io.netctl.test={}", self.run)]);
        args.extend([
            "--label".to_owned(),
            "io.netctl.role=placeholder".to_owned(),
        ]);
        args.extend(["--network".to_owned(), self.network_name(first.0)]);
        for alias in first.1 {
            args.extend(["--network-alias".to_owned(), (*alias).to_owned()]);
        }
        args.extend([self.image.clone(), "agent".to_owned(), "serve".to_owned()]);
        for port in tcp {
            args.extend(["--tcp".to_owned(), port.to_string()]);
        }
        if let Some(port) = http {
            args.extend(["--http".to_owned(), port.to_string()]);
        }
        let refs: Vec<&str> = args.iter().map(String::as_str).collect();
        self.containers.push(name.clone());
        check(&refs);
        for (key, aliases) in rest {
            self.connect(service, key, aliases);
        }
        let ports: Vec<u16> = tcp.iter().copied().chain(http).collect();
        wait_until_listening(&name, &ports);
    }

    pub fn connect(&self, service: &str, key: &str, aliases: &[&str]) {
        let (network, container) = (self.network_name(key), self.container_name(service));
        let mut args = vec!["network", "connect"];
        for alias in aliases {
            args.extend(["--alias", alias]);
        }
        args.extend([network.as_str(), container.as_str()]);
        check(&args);
    }

    pub fn disconnect(&self, service: &str, key: &str) {
        check(&[
            "network",
            "disconnect",
            &self.network_name(key),
            &self.container_name(service),
        ]);
    }

    /// Stops the container, with a grace period that only a PID 1 ignoring SIGTERM would need.
    pub fn stop(&self, service: &str) {
        check(&["stop", "--time", "10", &self.container_name(service)]);
    }

    /// What the docker layer will fill, read here with the docker CLI: the container with
    /// its pid and its endpoints, the lab's networks first (by key), then any other.
    pub fn target(&self, service: &str) -> Target {
        let name = self.container_name(service);
        let output = check(&["inspect", &name]);
        let inspect: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let inspect = &inspect[0];
        let pid = inspect["State"]["Pid"].as_u64().filter(|pid| *pid > 0);
        let attached = inspect["NetworkSettings"]["Networks"]
            .as_object()
            .cloned()
            .unwrap_or_default();
        let rank = |network: &str| {
            self.networks
                .iter()
                .position(|(_, n)| n == network)
                .unwrap_or(usize::MAX)
        };
        let mut endpoints: Vec<Endpoint> = attached
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
            .collect();
        endpoints.sort_by_key(|e| (rank(&e.network_name), e.network_name.clone()));
        let keys = endpoints
            .iter()
            .filter_map(|e| {
                let (key, _) = self.networks.iter().find(|(_, n)| *n == e.network_name)?;
                Some((e.network_id.clone(), key.clone()))
            })
            .collect();
        Target {
            service: service.to_owned(),
            container: Container {
                id: inspect["Id"].as_str().unwrap_or_default().to_owned(),
                name,
                running: pid.is_some(),
                pid: pid.map(|pid| u32::try_from(pid).unwrap()),
                labels: Default::default(),
                network_mode: NetworkMode::Own,
                endpoints,
                published: Vec::new(),
            },
            keys,
            quiet: Default::default(),
        }
    }

    /// As [`Lab::labelled_containers`], for Drop, which must not panic.
    fn labelled_containers_quietly(&self) -> Vec<String> {
        let filter = format!("label=io.netctl.test={}", self.run);
        let output = docker(&["ps", "-aq", "--filter", &filter]);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }

    pub fn targets(&self, services: &[&str]) -> Vec<Target> {
        services
            .iter()
            .map(|service| self.target(service))
            .collect()
    }
}

/// The sidecar runner the docker layer will provide, with the docker CLI: the agent image in
/// the source's network namespace, every capability dropped but NET_RAW, read-only, removed on
/// exit, labelled as netctl's sidecar and as this lab's.
pub struct CliSidecar {
    pub image: String,
    pub run: String,
}

impl SidecarRunner for CliSidecar {
    fn run(
        &self,
        source: &Target,
        args: &[String],
        labels: &[(String, String)],
    ) -> Result<Vec<u8>, String> {
        let mut command = Command::new("docker");
        command.args([
            "run",
            "--rm",
            "--network",
            &format!("container:{}", source.container.name),
        ]);
        command.args(["--cap-drop", "ALL", "--cap-add", "NET_RAW", "--read-only"]);
        command.args(["--label", &format!("io.netctl.test={}", self.run)]);
        for (key, value) in labels {
            command.args(["--label", &format!("{key}={value}")]);
        }
        let output = command
            .arg(&self.image)
            .args(args)
            .output()
            .map_err(|e| e.to_string())?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        Ok(output.stdout)
    }
}

/// The executor the docker layer will provide, with the docker CLI: `docker exec` without a
/// shell, a TTY or stdin.
pub struct CliExec;

impl Executor for CliExec {
    fn exec(&self, container: &str, argv: &[String]) -> Result<ExecOutput, String> {
        let output = Command::new("docker")
            .arg("exec")
            .arg(container)
            .args(argv)
            .stdin(Stdio::null())
            .output()
            .map_err(|e| e.to_string())?;
        Ok(ExecOutput {
            status: i64::from(output.status.code().unwrap_or(-1)),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        })
    }
}

impl Lab {
    pub fn sidecar(&self) -> CliSidecar {
        CliSidecar {
            image: self.image.clone(),
            run: self.run.clone(),
        }
    }

    /// Every container carrying this lab's label, sidecars included.
    pub fn labelled_containers(&self) -> Vec<String> {
        let filter = format!("label=io.netctl.test={}", self.run);
        let output = check(&["ps", "-aq", "--filter", &filter]);
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .map(str::to_owned)
            .collect()
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for container in self.containers.iter().rev() {
            let _ = docker(&["rm", "-f", "-v", container]);
        }
        for container in self.labelled_containers_quietly() {
            let _ = docker(&["rm", "-f", "-v", &container]);
        }
        for (_, network) in self.networks.iter().rev() {
            let _ = docker(&["network", "rm", network]);
        }
        let _ = docker(&["image", "rm", &self.image]);
    }
}

/// The applets the exec strategy calls, linked to `/bin/busybox`.
const APPLETS: [&str; 6] = ["sh", "nslookup", "ping", "nc", "wget", "timeout"];

/// Re-writes the agent's rootfs with `/bin/busybox` (from busybox-static) and its applets.
fn with_busybox(agent_rootfs: &[u8]) -> Vec<u8> {
    let mut builder = tar::Builder::new(Vec::new());
    let mut archive = tar::Archive::new(agent_rootfs);
    for entry in archive.entries().unwrap() {
        let mut entry = entry.unwrap();
        let header = entry.header().clone();
        builder.append(&header, &mut entry).unwrap();
    }
    let busybox = std::fs::read("/bin/busybox").expect("/bin/busybox: run scripts/ci-deps.sh");
    let mut directory = tar::Header::new_gnu();
    directory.set_entry_type(tar::EntryType::Directory);
    directory.set_mode(0o755);
    directory.set_size(0);
    builder
        .append_data(&mut directory, "bin/", std::io::empty())
        .unwrap();
    let mut file = tar::Header::new_gnu();
    file.set_mode(0o755);
    file.set_size(busybox.len() as u64);
    builder
        .append_data(&mut file, "bin/busybox", busybox.as_slice())
        .unwrap();
    for applet in APPLETS {
        let mut link = tar::Header::new_gnu();
        link.set_entry_type(tar::EntryType::Symlink);
        link.set_mode(0o777);
        link.set_size(0);
        builder
            .append_link(&mut link, format!("bin/{applet}"), "busybox")
            .unwrap();
    }
    builder.into_inner().unwrap()
}

/// The host's IPv4 routes: a subnet already routed on the host is not the tests' to take.
fn host_routes() -> String {
    let output = Command::new("ip")
        .args(["-4", "route"])
        .output()
        .expect("the ip command runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// An agent listens a moment after its container starts; a test proves the network, not that
/// race. Reads the container's own socket table from the host (`/proc/PID/net/tcp`, state
/// 0A = LISTEN), so waiting sends no traffic. Gives up after 10 s and lets the test report it.
fn wait_until_listening(container: &str, ports: &[u16]) {
    let inspect = check(&["inspect", "-f", "{{.State.Pid}}", container]);
    let pid = String::from_utf8_lossy(&inspect.stdout).trim().to_owned();
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

fn docker(args: &[&str]) -> std::process::Output {
    Command::new("docker")
        .args(args)
        .output()
        .expect("the docker CLI runs")
}

fn check(args: &[&str]) -> std::process::Output {
    let output = docker(args);
    assert!(
        output.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
