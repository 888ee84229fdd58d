//! `netctl apply`: what was asked (a topology or a saved plan, the flags) to the library's
//! reconcile, and what came back rendered; with `--watch`, again on every relevant event.

use super::daemon::{
    Terminal, connect, holding, ledger, load_instance, options, reading_ledger, refused,
    render_plan, runtime,
};
use super::{Error, Manners, Outcome, print, until_interrupted};
use crate::apply::{
    Permission, ReconcileError, Reconciled, Round, Source, WatchError, reconcile, watch,
};
use crate::cli::{ApplyArgs, ChangeFormat};
use crate::docker::Engine;
use crate::live::Daemon;
use crate::plan::saved;
use crate::render::progress::{ApplyProgress, ProgressMode};
use crate::render::{Applied, Json, Renderer, Text};
use crate::state::Ledger;

pub fn run(args: &ApplyArgs, manners: &Manners) -> Result<Outcome, Error> {
    let source = source(args)?;
    let stopped = if args.watch {
        "stopped watching; the next apply finishes a round left part-way"
    } else {
        "apply stopped; what it did stays done and the next apply does the rest (an \
         interrupted recreate is replayed from its journal)"
    };
    let permission = Permission {
        recreate: args.allow_recreate,
        yes: args.yes,
        dry_run: args.dry_run,
        abandon_journal: args.abandon_journal,
        lock_wait: args.lock_timeout,
    };
    runtime()?.block_on(async {
        let (docker, ledger) = until_interrupted(stopped, async {
            let docker = connect(&args.daemon).await?;
            let ledger = if args.dry_run {
                reading_ledger()
            } else {
                ledger(&docker).await?
            };
            Ok((docker, ledger))
        })
        .await?;
        holding(
            &docker,
            &ledger,
            stopped,
            applied(args, manners, &docker, &ledger, &source, permission),
        )
        .await
    })
}

/// The apply, or the watch, once connected.
async fn applied(
    args: &ApplyArgs,
    manners: &Manners,
    docker: &Engine,
    ledger: &Ledger,
    source: &Source,
    permission: Permission,
) -> Result<Outcome, Error> {
    let mode = ProgressMode::detect(manners.quiet, args.output == ChangeFormat::Text);
    let mut progress = ApplyProgress::new(mode);
    let ask = Terminal {
        format: args.output,
    };
    if !args.watch || args.dry_run {
        let once = reconcile(
            docker,
            ledger,
            source,
            permission,
            Round::First,
            &ask,
            &mut progress,
        );
        show(once.await, docker.calls(), args.output, manners)?;
        return Ok(Outcome::Clean);
    }
    let mut first = true;
    // Each round reports its own calls, not the watch's running total.
    let mut counted = 0;
    let mut each = |round| {
        let calls = docker.calls();
        if let Err(error) = show(round, calls - counted, args.output, manners) {
            eprintln!("{error}");
        }
        counted = calls;
        if std::mem::take(&mut first) {
            manners.note(&format!(
                "netctl: watching {} for container starts and network changes; Ctrl-C stops",
                docker.endpoint()
            ));
        }
    };
    let watched = watch(
        docker,
        ledger,
        source,
        permission,
        &ask,
        &mut progress,
        &mut each,
    );
    watched.await.map_err(|error| match error {
        WatchError::FirstRound(error) => refused(error, args.output),
        WatchError::Events(error) => error.into(),
        WatchError::State(error) => error.into(),
    })?;
    Ok(Outcome::Clean)
}

/// A saved plan (`apply FILE` where FILE came from `plan --out`), else the topology.
fn source(args: &ApplyArgs) -> Result<Source, Error> {
    let saved_text = args
        .topology
        .given()
        .and_then(|path| crate::yaml::read_file(path, saved::MAX_BYTES).ok())
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .filter(|text| saved::is_saved_plan(text));
    match saved_text {
        Some(text) => Ok(Source::Saved(saved::read(&text)?)),
        None => Ok(Source::Topology {
            topology: load_instance(&args.topology, &args.instance)?,
            options: options(&args.scope),
        }),
    }
}

/// A dry run's plan always shows (it is what was asked); what was applied is quiet with `-q`.
fn show(
    result: Result<Reconciled, ReconcileError>,
    api_calls: usize,
    format: ChangeFormat,
    manners: &Manners,
) -> Result<(), Error> {
    match result.map_err(|error| refused(error, format))? {
        Reconciled::Planned(plan) => print(&render_plan(&plan, format))?,
        Reconciled::Applied { report, after } => {
            let applied = Applied {
                project: &after.project,
                report: &report,
                after: &after,
                api_calls,
            };
            match format {
                ChangeFormat::Text if manners.quiet => Outcome::Clean,
                ChangeFormat::Text => print(&Text.render(&applied))?,
                ChangeFormat::Json => print(&Json.render(&applied))?,
            }
        }
        Reconciled::Unchanged => Outcome::Clean,
    };
    Ok(())
}
