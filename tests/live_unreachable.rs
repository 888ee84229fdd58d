//! An unreachable daemon: a missing socket, a closed loopback port, and a loopback listener
//! that accepts but never answers. Each must end in exit 1 within seconds, naming the
//! endpoint, never a hang or a stack trace. Traffic stays on loopback.

use assert_cmd::Command;
use std::net::TcpListener;
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(6);

fn topology(dir: &std::path::Path) -> std::path::PathBuf {
    let path = dir.join("t.yaml");
    std::fs::write(
        &path,
        "version: 1\nproject: unreachable\nnetworks:\n  n: {}\nservices:\n  svc:\n    networks: [n]\n",
    )
    .expect("writing the topology");
    path
}

/// Runs `plan` against `host` and returns stderr, checking exit 1 within the limit.
fn plan_against(host: &str) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = topology(dir.path());
    let started = Instant::now();
    let output = Command::cargo_bin("netctl")
        .expect("the binary")
        .env("NETCTL_STATE_DIR", dir.path())
        .args(["plan", "-H", host])
        .arg(&file)
        .timeout(Duration::from_secs(30))
        .output()
        .expect("running netctl");
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(elapsed < LIMIT, "took {elapsed:?}: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[test]
fn a_missing_socket_is_named_with_a_hint() {
    let stderr = plan_against("unix:///nonexistent/netctl-test/docker.sock");
    assert!(
        stderr.contains(
            "cannot reach the Docker daemon at unix:///nonexistent/netctl-test/docker.sock"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("DOCKER_HOST"), "{stderr}");
}

#[test]
fn a_closed_loopback_port_is_refused_quickly() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
        listener.local_addr().expect("its address").port()
    };
    let host = format!("tcp://127.0.0.1:{port}");
    let stderr = plan_against(&host);
    assert!(
        stderr.contains(&format!("cannot reach the Docker daemon at {host}")),
        "{stderr}"
    );
}

#[test]
fn a_listener_that_never_answers_times_out() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let host = format!("tcp://{}", listener.local_addr().expect("its address"));
    let stderr = plan_against(&host);
    assert!(stderr.contains("did not answer within 3 s"), "{stderr}");
    drop(listener);
}

#[test]
fn ssh_hosts_are_refused_with_a_way_out() {
    let stderr = plan_against("ssh://someone@example.invalid");
    assert!(stderr.contains("forward the remote socket"), "{stderr}");
}
