//! What a failed command prints on standard output when `-o json` was asked for: one JSON
//! document (`{"error": {...}, "problems": [...]}`), so that `netctl … -o json | jq` never
//! meets plain text. The error also goes to standard error as text, and the exit code is the
//! same as without `-o json`. That holds for a usage error too, where clap could not parse
//! the command line, so whether JSON was asked for is read off the raw words.

use super::Error;
use crate::diagnostic::Diagnostic;
use crate::plan::PlanView;
use serde::Serialize;
use std::ffi::OsString;

#[derive(Serialize)]
pub struct Failure<'e> {
    error: Problem,
    problems: Vec<Problem>,
    /// The plan a refusal is about (a blocked or unconfirmed apply), as `plan -o json` shows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    plan: Option<PlanView<'e>>,
}

/// One problem: where it is, when it is in a file, and what to do.
#[derive(Clone, Serialize)]
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

    /// A usage error as clap words it (`unexpected argument '--prnue' found`), its `tip:`
    /// lines as the hint, else the line that points to `--help`.
    pub fn usage(error: &clap::Error) -> Failure<'static> {
        let text = error.render().to_string();
        let problem = Problem::of_usage(&text, error.kind());
        Failure {
            error: problem.clone(),
            problems: vec![problem],
            plan: None,
        }
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

    fn of_usage(text: &str, kind: clap::error::ErrorKind) -> Problem {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let message = lines
            .iter()
            .find_map(|line| line.strip_prefix("error:"))
            .map(|message| message.trim().to_owned())
            // clap shows the help instead of an error when nothing at all was given.
            .unwrap_or_else(|| {
                kind.as_str()
                    .unwrap_or("incomplete command line")
                    .to_owned()
            });
        let tips: Vec<&str> = lines
            .iter()
            .filter_map(|line| line.strip_prefix("tip:"))
            .map(str::trim)
            .collect();
        let hint = if tips.is_empty() {
            lines
                .iter()
                .find(|line| line.starts_with("For more information"))
                .map(|line| (*line).to_owned())
        } else {
            Some(tips.join(" "))
        };
        Problem {
            message,
            file: None,
            line: None,
            column: None,
            hint,
        }
    }
}

/// Whether `args` (the words after the program's name) ask for `-o json`, in any spelling
/// clap accepts: `-o json`, `-ojson`, `-o=json`, `--output json`, `--output=json`. For a
/// command line clap refused, so it stays conservative: a word after `--` is a positional
/// value, never a flag, and anything else (a `-o` bundled after other short flags) is not
/// read as asking.
pub fn asks_for_json(args: impl IntoIterator<Item = OsString>) -> bool {
    let mut previous_was_output = false;
    for arg in args {
        let Some(word) = arg.to_str() else {
            previous_was_output = false;
            continue;
        };
        if word == "--" {
            return false;
        }
        if previous_was_output && word == "json" {
            return true;
        }
        if ["-ojson", "-o=json", "--output=json"].contains(&word) {
            return true;
        }
        previous_was_output = word == "-o" || word == "--output";
    }
    false
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

    fn asks(words: &str) -> bool {
        asks_for_json(words.split_whitespace().map(OsString::from))
    }

    #[test]
    fn json_is_asked_for_in_every_spelling_clap_accepts() {
        for words in [
            "plan --prnue -o json",
            "plan -ojson --prnue",
            "plan -o=json",
            "plan --output json x",
            "lint --output=json --fail-on eror",
        ] {
            assert!(asks(words), "{words}");
        }
    }

    #[test]
    fn json_is_not_read_into_values_or_positionals() {
        for words in [
            "plan --prnue",
            "plan -o table",
            "plan -o",
            "plan json",
            "probe a b -- -o json",
            "plan --output jsonx",
            "plan --project json",
        ] {
            assert!(!asks(words), "{words}");
        }
    }

    #[test]
    fn a_usage_error_keeps_claps_words_and_tip() {
        let text = "error: unexpected argument '--prnue' found\n\n  tip: a similar argument exists: '--prune'\n\nUsage: netctl plan [FILE]\n\nFor more information, try '--help'.\n";
        let problem = Problem::of_usage(text, clap::error::ErrorKind::UnknownArgument);
        assert_eq!(problem.message, "unexpected argument '--prnue' found");
        assert_eq!(
            problem.hint.as_deref(),
            Some("a similar argument exists: '--prune'")
        );
        let bare = Problem::of_usage(
            "error: invalid value 'x' for '--timeout <DURATION>'\n\nFor more information, try '--help'.\n",
            clap::error::ErrorKind::ValueValidation,
        );
        assert_eq!(
            bare.hint.as_deref(),
            Some("For more information, try '--help'.")
        );
    }
}
