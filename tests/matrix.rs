//! `netctl matrix` and `netctl graph` through the real binary, with snapshots of every format.

pub mod harness;

use harness::Test;
use harness::test::stdout_of;
use serde_json::{Value, json};

const HUB: &str = "topologies/versatile-hub.yaml";

/// design.md's membership list for the Versatile Hub, written out independently of the file.
const HUB_MEMBERSHIPS: [(&str, &[&str]); 14] = [
    ("agent", &["web", "shared"]),
    ("chat-web", &["web", "chat-internal"]),
    ("chat-worker", &["chat-internal"]),
    ("chat-postgres", &["chat-internal"]),
    ("chat-redis", &["chat-internal"]),
    ("chat-bridge", &["web", "shared", "chat-internal"]),
    ("hub-frontend", &["web", "hub-internal"]),
    ("hub-backend", &["shared", "hub-internal"]),
    ("hub-websocket", &["hub-internal"]),
    ("hub-worker", &["hub-internal"]),
    ("hub-scheduler", &["hub-internal"]),
    ("hub-db", &["hub-internal"]),
    ("hub-redis-cache", &["hub-internal"]),
    ("hub-redis-queue", &["hub-internal"]),
];

#[test]
fn hub_matrix_json_has_exactly_the_designed_memberships() {
    let matrix: Value =
        serde_json::from_str(&stdout_of(&["matrix", HUB, "-o", "json"])).expect("JSON");
    let networks = ["web", "shared", "chat-internal", "hub-internal"];
    assert_eq!(matrix["networks"], json!(networks));
    let rows = matrix["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 14);
    for (row, (service, members)) in rows.iter().zip(HUB_MEMBERSHIPS) {
        assert_eq!(row["service"], service);
        assert_eq!(row["container"], format!("versatile-{service}"));
        let cells = row["networks"].as_object().expect("cells");
        assert_eq!(cells.len(), 4, "{service}");
        for network in networks {
            assert_eq!(
                cells[network],
                json!(members.contains(&network)),
                "{service} on {network}"
            );
        }
    }
}

#[test]
fn json_cells_keep_the_file_order_of_networks() {
    let text = stdout_of(&["matrix", HUB, "-o", "json"]);
    let agent_row = &text[text.find("\"agent\"").expect("agent row")..];
    let positions: Vec<usize> = [
        "\"web\"",
        "\"shared\"",
        "\"chat-internal\"",
        "\"hub-internal\"",
    ]
    .iter()
    .map(|key| agent_row.find(key).expect("cell"))
    .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
}

#[test]
fn reach_matrix_names_the_shared_networks_and_leaves_isolated_pairs_empty() {
    let reach: Value =
        serde_json::from_str(&stdout_of(&["matrix", HUB, "--reach", "-o", "json"])).expect("JSON");
    let agent = &reach["rows"][0];
    assert_eq!(agent["service"], "agent");
    assert_eq!(agent["reach"]["chat-bridge"], json!(["web", "shared"]));
    assert_eq!(agent["reach"]["hub-backend"], json!(["shared"]));
    assert_eq!(agent["reach"]["hub-db"], json!([]));
    assert!(agent["reach"].get("agent").is_none());
}

#[test]
fn every_format_matches_its_snapshot() {
    for format in ["table", "markdown", "csv", "json"] {
        insta::assert_snapshot!(
            format!("matrix_{format}"),
            stdout_of(&["matrix", HUB, "-o", format])
        );
        insta::assert_snapshot!(
            format!("reach_{format}"),
            stdout_of(&["matrix", HUB, "--reach", "-o", format])
        );
    }
    for format in ["mermaid", "dot", "json"] {
        insta::assert_snapshot!(
            format!("graph_{format}"),
            stdout_of(&["graph", HUB, "-o", format])
        );
    }
}

#[test]
fn graph_draws_external_and_internal_networks_distinctly() {
    let mermaid = stdout_of(&["graph", HUB]);
    assert!(mermaid.starts_with("flowchart LR\n"));
    assert!(mermaid.contains("n0{{\"web<br/>external\"}}:::external"));
    assert!(mermaid.contains(":::internal"));
    assert!(mermaid.contains("classDef external"));
    let dot = stdout_of(&["graph", HUB, "-o", "dot"]);
    assert!(dot.contains("\"net:web\" [label=\"web\\nexternal\", shape=hexagon"));
    assert!(dot.contains("shape=cylinder"));
}

#[test]
fn matrix_of_an_invalid_file_exits_1_and_prints_nothing_on_stdout() {
    Test::in_repo()
        .args(["matrix", "tests/fixtures/invalid/overlapping-subnets.yaml"])
        .status(1)
        .stdout("")
        .stderr_has("overlaps subnet 10.20.0.0/16 of network `backend`")
        .run();
}

#[test]
fn csv_quotes_fields_that_need_it() {
    let csv = Test::new()
        .arg("matrix")
        .topology(
            "version: 1\nproject: demo\nnetworks:\n  a: {}\n  b: {}\nservices:\n  s1:\n    networks: [a, b]\n  s2:\n    networks: [a, b]\n",
        )
        .args(["--reach", "-o", "csv"])
        .run()
        .stdout;
    assert_eq!(
        csv,
        "from \\ to,s1,s2\r\ns1,—,\"a, b\"\r\ns2,\"a, b\",—\r\n"
    );
}

/// 400 services on 4 networks: 159,600 pairs, written row by row.
fn many_services() -> tempfile::NamedTempFile {
    let mut text = String::from(
        "version: 1\nproject: many\nnetworks:\n  n0: {}\n  n1: {}\n  n2: {}\n  n3: {}\nservices:\n",
    );
    for s in 0..400 {
        text.push_str(&format!("  s{s}: {{networks: [n{}]}}\n", s % 4));
    }
    let file = tempfile::Builder::new()
        .suffix(".yaml")
        .tempfile()
        .expect("a temporary file");
    std::fs::write(file.path(), text).expect("the topology written");
    file
}

#[test]
fn a_streamed_reach_matrix_is_whole_and_a_reader_that_leaves_early_is_no_error() {
    let file = many_services();
    let path = file.path().to_str().expect("a UTF-8 path");
    let json: Value =
        serde_json::from_str(&stdout_of(&["matrix", path, "--reach", "-o", "json"])).expect("JSON");
    let rows = json["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 400);
    assert_eq!(rows[399]["reach"].as_object().expect("a map").len(), 399);
    assert_eq!(rows[5]["reach"]["s1"], json!(["n1"]));
    assert_eq!(rows[5]["reach"]["s2"], json!([]));
    let csv = stdout_of(&["matrix", path, "--reach", "-o", "csv"]);
    assert_eq!(
        csv.lines().count(),
        401,
        "a header and a record per service"
    );

    // `| head`: the reader goes away after the first bytes.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_netctl"))
        .args(["matrix", path, "--reach", "-o", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("netctl runs");
    let mut first = [0_u8; 64];
    let stdout = child.stdout.as_mut().expect("piped");
    std::io::Read::read_exact(stdout, &mut first).expect("the first bytes");
    drop(child.stdout.take());
    let output = child.wait_with_output().expect("netctl ends");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
}
