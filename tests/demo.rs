//! `netctl demo` against the real daemon: it runs start to finish with nothing but the daemon,
//! everything holds, and it leaves no container or network behind, also when interrupted.

#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::docker::docker;
use harness::{Sandbox, Test};
use std::time::{Duration, Instant};

/// Every container and network whose name or labels say it is a demo's, from the daemon.
fn demo_leftovers() -> Vec<String> {
    let list = |args: &[&str]| -> Vec<String> {
        let output = docker(args);
        assert!(output.status.success(), "docker {args:?}");
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| line.contains("netctl-demo-"))
            .map(str::to_owned)
            .collect()
    };
    let mut found = list(&["ps", "-a", "--format", "{{.Names}} {{.Labels}}"]);
    found.extend(list(&[
        "network",
        "ls",
        "--format",
        "{{.Name}} {{.Labels}}",
    ]));
    found
}

#[test]
fn the_demo_runs_start_to_finish_and_leaves_nothing_behind() {
    // The live-test lock: one demo at a time, so the before/after listings are this one's.
    let _serial = Sandbox::new();
    let before = demo_leftovers();
    let started = Instant::now();
    let output = Test::new().args(["demo", "-o", "json"]).any_status().run();
    let stderr = &output.stderr;
    let report: serde_json::Value = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|_| panic!("no JSON from the demo: {stderr}"));
    eprintln!("netctl demo: {:?}", started.elapsed());
    assert_eq!(output.status.code(), Some(0), "{report:#}\n{stderr}");
    assert_eq!(report["failed"], 0);
    assert_eq!(report["skipped"], 0);
    assert!(
        report["passed"].as_u64().unwrap() > 500,
        "{}",
        report["passed"]
    );
    let isolated = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["expected"] == "isolated")
        .count();
    assert!(isolated > 0, "isolation was not checked");
    assert!(
        stderr.contains("removed 14 containers and 4 networks"),
        "{stderr}"
    );
    assert_eq!(demo_leftovers(), before, "the demo left something behind");
}

#[test]
fn an_interrupted_demo_removes_what_it_created() {
    let _serial = Sandbox::new();
    let before = demo_leftovers();
    let mut demo = Test::new().arg("demo").discard_stdout().spawn();
    let mut lines = demo.stderr_lines();
    let started = Instant::now();
    loop {
        let line = lines.next().expect("the demo ended early").unwrap();
        if line.contains("starting a placeholder per service") {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(60));
    }
    // Interrupt with networks and placeholders on the daemon, not before.
    while !demo_leftovers()
        .iter()
        .any(|l| l.contains("io.netctl.role=placeholder"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no placeholder started"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    demo.signal("-INT");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let (status, _) = demo.finish(Duration::from_secs(60));
    assert_eq!(status.code(), Some(130), "{rest:?}");
    assert!(rest.iter().any(|l| l.contains("interrupted")), "{rest:?}");
    assert_eq!(
        demo_leftovers(),
        before,
        "the interrupted demo left something behind"
    );
}
