//! One contract, two daemons: every behaviour of the daemon seams that netctl relies on is
//! written once, generically, and run against the fake daemon (`netctl::fake`) and the real
//! Engine (`netctl::docker::Engine`), so that the fake cannot drift from what the Engine does.
//! The real side runs in a live sandbox of the test harness: the live-test lock, subnets of
//! 10.216.0.0/16 that no route and no network holds, its id on all it makes, and a guard that
//! removes exactly that.
//! Without a daemon the real side fails; it never skips.

#![allow(clippy::unwrap_used)]

pub mod harness;

use futures_util::StreamExt;
use harness::Sandbox;
use harness::docker::docker_ok;
use harness::sandbox::TEST_LABEL;
use ipnet::IpNet;
use netctl::apply::Networks;
use netctl::docker::{Endpoint, Engine};
use netctl::fake::{FakeDaemon, Seed};
use netctl::live::{DaemonError, EndpointSpec, NetworkSettings, Pool};
use netctl::probe::daemon::{Containers, PlaceholderSpec};
use netctl::state::MarkerSpec;
use std::collections::BTreeMap;
use std::net::{IpAddr, Ipv4Addr};
use std::time::Duration;

/// The placeholder image the live tests build locally (scripts/build-test-image.sh).
const IMAGE: &str = "netctl-test-busybox:1";
/// The suite's own range; each test takes /24s of it that nothing else holds.
const RANGE: &str = "10.216.0.0/16";

/// Both seams: what the suite is written against.
trait Both: Networks + Containers {}
impl<D: Networks + Containers> Both for D {}

/// What a behaviour gets: the daemon, a run id for names and labels, free subnets, and a way
/// to make a created container that does not run and is on no network (`docker create`: the
/// seams themselves only start containers).
struct Ctx<'d, D> {
    daemon: &'d D,
    run: String,
    subnets: Vec<IpNet>,
    created: Box<dyn Fn(&str) + 'd>,
}

impl<D: Both> Ctx<'_, D> {
    fn name(&self, suffix: &str) -> String {
        format!("{}-{suffix}", self.run)
    }

    fn labels(&self) -> BTreeMap<String, String> {
        BTreeMap::from([(TEST_LABEL.to_owned(), self.run.clone())])
    }

    /// A bridge network of this run on the `index`-th free subnet.
    fn spec(&self, suffix: &str, index: usize) -> NetworkSettings {
        NetworkSettings {
            name: self.name(suffix),
            driver: "bridge".to_owned(),
            labels: self.labels(),
            ipam: netctl::live::Ipam {
                pools: vec![Pool {
                    subnet: self.subnets[index],
                    gateway: None,
                    ip_range: None,
                    aux_addresses: BTreeMap::new(),
                }],
                ..Default::default()
            },
            ..NetworkSettings::default()
        }
    }

    /// The `host`-th address of the `index`-th subnet.
    fn address(&self, index: usize, host: u8) -> Ipv4Addr {
        match self.subnets[index].network() {
            IpAddr::V4(network) => Ipv4Addr::from(u32::from(network) + u32::from(host)),
            IpAddr::V6(_) => unreachable!("the suite's subnets are IPv4"),
        }
    }

    /// A container of this run to start on `network`, with `endpoint` there.
    fn placeholder(&self, suffix: &str, network: &str, endpoint: EndpointSpec) -> PlaceholderSpec {
        PlaceholderSpec {
            name: self.name(suffix),
            image: IMAGE.to_owned(),
            args: vec!["/bin/sleep".to_owned(), "3600".to_owned()],
            network: network.to_owned(),
            endpoint,
            labels: self.labels(),
        }
    }

    /// A created container of this run, not running and on no network.
    fn stopped(&self, suffix: &str) -> String {
        let name = self.name(suffix);
        (self.created)(&name);
        name
    }

    /// A running container of this run on `network`, with `endpoint` there.
    async fn container(&self, suffix: &str, network: &str, endpoint: EndpointSpec) -> String {
        let spec = self.placeholder(suffix, network, endpoint);
        self.daemon.start_placeholder(&spec).await.unwrap();
        spec.name
    }
}

fn refusal(result: Result<impl std::fmt::Debug, DaemonError>) -> (u16, String) {
    match result {
        Err(DaemonError::Api {
            status, message, ..
        }) => (status, message),
        other => panic!("expected a refusal of the daemon, got {other:?}"),
    }
}

fn aliases(names: &[&str]) -> EndpointSpec {
    EndpointSpec {
        aliases: names.iter().map(|a| (*a).to_owned()).collect(),
        ..EndpointSpec::default()
    }
}

async fn created_networks_are_listed_with_their_settings_and_labels<D: Both>(ctx: &Ctx<'_, D>) {
    let mut spec = ctx.spec("settings", 0);
    spec.internal = true;
    spec.labels
        .insert("io.netctl.project".to_owned(), ctx.run.clone());
    let id = ctx.daemon.create_network(&spec).await.unwrap();
    let networks = ctx.daemon.networks().await.unwrap();
    let live = networks.iter().find(|n| n.id == id).unwrap();
    assert_eq!(live.name(), spec.name);
    assert_eq!(live.settings.driver, "bridge");
    assert!(live.settings.internal);
    assert_eq!(live.settings.labels, spec.labels, "labels are as created");
    assert_eq!(live.owner(), Some(ctx.run.as_str()));
    let subnets: Vec<IpNet> = live.settings.ipam.pools.iter().map(|p| p.subnet).collect();
    assert_eq!(subnets, [ctx.subnets[0]]);
    for builtin in ["bridge", "host", "none"] {
        assert!(networks.iter().any(|n| n.name() == builtin), "{builtin}");
    }
}

async fn a_network_without_a_subnet_gets_a_free_pool<D: Both>(ctx: &Ctx<'_, D>) {
    let mut spec = ctx.spec("auto", 0);
    spec.ipam.pools.clear();
    let id = ctx.daemon.create_network(&spec).await.unwrap();
    let networks = ctx.daemon.networks().await.unwrap();
    let pools = &networks
        .iter()
        .find(|n| n.id == id)
        .unwrap()
        .settings
        .ipam
        .pools;
    assert_eq!(pools.len(), 1);
    let others = networks.iter().filter(|n| n.id != id);
    for other in others.flat_map(|n| &n.settings.ipam.pools) {
        let (a, b) = (&pools[0].subnet, &other.subnet);
        assert!(
            !a.contains(&b.network()) && !b.contains(&a.network()),
            "{a} {b}"
        );
    }
    let holder = ctx.container("auto-c", &id, EndpointSpec::default()).await;
    let inspected = ctx
        .daemon
        .inspect_container(&holder)
        .await
        .unwrap()
        .unwrap();
    let endpoint = inspected.endpoint_on(&id).unwrap();
    assert!(pools[0].subnet.contains(&endpoint.addresses[0]));
    let IpAddr::V4(auto) = pools[0].subnet.network() else {
        panic!("an IPv4 pool");
    };
    let fixed = EndpointSpec {
        ipv4_address: Some(Ipv4Addr::from(u32::from(auto) + 50)),
        ..EndpointSpec::default()
    };
    let elsewhere = ctx
        .daemon
        .create_network(&ctx.spec("auto2", 1))
        .await
        .unwrap();
    let other = ctx
        .container("auto-d", &elsewhere, EndpointSpec::default())
        .await;
    let (status, message) = refusal(ctx.daemon.connect(&id, &other, &fixed).await);
    assert_eq!(status, 400, "{message}");
    assert!(
        message.contains("only when connecting to networks with user configured subnets"),
        "{message}"
    );
}

async fn overlapping_pools_are_refused_with_403<D: Both>(ctx: &Ctx<'_, D>) {
    ctx.daemon
        .create_network(&ctx.spec("wide", 0))
        .await
        .unwrap();
    let mut inner = ctx.spec("inner", 0);
    inner.ipam.pools[0].subnet = format!("{}/25", ctx.subnets[0].network()).parse().unwrap();
    let (status, message) = refusal(ctx.daemon.create_network(&inner).await);
    assert_eq!(status, 403);
    assert_eq!(
        message,
        "Pool overlaps with other one on this address space"
    );
    let mut outer = ctx.spec("outer", 0);
    outer.ipam.pools[0].subnet = RANGE.parse().unwrap();
    assert_eq!(refusal(ctx.daemon.create_network(&outer).await).0, 403);
    let names: Vec<String> = ctx
        .daemon
        .networks()
        .await
        .unwrap()
        .into_iter()
        .map(|n| n.settings.name)
        .collect();
    assert!(!names.contains(&inner.name) && !names.contains(&outer.name));
}

async fn names_repeat_and_lookups_by_name_become_ambiguous<D: Both>(ctx: &Ctx<'_, D>) {
    let first = ctx
        .daemon
        .create_network(&ctx.spec("twin", 0))
        .await
        .unwrap();
    let holder = ctx
        .container("twin-c", &first, EndpointSpec::default())
        .await;
    let second = ctx
        .daemon
        .create_network(&ctx.spec("twin", 1))
        .await
        .unwrap();
    assert_ne!(first, second);
    let name = ctx.name("twin");
    let networks = ctx.daemon.networks().await.unwrap();
    assert_eq!(
        networks.iter().filter(|n| n.settings.name == name).count(),
        2
    );
    let ambiguous = format!("network {name} is ambiguous (2 matches found on name)");
    let none = EndpointSpec::default();
    let (status, message) = refusal(ctx.daemon.connect(&name, &holder, &none).await);
    assert_eq!((status, message), (400, ambiguous.clone()));
    // Even given the id, a new container is configured by the network's name: no start.
    let late = ctx.placeholder("twin-d", &first, EndpointSpec::default());
    let (status, message) = refusal(ctx.daemon.start_placeholder(&late).await);
    assert_eq!((status, message), (400, ambiguous));
    let (status, message) = refusal(ctx.daemon.remove_network(&name).await);
    assert_eq!(status, 400);
    assert!(message.contains("ambiguous"), "{message}");
    ctx.daemon.remove_network(&second).await.unwrap();
    ctx.daemon.disconnect(&name, &holder).await.unwrap();
    ctx.daemon.remove_network(&name).await.unwrap();
}

async fn missing_objects_are_404<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("here", 0))
        .await
        .unwrap();
    let holder = ctx.container("here-c", &net, EndpointSpec::default()).await;
    let (nope, nobody) = (ctx.name("nope"), ctx.name("nobody"));
    let none = EndpointSpec::default();
    let (status, message) = refusal(ctx.daemon.remove_network(&nope).await);
    assert_eq!(
        (status, message),
        (404, format!("network {nope} not found"))
    );
    assert_eq!(
        refusal(ctx.daemon.connect(&nope, &holder, &none).await).0,
        404
    );
    let (status, message) = refusal(ctx.daemon.connect(&net, &nobody, &none).await);
    assert_eq!(
        (status, message),
        (404, format!("No such container: {nobody}"))
    );
    assert_eq!(refusal(ctx.daemon.disconnect(&nope, &holder).await).0, 404);
    assert_eq!(refusal(ctx.daemon.disconnect(&net, &nobody).await).0, 404);
    assert!(
        ctx.daemon
            .inspect_container(&nobody)
            .await
            .unwrap()
            .is_none()
    );
}

async fn connecting_twice_is_403_endpoint_already_exists<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("twice", 0))
        .await
        .unwrap();
    let holder = ctx
        .container("twice-c", &net, EndpointSpec::default())
        .await;
    let (status, message) = refusal(
        ctx.daemon
            .connect(&net, &holder, &EndpointSpec::default())
            .await,
    );
    assert_eq!(status, 403);
    assert_eq!(
        message,
        format!(
            "endpoint with name {holder} already exists in network {}",
            ctx.name("twice")
        )
    );
}

async fn disconnecting_a_non_member_is_500_not_connected<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("member", 0))
        .await
        .unwrap();
    let other = ctx
        .daemon
        .create_network(&ctx.spec("stranger", 1))
        .await
        .unwrap();
    let holder = ctx
        .container("member-c", &net, EndpointSpec::default())
        .await;
    let id = ctx
        .daemon
        .inspect_container(&holder)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, message) = refusal(ctx.daemon.disconnect(&other, &holder).await);
    assert_eq!(status, 500);
    assert_eq!(
        message,
        format!(
            "container {id} is not connected to network {}",
            ctx.name("stranger")
        )
    );
    ctx.daemon.disconnect(&net, &holder).await.unwrap();
    assert_eq!(refusal(ctx.daemon.disconnect(&net, &holder).await).0, 500);
}

async fn a_network_with_active_endpoints_cannot_be_removed<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("busy", 0))
        .await
        .unwrap();
    let holder = ctx.container("busy-c", &net, EndpointSpec::default()).await;
    let (status, message) = refusal(ctx.daemon.remove_network(&net).await);
    assert_eq!(status, 403);
    assert_eq!(
        message,
        format!(
            "error while removing network: network {} id {net} has active endpoints",
            ctx.name("busy")
        )
    );
    ctx.daemon.disconnect(&net, &holder).await.unwrap();
    ctx.daemon.remove_network(&net).await.unwrap();
    assert_eq!(refusal(ctx.daemon.remove_network(&net).await).0, 404);
}

async fn static_addresses_must_be_inside_the_subnet_and_free<D: Both>(ctx: &Ctx<'_, D>) {
    let mut spec = ctx.spec("static", 0);
    spec.ipam.pools[0]
        .aux_addresses
        .insert("router".to_owned(), IpAddr::V4(ctx.address(0, 9)));
    let net = ctx.daemon.create_network(&spec).await.unwrap();
    let other = ctx
        .daemon
        .create_network(&ctx.spec("static2", 1))
        .await
        .unwrap();
    let fixed = |host: u8| EndpointSpec {
        aliases: vec!["db".to_owned(), "primary".to_owned()],
        ipv4_address: Some(ctx.address(0, host)),
        ..EndpointSpec::default()
    };
    let first = ctx.container("static-a", &net, fixed(10)).await;
    let second = ctx
        .container("static-b", &other, EndpointSpec::default())
        .await;
    for taken in [10, 1, 9] {
        let (status, message) = refusal(ctx.daemon.connect(&net, &second, &fixed(taken)).await);
        assert_eq!(
            (status, message.as_str()),
            (403, "Address already in use"),
            ".{taken}"
        );
    }
    let outside = EndpointSpec {
        ipv4_address: Some(ctx.address(1, 10)),
        ..EndpointSpec::default()
    };
    let (status, message) = refusal(ctx.daemon.connect(&net, &second, &outside).await);
    assert_eq!(status, 500);
    assert_eq!(
        message,
        format!(
            "Invalid address {}: It does not belong to any of this network's subnets",
            ctx.address(1, 10)
        )
    );
    ctx.daemon.connect(&net, &second, &fixed(11)).await.unwrap();
    for (container, host) in [(&first, 10), (&second, 11)] {
        let inspected = ctx
            .daemon
            .inspect_container(container)
            .await
            .unwrap()
            .unwrap();
        let endpoint = inspected.endpoint_on(&net).unwrap();
        let address = ctx.address(0, host);
        let [a, b, c, d] = address.octets();
        let derived = format!("02:42:{a:02x}:{b:02x}:{c:02x}:{d:02x}");
        assert_eq!(
            endpoint.mac_address.as_ref(),
            Some(&derived),
            "the bridge derives the MAC"
        );
        let configured = EndpointSpec {
            mac_address: None,
            ..endpoint.spec()
        };
        assert_eq!(configured, fixed(host), "{container}");
        assert_eq!(endpoint.addresses, [IpAddr::V4(address)]);
        assert_eq!(endpoint.network_name, ctx.name("static"));
    }
    let listed = ctx.daemon.containers().await.unwrap();
    let listed = listed.iter().find(|c| c.name == second).unwrap();
    assert_eq!(listed.endpoints.len(), 2);
    assert!(listed.running && listed.pid.is_none());
}

async fn events_follow_network_changes<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("events", 0))
        .await
        .unwrap();
    let holder = ctx.container("events-c", &net, aliases(&["x"])).await;
    let events = ctx.daemon.events();
    let mut events = std::pin::pin!(events);
    // The Engine's stream subscribes when first polled: poll it before anything happens.
    let primed = tokio::time::timeout(Duration::from_millis(500), events.next()).await;
    assert!(primed.is_err(), "nothing happened yet: {primed:?}");
    let other = ctx
        .daemon
        .create_network(&ctx.spec("events2", 1))
        .await
        .unwrap();
    ctx.daemon
        .connect(&other, &holder, &aliases(&["y"]))
        .await
        .unwrap();
    ctx.daemon.disconnect(&other, &holder).await.unwrap();
    ctx.daemon.remove_network(&other).await.unwrap();
    let mut seen = Vec::new();
    while seen.len() < 5 {
        let event = tokio::time::timeout(Duration::from_secs(10), events.next()).await;
        let event = event
            .expect("an event within 10 s")
            .expect("an open stream")
            .unwrap();
        seen.push(format!("{} {}", event.kind, event.action));
    }
    // The Engine reports a running container's disconnect twice.
    let expected = ["create", "connect", "disconnect", "disconnect", "destroy"];
    assert_eq!(seen, expected.map(|action| format!("network {action}")));
}

async fn a_stopped_container_is_configured_not_attached<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("cfg", 0))
        .await
        .unwrap();
    let name = ctx.name("cfg");
    let idle = ctx.stopped("cfg-s");
    ctx.daemon
        .connect(&net, &idle, &aliases(&["x"]))
        .await
        .unwrap();
    ctx.daemon
        .connect(&net, &idle, &aliases(&["y"]))
        .await
        .unwrap();
    let listed = ctx.daemon.containers().await.unwrap();
    let listed = listed.iter().find(|c| c.name == idle).unwrap();
    assert!(!listed.running);
    let [endpoint] = listed.endpoints.as_slice() else {
        panic!("one endpoint: {:?}", listed.endpoints);
    };
    assert_eq!(endpoint.network_name, name);
    assert_eq!(endpoint.network_id, "", "not joined before it runs");
    assert!(endpoint.addresses.is_empty() && endpoint.mac_address.is_none());
    ctx.daemon.remove_network(&net).await.unwrap();
    let id = listed.id.clone();
    let (status, message) = refusal(ctx.daemon.disconnect(&net, &idle).await);
    assert_eq!(status, 500);
    assert_eq!(
        message,
        format!("container {id} is not connected to the network {net}")
    );
    ctx.daemon.disconnect(&name, &idle).await.unwrap();
    let listed = ctx.daemon.inspect_container(&idle).await.unwrap().unwrap();
    assert_eq!(listed.endpoints, []);
}

async fn namespaces_of_others_cannot_join<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("modes", 0))
        .await
        .unwrap();
    let holder = ctx
        .container("modes-c", &net, EndpointSpec::default())
        .await;
    let none = EndpointSpec::default();
    let (status, message) = refusal(ctx.daemon.connect("host", &holder, &none).await);
    assert_eq!(status, 400);
    assert_eq!(
        message,
        "container cannot be disconnected from host network or connected to host network"
    );
    let (status, message) = refusal(ctx.daemon.connect("none", &holder, &none).await);
    assert_eq!(status, 400);
    assert!(message.contains("private (none) mode"), "{message}");
    let (status, message) = refusal(ctx.daemon.remove_network("bridge").await);
    assert_eq!(
        (status, message.as_str()),
        (403, "bridge is a pre-defined network and cannot be removed")
    );
}

async fn objects_are_found_by_an_id_prefix<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("prefix", 0))
        .await
        .unwrap();
    let other = ctx
        .daemon
        .create_network(&ctx.spec("prefix2", 1))
        .await
        .unwrap();
    let holder = ctx
        .container("prefix-c", &net, EndpointSpec::default())
        .await;
    let id = ctx
        .daemon
        .inspect_container(&holder)
        .await
        .unwrap()
        .unwrap()
        .id;
    let found = ctx
        .daemon
        .inspect_container(&id[..12])
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.id, id);
    assert_eq!(
        found.name,
        id[..12],
        "the seam names a container as it was asked for"
    );
    let none = EndpointSpec::default();
    ctx.daemon
        .connect(&other[..12], &id[..12], &none)
        .await
        .unwrap();
    ctx.daemon
        .disconnect(&other[..12], &id[..12])
        .await
        .unwrap();
    ctx.daemon.remove_network(&other[..12]).await.unwrap();
    let listed = ctx.daemon.networks().await.unwrap();
    assert!(listed.iter().all(|n| n.id != other));
}

async fn exec_needs_a_running_container<D: Both>(ctx: &Ctx<'_, D>) {
    let idle = ctx.stopped("exec-s");
    let id = ctx
        .daemon
        .inspect_container(&idle)
        .await
        .unwrap()
        .unwrap()
        .id;
    let argv = ["true".to_owned()];
    let (status, message) = refusal(ctx.daemon.exec(&idle, &argv, None).await);
    assert_eq!(
        (status, message),
        (409, format!("Container {id} is not running"))
    );
    let nobody = ctx.name("nobody");
    let (status, message) = refusal(ctx.daemon.exec(&nobody, &argv, None).await);
    assert_eq!(
        (status, message),
        (404, format!("No such container: {nobody}"))
    );
}

async fn images_are_found_by_reference<D: Both>(ctx: &Ctx<'_, D>) {
    let image = ctx.daemon.image(IMAGE).await.unwrap().unwrap();
    assert!(image.id.starts_with("sha256:"), "{}", image.id);
    let missing = format!("{}-nothing:1", ctx.run);
    assert_eq!(ctx.daemon.image(&missing).await.unwrap(), None);
    ctx.daemon.remove_image(&missing, false).await.unwrap();
}

async fn events_flow_only_once_the_stream_is_read<D: Both>(ctx: &Ctx<'_, D>) {
    let events = ctx.daemon.events();
    let mut events = std::pin::pin!(events);
    ctx.daemon
        .create_network(&ctx.spec("unheard", 0))
        .await
        .unwrap();
    let first = tokio::time::timeout(Duration::from_millis(500), events.next()).await;
    assert!(
        first.is_err(),
        "a stream not yet read hears nothing: {first:?}"
    );
    ctx.daemon
        .create_network(&ctx.spec("heard", 1))
        .await
        .unwrap();
    let heard = tokio::time::timeout(Duration::from_secs(10), events.next()).await;
    let heard = heard.expect("an event within 10 s").unwrap().unwrap();
    assert_eq!(
        (heard.kind.as_str(), heard.action.as_str()),
        ("network", "create")
    );
}

async fn a_container_start_shows_on_the_event_stream<D: Both>(ctx: &Ctx<'_, D>) {
    let net = ctx
        .daemon
        .create_network(&ctx.spec("starts", 0))
        .await
        .unwrap();
    let events = ctx.daemon.events();
    let mut events = std::pin::pin!(events);
    let primed = tokio::time::timeout(Duration::from_millis(500), events.next()).await;
    assert!(primed.is_err(), "nothing happened yet: {primed:?}");
    ctx.container("starts-c", &net, aliases(&["s"])).await;
    let mut seen = Vec::new();
    while seen.len() < 3 {
        let event = tokio::time::timeout(Duration::from_secs(10), events.next()).await;
        let event = event.expect("an event within 10 s").unwrap().unwrap();
        seen.push(format!("{} {}", event.kind, event.action));
    }
    assert_eq!(
        seen,
        ["container create", "network connect", "container start"]
    );
}

/// The lock and the journal rest on this: a marker's name can be taken once, it never runs
/// and is on no network, and its labels read back as written.
async fn a_marker_holds_its_name_once_and_is_on_no_network<D: Both>(ctx: &Ctx<'_, D>) {
    let mut labels = ctx.labels();
    labels.insert("io.netctl.role".to_owned(), "lock".to_owned());
    labels.insert(
        "io.netctl.holder".to_owned(),
        "pid=1 host=h since=2".to_owned(),
    );
    let marker = MarkerSpec {
        name: ctx.name("lock"),
        image: IMAGE.to_owned(),
        labels: labels.clone(),
    };
    let id = ctx.daemon.create_marker(&marker).await.unwrap().unwrap();
    assert_eq!(
        ctx.daemon.create_marker(&marker).await.unwrap(),
        None,
        "409: taken"
    );
    let listed = ctx.daemon.containers().await.unwrap();
    let found = listed.iter().find(|c| c.id == id).unwrap();
    assert!(!found.running && found.endpoints.is_empty(), "{found:?}");
    assert!(found.is_netctl_marker());
    assert_eq!(found.labels, labels);
    let missing = MarkerSpec {
        name: ctx.name("orphan"),
        image: format!("{}-nothing:1", ctx.run),
        labels: ctx.labels(),
    };
    assert_eq!(refusal(ctx.daemon.create_marker(&missing).await).0, 404);
    ctx.daemon.remove_marker(&id).await.unwrap();
    ctx.daemon.remove_marker(&id).await.unwrap();
    let again = ctx.daemon.create_marker(&marker).await.unwrap();
    assert!(again.is_some(), "free once removed");
    ctx.daemon.remove_marker(&again.unwrap()).await.unwrap();
}

/// Runs each behaviour on a fresh fake daemon and on the real one.
macro_rules! contract {
    ($($behaviour:ident),* $(,)?) => {
        mod fake {
            $(
                #[test]
                fn $behaviour() {
                    let rig = super::FakeRig::new();
                    rig.runtime.block_on(super::$behaviour(&rig.ctx()));
                }
            )*
        }
        mod engine {
            $(
                #[test]
                fn $behaviour() {
                    let rig = super::EngineRig::new();
                    rig.runtime.block_on(super::$behaviour(&rig.ctx()));
                }
            )*
        }
    };
}

contract!(
    created_networks_are_listed_with_their_settings_and_labels,
    a_network_without_a_subnet_gets_a_free_pool,
    overlapping_pools_are_refused_with_403,
    names_repeat_and_lookups_by_name_become_ambiguous,
    missing_objects_are_404,
    connecting_twice_is_403_endpoint_already_exists,
    disconnecting_a_non_member_is_500_not_connected,
    a_network_with_active_endpoints_cannot_be_removed,
    static_addresses_must_be_inside_the_subnet_and_free,
    events_follow_network_changes,
    a_stopped_container_is_configured_not_attached,
    namespaces_of_others_cannot_join,
    objects_are_found_by_an_id_prefix,
    exec_needs_a_running_container,
    images_are_found_by_reference,
    events_flow_only_once_the_stream_is_read,
    a_container_start_shows_on_the_event_stream,
    a_marker_holds_its_name_once_and_is_on_no_network,
);

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The fake daemon has no other networks and no routes: the range's first /24s are free.
fn fake_subnets() -> Vec<IpNet> {
    let range: IpNet = RANGE.parse().unwrap();
    range.subnets(24).unwrap().take(2).collect()
}

struct FakeRig {
    runtime: tokio::runtime::Runtime,
    daemon: FakeDaemon,
    run: String,
}

impl FakeRig {
    /// A fake daemon that holds the test image, as the real one does after the build script.
    fn new() -> FakeRig {
        let rig = FakeRig {
            runtime: runtime(),
            daemon: FakeDaemon::new(),
            run: "fake".to_owned(),
        };
        let (repo, tag) = IMAGE.split_once(':').unwrap();
        rig.runtime
            .block_on(rig.daemon.import_image(b"rootfs".to_vec(), repo, tag, &[]))
            .unwrap();
        rig
    }

    fn ctx(&self) -> Ctx<'_, FakeDaemon> {
        let label = self.run.clone();
        Ctx {
            daemon: &self.daemon,
            run: self.run.clone(),
            subnets: fake_subnets(),
            created: Box::new(move |name| {
                let seed = Seed::stopped(name).label(TEST_LABEL, &label);
                self.daemon.seed(seed).unwrap();
            }),
        }
    }
}

/// The real daemon, inside a live sandbox: its lock, its id in every name and label, two free
/// /24s of `RANGE` checked against the daemon's networks and the host's routes, and its
/// `Drop` that removes exactly what carries its label.
struct EngineRig {
    runtime: tokio::runtime::Runtime,
    daemon: Engine,
    subnets: Vec<IpNet>,
    sandbox: Sandbox,
}

impl EngineRig {
    fn new() -> EngineRig {
        let mut sandbox = Sandbox::new();
        let subnets = (0..2)
            .map(|_| sandbox.free_subnet(RANGE).parse().unwrap())
            .collect();
        let runtime = runtime();
        let host = std::env::var("DOCKER_HOST").ok();
        let endpoint = Endpoint::parse(host.as_deref(), None).unwrap();
        let daemon = runtime
            .block_on(Engine::connect(&endpoint))
            .unwrap_or_else(|e| panic!("the contract needs the real daemon: {e}"));
        EngineRig {
            runtime,
            daemon,
            subnets,
            sandbox,
        }
    }

    fn ctx(&self) -> Ctx<'_, Engine> {
        let label = self.sandbox.label();
        Ctx {
            daemon: &self.daemon,
            run: self.sandbox.id.clone(),
            subnets: self.subnets.clone(),
            created: Box::new(move |name| {
                docker_ok(&["create", "--name", name, "--label", &label, IMAGE]);
                docker_ok(&["network", "disconnect", "bridge", name]);
            }),
        }
    }
}
