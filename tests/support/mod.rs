//! The live-test harness: a `Sandbox` per test with a unique run id, every resource it makes
//! labelled with that id, and a `Drop` that removes exactly those resources, even when the
//! test panics. Sandboxes take a machine-wide file lock, so live tests run one at a time
//! under `cargo test` threads and `cargo nextest` processes alike.

#![allow(dead_code)] // each test binary uses a different part of the harness

#[path = "../live_lock/mod.rs"]
mod live_lock;

use assert_cmd::Command;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::sync::Once;
use std::time::{SystemTime, UNIX_EPOCH};

/// The placeholder image, built locally by scripts/build-test-image.sh (no registry here).
pub const IMAGE: &str = "netctl-test-busybox:1";
/// The label every test resource carries, with the run id as value.
pub const TEST_LABEL: &str = "io.netctl.test";

pub struct Sandbox {
    /// Unique per test run: a valid project name, a prefix of every name.
    pub id: String,
    pub dir: tempfile::TempDir,
    extra_networks: Vec<String>,
    /// Declared before the lock: the swarm is left before the next live test may start.
    swarm: Option<SwarmGuard>,
    _serial: File,
}

impl Sandbox {
    /// Waits for the live-test lock, then builds the image if it is missing.
    pub fn new() -> Sandbox {
        let serial = live_lock::acquire();
        build_image();
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let id = format!("nt{:x}{:05x}", std::process::id() & 0xfff, nanos >> 12);
        Sandbox {
            id,
            dir: tempfile::tempdir().expect("a temp dir"),
            extra_networks: Vec::new(),
            swarm: None,
            _serial: serial,
        }
    }

    /// A name inside this run: `<id>-<suffix>`.
    pub fn name(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.id)
    }

    /// netctl, with its state dir inside the sandbox.
    pub fn netctl(&self) -> Command {
        let mut command = Command::cargo_bin("netctl").expect("the netctl binary");
        command
            .env("NETCTL_STATE_DIR", self.dir.path().join("state"))
            .env_remove("NETCTL_PROJECT")
            .env_remove("CI")
            .current_dir(self.dir.path());
        command
    }

    /// netctl as a plain process, for runs that stay up (`apply --watch`).
    pub fn spawn_netctl(&self, args: &[&std::ffi::OsStr]) -> Background {
        let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("netctl"))
            .args(args)
            .env("NETCTL_STATE_DIR", self.dir.path().join("state"))
            .env_remove("NETCTL_PROJECT")
            .env_remove("CI")
            .current_dir(self.dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("starting netctl");
        Background { child: Some(child) }
    }

    /// `netctl plan --detailed-exitcode FILE` must exit with `code` (0 nothing to do, 2 changes).
    pub fn assert_plan_exit(&self, file: &Path, code: i32) {
        self.netctl()
            .args(["plan", "--detailed-exitcode"])
            .arg(file)
            .assert()
            .code(code);
    }

    /// Writes a file into the sandbox and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("writing a test file");
        path
    }

    /// A running placeholder container, on `networks`; with none, on no network at all (as
    /// netctl finds a container it is to attach), not on the default `bridge`.
    pub fn container(&self, name: &str, network_args: &[&str]) -> String {
        if network_args.is_empty() {
            self.start_detached(name);
        } else {
            self.run_container(name, network_args);
        }
        name.to_owned()
    }

    /// A running placeholder as a plain `docker run` makes it: on the default `bridge` (plus
    /// whatever `network_args` add).
    pub fn run_container(&self, name: &str, network_args: &[&str]) -> String {
        let label = format!("{TEST_LABEL}={}", self.id);
        let mut args = vec!["run", "-d", "--name", name, "--label", &label];
        args.extend_from_slice(network_args);
        args.push(IMAGE);
        docker_ok(&args);
        name.to_owned()
    }

    fn start_detached(&self, name: &str) {
        let label = format!("{TEST_LABEL}={}", self.id);
        docker_ok(&["create", "--name", name, "--label", &label, IMAGE]);
        docker_ok(&["network", "disconnect", "bridge", name]);
        docker_ok(&["start", name]);
    }

    /// A network the test itself makes (not netctl), labelled with the run id.
    pub fn network(&self, name: &str, subnet: &str, extra: &[&str]) -> String {
        let label = format!("{TEST_LABEL}={}", self.id);
        let mut args = vec!["network", "create", "--label", &label, "--subnet", subnet];
        args.extend_from_slice(extra);
        args.push(name);
        docker_ok(&args);
        name.to_owned()
    }

    /// Makes the daemon a swarm manager for this test: initialises a single-node swarm with
    /// an address pool of its own when the daemon is in none (and leaves it at the end,
    /// removing the `docker_gwbridge` the swarm added), or uses the swarm it manages already.
    pub fn swarm_manager(&mut self) {
        let state = docker_ok(&[
            "info",
            "-f",
            "{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}",
        ]);
        match state.trim() {
            "inactive false" => {
                let gwbridge_existed = docker(&["network", "inspect", GWBRIDGE]).status.success();
                docker_ok(&[
                    "swarm",
                    "init",
                    "--advertise-addr",
                    "127.0.0.1",
                    "--default-addr-pool",
                    SWARM_POOL,
                    "--default-addr-pool-mask-length",
                    "24",
                ]);
                self.swarm = Some(SwarmGuard { gwbridge_existed });
            }
            "active true" => {}
            other => panic!(
                "the daemon is in a swarm it does not manage ({other}): cannot test overlays"
            ),
        }
    }

    /// A network created under this run's name but without any label (by netctl's
    /// `--create-missing-external`): removed by name at the end.
    pub fn adopt_network(&mut self, name: &str) {
        self.extra_networks.push(name.to_owned());
    }

    fn cleanup(&self) {
        for container in self.labelled("ps", "-aq", &format!("{TEST_LABEL}={}", self.id)) {
            let _ = docker(&["rm", "-f", &container]);
        }
        let mut networks =
            self.labelled("network", "-q", &format!("io.netctl.project={}", self.id));
        networks.extend(self.labelled("network", "-q", &format!("{TEST_LABEL}={}", self.id)));
        networks.extend(self.extra_networks.iter().cloned());
        for network in networks {
            let _ = docker(&["network", "rm", &network]);
        }
    }

    fn labelled(&self, kind: &str, quiet: &str, label: &str) -> Vec<String> {
        let filter = format!("label={label}");
        let args: Vec<&str> = if kind == "ps" {
            vec!["ps", quiet, "--filter", &filter]
        } else {
            vec![kind, "ls", quiet, "--filter", &filter]
        };
        stdout(&docker(&args))
            .lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect()
    }
}

/// The swarm's own bridge, which outlives `docker swarm leave`.
const GWBRIDGE: &str = "docker_gwbridge";
/// Overlay subnets (and `ingress`) of the test swarm, away from every other test range.
const SWARM_POOL: &str = "10.77.128.0/17";

/// A swarm this test initialised: left (and its gateway bridge removed) on drop.
struct SwarmGuard {
    gwbridge_existed: bool,
}

impl Drop for SwarmGuard {
    fn drop(&mut self) {
        let _ = docker(&["swarm", "leave", "--force"]);
        if !self.gwbridge_existed {
            let _ = docker(&["network", "rm", GWBRIDGE]);
        }
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.cleanup();
    }
}

fn build_image() {
    static BUILD: Once = Once::new();
    BUILD.call_once(|| {
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/build-test-image.sh");
        let status = std::process::Command::new("bash")
            .arg(&script)
            .status()
            .expect("running scripts/build-test-image.sh");
        assert!(
            status.success(),
            "building {IMAGE} failed: run scripts/ci-deps.sh first (needs busybox-static)"
        );
    });
}

/// Runs the docker CLI with arguments, never through a shell.
pub fn docker(args: &[&str]) -> Output {
    std::process::Command::new("docker")
        .args(args)
        .output()
        .expect("running the docker CLI")
}

pub fn docker_ok(args: &[&str]) -> String {
    let output = docker(args);
    assert!(
        output.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `docker network inspect` as JSON, read independently of netctl's observer.
pub fn inspect_network(name: &str) -> serde_json::Value {
    let text = docker_ok(&["network", "inspect", name]);
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&text).expect("inspect JSON");
    list.remove(0)
}

pub fn inspect_container(name: &str) -> serde_json::Value {
    let text = docker_ok(&["container", "inspect", name]);
    let mut list: Vec<serde_json::Value> = serde_json::from_str(&text).expect("inspect JSON");
    list.remove(0)
}

/// The names of the containers on a network, from the daemon directly.
pub fn members(network: &str) -> Vec<String> {
    let inspected = inspect_network(network);
    let mut names: Vec<String> = inspected["Containers"]
        .as_object()
        .map(|m| {
            m.values()
                .filter_map(|c| c["Name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

/// A netctl left running; killed on drop, so a failing test leaves no process behind.
pub struct Background {
    child: Option<std::process::Child>,
}

impl Background {
    /// Waits (at most `limit`) for a line on stderr that contains `text`.
    pub fn wait_for_stderr(&mut self, text: &str, limit: std::time::Duration) {
        use std::io::BufRead;
        let stderr = self
            .child
            .as_mut()
            .and_then(|c| c.stderr.take())
            .expect("stderr of the background netctl");
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

    /// Sends SIGINT (Ctrl-C) and returns the exit status.
    pub fn interrupt(self) -> std::process::ExitStatus {
        let pid = self
            .child
            .as_ref()
            .expect("a running netctl")
            .id()
            .to_string();
        let sent = std::process::Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .expect("kill");
        assert!(sent.success());
        self.wait(std::time::Duration::from_secs(10))
    }

    /// Waits at most `limit` for the process to end.
    pub fn wait(mut self, limit: std::time::Duration) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("a running netctl");
        let deadline = std::time::Instant::now() + limit;
        loop {
            if let Some(status) = child.try_wait().expect("waiting for netctl") {
                return status;
            }
            if std::time::Instant::now() >= deadline {
                let _ = child.kill();
                panic!("netctl still running after {limit:?}");
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Polls `condition` every 100 ms for at most `limit`.
pub fn eventually(limit: std::time::Duration, mut condition: impl FnMut() -> bool) -> bool {
    let deadline = std::time::Instant::now() + limit;
    while std::time::Instant::now() < deadline {
        if condition() {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    condition()
}
