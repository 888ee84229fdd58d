//! Saved plans (`plan --out FILE`, then `apply FILE`): the plan with everything needed to
//! compute it again. Apply recomputes it from the live state and runs it only if it is still
//! exactly the saved one; any change on the daemon (or in the file) since means a new plan.

use super::Error;
use super::apply::Target;
use super::live::load_instance;
use crate::cli::{InstanceArgs, TopologyFile};
use crate::plan::{self, Plan};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const FORMAT: &str = "netctl-plan/1";

#[derive(Debug, Serialize, Deserialize)]
pub(super) struct SavedPlan {
    format: String,
    /// Absolute, so the plan applies from any directory.
    file: PathBuf,
    project: Option<String>,
    subnet_remap: Vec<String>,
    #[serde(default)]
    subnet_offset: Option<u32>,
    prune: bool,
    create_missing_external: bool,
    plan: serde_json::Value,
}

impl SavedPlan {
    pub(super) fn new(
        file: &Path,
        instance: &InstanceArgs,
        options: &plan::Options,
        plan: &Plan,
    ) -> Result<SavedPlan, Error> {
        let file = std::fs::canonicalize(file).map_err(|e| failed(file, &e.to_string()))?;
        Ok(SavedPlan {
            format: FORMAT.to_owned(),
            file,
            project: instance.project.clone(),
            subnet_remap: instance.subnet_remap.clone(),
            subnet_offset: instance.subnet_offset,
            prune: options.prune,
            create_missing_external: options.create_missing_external,
            plan: view(plan),
        })
    }

    pub(super) fn write(&self, path: &Path) -> Result<(), Error> {
        let text = serde_json::to_string_pretty(self).map_err(|e| failed(path, &e.to_string()))?;
        std::fs::write(path, text + "\n").map_err(|e| failed(path, &e.to_string()))
    }

    pub(super) fn into_target(self) -> Result<Target, Error> {
        let file = TopologyFile {
            path: Some(self.file),
            file: None,
        };
        let instance = InstanceArgs {
            project: self.project,
            subnet_remap: self.subnet_remap,
            subnet_offset: self.subnet_offset,
        };
        Ok(Target {
            topology: load_instance(&file, &instance)?,
            options: plan::Options {
                prune: self.prune,
                create_missing_external: self.create_missing_external,
            },
            saved: Some(self.plan),
        })
    }
}

/// The saved plan at `path`, or `None` when `path` is not one (a topology file).
pub(super) fn read(path: &Path) -> Option<Result<SavedPlan, Error>> {
    let text = std::fs::read_to_string(path).ok()?;
    let value: serde_json::Value = serde_json::from_str(&text).ok()?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
        return None;
    }
    Some(serde_json::from_value(value).map_err(|e| failed(path, &e.to_string())))
}

pub(super) fn check_unchanged(saved: &serde_json::Value, plan: &Plan) -> Result<(), Error> {
    if *saved == view(plan) {
        return Ok(());
    }
    Err(Error::Reported(format!(
        "error: the live state or the file changed since this plan was saved; nothing was \
         changed. Run netctl plan again. Today's plan would be:\n{}",
        plan.text()
    )))
}

fn view(plan: &Plan) -> serde_json::Value {
    serde_json::to_value(plan.view()).unwrap_or_default()
}

fn failed(path: &Path, detail: &str) -> Error {
    Error::Reported(format!("error: saved plan {}: {detail}", path.display()))
}
