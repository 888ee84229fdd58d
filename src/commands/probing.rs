//! What the commands that probe share (`probe`, `verify`, `demo`): a probe session on the
//! daemon, Ctrl-C that lets sidecars finish starting, the probe options from the flags, a
//! spinner while checks run, the report in the asked format and its exit code.

use super::daemon::endpoint;
use super::{Error, Manners, Outcome, exit_now, print};
use crate::cli::{DaemonArgs, ProbeFormat, ProbeRunArgs, ReplicaChoice, StrategyChoice};
use crate::docker::{Endpoint, Engine};
use crate::probe::causes;
use crate::probe::live::{Choice, ProbeRun, Session};
use crate::probe::sidecar::remove_this_runs;
use crate::probe::{Check, Listing, Options, Report, Target};
use crate::render::progress::{ProgressMode, spinner};
use crate::render::{Json, Junit, Renderer, Text, VerdictScreen, Verified};
use crate::topology::Topology;
use crate::topology::compose::{self, Replicas};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long Ctrl-C waits for sidecars between create and start.
pub(super) const SIDECAR_START_WAIT: Duration = Duration::from_secs(5);

/// A multi-thread runtime (the strategies' threads block on it) and the daemon connection.
pub(super) fn session(daemon: &DaemonArgs) -> Result<Session<Engine>, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let endpoint = endpoint(daemon)?;
    // Ctrl-C while connecting (a slow daemon, a TLS handshake) ends like any other interrupt.
    let engine = runtime.block_on(super::until_interrupted("nothing was started", async {
        Ok(Engine::connect_within(&endpoint, daemon.api_timeout).await?)
    }))?;
    let local = matches!(endpoint, Endpoint::Unix(_));
    let exe =
        std::env::current_exe().map_err(|source| crate::probe::rootfs::RootfsError::Read {
            path: "/proc/self/exe".into(),
            source,
        })?;
    Ok(Session::new(runtime, engine, local, exe))
}

/// Ctrl-C stops the run, but first lets sidecars being started finish starting (none is left
/// created but never started), then removes this run's sidecars that still probe.
pub(super) fn exit_on_interrupt(session: &Session<Engine>) {
    let gate = Arc::clone(&session.sidecars);
    let daemon = Arc::clone(&session.engine);
    let owner = session.owner.clone();
    session.runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            gate.close(SIDECAR_START_WAIT).await;
            let left = match remove_this_runs(daemon.as_ref(), &owner).await {
                Ok(_) => "this run's sidecars were removed",
                Err(_) => "sidecars that could not be removed end by themselves at their deadline",
            };
            exit_now(&Error::Interrupted(left));
        }
    });
}

/// The topology with its Compose services' containers found by their labels, one service per
/// replica (`--replicas`); one list call, only when the topology has Compose services.
pub(super) fn resolve_compose(
    session: &Session<Engine>,
    topology: Topology,
    replicas: ReplicaChoice,
    manners: &Manners,
) -> Result<Topology, Error> {
    if !topology.selects_by_compose() {
        return Ok(topology);
    }
    let containers = session
        .runtime
        .block_on(crate::live::Daemon::containers(session.engine.as_ref()))?;
    let replicas = match replicas {
        ReplicaChoice::All => Replicas::default(),
        ReplicaChoice::One => Replicas::One,
    };
    let resolved = compose::resolve(&topology, &containers, replicas);
    for note in &resolved.notes {
        manners.note(&format!("note: {note}"));
    }
    Ok(resolved.topology)
}

pub(super) fn options(run: &ProbeRunArgs) -> Options {
    Options {
        timeout: run.timeout,
        count: run.count,
        concurrency: run.concurrency.map(std::num::NonZeroUsize::get),
        ..Options::default()
    }
}

pub(super) fn choice(strategy: StrategyChoice) -> Choice {
    match strategy {
        StrategyChoice::Auto => Choice::Auto,
        StrategyChoice::Netns => Choice::Netns,
        StrategyChoice::Sidecar => Choice::Sidecar,
        StrategyChoice::Exec => Choice::Exec,
    }
}

/// Says what is being probed (`count` of `what`: checks, services): a spinner on a terminal, a
/// line in CI, nothing when quiet.
pub(super) fn announcer(
    manners: &Manners,
    format: ProbeFormat,
    what: &'static str,
) -> impl FnMut(&str, usize) -> Option<indicatif::ProgressBar> + use<> {
    let mode = ProgressMode::detect(manners.quiet, format == ProbeFormat::Table);
    move |strategy: &str, count: usize| {
        spinner(
            mode,
            format!("probing {count} {what} with the {strategy} strategy"),
        )
    }
}

/// Probes `live` (the topology's containers, already read) while the spinner turns.
pub(super) fn probe_with_progress(
    session: &Session<Engine>,
    topology: &Topology,
    live: Vec<Target>,
    checks: &[Check],
    run: &ProbeRunArgs,
    format: ProbeFormat,
    manners: &Manners,
) -> Result<ProbeRun, Error> {
    let mut announce = announcer(manners, format, "checks");
    let mut turning = None;
    let result = session.probe_targets(
        topology,
        live,
        checks,
        choice(run.strategy),
        &options(run),
        &mut |strategy, count| turning = announce(strategy, count),
    );
    finish(session, turning, result)
}

/// `verify`: every check of the topology, streamed source by source, while the spinner turns.
pub(super) fn verify_with_progress(
    session: &Session<Engine>,
    topology: &Topology,
    live: Vec<Target>,
    run: &ProbeRunArgs,
    format: ProbeFormat,
    manners: &Manners,
) -> Result<ProbeRun, Error> {
    let mut announce = announcer(manners, format, "services");
    let mut turning = None;
    let result = session.verify(
        topology,
        live,
        choice(run.strategy),
        &options(run),
        Listing::default(),
        &mut |strategy, count| turning = announce(strategy, count),
    );
    finish(session, turning, result)
}

/// Stops the spinner; after Ctrl-C the run is not a result to report.
fn finish(
    session: &Session<Engine>,
    turning: Option<indicatif::ProgressBar>,
    result: Result<ProbeRun, crate::probe::live::LiveError>,
) -> Result<ProbeRun, Error> {
    if let Some(spinner) = turning {
        spinner.finish_and_clear();
    }
    if session.sidecars.is_closed() {
        // Ctrl-C: the handler is removing this run's sidecars and exits with 130 when done;
        // what those removals did to this run is its doing, not a result to report.
        std::thread::sleep(SIDECAR_START_WAIT * 2);
        return Err(Error::Interrupted("this run's sidecars were removed"));
    }
    Ok(result?)
}

/// What a report is printed with: where it ran, how it looks, since when.
pub(super) struct Reporting<'a> {
    pub session: &'a Session<Engine>,
    pub topology: &'a Topology,
    pub format: ProbeFormat,
    pub manners: &'a Manners,
    pub started: Instant,
}

/// Prints the run in the asked format and says whether everything held.
pub(super) fn report(reporting: &Reporting<'_>, run: &ProbeRun) -> Result<Outcome, Error> {
    let verified = Verified {
        report: &run.report,
        strategy: run.strategy,
        api_calls: reporting.session.calls(),
    };
    let text = match reporting.format {
        ProbeFormat::Json => Json.render(&verified),
        ProbeFormat::Junit => Junit.render(&verified),
        ProbeFormat::Table => screen(reporting, run, &verified),
    };
    if !text.is_empty() {
        print(&text)?;
    }
    Ok(outcome(&run.report))
}

/// The verdict in one screen; `-v` puts every check before it, `-q` keeps only the causes.
fn screen(reporting: &Reporting<'_>, run: &ProbeRun, verified: &Verified<'_>) -> String {
    let causes = causes::group(&run.report, reporting.topology, &run.targets);
    let manners = reporting.manners;
    let screen = VerdictScreen {
        report: &run.report,
        services: probed_services(reporting.topology, &run.report),
        replicas: reporting
            .topology
            .services
            .iter()
            .filter_map(|s| Some((s.key.as_str(), s.replica_of.as_deref()?)))
            .collect(),
        causes: &causes,
        strategy: run.strategy,
        api_calls: verified.api_calls,
        elapsed: reporting.started.elapsed(),
        terminal: manners.terminal,
        only_causes: manners.quiet,
    };
    let every_check = if manners.verbose {
        Text.render(verified)
    } else {
        String::new()
    };
    every_check + &Text.render(&screen)
}

/// The grid's services: the topology's that a check ran from or toward, in its order (a probe
/// of one pair shows that pair, not every service of the file).
fn probed_services<'a>(topology: &'a Topology, report: &Report) -> Vec<&'a str> {
    let probed: std::collections::HashSet<&str> = report
        .checks
        .iter()
        .flat_map(|c| [c.from.as_str(), c.to.as_str()])
        .collect();
    let mut services: Vec<&str> = Vec::new();
    for service in topology
        .services
        .iter()
        .filter(|s| probed.contains(s.key.as_str()))
    {
        if !services.contains(&service.shown_as()) {
            services.push(service.shown_as());
        }
    }
    services
}

fn outcome(report: &Report) -> Outcome {
    if report.holds() {
        Outcome::Clean
    } else {
        Outcome::Found
    }
}
