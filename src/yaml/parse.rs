//! Text to a typed value or a tree within a format's budget, and where YAML puts things: the
//! one copy of the code that turns the parser's positions into diagnostics' locations.

use crate::diagnostic::{Diagnostic, Location};
use serde::de::DeserializeOwned;

/// What one format lets a file cost. Each budget keeps alias bombs and deep nesting from
/// eating memory or stack; a format sets them well above any real file.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// Bytes read from a file at most; a longer file is refused before parsing.
    pub max_bytes: u64,
    pub max_depth: usize,
    pub max_nodes: usize,
    pub max_events: usize,
    pub max_aliases: usize,
    /// `None` keeps serde-saphyr's default.
    pub max_merge_keys: Option<usize>,
    /// `None` keeps serde-saphyr's default.
    pub max_recorded_anchor_events: Option<usize>,
    /// Events that alias expansion may replay in all; `None` keeps serde-saphyr's default.
    pub max_replayed_events: Option<usize>,
    /// Repeated keys and non-finite numbers reach the caller instead of stopping the parser,
    /// for a reader that reports them with everything else.
    pub lenient: bool,
}

impl Budget {
    fn options(&self) -> serde_saphyr::Options {
        let mut budget = serde_saphyr::Budget::default();
        budget.max_depth = self.max_depth;
        budget.max_nodes = self.max_nodes;
        budget.max_events = self.max_events;
        budget.max_aliases = self.max_aliases;
        if let Some(merge_keys) = self.max_merge_keys {
            budget.max_merge_keys = merge_keys;
        }
        if let Some(anchor_events) = self.max_recorded_anchor_events {
            budget.max_recorded_anchor_events = anchor_events;
        }
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(budget);
        if let Some(replayed) = self.max_replayed_events {
            options.alias_limits.max_total_replayed_events = replayed;
        }
        if self.lenient {
            options.duplicate_keys = serde_saphyr::DuplicateKeyPolicy::PassThrough;
            options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::AsString;
        }
        options
    }
}

/// Where and why the parser stopped: bad syntax, a wrong type, or a breached budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub location: Option<Location>,
    /// The library's message without its own location suffix or snippet: ours come
    /// separately.
    pub message: String,
}

impl ParseError {
    fn of(error: &serde_saphyr::Error) -> Self {
        let text = error.without_snippet().to_string();
        let first_line = text.lines().next().unwrap_or_default();
        let message = match first_line.rfind(" at line ") {
            Some(cut) => first_line[..cut].to_owned(),
            None => first_line.to_owned(),
        };
        Self {
            location: error_location(error),
            message,
        }
    }

    /// The limit a budget put on the file, in words (`merge keys`), when one stopped it.
    pub fn breached_limit(&self) -> Option<String> {
        let rest = self.message.strip_prefix("budget breached: ")?;
        let limit = rest.split([' ', '{']).next().unwrap_or(rest);
        Some(words_of(limit))
    }
}

/// `MergeKeys` → `merge keys`: the budget names its limits as Rust identifiers.
fn words_of(identifier: &str) -> String {
    let mut words = String::new();
    for c in identifier.chars() {
        if c.is_uppercase() && !words.is_empty() {
            words.push(' ');
        }
        words.extend(c.to_lowercase());
    }
    words
}

/// `text` as `T`, within `budget`.
pub fn parse<T: DeserializeOwned>(text: &str, budget: &Budget) -> Result<T, ParseError> {
    serde_saphyr::from_str_with_options(text, budget.options()).map_err(|e| ParseError::of(&e))
}

/// Every document of a multi-document stream (`---` between them) as `T`, in order, within
/// `budget`; empty documents are skipped. A format that merges its documents (Compose does,
/// as if they were successive files) reads them all rather than stopping at the first.
pub fn parse_documents<T: DeserializeOwned>(
    text: &str,
    budget: &Budget,
) -> Result<Vec<T>, ParseError> {
    serde_saphyr::from_multiple_with_options(text, budget.options()).map_err(|e| ParseError::of(&e))
}

/// A file's bytes as text, or the problem located at the first byte that is not UTF-8.
pub fn utf8<'b>(bytes: &'b [u8], file: &str) -> Result<&'b str, Box<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|error| {
        let location = byte_location(bytes, error.valid_up_to());
        Box::new(
            Diagnostic::error(file, Some(location), "the file is not valid UTF-8".into())
                .with_help("save the file as UTF-8"),
        )
    })
}

/// 1-based line and column of a byte offset, counting characters of the valid prefix.
fn byte_location(bytes: &[u8], offset: usize) -> Location {
    let prefix = String::from_utf8_lossy(&bytes[..offset.min(bytes.len())]);
    let line = prefix.matches('\n').count() + 1;
    let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Location::new(line as u64, column as u64, 1)
}

/// Where serde-saphyr places a parse error, when it knows.
fn error_location(error: &serde_saphyr::Error) -> Option<Location> {
    error.location().and_then(location)
}

/// A parser position as a diagnostic's location; `None` when the parser could not say.
pub fn location(at: serde_saphyr::Location) -> Option<Location> {
    (at.line() > 0).then(|| position(at))
}

/// A parser position as it is, for values whose position the parser always knows.
pub fn position(at: serde_saphyr::Location) -> Location {
    Location::new(at.line(), at.column(), at.span().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TIGHT: Budget = Budget {
        max_bytes: 1024,
        max_depth: 4,
        max_nodes: 100,
        max_events: 200,
        max_aliases: 10,
        max_merge_keys: None,
        max_recorded_anchor_events: None,
        max_replayed_events: None,
        lenient: false,
    };

    #[test]
    fn a_syntax_error_has_its_place_and_a_bare_message() {
        let error = parse::<super::super::Node>("a: [1\nb: 2\n", &TIGHT).expect_err("bad YAML");
        assert!(error.location.is_some());
        assert!(!error.message.contains(" at line "), "{}", error.message);
        assert_eq!(error.breached_limit(), None);
    }

    #[test]
    fn a_breached_budget_names_its_limit_in_words() {
        let error = parse::<super::super::Node>("a: [[[[[[1]]]]]]\n", &TIGHT).expect_err("deep");
        assert_eq!(error.breached_limit().as_deref(), Some("depth"));
    }

    #[test]
    fn every_document_is_read_with_its_own_place() {
        let documents: Vec<super::super::Node> =
            parse_documents("a: 1\n---\n---\nb: 2\n", &TIGHT).expect("two documents");
        assert_eq!(documents.len(), 2);
        let second = documents.get(1).map(|node| location(node.referenced));
        assert_eq!(second.flatten().map(|at| at.line), Some(4));
    }

    #[test]
    fn invalid_utf8_is_placed_at_its_first_bad_byte() {
        let diagnostic = utf8(b"a: 1\nb: \xff\n", "f.yaml").expect_err("not UTF-8");
        assert_eq!(diagnostic.location, Some(Location::new(2, 4, 1)));
        assert_eq!(utf8(b"a: 1\n", "f.yaml").ok(), Some("a: 1\n"));
    }
}
