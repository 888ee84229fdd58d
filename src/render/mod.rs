//! Output formats: one renderer per format, each in its own file, behind one trait.

mod csv;
mod dot;
mod github;
mod json;
mod junit;
mod lint_text;
mod markdown;
mod mermaid;
pub mod progress;
mod rows;
mod sarif;
mod table;
pub mod terminal;
mod text;

pub use csv::Csv;
pub use dot::Dot;
pub use github::Github;
pub use json::Json;
pub use junit::Junit;
pub use lint_text::{LintFindings, LintText};
pub use markdown::Markdown;
pub use mermaid::Mermaid;
pub use rows::{ExposureTable, REACH_CORNER, reach_cells};
pub use sarif::Sarif;
pub use table::Table;
pub use text::{
    Applied, Destroyed, RuleList, Text, Validated, VerdictScreen, Verified, summary, unlisted,
};

/// A format that can show a `T`. Each format implements it for the results it can show.
pub trait Renderer<T: ?Sized> {
    fn render(&self, value: &T) -> String;
}

/// A result that reads as rows and columns; the table, markdown and CSV renderers take any.
pub trait Tabular {
    fn grid(&self) -> Grid;
}

/// Rows and columns with a heading for the row labels, before any format is applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grid {
    pub corner: String,
    pub columns: Vec<String>,
    pub rows: Vec<(String, Vec<GridCell>)>,
}

/// A cell; each format draws marks its own way (a dot, a check, `true`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GridCell {
    /// Yes (a membership).
    Mark,
    /// No (not a member): empty in tables, `false` in CSV.
    NoMark,
    /// Nothing to say.
    Blank,
    Text(String),
}
