//! Plain text for a person: the plan, what apply and destroy did. Each kind of result has a
//! file of its own; tables go through the table renderer instead.

mod apply;
mod plan;
mod rules;
mod validate;
mod verdict;
mod verify;

pub use apply::{Applied, Destroyed};
pub use rules::RuleList;
pub use validate::Validated;
pub use verdict::VerdictScreen;
pub use verify::{Verified, summary, unlisted};

/// The human text format.
pub struct Text;
