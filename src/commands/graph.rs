//! `netctl graph`: the topology as a Mermaid or Graphviz picture.

use super::{Error, Outcome, load_topology, print};
use crate::cli::{GraphArgs, GraphFormat};
use crate::graph::{self, Graph};
use crate::render::{Dot, Json, Mermaid, Renderer};

pub fn run(args: &GraphArgs) -> Result<Outcome, Error> {
    let topology = load_topology(args.topology.given())?;
    let renderer: &dyn Renderer<Graph> = match args.output {
        GraphFormat::Mermaid => &Mermaid,
        GraphFormat::Dot => &Dot,
        GraphFormat::Json => &Json,
    };
    print(&renderer.render(&graph::build(&topology)))
}
