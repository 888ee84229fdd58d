//! A probe or verify run for a person (the checks table, what services publish, a summary
//! line) and for scripts (`-o json` and JUnit).

use super::Text;
use crate::probe::Report;
use crate::render::{ExposureTable, Junit, Renderer, Table};
use serde::Serialize;

/// A run's report and how it was obtained.
pub struct Verified<'a> {
    pub report: &'a Report,
    /// `netns`, `sidecar` or `exec`.
    pub strategy: &'a str,
    pub api_calls: usize,
}

/// `verify -o json` and `probe -o json`: the report, and how it was obtained.
#[derive(Serialize)]
struct VerifiedView<'a> {
    #[serde(flatten)]
    report: &'a Report,
    strategy: &'a str,
    api_calls: usize,
}

impl Serialize for Verified<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        VerifiedView {
            report: self.report,
            strategy: self.strategy,
            api_calls: self.api_calls,
        }
        .serialize(serializer)
    }
}

/// Every check as a row (`-v`), what services publish, and what the rows leave out; the
/// verdict screen follows it.
impl Renderer<Verified<'_>> for Text {
    fn render(&self, run: &Verified<'_>) -> String {
        let exposure = ExposureTable(&run.report.exposure);
        let exposure = if exposure.is_empty() {
            String::new()
        } else {
            Table.render(&exposure)
        };
        format!(
            "{}{}{exposure}\n",
            Table.render(run.report),
            unlisted(run.report)
        )
    }
}

impl Renderer<Verified<'_>> for Junit {
    fn render(&self, run: &Verified<'_>) -> String {
        self.render(run.report)
    }
}

/// One line for the end of a run: the verdict first.
pub fn summary(report: &Report) -> String {
    let verdict = if report.holds() { "ok" } else { "FAILED" };
    let empty = if report.total() == 0 {
        " (no checks ran)"
    } else {
        ""
    };
    let exposed = match report.exposed().count() {
        0 => String::new(),
        1 => "; 1 service publishes ports it should not".to_owned(),
        n => format!("; {n} services publish ports they should not"),
    };
    let unknown = match report.unknown {
        0 => String::new(),
        n => format!(", {n} unknown"),
    };
    format!(
        "{verdict}: {} passed, {} failed, {} skipped{unknown}{empty}{exposed}",
        report.passed, report.failed, report.skipped
    )
}

/// Under the table, when it does not hold every check: how many it leaves out, and why.
pub fn unlisted(report: &Report) -> String {
    let unlisted = &report.unlisted;
    if unlisted.is_empty() {
        return String::new();
    }
    format!(
        "{} of {} checks are not listed ({} passed, {} failed, {} skipped, {} unknown): {}\n",
        unlisted.total(),
        report.total(),
        unlisted.passed,
        unlisted.failed,
        unlisted.skipped,
        unlisted.unknown,
        unlisted.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_without_checks_says_so() {
        assert_eq!(
            summary(&Report::new(Vec::new())),
            "FAILED: 0 passed, 0 failed, 0 skipped (no checks ran)"
        );
    }
}
