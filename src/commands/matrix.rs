//! `netctl matrix`: service × network membership, or service × service reach, from a file.

use super::{Error, Outcome, load_topology, print};
use crate::cli::{MatrixArgs, MatrixFormat};
use crate::matrix;
use crate::render::{Csv, Json, Markdown, Renderer, Table, Tabular};
use serde::Serialize;

pub fn run(args: &MatrixArgs) -> Result<Outcome, Error> {
    if args.live {
        return super::matrix_live::run(args);
    }
    let topology = load_topology(args.topology.given())?;
    let text = if args.reach {
        render(&matrix::reach(&topology), args.output)
    } else {
        render(&matrix::membership(&topology), args.output)
    };
    print(&text)
}

pub(super) fn render<T: Tabular + Serialize>(value: &T, format: MatrixFormat) -> String {
    let renderer: &dyn Renderer<T> = match format {
        MatrixFormat::Table => &Table,
        MatrixFormat::Markdown => &Markdown,
        MatrixFormat::Json => &Json,
        MatrixFormat::Csv => &Csv,
    };
    renderer.render(value)
}
