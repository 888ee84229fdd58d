//! `netctl destroy`: undo an apply for one project, touching nothing it does not own.

use super::live::{confirm, connect, load_instance, lock_project, runtime};
use super::plan::render;
use super::{Error, Outcome, print, until_interrupted};
use crate::apply::{self, Progress, ProgressMode};
use crate::cli::{ChangeFormat, DestroyArgs};
use crate::live::Daemon;
use crate::live::{AliasScope, observe};
use crate::plan::{LeftNetwork, teardown};
use crate::state::{Journal, project_dir};
use serde::Serialize;

#[derive(Debug, Serialize)]
struct DestroyView<'a> {
    project: &'a str,
    changes: usize,
    done: &'a [apply::Done],
    left: &'a [LeftNetwork],
    api_calls: usize,
}

const STOPPED: &str = "destroy stopped; what it did stays done and the next destroy does the rest";

pub fn run(args: &DestroyArgs) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    runtime()?.block_on(until_interrupted(STOPPED, async {
        let docker = connect(&args.daemon).await?;
        let dir = project_dir(&docker.daemon_id().await?, &topology.project)?;
        let _lock = lock_project(&dir, &topology.project).await?;
        let observed = observe(&docker, &AliasScope::default()).await?;
        let teardown = teardown(&topology, &observed);
        if teardown.plan.changes() > 0 && !args.yes {
            print(&render(&teardown.plan, args.output))?;
            confirm("disconnects and removes").await?;
        }
        let mode = ProgressMode::detect(args.quiet, args.output == ChangeFormat::Text);
        let mut progress = Progress::new(mode, teardown.plan.changes());
        let report =
            apply::run(&teardown.plan, &docker, &Journal::new(&dir), &mut progress).await?;
        progress.done();
        let text = match args.output {
            ChangeFormat::Json => crate::render::Renderer::render(
                &crate::render::Json,
                &DestroyView {
                    project: &topology.project,
                    changes: report.done.len(),
                    done: &report.done,
                    left: &teardown.left,
                    api_calls: docker.calls(),
                },
            ),
            ChangeFormat::Text => {
                let mut text = String::new();
                for left in &teardown.left {
                    text.push_str(&format!(
                        "left network {}: still used by {} (not in the file)\n",
                        left.network,
                        left.containers.join(", ")
                    ));
                }
                text.push_str(&format!(
                    "Destroy complete: {} change(s).\n",
                    report.done.len()
                ));
                text
            }
        };
        print(&text)
    }))
}
