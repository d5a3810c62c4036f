//! 统计分析 — the year's figures of every stage ([`overview`]: 年度总览, `stats year`) split by
//! 预算类型 and compared with the previous year, and the annual report 「{县名}{年度}年度全面预算
//! 绩效管理工作开展情况」 built from them.
//!
//! Invariants: every number of the report comes from [`year_overview`]; amounts are 分 and rates
//! basis points until they are formatted (万元 two decimals, rates two decimals).

pub mod annual;
pub mod export;
pub mod figures;
pub mod npc;
pub mod overview;
pub mod texts;

pub use annual::{annual_report, write_annual_report, AnnualReport, ReportSection};
pub use export::export_overview;
pub use figures::*;
pub use npc::{npc_tables, write_npc_report, NpcTables};
pub use overview::{county_name, year_overview, YearOverview};
pub use texts::{get_texts, save_texts, ReportTexts, ReportTextsInput};
