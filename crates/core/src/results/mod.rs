//! 结果应用 — official documents with the 文号 register ([`documents`], [`register`]), the 整改台账
//! ([`rectification`]), 预算挂钩 ([`linkage`]), 公开 ([`disclosure`]) and the year's figures
//! ([`stats`]).

pub mod compose;
pub mod disclosure;
pub mod doc_demo;
pub mod documents;
pub mod linkage;
pub mod rect_demo;
pub mod rectification;
pub mod register;
pub mod stats;

use crate::text_enum;

text_enum! {
    /// 文种 of a generated document.
    pub enum DocType {
        FeedbackLetter = "反馈意见函",
        RectificationNotice = "整改通知书",
        ManagementOpinion = "绩效管理意见书",
        MonitoringFeedback = "监控结果反馈书",
        ExAnteOpinion = "事前评估意见",
    }
}

text_enum! {
    pub enum DocStatus {
        Draft = "草稿",
        Issued = "已印发",
    }
}

text_enum! {
    /// 整改 state: 下达 → 整改中 → 已反馈 → 已核实 (or 退回 → 整改中) → 销号.
    pub enum RectStatus {
        Issued = "下达",
        InProgress = "整改中",
        Reported = "已反馈",
        Verified = "已核实",
        Rejected = "退回",
        Closed = "销号",
    }
}

text_enum! {
    /// 预算挂钩 action for next year's budget (domain §8).
    pub enum LinkageAction {
        Priority = "优先保障",
        AsJustified = "据实安排",
        Cut = "压减",
        Suspend = "暂停",
        Cancel = "取消",
    }
}
