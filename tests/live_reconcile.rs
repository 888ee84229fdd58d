//! Live tests of plan and apply against the real daemon: from nothing, drift, recreate, a
//! crash in the middle of a recreate, foreign networks, and overlapping subnets. Each test
//! uses its own subnets in 10.77.0.0/16 and removes what it created.

pub mod harness;

use harness::Sandbox;
use harness::docker::{docker, docker_ok, inspect_container, inspect_network, members};
use harness::process::eventually;
use serde_json::Value;
use std::os::unix::process::ExitStatusExt;
use std::time::Duration;

/// The subnets this file pins in its expectations, checked free before every test.
const SUBNETS: [&str; 5] = [
    "10.77.1.0/24",
    "10.77.2.0/24",
    "10.77.3.0/24",
    "10.77.4.0/24",
    "10.77.5.0/24",
];

/// A sandbox that has checked this file's subnets.
fn sandbox() -> Sandbox {
    Sandbox::claiming(&SUBNETS)
}

const HUB: &str = include_str!("../topologies/versatile-hub.yaml");

/// The Versatile Hub as this run's instance: its own external `web`, hub-internal moved.
fn hub_file(sandbox: &Sandbox) -> std::path::PathBuf {
    let text = HUB.replace(
        "    external: true            # Traefik's network: created and owned outside this stack\n",
        &format!("    external: true\n    name: {}\n", sandbox.name("web")),
    );
    assert_ne!(text, HUB, "the hub file changed: update hub_file()");
    sandbox.write("hub.yaml", &text)
}

fn hub_args(sandbox: &Sandbox, file: &std::path::Path) -> Vec<String> {
    vec![
        file.display().to_string(),
        "--project".to_owned(),
        sandbox.id.clone(),
        "--subnet-remap".to_owned(),
        "172.31.0.0/16=10.77.2.0/24".to_owned(),
    ]
}

const HUB_SERVICES: [&str; 14] = [
    "agent",
    "chat-web",
    "chat-worker",
    "chat-postgres",
    "chat-redis",
    "chat-bridge",
    "hub-frontend",
    "hub-backend",
    "hub-websocket",
    "hub-worker",
    "hub-scheduler",
    "hub-db",
    "hub-redis-cache",
    "hub-redis-queue",
];

#[test]
fn the_hub_applies_from_nothing_and_a_second_apply_does_nothing() {
    let mut sandbox = sandbox();
    let file = hub_file(&sandbox);
    let web = sandbox.network(&sandbox.name("web"), "10.77.1.0/24", &[]);
    for service in HUB_SERVICES {
        sandbox.container(&sandbox.name(service), &[]);
    }
    let args = hub_args(&sandbox, &file);

    let applied = sandbox
        .netctl()
        .arg("apply")
        .args(&args)
        .args(["-o", "json"])
        .any_status()
        .run();
    assert!(applied.status.success(), "{}", applied.stderr);
    let report = applied.json();
    assert_eq!(report["changes"], 3 + 20, "{report}");

    // Read back with the docker CLI, independently of netctl's observer.
    let net = |key: &str| sandbox.name(key);
    assert_eq!(
        members(&web),
        ["agent", "chat-bridge", "chat-web", "hub-frontend"].map(|s| sandbox.name(s))
    );
    assert_eq!(
        members(&net("shared")),
        ["agent", "chat-bridge", "hub-backend"].map(|s| sandbox.name(s))
    );
    assert_eq!(
        members(&net("chat-internal")),
        [
            "chat-bridge",
            "chat-postgres",
            "chat-redis",
            "chat-web",
            "chat-worker"
        ]
        .map(|s| sandbox.name(s))
    );
    let hub = inspect_network(&net("hub-internal"));
    assert_eq!(hub["Internal"], true);
    assert_eq!(hub["IPAM"]["Config"][0]["Subnet"], "10.77.2.0/24");
    assert_eq!(hub["Labels"]["io.netctl.project"], sandbox.id.as_str());
    let bridge = hub["Options"]["com.docker.network.bridge.name"]
        .as_str()
        .unwrap();
    assert!(bridge.len() <= 15, "{bridge}");
    assert_eq!(members(&net("hub-internal")).len(), 8);
    let backend = inspect_container(&sandbox.name("hub-backend"));
    let endpoint = &backend["NetworkSettings"]["Networks"][net("hub-internal")];
    assert_eq!(endpoint["IPAddress"], "10.77.2.10");
    assert!(
        endpoint["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"backend".into())
    );
    let shared = &backend["NetworkSettings"]["Networks"][net("shared")];
    assert!(
        shared["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"hub-api".into())
    );

    let drift = sandbox
        .netctl()
        .args(["matrix", "--live", "-o", "json"])
        .args(&args)
        .any_status()
        .run();
    let drift = drift.json();
    assert_eq!(drift["view"], "drift");
    assert_eq!(drift["rows"].as_array().unwrap().len(), 14, "{drift}");
    for row in drift["rows"].as_array().unwrap() {
        for cell in row["networks"].as_object().unwrap().values() {
            assert!(cell == "ok" || cell == "none", "{row}");
        }
    }
    assert_eq!(drift["rows"][0]["networks"]["web"], "ok");
    assert_eq!(drift["rows"][0]["networks"]["hub-internal"], "none");

    let again = sandbox
        .netctl()
        .arg("apply")
        .args(&args)
        .args(["-o", "json"])
        .any_status()
        .run();
    assert!(again.status.success());
    assert_eq!(again.json()["changes"], 0);
    sandbox
        .netctl()
        .arg("plan")
        .args(&args)
        .arg("--detailed-exitcode")
        .status(0)
        .stdout("No changes: the daemon matches the file.\n")
        .run();
}

fn small_file(sandbox: &Sandbox, back_settings: &str) -> std::path::PathBuf {
    let text = format!(
        "version: 1
project: {id}
networks:
  front:
    name: {id}-front
    subnet: 10.77.3.0/24
  back:
    name: {id}-back
{back_settings}
services:
  api:
    container: {id}-api
    networks:
      front: {{}}
      back:
        aliases: [backend]
        ipv4_address: 10.77.4.10
  db:
    container: {id}-db
    networks: [back]
",
        id = sandbox.id
    );
    sandbox.write("small.yaml", &text)
}

const BACK: &str = "    subnet: 10.77.4.0/24";

fn small_sandbox() -> Sandbox {
    let sandbox = sandbox();
    sandbox.container(&sandbox.name("api"), &[]);
    sandbox.container(&sandbox.name("db"), &[]);
    sandbox
}

fn apply_ok(sandbox: &Sandbox, file: &std::path::Path, extra: &[&str]) -> Value {
    let output = sandbox
        .netctl()
        .arg("apply")
        .arg(file)
        .args(extra)
        .args(["-o", "json"])
        .any_status()
        .run();
    assert!(
        output.status.success(),
        "apply failed: {}{}",
        output.stdout,
        output.stderr
    );
    output.json()
}

#[test]
fn drift_is_planned_with_exit_2_and_repaired_by_apply() {
    let sandbox = small_sandbox();
    let file = small_file(&sandbox, BACK);
    apply_ok(&sandbox, &file, &[]);
    docker_ok(&[
        "network",
        "disconnect",
        &sandbox.name("back"),
        &sandbox.name("db"),
    ]);

    let planned = sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode", "-o", "json"])
        .arg(&file)
        .any_status()
        .run();
    assert_eq!(planned.code(), Some(2));
    let plan = planned.json();
    assert_eq!(plan["changes"], 1);
    assert_eq!(plan["actions"][0]["action"], "connect");
    assert_eq!(plan["actions"][0]["container"], sandbox.name("db").as_str());

    let drift = sandbox
        .netctl()
        .args(["matrix", "--live", "-o", "json"])
        .arg(&file)
        .any_status()
        .run();
    let drift = drift.json();
    assert_eq!(drift["rows"][1]["service"], "db");
    assert_eq!(drift["rows"][1]["networks"]["back"], "missing");
    assert_eq!(drift["rows"][0]["networks"]["back"], "ok");

    assert_eq!(apply_ok(&sandbox, &file, &[])["changes"], 1);
    assert_eq!(
        members(&sandbox.name("back")),
        [sandbox.name("api"), sandbox.name("db")]
    );
    sandbox.assert_plan_exit(&file, 0);
}

/// A container the file does not declare, with an alias and a static IP on `back`.
fn stranger(sandbox: &Sandbox) -> String {
    let back = sandbox.name("back");
    sandbox.container(
        &sandbox.name("stranger"),
        &[
            "--network",
            &back,
            "--network-alias",
            "keep-me",
            "--ip",
            "10.77.4.99",
        ],
    )
}

/// The restored stranger is on `back` without the file saying so: every plan shows it as
/// drift (exit 2 with --detailed-exitcode), and nothing else.
fn assert_only_the_stranger_drifts(sandbox: &Sandbox, file: &std::path::Path) {
    let planned = sandbox
        .netctl()
        .args(["plan", "--detailed-exitcode", "-o", "json"])
        .arg(file)
        .any_status()
        .run();
    assert_eq!(planned.code(), Some(2));
    let plan = planned.json();
    assert_eq!(
        (plan["changes"].as_u64(), plan["drift"].as_u64()),
        (Some(0), Some(1)),
        "{plan}"
    );
    assert_eq!(
        plan["actions"][0]["container"],
        sandbox.name("stranger").as_str()
    );
}

fn assert_stranger_restored(sandbox: &Sandbox) {
    let inspected = inspect_container(&sandbox.name("stranger"));
    let endpoint = &inspected["NetworkSettings"]["Networks"][sandbox.name("back")];
    assert_eq!(
        endpoint["IPAMConfig"]["IPv4Address"], "10.77.4.99",
        "{endpoint}"
    );
    assert!(
        endpoint["Aliases"]
            .as_array()
            .expect("aliases")
            .contains(&"keep-me".into())
    );
    let api = inspect_container(&sandbox.name("api"));
    let endpoint = &api["NetworkSettings"]["Networks"][sandbox.name("back")];
    assert_eq!(endpoint["IPAddress"], "10.77.4.10");
}

#[test]
fn a_recreate_needs_the_flag_and_restores_every_endpoint() {
    let sandbox = small_sandbox();
    apply_ok(&sandbox, &small_file(&sandbox, BACK), &[]);
    stranger(&sandbox);
    let old_id = inspect_network(&sandbox.name("back"))["Id"].clone();

    // A smaller subnet would strand the stranger's static address: blocked, naming it.
    let stranding = small_file(&sandbox, "    subnet: 10.77.4.0/28");
    let blocked = sandbox
        .netctl()
        .args(["plan", "-o", "json"])
        .arg(&stranding)
        .any_status()
        .run();
    assert_eq!(blocked.code(), Some(1));
    let plan = blocked.json();
    assert_eq!(plan["actions"][0]["action"], "blocked");
    assert_eq!(
        plan["actions"][0]["container"],
        sandbox.name("stranger").as_str()
    );
    assert!(
        plan["actions"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("10.77.4.99")
    );

    let internal = small_file(&sandbox, &format!("{BACK}\n    internal: true"));
    let planned = sandbox
        .netctl()
        .args(["plan", "-o", "json"])
        .arg(&internal)
        .any_status()
        .run();
    let plan = planned.json();
    let recreate = &plan["actions"][0];
    assert_eq!(recreate["action"], "recreate_network");
    assert_eq!(recreate["changes"][0]["field"], "internal");
    let restored: Vec<&str> = recreate["endpoints"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["container"].as_str().unwrap())
        .collect();
    assert_eq!(restored.len(), 3, "{recreate}");
    assert!(restored.contains(&sandbox.name("stranger").as_str()));

    sandbox.netctl().arg("apply").arg(&internal).status(1).run();
    assert_eq!(inspect_network(&sandbox.name("back"))["Id"], old_id);

    apply_ok(&sandbox, &internal, &["--allow-recreate", "--yes"]);
    let back = inspect_network(&sandbox.name("back"));
    assert_ne!(back["Id"], old_id);
    assert_eq!(back["Internal"], true);
    assert_stranger_restored(&sandbox);
    assert_only_the_stranger_drifts(&sandbox, &internal);
}

#[test]
fn a_sigkill_between_remove_and_create_is_repaired_by_the_next_apply() {
    let sandbox = small_sandbox();
    apply_ok(&sandbox, &small_file(&sandbox, BACK), &[]);
    stranger(&sandbox);
    let internal = small_file(&sandbox, &format!("{BACK}\n    internal: true"));

    let killed = sandbox
        .netctl()
        .env("NETCTL_FAULT_INJECT", "after-remove")
        .args(["apply", "--allow-recreate", "--yes"])
        .arg(&internal)
        .any_status()
        .run();
    assert_eq!(killed.status.signal(), Some(9), "{killed:?}");
    assert!(
        !docker(&["network", "inspect", &sandbox.name("back")])
            .status
            .success()
    );

    let report = apply_ok(&sandbox, &internal, &["--allow-recreate", "--yes"]);
    assert_eq!(report["replayed"][0], sandbox.name("back").as_str());
    assert_eq!(inspect_network(&sandbox.name("back"))["Internal"], true);
    assert_stranger_restored(&sandbox);
    assert_only_the_stranger_drifts(&sandbox, &internal);
}

#[test]
fn a_foreign_network_of_the_same_name_is_left_untouched_and_reported() {
    let mut sandbox = small_sandbox();
    let foreign = sandbox.network(&sandbox.name("back"), "10.77.4.0/24", &["--internal"]);
    let id = inspect_network(&foreign)["Id"].clone();
    let file = small_file(&sandbox, BACK);

    let planned = sandbox
        .netctl()
        .args(["plan", "-o", "json"])
        .arg(&file)
        .any_status()
        .run();
    assert_eq!(planned.code(), Some(1));
    let plan = planned.json();
    let reason = plan["actions"][0]["reason"].as_str().unwrap();
    assert!(reason.contains("does not own it"), "{reason}");
    assert!(reason.contains("internal: true → false"), "{reason}");

    sandbox.netctl().arg("apply").arg(&file).status(1).run();
    let after = inspect_network(&foreign);
    assert_eq!(after["Id"], id);
    assert_eq!(after["Internal"], true);
    assert!(members(&foreign).is_empty());
    assert!(
        docker(&["network", "inspect", &sandbox.name("front")])
            .status
            .code()
            != Some(0)
    );
}

#[test]
fn a_subnet_overlapping_a_foreign_network_blocks_before_any_change() {
    let mut sandbox = small_sandbox();
    let foreign = sandbox.network(&sandbox.name("other"), "10.77.4.0/25", &[]);
    let file = small_file(&sandbox, BACK);

    let applied = sandbox.netctl().arg("apply").arg(&file).any_status().run();
    assert_eq!(applied.code(), Some(1));
    let stdout = applied.stdout.clone();
    assert!(
        stdout.contains(&format!("overlaps network {foreign} (10.77.4.0/25)")),
        "{stdout}"
    );
    let owned = docker_ok(&[
        "network",
        "ls",
        "-q",
        "--filter",
        &format!("label=io.netctl.project={}", sandbox.id),
    ]);
    assert_eq!(owned.trim(), "", "apply created networks despite the block");
}

#[test]
fn import_then_plan_shows_no_changes_and_destroy_leaves_what_it_does_not_own() {
    let mut sandbox = small_sandbox();
    let ext = sandbox.network(&sandbox.name("ext"), "10.77.5.0/24", &[]);
    docker_ok(&["network", "connect", &ext, &sandbox.name("api")]);
    let file = small_file(&sandbox, BACK);
    apply_ok(&sandbox, &file, &[]);
    stranger(&sandbox);
    // A membership of the default bridge comes along, as an external network.
    docker_ok(&["network", "connect", "bridge", &sandbox.name("api")]);

    let imported = sandbox
        .netctl()
        .args(["import", "--live", "--project", &sandbox.id])
        .any_status()
        .run();
    assert!(imported.status.success(), "{}", imported.stderr);
    let text = String::from_utf8(imported.stdout_bytes).unwrap();
    assert!(
        text.contains(&format!("name: {ext}\n    external: true")),
        "{text}"
    );
    assert!(text.contains("name: bridge\n    external: true"), "{text}");
    let copy = sandbox.write("imported.yaml", &text);
    sandbox.assert_plan_exit(&copy, 0);

    // Without a terminal and without --yes, destroy refuses and changes nothing.
    sandbox.netctl().arg("destroy").arg(&file).status(1).run();
    assert_eq!(members(&sandbox.name("back")).len(), 3);

    let destroyed = sandbox
        .netctl()
        .args(["destroy", "--yes", "-o", "json"])
        .arg(&file)
        .any_status()
        .run();
    assert!(destroyed.status.success());
    let report = destroyed.json();
    assert_eq!(report["left"][0]["network"], sandbox.name("back").as_str());
    assert_eq!(
        report["left"][0]["containers"][0],
        sandbox.name("stranger").as_str()
    );
    assert!(
        !docker(&["network", "inspect", &sandbox.name("front")])
            .status
            .success()
    );
    assert_eq!(members(&sandbox.name("back")), [sandbox.name("stranger")]);
    assert_eq!(
        members(&ext),
        [sandbox.name("api")],
        "destroy touched a foreign network"
    );
}

#[test]
fn watch_repairs_a_hand_disconnect_and_a_recreated_container_until_ctrl_c() {
    let sandbox = small_sandbox();
    let file = small_file(&sandbox, BACK);
    let (back, db) = (sandbox.name("back"), sandbox.name("db"));
    let mut watch = sandbox
        .netctl()
        .arg("apply")
        .arg(&file)
        .arg("--watch")
        .spawn();
    watch.wait_for_stderr("watching", Duration::from_secs(20));
    let both = || members(&back) == [sandbox.name("api"), db.clone()];
    assert!(both(), "the first apply did not converge");

    docker_ok(&["network", "disconnect", &back, &db]);
    assert!(
        eventually(Duration::from_secs(10), both),
        "watch did not reconnect {db}"
    );

    // What compose does after an image change: a new container under the same name.
    docker_ok(&["rm", "-f", &db]);
    sandbox.container(&db, &[]);
    assert!(
        eventually(Duration::from_secs(10), both),
        "watch did not connect the new {db}"
    );

    let status = watch.interrupt(Duration::from_secs(10)).0;
    assert_eq!(
        status.code(),
        Some(130),
        "Ctrl-C ends a watch as it ends every command"
    );
}

#[test]
fn a_second_apply_of_the_project_waits_for_the_lock_and_says_why() {
    let sandbox = small_sandbox();
    let file = small_file(&sandbox, BACK);
    // As a netctl on another machine holds it: a marker on the daemon naming it.
    let holder = sandbox.hold_lock(&format!("pid={} host=the-test since=0", std::process::id()));

    let mut waiting = sandbox.netctl().arg("apply").arg(&file).spawn();
    waiting.wait_for_stderr(
        &format!("waiting for netctl (pid {} on the-test", std::process::id()),
        Duration::from_secs(10),
    );
    sandbox
        .netctl()
        .args(["apply", "--lock-timeout", "1s"])
        .arg(&file)
        .status(1)
        .stderr_has(format!("netctl (pid {} on the-test", std::process::id()))
        .stderr_has("still holds the lock")
        .stderr_has("--lock-timeout")
        .run();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        !docker(&["network", "inspect", &sandbox.name("front")])
            .status
            .success(),
        "apply wrote while another held the lock"
    );
    sandbox.release_lock(&holder);
    assert!(waiting.finish(Duration::from_secs(20)).0.success());
    assert_eq!(
        members(&sandbox.name("back")),
        [sandbox.name("api"), sandbox.name("db")]
    );
}

#[test]
fn a_saved_plan_applies_exactly_and_is_refused_once_the_daemon_changed() {
    let sandbox = small_sandbox();
    let file = small_file(&sandbox, BACK);
    let saved = sandbox.dir.path().join("first.plan");
    sandbox
        .netctl()
        .args(["plan", "--out"])
        .arg(&saved)
        .arg(&file)
        .status(0)
        .run();
    let report = apply_ok(&sandbox, &saved, &[]);
    assert_eq!(report["changes"], 5);

    let (back, db) = (sandbox.name("back"), sandbox.name("db"));
    docker_ok(&["network", "disconnect", &back, &db]);
    let stale = sandbox.dir.path().join("stale.plan");
    sandbox
        .netctl()
        .args(["plan", "--out"])
        .arg(&stale)
        .arg(&file)
        .status(0)
        .run();
    docker_ok(&["network", "connect", "--alias", "by-hand", &back, &db]);

    let refused = sandbox.netctl().arg("apply").arg(&stale).any_status().run();
    assert_eq!(refused.code(), Some(1));
    let stderr = refused.stderr.clone();
    assert!(
        stderr.contains("changed since this plan was saved"),
        "{stderr}"
    );
    let endpoint = &inspect_container(&db)["NetworkSettings"]["Networks"][back.as_str()];
    assert!(
        endpoint["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"by-hand".into())
    );
}

#[test]
fn prune_reconnect_pending_and_a_created_external_network_in_one_apply() {
    let mut sandbox = small_sandbox();
    apply_ok(&sandbox, &small_file(&sandbox, BACK), &[]);
    stranger(&sandbox);
    let edge = sandbox.name("edge");
    sandbox.adopt_network(&edge);
    let text = format!(
        "version: 1
project: {id}
networks:
  back:
    name: {id}-back
    subnet: 10.77.4.0/24
  edge:
    external: true
    name: {id}-edge
services:
  api:
    container: {id}-api
    networks:
      back:
        aliases: [api-v2]
        ipv4_address: 10.77.4.10
      edge: {{}}
  db:
    container: {id}-db
    networks: [back]
  ghost:
    container: {id}-ghost
    networks: [back]
",
        id = sandbox.id
    );
    let file = sandbox.write("v2.yaml", &text);
    let flags = ["--prune", "--create-missing-external"];

    let planned = sandbox
        .netctl()
        .args(["plan", "-o", "json"])
        .args(flags)
        .arg(&file)
        .any_status()
        .run();
    let plan = planned.json();
    let actions: Vec<(String, String)> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["action"].as_str().unwrap().to_owned(),
                a["container"].as_str().unwrap_or("-").to_owned(),
            )
        })
        .collect();
    let expect = |action: &str, container: &str| {
        assert!(
            actions.contains(&(action.to_owned(), container.to_owned())),
            "{action} {container} missing from {actions:?}"
        );
    };
    expect("disconnect", &sandbox.name("stranger"));
    expect("disconnect", &sandbox.name("api"));
    expect("remove_network", "-");
    expect("create_network", "-");
    expect("reconnect", &sandbox.name("api"));
    expect("connect", &sandbox.name("api"));
    expect("pending", &sandbox.name("ghost"));

    // Removing needs a confirmation; with no terminal and no --yes, nothing happens.
    sandbox
        .netctl()
        .arg("apply")
        .args(flags)
        .arg(&file)
        .status(1)
        .run();
    assert!(
        docker(&["network", "inspect", &sandbox.name("front")])
            .status
            .success()
    );

    let report = apply_ok(
        &sandbox,
        &file,
        &["--prune", "--create-missing-external", "--yes"],
    );
    assert_eq!(
        report["pending"][0]["container"],
        sandbox.name("ghost").as_str()
    );
    assert!(
        !docker(&["network", "inspect", &sandbox.name("front")])
            .status
            .success()
    );
    assert_eq!(
        members(&sandbox.name("back")),
        [sandbox.name("api"), sandbox.name("db")]
    );
    assert!(
        docker(&["container", "inspect", &sandbox.name("stranger")])
            .status
            .success()
    );
    let api = inspect_container(&sandbox.name("api"));
    let back = &api["NetworkSettings"]["Networks"][sandbox.name("back")];
    assert!(
        back["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"api-v2".into())
    );
    assert!(
        !back["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"backend".into())
    );
    assert_eq!(back["IPAddress"], "10.77.4.10");
    let created = inspect_network(&edge);
    assert!(
        created["Labels"].get("io.netctl.project").is_none(),
        "{created}"
    );
    assert_eq!(members(&edge), [sandbox.name("api")]);
}

#[test]
fn the_plan_text_and_the_apply_summary_match_their_snapshots() {
    let sandbox = small_sandbox();
    let file = small_file(&sandbox, BACK);
    let plan = sandbox.netctl().arg("plan").arg(&file).run();
    let apply = sandbox.netctl().arg("apply").arg(&file).run();
    let again = sandbox.netctl().arg("plan").arg(&file).run();
    harness::snapshot::redacted(&sandbox.id).bind(|| {
        insta::assert_snapshot!("plan_text", plan.stdout);
        insta::assert_snapshot!(
            "apply_summary",
            format!("{}--- stderr\n{}", apply.stdout, apply.stderr)
        );
        insta::assert_snapshot!("plan_text_unchanged", again.stdout);
    });
}
