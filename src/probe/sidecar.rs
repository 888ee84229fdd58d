//! The sidecar strategy's core: a short-lived agent container that shares the source's network
//! namespace runs `netctl agent probe` and prints the attempts as JSON. The docker layer starts
//! the container ([`SidecarRunner`]); this side says what it runs and reads what it prints.

use super::attempt::{Attempt, Probe};
use super::engine::Options;
use super::limits::{Budget, Limits};
use super::strategy::{Strategy, StrategyError};
use super::target::Target;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The label that marks a container as a netctl sidecar.
pub const ROLE_LABEL: (&str, &str) = ("io.netctl.role", "sidecar");
/// The label holding the Unix time after which the sidecar has exited by itself: only then may
/// a sweep remove it, so a concurrent run's live sidecars are never touched.
pub const DEADLINE_LABEL: &str = "io.netctl.deadline";

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

pub fn sidecar_labels(deadline: SystemTime) -> Vec<(String, String)> {
    vec![
        (ROLE_LABEL.0.to_owned(), ROLE_LABEL.1.to_owned()),
        (
            DEADLINE_LABEL.to_owned(),
            unix_seconds(deadline).to_string(),
        ),
    ]
}

/// Whether a sweep may remove a container with these labels: a sidecar whose deadline passed.
pub fn is_expired_sidecar(labels: &[(String, String)], now: SystemTime) -> bool {
    let label = |key: &str| {
        labels
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    };
    label(ROLE_LABEL.0) == Some(ROLE_LABEL.1)
        && label(DEADLINE_LABEL)
            .and_then(|deadline| deadline.parse::<u64>().ok())
            .is_some_and(|deadline| deadline < unix_seconds(now))
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

    #[test]
    fn only_sidecars_past_their_deadline_may_be_swept() {
        let now = UNIX_EPOCH + Duration::from_secs(1_000);
        assert!(is_expired_sidecar(&labels("999"), now));
        assert!(!is_expired_sidecar(&labels("1001"), now), "a live sidecar");
        assert!(!is_expired_sidecar(&labels("soon"), now));
        let placeholder = vec![("io.netctl.role".to_owned(), "placeholder".to_owned())];
        assert!(!is_expired_sidecar(&placeholder, now));
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
