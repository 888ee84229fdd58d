//! `apply::watch` on the fake daemon's event stream: a membership someone removes comes back
//! in the next round, netctl's own writes lead to a round that finds nothing, a failed round
//! does not end the watch, and a closed stream does.

#![allow(clippy::unwrap_used)]

use netctl::apply::{
    Ask, Networks, Permission, ReconcileError, Reconciled, Round, Silent, Source, reconcile, watch,
};
use netctl::fake::{FakeDaemon, Fault, Seed};
use netctl::live::{DaemonEvent, EndpointSpec};
use netctl::plan::{self, Plan};
use netctl::topology::load_str;
use std::path::Path;
use tokio::sync::mpsc::{UnboundedReceiver, unbounded_channel};

const FILE: &str = "version: 1
project: watched
networks:
  app: {name: watched-app, subnet: 10.216.2.0/24}
services:
  api:
    container: watched-api
    networks:
      app: {aliases: [api], ipv4_address: 10.216.2.10}
  db:
    container: watched-db
    networks: [app]
";

struct Yes;

impl Ask for Yes {
    async fn confirm(&self, _: &Plan, _: &'static str) -> Result<bool, ReconcileError> {
        Ok(true)
    }
}

const ALLOW_ALL: Permission = Permission {
    recreate: true,
    yes: true,
    dry_run: false,
    abandon_journal: false,
    lock_wait: netctl::apply::DEFAULT_LOCK_WAIT,
};

fn source() -> Source {
    Source::Topology {
        topology: load_str(FILE, "topology.yaml").unwrap(),
        options: plan::Options::default(),
    }
}

/// The file applied once, as `apply --watch` does before it watches.
async fn applied(daemon: &FakeDaemon, state: &Path) {
    for name in ["watched-api", "watched-db"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    let (source, mut progress) = (source(), Silent);
    let first = reconcile(
        daemon,
        state,
        &source,
        ALLOW_ALL,
        Round::First,
        &Yes,
        &mut progress,
    );
    assert!(matches!(first.await.unwrap(), Reconciled::Applied { .. }));
}

/// A round in a word: what it wrote, or that it found nothing, or its error.
fn summary(round: Result<Reconciled, ReconcileError>) -> String {
    match round {
        Ok(Reconciled::Applied { report, .. }) => {
            let done: Vec<&str> = report.done.iter().map(|d| d.action).collect();
            format!("applied {}", done.join(" "))
        }
        Ok(Reconciled::Unchanged) => "unchanged".to_owned(),
        Ok(Reconciled::Planned(_)) => "planned".to_owned(),
        Err(error) => format!("failed: {error}"),
    }
}

async fn next(rounds: &mut UnboundedReceiver<String>) -> String {
    let limit = std::time::Duration::from_secs(10);
    tokio::time::timeout(limit, rounds.recv())
        .await
        .expect("a round within 10 s")
        .expect("the watch still running")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn a_removed_membership_comes_back_in_the_next_round() {
    let daemon = FakeDaemon::new();
    let state = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        applied(&daemon, state.path()).await;
        let (sender, mut rounds) = unbounded_channel();
        let mut each = |round| sender.send(summary(round)).unwrap();
        let (source, mut progress) = (source(), Silent);
        let watching = watch(
            &daemon,
            state.path(),
            &source,
            ALLOW_ALL,
            &mut progress,
            &mut each,
        );
        let someone = async {
            daemon
                .disconnect("watched-app", "watched-api")
                .await
                .unwrap();
            let seen = [next(&mut rounds).await, next(&mut rounds).await];
            daemon.end_events();
            seen
        };
        let (ended, seen) = tokio::join!(watching, someone);
        assert_eq!(seen, ["applied connect", "unchanged"]);
        let ended = ended.unwrap_err().to_string();
        assert!(ended.contains("closed its event stream"), "{ended}");
    });
    let inspected = runtime()
        .block_on(netctl::live::Daemon::inspect_container(
            &daemon,
            "watched-api",
        ))
        .unwrap()
        .unwrap();
    let endpoint = inspected.endpoints[0].spec();
    assert_eq!(
        EndpointSpec {
            mac_address: None,
            ..endpoint
        },
        EndpointSpec {
            aliases: vec!["api".to_owned()],
            ipv4_address: Some("10.216.2.10".parse().unwrap()),
            ..EndpointSpec::default()
        }
    );
}

#[test]
fn a_failed_round_does_not_end_the_watch() {
    let daemon = FakeDaemon::new();
    let state = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        applied(&daemon, state.path()).await;
        let (sender, mut rounds) = unbounded_channel();
        let mut each = |round| sender.send(summary(round)).unwrap();
        let (source, mut progress) = (source(), Silent);
        let watching = watch(
            &daemon,
            state.path(),
            &source,
            ALLOW_ALL,
            &mut progress,
            &mut each,
        );
        let someone = async {
            daemon
                .disconnect("watched-app", "watched-db")
                .await
                .unwrap();
            daemon.fault(Fault::Fail(daemon.writes()));
            let failed = next(&mut rounds).await;
            daemon.emit(DaemonEvent {
                kind: "container".to_owned(),
                action: "start".to_owned(),
            });
            let repaired = next(&mut rounds).await;
            daemon.end_events();
            [failed, repaired]
        };
        let (ended, [failed, repaired]) = tokio::join!(watching, someone);
        assert!(failed.contains("injected fault"), "{failed}");
        assert_eq!(repaired, "applied connect");
        assert!(ended.is_err());
    });
}

#[test]
fn a_container_that_starts_later_is_connected_by_the_round_its_start_triggers() {
    let daemon = FakeDaemon::new();
    let state = tempfile::tempdir().unwrap();
    runtime().block_on(async {
        daemon.seed(Seed::running("watched-api")).unwrap();
        let (source, mut progress) = (source(), Silent);
        let first = reconcile(
            &daemon,
            state.path(),
            &source,
            ALLOW_ALL,
            Round::First,
            &Yes,
            &mut progress,
        );
        let Reconciled::Applied { after, .. } = first.await.unwrap() else {
            panic!("the first apply applies");
        };
        assert_eq!(after.actions.len(), 1, "watched-db is pending: {after:?}");
        let (sender, mut rounds) = unbounded_channel();
        let mut each = |round| sender.send(summary(round)).unwrap();
        let watching = watch(
            &daemon,
            state.path(),
            &source,
            ALLOW_ALL,
            &mut progress,
            &mut each,
        );
        let someone = async {
            daemon.seed(Seed::running("watched-db")).unwrap();
            let seen = [next(&mut rounds).await, next(&mut rounds).await];
            daemon.end_events();
            seen
        };
        let (_, seen) = tokio::join!(watching, someone);
        assert_eq!(seen, ["applied connect", "unchanged"]);
    });
}
