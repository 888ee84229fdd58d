//! Benchmark: the full mesh of the 14-service Versatile Hub verified by each probe strategy,
//! side by side with the troubleshooting guide's per-pair `docker exec SRC ping -c 3 DST` and
//! `docker exec SRC nslookup DST`. netctl runs as `netctl verify` does (targets, sidecars and
//! execs through the Engine API). Run with scripts/bench-probe.sh; `--pairs N` times the
//! guide's sequence on the first N ordered pairs only and extrapolates to all of them.

#![allow(clippy::unwrap_used)]

#[path = "../tests/harness/mod.rs"]
pub mod harness;

use harness::Sandbox;
use harness::lab::versatile_hub;
use netctl::docker::{Endpoint, Engine};
use netctl::probe::live::{Choice, Session};
use netctl::probe::{self, Options};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let pairs_limit = pairs_limit();
    let mut lab = Sandbox::with_agent(true);
    let topology = versatile_hub(&mut lab);
    let checks = probe::plan::verify(&topology);
    let options = Options {
        timeout: Duration::from_millis(500),
        ..Options::default()
    };
    let session = session();
    let mut rows = Vec::new();
    for choice in [Choice::Netns, Choice::Sidecar, Choice::Exec] {
        let started = Instant::now();
        let run = session
            .probe(&topology, &checks, choice, &options, &mut |_, _| {})
            .unwrap();
        let (report, strategy) = (run.report, run.strategy);
        let elapsed = started.elapsed();
        assert!(
            report.holds(),
            "{strategy}: {}",
            netctl::render::summary(&report)
        );
        rows.push((format!("netctl verify ({strategy})"), checks.len(), elapsed));
    }

    let containers: Vec<String> = topology
        .services
        .iter()
        .map(|s| s.container.clone())
        .collect();
    let all_pairs: Vec<(&String, &String)> = containers
        .iter()
        .flat_map(|from| {
            containers
                .iter()
                .filter(move |to| *to != from)
                .map(move |to| (from, to))
        })
        .collect();
    let timed = &all_pairs[..pairs_limit.unwrap_or(all_pairs.len()).min(all_pairs.len())];
    let started = Instant::now();
    for (from, to) in timed {
        docker_exec(from, &["ping", "-c", "3", to]);
        docker_exec(from, &["nslookup", to]);
    }
    let measured = started.elapsed();
    let per_pair = measured / u32::try_from(timed.len().max(1)).unwrap();
    let guide = per_pair * u32::try_from(all_pairs.len()).unwrap();
    let label = if timed.len() == all_pairs.len() {
        "docker exec ping -c 3 + nslookup, per pair".to_owned()
    } else {
        format!(
            "docker exec ping -c 3 + nslookup, per pair ({} of {} timed)",
            timed.len(),
            all_pairs.len()
        )
    };
    rows.push((label, all_pairs.len() * 2, guide));

    let netns = rows[0].2.as_secs_f64();
    println!(
        "{:<58} {:>7} {:>10} {:>9}",
        "method", "checks", "seconds", "x netns"
    );
    for (method, count, elapsed) in rows {
        let seconds = elapsed.as_secs_f64();
        println!(
            "{method:<58} {count:>7} {seconds:>10.2} {:>9.1}",
            seconds / netns
        );
    }
}

/// What `netctl verify` uses: the local daemon through the API, sidecars and execs included
/// (the sidecar's agent image is imported from netctl's own binary when missing).
fn session() -> Session<Engine> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let endpoint = Endpoint::parse(None, None).unwrap();
    let engine = runtime.block_on(Engine::connect(&endpoint)).unwrap();
    let netctl = std::path::PathBuf::from(env!("CARGO_BIN_EXE_netctl"));
    Session::new(runtime, engine, true, netctl)
}

fn pairs_limit() -> Option<usize> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == "--pairs")?;
    args.get(at + 1)?.parse().ok()
}

/// The guide's command as a person would type it; its result does not matter, only its time.
fn docker_exec(container: &str, command: &[&str]) {
    let _ = Command::new("docker")
        .arg("exec")
        .arg(container)
        .args(command)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}
