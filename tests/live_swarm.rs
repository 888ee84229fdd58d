//! Overlay networks on a single-node swarm that the test initialises itself (with an
//! address pool of its own) and leaves again; serial with every other live test.

pub mod harness;

use harness::Sandbox;
use harness::docker::{inspect_container, inspect_network, members};

#[test]
fn an_attachable_overlay_is_planned_applied_and_then_unchanged() {
    let mut sandbox = Sandbox::new();
    sandbox.claim(&["10.77.6.0/24"]);
    sandbox.swarm_manager();
    let api = sandbox.container(&sandbox.name("api"), &[]);
    let mesh = sandbox.name("mesh");
    let text = format!(
        "version: 1
project: {id}
networks:
  mesh:
    name: {mesh}
    driver: overlay
    attachable: true
    subnet: 10.77.6.0/24
services:
  api:
    container: {api}
    networks:
      mesh:
        aliases: [meshy]
        ipv4_address: 10.77.6.10
",
        id = sandbox.id
    );
    let file = sandbox.write("overlay.yaml", &text);
    sandbox.assert_plan_exit(&file, 2);
    sandbox.netctl().arg("apply").arg(&file).status(0).run();

    let network = inspect_network(&mesh);
    assert_eq!(network["Driver"], "overlay");
    assert_eq!(network["Scope"], "swarm");
    assert_eq!(network["Attachable"], true);
    // The overlay's load balancer shows up as `<network>-endpoint`; it is no container.
    assert!(members(&mesh).contains(&api), "{:?}", members(&mesh));
    let endpoint = &inspect_container(&api)["NetworkSettings"]["Networks"][mesh.as_str()];
    assert_eq!(endpoint["IPAddress"], "10.77.6.10");
    assert!(
        endpoint["Aliases"]
            .as_array()
            .unwrap()
            .contains(&"meshy".into())
    );

    sandbox.assert_plan_exit(&file, 0);
}
