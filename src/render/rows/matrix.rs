//! The membership and reach matrices as rows: a mark per membership, the shared networks per
//! pair, a dash on the diagonal.

use crate::matrix::{Cell, MembershipMatrix, ReachMatrix, ReachRow};
use crate::render::{Grid, GridCell, Tabular};

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
                        .cells
                        .iter()
                        .map(|cell| match cell {
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

/// The heading of the reach matrix's row labels.
pub const REACH_CORNER: &str = "from \\ to";

impl Tabular for ReachMatrix {
    fn grid(&self) -> Grid {
        Grid {
            corner: REACH_CORNER.to_owned(),
            columns: self.services.clone(),
            rows: self
                .rows
                .iter()
                .map(|row| (row.service.clone(), reach_cells(&self.services, row)))
                .collect(),
        }
    }
}

/// One row's cells in `services` order: the shared networks, blank for none, a dash on the
/// diagonal. A row lists every other service in that same order, so each cell is the next.
pub fn reach_cells(services: &[String], row: &ReachRow) -> Vec<GridCell> {
    let mut others = row.reach.iter();
    services
        .iter()
        .map(|to| {
            if *to == row.service {
                return GridCell::Text("—".to_owned());
            }
            match others.next() {
                Some((_, shared)) if !shared.is_empty() => GridCell::Text(shared.join(", ")),
                _ => GridCell::Blank,
            }
        })
        .collect()
}
