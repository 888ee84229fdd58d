//! Graphviz DOT (`netctl graph -o dot | dot -Tsvg`).

use super::Renderer;
use crate::graph::Graph;
use std::fmt::Write as _;

pub struct Dot;

impl Renderer<Graph> for Dot {
    fn render(&self, graph: &Graph) -> String {
        let mut out = format!("graph {} {{\n", quote(&graph.project));
        out.push_str("    rankdir=LR;\n    node [fontname=\"Helvetica\"];\n    edge [fontname=\"Helvetica\", fontsize=10];\n");
        for network in &graph.networks {
            let style = match network.kind() {
                "external" => {
                    "shape=hexagon, style=\"dashed,filled\", fillcolor=\"#fef3c7\", color=\"#b45309\""
                }
                "internal" => {
                    "shape=cylinder, style=\"filled,bold\", fillcolor=\"#e0e7ff\", color=\"#3730a3\""
                }
                _ => "shape=ellipse, style=filled, fillcolor=\"#dcfce7\", color=\"#15803d\"",
            };
            let label = format!("{}\n{}", network.key, network.caption());
            let _ = writeln!(
                out,
                "    {} [label={}, {style}];",
                quote(&format!("net:{}", network.key)),
                quote(&label)
            );
        }
        for service in &graph.services {
            let label = if service.container == service.key {
                service.key.clone()
            } else {
                format!("{}\n{}", service.key, service.container)
            };
            let _ = writeln!(
                out,
                "    {} [label={}, shape=box];",
                quote(&format!("svc:{}", service.key)),
                quote(&label)
            );
        }
        for edge in &graph.edges {
            let from = quote(&format!("svc:{}", edge.service));
            let to = quote(&format!("net:{}", edge.network));
            if edge.label.is_empty() {
                let _ = writeln!(out, "    {from} -- {to};");
            } else {
                let _ = writeln!(out, "    {from} -- {to} [label={}];", quote(&edge.label));
            }
        }
        out.push_str("}\n");
        out
    }
}

/// A DOT double-quoted ID; newlines become DOT's own line break escape.
fn quote(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("\"{escaped}\"")
}
