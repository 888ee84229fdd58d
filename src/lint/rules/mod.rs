//! The rule catalogue: one file per rule, each a [`Rule`] constant with its stable ID.
//!
//! IDs never change meaning once released; a retired rule's ID is not reused.

mod datastore_on_public_network;
mod docker_socket_exposed;
mod duplicate_static_ip;
mod host_network_mode;
mod missing_external_network;
mod network_mode_with_networks;
mod overlapping_subnets;
mod port_on_all_interfaces;
mod ports_on_internal_only;
mod privileged_exposed;
mod published_datastore_port;
mod static_ip_outside_subnet;
mod topology_mismatch;
mod undeclared_network;
mod unset_variable;
mod unused_network;

use super::facts::Facts;
use crate::compose::Place;
use crate::diagnostic::Severity;

/// A check with the words that explain it; `check` appends what it finds.
pub struct Rule {
    pub id: &'static str,
    pub name: &'static str,
    pub severity: Severity,
    /// One line, for SARIF and rule lists.
    pub summary: &'static str,
    /// What it catches, why it matters and how to fix it: `netctl lint --explain ID`.
    pub explain: &'static str,
    pub check: fn(&Facts, &mut Vec<Hit>),
}

/// A rule's finding before the config decides its level and inline comments can drop it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub at: Place,
    pub service: Option<String>,
    pub network: Option<String>,
    pub message: String,
    pub remediation: String,
}

/// Every rule, in ID order.
pub const ALL: [&Rule; 16] = [
    &datastore_on_public_network::RULE,
    &published_datastore_port::RULE,
    &port_on_all_interfaces::RULE,
    &undeclared_network::RULE,
    &unused_network::RULE,
    &network_mode_with_networks::RULE,
    &host_network_mode::RULE,
    &overlapping_subnets::RULE,
    &static_ip_outside_subnet::RULE,
    &duplicate_static_ip::RULE,
    &ports_on_internal_only::RULE,
    &docker_socket_exposed::RULE,
    &privileged_exposed::RULE,
    &topology_mismatch::RULE,
    &unset_variable::RULE,
    &missing_external_network::RULE,
];

/// The rule with this ID or name (case-insensitive).
pub fn find(id_or_name: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.id.eq_ignore_ascii_case(id_or_name) || r.name.eq_ignore_ascii_case(id_or_name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_names_are_unique_and_ordered() {
        let ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(ids, sorted);
        let mut names: Vec<&str> = ALL.iter().map(|r| r.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), ALL.len());
    }
}
