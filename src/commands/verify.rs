//! `netctl verify [FILE]`: every pair of the topology probed from inside the containers, and
//! what each service publishes on the host; exit 0 when everything held, 2 otherwise (a
//! skipped check or a run without checks never counts as holding).

use super::daemon::load_instance;
use super::probing::{exit_on_interrupt, probe_with_progress, report, session};
use super::{Error, Outcome};
use crate::cli::VerifyArgs;
use crate::probe::exposure;

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
