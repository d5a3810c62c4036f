//! Reading key evaluations: the detail with per-一级 totals, findings, engagement and the
//! 全周期 stage chain; the year's paged list; the year's figures.

use super::model::*;
use crate::evaluation::agency::engagement_of;
use crate::evaluation::{KeyKind, KeyStatus};
use crate::listing::{limit_clause, Filter};
use crate::money::Fen;
use crate::rules::{self, key_level1s, Grade};
use crate::{Error, Result};
use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use std::collections::HashSet;

const SELECT: &str = "SELECT k.id, k.fiscal_year, k.kind, k.object_name, k.project_id, p.code,
        k.unit_id, u.name, k.amount_fen, k.method, k.team, k.plan_start, k.plan_end, k.status,
        k.previous_id, k.basis, k.summary, k.unit_feedback, k.total_cp, k.grade,
        k.finalized_by, k.finalized_at, k.created_by, k.updated_at
    FROM key_eval k LEFT JOIN project p ON p.id = k.project_id
    LEFT JOIN org_unit u ON u.id = k.unit_id
    WHERE k.deleted_at IS NULL";

/// The stored row; `total_cp`/`grade` are the stored (定稿) values.
fn from_row(r: &Row) -> rusqlite::Result<(KeyEval, Option<i64>, Option<Grade>)> {
    Ok((
        KeyEval {
            id: r.get(0)?,
            fiscal_year: r.get(1)?,
            kind: r.get(2)?,
            object_name: r.get(3)?,
            project_id: r.get(4)?,
            project_code: r.get(5)?,
            unit_id: r.get(6)?,
            unit_name: r.get(7)?,
            amount_fen: Fen(r.get(8)?),
            method: r.get(9)?,
            team: r.get(10)?,
            plan_start: r.get(11)?,
            plan_end: r.get(12)?,
            status: r.get(13)?,
            previous_id: r.get(14)?,
            basis: r.get(15)?,
            summary: r.get(16)?,
            unit_feedback: r.get(17)?,
            total_cp: 0,
            grade: Grade::Poor,
            weight_total_cp: 0,
            unscored: 0,
            finalized_by: r.get(20)?,
            finalized_at: r.get(21)?,
            created_by: r.get(22)?,
            updated_at: r.get(23)?,
            items: Vec::new(),
            level1_totals: Vec::new(),
            findings: Vec::new(),
            engagement: None,
            stages: Vec::new(),
        },
        r.get(18)?,
        r.get(19)?,
    ))
}

fn not_found() -> Error {
    Error::NotFound("找不到该重点评价，可能已被删除，请刷新后重试".into())
}

/// The plain row (no items), or NotFound.
pub(super) fn get_row(c: &Connection, id: &str) -> Result<KeyEval> {
    c.query_row(&format!("{SELECT} AND k.id = ?1"), [id], from_row)
        .optional()?
        .map(|(k, _, _)| k)
        .ok_or_else(not_found)
}

/// The score-sheet rows in order.
pub fn key_items(c: &Connection, id: &str) -> Result<Vec<KeyItem>> {
    let mut stmt = c.prepare(
        "SELECT id, seq, level1, level2, level3, weight_cp, standard, rule, threshold,
                deduct_cp, actual, score_cp, note
         FROM key_eval_item WHERE key_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(KeyItem {
                id: r.get(0)?,
                seq: r.get(1)?,
                level1: r.get(2)?,
                level2: r.get(3)?,
                level3: r.get(4)?,
                weight_cp: r.get(5)?,
                standard: r.get(6)?,
                rule: r.get(7)?,
                threshold: r.get(8)?,
                deduct_cp: r.get(9)?,
                actual: r.get(10)?,
                score_cp: r.get(11)?,
                note: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(super) fn key_findings(c: &Connection, id: &str) -> Result<Vec<KeyFinding>> {
    let mut stmt = c.prepare(
        "SELECT id, seq, category, problem, basis, recommendation FROM key_eval_finding
         WHERE key_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([id], |r| {
            Ok(KeyFinding {
                id: r.get(0)?,
                seq: r.get(1)?,
                category: r.get(2)?,
                problem: r.get(3)?,
                basis: r.get(4)?,
                recommendation: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Subtotals per 一级, in the framework's order (any other heading after).
pub fn level1_totals(kind: KeyKind, items: &[KeyItem]) -> Vec<KeyLevel1Total> {
    let mut names: Vec<String> = key_level1s(kind.label())
        .iter()
        .map(|s| s.to_string())
        .collect();
    for i in items {
        if !names.contains(&i.level1) {
            names.push(i.level1.clone());
        }
    }
    names
        .into_iter()
        .map(|name| {
            let of: Vec<&KeyItem> = items.iter().filter(|i| i.level1 == name).collect();
            KeyLevel1Total {
                weight_cp: of.iter().map(|i| i.weight_cp).sum(),
                score_cp: of.iter().filter_map(|i| i.score_cp).sum(),
                items: of.len() as u32,
                unscored: of.iter().filter(|i| i.score_cp.is_none()).count() as u32,
                level1: name,
            }
        })
        .collect()
}

fn stage_of(c: &Connection, id: &str) -> Result<Option<(KeyStage, Option<String>)>> {
    Ok(c.query_row(
        "SELECT id, fiscal_year, object_name, status, total_cp, grade, previous_id
         FROM key_eval WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| {
            Ok((
                KeyStage {
                    id: r.get(0)?,
                    fiscal_year: r.get(1)?,
                    object_name: r.get(2)?,
                    status: r.get(3)?,
                    total_cp: r.get(4)?,
                    grade: r.get(5)?,
                    is_self: false,
                },
                r.get(6)?,
            ))
        },
    )
    .optional()?)
}

/// The live evaluation naming `id` as its previous stage.
pub(super) fn next_stage_id(c: &Connection, id: &str) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT id FROM key_eval WHERE previous_id = ?1 AND deleted_at IS NULL
         ORDER BY fiscal_year LIMIT 1",
        [id],
        |r| r.get(0),
    )
    .optional()?)
}

/// The 全周期 chain through `id`, in year order.
fn stages(c: &Connection, id: &str) -> Result<Vec<KeyStage>> {
    let mut seen = HashSet::new();
    let mut chain = Vec::new();
    let mut cursor = Some(id.to_string());
    while let Some(cur) = cursor.take() {
        if !seen.insert(cur.clone()) {
            break;
        }
        if let Some((mut stage, previous)) = stage_of(c, &cur)? {
            stage.is_self = cur == id;
            chain.push(stage);
            cursor = previous;
        }
    }
    chain.reverse();
    let mut cursor = next_stage_id(c, id)?;
    while let Some(cur) = cursor.take() {
        if !seen.insert(cur.clone()) {
            break;
        }
        if let Some((stage, _)) = stage_of(c, &cur)? {
            chain.push(stage);
            cursor = next_stage_id(c, &cur)?;
        }
    }
    Ok(chain)
}

/// A key evaluation with its sheet, totals, findings, engagement and stage chain.
pub fn get_key_eval(c: &Connection, id: &str) -> Result<KeyEval> {
    let (mut k, stored_total, stored_grade) = c
        .query_row(&format!("{SELECT} AND k.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(not_found)?;
    k.items = key_items(c, id)?;
    k.level1_totals = level1_totals(k.kind, &k.items);
    k.weight_total_cp = k.items.iter().map(|i| i.weight_cp).sum();
    k.unscored = k.items.iter().filter(|i| i.score_cp.is_none()).count() as u32;
    k.total_cp = k.items.iter().filter_map(|i| i.score_cp).sum();
    match (k.status, stored_total, stored_grade) {
        (KeyStatus::Final, Some(total), Some(grade)) => {
            k.total_cp = total;
            k.grade = grade;
        }
        _ => k.grade = rules::current(c)?.rules.grade_of(k.total_cp),
    }
    k.findings = key_findings(c, id)?;
    k.engagement = engagement_of(c, id)?;
    k.stages = stages(c, id)?;
    Ok(k)
}

const LIST_FROM: &str = "FROM key_eval k LEFT JOIN project p ON p.id = k.project_id
    LEFT JOIN org_unit u ON u.id = k.unit_id
    LEFT JOIN engagement e ON e.key_eval_id = k.id AND e.deleted_at IS NULL
    LEFT JOIN org_unit a ON a.id = e.agency_id
    WHERE k.deleted_at IS NULL AND k.fiscal_year = ?1";

/// The year's key evaluations, one page, by kind then object.
pub fn list_key_evals(c: &Connection, q: &KeyEvalQuery) -> Result<KeyEvalPage> {
    let mut f = Filter::with_args(vec![Value::Integer(q.year.into())]);
    if let Some(kind) = q.kind {
        f.push(" AND k.kind = ?", kind.label().to_string());
    }
    if let Some(status) = q.status {
        f.push(" AND k.status = ?", status.label().to_string());
    }
    f.search(&["k.object_name", "u.name", "p.code", "a.name"], &q.text);
    let filter = f.sql();
    let (total, amount): (u32, i64) = c.query_row(
        &format!("SELECT COUNT(*), COALESCE(SUM(k.amount_fen), 0) {LIST_FROM}{filter}"),
        f.params(),
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let sql = format!(
        "SELECT k.id, k.fiscal_year, k.kind, k.object_name, p.code, u.name, k.amount_fen,
                k.method, a.name, k.status, k.total_cp, k.grade,
                (SELECT COUNT(*) FROM key_eval_finding f
                 WHERE f.key_eval_id = k.id AND f.deleted_at IS NULL)
         {LIST_FROM}{filter}
         ORDER BY CASE k.kind WHEN '项目' THEN 1 WHEN '部门整体' THEN 2 WHEN '政策' THEN 3
                  ELSE 4 END, COALESCE(p.code, u.code, ''), k.object_name, k.id{}",
        limit_clause(q.page, q.page_size)
    );
    let rows = c
        .prepare(&sql)?
        .query_map(f.params(), |r| {
            Ok(KeyEvalRow {
                id: r.get(0)?,
                fiscal_year: r.get(1)?,
                kind: r.get(2)?,
                object_name: r.get(3)?,
                project_code: r.get(4)?,
                unit_name: r.get(5)?,
                amount_fen: Fen(r.get(6)?),
                method: r.get(7)?,
                agency_name: r.get(8)?,
                status: r.get(9)?,
                total_cp: r.get(10)?,
                grade: r.get(11)?,
                findings: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(KeyEvalPage {
        total,
        amount_fen: Fen(amount),
        rows,
    })
}

/// The year's figures: count and amount of every live evaluation, per kind, and the grades
/// of the 定稿 ones.
pub fn key_stats(c: &Connection, year: i32) -> Result<KeyStats> {
    let sum = |expr: &str| format!("COALESCE(SUM({expr}), 0)");
    let sql = format!(
        "SELECT COUNT(*), {}, {}, {}, {}, {}, {}, {}, {}, {} FROM key_eval
         WHERE deleted_at IS NULL AND fiscal_year = ?1",
        sum("amount_fen"),
        sum("kind = '项目'"),
        sum("kind = '部门整体'"),
        sum("kind = '政策'"),
        sum("kind = '乡镇'"),
        sum("status = '定稿' AND grade = '优'"),
        sum("status = '定稿' AND grade = '良'"),
        sum("status = '定稿' AND grade = '中'"),
        sum("status = '定稿' AND grade = '差'"),
    );
    Ok(c.query_row(&sql, [year], |r| {
        Ok(KeyStats {
            count: r.get(0)?,
            amount_fen: Fen(r.get(1)?),
            by_kind: KeyKindCounts {
                project: r.get(2)?,
                department: r.get(3)?,
                policy: r.get(4)?,
                township: r.get(5)?,
            },
            grades: KeyGradeCounts {
                excellent: r.get(6)?,
                good: r.get(7)?,
                fair: r.get(8)?,
                poor: r.get(9)?,
            },
        })
    })?)
}
