//! `netctl probe FROM TO`: the pair's checks as the topology sees them (reachable when they
//! share a network, isolated when not; `--expect` overrides), plus the ones asked for on the
//! command line. Without a topology file FROM and TO are container names, expected to connect.

use super::daemon::{instance, list_containers};
use super::probing::{
    Reporting, exit_on_interrupt, probe_with_progress, report, resolve_compose, session,
};
use super::source;
use super::{Error, Manners, Outcome};
use crate::cli::{ExpectChoice, ProbeArgs, TopologyFile};
use crate::probe::{Expected, Extras};
use crate::topology::{LoadError, Service, Topology};

pub fn run(args: &ProbeArgs, manners: &Manners) -> Result<Outcome, Error> {
    if args.from == args.to {
        return Err(Error::Reported(format!(
            "error: FROM and TO are both `{}`: name two different services or containers",
            args.from
        )));
    }
    let file = TopologyFile {
        path: None,
        file: args.file.clone().into_iter().collect(),
    };
    let loaded = source::load(&file, &args.compose, manners, &mut || {
        list_containers(&args.daemon)
    });
    let topology = match loaded.and_then(|topology| instance(topology, &args.instance)) {
        Ok(topology) => Some(topology),
        Err(Error::Load(LoadError::NotFound { .. })) => None,
        Err(error) => return Err(error),
    };
    // A Compose service's replicas (`web#2`) are known once its containers are found.
    if let Some(topology) = topology.as_ref().filter(|t| !t.selects_by_compose()) {
        service(topology, &args.from)?;
        service(topology, &args.to)?;
    }
    let session = session(&args.daemon)?;
    exit_on_interrupt(&session);
    let started = std::time::Instant::now();
    let by_file = topology.is_some();
    let (topology, live) = match topology {
        Some(topology) => {
            let topology = resolve_compose(&session, topology, args.run.replicas, manners)?;
            let live = session.targets(&topology)?;
            (topology, live)
        }
        None => session.pair(&args.from, &args.to)?,
    };
    let (from, to) = (
        service(&topology, &args.from)?,
        service(&topology, &args.to)?,
    );
    let extras = Extras {
        ports: args.ports.clone(),
        names: args.names.clone(),
        http: args.http.clone(),
    };
    let expected = match args.expect {
        Some(ExpectChoice::Reachable) => Some(Expected::Reachable),
        Some(ExpectChoice::Isolated) => Some(Expected::Isolated),
        // Two bare containers have no topology to say they should be apart.
        None if !by_file => Some(Expected::Reachable),
        None => None,
    };
    let checks = crate::probe::plan::probe(&topology, from, to, &extras, expected);
    let run = probe_with_progress(
        &session,
        &topology,
        live,
        &checks,
        &args.run,
        args.output,
        manners,
    )?;
    let reporting = Reporting {
        session: &session,
        topology: &topology,
        format: args.output,
        manners,
        started,
    };
    report(&reporting, &run)
}

/// A service key, or the container name of one (as the instance names it); a scaled Compose
/// service's key is its first replica (`web#2` names another).
fn service<'a>(topology: &'a Topology, name: &str) -> Result<&'a Service, Error> {
    topology
        .service(name)
        .or_else(|| topology.services.iter().find(|s| s.container == name))
        .or_else(|| topology.services.iter().find(|s| s.shown_as() == name))
        .ok_or_else(|| {
            let known: Vec<&str> = topology.services.iter().map(|s| s.key.as_str()).collect();
            Error::Reported(format!(
                "error: `{name}` is neither a service nor a container of project `{}`; the \
                 services are: {}",
                topology.project,
                known.join(", ")
            ))
        })
}
