//! Lint findings as GitHub Actions workflow commands: annotations on the pull request diff.

use super::Renderer;
use crate::diagnostic::Severity;
use crate::lint::Report;

pub struct Github;

impl Renderer<Report> for Github {
    fn render(&self, report: &Report) -> String {
        let errors = report.errors.iter().map(|error| {
            let position = error.location.map_or_else(String::new, |at| {
                format!(",line={},col={}", at.line, at.column)
            });
            format!(
                "::error file={}{position},title=netctl lint: unreadable file::{}\n",
                escape_property(&error.file),
                escape_data(&error.message)
            )
        });
        let findings = report.findings.iter().map(|finding| {
            format!(
                "::{} file={},line={},col={},title={}::{}\n",
                command(finding.severity),
                escape_property(&finding.file),
                finding.line,
                finding.column,
                escape_property(&format!("{} {}", finding.rule, finding.name)),
                escape_data(&format!(
                    "{} (fix: {})",
                    finding.message, finding.remediation
                )),
            )
        });
        errors.chain(findings).collect()
    }
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The runner's escaping for a message: `%`, CR and LF.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Properties also escape `:` and `,`, which separate them.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
