//! Compose variable interpolation (`$VAR`, `${VAR:-default}`, ...) and `.env` files.
//!
//! netctl expands values itself rather than letting the YAML parser do it: an unset variable
//! must become an empty string plus a located note, never an error, because CI jobs lint
//! files whose secrets (`${DB_PASSWORD:?required}`) are not set. A reference Compose cannot
//! read at all (`${`, `${}`, `${ foo}`, `${foo!}`) is another matter: [`check_syntax`] finds
//! it, as Compose's own template parser would, so the loader can refuse the file.

use std::collections::HashMap;

/// Variables visible to a project: the process environment wins over `.env`, as in Compose.
#[derive(Debug, Clone, Default)]
pub struct Variables(HashMap<String, String>);

/// The result of expanding one value: the text, and the names that were unset.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Expanded {
    pub text: String,
    pub unset: Vec<String>,
}

/// Nested defaults (`${A:-${B:-x}}`) deeper than this are left as written.
const MAX_DEPTH: usize = 8;

impl Variables {
    pub fn new(values: HashMap<String, String>) -> Self {
        Self(values)
    }

    /// These variables over `defaults`: what an included file sees, its own `.env` giving
    /// values the including project's environment has not already set.
    pub fn over(&self, defaults: HashMap<String, String>) -> Self {
        let mut values = defaults;
        values.extend(self.0.iter().map(|(k, v)| (k.clone(), v.clone())));
        Self(values)
    }

    /// The environment of this process over the `.env` text (if any).
    pub fn from_environment(dotenv: Option<&str>) -> Self {
        let mut values = dotenv.map(parse_dotenv).unwrap_or_default();
        values.extend(std::env::vars());
        Self(values)
    }

    pub fn expand(&self, text: &str) -> Expanded {
        let mut expanded = Expanded::default();
        expanded.text = self.expand_into(text, 0, &mut expanded.unset);
        expanded
    }

    fn expand_into(&self, text: &str, depth: usize, unset: &mut Vec<String>) -> String {
        if !text.contains('$') || depth > MAX_DEPTH {
            return text.to_owned();
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(dollar) = rest.find('$') {
            out.push_str(&rest[..dollar]);
            let after = &rest[dollar + 1..];
            let (replacement, consumed) = self.reference(after, depth, unset);
            out.push_str(&replacement);
            rest = &after[consumed..];
        }
        out.push_str(rest);
        out
    }

    /// Expands the reference that follows a `$`; returns the text and the bytes consumed.
    fn reference(&self, after: &str, depth: usize, unset: &mut Vec<String>) -> (String, usize) {
        if after.starts_with('$') {
            return ("$".to_owned(), 1);
        }
        if let Some(body) = after.strip_prefix('{') {
            return match closing_brace(body) {
                Some(end) => (self.braced(&body[..end], depth, unset), end + 2),
                None => ("$".to_owned(), 0),
            };
        }
        let length = name_length(after);
        if length == 0 {
            return ("$".to_owned(), 0);
        }
        (self.lookup(&after[..length], unset), length)
    }

    fn braced(&self, body: &str, depth: usize, unset: &mut Vec<String>) -> String {
        let length = name_length(body);
        let (name, operator) = body.split_at(length);
        if name.is_empty() {
            return format!("${{{body}}}");
        }
        let value = self.0.get(name);
        let set_and_nonempty = value.is_some_and(|v| !v.is_empty());
        let nested = |text: &str, unset: &mut Vec<String>| self.expand_into(text, depth + 1, unset);
        if let Some(default) = operator.strip_prefix(":-") {
            return match value.filter(|_| set_and_nonempty) {
                Some(v) => v.clone(),
                None => nested(default, unset),
            };
        }
        if let Some(default) = operator.strip_prefix('-') {
            return match value {
                Some(v) => v.clone(),
                None => nested(default, unset),
            };
        }
        if let Some(replacement) = operator.strip_prefix(":+") {
            return if set_and_nonempty {
                nested(replacement, unset)
            } else {
                String::new()
            };
        }
        if let Some(replacement) = operator.strip_prefix('+') {
            return if value.is_some() {
                nested(replacement, unset)
            } else {
                String::new()
            };
        }
        // `${NAME}`, `${NAME?err}`, `${NAME:?err}` and anything unknown: the plain value.
        self.lookup(name, unset)
    }

    fn lookup(&self, name: &str, unset: &mut Vec<String>) -> String {
        match self.0.get(name) {
            Some(value) => value.clone(),
            None => {
                if !unset.iter().any(|known| known == name) {
                    unset.push(name.to_owned());
                }
                String::new()
            }
        }
    }
}

/// Length in bytes of the variable name at the start of `text`.
fn name_length(text: &str) -> usize {
    let mut chars = text.char_indices();
    match chars.next() {
        Some((_, c)) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return 0,
    }
    chars
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_'))
        .map_or(text.len(), |(index, _)| index)
}

/// The index in `body` (the text after a `${`) of the `}` that closes it, counting the braces
/// opened within, as Compose's template parser counts them.
fn closing_brace(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (index, byte) in body.bytes().enumerate() {
        match byte {
            b'{' => depth += 1,
            b'}' if depth == 0 => return Some(index),
            b'}' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The operators Compose reads after a braced name, longest first so `:-` is not taken for `-`.
const OPERATORS: [&str; 6] = [":-", ":?", ":+", "-", "?", "+"];

/// A `${...}` that Compose's template parser cannot read, so Compose refuses the whole file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InterpolationError {
    #[error("`{0}` is never closed with `}}`")]
    Unclosed(String),
    #[error("`{0}` is not a variable reference")]
    Malformed(String),
}

impl InterpolationError {
    /// What to write instead, for the diagnostic's help.
    pub fn help(&self) -> &'static str {
        "write `${NAME}` or `${NAME:-default}` (also `-`, `:?`, `?`, `:+`, `+`), with no spaces \
         inside the braces; for a literal `$`, write `$$`"
    }
}

/// Whether Compose can read every `${...}` in `text`: a name (letters, digits, `_`, not
/// starting with a digit) right after the brace, then `}` or an operator whose argument is
/// checked in turn. A `$` before anything other than `{` is a plain `$VAR` or a literal `$`.
pub fn check_syntax(text: &str) -> Result<(), InterpolationError> {
    check_nested(text, 0)
}

/// [`check_syntax`] within `depth` levels of defaults; deeper ones, which [`Variables::expand`]
/// leaves as written anyway, are not checked, so that no input can exhaust the stack.
fn check_nested(text: &str, depth: usize) -> Result<(), InterpolationError> {
    if depth > MAX_DEPTH {
        return Ok(());
    }
    let mut rest = text;
    while let Some(dollar) = rest.find('$') {
        let after = &rest[dollar + 1..];
        if let Some(escaped) = after.strip_prefix('$') {
            rest = escaped;
            continue;
        }
        let Some(body) = after.strip_prefix('{') else {
            rest = after;
            continue;
        };
        let end = closing_brace(body)
            .ok_or_else(|| InterpolationError::Unclosed(format!("${{{}", shown(body))))?;
        check_braced(&body[..end], depth)?;
        rest = &body[end + 1..];
    }
    Ok(())
}

/// The inside of one `${...}`: a name, then nothing or an operator and its argument.
fn check_braced(body: &str, depth: usize) -> Result<(), InterpolationError> {
    let malformed = || InterpolationError::Malformed(format!("${{{body}}}"));
    let length = name_length(body);
    if length == 0 {
        return Err(malformed());
    }
    let operator = &body[length..];
    if operator.is_empty() {
        return Ok(());
    }
    let argument = OPERATORS
        .iter()
        .find_map(|op| operator.strip_prefix(op))
        .ok_or_else(malformed)?;
    check_nested(argument, depth + 1)
}

/// The start of an unclosed reference, cut short for a message.
fn shown(body: &str) -> String {
    const SHOWN: usize = 30;
    match body.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("{}…", &body[..cut]),
        None => body.to_owned(),
    }
}

/// `KEY=value` lines; `#` comments, `export ` prefixes and surrounding quotes are dropped.
pub fn parse_dotenv(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let line = line.strip_prefix("export ").unwrap_or(line);
            let (key, value) = line.split_once('=')?;
            Some((key.trim().to_owned(), unquote(value.trim()).to_owned()))
        })
        .collect()
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|v| v.strip_suffix(quote))
        {
            return inner;
        }
    }
    match value.find(" #") {
        Some(comment) => value[..comment].trim_end(),
        None => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn variables() -> Variables {
        Variables::new(HashMap::from([
            ("TAG".to_owned(), "16".to_owned()),
            ("EMPTY".to_owned(), String::new()),
        ]))
    }

    #[test]
    fn expands_every_form() {
        let v = variables();
        assert_eq!(v.expand("postgres:${TAG}").text, "postgres:16");
        assert_eq!(v.expand("postgres:$TAG").text, "postgres:16");
        assert_eq!(v.expand("${MISSING:-5432}:5432").text, "5432:5432");
        assert_eq!(v.expand("${EMPTY:-x}").text, "x");
        assert_eq!(v.expand("${EMPTY-x}").text, "");
        assert_eq!(v.expand("${TAG:+yes}").text, "yes");
        assert_eq!(v.expand("${MISSING+yes}").text, "");
        assert_eq!(v.expand("$${TAG}").text, "${TAG}");
        assert_eq!(v.expand("${A:-${B:-deep}}").text, "deep");
        assert_eq!(v.expand("cost $5").text, "cost $5");
        assert_eq!(v.expand("${unclosed").text, "${unclosed");
    }

    #[test]
    fn unset_becomes_empty_and_is_reported_once() {
        let expanded = variables().expand("${PASS:?required}-$PASS");
        assert_eq!(expanded.text, "-");
        assert_eq!(expanded.unset, vec!["PASS".to_owned()]);
    }

    #[test]
    fn malformed_references_are_told_apart_from_literal_dollars() {
        for good in [
            "plain",
            "$TAG and ${TAG}",
            "${TAG:-x} ${TAG-} ${TAG:?need it} ${TAG?} ${TAG:+y} ${TAG+y}",
            "${A:-${B:-deep}}",
            "$$ and $${not_a_reference and cost $5 and a trailing $",
            "${a_1}",
        ] {
            assert_eq!(check_syntax(good), Ok(()), "{good}");
        }
        for bad in [
            "${",
            "${}",
            "${ foo}",
            "${foo }",
            "${foo!}",
            "${foo:bar}",
            "${1x}",
            "${A:-${}}",
        ] {
            assert!(check_syntax(bad).is_err(), "{bad}");
        }
        assert_eq!(
            check_syntax("x ${unclosed"),
            Err(InterpolationError::Unclosed("${unclosed".to_owned()))
        );
        let deep = "${A:-".repeat(100_000) + &"}".repeat(100_000);
        assert_eq!(check_syntax(&deep), Ok(()));
        assert_eq!(
            check_syntax("${foo!}").map_err(|e| e.to_string()),
            Err("`${foo!}` is not a variable reference".to_owned())
        );
    }

    #[test]
    fn the_including_environment_wins_over_an_included_dotenv() {
        let included = variables().over(HashMap::from([
            ("TAG".to_owned(), "from-dotenv".to_owned()),
            ("NET".to_owned(), "backend".to_owned()),
        ]));
        assert_eq!(included.expand("$TAG/$NET").text, "16/backend");
    }

    #[test]
    fn reads_dotenv() {
        let values = parse_dotenv("# c\nexport A=1\nB=\"two words\"\nC=x # note\n");
        assert_eq!(values["A"], "1");
        assert_eq!(values["B"], "two words");
        assert_eq!(values["C"], "x");
    }
}
