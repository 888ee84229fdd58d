//! The live sandbox: one per test, holding the machine-wide live-test lock (so live tests run
//! one at a time across test binaries and processes: a swarm init or leave resets the embedded
//! DNS of every running container, and a scale run would skew every other test's timeouts),
//! with a unique name that prefixes and labels everything it makes, and a `Drop` that removes
//! exactly that, even when the test panics.

use super::docker::{docker, docker_ok};
use super::subnet::{self, Taken};
use super::test::Test;
use ipnet::Ipv4Net;
use std::fs::File;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};

/// The label every test resource carries, with the sandbox's id as value.
pub const TEST_LABEL: &str = "io.netctl.test";

pub struct Sandbox {
    /// Unique per sandbox: the run id of this test process plus a counter; a valid project
    /// name, and the prefix of every name.
    pub id: String,
    pub dir: tempfile::TempDir,
    /// The agent image of this sandbox, when it made one.
    image: Option<String>,
    /// Subnets this sandbox checked and took: a later one inside them is its own.
    claimed: Vec<Ipv4Net>,
    /// The probe lab's networks, `(key, daemon name)` in creation order (see `lab`).
    pub(super) keyed: Vec<(String, String)>,
    /// Networks made without a label (by `--create-missing-external`): removed by name.
    extra_networks: Vec<String>,
    /// Dropped before the lock: the swarm is left before the next live test may start.
    swarm: Option<SwarmGuard>,
    _serial: File,
}

impl Sandbox {
    /// Waits for the live-test lock, then builds the placeholder image if it is missing.
    pub fn new() -> Sandbox {
        let serial = super::live_lock::acquire();
        super::image::placeholder();
        Sandbox {
            id: next_id(),
            dir: tempfile::tempdir().expect("a temp dir"),
            image: None,
            claimed: Vec::new(),
            keyed: Vec::new(),
            extra_networks: Vec::new(),
            swarm: None,
            _serial: serial,
        }
    }

    /// A sandbox that has checked the subnets a test file pins (see [`Sandbox::claim`]).
    pub fn claiming(subnets: &[&str]) -> Sandbox {
        let mut sandbox = Sandbox::new();
        sandbox.claim(subnets);
        sandbox
    }

    /// netctl's sidecars probing this sandbox's project, running or not.
    pub fn sidecars(&self) -> Vec<String> {
        let project = format!("label=io.netctl.project={}", self.id);
        super::docker::lines(&[
            "ps",
            "-aq",
            "--filter",
            "label=io.netctl.role=sidecar",
            "--filter",
            &project,
        ])
    }

    /// A sandbox with the agent image made from this build's netctl (dynamically linked, so
    /// the rootfs carries its loader and libraries); with `busybox`, plus Debian's static
    /// busybox and the applets the exec strategy runs.
    pub fn with_agent(busybox: bool) -> Sandbox {
        let mut sandbox = Sandbox::new();
        let tag = format!("netctl-agent-test:{}", sandbox.id);
        super::image::agent(&tag, &sandbox.id, busybox);
        sandbox.image = Some(tag);
        sandbox
    }

    /// The agent image; only a sandbox made [`Sandbox::with_agent`] has one.
    pub fn agent_image(&self) -> &str {
        self.image.as_deref().expect("a sandbox made with_agent")
    }

    /// A name inside this sandbox: `<id>-<suffix>`.
    pub fn name(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.id)
    }

    /// `io.netctl.test=<id>`: the label that marks a resource as this sandbox's.
    pub fn label(&self) -> String {
        format!("{TEST_LABEL}={}", self.id)
    }

    /// netctl, run in the sandbox's folder, with neither `CI` nor a project from the
    /// environment.
    pub fn netctl(&self) -> Test {
        Test::in_dir(self.dir.path()).env_remove("CI")
    }

    /// `netctl plan --detailed-exitcode FILE` must exit with `code` (0 nothing to do, 2 changes).
    pub fn assert_plan_exit(&self, file: &std::path::Path, code: i32) {
        self.netctl()
            .args(["plan", "--detailed-exitcode"])
            .arg(file)
            .status(code)
            .run();
    }

    /// Writes a file into the sandbox and returns its path.
    pub fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("writing a test file");
        path
    }

    /// Takes subnets pinned in a test's expectations: each must overlap neither a network of
    /// the daemon nor a route of the host, unless it lies inside one this sandbox took already.
    pub fn claim(&mut self, subnets: &[&str]) {
        let taken = Taken::observe();
        for text in subnets {
            let net = subnet::parse(text);
            if self.claimed.iter().any(|own| own.contains(&net)) {
                continue;
            }
            if let Some(holder) = taken.holder(&net) {
                panic!("{text}, pinned by this test, is taken on this machine: {holder}");
            }
            self.claimed.push(net);
        }
    }

    /// A free /24 of `range` (a range the calling test file owns): checked against the
    /// daemon's networks, the host's routes and what this sandbox took, then taken.
    pub fn free_subnet(&mut self, range: &str) -> String {
        let taken = Taken::observe();
        let start = self.claimed.len() * 37 + (u32_of(&self.id) as usize);
        let found = subnet::candidates(range, start).into_iter().find(|net| {
            taken.holder(net).is_none()
                && !self.claimed.iter().any(|own| subnet::overlaps(own, net))
        });
        let net = found.unwrap_or_else(|| panic!("no free /24 in {range}"));
        self.claimed.push(net);
        net.to_string()
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

    /// The project's apply lock, taken on the daemon as another netctl would hold it: a
    /// never-started marker naming `holder` (`pid=… host=… since=…`). Returns its name; remove
    /// it with [`Sandbox::release_lock`] (the sandbox removes it anyway).
    pub fn hold_lock(&self, holder: &str) -> String {
        let name = format!("netctl-lock-{}", self.id);
        self.marker(&name, "lock", &[format!("io.netctl.holder={holder}")]);
        name
    }

    /// A marker of the project made by hand, as netctl makes them (never started, on no
    /// network) with `role` and the `extra` labels (`key=value`); the sandbox removes it.
    pub fn marker(&self, name: &str, role: &str, extra: &[String]) {
        let mut labels = vec![
            format!("io.netctl.project={}", self.id),
            format!("io.netctl.role={role}"),
        ];
        labels.extend_from_slice(extra);
        let mut args = vec!["create", "--name", name, "--network", "none"];
        for label in &labels {
            args.extend(["--label", label.as_str()]);
        }
        args.push(super::image::PLACEHOLDER);
        docker_ok(&args);
    }

    pub fn release_lock(&self, name: &str) {
        docker_ok(&["rm", "-f", name]);
    }

    /// The names of netctl's markers of the project with `role` (`lock`, `watch`,
    /// `journal`) on the daemon.
    pub fn markers(&self, role: &str) -> Vec<String> {
        let project = format!("label=io.netctl.project={}", self.id);
        let role = format!("label=io.netctl.role={role}");
        let listed = docker_ok(&[
            "ps",
            "-a",
            "--filter",
            &project,
            "--filter",
            &role,
            "--format",
            "{{.Names}}",
        ]);
        listed.lines().map(str::to_owned).collect()
    }

    /// A running placeholder as a plain `docker run` makes it: on the default `bridge` (plus
    /// whatever `network_args` add).
    pub fn run_container(&self, name: &str, network_args: &[&str]) -> String {
        let label = self.label();
        let mut args = vec!["run", "-d", "--name", name, "--label", &label];
        args.extend_from_slice(network_args);
        args.push(super::image::PLACEHOLDER);
        docker_ok(&args);
        name.to_owned()
    }

    fn start_detached(&self, name: &str) {
        let label = self.label();
        docker_ok(&[
            "create",
            "--name",
            name,
            "--label",
            &label,
            super::image::PLACEHOLDER,
        ]);
        docker_ok(&["network", "disconnect", "bridge", name]);
        docker_ok(&["start", name]);
    }

    /// A network the test itself makes (not netctl), labelled with the sandbox's id, on a
    /// subnet checked by [`Sandbox::claim`].
    pub fn network(&mut self, name: &str, subnet: &str, extra: &[&str]) -> String {
        self.claim(&[subnet]);
        let label = self.label();
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
                self.claim(&[SWARM_POOL]);
                let gwbridge_existed = super::docker::network_exists(GWBRIDGE);
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

    /// A network created under this sandbox's name but without any label (by netctl's
    /// `--create-missing-external`): removed by name at the end.
    pub fn adopt_network(&mut self, name: &str) {
        self.extra_networks.push(name.to_owned());
    }

    /// Every container carrying this sandbox's label, sidecars included.
    pub fn labelled_containers(&self) -> Vec<String> {
        labelled(&["ps", "-aq", "--filter", &format!("label={}", self.label())])
    }

    fn cleanup(&self) {
        let project = format!("label=io.netctl.project={}", self.id);
        let mut containers =
            labelled(&["ps", "-aq", "--filter", &format!("label={}", self.label())]);
        // netctl's own containers of the sandbox's project: a lock or journal marker a killed
        // netctl left behind, its sidecars, its placeholders.
        containers.extend(labelled(&["ps", "-aq", "--filter", &project]));
        containers.sort();
        containers.dedup();
        for chunk in containers.chunks(20) {
            let mut args = vec!["rm", "-f", "-v"];
            args.extend(chunk.iter().map(String::as_str));
            let _ = docker(&args);
        }
        let mut networks = labelled(&["network", "ls", "-q", "--filter", &project]);
        let own = format!("label={}", self.label());
        networks.extend(labelled(&["network", "ls", "-q", "--filter", &own]));
        networks.extend(self.extra_networks.iter().cloned());
        for network in networks {
            let _ = docker(&["network", "rm", &network]);
        }
        if let Some(image) = &self.image {
            let _ = docker(&["image", "rm", image]);
        }
    }
}

impl Default for Sandbox {
    fn default() -> Sandbox {
        Sandbox::new()
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.cleanup();
    }
}

/// The ids a docker listing printed; empty when the daemon did not answer (Drop must not
/// panic).
fn labelled(args: &[&str]) -> Vec<String> {
    super::docker::stdout(&docker(args))
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
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

/// `nt` + this process's run id (6 hex digits) + a counter (2): ten characters, unique per
/// sandbox, short enough for every name a test derives from it.
fn next_id() -> String {
    static RUN: OnceLock<u32> = OnceLock::new();
    static COUNT: AtomicU32 = AtomicU32::new(0);
    let run = RUN.get_or_init(|| {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        (nanos ^ std::process::id().rotate_left(12)) & 0xff_ffff
    });
    let count = COUNT.fetch_add(1, Ordering::Relaxed) & 0xff;
    format!("nt{run:06x}{count:02x}")
}

/// The run-dependent part of an id, to spread runs over a range.
fn u32_of(id: &str) -> u32 {
    u32::from_str_radix(&id[2..8], 16).unwrap_or(0)
}
