//! Property tests: whatever the input, the compose loader and every rule end with a located
//! error or findings, never a panic.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use netctl::compose::{LoadError, Variables, load_str};
use netctl::lint::{self, Config, Report};
use netctl::render::{Github, Json, LintText, Renderer, Sarif};
use proptest::prelude::*;
use std::collections::HashMap;

const SEEDS: [&str; 8] = [
    include_str!("fixtures/compose/syntax/every-form.yml"),
    include_str!("fixtures/compose/syntax/anchors-merge.yml"),
    include_str!("fixtures/compose/rules/NL001/trigger.yml"),
    include_str!("fixtures/compose/rules/NL009/trigger.yml"),
    include_str!("fixtures/compose/rules/NL012/trigger.yml"),
    include_str!("fixtures/compose/inline-ignore.yml"),
    include_str!("fixtures/compose/hostile/extends-cycle.yml"),
    include_str!("fixtures/compose/reset-override/compose.override.yaml"),
];

/// Loads, lints with every rule and renders every format; only a panic fails.
fn survive(text: &str) {
    let variables = Variables::new(HashMap::from([("TAG".to_owned(), "1".to_owned())]));
    match load_str(text, "fuzz.yml", &variables) {
        Ok(project) => {
            let config = Config::default();
            let findings = lint::check(&project, &lint::Context::new(&config));
            let mut report = Report::default();
            report.add(&project, findings);
            let _ = LintText.render(&report);
            let _ = Json.render(&report);
            let _ = Sarif.render(&report);
            let _ = Github.render(&report);
        }
        Err(LoadError::Invalid {
            diagnostic,
            source_text,
        }) => {
            assert_eq!(diagnostic.file, "fuzz.yml");
            let _ = diagnostic.render(Some(&source_text));
        }
        Err(other) => panic!("unexpected error kind: {other}"),
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, String),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let yamlish = prop::sample::select(vec![
        ":",
        "-",
        " ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "<<: *a",
        "${X",
        "$",
        "\"",
        "'",
        "ports: [",
        "networks:",
        "  ",
        "\t",
        "null",
        "~",
        "!!str",
        "0.0.0.0:",
        "::",
        "/udp",
        "ipv4_address: 300.1.1.1",
        "external: {name: x}",
        "---\n",
        "#",
        "?",
        "%",
    ]);
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Mutation::Delete(at, len)),
        (any::<usize>(), yamlish).prop_map(|(at, s)| Mutation::Insert(at, s.to_owned())),
        (any::<usize>(), ".{0,6}").prop_map(|(at, s)| Mutation::Insert(at, s)),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: usize| {
        if chars.is_empty() {
            0
        } else {
            i % (chars.len() + 1)
        }
    };
    match mutation {
        Mutation::Delete(start, len) => {
            let start = at(*start);
            let end = (start + len).min(chars.len());
            chars[..start].iter().chain(&chars[end..]).collect()
        }
        Mutation::Insert(position, inserted) => {
            let position = at(*position);
            let mut out: String = chars[..position].iter().collect();
            out.push_str(inserted);
            out.extend(&chars[position..]);
            out
        }
        Mutation::DuplicateLine(line) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let index = line % lines.len();
                lines.insert(index, lines[index]);
            }
            lines.join("\n")
        }
        Mutation::SwapLines(a, b) => {
            let mut lines: Vec<&str> = text.lines().collect();
            if !lines.is_empty() {
                let (a, b) = (a % lines.len(), b % lines.len());
                lines.swap(a, b);
            }
            lines.join("\n")
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        survive(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        survive(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn mutated_valid_files_never_panic(
        seed in 0usize..SEEDS.len(),
        mutations in prop::collection::vec(mutation(), 1..6),
    ) {
        let text = mutations.iter().fold(SEEDS[seed].to_owned(), |text, m| apply(&text, m));
        survive(&text);
    }
}
