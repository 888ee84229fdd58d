//! A daemon that stops answering: every call netctl makes has a deadline (`--api-timeout`),
//! and the error names the call. The "daemon" here is a socket of the test's own that speaks
//! just enough of the Engine API to be dialed (`/version`) and then never answers again.

pub mod harness;

use harness::Test;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;
use std::time::Duration;

const VERSION: &str = r#"{"Version":"28.2.2","ApiVersion":"1.50","MinAPIVersion":"1.24","Os":"linux","Arch":"amd64"}"#;

/// Answers `/version` (and `/_ping`) on every connection; any other request is read and left
/// unanswered, the way a stuck daemon behaves.
fn serve_a_stuck_daemon(socket: &Path) {
    let listener = UnixListener::bind(socket).expect("binding the test socket");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || answer_only_the_version(stream));
        }
    });
}

fn answer_only_the_version(stream: UnixStream) {
    let mut writer = match stream.try_clone() {
        Ok(writer) => writer,
        Err(_) => return,
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut header = String::new();
        while reader.read_line(&mut header).unwrap_or(0) > 0 && header != "\r\n" {
            header.clear();
        }
        let body = if request_line.contains("/version") {
            VERSION
        } else if request_line.contains("/_ping") {
            "OK"
        } else {
            std::thread::sleep(Duration::from_secs(3600));
            return;
        };
        let response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nApi-Version: 1.50\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        );
        if writer.write_all(response.as_bytes()).is_err() {
            return;
        }
    }
}

#[test]
fn a_call_the_daemon_never_answers_ends_with_an_error_naming_it() {
    let test = Test::new();
    let socket = test.dir().join("stuck.sock");
    serve_a_stuck_daemon(&socket);
    let output = test
        .arg("plan")
        .topology("version: 1\nproject: stuck\nnetworks:\n  back: {}\nservices:\n  api: {networks: [back]}\n")
        .args(["--api-timeout", "1s", "-H"])
        .arg(format!("unix://{}", socket.display()))
        .status(1)
        .stderr_has("the daemon did not answer within 1 s")
        .stderr_has("--api-timeout")
        // Only a guard against a hang: the deadline under test is one second.
        .timeout(Duration::from_secs(60))
        .run();
    let named = [
        "listing networks",
        "listing containers",
        "reading the daemon",
    ];
    assert!(
        named.iter().any(|call| output.stderr.contains(call)),
        "the error names no call: {}",
        output.stderr
    );
}

#[test]
fn the_api_timeout_takes_a_duration_with_its_unit_and_a_typo_is_a_usage_error() {
    for wrong in ["30", "0s", "11m", "1x"] {
        Test::new()
            .args(["plan", "--api-timeout", wrong])
            .status(1)
            .stderr_has("--api-timeout")
            .run();
    }
}
