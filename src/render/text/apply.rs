//! What apply and destroy did, for a person (a summary line) and for scripts (the JSON of
//! `apply -o json` and `destroy -o json`).

use super::Text;
use crate::apply::{Done, Report};
use crate::plan::{Action, ActionView, LeftNetwork, Plan};
use crate::render::Renderer;
use serde::Serialize;
use std::fmt::Write;

/// An apply's result: what it did, and what the re-plan still shows (pending items, drift).
pub struct Applied<'a> {
    pub project: &'a str,
    pub report: &'a Report,
    pub after: &'a Plan,
    pub api_calls: usize,
}

/// A destroy's result: what it did, and the owned networks it left for their other members.
pub struct Destroyed<'a> {
    pub project: &'a str,
    pub report: &'a Report,
    pub left: &'a [LeftNetwork],
    pub api_calls: usize,
}

/// `apply -o json`.
#[derive(Serialize)]
struct AppliedView<'a> {
    project: &'a str,
    changes: usize,
    done: &'a [Done],
    replayed: &'a [String],
    pending: Vec<ActionView<'a>>,
    api_calls: usize,
}

/// `destroy -o json`.
#[derive(Serialize)]
struct DestroyedView<'a> {
    project: &'a str,
    changes: usize,
    done: &'a [Done],
    replayed: &'a [String],
    left: &'a [LeftNetwork],
    api_calls: usize,
}

impl Serialize for Applied<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        AppliedView {
            project: self.project,
            changes: self.report.done.len(),
            done: &self.report.done,
            replayed: &self.report.replayed,
            pending: self.after.actions.iter().map(Action::view).collect(),
            api_calls: self.api_calls,
        }
        .serialize(serializer)
    }
}

impl Serialize for Destroyed<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        DestroyedView {
            project: self.project,
            changes: self.report.done.len(),
            done: &self.report.done,
            replayed: &self.report.replayed,
            left: self.left,
            api_calls: self.api_calls,
        }
        .serialize(serializer)
    }
}

impl Renderer<Applied<'_>> for Text {
    fn render(&self, applied: &Applied<'_>) -> String {
        let mut text = String::new();
        for network in &applied.report.replayed {
            let _ = writeln!(text, "replayed the interrupted recreate of {network}");
        }
        for action in &applied.after.actions {
            let mark = match action {
                Action::Drift { .. } => "≠ drift",
                _ => "… pending",
            };
            let _ = writeln!(text, "  {mark}: {}", action.reason());
        }
        let _ = writeln!(
            text,
            "Apply complete: {} change(s), {} pending, {} API calls.",
            applied.report.done.len(),
            applied.after.actions.len(),
            applied.api_calls
        );
        text
    }
}

impl Renderer<Destroyed<'_>> for Text {
    fn render(&self, destroyed: &Destroyed<'_>) -> String {
        let mut text = String::new();
        for network in &destroyed.report.replayed {
            let _ = writeln!(
                text,
                "finished the interrupted recreate of {network} first (its endpoints are back)"
            );
        }
        for left in destroyed.left {
            let _ = writeln!(
                text,
                "left network {}: still used by {} (not in the file)",
                left.network,
                left.containers.join(", ")
            );
        }
        let _ = writeln!(
            text,
            "Destroy complete: {} change(s).",
            destroyed.report.done.len()
        );
        text
    }
}
