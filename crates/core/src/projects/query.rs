//! Server-side paging, search and filters for the projects list (fast at 10,000+ rows: the
//! filters run in SQLite on indexed columns, only one page crosses to the UI).

use super::{from_row, BudgetType, Project, ProjectCategory, ProjectGrade, SELECT};
use crate::listing::{limit_clause, Filter};
use crate::money::Fen;
use crate::{Error, Result};
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
    let mut f = Filter::new();
    if let Some(y) = q.year {
        f.push(" AND p.fiscal_year = ?", i64::from(y));
    }
    if let Some(u) = &q.unit_id {
        f.unit_subtree("p.unit_id", u);
    }
    if let Some(b) = q.budget_type {
        f.push(" AND p.budget_type = ?", b.label().to_string());
    }
    if let Some(cat) = q.category {
        f.push(" AND p.category = ?", cat.label().to_string());
    }
    if let Some(g) = q.grade {
        f.push(" AND p.grade = ?", g.label().to_string());
    }
    if let Some(min) = bound("金额下限（万元）", &q.min_wan)? {
        f.push(" AND p.adjusted_budget_fen >= ?", min.0);
    }
    if let Some(max) = bound("金额上限（万元）", &q.max_wan)? {
        f.push(" AND p.adjusted_budget_fen <= ?", max.0);
    }
    f.search(&["p.code", "p.name", "u.name"], &q.search);
    let filter = f.sql();

    let (total, total_adjusted): (u32, i64) = c.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(p.adjusted_budget_fen), 0) FROM project p
             JOIN org_unit u ON u.id = p.unit_id WHERE p.deleted_at IS NULL{filter}"
        ),
        f.params(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;

    let sql = format!(
        "{SELECT}{filter} ORDER BY p.fiscal_year DESC, p.code{}",
        limit_clause(q.page, q.page_size)
    );
    let mut stmt = c.prepare(&sql)?;
    let rows = stmt
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ProjectPage {
        total,
        total_adjusted: Fen(total_adjusted),
        rows,
    })
}
