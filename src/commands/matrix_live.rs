//! `netctl matrix --live`: the daemon's service × network table, or with FILE the drift
//! between the file and the daemon.

use super::live::{alias_scope, connect, load_instance, runtime};
use super::matrix::render;
use super::{Error, Outcome, print};
use crate::cli::MatrixArgs;
use crate::live::observe;
use crate::matrix_live;

pub fn run(args: &MatrixArgs) -> Result<Outcome, Error> {
    let topology = match args.topology.given() {
        Some(_) => Some(load_instance(&args.topology, &args.instance)?),
        None => None,
    };
    // The live view needs no aliases (no inspect calls); the drift view compares them.
    let scope = topology.as_ref().map(alias_scope).unwrap_or_default();
    let observed = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        Ok::<_, Error>(observe(&docker, &scope).await?)
    })?;
    let matrix = match &topology {
        Some(topology) => matrix_live::drift(topology, &observed),
        None => matrix_live::live(&observed, args.all, args.instance.project.as_deref()),
    };
    print(&render(&matrix, args.output))
}
