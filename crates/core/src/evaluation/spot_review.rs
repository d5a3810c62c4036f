//! The bureau's re-scoring of a drawn self-evaluation (抽查复核): per-row scores, the review
//! total rescaled like the self score, its grade, and the gap to the self score.

use super::scoring::rescaled_total_cp;
use super::self_eval::{get_self_eval, SelfEvalForm};
use super::spot::{spot_rows, SpotRow};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One drawn form with the bureau's scores so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SpotDetail {
    pub row: SpotRow,
    pub form: SelfEvalForm,
    /// 复核得分 of 预算执行率.
    pub review_execution_cp: Option<i64>,
    /// 复核得分 per self-evaluation item id.
    pub review_items: Vec<SpotItemScore>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SpotItemScore {
    pub item_id: String,
    pub score_cp: i64,
    pub note: String,
}

pub fn get_spot_check(c: &Connection, id: &str) -> Result<SpotDetail> {
    let (draw_id, eval_id): (String, String) = c
        .query_row(
            "SELECT draw_id, self_eval_id FROM spot_check WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|_| Error::NotFound("找不到该抽查项目，请刷新后重试".into()))?;
    let line = crate::rules::current(c)?.rules.evaluation.spot_gap_cp;
    let row = spot_rows(c, &draw_id, Some(id), line)?
        .pop()
        .ok_or_else(|| Error::NotFound("找不到该抽查项目，请刷新后重试".into()))?;
    let mut st = c.prepare(
        "SELECT self_eval_item_id, score_cp, note FROM spot_check_item
         WHERE spot_check_id = ?1 AND deleted_at IS NULL",
    )?;
    let mut review_execution_cp = None;
    let mut review_items = Vec::new();
    for r in st.query_map([id], |r| {
        Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?))
    })? {
        let (item, score_cp, note) = r?;
        match item {
            None => review_execution_cp = Some(score_cp),
            Some(item_id) => review_items.push(SpotItemScore {
                item_id,
                score_cp,
                note,
            }),
        }
    }
    Ok(SpotDetail {
        row,
        form: get_self_eval(c, &eval_id)?,
        review_execution_cp,
        review_items,
    })
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SpotReviewInput {
    pub execution_score_cp: i64,
    pub items: Vec<SpotItemScore>,
    pub note: String,
}

/// The bureau's scores for a drawn form: each row 0..=its 分值 (不适用 rows stay out); the review
/// total is rescaled like the self score, graded, and compared with it.
pub fn review_spot_check(ctx: &WriteCtx, id: &str, input: &SpotReviewInput) -> Result<SpotDetail> {
    ctx.require(Perm::SpotCheck)?;
    let before = get_spot_check(ctx, id)?;
    let is_current: bool = ctx.query_row(
        "SELECT d.is_current FROM spot_check k JOIN spot_check_draw d ON d.id = k.draw_id
         WHERE k.id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if !is_current {
        return Err(Error::Conflict(
            "这次抽取已被重新抽取替代，不能再复核".into(),
        ));
    }
    let f = &before.form;
    let mut problems = Vec::new();
    let exec_w = f.row.execution_weight_cp;
    if !(0..=exec_w).contains(&input.execution_score_cp) {
        problems.push(FieldProblem {
            row: 0,
            column: "预算执行率复核得分".into(),
            message: format!("应在 0–{} 分之间", crate::fmt_cp(exec_w)),
        });
    }
    let mut parts = vec![(exec_w, input.execution_score_cp, true)];
    for (k, item) in f.items.iter().enumerate() {
        if item.not_applicable {
            parts.push((item.weight_cp, 0, false));
            continue;
        }
        let given = input.items.iter().find(|s| s.item_id == item.id);
        let score = given.map_or(item.score_cp.unwrap_or(0), |s| s.score_cp);
        if !(0..=item.weight_cp).contains(&score) {
            problems.push(FieldProblem {
                row: k as u32 + 1,
                column: "复核得分".into(),
                message: format!(
                    "「{}」的复核得分应在 0–{} 分之间",
                    item.name,
                    crate::fmt_cp(item.weight_cp)
                ),
            });
        }
        parts.push((item.weight_cp, score, true));
    }
    if !problems.is_empty() {
        return Err(Error::Unsaved(problems));
    }
    let total = rescaled_total_cp(&parts);
    let grade = crate::rules::current(ctx)?.rules.grade_of(total);
    ctx.execute(
        "UPDATE spot_check_item SET deleted_at = ?2 WHERE spot_check_id = ?1 AND deleted_at IS NULL",
        params![id, ctx.now()],
    )?;
    let insert = |item: Option<&str>, score: i64, note: &str| {
        ctx.execute(
            "INSERT INTO spot_check_item (id, spot_check_id, self_eval_item_id, score_cp, note,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![new_id(), id, item, score, note.trim(), ctx.now()],
        )
    };
    insert(None, input.execution_score_cp, "")?;
    for item in f.items.iter().filter(|i| !i.not_applicable) {
        let given = input.items.iter().find(|s| s.item_id == item.id);
        let score = given.map_or(item.score_cp.unwrap_or(0), |s| s.score_cp);
        insert(Some(&item.id), score, given.map_or("", |s| s.note.as_str()))?;
    }
    ctx.execute(
        "UPDATE spot_check SET status = '已复核', review_total_cp = ?2, review_grade = ?3,
            review_note = ?4, reviewed_by = ?5, reviewed_at = ?6, updated_at = ?6 WHERE id = ?1",
        params![
            id,
            total,
            grade,
            input.note.trim(),
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    let after = get_spot_check(ctx, id)?;
    ctx.audit(
        "review",
        "spot_check",
        Some(id),
        &format!(
            "抽查复核 {} {}：自评 {} 分，复核 {} 分",
            after.row.code,
            after.row.name,
            crate::fmt_cp(after.row.self_total_cp),
            crate::fmt_cp(total)
        ),
        Some(&serde_json::to_value(&before.row)?),
        Some(&serde_json::to_value(&after.row)?),
    )?;
    Ok(after)
}
