//! `netctl plan`: observe the daemon, diff against the file, show the plan.

use super::live::{connect, load_instance, observe_and_plan, options, runtime};
use super::saved_plan::SavedPlan;
use super::{Error, Outcome, print};
use crate::cli::{ChangeFormat, PlanArgs};
use crate::plan::Plan;
use crate::render::{Json, Renderer};

pub fn run(args: &PlanArgs) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    let plan = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        let (_, plan) = observe_and_plan(&docker, &topology, &options(&args.scope)).await?;
        Ok::<_, Error>(plan)
    })?;
    print(&render(&plan, args.output))?;
    if let Some(out) = &args.out {
        let file = super::discovered(args.topology.given())?;
        SavedPlan::new(&file, &args.instance, &options(&args.scope), &plan)?.write(out)?;
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

pub(super) fn render(plan: &Plan, format: ChangeFormat) -> String {
    match format {
        ChangeFormat::Text => plan.text(),
        ChangeFormat::Json => Json.render(&plan.view()),
    }
}
