//! `netctl export --to compose|k8s [FILE]`: the topology as a compose fragment or as
//! Kubernetes NetworkPolicies.

use super::{Error, Outcome, load_topology, print};
use crate::cli::{ExportArgs, ExportTarget};
use crate::compose::export;

pub fn run(args: &ExportArgs) -> Result<Outcome, Error> {
    let topology = load_topology(args.topology.given())?;
    let text = match args.to {
        ExportTarget::Compose => export::compose_fragment(&topology),
        ExportTarget::K8s => export::network_policies(&topology),
    };
    print(&text)
}
