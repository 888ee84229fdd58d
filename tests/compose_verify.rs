//! `netctl verify` on a running Compose project, started with the real docker-compose (Debian's
//! 1.29, Compose v1 names `proj_web_1`): a compose file is a topology source, its services are
//! found by Compose's labels, every replica of a scaled service probes and is probed, a replica
//! disconnected by hand fails naming `web#2`, and `-p NAME` alone finds the project's files
//! through its labels from another directory.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::docker::docker;
use harness::{Sandbox, Test};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A Compose project of the test's own, brought down however the test ends.
struct Project {
    name: String,
    dir: tempfile::TempDir,
}

impl Project {
    fn compose(&self, args: &[&str]) {
        let output = Command::new("docker-compose")
            .current_dir(self.dir.path())
            .args(["-p", &self.name])
            .args(args)
            .output()
            .expect("docker-compose runs (scripts/ci-deps.sh installs it)");
        assert!(
            output.status.success(),
            "docker-compose {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn file(&self) -> PathBuf {
        self.dir.path().join("docker-compose.yml")
    }
}

impl Drop for Project {
    fn drop(&mut self) {
        let _ = Command::new("docker-compose")
            .current_dir(self.dir.path())
            .args(["-p", &self.name, "down", "--timeout", "1"])
            .output();
    }
}

fn compose_file(image: &str, label: &str, front: &str, back: &str) -> String {
    let service = |port: u16, networks: &str| {
        format!(
            "    image: {image}\n    command: [agent, serve, --tcp, \"{port}\"]\n    expose: [\"{port}\"]\n    labels: [\"{label}\"]\n    networks: [{networks}]\n"
        )
    };
    format!(
        "services:\n  proxy:\n{}  web:\n{}  api:\n{}  db:\n{}networks:\n  front:\n    internal: true\n    ipam:\n      config:\n        - subnet: {front}\n  back:\n    internal: true\n    ipam:\n      config:\n        - subnet: {back}\n",
        service(8000, "front"),
        service(8080, "front, back"),
        service(9000, "back"),
        service(5432, "back"),
    )
}

fn verify(dir: &Path, args: &[&str]) -> (Option<i32>, Value, String) {
    let output = Test::in_dir(dir)
        .args(["verify", "--timeout", "500ms", "-o", "json"])
        .args(args)
        .any_status()
        .run();
    let json = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|_| panic!("no JSON: {}{}", output.stdout, output.stderr));
    (output.code(), json, output.stderr)
}

/// Placeholders listen a moment after they start: verify until it holds, for a while.
fn verify_until_it_holds(dir: &Path, args: &[&str]) -> Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (code, report, stderr) = verify(dir, args);
        if code == Some(0) {
            return report;
        }
        assert!(
            Instant::now() < deadline,
            "verify never held: {report:#}\n{stderr}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

fn replicas_probed(report: &Value) -> Vec<String> {
    let mut names: Vec<String> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| [c["from"].as_str().unwrap(), c["to"].as_str().unwrap()])
        .filter(|name| name.starts_with("web"))
        .map(str::to_owned)
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn a_scaled_compose_project_is_verified_replica_by_replica() {
    let mut lab = Sandbox::with_agent(false);
    let (front, back) = (
        lab.free_subnet("10.79.0.0/16"),
        lab.free_subnet("10.79.0.0/16"),
    );
    let project = Project {
        name: lab.id.clone(),
        dir: tempfile::tempdir().unwrap(),
    };
    let yaml = compose_file(lab.agent_image(), &lab.label(), &front, &back);
    std::fs::write(project.file(), yaml).unwrap();
    project.compose(&["up", "-d", "--scale", "web=3"]);

    let file = project.file();
    let by_file = ["-f", file.to_str().unwrap(), "-p", &lab.id];
    let report = verify_until_it_holds(project.dir.path(), &by_file);
    assert_eq!(replicas_probed(&report), ["web#1", "web#2", "web#3"]);
    let isolated = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["from"] == "proxy" && c["to"] == "db" && c["expected"] == "isolated");
    assert!(isolated, "proxy and db share no network: kept apart");

    let second = format!("{}_web_2", lab.id);
    let back_network = format!("{}_back", lab.id);
    let output = docker(&["network", "disconnect", &back_network, &second]);
    assert!(output.status.success(), "{output:?}");
    let (code, report, _) = verify(project.dir.path(), &by_file);
    assert_eq!(code, Some(2), "{report:#}");
    let failed: Vec<&Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "failed")
        .collect();
    assert!(!failed.is_empty());
    assert!(
        failed
            .iter()
            .all(|c| c["from"] == "web#2" || c["to"] == "web#2"),
        "only web#2 fails: {failed:#?}"
    );
    let screen = Test::in_dir(project.dir.path())
        .args(["verify", "--timeout", "500ms"])
        .args(by_file)
        .env("COLUMNS", "200")
        .any_status()
        .run();
    assert!(
        screen.stdout.contains("web#2 is not on `back`"),
        "{}",
        screen.stdout
    );

    let output = docker(&[
        "network",
        "connect",
        "--alias",
        "web",
        &back_network,
        &second,
    ]);
    assert!(output.status.success(), "{output:?}");
    let elsewhere = tempfile::tempdir().unwrap();
    let report = verify_until_it_holds(elsewhere.path(), &["-p", &lab.id]);
    assert_eq!(replicas_probed(&report), ["web#1", "web#2", "web#3"]);
    let (code, report, _) = verify(elsewhere.path(), &["-p", &lab.id, "--replicas", "one"]);
    assert_eq!(code, Some(0), "{report:#}");
    assert_eq!(replicas_probed(&report), ["web"]);

    let netctl = |args: &[&str]| Test::in_dir(elsewhere.path()).args(args).any_status().run();
    let probe = netctl(&[
        "probe",
        "proxy",
        "web",
        "-f",
        file.to_str().unwrap(),
        "-p",
        &lab.id,
    ]);
    assert_eq!(probe.code(), Some(0), "{}{}", probe.stdout, probe.stderr);
    let probe = netctl(&["probe", "api", "web#3", "-p", &lab.id]);
    assert_eq!(probe.code(), Some(0), "{}{}", probe.stdout, probe.stderr);
    let isolated = netctl(&["probe", "proxy", "db", "-p", &lab.id, "-o", "json"]);
    assert_eq!(isolated.code(), Some(0), "kept apart: {}", isolated.stdout);
    let matrix = netctl(&["matrix", "-p", &lab.id, "-o", "json"]);
    assert_eq!(matrix.code(), Some(0), "{}", matrix.stderr);
    assert!(matrix.stdout.contains("\"web\""), "{}", matrix.stdout);
    let drift = netctl(&["matrix", "--live", "-p", &lab.id, "-o", "json"]);
    assert_eq!(drift.code(), Some(0), "{}", drift.stderr);
    assert!(
        drift.stdout.contains("web#3"),
        "every replica's row: {}",
        drift.stdout
    );
    assert!(!drift.stdout.contains("missing"), "{}", drift.stdout);
}

/// A container as Compose v2 makes it: its name and labels (labels cannot change later).
fn v2_container(
    lab: &Sandbox,
    project: &str,
    service: &str,
    number: u32,
    network: &str,
    port: u16,
) {
    let name = format!("{project}-{service}-{number}");
    let labels = [
        lab.label(),
        format!("com.docker.compose.project={project}"),
        format!("com.docker.compose.service={service}"),
        format!("com.docker.compose.container-number={number}"),
        "com.docker.compose.oneoff=False".to_owned(),
    ];
    let mut args = vec!["run", "-d", "--name", &name, "--network", network];
    args.extend(["--network-alias", service]);
    for label in &labels {
        args.extend(["--label", label.as_str()]);
    }
    let port = port.to_string();
    args.extend([lab.agent_image(), "agent", "serve", "--tcp", &port]);
    let output = docker(&args);
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn compose_v2_names_and_labels_are_found_the_same_way() {
    let mut lab = Sandbox::with_agent(false);
    let project = lab.id.clone();
    let subnet = lab.free_subnet("10.79.0.0/16");
    let network = lab.network(&format!("{project}_back"), &subnet, &["--internal"]);
    v2_container(&lab, &project, "web", 1, &network, 8080);
    v2_container(&lab, &project, "web", 2, &network, 8080);
    v2_container(&lab, &project, "api", 1, &network, 9000);
    // A one-off (`docker compose run`) is not a replica of the service.
    let oneoff = format!("{project}-web-run-1");
    let label = lab.label();
    let compose_project = format!("com.docker.compose.project={project}");
    let output = docker(&[
        "run",
        "-d",
        "--name",
        &oneoff,
        "--network",
        &network,
        "--label",
        &label,
        "--label",
        &compose_project,
        "--label",
        "com.docker.compose.service=web",
        "--label",
        "com.docker.compose.oneoff=True",
        lab.agent_image(),
        "agent",
        "serve",
        "--tcp",
        "8080",
    ]);
    assert!(output.status.success(), "{output:?}");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("compose.yaml");
    let service = |port: u16| {
        format!(
            "    image: {}\n    expose: [\"{port}\"]\n    networks: [back]\n",
            lab.agent_image()
        )
    };
    std::fs::write(
        &file,
        format!(
            "name: {project}\nservices:\n  web:\n{}  api:\n{}networks:\n  back:\n    internal: true\n",
            service(8080),
            service(9000)
        ),
    )
    .unwrap();
    let report = verify_until_it_holds(dir.path(), &[]);
    assert_eq!(replicas_probed(&report), ["web#1", "web#2"]);
    let all = report.to_string();
    assert!(
        !all.contains("run-1"),
        "the one-off is no replica: {report:#}"
    );
}
