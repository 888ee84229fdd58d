//! The docker CLI, as the tests call it to make and read what netctl works on: arguments, never
//! a shell, and reads independent of netctl's own observer.

use std::process::Output;

/// Runs the docker CLI with arguments, never through a shell.
pub fn docker(args: &[&str]) -> Output {
    std::process::Command::new("docker")
        .args(args)
        .output()
        .expect("running the docker CLI")
}

/// As [`docker`], which must succeed; returns its stdout.
pub fn docker_ok(args: &[&str]) -> String {
    let output = docker(args);
    assert!(
        output.status.success(),
        "docker {}: {}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    stdout(&output)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The non-empty lines of a successful docker command: ids or names.
pub fn lines(args: &[&str]) -> Vec<String> {
    docker_ok(args)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `docker network inspect` as JSON.
pub fn inspect_network(name: &str) -> serde_json::Value {
    first_of(&docker_ok(&["network", "inspect", name]))
}

/// `docker container inspect` as JSON.
pub fn inspect_container(name: &str) -> serde_json::Value {
    first_of(&docker_ok(&["container", "inspect", name]))
}

fn first_of(text: &str) -> serde_json::Value {
    let mut list: Vec<serde_json::Value> = serde_json::from_str(text).expect("inspect JSON");
    list.remove(0)
}

/// Whether the daemon knows a network by this name or id.
pub fn network_exists(name: &str) -> bool {
    docker(&["network", "inspect", name]).status.success()
}

/// The names of the containers on a network, from the daemon directly, sorted.
pub fn members(network: &str) -> Vec<String> {
    let inspected = inspect_network(network);
    let mut names: Vec<String> = inspected["Containers"]
        .as_object()
        .map(|m| {
            m.values()
                .filter_map(|c| c["Name"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
