//! A network's settings, the one shape shared by what a topology declares, what `apply`
//! creates, what a journal restores and what the daemon reports, and a live network: those
//! settings plus the id the daemon gave it.

use super::labels;
use ipnet::IpNet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::net::IpAddr;

/// Everything the daemon holds about a network besides its id and members. Its JSON shape is
/// the `spec` of `plan -o json` and of a recreate journal on disk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSettings {
    /// The Docker name.
    pub name: String,
    pub driver: String,
    pub internal: bool,
    pub attachable: bool,
    pub enable_ipv6: bool,
    /// Driver options (`driver_opts` in a file).
    pub options: BTreeMap<String, String>,
    pub labels: BTreeMap<String, String>,
    pub ipam: Ipam,
}

/// IPAM settings: the pools (subnets) and who hands out their addresses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ipam {
    /// `None`: the daemon's default driver.
    pub driver: Option<String>,
    pub options: BTreeMap<String, String>,
    pub pools: Vec<Pool>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pool {
    pub subnet: IpNet,
    pub gateway: Option<IpAddr>,
    /// Dynamic addresses come from here.
    pub ip_range: Option<IpNet>,
    /// Addresses the IPAM must not hand out, by name.
    pub aux_addresses: BTreeMap<String, IpAddr>,
}

/// Who made a network, read off Compose's labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ComposeNetwork<'a> {
    pub project: &'a str,
    /// The network's key in the compose file (or, from Compose v1, its `name:`).
    pub key: &'a str,
    /// The Compose that made it, when it said.
    pub version: Option<&'a str>,
}

/// A network as the daemon has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Network {
    pub id: String,
    pub settings: NetworkSettings,
}

impl Network {
    pub fn name(&self) -> &str {
        &self.settings.name
    }

    /// The project that owns it, when netctl created it.
    pub fn owner(&self) -> Option<&str> {
        self.settings
            .labels
            .get(labels::PROJECT)
            .map(String::as_str)
    }

    /// The Compose project that made it, if Compose did.
    pub fn compose_project(&self) -> Option<&str> {
        self.settings
            .labels
            .get(labels::COMPOSE_PROJECT)
            .map(String::as_str)
    }

    /// The Compose project and network key, when Compose made it (both of Compose's labels
    /// are there): such a network is that project's, to be recreated or removed only by
    /// Compose.
    pub fn compose_network(&self) -> Option<ComposeNetwork<'_>> {
        let labels = &self.settings.labels;
        Some(ComposeNetwork {
            project: labels.get(labels::COMPOSE_PROJECT)?,
            key: labels.get(labels::COMPOSE_NETWORK)?,
            version: labels.get(labels::COMPOSE_VERSION).map(String::as_str),
        })
    }

    /// A bridge created with inter-container traffic off: its containers cannot reach each
    /// other through it.
    pub fn forbids_peer_traffic(&self) -> bool {
        self.settings
            .options
            .get(labels::ICC_OPTION)
            .is_some_and(|value| value == "false")
    }
}
