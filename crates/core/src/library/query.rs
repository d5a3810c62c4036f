//! The paged, filtered indicator list (the library screen and the 绩效目标 editor's picker).
//! Filters and paging run in SQLite; a LIKE over a few thousand rows takes a few milliseconds
//! (see `jixiao-cli bench`), so no extra index or full-text table is needed.

use super::indicator_order;
use super::indicators::{from_row, LibraryIndicator, SELECT};
use crate::indicator::{Level1, Level2, Nature};
use crate::Result;
use rusqlite::types::Value;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct LibraryPage {
    /// Rows matching the filters (all pages).
    pub total: u32,
    pub rows: Vec<LibraryIndicator>,
}

/// `%text%` with LIKE's wildcards escaped (used with `ESCAPE '\'`).
pub(crate) fn like_pattern(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

/// One page of live indicators in library order (分类, 一级, 二级, 名称).
pub fn list_indicators(c: &Connection, q: &LibraryQuery) -> Result<LibraryPage> {
    let mut filter = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut push = |sql: &str, v: Value| {
        args.push(v);
        filter.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(id) = q.category_id.as_deref().filter(|s| !s.is_empty()) {
        push(" AND i.category_id = ?", Value::Text(id.to_string()));
    }
    if let Some(l) = q.level1 {
        push(" AND i.level1 = ?", Value::Text(l.label().into()));
    }
    if let Some(l) = q.level2 {
        push(" AND i.level2 = ?", Value::Text(l.label().into()));
    }
    if let Some(n) = q.nature {
        push(" AND i.nature = ?", Value::Text(n.label().into()));
    }
    if q.core_only {
        filter.push_str(" AND i.is_core = 1");
    }
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        args.push(Value::Text(like_pattern(s)));
        let n = args.len();
        filter.push_str(&format!(
            " AND (i.name LIKE ?{n} ESCAPE '\\' OR i.explanation LIKE ?{n} ESCAPE '\\')"
        ));
    }

    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM library_indicator i
             JOIN indicator_category c ON c.id = i.category_id WHERE i.deleted_at IS NULL{filter}"
        ),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let mut sql = format!("{SELECT}{filter} ORDER BY {}", indicator_order());
    if q.page > 0 {
        let size = q.page_size.clamp(1, 500);
        sql.push_str(&format!(
            " LIMIT {size} OFFSET {}",
            (q.page - 1) as u64 * size as u64
        ));
    }
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(LibraryPage { total, rows })
}
