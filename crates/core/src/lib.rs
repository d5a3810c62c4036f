//! jixiao-core — the whole domain of Jixiao (县级预算绩效管理系统), free of Tauri, PDF and UI.
//!
//! Map:
//! - [`db`] open/migrate/backup/check, one transaction per user action ([`db::Db::write`])
//! - [`access`] accounts, roles, permissions and site authority: every write asks here; [`audit`] reading the log
//! - [`money`] `Fen` (分) and exact 万元 parsing; [`clock`] the only source of "now"
//! - [`org`] fiscal years and the unit tree; [`projects`] 预算项目
//! - [`rate`] basis-point rates, rounded half up in one place
//! - [`rules`] versioned rule sets (grade bands, weights, thresholds)
//! - [`exante`] 事前绩效评估: required list, score sheets, conclusions, 审减率
//! - [`indicator`] the 一级/二级/指标性质/指标值 vocabulary shared by library and targets
//! - [`monitoring`] 运行监控: rounds, 监控情况表, warnings, corrective actions
//! - [`targets`] 绩效目标 and the "二上二下" review
//! - [`exchange`] Excel import/export; [`demo`] the deterministic 示例县
//! - [`library`] 指标库: categories, indicators, 案例, the shipped starter, Excel
//! - [`review`] 智能审核: target review rules, 疑点 over a year, indicator suggestions
//! - [`sync`] 数据交换: site identity, `.jxpkg` packages by USB, conflicts
//! - [`workbench`] 工作台: each account's waiting work; [`assess`] 绩效管理工作考核
//! - [`listing`] the one list-query stack: `Page<T>`, filters, escaped search, unit subtree, paging

pub mod access;
pub mod audit;
pub mod clock;
pub mod db;
pub mod demo;
pub mod error;
pub mod evaluation;
pub mod exante;
pub mod exchange;
pub mod help;
pub mod indicator;
pub mod library;
pub mod money;
pub mod monitoring;

pub mod assess;
/// 成本预算绩效分析: fields, unit costs, quartiles, 成本定额标准, 建议压减额.
pub mod cost;
pub mod cycle;
pub mod listing;
pub mod org;
pub mod policy;
pub mod projects;
pub mod rate;
pub mod reports;
pub mod results;
pub mod review;
pub mod rules;
pub mod search;
pub mod sync;
pub mod system;
pub mod targets;
mod text_enum;
pub mod workbench;

pub use error::{Error, ErrorCode, FieldProblem, Result};
pub use money::Fen;

/// Centi-points as "89.50".
pub fn fmt_cp(cp: i64) -> String {
    let sign = if cp < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", cp.abs() / 100, cp.abs() % 100)
}
