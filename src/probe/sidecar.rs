//! The sidecar strategy's core: a short-lived agent container that shares the source's network
//! namespace runs `netctl agent probe` and prints the attempts as JSON. The docker layer starts
//! the container ([`SidecarRunner`]); this side says what it runs and reads what it prints.

use super::attempt::{Attempt, Probe};
use super::daemon::Containers;
use super::engine::Options;
use super::limits::{Budget, Limits};
use super::strategy::{Strategy, StrategyError};
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
    ) -> Result<Vec<u8>, String>;
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
        let stdout = self.runner.run(source, &args, &labels).map_err(failed)?;
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

/// Whether a sweep may remove a container with these labels: a sidecar whose deadline passed.
pub fn is_expired_sidecar(container_labels: &BTreeMap<String, String>, now: SystemTime) -> bool {
    let label = |key: &str| container_labels.get(key).map(String::as_str);
    label(labels::ROLE) == Some(labels::SIDECAR_ROLE)
        && label(labels::DEADLINE)
            .and_then(|deadline| deadline.parse::<u64>().ok())
            .is_some_and(|deadline| deadline < unix_seconds(now))
}

/// Removes netctl's sidecars whose deadline passed (normally none: they end and are removed
/// by themselves); a live one of a concurrent run is never touched. Returns the count.
pub async fn sweep_expired(daemon: &impl Containers) -> Result<usize, DaemonError> {
    let now = SystemTime::now();
    let expired: Vec<String> = daemon
        .containers()
        .await?
        .into_iter()
        .filter(|c| is_expired_sidecar(&c.labels, now))
        .map(|c| c.id)
        .collect();
    for id in &expired {
        daemon.remove_container(id).await?;
    }
    Ok(expired.len())
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

    fn labels(deadline: &str) -> Vec<(String, String)> {
        vec![
            ("io.netctl.role".to_owned(), "sidecar".to_owned()),
            ("io.netctl.deadline".to_owned(), deadline.to_owned()),
        ]
    }

    fn on(labels: &[(String, String)]) -> BTreeMap<String, String> {
        labels.iter().cloned().collect()
    }

    #[test]
    fn only_sidecars_past_their_deadline_may_be_swept() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(is_expired_sidecar(&on(&labels("999")), now));
        assert!(
            !is_expired_sidecar(&on(&labels("1001")), now),
            "a live sidecar"
        );
        assert!(!is_expired_sidecar(&on(&labels("soon")), now));
        let placeholder = vec![("io.netctl.role".to_owned(), "placeholder".to_owned())];
        assert!(!is_expired_sidecar(&on(&placeholder), now));
        assert_eq!(sidecar_labels(now + Duration::from_secs(5)), labels("1005"));
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
