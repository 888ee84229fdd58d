//! `verify` streamed: the topology's checks are planned one source container at a time, probed
//! in bounded waves of sources and folded into a bounded [`Report`] as each wave ends, so that
//! memory stays flat in the number of services (issue 10: 10,000 services under 1 GiB).

use super::check::Check;
use super::engine::Options;
use super::limits::Limits;
use super::plan::{SourcePlan, sources};
use super::results::{Listing, Report, Verdict};
use super::scheduler::{Targets, wave};
use super::stopped::{StoppedAmong, skip_toward_stopped};
use super::strategy::{Strategy, StrategyError};
use super::target::Target;
use crate::topology::Topology;

/// Sources per wave for each source the strategy probes at once: a slow source then leaves the
/// others work to take.
const SOURCES_PER_SLOT: usize = 2;

/// A wave closes once it holds this many checks, whatever its sources: one source always fits,
/// however many checks it has (a source's checks grow with the services, about 3 per peer).
pub const WAVE_CHECKS: usize = 100_000;

/// Every check of `topology` between `targets`, source by source, as `netctl verify` runs
/// them; the report lists what `listing` allows and counts everything. After each wave,
/// `stopped` tells which targets of checks that prove nothing toward a stopped container
/// (see [`super::stopped`]) stopped meanwhile: those checks are skipped, saying so.
pub fn verify(
    topology: &Topology,
    targets: &[Target],
    strategy: &dyn Strategy,
    options: &Options,
    listing: Listing,
    stopped: &mut StoppedAmong<'_>,
) -> Result<Report, StrategyError> {
    let limits = Limits::for_this_process(options.concurrency);
    let mut run = Run {
        targets: Targets::new(targets),
        strategy,
        options,
        limits,
        report: Report::listing(listing),
        expectations: Vec::new(),
        stopped,
    };
    let width = strategy.at_once(&limits).max(1) * SOURCES_PER_SLOT;
    let mut next = Wave::default();
    for plan in sources(topology) {
        next.add(plan);
        if next.sources >= width || next.checks.len() >= WAVE_CHECKS {
            run.wave(&std::mem::take(&mut next))?;
        }
    }
    run.wave(&next)?;
    Ok(run.finish())
}

/// The checks of a few sources, and for each `expect` check its place in the file's order.
#[derive(Default)]
struct Wave {
    checks: Vec<Check>,
    places: Vec<Option<usize>>,
    sources: usize,
}

impl Wave {
    fn add(&mut self, plan: SourcePlan) {
        let pairs = plan.checks.len() - plan.expectations.len();
        self.places.extend(std::iter::repeat_n(None, pairs));
        self.places.extend(plan.expectations.into_iter().map(Some));
        self.checks.extend(plan.checks);
        self.sources += 1;
    }
}

/// What stays across waves: the targets, the report, and the verdicts of the file's `expect`
/// checks (as many as the file has), which the report lists after every pair as it always has.
struct Run<'a> {
    targets: Targets<'a>,
    strategy: &'a dyn Strategy,
    options: &'a Options,
    limits: Limits,
    report: Report,
    expectations: Vec<(usize, Check, Verdict)>,
    stopped: &'a mut StoppedAmong<'a>,
}

impl Run<'_> {
    fn wave(&mut self, next: &Wave) -> Result<(), StrategyError> {
        if next.checks.is_empty() {
            return Ok(());
        }
        let mut judged: Vec<(usize, Verdict)> = Vec::with_capacity(next.checks.len());
        wave(
            &next.checks,
            &self.targets,
            self.strategy,
            self.options,
            &self.limits,
            &mut |index, verdict| judged.push((index, verdict)),
        )?;
        skip_toward_stopped(&next.checks, &mut judged, self.stopped);
        for (index, verdict) in judged {
            let (Some(check), Some(place)) = (next.checks.get(index), next.places.get(index))
            else {
                continue;
            };
            match place {
                None => self.report.fold(check, verdict),
                Some(place) => self.expectations.push((*place, check.clone(), verdict)),
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Report {
        self.expectations.sort_by_key(|(place, _, _)| *place);
        for (_, check, verdict) in self.expectations {
            self.report.fold(&check, verdict);
        }
        self.report
    }
}
