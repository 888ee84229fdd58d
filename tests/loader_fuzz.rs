//! Property tests: no input, however broken, makes the loader panic, hang or point outside the file.

pub mod harness;

use netctl::topology::{LoadError, load_bytes, load_str};
use proptest::prelude::*;

fn hub_text() -> String {
    std::fs::read_to_string(harness::files::root().join("topologies/versatile-hub.yaml"))
        .expect("example")
}

/// Every error must be a located diagnostic inside the file (or at its end).
fn assert_well_located(text_lines: usize, result: Result<netctl::topology::Topology, LoadError>) {
    if let Err(error) = result {
        let diagnostics = error.diagnostics();
        assert!(
            !diagnostics.is_empty(),
            "an invalid file yields diagnostics: {error}"
        );
        for diagnostic in diagnostics {
            if let Some(at) = diagnostic.location {
                assert!(
                    at.line >= 1 && at.line as usize <= text_lines + 1,
                    "{diagnostic:?}"
                );
                assert!(at.column >= 1, "{diagnostic:?}");
            }
        }
        let _ = error.to_string();
    }
}

/// An edit applied to a valid file: the shapes of mistakes people make.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    ReplaceByte(usize, u8),
    InsertText(usize, String),
    SwapLines(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::ReplaceByte(at, b)),
        (
            any::<usize>(),
            prop::sample::select(vec![
                ":".to_owned(),
                "- ".to_owned(),
                "\t".to_owned(),
                "&a ".to_owned(),
                "*a".to_owned(),
                "{".to_owned(),
                "]".to_owned(),
                "'".to_owned(),
                "\"".to_owned(),
                "\n  ".to_owned(),
                "999999999999".to_owned(),
                "null".to_owned(),
                "0.0.0.0/0".to_owned(),
                "<<: *a".to_owned(),
            ])
        )
            .prop_map(|(at, s)| Mutation::InsertText(at, s)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(text: &str, mutation: &Mutation) -> Vec<u8> {
    let mut lines: Vec<&str> = text.lines().collect();
    let mut bytes = text.as_bytes().to_vec();
    match mutation {
        Mutation::DeleteLine(at) => {
            lines.remove(at % lines.len());
            return lines.join("\n").into_bytes();
        }
        Mutation::DuplicateLine(at) => {
            let line = lines[at % lines.len()];
            lines.insert(at % lines.len(), line);
            return lines.join("\n").into_bytes();
        }
        Mutation::SwapLines(a, b) => {
            let len = lines.len();
            lines.swap(a % len, b % len);
            return lines.join("\n").into_bytes();
        }
        Mutation::ReplaceByte(at, byte) => {
            let len = bytes.len();
            bytes[at % len] = *byte;
        }
        Mutation::InsertText(at, inserted) => {
            let at = at % bytes.len();
            bytes.splice(at..at, inserted.bytes());
        }
        Mutation::Truncate(at) => bytes.truncate(at % bytes.len()),
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let lines = bytes.split(|b| *b == b'\n').count();
        assert_well_located(lines, load_bytes(&bytes, "fuzz.yaml"));
    }

    #[test]
    fn arbitrary_yaml_like_text_never_panics(text in "[a-z_:{}\\[\\]&*!|>'\"#\\- \n0-9./]{0,400}") {
        assert_well_located(text.lines().count(), load_str(&text, "fuzz.yaml"));
    }

    #[test]
    fn mutated_topologies_never_panic(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = hub_text().into_bytes();
        for mutation in &mutations {
            if bytes.is_empty() {
                break;
            }
            bytes = apply(&String::from_utf8_lossy(&bytes), mutation);
        }
        let lines = bytes.split(|b| *b == b'\n').count();
        assert_well_located(lines, load_bytes(&bytes, "mutated.yaml"));
    }
}
