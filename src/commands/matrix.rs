//! `netctl matrix`: service × network membership, or service × service reach, from a file;
//! with `--live`, the daemon's own table, or with FILE the drift between file and daemon.

use super::daemon::{connect, instance, list_containers, runtime};
use super::{Error, Manners, Outcome, print, source, stream};
use crate::apply::alias_scope;
use crate::cli::{MatrixArgs, MatrixFormat};
use crate::live::observe;
use crate::render::{Csv, Json, Markdown, REACH_CORNER, Renderer, Table, Tabular, reach_cells};
use crate::topology::{Topology, compose};
use crate::{matrix, matrix_live};
use serde::Serialize;

pub fn run(args: &MatrixArgs, manners: &Manners) -> Result<Outcome, Error> {
    if args.live {
        return live(args, manners);
    }
    let topology = load(args, manners)?;
    if args.reach {
        return reach(&topology, args.output);
    }
    print(&render(&matrix::membership(&topology), args.output))
}

/// Every ordered pair: JSON and CSV are written row by row as they are made, so memory stays
/// flat however many services there are; a table and markdown (for people) are drawn whole.
fn reach(topology: &Topology, format: MatrixFormat) -> Result<Outcome, Error> {
    let lazy = matrix::ReachRows::of(topology);
    match format {
        MatrixFormat::Json => stream(|out| Json::write(&lazy, out)),
        MatrixFormat::Csv => stream(|out| {
            let rows = lazy.rows().map(|row| {
                let cells = reach_cells(&lazy.services, &row);
                (row.service, cells)
            });
            Csv::write(REACH_CORNER, &lazy.services, rows, out)
        }),
        MatrixFormat::Table | MatrixFormat::Markdown => {
            print(&render(&matrix::reach(topology), format))
        }
    }
}

/// A topology file, or a compose project (a compose file, or `-p` alone).
fn load(args: &MatrixArgs, manners: &Manners) -> Result<Topology, Error> {
    source::load(&args.topology, &args.compose, manners, &mut || {
        list_containers(&args.daemon)
    })
}

fn live(args: &MatrixArgs, manners: &Manners) -> Result<Outcome, Error> {
    let named = args.topology.given().is_some() || args.compose.project_name.is_some();
    let topology = match named {
        true => Some(instance(load(args, manners)?, &args.instance)?),
        false => None,
    };
    // The live view needs no aliases (no inspect calls); the drift view compares them.
    let scope = topology.as_ref().map(alias_scope).unwrap_or_default();
    let observed = runtime()?.block_on(async {
        let docker = connect(&args.daemon).await?;
        Ok::<_, Error>(observe(&docker, &scope).await?)
    })?;
    let matrix = match &topology {
        Some(topology) => {
            let replicas = compose::Replicas::All(usize::MAX);
            let resolved = compose::resolve(topology, &observed.containers, replicas);
            matrix_live::drift(&resolved.topology, &observed)
        }
        None => matrix_live::live(&observed, args.all, args.instance.project.as_deref()),
    };
    print(&render(&matrix, args.output))
}

fn render<T: Tabular + Serialize>(value: &T, format: MatrixFormat) -> String {
    let renderer: &dyn Renderer<T> = match format {
        MatrixFormat::Table => &Table,
        MatrixFormat::Markdown => &Markdown,
        MatrixFormat::Json => &Json,
        MatrixFormat::Csv => &Csv,
    };
    renderer.render(value)
}
