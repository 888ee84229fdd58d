//! The verdict of a probe, verify or demo run in one screen: a summary line, the service ×
//! service grid (a list when the grid cannot fit the width), and the failures grouped by root
//! cause with what to do. Every check, row by row, is `-v`'s table.

use super::Text;
use super::verify::{summary, unlisted};
use crate::probe::causes::Cause;
use crate::probe::{CheckResult, Expected, Report, Status};
use crate::render::Renderer;
use crate::render::terminal::{Paint, Terminal};
use std::collections::HashMap;
use std::fmt::Write;
use std::time::Duration;

/// A run as the screen shows it.
pub struct VerdictScreen<'a> {
    pub report: &'a Report,
    /// The grid's rows and columns, in the topology's order.
    pub services: Vec<&'a str>,
    pub causes: &'a [Cause],
    pub strategy: &'a str,
    pub api_calls: usize,
    pub elapsed: Duration,
    pub terminal: Terminal,
    /// `-q`: only what went wrong, nothing when everything held.
    pub only_causes: bool,
}

/// What a grid cell shows for one ordered pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cell {
    Reachable,
    Isolated,
    Failed,
    /// Skipped or unknown: not judged.
    Unjudged,
    /// No check for the pair (the diagonal, a service without checks).
    Empty,
}

/// Longest name a grid row shows in full.
const NAME_WIDTH: usize = 24;
/// Row and column keys of the grid: a service per letter.
const KEYS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Pairs named under a cause before "+N more".
const PAIRS_SHOWN: usize = 4;

impl Renderer<VerdictScreen<'_>> for Text {
    fn render(&self, screen: &VerdictScreen<'_>) -> String {
        if screen.only_causes {
            return screen
                .causes
                .iter()
                .map(|cause| cause_lines(cause, &screen.terminal))
                .collect();
        }
        let mut out = headline(screen);
        let cells = cells(&screen.report.checks);
        if !cells.is_empty() {
            out.push('\n');
            let grid = grid(screen, &cells);
            out.push_str(&grid.unwrap_or_else(|| list(screen, &cells)));
        }
        out.push_str(&unlisted(screen.report));
        if !screen.causes.is_empty() {
            out.push('\n');
            for cause in screen.causes {
                out.push_str(&cause_lines(cause, &screen.terminal));
            }
        }
        out
    }
}

/// `ok: 524 passed, 0 failed, 0 skipped in 3.1 s (netns, 17 API calls)`: the strategy is in the brackets.
fn headline(screen: &VerdictScreen<'_>) -> String {
    let line = summary(screen.report);
    let (verdict, rest) = line.split_once(':').unwrap_or((&line, ""));
    let paint = if screen.report.holds() {
        Paint::Green
    } else {
        Paint::Red
    };
    let plain = format!(
        "{verdict}:{rest} in {} ({}, {} API calls)",
        took(screen.elapsed),
        screen.strategy,
        screen.api_calls
    );
    let mut out = wrap(&plain, screen.terminal.width, 0, 2);
    out.replace_range(..verdict.len(), &screen.terminal.paint(paint, verdict));
    out
}

/// `840 ms` under a second, `10.7 s` above.
fn took(elapsed: Duration) -> String {
    if elapsed < Duration::from_secs(1) {
        format!("{} ms", elapsed.as_millis())
    } else {
        format!("{:.1} s", elapsed.as_secs_f64())
    }
}

/// Each ordered pair's cell: a failure wins, then a check not judged, then what held.
fn cells(checks: &[CheckResult]) -> HashMap<(&str, &str), Cell> {
    let mut cells: HashMap<(&str, &str), Cell> = HashMap::new();
    for check in checks {
        let this = match (check.status, check.expected) {
            (Status::Failed, _) => Cell::Failed,
            (Status::Skipped | Status::Unknown, _) => Cell::Unjudged,
            (Status::Passed, Expected::Reachable) => Cell::Reachable,
            (Status::Passed, Expected::Isolated) => Cell::Isolated,
        };
        let cell = cells
            .entry((check.from.as_str(), check.to.as_str()))
            .or_insert(this);
        *cell = worse(*cell, this);
    }
    cells
}

fn worse(a: Cell, b: Cell) -> Cell {
    let rank = |cell| match cell {
        Cell::Failed => 4,
        Cell::Unjudged => 3,
        Cell::Reachable => 2,
        Cell::Isolated => 1,
        Cell::Empty => 0,
    };
    if rank(b) > rank(a) { b } else { a }
}

fn mark(cell: Cell, terminal: &Terminal) -> String {
    let (unicode, ascii, paint) = match cell {
        Cell::Reachable => ("✓", "+", Paint::Green),
        Cell::Isolated => ("·", ".", Paint::Dim),
        Cell::Failed => ("✗", "x", Paint::Red),
        Cell::Unjudged => ("?", "?", Paint::Yellow),
        Cell::Empty => return " ".to_owned(),
    };
    terminal.paint(paint, terminal.symbol(unicode, ascii))
}

fn legend(terminal: &Terminal) -> String {
    [
        (Cell::Reachable, "reachable"),
        (Cell::Isolated, "isolated"),
        (Cell::Failed, "failed"),
        (Cell::Unjudged, "skipped or unknown"),
    ]
    .iter()
    .map(|(cell, word)| format!("{} {word}", mark(*cell, terminal)))
    .collect::<Vec<_>>()
    .join("  ")
}

fn shortened(name: &str, terminal: &Terminal) -> String {
    if name.chars().count() <= NAME_WIDTH {
        return name.to_owned();
    }
    let kept: String = name.chars().take(NAME_WIDTH - 1).collect();
    format!("{kept}{}", terminal.symbol("…", "~"))
}

/// Rows are sources, columns targets, each keyed by a letter; `None` when it cannot fit.
fn grid(screen: &VerdictScreen<'_>, cells: &HashMap<(&str, &str), Cell>) -> Option<String> {
    let terminal = &screen.terminal;
    let services = &screen.services;
    if services.len() > KEYS.len() {
        return None;
    }
    let names: Vec<String> = services.iter().map(|s| shortened(s, terminal)).collect();
    let name_width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
    let lead = 2 + name_width + 2;
    if lead + services.len() * 2 > terminal.width + 1 {
        return None;
    }
    let keys: Vec<char> = KEYS
        .iter()
        .take(services.len())
        .map(|&k| char::from(k))
        .collect();
    let mut out = format!(
        "{:lead$}{}\n",
        "",
        keys.iter()
            .map(char::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    );
    for ((from, name), key) in services.iter().zip(&names).zip(&keys) {
        let row: Vec<String> = services
            .iter()
            .map(|to| mark(*cells.get(&(*from, *to)).unwrap_or(&Cell::Empty), terminal))
            .collect();
        let _ = writeln!(
            out,
            "{key} {name:name_width$}  {}",
            row.join(" ").trim_end()
        );
    }
    let _ = writeln!(out, "{}", legend(terminal));
    Some(out)
}

/// One line per source when the grid is too wide: what it reaches and stays apart from by
/// count, what failed or was not judged by name.
fn list(screen: &VerdictScreen<'_>, cells: &HashMap<(&str, &str), Cell>) -> String {
    let terminal = &screen.terminal;
    let mut out = String::new();
    for from in &screen.services {
        let toward = |wanted: Cell| -> Vec<&str> {
            screen
                .services
                .iter()
                .filter(|to| cells.get(&(*from, **to)) == Some(&wanted))
                .copied()
                .collect()
        };
        let mut parts = vec![
            format!(
                "{} {}",
                mark(Cell::Reachable, terminal),
                toward(Cell::Reachable).len()
            ),
            format!(
                "{} {}",
                mark(Cell::Isolated, terminal),
                toward(Cell::Isolated).len()
            ),
        ];
        for cell in [Cell::Failed, Cell::Unjudged] {
            let named = toward(cell);
            if !named.is_empty() {
                parts.push(format!("{} {}", mark(cell, terminal), named.join(", ")));
            }
        }
        out.push_str(&wrap(
            &format!("{from}: {}", parts.join("  ")),
            terminal.width,
            0,
            4,
        ));
    }
    let _ = writeln!(out, "{}", legend(terminal));
    out
}

/// `✗ what (reach): fix`, then the pairs it affects, both wrapped to the width.
fn cause_lines(cause: &Cause, terminal: &Terminal) -> String {
    let (symbol, paint) = match cause.status {
        Status::Failed => (terminal.symbol("✗", "x"), Paint::Red),
        _ => ("?", Paint::Yellow),
    };
    let fix = if cause.fix.is_empty() {
        String::new()
    } else {
        format!(": {}", cause.fix)
    };
    let head = format!("{symbol} {} ({}){fix}", cause.what, cause.reach);
    let mut out = wrap(&head, terminal.width, 0, 2);
    if let Some(first) = out.get(..symbol.len()) {
        let painted = terminal.paint(paint, first);
        out.replace_range(..symbol.len(), &painted);
    }
    if !cause.pairs.is_empty() {
        let mut pairs = pair_words(&cause.pairs, terminal);
        if pairs.len() > PAIRS_SHOWN {
            let more = pairs.len() - PAIRS_SHOWN;
            pairs.truncate(PAIRS_SHOWN);
            pairs.push(format!("+{more} more"));
        }
        out.push_str(&wrap(&pairs.join(", "), terminal.width, 2, 4));
    }
    out
}

/// `a ↔ b` for a pair broken both ways, `a → b` for one way, in first-seen order.
fn pair_words(pairs: &[(String, String)], terminal: &Terminal) -> Vec<String> {
    let (both, one) = (terminal.symbol("↔", "<->"), terminal.symbol("→", "->"));
    let mut words = Vec::new();
    for (index, (from, to)) in pairs.iter().enumerate() {
        let back = |(f, t): &(String, String)| f == to && t == from;
        if pairs[..index].iter().any(back) {
            continue;
        }
        let arrow = if pairs[index..].iter().any(back) {
            both
        } else {
            one
        };
        words.push(format!("{from} {arrow} {to}"));
    }
    words
}

/// Breaks a line at spaces so that no piece is wider than `width`; the first piece is
/// indented by `first`, the others by `rest`. A word wider than the width stays whole.
fn wrap(text: &str, width: usize, first: usize, rest: usize) -> String {
    let mut out = String::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let wide = line.chars().count() + 1 + word.chars().count();
        if !empty && wide > width {
            out.push_str(&line);
            out.push('\n');
            line = " ".repeat(rest);
            empty = true;
        }
        if !empty {
            line.push(' ');
        }
        line.push_str(word);
        empty = false;
    }
    out.push_str(&line);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_every_line_within_the_width() {
        let text = "x hub-backend is not on `shared` (3 services expect to reach it): `netctl apply` reconnects it";
        let wrapped = wrap(text, 40, 0, 2);
        assert!(
            wrapped.lines().all(|l| l.chars().count() <= 40),
            "{wrapped}"
        );
        assert_eq!(
            wrapped.split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
        assert!(wrapped.lines().skip(1).all(|l| l.starts_with("  ")));
    }

    #[test]
    fn a_failure_outranks_everything_in_a_cell() {
        assert_eq!(worse(Cell::Reachable, Cell::Failed), Cell::Failed);
        assert_eq!(worse(Cell::Failed, Cell::Unjudged), Cell::Failed);
        assert_eq!(worse(Cell::Isolated, Cell::Unjudged), Cell::Unjudged);
    }
}
