//! The "二上二下" workflow: submit (一上/二上), return with comments (一下), approve (二下, with
//! 核减 and, for A-tier projects, a second reviewer), adjustment of an approved target as a new
//! version, 公开, and batch approval. Each function is one user action: checks first, then
//! writes, then one audit row.

use super::edit::{ensure_editable, label_of};
use super::query::{current_ids, get_target, SubmittedBody};
use super::{CommentInput, Target, TargetStatus};
use crate::access::login::{verify_second_reviewer, SecondReviewer};
use crate::access::Actor;
use crate::access::{Owned, Perm};
use crate::db::{new_id, Db, WriteCtx};
use crate::money::Fen;
use crate::{Error, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

fn set_status(ctx: &WriteCtx, id: &str, status: TargetStatus) -> Result<()> {
    ctx.execute(
        "UPDATE perf_target SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status, ctx.now()],
    )?;
    Ok(())
}

fn audit_change(ctx: &WriteCtx, action: &str, before: &Target, summary: &str) -> Result<Target> {
    let after = get_target(ctx, &before.id)?;
    ctx.audit(
        action,
        "perf_target",
        Some(&before.id),
        summary,
        Some(&serde_json::to_value(before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// The unit submits: 编制 → 一上, or after a return 一下 → 二上. Needs a 总体目标 and at least one
/// 三级指标; the submitted body is kept for the reviewer's diff.
pub fn submit_target(ctx: &WriteCtx, id: &str) -> Result<Target> {
    ctx.require_row(Perm::TargetEdit, Owned::Target, id)?;
    let before = get_target(ctx, id)?;
    ensure_editable(&before)?;
    if before.overall_goal.trim().is_empty() {
        return Err(Error::invalid("总体目标", "提交前请填写总体目标"));
    }
    if before.indicators.is_empty() {
        return Err(Error::invalid("三级指标", "提交前请至少填写一条三级指标"));
    }
    let next = if before.status == TargetStatus::Draft {
        TargetStatus::FirstUp
    } else {
        TargetStatus::SecondUp
    };
    ctx.execute(
        "UPDATE perf_target SET status = ?2, submitted_at = ?3, updated_at = ?3 WHERE id = ?1",
        params![id, next, ctx.now()],
    )?;
    ctx.execute(
        "INSERT INTO target_submission (id, target_id, status, body_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![
            new_id(),
            id,
            next,
            serde_json::to_string(&SubmittedBody::of(&before))?,
            ctx.now()
        ],
    )?;
    audit_change(
        ctx,
        "submit",
        &before,
        &format!("{}：绩效目标 {}", next.label(), label_of(&before)),
    )
}

fn ensure_under_review(t: &Target) -> Result<()> {
    if t.status.under_review() && t.is_current {
        Ok(())
    } else {
        Err(Error::Conflict(format!(
            "绩效目标 {} 当前为『{}』，只有『一上』『二上』待审的目标可以审核",
            label_of(t),
            t.status.label()
        )))
    }
}

/// The bureau returns a submitted target with its comments (一下). At least one comment.
pub fn return_target(ctx: &WriteCtx, id: &str, comments: &[CommentInput]) -> Result<Target> {
    ctx.require_row(Perm::TargetReview, Owned::Target, id)?;
    let before = get_target(ctx, id)?;
    ensure_under_review(&before)?;
    if comments.is_empty() {
        return Err(Error::invalid("审核意见", "退回时请至少填写一条审核意见"));
    }
    for (i, c) in comments.iter().enumerate() {
        if c.text.trim().is_empty() {
            return Err(Error::invalid(
                "审核意见",
                format!("第{}条意见没有内容，请填写或删除该条", i + 1),
            ));
        }
        let name = match &c.indicator_id {
            None => String::new(),
            Some(iid) => before
                .indicators
                .iter()
                .find(|x| &x.id == iid)
                .map(|x| x.name.clone())
                .ok_or_else(|| {
                    Error::invalid("审核意见", format!("第{}条意见所指的指标已不存在", i + 1))
                })?,
        };
        ctx.execute(
            "INSERT INTO target_comment (id, target_id, indicator_id, indicator_name, category,
                text, created_by, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                new_id(),
                id,
                c.indicator_id,
                name,
                c.category,
                c.text.trim(),
                ctx.actor.name,
                ctx.now()
            ],
        )?;
    }
    set_status(ctx, id, TargetStatus::FirstDown)?;
    audit_change(
        ctx,
        "return",
        &before,
        &format!(
            "一下：退回绩效目标 {}（{}条审核意见）",
            label_of(&before),
            comments.len()
        ),
    )
}

/// Marks a review comment resolved (or open again).
pub fn resolve_comment(ctx: &WriteCtx, comment_id: &str, resolved: bool) -> Result<Target> {
    let target_id: String = ctx
        .query_row(
            "SELECT target_id FROM target_comment WHERE id = ?1 AND deleted_at IS NULL",
            [comment_id],
            |r| r.get(0),
        )
        .map_err(|_| Error::NotFound("找不到该审核意见，请刷新后重试".into()))?;
    ctx.require_row(Perm::TargetEdit, Owned::Target, &target_id)?;
    let before = get_target(ctx, &target_id)?;
    if !before.is_current || before.status == TargetStatus::SecondDown {
        return Err(Error::Conflict(format!(
            "绩效目标 {} 已批复或是历史版本，审核意见不能再修改",
            label_of(&before)
        )));
    }
    ctx.execute(
        "UPDATE target_comment SET resolved = ?2, resolved_at = CASE WHEN ?2 THEN ?3 END,
            updated_at = ?3 WHERE id = ?1",
        params![comment_id, resolved, ctx.now()],
    )?;
    audit_change(
        ctx,
        "update",
        &before,
        &format!(
            "{}审核意见：{}",
            if resolved {
                "确认已整改"
            } else {
                "重新打开"
            },
            label_of(&before)
        ),
    )
}

/// What the reviewer enters when approving. For an A类 project a second account (业务股室 or
/// 绩效管理, not the reviewer) types its own 登录名 and password in the same dialog.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ApproveInput {
    /// 核减金额（万元）, "" = none.
    pub reduction_wan: String,
    /// 复核人登录名 — required for A类 projects.
    #[serde(default)]
    pub second_login: String,
    /// 复核人密码 (checked by core, never stored or logged).
    #[serde(default)]
    pub second_password: String,
}

impl std::fmt::Debug for ApproveInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApproveInput")
            .field("reduction_wan", &self.reduction_wan)
            .field("second_login", &self.second_login)
            .finish_non_exhaustive()
    }
}

const NEEDS_SECOND: &str =
    "A类项目的绩效目标须经第二人复核：请复核人（业务股室或绩效管理，不能是审核人本人）输入其登录名和密码";

/// 二下: approves a submitted target together with the budget; it is frozen from now on.
/// Refused while the project's 事前评估 is 不予支持. Open comments count as resolved. An A类
/// target needs `second`, a reviewer whose password core has checked.
pub fn approve_target(
    ctx: &WriteCtx,
    id: &str,
    reduction_wan: &str,
    second: Option<&SecondReviewer>,
) -> Result<Target> {
    ctx.require_row(Perm::TargetReview, Owned::Target, id)?;
    let before = get_target(ctx, id)?;
    ensure_under_review(&before)?;
    if let Some(why) = &before.approval_block {
        return Err(Error::Conflict(format!("{}：{why}", label_of(&before))));
    }
    let reduction = match reduction_wan.trim() {
        "" => Fen(0),
        t => Fen::parse_wan(t).map_err(|e| Error::invalid("核减金额（万元）", e))?,
    };
    if let Some(budget) = before.project_budget {
        if reduction.0 > budget.0 {
            return Err(Error::invalid(
                "核减金额（万元）",
                format!("不能超过项目调整后预算数 {} 万元", budget.wan_2dp()),
            ));
        }
    }
    let actor = ctx.actor;
    let (first, approved) = if before.needs_second_reviewer {
        let Some(second) = second else {
            return Err(Error::invalid("复核人", NEEDS_SECOND));
        };
        if second.account_id.is_some() && second.account_id == actor.id {
            return Err(Error::invalid("复核人", "复核人不能是审核人本人"));
        }
        (
            Some((actor.name.clone(), actor.id.clone())),
            (second.name.clone(), second.account_id.clone()),
        )
    } else {
        (None, (actor.name.clone(), actor.id.clone()))
    };
    let (first_by, first_account) = first.unzip();
    ctx.execute(
        "UPDATE perf_target SET status = '二下', reduction_fen = ?2, first_approved_by = ?3,
            first_approved_at = CASE WHEN ?3 IS NULL THEN NULL ELSE ?5 END,
            approved_by = ?4, approved_at = ?5, updated_at = ?5,
            first_approved_account = ?6, approved_account = ?7
         WHERE id = ?1",
        params![
            id,
            reduction.0,
            first_by,
            approved.0,
            ctx.now(),
            first_account.flatten(),
            approved.1
        ],
    )?;
    ctx.execute(
        "UPDATE target_comment SET resolved = 1, resolved_at = ?2, updated_at = ?2
         WHERE target_id = ?1 AND resolved = 0 AND deleted_at IS NULL",
        params![id, ctx.now()],
    )?;
    let summary = match second {
        Some(s) if before.needs_second_reviewer => format!(
            "二下：批复绩效目标 {}（审核人 {}，复核人 {}）",
            label_of(&before),
            actor.name,
            s.name
        ),
        _ => format!("二下：批复绩效目标 {}", label_of(&before)),
    };
    audit_change(ctx, "approve", &before, &summary)
}

/// What a batch approval did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BatchApproveReport {
    pub approved: u32,
    /// 「项目编码：原因」 of targets left as they were (事前评估 不予支持, A类 without a verified
    /// 复核人, outside the reviewer's departments).
    pub skipped: Vec<String>,
}

/// 二下 of every submitted (一上/二上) target of a year, in one transaction. Targets that may
/// not be approved are listed, not failed; `why_no_second` says why A类 targets have no
/// 复核人 (e.g. a wrong password).
pub fn approve_all(
    ctx: &WriteCtx,
    year: i32,
    second: Option<&SecondReviewer>,
    why_no_second: Option<&str>,
) -> Result<BatchApproveReport> {
    ctx.require(Perm::TargetReview)?;
    let mut report = BatchApproveReport::default();
    let ids = current_ids(ctx, year, &[TargetStatus::FirstUp, TargetStatus::SecondUp])?;
    for id in ids {
        match approve_target(ctx, &id, "", second) {
            Ok(_) => report.approved += 1,
            Err(e @ (Error::Conflict(_) | Error::Invalid { .. } | Error::Forbidden(_))) => {
                let t = get_target(ctx, &id)?;
                let why = match (t.needs_second_reviewer && second.is_none(), why_no_second) {
                    (true, Some(why)) => format!("『复核人』{why}"),
                    _ => e.to_string(),
                };
                report.skipped.push(format!("{}：{why}", label_of(&t)));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(report)
}

/// Checks the 复核人 named in `input` (its own transaction: a wrong password counts toward its
/// lockout even though nothing is approved).
fn second_of(db: &Db, actor: &Actor, input: &ApproveInput) -> Result<Option<SecondReviewer>> {
    if input.second_login.trim().is_empty() {
        return Ok(None);
    }
    verify_second_reviewer(db, actor, &input.second_login, &input.second_password).map(Some)
}

/// 批复（二下） from the dialog: checks the 复核人's password, then approves in one transaction.
pub fn approve(db: &Db, actor: &Actor, id: &str, input: &ApproveInput) -> Result<Target> {
    let second = second_of(db, actor, input)?;
    db.write(actor, |ctx| {
        approve_target(ctx, id, &input.reduction_wan, second.as_ref())
    })
}

/// 批量批复: a wrong or missing 复核人 skips the A类 targets (listed with the reason) and
/// approves the others.
pub fn approve_year(
    db: &Db,
    actor: &Actor,
    year: i32,
    input: &ApproveInput,
) -> Result<BatchApproveReport> {
    let (second, why) = match second_of(db, actor, input) {
        Ok(s) => (s, None),
        Err(e @ (Error::Invalid { .. } | Error::Unauthenticated(_))) => (None, Some(e.to_string())),
        Err(e) => return Err(e),
    };
    db.write(actor, |ctx| {
        approve_all(ctx, year, second.as_ref(), why.as_deref())
    })
}

/// Starts an adjustment (绩效目标调整) of an approved target: a new version in 编制 that goes
/// through review again; the approved version stays as history.
pub fn start_adjustment(ctx: &WriteCtx, id: &str, reason: &str) -> Result<Target> {
    ctx.require_row(Perm::TargetEdit, Owned::Target, id)?;
    let old = get_target(ctx, id)?;
    if old.status != TargetStatus::SecondDown || !old.is_current {
        return Err(Error::Conflict(format!(
            "只有已『二下』批复的最新版本可以申请调整，{} 当前为『{}』",
            label_of(&old),
            old.status.label()
        )));
    }
    if reason.trim().is_empty() {
        return Err(Error::invalid("调整原因", "请填写调整原因"));
    }
    ctx.execute(
        "UPDATE perf_target SET is_current = 0, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    let new = new_id();
    ctx.execute(
        "INSERT INTO perf_target (id, fiscal_year, kind, project_id, unit_id, version, is_current,
            previous_id, status, overall_goal, adjustment_reason, is_public, not_public_reason,
            created_at, updated_at)
         SELECT ?1, fiscal_year, kind, project_id, unit_id, version + 1, 1, id, '编制',
            overall_goal, ?3, is_public, not_public_reason, ?4, ?4
         FROM perf_target WHERE id = ?2",
        params![new, id, reason.trim(), ctx.now()],
    )?;
    for i in &old.indicators {
        ctx.execute(
            "INSERT INTO target_indicator (id, target_id, seq, level1, level2, name, nature, value,
                value_high, unit, weight_cp, library_id, is_core, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
            params![
                new_id(),
                new,
                i.seq,
                i.level1,
                i.level2,
                i.name,
                i.nature,
                i.value,
                i.value_high,
                i.unit,
                i.weight_cp,
                i.library_id,
                i.is_core,
                ctx.now()
            ],
        )?;
    }
    let after = get_target(ctx, &new)?;
    ctx.audit(
        "adjust",
        "perf_target",
        Some(&new),
        &format!(
            "申请调整绩效目标 {}（第{}版）：{}",
            label_of(&old),
            after.version,
            reason.trim()
        ),
        Some(&serde_json::to_value(&old)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// 公开 flag; a reason is required when the target is not made public.
pub fn set_public(ctx: &WriteCtx, id: &str, public: bool, reason: &str) -> Result<Target> {
    ctx.require_row(Perm::Disclosure, Owned::Target, id)?;
    let before = get_target(ctx, id)?;
    let reason = reason.trim();
    if !public && reason.is_empty() {
        return Err(Error::invalid(
            "不公开理由",
            "不公开的绩效目标须填写理由（如涉密）",
        ));
    }
    ctx.execute(
        "UPDATE perf_target SET is_public = ?2, not_public_reason = ?3, updated_at = ?4
         WHERE id = ?1",
        params![id, public, if public { "" } else { reason }, ctx.now()],
    )?;
    audit_change(
        ctx,
        "update",
        &before,
        &format!(
            "{}：绩效目标 {}",
            if public {
                "设为公开"
            } else {
                "设为不公开"
            },
            label_of(&before)
        ),
    )
}

/// Deletes a target still in 编制 that was never submitted (a mistaken creation).
pub fn delete_target(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require_row(Perm::TargetEdit, Owned::Target, id)?;
    let t = get_target(ctx, id)?;
    if t.status != TargetStatus::Draft || t.submitted_at.is_some() || t.version > 1 {
        return Err(Error::Conflict(format!(
            "绩效目标 {} 已提交过审核，不能删除",
            label_of(&t)
        )));
    }
    ctx.execute(
        "UPDATE target_indicator SET deleted_at = ?2, updated_at = ?2
         WHERE target_id = ?1 AND deleted_at IS NULL",
        params![id, ctx.now()],
    )?;
    ctx.execute(
        "UPDATE perf_target SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "perf_target",
        Some(id),
        &format!("删除绩效目标 {}", label_of(&t)),
        Some(&serde_json::to_value(&t)?),
        None,
    )
}
