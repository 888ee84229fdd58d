//! The one YAML front end of every file netctl reads: bytes within a size cap, text parsed
//! within a budget, a tree and an ordered map whose nodes keep their line and column, and
//! errors that say where they are.
//!
//! The topology loader parses into [`Node`] and reads the tree itself, so that one run reports
//! every problem; the compose loader parses straight into its lenient types. Both read files
//! through [`read_file`], parse through [`parse`] and keep mappings in [`OrderedMap`], so a
//! cap, a budget or a position is decided in one place.

mod kind;
mod map;
mod parse;
mod source;
mod tree;

pub use kind::{Telltale, compose_telltale, topology_telltale};
pub use map::{OrderedMap, to_yaml};
pub use parse::{Budget, ParseError, location, parse, parse_documents, position, utf8};
pub use source::{SourceError, read_bounded, read_file};
pub use tree::{Node, Value, describe, location_of, typed_text, written};
