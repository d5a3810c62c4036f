//! The 监控情况表 of a round: the list with its derived figures (computed in Rust from the
//! stored inputs, one query per table for the whole round — a round of 3,000 sheets is read in
//! milliseconds), one sheet, saving the unit's figures, and submit / return / approve.

use super::math::{
    execution_bp, indicator_completion_bp, project_completion_bp, time_progress_bp, warning,
    QUALITATIVE_TIERS,
};
use super::rounds::{ensure_open, get_round};
use super::{DeviationReason, Possibility, TaskStatus, Warning};
use crate::access::{Owned, Perm};
use crate::db::WriteCtx;
use crate::indicator::{parse_decimal, Level1, Level2, Nature};
use crate::listing::{search_text, unit_subtree, Page};
use crate::money::Fen;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One 三级指标 row of a sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetIndicator {
    pub id: String,
    pub seq: i64,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    /// 年度指标值 (low bound for 区间).
    pub value: String,
    pub value_high: Option<String>,
    pub unit: String,
    pub weight_cp: Option<i64>,
    /// 1–N月实际完成值.
    pub actual: Option<String>,
    /// 全年预计完成值.
    pub forecast: Option<String>,
    pub deviation_reason: Option<DeviationReason>,
    pub possibility: Option<Possibility>,
    pub measures: String,
    /// 完成率 of `actual`, bp.
    pub completion_bp: Option<i64>,
}

/// A sheet with its derived figures, as the task list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskRow {
    pub id: String,
    pub round_id: String,
    pub target_id: String,
    pub project_id: Option<String>,
    /// 项目编码, or the unit code of a 部门整体 target.
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub status: TaskStatus,
    /// 全年预算数, 分.
    pub budget: Fen,
    /// 1–N月执行数, 分.
    pub executed: Option<Fen>,
    /// 全年预计执行数, 分.
    pub forecast: Option<Fen>,
    pub execution_bp: Option<i64>,
    pub time_progress_bp: i64,
    pub completion_bp: Option<i64>,
    /// |完成率 − 执行率|, bp.
    pub deviation_bp: Option<i64>,
    pub warning: Option<Warning>,
    /// Sum of the corrective actions on this sheet, 分.
    pub actions: Fen,
    pub return_reason: String,
}

/// Every sheet of a round with its derived figures, in project-code order.
pub fn task_rows(c: &Connection, round_id: &str) -> Result<Vec<TaskRow>> {
    rows_of(c, round_id, None)
}

/// The sheets of a round, or only `task` (one sheet is read without reading the round).
fn rows_of(c: &Connection, round_id: &str, task: Option<&str>) -> Result<Vec<TaskRow>> {
    let round = get_round(c, round_id)?;
    let lines = crate::rules::current(c)?.rules.warning;
    let time_bp = time_progress_bp(round.cutoff_month);
    let indicators = indicators_of_round(c, round_id, task)?;
    let mut st = c.prepare(
        "SELECT k.id, k.target_id, k.project_id, COALESCE(p.code, u.code), COALESCE(p.name, u.name),
                k.unit_id, u.name, k.status, k.budget_fen, k.executed_fen, k.forecast_fen,
                (SELECT COALESCE(SUM(a.amount_fen), 0) FROM monitor_action a
                  WHERE a.task_id = k.id AND a.deleted_at IS NULL),
                k.return_reason
         FROM monitor_task k JOIN org_unit u ON u.id = k.unit_id
         LEFT JOIN project p ON p.id = k.project_id
         WHERE k.round_id = ?1 AND k.deleted_at IS NULL AND (?2 IS NULL OR k.id = ?2)
         ORDER BY 4",
    )?;
    let rows = st.query_map(params![round_id, task], |r| {
        Ok(TaskRow {
            id: r.get(0)?,
            round_id: round_id.to_string(),
            target_id: r.get(1)?,
            project_id: r.get(2)?,
            code: r.get(3)?,
            name: r.get(4)?,
            unit_id: r.get(5)?,
            unit_name: r.get(6)?,
            status: r.get(7)?,
            budget: Fen(r.get(8)?),
            executed: r.get::<_, Option<i64>>(9)?.map(Fen),
            forecast: r.get::<_, Option<i64>>(10)?.map(Fen),
            execution_bp: None,
            time_progress_bp: time_bp,
            completion_bp: None,
            deviation_bp: None,
            warning: None,
            actions: Fen(r.get(11)?),
            return_reason: r.get(12)?,
        })
    })?;
    let mut out = Vec::new();
    for row in rows {
        let mut t = row?;
        let mine = indicators.get(&t.id).map(Vec::as_slice).unwrap_or_default();
        derive(&mut t, mine, &lines);
        out.push(t);
    }
    Ok(out)
}

fn derive(t: &mut TaskRow, indicators: &[SheetIndicator], lines: &crate::rules::WarningLines) {
    t.execution_bp = t.executed.and_then(|e| execution_bp(e.0, t.budget.0));
    let filled: Vec<(i64, Option<i64>)> = indicators
        .iter()
        .filter_map(|i| i.completion_bp.map(|bp| (bp, i.weight_cp)))
        .collect();
    t.completion_bp = project_completion_bp(&filled);
    t.deviation_bp = match (t.completion_bp, t.execution_bp) {
        (Some(c), Some(e)) => Some((c - e).abs()),
        _ => None,
    };
    let possibilities: Vec<Possibility> = indicators.iter().filter_map(|i| i.possibility).collect();
    t.warning = warning(lines, t.execution_bp, t.time_progress_bp, &possibilities);
}

fn indicators_of_round(
    c: &Connection,
    round_id: &str,
    task: Option<&str>,
) -> Result<HashMap<String, Vec<SheetIndicator>>> {
    let mut st = c.prepare(
        "SELECT i.task_id, i.id, i.seq, i.level1, i.level2, i.name, i.nature, i.value,
                i.value_high, i.unit, i.weight_cp, i.actual, i.forecast, i.deviation_reason,
                i.possibility, i.measures
         FROM monitor_indicator i JOIN monitor_task k ON k.id = i.task_id
         WHERE k.round_id = ?1 AND i.deleted_at IS NULL AND k.deleted_at IS NULL
           AND (?2 IS NULL OR k.id = ?2)
         ORDER BY i.task_id, i.seq",
    )?;
    let mut out: HashMap<String, Vec<SheetIndicator>> = HashMap::new();
    let rows = st.query_map(params![round_id, task], |r| {
        let nature: Nature = r.get(6)?;
        let value: String = r.get(7)?;
        let value_high: Option<String> = r.get(8)?;
        let actual: Option<String> = r.get(11)?;
        let completion_bp = actual
            .as_deref()
            .and_then(|a| indicator_completion_bp(nature, &value, value_high.as_deref(), a));
        Ok((
            r.get::<_, String>(0)?,
            SheetIndicator {
                id: r.get(1)?,
                seq: r.get(2)?,
                level1: r.get(3)?,
                level2: r.get(4)?,
                name: r.get(5)?,
                nature,
                value,
                value_high,
                unit: r.get(9)?,
                weight_cp: r.get(10)?,
                actual,
                forecast: r.get(12)?,
                deviation_reason: r.get(13)?,
                possibility: r.get(14)?,
                measures: r.get(15)?,
                completion_bp,
            },
        ))
    })?;
    for row in rows {
        let (task, ind) = row?;
        out.entry(task).or_default().push(ind);
    }
    Ok(out)
}

/// Filters of the task list (server-side, paged).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskQuery {
    pub round_id: String,
    pub unit_id: Option<String>,
    pub status: Option<TaskStatus>,
    /// 红灯 / 黄灯 / 绿灯, or 未填报 (no light yet).
    pub warning: Option<String>,
    pub search: Option<String>,
    /// 1-based; 0 = all.
    pub page: u32,
    pub page_size: u32,
}

/// One page of the task list.
pub type TaskPage = Page<TaskRow>;

pub fn list_tasks(c: &Connection, q: &TaskQuery) -> Result<TaskPage> {
    let units: Option<Vec<String>> = match &q.unit_id {
        None => None,
        Some(u) => {
            let mut st = c.prepare(&format!("SELECT id FROM {}", unit_subtree("?1")))?;
            let ids = st
                .query_map([u], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Some(ids)
        }
    };
    let search = search_text(&q.search);
    let light = q
        .warning
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let rows: Vec<TaskRow> = task_rows(c, &q.round_id)?
        .into_iter()
        .filter(|t| units.as_ref().is_none_or(|u| u.contains(&t.unit_id)))
        .filter(|t| q.status.is_none_or(|s| t.status == s))
        .filter(|t| match light {
            None => true,
            Some("未填报") => t.warning.is_none(),
            Some(l) => t.warning.map(Warning::label) == Some(l),
        })
        .filter(|t| {
            search
                .is_none_or(|s| t.code.contains(s) || t.name.contains(s) || t.unit_name.contains(s))
        })
        .collect();
    Ok(Page::of(rows, q.page, q.page_size))
}

/// One sheet with its rows and actions. (`MonitoringSheet` in TypeScript: `Sheet` there is the
/// base-data workbook kind.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "MonitoringSheet")]
pub struct Sheet {
    pub task: TaskRow,
    pub cutoff_month: i64,
    pub round_open: bool,
    pub indicators: Vec<SheetIndicator>,
    pub actions: Vec<super::Action>,
}

pub fn get_sheet(c: &Connection, task_id: &str) -> Result<Sheet> {
    let round_id: String = c
        .query_row(
            "SELECT round_id FROM monitor_task WHERE id = ?1 AND deleted_at IS NULL",
            [task_id],
            |r| r.get(0),
        )
        .map_err(|_| Error::NotFound("找不到该监控情况表，请刷新后重试".into()))?;
    let round = get_round(c, &round_id)?;
    let task = rows_of(c, &round_id, Some(task_id))?
        .pop()
        .ok_or_else(|| Error::NotFound("找不到该监控情况表，请刷新后重试".into()))?;
    let indicators = indicators_of_round(c, &round_id, Some(task_id))?
        .remove(task_id)
        .unwrap_or_default();
    Ok(Sheet {
        task,
        cutoff_month: round.cutoff_month,
        round_open: round.status == super::RoundStatus::Open,
        indicators,
        actions: super::actions::actions_of(c, task_id)?,
    })
}

/// What the unit fills in. Amounts are 万元 text; "" leaves a field empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetInput {
    pub executed_wan: String,
    pub forecast_wan: String,
    pub indicators: Vec<SheetIndicatorInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SheetIndicatorInput {
    pub id: String,
    pub actual: String,
    pub forecast: String,
    pub deviation_reason: Option<DeviationReason>,
    pub possibility: Option<Possibility>,
    pub measures: String,
}

/// A 实际完成值 for `nature` (monitoring progress and self-evaluation results alike): a number
/// (a trailing % is dropped), or 达成 / 部分达成 / 未达成 for 定性.
pub(crate) fn progress_value(
    nature: Nature,
    text: &str,
) -> std::result::Result<Option<String>, String> {
    let t = text.trim().trim_end_matches('%');
    if t.is_empty() {
        return Ok(None);
    }
    if nature == Nature::Qualitative {
        return if QUALITATIVE_TIERS.iter().any(|(w, _)| *w == t) {
            Ok(Some(t.to_string()))
        } else {
            Err(format!(
                "定性指标请填写 达成 / 部分达成 / 未达成，现为『{t}』"
            ))
        };
    }
    parse_decimal(t).map(Some)
}

/// The form's label of the 执行数 field with the round's real months: 「1–8月执行数（万元）」.
pub fn executed_label(cutoff_month: i64) -> String {
    format!("1–{cutoff_month}月执行数（万元）")
}

fn amount(field: &str, text: &str, budget: Fen) -> Result<Option<Fen>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let fen = Fen::parse_wan(t).map_err(|e| Error::invalid(field, e))?;
    if fen.0 > budget.0 {
        return Err(Error::invalid(
            field,
            format!("不能超过全年预算数 {} 万元", budget.wan_2dp()),
        ));
    }
    Ok(Some(fen))
}

fn ensure_fillable(c: &Connection, task: &TaskRow) -> Result<()> {
    ensure_open(c, &task.round_id)?;
    if matches!(task.status, TaskStatus::Pending | TaskStatus::Returned) {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "{} 的监控情况表已『{}』，不能再修改",
            task.code,
            task.status.label()
        )))
    }
}

/// Saves the unit's figures (whole sheet or nothing; problems name the row and column).
pub fn save_sheet(ctx: &WriteCtx, task_id: &str, input: &SheetInput) -> Result<Sheet> {
    ctx.require_row(Perm::MonitorFill, Owned::MonitorSheet, task_id)?;
    let before = get_sheet(ctx, task_id)?;
    ensure_fillable(ctx, &before.task)?;
    let executed = amount(
        &executed_label(before.cutoff_month),
        &input.executed_wan,
        before.task.budget,
    )?;
    let forecast = amount(
        "全年预计执行数（万元）",
        &input.forecast_wan,
        before.task.budget,
    )?;
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for (k, row) in input.indicators.iter().enumerate() {
        let line = k as u32 + 1;
        let Some(def) = before.indicators.iter().find(|i| i.id == row.id) else {
            return Err(Error::invalid(
                "三级指标",
                format!("第{line}行不属于这张监控情况表"),
            ));
        };
        let mut bad = |column: &str, message: String| {
            problems.push(FieldProblem {
                row: line,
                column: column.into(),
                message,
            })
        };
        let actual = progress_value(def.nature, &row.actual).map_err(|m| bad("实际完成值", m));
        let fc = progress_value(def.nature, &row.forecast).map_err(|m| bad("全年预计完成值", m));
        let lagging = matches!(
            row.possibility,
            Some(Possibility::Possible | Possibility::Impossible)
        );
        if lagging && row.deviation_reason.is_none() {
            bad(
                "偏差原因",
                "完成可能性不是『确定能』时请选择偏差原因".into(),
            );
        }
        if lagging && row.measures.trim().is_empty() {
            bad(
                "纠偏措施",
                "完成可能性不是『确定能』时请填写纠偏措施".into(),
            );
        }
        if let (Ok(actual), Ok(fc)) = (actual, fc) {
            checked.push((def.id.clone(), actual, fc, row));
        }
    }
    if !problems.is_empty() {
        return Err(Error::Unsaved(problems));
    }
    ctx.execute(
        "UPDATE monitor_task SET executed_fen = ?2, forecast_fen = ?3, updated_at = ?4 WHERE id = ?1",
        params![task_id, executed.map(|f| f.0), forecast.map(|f| f.0), ctx.now()],
    )?;
    for (id, actual, fc, row) in checked {
        ctx.execute(
            "UPDATE monitor_indicator SET actual = ?2, forecast = ?3, deviation_reason = ?4,
                possibility = ?5, measures = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                id,
                actual,
                fc,
                row.deviation_reason,
                row.possibility,
                row.measures.trim(),
                ctx.now()
            ],
        )?;
    }
    let after = get_sheet(ctx, task_id)?;
    ctx.audit(
        "update",
        "monitor_task",
        Some(task_id),
        &format!("填报监控情况表 {} {}", after.task.code, after.task.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

fn set_status(
    ctx: &WriteCtx,
    task_id: &str,
    status: TaskStatus,
    reason: &str,
    action: &str,
    verb: &str,
) -> Result<Sheet> {
    let before = get_sheet(ctx, task_id)?;
    let reviewed = matches!(status, TaskStatus::Approved | TaskStatus::Returned);
    ctx.execute(
        "UPDATE monitor_task SET status = ?2, return_reason = ?3,
            submitted_at = CASE WHEN ?2 = '已提交' THEN ?4 ELSE submitted_at END,
            reviewed_by = CASE WHEN ?5 THEN ?6 ELSE reviewed_by END,
            reviewed_at = CASE WHEN ?5 THEN ?4 ELSE reviewed_at END,
            updated_at = ?4
         WHERE id = ?1",
        params![task_id, status, reason, ctx.now(), reviewed, ctx.actor.name],
    )?;
    let after = get_sheet(ctx, task_id)?;
    ctx.audit(
        action,
        "monitor_task",
        Some(task_id),
        &format!("{verb}监控情况表 {} {}", after.task.code, after.task.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// The unit submits a filled sheet: 执行数 and every row's 实际完成值 and 完成可能性 are needed.
pub fn submit_sheet(ctx: &WriteCtx, task_id: &str) -> Result<Sheet> {
    ctx.require_row(Perm::MonitorFill, Owned::MonitorSheet, task_id)?;
    let s = get_sheet(ctx, task_id)?;
    ensure_fillable(ctx, &s.task)?;
    let mut problems = Vec::new();
    if s.task.executed.is_none() {
        problems.push(FieldProblem {
            row: 0,
            column: executed_label(s.cutoff_month),
            message: "提交前请填写执行数".into(),
        });
    }
    for (k, i) in s.indicators.iter().enumerate() {
        for (missing, column) in [
            (i.actual.is_none(), "实际完成值"),
            (i.possibility.is_none(), "完成可能性"),
        ] {
            if missing {
                problems.push(FieldProblem {
                    row: k as u32 + 1,
                    column: column.into(),
                    message: format!("提交前请填写「{}」的{column}", i.name),
                });
            }
        }
    }
    if !problems.is_empty() {
        return Err(Error::Unsaved(problems));
    }
    set_status(ctx, task_id, TaskStatus::Submitted, "", "submit", "提交")
}

fn ensure_submitted(c: &Connection, s: &Sheet) -> Result<()> {
    ensure_open(c, &s.task.round_id)?;
    if s.task.status == TaskStatus::Submitted {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "{} 的监控情况表为『{}』，只有『已提交』的可以审核",
            s.task.code,
            s.task.status.label()
        )))
    }
}

/// 审核通过.
pub fn approve_sheet(ctx: &WriteCtx, task_id: &str) -> Result<Sheet> {
    ctx.require_row(Perm::MonitorReview, Owned::MonitorSheet, task_id)?;
    let s = get_sheet(ctx, task_id)?;
    ensure_submitted(ctx, &s)?;
    set_status(
        ctx,
        task_id,
        TaskStatus::Approved,
        "",
        "approve",
        "审核通过",
    )
}

/// 退回 with a reason; the unit fills again.
pub fn return_sheet(ctx: &WriteCtx, task_id: &str, reason: &str) -> Result<Sheet> {
    ctx.require_row(Perm::MonitorReview, Owned::MonitorSheet, task_id)?;
    let s = get_sheet(ctx, task_id)?;
    ensure_submitted(ctx, &s)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid("退回原因", "请填写退回原因"));
    }
    set_status(
        ctx,
        task_id,
        TaskStatus::Returned,
        reason.trim(),
        "return",
        "退回",
    )
}
