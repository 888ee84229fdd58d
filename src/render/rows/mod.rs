//! How each result reads as rows and columns ([`super::Tabular`]), for the table, markdown and
//! CSV renderers: one file per kind of result.

mod checks;
mod exposure;
mod matrix;

pub use exposure::ExposureTable;
pub use matrix::{REACH_CORNER, reach_cells};
