//! Mermaid flowcharts, which GitHub renders inside ```mermaid blocks.

use super::Renderer;
use crate::graph::Graph;
use std::fmt::Write as _;

pub struct Mermaid;

impl Renderer<Graph> for Mermaid {
    fn render(&self, graph: &Graph) -> String {
        let mut out = String::from("flowchart LR\n");
        for (index, network) in graph.networks.iter().enumerate() {
            let label = format!(
                "{}<br/>{}",
                escape(&network.key),
                escape(&network.caption())
            );
            let shape = match network.kind() {
                "external" => format!("{{{{\"{label}\"}}}}"),
                "internal" => format!("[(\"{label}\")]"),
                _ => format!("([\"{label}\"])"),
            };
            let _ = writeln!(out, "    n{index}{shape}:::{}", network.kind());
        }
        for (index, service) in graph.services.iter().enumerate() {
            let mut label = escape(&service.key);
            if service.container != service.key {
                let _ = write!(label, "<br/>{}", escape(&service.container));
            }
            let _ = writeln!(out, "    s{index}[\"{label}\"]:::service");
        }
        for edge in &graph.edges {
            let (Some(s), Some(n)) = (
                graph.services.iter().position(|s| s.key == edge.service),
                graph.networks.iter().position(|n| n.key == edge.network),
            ) else {
                continue;
            };
            if edge.label.is_empty() {
                let _ = writeln!(out, "    s{s} --- n{n}");
            } else {
                let _ = writeln!(out, "    s{s} ---|\"{}\"| n{n}", escape(&edge.label));
            }
        }
        out.push_str("    classDef external fill:#fef3c7,stroke:#b45309,stroke-width:2px,stroke-dasharray:6 3\n");
        out.push_str("    classDef internal fill:#e0e7ff,stroke:#3730a3,stroke-width:2px\n");
        out.push_str("    classDef managed fill:#dcfce7,stroke:#15803d\n");
        out.push_str("    classDef service fill:#f8fafc,stroke:#475569\n");
        out
    }
}

/// Mermaid reads `"` and some punctuation as syntax inside labels; entity codes are safe.
fn escape(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '"' => "#quot;".to_owned(),
            '<' => "#lt;".to_owned(),
            '>' => "#gt;".to_owned(),
            '|' => "#124;".to_owned(),
            other => other.to_string(),
        })
        .collect()
}
