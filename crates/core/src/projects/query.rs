//! Server-side paging, search and filters for the projects list (fast at 10,000+ rows: the
//! filters run in SQLite on indexed columns, only one page crosses to the UI).

use super::{from_row, BudgetType, Project, ProjectCategory, ProjectGrade, SELECT};
use crate::money::Fen;
use crate::{Error, Result};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectQuery {
    pub year: Option<i32>,
    /// A unit and all units below it.
    pub unit_id: Option<String>,
    pub budget_type: Option<BudgetType>,
    pub category: Option<ProjectCategory>,
    pub grade: Option<ProjectGrade>,
    /// 调整后预算数 lower bound, 万元 text.
    pub min_wan: Option<String>,
    /// 调整后预算数 upper bound, 万元 text.
    pub max_wan: Option<String>,
    /// Matches 项目编码, 项目名称 or the unit name.
    pub search: Option<String>,
    /// 1-based; 0 means all rows (CLI, export).
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ProjectPage {
    pub total: u32,
    /// Sum of 调整后预算数 over every matching row (not just this page).
    pub total_adjusted: Fen,
    pub rows: Vec<Project>,
}

fn bound(field: &str, text: &Option<String>) -> Result<Option<Fen>> {
    match text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => Fen::parse_wan(t)
            .map(Some)
            .map_err(|e| Error::invalid(field, e)),
    }
}

pub fn list_projects(c: &Connection, q: &ProjectQuery) -> Result<ProjectPage> {
    let mut filter = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut push = |sql: &str, v: Value| {
        args.push(v);
        filter.push_str(&sql.replace('?', &format!("?{}", args.len())));
    };
    if let Some(y) = q.year {
        push(" AND p.fiscal_year = ?", Value::Integer(y.into()));
    }
    if let Some(u) = &q.unit_id {
        push(
            " AND p.unit_id IN (WITH RECURSIVE sub(id) AS (SELECT ? UNION \
             SELECT o.id FROM org_unit o JOIN sub ON o.parent_id = sub.id) SELECT id FROM sub)",
            Value::Text(u.clone()),
        );
    }
    if let Some(b) = q.budget_type {
        push(" AND p.budget_type = ?", Value::Text(b.label().into()));
    }
    if let Some(cat) = q.category {
        push(" AND p.category = ?", Value::Text(cat.label().into()));
    }
    if let Some(g) = q.grade {
        push(" AND p.grade = ?", Value::Text(g.label().into()));
    }
    if let Some(min) = bound("金额下限（万元）", &q.min_wan)? {
        push(" AND p.adjusted_budget_fen >= ?", Value::Integer(min.0));
    }
    if let Some(max) = bound("金额上限（万元）", &q.max_wan)? {
        push(" AND p.adjusted_budget_fen <= ?", Value::Integer(max.0));
    }
    if let Some(s) = q.search.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!(
            "%{}%",
            s.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        // One argument used by the three LIKEs.
        args.push(Value::Text(pattern));
        let n = args.len();
        filter.push_str(&format!(
            " AND (p.code LIKE ?{n} ESCAPE '\\' OR p.name LIKE ?{n} ESCAPE '\\' \
             OR u.name LIKE ?{n} ESCAPE '\\')"
        ));
    }

    let (total, total_adjusted): (u32, i64) = c.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(p.adjusted_budget_fen), 0) FROM project p
             JOIN org_unit u ON u.id = p.unit_id WHERE p.deleted_at IS NULL{filter}"
        ),
        rusqlite::params_from_iter(args.iter()),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;

    let mut sql = format!("{SELECT}{filter} ORDER BY p.fiscal_year DESC, p.code");
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
    Ok(ProjectPage {
        total,
        total_adjusted: Fen(total_adjusted),
        rows,
    })
}
