//! `netctl agent probe`: what a sidecar runs. It is already inside the source's network
//! namespace, so it runs the probe engine where it stands and prints the attempts as JSON.

use super::AgentError;
use crate::probe::engine::{self, Options};
use crate::probe::{Attempt, Probe};
use std::time::Duration;

/// Exit status when the deadline cut the probes short.
const DEADLINE_EXIT: i32 = 124;

pub fn run_probes(
    probes: &str,
    options: &Options,
    deadline: Duration,
) -> Result<String, AgentError> {
    let probes: Vec<Probe> = serde_json::from_str(probes).map_err(AgentError::Probes)?;
    exit_after(deadline);
    let attempts: Vec<Vec<Attempt>> =
        engine::run_here(&probes, options).map_err(AgentError::Runtime)?;
    serde_json::to_string(&attempts).map_err(AgentError::Probes)
}

/// A sidecar must end by itself even if the netctl that started it crashed or was killed:
/// an auto-removed container whose process exits leaves nothing behind.
fn exit_after(deadline: Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(deadline);
        eprintln!(
            "netctl agent: the deadline of {} s passed",
            deadline.as_secs()
        );
        std::process::exit(DEADLINE_EXIT);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probes_run_here_and_attempts_print_as_json() {
        let json = r#"[{"kind":"icmp","address":"127.0.0.1"}]"#;
        let options = Options {
            count: 2,
            ..Options::default()
        };
        let printed = run_probes(json, &options, Duration::from_secs(30)).unwrap();
        let attempts: Vec<Vec<Attempt>> = serde_json::from_str(&printed).unwrap();
        assert_eq!(attempts.len(), 1);
        assert_eq!(attempts[0].len(), 2);
        assert!(
            attempts[0]
                .iter()
                .all(|a| a.outcome == crate::probe::Outcome::Answered)
        );
        assert!(matches!(
            run_probes("[{", &options, Duration::from_secs(30)),
            Err(AgentError::Probes(_))
        ));
    }
}
