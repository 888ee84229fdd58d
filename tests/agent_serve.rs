//! `netctl agent serve` as a process on loopback: it answers TCP and HTTP, and stops promptly
//! on SIGTERM and SIGINT (as PID 1 of a container it must, or `docker stop` hangs).

// Helpers outside #[test] functions are test code too: a panic is how they report.
#![allow(clippy::unwrap_used)]

use std::io::{Read, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Kills the agent if a test fails before stopping it.
struct Agent(Child);

impl Drop for Agent {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(tcp: u16, http: u16) -> Agent {
    let child = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["agent", "serve", "--bind", "127.0.0.1"])
        .args(["--tcp", &tcp.to_string(), "--http", &http.to_string()])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let agent = Agent(child);
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

fn stop_with(agent: &mut Agent, signal: &str) -> Duration {
    let pid = agent.0.id().to_string();
    let started = Instant::now();
    assert!(
        Command::new("kill")
            .args([signal, &pid])
            .status()
            .unwrap()
            .success()
    );
    let deadline = started + Duration::from_secs(5);
    loop {
        if let Some(status) = agent.0.try_wait().unwrap() {
            assert!(status.success(), "the agent exited with {status}");
            return started.elapsed();
        }
        assert!(Instant::now() < deadline, "the agent ignored {signal}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn serves_tcp_and_http_health_then_stops_on_sigterm() {
    let (tcp, http) = (free_port(), free_port());
    let mut agent = start(tcp, http);
    connect(tcp).expect("the --tcp port accepts connections");
    assert!(get(http, "/health").starts_with("HTTP/1.0 200"));
    assert!(get(http, "/").starts_with("HTTP/1.0 200"));
    assert!(get(http, "/nope").starts_with("HTTP/1.0 404"));
    assert!(stop_with(&mut agent, "-TERM") < Duration::from_secs(1));
}

#[test]
fn stops_on_sigint() {
    let mut agent = start(free_port(), free_port());
    assert!(stop_with(&mut agent, "-INT") < Duration::from_secs(1));
}

#[test]
fn a_taken_port_fails_the_start_with_its_address() {
    let taken = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let output = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["agent", "serve", "--bind", "127.0.0.1", "--tcp", &port])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on 127.0.0.1:{port}")),
        "{stderr}"
    );
}

#[test]
fn rootfs_is_a_tar_with_the_binary_at_the_root() {
    let output = Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["agent", "rootfs"])
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert!(output.status.success());
    let mut archive = tar::Archive::new(output.stdout.as_slice());
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
