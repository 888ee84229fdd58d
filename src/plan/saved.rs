//! A saved plan (`plan --out FILE`, then `apply FILE`): the plan itself, read back exactly as
//! it was planned. Applying it re-observes the daemon and runs it only while every action's
//! precondition still holds (`precondition::unmet`); it is never planned again.

use super::Plan;
use serde::{Deserialize, Serialize};

const FORMAT: &str = "netctl-plan/2";

/// A saved plan is read within this many bytes, far above any real plan: the file `apply` is
/// given may be a topology, a device or a FIFO, and is never read without a bound.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

#[derive(Debug, Serialize, Deserialize)]
struct SavedPlan {
    format: String,
    plan: Plan,
}

#[derive(Debug, thiserror::Error)]
pub enum SavedPlanError {
    #[error("it was saved by another netctl ({0}); run netctl plan --out again")]
    Format(String),
    #[error("it is not a saved plan netctl can read: {0}")]
    Unreadable(String),
}

/// The file's text for `plan`.
pub fn write(plan: &Plan) -> String {
    let saved = SavedPlan {
        format: FORMAT.to_owned(),
        plan: plan.clone(),
    };
    serde_json::to_string_pretty(&saved).unwrap_or_default() + "\n"
}

/// Whether `text` is a saved plan at all (rather than a topology file).
pub fn is_saved_plan(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|value| {
            value
                .get("format")
                .and_then(|f| f.as_str())
                .map(|f| f.starts_with("netctl-plan/"))
        })
        .unwrap_or(false)
}

/// The plan in a saved plan's text.
pub fn read(text: &str) -> Result<Plan, SavedPlanError> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| SavedPlanError::Unreadable(e.to_string()))?;
    match value.get("format").and_then(|f| f.as_str()) {
        Some(FORMAT) => {}
        other => {
            return Err(SavedPlanError::Format(
                other.unwrap_or("no format").to_owned(),
            ));
        }
    }
    let saved: SavedPlan =
        serde_json::from_value(value).map_err(|e| SavedPlanError::Unreadable(e.to_string()))?;
    Ok(saved.plan)
}
