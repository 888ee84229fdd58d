//! `netctl apply`: lock, replay any interrupted recreate, observe, plan, check the plan may
//! run, apply it, then observe again and insist that only pending items remain.

use super::live::{
    confirm, connect, load_instance, lock_project, observe_and_plan, options, runtime,
};
use super::plan::render;
use super::{Error, Outcome, print, saved_plan, until_interrupted};
use crate::apply::{self, Progress, ProgressMode, Report};
use crate::cli::{ApplyArgs, ChangeFormat};
use crate::docker::Engine;
use crate::live::Daemon;
use crate::plan::{self, Action, Plan};
use crate::state::{Journal, project_dir};
use crate::topology::Topology;
use serde::Serialize;
use std::path::Path;

/// `apply -o json`.
#[derive(Debug, Serialize)]
struct ApplyView<'a> {
    project: &'a str,
    changes: usize,
    done: &'a [apply::Done],
    replayed: &'a [String],
    pending: Vec<crate::plan::ActionView<'a>>,
    api_calls: usize,
}

/// What to apply: the instance of the file, the plan options, and for a saved plan the plan
/// that the live state must still produce.
pub(super) struct Target {
    pub topology: Topology,
    pub options: plan::Options,
    pub saved: Option<serde_json::Value>,
}

pub fn run(args: &ApplyArgs) -> Result<Outcome, Error> {
    let target = match args.topology.given().and_then(saved_plan::read) {
        Some(saved) => saved?.into_target()?,
        None => Target {
            topology: load_instance(&args.topology, &args.instance)?,
            options: options(&args.scope),
            saved: None,
        },
    };
    let stopped = if args.watch {
        "stopped watching; the next apply finishes a round left part-way"
    } else {
        "apply stopped; what it did stays done and the next apply does the rest (an \
         interrupted recreate is replayed from its journal)"
    };
    runtime()?.block_on(until_interrupted(stopped, async {
        let docker = connect(&args.daemon).await?;
        let dir = project_dir(&docker.daemon_id().await?, &target.topology.project)?;
        let outcome = round(&docker, &target, args, &dir, Round::First).await?;
        if args.watch && !args.dry_run {
            return super::watch::run(&docker, &target, args, &dir).await;
        }
        Ok(outcome)
    }))
}

/// The first apply may ask and prints its summary; a watch round never asks and speaks
/// only when it changed something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Round {
    First,
    Watch,
}

/// One apply under the project lock: replay, observe, plan, check, write, verify.
pub(super) async fn round(
    docker: &Engine,
    target: &Target,
    args: &ApplyArgs,
    dir: &Path,
    round: Round,
) -> Result<Outcome, Error> {
    let topology = &target.topology;
    let _lock = lock_project(dir, &topology.project).await?;
    let journal = Journal::new(dir);
    let replayed = apply::replay(docker, &journal).await?;
    let (_, plan) = observe_and_plan(docker, topology, &target.options).await?;
    if let Some(saved) = &target.saved {
        saved_plan::check_unchanged(saved, &plan)?;
    }
    if args.dry_run {
        print(&render(&plan, args.output))?;
        return Ok(Outcome::Clean);
    }
    check_allowed(&plan, args, round).await?;
    let mode = ProgressMode::detect(args.quiet, args.output == ChangeFormat::Text);
    let mut progress = Progress::new(mode, plan.changes());
    let mut report = apply::run(&plan, docker, &journal, &mut progress).await?;
    progress.done();
    report.replayed = replayed;
    let after = if report.done.is_empty() && report.replayed.is_empty() {
        if round == Round::Watch {
            return Ok(Outcome::Clean);
        }
        plan
    } else {
        converged(docker, target).await?
    };
    print(&summary(topology, &report, &after, docker, args.output))
}

/// Blocked plans, recreates without the flag, and unconfirmed removals stop before any write.
async fn check_allowed(plan: &Plan, args: &ApplyArgs, round: Round) -> Result<(), Error> {
    if plan.is_blocked() {
        print(&render(plan, args.output))?;
        return Err(Error::Reported(
            "error: apply stopped before any change: the plan is blocked (see above)".to_owned(),
        ));
    }
    if plan.needs_recreate() && !args.allow_recreate {
        print(&render(plan, args.output))?;
        return Err(Error::Reported(
            "error: the plan recreates a network (see above): every endpoint is restored, but \
             each container loses that network briefly; rerun with --allow-recreate"
                .to_owned(),
        ));
    }
    if (plan.needs_recreate() || plan.removes_anything()) && !args.yes {
        print(&render(plan, args.output))?;
        if round == Round::Watch {
            return Err(Error::Reported(
                "error: --watch recreates or removes only with --yes; skipped".to_owned(),
            ));
        }
        confirm("recreates or removes something").await?;
    }
    Ok(())
}

/// The daemon must now match the file except for containers that do not run.
async fn converged(docker: &Engine, target: &Target) -> Result<Plan, Error> {
    let (_, after) = observe_and_plan(docker, &target.topology, &target.options).await?;
    if after.unconverged() {
        return Err(Error::NotConverged(after.text()));
    }
    Ok(after)
}

fn summary(
    topology: &Topology,
    report: &Report,
    after: &Plan,
    docker: &Engine,
    format: ChangeFormat,
) -> String {
    let pending: Vec<&Action> = after.actions.iter().collect();
    match format {
        ChangeFormat::Json => crate::render::Renderer::render(
            &crate::render::Json,
            &ApplyView {
                project: &topology.project,
                changes: report.done.len(),
                done: &report.done,
                replayed: &report.replayed,
                pending: pending.iter().map(|a| a.view()).collect(),
                api_calls: docker.calls(),
            },
        ),
        ChangeFormat::Text => {
            let mut text = String::new();
            for network in &report.replayed {
                text.push_str(&format!("replayed the interrupted recreate of {network}\n"));
            }
            for action in &pending {
                let mark = match action {
                    Action::Drift { .. } => "≠ drift",
                    _ => "… pending",
                };
                text.push_str(&format!("  {mark}: {}\n", action.reason()));
            }
            text.push_str(&format!(
                "Apply complete: {} change(s), {} pending, {} API calls.\n",
                report.done.len(),
                pending.len(),
                docker.calls()
            ));
            text
        }
    }
}
