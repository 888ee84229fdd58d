//! `netctl agent serve` as a process on loopback: it answers TCP and HTTP, and stops promptly
//! on SIGTERM and SIGINT (as PID 1 of a container it must, or `docker stop` hangs).

// Helpers outside #[test] functions are test code too: a panic is how they report.
#![allow(clippy::unwrap_used)]

pub mod harness;

use harness::Test;
use harness::process::Background;
use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::time::{Duration, Instant};

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The agent, killed on drop if a test fails before stopping it.
fn start(tcp: u16, http: u16) -> Background {
    let agent = Test::new()
        .args(["agent", "serve", "--bind", "127.0.0.1"])
        .args(["--tcp", &tcp.to_string(), "--http", &http.to_string()])
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(10);
    while connect(http).is_err() {
        assert!(
            Instant::now() < deadline,
            "the agent did not listen on {http}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    agent
}

fn connect(port: u16) -> std::io::Result<TcpStream> {
    TcpStream::connect_timeout(
        &SocketAddr::from((Ipv4Addr::LOCALHOST, port)),
        Duration::from_secs(1),
    )
}

fn get(port: u16, path: &str) -> String {
    let mut stream = connect(port).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}

/// Signals the agent; it must exit cleanly (a run still going after the guard fails the test).
fn stop_with(agent: Background, signal: &str) {
    agent.signal(signal);
    let (status, _) = agent.finish(Duration::from_secs(5));
    assert!(status.success(), "the agent exited with {status}");
}

#[test]
fn serves_tcp_and_http_health_then_stops_on_sigterm() {
    let (tcp, http) = (free_port(), free_port());
    let agent = start(tcp, http);
    connect(tcp).expect("the --tcp port accepts connections");
    assert!(get(http, "/health").starts_with("HTTP/1.0 200"));
    assert!(get(http, "/").starts_with("HTTP/1.0 200"));
    assert!(get(http, "/nope").starts_with("HTTP/1.0 404"));
    stop_with(agent, "-TERM");
}

#[test]
fn stops_on_sigint() {
    let agent = start(free_port(), free_port());
    stop_with(agent, "-INT");
}

#[test]
fn a_taken_port_fails_the_start_with_its_address() {
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Test::new()
        .args(["agent", "serve", "--bind", "127.0.0.1", "--tcp", &port])
        .status(1)
        .run();
    let stderr = output.stderr;
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn rootfs_is_a_tar_with_the_binary_at_the_root() {
    let output = Test::new().args(["agent", "rootfs"]).run();
    let mut archive = tar::Archive::new(output.stdout_bytes.as_slice());
    let binary = archive
        .entries()
        .unwrap()
        .map(Result::unwrap)
        .find(|entry| entry.path().unwrap().to_str() == Some("netctl"))
        .expect("netctl at the root");
    assert_eq!(binary.header().mode().unwrap(), 0o755);
    let size = binary.header().size().unwrap();
    let original = std::fs::metadata(env!("CARGO_BIN_EXE_netctl"))
        .unwrap()
        .len();
    assert_eq!(size, original);
}
