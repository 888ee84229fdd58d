//! JSON, the stable format that scripts and CI consume; any serializable result renders.

use super::Renderer;
use serde::Serialize;

pub struct Json;

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
