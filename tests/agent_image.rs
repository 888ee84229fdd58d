//! The agent image built from netctl's own binary, with no registry and no base image: it runs
//! as PID 1 in a container, serves its ports, and stops at once on `docker stop`.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Sandbox;
use harness::docker::docker_ok;
use netctl::probe::{self, Check, CheckKind, Expected, Netns, Options};

#[test]
fn the_agent_runs_as_pid_1_serves_and_stops_on_docker_stop() {
    let mut lab = Sandbox::with_agent(false);
    lab.lab_network("net");
    lab.service("server", &[("net", &[])], &[7000], Some(8080));
    lab.service("client", &[("net", &[])], &[], None);
    let checks = [
        Check::new(
            "client",
            "server",
            CheckKind::Tcp { port: 7000 },
            Expected::Reachable,
        ),
        Check::new(
            "client",
            "server",
            CheckKind::Http {
                port: 8080,
                path: "/health".to_owned(),
            },
            Expected::Reachable,
        ),
    ];
    let targets = lab.targets(&["server", "client"]);
    let report = probe::run(&checks, &targets, &Netns, &Options::default()).unwrap();
    assert!(report.holds(), "{report:#?}");

    lab.stop("server");
    // A PID 1 that ignored SIGTERM would be killed after the grace period: exit code 137.
    let exit = docker_ok(&["inspect", "-f", "{{.State.ExitCode}}", &lab.name("server")]);
    assert_eq!(exit.trim(), "0", "the agent did not stop on SIGTERM");
}
