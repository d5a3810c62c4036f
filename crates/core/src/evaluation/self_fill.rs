//! Filling a 单位自评 form: saving the unit's figures (scored by core on every save), submit, and
//! the bureau's return.

use super::scoring::{execution_score_cp, indicator_score_cp, rescaled_total_cp};
use super::self_eval::{get_self_eval, SelfEvalForm, SelfEvalRow};
use super::SelfEvalStatus;
use crate::access::{Owned, Perm};
use crate::db::WriteCtx;
use crate::money::Fen;
use crate::{Error, FieldProblem, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the unit fills in. Amounts are 万元 text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalInput {
    pub budget_wan: String,
    pub executed_wan: String,
    pub execution_weight_cp: i64,
    pub summary: String,
    pub items: Vec<SelfEvalItemInput>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SelfEvalItemInput {
    pub id: String,
    pub weight_cp: i64,
    pub actual: String,
    pub not_applicable: bool,
    pub reason: String,
}

fn ensure_fillable(row: &SelfEvalRow) -> Result<()> {
    match row.status {
        SelfEvalStatus::Pending | SelfEvalStatus::Draft | SelfEvalStatus::Returned => Ok(()),
        SelfEvalStatus::Submitted => Err(Error::Conflict(format!(
            "{} 的自评表已提交，不能再修改；如需修改请由财政局退回",
            row.code
        ))),
    }
}

fn wan(field: &str, text: &str) -> Result<Option<Fen>> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    Fen::parse_wan(t)
        .map(Some)
        .map_err(|e| Error::invalid(field, e))
}

/// Saves the form (all of it or nothing; problems name the row and column) and scores it.
pub fn save_self_eval(ctx: &WriteCtx, id: &str, input: &SelfEvalInput) -> Result<SelfEvalForm> {
    ctx.require_row(Perm::SelfEvalFill, Owned::SelfEval, id)?;
    let before = get_self_eval(ctx, id)?;
    ensure_fillable(&before.row)?;
    let budget = wan("全年预算数（万元）", &input.budget_wan)?.unwrap_or(before.row.budget);
    let executed = wan("全年执行数（万元）", &input.executed_wan)?;
    let mut problems = Vec::new();
    let mut rows = Vec::new();
    for (k, it) in input.items.iter().enumerate() {
        let line = k as u32 + 1;
        let Some(def) = before.items.iter().find(|i| i.id == it.id) else {
            return Err(Error::invalid(
                "三级指标",
                format!("第{line}行不属于这张自评表"),
            ));
        };
        let mut bad = |column: &str, message: String| {
            problems.push(FieldProblem {
                row: line,
                column: column.into(),
                message,
            })
        };
        if !(0..=10_000).contains(&it.weight_cp) {
            bad("分值", "分值必须在 0–100 分之间".into());
        }
        match crate::monitoring::progress_value(def.nature, &it.actual) {
            Ok(actual) => {
                let score = item_score_cp(
                    def.nature,
                    &def.value,
                    def.value_high.as_deref(),
                    actual.as_deref(),
                    it.weight_cp,
                    it.not_applicable,
                );
                rows.push((def.id.clone(), it, actual, score));
            }
            Err(m) => bad("实际完成值", m),
        }
    }
    if !(0..=10_000).contains(&input.execution_weight_cp) {
        problems.push(FieldProblem {
            row: 0,
            column: "预算执行率分值".into(),
            message: "分值必须在 0–100 分之间".into(),
        });
    }
    // Rows the input leaves out keep their 分值.
    let sum = input.execution_weight_cp
        + before
            .items
            .iter()
            .map(|i| {
                input
                    .items
                    .iter()
                    .find(|x| x.id == i.id)
                    .map_or(i.weight_cp, |x| x.weight_cp)
            })
            .sum::<i64>();
    if sum != 10_000 {
        problems.push(FieldProblem {
            row: 0,
            column: "分值".into(),
            message: format!(
                "预算执行率和各指标的分值合计应为 100 分，现为 {}",
                crate::fmt_cp(sum)
            ),
        });
    }
    if !problems.is_empty() {
        return Err(Error::Unsaved(problems));
    }
    let status = match before.row.status {
        SelfEvalStatus::Pending => SelfEvalStatus::Draft,
        s => s,
    };
    ctx.execute(
        "UPDATE self_eval SET budget_fen = ?2, executed_fen = ?3, execution_weight_cp = ?4,
            summary = ?5, status = ?6, updated_at = ?7 WHERE id = ?1",
        params![
            id,
            budget.0,
            executed.map(|e| e.0),
            input.execution_weight_cp,
            input.summary.trim(),
            status,
            ctx.now()
        ],
    )?;
    for (item_id, it, actual, score) in rows {
        ctx.execute(
            "UPDATE self_eval_item SET weight_cp = ?2, actual = ?3, not_applicable = ?4,
                score_cp = ?5, reason = ?6, updated_at = ?7 WHERE id = ?1",
            params![
                item_id,
                it.weight_cp,
                actual,
                it.not_applicable,
                score,
                it.reason.trim(),
                ctx.now()
            ],
        )?;
    }
    rescore(ctx, id)?;
    let after = get_self_eval(ctx, id)?;
    ctx.audit(
        "update",
        "self_eval",
        Some(id),
        &format!("填报自评表 {} {}", after.row.code, after.row.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Recomputes the 预算执行率 score, the total (rescaled when rows are 不适用) and the grade
/// from the stored inputs.
fn rescore(ctx: &WriteCtx, id: &str) -> Result<()> {
    let f = get_self_eval(ctx, id)?;
    let items: Vec<(i64, Option<i64>, bool)> = f
        .items
        .iter()
        .map(|i| (i.weight_cp, i.score_cp, i.not_applicable))
        .collect();
    let (exec, total, grade) = totals(
        ctx,
        f.row.executed.map(|e| e.0),
        f.row.budget.0,
        f.row.execution_weight_cp,
        &items,
    )?;
    ctx.execute(
        "UPDATE self_eval SET execution_score_cp = ?2, total_cp = ?3, grade = ?4 WHERE id = ?1",
        params![id, exec, total, grade],
    )?;
    Ok(())
}

/// One item's stored 得分: None while the 实际完成值 is empty (or not a value of the nature) and
/// for a 不适用 row. The bureau recomputes a unit's package with it (sync admission).
pub(crate) fn item_score_cp(
    nature: crate::indicator::Nature,
    value: &str,
    value_high: Option<&str>,
    actual: Option<&str>,
    weight_cp: i64,
    not_applicable: bool,
) -> Option<i64> {
    if not_applicable {
        return None;
    }
    actual.and_then(|a| indicator_score_cp(nature, value, value_high, a, weight_cp))
}

/// The 预算执行率 得分, the total (rescaled when rows are 不适用) and the grade of a form from
/// its stored inputs: `items` are (分值, 得分, 不适用).
pub(crate) fn totals(
    c: &rusqlite::Connection,
    executed_fen: Option<i64>,
    budget_fen: i64,
    execution_weight_cp: i64,
    items: &[(i64, Option<i64>, bool)],
) -> Result<(Option<i64>, i64, crate::rules::Grade)> {
    let exec = executed_fen.map(|e| execution_score_cp(e, budget_fen, execution_weight_cp));
    let mut parts = vec![(execution_weight_cp, exec.unwrap_or(0), true)];
    parts.extend(items.iter().map(|(w, s, na)| (*w, s.unwrap_or(0), !na)));
    let total = rescaled_total_cp(&parts);
    let grade = crate::rules::current(c)?.rules.grade_of(total);
    Ok((exec, total, grade))
}

/// The unit submits: 全年执行数, every applicable 实际完成值, and a 偏差原因及改进措施 for every row
/// that misses full marks are needed.
pub fn submit_self_eval(ctx: &WriteCtx, id: &str) -> Result<SelfEvalForm> {
    ctx.require_row(Perm::SelfEvalFill, Owned::SelfEval, id)?;
    let f = get_self_eval(ctx, id)?;
    ensure_fillable(&f.row)?;
    let mut problems = Vec::new();
    if f.row.executed.is_none() {
        problems.push(FieldProblem {
            row: 0,
            column: "全年执行数（万元）".into(),
            message: "提交前请填写全年执行数".into(),
        });
    }
    if f.row.budget.0 <= 0 {
        problems.push(FieldProblem {
            row: 0,
            column: "全年预算数（万元）".into(),
            message: "全年预算数必须大于 0".into(),
        });
    }
    for (k, i) in f
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| !i.not_applicable)
    {
        let row = k as u32 + 1;
        match i.score_cp {
            None => problems.push(FieldProblem {
                row,
                column: "实际完成值".into(),
                message: format!("提交前请填写「{}」的实际完成值", i.name),
            }),
            Some(s) if s < i.weight_cp && i.reason.trim().is_empty() => {
                problems.push(FieldProblem {
                    row,
                    column: "偏差原因及改进措施".into(),
                    message: format!("「{}」未得满分，请填写偏差原因及改进措施", i.name),
                })
            }
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(Error::Unsaved(problems));
    }
    set_status(ctx, &f, SelfEvalStatus::Submitted, "", "submit", "提交")
}

/// The bureau returns a submitted form with a reason (not once a spot check reviewed it).
pub fn return_self_eval(ctx: &WriteCtx, id: &str, reason: &str) -> Result<SelfEvalForm> {
    ctx.require_row(Perm::SelfEvalReview, Owned::SelfEval, id)?;
    let f = get_self_eval(ctx, id)?;
    if f.row.status != SelfEvalStatus::Submitted {
        return Err(Error::Conflict(format!(
            "{} 的自评表为『{}』，只有已提交的可以退回",
            f.row.code,
            f.row.status.label()
        )));
    }
    if reason.trim().is_empty() {
        return Err(Error::invalid("退回原因", "请填写退回原因"));
    }
    let drawn: bool = ctx.query_row(
        "SELECT EXISTS (SELECT 1 FROM spot_check k JOIN spot_check_draw d ON d.id = k.draw_id
           WHERE k.self_eval_id = ?1 AND d.is_current = 1 AND k.deleted_at IS NULL
             AND d.deleted_at IS NULL)",
        [id],
        |r| r.get(0),
    )?;
    if drawn {
        return Err(Error::Conflict(format!(
            "{} 已被抽中复核，不能退回；请在抽查复核中记录复核意见",
            f.row.code
        )));
    }
    set_status(
        ctx,
        &f,
        SelfEvalStatus::Returned,
        reason.trim(),
        "return",
        "退回",
    )
}

fn set_status(
    ctx: &WriteCtx,
    before: &SelfEvalForm,
    status: SelfEvalStatus,
    reason: &str,
    action: &str,
    verb: &str,
) -> Result<SelfEvalForm> {
    let id = &before.row.id;
    ctx.execute(
        "UPDATE self_eval SET status = ?2, return_reason = ?3,
            submitted_by = CASE WHEN ?2 = '已提交' THEN ?4 ELSE submitted_by END,
            submitted_at = CASE WHEN ?2 = '已提交' THEN ?5 ELSE submitted_at END,
            updated_at = ?5 WHERE id = ?1",
        params![id, status, reason, ctx.actor.name, ctx.now()],
    )?;
    let after = get_self_eval(ctx, id)?;
    ctx.audit(
        action,
        "self_eval",
        Some(id),
        &format!("{verb}自评表 {} {}", after.row.code, after.row.name),
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}
