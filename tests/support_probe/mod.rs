//! The live-test lab for probes: networks and agent containers of the test's own, made with the
//! `docker` CLI (names as arguments, never through a shell), removed by a guard even on panic.

#![allow(clippy::unwrap_used, dead_code)]

use netctl::probe::{Endpoint, Target};
use std::process::{Command, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

/// The tests' own address range: 10.214.X.0/24, X picked per network until the daemon agrees.
const SUBNET_PREFIX: &str = "10.214";

/// Everything one test created; dropping it removes exactly that, newest first.
pub struct Lab {
    pub run: String,
    pub image: String,
    /// `(key, daemon name)` in creation order: the topology's network order.
    networks: Vec<(String, String)>,
    containers: Vec<String>,
}

impl Lab {
    /// Builds the agent image from this build's netctl (dynamically linked, so the rootfs
    /// carries its loader and libraries): the tests always probe the code under test.
    pub fn new() -> Lab {
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
        };
        lab.import_image();
        lab
    }

    fn import_image(&self) {
        let mut rootfs = Command::new(env!("CARGO_BIN_EXE_netctl"))
            .args(["agent", "rootfs"])
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut import = Command::new("docker");
        import.args(["import", "--change", r#"ENTRYPOINT ["/netctl"]"#]);
        import.args(["--change", r#"CMD ["agent", "serve"]"#]);
        import.args(["--change", &format!("LABEL io.netctl.test={}", self.run)]);
        import.args(["-", &self.image]);
        let status = import
            .stdin(rootfs.stdout.take().unwrap())
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(
            rootfs.wait().unwrap().success(),
            "netctl agent rootfs failed"
        );
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

    /// What the docker layer will fill: pid and endpoints by network key, from `inspect`.
    pub fn target(&self, service: &str) -> Target {
        let container = self.container_name(service);
        let output = check(&["inspect", &container]);
        let inspect: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let inspect = &inspect[0];
        let pid = inspect["State"]["Pid"].as_u64().filter(|pid| *pid > 0);
        let attached = &inspect["NetworkSettings"]["Networks"];
        let networks = self
            .networks
            .iter()
            .filter_map(|(key, name)| {
                let endpoint = attached.get(name)?;
                Some(Endpoint {
                    network: key.clone(),
                    addresses: endpoint["IPAddress"]
                        .as_str()
                        .and_then(|a| a.parse().ok())
                        .into_iter()
                        .collect(),
                    aliases: endpoint["Aliases"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|a| a.as_str().map(str::to_owned))
                        .collect(),
                })
            })
            .collect();
        Target {
            service: service.to_owned(),
            container,
            pid: pid.map(|pid| u32::try_from(pid).unwrap()),
            networks,
        }
    }

    pub fn targets(&self, services: &[&str]) -> Vec<Target> {
        services
            .iter()
            .map(|service| self.target(service))
            .collect()
    }
}

impl Drop for Lab {
    fn drop(&mut self) {
        for container in self.containers.iter().rev() {
            let _ = docker(&["rm", "-f", "-v", container]);
        }
        for (_, network) in self.networks.iter().rev() {
            let _ = docker(&["network", "rm", network]);
        }
        let _ = docker(&["image", "rm", &self.image]);
    }
}

/// The host's IPv4 routes: a subnet already routed on the host is not the tests' to take.
fn host_routes() -> String {
    let output = Command::new("ip")
        .args(["-4", "route"])
        .output()
        .expect("the ip command runs");
    String::from_utf8_lossy(&output.stdout).into_owned()
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
