//! `netctl validate`: every problem at once, as text or JSON; exit 0 valid, 1 not.

use super::{Error, Manners, Outcome, load_topology, print};
use crate::cli::{ValidateArgs, ValidateFormat};
use crate::render::{Json, Renderer, Text, Validated};

pub fn run(args: &ValidateArgs, manners: &Manners) -> Result<Outcome, Error> {
    let loaded = load_topology(args.topology.given());
    match (args.output, loaded) {
        (ValidateFormat::Text, Ok(_)) if manners.quiet => Ok(Outcome::Clean),
        (ValidateFormat::Text, Ok(topology)) => print(&Text.render(&Validated::Valid(&topology))),
        (ValidateFormat::Json, Ok(topology)) => print(&Json.render(&Validated::Valid(&topology))),
        (ValidateFormat::Json, Err(Error::Load(error))) if !error.diagnostics().is_empty() => {
            print(&Json.render(&Validated::Invalid(error.diagnostics())))?;
            Err(Error::Reported(format!(
                "{} problem(s); see the JSON on stdout",
                error.diagnostics().len()
            )))
        }
        (_, Err(error)) => Err(error),
    }
}
