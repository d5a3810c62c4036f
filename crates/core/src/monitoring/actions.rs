//! 财政 corrective actions on a monitored project (调减预算 / 收回资金 / 核销 / 暂缓拨付). All but
//! 暂缓拨付 lower the project's 调整后预算数 by the amount, in the same transaction, audited on both.

use super::rounds::ensure_open;
use super::ActionKind;
use crate::access::{Owned, Perm};
use crate::db::{new_id, WriteCtx};
use crate::money::Fen;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Action {
    pub id: String,
    pub kind: ActionKind,
    pub amount: Fen,
    pub reason: String,
    /// YYYY-MM-DD.
    pub action_date: String,
    pub created_by: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ActionInput {
    pub kind: ActionKind,
    /// 金额（万元）.
    pub amount_wan: String,
    pub reason: String,
    pub action_date: String,
}

pub(crate) fn actions_of(c: &Connection, task_id: &str) -> Result<Vec<Action>> {
    let mut st = c.prepare(
        "SELECT id, kind, amount_fen, reason, action_date, created_by FROM monitor_action
         WHERE task_id = ?1 AND deleted_at IS NULL ORDER BY action_date, created_at",
    )?;
    let rows = st.query_map([task_id], |r| {
        Ok(Action {
            id: r.get(0)?,
            kind: r.get(1)?,
            amount: Fen(r.get(2)?),
            reason: r.get(3)?,
            action_date: r.get(4)?,
            created_by: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Records an action on a sheet's project; the project's budget follows.
pub fn add_action(ctx: &WriteCtx, task_id: &str, input: &ActionInput) -> Result<Action> {
    ctx.require_row(Perm::MonitorReview, Owned::MonitorSheet, task_id)?;
    let (round_id, project_id): (String, Option<String>) = ctx
        .query_row(
            "SELECT round_id, project_id FROM monitor_task WHERE id = ?1 AND deleted_at IS NULL",
            [task_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| Error::NotFound("找不到该监控情况表，请刷新后重试".into()))?;
    ensure_open(ctx, &round_id)?;
    let amount =
        Fen::parse_wan(input.amount_wan.trim()).map_err(|e| Error::invalid("金额（万元）", e))?;
    if amount.0 <= 0 {
        return Err(Error::invalid("金额（万元）", "应大于 0"));
    }
    if input.reason.trim().is_empty() {
        return Err(Error::invalid("原因", "请填写处理原因"));
    }
    NaiveDate::parse_from_str(input.action_date.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid("日期", "请按 2026-09-10 的格式填写日期"))?;
    if input.kind.lowers_budget() {
        let Some(pid) = &project_id else {
            return Err(Error::invalid(
                "处理方式",
                "部门整体绩效目标没有项目预算，只能『暂缓拨付』",
            ));
        };
        let before = crate::projects::get_project(ctx, pid)?;
        if amount.0 > before.adjusted_budget.0 {
            return Err(Error::invalid(
                "金额（万元）",
                format!(
                    "不能超过项目调整后预算数 {} 万元",
                    before.adjusted_budget.wan_2dp()
                ),
            ));
        }
        ctx.execute(
            "UPDATE project SET adjusted_budget_fen = adjusted_budget_fen - ?2, updated_at = ?3
             WHERE id = ?1",
            params![pid, amount.0, ctx.now()],
        )?;
        let after = crate::projects::get_project(ctx, pid)?;
        ctx.audit(
            "update",
            "project",
            Some(pid),
            &format!(
                "{}{}万元：项目 {} 调整后预算数 {} → {} 万元",
                input.kind.label(),
                amount.wan_2dp(),
                after.code,
                before.adjusted_budget.wan_2dp(),
                after.adjusted_budget.wan_2dp()
            ),
            Some(&serde_json::to_value(&before)?),
            Some(&serde_json::to_value(&after)?),
        )?;
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO monitor_action (id, task_id, kind, amount_fen, reason, action_date,
            created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            task_id,
            input.kind,
            amount.0,
            input.reason.trim(),
            input.action_date.trim(),
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    let action = actions_of(ctx, task_id)?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| Error::NotFound("处理记录保存失败".into()))?;
    ctx.audit(
        "create",
        "monitor_action",
        Some(&id),
        &format!(
            "{} {} 万元：{}",
            action.kind.label(),
            action.amount.wan_2dp(),
            action.reason
        ),
        None,
        Some(&serde_json::to_value(&action)?),
    )?;
    Ok(action)
}
