//! Comma-separated values (RFC 4180) for spreadsheets; marks are `true`/`false`.

use super::{GridCell, Renderer, Tabular};

pub struct Csv;

impl<T: Tabular> Renderer<T> for Csv {
    fn render(&self, value: &T) -> String {
        let grid = value.grid();
        let mut out = String::new();
        push_record(
            &mut out,
            std::iter::once(grid.corner.as_str()).chain(grid.columns.iter().map(String::as_str)),
        );
        for (label, cells) in &grid.rows {
            let texts: Vec<&str> = cells
                .iter()
                .map(|cell| match cell {
                    GridCell::Mark => "true",
                    GridCell::NoMark => "false",
                    GridCell::Blank => "",
                    GridCell::Text(text) => text.as_str(),
                })
                .collect();
            push_record(&mut out, std::iter::once(label.as_str()).chain(texts));
        }
        out
    }
}

fn push_record<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let quoted: Vec<String> = fields.map(quote).collect();
    out.push_str(&quoted.join(","));
    out.push_str("\r\n");
}

fn quote(field: &str) -> String {
    if field.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_owned()
    }
}
