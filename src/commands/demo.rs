//! `netctl demo`: the library's demo (the Versatile Hub as a throwaway instance, verified) on
//! a thread of its own so that Ctrl-C is heard meanwhile; its steps, matrix and results shown;
//! then the removal of everything it created (also on failure and on Ctrl-C) unless `--keep`.

use super::probing::{Reporting, SIDECAR_START_WAIT, announcer, choice, options, report, session};
use super::{Error, Manners, Outcome, print};
use crate::cli::{DemoArgs, ProbeFormat};
use crate::demo::{Demo, DemoError, Step};
use crate::docker::Engine;
use crate::live::labels;
use crate::render::{Renderer, Table};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

/// How long Ctrl-C waits for the step under way (an apply, the probes) before cleaning up.
const STOP_WAIT: Duration = Duration::from_secs(30);

pub fn run(args: &DemoArgs, manners: &Manners) -> Result<Outcome, Error> {
    let session = Arc::new(session(&args.daemon)?);
    let demo = Arc::new(Demo::new(
        Arc::clone(&session),
        options(&args.run),
        choice(args.run.strategy),
    ));
    let (done, mut finished) = tokio::sync::oneshot::channel();
    let worker = Arc::clone(&demo);
    let (format, shown) = (args.output, *manners);
    let mut announce = announcer(manners, format, "checks");
    let started = std::time::Instant::now();
    std::thread::spawn(move || {
        let mut turning = None;
        let mut ready = None;
        let mut hear = |step: Step<'_>| {
            if let Step::Ready(topology) = step {
                ready = Some(topology.clone());
            }
            show(&step, &shown, format);
        };
        let result = worker.run(&mut hear, &mut |s, n| {
            turning = announce(s, n);
        });
        if let Some(spinner) = turning {
            spinner.finish_and_clear();
        }
        let _ = done.send(result.map(|run| (run, ready)));
    });
    let result = session.runtime.block_on(async {
        tokio::select! {
            result = &mut finished => return result.ok(),
            _ = tokio::signal::ctrl_c() => {}
        }
        demo.cancelled.store(true, Ordering::SeqCst);
        session.sidecars.close(SIDECAR_START_WAIT).await;
        let _ = tokio::time::timeout(STOP_WAIT, finished).await;
        None
    });
    let outcome = match result {
        Some(Ok((run, Some(topology)))) => {
            let reporting = Reporting {
                session: &session,
                topology: &topology,
                format: args.output,
                manners,
                started,
            };
            report(&reporting, &run)
        }
        Some(Ok((_, None))) => Err(Error::Reported(
            "error: the demo ended without its topology".to_owned(),
        )),
        Some(Err(DemoError::Interrupted)) | None => Err(Error::Interrupted(if args.keep {
            "the demo stopped; its instance is kept"
        } else {
            "the demo removed everything it had created"
        })),
        Some(Err(error)) => Err(error.into()),
    };
    finish(&demo, args, manners, outcome)
}

/// The steps on stderr; the declared reach matrix only with `-v` (the verdict grid shows the
/// same pairs, judged).
fn show(step: &Step<'_>, manners: &Manners, format: ProbeFormat) {
    let say = |what: &str| manners.note(&format!("demo: {what}"));
    match step {
        Step::Image => say("building the agent image"),
        Step::Networks { project, subnet } => {
            say(&format!("creating the networks of {project} on {subnet}"));
        }
        Step::Placeholders => say("starting a placeholder per service"),
        Step::Memberships => say("connecting the memberships"),
        Step::Ready(topology) if format == ProbeFormat::Table && manners.verbose => {
            let _ = print(&Table.render(&crate::matrix::reach(topology)));
        }
        Step::Ready(_) => {}
    }
}

/// Cleans up (unless `--keep`) whatever happened, then reports the demo's own result.
fn finish(
    demo: &Demo<Engine>,
    args: &DemoArgs,
    manners: &Manners,
    result: Result<Outcome, Error>,
) -> Result<Outcome, Error> {
    let project = &demo.project;
    if args.keep {
        // Said even with --quiet: without it nobody knows what is left running.
        eprintln!(
            "kept project {project}: remove it with `docker rm -f $(docker ps -aq --filter label={label}={project})` and `docker network rm $(docker network ls -q --filter label={label}={project})`",
            label = labels::PROJECT
        );
        return result;
    }
    let (containers, networks) = demo.remove()?;
    manners.note(&format!(
        "removed {containers} containers and {networks} networks of {project}"
    ));
    if args.clean {
        demo.remove_image()?;
        manners.note("removed the agent image");
    }
    result
}
