//! `netctl plan`: observe the daemon, diff against the file, show the plan; `--out` saves it
//! for `apply` to read back.

use super::daemon::{
    connect, instance, list_containers, options, reading_ledger, render_plan, runtime,
};
use super::source;
use super::{Error, Manners, Outcome, print};
use crate::apply::{alias_scope, owed};
use crate::cli::PlanArgs;
use crate::live::observe;
use crate::plan::{self, saved};
use crate::state::files::write_atomically;

pub fn run(args: &PlanArgs, manners: &Manners) -> Result<Outcome, Error> {
    let topology = source::load(&args.topology, &args.compose, manners, &mut || {
        list_containers(&args.daemon)
    })?;
    let topology = instance(topology, &args.instance)?;
    let plan = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        let scope = alias_scope(&topology);
        let ledger = reading_ledger();
        let journal = ledger.journal(&topology.project);
        let (observed, owed) = futures_util::try_join!(
            async { Ok::<_, Error>(observe(&docker, &scope).await?) },
            async { Ok(owed(&docker, &journal).await?) }
        )?;
        let mut plan = plan::diff(&topology, &observed, &options(&args.scope));
        plan.journal = owed;
        Ok::<_, Error>(plan)
    })?;
    // An empty plan is nothing found: quiet says nothing of it.
    let empty = !plan.differs() && plan.journal.is_empty() && !plan.is_blocked();
    let asked = args.output != crate::cli::ChangeFormat::Text;
    if !(manners.quiet && empty) || asked {
        print(&render_plan(&plan, args.output))?;
    }
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
    // An interrupted recreate still owes endpoints: apply has work to do even when the diff
    // itself is empty, and a CI gate on the exit code must see it.
    let owes = !plan.journal.is_empty();
    Ok(if args.detailed_exitcode && (plan.differs() || owes) {
        Outcome::Found
    } else {
        Outcome::Clean
    })
}
