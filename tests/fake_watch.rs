//! `apply::watch` on the fake daemon's event stream: a membership someone removes comes back
//! in the next round, netctl's own writes lead to a round that finds nothing, a failed round
//! does not end the watch, and a closed stream does; an event during the first apply is
//! caught, a stranger's is not; an event storm still gets a round every `MAX_DELAY`; a second
//! watcher is refused.

#![allow(clippy::unwrap_used)]

use netctl::apply::{
    Granted, Networks, Permission, Progress, ReconcileError, Reconciled, Round, Silent, Source,
    WatchError, reconcile, watch,
};
use netctl::fake::{FakeDaemon, Fault, Seed};
use netctl::live::{DaemonEvent, EndpointSpec};
use netctl::plan;
use netctl::state::Ledger;
use netctl::topology::load_str;
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

/// The file applied once (by an earlier `apply`): a watch's first round then writes nothing.
async fn applied(daemon: &FakeDaemon) {
    for name in ["watched-api", "watched-db"] {
        daemon.seed(Seed::running(name)).unwrap();
    }
    let (source, mut progress) = (source(), Silent);
    let ledger = daemon.ledger();
    let first = reconcile(
        daemon,
        &ledger,
        &source,
        ALLOW_ALL,
        Round::First,
        &Granted,
        &mut progress,
    );
    assert!(matches!(first.await.unwrap(), Reconciled::Applied { .. }));
}

/// A container start of `name`, as the daemon reports one.
fn start_of(name: &str) -> DaemonEvent {
    DaemonEvent {
        kind: "container".to_owned(),
        action: "start".to_owned(),
        name: name.to_owned(),
    }
}

/// A round in a word: what it wrote, or that it found nothing, or its error.
fn summary(round: Result<Reconciled, ReconcileError>) -> String {
    match round {
        Ok(Reconciled::Applied { report, .. }) => {
            let done: Vec<&str> = report.done.iter().map(|d| d.action).collect();
            format!("applied {}", done.join(" ")).trim_end().to_owned()
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

/// Runs a watch of FILE on `daemon` beside `someone`, which gets the rounds as they come and
/// ends the event stream when done; returns how the watch ended and what `someone` returned.
async fn watching<T>(
    daemon: &FakeDaemon,
    progress: &mut impl Progress,
    someone: impl AsyncFnOnce(&mut UnboundedReceiver<String>) -> T,
) -> (Result<(), WatchError>, T) {
    let (sender, mut rounds) = unbounded_channel();
    let mut each = |round| sender.send(summary(round)).unwrap();
    let source = source();
    let ledger = daemon.ledger();
    let watch = watch(
        daemon, &ledger, &source, ALLOW_ALL, &Granted, progress, &mut each,
    );
    let other = async {
        let seen = someone(&mut rounds).await;
        daemon.end_events();
        seen
    };
    tokio::join!(watch, other)
}

#[test]
fn a_removed_membership_comes_back_in_the_next_round() {
    let daemon = FakeDaemon::new();
    runtime().block_on(async {
        applied(&daemon).await;
        let (ended, seen) = watching(&daemon, &mut Silent, async |rounds| {
            let first = next(rounds).await;
            daemon
                .disconnect("watched-app", "watched-api")
                .await
                .unwrap();
            [first, next(rounds).await, next(rounds).await]
        })
        .await;
        assert_eq!(seen, ["applied", "applied connect", "unchanged"]);
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
    runtime().block_on(async {
        applied(&daemon).await;
        let (ended, [failed, repaired]) = watching(&daemon, &mut Silent, async |rounds| {
            assert_eq!(next(rounds).await, "applied");
            daemon
                .disconnect("watched-app", "watched-db")
                .await
                .unwrap();
            daemon.fault(Fault::Fail(daemon.writes()));
            let failed = next(rounds).await;
            daemon.emit(start_of("watched-db"));
            [failed, next(rounds).await]
        })
        .await;
        assert!(failed.contains("injected fault"), "{failed}");
        assert_eq!(repaired, "applied connect");
        assert!(ended.is_err());
    });
}

#[test]
fn a_container_that_starts_later_is_connected_by_the_round_its_start_triggers() {
    let daemon = FakeDaemon::new();
    runtime().block_on(async {
        daemon.seed(Seed::running("watched-api")).unwrap();
        let (_, seen) = watching(&daemon, &mut Silent, async |rounds| {
            let first = next(rounds).await;
            // The first apply's own writes lead to a round that finds nothing.
            let own = next(rounds).await;
            daemon.seed(Seed::running("watched-db")).unwrap();
            [first, own, next(rounds).await, next(rounds).await]
        })
        .await;
        assert_eq!(
            seen,
            [
                "applied create_network connect",
                "unchanged",
                "applied connect",
                "unchanged"
            ]
        );
    });
}

/// Something happens while the first apply runs (here: as it is about to write), once.
struct Meanwhile<'d> {
    daemon: &'d FakeDaemon,
    event: Option<DaemonEvent>,
}

impl Progress for Meanwhile<'_> {
    fn begin(&mut self, _: usize) {
        if let Some(event) = self.event.take() {
            self.daemon.emit(event);
        }
    }
    fn start(&mut self, _: &netctl::plan::Action) {}
    fn finish(&mut self, _: &netctl::plan::Action) {}
    fn end(&mut self) {}
}

#[test]
fn a_change_during_the_first_apply_is_caught_and_a_stranger_s_is_not() {
    for (name, rounds_after_first) in [("watched-api", 1), ("someone-else", 0)] {
        let daemon = FakeDaemon::new();
        runtime().block_on(async {
            applied(&daemon).await;
            let mut meanwhile = Meanwhile {
                daemon: &daemon,
                event: Some(start_of(name)),
            };
            let (_, seen) = watching(&daemon, &mut meanwhile, async |rounds| {
                let mut seen = vec![next(rounds).await];
                // Nothing else happens: any further round is the event's doing.
                let quiet = std::time::Duration::from_secs(2);
                while let Ok(Some(round)) = tokio::time::timeout(quiet, rounds.recv()).await {
                    seen.push(round);
                }
                seen
            })
            .await;
            assert_eq!(seen[0], "applied", "{name}");
            assert_eq!(seen.len() - 1, rounds_after_first, "{name}: {seen:?}");
        });
    }
}

#[test]
fn a_daemon_that_never_goes_quiet_still_gets_a_round_within_max_delay() {
    let daemon = FakeDaemon::new();
    let every = std::time::Duration::from_millis(100);
    // A relevant event every 100 ms, for a little longer than MAX_DELAY: the daemon is never
    // quiet for 250 ms, so only the cap can bring a round while the storm lasts.
    let storm = netctl::apply::MAX_DELAY.as_millis() / every.as_millis() + 10;
    let (_, during_storm) = runtime().block_on(async {
        applied(&daemon).await;
        watching(&daemon, &mut Silent, async |rounds| {
            assert_eq!(next(rounds).await, "applied");
            for _ in 0..storm {
                daemon.emit(start_of("watched-api"));
                tokio::time::sleep(every).await;
            }
            let mut count = 0;
            while rounds.try_recv().is_ok() {
                count += 1;
            }
            count
        })
        .await
    });
    assert!(during_storm >= 1, "no round while the events kept coming");
}

#[test]
fn a_second_watcher_of_the_project_is_refused_naming_the_first() {
    let daemon = FakeDaemon::new();
    runtime().block_on(async {
        applied(&daemon).await;
        // This very process watches, as another running netctl would.
        let first = Ledger::new(netctl::fake::LEDGER_IMAGE);
        let _watching = first.watch(&daemon, "watched").await.unwrap();
        let writes = daemon.writes();
        let (ended, ()) = watching(&daemon, &mut Silent, async |_| ()).await;
        let ended = ended.unwrap_err().to_string();
        assert!(ended.contains("already watches project watched"), "{ended}");
        assert!(
            ended.contains(&format!("pid {}", std::process::id())),
            "{ended}"
        );
        assert_eq!(daemon.writes(), writes, "the second watcher wrote nothing");
    });
}
