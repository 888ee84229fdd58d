//! A probe or verify report as rows: one per check, with its expectation, status, latency and
//! detail (what `-v` shows).

use crate::probe::{CheckResult, Report};
use crate::render::{Grid, GridCell, Tabular};

impl Tabular for Report {
    fn grid(&self) -> Grid {
        let rows = self
            .checks
            .iter()
            .map(|check| {
                let cells = [
                    check.to.clone(),
                    check.label(),
                    check.expected.to_string(),
                    check.status.word().to_owned(),
                    latency_text(check),
                    check.detail.clone(),
                ];
                (
                    check.from.clone(),
                    cells.into_iter().map(GridCell::Text).collect(),
                )
            })
            .collect();
        Grid {
            corner: "from".to_owned(),
            columns: ["to", "check", "expected", "status", "latency", "detail"]
                .map(str::to_owned)
                .to_vec(),
            rows,
        }
    }
}

fn latency_text(check: &CheckResult) -> String {
    match (check.latency, check.latency_ms) {
        (Some(s), _) => format!(
            "min {:.2} / p50 {:.2} / p95 {:.2} / p99 {:.2} ms",
            s.min_ms, s.p50_ms, s.p95_ms, s.p99_ms
        ),
        (None, Some(ms)) => format!("{ms:.2} ms"),
        (None, None) => String::new(),
    }
}
