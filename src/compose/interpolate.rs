//! Compose variable interpolation (`$VAR`, `${VAR:-default}`, ...) and `.env` files.
//!
//! netctl expands values itself rather than letting the YAML parser do it: an unset variable
//! must become an empty string plus a located note, never an error, because CI jobs lint
//! files whose secrets (`${DB_PASSWORD:?required}`) are not set.

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

/// The index of the `}` that closes a `${`, counting nested `${ }` pairs.
fn closing_brace(body: &str) -> Option<usize> {
    let mut depth = 0usize;
    let bytes = body.as_bytes();
    for (index, byte) in bytes.iter().enumerate() {
        match byte {
            b'{' if index > 0 && bytes[index - 1] == b'$' => depth += 1,
            b'}' if depth == 0 => return Some(index),
            b'}' => depth -= 1,
            b'\n' => return None,
            _ => {}
        }
    }
    None
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
    fn reads_dotenv() {
        let values = parse_dotenv("# c\nexport A=1\nB=\"two words\"\nC=x # note\n");
        assert_eq!(values["A"], "1");
        assert_eq!(values["B"], "two words");
        assert_eq!(values["C"], "x");
    }
}
