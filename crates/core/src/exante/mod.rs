//! 事前绩效评估 (ex-ante assessment): which projects of a year need one (新增 projects whose
//! 调整后预算数 reaches the rule set's threshold, plus those the bureau designates), the score
//! sheet of each (sub-item scores under the rule set's aspects → total → conclusion), 申报 /
//! 审定 amounts with the 审减率, the year's figures and the Excel list. A 『不予支持』 conclusion
//! blocks the project's 绩效目标 ([`blocks_targets`]).
//!
//! Invariants: at most one live assessment per project (a unique index); total and conclusion
//! are always computed here from the rule set in force when saving, and that rule-set version is
//! stored with the scores so the sheet can be shown as it was scored.

mod assess;
pub mod demo;
mod export;
mod model;
mod required;
mod stats;

pub use assess::*;
pub use export::export;
pub use model::*;
pub use required::*;
pub use stats::*;
