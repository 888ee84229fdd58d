//! `netctl demo` against the real daemon: it runs start to finish with nothing but the daemon,
//! everything holds, and it leaves no container or network behind, also when interrupted.

#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Every container and network whose name or labels say it is a demo's, from the daemon.
fn demo_leftovers() -> Vec<String> {
    let list = |args: &[&str]| -> Vec<String> {
        let output = Command::new("docker").args(args).output().unwrap();
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
    let _serial = support::Sandbox::new();
    let before = demo_leftovers();
    let started = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["demo", "-o", "json"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout)
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
    let _serial = support::Sandbox::new();
    let before = demo_leftovers();
    let mut child = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .arg("demo")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let mut lines = BufReader::new(stderr).lines();
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
    let pid = child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130), "{rest:?}");
    assert!(rest.iter().any(|l| l.contains("interrupted")), "{rest:?}");
    assert_eq!(
        demo_leftovers(),
        before,
        "the interrupted demo left something behind"
    );
}
