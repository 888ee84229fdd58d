//! Who is on which network, and who can reach whom: the matrices behind `netctl matrix`.

use crate::topology::{Service, Topology};
use serde::Serialize;
use serde::ser::{SerializeMap, SerializeStruct, Serializer};
use std::collections::HashMap;

/// Service × network membership, columns in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipMatrix {
    /// Where the cells come from: `file` today, `live` and `drift` with the daemon.
    pub view: &'static str,
    pub networks: Vec<String>,
    pub rows: Vec<MembershipRow>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MembershipRow {
    pub service: String,
    pub container: String,
    /// One cell per column of [`MembershipMatrix::networks`], in the same order.
    pub cells: Vec<Cell>,
}

/// A membership cell: a plain yes/no, or (in a drift view) a state word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Member(bool),
    State(&'static str),
}

/// Rows carry cells by position; JSON readers want them keyed by network, in column order.
impl Serialize for MembershipMatrix {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("view", self.view)?;
        map.serialize_entry("networks", &self.networks)?;
        let rows: Vec<KeyedRow> = self
            .rows
            .iter()
            .map(|row| KeyedRow {
                row,
                networks: &self.networks,
            })
            .collect();
        map.serialize_entry("rows", &rows)?;
        map.end()
    }
}

struct KeyedRow<'a> {
    row: &'a MembershipRow,
    networks: &'a [String],
}

impl Serialize for KeyedRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry("service", &self.row.service)?;
        map.serialize_entry("container", &self.row.container)?;
        map.serialize_entry("networks", &KeyedCells(self))?;
        map.end()
    }
}

struct KeyedCells<'a>(&'a KeyedRow<'a>);

impl Serialize for KeyedCells<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.networks.len()))?;
        for (network, cell) in self.0.networks.iter().zip(&self.0.row.cells) {
            map.serialize_entry(network, cell)?;
        }
        map.end()
    }
}

pub fn membership(topology: &Topology) -> MembershipMatrix {
    let networks: Vec<String> = topology.networks.iter().map(|n| n.key.clone()).collect();
    let columns = column_of(topology);
    let rows = topology
        .services
        .iter()
        .map(|service| {
            let mut cells = vec![Cell::Member(false); networks.len()];
            for index in network_indices(&columns, service) {
                cells[index] = Cell::Member(true);
            }
            MembershipRow {
                service: service.key.clone(),
                container: service.container.clone(),
                cells,
            }
        })
        .collect();
    MembershipMatrix {
        view: "file",
        networks,
        rows,
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
/// pair costs only a merge of two short sorted lists of network indices. The whole matrix is
/// for the people-sized formats (a table, markdown); the others stream [`ReachRows`].
pub fn reach(topology: &Topology) -> ReachMatrix {
    let lazy = ReachRows::of(topology);
    ReachMatrix {
        services: lazy.services.clone(),
        rows: lazy.rows().collect(),
    }
}

/// Service × service, made one row at a time as it is read: a writer that streams the rows
/// holds one of them, however many services there are (10,000 services are 10^8 pairs).
/// Serializes exactly as [`ReachMatrix`] does.
pub struct ReachRows<'t> {
    topology: &'t Topology,
    pub services: Vec<String>,
    memberships: Vec<Vec<usize>>,
}

impl<'t> ReachRows<'t> {
    pub fn of(topology: &'t Topology) -> ReachRows<'t> {
        let columns = column_of(topology);
        ReachRows {
            topology,
            services: topology.services.iter().map(|s| s.key.clone()).collect(),
            memberships: topology
                .services
                .iter()
                .map(|service| network_indices(&columns, service))
                .collect(),
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = ReachRow> + '_ {
        (0..self.services.len()).map(|from| self.row(from))
    }

    fn row(&self, from: usize) -> ReachRow {
        let networks = &self.topology.networks;
        ReachRow {
            service: self.services[from].clone(),
            reach: (0..self.services.len())
                .filter(|to| *to != from)
                .map(|to| {
                    let shared = intersect(&self.memberships[from], &self.memberships[to])
                        .map(|index| networks[index].key.clone())
                        .collect();
                    (self.services[to].clone(), shared)
                })
                .collect(),
        }
    }
}

impl Serialize for ReachRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut matrix = serializer.serialize_struct("ReachMatrix", 2)?;
        matrix.serialize_field("services", &self.services)?;
        matrix.serialize_field("rows", &Streamed(self))?;
        matrix.end()
    }
}

/// The rows as a sequence serde reads one element at a time.
struct Streamed<'r, 't>(&'r ReachRows<'t>);

impl Serialize for Streamed<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.rows())
    }
}

/// Column index of each network key, so that lookups do not scan the network list.
fn column_of(topology: &Topology) -> HashMap<&str, usize> {
    topology
        .networks
        .iter()
        .enumerate()
        .map(|(index, network)| (network.key.as_str(), index))
        .collect()
}

fn network_indices(columns: &HashMap<&str, usize>, service: &Service) -> Vec<usize> {
    let mut indices: Vec<usize> = service
        .networks
        .iter()
        .filter_map(|m| columns.get(m.network.as_str()).copied())
        .collect();
    indices.sort_unstable();
    indices
}

fn intersect<'a>(a: &'a [usize], b: &'a [usize]) -> impl Iterator<Item = usize> + 'a {
    a.iter()
        .copied()
        .filter(|index| b.binary_search(index).is_ok())
}
