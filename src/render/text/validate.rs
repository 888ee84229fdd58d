//! A validation for a person (`valid: …`) and for scripts (`validate -o json`).

use super::Text;
use crate::diagnostic::Diagnostic;
use crate::render::Renderer;
use crate::topology::Topology;
use serde::Serialize;

/// What `validate` found: the topology when it is valid, else every problem.
pub enum Validated<'a> {
    Valid(&'a Topology),
    Invalid(&'a [Diagnostic]),
}

#[derive(Serialize)]
struct ValidatedView<'a> {
    valid: bool,
    networks: usize,
    services: usize,
    expectations: usize,
    problems: &'a [Diagnostic],
}

impl Serialize for Validated<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let view = match self {
            Validated::Valid(topology) => ValidatedView {
                valid: true,
                networks: topology.networks.len(),
                services: topology.services.len(),
                expectations: topology.expect.len(),
                problems: &[],
            },
            Validated::Invalid(problems) => ValidatedView {
                valid: false,
                networks: 0,
                services: 0,
                expectations: 0,
                problems,
            },
        };
        view.serialize(serializer)
    }
}

/// The valid case only: problems are shown with their source snippets by the error itself.
impl Renderer<Validated<'_>> for Text {
    fn render(&self, validated: &Validated<'_>) -> String {
        match validated {
            Validated::Valid(topology) => format!(
                "valid: project `{}`, {} networks, {} services, {} expectations\n",
                topology.project,
                topology.networks.len(),
                topology.services.len(),
                topology.expect.len()
            ),
            Validated::Invalid(problems) => format!("{} problem(s)\n", problems.len()),
        }
    }
}
