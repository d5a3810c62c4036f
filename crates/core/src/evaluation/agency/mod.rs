//! 第三方机构: the registry (an org_unit of kind 第三方机构 with type, qualification and record),
//! recorded relations with units, engagements for 第三方机构评价 (fee in 分, 利益冲突声明) and
//! the 执业质量评价 of each (方案 / 底稿 / 报告质量 / 时效 / 沟通与廉洁 → 优秀 / 合格 / 不合格).
//!
//! Invariants: an agency is never engaged to evaluate a unit it is recorded as related to (or a
//! unit below one), nor while its last `exclude_after_fails` reviews are all 不合格 (清退提示,
//! computed, never stored); one live engagement per evaluation.

mod engage;
mod model;
mod registry;

pub use engage::*;
pub use model::*;
pub use registry::{
    add_agency_relation, flagged, get_agency, list_agencies, remove_agency_relation, save_agency,
};
