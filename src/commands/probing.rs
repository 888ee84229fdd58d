//! What the commands that probe share (`probe`, `verify`, `demo`): a probe session on the
//! daemon, Ctrl-C that lets sidecars finish starting, the probe options from the flags, a
//! spinner while checks run, the report in the asked format and its exit code.

use super::daemon::endpoint;
use super::{Error, Outcome, exit_now, print};
use crate::cli::{DaemonArgs, ProbeFormat, ProbeRunArgs, StrategyChoice};
use crate::docker::{Endpoint, Engine};
use crate::probe::live::{Choice, ProbeRun, Session};
use crate::probe::{Check, Options, Report, Target};
use crate::render::progress::{ProgressMode, spinner};
use crate::render::{Json, Junit, Renderer, Text, Verified};
use crate::topology::Topology;
use std::sync::Arc;
use std::time::Duration;

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
    let engine = runtime.block_on(Engine::connect(&endpoint))?;
    let local = matches!(endpoint, Endpoint::Unix(_));
    let exe =
        std::env::current_exe().map_err(|source| crate::probe::rootfs::RootfsError::Read {
            path: "/proc/self/exe".into(),
            source,
        })?;
    Ok(Session::new(runtime, engine, local, exe))
}

/// Ctrl-C stops the run, but first lets sidecars being started finish starting: each then
/// ends and removes itself by its deadline, and none is left created but never started.
pub(super) fn exit_on_interrupt(session: &Session<Engine>) {
    let gate = Arc::clone(&session.sidecars);
    session.runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            gate.close(SIDECAR_START_WAIT).await;
            exit_now(&Error::Interrupted(
                "running sidecars end by themselves at their deadline",
            ));
        }
    });
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

/// Says what is being probed: a spinner on a terminal, a line in CI, nothing when quiet.
pub(super) fn announcer(
    run: &ProbeRunArgs,
    format: ProbeFormat,
) -> impl FnMut(&str, usize) -> Option<indicatif::ProgressBar> {
    let mode = ProgressMode::detect(run.quiet, format == ProbeFormat::Table);
    move |strategy: &str, count: usize| {
        spinner(
            mode,
            format!("probing {count} checks with the {strategy} strategy"),
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
) -> Result<ProbeRun, Error> {
    let mut announce = announcer(run, format);
    let mut turning = None;
    let result = session.probe_targets(
        topology,
        live,
        checks,
        choice(run.strategy),
        &options(run),
        &mut |strategy, count| turning = announce(strategy, count),
    );
    if let Some(spinner) = turning {
        spinner.finish_and_clear();
    }
    Ok(result?)
}

/// Prints the run in the asked format and says whether everything held.
pub(super) fn report(
    session: &Session<Engine>,
    run: &ProbeRun,
    format: ProbeFormat,
) -> Result<Outcome, Error> {
    let verified = Verified {
        report: &run.report,
        strategy: run.strategy,
        api_calls: session.calls(),
    };
    print(&match format {
        ProbeFormat::Json => Json.render(&verified),
        ProbeFormat::Junit => Junit.render(&verified),
        ProbeFormat::Table => Text.render(&verified),
    })?;
    Ok(outcome(&run.report))
}

fn outcome(report: &Report) -> Outcome {
    if report.holds() {
        Outcome::Clean
    } else {
        Outcome::Found
    }
}
