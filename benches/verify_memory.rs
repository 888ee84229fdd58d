//! Benchmark: the peak memory and time of `verify` on the fake daemon, one size per process
//! (scripts/bench-verify-memory.sh runs 1k, 5k and 10k under `/usr/bin/time`). Every
//! container runs; the fake sidecar answers as Docker's network would, so the checks are
//! probed, judged and reported as `netctl verify` does it ([`Session::verify`]).
//!
//! `verify_memory --services N` prints one line: services, checks, passed, failed, skipped,
//! listed, the seconds of setup and of verify, and the peak RSS (VmHWM) in MiB.

#![allow(clippy::unwrap_used)]

#[path = "../tests/harness/mod.rs"]
pub mod harness;

use harness::fake_mesh::FakeMesh;
use netctl::probe::Listing;
use netctl::probe::Options;
use netctl::probe::live::Choice;
use std::time::{Duration, Instant};

fn main() {
    let services = services();
    let started = Instant::now();
    let mesh = FakeMesh::new(services);
    let setup = started.elapsed();
    let options = Options {
        timeout: Duration::from_millis(200),
        ..Options::default()
    };
    let started = Instant::now();
    let run = mesh
        .session
        .verify(
            &mesh.topology,
            mesh.targets.clone(),
            Choice::Sidecar,
            &options,
            Listing::default(),
            &mut |_, _| {},
        )
        .unwrap();
    let verify = started.elapsed();
    let report = &run.report;
    println!(
        "{services} {} {} {} {} {} {:.1} {:.1} {}",
        report.total(),
        report.passed,
        report.failed,
        report.skipped,
        report.checks.len(),
        setup.as_secs_f64(),
        verify.as_secs_f64(),
        peak_rss_kib() / 1024
    );
}

/// `--services N` (default 1000); cargo's own `--bench` is ignored.
fn services() -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--services")
        .and_then(|at| args.get(at + 1)?.parse().ok())
        .unwrap_or(1000)
}

/// The process's peak resident set (what getrusage's ru_maxrss says), from /proc.
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .unwrap_or_default()
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|kib| kib.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
