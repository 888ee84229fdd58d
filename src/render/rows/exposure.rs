//! What the running services publish on the host, as rows: only the services that publish
//! anything or fail.

use crate::probe::exposure::{Exposure, describe};
use crate::render::{Grid, GridCell, Tabular};

/// The services that publish anything or fail, as rows for the terminal.
pub struct ExposureTable<'a>(pub &'a [Exposure]);

impl ExposureTable<'_> {
    pub fn is_empty(&self) -> bool {
        self.rows().next().is_none()
    }

    fn rows(&self) -> impl Iterator<Item = &Exposure> {
        self.0.iter().filter(|e| !e.ok || !e.published.is_empty())
    }
}

impl Tabular for ExposureTable<'_> {
    fn grid(&self) -> Grid {
        let rows = self
            .rows()
            .map(|exposure| {
                let published: Vec<String> = exposure.published.iter().map(describe).collect();
                let cells = [
                    published.join(", "),
                    if exposure.public { "yes" } else { "no" }.to_owned(),
                    exposure.status.word().to_owned(),
                    exposure.detail.clone(),
                ];
                (
                    exposure.service.clone(),
                    cells.into_iter().map(GridCell::Text).collect(),
                )
            })
            .collect();
        Grid {
            corner: "service".to_owned(),
            columns: ["publishes on the host", "public", "status", "detail"]
                .map(str::to_owned)
                .to_vec(),
            rows,
        }
    }
}
