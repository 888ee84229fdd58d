//! The daemon's state as far as networks go, read in one go: what the planner diffs a
//! topology against.

use super::{Container, Endpoint, Network};
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Observed {
    pub networks: Vec<Network>,
    pub containers: Vec<Container>,
}

impl Observed {
    /// Every network of that name: more than one means name lookups are ambiguous.
    pub fn networks_named(&self, name: &str) -> Vec<&Network> {
        self.networks.iter().filter(|n| n.name() == name).collect()
    }

    pub fn network(&self, id: &str) -> Option<&Network> {
        self.networks.iter().find(|n| n.id == id)
    }

    pub fn container(&self, name: &str) -> Option<&Container> {
        self.containers.iter().find(|c| c.name == name)
    }

    /// The containers attached to a network, with their endpoint there.
    pub fn members<'a>(
        &'a self,
        network: &'a Network,
    ) -> impl Iterator<Item = (&'a Container, &'a Endpoint)> + 'a {
        self.containers.iter().filter_map(move |container| {
            container
                .endpoint_on(&network.id)
                .map(|endpoint| (container, endpoint))
        })
    }
}
