//! The 整改 steps: 下达 / 退回 → 整改中 (`start`), 整改中 → 已反馈 with the unit's report
//! (`report`), 已反馈 → 已核实 (`verify`) or → 退回 with the reason (`reject`), 已核实 → 销号
//! (`close`, stamps closed_at). Each is one audited change; a step not allowed from the item's
//! state is refused with a sentence saying which state it needs, and nothing changes.

use super::{audit_item, get_rectification, short, RectRow};
use crate::access::{Owned, Perm};
use crate::db::WriteCtx;
use crate::results::RectStatus;
use crate::{Error, Result};
use rusqlite::params;

/// Loads the item and checks it is in one of `from`; `step` names the action for the refusal.
fn load_in(ctx: &WriteCtx, id: &str, from: &[RectStatus], step: &str) -> Result<RectRow> {
    let row = get_rectification(ctx, id, ctx.clock.today())?;
    if !from.contains(&row.status) {
        let needed: Vec<String> = from.iter().map(|s| format!("『{}』", s.label())).collect();
        return Err(Error::Conflict(format!(
            "整改事项当前为『{}』，不能{step}：只有{}的事项可以{step}",
            row.status.label(),
            needed.join("或")
        )));
    }
    Ok(row)
}

/// What a step writes besides the state: the unit's report or the bureau's note.
enum Text<'a> {
    None,
    Feedback(&'a str),
    Note(&'a str),
}

fn set_status(
    ctx: &WriteCtx,
    before: &RectRow,
    to: RectStatus,
    text: Text,
    summary: &str,
) -> Result<RectRow> {
    let closed_at = (to == RectStatus::Closed).then(|| ctx.now().to_string());
    let (feedback, note) = match text {
        Text::None => (None, None),
        Text::Feedback(f) => (Some(f), None),
        Text::Note(n) => (None, Some(n)),
    };
    ctx.execute(
        "UPDATE rectification SET status = ?2, closed_at = COALESCE(?3, closed_at),
            feedback = COALESCE(?4, feedback), review_note = COALESCE(?5, review_note),
            updated_at = ?6 WHERE id = ?1",
        params![before.id, to, closed_at, feedback, note, ctx.now()],
    )?;
    audit_item(
        ctx,
        "update",
        &before.id,
        Some(before),
        &format!("{summary}：{}", short(&before.problem)),
    )
}

/// 下达 / 退回 → 整改中: the unit starts (or restarts after a return) its rectification.
pub fn start(ctx: &WriteCtx, id: &str) -> Result<RectRow> {
    ctx.require_row(Perm::RectFeedback, Owned::Rectification, id)?;
    let before = load_in(
        ctx,
        id,
        &[RectStatus::Issued, RectStatus::Rejected],
        "开始整改",
    )?;
    set_status(ctx, &before, RectStatus::InProgress, Text::None, "开始整改")
}

/// 整改中 → 已反馈 with the unit's 整改情况 (required).
pub fn report(ctx: &WriteCtx, id: &str, feedback: &str) -> Result<RectRow> {
    ctx.require_row(Perm::RectFeedback, Owned::Rectification, id)?;
    let before = load_in(ctx, id, &[RectStatus::InProgress], "反馈整改情况")?;
    let feedback = feedback.trim();
    if feedback.is_empty() {
        return Err(Error::invalid("整改反馈", "请填写整改完成情况后再反馈"));
    }
    set_status(
        ctx,
        &before,
        RectStatus::Reported,
        Text::Feedback(feedback),
        "反馈整改情况",
    )
}

/// 已反馈 → 已核实; the note (核实意见) is optional.
pub fn verify(ctx: &WriteCtx, id: &str, note: &str) -> Result<RectRow> {
    ctx.require(Perm::RectManage)?;
    let before = load_in(ctx, id, &[RectStatus::Reported], "核实")?;
    set_status(
        ctx,
        &before,
        RectStatus::Verified,
        Text::Note(note.trim()),
        "核实整改",
    )
}

/// 已反馈 → 退回 with the reason (required); the unit then starts again (→ 整改中).
pub fn reject(ctx: &WriteCtx, id: &str, note: &str) -> Result<RectRow> {
    ctx.require(Perm::RectManage)?;
    let before = load_in(ctx, id, &[RectStatus::Reported], "退回")?;
    let note = note.trim();
    if note.is_empty() {
        return Err(Error::invalid(
            "退回理由",
            "请写明退回的理由，单位据此继续整改",
        ));
    }
    set_status(
        ctx,
        &before,
        RectStatus::Rejected,
        Text::Note(note),
        "退回整改",
    )
}

/// 已核实 → 销号 (closed_at = now).
pub fn close(ctx: &WriteCtx, id: &str) -> Result<RectRow> {
    ctx.require(Perm::RectManage)?;
    let before = load_in(ctx, id, &[RectStatus::Verified], "销号")?;
    set_status(ctx, &before, RectStatus::Closed, Text::None, "整改销号")
}
