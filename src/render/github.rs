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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostic, Location};
    use crate::lint::Finding;

    #[test]
    fn escapes_what_the_runner_would_split_on() {
        let report = Report {
            findings: vec![Finding {
                rule: "NL003",
                name: "port-on-all-interfaces",
                severity: Severity::Info,
                file: "dir,a:b/compose.yml".to_owned(),
                line: 3,
                column: 7,
                length: 5,
                service: Some("web".to_owned()),
                network: None,
                message: "100% open\nreally".to_owned(),
                remediation: "bind it".to_owned(),
            }],
            errors: vec![Diagnostic::error(
                "bad.yml",
                Some(Location::new(2, 1, 1)),
                "tabs: no".to_owned(),
            )],
            ..Report::default()
        };
        assert_eq!(
            Github.render(&report),
            "::error file=bad.yml,line=2,col=1,title=netctl lint: unreadable file::tabs: no\n\
             ::notice file=dir%2Ca%3Ab/compose.yml,line=3,col=7,title=NL003 port-on-all-interfaces::100%25 open%0Areally (fix: bind it)\n"
        );
    }
}
