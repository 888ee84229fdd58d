//! `netctl schema`: the JSON Schema accepts every example and rejects the structural faults.

pub mod harness;

use harness::files::{expected_of, root, yaml_files};
use harness::test::stdout_of;
use serde_json::Value;

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&stdout_of(&["schema"])).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn as_json(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("readable");
    serde_saphyr::from_str(&text).expect("YAML parses")
}

#[test]
fn every_example_validates_against_the_schema() {
    let validator = validator();
    for example in yaml_files(&root().join("topologies")) {
        let errors: Vec<String> = validator
            .iter_errors(&as_json(&example))
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", example.display());
    }
}

#[test]
fn structural_faults_are_rejected_by_the_schema() {
    let validator = validator();
    let structural: Vec<_> = yaml_files(&root().join("tests/fixtures/invalid"))
        .into_iter()
        .filter(|path| expected_of(path).structural)
        .collect();
    assert!(
        structural.len() >= 4,
        "unknown key, wrong type, missing field, version"
    );
    for fixture in structural {
        assert!(
            !validator.is_valid(&as_json(&fixture)),
            "{} passed the schema",
            fixture.display()
        );
    }
}

#[test]
fn the_schema_describes_the_keys_editors_complete() {
    let schema: Value = serde_json::from_str(&stdout_of(&["schema"])).expect("JSON");
    assert_eq!(schema["title"], "netctl topology");
    for key in ["version", "project", "networks", "services", "expect"] {
        assert!(schema["properties"].get(key).is_some(), "{key}");
    }
    assert_eq!(schema["additionalProperties"], false);
}
