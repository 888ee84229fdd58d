//! Inline suppressions: `# netctl-lint ignore=NL003` (or a rule name, or a comma list) on the
//! line of the finding, or alone on the line above it.

const MARKER: &str = "netctl-lint ignore=";

/// Whether a comment on `line` (1-based) or on the line above suppresses rule `id`/`name`.
pub fn is_ignored(text: &str, line: u64, id: &str, name: &str) -> bool {
    let Some(index) = usize::try_from(line).ok().and_then(|l| l.checked_sub(1)) else {
        return false;
    };
    let mut lines = text.lines().skip(index.saturating_sub(1));
    let above = if index > 0 { lines.next() } else { None };
    let same = lines.next();
    let above_is_comment = above.is_some_and(|l| l.trim_start().starts_with('#'));
    same.is_some_and(|l| names_rule(l, id, name))
        || (above_is_comment && above.is_some_and(|l| names_rule(l, id, name)))
}

fn names_rule(line: &str, id: &str, name: &str) -> bool {
    let Some(comment) = line.find('#').map(|at| &line[at..]) else {
        return false;
    };
    let Some(start) = comment.find(MARKER) else {
        return false;
    };
    comment[start + MARKER.len()..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .split(',')
        .any(|listed| {
            listed.eq_ignore_ascii_case(id) || listed.eq_ignore_ascii_case(name) || listed == "all"
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "a:\n  # netctl-lint ignore=NL007\n  network_mode: host\n  ports: [\"80:80\"] # netctl-lint ignore=port-on-all-interfaces,NL002\n  x: 1 # netctl-lint ignore=NL001\n  y: 2\n";

    #[test]
    fn same_line_and_line_above() {
        assert!(is_ignored(TEXT, 3, "NL007", "host-network-mode"));
        assert!(is_ignored(TEXT, 4, "NL003", "port-on-all-interfaces"));
        assert!(is_ignored(TEXT, 4, "NL002", "published-datastore-port"));
        assert!(!is_ignored(TEXT, 4, "NL001", "x"));
    }

    #[test]
    fn a_trailing_comment_does_not_cover_the_next_line() {
        assert!(!is_ignored(TEXT, 6, "NL001", "x"));
        assert!(!is_ignored(TEXT, 1, "NL007", "x"));
        assert!(!is_ignored(TEXT, 0, "NL007", "x"));
    }
}
