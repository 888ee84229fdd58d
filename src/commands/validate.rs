//! `netctl validate`: every problem at once, as text or JSON; exit 0 valid, 1 not.

use super::{Error, Outcome, load_topology, print};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::diagnostic::Diagnostic;
use crate::render::{Json, Renderer};
use serde::Serialize;

#[derive(Serialize)]
struct Report<'a> {
    valid: bool,
    networks: usize,
    services: usize,
    expectations: usize,
    problems: &'a [Diagnostic],
}

pub fn run(args: &ValidateArgs) -> Result<Outcome, Error> {
    let loaded = load_topology(args.topology.given());
    match (args.output, loaded) {
        (ValidateFormat::Text, Ok(topology)) => print(&format!(
            "valid: project `{}`, {} networks, {} services, {} expectations\n",
            topology.project,
            topology.networks.len(),
            topology.services.len(),
            topology.expect.len()
        )),
        (ValidateFormat::Text, Err(error)) => Err(error),
        (ValidateFormat::Json, Ok(topology)) => print(&Json.render(&Report {
            valid: true,
            networks: topology.networks.len(),
            services: topology.services.len(),
            expectations: topology.expect.len(),
            problems: &[],
        })),
        (ValidateFormat::Json, Err(Error::Load(error))) if !error.diagnostics().is_empty() => {
            print(&Json.render(&Report {
                valid: false,
                networks: 0,
                services: 0,
                expectations: 0,
                problems: error.diagnostics(),
            }))?;
            Err(Error::Reported(format!(
                "{} problem(s); see the JSON on stdout",
                error.diagnostics().len()
            )))
        }
        (ValidateFormat::Json, Err(error)) => Err(error),
    }
}
