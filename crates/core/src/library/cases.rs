//! 案例: a complete example target set (总体目标 + indicator rows with values and weights) for a
//! typical project of a category. They come from the shipped starter; the only edit is delete.
//! The 绩效目标 editor copies a case's rows with [`get_case`].

use crate::access::Perm;
use crate::db::WriteCtx;
use crate::indicator::{display_value, Level1, Level2, Nature};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryCase {
    pub id: String,
    pub category_id: String,
    pub category_name: String,
    pub title: String,
    /// 项目示例: the kind of project this case fits.
    pub project_example: String,
    /// 年度总体目标.
    pub overall_goal: String,
    pub indicator_count: u32,
}

/// One row of a case, in `seq` order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryCaseIndicator {
    pub id: String,
    pub seq: i32,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    /// Decimal text (low bound for 区间) or the words of a 定性 value.
    pub value: String,
    /// High bound, only for 区间.
    pub value_high: Option<String>,
    /// The value as forms show it ("85-95" for 区间).
    pub value_text: String,
    pub unit: String,
    /// 分值 in centi-points (1000 = 10 分), when the case gives one.
    pub weight_cp: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryCaseDetail {
    pub case: LibraryCase,
    pub indicators: Vec<LibraryCaseIndicator>,
}

const SELECT: &str = "SELECT k.id, k.category_id, c.name, k.title, k.project_example,
        k.overall_goal,
        (SELECT COUNT(*) FROM library_case_indicator x
          WHERE x.case_id = k.id AND x.deleted_at IS NULL)
    FROM library_case k JOIN indicator_category c ON c.id = k.category_id
    WHERE k.deleted_at IS NULL";

fn from_row(r: &Row) -> rusqlite::Result<LibraryCase> {
    Ok(LibraryCase {
        id: r.get(0)?,
        category_id: r.get(1)?,
        category_name: r.get(2)?,
        title: r.get(3)?,
        project_example: r.get(4)?,
        overall_goal: r.get(5)?,
        indicator_count: r.get(6)?,
    })
}

/// Live cases of one category (all categories when `None`), in category order then title.
pub fn list_cases(c: &Connection, category_id: Option<&str>) -> Result<Vec<LibraryCase>> {
    let order = " ORDER BY c.sort, c.name, k.title";
    let rows = match category_id.filter(|s| !s.is_empty()) {
        Some(id) => c
            .prepare(&format!("{SELECT} AND k.category_id = ?1{order}"))?
            .query_map([id], from_row)?
            .collect::<rusqlite::Result<_>>()?,
        None => c
            .prepare(&format!("{SELECT}{order}"))?
            .query_map([], from_row)?
            .collect::<rusqlite::Result<_>>()?,
    };
    Ok(rows)
}

fn case_row(c: &Connection, id: &str) -> Result<LibraryCase> {
    c.query_row(&format!("{SELECT} AND k.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该案例，可能已被删除，请刷新后重试".into()))
}

/// A case with its indicator rows ordered by `seq`.
pub fn get_case(c: &Connection, id: &str) -> Result<LibraryCaseDetail> {
    let case = case_row(c, id)?;
    let indicators = c
        .prepare(
            "SELECT id, seq, level1, level2, name, nature, value, value_high, unit, weight_cp
             FROM library_case_indicator WHERE case_id = ?1 AND deleted_at IS NULL
             ORDER BY seq",
        )?
        .query_map([id], |r| {
            let value: String = r.get(6)?;
            let value_high: Option<String> = r.get(7)?;
            Ok(LibraryCaseIndicator {
                id: r.get(0)?,
                seq: r.get(1)?,
                level1: r.get(2)?,
                level2: r.get(3)?,
                name: r.get(4)?,
                nature: r.get(5)?,
                value_text: display_value(&value, value_high.as_deref()),
                value,
                value_high,
                unit: r.get(8)?,
                weight_cp: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(LibraryCaseDetail { case, indicators })
}

/// Soft-deletes a case and its rows.
pub fn delete_case(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::LibraryEdit)?;
    let detail = get_case(ctx, id)?;
    ctx.execute(
        "UPDATE library_case_indicator SET deleted_at = ?2, updated_at = ?2
         WHERE case_id = ?1 AND deleted_at IS NULL",
        params![id, ctx.now()],
    )?;
    ctx.execute(
        "UPDATE library_case SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "library_case",
        Some(id),
        &format!("删除案例 {}", detail.case.title),
        Some(&serde_json::to_value(&detail)?),
        None,
    )
}
