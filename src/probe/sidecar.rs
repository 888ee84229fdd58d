//! The sidecar strategy's core: a short-lived agent container that shares the source's network
//! namespace runs `netctl agent probe` and prints the attempts as JSON. The docker layer starts
//! the container ([`SidecarRunner`]); this side says what it runs and reads what it prints.

use super::attempt::{Attempt, Probe};
use super::daemon::Containers;
use super::engine::Options;
use super::limits::{Budget, Limits};
use super::strategy::{SourceFailure, Strategy, StrategyError};
use super::target::Target;
use crate::live::{DaemonError, labels};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Starts the sidecar for `source`: from the agent image, in `source`'s network namespace
/// (`--network container:<id>`), all capabilities dropped but NET_RAW, read-only root,
/// auto-removed, labelled with [`sidecar_labels`]; runs `args` and returns its stdout.
pub trait SidecarRunner: Sync {
    fn run(
        &self,
        source: &Target,
        args: &[String],
        labels: &[(String, String)],
    ) -> Result<Vec<u8>, SourceFailure>;
}

pub struct Sidecar<R> {
    pub runner: R,
}

/// Sidecars starting or running at once. The daemon creates and starts containers one after
/// another anyway; more at once only queue there, each holding a connection here.
const SIDECARS_AT_ONCE: usize = 16;

impl<R: SidecarRunner> Strategy for Sidecar<R> {
    fn name(&self) -> &'static str {
        "sidecar"
    }

    fn run(
        &self,
        source: &Target,
        probes: &[Probe],
        options: &Options,
        _: &Budget,
    ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
        let failed = |reason: String| StrategyError::Sidecar {
            container: source.container.name.clone(),
            reason,
        };
        let deadline = deadline_for(options);
        let args = agent_args(probes, options, deadline).map_err(|e| failed(e.to_string()))?;
        let labels = sidecar_labels(SystemTime::now() + deadline);
        let stdout = self
            .runner
            .run(source, &args, &labels)
            .map_err(|failure| failure.for_source(&source.container.name, failed))?;
        let attempts = parse_output(&stdout).map_err(|e| failed(e.to_string()))?;
        if attempts.len() != probes.len() {
            return Err(failed(format!(
                "the sidecar answered {} probes of {}",
                attempts.len(),
                probes.len()
            )));
        }
        Ok(attempts)
    }

    /// The probes run in the sidecar's own process, on its own open-file limit: here, only
    /// the number of sidecars is bounded.
    fn at_once(&self, limits: &Limits) -> usize {
        limits.namespaces.min(SIDECARS_AT_ONCE)
    }
}

/// What a finished sidecar printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SidecarOutput {
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// Between create and start a sidecar is not yet auto-removed: a netctl that stops there
/// would leave a created container. On Ctrl-C the gate refuses new sidecars and lets the ones
/// being started finish starting; from then on each ends and removes itself by its deadline.
#[derive(Debug, Default)]
pub struct SidecarGate {
    stopping: AtomicBool,
    starting: AtomicUsize,
}

/// A sidecar between create and start; dropping it says the start is over.
pub struct Starting<'a>(&'a SidecarGate);

impl Drop for Starting<'_> {
    fn drop(&mut self) {
        self.0.starting.fetch_sub(1, Ordering::SeqCst);
    }
}

impl SidecarGate {
    /// Counts a sidecar as being started; `None` once the gate is closed.
    pub fn enter(&self) -> Option<Starting<'_>> {
        self.starting.fetch_add(1, Ordering::SeqCst);
        let guard = Starting(self);
        (!self.stopping.load(Ordering::SeqCst)).then_some(guard)
    }

    /// Whether Ctrl-C closed the gate.
    pub fn is_closed(&self) -> bool {
        self.stopping.load(Ordering::SeqCst)
    }

    /// Refuses new sidecars and waits (at most `limit`) for those being started.
    pub async fn close(&self, limit: Duration) {
        self.stopping.store(true, Ordering::SeqCst);
        let started = tokio::time::Instant::now();
        while self.starting.load(Ordering::SeqCst) > 0 && started.elapsed() < limit {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

/// Long enough for every try of every probe (they run concurrently), plus the container's start.
pub fn deadline_for(options: &Options) -> Duration {
    options.timeout * options.count.max(1) + Duration::from_secs(15)
}

/// The arguments after the image's `/netctl` entrypoint.
pub fn agent_args(
    probes: &[Probe],
    options: &Options,
    deadline: Duration,
) -> Result<Vec<String>, serde_json::Error> {
    Ok(vec![
        "agent".to_owned(),
        "probe".to_owned(),
        "--timeout".to_owned(),
        format!("{}ms", options.timeout.as_millis().max(1)),
        "--count".to_owned(),
        options.count.max(1).to_string(),
        "--deadline".to_owned(),
        deadline.as_secs().max(1).to_string(),
        "--probes".to_owned(),
        serde_json::to_string(probes)?,
    ])
}

/// The role label, and the Unix time after which the sidecar has exited by itself: only then
/// may a sweep remove it, so a concurrent run's live sidecars are never touched.
pub fn sidecar_labels(deadline: SystemTime) -> Vec<(String, String)> {
    vec![
        (labels::ROLE.to_owned(), labels::SIDECAR_ROLE.to_owned()),
        (
            labels::DEADLINE.to_owned(),
            unix_seconds(deadline).to_string(),
        ),
    ]
}

/// Who starts a sidecar: the machine netctl runs on (several can share one daemon) and this
/// run of it. Sweeps and Ctrl-C remove only what these labels say is theirs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SidecarOwner {
    pub host: String,
    pub run: String,
}

impl SidecarOwner {
    /// This process on this machine; the run id is the process id and its start time.
    pub fn this_run() -> SidecarOwner {
        let host = crate::machine::name();
        let started = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        SidecarOwner {
            host,
            run: format!("{}-{started}", std::process::id()),
        }
    }

    /// The labels that mark a sidecar as this owner's.
    pub fn labels(&self) -> [(String, String); 2] {
        [
            (labels::HOST.to_owned(), self.host.clone()),
            (labels::RUN.to_owned(), self.run.clone()),
        ]
    }
}

/// Whether a sweep may remove a container with these labels: a sidecar of this project that
/// netctl on this machine started and whose deadline passed. Another machine's or another
/// project's sidecars, and anything merely labelled a sidecar, are not this run's to remove.
pub fn is_sweepable(
    container_labels: &BTreeMap<String, String>,
    now: SystemTime,
    owner: &SidecarOwner,
    project: &str,
) -> bool {
    let label = |key: &str| container_labels.get(key).map(String::as_str);
    label(labels::ROLE) == Some(labels::SIDECAR_ROLE)
        && label(labels::HOST) == Some(owner.host.as_str())
        && label(labels::PROJECT) == Some(project)
        && label(labels::DEADLINE)
            .and_then(|deadline| deadline.parse::<u64>().ok())
            .is_some_and(|deadline| deadline < unix_seconds(now))
}

/// Removes this machine's sidecars of `project` whose deadline passed (normally none: they end
/// and are removed by themselves); a live one of a concurrent run is never touched. Returns
/// the count.
pub async fn sweep_expired(
    daemon: &impl Containers,
    owner: &SidecarOwner,
    project: &str,
) -> Result<usize, DaemonError> {
    let now = SystemTime::now();
    let expired: Vec<String> = daemon
        .containers()
        .await?
        .into_iter()
        .filter(|c| is_sweepable(&c.labels, now, owner, project))
        .map(|c| c.id)
        .collect();
    remove_all(daemon, &expired).await
}

/// Removes the sidecars this run started that still run (on Ctrl-C, once the gate is closed):
/// they would otherwise probe on until their deadline. Returns the count.
pub async fn remove_this_runs(
    daemon: &impl Containers,
    owner: &SidecarOwner,
) -> Result<usize, DaemonError> {
    let ours: Vec<String> = daemon
        .containers()
        .await?
        .into_iter()
        .filter(|c| {
            c.labels.get(labels::ROLE).map(String::as_str) == Some(labels::SIDECAR_ROLE)
                && c.labels.get(labels::RUN) == Some(&owner.run)
                && c.labels.get(labels::HOST) == Some(&owner.host)
        })
        .map(|c| c.id)
        .collect();
    remove_all(daemon, &ours).await
}

async fn remove_all(daemon: &impl Containers, ids: &[String]) -> Result<usize, DaemonError> {
    for id in ids {
        daemon.remove_container(id).await?;
    }
    Ok(ids.len())
}

fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

/// What `netctl agent probe` prints: one attempt list per probe, in order.
pub fn parse_output(stdout: &[u8]) -> Result<Vec<Vec<Attempt>>, serde_json::Error> {
    serde_json::from_slice(stdout)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::attempt::Outcome;

    fn owner() -> SidecarOwner {
        SidecarOwner {
            host: "builder".to_owned(),
            run: "42-1".to_owned(),
        }
    }

    fn labels(deadline: &str, host: &str, project: &str) -> BTreeMap<String, String> {
        [
            ("io.netctl.role", "sidecar"),
            ("io.netctl.deadline", deadline),
            ("io.netctl.host", host),
            ("io.netctl.project", project),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect()
    }

    #[test]
    fn only_this_machines_sidecars_of_the_project_past_their_deadline_may_be_swept() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        let sweepable =
            |labels: &BTreeMap<String, String>| is_sweepable(labels, now, &owner(), "p");
        assert!(sweepable(&labels("999", "builder", "p")));
        assert!(
            !sweepable(&labels("1001", "builder", "p")),
            "a live sidecar"
        );
        assert!(!sweepable(&labels("soon", "builder", "p")));
        assert!(
            !sweepable(&labels("999", "other-host", "p")),
            "another machine's"
        );
        assert!(
            !sweepable(&labels("999", "builder", "q")),
            "another project's"
        );
        let mut placeholder = labels("999", "builder", "p");
        placeholder.insert("io.netctl.role".to_owned(), "placeholder".to_owned());
        assert!(!sweepable(&placeholder));
        assert_eq!(
            sidecar_labels(now + Duration::from_secs(5)),
            [
                ("io.netctl.role".to_owned(), "sidecar".to_owned()),
                ("io.netctl.deadline".to_owned(), "1005".to_owned()),
            ]
        );
    }

    #[test]
    fn this_run_is_named_by_its_machine_and_process() {
        let owner = SidecarOwner::this_run();
        assert!(!owner.host.is_empty());
        assert!(owner.run.starts_with(&format!("{}-", std::process::id())));
        assert_ne!(owner.run, SidecarOwner::this_run().run);
    }

    #[test]
    fn probes_go_out_as_json_and_attempts_come_back() {
        let probes = vec![
            Probe::Dns {
                name: "hub-api".to_owned(),
            },
            Probe::Tcp {
                address: "10.214.1.2".parse().unwrap(),
                port: 8000,
            },
        ];
        let options = Options {
            timeout: Duration::from_millis(300),
            count: 2,
            ..Options::default()
        };
        let args = agent_args(&probes, &options, deadline_for(&options)).unwrap();
        assert_eq!(
            args[..8],
            [
                "agent",
                "probe",
                "--timeout",
                "300ms",
                "--count",
                "2",
                "--deadline",
                "15"
            ]
        );
        let sent: Vec<Probe> = serde_json::from_str(&args[9]).unwrap();
        assert_eq!(sent, probes);
        let attempts = vec![vec![Attempt {
            outcome: Outcome::Refused,
            elapsed: Duration::from_micros(700),
        }]];
        let printed = serde_json::to_vec(&attempts).unwrap();
        assert_eq!(parse_output(&printed).unwrap(), attempts);
    }
}
