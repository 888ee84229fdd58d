//! `Test`: one run of the real netctl binary, built up as casey/just's tests are: arguments,
//! environment, stdin and files in a temp dir, then the expected status and output, checked
//! by `run()`, which returns what the run printed for any further assertion.

use std::ffi::{OsStr, OsString};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

#[must_use]
pub struct Test {
    /// The temp dir this test owns (none when it runs in a sandbox's or another folder).
    owned_dir: Option<tempfile::TempDir>,
    cwd: PathBuf,
    args: Vec<OsString>,
    /// In order: `None` removes the variable.
    envs: Vec<(OsString, Option<OsString>)>,
    stdin: Option<Vec<u8>>,
    /// A run left going ([`Test::spawn`]) whose stdout nobody reads: sent to /dev/null.
    discard_stdout: bool,
    /// Runs netctl on a terminal of its own, which `script` provides.
    terminal: bool,
    /// Runs netctl under `ulimit -n` (soft and hard) of this many open files.
    open_files: Option<u32>,
    /// `None`: any status will do.
    status: Option<i32>,
    stdout: Option<String>,
    stdout_has: Vec<String>,
    stderr_has: Vec<String>,
    stderr_lacks: Vec<String>,
    /// A guard against a hang: the run is killed and the test fails past it.
    timeout: Option<Duration>,
}

/// What a run printed, and how it ended.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl Output {
    pub fn code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Stdout as JSON; a run that printed none fails the test, showing both streams.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}\nstderr: {}", self.stdout, self.stderr))
    }
}

impl Default for Test {
    fn default() -> Test {
        Test::new()
    }
}

impl Test {
    /// A run in a fresh temp dir, expected to exit 0, with no project or colour forced from
    /// the environment.
    pub fn new() -> Test {
        let dir = tempfile::tempdir().expect("a temp dir");
        let cwd = dir.path().to_owned();
        Test::in_dir(cwd).owning(dir)
    }

    /// A run in `cwd`, which the caller owns.
    pub fn in_dir(cwd: impl Into<PathBuf>) -> Test {
        Test {
            owned_dir: None,
            cwd: cwd.into(),
            args: Vec::new(),
            envs: Vec::new(),
            stdin: None,
            discard_stdout: false,
            terminal: false,
            open_files: None,
            status: Some(0),
            stdout: None,
            stdout_has: Vec::new(),
            stderr_has: Vec::new(),
            stderr_lacks: Vec::new(),
            timeout: None,
        }
        .env_remove("NETCTL_PROJECT")
        .env_remove("CLICOLOR_FORCE")
    }

    /// A run at the repository root, where `topologies/` and `tests/fixtures/` are.
    pub fn in_repo() -> Test {
        Test::in_dir(super::files::root())
    }

    fn owning(mut self, dir: tempfile::TempDir) -> Test {
        self.owned_dir = Some(dir);
        self
    }

    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Test {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: AsRef<OsStr>>(mut self, args: I) -> Test {
        self.args
            .extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Test {
        self.envs
            .push((key.into(), Some(value.as_ref().to_owned())));
        self
    }

    pub fn env_remove(mut self, key: &str) -> Test {
        self.envs.push((key.into(), None));
        self
    }

    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Test {
        self.stdin = Some(bytes.into());
        self
    }

    /// The folder the run starts in.
    pub fn dir(&self) -> &Path {
        &self.cwd
    }

    /// Writes a file into the run's folder (parents made as needed).
    pub fn write(self, name: &str, text: impl AsRef<[u8]>) -> Test {
        let path = self.cwd.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("a folder for a test file");
        }
        std::fs::write(&path, text).expect("writing a test file");
        self
    }

    /// Writes `topology.yaml` into the run's folder and passes its path as the next argument.
    pub fn topology(self, yaml: &str) -> Test {
        let path = self.cwd.join("topology.yaml");
        self.write("topology.yaml", yaml).arg(path)
    }

    /// Kills the run and fails the test if it has not ended after `limit` (a hang guard).
    pub fn timeout(mut self, limit: Duration) -> Test {
        self.timeout = Some(limit);
        self
    }

    pub fn status(mut self, code: i32) -> Test {
        self.status = Some(code);
        self
    }

    /// Any exit status will do: the test judges the output alone.
    pub fn any_status(mut self) -> Test {
        self.status = None;
        self
    }

    /// Stdout must be exactly this.
    pub fn stdout(mut self, text: impl Into<String>) -> Test {
        self.stdout = Some(text.into());
        self
    }

    pub fn stdout_has(mut self, text: impl Into<String>) -> Test {
        self.stdout_has.push(text.into());
        self
    }

    pub fn stderr_has(mut self, text: impl Into<String>) -> Test {
        self.stderr_has.push(text.into());
        self
    }

    pub fn stderr_lacks(mut self, text: impl Into<String>) -> Test {
        self.stderr_lacks.push(text.into());
        self
    }

    /// The command this test would run, for a run that stays up ([`Test::spawn`]).
    fn command(&self) -> Command {
        let mut command = if self.terminal {
            self.script()
        } else if let Some(limit) = self.open_files {
            self.ulimited(limit)
        } else {
            let mut command = Command::new(env!("CARGO_BIN_EXE_netctl"));
            command.args(&self.args);
            command
        };
        command.current_dir(&self.cwd);
        for (key, value) in &self.envs {
            match value {
                Some(value) => command.env(key, value),
                None => command.env_remove(key),
            };
        }
        command
    }

    /// Runs netctl on a terminal (`script -qfec`), so that it asks what it asks a person;
    /// what is typed on stdin reaches it as keys.
    pub fn on_terminal(mut self) -> Test {
        self.terminal = true;
        self
    }

    /// Runs netctl with at most `limit` open files (`ulimit -n`, soft and hard, in bash).
    pub fn open_files(mut self, limit: u32) -> Test {
        self.open_files = Some(limit);
        self
    }

    /// For [`Test::spawn`]: stdout goes to /dev/null, so a long run cannot fill the pipe.
    pub fn discard_stdout(mut self) -> Test {
        self.discard_stdout = true;
        self
    }

    /// `script` running netctl with this test's arguments, each in single quotes (a quote
    /// inside one fails the test: nothing here needs one).
    fn script(&self) -> Command {
        let words: Vec<String> = std::iter::once(OsStr::new(env!("CARGO_BIN_EXE_netctl")))
            .chain(self.args.iter().map(OsString::as_os_str))
            .map(|word| {
                let word = word.to_str().expect("a UTF-8 argument");
                assert!(!word.contains('\''), "a quote in {word}");
                format!("'{word}'")
            })
            .collect();
        let mut command = Command::new("script");
        command
            .args(["-qfec", &format!("exec {}", words.join(" ")), "/dev/null"])
            .env("SHELL", "/bin/sh");
        command
    }

    /// bash setting `ulimit -n LIMIT`, then exec'ing netctl with this test's arguments (which
    /// bash passes on as they are).
    fn ulimited(&self, limit: u32) -> Command {
        let mut command = Command::new("bash");
        command
            .args([
                "-c",
                r#"ulimit -n "$1" || exit 97; shift; exec "$@""#,
                "netctl-ulimit",
                &limit.to_string(),
                env!("CARGO_BIN_EXE_netctl"),
            ])
            .args(&self.args);
        command
    }

    /// Starts the run and leaves it going, every stream piped (stdout unless discarded); the
    /// run keeps this test's temp dir, its working directory, until it is dropped.
    pub fn spawn(mut self) -> super::process::Background {
        let stdout = if self.discard_stdout {
            Stdio::null()
        } else {
            Stdio::piped()
        };
        let child = self
            .command()
            .stdin(Stdio::piped())
            .stdout(stdout)
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting netctl");
        super::process::Background::new(child, self.owned_dir.take())
    }

    /// Runs netctl to its end and checks every expectation; returns what it printed.
    #[track_caller]
    pub fn run(self) -> Output {
        let output = self.output();
        let shown = || {
            format!(
                "netctl {:?}: {:?}\nstdout: {}\nstderr: {}",
                self.args, output.status, output.stdout, output.stderr
            )
        };
        if let Some(code) = self.status {
            assert_eq!(output.code(), Some(code), "{}", shown());
        }
        if let Some(stdout) = &self.stdout {
            assert_eq!(&output.stdout, stdout, "{}", shown());
        }
        for text in &self.stdout_has {
            assert!(
                output.stdout.contains(text),
                "no {text:?} on stdout: {}",
                shown()
            );
        }
        for text in &self.stderr_has {
            assert!(
                output.stderr.contains(text),
                "no {text:?} on stderr: {}",
                shown()
            );
        }
        for text in &self.stderr_lacks {
            assert!(
                !output.stderr.contains(text),
                "{text:?} on stderr: {}",
                shown()
            );
        }
        output
    }

    fn output(&self) -> Output {
        let mut child = self
            .command()
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("starting netctl");
        if let Some(bytes) = self.stdin.clone() {
            let mut stdin = child.stdin.take().expect("a piped stdin");
            std::thread::spawn(move || stdin.write_all(&bytes));
        }
        let stdout = read_all(child.stdout.take());
        let stderr = read_all(child.stderr.take());
        let status = wait(&mut child, self.timeout);
        let stdout_bytes = stdout.join().expect("reading stdout");
        let stderr = stderr.join().expect("reading stderr");
        Output {
            status,
            stdout: String::from_utf8_lossy(&stdout_bytes).into_owned(),
            stderr: String::from_utf8_lossy(&stderr).into_owned(),
            stdout_bytes,
        }
    }
}

/// A pipe read to its end on a thread of its own, so that neither stream blocks the other.
fn read_all(
    stream: Option<impl std::io::Read + Send + 'static>,
) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut stream) = stream {
            let _ = stream.read_to_end(&mut bytes);
        }
        bytes
    })
}

/// Waits for the run; past `limit`, kills it and fails the test.
fn wait(child: &mut Child, limit: Option<Duration>) -> ExitStatus {
    let Some(limit) = limit else {
        return child.wait().expect("netctl runs");
    };
    let deadline = Instant::now() + limit;
    loop {
        if let Some(status) = child.try_wait().expect("waiting for netctl") {
            return status;
        }
        if Instant::now() >= deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("netctl still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The stdout of a successful run at the repository root.
#[track_caller]
pub fn stdout_of(args: &[&str]) -> String {
    Test::in_repo().args(args).run().stdout
}
