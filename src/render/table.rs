//! The human table for terminals (comfy-table), the default format of most commands.

use super::{GridCell, Renderer, Tabular};
use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ContentArrangement};

pub struct Table;

impl<T: Tabular> Renderer<T> for Table {
    fn render(&self, value: &T) -> String {
        let grid = value.grid();
        let mut table = comfy_table::Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(std::iter::once(grid.corner.clone()).chain(grid.columns.iter().cloned()));
        for (label, cells) in &grid.rows {
            let row =
                std::iter::once(comfy_table::Cell::new(label)).chain(cells.iter().map(|cell| {
                    match cell {
                        GridCell::Mark => {
                            comfy_table::Cell::new("●").set_alignment(CellAlignment::Center)
                        }
                        GridCell::NoMark | GridCell::Blank => comfy_table::Cell::new(""),
                        GridCell::Text(text) => comfy_table::Cell::new(text),
                    }
                }));
            table.add_row(row);
        }
        format!("{table}\n")
    }
}
