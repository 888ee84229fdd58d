//! Containers a test puts on the fake daemon before the code under test runs: running or
//! not, on networks with their endpoint settings, with labels and a network mode.

use super::world::{FakeContainer, Refusal, World};
use crate::live::{DaemonEvent, EndpointSpec, NetworkMode};

/// A container to add, built up as `docker create` flags would.
#[derive(Debug, Clone)]
pub struct Seed {
    container: FakeContainer,
    networks: Vec<(String, EndpointSpec)>,
    running: bool,
}

impl Seed {
    /// A container that runs once seeded.
    pub fn running(name: &str) -> Seed {
        Seed {
            container: FakeContainer::new(name),
            networks: Vec::new(),
            running: true,
        }
    }

    /// A created container that does not run.
    pub fn stopped(name: &str) -> Seed {
        Seed {
            running: false,
            ..Seed::running(name)
        }
    }

    /// On `network` (a name or id) with `endpoint`'s aliases and static addresses.
    pub fn on(mut self, network: &str, endpoint: EndpointSpec) -> Seed {
        self.networks.push((network.to_owned(), endpoint));
        self
    }

    pub fn label(mut self, key: &str, value: &str) -> Seed {
        self.container
            .labels
            .insert(key.to_owned(), value.to_owned());
        self
    }

    /// `host`, `none` or `container:<id>` instead of a namespace of its own.
    pub fn mode(mut self, mode: NetworkMode) -> Seed {
        self.container.network_mode = mode;
        self
    }

    /// Creates it, configures its networks, starts it if it runs; its id and the events.
    pub(super) fn plant(self, world: &mut World) -> Result<(String, Vec<DaemonEvent>), Refusal> {
        let (id, created) = world.add_container(self.container)?;
        let mut events = vec![created];
        for (network, endpoint) in &self.networks {
            world.connect(network, &id, endpoint)?;
        }
        if self.running {
            events.extend(world.start(&id)?);
        }
        Ok((id, events))
    }
}
