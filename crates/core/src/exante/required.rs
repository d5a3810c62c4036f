//! Which projects of a year need a 事前评估: 新增 projects whose 调整后预算数 reaches the current
//! rule set's threshold, plus those the bureau designates (`exante_designation`). The list also
//! shows projects assessed without being required. Paged and filtered in SQLite.

use super::model::*;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::listing::{limit_clause, Filter};
use crate::money::Fen;
use crate::projects::get_project;
use crate::{rules, Error, Result};
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension, Row};

/// Joins of a year's projects with their designation and live assessment. ?1 = year,
/// ?2 = threshold (分).
const FROM: &str = "FROM project p JOIN org_unit u ON u.id = p.unit_id
    LEFT JOIN exante_designation d ON d.project_id = p.id AND d.deleted_at IS NULL
    LEFT JOIN exante_assessment a ON a.project_id = p.id AND a.deleted_at IS NULL
    WHERE p.deleted_at IS NULL AND p.fiscal_year = ?1";

/// 1 when the amount alone requires an assessment.
const BY_THRESHOLD: &str = "(p.new_or_continuing = '新增' AND p.adjusted_budget_fen >= ?2)";

fn required_sql() -> String {
    format!("({BY_THRESHOLD} OR d.id IS NOT NULL)")
}

fn row(r: &Row) -> rusqlite::Result<ExAnteRow> {
    let by_threshold: bool = r.get(7)?;
    let designated: bool = r.get(8)?;
    let total: Option<i64> = r.get(10)?;
    let assessment = match total {
        Some(total_cp) => Some(ExAnteSummary {
            total_cp,
            conclusion: r.get(11)?,
            assessor_type: r.get(12)?,
            declared_fen: Fen(r.get(13)?),
            approved_fen: Fen(r.get(14)?),
            assessed_on: r.get(15)?,
        }),
        None => None,
    };
    Ok(ExAnteRow {
        project_id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        unit_id: r.get(3)?,
        unit_name: r.get(4)?,
        new_or_continuing: r.get(5)?,
        adjusted_budget: Fen(r.get(6)?),
        reason: if by_threshold {
            RequiredReason::Threshold
        } else if designated {
            RequiredReason::Designated
        } else {
            RequiredReason::Voluntary
        },
        designated,
        designation_reason: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
        assessment,
    })
}

/// The year's 事前评估 list (required projects and any assessed ones), one page of it, and the
/// year's counts.
pub fn required_list(c: &Connection, q: &ExAnteQuery) -> Result<ExAntePage> {
    let threshold = rules::current(c)?.rules.ex_ante.threshold;
    let required = required_sql();
    let args: Vec<Value> = vec![Value::Integer(q.year.into()), Value::Integer(threshold.0)];

    let counts = c.query_row(
        &format!(
            "SELECT COALESCE(SUM({required}), 0),
                    COALESCE(SUM({required} AND a.id IS NOT NULL), 0),
                    COALESCE(SUM(NOT {required} AND a.id IS NOT NULL), 0) {FROM}"
        ),
        rusqlite::params_from_iter(args.iter()),
        |r| {
            let (req, done, other): (u32, u32, u32) = (r.get(0)?, r.get(1)?, r.get(2)?);
            Ok(ExAnteCounts {
                required: req,
                assessed: done,
                missing: req - done,
                other_assessed: other,
            })
        },
    )?;

    let mut f = Filter::with_args(args);
    f.raw(&format!(" AND ({required} OR a.id IS NOT NULL)"));
    match q.status {
        Some(ExAnteStatus::Missing) => {
            f.raw(" AND a.id IS NULL");
        }
        Some(ExAnteStatus::Assessed) => {
            f.raw(" AND a.id IS NOT NULL");
        }
        None => {}
    }
    if let Some(conclusion) = q.conclusion {
        f.push(" AND a.conclusion = ?", conclusion.label().to_string());
    }
    if let Some(bt) = q.budget_type {
        f.push(" AND p.budget_type = ?", bt.label().to_string());
    }
    if let Some(u) = q.unit_id.as_deref().filter(|u| !u.is_empty()) {
        f.unit_subtree("p.unit_id", u);
    }
    f.search(&["p.code", "p.name", "u.name"], &q.search);
    let filter = f.sql();

    let total: u32 = c.query_row(
        &format!("SELECT COUNT(*) {FROM}{filter}"),
        f.params(),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT p.id, p.code, p.name, p.unit_id, u.name, p.new_or_continuing,
                p.adjusted_budget_fen, {BY_THRESHOLD}, d.id IS NOT NULL, d.reason,
                a.total_cp, a.conclusion, a.assessor_type, a.declared_fen, a.approved_fen,
                a.assessed_on
         {FROM}{filter} ORDER BY p.code{}",
        limit_clause(q.page, q.page_size)
    );
    let rows = c
        .prepare(&sql)?
        .query_map(f.params(), row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ExAntePage {
        total,
        counts,
        threshold,
        rows,
    })
}

/// Why `project_id` must be assessed (None when it need not be), and the designation reason.
pub fn required_by(
    c: &Connection,
    project_id: &str,
) -> Result<(Option<RequiredReason>, Option<String>)> {
    let threshold = rules::current(c)?.rules.ex_ante.threshold;
    let (by_threshold, reason): (bool, Option<String>) = c.query_row(
        &format!(
            "SELECT {BY_THRESHOLD}, d.reason FROM project p
             LEFT JOIN exante_designation d ON d.project_id = p.id AND d.deleted_at IS NULL
             WHERE p.id = ?1"
        ),
        params![project_id, threshold.0],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let by = if by_threshold {
        Some(RequiredReason::Threshold)
    } else if reason.is_some() {
        Some(RequiredReason::Designated)
    } else {
        None
    };
    Ok((by, reason))
}

fn designation_id(c: &Connection, project_id: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT id FROM exante_designation WHERE project_id = ?1 AND deleted_at IS NULL",
        [project_id],
        |r| r.get(0),
    )
    .optional()?)
}

/// 指定评估项目: the bureau requires an assessment of a project the amount rule does not catch.
pub fn designate(ctx: &WriteCtx, project_id: &str, reason: &str) -> Result<()> {
    ctx.require(Perm::ExanteAssess)?;
    let p = get_project(ctx, project_id)?;
    let reason = reason.trim();
    if reason.chars().count() > 200 {
        return Err(Error::invalid("指定原因", "不能超过200个字"));
    }
    if designation_id(ctx, project_id)?.is_some() {
        return Err(Error::Conflict(format!(
            "项目 {} {} 已被指定为事前评估项目",
            p.code, p.name
        )));
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO exante_designation (id, project_id, reason, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, project_id, reason, ctx.now()],
    )?;
    ctx.audit(
        "create",
        "exante_designation",
        Some(&id),
        &format!("指定事前评估项目 {} {}", p.code, p.name),
        None,
        Some(&serde_json::json!({ "project_id": project_id, "reason": reason })),
    )
}

/// 取消指定 (soft delete). An assessment already made stays.
pub fn undesignate(ctx: &WriteCtx, project_id: &str) -> Result<()> {
    ctx.require(Perm::ExanteAssess)?;
    let p = get_project(ctx, project_id)?;
    let Some(id) = designation_id(ctx, project_id)? else {
        return Err(Error::NotFound(format!(
            "项目 {} {} 未被指定为事前评估项目",
            p.code, p.name
        )));
    };
    ctx.execute(
        "UPDATE exante_designation SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "exante_designation",
        Some(&id),
        &format!("取消指定事前评估项目 {} {}", p.code, p.name),
        Some(&serde_json::json!({ "project_id": project_id })),
        None,
    )
}
