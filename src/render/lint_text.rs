//! Lint findings as rustc-like text: `error[NL001]: ...`, `--> file:line:col`, the snippet
//! with the value underlined, and the remediation as `help`.

use super::Renderer;
use crate::diagnostic::{Diagnostic, Location};
use crate::lint::{Finding, Report};
use std::fmt::Write as _;

pub struct LintText;

/// The findings alone, without the summary: `lint -q`.
pub struct LintFindings;

impl Renderer<Report> for LintText {
    fn render(&self, report: &Report) -> String {
        LintFindings.render(report) + &summary(report)
    }
}

impl Renderer<Report> for LintFindings {
    fn render(&self, report: &Report) -> String {
        let mut out = String::new();
        for finding in &report.findings {
            let source = report.sources.get(&finding.file).map(String::as_str);
            out.push_str(&render_finding(finding, source));
            out.push('\n');
        }
        out
    }
}

fn render_finding(finding: &Finding, source: Option<&str>) -> String {
    let diagnostic = Diagnostic {
        severity: finding.severity,
        file: finding.file.clone(),
        location: Some(Location::new(finding.line, finding.column, finding.length)),
        message: finding.message.clone(),
        help: Some(finding.remediation.clone()),
    };
    let rendered = diagnostic.render(source);
    let body = rendered.split_once('\n').map_or("", |(_, rest)| rest);
    format!(
        "{}[{}]: {}\n{body}",
        finding.severity.as_str(),
        finding.rule,
        finding.message
    )
}

fn summary(report: &Report) -> String {
    let mut out = findings_summary(report);
    let unreadable = report.errors.len();
    if unreadable > 0 {
        let _ = writeln!(
            out,
            "{unreadable} file{} could not be read (see the errors on standard error)",
            if unreadable == 1 { "" } else { "s" }
        );
    }
    out
}

fn findings_summary(report: &Report) -> String {
    if report.findings.is_empty() {
        return "no findings\n".to_owned();
    }
    let count = |severity: &str| {
        report
            .findings
            .iter()
            .filter(|f| f.severity.as_str() == severity)
            .count()
    };
    let mut out = format!("{} finding", report.findings.len());
    if report.findings.len() != 1 {
        out.push('s');
    }
    let _ = writeln!(
        out,
        ": {} error, {} warning, {} info",
        count("error"),
        count("warning"),
        count("info")
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    #[test]
    fn without_the_source_there_is_no_snippet() {
        let report = Report {
            findings: vec![Finding {
                rule: "NL005",
                name: "unused-network",
                severity: Severity::Warning,
                file: "gone.yml".to_owned(),
                line: 9,
                column: 3,
                length: 5,
                service: None,
                network: Some("other".to_owned()),
                message: "network `other` is declared but no service uses it".to_owned(),
                remediation: "remove it".to_owned(),
            }],
            ..Report::default()
        };
        assert_eq!(
            LintText.render(&report),
            "warning[NL005]: network `other` is declared but no service uses it\n  --> gone.yml:9:3\n   = help: remove it\n\n1 finding: 0 error, 1 warning, 0 info\n"
        );
    }
}
