//! The types of the 第三方机构 registry: the agency form, registry rows with their relations,
//! engagement count, latest grades and the computed 清退提示, engagements and quality reviews.
//! Money 分, scores centi-points.

use crate::evaluation::{AgencyType, EngagementStatus, KeyKind, QualityGrade};
use crate::money::Fen;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the agency form sends; `unit_id` None creates the 第三方机构 unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AgencyInput {
    /// An existing org_unit of kind 第三方机构 (edit, or register a unit made in 单位管理).
    pub unit_id: Option<String>,
    pub code: String,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub agency_type: AgencyType,
    /// 资质 (执业证书, 备案 …).
    pub qualification: String,
    /// 执业记录 (violations, awards …).
    pub record: String,
}

/// A recorded relation between an agency and a unit (投资、审计、咨询服务 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgencyRelation {
    pub id: String,
    pub agency_id: String,
    pub unit_id: String,
    pub unit_name: String,
    pub note: String,
}

/// One 第三方机构 unit of the registry. Units of kind 第三方机构 made in 单位管理 appear with
/// `registered` false until their type and qualification are recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct AgencyRow {
    pub unit_id: String,
    pub code: String,
    pub name: String,
    pub contact: String,
    pub phone: String,
    pub registered: bool,
    pub agency_type: Option<AgencyType>,
    pub qualification: String,
    pub record: String,
    /// Live engagements, all years.
    pub engagements: u32,
    /// Quality grades of the reviewed engagements, latest first.
    pub latest_grades: Vec<QualityGrade>,
    /// The last `exclude_after_fails` reviews are all 不合格 (清退提示).
    pub flagged_for_exclusion: bool,
    pub relations: Vec<AgencyRelation>,
}

/// What the engagement form sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct EngagementInput {
    pub key_eval_id: String,
    pub agency_id: String,
    /// 委托费用, 分.
    pub fee: Fen,
    /// YYYY-MM-DD.
    pub contract_date: String,
    /// 利益冲突声明.
    pub conflict_declaration: String,
}

/// The five parts of a quality review, centi-points, each 0 ..= its maximum in the rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReviewInput {
    pub engagement_id: String,
    /// 方案.
    pub plan_cp: i64,
    /// 底稿.
    pub papers_cp: i64,
    /// 报告质量.
    pub report_cp: i64,
    /// 时效.
    pub timeliness_cp: i64,
    /// 沟通与廉洁.
    pub integrity_cp: i64,
    /// 奖惩措施.
    pub reward_penalty: String,
}

/// A saved quality review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EngagementReview {
    pub id: String,
    pub engagement_id: String,
    pub plan_cp: i64,
    pub papers_cp: i64,
    pub report_cp: i64,
    pub timeliness_cp: i64,
    pub integrity_cp: i64,
    pub total_cp: i64,
    pub grade: QualityGrade,
    pub reward_penalty: String,
    pub reviewed_by: String,
    pub reviewed_at: String,
}

/// An engagement with the evaluation it serves and its review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct EngagementView {
    pub id: String,
    pub key_eval_id: String,
    pub fiscal_year: i32,
    pub kind: KeyKind,
    pub object_name: String,
    pub agency_id: String,
    pub agency_name: String,
    pub fee_fen: Fen,
    pub contract_date: String,
    pub conflict_declaration: String,
    pub status: EngagementStatus,
    pub review: Option<EngagementReview>,
}
