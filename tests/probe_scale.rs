//! Probing at scale tells the truth: 60 placeholder services on 6 internal networks of the
//! test's own, verified through the CLI three times in a row and once more with the open-file
//! limit at 256. Every check must hold each time: a probe that ran short of sockets or buffers
//! must never be reported as a topology failure. Timing is the benchmark's business
//! (scripts/bench-verify-scale.sh), never asserted here.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::docker::docker_ok;
use harness::{Sandbox, Test};
use serde_json::Value;
use std::path::PathBuf;

const SERVICES: usize = 60;
const NETWORKS: usize = 6;
/// The port every placeholder listens on.
const PORT: u16 = 8000;
/// This file's address range (scripts/bench-verify-scale.sh takes the upper half of
/// 10.215.0.0/16): a /24 per network, from the subnet allocator.
const RANGE: &str = "10.215.0.0/17";

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

/// The networks and containers of one run on a sandbox with the agent image, removed when the
/// sandbox drops, even when the test fails; the sandbox holds the machine-wide live-test lock
/// meanwhile, so that no other live test (a swarm leave resets the daemon's DNS records) runs
/// beside it.
struct ScaleLab {
    sandbox: Sandbox,
}

impl ScaleLab {
    fn new() -> ScaleLab {
        ScaleLab {
            sandbox: Sandbox::with_agent(false),
        }
    }

    /// Service i sits on network i mod 6; every tenth also on the next network. Returns the
    /// topology file naming exactly these networks and containers.
    fn build(&mut self) -> PathBuf {
        let subnets: Vec<String> = (0..NETWORKS).map(|n| self.network(n)).collect();
        let memberships: Vec<Vec<usize>> = (0..SERVICES).map(memberships).collect();
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
        self.sandbox
            .write("topology.yaml", &self.yaml(&subnets, &memberships))
    }

    fn network_name(&self, index: usize) -> String {
        self.sandbox.name(&format!("n{index}"))
    }

    fn container(&self, index: usize) -> String {
        self.sandbox.name(&format!("s{index}"))
    }

    /// An internal network (nothing leaves it) on a free /24 of this file's range.
    fn network(&mut self, index: usize) -> String {
        let name = self.network_name(index);
        let subnet = self.sandbox.free_subnet(RANGE);
        let label = self.sandbox.label();
        docker_ok(&[
            "network",
            "create",
            "--internal",
            "--subnet",
            &subnet,
            "--label",
            &label,
            &name,
        ]);
        subnet
    }

    fn start(&self, index: usize, networks: &[usize]) {
        let name = self.container(index);
        let label = self.sandbox.label();
        let (first, rest) = networks.split_first().unwrap();
        let port = PORT.to_string();
        docker_ok(&[
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
            self.sandbox.agent_image(),
            "agent",
            "serve",
            "--tcp",
            &port,
        ]);
        for network in rest {
            docker_ok(&["network", "connect", &self.network_name(*network), &name]);
        }
    }

    fn yaml(&self, subnets: &[String], memberships: &[Vec<usize>]) -> String {
        let mut yaml = format!("version: 1\nproject: {}\nnetworks:\n", self.sandbox.id);
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
        let mut test = Test::new()
            .arg("verify")
            .arg(topology)
            .args(["-o", "json", "-q"])
            .args(extra)
            .any_status();
        if let Some(limit) = open_files {
            test = test.open_files(limit);
        }
        let output = test.run();
        let json = serde_json::from_str(&output.stdout).unwrap_or_else(|_| {
            panic!(
                "verify printed no JSON ({:?}): {}",
                output.status, output.stderr
            )
        });
        Verify {
            code: output.code(),
            json,
            stderr: output.stderr,
        }
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
