//! 绩效目标 — project targets (项目绩效目标) and unit targets (部门整体绩效目标), each a 总体目标
//! plus a three-level indicator tree, reviewed "二上二下": 编制 → 一上 → 一下 (returned with
//! comments) → 二上 → 二下 (approved, frozen). Adjusting an approved target adds a version and
//! keeps the old one. 量化率 is derived, never stored.
//!
//! Files: [`edit`] drafts and indicator validation, [`review`] the workflow, [`query`] reading
//! and the reviewer's diff, [`stats`] 量化率 and coverage, [`xlsx`] the 绩效目标申报表.

pub mod demo;
mod edit;
mod query;
mod review;
mod stats;
mod xlsx;

pub use edit::*;
pub use query::*;
pub use review::*;
pub use stats::*;
pub use xlsx::{export_targets, import_targets, import_targets_with, TARGET_HEADERS};

use crate::indicator::{Level1, Level2, Nature};
use crate::money::Fen;
use crate::projects::ProjectGrade;
pub use crate::rate::rate_bp;
use crate::text_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 目标类型.
    pub enum TargetKind {
        Project = "项目",
        Unit = "部门整体",
    }
}

text_enum! {
    /// Review state of "二上二下".
    pub enum TargetStatus {
        Draft = "编制",
        FirstUp = "一上",
        FirstDown = "一下",
        SecondUp = "二上",
        SecondDown = "二下",
    }
}

text_enum! {
    /// 审核意见类别.
    pub enum CommentCategory {
        Completeness = "完整性",
        Relevance = "相关性",
        Appropriateness = "适当性",
        Feasibility = "可行性",
    }
}

impl TargetStatus {
    /// The unit may edit in 编制 and after a return (一下).
    pub fn editable(self) -> bool {
        matches!(self, TargetStatus::Draft | TargetStatus::FirstDown)
    }

    /// Waiting for the bureau's review (一上 or 二上).
    pub fn under_review(self) -> bool {
        matches!(self, TargetStatus::FirstUp | TargetStatus::SecondUp)
    }
}

/// One 三级指标 row of a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetIndicator {
    pub id: String,
    /// 1-based order in the form.
    pub seq: i64,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    /// Decimal text (low bound for 区间) or the words of a 定性 value.
    pub value: String,
    pub value_high: Option<String>,
    pub unit: String,
    /// 权重, centi-points (1000 = 10 分); None when the form has no weights.
    pub weight_cp: Option<i64>,
    pub library_id: Option<String>,
    pub is_core: bool,
}

/// A 三级指标 row as the editor and the importer send it: the value as typed ("85-95" for 区间),
/// the weight as points text ("" = none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorInput {
    /// Id of an existing row (kept so comments stay attached), None for a new row.
    pub id: Option<String>,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    pub value: String,
    pub unit: String,
    pub weight: String,
    pub library_id: Option<String>,
    pub is_core: bool,
}

/// The editable body of a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetDraft {
    pub overall_goal: String,
    pub indicators: Vec<IndicatorInput>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetComment {
    pub id: String,
    /// The 三级指标 the comment is about; None = about the whole target.
    pub indicator_id: Option<String>,
    pub indicator_name: String,
    pub category: CommentCategory,
    pub text: String,
    pub resolved: bool,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentInput {
    pub indicator_id: Option<String>,
    pub category: CommentCategory,
    pub text: String,
}

/// A target with everything its screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Target {
    pub id: String,
    pub fiscal_year: i32,
    pub kind: TargetKind,
    pub project_id: Option<String>,
    pub project_code: Option<String>,
    pub project_name: Option<String>,
    pub project_grade: Option<ProjectGrade>,
    /// 调整后预算数 of the project, 分.
    pub project_budget: Option<Fen>,
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub version: i64,
    pub is_current: bool,
    pub previous_id: Option<String>,
    pub status: TargetStatus,
    pub overall_goal: String,
    pub adjustment_reason: String,
    /// 核减 recorded at review, 分.
    pub reduction: Fen,
    pub is_public: bool,
    pub not_public_reason: String,
    /// 初审人 of an A-tier target (its 复核人 is `approved_by`).
    pub first_approved_by: Option<String>,
    pub approved_by: Option<String>,
    pub approved_at: Option<String>,
    pub submitted_at: Option<String>,
    pub updated_at: String,
    pub indicators: Vec<TargetIndicator>,
    pub comments: Vec<TargetComment>,
    /// 量化率, bp; None while the target has no 三级指标.
    pub quantification_bp: Option<i64>,
    /// A-tier (项目分级 A): approval needs a second reviewer.
    pub needs_second_reviewer: bool,
    /// Why approval is blocked (事前评估 不予支持), if it is.
    pub approval_block: Option<String>,
}
