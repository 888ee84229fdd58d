//! What a failed command prints on standard output when `-o json` was asked for: one JSON
//! document (`{"error": {...}, "problems": [...]}`), so that `netctl … -o json | jq` never
//! meets plain text. The error also goes to standard error as text, and the exit code is the
//! same as without `-o json`.

use super::Error;
use crate::diagnostic::Diagnostic;
use crate::plan::PlanView;
use serde::Serialize;

#[derive(Serialize)]
pub struct Failure<'e> {
    error: Problem,
    problems: Vec<Problem>,
    /// The plan a refusal is about (a blocked or unconfirmed apply), as `plan -o json` shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<PlanView<'e>>,
}

/// One problem: where it is, when it is in a file, and what to do.
#[derive(Serialize)]
struct Problem {
    message: String,
    file: Option<String>,
    line: Option<u64>,
    column: Option<u64>,
    hint: Option<String>,
}

impl<'e> Failure<'e> {
    pub fn of(error: &'e Error) -> Failure<'e> {
        let located: Vec<Problem> = match error {
            Error::Load(load) => load.diagnostics().iter().map(Problem::located).collect(),
            _ => Vec::new(),
        };
        let problems = if located.is_empty() {
            vec![Problem::told(&error.to_string())]
        } else {
            located
        };
        let plan = match error {
            Error::Reconcile(refusal) => refusal.plan().map(crate::plan::Plan::view),
            _ => None,
        };
        Failure {
            error: Problem::told(&error.to_string()),
            problems,
            plan,
        }
        .first_located()
    }

    /// The error is the first located problem when there is one: it says where to look.
    fn first_located(mut self) -> Self {
        if let Some(first) = self.problems.iter().find(|p| p.file.is_some()) {
            self.error = Problem {
                message: first.message.clone(),
                file: first.file.clone(),
                line: first.line,
                column: first.column,
                hint: first.hint.clone(),
            };
        }
        self
    }
}

impl Problem {
    fn located(diagnostic: &Diagnostic) -> Problem {
        Problem {
            message: diagnostic.message.clone(),
            file: Some(diagnostic.file.clone()),
            line: diagnostic.location.map(|at| at.line),
            column: diagnostic.location.map(|at| at.column),
            hint: diagnostic.help.clone(),
        }
    }

    /// An error as text: `error: …` lines are the message, `hint: …` lines the hint.
    fn told(text: &str) -> Problem {
        let mut message = Vec::new();
        let mut hint = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line
                .strip_prefix("hint:")
                .or_else(|| line.strip_prefix("= help:"))
            {
                Some(rest) => hint.push(rest.trim().to_owned()),
                None => message.push(
                    line.strip_prefix("error:")
                        .unwrap_or(line)
                        .trim()
                        .to_owned(),
                ),
            }
        }
        Problem {
            message: message.join(" "),
            file: None,
            line: None,
            column: None,
            hint: (!hint.is_empty()).then(|| hint.join(" ")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_in_words_splits_into_message_and_hint() {
        let told = Problem::told(
            "error: cannot reach the Docker daemon at unix:///nope: refused\n  hint: is it running?",
        );
        assert_eq!(
            told.message,
            "cannot reach the Docker daemon at unix:///nope: refused"
        );
        assert_eq!(told.hint.as_deref(), Some("is it running?"));
    }
}
