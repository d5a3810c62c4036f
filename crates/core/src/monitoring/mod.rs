//! 运行监控 ("双监控") — rounds (1–N月, 自行/重点), one 监控情况表 per approved target, the unit's
//! figures and per-indicator progress, review, 财政 corrective actions, and the round's figures.
//! Inputs are stored; 执行率, 完成率, 偏差度 and the warning light are derived ([`math`]) so they
//! always follow the current rule set.
//!
//! Files: [`rounds`] open/close, [`sheets`] the 监控情况表 and its review, [`actions`] 调减预算 …,
//! [`stats`] `monitoring stats`, [`xlsx`] the workbook units fill offline.

mod actions;
pub mod demo;
pub mod math;
mod rounds;
mod sheets;
mod stats;
mod xlsx;

pub use actions::*;
pub use rounds::*;
pub use sheets::*;
pub use stats::*;
pub use xlsx::{export_round, import_round, import_round_with, MONITOR_HEADERS};

use crate::text_enum;

text_enum! {
    /// 监控类型.
    pub enum RoundKind {
        SelfMonitoring = "自行监控",
        Key = "重点监控",
    }
}

text_enum! {
    pub enum RoundStatus {
        Open = "进行中",
        Closed = "已关闭",
    }
}

text_enum! {
    /// State of one 监控情况表.
    pub enum TaskStatus {
        Pending = "待填报",
        Submitted = "已提交",
        Returned = "已退回",
        Approved = "审核通过",
    }
}

text_enum! {
    /// 偏差原因.
    pub enum DeviationReason {
        Funding = "经费保障",
        Rules = "制度保障",
        Staffing = "人员保障",
        Facilities = "硬件条件保障",
        Other = "其他",
    }
}

text_enum! {
    /// 完成可能性 (of the annual value).
    pub enum Possibility {
        Certain = "确定能",
        Possible = "有可能",
        Impossible = "完全不可能",
    }
}

text_enum! {
    /// 预警 light.
    pub enum Warning {
        Green = "绿灯",
        Yellow = "黄灯",
        Red = "红灯",
    }
}

text_enum! {
    /// 财政 corrective action.
    pub enum ActionKind {
        CutBudget = "调减预算",
        Recover = "收回资金",
        WriteOff = "核销",
        Suspend = "暂缓拨付",
    }
}

impl ActionKind {
    /// Actions that lower the project's 调整后预算数 (暂缓拨付 only holds payments back).
    pub fn lowers_budget(self) -> bool {
        !matches!(self, ActionKind::Suspend)
    }
}
