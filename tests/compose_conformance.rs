//! The compose loader against the project's own conformance corpus, built from the Compose
//! specification: one small case per documented rule, each a folder of
//! `tests/fixtures/compose/conformance/` with its compose file(s) and an `expect` file. Every
//! case runs through `netctl lint` (and, for the names it checks, through the loader API), and
//! through Debian's `docker-compose config` (Compose 1.29) unless the case says why not.
//!
//! The `expect` file, one statement a line (`#` lines are the case's description):
//!
//! ```text
//! spec: 14-include.md#project_directory    the section the rule comes from
//! files: compose.yaml compose.override.yaml  the files given, in order (default compose.yaml)
//! valid | invalid: SUBSTRING               netctl reads the project, or refuses it with a
//!                                          located error that contains SUBSTRING
//! finding: NL011 / no-finding: NL015       a rule lint must / must not report (valid cases)
//! network-name: KEY=NAME                   the loaded project's network KEY is named NAME
//! docker-compose: agrees | differs: WHY | skip: WHY
//!                                          Compose 1.29's verdict is the same as netctl's, is
//!                                          the opposite (and why), or is not asked (and why:
//!                                          1.29 has no `include:`, `!reset`, ...)
//! note: ...                                anything else a reader should know
//! ```
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

pub mod harness;

use harness::Test;
use harness::files::compose_fixtures;
use netctl::compose::{Input, load_project};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The variables the corpus interpolates: all of them start so, and none may come from the
/// environment the tests run in.
const VARIABLE_PREFIX: &str = "CONFORMANCE_";

/// The sections of the Compose specification a case may cite.
const SPEC_SECTIONS: [&str; 10] = [
    "03-compose-file.md",
    "04-version-and-name.md",
    "05-services.md",
    "06-networks.md",
    "10-fragments.md",
    "11-extension.md",
    "12-interpolation.md",
    "13-merge.md",
    "14-include.md",
    "15-profiles.md",
];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Verdict {
    Valid,
    Invalid(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum CrossCheck {
    Agrees,
    Differs(String),
    Skip(String),
}

#[derive(Debug)]
struct Case {
    name: String,
    dir: PathBuf,
    spec: String,
    files: Vec<String>,
    verdict: Verdict,
    findings: Vec<String>,
    absent: Vec<String>,
    network_names: Vec<(String, String)>,
    docker_compose: CrossCheck,
}

fn corpus() -> PathBuf {
    compose_fixtures().join("conformance")
}

/// Every case of the corpus, in name order.
fn cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter().map(|dir| case(&dir)).collect()
}

fn case(dir: &Path) -> Case {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(dir.join("expect"))
        .unwrap_or_else(|e| panic!("{name}: no expect file: {e}"));
    let mut case = Case {
        name: name.clone(),
        dir: dir.to_path_buf(),
        spec: String::new(),
        files: vec!["compose.yaml".to_owned()],
        verdict: Verdict::Valid,
        findings: Vec::new(),
        absent: Vec::new(),
        network_names: Vec::new(),
        docker_compose: CrossCheck::Skip(String::new()),
    };
    let mut verdicts = 0;
    let mut cross_checks = 0;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        let value = value.trim().to_owned();
        match key {
            "spec" => case.spec = value,
            "files" => case.files = value.split_whitespace().map(str::to_owned).collect(),
            "valid" => {
                case.verdict = Verdict::Valid;
                verdicts += 1;
            }
            "invalid" => {
                case.verdict = Verdict::Invalid(value);
                verdicts += 1;
            }
            "finding" => case.findings.push(value),
            "no-finding" => case.absent.push(value),
            "network-name" => {
                let (key, name) = value.split_once('=').unwrap();
                case.network_names.push((key.to_owned(), name.to_owned()));
            }
            "docker-compose" => {
                case.docker_compose = cross_check(&value, &name);
                cross_checks += 1;
            }
            "note" => {}
            other => panic!("{name}: unknown statement `{other}` in expect"),
        }
    }
    assert_eq!(verdicts, 1, "{name}: say `valid` or `invalid: ...` once");
    assert_eq!(cross_checks, 1, "{name}: say what docker-compose does once");
    case
}

fn cross_check(value: &str, name: &str) -> CrossCheck {
    let (word, why) = value.split_once(':').unwrap_or((value, ""));
    let why = why.trim().to_owned();
    match word.trim() {
        "agrees" => CrossCheck::Agrees,
        "differs" if !why.is_empty() => CrossCheck::Differs(why),
        "skip" if !why.is_empty() => CrossCheck::Skip(why),
        other => panic!(
            "{name}: docker-compose: `{other}` needs to be agrees, differs: WHY or skip: WHY"
        ),
    }
}

/// The corpus's variables that happen to be set where the tests run, to take out of the
/// environment of every command.
fn stray_variables() -> Vec<String> {
    std::env::vars()
        .map(|(key, _)| key)
        .filter(|key| key.starts_with(VARIABLE_PREFIX))
        .collect()
}

/// `netctl lint -o json --fail-on never --merge FILES` in the case's folder: exit 0 when the
/// project loads (whatever it finds), 1 when it is refused.
fn lint(case: &Case) -> (Option<i32>, Value) {
    let mut test = Test::in_dir(&case.dir)
        .args(["lint", "-o", "json", "--fail-on", "never", "--merge"])
        .args(&case.files)
        .env_remove("NETCTL_CONFIG")
        .any_status();
    for key in stray_variables() {
        test = test.env_remove(&key);
    }
    let output = test.run();
    let json = serde_json::from_str(&output.stdout)
        .unwrap_or_else(|e| panic!("{}: stdout is not JSON ({e}): {}", case.name, output.stdout));
    (output.code(), json)
}

fn rules(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .map(|findings| {
            findings
                .iter()
                .filter_map(|f| f["rule"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_corpus_has_a_case_per_rule_each_with_its_section() {
    let cases = cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for case in &cases {
        let section = case.spec.split('#').next().unwrap_or_default();
        assert!(
            SPEC_SECTIONS.contains(&section),
            "{}: `spec: {}` names no section of the Compose specification",
            case.name,
            case.spec
        );
        for file in &case.files {
            assert!(case.dir.join(file).is_file(), "{}: no {file}", case.name);
        }
    }
}

#[test]
fn netctl_lint_gives_every_case_its_verdict() {
    let mut wrong = Vec::new();
    for case in cases() {
        let (code, report) = lint(&case);
        if let Err(problem) = verdict_holds(&case, code, &report) {
            wrong.push(format!("{}: {problem}", case.name));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} case(s):\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Whether `netctl lint`'s exit code and report match the case's `expect`.
fn verdict_holds(case: &Case, code: Option<i32>, report: &Value) -> Result<(), String> {
    let errors = report["errors"].as_array().cloned().unwrap_or_default();
    match &case.verdict {
        Verdict::Valid => {
            if code != Some(0) || !errors.is_empty() {
                return Err(format!("refused (exit {code:?}): {errors:?}"));
            }
            let found = rules(report);
            for rule in &case.findings {
                if !found.contains(rule) {
                    return Err(format!("{rule} not reported; found {found:?}"));
                }
            }
            for rule in &case.absent {
                if found.contains(rule) {
                    return Err(format!(
                        "{rule} reported, but the merge should remove its cause"
                    ));
                }
            }
            Ok(())
        }
        Verdict::Invalid(expected) => {
            let [error] = errors.as_slice() else {
                return Err(format!(
                    "not refused with one error (exit {code:?}): {report}"
                ));
            };
            let message = error["message"].as_str().unwrap_or_default();
            if code != Some(1) || !message.contains(expected.as_str()) {
                return Err(format!("refused with `{message}`, not `{expected}`"));
            }
            if error["line"].as_u64().is_none() || error["column"].as_u64().is_none() {
                return Err(format!("the error has no line and column: {error}"));
            }
            if error["help"].as_str().is_none_or(str::is_empty) {
                return Err(format!("the error does not say what to do: {error}"));
            }
            Ok(())
        }
    }
}

#[test]
fn the_loader_names_the_networks_as_compose_does() {
    assert!(
        stray_variables().is_empty(),
        "unset {:?}: the corpus reads them from its .env files",
        stray_variables()
    );
    let mut checked = 0;
    for case in cases().into_iter().filter(|c| !c.network_names.is_empty()) {
        let inputs: Vec<Input> = case
            .files
            .iter()
            .map(|f| Input::File(case.dir.join(f)))
            .collect();
        let project = load_project(&inputs).unwrap_or_else(|e| panic!("{}: {e}", case.name));
        for (key, name) in &case.network_names {
            let network = project
                .network(key)
                .unwrap_or_else(|| panic!("{}: no network `{key}`", case.name));
            assert_eq!(
                network.name.as_deref(),
                Some(name.as_str()),
                "{}",
                case.name
            );
            checked += 1;
        }
    }
    assert!(checked >= 8, "only {checked} names checked");
}

/// `docker-compose -f FILE... config` in the case's folder: `true` when Compose 1.29 reads the
/// project.
fn docker_compose_accepts(case: &Case) -> bool {
    let mut command = Command::new("docker-compose");
    command.current_dir(&case.dir);
    for file in &case.files {
        command.args(["-f", file]);
    }
    command.arg("config");
    for key in stray_variables().into_iter().chain(
        [
            "COMPOSE_FILE",
            "COMPOSE_PROJECT_NAME",
            "COMPOSE_PATH_SEPARATOR",
        ]
        .map(String::from),
    ) {
        command.env_remove(key);
    }
    let output = command.output().unwrap_or_else(|e| {
        panic!("docker-compose (Debian's Compose 1.29) must be installed: {e}")
    });
    output.status.success()
}

/// Whether docker-compose's verdict on `case` is the one its `expect` gives (`None` when
/// the case is not asked), with the problem when it is not.
fn cross_checked(case: &Case) -> Option<Result<(), String>> {
    let netctl_reads = case.verdict == Verdict::Valid;
    let expected = match &case.docker_compose {
        CrossCheck::Skip(_) => return None,
        CrossCheck::Agrees => netctl_reads,
        CrossCheck::Differs(_) => !netctl_reads,
    };
    let accepts = docker_compose_accepts(case);
    Some(if accepts == expected {
        Ok(())
    } else {
        Err(format!(
            "{}: docker-compose {} it, the case says {:?}",
            case.name,
            if accepts { "accepts" } else { "refuses" },
            case.docker_compose
        ))
    })
}

#[test]
fn docker_compose_1_29_gives_the_verdict_each_case_says() {
    let cases = cases();
    // Compose 1.29 is a Python program that takes a second to start: ask it in parallel.
    let verdicts: Vec<Option<Result<(), String>>> = std::thread::scope(|scope| {
        let workers: Vec<_> = cases
            .chunks(cases.len().div_ceil(8).max(1))
            .map(|chunk| scope.spawn(move || chunk.iter().map(cross_checked).collect::<Vec<_>>()))
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| worker.join().unwrap())
            .collect()
    });
    let wrong: Vec<String> = verdicts
        .iter()
        .flatten()
        .filter_map(|verdict| verdict.clone().err())
        .collect();
    let count = |wanted: fn(&CrossCheck) -> bool| {
        cases.iter().filter(|c| wanted(&c.docker_compose)).count()
    };
    let agree = count(|c| *c == CrossCheck::Agrees);
    let differ = count(|c| matches!(c, CrossCheck::Differs(_)));
    let skipped = count(|c| matches!(c, CrossCheck::Skip(_)));
    eprintln!(
        "cross-checked with docker-compose 1.29: {agree} agree with netctl, {differ} differ \
         (each says why), {skipped} not asked"
    );
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(agree >= 25, "only {agree} cases agree with docker-compose");
}
