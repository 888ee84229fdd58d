//! `netctl verify [FILE]`, and what `probe` and `demo` share with it: connecting a probe
//! session, progress while checks run, rendering the report, and the exit code (0 when every
//! check held, 2 otherwise: a skipped check or a run without checks never counts as holding).

use super::live::load_instance;
use super::{Error, Outcome, exit_now, print};
use crate::apply::ProgressMode;
use crate::cli::{DaemonArgs, ProbeFormat, ProbeRunArgs, StrategyChoice, VerifyArgs};
use crate::docker::{Endpoint, Engine, Environment, resolve_host};
use crate::probe::Target;
use crate::probe::exposure::{self, ExposureTable};
use crate::probe::live::{Choice, ProbeRun, Session};
use crate::probe::{Check, Options, Report};
use crate::render::{Json, Junit, Renderer, Table};
use crate::topology::Topology;
use indicatif::{ProgressBar, ProgressStyle};
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// `verify -o json` and `probe -o json`: the report, and how it was obtained.
#[derive(Debug, Serialize)]
struct ReportView<'a> {
    #[serde(flatten)]
    report: &'a Report,
    strategy: &'a str,
    api_calls: usize,
}

pub fn run(args: &VerifyArgs) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    let checks = crate::probe::plan::verify(&topology);
    let session = session(&args.daemon)?;
    exit_on_interrupt(&session);
    let live = session.targets(&topology)?;
    let mut run = probe_with_progress(&session, &topology, live, &checks, &args.run, args.output)?;
    run.report.exposure = exposure::judge(&topology, &run.targets);
    report(&session, &run, args.output)
}

/// A multi-thread runtime (the strategies' threads block on it) and the daemon connection.
pub(super) fn session(daemon: &DaemonArgs) -> Result<Session<Engine>, Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let daemon = resolve_host(
        daemon.host.as_deref(),
        daemon.context.as_deref(),
        &Environment::read(),
    )?;
    let endpoint = Endpoint::parse(daemon.host.as_deref(), daemon.tls.as_deref())?;
    let engine = runtime.block_on(Engine::connect(&endpoint))?;
    let local = matches!(endpoint, Endpoint::Unix(_));
    let exe =
        std::env::current_exe().map_err(|source| crate::probe::rootfs::RootfsError::Read {
            path: "/proc/self/exe".into(),
            source,
        })?;
    Ok(Session::new(runtime, engine, local, exe))
}

/// Prints the run in the asked format and says whether everything held.
pub(super) fn report(
    session: &Session<Engine>,
    run: &ProbeRun,
    format: ProbeFormat,
) -> Result<Outcome, Error> {
    print(&render(&run.report, run.strategy, session.calls(), format))?;
    Ok(outcome(&run.report))
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

/// How long Ctrl-C waits for sidecars between create and start.
pub(super) const SIDECAR_START_WAIT: Duration = Duration::from_secs(5);

/// Probes `live` (the topology's containers, already read) with a spinner or progress lines.
pub(super) fn probe_with_progress(
    session: &Session<Engine>,
    topology: &Topology,
    live: Vec<Target>,
    checks: &[Check],
    run: &ProbeRunArgs,
    format: ProbeFormat,
) -> Result<ProbeRun, Error> {
    let options = Options {
        timeout: run.timeout,
        count: run.count,
        concurrency: run.concurrency.map(std::num::NonZeroUsize::get),
        ..Options::default()
    };
    let mode = ProgressMode::detect(run.quiet, format == ProbeFormat::Table);
    let mut spinner: Option<ProgressBar> = None;
    let mut announce = |strategy: &str, count: usize| {
        let message = format!("probing {count} checks with the {strategy} strategy");
        match mode {
            ProgressMode::Bar => spinner = Some(spin(message)),
            ProgressMode::Lines => eprintln!("{message}"),
            ProgressMode::Quiet => {}
        }
    };
    let result = session.probe_targets(
        topology,
        live,
        checks,
        choice(run.strategy),
        &options,
        &mut announce,
    );
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    Ok(result?)
}

/// A plain spinner: no colours, so NO_COLOR holds.
fn spin(message: String) -> ProgressBar {
    let spinner = ProgressBar::new_spinner();
    spinner.set_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    spinner.set_message(message);
    spinner.enable_steady_tick(Duration::from_millis(100));
    spinner
}

pub(super) fn choice(strategy: StrategyChoice) -> Choice {
    match strategy {
        StrategyChoice::Auto => Choice::Auto,
        StrategyChoice::Netns => Choice::Netns,
        StrategyChoice::Sidecar => Choice::Sidecar,
        StrategyChoice::Exec => Choice::Exec,
    }
}

pub(super) fn render(report: &Report, strategy: &str, calls: usize, format: ProbeFormat) -> String {
    match format {
        ProbeFormat::Json => Json.render(&ReportView {
            report,
            strategy,
            api_calls: calls,
        }),
        ProbeFormat::Junit => Junit.render(report),
        ProbeFormat::Table => {
            let exposure = ExposureTable(&report.exposure);
            let exposure = if exposure.is_empty() {
                String::new()
            } else {
                Table.render(&exposure)
            };
            format!(
                "{}{exposure}{} (strategy {strategy}, {calls} API calls)\n",
                Table.render(report),
                report.summary()
            )
        }
    }
}

pub(super) fn outcome(report: &Report) -> Outcome {
    if report.holds() {
        Outcome::Clean
    } else {
        Outcome::Found
    }
}
