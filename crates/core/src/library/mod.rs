//! 指标库 (indicator library): the 16 指标分类, their 三级指标 (each under a fixed 一级/二级,
//! with 指标性质, 计量单位, 参考值 and a 核心指标 flag) and the 案例 (complete example target sets
//! of a typical project of a category). The 绩效目标 editor picks from here.
//!
//! Invariants: a live indicator's (分类, 一级, 二级, 三级指标) is unique and its 二级 belongs to
//! its 一级; deletes are soft; a category with live indicators or cases cannot be deleted. The
//! shipped starter (`assets/library/starter.json`) is installed once, on an empty library.
//!
//! Files: [`categories`] 分类, [`indicators`] form CRUD + validation, [`query`] the paged list,
//! [`cases`] 案例, [`starter`] the shipped content, [`import`]/[`export`] Excel.

mod categories;
mod export;
mod import;
mod indicators;
mod query;
mod starter;

pub mod cases;

pub use cases::*;
pub use categories::*;
pub use export::{export, LIBRARY_HEADERS};
pub use import::import;
pub use indicators::*;
pub use query::*;
pub use starter::*;

use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use ts_rs::TS;

/// `jixiao-cli library stats`: live rows of the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryStats {
    pub categories: u32,
    pub indicators: u32,
    /// Indicators marked 核心指标.
    pub core: u32,
    pub cases: u32,
}

pub fn stats(c: &Connection) -> Result<LibraryStats> {
    let count = |sql: &str| c.query_row(sql, [], |r| r.get::<_, u32>(0));
    Ok(LibraryStats {
        categories: count("SELECT COUNT(*) FROM indicator_category WHERE deleted_at IS NULL")?,
        indicators: count("SELECT COUNT(*) FROM library_indicator WHERE deleted_at IS NULL")?,
        core: count(
            "SELECT COUNT(*) FROM library_indicator WHERE deleted_at IS NULL AND is_core = 1",
        )?,
        cases: count("SELECT COUNT(*) FROM library_case WHERE deleted_at IS NULL")?,
    })
}

/// SQL ordering of 一级/二级 labels in form order (产出 before 效益 before 满意度), for lists and
/// exports; `col` is the column expression.
pub(crate) fn level_order(col: &str, labels: &[&str]) -> String {
    let mut s = format!("CASE {col}");
    for (i, l) in labels.iter().enumerate() {
        s.push_str(&format!(" WHEN '{l}' THEN {i}"));
    }
    s.push_str(&format!(" ELSE {} END", labels.len()));
    s
}

/// `ORDER BY` of indicators: category order, then 一级, 二级 in form order, then name.
pub(crate) fn indicator_order() -> String {
    use crate::indicator::{Level1, Level2};
    let l1: Vec<&str> = Level1::ALL.iter().map(|l| l.label()).collect();
    let l2: Vec<&str> = Level2::ALL.iter().map(|l| l.label()).collect();
    format!(
        "c.sort, c.name, {}, {}, i.name",
        level_order("i.level1", &l1),
        level_order("i.level2", &l2)
    )
}
