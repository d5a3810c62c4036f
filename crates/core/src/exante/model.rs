//! The types of the 事前评估 stage: vocabularies, the form input, the stored assessment, the
//! score sheet shown to the assessor, and the list rows. Scores are centi-points (450 = 4.50
//! 分), money 分, rates basis points.

use crate::money::Fen;
use crate::projects::{NewOrContinuing, Project};
use crate::rules::ExAnteRules;
use crate::text_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 评估结论.
    pub enum ExAnteConclusion {
        Support = "予以支持",
        SupportAfterRevision = "调整完善后予以支持",
        NotSupport = "不予支持",
    }
}

text_enum! {
    /// 评估主体.
    pub enum AssessorType {
        Finance = "财政",
        Unit = "单位",
        ThirdParty = "第三方机构",
    }
}

text_enum! {
    /// Why a project is on the 事前评估 list: 新增 and 调整后预算数 ≥ the threshold; designated
    /// by the bureau; or not required but assessed anyway.
    pub enum RequiredReason {
        Threshold = "达到金额标准",
        Designated = "财政指定",
        Voluntary = "自行评估",
    }
}

text_enum! {
    /// List filter: assessed or not.
    pub enum ExAnteStatus {
        Missing = "未评估",
        Assessed = "已评估",
    }
}

/// One sub-item score, the aspect and item named as in the rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ItemScore {
    pub aspect: String,
    pub item: String,
    /// Centi-points, 0 ..= the item's 分值.
    pub score_cp: i64,
}

/// What the score sheet sends. Amounts are 万元 text, parsed exactly in core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExAnteInput {
    /// One score for every item of the rule set in force.
    pub scores: Vec<ItemScore>,
    pub assessor_type: AssessorType,
    /// The 第三方机构 unit; required for 第三方机构, ignored otherwise.
    pub assessor_org_id: Option<String>,
    /// 评估人.
    pub assessor_name: String,
    /// 申报金额（万元）.
    pub declared_wan: String,
    /// 审定金额（万元）, ≤ 申报金额.
    pub approved_wan: String,
    /// 评估意见.
    pub opinion: String,
    /// 评估日期 YYYY-MM-DD.
    pub assessed_on: String,
}

/// A saved assessment with its derived figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteAssessment {
    pub id: String,
    pub project_id: String,
    pub assessor_type: AssessorType,
    pub assessor_org_id: Option<String>,
    pub assessor_org_name: Option<String>,
    pub assessor_name: String,
    pub scores: Vec<ItemScore>,
    /// The rule-set version the scores follow (0 = built-in defaults).
    pub rule_version: i64,
    pub total_cp: i64,
    pub conclusion: ExAnteConclusion,
    pub declared_fen: Fen,
    pub approved_fen: Fen,
    /// 审减额 = 申报 − 审定.
    pub reduction_fen: Fen,
    /// 审减率 = 审减额 / 申报, bp, half up; 0 when nothing was declared.
    pub reduction_rate_bp: i64,
    pub opinion: String,
    pub assessed_on: String,
    pub updated_at: String,
}

/// One item of the sheet as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetItem {
    pub name: String,
    pub max_cp: i64,
    /// None when not scored (no assessment yet).
    pub score_cp: Option<i64>,
}

/// One aspect of the sheet with its subtotal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SheetAspect {
    pub name: String,
    pub max_cp: i64,
    /// Sum of the scored items.
    pub subtotal_cp: i64,
    pub items: Vec<SheetItem>,
}

/// The score sheet of a project: the sheet of the rule version it was scored under (or the
/// current one when not assessed yet), the saved assessment, and the current rules the next
/// save will use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteSheet {
    pub project: Project,
    /// Why the project must be assessed; None when it need not be.
    pub required_by: Option<RequiredReason>,
    pub designation_reason: Option<String>,
    /// Version of `aspects`.
    pub rule_version: i64,
    pub aspects: Vec<SheetAspect>,
    pub assessment: Option<ExAnteAssessment>,
    pub current_rule_version: i64,
    /// The rule set a save uses now (sheet, bands, threshold).
    pub current_rules: ExAnteRules,
}

/// An assessment as a list row shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteSummary {
    pub total_cp: i64,
    pub conclusion: ExAnteConclusion,
    pub assessor_type: AssessorType,
    pub declared_fen: Fen,
    pub approved_fen: Fen,
    pub assessed_on: String,
}

/// One project of the 事前评估 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteRow {
    pub project_id: String,
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub new_or_continuing: NewOrContinuing,
    /// 调整后预算数, 分.
    pub adjusted_budget: Fen,
    pub reason: RequiredReason,
    /// Designated by the bureau (also when the amount alone would require it).
    pub designated: bool,
    pub designation_reason: String,
    pub assessment: Option<ExAnteSummary>,
}

/// Counts over the whole year (not only the filtered page).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAnteCounts {
    /// Projects that must be assessed (threshold or designated).
    pub required: u32,
    /// Of those, assessed.
    pub assessed: u32,
    /// Of those, not assessed yet.
    pub missing: u32,
    /// Assessed although not required.
    pub other_assessed: u32,
}

/// List filters; `year` is required.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExAnteQuery {
    pub year: i32,
    pub status: Option<ExAnteStatus>,
    pub conclusion: Option<ExAnteConclusion>,
    /// 预算类型 of the project (年度总览 opens the list with one).
    #[serde(default)]
    pub budget_type: Option<crate::projects::BudgetType>,
    /// A unit and all units below it.
    pub unit_id: Option<String>,
    /// Matches 项目编码, 项目名称 or the unit name.
    pub search: Option<String>,
    /// 1-based; 0 means all rows.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ExAntePage {
    /// Rows matching the filters.
    pub total: u32,
    pub counts: ExAnteCounts,
    /// The threshold in force (分), for the screen's explanation.
    pub threshold: Fen,
    pub rows: Vec<ExAnteRow>,
}

/// 审减率 in basis points, half up; 0 when nothing was declared.
pub fn reduction_rate_bp(declared: Fen, approved: Fen) -> i64 {
    crate::rate::rate_bp(declared.0 - approved.0, declared.0).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduction_rate_of_500_declared_430_approved_is_1400_bp() {
        assert_eq!(
            reduction_rate_bp(Fen::from_wan(500), Fen::from_wan(430)),
            1400
        );
    }

    #[test]
    fn reduction_rate_rounds_half_up_and_is_zero_without_a_declared_amount() {
        // 1/3 = 3333.33… bp → 3333; 2/3 = 6666.67 → 6667; 1/8 = 1250 exactly.
        assert_eq!(reduction_rate_bp(Fen(3), Fen(2)), 3333);
        assert_eq!(reduction_rate_bp(Fen(3), Fen(1)), 6667);
        // 0.5 bp exactly rounds up: 1/20000.
        assert_eq!(reduction_rate_bp(Fen(20_000), Fen(19_999)), 1);
        assert_eq!(reduction_rate_bp(Fen(0), Fen(0)), 0);
        assert_eq!(reduction_rate_bp(Fen(100), Fen(100)), 0);
        assert_eq!(reduction_rate_bp(Fen(100), Fen(0)), 10_000);
    }
}
