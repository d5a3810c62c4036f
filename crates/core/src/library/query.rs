//! The paged, filtered indicator list (the library screen and the 绩效目标 editor's picker).
//! Filters and paging run in SQLite; a LIKE over a few thousand rows takes a few milliseconds
//! (see `jixiao-cli bench`), so no extra index or full-text table is needed.

use super::indicator_order;
use super::indicators::{from_row, LibraryIndicator, SELECT};
use crate::indicator::{Level1, Level2, Nature};
use crate::listing::{limit_clause, Filter, Page};
use crate::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the list asks for. Every filter is optional; `page` 0 means all rows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryQuery {
    pub category_id: Option<String>,
    pub level1: Option<Level1>,
    pub level2: Option<Level2>,
    pub nature: Option<Nature>,
    /// Only 核心指标.
    pub core_only: bool,
    /// Part of the 三级指标 name or its 指标解释 (case-insensitive for Latin letters).
    pub search: Option<String>,
    /// 1-based; 0 means all rows.
    pub page: u32,
    pub page_size: u32,
}

/// One page of the library list.
pub type LibraryPage = Page<LibraryIndicator>;

/// One page of live indicators in library order (分类, 一级, 二级, 名称).
pub fn list_indicators(c: &Connection, q: &LibraryQuery) -> Result<LibraryPage> {
    let mut f = Filter::new();
    if let Some(id) = q.category_id.as_deref().filter(|s| !s.is_empty()) {
        f.push(" AND i.category_id = ?", id.to_string());
    }
    if let Some(l) = q.level1 {
        f.push(" AND i.level1 = ?", l.label().to_string());
    }
    if let Some(l) = q.level2 {
        f.push(" AND i.level2 = ?", l.label().to_string());
    }
    if let Some(n) = q.nature {
        f.push(" AND i.nature = ?", n.label().to_string());
    }
    if q.core_only {
        f.raw(" AND i.is_core = 1");
    }
    f.search(&["i.name", "i.explanation"], &q.search);
    let filter = f.sql();

    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM library_indicator i
             JOIN indicator_category c ON c.id = i.category_id WHERE i.deleted_at IS NULL{filter}"
        ),
        f.params(),
        |r| r.get(0),
    )?;
    let sql = format!(
        "{SELECT}{filter} ORDER BY {}{}",
        indicator_order(),
        limit_clause(q.page, q.page_size)
    );
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page { total, rows })
}
