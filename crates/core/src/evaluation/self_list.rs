//! The 单位自评 list (paged in SQL: totals and grades are stored with each form) and the year's
//! coverage per unit — who has and hasn't submitted.

use super::self_eval::{map_row, SelfEvalRow, APPROVED_TARGETS, ROW_SELECT};
use super::SelfEvalStatus;
use crate::rules::Grade;
use crate::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalQuery {
    pub year: i32,
    pub unit_id: Option<String>,
    pub status: Option<SelfEvalStatus>,
    pub grade: Option<Grade>,
    pub search: Option<String>,
    /// 1-based; 0 = all.
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SelfEvalPage {
    pub total: u32,
    pub rows: Vec<SelfEvalRow>,
}

pub fn list_self_evals(c: &Connection, q: &SelfEvalQuery) -> Result<SelfEvalPage> {
    let search = q
        .search
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| format!("%{s}%"));
    let filter = "s.fiscal_year = ?1 AND s.deleted_at IS NULL
        AND (?2 IS NULL OR s.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL
              SELECT c.id FROM org_unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))
        AND (?3 IS NULL OR s.status = ?3) AND (?4 IS NULL OR s.grade = ?4)
        AND (?5 IS NULL OR p.code LIKE ?5 OR p.name LIKE ?5 OR u.name LIKE ?5)";
    let args = params![q.year, q.unit_id, q.status, q.grade, search];
    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
             LEFT JOIN project p ON p.id = s.project_id WHERE {filter}"
        ),
        args,
        |r| r.get(0),
    )?;
    let (limit, offset) = if q.page == 0 {
        (-1i64, 0i64)
    } else {
        let size = i64::from(q.page_size.clamp(1, 500));
        (size, (i64::from(q.page) - 1) * size)
    };
    let mut st = c.prepare(&format!(
        "{ROW_SELECT} WHERE {filter} ORDER BY s.kind DESC, COALESCE(p.code, u.code) LIMIT ?6 OFFSET ?7"
    ))?;
    let rows = st
        .query_map(
            params![q.year, q.unit_id, q.status, q.grade, search, limit, offset],
            map_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SelfEvalPage { total, rows })
}

/// One unit's coverage: approved targets (required), forms submitted, and the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CoverageRow {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub required: i64,
    pub submitted: i64,
    pub not_submitted: i64,
}

/// Coverage of `year` per unit, units with something outstanding first.
pub fn self_coverage(c: &Connection, year: i32) -> Result<Vec<CoverageRow>> {
    let mut st = c.prepare(&format!(
        "WITH req AS (SELECT t.unit_id, t.kind, t.project_id FROM perf_target t
                      WHERE {APPROVED_TARGETS}),
              sub AS (SELECT unit_id, kind, project_id FROM self_eval
                      WHERE fiscal_year = ?1 AND status = '已提交' AND deleted_at IS NULL)
         SELECT u.id, u.code, u.name, COUNT(*),
                SUM(EXISTS (SELECT 1 FROM sub s WHERE s.unit_id = req.unit_id AND s.kind = req.kind
                    AND (req.kind = '部门整体' OR s.project_id = req.project_id)))
         FROM req JOIN org_unit u ON u.id = req.unit_id
         GROUP BY u.id"
    ))?;
    let mut rows: Vec<CoverageRow> = st
        .query_map([year], |r| {
            let required: i64 = r.get(3)?;
            let submitted: i64 = r.get(4)?;
            Ok(CoverageRow {
                unit_id: r.get(0)?,
                unit_code: r.get(1)?,
                unit_name: r.get(2)?,
                required,
                submitted,
                not_submitted: required - submitted,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    rows.sort_by(|a, b| {
        b.not_submitted
            .cmp(&a.not_submitted)
            .then_with(|| a.unit_code.cmp(&b.unit_code))
    });
    Ok(rows)
}
