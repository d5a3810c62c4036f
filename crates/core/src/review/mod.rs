//! 智能审核 — a transparent, configurable, offline review engine. It points; a person judges.
//! (Not the "二上二下" review workflow and its comments: that is [`crate::targets`].)
//!
//! - [`targets`](mod@target_rules): the 目标审核 rules over one target or a whole year's current
//!   targets → [`Finding`]s, per 三级指标 row where a rule applies to a row.
//! - [`risks`]: 疑点 over a year's 监控 / 自评 / 结果 data → [`Risk`]s, dismissable with a reason.
//! - [`suggest`]: 推荐指标 for a project from the 指标库 and earlier approved targets.
//!
//! Which rules run, how severe they are and their parameters come from the rule set in force
//! ([`crate::rules::ReviewRules`], versioned with the other rules in 规则设置). Nothing here
//! writes a decision: findings become 审核意见 only through the ordinary targets comment path,
//! 疑点 become 整改事项 only through the results rectification path.
//!
//! Reads load the year's rows with a few set-based queries and apply the rules in memory, so a
//! county-scale year (3,000 targets × 15 rows) is reviewed well inside 2 s.

pub mod decimal;
pub mod risks;
pub mod similarity;
pub mod suggest;
mod target_rules;

pub use risks::*;
pub use suggest::*;
pub use target_rules::*;

use crate::access::{Actor, Role};

/// The unit whose subtree an actor may see, when the actor's reads are limited (单位填报 only);
/// None = the whole county.
pub(crate) fn read_scope(actor: &Actor) -> Option<String> {
    let limited = !actor.is_system()
        && !actor.roles.is_empty()
        && actor.roles.iter().all(|r| *r == Role::UnitFiller);
    if limited {
        // A 单位填报 account always has a unit; without one it sees nothing rather than all.
        Some(actor.unit_id.clone().unwrap_or_default())
    } else {
        None
    }
}

/// SQL fragment `AND <col> IN (subtree of ?N)` for a read scope; empty when unscoped.
pub(crate) fn scope_sql(col: &str, param_no: usize) -> String {
    format!(
        " AND {col} IN {}",
        crate::listing::unit_subtree(&format!("?{param_no}"))
    )
}
