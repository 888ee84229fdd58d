//! `netctl probe FROM TO`: the default checks of one pair (DNS of the target's names, ICMP, TCP
//! to its ports, HTTP health) plus the ones asked for on the command line.

use super::live::load_instance;
use super::verify::{run_checks, session};
use super::{Error, Outcome};
use crate::cli::{ProbeArgs, TopologyFile};
use crate::probe::Extras;
use crate::topology::{Service, Topology};

pub fn run(args: &ProbeArgs) -> Result<Outcome, Error> {
    let file = TopologyFile {
        path: None,
        file: args.file.clone(),
    };
    let topology = load_instance(&file, &args.instance)?;
    let from = service(&topology, &args.from)?;
    let to = service(&topology, &args.to)?;
    let extras = Extras {
        ports: args.ports.clone(),
        names: args.names.clone(),
        http: args.http.clone(),
    };
    let checks = crate::probe::plan::probe(&topology, from, to, &extras);
    let session = session(&args.daemon)?;
    run_checks(&session, &topology, &checks, &args.run, args.output)
}

/// A service key, or the container name of one (as the instance names it).
fn service<'a>(topology: &'a Topology, name: &str) -> Result<&'a Service, Error> {
    topology
        .service(name)
        .or_else(|| topology.services.iter().find(|s| s.container == name))
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
