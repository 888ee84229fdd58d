//! Comma-separated values (RFC 4180) for spreadsheets; marks are `true`/`false`.

use super::{GridCell, Renderer, Tabular};
use std::io::Write;

pub struct Csv;

impl<T: Tabular> Renderer<T> for Csv {
    fn render(&self, value: &T) -> String {
        let grid = value.grid();
        let mut out = Vec::new();
        let rows = grid.rows.into_iter();
        // Writing into memory cannot fail.
        let _ = Csv::write(&grid.corner, &grid.columns, rows, &mut out);
        String::from_utf8_lossy(&out).into_owned()
    }
}

impl Csv {
    /// The records as they come: a streamed table holds one row at a time.
    pub fn write(
        corner: &str,
        columns: &[String],
        rows: impl Iterator<Item = (String, Vec<GridCell>)>,
        out: &mut impl Write,
    ) -> std::io::Result<()> {
        let header = std::iter::once(corner).chain(columns.iter().map(String::as_str));
        write_record(out, header)?;
        for (label, cells) in rows {
            let texts = cells.iter().map(|cell| match cell {
                GridCell::Mark => "true",
                GridCell::NoMark => "false",
                GridCell::Blank => "",
                GridCell::Text(text) => text.as_str(),
            });
            write_record(out, std::iter::once(label.as_str()).chain(texts))?;
        }
        Ok(())
    }
}

fn write_record<'a>(
    out: &mut impl Write,
    fields: impl Iterator<Item = &'a str>,
) -> std::io::Result<()> {
    let quoted: Vec<String> = fields.map(quote).collect();
    out.write_all(quoted.join(",").as_bytes())?;
    out.write_all(b"\r\n")
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
