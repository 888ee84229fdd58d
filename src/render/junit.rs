//! JUnit XML for probe and verify results: CI systems show each check as a test case. The
//! counts are the run's totals; past the report's bounds the suite's `system-out` says how
//! many checks have no test case, and why.

use super::Renderer;
use crate::probe::exposure::Exposure;
use crate::probe::{CheckResult, Report, Status};
use std::fmt::Write;

pub struct Junit;

impl Renderer<Report> for Junit {
    fn render(&self, report: &Report) -> String {
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let counts = format!(
            "tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"{}\"",
            report.total(),
            report.failed,
            report.skipped,
            report.unknown
        );
        let all = format!(
            "tests=\"{}\" failures=\"{}\" skipped=\"{}\" errors=\"{}\"",
            report.total() + report.exposure.len(),
            report.failed + report.exposed().count(),
            report.skipped,
            report.unknown
        );
        let _ = writeln!(xml, "<testsuites name=\"netctl\" {all}>");
        let _ = writeln!(xml, "  <testsuite name=\"netctl verify\" {counts}>");
        for check in &report.checks {
            xml.push_str(&testcase(check));
        }
        let unlisted = super::text::unlisted(report);
        if !unlisted.is_empty() {
            let _ = writeln!(
                xml,
                "    <system-out>{}</system-out>",
                escape(unlisted.trim_end())
            );
        }
        xml.push_str("  </testsuite>\n");
        if !report.exposure.is_empty() {
            xml.push_str(&exposure_suite(&report.exposure));
        }
        xml.push_str("</testsuites>\n");
        xml
    }
}

/// One test case per running service: does it publish only what it may?
fn exposure_suite(exposure: &[Exposure]) -> String {
    let failures = exposure.iter().filter(|e| !e.ok).count();
    let mut xml = format!(
        "  <testsuite name=\"netctl exposure\" tests=\"{}\" failures=\"{failures}\" skipped=\"0\" errors=\"0\">\n",
        exposure.len()
    );
    for service in exposure {
        let opening = format!(
            "    <testcase classname=\"exposure\" name=\"{}\" time=\"0\"",
            escape(&service.service)
        );
        if service.ok {
            let _ = writeln!(xml, "{opening}/>");
        } else {
            let why = escape(&service.detail);
            let _ = writeln!(
                xml,
                "{opening}>\n      <failure type=\"failed\" message=\"{why}\">{why}</failure>\n    </testcase>"
            );
        }
    }
    xml.push_str("  </testsuite>\n");
    xml
}

fn testcase(check: &CheckResult) -> String {
    let seconds = check.latency_ms.unwrap_or_default() / 1000.0;
    let opening = format!(
        "    <testcase classname=\"{}\" name=\"{}\" time=\"{seconds:.6}\"",
        escape(&format!("{} -> {}", check.from, check.to)),
        escape(&format!("{} {}", check.label(), check.expected)),
    );
    let detail = escape(&check.detail);
    // The status words of the JSON: `failure type="failed"`, `error type="unknown"` (a check
    // that could not be judged is an error of the run, not a failure of the topology).
    match check.status {
        Status::Passed => format!("{opening}/>\n"),
        Status::Failed => format!(
            "{opening}>\n      <failure type=\"failed\" message=\"{detail}\">{detail}</failure>\n    </testcase>\n"
        ),
        Status::Unknown => format!(
            "{opening}>\n      <error type=\"unknown\" message=\"{detail}\">{detail}</error>\n    </testcase>\n"
        ),
        Status::Skipped => {
            format!("{opening}>\n      <skipped message=\"{detail}\"/>\n    </testcase>\n")
        }
    }
}

fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {}
            c => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::probe::results::Verdict;
    use crate::probe::{Check, CheckKind, Expected};
    use std::time::Duration;

    #[test]
    fn each_check_is_a_test_case_with_its_failure_or_skip() {
        let tcp = Check::new(
            "agent",
            "hub-db",
            CheckKind::Tcp { port: 5432 },
            Expected::Reachable,
        );
        let icmp = Check::new("agent", "hub-db", CheckKind::Icmp, Expected::Isolated);
        let report = Report::new(vec![
            CheckResult::new(
                &tcp,
                Verdict::failed("agent & <hub-db> share \"no\" network".to_owned()),
            ),
            CheckResult::new(&icmp, Verdict::passed(vec![Duration::from_millis(3)])),
            CheckResult::new(
                &icmp,
                Verdict::skipped("versatile-hub-db does not run".to_owned()),
            ),
        ]);
        let xml = Junit.render(&report);
        assert!(xml.contains("<testsuite name=\"netctl verify\" tests=\"3\" failures=\"1\" skipped=\"1\" errors=\"0\">"));
        assert!(xml.contains("classname=\"agent -&gt; hub-db\" name=\"tcp 5432 reachable\""));
        assert!(xml.contains(
            "<failure type=\"failed\" message=\"agent &amp; &lt;hub-db&gt; share &quot;no&quot; network\">"
        ));
        assert!(xml.contains("name=\"icmp isolated\" time=\"0.003000\"/>"));
        assert!(xml.contains("<skipped message=\"versatile-hub-db does not run\"/>"));
    }

    #[test]
    fn exposure_is_a_suite_of_its_own_counted_in_the_total() {
        let icmp = Check::new("agent", "hub-db", CheckKind::Icmp, Expected::Isolated);
        let mut report = Report::new(vec![CheckResult::new(&icmp, Verdict::passed(Vec::new()))]);
        report.exposure = vec![Exposure {
            service: "hub-db".to_owned(),
            container: "versatile-hub-db".to_owned(),
            public: false,
            published: Vec::new(),
            status: Status::Failed,
            ok: false,
            detail: "hub-db publishes 5432/tcp".to_owned(),
        }];
        let xml = Junit.render(&report);
        assert!(xml.contains("<testsuites name=\"netctl\" tests=\"2\" failures=\"1\""));
        assert!(xml.contains("<testsuite name=\"netctl exposure\" tests=\"1\" failures=\"1\""));
        assert!(xml.contains("<failure type=\"failed\" message=\"hub-db publishes 5432/tcp\">"));
    }
}
