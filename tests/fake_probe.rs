//! Probe strategy choice on the fake daemon: `auto` takes a sidecar when netctl cannot enter
//! the containers' namespaces (a remote daemon, or a local one whose processes netctl cannot
//! see) and the agent image can be made, falls back to exec when it cannot, and `--strategy`
//! overrides; before probing, only this machine's expired sidecars of the project are swept.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::fake_mesh::FakeMesh;
use netctl::fake::{FakeDaemon, Fault, Seed};
use netctl::live::{Daemon, EndpointSpec, NetworkSettings, labels};
use netctl::probe::live::{Choice, ProbeRun, Session};
use netctl::probe::sidecar::SidecarOwner;
use netctl::probe::{self, Attempt, ExecOutput, Listing, Options, Outcome, Probe, Status};
use netctl::topology::{Topology, load_str};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

const FILE: &str = "version: 1
project: probed
networks:
  app: {name: probed-app, subnet: 10.216.3.0/24}
services:
  web: {container: probed-web, networks: [app], ports: [80]}
  db: {container: probed-db, networks: [app], ports: [5432]}
";

/// How often each way in was used.
#[derive(Default)]
struct Used {
    sidecars: AtomicUsize,
    execs: AtomicUsize,
}

/// A sidecar that answers every probe it is given, as the agent prints it.
fn answering_sidecar(used: &Arc<Used>) -> netctl::fake::SidecarScript {
    let used = Arc::clone(used);
    Box::new(move |spec| {
        used.sidecars.fetch_add(1, Ordering::SeqCst);
        let at = spec.args.iter().position(|a| a == "--probes").unwrap();
        let probes: Vec<Probe> = serde_json::from_str(&spec.args[at + 1]).unwrap();
        let attempts: Vec<Vec<Attempt>> = probes
            .iter()
            .map(|_| {
                vec![Attempt {
                    outcome: Outcome::Answered,
                    elapsed: Duration::from_millis(1),
                }]
            })
            .collect();
        probe::sidecar::SidecarOutput {
            stdout: serde_json::to_vec(&attempts).unwrap(),
            stderr: Vec::new(),
        }
    })
}

fn counting_exec(used: &Arc<Used>) -> netctl::fake::ExecScript {
    let used = Arc::clone(used);
    Box::new(move |_, _, _| {
        used.execs.fetch_add(1, Ordering::SeqCst);
        ExecOutput {
            status: 0,
            stdout: String::new(),
            stderr: String::new(),
        }
    })
}

/// The file's two containers running on its network, and sidecars of other runs: one past
/// its deadline, one still running.
fn daemon(used: &Arc<Used>) -> FakeDaemon {
    let daemon = FakeDaemon::new()
        .with_sidecar(answering_sidecar(used))
        .with_exec(counting_exec(used));
    let app = NetworkSettings {
        name: "probed-app".to_owned(),
        driver: "bridge".to_owned(),
        ipam: netctl::live::Ipam {
            pools: vec![netctl::live::Pool {
                subnet: "10.216.3.0/24".parse().unwrap(),
                gateway: None,
                ip_range: None,
                aux_addresses: Default::default(),
            }],
            ..Default::default()
        },
        ..NetworkSettings::default()
    };
    runtime()
        .block_on(netctl::apply::Networks::create_network(&daemon, &app))
        .unwrap();
    for name in ["probed-web", "probed-db"] {
        let seed = Seed::running(name).on("probed-app", EndpointSpec::default());
        daemon.seed(seed).unwrap();
    }
    let here = SidecarOwner::this_run().host;
    let sidecars = [
        ("expired", "1", here.as_str(), "probed"),
        ("live", "99999999999", here.as_str(), "probed"),
        ("other-machine", "1", "another-host", "probed"),
        ("other-project", "1", here.as_str(), "someone-else"),
    ];
    for (name, deadline, host, project) in sidecars {
        let sidecar = Seed::stopped(&format!("sidecar-{name}"))
            .label(labels::ROLE, labels::SIDECAR_ROLE)
            .label(labels::DEADLINE, deadline)
            .label(labels::HOST, host)
            .label(labels::PROJECT, project);
        daemon.seed(sidecar).unwrap();
    }
    daemon
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

fn topology() -> Topology {
    load_str(FILE, "topology.yaml").unwrap()
}

/// Verifies the file through `choice`, as `netctl verify` does.
fn verify(session: &Session<FakeDaemon>, choice: Choice) -> ProbeRun {
    let topology = topology();
    let checks = probe::plan::verify(&topology);
    let options = Options {
        timeout: Duration::from_millis(200),
        ..Options::default()
    };
    let run = session
        .probe(&topology, &checks, choice, &options, &mut |_, _| {})
        .unwrap();
    assert_eq!(run.report.checks.len(), checks.len());
    run
}

/// A session whose agent binary is the smallest static ELF file (a header with no program
/// table): the image is made of it in no time. The folder holding it lives as long.
fn session(daemon: FakeDaemon, local: bool) -> (Session<FakeDaemon>, tempfile::TempDir) {
    let folder = tempfile::tempdir().unwrap();
    let agent = folder.path().join("netctl");
    let mut elf = vec![0_u8; 64];
    elf[..6].copy_from_slice(b"\x7fELF\x02\x01");
    std::fs::write(&agent, elf).unwrap();
    (Session::new(runtime(), daemon, local, agent), folder)
}

fn exists(session: &Session<FakeDaemon>, name: &str) -> bool {
    session
        .runtime
        .block_on(session.engine.inspect_container(name))
        .unwrap()
        .is_some()
}

#[test]
fn auto_takes_a_sidecar_when_the_namespaces_are_out_of_reach() {
    for local in [false, true] {
        let used = Arc::new(Used::default());
        let (session, _agent) = session(daemon(&used), local);
        let run = verify(&session, Choice::Auto);
        assert_eq!(run.strategy, "sidecar", "local: {local}");
        assert_eq!(used.sidecars.load(Ordering::SeqCst), 2, "one per source");
        assert_eq!(used.execs.load(Ordering::SeqCst), 0);
        assert!(!exists(&session, "sidecar-expired"), "swept");
        assert!(
            exists(&session, "sidecar-live"),
            "another run's live sidecar"
        );
        assert!(
            exists(&session, "sidecar-other-machine"),
            "another machine's sidecar is that machine's to sweep"
        );
        assert!(
            exists(&session, "sidecar-other-project"),
            "another project's sidecar is left alone"
        );
        let tag = probe::rootfs::image_tag();
        let image = session.runtime.block_on(async {
            use netctl::probe::daemon::Containers;
            session.engine.image(&tag).await
        });
        let image = image.unwrap().expect("the agent image was imported");
        assert!(image.labels.contains_key(labels::AGENT_DIGEST));
    }
}

#[test]
fn auto_falls_back_to_exec_when_the_agent_image_cannot_be_made() {
    let used = Arc::new(Used::default());
    let daemon = daemon(&used);
    // The expired sidecar's removal is the first write; the image import the second.
    daemon.fault(Fault::Fail(daemon.writes() + 1));
    let (session, _agent) = session(daemon, false);
    let run = verify(&session, Choice::Auto);
    assert_eq!(run.strategy, "exec");
    assert_eq!(used.sidecars.load(Ordering::SeqCst), 0);
    assert!(used.execs.load(Ordering::SeqCst) > 0);
}

#[test]
fn an_explicit_strategy_is_taken_as_asked() {
    let used = Arc::new(Used::default());
    let (session, _agent) = session(daemon(&used), false);
    assert_eq!(verify(&session, Choice::Exec).strategy, "exec");
    assert_eq!(used.sidecars.load(Ordering::SeqCst), 0);
    assert_eq!(verify(&session, Choice::Sidecar).strategy, "sidecar");
    assert_eq!(used.sidecars.load(Ordering::SeqCst), 2);
}

#[test]
fn a_source_that_stops_mid_run_has_its_checks_skipped_and_the_run_goes_on() {
    for choice in [Choice::Sidecar, Choice::Exec] {
        let used = Arc::new(Used::default());
        let (session, _agent) = session(daemon(&used), false);
        let topology = topology();
        let checks = probe::plan::verify(&topology);
        // Read while both run; the database stops before it is probed from.
        let targets = session.targets(&topology).unwrap();
        session.engine.stop("probed-db").unwrap();
        let options = Options {
            timeout: Duration::from_millis(200),
            ..Options::default()
        };
        let run = session
            .probe_targets(
                &topology,
                targets,
                &checks,
                choice,
                &options,
                &mut |_, _| {},
            )
            .unwrap_or_else(|e| panic!("{choice:?}: the run stopped: {e}"));
        let from_db: Vec<_> = run
            .report
            .checks
            .iter()
            .filter(|c| c.from == "db")
            .collect();
        assert!(!from_db.is_empty());
        for check in from_db {
            assert_eq!(
                check.status,
                probe::Status::Skipped,
                "{choice:?}: {check:?}"
            );
            let why = check.detail.as_str();
            assert!(why.contains("does not run"), "{choice:?}: {why}");
        }
        assert!(
            !run.report.holds(),
            "{choice:?}: a skipped check never holds"
        );
    }
}

/// A verify larger than the report's bounds (120 services: 42,840 checks, 3 per ordered pair)
/// counts every check exactly and lists no more than the bounds, failures and skips first in
/// their own bound: what keeps a 10,000-service run's memory flat.
#[test]
fn a_verify_past_the_reports_bounds_counts_every_check_and_lists_only_up_to_them() {
    const SERVICES: usize = 120;
    let mesh = FakeMesh::new(SERVICES);
    let verify = |listing: Listing| {
        let options = Options {
            timeout: Duration::from_millis(200),
            ..Options::default()
        };
        let targets = mesh.targets.clone();
        mesh.session
            .verify(
                &mesh.topology,
                targets,
                Choice::Sidecar,
                &options,
                listing,
                &mut |_, _| {},
            )
            .unwrap()
            .report
    };
    let listed = |report: &probe::Report, passed: bool| {
        report
            .checks
            .iter()
            .filter(|c| (c.status == Status::Passed) == passed)
            .count()
    };
    let all = SERVICES * (SERVICES - 1) * 3;

    let report = verify(Listing::default());
    assert_eq!((report.passed, report.failed, report.skipped), (all, 0, 0));
    assert!(report.holds());
    assert_eq!(report.checks.len(), Listing::default().passed);
    assert_eq!(report.unlisted.passed, all - Listing::default().passed);
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["passed"], all);
    assert_eq!(json["unlisted"]["passed"], all - Listing::default().passed);

    // Two sources stop after they were read: their checks are skipped, past a small bound.
    for name in ["mesh-s3", "mesh-s4"] {
        mesh.session.engine.stop(name).unwrap();
    }
    let small = Listing {
        passed: 500,
        unpassed: 50,
    };
    let report = verify(small);
    let skipped = 2 * (SERVICES - 1) * 3;
    assert_eq!(
        (report.passed, report.failed, report.skipped),
        (all - skipped, 0, skipped)
    );
    assert_eq!((listed(&report, true), listed(&report, false)), (500, 50));
    assert_eq!(report.unlisted.passed, all - skipped - 500);
    assert_eq!(report.unlisted.skipped, skipped - 50);
    assert!(report.unlisted.reason.contains("at most 500 passed"));
    let text = netctl::render::unlisted(&report);
    assert!(
        text.starts_with(&format!("{} of {all} checks are not listed", all - 550)),
        "{text}"
    );
}
