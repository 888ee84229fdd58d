//! Compose's own networks, live, with the real Compose (Debian's docker-compose 1.29): a small
//! project started from a temp folder under the sandbox's unique name, imported with `import
//! compose`, then planned and applied. netctl must find nothing to change, change nothing of
//! Compose's, and report a subnet changed in the file as drift with the Compose command that
//! rebuilds the network, never as a recreate. Subnets come from 10.217.0.0/16, checked free.

pub mod harness;

use harness::Sandbox;
use harness::docker::{docker, docker_ok, lines};
use harness::image::PLACEHOLDER;
use std::path::{Path, PathBuf};
use std::process::Command;

/// This file's range: each subnet in it is checked against the daemon and the host's routes.
const RANGE: &str = "10.217.0.0/16";

/// A Compose project this test started: `docker-compose -p NAME down` on drop, even when the
/// test fails, from the folder and file that started it (so it removes only what that file
/// made under that name).
struct ComposeProject {
    name: String,
    dir: PathBuf,
}

impl ComposeProject {
    /// `docker-compose -p NAME up -d` in `dir`; the guard exists before `up` runs, so a
    /// half-made project is taken down too.
    fn up(name: &str, dir: &Path) -> ComposeProject {
        let project = ComposeProject {
            name: name.to_owned(),
            dir: dir.to_owned(),
        };
        let output = project.compose(&["up", "-d"]);
        assert!(
            output.status.success(),
            "docker-compose up failed (is docker-compose installed? scripts/ci-deps.sh): {}",
            String::from_utf8_lossy(&output.stderr)
        );
        project
    }

    fn compose(&self, args: &[&str]) -> std::process::Output {
        Command::new("docker-compose")
            .current_dir(&self.dir)
            .args(["-p", &self.name])
            .args(args)
            .output()
            .expect("running docker-compose (scripts/ci-deps.sh installs it)")
    }
}

impl Drop for ComposeProject {
    fn drop(&mut self) {
        // The placeholder sleeps as PID 1 and ignores SIGTERM: do not wait 10 s per container.
        let _ = self.compose(&["down", "-t", "1"]);
    }
}

/// Three services on two networks with subnets (one internal, with a static address), the
/// project's `default` network and an external network the test made; every service and
/// network carries the sandbox's label, so the sandbox removes them too if `down` fails.
fn compose_file(sandbox: &Sandbox, front: &str, back: &str, external: &str) -> String {
    let id = &sandbox.id;
    let label = format!("io.netctl.test: {id}");
    let db_address = host(back, 20);
    format!(
        r#"version: "3.8"
services:
  web:
    image: {PLACEHOLDER}
    container_name: {id}-web
    labels: {{{label}}}
    networks:
      front:
      back:
        aliases: [api]
      ext:
  db:
    image: {PLACEHOLDER}
    container_name: {id}-db
    labels: {{{label}}}
    networks:
      back:
        ipv4_address: {db_address}
  solo:
    image: {PLACEHOLDER}
    container_name: {id}-solo
    labels: {{{label}}}
networks:
  front:
    labels: {{{label}}}
    ipam:
      config:
        - subnet: {front}
  back:
    internal: true
    labels: {{{label}}}
    ipam:
      config:
        - subnet: {back}
  ext:
    external: true
    name: {external}
"#
    )
}

/// `10.217.N.<last>` of a `10.217.N.0/24`.
fn host(subnet: &str, last: u8) -> String {
    let prefix = subnet.trim_end_matches(".0/24");
    format!("{prefix}.{last}")
}

/// Everything of the project's the daemon holds, in one text: each network's id, creation
/// time, settings, labels and endpoints (an endpoint id changes on any disconnect or connect),
/// each container's id, start time and endpoints. Equal texts mean nothing was touched.
fn compose_state(project: &str, external: &str) -> String {
    let filter = format!("label=com.docker.compose.project={project}");
    let mut networks = lines(&["network", "ls", "-q", "--filter", &filter]);
    networks.sort();
    networks.push(external.to_owned());
    let mut args = vec!["network", "inspect"];
    args.extend(networks.iter().map(String::as_str));
    let mut state = docker_ok(&args);
    let mut containers = lines(&["ps", "-aq", "--filter", &filter]);
    containers.sort();
    let mut args = vec![
        "container",
        "inspect",
        "-f",
        "{{.Id}} {{.State.StartedAt}} {{json .NetworkSettings.Networks}}",
    ];
    args.extend(containers.iter().map(String::as_str));
    state.push_str(&docker_ok(&args));
    state
}

#[test]
fn an_imported_compose_project_plans_clean_applies_nothing_and_reports_changed_subnets() {
    let mut sandbox = Sandbox::new();
    let front = sandbox.free_subnet(RANGE);
    let back = sandbox.free_subnet(RANGE);
    let ext_subnet = sandbox.free_subnet(RANGE);
    let moved = sandbox.free_subnet(RANGE);
    let external = sandbox.network(&sandbox.name("ext"), &ext_subnet, &[]);
    let id = sandbox.id.clone();
    sandbox.write(
        "docker-compose.yml",
        &compose_file(&sandbox, &front, &back, &external),
    );
    let project = ComposeProject::up(&id, sandbox.dir.path());
    let before = compose_state(&id, &external);

    // import compose writes the networks as Compose 1.29 made them.
    let imported = sandbox
        .netctl()
        .args(["import", "compose", "docker-compose.yml", "--project", &id])
        .run()
        .stdout;
    for expected in [
        format!("name: {id}_front"),
        format!("name: {id}_default"),
        "attachable: true".to_owned(),
        format!("com.docker.compose.project: {id}"),
        "com.docker.compose.network: back".to_owned(),
        format!("name: {external}"),
    ] {
        assert!(
            imported.contains(&expected),
            "no {expected:?} in\n{imported}"
        );
    }
    let topology = sandbox.write("topology.yaml", &imported);

    // plan: nothing to do, and it says whose networks they are.
    sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode"])
        .arg(&topology)
        .status(0)
        .stdout_has("No changes: the daemon matches the file.")
        .stdout_has(format!(
            "Compose project {id} owns {id}_default, {id}_front, {id}_back"
        ))
        .run();
    let plan = sandbox
        .netctl()
        .args(["plan", "-o", "json"])
        .arg(&topology)
        .run()
        .json();
    assert_eq!(plan["actions"], serde_json::json!([]), "{plan}");
    let owned: Vec<&str> = plan["compose_networks"]
        .as_array()
        .expect("compose_networks")
        .iter()
        .map(|n| n["network"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        owned,
        [
            format!("{id}_default"),
            format!("{id}_front"),
            format!("{id}_back")
        ],
        "the external network is not Compose's: {plan}"
    );

    // apply: no write at all, and the daemon holds exactly what Compose made.
    let applied = sandbox
        .netctl()
        .args([
            "apply",
            "-o",
            "json",
            "--yes",
            "--prune",
            "--allow-recreate",
        ])
        .arg(&topology)
        .run()
        .json();
    assert_eq!(applied["done"], serde_json::json!([]), "{applied}");
    assert_eq!(compose_state(&id, &external), before);

    // A subnet changed in the file (the static address with it) but not by Compose: drift
    // naming the command that has Compose rebuild the network, never a recreate.
    let changed_text = imported
        .replace(&back, &moved)
        .replace(&host(&back, 20), &host(&moved, 20));
    assert_ne!(changed_text, imported);
    let changed = sandbox.write("changed.yaml", &changed_text);
    let command = format!("docker-compose -p {id} down && docker-compose -p {id} up -d");
    let output = sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode"])
        .arg(&changed)
        .status(2)
        .stdout_has(format!(
            "network {id}_back belongs to Compose project {id} and differs from the file \
             (subnets: {back} → {moved})"
        ))
        .stdout_has(&command)
        .stdout_has(format!("cd {} && ", sandbox.dir.path().display()))
        .run();
    assert!(
        !output.stdout.contains("-/+") && !output.stdout.contains("recreate:"),
        "{}",
        output.stdout
    );
    let plan = sandbox
        .netctl()
        .args(["plan", "-o", "json", "--detailed-exitcode"])
        .arg(&changed)
        .status(2)
        .run()
        .json();
    assert_eq!(plan["changes"], 0, "{plan}");
    assert_eq!(plan["blocked"], 0, "{plan}");
    let kinds: Vec<&str> = plan["actions"]
        .as_array()
        .expect("actions")
        .iter()
        .map(|a| a["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        kinds,
        ["drift", "drift"],
        "the network, and db's address: {plan}"
    );

    // Even allowed to recreate and prune, apply leaves Compose's network as it is.
    let applied = sandbox
        .netctl()
        .args([
            "apply",
            "-o",
            "json",
            "--yes",
            "--prune",
            "--allow-recreate",
        ])
        .arg(&changed)
        .run()
        .json();
    assert_eq!(applied["done"], serde_json::json!([]), "{applied}");
    assert_eq!(compose_state(&id, &external), before);

    // Compose itself still owns and removes its project.
    drop(project);
    let filter = format!("label=com.docker.compose.project={id}");
    assert_eq!(
        lines(&["network", "ls", "-q", "--filter", &filter]),
        Vec::<String>::new()
    );
    assert!(docker(&["network", "inspect", &external]).status.success());
}
