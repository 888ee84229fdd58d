//! Targets that stopped during a run. A check that failed toward one failed for that reason,
//! not the topology's, and an isolation check that held toward one proves nothing (a stopped
//! container answers nobody): both are skipped, saying so. A reachable check that held was
//! answered, so it stands.

use super::check::{Check, Expected};
use super::results::{Status, Verdict};
use super::target::Target;
use crate::live::{Daemon, DaemonError};
use std::collections::{BTreeMap, BTreeSet};

/// Whether a check with this outcome toward a target that stopped meanwhile proves nothing.
pub fn unproven_if_stopped(expected: Expected, status: Status) -> bool {
    match status {
        Status::Failed | Status::Unknown => true,
        Status::Passed => expected == Expected::Isolated,
        Status::Skipped => false,
    }
}

/// What such a check says instead, skipped: why it was skipped.
pub fn explanation(container: &str, status: Status, before: Option<&str>) -> String {
    match status {
        Status::Passed => {
            format!("{container} stopped during the run, so its isolation is not proven")
        }
        _ => format!(
            "{container} stopped during the run ({})",
            before.unwrap_or("no answer")
        ),
    }
}

/// Which of the given services' containers stopped, by service, with the container's name.
pub type StoppedAmong<'s> = dyn FnMut(&BTreeSet<String>) -> BTreeMap<String, String> + 's;

/// The judged checks (`(index into checks, verdict)`) that prove nothing toward a target that
/// stopped meanwhile, skipped saying so; `stopped` is asked only when there are such checks.
pub fn skip_toward_stopped(
    checks: &[Check],
    judged: &mut [(usize, Verdict)],
    stopped: &mut StoppedAmong<'_>,
) {
    let unproven = |(index, verdict): &(usize, Verdict)| {
        checks
            .get(*index)
            .filter(|check| unproven_if_stopped(check.expected, verdict.status))
    };
    let suspects: BTreeSet<String> = judged
        .iter()
        .filter_map(|judged| unproven(judged).map(|check| check.to.clone()))
        .collect();
    if suspects.is_empty() {
        return;
    }
    let stopped = stopped(&suspects);
    for judged in judged.iter_mut() {
        let Some(name) = unproven(judged).and_then(|check| stopped.get(&check.to)) else {
            continue;
        };
        let verdict = &mut judged.1;
        verdict.explanation = Some(explanation(
            name,
            verdict.status,
            verdict.explanation.as_deref(),
        ));
        verdict.status = Status::Skipped;
        verdict.latencies.clear();
    }
}

/// The services among `services` whose containers no longer run, with the container's name:
/// one list of the daemon's containers, whatever their number.
pub async fn stopped(
    daemon: &impl Daemon,
    targets: &[Target],
    services: &BTreeSet<String>,
) -> Result<BTreeMap<String, String>, DaemonError> {
    if services.is_empty() {
        return Ok(BTreeMap::new());
    }
    let running: BTreeSet<String> = daemon
        .containers()
        .await?
        .into_iter()
        .filter(|c| c.running)
        .map(|c| c.id)
        .collect();
    Ok(targets
        .iter()
        .filter(|t| services.contains(&t.service) && !running.contains(&t.container.id))
        .map(|t| (t.service.clone(), t.container.name.clone()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_and_held_isolation_are_unproven_but_an_answer_stands() {
        assert!(unproven_if_stopped(Expected::Reachable, Status::Failed));
        assert!(unproven_if_stopped(Expected::Isolated, Status::Failed));
        assert!(unproven_if_stopped(Expected::Isolated, Status::Passed));
        assert!(!unproven_if_stopped(Expected::Reachable, Status::Passed));
        assert!(!unproven_if_stopped(Expected::Isolated, Status::Skipped));
    }
}
