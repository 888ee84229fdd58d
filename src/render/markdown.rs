//! GitHub-flavoured Markdown tables, for wikis and pull requests.

use super::{GridCell, Renderer, Tabular};

pub struct Markdown;

impl<T: Tabular> Renderer<T> for Markdown {
    fn render(&self, value: &T) -> String {
        let grid = value.grid();
        let mut out = String::new();
        let header: Vec<String> = std::iter::once(grid.corner.as_str())
            .chain(grid.columns.iter().map(String::as_str))
            .map(escape)
            .collect();
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        out.push_str(&format!(
            "|{}\n",
            std::iter::once("---|".to_owned())
                .chain(grid.columns.iter().map(|_| ":---:|".to_owned()))
                .collect::<String>()
        ));
        for (label, cells) in &grid.rows {
            let cells: Vec<String> = std::iter::once(escape(label))
                .chain(cells.iter().map(|cell| match cell {
                    GridCell::Mark => "✓".to_owned(),
                    GridCell::NoMark | GridCell::Blank => String::new(),
                    GridCell::Text(text) => escape(text),
                }))
                .collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out
    }
}

/// A pipe would end the cell; a backslash keeps it as text.
fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}
