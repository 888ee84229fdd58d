//! The membership and reach matrices as rows: a mark per membership, the shared networks per
//! pair, a dash on the diagonal.

use crate::matrix::{Cell, MembershipMatrix, ReachMatrix};
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
