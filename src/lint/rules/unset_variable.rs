//! NL015: a `${VAR}` with no value, which Compose replaces with an empty string.

use super::{Hit, Rule};
use crate::diagnostic::Severity;
use crate::lint::facts::Facts;

pub const RULE: Rule = Rule {
    id: "NL015",
    name: "unset-variable",
    severity: Severity::Info,
    summary: "An interpolated variable is not set",
    explain: "\
What: a `$VAR` / `${VAR}` (or `${VAR:?message}`) whose variable is neither in the environment
nor in the project's `.env` file. netctl lints it as an empty string, as Compose does for
`${VAR}`.

Why: values such as ports, images or IPs may then differ from what runs in production, so
other findings on that value may be off.

Fix: set the variable in `.env` or the CI environment, or give a default: `${VAR:-value}`.",
    check,
};

fn check(facts: &Facts, hits: &mut Vec<Hit>) {
    for variable in &facts.project.unset_variables {
        hits.push(Hit {
            at: variable.at,
            service: None,
            network: None,
            message: format!(
                "variable `{}` is not set; it is read as an empty string",
                variable.value
            ),
            remediation: format!(
                "set `{}` in `.env` or the environment, or write `${{{}:-default}}`",
                variable.value, variable.value
            ),
        });
    }
}
