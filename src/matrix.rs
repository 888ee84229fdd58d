//! Who is on which network, and who can reach whom: the matrices behind `netctl matrix`.

use crate::render::{Grid, GridCell, Tabular};
use crate::topology::{Service, Topology};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// Service × network membership, columns in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipMatrix {
    /// Where the cells come from: `file` today, `live` and `drift` with the daemon.
    pub view: &'static str,
    pub networks: Vec<String>,
    pub rows: Vec<MembershipRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipRow {
    pub service: String,
    pub container: String,
    #[serde(serialize_with = "cells_by_network")]
    pub networks: Vec<(String, Cell)>,
}

/// A membership cell: a plain yes/no, or (in a drift view) a state word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Member(bool),
    State(&'static str),
}

/// Keeps the column order in the JSON object, where a map type would sort it.
fn cells_by_network<S: Serializer>(
    cells: &[(String, Cell)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(cells.len()))?;
    for (network, cell) in cells {
        map.serialize_entry(network, cell)?;
    }
    map.end()
}

pub fn membership(topology: &Topology) -> MembershipMatrix {
    let networks: Vec<String> = topology.networks.iter().map(|n| n.key.clone()).collect();
    let rows = topology
        .services
        .iter()
        .map(|service| MembershipRow {
            service: service.key.clone(),
            container: service.container.clone(),
            networks: networks
                .iter()
                .map(|key| (key.clone(), Cell::Member(service.is_member_of(key))))
                .collect(),
        })
        .collect();
    MembershipMatrix {
        view: "file",
        networks,
        rows,
    }
}

impl Tabular for MembershipMatrix {
    fn grid(&self) -> Grid {
        Grid {
            corner: "service".to_owned(),
            columns: self.networks.clone(),
            rows: self
                .rows
                .iter()
                .map(|row| {
                    let cells = row
                        .networks
                        .iter()
                        .map(|(_, cell)| match cell {
                            Cell::Member(true) => GridCell::Mark,
                            Cell::Member(false) => GridCell::NoMark,
                            Cell::State(state) => GridCell::Text((*state).to_owned()),
                        })
                        .collect();
                    (row.service.clone(), cells)
                })
                .collect(),
        }
    }
}

/// Service × service: the networks each ordered pair shares (empty: they cannot talk).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachMatrix {
    pub services: Vec<String>,
    pub rows: Vec<ReachRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReachRow {
    pub service: String,
    /// Every other service, in file order, with the networks shared with it.
    #[serde(serialize_with = "shared_by_service")]
    pub reach: Vec<(String, Vec<String>)>,
}

fn shared_by_service<S: Serializer>(
    reach: &[(String, Vec<String>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(Some(reach.len()))?;
    for (service, shared) in reach {
        map.serialize_entry(service, shared)?;
    }
    map.end()
}

/// The output holds every ordered pair, so the work is quadratic in services by nature; each
/// pair costs only a merge of two short sorted lists of network indices.
pub fn reach(topology: &Topology) -> ReachMatrix {
    let services: Vec<String> = topology.services.iter().map(|s| s.key.clone()).collect();
    let memberships: Vec<Vec<usize>> = topology
        .services
        .iter()
        .map(|service| network_indices(topology, service))
        .collect();
    let rows = topology
        .services
        .iter()
        .enumerate()
        .map(|(from, service)| ReachRow {
            service: service.key.clone(),
            reach: topology
                .services
                .iter()
                .enumerate()
                .filter(|(to, _)| *to != from)
                .map(|(to, other)| {
                    let shared = intersect(&memberships[from], &memberships[to])
                        .map(|index| topology.networks[index].key.clone())
                        .collect();
                    (other.key.clone(), shared)
                })
                .collect(),
        })
        .collect();
    ReachMatrix { services, rows }
}

/// The networks two services share, in the file's network order.
pub fn shared_networks(topology: &Topology, a: &Service, b: &Service) -> Vec<String> {
    intersect(&network_indices(topology, a), &network_indices(topology, b))
        .map(|index| topology.networks[index].key.clone())
        .collect()
}

fn network_indices(topology: &Topology, service: &Service) -> Vec<usize> {
    let mut indices: Vec<usize> = service
        .networks
        .iter()
        .filter_map(|m| topology.networks.iter().position(|n| n.key == m.network))
        .collect();
    indices.sort_unstable();
    indices
}

fn intersect<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    a.iter()
        .copied()
        .filter(|index| b.binary_search(index).is_ok())
}

impl Tabular for ReachMatrix {
    fn grid(&self) -> Grid {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let cells = self
                    .services
                    .iter()
                    .map(|to| {
                        if *to == row.service {
                            return GridCell::Text("—".to_owned());
                        }
                        row.reach
                            .iter()
                            .find(|(other, _)| other == to)
                            .filter(|(_, shared)| !shared.is_empty())
                            .map_or(GridCell::Blank, |(_, shared)| {
                                GridCell::Text(shared.join(", "))
                            })
                    })
                    .collect();
                (row.service.clone(), cells)
            })
            .collect();
        Grid {
            corner: "from \\ to".to_owned(),
            columns: self.services.clone(),
            rows,
        }
    }
}
