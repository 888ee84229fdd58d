//! Lint findings as SARIF 2.1.0, the format GitHub code scanning accepts
//! (`github/codeql-action/upload-sarif`).

use super::Renderer;
use crate::diagnostic::{Diagnostic, Severity};
use crate::lint::{ALL, Finding, Report};
use serde_json::{Value, json};

pub struct Sarif;

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

impl Renderer<Report> for Sarif {
    fn render(&self, report: &Report) -> String {
        let log = json!({
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": driver() },
                "invocations": [{
                    "executionSuccessful": report.errors.is_empty(),
                    "toolExecutionNotifications":
                        report.errors.iter().map(notification).collect::<Vec<_>>(),
                }],
                "results": report.findings.iter().map(result).collect::<Vec<_>>(),
            }],
        });
        let mut text = serde_json::to_string_pretty(&log).unwrap_or_default();
        text.push('\n');
        text
    }
}

fn driver() -> Value {
    json!({
        "name": "netctl",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": ALL.iter().map(|rule| json!({
            "id": rule.id,
            "name": rule.name,
            "shortDescription": { "text": rule.summary },
            "fullDescription": { "text": rule.explain },
            "help": { "text": rule.explain },
            "defaultConfiguration": { "level": level(rule.severity) },
        })).collect::<Vec<_>>(),
    })
}

fn result(finding: &Finding) -> Value {
    let rule_index = ALL.iter().position(|rule| rule.id == finding.rule);
    json!({
        "ruleId": finding.rule,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": format!("{} Fix: {}", finding.message, finding.remediation) },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&finding.file) },
                "region": {
                    "startLine": finding.line.max(1),
                    "startColumn": finding.column.max(1),
                },
            },
        }],
    })
}

/// A file that could not be read: reported as a tool notification, not as a result.
fn notification(error: &Diagnostic) -> Value {
    let mut physical = json!({ "artifactLocation": { "uri": uri(&error.file) } });
    if let Some(at) = error.location {
        physical["region"] = json!({
            "startLine": at.line.max(1),
            "startColumn": at.column.max(1),
        });
    }
    json!({
        "level": "error",
        "message": { "text": error.message },
        "locations": [{ "physicalLocation": physical }],
    })
}

/// SARIF levels: `note` is the name for info.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A relative URI with forward slashes, as code scanning resolves against the checkout; an
/// absolute path becomes a `file://` URI.
fn uri(file: &str) -> String {
    let file = file.replace('\\', "/");
    let file = file.strip_prefix("./").unwrap_or(&file);
    let escaped = file.replace('%', "%25").replace(' ', "%20");
    if escaped.starts_with('/') {
        format!("file://{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;

    fn report() -> Report {
        Report {
            findings: vec![Finding {
                rule: "NL007",
                name: "host-network-mode",
                severity: Severity::Warning,
                file: "./deploy/compose.yml".to_owned(),
                line: 4,
                column: 19,
                length: 4,
                service: Some("agent".to_owned()),
                network: Some("host".to_owned()),
                message: "`agent` uses the host's network namespace".to_owned(),
                remediation: "use a network".to_owned(),
            }],
            errors: vec![Diagnostic::error(
                "/abs/bad file.yml",
                Some(Location::new(2, 3, 1)),
                "cannot read the compose file: tabs".to_owned(),
            )],
            ..Report::default()
        }
    }

    #[test]
    fn results_and_notifications_snapshot() {
        let log: Value = serde_json::from_str(&Sarif.render(&report())).unwrap();
        let run = &log["runs"][0];
        assert_eq!(
            run["results"],
            json!([{
                "ruleId": "NL007",
                "ruleIndex": 6,
                "level": "warning",
                "message": { "text": "`agent` uses the host's network namespace Fix: use a network" },
                "locations": [{ "physicalLocation": {
                    "artifactLocation": { "uri": "deploy/compose.yml" },
                    "region": { "startLine": 4, "startColumn": 19 },
                }}],
            }])
        );
        assert_eq!(
            run["invocations"],
            json!([{
                "executionSuccessful": false,
                "toolExecutionNotifications": [{
                    "level": "error",
                    "message": { "text": "cannot read the compose file: tabs" },
                    "locations": [{ "physicalLocation": {
                        "artifactLocation": { "uri": "file:///abs/bad%20file.yml" },
                        "region": { "startLine": 2, "startColumn": 3 },
                    }}],
                }],
            }])
        );
        assert_eq!(log["$schema"], SCHEMA);
        assert_eq!(
            run["tool"]["driver"]["rules"][6]["defaultConfiguration"]["level"],
            "warning"
        );
        assert_eq!(
            run["tool"]["driver"]["rules"][2]["defaultConfiguration"]["level"],
            "note"
        );
    }
}
