//! Recovery on the fake daemon: a restore that fails for one endpoint restores every other one
//! and keeps only what is owed; `--dry-run` and `plan` show a pending journal and never
//! replay it; `--abandon-journal` forgets it; `destroy` settles it first; a journal that names
//! what the project does not own changes nothing.

#![allow(clippy::unwrap_used)]

use netctl::apply::{
    ApplyError, Granted, Networks, Permission, ReconcileError, Reconciled, Round, Silent, Source,
    destroy, reconcile,
};
use netctl::fake::{FakeDaemon, Fault, Seed};
use netctl::live::{Daemon, EndpointSpec, NetworkSettings, labels};
use netctl::plan::{self, Owed, Plan};
use netctl::state::{JournalEndpoint, JournalEntry, Ledger};
use netctl::topology::{Topology, load_str};
use std::time::Duration;

const ALLOW: Permission = Permission {
    recreate: true,
    yes: true,
    dry_run: false,
    abandon_journal: false,
    lock_wait: netctl::apply::DEFAULT_LOCK_WAIT,
};

const BEFORE: &str = "version: 1
project: rec
networks:
  back: {name: rec-back, subnet: 10.216.9.0/24}
services:
  a:
    container: rec-a
    networks:
      back: {aliases: [db], ipv4_address: 10.216.9.10}
  b:
    container: rec-b
    networks:
      back: {aliases: [cache]}
";

/// `back` internal: a change only a recreate makes.
fn after() -> String {
    BEFORE.replace(
        "subnet: 10.216.9.0/24}",
        "subnet: 10.216.9.0/24, internal: true}",
    )
}

fn topology(text: &str) -> Topology {
    load_str(text, "topology.yaml").unwrap()
}

fn block_on<T>(future: impl std::future::Future<Output = T>) -> T {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

fn apply_with(
    daemon: &FakeDaemon,
    text: &str,
    permission: Permission,
) -> Result<Reconciled, ReconcileError> {
    let source = Source::Topology {
        topology: topology(text),
        options: plan::Options::default(),
    };
    block_on(reconcile(
        daemon,
        &daemon.ledger(),
        &source,
        permission,
        Round::First,
        &Granted,
        &mut Silent,
    ))
}

fn apply(daemon: &FakeDaemon, text: &str) -> Result<Reconciled, ReconcileError> {
    apply_with(daemon, text, ALLOW)
}

fn dry_run(daemon: &FakeDaemon) -> Plan {
    let permission = Permission {
        dry_run: true,
        ..ALLOW
    };
    match apply_with(daemon, &after(), permission).unwrap() {
        Reconciled::Planned(plan) => plan,
        other => panic!("a dry run applied: {other:?}"),
    }
}

fn on_back(daemon: &FakeDaemon, container: &str) -> Option<EndpointSpec> {
    let inspected = block_on(daemon.inspect_container(container)).unwrap()?;
    inspected
        .endpoints
        .iter()
        .find(|e| e.network_name == "rec-back")
        .map(|e| EndpointSpec {
            mac_address: None,
            ..e.spec()
        })
}

/// The project applied as BEFORE, and a stranger `rec-x` on its network.
fn daemon() -> FakeDaemon {
    let daemon = FakeDaemon::new();
    for name in ["rec-a", "rec-b"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    apply(&daemon, BEFORE).unwrap();
    let stranger = EndpointSpec {
        aliases: vec!["spy".to_owned()],
        ..EndpointSpec::default()
    };
    daemon
        .seed(Seed::running("rec-x").on("rec-back", stranger))
        .unwrap();
    daemon
}

const MEMBERS: [&str; 3] = ["rec-a", "rec-b", "rec-x"];

/// The recreate's writes: three disconnects, remove, create, then the three reconnects.
const FIRST_RECONNECT: usize = 5;

/// Fails the `n`-th reconnect of the recreate; returns the container it was for.
fn poison_reconnect(daemon: &FakeDaemon, n: usize) -> String {
    daemon.fault(Fault::Fail(daemon.writes() + FIRST_RECONNECT + n));
    let error = apply(daemon, &after()).unwrap_err();
    let ReconcileError::Apply(ApplyError::Unrestored { network, endpoints }) = &error else {
        panic!("expected an unrestored endpoint, got {error}");
    };
    assert_eq!(network, "rec-back");
    assert_eq!(endpoints.len(), 1, "{error}");
    let message = error.to_string();
    assert!(message.contains("--abandon-journal"), "{message}");
    assert!(message.contains(&endpoints[0].container), "{message}");
    endpoints[0].container.clone()
}

fn owed(daemon: &FakeDaemon) -> Vec<Vec<String>> {
    let ledger = daemon.ledger();
    block_on(ledger.journal("rec").unfinished(daemon))
        .unwrap()
        .into_iter()
        .map(|e| e.endpoints.into_iter().map(|e| e.container).collect())
        .collect()
}

#[test]
fn one_failing_reconnect_leaves_every_other_endpoint_restored_and_only_itself_owed() {
    for n in 0..MEMBERS.len() {
        let daemon = daemon();
        let poisoned = poison_reconnect(&daemon, n);
        for member in MEMBERS.iter().filter(|m| **m != poisoned) {
            assert!(on_back(&daemon, member).is_some(), "{member} restored");
        }
        assert!(on_back(&daemon, &poisoned).is_none());
        assert_eq!(owed(&daemon), [vec![poisoned.clone()]]);

        daemon.heal();
        match apply(&daemon, &after()).unwrap() {
            Reconciled::Applied { report, .. } => assert_eq!(report.replayed, ["rec-back"]),
            other => panic!("{other:?}"),
        }
        for member in MEMBERS {
            assert!(
                on_back(&daemon, member).is_some(),
                "{member} after the retry"
            );
        }
        assert_eq!(
            on_back(&daemon, "rec-a").unwrap().ipv4_address,
            Some("10.216.9.10".parse().unwrap())
        );
        assert!(owed(&daemon).is_empty());
    }
}

#[test]
fn a_dry_run_shows_a_pending_journal_and_writes_nothing() {
    let daemon = daemon();
    let poisoned = poison_reconnect(&daemon, 2);
    daemon.heal();
    let writes = daemon.writes();
    let plan = dry_run(&daemon);
    assert_eq!(daemon.writes(), writes, "a dry run never replays");
    assert_eq!(
        plan.journal,
        [Owed {
            network: "rec-back".to_owned(),
            containers: vec![poisoned],
        }]
    );
    let text = netctl::render::Renderer::render(&netctl::render::Text, &plan);
    assert!(text.contains("Interrupted recreates (journal)"), "{text}");
    assert!(text.contains("rec-back still owes 1 endpoint(s)"), "{text}");
    assert_eq!(owed(&daemon).len(), 1, "still owed");
}

#[test]
fn abandoning_the_journal_forgets_what_it_owes_and_the_apply_goes_on() {
    let daemon = daemon();
    let poisoned = poison_reconnect(&daemon, 2);
    assert_eq!(poisoned, "rec-x", "the stranger is restored last");
    // The cause persists: the retry fails the same way and says so again.
    daemon.fault(Fault::Fail(daemon.writes()));
    let again = apply(&daemon, &after()).unwrap_err();
    assert!(again.to_string().contains("rec-x"), "{again}");
    daemon.heal();

    let abandon = Permission {
        abandon_journal: true,
        ..ALLOW
    };
    apply_with(&daemon, &after(), abandon).unwrap();
    assert!(owed(&daemon).is_empty());
    assert!(
        on_back(&daemon, "rec-x").is_none(),
        "the stranger stays off"
    );
    assert!(on_back(&daemon, "rec-a").is_some() && on_back(&daemon, "rec-b").is_some());
}

#[test]
fn destroy_settles_a_pending_journal_before_it_removes_anything() {
    let daemon = daemon();
    // Crash right after the old network is removed: nothing is reconnected yet.
    daemon.fault(Fault::CrashAfter(daemon.writes() + 3));
    assert!(apply(&daemon, &after()).is_err());
    daemon.heal();
    block_on(destroy(
        &daemon,
        &daemon.ledger(),
        &topology(&after()),
        ALLOW,
        &Granted,
        &mut Silent,
    ))
    .unwrap();
    assert!(owed(&daemon).is_empty(), "settled");
    assert!(
        on_back(&daemon, "rec-a").is_none(),
        "declared, disconnected"
    );
    assert!(
        on_back(&daemon, "rec-x").is_some(),
        "the stranger was restored, so the network stays for it"
    );
    let writes = daemon.writes();
    apply(&daemon, BEFORE).unwrap();
    assert!(
        daemon.writes() > writes,
        "a later apply starts from what destroy left"
    );
    assert!(owed(&daemon).is_empty());
}

/// A journal marker planted on the daemon that names another owner's network.
fn plant(daemon: &FakeDaemon, old_id: &str, name: &str, labelled: bool) {
    let mut spec = NetworkSettings {
        name: name.to_owned(),
        driver: "bridge".to_owned(),
        ..NetworkSettings::default()
    };
    if labelled {
        spec.labels
            .insert(labels::PROJECT.to_owned(), "rec".to_owned());
    }
    let entry = JournalEntry {
        old_id: old_id.to_owned(),
        spec,
        endpoints: vec![JournalEndpoint {
            container: "rec-a".to_owned(),
            endpoint: EndpointSpec::default(),
        }],
    };
    let ledger = daemon.ledger();
    block_on(ledger.journal("rec").record(daemon, &entry)).unwrap();
}

#[test]
fn a_planted_journal_naming_what_the_project_does_not_own_changes_nothing() {
    let daemon = daemon();
    let foreign = NetworkSettings {
        name: "someone-elses".to_owned(),
        driver: "bridge".to_owned(),
        ..NetworkSettings::default()
    };
    let foreign_id = block_on(daemon.create_network(&foreign)).unwrap();
    daemon
        .seed(Seed::running("their-app").on("someone-elses", EndpointSpec::default()))
        .unwrap();
    for (old_id, name, labelled) in [
        (foreign_id.as_str(), "someone-elses", true),
        ("0123456789ab", "rec-elsewhere", false),
    ] {
        plant(&daemon, old_id, name, labelled);
        let writes = daemon.writes();
        let error = apply(&daemon, BEFORE).unwrap_err();
        assert!(
            matches!(
                error,
                ReconcileError::Apply(ApplyError::ForeignJournal { .. })
            ),
            "{error}"
        );
        assert_eq!(daemon.writes(), writes, "{name}: nothing written");
        let ledger = daemon.ledger();
        block_on(ledger.journal("rec").finish(&daemon, name)).unwrap();
    }
    let theirs = block_on(daemon.inspect_container("their-app"))
        .unwrap()
        .unwrap();
    assert!(theirs.endpoint_on(&foreign_id).is_some());
}

#[test]
fn an_apply_gives_up_on_a_held_lock_naming_its_holder() {
    let daemon = daemon();
    // This very process holds the lock, as another running netctl would.
    let holder = Ledger::new(netctl::fake::LEDGER_IMAGE);
    let _held = block_on(holder.lock(&daemon, "rec", Duration::ZERO)).unwrap();
    let writes = daemon.writes();
    let impatient = Permission {
        lock_wait: Duration::from_millis(300),
        ..ALLOW
    };
    let error = apply_with(&daemon, BEFORE, impatient)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains(&format!("pid {}", std::process::id())),
        "{error}"
    );
    assert!(error.contains("--lock-timeout"), "{error}");
    assert_eq!(daemon.writes(), writes, "nothing written without the lock");
}
