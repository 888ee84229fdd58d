//! The lint rules for a person: the list (`lint --list-rules`) and one rule explained
//! (`lint --explain`).

use super::Text;
use crate::lint::Rule;
use crate::render::Renderer;
use std::fmt::Write;

/// Every rule, one line each: id, name, default severity, summary.
pub struct RuleList<'a>(pub &'a [&'a Rule]);

impl Renderer<RuleList<'_>> for Text {
    fn render(&self, rules: &RuleList<'_>) -> String {
        let mut out = String::new();
        for rule in rules.0 {
            let _ = writeln!(
                out,
                "{}  {:<32} {:<8} {}",
                rule.id,
                rule.name,
                rule.severity.as_str(),
                rule.summary
            );
        }
        out
    }
}

impl Renderer<Rule> for Text {
    fn render(&self, rule: &Rule) -> String {
        format!(
            "{} {} (default: {})\n\n{}\n",
            rule.id,
            rule.name,
            rule.severity.as_str(),
            rule.explain
        )
    }
}
