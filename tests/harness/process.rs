//! A netctl left running (`apply --watch`, an apply to interrupt, the demo): read as it goes,
//! interrupted like a terminal would, and killed on drop so a failing test leaves no process.

use std::io::{BufRead, Read, Write};
use std::process::{Child, ExitStatus};
use std::time::{Duration, Instant};

pub struct Background {
    child: Child,
    /// What stdout said so far, for [`Background::wait_for_stdout`].
    seen: String,
    /// The run's working directory, when the run owns it: removed after the run is gone.
    _dir: Option<tempfile::TempDir>,
}

impl Background {
    pub fn new(child: Child, dir: Option<tempfile::TempDir>) -> Background {
        Background {
            child,
            seen: String::new(),
            _dir: dir,
        }
    }

    /// Reads stdout until it holds `text`; the run ending first fails the test.
    pub fn wait_for_stdout(&mut self, text: &str) {
        let stdout = self.child.stdout.as_mut().expect("a piped stdout");
        let mut chunk = [0; 4096];
        while !self.seen.contains(text) {
            let read = stdout.read(&mut chunk).expect("reading stdout");
            assert!(read > 0, "ended before saying {text:?}: {}", self.seen);
            self.seen.push_str(&String::from_utf8_lossy(&chunk[..read]));
        }
    }

    /// Waits (at most `limit`) for a line on stderr that contains `text`; the rest of stderr
    /// is read (and dropped) in the background from then on.
    pub fn wait_for_stderr(&mut self, text: &str, limit: Duration) {
        let stderr = self.child.stderr.take().expect("a piped stderr");
        let (sender, receiver) = std::sync::mpsc::channel();
        let wanted = text.to_owned();
        std::thread::spawn(move || {
            for line in std::io::BufReader::new(stderr)
                .lines()
                .map_while(Result::ok)
            {
                if line.contains(&wanted) {
                    let _ = sender.send(());
                }
            }
        });
        receiver
            .recv_timeout(limit)
            .unwrap_or_else(|_| panic!("no {text:?} on stderr within {limit:?}"));
    }

    /// The stderr lines, one by one as they come, for a test that follows the run.
    pub fn stderr_lines(
        &mut self,
    ) -> std::io::Lines<std::io::BufReader<std::process::ChildStderr>> {
        let stderr = self.child.stderr.take().expect("a piped stderr");
        std::io::BufReader::new(stderr).lines()
    }

    /// Sends SIGINT, as a terminal's Ctrl-C does; waits at most `limit` (a guard against a
    /// hang, not a timing assertion) and returns the exit status and what the run said after.
    pub fn interrupt(self, limit: Duration) -> (ExitStatus, String) {
        self.signal("-INT");
        self.finish(limit)
    }

    /// Sends a signal (`-TERM`, `-INT`) with `kill`.
    pub fn signal(&self, signal: &str) {
        let sent = std::process::Command::new("kill")
            .args([signal, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(sent.success(), "kill {signal}");
    }

    /// Types Ctrl-C on the terminal that `script` gives the run.
    pub fn type_ctrl_c(mut self, limit: Duration) -> (ExitStatus, String) {
        let stdin = self.child.stdin.as_mut().expect("a piped stdin");
        stdin.write_all(b"\x03").expect("typing ^C");
        stdin.flush().expect("typing ^C");
        self.finish(limit)
    }

    /// Waits at most `limit` for the run to end; returns its status and what was left unread.
    pub fn finish(mut self, limit: Duration) -> (ExitStatus, String) {
        let status = wait_at_most(&mut self.child, limit);
        let rest = drain(self.child.stdout.take()) + &drain(self.child.stderr.take());
        (status, rest)
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What is left in a pipe of a run that ended.
fn drain(stream: Option<impl Read>) -> String {
    let mut bytes = Vec::new();
    if let Some(mut stream) = stream {
        stream.read_to_end(&mut bytes).expect("reading a pipe");
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

fn wait_at_most(child: &mut Child, limit: Duration) -> ExitStatus {
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for netctl") {
            return status;
        }
        assert!(
            Instant::now() < deadline,
            "netctl still running after {limit:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Polls `condition` every 100 ms for at most `limit`.
pub fn eventually(limit: Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + limit;
    while Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    condition()
}
