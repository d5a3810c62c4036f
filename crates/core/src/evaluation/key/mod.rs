//! 财政重点评价 of a 项目, a 部门整体, a 政策 or a 乡镇财政运行: the plan (object, method, team,
//! dates, 全周期跟踪问效 link), the score sheet copied from the kind's template in the rule set
//! (评分 items scored by the evaluator, 扣分 items computed from their actual value), findings
//! with basis and recommendation, the report texts, the workflow 计划 → 实施 → 报告初稿 →
//! 单位反馈 → 定稿, the list, the year's figures and the 评分表 export.
//!
//! Invariants: a saved sheet always passes `rules::key_sheet_problems` (weights sum to 100;
//! 项目/政策 产出+效益 ≥ 60); total and grade are stored only at 定稿 (from the rule set then in
//! force) and nothing of a 定稿 evaluation changes afterwards.

mod create;
mod export;
mod model;
mod query;
mod sheet;
mod workflow;

pub use create::{create_key_eval, update_key_plan};
pub use export::{export_key_sheet, KEY_SHEET_HEADERS};
pub use model::*;
pub use query::{get_key_eval, key_items, key_stats, level1_totals, list_key_evals};
pub use sheet::{save_key_findings, save_key_sheet, save_key_texts};
pub use workflow::{advance_key_eval, next_status, previous_status, return_key_eval};

use crate::evaluation::KeyStatus;
use crate::{Error, Result};

/// Refuses any change to a 定稿 evaluation.
fn ensure_not_final(k: &KeyEval) -> Result<()> {
    if k.status == KeyStatus::Final {
        return Err(Error::Conflict(format!(
            "『{}』已定稿，评价方案、评分表、问题和报告都不能再修改",
            k.object_name
        )));
    }
    Ok(())
}
