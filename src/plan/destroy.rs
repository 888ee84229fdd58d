//! `destroy`'s plan: disconnect the declared memberships, remove the networks this project
//! owns, and leave (and list) any owned network that still holds containers the file does
//! not declare there. Pure, like `diff`.

use super::{Action, Plan};
use crate::live::Observed;
use crate::topology::Topology;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Teardown {
    pub plan: Plan,
    pub left: Vec<LeftNetwork>,
}

/// An owned network destroy does not remove, and the undeclared containers that keep it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftNetwork {
    pub network: String,
    pub containers: Vec<String>,
}

pub fn teardown(topology: &Topology, observed: &Observed) -> Teardown {
    let mut disconnects = Vec::new();
    let mut removals = Vec::new();
    let mut left = Vec::new();
    for network in &topology.networks {
        let [live] = observed.networks_named(&network.settings.name)[..] else {
            continue;
        };
        let mut undeclared = Vec::new();
        for (container, _) in observed.members(live) {
            let declared = topology
                .services
                .iter()
                .any(|s| s.container == container.name && s.is_member_of(&network.key));
            if declared {
                disconnects.push(Action::Disconnect {
                    network: network.settings.name.clone(),
                    container: container.name.clone(),
                    reason: "declared here (destroy)".to_owned(),
                });
            } else {
                undeclared.push(container.name.clone());
            }
        }
        if network.external || live.owner() != Some(topology.project.as_str()) {
            continue;
        }
        if undeclared.is_empty() {
            removals.push(Action::RemoveNetwork {
                network: network.settings.name.clone(),
                id: live.id.clone(),
                reason: "owned by this project (destroy)".to_owned(),
            });
        } else {
            left.push(LeftNetwork {
                network: network.settings.name.clone(),
                containers: undeclared,
            });
        }
    }
    Teardown {
        plan: Plan {
            project: topology.project.clone(),
            actions: [disconnects, removals].concat(),
            ..Plan::default()
        },
        left,
    }
}
