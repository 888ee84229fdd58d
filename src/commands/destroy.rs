//! `netctl destroy`: undo an apply for one project, touching nothing it does not own.

use super::daemon::{Terminal, connect, holding, ledger, load_instance, refused, runtime};
use super::{Error, Manners, Outcome, print, until_interrupted};
use crate::apply::{Permission, destroy};
use crate::cli::{ChangeFormat, DestroyArgs};
use crate::live::Daemon;
use crate::render::progress::{ApplyProgress, ProgressMode};
use crate::render::{Destroyed, Json, Renderer, Text};

const STOPPED: &str = "destroy stopped; what it did stays done and the next destroy does the rest";

pub fn run(args: &DestroyArgs, manners: &Manners) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    let permission = Permission {
        yes: args.yes,
        lock_wait: args.lock_timeout,
        ..Permission::default()
    };
    runtime()?.block_on(async {
        let (docker, ledger) = until_interrupted(STOPPED, async {
            let docker = connect(&args.daemon).await?;
            let ledger = ledger(&docker).await?;
            Ok((docker, ledger))
        })
        .await?;
        holding(&docker, &ledger, STOPPED, async {
            let mode = ProgressMode::detect(manners.quiet, args.output == ChangeFormat::Text);
            let ask = Terminal {
                format: args.output,
            };
            let mut progress = ApplyProgress::new(mode);
            let done = destroy(&docker, &ledger, &topology, permission, &ask, &mut progress)
                .await
                .map_err(|error| refused(error, args.output))?;
            let destroyed = Destroyed {
                project: &topology.project,
                report: &done.report,
                left: &done.left,
                api_calls: docker.calls(),
            };
            match args.output {
                ChangeFormat::Text if manners.quiet => Ok(Outcome::Clean),
                ChangeFormat::Text => print(&Text.render(&destroyed)),
                ChangeFormat::Json => print(&Json.render(&destroyed)),
            }
        })
        .await
    })
}
