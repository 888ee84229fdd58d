//! Located, actionable problems: the one shape shared by topology validation and compose lint.

use serde::Serialize;
use std::fmt::Write as _;

/// A 1-based position in a source file, with the length of the value it points at so that the
/// snippet can underline exactly that value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Location {
    pub line: u64,
    pub column: u64,
    #[serde(skip)]
    pub length: u64,
}

impl Location {
    pub const fn new(line: u64, column: u64, length: u64) -> Self {
        Self {
            line,
            column,
            length,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One problem, told the way rustc tells it: what is wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, location: Option<Location>, message: String) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            location,
            message,
            help: None,
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:col`, or just the file when the position is unknown.
    pub fn position(&self) -> String {
        match self.location {
            Some(at) => format!("{}:{}:{}", self.file, at.line, at.column),
            None => self.file.clone(),
        }
    }

    /// Renders the rustc-like text form; `source` is the file's text, for the snippet.
    pub fn render(&self, source: Option<&str>) -> String {
        let mut out = format!("{}: {}\n", self.severity.as_str(), self.message);
        let _ = writeln!(out, "  --> {}", self.position());
        if let (Some(at), Some(text)) = (self.location, source) {
            out.push_str(&snippet(text, at));
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "   = help: {help}");
        }
        out
    }
}

/// Long lines are cut to a window around the value so that a minified file stays readable.
const SNIPPET_WIDTH: usize = 100;

/// The source line at `at` with a caret line under the value; empty when the line is gone.
fn snippet(text: &str, at: Location) -> String {
    let Some(line) = usize::try_from(at.line)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|index| text.lines().nth(index))
    else {
        return String::new();
    };
    let chars: Vec<char> = line.chars().collect();
    let column = usize::try_from(at.column.saturating_sub(1)).unwrap_or(0);
    let window_start = column.saturating_sub(SNIPPET_WIDTH / 2).min(chars.len());
    let window_end = (window_start + SNIPPET_WIDTH).min(chars.len());
    let lead = if window_start > 0 { "…" } else { "" };
    let tail = if window_end < chars.len() { "…" } else { "" };
    let shown: String = chars[window_start..window_end].iter().collect();
    let indent: String = chars[window_start..column.clamp(window_start, window_end)]
        .iter()
        .map(|c| if *c == '\t' { '\t' } else { ' ' })
        .chain(lead.chars().map(|_| ' '))
        .collect();
    let width =
        underline_width(&chars, column, at.length).min(window_end.saturating_sub(column).max(1));
    let number = at.line.to_string();
    let gutter = " ".repeat(number.len());
    format!(
        "{gutter} |\n{number} | {lead}{shown}{tail}\n{gutter} | {indent}{}\n",
        "^".repeat(width)
    )
}

/// The value's length when known, else up to the next whitespace; always at least one caret.
fn underline_width(chars: &[char], column: usize, length: u64) -> usize {
    let rest_of_line = chars.len().saturating_sub(column);
    let wanted = if length > 0 {
        usize::try_from(length).unwrap_or(1)
    } else {
        chars
            .iter()
            .skip(column)
            .take_while(|c| !c.is_whitespace())
            .count()
    };
    wanted.clamp(1, rest_of_line.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_snippet_under_the_value() {
        let text = "networks:\n  web:\n    subnet: 10.0.0.0/33\n";
        let diagnostic = Diagnostic::error(
            "t.yaml",
            Some(Location::new(3, 13, 11)),
            "invalid CIDR".into(),
        )
        .with_help("write a network such as 10.0.0.0/16");
        let shown = diagnostic.render(Some(text));
        assert_eq!(
            shown,
            "error: invalid CIDR\n  --> t.yaml:3:13\n  |\n3 |     subnet: 10.0.0.0/33\n  |             ^^^^^^^^^^^\n   = help: write a network such as 10.0.0.0/16\n"
        );
    }

    #[test]
    fn cuts_long_lines_to_a_window_around_the_value() {
        let line = format!("key: {}x", "[".repeat(500));
        let at = Location::new(1, 506, 1);
        let shown = Diagnostic::error("t.yaml", Some(at), "here".into()).render(Some(&line));
        let source_line = shown.lines().nth(3).unwrap_or_default();
        assert!(source_line.starts_with("1 | …"), "{shown}");
        assert!(source_line.chars().count() < 120, "{shown}");
        let caret_line = shown.lines().nth(4).unwrap_or_default();
        let caret = caret_line.find('^').unwrap_or_default();
        assert_eq!(
            source_line.chars().nth(caret_line[..caret].chars().count()),
            Some('x')
        );
    }

    #[test]
    fn survives_a_location_past_the_end() {
        let diagnostic = Diagnostic::error("t.yaml", Some(Location::new(99, 99, 0)), "x".into());
        assert_eq!(
            diagnostic.render(Some("a\n")),
            "error: x\n  --> t.yaml:99:99\n"
        );
    }
}
