//! JSON, the stable format that scripts and CI consume; any serializable result renders.

use super::Renderer;
use serde::Serialize;

pub struct Json;

impl Json {
    /// As [`Renderer::render`] says it, written as it is made: a value that serializes lazily
    /// (the reach matrix's rows) is never whole in memory.
    pub fn write(value: &impl Serialize, out: &mut impl std::io::Write) -> std::io::Result<()> {
        serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::from)?;
        out.write_all(b"\n")
    }
}

impl<T: Serialize> Renderer<T> for Json {
    fn render(&self, value: &T) -> String {
        match serde_json::to_string_pretty(value) {
            Ok(mut text) => {
                text.push('\n');
                text
            }
            Err(error) => format!("{{\"error\": {:?}}}\n", error.to_string()),
        }
    }
}
