//! Monitoring rounds: opening one creates a 监控情况表 for every project target of the year in
//! its latest approved (二下) version — plus the 部门整体 targets of the units chosen — with the
//! target's indicators copied in; closing one locks every sheet. Several rounds per year.

use super::{RoundKind, RoundStatus};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RoundInput {
    pub year: i32,
    /// 截止月份: the round covers 1–N月.
    pub cutoff_month: i64,
    pub kind: RoundKind,
    /// 填报截止日期, YYYY-MM-DD.
    pub due_date: String,
    pub note: String,
    /// Units whose 部门整体 target is monitored too.
    pub unit_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Round {
    pub id: String,
    pub fiscal_year: i32,
    pub cutoff_month: i64,
    pub kind: RoundKind,
    pub due_date: String,
    pub status: RoundStatus,
    pub note: String,
    pub tasks: i64,
    pub submitted: i64,
    pub approved: i64,
}

const SELECT: &str = "SELECT r.id, r.fiscal_year, r.cutoff_month, r.kind, r.due_date, r.status,
        r.note,
        (SELECT COUNT(*) FROM monitor_task k WHERE k.round_id = r.id AND k.deleted_at IS NULL),
        (SELECT COUNT(*) FROM monitor_task k WHERE k.round_id = r.id AND k.deleted_at IS NULL
            AND k.status IN ('已提交','审核通过')),
        (SELECT COUNT(*) FROM monitor_task k WHERE k.round_id = r.id AND k.deleted_at IS NULL
            AND k.status = '审核通过')
    FROM monitor_round r WHERE r.deleted_at IS NULL";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Round> {
    Ok(Round {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        cutoff_month: r.get(2)?,
        kind: r.get(3)?,
        due_date: r.get(4)?,
        status: r.get(5)?,
        note: r.get(6)?,
        tasks: r.get(7)?,
        submitted: r.get(8)?,
        approved: r.get(9)?,
    })
}

pub fn get_round(c: &Connection, id: &str) -> Result<Round> {
    c.query_row(&format!("{SELECT} AND r.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该监控轮次，可能已被删除".into()))
}

/// Rounds of a year, newest cut-off first.
pub fn list_rounds(c: &Connection, year: i32) -> Result<Vec<Round>> {
    let mut st = c.prepare(&format!(
        "{SELECT} AND r.fiscal_year = ?1 ORDER BY r.cutoff_month DESC, r.created_at DESC"
    ))?;
    let rows = st.query_map([year], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Opens a round and creates its sheets, in one transaction.
pub fn open_round(ctx: &WriteCtx, input: &RoundInput) -> Result<Round> {
    ctx.require(Perm::MonitorRounds)?;
    if !(1..=12).contains(&input.cutoff_month) {
        return Err(Error::invalid("截止月份", "应为 1–12 月"));
    }
    NaiveDate::parse_from_str(input.due_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("填报截止日期", "请按 2026-09-10 的格式填写日期"))?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO monitor_round (id, fiscal_year, cutoff_month, kind, due_date, status, note,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, '进行中', ?6, ?7, ?7)",
        params![
            id,
            input.year,
            input.cutoff_month,
            input.kind,
            input.due_date.trim(),
            input.note.trim(),
            ctx.now()
        ],
    )?;
    // The latest approved version of each target chain: status 二下 and no approved successor.
    let approved = "t.fiscal_year = ?2 AND t.kind IN ('项目','部门整体') AND t.status = '二下' AND t.deleted_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM perf_target n WHERE n.previous_id = t.id
                        AND n.status = '二下' AND n.deleted_at IS NULL)";
    let mut st = ctx.prepare(&format!(
        "SELECT t.id, t.project_id, t.unit_id, COALESCE(p.adjusted_budget_fen, 0)
         FROM perf_target t LEFT JOIN project p ON p.id = t.project_id
         WHERE {approved}
           AND (t.kind = '项目' OR t.unit_id IN (SELECT value FROM json_each(?1)))
         ORDER BY t.id"
    ))?;
    let targets: Vec<(String, Option<String>, String, i64)> = st
        .query_map(
            params![serde_json::to_string(&input.unit_ids)?, input.year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?
        .collect::<rusqlite::Result<_>>()?;
    if targets.is_empty() {
        return Err(Error::Conflict(format!(
            "{}年度还没有已批复（二下）的绩效目标，无法开启监控",
            input.year
        )));
    }
    for (target_id, project_id, unit_id, budget) in &targets {
        let task = new_id();
        ctx.execute(
            "INSERT INTO monitor_task (id, round_id, target_id, project_id, unit_id, status,
                budget_fen, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, '待填报', ?6, ?7, ?7)",
            params![task, id, target_id, project_id, unit_id, budget, ctx.now()],
        )?;
        for i in crate::targets::indicators_of(ctx, target_id)? {
            ctx.execute(
                "INSERT INTO monitor_indicator (id, task_id, target_indicator_id, seq, level1,
                    level2, name, nature, value, value_high, unit, weight_cp, created_at,
                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
                params![
                    new_id(),
                    task,
                    i.id,
                    i.seq,
                    i.level1,
                    i.level2,
                    i.name,
                    i.nature,
                    i.value,
                    i.value_high,
                    i.unit,
                    i.weight_cp,
                    ctx.now()
                ],
            )?;
        }
    }
    let round = get_round(ctx, &id)?;
    ctx.audit(
        "create",
        "monitor_round",
        Some(&id),
        &format!(
            "开启{}年度1–{}月{}（{}个项目）",
            round.fiscal_year,
            round.cutoff_month,
            round.kind.label(),
            round.tasks
        ),
        None,
        Some(&serde_json::to_value(&round)?),
    )?;
    Ok(round)
}

/// Closes a round: its sheets can no longer be filled, reviewed or acted on.
pub fn close_round(ctx: &WriteCtx, id: &str) -> Result<Round> {
    ctx.require(Perm::MonitorRounds)?;
    let before = get_round(ctx, id)?;
    if before.status == RoundStatus::Closed {
        return Err(Error::Conflict("该监控轮次已关闭".into()));
    }
    ctx.execute(
        "UPDATE monitor_round SET status = '已关闭', updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    let after = get_round(ctx, id)?;
    ctx.audit(
        "close",
        "monitor_round",
        Some(id),
        &format!(
            "关闭{}年度1–{}月{}",
            after.fiscal_year,
            after.cutoff_month,
            after.kind.label()
        ),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

pub(crate) fn ensure_open(c: &Connection, round_id: &str) -> Result<Round> {
    let r = get_round(c, round_id)?;
    if r.status == RoundStatus::Closed {
        return Err(Error::Conflict(format!(
            "{}年度1–{}月{}已关闭，不能再修改",
            r.fiscal_year,
            r.cutoff_month,
            r.kind.label()
        )));
    }
    Ok(r)
}
