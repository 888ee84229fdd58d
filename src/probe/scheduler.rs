//! Runs a list of checks: turns each into probes against live targets, runs every source
//! namespace at once through a [`Strategy`], and judges the answers.

use super::attempt::{Attempt, Probe};
use super::check::{Check, CheckKind, Expected};
use super::engine::Options;
use super::judge::{Pair, judge, share_no_network};
use super::results::{CheckResult, Report, Verdict};
use super::strategy::{Strategy, StrategyError};
use super::target::Target;
use std::collections::{BTreeMap, HashMap};

/// Runs `checks` between `targets` (the live containers of the topology's services, by
/// service key). Fails only when a namespace cannot be probed at all.
pub fn run(
    checks: &[Check],
    targets: &[Target],
    strategy: &dyn Strategy,
    options: &Options,
) -> Result<Report, StrategyError> {
    let find = |service: &str| targets.iter().find(|t| t.service == service);
    let mut batches: BTreeMap<&str, Batch> = BTreeMap::new();
    let plans: Vec<Planned> = checks
        .iter()
        .map(
            |check| match resolve(check, find(&check.from), find(&check.to)) {
                Resolution::Decided(verdict) => Planned::Decided(verdict),
                Resolution::Probes(probes) => {
                    let batch = batches.entry(check.from.as_str()).or_default();
                    Planned::Probes(probes.into_iter().map(|p| batch.slot(p)).collect())
                }
            },
        )
        .collect();
    let mut attempts = run_batches(&batches, &find, strategy, options);
    if let Some(error) = take_fatal(&mut attempts) {
        return Err(error);
    }
    let results = checks
        .iter()
        .zip(plans)
        .map(|(check, planned)| {
            let verdict = match planned {
                Planned::Decided(verdict) => verdict,
                Planned::Probes(slots) => {
                    judge_probed(check, &slots, &batches, &attempts, &find, options)
                }
            };
            CheckResult::new(check, verdict)
        })
        .collect();
    Ok(Report::new(results))
}

/// A source whose container stopped between inspection and probing has its checks skipped;
/// any other failure to get into a namespace (no privilege, say) stops the whole run.
fn take_fatal(
    attempts: &mut HashMap<&str, Result<Vec<Vec<Attempt>>, StrategyError>>,
) -> Option<StrategyError> {
    let source = *attempts
        .iter()
        .find(|(_, outcome)| matches!(outcome, Err(error) if !error.container_gone()))?
        .0;
    attempts.remove(source)?.err()
}

fn judge_probed<'a>(
    check: &Check,
    slots: &[usize],
    batches: &BTreeMap<&str, Batch>,
    attempts: &HashMap<&str, Result<Vec<Vec<Attempt>>, StrategyError>>,
    find: &dyn Fn(&str) -> Option<&'a Target>,
    options: &Options,
) -> Verdict {
    let source = check.from.as_str();
    let (Some(from), Some(to), Some(batch)) = (find(source), find(&check.to), batches.get(source))
    else {
        return Verdict::skipped(format!("{source} has no container"));
    };
    match attempts.get(source) {
        Some(Ok(attempts)) => {
            let pair = Pair {
                from,
                to,
                timeout: options.timeout,
            };
            judge(check, &pair, &gather(batch, attempts, slots))
        }
        Some(Err(error)) => Verdict::skipped(format!(
            "{} stopped during the run ({error})",
            from.container
        )),
        None => Verdict::skipped(format!("no probe ran from {}", from.container)),
    }
}

/// The distinct probes one source runs; checks point into it by index.
#[derive(Debug, Default)]
struct Batch {
    probes: Vec<Probe>,
    index: HashMap<Probe, usize>,
}

impl Batch {
    fn slot(&mut self, probe: Probe) -> usize {
        if let Some(&slot) = self.index.get(&probe) {
            return slot;
        }
        self.probes.push(probe.clone());
        self.index.insert(probe, self.probes.len() - 1);
        self.probes.len() - 1
    }
}

enum Resolution {
    Decided(Verdict),
    Probes(Vec<Probe>),
}

enum Planned {
    Decided(Verdict),
    Probes(Vec<usize>),
}

/// What to send for a check, or why nothing needs to be sent. Every address comes from the
/// target's own endpoints: a DNS answer is judged, never followed.
fn resolve(check: &Check, from: Option<&Target>, to: Option<&Target>) -> Resolution {
    let (Some(from), Some(to)) = (from, to) else {
        let missing = if from.is_none() {
            &check.from
        } else {
            &check.to
        };
        return Resolution::Decided(Verdict::skipped(format!("{missing} has no container")));
    };
    for side in [from, to] {
        if !side.is_running() {
            return Resolution::Decided(Verdict::skipped(format!(
                "{} does not run",
                side.container
            )));
        }
    }
    if let Some(mode) = to.network_mode.shared_namespace() {
        return Resolution::Decided(Verdict::skipped(format!(
            "unprovable: {} runs with {mode}, so it has no address of its own to probe",
            to.container
        )));
    }
    let addresses = match check.expected {
        Expected::Reachable => to.addresses_seen_from(from),
        Expected::Isolated => to.addresses().collect(),
    };
    if check.expected == Expected::Reachable && addresses.is_empty() {
        return Resolution::Decided(Verdict::failed(share_no_network(from, to)));
    }
    // A reachable check needs one working path; isolation must hold on every address.
    let aimed = match check.expected {
        Expected::Reachable => &addresses[..1],
        Expected::Isolated => &addresses[..],
    };
    Resolution::Probes(probes_for(&check.kind, to, aimed))
}

fn probes_for(kind: &CheckKind, to: &Target, addresses: &[std::net::IpAddr]) -> Vec<Probe> {
    let at = |address: &std::net::IpAddr| -> Probe {
        match kind {
            CheckKind::Dns { name } => Probe::Dns { name: name.clone() },
            CheckKind::Icmp => Probe::Icmp { address: *address },
            CheckKind::Tcp { port } => Probe::Tcp {
                address: *address,
                port: *port,
            },
            CheckKind::Http { port, path } => Probe::Http {
                address: *address,
                port: *port,
                path: path.clone(),
                host: to.container.clone(),
            },
        }
    };
    match kind {
        CheckKind::Dns { name } => vec![Probe::Dns { name: name.clone() }],
        _ => addresses.iter().map(at).collect(),
    }
}

/// One thread per source namespace, all at once; each strategy call runs its probes
/// concurrently inside, so a run costs about one timeout, not one per check.
fn run_batches<'a>(
    batches: &BTreeMap<&'a str, Batch>,
    find: &(dyn Fn(&str) -> Option<&'a Target> + Sync),
    strategy: &dyn Strategy,
    options: &Options,
) -> HashMap<&'a str, Result<Vec<Vec<Attempt>>, StrategyError>> {
    std::thread::scope(|scope| {
        let running: Vec<_> = batches
            .iter()
            .filter_map(|(source, batch)| Some((*source, find(source)?, batch)))
            .map(|(source, target, batch)| {
                (
                    source,
                    scope.spawn(move || strategy.run(target, &batch.probes, options)),
                )
            })
            .collect();
        running
            .into_iter()
            .map(|(source, handle)| {
                let attempts = handle.join().unwrap_or_else(|_| {
                    Err(StrategyError::Crashed {
                        container: source.to_owned(),
                    })
                });
                (source, attempts)
            })
            .collect()
    })
}

fn gather(batch: &Batch, attempts: &[Vec<Attempt>], slots: &[usize]) -> Vec<(Probe, Vec<Attempt>)> {
    slots
        .iter()
        .filter_map(|&slot| Some((batch.probes.get(slot)?.clone(), attempts.get(slot)?.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::attempt::Outcome;
    use crate::probe::results::Status;
    use crate::probe::target::fixture::target;
    use std::sync::Mutex;
    use std::time::Duration;

    /// Answers from a script instead of a network, and records what it was asked.
    struct Scripted {
        answer: fn(&Probe) -> Outcome,
        asked: Mutex<Vec<(String, Probe)>>,
    }

    impl Strategy for Scripted {
        fn name(&self) -> &'static str {
            "scripted"
        }

        fn run(
            &self,
            source: &Target,
            probes: &[Probe],
            _: &Options,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            let mut asked = self.asked.lock().unwrap();
            asked.extend(probes.iter().map(|p| (source.service.clone(), p.clone())));
            Ok(probes
                .iter()
                .map(|p| {
                    vec![Attempt {
                        outcome: (self.answer)(p),
                        elapsed: Duration::from_millis(1),
                    }]
                })
                .collect())
        }
    }

    /// Cannot get into any namespace: because the container is gone, or for want of privilege.
    struct Failing {
        gone: bool,
    }

    impl Strategy for Failing {
        fn name(&self) -> &'static str {
            "failing"
        }

        fn run(
            &self,
            source: &Target,
            _: &[Probe],
            _: &Options,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            let container = source.container.clone();
            Err(if self.gone {
                StrategyError::NotRunning { container }
            } else {
                StrategyError::Enter {
                    container,
                    source: nix::Error::EPERM,
                }
            })
        }
    }

    #[test]
    fn a_container_gone_mid_run_is_skipped_and_missing_privilege_stops_the_run() {
        let checks = [Check::new(
            "agent",
            "backend",
            CheckKind::Icmp,
            Expected::Reachable,
        )];
        let report = run(
            &checks,
            &targets(),
            &Failing { gone: true },
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.skipped, 1);
        assert!(
            report.checks[0]
                .explanation
                .as_deref()
                .unwrap()
                .starts_with("c-agent stopped during the run")
        );
        let error = run(
            &checks,
            &targets(),
            &Failing { gone: false },
            &Options::default(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("needs CAP_SYS_ADMIN"), "{error}");
    }

    fn docker_like(probe: &Probe) -> Outcome {
        match probe {
            Probe::Dns { name } if name == "c-db" => Outcome::NxDomain,
            Probe::Dns { .. } => Outcome::Resolved(vec!["10.0.1.3".parse().unwrap()]),
            Probe::Icmp { address } | Probe::Tcp { address, .. }
                if address.to_string().starts_with("10.0.2.") =>
            {
                Outcome::Unreachable
            }
            _ => Outcome::Answered,
        }
    }

    fn targets() -> Vec<Target> {
        let mut db = target("db", &[("hub", "10.0.2.9")]);
        db.pid = Some(2);
        vec![
            target("agent", &[("shared", "10.0.1.2")]),
            target("backend", &[("shared", "10.0.1.3"), ("hub", "10.0.2.3")]),
            db,
        ]
    }

    fn scripted() -> Scripted {
        Scripted {
            answer: docker_like,
            asked: Mutex::new(Vec::new()),
        }
    }

    #[test]
    fn reachable_and_isolated_checks_are_judged_from_the_answers() {
        let checks = [
            Check::new(
                "agent",
                "backend",
                CheckKind::Dns {
                    name: "c-backend".to_owned(),
                },
                Expected::Reachable,
            ),
            Check::new(
                "agent",
                "backend",
                CheckKind::Tcp { port: 80 },
                Expected::Reachable,
            ),
            Check::new(
                "agent",
                "db",
                CheckKind::Dns {
                    name: "c-db".to_owned(),
                },
                Expected::Isolated,
            ),
            Check::new("agent", "db", CheckKind::Icmp, Expected::Isolated),
        ];
        let strategy = scripted();
        let report = run(&checks, &targets(), &strategy, &Options::default()).unwrap();
        assert_eq!(
            (report.passed, report.failed, report.skipped),
            (4, 0, 0),
            "{report:#?}"
        );
        let asked = strategy.asked.lock().unwrap();
        let addresses: Vec<String> = asked
            .iter()
            .filter_map(|(_, p)| match p {
                Probe::Tcp { address, .. } | Probe::Icmp { address } => Some(address.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(
            addresses,
            ["10.0.1.3", "10.0.2.9"],
            "only the targets' own addresses"
        );
    }

    #[test]
    fn a_pair_without_a_shared_network_fails_without_sending_anything() {
        let checks = [Check::new(
            "agent",
            "db",
            CheckKind::Tcp { port: 5432 },
            Expected::Reachable,
        )];
        let strategy = scripted();
        let report = run(&checks, &targets(), &strategy, &Options::default()).unwrap();
        assert_eq!(report.checks[0].status, Status::Failed);
        assert_eq!(
            report.checks[0].explanation.as_deref(),
            Some("agent and db share no network (agent: shared; db: hub)")
        );
        assert!(strategy.asked.lock().unwrap().is_empty());
    }

    #[test]
    fn a_container_that_does_not_run_skips_its_checks() {
        let mut targets = targets();
        targets[2].pid = None;
        let checks = [
            Check::new("agent", "db", CheckKind::Icmp, Expected::Isolated),
            Check::new("agent", "ghost", CheckKind::Icmp, Expected::Isolated),
        ];
        let report = run(&checks, &targets, &scripted(), &Options::default()).unwrap();
        assert_eq!(report.skipped, 2);
        assert_eq!(
            report.checks[0].explanation.as_deref(),
            Some("c-db does not run")
        );
        assert_eq!(
            report.checks[1].explanation.as_deref(),
            Some("ghost has no container")
        );
        assert!(!report.holds());
    }

    #[test]
    fn the_same_probe_from_one_source_is_sent_once() {
        let check = Check::new("agent", "backend", CheckKind::Icmp, Expected::Reachable);
        let strategy = scripted();
        let report = run(
            &[check.clone(), check],
            &targets(),
            &strategy,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.passed, 2);
        assert_eq!(strategy.asked.lock().unwrap().len(), 1);
    }
}
