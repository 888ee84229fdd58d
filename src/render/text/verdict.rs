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
    /// The service a replica's checks count for (`web#2` → `web`): the grid shows each scaled
    /// service once.
    pub replicas: HashMap<&'a str, &'a str>,
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
        let cells = cells(&screen.report.checks, &screen.replicas);
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

/// `ok: 524 passed, 0 failed, 0 skipped in 3.1 s (netns, 17 API calls)`: the strategy in the
/// brackets; wrapped to the width like a cause.
fn headline(screen: &VerdictScreen<'_>) -> String {
    let line = format!(
        "{} in {} ({}, {} API calls)",
        summary(screen.report),
        took(screen.elapsed),
        screen.strategy,
        screen.api_calls
    );
    let paint = if screen.report.holds() {
        Paint::Green
    } else {
        Paint::Red
    };
    let mut out = wrap(&line, screen.terminal.width, 0, 2);
    let verdict = line.find(':').unwrap_or(0);
    if let Some(word) = out.get(..verdict) {
        let painted = screen.terminal.paint(paint, word);
        out.replace_range(..verdict, &painted);
    }
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
fn cells<'a>(
    checks: &'a [CheckResult],
    replicas: &HashMap<&'a str, &'a str>,
) -> HashMap<(&'a str, &'a str), Cell> {
    let shown = |key: &'a str| replicas.get(key).copied().unwrap_or(key);
    let mut cells: HashMap<(&str, &str), Cell> = HashMap::new();
    for check in checks {
        let this = match (check.status, check.expected) {
            (Status::Failed, _) => Cell::Failed,
            (Status::Skipped | Status::Unknown, _) => Cell::Unjudged,
            (Status::Passed, Expected::Reachable) => Cell::Reachable,
            (Status::Passed, Expected::Isolated) => Cell::Isolated,
        };
        let cell = cells
            .entry((shown(&check.from), shown(&check.to)))
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

/// The legend on one line with its wide gaps, wrapped only when the screen is narrower.
fn legend_lines(terminal: &Terminal) -> String {
    let legend = legend(terminal);
    if columns(&legend) <= terminal.width {
        legend + "\n"
    } else {
        wrap(&legend, terminal.width, 0, 0)
    }
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
    out.push_str(&legend_lines(terminal));
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
    out.push_str(&legend_lines(terminal));
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
/// indented by `first`, the others by `rest`. A word wider than the width stays whole. Color
/// codes take no columns, so a painted line breaks where its plain text does.
fn wrap(text: &str, width: usize, first: usize, rest: usize) -> String {
    let mut out = String::new();
    let mut line = " ".repeat(first);
    let mut empty = true;
    for word in text.split_whitespace() {
        let wide = columns(&line) + 1 + columns(word);
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

/// The columns a piece of text takes on the screen: its characters, less any `ESC [ ... m`.
fn columns(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            chars.by_ref().find(|&c| c == 'm');
        } else {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::results::Verdict;
    use crate::probe::{Check, CheckKind, Listing};

    /// The Versatile Hub's services, in its file's order.
    const HUB: [&str; 14] = [
        "agent",
        "chat-web",
        "chat-worker",
        "chat-postgres",
        "chat-redis",
        "chat-bridge",
        "hub-frontend",
        "hub-backend",
        "hub-websocket",
        "hub-worker",
        "hub-scheduler",
        "hub-db",
        "hub-redis-cache",
        "hub-redis-queue",
    ];

    fn result(from: &str, to: &str, expected: Expected, status: Status) -> CheckResult {
        let check = Check::new(from, to, CheckKind::Icmp, expected);
        let verdict = match status {
            Status::Passed => Verdict::passed(vec![Duration::from_millis(1)]),
            Status::Failed => Verdict::failed(format!("{from} got nothing from {to}")),
            Status::Skipped => Verdict::skipped(format!("{to} does not run")),
            Status::Unknown => Verdict::unknown(format!("{to} has no address of its own")),
        };
        CheckResult::new(&check, verdict)
    }

    /// Every ordered pair passing `per_pair` times: reachable when both indexes have the same
    /// parity, isolated otherwise.
    fn passing(services: &[&str], per_pair: usize) -> Vec<CheckResult> {
        let mut checks = Vec::new();
        for (i, from) in services.iter().enumerate() {
            for (j, to) in services.iter().enumerate().filter(|(j, _)| *j != i) {
                let expected = if i % 2 == j % 2 {
                    Expected::Reachable
                } else {
                    Expected::Isolated
                };
                for _ in 0..per_pair {
                    checks.push(result(from, to, expected, Status::Passed));
                }
            }
        }
        checks
    }

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(f, t)| ((*f).to_owned(), (*t).to_owned()))
            .collect()
    }

    fn cause(status: Status, what: &str, reach: &str, fix: &str, list: &[(&str, &str)]) -> Cause {
        Cause {
            status,
            what: what.to_owned(),
            reach: reach.to_owned(),
            fix: fix.to_owned(),
            pairs: pairs(list),
            checks: list.len(),
        }
    }

    fn terminal(width: usize, unicode: bool, color: bool) -> Terminal {
        Terminal {
            width,
            color,
            unicode,
        }
    }

    fn render(
        report: &Report,
        services: &[&str],
        causes: &[Cause],
        terminal: Terminal,
        only_causes: bool,
    ) -> String {
        Text.render(&VerdictScreen {
            report,
            services: services.to_vec(),
            causes,
            strategy: "netns",
            api_calls: 17,
            elapsed: Duration::from_millis(3140),
            terminal,
            only_causes,
            replicas: HashMap::new(),
        })
    }

    /// The text as it shows: every `ESC [ ... m` taken out.
    fn plain(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find('\x1b') {
            out.push_str(&rest[..start]);
            rest = rest[start..].split_once('m').map_or("", |(_, after)| after);
        }
        out.push_str(rest);
        out
    }

    /// Lines wider than `width` columns once the color codes are out.
    fn too_wide(text: &str, width: usize) -> Vec<String> {
        plain(text)
            .lines()
            .filter(|l| l.chars().count() > width)
            .map(str::to_owned)
            .collect()
    }

    /// Three services: a failure wins its cell, skipped and unknown show as `?`, a pair
    /// without checks and the diagonal stay blank.
    #[test]
    fn a_small_grid_is_drawn_cell_by_cell() {
        let report = Report::new(vec![
            result("a", "bb", Expected::Reachable, Status::Passed),
            result("bb", "a", Expected::Reachable, Status::Passed),
            result("bb", "a", Expected::Reachable, Status::Failed),
            result("a", "ccc", Expected::Isolated, Status::Passed),
            result("ccc", "a", Expected::Isolated, Status::Skipped),
            result("bb", "ccc", Expected::Reachable, Status::Unknown),
        ]);
        let causes = [cause(
            Status::Failed,
            "bb is not on `n`",
            "1 service expects to reach it",
            "`netctl apply` reconnects it",
            &[("bb", "a"), ("a", "bb")],
        )];
        let text = render(
            &report,
            &["a", "bb", "ccc"],
            &causes,
            terminal(80, true, false),
            false,
        );
        assert_eq!(
            text,
            "FAILED: 3 passed, 1 failed, 1 skipped, 1 unknown in 3.1 s (netns, 17 API calls)\n\
             \n       a b c\n\
             a a      ✓ ·\n\
             b bb   ✗   ?\n\
             c ccc  ?\n\
             ✓ reachable  · isolated  ✗ failed  ? skipped or unknown\n\
             \n✗ bb is not on `n` (1 service expects to reach it): `netctl apply` reconnects it\n\
             \x20 bb ↔ a\n"
        );
    }

    #[test]
    fn a_passing_hub_fits_forty_lines_of_eighty_columns() {
        let report = Report::new(passing(&HUB, 3));
        for color in [false, true] {
            let text = render(&report, &HUB, &[], terminal(80, true, color), false);
            let shown = plain(&text);
            assert_eq!(shown.lines().count(), 18, "{shown}");
            assert!(shown.lines().count() <= 40);
            assert_eq!(too_wide(&text, 80), Vec::<String>::new(), "{shown}");
            let lines: Vec<&str> = shown.lines().collect();
            assert_eq!(
                lines[0],
                "ok: 546 passed, 0 failed, 0 skipped in 3.1 s (netns, 17 API calls)"
            );
            assert_eq!(lines[1], "");
            assert_eq!(lines[2], format!("{:19}a b c d e f g h i j k l m n", ""));
            assert_eq!(lines[3], "a agent              · ✓ · ✓ · ✓ · ✓ · ✓ · ✓ ·");
            assert_eq!(lines[16], "n hub-redis-queue  · ✓ · ✓ · ✓ · ✓ · ✓ · ✓ ·");
            assert_eq!(
                lines[17],
                "✓ reachable  · isolated  ✗ failed  ? skipped or unknown"
            );
            assert_eq!(shown.matches('✗').count(), 1, "only the legend's:\n{shown}");
        }
    }

    #[test]
    fn the_grid_takes_the_width_to_the_column_and_then_gives_way_to_the_list() {
        let services: Vec<String> = (0..10).map(|i| format!("s{i}")).collect();
        let services: Vec<&str> = services.iter().map(String::as_str).collect();
        let report = Report::new(passing(&services, 1));
        // "a " + name + "  " + 10 cells of 2 columns less the last space: 25 columns.
        let exact = render(&report, &services, &[], terminal(25, true, false), false);
        let rows: Vec<&str> = exact.lines().filter(|l| l.starts_with("j s9")).collect();
        assert_eq!(rows, ["j s9  · ✓ · ✓ · ✓ · ✓ ·"]);
        assert!(
            exact.lines().any(|l| l == "      a b c d e f g h i j"),
            "{exact}"
        );
        let narrower = render(&report, &services, &[], terminal(24, true, false), false);
        assert!(!narrower.contains("a b c"), "{narrower}");
        assert!(narrower.contains("\ns9: ✓ 4"), "{narrower}");
    }

    /// What a list line says, whatever the spacing between its parts.
    fn words(line: &str) -> String {
        line.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn sixty_services_at_eighty_columns_are_a_list_within_the_width() {
        let names: Vec<String> = (0..60).map(|i| format!("service-{i:02}")).collect();
        let services: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut checks = passing(&services, 1);
        // service-00 reaches none of the 29 it must reach; service-01 cannot judge three.
        for check in checks.iter_mut().filter(|c| c.from == "service-00") {
            if check.expected == Expected::Reachable {
                check.status = Status::Failed;
                check.ok = false;
            }
        }
        for to in ["service-03", "service-05", "service-07"] {
            checks.push(result(
                "service-01",
                to,
                Expected::Reachable,
                Status::Unknown,
            ));
        }
        let report = Report::new(checks);
        for (unicode, color) in [(true, false), (true, true), (false, false)] {
            let text = render(&report, &services, &[], terminal(80, unicode, color), false);
            let shown = plain(&text);
            assert_eq!(too_wide(&text, 80), Vec::<String>::new(), "{shown}");
            assert!(!shown.contains(" a b c "), "no grid:\n{shown}");
            let starts: Vec<&str> = shown
                .lines()
                .filter(|l| l.starts_with("service-"))
                .collect();
            assert_eq!(starts.len(), 60, "one line per service:\n{shown}");
            for (line, name) in starts.iter().zip(&names) {
                assert!(line.starts_with(&format!("{name}: ")), "{line}");
            }
            let body: Vec<&str> = shown
                .lines()
                .skip_while(|l| !l.is_empty())
                .skip(1)
                .take_while(|l| !l.contains("reachable "))
                .collect();
            assert!(
                body.iter()
                    .all(|l| l.starts_with("service-") || l.starts_with("    service-")),
                "continuations are indented by four:\n{shown}"
            );
            assert!(body.len() > 60, "service-00's failures wrap:\n{shown}");
            if unicode {
                let failing: Vec<String> = (2..60)
                    .step_by(2)
                    .map(|i| format!("service-{i:02},"))
                    .collect();
                let expected = format!(
                    "service-00: ✓ 0 · 30 ✗ {}",
                    failing.join(" ").trim_end_matches(',')
                );
                let first = body
                    .iter()
                    .take_while(|l| !l.starts_with("service-01"))
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ");
                assert_eq!(words(&first), expected);
                assert_eq!(
                    words(body.iter().find(|l| l.starts_with("service-01")).unwrap()),
                    "service-01: ✓ 26 · 30 ? service-03, service-05, service-07"
                );
                assert_eq!(
                    words(body.iter().find(|l| l.starts_with("service-59")).unwrap()),
                    "service-59: ✓ 29 · 30"
                );
            }
        }
    }

    #[test]
    fn color_changes_only_the_codes_around_the_marks() {
        let report = Report::new(vec![
            result("a", "b", Expected::Reachable, Status::Failed),
            result("b", "a", Expected::Reachable, Status::Passed),
            result("a", "c", Expected::Isolated, Status::Passed),
            result("c", "b", Expected::Isolated, Status::Skipped),
        ]);
        let causes = [
            cause(
                Status::Failed,
                "b is not on `n`",
                "1 service expects to reach it",
                "`netctl apply` reconnects it",
                &[("a", "b")],
            ),
            cause(
                Status::Skipped,
                "c does not run",
                "1 check skipped",
                "start it (`docker start c-c`), then verify again",
                &[("c", "b")],
            ),
        ];
        let services = ["a", "b", "c"];
        let colored = render(&report, &services, &causes, terminal(80, true, true), false);
        let uncolored = render(
            &report,
            &services,
            &causes,
            terminal(80, true, false),
            false,
        );
        assert!(!uncolored.contains('\x1b'), "{uncolored}");
        assert!(
            colored.starts_with("\x1b[31mFAILED\x1b[0m: "),
            "{colored:?}"
        );
        assert!(colored.contains("\x1b[32m✓\x1b[0m"), "{colored:?}");
        assert!(colored.contains("\x1b[2m·\x1b[0m"), "{colored:?}");
        assert!(
            colored.contains("\n\x1b[31m✗\x1b[0m b is not on `n`"),
            "{colored:?}"
        );
        assert!(
            colored.contains("\n\x1b[33m?\x1b[0m c does not run"),
            "{colored:?}"
        );
        assert_eq!(plain(&colored), uncolored);

        let held = Report::new(passing(&services, 1));
        let ok = render(&held, &services, &[], terminal(80, true, true), false);
        assert!(ok.starts_with("\x1b[32mok\x1b[0m: "), "{ok:?}");
        let ok = render(&held, &services, &[], terminal(80, true, false), false);
        assert!(!ok.contains('\x1b') && ok.starts_with("ok: "), "{ok}");
    }

    #[test]
    fn a_list_wraps_the_same_with_and_without_color() {
        let names: Vec<String> = (0..40).map(|i| format!("service-{i:02}")).collect();
        let services: Vec<&str> = names.iter().map(String::as_str).collect();
        let checks: Vec<CheckResult> = services[1..]
            .iter()
            .map(|to| result("service-00", to, Expected::Reachable, Status::Failed))
            .collect();
        let report = Report::new(checks);
        let colored = render(&report, &services, &[], terminal(80, true, true), false);
        let uncolored = render(&report, &services, &[], terminal(80, true, false), false);
        assert!(!uncolored.contains(" a b c "), "a list: {uncolored}");
        assert_eq!(plain(&colored), uncolored);
    }

    #[test]
    fn ascii_mode_draws_only_ascii() {
        let long = "a-service-with-a-name-far-too-long-for-a-row";
        let report = Report::new(vec![
            result(long, "db", Expected::Reachable, Status::Failed),
            result("db", long, Expected::Reachable, Status::Failed),
            result("db", "cache", Expected::Reachable, Status::Passed),
            result("cache", "db", Expected::Isolated, Status::Passed),
            result("cache", long, Expected::Isolated, Status::Unknown),
        ]);
        let causes = [
            cause(
                Status::Failed,
                "db is not on `back`",
                "1 service expects to reach it",
                "`netctl apply` reconnects it",
                &[(long, "db"), ("db", long), ("cache", "db")],
            ),
            cause(
                Status::Unknown,
                "cache has no network namespace of its own",
                "1 check not judged",
                "give it networks of its own",
                &[("cache", long)],
            ),
        ];
        let services = [long, "db", "cache"];
        let text = render(
            &report,
            &services,
            &causes,
            terminal(80, false, false),
            false,
        );
        assert!(text.is_ascii(), "{text}");
        assert!(
            text.contains("\n+ reachable  . isolated  x failed  ? skipped or unknown\n"),
            "{text}"
        );
        assert!(
            text.contains("\na a-service-with-a-name-f~  "),
            "a name past 24 characters is cut to 23 and a stand-in:\n{text}"
        );
        assert!(text.contains("\nx db is not on `back`"), "{text}");
        assert!(
            text.contains(&format!("  {long} <-> db, cache -> db\n")),
            "{text}"
        );
        assert!(
            text.contains("\n? cache has no network namespace"),
            "{text}"
        );
        let unicode = render(
            &report,
            &services,
            &causes,
            terminal(80, true, false),
            false,
        );
        assert!(
            unicode.contains("\na a-service-with-a-name-f…  "),
            "{unicode}"
        );
        assert!(
            unicode.contains(&format!("  {long} ↔ db, cache → db\n")),
            "{unicode}"
        );

        let names: Vec<String> = (0..60).map(|i| format!("service-{i:02}")).collect();
        let many: Vec<&str> = names.iter().map(String::as_str).collect();
        let mut checks = passing(&many, 1);
        checks.push(result(
            "service-00",
            "service-02",
            Expected::Reachable,
            Status::Failed,
        ));
        let list = render(
            &Report::new(checks),
            &many,
            &[],
            terminal(80, false, false),
            false,
        );
        assert!(list.is_ascii(), "{list}");
        let first = list.lines().find(|l| l.starts_with("service-00: "));
        assert_eq!(
            first.map(words).as_deref(),
            Some("service-00: + 28 . 30 x service-02"),
            "{list}"
        );
    }

    #[test]
    fn only_causes_prints_the_causes_and_nothing_for_a_run_that_held() {
        let report = Report::new(vec![
            result("a", "b", Expected::Reachable, Status::Failed),
            result("b", "a", Expected::Reachable, Status::Skipped),
        ]);
        let causes = [
            cause(
                Status::Failed,
                "b is not on `n`",
                "1 service expects to reach it",
                "`netctl apply` reconnects it",
                &[("a", "b")],
            ),
            cause(
                Status::Skipped,
                "a does not run",
                "1 check skipped",
                "start it (`docker start c-a`)",
                &[("b", "a")],
            ),
        ];
        let text = render(
            &report,
            &["a", "b"],
            &causes,
            terminal(80, false, false),
            true,
        );
        assert_eq!(
            text,
            "x b is not on `n` (1 service expects to reach it): `netctl apply` reconnects it\n\
             \x20 a -> b\n\
             ? a does not run (1 check skipped): start it (`docker start c-a`)\n\
             \x20 b -> a\n"
        );
        let held = Report::new(passing(&["a", "b"], 1));
        assert_eq!(
            render(&held, &["a", "b"], &[], terminal(80, true, true), true),
            ""
        );
    }

    #[test]
    fn a_cause_wider_than_the_width_wraps_with_indentation() {
        let causes = [cause(
            Status::Failed,
            "hub-backend is not on `shared`",
            "3 services expect to reach it",
            "`netctl apply` reconnects it",
            &[
                ("agent", "hub-backend"),
                ("hub-backend", "agent"),
                ("chat-bridge", "hub-backend"),
                ("hub-frontend", "hub-backend"),
                ("hub-worker", "hub-backend"),
                ("hub-db", "hub-backend"),
            ],
        )];
        let report = Report::new(vec![result(
            "agent",
            "hub-backend",
            Expected::Reachable,
            Status::Failed,
        )]);
        let text = render(&report, &HUB, &causes, terminal(40, false, false), true);
        assert_eq!(
            text,
            "x hub-backend is not on `shared` (3\n\
             \x20 services expect to reach it): `netctl\n\
             \x20 apply` reconnects it\n\
             \x20 agent <-> hub-backend, chat-bridge ->\n\
             \x20   hub-backend, hub-frontend ->\n\
             \x20   hub-backend, hub-worker ->\n\
             \x20   hub-backend, +1 more\n"
        );
        let colored = render(&report, &HUB, &causes, terminal(40, false, true), true);
        assert_eq!(plain(&colored), text);
        assert!(
            colored.starts_with("\x1b[31mx\x1b[0m hub-backend"),
            "{colored:?}"
        );
    }

    #[test]
    fn a_failing_headline_stays_within_eighty_columns() {
        let mut report = Report::new(passing(&HUB, 3));
        for check in report.checks.iter_mut().take(14) {
            check.status = Status::Failed;
            check.ok = false;
        }
        report.passed -= 14;
        report.failed += 14;
        report.unknown += 2;
        let screen = VerdictScreen {
            report: &report,
            services: HUB.to_vec(),
            causes: &[],
            strategy: "sidecar",
            api_calls: 117,
            elapsed: Duration::from_millis(12_345),
            terminal: terminal(80, true, true),
            only_causes: false,
            replicas: HashMap::new(),
        };
        let text = Text.render(&screen);
        assert_eq!(too_wide(&text, 80), Vec::<String>::new(), "{text}");
        assert!(
            text.starts_with(
                "\x1b[31mFAILED\x1b[0m: 532 passed, 14 failed, 0 skipped, 2 unknown in 12.3 s"
            ),
            "{text:?}"
        );
        let shown = plain(&text);
        let words: Vec<&str> = shown
            .lines()
            .take(2)
            .flat_map(str::split_whitespace)
            .collect();
        assert_eq!(
            words.join(" "),
            "FAILED: 532 passed, 14 failed, 0 skipped, 2 unknown in 12.3 s (sidecar, 117 API calls)"
        );
    }

    #[test]
    fn a_run_without_checks_draws_no_grid_and_says_what_was_left_out() {
        let text = render(
            &Report::new(Vec::new()),
            &HUB,
            &[],
            terminal(80, true, false),
            false,
        );
        assert_eq!(
            text,
            "FAILED: 0 passed, 0 failed, 0 skipped (no checks ran) in 3.1 s (netns, 17 API\n\
             \x20 calls)\n"
        );
        let mut report = Report::listing(Listing {
            passed: 2,
            unpassed: 10,
        });
        let check = Check::new("a", "b", CheckKind::Icmp, Expected::Reachable);
        for _ in 0..5 {
            report.fold(&check, Verdict::passed(vec![Duration::from_millis(1)]));
        }
        let text = render(&report, &["a", "b"], &[], terminal(80, true, false), false);
        assert!(
            text.contains(
                "\n3 of 5 checks are not listed (3 passed, 0 failed, 0 skipped, 0 unknown): "
            ),
            "{text}"
        );
    }

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
    fn color_codes_take_no_columns() {
        assert_eq!(columns("\x1b[31m✗\x1b[0m failed"), 8);
        assert_eq!(columns("plain"), 5);
        assert_eq!(columns(""), 0);
        let painted = "\x1b[31mx\x1b[0m one two three four";
        assert_eq!(
            plain(&wrap(painted, 12, 0, 2)),
            wrap("x one two three four", 12, 0, 2)
        );
    }

    #[test]
    fn a_word_wider_than_the_width_stays_whole_on_its_own_line() {
        assert_eq!(
            wrap("go supercalifragilistic now", 10, 0, 2),
            "go\n  supercalifragilistic\n  now\n"
        );
    }

    #[test]
    fn a_failure_outranks_everything_in_a_cell() {
        assert_eq!(worse(Cell::Reachable, Cell::Failed), Cell::Failed);
        assert_eq!(worse(Cell::Failed, Cell::Unjudged), Cell::Failed);
        assert_eq!(worse(Cell::Isolated, Cell::Unjudged), Cell::Unjudged);
        assert_eq!(worse(Cell::Isolated, Cell::Reachable), Cell::Reachable);
        assert_eq!(worse(Cell::Unjudged, Cell::Isolated), Cell::Unjudged);
    }

    #[test]
    fn a_pair_broken_both_ways_is_named_once_with_a_double_arrow() {
        let unicode = terminal(80, true, false);
        let list = pairs(&[("a", "b"), ("c", "a"), ("b", "a"), ("a", "c"), ("d", "a")]);
        assert_eq!(pair_words(&list, &unicode), ["a ↔ b", "c ↔ a", "d → a"]);
    }
}
