//! The types of 财政重点评价: the plan form, the score-sheet and findings inputs, the detail
//! the editor shows (items with per-一级 totals, findings, engagement, the 全周期 stage chain),
//! the list rows and the year's figures. Scores are centi-points, money 分.

use crate::evaluation::agency::EngagementView;
use crate::evaluation::{KeyKind, KeyMethod, KeyStatus};
use crate::money::Fen;
use crate::rules::Grade;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the 新建 dialog sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyEvalInput {
    pub year: i32,
    pub kind: KeyKind,
    /// 评价对象; empty = the project's name, the unit's 部门整体 / 财政运行 name.
    pub object_name: String,
    /// Required for 项目: a project of `year`.
    pub project_id: Option<String>,
    /// 被评价单位: required for 部门整体 (a 主管部门 or 预算单位) and 乡镇 (a 乡镇); the
    /// 主管部门 of a 政策 (optional). Ignored for 项目 (the project's unit is used).
    pub unit_id: Option<String>,
    /// 评价金额, 分; None = the project's 调整后预算数 (0 for other kinds).
    pub amount: Option<Fen>,
    pub method: KeyMethod,
    /// 评价工作组.
    pub team: String,
    /// YYYY-MM-DD.
    pub plan_start: Option<String>,
    pub plan_end: Option<String>,
    /// 全周期跟踪问效: the same object's evaluation of an earlier year.
    pub previous_id: Option<String>,
    /// 评价依据.
    pub basis: String,
}

/// The plan fields editable until 定稿 (object and kind stay).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyPlanInput {
    pub object_name: String,
    pub amount: Fen,
    pub method: KeyMethod,
    pub team: String,
    pub plan_start: Option<String>,
    pub plan_end: Option<String>,
    pub previous_id: Option<String>,
    pub basis: String,
}

/// One row of the score sheet as the editor sends it. `rule` 评分: `score_cp` is the
/// evaluator's; 扣分: the score is computed from `actual` (a percentage), `score_cp` ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyItemInput {
    /// The row's id when it already exists (kept on save).
    pub id: Option<String>,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    /// 分值, centi-points.
    pub weight_cp: i64,
    /// 评分标准.
    pub standard: String,
    /// 评分 / 扣分.
    pub rule: String,
    /// 扣分: full marks up to this percentage.
    pub threshold: Option<String>,
    /// 扣分: centi-points per percentage point beyond the threshold.
    pub deduct_cp: Option<i64>,
    /// 实际情况 (扣分: the actual percentage, e.g. "103.5").
    pub actual: Option<String>,
    /// 得分 of a 评分 row; None = not scored yet.
    pub score_cp: Option<i64>,
    pub note: String,
}

/// One 发现的问题 with its basis and recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FindingInput {
    pub id: Option<String>,
    /// 问题类别, e.g. 预算管理 / 资金使用 / 绩效目标 / 项目管理.
    pub category: String,
    pub problem: String,
    /// 依据 (the rule the problem breaks).
    pub basis: String,
    /// 整改建议.
    pub recommendation: String,
}

/// A saved score-sheet row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyItem {
    pub id: String,
    /// 1-based, in sheet order.
    pub seq: i64,
    pub level1: String,
    pub level2: String,
    pub level3: String,
    pub weight_cp: i64,
    pub standard: String,
    pub rule: String,
    pub threshold: Option<String>,
    pub deduct_cp: Option<i64>,
    pub actual: Option<String>,
    /// None while not scored.
    pub score_cp: Option<i64>,
    pub note: String,
}

/// 一级指标 subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyLevel1Total {
    pub level1: String,
    pub weight_cp: i64,
    /// Sum of the scored items.
    pub score_cp: i64,
    pub items: u32,
    pub unscored: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyFinding {
    pub id: String,
    pub seq: i64,
    pub category: String,
    pub problem: String,
    pub basis: String,
    pub recommendation: String,
}

/// One yearly stage of a 全周期跟踪问效 chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyStage {
    pub id: String,
    pub fiscal_year: i32,
    pub object_name: String,
    pub status: KeyStatus,
    pub total_cp: Option<i64>,
    pub grade: Option<Grade>,
    /// The evaluation being shown.
    pub is_self: bool,
}

/// A key evaluation as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyEval {
    pub id: String,
    pub fiscal_year: i32,
    pub kind: KeyKind,
    pub object_name: String,
    pub project_id: Option<String>,
    pub project_code: Option<String>,
    pub unit_id: Option<String>,
    pub unit_name: Option<String>,
    pub amount_fen: Fen,
    pub method: KeyMethod,
    pub team: String,
    pub plan_start: Option<String>,
    pub plan_end: Option<String>,
    pub status: KeyStatus,
    pub previous_id: Option<String>,
    pub basis: String,
    /// 主要绩效 (report summary).
    pub summary: String,
    /// 单位反馈意见.
    pub unit_feedback: String,
    /// Σ item scores (the stored total once 定稿).
    pub total_cp: i64,
    /// The stored grade once 定稿; before, the grade the current total would get.
    pub grade: Grade,
    /// Σ 分值 (10000 for a valid sheet).
    pub weight_total_cp: i64,
    pub unscored: u32,
    pub finalized_by: Option<String>,
    pub finalized_at: Option<String>,
    pub created_by: String,
    pub updated_at: String,
    pub items: Vec<KeyItem>,
    /// In the framework's 一级 order.
    pub level1_totals: Vec<KeyLevel1Total>,
    pub findings: Vec<KeyFinding>,
    pub engagement: Option<EngagementView>,
    /// The whole 全周期 chain in year order (just this one when it is not linked).
    pub stages: Vec<KeyStage>,
}

/// List filters; `year` is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeyEvalQuery {
    pub year: i32,
    pub kind: Option<KeyKind>,
    pub status: Option<KeyStatus>,
    /// Matches 评价对象, the unit, the project code or the agency.
    pub text: Option<String>,
    /// 1-based; 0 means all rows.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyEvalRow {
    pub id: String,
    pub fiscal_year: i32,
    pub kind: KeyKind,
    pub object_name: String,
    pub project_code: Option<String>,
    pub unit_name: Option<String>,
    pub amount_fen: Fen,
    pub method: KeyMethod,
    pub agency_name: Option<String>,
    pub status: KeyStatus,
    /// Stored at 定稿.
    pub total_cp: Option<i64>,
    pub grade: Option<Grade>,
    pub findings: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyEvalPage {
    pub total: u32,
    /// Sum of 评价金额 over every matching row.
    pub amount_fen: Fen,
    pub rows: Vec<KeyEvalRow>,
}

/// Evaluations per kind. Field names are the Chinese labels (part of the CLI's JSON).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyKindCounts {
    #[serde(rename = "项目")]
    pub project: i64,
    #[serde(rename = "部门整体")]
    pub department: i64,
    #[serde(rename = "政策")]
    pub policy: i64,
    #[serde(rename = "乡镇")]
    pub township: i64,
}

/// 定稿 evaluations per grade.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyGradeCounts {
    #[serde(rename = "优")]
    pub excellent: i64,
    #[serde(rename = "良")]
    pub good: i64,
    #[serde(rename = "中")]
    pub fair: i64,
    #[serde(rename = "差")]
    pub poor: i64,
}

/// The year's 重点评价 figures: every live evaluation counted (any status), grades of the
/// 定稿 ones. Embedded as "key" in `evaluation stats --json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct KeyStats {
    pub count: i64,
    pub amount_fen: Fen,
    pub by_kind: KeyKindCounts,
    pub grades: KeyGradeCounts,
}
