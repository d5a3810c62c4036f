//! 单位自评: one form per approved target of a year (every project's latest 二下 version and
//! every unit's 部门整体 target). [`start_self_eval`] makes the forms with each indicator's 分值
//! split from the rule set's weights; the unit fills 全年执行数 and 实际完成值, core scores every
//! row ([`super::scoring`]) and the total and grade; submit / return.

use super::scoring::distribute;
use super::SelfEvalStatus;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::indicator::{Level1, Level2, Nature};
use crate::money::Fen;
use crate::rules::Grade;
use crate::{Error, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The latest approved (二下) version of each target chain of year ?1.
pub(crate) const APPROVED_TARGETS: &str = "t.fiscal_year = ?1 AND t.status = '二下'
    AND t.deleted_at IS NULL AND NOT EXISTS (SELECT 1 FROM perf_target n WHERE n.previous_id = t.id
    AND n.status = '二下' AND n.deleted_at IS NULL)";

/// One 三级指标 row of a self-evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalItem {
    pub id: String,
    pub seq: i64,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    pub value: String,
    pub value_high: Option<String>,
    pub unit: String,
    /// 分值.
    pub weight_cp: i64,
    /// 实际完成值.
    pub actual: Option<String>,
    pub not_applicable: bool,
    /// 得分, computed.
    pub score_cp: Option<i64>,
    /// 偏差原因及改进措施.
    pub reason: String,
}

/// A self-evaluation as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalRow {
    pub id: String,
    pub fiscal_year: i32,
    pub target_id: String,
    /// 项目 / 部门整体.
    pub kind: String,
    pub project_id: Option<String>,
    /// 项目编码, or the unit code of a 部门整体 target.
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub status: SelfEvalStatus,
    /// 全年预算数.
    pub budget: Fen,
    /// 全年执行数.
    pub executed: Option<Fen>,
    pub execution_bp: Option<i64>,
    pub execution_weight_cp: i64,
    pub execution_score_cp: Option<i64>,
    pub total_cp: Option<i64>,
    pub grade: Option<Grade>,
    pub return_reason: String,
    pub submitted_at: Option<String>,
}

/// One form: the row, the 总体完成情况 text and the indicator rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalForm {
    pub row: SelfEvalRow,
    pub summary: String,
    pub items: Vec<SelfEvalItem>,
}

pub(crate) const ROW_SELECT: &str = "SELECT s.id, s.fiscal_year, s.target_id, s.kind, s.project_id,
        COALESCE(p.code, u.code), COALESCE(p.name, u.name || '（部门整体）'), s.unit_id, u.name,
        s.status, s.budget_fen, s.executed_fen, s.execution_weight_cp, s.execution_score_cp,
        s.total_cp, s.grade, s.return_reason, s.submitted_at
    FROM self_eval s JOIN org_unit u ON u.id = s.unit_id LEFT JOIN project p ON p.id = s.project_id";

pub(crate) fn map_row(r: &rusqlite::Row) -> rusqlite::Result<SelfEvalRow> {
    let budget = Fen(r.get(10)?);
    let executed = r.get::<_, Option<i64>>(11)?.map(Fen);
    Ok(SelfEvalRow {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        target_id: r.get(2)?,
        kind: r.get(3)?,
        project_id: r.get(4)?,
        code: r.get(5)?,
        name: r.get(6)?,
        unit_id: r.get(7)?,
        unit_name: r.get(8)?,
        status: r.get(9)?,
        budget,
        executed,
        execution_bp: executed.and_then(|e| crate::rate::rate_bp(e.0, budget.0)),
        execution_weight_cp: r.get(12)?,
        execution_score_cp: r.get(13)?,
        total_cp: r.get(14)?,
        grade: r.get(15)?,
        return_reason: r.get(16)?,
        submitted_at: r.get(17)?,
    })
}

pub fn get_self_eval(c: &Connection, id: &str) -> Result<SelfEvalForm> {
    let not_found = || Error::NotFound("找不到该自评表，请刷新后重试".into());
    let row = c
        .query_row(
            &format!("{ROW_SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL"),
            [id],
            map_row,
        )
        .map_err(|_| not_found())?;
    let summary: String =
        c.query_row("SELECT summary FROM self_eval WHERE id = ?1", [id], |r| {
            r.get(0)
        })?;
    let mut st = c.prepare(
        "SELECT id, seq, level1, level2, name, nature, value, value_high, unit, weight_cp,
                actual, not_applicable, score_cp, reason
         FROM self_eval_item WHERE self_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let items = st
        .query_map([id], |r| {
            Ok(SelfEvalItem {
                id: r.get(0)?,
                seq: r.get(1)?,
                level1: r.get(2)?,
                level2: r.get(3)?,
                name: r.get(4)?,
                nature: r.get(5)?,
                value: r.get(6)?,
                value_high: r.get(7)?,
                unit: r.get(8)?,
                weight_cp: r.get(9)?,
                actual: r.get(10)?,
                not_applicable: r.get::<_, i64>(11)? == 1,
                score_cp: r.get(12)?,
                reason: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(SelfEvalForm {
        row,
        summary,
        items,
    })
}

/// What `start_self_eval` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StartReport {
    pub created: u32,
    pub existing: u32,
}

/// Makes the self-evaluation forms of `year` for every approved target that has none yet (run
/// again after more targets are approved). 全年预算数: the project's 调整后预算数; for a 部门整体
/// target the sum of the unit's projects of the year (editable on the form). Each indicator's 分值: the rule set's 产出 / 效益 / 满意度
/// weight split over that level's indicators (by the target's 权重 when all have one, else
/// evenly); a level without indicators gives its weight to the others in proportion.
pub fn start_self_eval(ctx: &WriteCtx, year: i32) -> Result<StartReport> {
    ctx.require(Perm::SelfEvalStart)?;
    let w = crate::rules::current(ctx)?.rules.self_eval_weights;
    let mut st = ctx.prepare(&format!(
        "SELECT t.id, t.kind, t.project_id, t.unit_id,
                COALESCE(p.adjusted_budget_fen, (SELECT SUM(q.adjusted_budget_fen) FROM project q
                  WHERE q.unit_id = t.unit_id AND q.fiscal_year = ?1 AND q.deleted_at IS NULL), 0),
                EXISTS (SELECT 1 FROM self_eval s WHERE s.fiscal_year = ?1 AND s.deleted_at IS NULL
                  AND ((t.kind = '项目' AND s.project_id = t.project_id)
                    OR (t.kind = '部门整体' AND s.kind = '部门整体' AND s.unit_id = t.unit_id)))
         FROM perf_target t LEFT JOIN project p ON p.id = t.project_id
         WHERE {APPROVED_TARGETS} ORDER BY t.id"
    ))?;
    type Target = (String, String, Option<String>, String, i64, bool);
    let targets: Vec<Target> = st
        .query_map([year], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut report = StartReport::default();
    for (target_id, kind, project_id, unit_id, budget, exists) in targets {
        if exists {
            report.existing += 1;
            continue;
        }
        let id = new_id();
        ctx.execute(
            "INSERT INTO self_eval (id, fiscal_year, target_id, kind, project_id, unit_id, status,
                budget_fen, execution_weight_cp, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, '待填报', ?7, ?8, ?9, ?9)",
            params![
                id,
                year,
                target_id,
                kind,
                project_id,
                unit_id,
                budget,
                w.execution_cp,
                ctx.now()
            ],
        )?;
        copy_indicators(ctx, &id, &target_id, &w)?;
        report.created += 1;
    }
    if report.created > 0 {
        ctx.audit(
            "create",
            "self_eval",
            None,
            &format!("发起{year}年度单位自评，新建自评表 {} 张", report.created),
            None,
            Some(&serde_json::to_value(&report)?),
        )?;
    }
    Ok(report)
}

fn copy_indicators(
    ctx: &WriteCtx,
    eval_id: &str,
    target_id: &str,
    w: &crate::rules::SelfEvalWeights,
) -> Result<()> {
    let mut st = ctx.prepare(
        "SELECT id, seq, level1, level2, name, nature, value, value_high, unit, weight_cp
         FROM target_indicator WHERE target_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    type Ind = (
        String,
        i64,
        Level1,
        String,
        String,
        String,
        String,
        Option<String>,
        String,
        Option<i64>,
    );
    let rows: Vec<Ind> = st
        .query_map([target_id], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
                r.get(9)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let levels = [
        (Level1::Output, w.output_cp),
        (Level1::Benefit, w.benefit_cp),
        (Level1::Satisfaction, w.satisfaction_cp),
    ];
    let present: Vec<bool> = levels
        .iter()
        .map(|(l, _)| rows.iter().any(|r| r.2 == *l))
        .collect();
    let spare: i64 = levels
        .iter()
        .zip(&present)
        .filter(|(_, p)| !**p)
        .map(|((_, w), _)| *w)
        .sum();
    let shares: Vec<i64> = levels
        .iter()
        .zip(&present)
        .map(|((_, w), p)| if *p { *w } else { 0 })
        .collect();
    let extra = distribute(spare, &shares);
    let mut weights = vec![0i64; rows.len()];
    for (k, (level, base)) in levels.iter().enumerate() {
        if !present[k] {
            continue;
        }
        let idx: Vec<usize> = (0..rows.len()).filter(|i| rows[*i].2 == *level).collect();
        let own: Vec<Option<i64>> = idx.iter().map(|i| rows[*i].9).collect();
        let by: Vec<i64> = if own.iter().all(|o| o.is_some_and(|v| v > 0)) {
            own.iter().map(|o| o.unwrap_or(0)).collect()
        } else {
            vec![0; idx.len()]
        };
        for (i, part) in idx.iter().zip(distribute(base + extra[k], &by)) {
            weights[*i] = part;
        }
    }
    for (r, weight) in rows.iter().zip(weights) {
        ctx.execute(
            "INSERT INTO self_eval_item (id, self_eval_id, target_indicator_id, seq, level1, level2,
                name, nature, value, value_high, unit, weight_cp, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
            params![
                new_id(),
                eval_id,
                r.0,
                r.1,
                r.2,
                r.3,
                r.4,
                r.5,
                r.6,
                r.7,
                r.8,
                weight,
                ctx.now()
            ],
        )?;
    }
    Ok(())
}

pub use super::self_fill::*;
