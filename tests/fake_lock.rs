//! The lock and the journal live on the daemon, so every netctl using it sees them: played on
//! the fake daemon with several "netctl processes" (ledgers with holders of their own), as
//! two state folders, two users or two machines would be. A holder that is this very process
//! is alive; one with a pid no process has is a netctl that died.

#![allow(clippy::unwrap_used)]

use netctl::apply::{
    Ask, Granted, Permission, ReconcileError, Reconciled, Round, Silent, Source, reconcile,
};
use netctl::fake::{FakeDaemon, Fault, LEDGER_IMAGE, Seed};
use netctl::live::{Daemon, EndpointSpec};
use netctl::plan::{self, Plan};
use netctl::state::{Holder, Ledger};
use netctl::topology::load_str;
use std::time::Duration;

const ALLOW: Permission = Permission {
    recreate: true,
    yes: true,
    dry_run: false,
    abandon_journal: false,
    lock_wait: Duration::from_secs(10),
};

const BEFORE: &str = "version: 1
project: held
networks:
  back: {name: held-back, subnet: 10.216.11.0/24}
services:
  a:
    container: held-a
    networks:
      back: {aliases: [db]}
  b:
    container: held-b
    networks: [back]
";

/// `back` internal: only a recreate makes it so.
fn after() -> String {
    BEFORE.replace("10.216.11.0/24}", "10.216.11.0/24, internal: true}")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A netctl that died on this machine: its pid belongs to no process.
fn dead(pid: u32) -> Ledger {
    let holder = Holder {
        pid,
        host: netctl::machine::name(),
        since: 0,
    };
    Ledger::held_by(LEDGER_IMAGE, holder)
}

/// A netctl running on another machine: it cannot be seen from here, so it is alive.
fn elsewhere() -> Ledger {
    let holder = Holder {
        pid: 1,
        host: "another-machine".to_owned(),
        since: 0,
    };
    Ledger::held_by(LEDGER_IMAGE, holder)
}

async fn apply(
    daemon: &FakeDaemon,
    ledger: &Ledger,
    text: &str,
    permission: Permission,
) -> Result<Reconciled, ReconcileError> {
    let source = Source::Topology {
        topology: load_str(text, "topology.yaml").unwrap(),
        options: plan::Options::default(),
    };
    let round = Round::First;
    reconcile(
        daemon,
        ledger,
        &source,
        permission,
        round,
        &Granted,
        &mut Silent,
    )
    .await
}

/// The project applied as BEFORE by a netctl that has ended since.
fn daemon() -> FakeDaemon {
    let daemon = FakeDaemon::new();
    for name in ["held-a", "held-b"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    runtime()
        .block_on(apply(&daemon, &daemon.ledger(), BEFORE, ALLOW))
        .unwrap();
    daemon
}

fn markers(daemon: &FakeDaemon) -> Vec<String> {
    let containers = runtime().block_on(daemon.containers()).unwrap();
    containers
        .into_iter()
        .filter(|c| c.is_netctl_marker())
        .map(|c| c.name)
        .collect()
}

fn recreates(reconciled: &Reconciled) -> usize {
    match reconciled {
        Reconciled::Applied { report, .. } => report
            .done
            .iter()
            .filter(|d| d.action == "recreate_network")
            .count(),
        other => panic!("expected an apply: {other:?}"),
    }
}

#[test]
fn an_apply_leaves_no_marker_behind() {
    let daemon = daemon();
    assert_eq!(markers(&daemon), Vec::<String>::new());
}

#[test]
fn another_machines_lock_is_waited_for_and_never_taken_over() {
    let daemon = daemon();
    let rt = runtime();
    let theirs = elsewhere();
    let held = rt
        .block_on(theirs.lock(&daemon, "held", Duration::ZERO))
        .unwrap();
    let writes = daemon.writes();
    let impatient = Permission {
        lock_wait: Duration::from_millis(300),
        ..ALLOW
    };
    let error = rt
        .block_on(apply(
            &daemon,
            &Ledger::new(LEDGER_IMAGE),
            &after(),
            impatient,
        ))
        .unwrap_err()
        .to_string();
    assert!(error.contains("pid 1 on another-machine"), "{error}");
    assert!(error.contains("docker rm netctl-lock-held"), "{error}");
    assert_eq!(daemon.writes(), writes, "nothing written without the lock");
    rt.block_on(theirs.release(&daemon, held));
    let applied = rt
        .block_on(apply(&daemon, &Ledger::new(LEDGER_IMAGE), &after(), ALLOW))
        .unwrap();
    assert_eq!(recreates(&applied), 1, "free once released");
}

#[test]
fn a_dead_holders_lock_is_taken_over() {
    let daemon = daemon();
    let rt = runtime();
    let _left = rt
        .block_on(dead(5_000_001).lock(&daemon, "held", Duration::ZERO))
        .unwrap();
    assert_eq!(markers(&daemon), ["netctl-lock-held"]);
    let impatient = Permission {
        lock_wait: Duration::ZERO,
        ..ALLOW
    };
    let applied = rt
        .block_on(apply(
            &daemon,
            &Ledger::new(LEDGER_IMAGE),
            &after(),
            impatient,
        ))
        .unwrap();
    assert_eq!(recreates(&applied), 1);
    assert_eq!(
        markers(&daemon),
        Vec::<String>::new(),
        "taken over, then released"
    );
}

#[test]
fn a_recreate_interrupted_under_one_state_folder_is_finished_from_another() {
    let daemon = daemon();
    let rt = runtime();
    // The first netctl dies right after the old network is removed (2 disconnects, remove).
    daemon.fault(Fault::CrashAfter(daemon.writes() + 2));
    assert!(
        rt.block_on(apply(&daemon, &dead(5_000_002), &after(), ALLOW))
            .is_err()
    );
    daemon.heal();
    assert_eq!(
        markers(&daemon).len(),
        2,
        "its lock and its journal stay: {:?}",
        markers(&daemon)
    );
    // Another netctl, knowing nothing of the first, shows the pending recreate in a dry run...
    let second = dead(5_000_003);
    let dry = Permission {
        dry_run: true,
        ..ALLOW
    };
    let Reconciled::Planned(plan) = rt.block_on(apply(&daemon, &second, &after(), dry)).unwrap()
    else {
        panic!("a dry run plans");
    };
    assert_eq!(plan.journal.len(), 1, "{plan:?}");
    assert_eq!(plan.journal[0].network, "held-back");
    // ...and finishes it: every endpoint back, with its alias.
    let Reconciled::Applied { report, .. } = rt
        .block_on(apply(&daemon, &second, &after(), ALLOW))
        .unwrap()
    else {
        panic!("an apply applies");
    };
    assert_eq!(report.replayed, ["held-back"]);
    let a = rt
        .block_on(daemon.inspect_container("held-a"))
        .unwrap()
        .unwrap();
    let back = a.endpoints.iter().find(|e| e.network_name == "held-back");
    assert_eq!(back.map(|e| e.aliases.clone()), Some(vec!["db".to_owned()]));
    assert_eq!(markers(&daemon), Vec::<String>::new());
}

/// Says yes after a pause, while its apply holds the lock: the other apply runs meanwhile.
#[derive(Default)]
struct SlowYes {
    asked: std::cell::Cell<usize>,
}

impl Ask for SlowYes {
    async fn confirm(&self, _: &Plan, _: &'static str) -> Result<bool, ReconcileError> {
        self.asked.set(self.asked.get() + 1);
        tokio::time::sleep(Duration::from_millis(300)).await;
        Ok(true)
    }
}

#[test]
fn two_concurrent_applies_from_two_folders_recreate_once() {
    let daemon = daemon();
    let (first, second) = (Ledger::new(LEDGER_IMAGE), Ledger::new(LEDGER_IMAGE));
    let source = Source::Topology {
        topology: load_str(&after(), "topology.yaml").unwrap(),
        options: plan::Options::default(),
    };
    let asking = Permission {
        yes: false,
        ..ALLOW
    };
    let ask = SlowYes::default();
    let (one, two) = runtime().block_on(async {
        let (mut quiet, mut silent) = (Silent, Silent);
        tokio::join!(
            reconcile(
                &daemon,
                &first,
                &source,
                asking,
                Round::First,
                &ask,
                &mut quiet
            ),
            reconcile(
                &daemon,
                &second,
                &source,
                asking,
                Round::First,
                &ask,
                &mut silent
            )
        )
    });
    let (one, two) = (one.unwrap(), two.unwrap());
    assert_eq!(
        ask.asked.get(),
        1,
        "only the first found a recreate to confirm"
    );
    assert_eq!(
        (recreates(&one), recreates(&two)),
        (1, 0),
        "the second waited for the lock, then found nothing left to recreate"
    );
    let endpoints = |name: &str| {
        let c = runtime()
            .block_on(daemon.inspect_container(name))
            .unwrap()
            .unwrap();
        c.endpoints
            .iter()
            .filter(|e| e.network_name == "held-back")
            .count()
    };
    assert_eq!((endpoints("held-a"), endpoints("held-b")), (1, 1));
    assert_eq!(markers(&daemon), Vec::<String>::new());
}

#[test]
fn a_second_watcher_from_another_folder_is_refused() {
    let daemon = daemon();
    let rt = runtime();
    let first = Ledger::new(LEDGER_IMAGE);
    let _watching = rt.block_on(first.watch(&daemon, "held")).unwrap();
    let error = rt
        .block_on(Ledger::new(LEDGER_IMAGE).watch(&daemon, "held"))
        .unwrap_err()
        .to_string();
    assert!(error.contains("already watches project held"), "{error}");
    assert!(
        error.contains(&format!("pid {}", std::process::id())),
        "{error}"
    );
}

#[test]
fn a_container_that_took_the_lock_name_is_not_netctls_and_stays() {
    let daemon = daemon();
    daemon
        .seed(Seed::running("netctl-lock-held").on("bridge", EndpointSpec::default()))
        .unwrap();
    let error = runtime()
        .block_on(apply(&daemon, &Ledger::new(LEDGER_IMAGE), &after(), ALLOW))
        .unwrap_err()
        .to_string();
    assert!(error.contains("netctl did not make"), "{error}");
    let still = runtime().block_on(daemon.inspect_container("netctl-lock-held"));
    assert!(still.unwrap().is_some_and(|c| c.running));
}
