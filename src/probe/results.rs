//! What a probe or verify run found: exact totals, the results themselves up to a bound (a
//! topology of 10,000 services has about 10^8 checks), and latency statistics.

use super::check::{Check, CheckKind, Expected};
use super::exposure::Exposure;
use serde::Serialize;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Every check counts here, listed or not.
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub unknown: usize,
    /// The results in run order, up to the [`Listing`]'s bounds.
    pub checks: Vec<CheckResult>,
    /// What `checks` leaves out past the bounds, and why; absent when it lists everything.
    #[serde(skip_serializing_if = "Unlisted::is_empty")]
    pub unlisted: Unlisted,
    /// What each running service publishes on the host (verify only; empty for a probe).
    pub exposure: Vec<Exposure>,
    #[serde(skip)]
    listing: Listing,
}

/// How many results a report keeps in full. Failures and skips come first in worth: every one
/// is listed up to its own bound, however many checks passed before it. Both bounds are far
/// above any topology a person reads check by check, and keep a report of a run of any size to
/// a few tens of megabytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Listing {
    /// Passed checks listed at most.
    pub passed: usize,
    /// Failed and skipped checks listed at most.
    pub unpassed: usize,
}

impl Default for Listing {
    fn default() -> Listing {
        Listing {
            passed: 20_000,
            unpassed: 20_000,
        }
    }
}

/// The checks counted in the totals but not listed, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Unlisted {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub unknown: usize,
    /// Why, in words; empty while nothing is left out.
    pub reason: String,
}

impl Unlisted {
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    pub fn total(&self) -> usize {
        self.passed + self.failed + self.skipped + self.unknown
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CheckResult {
    pub from: String,
    pub to: String,
    /// `dns`, `icmp`, `tcp` or `http`.
    pub kind: &'static str,
    /// The name asked, for DNS checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub port: Option<u16>,
    /// The path requested, for HTTP checks.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub expected: Expected,
    pub status: Status,
    /// True only when the check held; a skipped check is not ok.
    pub ok: bool,
    /// The median try of a reachable check that held.
    pub latency_ms: Option<f64>,
    /// With `--count` above one: the spread of the tries.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub latency: Option<LatencyStats>,
    /// What the check saw, in words a person can act on: why it failed, was skipped or could
    /// not be judged, or what answered.
    pub detail: String,
}

/// The one vocabulary of every format (text, JSON, JUnit) and every feature that judges.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Passed,
    Failed,
    /// Not run: a side does not run (or has no container).
    Skipped,
    /// Run, but nothing can be concluded: the probe could not run, the target has no address
    /// of its own.
    Unknown,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::Skipped => "skipped",
            Status::Unknown => "unknown",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LatencyStats {
    pub count: usize,
    pub min_ms: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
}

/// The judgement of one check, before it is dressed as a [`CheckResult`].
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub status: Status,
    pub explanation: Option<String>,
    /// The tries' durations, for a reachable check that held.
    pub latencies: Vec<Duration>,
}

impl Verdict {
    pub fn passed(latencies: Vec<Duration>) -> Self {
        Verdict {
            status: Status::Passed,
            explanation: None,
            latencies,
        }
    }

    pub fn failed(explanation: String) -> Self {
        Verdict {
            status: Status::Failed,
            explanation: Some(explanation),
            latencies: Vec::new(),
        }
    }

    pub fn skipped(explanation: String) -> Self {
        Verdict {
            status: Status::Skipped,
            explanation: Some(explanation),
            latencies: Vec::new(),
        }
    }

    pub fn unknown(explanation: String) -> Self {
        Verdict {
            status: Status::Unknown,
            explanation: Some(explanation),
            latencies: Vec::new(),
        }
    }
}

impl CheckResult {
    pub fn new(check: &Check, verdict: Verdict) -> Self {
        let stats = LatencyStats::of(&verdict.latencies);
        CheckResult {
            from: check.from.clone(),
            to: check.to.clone(),
            kind: check.kind.word(),
            name: match &check.kind {
                CheckKind::Dns { name } => Some(name.clone()),
                _ => None,
            },
            port: check.kind.port(),
            path: match &check.kind {
                CheckKind::Http { path, .. } => Some(path.clone()),
                _ => None,
            },
            expected: check.expected,
            status: verdict.status,
            ok: verdict.status == Status::Passed,
            latency_ms: stats.map(|s| s.p50_ms),
            latency: stats.filter(|s| s.count > 1),
            detail: verdict
                .explanation
                .unwrap_or_else(|| held(check, stats.map(|s| s.p50_ms))),
        }
    }

    /// The check in a few words: `dns hub-api`, `tcp 8000`, `http 8080/health`.
    pub fn label(&self) -> String {
        match (&self.name, self.port, &self.path) {
            (Some(name), _, _) => format!("{} {name}", self.kind),
            (None, Some(port), Some(path)) => format!("{} {port}{path}", self.kind),
            (None, Some(port), None) => format!("{} {port}", self.kind),
            (None, None, _) => self.kind.to_owned(),
        }
    }
}

/// The detail of a check that held: what answered, or that nothing did.
fn held(check: &Check, latency_ms: Option<f64>) -> String {
    match (check.expected, latency_ms) {
        (Expected::Reachable, Some(ms)) => format!("{} answered in {ms:.2} ms", check.to),
        (Expected::Reachable, None) => format!("{} answered", check.to),
        (Expected::Isolated, _) => format!("nothing of {} answered {}", check.to, check.from),
    }
}

impl Report {
    /// A report of `checks`, within the default [`Listing`].
    pub fn new(checks: Vec<CheckResult>) -> Self {
        let mut report = Report::listing(Listing::default());
        for check in checks {
            report.add(check.status, || check);
        }
        report
    }

    /// An empty report that will list at most what `listing` says.
    pub fn listing(listing: Listing) -> Self {
        Report {
            passed: 0,
            failed: 0,
            skipped: 0,
            unknown: 0,
            checks: Vec::new(),
            unlisted: Unlisted::default(),
            exposure: Vec::new(),
            listing,
        }
    }

    /// Counts a judged check, and lists it while its status is within bounds: the result is
    /// only dressed (its strings copied) when it is kept.
    pub fn fold(&mut self, check: &Check, verdict: Verdict) {
        self.add(verdict.status, || CheckResult::new(check, verdict));
    }

    /// Every check run: listed or not.
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.skipped + self.unknown
    }

    /// The checks that did not pass, listed or not.
    pub fn unpassed(&self) -> usize {
        self.failed + self.skipped + self.unknown
    }

    fn add(&mut self, status: Status, result: impl FnOnce() -> CheckResult) {
        let (listed, bound) = match status {
            Status::Passed => (self.passed - self.unlisted.passed, self.listing.passed),
            Status::Failed | Status::Skipped | Status::Unknown => (
                self.unpassed() - (self.unlisted.total() - self.unlisted.passed),
                self.listing.unpassed,
            ),
        };
        let (total, unlisted) = match status {
            Status::Passed => (&mut self.passed, &mut self.unlisted.passed),
            Status::Failed => (&mut self.failed, &mut self.unlisted.failed),
            Status::Skipped => (&mut self.skipped, &mut self.unlisted.skipped),
            Status::Unknown => (&mut self.unknown, &mut self.unlisted.unknown),
        };
        *total += 1;
        if listed < bound {
            self.checks.push(result());
            return;
        }
        *unlisted += 1;
        if self.unlisted.reason.is_empty() {
            self.unlisted.reason = format!(
                "a report lists at most {} passed and {} failed, skipped or unknown checks; the \
                 totals count every check",
                self.listing.passed, self.listing.unpassed
            );
        }
    }

    /// Everything held: at least one check ran, every check passed (none failed, was skipped
    /// or could not be judged), and no service publishes what it should not.
    pub fn holds(&self) -> bool {
        self.passed > 0 && self.unpassed() == 0 && self.exposed().count() == 0
    }

    /// Services that publish ports beyond the host's loopback without being public.
    pub fn exposed(&self) -> impl Iterator<Item = &Exposure> {
        self.exposure.iter().filter(|e| !e.ok)
    }
}

impl LatencyStats {
    /// Nearest-rank percentiles; `None` without any try.
    pub fn of(latencies: &[Duration]) -> Option<Self> {
        let mut millis: Vec<f64> = latencies.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
        millis.sort_by(f64::total_cmp);
        let percentile = |p: f64| {
            let rank = ((p / 100.0) * millis.len() as f64).ceil().max(1.0) as usize;
            millis.get(rank - 1).copied().map(round_to_microseconds)
        };
        Some(LatencyStats {
            count: millis.len(),
            min_ms: round_to_microseconds(*millis.first()?),
            p50_ms: percentile(50.0)?,
            p95_ms: percentile(95.0)?,
            p99_ms: percentile(99.0)?,
        })
    }
}

fn round_to_microseconds(millis: f64) -> f64 {
    (millis * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: Status) -> CheckResult {
        let check = Check::new("a", "b", CheckKind::Icmp, Expected::Reachable);
        let verdict = match status {
            Status::Passed => Verdict::passed(vec![Duration::from_millis(1)]),
            Status::Failed => Verdict::failed("x".to_owned()),
            Status::Skipped => Verdict::skipped("y".to_owned()),
            Status::Unknown => Verdict::unknown("z".to_owned()),
        };
        CheckResult::new(&check, verdict)
    }

    #[test]
    fn percentiles_use_the_nearest_rank() {
        let tries: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let stats = LatencyStats::of(&tries).unwrap();
        assert_eq!(
            (stats.min_ms, stats.p50_ms, stats.p95_ms, stats.p99_ms),
            (1.0, 50.0, 95.0, 99.0)
        );
        let one = LatencyStats::of(&[Duration::from_micros(1500)]).unwrap();
        assert_eq!((one.min_ms, one.p99_ms), (1.5, 1.5));
        assert_eq!(LatencyStats::of(&[]), None);
    }

    #[test]
    fn a_run_holds_only_with_checks_and_without_failures_or_skips() {
        assert!(!Report::new(Vec::new()).holds());
        assert!(Report::new(vec![result(Status::Passed)]).holds());
        assert!(!Report::new(vec![result(Status::Passed), result(Status::Skipped)]).holds());
        assert!(!Report::new(vec![result(Status::Passed), result(Status::Failed)]).holds());
        assert!(!Report::new(vec![result(Status::Passed), result(Status::Unknown)]).holds());
    }

    #[test]
    fn past_its_bounds_a_report_counts_without_listing_and_says_why() {
        let mut report = Report::listing(Listing {
            passed: 3,
            unpassed: 2,
        });
        let check = Check::new("a", "b", CheckKind::Icmp, Expected::Reachable);
        for round in 0..1000 {
            let verdict = match round % 10 {
                0 => Verdict::failed("x".to_owned()),
                1 => Verdict::skipped("y".to_owned()),
                _ => Verdict::passed(vec![Duration::from_millis(1)]),
            };
            report.fold(&check, verdict);
        }
        assert_eq!(
            (report.passed, report.failed, report.skipped),
            (800, 100, 100)
        );
        assert_eq!(report.total(), 1000);
        let listed = |status| report.checks.iter().filter(|c| c.status == status).count();
        assert_eq!(listed(Status::Passed), 3);
        assert_eq!(listed(Status::Failed) + listed(Status::Skipped), 2);
        assert_eq!(report.checks.len(), 5);
        assert_eq!(
            (
                report.unlisted.passed,
                report.unlisted.failed,
                report.unlisted.skipped
            ),
            (797, 99, 99)
        );
        assert!(!report.holds());
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["unlisted"]["passed"], 797);
        assert!(
            json["unlisted"]["reason"]
                .as_str()
                .unwrap()
                .contains("at most 3 passed and 2 failed, skipped or unknown")
        );
        let whole = serde_json::to_value(Report::new(vec![result(Status::Passed)])).unwrap();
        assert!(
            whole.get("unlisted").is_none(),
            "absent while all is listed"
        );
    }

    #[test]
    fn the_json_has_the_documented_fields() {
        let report = Report::new(vec![result(Status::Passed)]);
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["passed"], 1);
        let check = &json["checks"][0];
        for field in [
            "from",
            "to",
            "kind",
            "port",
            "expected",
            "ok",
            "latency_ms",
            "detail",
        ] {
            assert!(check.get(field).is_some(), "missing {field}");
        }
        assert_eq!(check["kind"], "icmp");
        assert_eq!(check["expected"], "reachable");
        assert_eq!(check["latency_ms"], 1.0);
        assert_eq!(check["status"], "passed");
        assert_eq!(check["detail"], "b answered in 1.00 ms");
    }
}
