//! `netctl lint --live`: external networks are checked against the real daemon (rule NL016).

pub mod harness;

use harness::Sandbox;

fn compose_with_external(sandbox: &Sandbox, docker_name: &str) -> std::path::PathBuf {
    sandbox.write(
        "compose.yaml",
        &format!(
            "services:\n  app:\n    image: nginx\n    networks: [edge]\nnetworks:\n  edge:\n    external: true\n    name: {docker_name}\n"
        ),
    )
}

#[test]
fn a_missing_external_network_is_reported_and_an_existing_one_is_not() {
    let mut sandbox = Sandbox::new();
    let edge = sandbox.name("edge");
    let compose = compose_with_external(&sandbox, &edge);

    sandbox
        .netctl()
        .arg("lint")
        .arg(&compose)
        .args(["--live", "-o", "json"])
        .status(2)
        .stdout_has("\"rule\": \"NL016\"")
        .stdout_has(format!("`{edge}`"))
        .run();

    sandbox.network(&edge, "10.77.30.0/24", &[]);
    sandbox
        .netctl()
        .arg("lint")
        .arg(&compose)
        .arg("--live")
        .stdout("no findings\n")
        .run();
}

#[test]
fn without_live_the_daemon_is_not_consulted() {
    let sandbox = Sandbox::new();
    let compose = compose_with_external(&sandbox, &sandbox.name("edge"));
    sandbox
        .netctl()
        .arg("lint")
        .arg(&compose)
        .args(["-H", "unix:///nonexistent/docker.sock"])
        .run();
    sandbox
        .netctl()
        .arg("lint")
        .arg(&compose)
        .args(["--live", "-H", "unix:///nonexistent/docker.sock"])
        .status(1)
        .stderr_has("cannot reach the Docker daemon at unix:///nonexistent/docker.sock")
        .run();
}
