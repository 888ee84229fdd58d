//! Recovery on the real daemon, each item of issue 10 once (the fake daemon's tests make the
//! faults exact; these prove the same behaviour against the Engine): a restore with one
//! poisoned endpoint, a pending recreate seen by dry-run, plan and destroy, a watch under a
//! container restarting in a loop, foreign sidecars that verify leaves alone, and a container
//! stopped during verify. Everything is asserted through the CLI and the daemon's state, never
//! through the journal's files. Subnets 10.77.90.0/24 to 10.77.95.0/24 are this file's.

pub mod harness;

use harness::Sandbox;
use harness::docker::{docker, docker_ok, inspect_container, inspect_network, members};
use harness::process::eventually;
use harness::test::Output;
use serde_json::Value;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The subnets this file pins in its expectations, checked free before every test.
const SUBNETS: [&str; 6] = [
    "10.77.90.0/24",
    "10.77.91.0/24",
    "10.77.92.0/24",
    "10.77.93.0/24",
    "10.77.94.0/24",
    "10.77.95.0/24",
];

/// A sandbox that has checked this file's subnets.
fn sandbox() -> Sandbox {
    Sandbox::claiming(&SUBNETS)
}

/// netctl with `args` and then `file`; the test judges the status.
fn run(sandbox: &Sandbox, args: &[&str], file: &Path) -> Output {
    sandbox.netctl().args(args).arg(file).any_status().run()
}

/// `apply -o json` with `extra`, which must succeed: its report.
fn apply_ok(sandbox: &Sandbox, file: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["apply", "-o", "json"];
    args.extend_from_slice(extra);
    let output = run(sandbox, &args, file);
    assert!(
        output.status.success(),
        "apply failed: {}{}",
        output.stdout,
        output.stderr
    );
    output.json()
}

/// `plan -o json`: the plan, whatever the exit code.
fn plan_json(sandbox: &Sandbox, file: &Path) -> Value {
    run(sandbox, &["plan", "-o", "json"], file).json()
}

/// The recreates a plan says a journal still owes: `(network, sorted containers)`.
fn owed(plan: &Value) -> Vec<(String, Vec<String>)> {
    // An empty journal is left out of the JSON.
    plan["journal"]
        .as_array()
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|entry| {
            let mut containers: Vec<String> = entry["containers"]
                .as_array()
                .expect("containers")
                .iter()
                .filter_map(|c| c.as_str().map(str::to_owned))
                .collect();
            containers.sort();
            (
                entry["network"].as_str().unwrap_or("").to_owned(),
                containers,
            )
        })
        .collect()
}

/// Running placeholders for `services`, on no network, as netctl finds containers to attach.
fn placeholders(sandbox: &Sandbox, services: &[&str]) {
    for service in services {
        sandbox.container(&sandbox.name(service), &[]);
    }
}

/// `back` on 10.77.90.0/24 with `ipam_extra` under its one pool; `api` with a static address
/// and `db` on it.
fn poison_file(sandbox: &Sandbox, ipam_extra: &str) -> PathBuf {
    let id = &sandbox.id;
    sandbox.write(
        "poison.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  back:
    name: {id}-back
    ipam:
      config:
        - subnet: 10.77.90.0/24
{ipam_extra}
services:
  api:
    container: {id}-api
    networks:
      back: {{ipv4_address: 10.77.90.10}}
  db: {{container: {id}-db, networks: [back]}}
"
        ),
    )
}

/// The daemon's words when a container in network mode `none` is asked to join a network.
const PRIVATE_MODE: &str = "private (none) mode";

/// A stranger (a container the file does not declare) with a static address and an alias on
/// `back`: every recreate must bring it back as it was.
fn stranger_on_back(sandbox: &Sandbox) -> String {
    let stranger = sandbox.name("stranger");
    let back = sandbox.name("back");
    sandbox.container(
        &stranger,
        &[
            "--network",
            &back,
            "--ip",
            "10.77.90.99",
            "--network-alias",
            "keep-me",
        ],
    );
    stranger
}

/// A recreate that would reserve the stranger's address is refused before any write, naming
/// it; one that cannot reconnect the stranger (it was replaced, while the recreate was
/// pending, by a container in network mode `none`) restores everyone else, and finishes once
/// the stranger can join again.
#[test]
fn a_restore_with_one_poisoned_endpoint_restores_the_rest_and_finishes_once_fixed() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["api", "db"]);
    apply_ok(&sandbox, &poison_file(&sandbox, ""), &[]);
    let back = sandbox.name("back");
    let stranger = stranger_on_back(&sandbox);
    let old_id = inspect_network(&back)["Id"].clone();

    // Foreseen: the new settings reserve the stranger's address. Blocked, nothing written.
    let reserving = poison_file(&sandbox, "          aux_addresses: {reserved: 10.77.90.99}");
    let refused = run(
        &sandbox,
        &["apply", "--allow-recreate", "--yes"],
        &reserving,
    );
    assert_eq!(refused.code(), Some(1), "{refused:?}");
    for said in [&stranger, "10.77.90.99", "auxiliary address reserved"] {
        let all = format!("{}{}", refused.stdout, refused.stderr);
        assert!(all.contains(said), "no {said:?} in: {all}");
    }
    assert_eq!(inspect_network(&back)["Id"], old_id, "a blocked plan wrote");

    // Not foreseeable: the recreate is killed after the old network is gone, and meanwhile
    // the stranger is replaced by a container that cannot join any network.
    let gated = poison_file(&sandbox, "          ip_range: 10.77.90.0/25");
    let killed = sandbox
        .netctl()
        .env("NETCTL_FAULT_INJECT", "after-remove")
        .args(["apply", "--allow-recreate", "--yes"])
        .arg(&gated)
        .any_status()
        .run();
    assert_eq!(killed.status.signal(), Some(9), "{killed:?}");
    docker_ok(&["rm", "-f", &stranger]);
    sandbox.run_container(&stranger, &["--network", "none"]);

    let failed = run(&sandbox, &["apply", "--allow-recreate", "--yes"], &gated);
    assert_eq!(failed.code(), Some(1), "{failed:?}");
    for said in [back.as_str(), &stranger, PRIVATE_MODE, "--abandon-journal"] {
        assert!(
            failed.stderr.contains(said),
            "no {said:?} in: {}",
            failed.stderr
        );
    }
    let recreated = inspect_network(&back);
    assert_ne!(recreated["Id"], old_id, "the network was not recreated");
    assert_eq!(recreated["IPAM"]["Config"][0]["IPRange"], "10.77.90.0/25");
    assert_eq!(
        members(&back),
        [sandbox.name("api"), sandbox.name("db")],
        "every other endpoint is restored"
    );
    let api = inspect_container(&sandbox.name("api"));
    assert_eq!(
        api["NetworkSettings"]["Networks"][&back]["IPAddress"],
        "10.77.90.10"
    );

    // The next apply explains what is owed and how to finish, and touches nothing meanwhile.
    let explained = run(&sandbox, &["apply"], &gated);
    assert_eq!(explained.code(), Some(1), "{explained:?}");
    for said in [
        back.as_str(),
        &stranger,
        PRIVATE_MODE,
        "then run netctl apply",
        "netctl apply --abandon-journal",
    ] {
        assert!(
            explained.stderr.contains(said),
            "no {said:?} in: {}",
            explained.stderr
        );
    }
    assert_eq!(inspect_network(&back)["Id"], recreated["Id"]);
    // The diff alone is empty now; what the journal owes still makes the plan differ.
    let pending = run(
        &sandbox,
        &["plan", "--detailed-exitcode", "-o", "json"],
        &gated,
    );
    assert_eq!(pending.code(), Some(2), "{pending:?}");
    let pending = pending.json();
    assert_eq!(pending["changes"], 0, "{pending}");
    assert_eq!(owed(&pending), [(back.clone(), vec![stranger.clone()])]);

    // The stranger's owner runs it as before: the cause is gone, and the journal gives it its
    // address and alias back.
    docker_ok(&["rm", "-f", &stranger]);
    sandbox.run_container(&stranger, &[]);
    let finished = apply_ok(&sandbox, &gated, &[]);
    assert_eq!(finished["replayed"][0], back.as_str(), "{finished}");
    let endpoint = &inspect_container(&stranger)["NetworkSettings"]["Networks"][&back];
    assert_eq!(endpoint["IPAMConfig"]["IPv4Address"], "10.77.90.99");
    assert!(
        endpoint["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"keep-me".into()),
        "{endpoint}"
    );
    let after = plan_json(&sandbox, &gated);
    assert!(owed(&after).is_empty(), "{after}");
    assert_eq!(
        (after["changes"].as_u64(), after["drift"].as_u64()),
        (Some(0), Some(1))
    );
    assert_eq!(
        after["actions"][0]["container"],
        stranger.as_str(),
        "{after}"
    );
}

/// `front` and `back`; `api` on both, `db` on `back` unless `db_on_back` is false;
/// `back_extra` adds settings to `back`.
fn pending_file(sandbox: &Sandbox, name: &str, back_extra: &str, db_on_back: bool) -> PathBuf {
    let id = &sandbox.id;
    let db = if db_on_back {
        format!("  db: {{container: {id}-db, networks: [back]}}\n")
    } else {
        String::new()
    };
    sandbox.write(
        name,
        &format!(
            "version: 1
project: {id}
networks:
  front: {{name: {id}-front, subnet: 10.77.91.0/24}}
  back:
    name: {id}-back
    subnet: 10.77.92.0/24
{back_extra}
services:
  api:
    container: {id}-api
    networks:
      front: {{}}
      back: {{ipv4_address: 10.77.92.10}}
{db}"
        ),
    )
}

/// What the daemon holds for this sandbox: its project's networks (id and name) and each
/// container's networks (name and id), in a fixed order.
fn daemon_state(sandbox: &Sandbox, containers: &[&str]) -> Vec<String> {
    let project = format!("label=io.netctl.project={}", sandbox.id);
    let mut state: Vec<String> = docker_ok(&[
        "network",
        "ls",
        "--no-trunc",
        "--filter",
        &project,
        "--format",
        "{{.ID}} {{.Name}}",
    ])
    .lines()
    .map(str::to_owned)
    .collect();
    state.sort();
    for container in containers {
        let networks = &inspect_container(&sandbox.name(container))["NetworkSettings"]["Networks"];
        state.push(format!("{container}: {networks}"));
    }
    state
}

#[test]
fn a_pending_recreate_is_shown_by_dry_run_and_plan_and_settled_by_destroy() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["api", "db"]);
    apply_ok(&sandbox, &pending_file(&sandbox, "v1.yaml", "", true), &[]);
    let internal = pending_file(&sandbox, "v2.yaml", "    internal: true", true);
    let killed = sandbox
        .netctl()
        .env("NETCTL_FAULT_INJECT", "after-remove")
        .args(["apply", "--allow-recreate", "--yes"])
        .arg(&internal)
        .any_status()
        .run();
    assert_eq!(killed.status.signal(), Some(9), "{killed:?}");
    let back = sandbox.name("back");
    assert!(!harness::docker::network_exists(&back));
    let before = daemon_state(&sandbox, &["api", "db"]);

    let dry = sandbox
        .netctl()
        .args(["apply", "--dry-run"])
        .arg(&internal)
        .run();
    for said in [
        "Interrupted recreates (journal)",
        &format!("{back} still owes 2 endpoint(s)"),
        &sandbox.name("api"),
        &sandbox.name("db"),
        "netctl apply --abandon-journal",
    ] {
        assert!(dry.stdout.contains(said), "no {said:?} in: {}", dry.stdout);
    }
    let planned = run(
        &sandbox,
        &["plan", "--detailed-exitcode", "-o", "json"],
        &internal,
    );
    assert_eq!(planned.code(), Some(2), "{planned:?}");
    assert_eq!(
        owed(&planned.json()),
        [(back.clone(), vec![sandbox.name("api"), sandbox.name("db")])]
    );
    assert_eq!(
        daemon_state(&sandbox, &["api", "db"]),
        before,
        "dry-run or plan wrote to the daemon"
    );

    let destroyed = run(&sandbox, &["destroy", "--yes", "-o", "json"], &internal);
    assert!(destroyed.status.success(), "{destroyed:?}");
    assert_eq!(
        destroyed.json()["replayed"],
        serde_json::json!([back.clone()]),
        "destroy says it finished the recreate first"
    );
    assert!(!harness::docker::network_exists(&back));
    assert!(!harness::docker::network_exists(&sandbox.name("front")));
    let after = plan_json(&sandbox, &internal);
    assert!(owed(&after).is_empty(), "destroy left the journal: {after}");

    // A smaller file next: had the journal outlived the destroy, its replay would put db back.
    let smaller = pending_file(&sandbox, "v3.yaml", "", false);
    let report = apply_ok(&sandbox, &smaller, &[]);
    assert_eq!(report["replayed"], serde_json::json!([]), "{report}");
    assert_eq!(members(&back), [sandbox.name("api")]);
    let db = inspect_container(&sandbox.name("db"));
    assert_eq!(db["NetworkSettings"]["Networks"], serde_json::json!({}));
}

/// A container of the file that exits after a second and that the daemon restarts, forever:
/// a die, a start and its network events each time.
fn restarting(sandbox: &Sandbox, name: &str) {
    let label = sandbox.label();
    docker_ok(&[
        "create",
        "--name",
        name,
        "--label",
        &label,
        "--restart",
        "always",
        harness::image::PLACEHOLDER,
        "sleep",
        "1",
    ]);
    docker_ok(&["network", "disconnect", "bridge", name]);
    docker_ok(&["start", name]);
}

fn restart_count(name: &str) -> u64 {
    inspect_container(name)["RestartCount"]
        .as_u64()
        .unwrap_or_default()
}

#[test]
fn watch_repairs_a_membership_while_a_container_restarts_in_a_loop() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["api", "db"]);
    let looping = sandbox.name("loop");
    restarting(&sandbox, &looping);
    let id = &sandbox.id;
    let file = sandbox.write(
        "watch.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  back: {{name: {id}-back, subnet: 10.77.93.0/24}}
services:
  api: {{container: {id}-api, networks: [back]}}
  db: {{container: {id}-db, networks: [back]}}
  loop: {{container: {id}-loop, networks: [back]}}
"
        ),
    );
    let (back, db) = (sandbox.name("back"), sandbox.name("db"));
    let mut watch = sandbox
        .netctl()
        .args(["apply", "--watch"])
        .arg(&file)
        .discard_stdout()
        .spawn();
    watch.wait_for_stderr("watching", Duration::from_secs(30));
    assert!(
        eventually(Duration::from_secs(30), || restart_count(&looping) >= 2),
        "{looping} does not restart"
    );
    let restarts = restart_count(&looping);
    assert!(
        members(&back).contains(&db),
        "the first apply did not connect {db}"
    );

    docker_ok(&["network", "disconnect", &back, &db]);
    assert!(
        eventually(Duration::from_secs(60), || members(&back).contains(&db)),
        "watch did not reconnect {db} while {looping} restarted"
    );
    assert!(
        eventually(Duration::from_secs(60), || restart_count(&looping)
            > restarts),
        "{looping} stopped restarting: the events did not keep coming"
    );
    let (status, said) = watch.interrupt(Duration::from_secs(20));
    assert_eq!(status.code(), Some(130), "{status:?}: {said}");
}

/// This machine's name, as netctl labels the sidecars it starts.
fn this_host() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .expect("the host name")
        .trim()
        .to_owned()
}

/// A running container labelled a sidecar of `project` started on `host`, whose deadline
/// passed long ago: everything a sweep looks at, but not necessarily this run's to remove.
fn labelled_sidecar(sandbox: &Sandbox, name: &str, project: &str, host: &str) -> String {
    let labels = [
        sandbox.label(),
        "io.netctl.role=sidecar".to_owned(),
        format!("io.netctl.project={project}"),
        format!("io.netctl.host={host}"),
        "io.netctl.run=1-1".to_owned(),
        "io.netctl.deadline=1".to_owned(),
    ];
    let mut args = vec!["run", "-d", "--network", "none", "--name", name];
    for label in &labels {
        args.extend(["--label", label.as_str()]);
    }
    args.push(harness::image::PLACEHOLDER);
    docker_ok(&args);
    name.to_owned()
}

fn running(name: &str) -> bool {
    let inspected = docker(&["container", "inspect", "-f", "{{.State.Running}}", name]);
    harness::docker::stdout(&inspected).trim() == "true"
}

fn exists(name: &str) -> bool {
    docker(&["container", "inspect", name]).status.success()
}

/// Two services that share `one`, a third alone on `two`: isolation checks wait out their
/// timeout, so a sidecar lives at least that long.
fn three_apart(sandbox: &Sandbox, extra_service: &str) -> PathBuf {
    let id = &sandbox.id;
    sandbox.write(
        "verify.yaml",
        &format!(
            "version: 1
project: {id}
networks:
  one: {{name: {id}-one, internal: true, subnet: 10.77.94.0/24}}
  two: {{name: {id}-two, internal: true, subnet: 10.77.95.0/24}}
services:
  a: {{container: {id}-a, networks: [one]}}
  b: {{container: {id}-b, networks: [one]}}
  c: {{container: {id}-c, networks: [two]}}
{extra_service}"
        ),
    )
}

#[test]
fn verify_leaves_sidecars_of_another_project_or_host_and_sweeps_its_own() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["a", "b", "c"]);
    let file = three_apart(&sandbox, "");
    apply_ok(&sandbox, &file, &[]);
    let host = this_host();
    let foreign = [
        labelled_sidecar(
            &sandbox,
            &sandbox.name("other-project"),
            &sandbox.name("other"),
            &host,
        ),
        labelled_sidecar(
            &sandbox,
            &sandbox.name("other-host"),
            &sandbox.id,
            &sandbox.name("elsewhere"),
        ),
    ];

    for strategy in ["sidecar", "auto"] {
        // The control: expired, this project's, this machine's: the sweep's to remove.
        let own = labelled_sidecar(&sandbox, &sandbox.name("expired"), &sandbox.id, &host);
        let verified = run(
            &sandbox,
            &[
                "verify",
                "--strategy",
                strategy,
                "--timeout",
                "300ms",
                "-q",
                "-o",
                "json",
            ],
            &file,
        );
        assert_eq!(verified.code(), Some(0), "{strategy}: {}", verified.json());
        assert!(
            !exists(&own),
            "{strategy}: verify did not sweep its own expired sidecar"
        );
        for name in &foreign {
            assert!(
                running(name),
                "{strategy}: verify removed {name}, not its own"
            );
        }
    }
}

#[test]
fn a_container_stopped_during_verify_has_its_checks_explained_with_exit_2() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["a", "b", "c", "z"]);
    let id = &sandbox.id;
    let file = three_apart(
        &sandbox,
        &format!("  z: {{container: {id}-z, networks: [one]}}\n"),
    );
    apply_ok(&sandbox, &file, &[]);
    let a = inspect_container(&sandbox.name("a"))["Id"]
        .as_str()
        .expect("an id")
        .to_owned();

    // One source at a time, in the order of the services' keys: a, b, c, then z.
    let mut verify = sandbox
        .netctl()
        .args(["verify", "--strategy", "sidecar", "--concurrency", "1"])
        .args(["--timeout", "3s", "-q", "-o", "json"])
        .arg(&file)
        .spawn();
    let lines = verify.stderr_lines();
    let stderr =
        std::thread::spawn(move || lines.map_while(Result::ok).collect::<Vec<_>>().join("\n"));
    let mut sidecar_of_a = None;
    assert!(
        eventually(Duration::from_secs(60), || {
            sidecar_of_a = sandbox.sidecars().into_iter().find(|sidecar| {
                let mode = docker(&[
                    "container",
                    "inspect",
                    "-f",
                    "{{.HostConfig.NetworkMode}}",
                    sidecar,
                ]);
                harness::docker::stdout(&mode).trim() == format!("container:{a}")
            });
            sidecar_of_a.is_some()
        }),
        "no sidecar started for a"
    );
    docker_ok(&["kill", &sandbox.name("z")]);
    let sidecar_of_a = sidecar_of_a.expect("found above");
    assert!(
        running(&sidecar_of_a),
        "a's sidecar ended before z was stopped: the order this test relies on did not hold"
    );
    let (status, stdout) = verify.finish(Duration::from_secs(120));
    let stderr = stderr.join().expect("stderr read");
    assert_eq!(status.code(), Some(2), "{status:?}: {stderr}");
    let report: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("verify printed no JSON ({e}): {stdout}\n{stderr}"));
    let checks = report["checks"].as_array().expect("checks");
    let stopped = format!("{} stopped during the run", sandbox.name("z"));
    let explained = |check: &Value| {
        check["status"] == "skipped"
            && check["detail"]
                .as_str()
                .is_some_and(|why| why.starts_with(&stopped))
    };
    // From z nothing could run; b probed z only after it stopped (b's sidecar came after a's).
    let about_z: Vec<&Value> = checks
        .iter()
        .filter(|c| c["from"] == "z" || (c["from"] == "b" && c["to"] == "z"))
        .collect();
    assert_eq!(about_z.len(), 8, "{report:#}");
    assert!(about_z.iter().all(|c| explained(c)), "{about_z:#?}");
    // Whatever did not pass is z's pair, explained; everything else holds.
    let unexplained: Vec<&Value> = checks
        .iter()
        .filter(|c| c["ok"] != true && !explained(c))
        .collect();
    assert!(unexplained.is_empty(), "{unexplained:#?}");
    assert_eq!(report["failed"], 0, "{report:#}");
}

/// A journal marker planted on the daemon (with this project's labels) that names someone
/// else's network: apply refuses and touches nothing, plan shows it, and `--abandon-journal`
/// forgets it, leaving their network and its member as they were.
#[test]
fn a_planted_journal_naming_a_foreign_network_changes_nothing() {
    let sandbox = sandbox();
    placeholders(&sandbox, &["api", "db"]);
    let file = pending_file(&sandbox, "v1.yaml", "", true);
    apply_ok(&sandbox, &file, &[]);
    let theirs = sandbox.name("theirs");
    docker_ok(&[
        "network",
        "create",
        "--subnet",
        "10.77.95.0/24",
        "--label",
        &sandbox.label(),
        &theirs,
    ]);
    let their_app = sandbox.name("their-app");
    sandbox.run_container(&their_app, &["--network", &theirs]);
    let their_id = inspect_network(&theirs)["Id"]
        .as_str()
        .expect("an id")
        .to_owned();

    let entry = netctl::state::JournalEntry {
        old_id: their_id.clone(),
        spec: netctl::live::NetworkSettings {
            name: theirs.clone(),
            driver: "bridge".to_owned(),
            labels: [("io.netctl.project".to_owned(), sandbox.id.clone())].into(),
            ..netctl::live::NetworkSettings::default()
        },
        endpoints: vec![netctl::state::JournalEndpoint {
            container: their_app.clone(),
            endpoint: netctl::live::EndpointSpec::default(),
        }],
    };
    let journal = serde_json::to_string(&entry).expect("JSON");
    sandbox.marker(
        &format!("netctl-journal-{theirs}-planted"),
        "journal",
        &[
            format!("io.netctl.network={theirs}"),
            format!("io.netctl.journal={journal}"),
        ],
    );

    let refused = run(&sandbox, &["apply", "--allow-recreate", "--yes"], &file);
    assert_eq!(refused.code(), Some(1), "{refused:?}");
    assert!(
        refused
            .stderr
            .contains("names what this project does not own"),
        "{}",
        refused.stderr
    );
    let planned = plan_json(&sandbox, &file);
    assert_eq!(owed(&planned), [(theirs.clone(), vec![their_app.clone()])]);

    sandbox
        .netctl()
        .args(["apply", "--abandon-journal", "--yes"])
        .arg(&file)
        .status(0)
        .run();
    assert_eq!(sandbox.markers("journal"), Vec::<String>::new());
    assert_eq!(
        inspect_network(&theirs)["Id"],
        their_id.as_str(),
        "their network was rebuilt"
    );
    assert_eq!(members(&theirs), [their_app], "their member was moved");
}
