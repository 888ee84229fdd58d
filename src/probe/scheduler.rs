//! Runs a wave of checks (those of a few sources): turns each into probes against live
//! targets, runs the source namespaces through a [`Strategy`] as wide as the [`Limits`] allow,
//! retries once, in calm, what failed on this side or went unanswered in the burst, and judges
//! the answers.

use super::attempt::{Attempt, Outcome, Probe};
use super::check::{Check, CheckKind, Expected};
use super::engine::Options;
use super::fast_hash::FastMap;
use super::judge::{Pair, judge, share_no_network};
use super::limits::{Budget, Exhausted, Limits, Resource};
use super::results::{CheckResult, Report, Verdict};
use super::stopped::{StoppedAmong, skip_toward_stopped};
use super::strategy::{Strategy, StrategyError};
use super::target::Target;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// The pause before the retry pass: long enough for the burst's sockets to close and the
/// kernel's queues to drain, short against a run.
const RETRY_BACKOFF: Duration = Duration::from_millis(200);

/// One strategy call's attempts, one list per probe; or why the source could not be probed.
type Probed = Result<Vec<Vec<Attempt>>, StrategyError>;

/// Each source's attempts, one list per probe of its batch.
type Attempts<'a> = FastMap<&'a str, Probed>;

/// Runs `checks` between `targets` (the live containers of the topology's services, by
/// service key) in one wave. Fails when a namespace cannot be probed at all, or when the probes
/// ran short of a local resource even when retried: neither is a verdict on the topology.
pub fn run(
    checks: &[Check],
    targets: &[Target],
    strategy: &dyn Strategy,
    options: &Options,
) -> Result<Report, StrategyError> {
    run_noting_stops(checks, targets, strategy, options, &mut |_| BTreeMap::new())
}

/// As [`run`], then skips what proves nothing toward a target that `stopped` says stopped
/// meanwhile ([`super::stopped`]).
pub fn run_noting_stops(
    checks: &[Check],
    targets: &[Target],
    strategy: &dyn Strategy,
    options: &Options,
    stopped: &mut StoppedAmong<'_>,
) -> Result<Report, StrategyError> {
    let limits = Limits::for_this_process(options.concurrency);
    let mut judged = Vec::with_capacity(checks.len());
    wave(
        checks,
        &Targets::new(targets),
        strategy,
        options,
        &limits,
        &mut |index, verdict| judged.push((index, verdict)),
    )?;
    skip_toward_stopped(checks, &mut judged, stopped);
    let results = judged
        .into_iter()
        .filter_map(|(index, verdict)| Some(CheckResult::new(checks.get(index)?, verdict)))
        .collect();
    Ok(Report::new(results))
}

/// The live targets by service key: looked up once per check.
pub struct Targets<'a> {
    by_service: FastMap<&'a str, &'a Target>,
}

impl<'a> Targets<'a> {
    pub fn new(targets: &'a [Target]) -> Targets<'a> {
        Targets {
            by_service: targets.iter().map(|t| (t.service.as_str(), t)).collect(),
        }
    }

    fn find(&self, service: &str) -> Option<&'a Target> {
        self.by_service.get(service).copied()
    }
}

/// Probes `checks` (those of a few sources) together: every source's probes at once as far as
/// `limits` allow, then the retry in calm; hands each check's verdict, by its index, to
/// `judged`, in order. What the wave holds is dropped when it returns.
pub fn wave(
    checks: &[Check],
    targets: &Targets,
    strategy: &dyn Strategy,
    options: &Options,
    limits: &Limits,
    judged: &mut dyn FnMut(usize, Verdict),
) -> Result<(), StrategyError> {
    let mut sources = Sources::default();
    let plans: Vec<Planned> = checks
        .iter()
        .map(|check| sources.plan(check, targets))
        .collect();
    let jobs: Vec<Job> = sources
        .batches
        .iter()
        .filter_map(|(source, batch)| Some(Job::whole(source, targets.find(source)?, batch)))
        .collect();
    let attempts = probe(&jobs, strategy, options, limits)?;
    drop(jobs);
    for (index, (check, planned)) in checks.iter().zip(plans).enumerate() {
        let verdict = match planned {
            Planned::Decided(verdict) => verdict,
            Planned::Probes { source, slots } => {
                let slots = sources.slots.get(slots).unwrap_or_default();
                let (name, batch) = &sources.batches[source];
                judge_probed(check, (name, batch), slots, &attempts, targets, options)
            }
        };
        judged(index, verdict);
    }
    Ok(())
}

/// The wave's sources in the order they first appear, each with its batch; checks point into
/// a batch by slots, kept end to end in `slots`.
#[derive(Default)]
struct Sources<'a> {
    batches: Vec<(&'a str, Batch)>,
    position: FastMap<&'a str, usize>,
    slots: Vec<usize>,
}

impl<'a> Sources<'a> {
    fn plan(&mut self, check: &'a Check, targets: &Targets) -> Planned {
        let resolution = resolve(check, targets.find(&check.from), targets.find(&check.to));
        let probes = match resolution {
            Resolution::Decided(verdict) => return Planned::Decided(verdict),
            Resolution::Probes(probes) => probes,
        };
        let source = self.source(&check.from);
        let batch = &mut self.batches[source].1;
        let start = self.slots.len();
        for probe in probes {
            let slot = batch.slot(probe, check.expected == Expected::Reachable);
            self.slots.push(slot);
        }
        Planned::Probes {
            source,
            slots: start..self.slots.len(),
        }
    }

    /// Checks come grouped by source: the last one is looked up without hashing.
    fn source(&mut self, name: &'a str) -> usize {
        if let Some(last) = self.batches.len().checked_sub(1)
            && self.batches[last].0 == name
        {
            return last;
        }
        *self.position.entry(name).or_insert_with(|| {
            self.batches.push((name, Batch::default()));
            self.batches.len() - 1
        })
    }
}

/// Every job at the full width, then once more, at a quarter of it, whatever deserves it.
fn probe<'a>(
    jobs: &[Job<'a>],
    strategy: &dyn Strategy,
    options: &Options,
    limits: &Limits,
) -> Result<Attempts<'a>, StrategyError> {
    let mut attempts: Attempts = jobs
        .iter()
        .zip(run_jobs(jobs, strategy, options, limits))
        .map(|(job, result)| (job.source, result))
        .collect();
    fail_on_fatal(&mut attempts)?;
    let retries = retry_jobs(jobs, &attempts);
    if !retries.is_empty() {
        std::thread::sleep(RETRY_BACKOFF);
        let calm = limits.calm();
        for (job, result) in retries
            .iter()
            .zip(run_jobs(&retries, strategy, options, &calm))
        {
            merge(&mut attempts, job, result);
        }
        fail_on_fatal(&mut attempts)?;
    }
    match still_short(&attempts) {
        Some(resource) => Err(Exhausted {
            resource,
            limits: *limits,
        }
        .into()),
        None => Ok(attempts),
    }
}

/// A source whose container stopped between inspection and probing has its checks skipped,
/// and one that could not be entered for want of a local resource gets the retry; any other
/// failure to get into a namespace (no privilege, say) stops the whole run.
fn fail_on_fatal(attempts: &mut Attempts) -> Result<(), StrategyError> {
    let fatal = attempts
        .iter()
        .find(|(_, outcome)| {
            matches!(outcome, Err(error) if !error.container_gone() && error.shortage().is_none())
        })
        .map(|(source, _)| *source);
    match fatal.and_then(|source| attempts.remove(source)) {
        Some(Err(error)) => Err(error),
        _ => Ok(()),
    }
}

fn judge_probed(
    check: &Check,
    (source, batch): (&str, &Batch),
    slots: &[usize],
    attempts: &Attempts,
    targets: &Targets,
    options: &Options,
) -> Verdict {
    let (Some(from), Some(to)) = (targets.find(source), targets.find(&check.to)) else {
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
            from.container.name
        )),
        None => Verdict::unknown(format!("no probe ran from {}", from.container.name)),
    }
}

/// The distinct probes one source runs, and whether each is owed an answer (a reachable check
/// uses it); checks point into it by index.
#[derive(Debug, Default)]
struct Batch {
    probes: Vec<Probe>,
    reachable: Vec<bool>,
    index: FastMap<Probe, usize>,
}

impl Batch {
    fn slot(&mut self, probe: Probe, reachable: bool) -> usize {
        if let Some(&slot) = self.index.get(&probe) {
            self.reachable[slot] |= reachable;
            return slot;
        }
        self.probes.push(probe.clone());
        self.reachable.push(reachable);
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
    Probes { source: usize, slots: Range<usize> },
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
                side.container.name
            )));
        }
    }
    if let Some(mode) = to.container.network_mode.shared_namespace() {
        return Resolution::Decided(Verdict::unknown(format!(
            "unprovable: {} runs with {mode}, so it has no address of its own to probe",
            to.container.name
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
                host: to.container.name.clone(),
            },
        }
    };
    match kind {
        CheckKind::Dns { name } => vec![Probe::Dns { name: name.clone() }],
        _ => addresses.iter().map(at).collect(),
    }
}

/// One source's probes for one strategy call (its whole batch, or what deserves a retry);
/// `slots` say where each lands in its batch.
#[derive(Clone)]
struct Job<'a> {
    source: &'a str,
    target: &'a Target,
    probes: Cow<'a, [Probe]>,
    slots: Vec<usize>,
    reachable: &'a [bool],
}

impl<'a> Job<'a> {
    fn whole(source: &'a str, target: &'a Target, batch: &'a Batch) -> Job<'a> {
        Job {
            source,
            target,
            probes: Cow::Borrowed(&batch.probes),
            slots: (0..batch.probes.len()).collect(),
            reachable: &batch.reachable,
        }
    }
}

/// A pool of `strategy.at_once` workers, each taking the next job until none is left; one
/// result per job, in the jobs' order. Every worker draws from one [`Budget`].
fn run_jobs(
    jobs: &[Job],
    strategy: &dyn Strategy,
    options: &Options,
    limits: &Limits,
) -> Vec<Probed> {
    let budget = Budget::new(*limits);
    let next = AtomicUsize::new(0);
    let workers = strategy.at_once(limits).clamp(1, jobs.len().max(1));
    let mut results: Vec<Option<Probed>> = jobs.iter().map(|_| None).collect();
    let done: Vec<_> = std::thread::scope(|scope| {
        let pool: Vec<_> = (0..workers)
            .map(|_| scope.spawn(|| work(jobs, &next, strategy, options, &budget)))
            .collect();
        pool.into_iter()
            .flat_map(|worker| worker.join().unwrap_or_default())
            .collect()
    });
    for (index, result) in done {
        if let Some(slot) = results.get_mut(index) {
            *slot = Some(result);
        }
    }
    results
        .into_iter()
        .zip(jobs)
        .map(|(result, job)| {
            result.unwrap_or_else(|| {
                Err(StrategyError::Crashed {
                    container: job.target.container.name.clone(),
                })
            })
        })
        .collect()
}

/// One worker's loop; a strategy that panics fails its job only.
fn work(
    jobs: &[Job],
    next: &AtomicUsize,
    strategy: &dyn Strategy,
    options: &Options,
    budget: &Budget,
) -> Vec<(usize, Probed)> {
    let mut done = Vec::new();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(job) = jobs.get(index) else {
            return done;
        };
        let result = catch_unwind(AssertUnwindSafe(|| {
            strategy.run(job.target, &job.probes, options, budget)
        }))
        .unwrap_or_else(|_| {
            Err(StrategyError::Crashed {
                container: job.target.container.name.clone(),
            })
        });
        done.push((index, result));
    }
}

/// A shortage on this side proves nothing, and neither does silence where an answer was due
/// (`owed`) while everything ran at once. An isolation check's silence is its pass: retrying
/// it would only cost another timeout.
fn worth_retrying(tries: &[Attempt], owed: impl Fn() -> bool) -> bool {
    tries.iter().any(|attempt| match attempt.outcome {
        Outcome::LocalError(_) => true,
        Outcome::TimedOut => owed(),
        _ => false,
    })
}

/// The probes of the first pass that deserve a second, per source; the whole job when the
/// source could not be entered for want of a local resource.
fn retry_jobs<'a>(jobs: &[Job<'a>], attempts: &Attempts) -> Vec<Job<'a>> {
    jobs.iter()
        .filter_map(|job| match attempts.get(job.source)? {
            Ok(tries) => retry_within(job, tries),
            Err(error) => error.shortage().map(|_| job.clone()),
        })
        .collect()
}

fn retry_within<'a>(job: &Job<'a>, tries: &[Vec<Attempt>]) -> Option<Job<'a>> {
    let owed = |slot: usize| job.reachable.get(slot).copied().unwrap_or(false);
    let (probes, slots): (Vec<Probe>, Vec<usize>) = job
        .slots
        .iter()
        .zip(job.probes.iter())
        .filter(|(slot, _)| {
            tries
                .get(**slot)
                .is_some_and(|tries| worth_retrying(tries, || owed(**slot)))
        })
        .map(|(slot, probe)| (probe.clone(), *slot))
        .unzip();
    (!probes.is_empty()).then_some(Job {
        source: job.source,
        target: job.target,
        probes: Cow::Owned(probes),
        slots,
        reachable: job.reachable,
    })
}

/// The retry's attempts replace the first pass's. A whole job's outcome (retried after a
/// shortage kept it out) replaces the source's, as does an error: a source whose container
/// stopped meanwhile is reported as such.
fn merge<'a>(attempts: &mut Attempts<'a>, job: &Job<'a>, result: Probed) {
    match (attempts.get_mut(job.source), result) {
        (Some(Ok(all)), Ok(retried)) => {
            for (slot, tries) in job.slots.iter().zip(retried) {
                if let Some(kept) = all.get_mut(*slot) {
                    *kept = tries;
                }
            }
        }
        (_, result) => {
            attempts.insert(job.source, result);
        }
    }
}

/// A local shortage that outlived the retry, if any: in an attempt, or keeping a source out.
fn still_short(attempts: &Attempts) -> Option<Resource> {
    attempts.values().find_map(|result| match result {
        Ok(tries) => tries
            .iter()
            .flatten()
            .find_map(|attempt| match attempt.outcome {
                Outcome::LocalError(resource) => Some(resource),
                _ => None,
            }),
        Err(error) => error.shortage(),
    })
}

fn gather<'b>(
    batch: &'b Batch,
    attempts: &'b [Vec<Attempt>],
    slots: &[usize],
) -> Vec<(&'b Probe, &'b [Attempt])> {
    slots
        .iter()
        .filter_map(|&slot| Some((batch.probes.get(slot)?, attempts.get(slot)?.as_slice())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::attempt::Outcome;
    use crate::probe::results::Status;
    use crate::probe::target::fixture::target;
    use std::collections::HashMap;
    use std::sync::Mutex;

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
            _: &Budget,
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
            _: &Budget,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            let container = source.container.name.clone();
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
                .detail
                .as_str()
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
        db.container.pid = Some(2);
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
            Some(report.checks[0].detail.as_str()),
            Some("agent and db share no network (agent: shared; db: hub)")
        );
        assert!(strategy.asked.lock().unwrap().is_empty());
    }

    #[test]
    fn a_container_that_does_not_run_skips_its_checks() {
        let mut targets = targets();
        targets[2].container.pid = None;
        let checks = [
            Check::new("agent", "db", CheckKind::Icmp, Expected::Isolated),
            Check::new("agent", "ghost", CheckKind::Icmp, Expected::Isolated),
        ];
        let report = run(&checks, &targets, &scripted(), &Options::default()).unwrap();
        assert_eq!(report.skipped, 2);
        assert_eq!(
            Some(report.checks[0].detail.as_str()),
            Some("c-db does not run")
        );
        assert_eq!(
            Some(report.checks[1].detail.as_str()),
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

    /// Answers each probe by how many times it was asked before; records the width of each
    /// call's budget.
    struct Flaky {
        answer: fn(&Probe, usize) -> Outcome,
        asked: Mutex<HashMap<Probe, usize>>,
        widths: Mutex<Vec<usize>>,
    }

    impl Flaky {
        fn new(answer: fn(&Probe, usize) -> Outcome) -> Flaky {
            Flaky {
                answer,
                asked: Mutex::new(HashMap::new()),
                widths: Mutex::new(Vec::new()),
            }
        }

        fn times_asked(&self, probe: &Probe) -> usize {
            self.asked.lock().unwrap().get(probe).copied().unwrap_or(0)
        }
    }

    impl Strategy for Flaky {
        fn name(&self) -> &'static str {
            "flaky"
        }

        fn run(
            &self,
            _: &Target,
            probes: &[Probe],
            _: &Options,
            budget: &Budget,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            self.widths.lock().unwrap().push(budget.limits().sockets);
            let mut asked = self.asked.lock().unwrap();
            Ok(probes
                .iter()
                .map(|probe| {
                    let before = asked.entry(probe.clone()).or_default();
                    let outcome = (self.answer)(probe, *before);
                    *before += 1;
                    vec![Attempt {
                        outcome,
                        elapsed: Duration::from_millis(1),
                    }]
                })
                .collect())
        }
    }

    fn tcp_to_backend() -> Probe {
        Probe::Tcp {
            address: "10.0.1.3".parse().unwrap(),
            port: 80,
        }
    }

    fn icmp_to_db() -> Probe {
        Probe::Icmp {
            address: "10.0.2.9".parse().unwrap(),
        }
    }

    fn reachable_and_isolated() -> [Check; 2] {
        [
            Check::new(
                "agent",
                "backend",
                CheckKind::Tcp { port: 80 },
                Expected::Reachable,
            ),
            Check::new("agent", "db", CheckKind::Icmp, Expected::Isolated),
        ]
    }

    #[test]
    fn a_probe_short_of_a_local_resource_is_retried_once_at_a_calmer_width() {
        let strategy = Flaky::new(|_, before| match before {
            0 => Outcome::LocalError(Resource::OpenFiles),
            _ => Outcome::Answered,
        });
        let checks = [Check::new(
            "agent",
            "backend",
            CheckKind::Tcp { port: 80 },
            Expected::Reachable,
        )];
        let report = run(&checks, &targets(), &strategy, &Options::default()).unwrap();
        assert_eq!(report.passed, 1, "{report:#?}");
        assert_eq!(strategy.times_asked(&tcp_to_backend()), 2);
        let widths = strategy.widths.lock().unwrap();
        assert_eq!(widths.len(), 2);
        assert_eq!(widths[1], (widths[0] / 4).max(1), "the retry runs in calm");
    }

    #[test]
    fn a_shortage_that_outlives_the_retry_fails_the_run_naming_the_resource() {
        let strategy = Flaky::new(|probe, _| match probe {
            Probe::Icmp { .. } => Outcome::LocalError(Resource::Buffers),
            _ => Outcome::Answered,
        });
        let error = run(
            &reachable_and_isolated(),
            &targets(),
            &strategy,
            &Options {
                concurrency: Some(40),
                ..Options::default()
            },
        )
        .unwrap_err();
        assert!(
            matches!(&error, StrategyError::Exhausted(e) if e.resource == Resource::Buffers),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(message.contains("kernel buffer space"), "{message}");
        assert!(message.ends_with("pass --concurrency 20"), "{message}");
        assert_eq!(strategy.times_asked(&icmp_to_db()), 2, "retried once");
        assert_eq!(strategy.times_asked(&tcp_to_backend()), 1);
    }

    #[test]
    fn silence_is_retried_where_an_answer_was_due_and_never_for_isolation() {
        let strategy = Flaky::new(|_, _| Outcome::TimedOut);
        let report = run(
            &reachable_and_isolated(),
            &targets(),
            &strategy,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.checks[0].status, Status::Failed, "silent twice");
        assert_eq!(report.checks[1].status, Status::Passed);
        assert_eq!(strategy.times_asked(&tcp_to_backend()), 2);
        assert_eq!(strategy.times_asked(&icmp_to_db()), 1);
    }

    #[test]
    fn a_reachable_check_silent_in_the_burst_and_answered_in_calm_passes() {
        let strategy = Flaky::new(|_, before| match before {
            0 => Outcome::TimedOut,
            _ => Outcome::Answered,
        });
        let report = run(
            &reachable_and_isolated(),
            &targets(),
            &strategy,
            &Options::default(),
        )
        .unwrap();
        assert!(report.holds(), "{report:#?}");
        let widths = strategy.widths.lock().unwrap();
        assert_eq!(widths.len(), 2, "one retry pass, for agent alone");
    }

    #[test]
    fn nothing_is_retried_when_everything_answered() {
        let strategy = Flaky::new(|probe, _| match probe {
            Probe::Icmp { .. } => Outcome::TimedOut,
            _ => Outcome::Answered,
        });
        let report = run(
            &reachable_and_isolated(),
            &targets(),
            &strategy,
            &Options::default(),
        )
        .unwrap();
        assert!(report.holds());
        assert_eq!(strategy.widths.lock().unwrap().len(), 1);
    }

    /// Counts the sources being probed at once.
    struct Crowd {
        at_once: usize,
        now: AtomicUsize,
        most: AtomicUsize,
        sources: Mutex<Vec<String>>,
    }

    impl Strategy for Crowd {
        fn name(&self) -> &'static str {
            "crowd"
        }

        fn run(
            &self,
            source: &Target,
            probes: &[Probe],
            _: &Options,
            _: &Budget,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
            self.most.fetch_max(now, Ordering::SeqCst);
            std::thread::sleep(Duration::from_millis(5));
            self.sources.lock().unwrap().push(source.service.clone());
            self.now.fetch_sub(1, Ordering::SeqCst);
            Ok(probes
                .iter()
                .map(|_| {
                    vec![Attempt {
                        outcome: Outcome::Answered,
                        elapsed: Duration::from_millis(1),
                    }]
                })
                .collect())
        }

        fn at_once(&self, _: &Limits) -> usize {
            self.at_once
        }
    }

    #[test]
    fn sources_are_probed_no_more_at_once_than_the_strategy_allows_and_each_once() {
        let targets: Vec<Target> = (0..12)
            .map(|i| target(&format!("s{i}"), &[("net", &format!("10.0.0.{}", i + 2))]))
            .collect();
        let checks: Vec<Check> = (0..12)
            .map(|i| {
                Check::new(
                    &format!("s{i}"),
                    &format!("s{}", (i + 1) % 12),
                    CheckKind::Icmp,
                    Expected::Reachable,
                )
            })
            .collect();
        let strategy = Crowd {
            at_once: 3,
            now: AtomicUsize::new(0),
            most: AtomicUsize::new(0),
            sources: Mutex::new(Vec::new()),
        };
        let report = run(&checks, &targets, &strategy, &Options::default()).unwrap();
        assert_eq!(report.passed, 12);
        assert!(strategy.most.load(Ordering::SeqCst) <= 3);
        let mut sources = strategy.sources.lock().unwrap().clone();
        sources.sort();
        sources.dedup();
        assert_eq!(sources.len(), 12);
    }

    /// Cannot open the namespace for want of files: once, or every time.
    struct ShortOfFiles {
        calls: AtomicUsize,
        recovers: bool,
    }

    impl Strategy for ShortOfFiles {
        fn name(&self) -> &'static str {
            "short"
        }

        fn run(
            &self,
            source: &Target,
            probes: &[Probe],
            _: &Options,
            _: &Budget,
        ) -> Result<Vec<Vec<Attempt>>, StrategyError> {
            if self.calls.fetch_add(1, Ordering::SeqCst) == 0 || !self.recovers {
                return Err(StrategyError::Open {
                    container: source.container.name.clone(),
                    path: "/proc/1/ns/net".into(),
                    source: std::io::Error::from_raw_os_error(
                        rustix::io::Errno::MFILE.raw_os_error(),
                    ),
                });
            }
            Ok(probes
                .iter()
                .map(|_| {
                    vec![Attempt {
                        outcome: Outcome::Answered,
                        elapsed: Duration::from_millis(1),
                    }]
                })
                .collect())
        }
    }

    #[test]
    fn a_namespace_out_of_reach_for_want_of_files_is_retried_not_blamed_on_privilege() {
        let checks = [Check::new(
            "agent",
            "backend",
            CheckKind::Icmp,
            Expected::Reachable,
        )];
        let once = ShortOfFiles {
            calls: AtomicUsize::new(0),
            recovers: true,
        };
        let report = run(&checks, &targets(), &once, &Options::default()).unwrap();
        assert!(report.holds(), "{report:#?}");
        assert_eq!(once.calls.load(Ordering::SeqCst), 2);
        let always = ShortOfFiles {
            calls: AtomicUsize::new(0),
            recovers: false,
        };
        let error = run(&checks, &targets(), &always, &Options::default()).unwrap_err();
        assert!(
            matches!(&error, StrategyError::Exhausted(e) if e.resource == Resource::OpenFiles),
            "{error:?}"
        );
        assert!(!error.to_string().contains("root"), "{error}");
    }
}
