//! 绩效评价 — 单位自评 ([`self_eval`]), 财政抽查复核 ([`spot`]), 财政重点评价 of a 项目 / 部门整体
//! / 政策 / 乡镇 ([`key`]), 第三方机构 registry, engagements and quality scorecards ([`agency`]),
//! the year's figures ([`stats`]) and the 自评表 workbook ([`self_xlsx`]).
//! Scores are centi-points computed by core when inputs are saved; grades follow the rule set's
//! half-open bands (`rules::RuleSet::grade_of`).

pub mod agency;
pub mod demo;
pub mod key;
pub mod key_demo;
pub mod scoring;
pub mod self_eval;
mod self_fill;
pub mod self_list;
pub mod self_xlsx;
pub mod spot;
mod spot_review;
pub mod stats;

use crate::text_enum;
/// The form's scoring, also run by the bureau on a unit's 数据包 (sync admission).
pub(crate) use self_fill::{item_score_cp, totals};

text_enum! {
    /// State of one 单位自评.
    pub enum SelfEvalStatus {
        Pending = "待填报",
        Draft = "填报中",
        Submitted = "已提交",
        Returned = "已退回",
    }
}

text_enum! {
    /// 财政重点评价的对象类别.
    pub enum KeyKind {
        Project = "项目",
        Department = "部门整体",
        Policy = "政策",
        Township = "乡镇",
    }
}

text_enum! {
    /// 计划 → 实施 → 报告初稿 → 单位反馈 → 定稿.
    pub enum KeyStatus {
        Planned = "计划",
        Fieldwork = "实施",
        DraftReport = "报告初稿",
        UnitFeedback = "单位反馈",
        Final = "定稿",
    }
}

text_enum! {
    /// Who carries out a key evaluation.
    pub enum KeyMethod {
        Bureau = "财政评价",
        ThirdParty = "第三方机构评价",
    }
}

text_enum! {
    /// How a spot-check draw is stratified.
    pub enum Stratify {
        None = "不分层",
        ByAmount = "按金额",
        ByUnit = "按单位",
    }
}

text_enum! {
    /// 第三方机构类别 (domain §7).
    pub enum AgencyType {
        Consultancy = "咨询机构",
        Accounting = "会计师事务所",
        Appraisal = "资产评估机构",
        Law = "律师事务所",
        Research = "科研院所",
        University = "高等院校",
    }
}

text_enum! {
    pub enum EngagementStatus {
        Contracted = "已签约",
        Delivered = "已交付",
        Accepted = "已验收",
    }
}

text_enum! {
    /// 第三方机构执业质量等级.
    pub enum QualityGrade {
        Excellent = "优秀",
        Pass = "合格",
        Fail = "不合格",
    }
}
