//! The 单位自评 list (paged in SQL: totals and grades are stored with each form) and the year's
//! coverage per unit — who has and hasn't submitted.

use super::self_eval::{map_row, SelfEvalRow, APPROVED_TARGETS, ROW_SELECT};
use super::SelfEvalStatus;
use crate::listing::{limit_clause, Filter, Page};
use crate::rules::Grade;
use crate::Result;
use rusqlite::types::Value;
use rusqlite::Connection;
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

/// One page of the 单位自评 list.
pub type SelfEvalPage = Page<SelfEvalRow>;

pub fn list_self_evals(c: &Connection, q: &SelfEvalQuery) -> Result<SelfEvalPage> {
    let mut f = Filter::with_args(vec![Value::Integer(q.year.into())]);
    if let Some(u) = &q.unit_id {
        f.unit_subtree("s.unit_id", u);
    }
    if let Some(st) = q.status {
        f.push(" AND s.status = ?", st.label().to_string());
    }
    if let Some(g) = q.grade {
        f.push(" AND s.grade = ?", g.label().to_string());
    }
    f.search(&["p.code", "p.name", "u.name"], &q.search);
    let filter = format!("s.fiscal_year = ?1 AND s.deleted_at IS NULL{}", f.sql());
    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
             LEFT JOIN project p ON p.id = s.project_id WHERE {filter}"
        ),
        f.params(),
        |r| r.get(0),
    )?;
    let mut st = c.prepare(&format!(
        "{ROW_SELECT} WHERE {filter} ORDER BY s.kind DESC, COALESCE(p.code, u.code){}",
        limit_clause(q.page, q.page_size)
    ))?;
    let rows = st
        .query_map(f.params(), map_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Page { total, rows })
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
