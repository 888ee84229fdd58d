//! `netctl plan`: observe the daemon, diff against the file, show the plan; `--out` saves it
//! for `apply` to read back.

use super::daemon::{connect, load_instance, options, render_plan, runtime};
use super::{Error, Outcome, print};
use crate::apply::alias_scope;
use crate::cli::PlanArgs;
use crate::live::observe;
use crate::plan::{self, saved};
use crate::state::files::write_atomically;

pub fn run(args: &PlanArgs) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    let plan = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        let observed = observe(&docker, &alias_scope(&topology)).await?;
        Ok::<_, Error>(plan::diff(&topology, &observed, &options(&args.scope)))
    })?;
    print(&render_plan(&plan, args.output))?;
    if let Some(out) = &args.out {
        // Whole or not at all: a plan cut short by a crash must never be applied.
        write_atomically(out, saved::write(&plan).as_bytes(), 0o666).map_err(|source| {
            Error::Write {
                path: out.clone(),
                source,
            }
        })?;
    }
    if plan.is_blocked() {
        return Err(Error::Reported(
            "error: the plan is blocked: apply would stop before any change (see above)".to_owned(),
        ));
    }
    Ok(if args.detailed_exitcode && plan.differs() {
        Outcome::Found
    } else {
        Outcome::Clean
    })
}
