//! `netctl verify [FILE]`: every pair of the topology probed from inside the containers (a few
//! source containers at a time, so memory stays flat in the number of services), and
//! what each service publishes on the host; exit 0 when everything held, 2 otherwise (a
//! skipped check or a run without checks never counts as holding).

use super::daemon::{instance, list_containers};
use super::probing::{
    Reporting, exit_on_interrupt, report, resolve_compose, session, verify_with_progress,
};
use super::source;
use super::{Error, Manners, Outcome};
use crate::cli::VerifyArgs;
use crate::probe::exposure;
use std::time::Instant;

pub fn run(args: &VerifyArgs, manners: &Manners) -> Result<Outcome, Error> {
    let topology = source::load(&args.topology, &args.compose, manners, &mut || {
        list_containers(&args.daemon)
    })?;
    let topology = instance(topology, &args.instance)?;
    let session = session(&args.daemon)?;
    exit_on_interrupt(&session);
    let started = Instant::now();
    let topology = resolve_compose(&session, topology, args.run.replicas, manners)?;
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
