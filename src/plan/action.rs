//! The closed set of things a plan can say, and their JSON shape.

use crate::live::{EndpointSpec, NetworkSettings};
use serde::{Deserialize, Serialize};

/// Serializes both ways (`action` names the variant), so a saved plan is read back as it was
/// planned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Action {
    CreateNetwork {
        spec: NetworkSettings,
        /// False for an external network created on request: it gets no ownership label.
        owned: bool,
    },
    /// The API cannot change a network in place: disconnect all, remove, create, reconnect.
    RecreateNetwork {
        /// The live network's id: the one to remove, even if another appears by that name.
        id: String,
        spec: NetworkSettings,
        changes: Vec<Change>,
        endpoints: Vec<Restore>,
    },
    RemoveNetwork {
        network: String,
        id: String,
        reason: String,
    },
    Connect {
        network: String,
        container: String,
        endpoint: EndpointSpec,
    },
    /// Aliases or static addresses differ on an existing endpoint: disconnect, then connect.
    Reconnect {
        network: String,
        container: String,
        from: EndpointSpec,
        to: EndpointSpec,
    },
    Disconnect {
        network: String,
        container: String,
        reason: String,
    },
    Blocked {
        network: Option<String>,
        container: Option<String>,
        reason: String,
    },
    Pending {
        network: String,
        container: String,
        reason: String,
    },
    /// A membership (or an owned network) the file does not declare and this apply leaves as
    /// it is: shown in every plan, with what removes it.
    Drift {
        network: String,
        container: Option<String>,
        reason: String,
    },
}

/// One setting of a network that differs: `field: old → new`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: String,
    pub old: String,
    pub new: String,
}

/// An endpoint a recreate brings back, declared in the file or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Restore {
    pub container: String,
    pub endpoint: EndpointSpec,
    pub declared: bool,
}

#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    pub action: &'static str,
    pub network: Option<&'a str>,
    pub container: Option<&'a str>,
    pub reason: String,
    /// The network to create, for create and recreate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spec: Option<&'a NetworkSettings>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<&'a EndpointSpec>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub changes: &'a [Change],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub endpoints: &'a [Restore],
}

impl Action {
    pub fn kind(&self) -> &'static str {
        match self {
            Action::CreateNetwork { .. } => "create_network",
            Action::RecreateNetwork { .. } => "recreate_network",
            Action::RemoveNetwork { .. } => "remove_network",
            Action::Connect { .. } => "connect",
            Action::Reconnect { .. } => "reconnect",
            Action::Disconnect { .. } => "disconnect",
            Action::Blocked { .. } => "blocked",
            Action::Pending { .. } => "pending",
            Action::Drift { .. } => "drift",
        }
    }

    pub fn is_write(&self) -> bool {
        !matches!(
            self,
            Action::Blocked { .. } | Action::Pending { .. } | Action::Drift { .. }
        )
    }

    pub fn network(&self) -> Option<&str> {
        match self {
            Action::CreateNetwork { spec, .. } | Action::RecreateNetwork { spec, .. } => {
                Some(&spec.name)
            }
            Action::RemoveNetwork { network, .. }
            | Action::Connect { network, .. }
            | Action::Reconnect { network, .. }
            | Action::Disconnect { network, .. }
            | Action::Pending { network, .. }
            | Action::Drift { network, .. } => Some(network),
            Action::Blocked { network, .. } => network.as_deref(),
        }
    }

    pub fn container(&self) -> Option<&str> {
        match self {
            Action::Connect { container, .. }
            | Action::Reconnect { container, .. }
            | Action::Disconnect { container, .. }
            | Action::Pending { container, .. } => Some(container),
            Action::Blocked { container, .. } | Action::Drift { container, .. } => {
                container.as_deref()
            }
            Action::CreateNetwork { .. }
            | Action::RecreateNetwork { .. }
            | Action::RemoveNetwork { .. } => None,
        }
    }

    /// Why, in one line: the JSON `reason` and the text after each action.
    pub fn reason(&self) -> String {
        match self {
            Action::CreateNetwork { owned: true, .. } => "declared, not on the daemon".to_owned(),
            Action::CreateNetwork { owned: false, .. } => {
                "external network missing; created on request (--create-missing-external), \
                 without ownership label"
                    .to_owned()
            }
            Action::RecreateNetwork {
                changes, endpoints, ..
            } => format!(
                "settings differ ({}); {} endpoint(s) restored",
                changes
                    .iter()
                    .map(|c| c.field.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                endpoints.len()
            ),
            Action::Connect { endpoint, .. } => {
                format!("declared membership missing{}", describe(endpoint))
            }
            Action::Reconnect { from, to, .. } => {
                format!("endpoint differs: {} → {}", summary(from), summary(to))
            }
            Action::Disconnect { reason, .. }
            | Action::RemoveNetwork { reason, .. }
            | Action::Blocked { reason, .. }
            | Action::Pending { reason, .. }
            | Action::Drift { reason, .. } => reason.clone(),
        }
    }

    pub fn view(&self) -> ActionView<'_> {
        let (endpoint, changes, endpoints): (_, &[Change], &[Restore]) = match self {
            Action::Connect { endpoint, .. } | Action::Reconnect { to: endpoint, .. } => {
                (Some(endpoint), &[], &[])
            }
            Action::RecreateNetwork {
                changes, endpoints, ..
            } => (None, changes, endpoints),
            _ => (None, &[], &[]),
        };
        ActionView {
            action: self.kind(),
            network: self.network(),
            container: self.container(),
            reason: self.reason(),
            spec: match self {
                Action::CreateNetwork { spec, .. } | Action::RecreateNetwork { spec, .. } => {
                    Some(spec)
                }
                _ => None,
            },
            endpoint,
            changes,
            endpoints,
        }
    }
}

/// ` (aliases a, b; ipv4 10.0.0.5)`, or nothing for a plain endpoint.
pub fn describe(endpoint: &EndpointSpec) -> String {
    let text = summary(endpoint);
    if text == "plain" {
        String::new()
    } else {
        format!(" ({text})")
    }
}

pub fn summary(endpoint: &EndpointSpec) -> String {
    let mut parts = Vec::new();
    if !endpoint.aliases.is_empty() {
        parts.push(format!("aliases {}", endpoint.aliases.join(", ")));
    }
    if let Some(ip) = endpoint.ipv4_address {
        parts.push(format!("ipv4 {ip}"));
    }
    if let Some(ip) = endpoint.ipv6_address {
        parts.push(format!("ipv6 {ip}"));
    }
    if let Some(mac) = &endpoint.mac_address {
        parts.push(format!("mac {mac}"));
    }
    if parts.is_empty() {
        "plain".to_owned()
    } else {
        parts.join("; ")
    }
}
