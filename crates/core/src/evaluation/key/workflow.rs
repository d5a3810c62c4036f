//! The workflow 计划 → 实施 → 报告初稿 → 单位反馈 → 定稿 and its one-step 退回. Leaving 计划
//! needs an engagement for a 第三方机构评价; 报告初稿 needs every item scored; 定稿 needs the
//! 主要绩效 text and stores total, grade (current rule set), who and when.

use super::create::who;
use super::model::KeyEval;
use super::query::get_key_eval;
use crate::access::Perm;
use crate::db::WriteCtx;
use crate::evaluation::{KeyMethod, KeyStatus};
use crate::{fmt_cp, rules, Error, FieldProblem, Result};
use rusqlite::params;

/// The step after `s` (None after 定稿).
pub fn next_status(s: KeyStatus) -> Option<KeyStatus> {
    match s {
        KeyStatus::Planned => Some(KeyStatus::Fieldwork),
        KeyStatus::Fieldwork => Some(KeyStatus::DraftReport),
        KeyStatus::DraftReport => Some(KeyStatus::UnitFeedback),
        KeyStatus::UnitFeedback => Some(KeyStatus::Final),
        KeyStatus::Final => None,
    }
}

/// The step before `s` (None for 计划 and 定稿: 定稿 is frozen).
pub fn previous_status(s: KeyStatus) -> Option<KeyStatus> {
    match s {
        KeyStatus::Planned | KeyStatus::Final => None,
        KeyStatus::Fieldwork => Some(KeyStatus::Planned),
        KeyStatus::DraftReport => Some(KeyStatus::Fieldwork),
        KeyStatus::UnitFeedback => Some(KeyStatus::DraftReport),
    }
}

fn ensure_scored(k: &KeyEval, step: KeyStatus) -> Result<()> {
    let missing: Vec<FieldProblem> = k
        .items
        .iter()
        .filter(|i| i.score_cp.is_none())
        .map(|i| FieldProblem {
            row: 0,
            column: format!("第{}项「{}」得分", i.seq, i.level3),
            message: if i.rule == "扣分" {
                format!("进入『{}』前请填写实际值（百分数）", step.label())
            } else {
                format!("进入『{}』前请评分", step.label())
            },
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::Unsaved(missing))
    }
}

/// Moves the evaluation one step on.
pub fn advance_key_eval(ctx: &WriteCtx, id: &str) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    let Some(next) = next_status(before.status) else {
        return Err(Error::Conflict(format!(
            "『{}』已定稿，不能再推进",
            before.object_name
        )));
    };
    if before.weight_total_cp != 10_000 {
        return Err(Error::invalid(
            "评分表",
            format!(
                "各项分值合计应为 100 分，现为 {}，请先修改评分表",
                fmt_cp(before.weight_total_cp)
            ),
        ));
    }
    match next {
        KeyStatus::Fieldwork => {
            if before.method == KeyMethod::ThirdParty && before.engagement.is_none() {
                return Err(Error::invalid(
                    "第三方机构",
                    "第三方机构评价须先在『评价方案』中委托第三方机构（填写费用和利益冲突声明），才能进入实施",
                ));
            }
        }
        KeyStatus::DraftReport => ensure_scored(&before, next)?,
        KeyStatus::Final => {
            ensure_scored(&before, next)?;
            if before.summary.trim().is_empty() {
                return Err(Error::invalid(
                    "主要绩效",
                    "定稿前请在『报告』中填写主要绩效（评价结论和主要绩效）",
                ));
            }
        }
        KeyStatus::Planned | KeyStatus::UnitFeedback => {}
    }
    let now = ctx.now().to_string();
    if next == KeyStatus::Final {
        let grade = rules::current(ctx)?.rules.grade_of(before.total_cp);
        ctx.execute(
            "UPDATE key_eval SET status = ?2, total_cp = ?3, grade = ?4, finalized_by = ?5,
                finalized_at = ?6, updated_at = ?6 WHERE id = ?1",
            params![id, next, before.total_cp, grade, who(ctx), now],
        )?;
    } else {
        ctx.execute(
            "UPDATE key_eval SET status = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, next, now],
        )?;
    }
    let after = get_key_eval(ctx, id)?;
    let tail = if next == KeyStatus::Final {
        format!("，总分 {}，{}", fmt_cp(after.total_cp), after.grade.label())
    } else {
        String::new()
    };
    ctx.audit(
        "advance",
        "key_eval",
        Some(id),
        &format!(
            "重点评价『{}』：{} → {}{tail}",
            after.object_name,
            before.status.label(),
            next.label()
        ),
        Some(&serde_json::json!({ "status": before.status })),
        Some(&serde_json::json!({
            "status": after.status,
            "total_cp": (next == KeyStatus::Final).then_some(after.total_cp),
            "grade": (next == KeyStatus::Final).then_some(after.grade),
        })),
    )?;
    Ok(after)
}

/// 退回 one step (not from 计划, never from 定稿), with a reason kept in the audit log.
pub fn return_key_eval(ctx: &WriteCtx, id: &str, reason: &str) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    let Some(back) = previous_status(before.status) else {
        return Err(Error::Conflict(if before.status == KeyStatus::Final {
            format!("『{}』已定稿，不能退回", before.object_name)
        } else {
            format!("『{}』还在计划阶段，无需退回", before.object_name)
        }));
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("退回原因", "请填写退回原因"));
    }
    if reason.chars().count() > 500 {
        return Err(Error::invalid("退回原因", "不能超过500个字"));
    }
    ctx.execute(
        "UPDATE key_eval SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, back, ctx.now()],
    )?;
    let after = get_key_eval(ctx, id)?;
    ctx.audit(
        "return",
        "key_eval",
        Some(id),
        &format!(
            "重点评价『{}』退回：{} → {}，原因：{reason}",
            after.object_name,
            before.status.label(),
            back.label()
        ),
        Some(&serde_json::json!({ "status": before.status })),
        Some(&serde_json::json!({ "status": after.status, "reason": reason })),
    )?;
    Ok(after)
}
