//! `netctl matrix --live`: the daemon's service × network table, or with FILE the drift
//! between the file and the daemon.

use super::live::{connect, load_instance, runtime};
use super::matrix::render;
use super::{Error, Outcome, print};
use crate::cli::MatrixArgs;
use crate::docker::{AliasScope, observe};
use crate::matrix_live;

pub fn run(args: &MatrixArgs) -> Result<Outcome, Error> {
    let topology = match args.topology.given() {
        Some(_) => Some(load_instance(&args.topology, &args.instance)?),
        None => None,
    };
    let observed = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        // Membership needs no aliases: no inspect calls.
        Ok::<_, Error>(observe(&docker, &AliasScope::default()).await?)
    })?;
    let matrix = match &topology {
        Some(topology) => matrix_live::drift(topology, &observed),
        None => matrix_live::live(&observed, args.all),
    };
    print(&render(&matrix, args.output))
}
