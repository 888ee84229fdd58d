//! `netctl verify [FILE]`: every pair of the topology probed from inside the containers (a few
//! source containers at a time, so memory stays flat in the number of services), and
//! what each service publishes on the host; exit 0 when everything held, 2 otherwise (a
//! skipped check or a run without checks never counts as holding).

use super::daemon::load_instance;
use super::probing::{Reporting, exit_on_interrupt, report, session, verify_with_progress};
use super::{Error, Manners, Outcome};
use crate::cli::VerifyArgs;
use crate::probe::exposure;
use std::time::Instant;

pub fn run(args: &VerifyArgs, manners: &Manners) -> Result<Outcome, Error> {
    let topology = load_instance(&args.topology, &args.instance)?;
    let session = session(&args.daemon)?;
    exit_on_interrupt(&session);
    let started = Instant::now();
    let live = session.targets(&topology)?;
    let mut run = verify_with_progress(&session, &topology, live, &args.run, args.output, manners)?;
    run.report.exposure = exposure::judge(&topology, &run.targets);
    let reporting = Reporting {
        session: &session,
        topology: &topology,
        format: args.output,
        manners,
        started,
    };
    report(&reporting, &run)
}
