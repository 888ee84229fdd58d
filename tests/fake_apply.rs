//! `apply::reconcile` and `apply::destroy` on the fake daemon: the hub from nothing and a
//! second apply that only reads; drift repaired with the fewest writes, or left as drift until
//! `--prune`; plans blocked before any write; a saved plan applied exactly; and every write of
//! an apply, a destroy, a recreate and a recreate's replay interrupted (failed, crashed before,
//! crashed after) and finished by the next run with every endpoint back and no journal left.
//! Milliseconds each; the live tests stay the proof.

#![allow(clippy::unwrap_used)]

use netctl::apply::{
    Destroyed, Granted, Networks, Permission, ReconcileError, Reconciled, Round, Silent, Source,
    reconcile,
};
use netctl::fake::{FakeDaemon, Fault, Seed};
use netctl::live::{Daemon, EndpointSpec, NetworkMode, NetworkSettings};
use netctl::plan;
use netctl::state::JournalEntry;
use netctl::topology::load_str;

const HUB: &str = include_str!("../topologies/versatile-hub.yaml");

const ALLOW_ALL: Permission = Permission {
    recreate: true,
    yes: true,
    dry_run: false,
    abandon_journal: false,
    lock_wait: netctl::apply::DEFAULT_LOCK_WAIT,
};

fn apply(daemon: &FakeDaemon, text: &str) -> Result<Reconciled, ReconcileError> {
    apply_with(daemon, text, plan::Options::default())
}

/// The recreates the journal still owes.
fn unfinished(daemon: &FakeDaemon) -> Vec<JournalEntry> {
    let ledger = daemon.ledger();
    block_on(ledger.journal("crash").unfinished(daemon)).unwrap()
}

/// The writes an apply did, by kind, in order.
fn done(reconciled: Reconciled) -> Vec<&'static str> {
    match reconciled {
        Reconciled::Applied { report, .. } => report.done.iter().map(|d| d.action).collect(),
        other => panic!("expected an apply, got {other:?}"),
    }
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
        .block_on(future)
}

/// The endpoint `container` has on the one network named `network`, as configured.
fn endpoint(daemon: &FakeDaemon, network: &str, container: &str) -> Option<EndpointSpec> {
    let inspected = block_on(daemon.inspect_container(container)).unwrap()?;
    let found = inspected
        .endpoints
        .iter()
        .find(|e| e.network_name == network)?;
    Some(EndpointSpec {
        mac_address: None,
        ..found.spec()
    })
}

fn networks_named(daemon: &FakeDaemon, name: &str) -> Vec<NetworkSettings> {
    block_on(daemon.networks())
        .unwrap()
        .into_iter()
        .filter(|n| n.settings.name == name)
        .map(|n| n.settings)
        .collect()
}

/// The hub's fourteen containers, running and on no network, and Traefik's `web`.
fn hub_daemon() -> FakeDaemon {
    let daemon = FakeDaemon::new();
    let topology = load_str(HUB, "hub.yaml").unwrap();
    for service in &topology.services {
        daemon.seed(Seed::running(&service.container)).unwrap();
    }
    let web = NetworkSettings {
        name: "web".to_owned(),
        driver: "bridge".to_owned(),
        ..NetworkSettings::default()
    };
    block_on(daemon.create_network(&web)).unwrap();
    daemon
}

#[test]
fn the_hub_applies_from_nothing_and_a_second_apply_only_reads() {
    let daemon = hub_daemon();
    let first = done(apply(&daemon, HUB).unwrap());
    assert_eq!(first.len(), 3 + 20, "{first:?}");
    assert_eq!(first.iter().filter(|a| **a == "create_network").count(), 3);
    let backend = endpoint(&daemon, "versatile-hub-internal", "versatile-hub-backend").unwrap();
    assert_eq!(backend.aliases, ["backend"]);
    assert_eq!(backend.ipv4_address, Some("172.31.0.10".parse().unwrap()));

    let (writes, calls) = (daemon.writes(), daemon.calls());
    let second = apply(&daemon, HUB).unwrap();
    assert_eq!(done(second), Vec::<&str>::new());
    assert_eq!(daemon.writes(), writes, "a second apply writes nothing");
    // The lock marker made and removed, the container list for the journal; then the
    // network list, the container list, and one inspect per container for its aliases (API
    // 1.41 lists none).
    assert_eq!(daemon.calls() - calls, 3 + 2 + 14);
}

#[test]
fn drift_is_repaired_with_the_fewest_writes() {
    let daemon = hub_daemon();
    apply(&daemon, HUB).unwrap();
    let hub = "versatile-hub-internal";
    block_on(async {
        daemon.disconnect("web", "versatile-agent").await.unwrap();
        daemon.disconnect(hub, "versatile-hub-db").await.unwrap();
        let wrong = EndpointSpec {
            aliases: vec!["old-name".to_owned()],
            ..EndpointSpec::default()
        };
        daemon
            .connect(hub, "versatile-hub-db", &wrong)
            .await
            .unwrap();
    });
    let writes = daemon.writes();
    let repaired = done(apply(&daemon, HUB).unwrap());
    assert_eq!(repaired, ["connect", "reconnect"]);
    assert_eq!(
        daemon.writes() - writes,
        1 + 2,
        "a reconnect is a disconnect and a connect"
    );
    let db = endpoint(&daemon, hub, "versatile-hub-db").unwrap();
    assert_eq!(db.aliases, Vec::<String>::new());
    assert_eq!(db.ipv4_address, Some("172.31.0.20".parse().unwrap()));
    assert!(endpoint(&daemon, "web", "versatile-agent").is_some());
}

const BEFORE: &str = "version: 1
project: crash
networks:
  back: {name: crash-back, subnet: 10.216.1.0/24}
  front: {name: crash-front}
services:
  a:
    container: crash-a
    networks:
      back: {aliases: [db, primary], ipv4_address: 10.216.1.10}
  b:
    container: crash-b
    networks:
      back: {aliases: [cache]}
      front: {aliases: [web]}
  c:
    container: crash-c
    networks:
      back: {ipv4_address: 10.216.1.30}
";

/// The same file with `back` internal: a settings change the API can only make by recreating.
fn after() -> String {
    BEFORE.replace(
        "back: {name: crash-back, subnet: 10.216.1.0/24}",
        "back: {name: crash-back, subnet: 10.216.1.0/24, internal: true}",
    )
}

/// Every endpoint on `crash-back` before the recreate and after it: the three declared ones,
/// and a stranger's the file does not declare (restored as it was).
fn expected_endpoints() -> Vec<(&'static str, EndpointSpec)> {
    let spec = |aliases: &[&str], address: Option<&str>| EndpointSpec {
        aliases: aliases.iter().map(|a| (*a).to_owned()).collect(),
        ipv4_address: address.map(|a| a.parse().unwrap()),
        ..EndpointSpec::default()
    };
    vec![
        ("crash-a", spec(&["db", "primary"], Some("10.216.1.10"))),
        ("crash-b", spec(&["cache"], None)),
        ("crash-c", spec(&[], Some("10.216.1.30"))),
        ("crash-x", spec(&["spy"], Some("10.216.1.99"))),
    ]
}

/// The project applied as BEFORE, plus the stranger on `crash-back`; then the `stopped`
/// containers stop.
fn crash_daemon(stopped: &[&str]) -> FakeDaemon {
    let daemon = FakeDaemon::new();
    for name in ["crash-a", "crash-b", "crash-c"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    apply(&daemon, BEFORE).unwrap();
    let (_, stranger) = expected_endpoints().pop().unwrap();
    daemon
        .seed(Seed::running("crash-x").on("crash-back", stranger))
        .unwrap();
    for name in stopped {
        daemon.stop(name).unwrap();
    }
    daemon
}

/// Stopped members, started again: each joins the new `crash-back` with its address.
fn assert_rejoin(daemon: &FakeDaemon, stopped: &[&str], context: &str) {
    let back = block_on(daemon.networks())
        .unwrap()
        .into_iter()
        .find(|n| n.settings.name == "crash-back")
        .unwrap();
    for name in stopped {
        daemon.start(name).unwrap();
        let started = block_on(daemon.inspect_container(name)).unwrap().unwrap();
        let endpoint = started.endpoint_on(&back.id);
        let wanted = expected_endpoints()
            .into_iter()
            .find(|(container, _)| container == name)
            .and_then(|(_, spec)| spec.ipv4_address);
        assert!(
            endpoint.is_some(),
            "{context}: {name} joins the new network"
        );
        let addresses = endpoint.map(|e| e.addresses.clone()).unwrap_or_default();
        if let Some(wanted) = wanted {
            assert_eq!(
                addresses,
                [std::net::IpAddr::V4(wanted)],
                "{context}: {name}"
            );
        }
    }
}

/// Every endpoint back as it was, on one `crash-back` that is now internal, the other
/// network untouched and no journal left.
fn assert_restored(daemon: &FakeDaemon, context: &str) {
    let back = networks_named(daemon, "crash-back");
    assert_eq!(back.len(), 1, "{context}: one crash-back");
    assert!(back[0].internal, "{context}: the new settings");
    for (container, wanted) in expected_endpoints() {
        let found = endpoint(daemon, "crash-back", container);
        assert_eq!(found.as_ref(), Some(&wanted), "{context}: {container}");
    }
    assert!(
        endpoint(daemon, "crash-front", "crash-b").is_some(),
        "{context}"
    );
    assert_eq!(unfinished(daemon), [], "{context}");
}

/// The writes of a healthy recreate of `crash-back`: each of its M endpoints disconnected,
/// the network removed and created, each endpoint connected again.
fn recreate_writes() -> usize {
    let daemon = crash_daemon(&[]);
    let writes = daemon.writes();
    let recreated = done(apply(&daemon, &after()).unwrap());
    assert_eq!(recreated, ["recreate_network"]);
    assert_restored(&daemon, "healthy");
    daemon.writes() - writes
}

#[test]
fn a_recreate_interrupted_at_any_write_is_finished_by_the_next_apply() {
    interrupt_every_write(&[]);
}

#[test]
fn a_recreate_with_stopped_members_interrupted_at_any_write_is_finished_too() {
    interrupt_every_write(&["crash-c", "crash-x"]);
}

/// For each write of the recreate and each way to be interrupted there, the next apply
/// replays the journal and restores every endpoint; the one after has nothing to do.
fn interrupt_every_write(stopped: &[&str]) {
    let endpoints = expected_endpoints().len();
    let writes = recreate_writes();
    assert_eq!(writes, 2 * endpoints + 2);
    let faults: [fn(usize) -> Fault; 3] = [Fault::Fail, Fault::CrashBefore, Fault::CrashAfter];
    for k in 0..writes {
        for fault in faults {
            let daemon = crash_daemon(stopped);
            let planned = fault(daemon.writes() + k);
            let context = format!("{planned:?} (write {k} of the recreate)");
            daemon.fault(planned);
            let interrupted = apply(&daemon, &after());
            assert!(interrupted.is_err(), "{context}: {interrupted:?}");
            daemon.heal();
            assert_eq!(unfinished(&daemon).len(), 1, "{context}: journaled");
            match apply(&daemon, &after()).unwrap() {
                Reconciled::Applied { report, .. } => {
                    assert_eq!(report.replayed, ["crash-back"], "{context}");
                    assert_eq!(report.done.len(), 0, "{context}: the replay did it all");
                }
                other => panic!("{context}: {other:?}"),
            }
            assert_restored(&daemon, &context);
            assert_rejoin(&daemon, stopped, &context);
            let settled = daemon.writes();
            assert_eq!(done(apply(&daemon, &after()).unwrap()), Vec::<&str>::new());
            assert_eq!(daemon.writes(), settled, "{context}: nothing left to do");
        }
    }
}

#[test]
fn a_replay_interrupted_in_turn_is_finished_by_the_apply_after() {
    let writes = recreate_writes();
    for k in 0..writes {
        for j in 0.. {
            let daemon = crash_daemon(&[]);
            daemon.fault(Fault::CrashAfter(daemon.writes() + k));
            assert!(apply(&daemon, &after()).is_err());
            daemon.heal();
            let replay_starts = daemon.writes();
            daemon.fault(Fault::CrashBefore(replay_starts + j));
            let context = format!("crash after write {k}, then before write {j} of the replay");
            if apply(&daemon, &after()).is_ok() {
                assert_eq!(daemon.writes(), replay_starts + j, "{context}");
                assert_restored(&daemon, &context);
                break;
            }
            daemon.heal();
            apply(&daemon, &after()).unwrap();
            assert_restored(&daemon, &context);
        }
    }
}

/// Every container's networks with their aliases and static addresses, read by inspects.
fn memberships(daemon: &FakeDaemon) -> Vec<(String, Vec<(String, EndpointSpec)>)> {
    let containers = block_on(daemon.containers()).unwrap();
    containers
        .iter()
        .map(|listed| {
            let whole = block_on(daemon.inspect_container(&listed.id))
                .unwrap()
                .unwrap();
            let endpoints = whole
                .endpoints
                .iter()
                .map(|e| {
                    let spec = EndpointSpec {
                        mac_address: None,
                        ..e.spec()
                    };
                    (e.network_name.clone(), spec)
                })
                .collect();
            (listed.name.clone(), endpoints)
        })
        .collect()
}

#[test]
fn an_apply_interrupted_at_any_write_is_finished_by_the_next_one() {
    let clean = hub_daemon();
    let writes = done(apply(&clean, HUB).unwrap()).len();
    let wanted = memberships(&clean);
    let faults: [fn(usize) -> Fault; 3] = [Fault::Fail, Fault::CrashBefore, Fault::CrashAfter];
    for k in 0..writes {
        for fault in faults {
            let daemon = hub_daemon();
            let planned = fault(daemon.writes() + k);
            daemon.fault(planned);
            assert!(apply(&daemon, HUB).is_err(), "{planned:?}");
            daemon.heal();
            apply(&daemon, HUB).unwrap();
            assert_eq!(memberships(&daemon), wanted, "{planned:?}");
            let settled = daemon.writes();
            assert_eq!(done(apply(&daemon, HUB).unwrap()), Vec::<&str>::new());
            assert_eq!(daemon.writes(), settled, "{planned:?}");
        }
    }
}

#[test]
fn a_second_network_of_a_declared_name_blocks_the_plan_before_any_write() {
    let daemon = hub_daemon();
    apply(&daemon, HUB).unwrap();
    let twin = NetworkSettings {
        name: "versatile-shared".to_owned(),
        driver: "bridge".to_owned(),
        ..NetworkSettings::default()
    };
    block_on(daemon.create_network(&twin)).unwrap();
    block_on(daemon.disconnect("web", "versatile-agent")).unwrap();
    let writes = daemon.writes();
    let refused = apply(&daemon, HUB).unwrap_err();
    let blocked = refused.plan().unwrap();
    let reasons: Vec<String> = blocked
        .blocked()
        .map(|action| format!("{action:?}"))
        .collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert!(reasons[0].contains("ambiguous"), "{reasons:?}");
    assert_eq!(
        daemon.writes(),
        writes,
        "nothing written, not even the other repair"
    );
}

#[test]
fn a_declared_container_in_another_namespace_blocks_the_plan_naming_it() {
    let daemon = FakeDaemon::new();
    let host = daemon.seed(Seed::running("crash-a")).unwrap();
    for (name, mode) in [
        ("crash-b", NetworkMode::Container(host)),
        ("crash-c", NetworkMode::Host),
    ] {
        daemon.seed(Seed::running(name).mode(mode)).unwrap();
    }
    let refused = apply(&daemon, BEFORE).unwrap_err();
    let blocked: Vec<String> = refused
        .plan()
        .unwrap()
        .blocked()
        .map(|action| format!("{action:?}"))
        .collect();
    assert_eq!(blocked.len(), 2, "{blocked:?}");
    assert!(blocked[0].contains("crash-b runs with network mode `container:"));
    assert!(blocked[1].contains("crash-c runs with network mode `host`"));
    assert_eq!(daemon.writes(), 0);
}

fn destroy(daemon: &FakeDaemon) -> Result<Destroyed, ReconcileError> {
    let topology = load_str(HUB, "hub.yaml").unwrap();
    block_on(netctl::apply::destroy(
        daemon,
        &daemon.ledger(),
        &topology,
        ALLOW_ALL,
        &Granted,
        &mut Silent,
    ))
}

/// The hub's networks left on the daemon, and its containers still on `web`.
fn hub_remains(daemon: &FakeDaemon) -> (Vec<String>, usize) {
    let networks = block_on(daemon.networks()).unwrap();
    let mut names: Vec<String> = networks
        .into_iter()
        .map(|n| n.settings.name)
        .filter(|n| n.starts_with("versatile-") || n == "web")
        .collect();
    names.sort();
    let on_web = block_on(daemon.containers())
        .unwrap()
        .iter()
        .filter(|c| c.endpoints.iter().any(|e| e.network_name == "web"))
        .count();
    (names, on_web)
}

#[test]
fn a_destroy_interrupted_at_any_write_is_finished_by_the_next_one() {
    let clean = hub_daemon();
    apply(&clean, HUB).unwrap();
    let writes = destroy(&clean).unwrap().report.done.len();
    assert_eq!(hub_remains(&clean), (vec!["web".to_owned()], 0));
    let faults: [fn(usize) -> Fault; 3] = [Fault::Fail, Fault::CrashBefore, Fault::CrashAfter];
    for k in 0..writes {
        for fault in faults {
            let daemon = hub_daemon();
            apply(&daemon, HUB).unwrap();
            let planned = fault(daemon.writes() + k);
            daemon.fault(planned);
            assert!(destroy(&daemon).is_err(), "{planned:?}");
            daemon.heal();
            destroy(&daemon).unwrap();
            assert_eq!(
                hub_remains(&daemon),
                (vec!["web".to_owned()], 0),
                "{planned:?}"
            );
        }
    }
}

fn apply_saved(daemon: &FakeDaemon, saved: &str) -> Result<Reconciled, ReconcileError> {
    let plan = plan::saved::read(saved).unwrap();
    block_on(reconcile(
        daemon,
        &daemon.ledger(),
        &Source::Saved(plan),
        ALLOW_ALL,
        Round::First,
        &Granted,
        &mut Silent,
    ))
}

#[test]
fn a_saved_plan_applies_exactly_and_is_refused_once_the_daemon_changed() {
    let daemon = hub_daemon();
    let topology = load_str(HUB, "hub.yaml").unwrap();
    let scope = netctl::apply::alias_scope(&topology);
    let observed = block_on(netctl::live::observe(&daemon, &scope)).unwrap();
    let saved = plan::saved::write(&plan::diff(&topology, &observed, &Default::default()));
    let writes = daemon.writes();
    let applied = done(apply_saved(&daemon, &saved).unwrap());
    assert_eq!(applied.len(), 3 + 20);
    assert_eq!(
        daemon.writes() - writes,
        3 + 20,
        "the plan's writes, no more"
    );
    let writes = daemon.writes();
    let ReconcileError::Stale(reasons) = apply_saved(&daemon, &saved).unwrap_err() else {
        panic!("a plan whose networks now exist is stale");
    };
    assert!(!reasons.is_empty());
    assert_eq!(daemon.writes(), writes, "nothing written");
}

fn apply_with(
    daemon: &FakeDaemon,
    text: &str,
    options: plan::Options,
) -> Result<Reconciled, ReconcileError> {
    let source = Source::Topology {
        topology: load_str(text, "topology.yaml").unwrap(),
        options,
    };
    block_on(reconcile(
        daemon,
        &daemon.ledger(),
        &source,
        ALLOW_ALL,
        Round::First,
        &Granted,
        &mut Silent,
    ))
}

#[test]
fn undeclared_memberships_are_drift_until_prune_disconnects_them() {
    let daemon = FakeDaemon::new();
    let plain_run = Seed::running("crash-a").on("bridge", EndpointSpec::default());
    daemon.seed(plain_run).unwrap();
    for name in ["crash-b", "crash-c"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    apply(&daemon, BEFORE).unwrap();
    let stranger = Seed::running("crash-x").on("crash-back", EndpointSpec::default());
    daemon.seed(stranger).unwrap();
    let writes = daemon.writes();
    let Reconciled::Applied { after, .. } = apply(&daemon, BEFORE).unwrap() else {
        panic!("an apply");
    };
    let drift: Vec<Option<&str>> = after.drift().map(|a| a.container()).collect();
    assert_eq!(drift, [Some("crash-x"), Some("crash-a")]);
    assert_eq!(daemon.writes(), writes, "drift is reported, not repaired");
    let prune = plan::Options {
        prune: true,
        ..plan::Options::default()
    };
    let pruned = done(apply_with(&daemon, BEFORE, prune).unwrap());
    assert_eq!(pruned, ["disconnect", "disconnect"]);
    assert!(endpoint(&daemon, "bridge", "crash-a").is_none());
    assert!(endpoint(&daemon, "crash-back", "crash-x").is_none());
}
