//! Probing at scale tells the truth: 60 placeholder services on 6 internal networks of the
//! test's own, verified through the CLI three times in a row and once more with the open-file
//! limit at 256. Every check must hold each time: a probe that ran short of sockets or buffers
//! must never be reported as a topology failure. Timing is the benchmark's business
//! (scripts/bench-verify-scale.sh), never asserted here.

#![allow(clippy::unwrap_used)]

mod live_lock;

use serde_json::Value;
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

const SERVICES: usize = 60;
const NETWORKS: usize = 6;
/// The port every placeholder listens on.
const PORT: u16 = 8000;
/// This file's address range, 10.215.0.0/17 (scripts/bench-verify-scale.sh takes the upper
/// half): a /24 per network, skipping any the host routes or the daemon already uses.
const THIRD_OCTETS: std::ops::Range<usize> = 0..128;
const LABEL: &str = "io.netctl.test";

#[test]
fn sixty_services_on_six_networks_verify_without_a_spurious_failure_even_at_256_open_files() {
    let mut lab = ScaleLab::new();
    let topology = lab.build();

    for round in 1..=3 {
        let report = lab.verify(&topology, None, &[]);
        assert_all_held(&report, &format!("round {round}"));
    }
    // A quarter of the budget's sockets fit in 256 files; isolation checks each wait out their
    // timeout, so a shorter one keeps this round to about half a minute.
    let report = lab.verify(&topology, Some(256), &["--timeout", "500ms"]);
    assert_all_held(&report, "with ulimit -n 256");
}

fn assert_all_held(report: &Verify, when: &str) {
    let checks = report.json["checks"].as_array().unwrap();
    let failures: Vec<&Value> = checks.iter().filter(|c| c["ok"] != true).collect();
    assert!(
        failures.is_empty(),
        "{when}: {} of {} checks did not hold, e.g. {:#}\n{}",
        failures.len(),
        checks.len(),
        failures[0],
        report.stderr
    );
    assert_eq!(report.code, Some(0), "{when}: {}", report.stderr);
    assert_eq!(report.json["failed"], 0, "{when}");
    assert_eq!(report.json["skipped"], 0, "{when}");
    // Every ordered pair: DNS of the name, ICMP, TCP to the one port.
    assert_eq!(checks.len(), SERVICES * (SERVICES - 1) * 3, "{when}");
}

struct Verify {
    code: Option<i32>,
    json: Value,
    stderr: String,
}

/// The networks, containers and agent image of one run, removed on drop even when the test
/// fails; it holds the machine-wide live-test lock meanwhile, so that no other live test
/// (a swarm leave resets the daemon's DNS records) runs beside it.
struct ScaleLab {
    run: String,
    image: String,
    dir: tempfile::TempDir,
    networks: Vec<String>,
    containers: Vec<String>,
    _serial: File,
}

impl ScaleLab {
    fn new() -> ScaleLab {
        let serial = live_lock::acquire();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .subsec_nanos();
        let run = format!(
            "sc{:06x}",
            (nanos ^ std::process::id().rotate_left(12)) & 0xff_ffff
        );
        let lab = ScaleLab {
            image: format!("netctl-agent-test:{run}"),
            run,
            dir: tempfile::tempdir().unwrap(),
            networks: Vec::new(),
            containers: Vec::new(),
            _serial: serial,
        };
        lab.import_image();
        lab
    }

    /// The agent image from this build's netctl: the placeholders are `netctl agent serve`.
    fn import_image(&self) {
        let rootfs = Command::new(env!("CARGO_BIN_EXE_netctl"))
            .args(["agent", "rootfs"])
            .output()
            .unwrap();
        assert!(rootfs.status.success(), "netctl agent rootfs failed");
        let mut import = Command::new("docker")
            .args(["import", "--change", r#"ENTRYPOINT ["/netctl"]"#])
            .args(["--change", &format!("LABEL {LABEL}={}", self.run)])
            .args(["-", &self.image])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        import
            .stdin
            .take()
            .unwrap()
            .write_all(&rootfs.stdout)
            .unwrap();
        assert!(
            import.wait().unwrap().success(),
            "docker import failed: is the Docker daemon running?"
        );
    }

    /// Service i sits on network i mod 6; every tenth also on the next network. Returns the
    /// topology file naming exactly these networks and containers.
    fn build(&mut self) -> PathBuf {
        let subnets: Vec<String> = (0..NETWORKS).map(|n| self.network(n)).collect();
        let memberships: Vec<Vec<usize>> = (0..SERVICES).map(memberships).collect();
        self.containers = (0..SERVICES).map(|s| self.container(s)).collect();
        std::thread::scope(|scope| {
            for chunk in memberships.chunks(SERVICES / 4).enumerate() {
                let lab = &*self;
                scope.spawn(move || {
                    let (index, chunk) = chunk;
                    for (offset, networks) in chunk.iter().enumerate() {
                        lab.start(index * (SERVICES / 4) + offset, networks);
                    }
                });
            }
        });
        let path = self.dir.path().join("topology.yaml");
        std::fs::write(&path, self.yaml(&subnets, &memberships)).unwrap();
        path
    }

    fn network_name(&self, index: usize) -> String {
        format!("{}-n{index}", self.run)
    }

    fn container(&self, index: usize) -> String {
        format!("{}-s{index}", self.run)
    }

    /// An internal network (nothing leaves it) on a free /24 of this file's range.
    fn network(&mut self, index: usize) -> String {
        let name = self.network_name(index);
        let routes = host_routes();
        let start = usize::from_str_radix(&self.run[2..], 16).unwrap() % THIRD_OCTETS.len();
        for attempt in THIRD_OCTETS {
            let third =
                (start + attempt * 5 + index * 11) % THIRD_OCTETS.len() + THIRD_OCTETS.start;
            let subnet = format!("10.215.{third}.0/24");
            if routes.contains(&subnet) {
                continue;
            }
            let label = format!("{LABEL}={}", self.run);
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
                self.networks.push(name);
                return subnet;
            }
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                stderr.contains("overlaps"),
                "network create {name}: {stderr}"
            );
        }
        panic!("no free /24 in 10.215.0.0/17 for {name}");
    }

    fn start(&self, index: usize, networks: &[usize]) {
        let name = self.container(index);
        let label = format!("{LABEL}={}", self.run);
        let (first, rest) = networks.split_first().unwrap();
        let port = PORT.to_string();
        check(&[
            "run",
            "-d",
            "--name",
            &name,
            "--label",
            &label,
            "--label",
            "io.netctl.role=placeholder",
            "--network",
            &self.network_name(*first),
            &self.image,
            "agent",
            "serve",
            "--tcp",
            &port,
        ]);
        for network in rest {
            check(&["network", "connect", &self.network_name(*network), &name]);
        }
    }

    fn yaml(&self, subnets: &[String], memberships: &[Vec<usize>]) -> String {
        let mut yaml = format!("version: 1\nproject: {}\nnetworks:\n", self.run);
        for (index, subnet) in subnets.iter().enumerate() {
            let name = self.network_name(index);
            yaml += &format!("  n{index}: {{name: {name}, internal: true, subnet: {subnet}}}\n");
        }
        yaml += "services:\n";
        for (index, networks) in memberships.iter().enumerate() {
            let keys: Vec<String> = networks.iter().map(|n| format!("n{n}")).collect();
            yaml += &format!(
                "  s{index}: {{container: {}, networks: [{}], ports: [{PORT}]}}\n",
                self.container(index),
                keys.join(", ")
            );
        }
        yaml
    }

    /// `netctl verify -o json`, under `ulimit -n LIMIT` (soft and hard) when given.
    fn verify(
        &self,
        topology: &std::path::Path,
        open_files: Option<u32>,
        extra: &[&str],
    ) -> Verify {
        let netctl = env!("CARGO_BIN_EXE_netctl");
        let file = topology.to_str().unwrap();
        let limit = open_files.map(|n| n.to_string()).unwrap_or_default();
        let output: Output = Command::new("bash")
            .args([
                "-c",
                r#"[ -z "$1" ] || ulimit -n "$1" || exit 97; shift; exec "$@""#,
                "verify-scale",
                &limit,
                netctl,
                "verify",
                file,
                "-o",
                "json",
                "-q",
            ])
            .args(extra)
            .env_remove("NETCTL_PROJECT")
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let json = serde_json::from_slice(&output.stdout)
            .unwrap_or_else(|_| panic!("verify printed no JSON ({:?}): {stderr}", output.status));
        Verify {
            code: output.status.code(),
            json,
            stderr,
        }
    }
}

impl Drop for ScaleLab {
    fn drop(&mut self) {
        let label = format!("label={LABEL}={}", self.run);
        let labelled = docker(&["ps", "-aq", "--filter", &label]);
        let mut containers: Vec<String> = self.containers.clone();
        containers.extend(
            String::from_utf8_lossy(&labelled.stdout)
                .lines()
                .map(str::to_owned),
        );
        for chunk in containers.chunks(20) {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(chunk.iter().map(String::as_str));
            let _ = docker(&args);
        }
        for network in self.networks.iter().rev() {
            let _ = docker(&["network", "rm", network]);
        }
        let _ = docker(&["image", "rm", &self.image]);
    }
}

fn memberships(service: usize) -> Vec<usize> {
    let first = service % NETWORKS;
    if service.is_multiple_of(10) {
        vec![first, (first + 1) % NETWORKS]
    } else {
        vec![first]
    }
}

fn host_routes() -> String {
    let output = Command::new("ip").args(["-4", "route"]).output().unwrap();
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn docker(args: &[&str]) -> Output {
    Command::new("docker")
        .args(args)
        .output()
        .expect("the docker CLI runs")
}

fn check(args: &[&str]) -> Output {
    let output = docker(args);
    assert!(
        output.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}
