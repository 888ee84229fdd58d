//! An unreachable daemon: a missing socket, a closed loopback port, and a loopback listener
//! that accepts but never answers. Each must end in exit 1, naming the endpoint, never a hang
//! (a generous guard kills a run that waits) or a stack trace. Traffic stays on loopback.

pub mod harness;

use harness::Test;
use std::net::TcpListener;
use std::time::Duration;

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
    plan_with(&["-H", host], &[])
}

/// A docker CLI config dir holding one context, as `docker context create` writes it.
fn context_store(name: &str, host: &str) -> tempfile::TempDir {
    use sha2::Digest;
    let dir = tempfile::tempdir().expect("a temp dir");
    let digest: String = sha2::Sha256::digest(name.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let meta = dir.path().join("contexts/meta").join(digest);
    std::fs::create_dir_all(&meta).expect("the context store");
    let text = format!(
        r#"{{"Name":"{name}","Metadata":{{}},"Endpoints":{{"docker":{{"Host":"{host}","SkipTLSVerify":false}}}}}}"#
    );
    std::fs::write(meta.join("meta.json"), text).expect("meta.json");
    dir
}

fn plan_with(args: &[&str], env: &[(&str, &std::path::Path)]) -> String {
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = topology(dir.path());
    let mut test = Test::in_dir(dir.path());
    for (name, value) in env {
        test = test.env(name, value);
    }
    let output = test
        .env_remove("DOCKER_HOST")
        .env_remove("DOCKER_CONTEXT")
        .arg("plan")
        .args(args)
        .arg(&file)
        .timeout(Duration::from_secs(30))
        .any_status()
        .run();
    let stderr = output.stderr;
    assert_eq!(output.status.code(), Some(1), "{stderr}");
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

#[test]
fn a_context_is_read_from_the_docker_cli_store_and_its_endpoint_named() {
    let gone = "unix:///nonexistent/netctl-context/docker.sock";
    let store = context_store("gone", gone);
    let stderr = plan_with(&["--context", "gone"], &[("DOCKER_CONFIG", store.path())]);
    assert!(
        stderr.contains(&format!("cannot reach the Docker daemon at {gone}")),
        "{stderr}"
    );
    let unknown = plan_with(&["--context", "nope"], &[("DOCKER_CONFIG", store.path())]);
    assert!(unknown.contains("docker context ls"), "{unknown}");
}

#[test]
fn a_context_pointing_at_the_local_daemon_works() {
    let store = context_store("local", "unix:///var/run/docker.sock");
    let dir = tempfile::tempdir().expect("a temp dir");
    let file = topology(dir.path());
    Test::in_dir(dir.path())
        .env("DOCKER_CONFIG", store.path())
        .env("DOCKER_CONTEXT", "local")
        .env_remove("DOCKER_HOST")
        .args(["plan", "-o", "json"])
        .arg(&file)
        .run();
}
