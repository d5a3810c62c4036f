//! 预算挂钩: what an evaluation result means for next year's budget (domain §8: 优 优先保障,
//! 良 据实安排, 中 压减 by a set share, 差 取消). Objects are the 定稿 重点评价 and the submitted
//! 单位自评 of a year; [`propose_linkages`] suggests one action per object lacking one, the
//! 预算股 edits it ([`save_linkage`]), and [`export`] writes the list for the budget section.
//!
//! The stored `amount_fen` is the cut for next year: pct × the object's amount (half up) or a
//! typed amount for 压减, the whole amount for 取消 / 暂停, 0 for 优先保障 / 据实安排.

use crate::access::Perm;
mod export;

pub use export::{export_linkages, LINKAGE_HEADERS};

use super::LinkageAction;
use crate::db::{new_id, WriteCtx};
use crate::money::Fen;
use crate::rate::div_half_up;
use crate::rules::Grade;
use crate::{fmt_cp, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The share a 中 result is cut by (10.00%), in bp — the one place it is set.
pub const FAIR_CUT_BP: i64 = 1_000;

/// `source_kind` of a key evaluation / a self-evaluation.
pub const SOURCE_KEY_EVAL: &str = "key_eval";
pub const SOURCE_SELF_EVAL: &str = "self_eval";

/// The suggested action for a grade and, for 压减, its share in bp.
pub fn suggest(grade: Grade) -> (LinkageAction, Option<i64>) {
    match grade {
        Grade::Excellent => (LinkageAction::Priority, None),
        Grade::Good => (LinkageAction::AsJustified, None),
        Grade::Fair => (LinkageAction::Cut, Some(FAIR_CUT_BP)),
        Grade::Poor => (LinkageAction::Cancel, None),
    }
}

/// The cut of `amount` for an action: pct × amount (half up) for 压减, all of it for 取消 /
/// 暂停, nothing otherwise.
pub fn cut_of(action: LinkageAction, pct_bp: Option<i64>, amount: Fen) -> Fen {
    match action {
        LinkageAction::Cut => Fen(pct_bp
            .and_then(|p| div_half_up(i128::from(amount.0) * i128::from(p), 10_000))
            .unwrap_or(0)),
        LinkageAction::Cancel | LinkageAction::Suspend => amount,
        LinkageAction::Priority | LinkageAction::AsJustified => Fen(0),
    }
}

/// Every evaluated object: kind, id, year, 项目编码, name, unit, project, amount, score, grade,
/// 评价类型, ready (定稿 / 已提交).
const OBJECTS: &str = "WITH obj(kind, id, year, code, name, unit_id, project_id, amount, score,
        grade, type, ready) AS (
    SELECT 'key_eval', k.id, k.fiscal_year, COALESCE(p.code, ''), k.object_name,
        COALESCE(k.unit_id, p.unit_id), k.project_id, k.amount_fen, k.total_cp, k.grade,
        '重点评价', k.status = '定稿'
    FROM key_eval k LEFT JOIN project p ON p.id = k.project_id WHERE k.deleted_at IS NULL
    UNION ALL
    SELECT 'self_eval', s.id, s.fiscal_year, COALESCE(p.code, u.code),
        COALESCE(p.name, u.name || '（部门整体）'), s.unit_id, s.project_id, s.budget_fen,
        s.total_cp, s.grade, '单位自评', s.status = '已提交'
    FROM self_eval s JOIN org_unit u ON u.id = s.unit_id LEFT JOIN project p ON p.id = s.project_id
    WHERE s.deleted_at IS NULL)";

/// One evaluated object as a linkage needs it.
struct Object {
    year: i32,
    name: String,
    unit_id: Option<String>,
    project_id: Option<String>,
    amount: Fen,
    grade: Option<Grade>,
    ready: bool,
}

fn object(c: &Connection, kind: &str, id: &str) -> Result<Object> {
    c.query_row(
        &format!(
            "{OBJECTS} SELECT year, name, unit_id, project_id, amount, grade, ready FROM obj
             WHERE kind = ?1 AND id = ?2"
        ),
        params![kind, id],
        |r| {
            Ok(Object {
                year: r.get(0)?,
                name: r.get(1)?,
                unit_id: r.get(2)?,
                project_id: r.get(3)?,
                amount: Fen(r.get(4)?),
                grade: r.get(5)?,
                ready: r.get(6)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("找不到该评价结果，可能已被删除，请刷新后重试".into()))
}

/// One row of the 预算挂钩 list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinkageRow {
    pub id: String,
    pub source_kind: String,
    pub source_id: String,
    /// 重点评价 / 单位自评.
    pub eval_type: String,
    pub project_code: String,
    pub object_name: String,
    pub unit_name: String,
    pub score_cp: Option<i64>,
    pub grade: Option<Grade>,
    /// The evaluated amount (重点评价 amount, 自评 全年预算数).
    pub object_amount: Fen,
    pub action: LinkageAction,
    pub pct_bp: Option<i64>,
    /// The cut for next year, 分.
    pub amount: Fen,
    pub next_year: i32,
    pub note: String,
    /// What the grade suggests.
    pub suggested: Option<LinkageAction>,
}

/// What the 预算股 saves for one object (creates the linkage or replaces it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LinkageInput {
    pub source_kind: String,
    pub source_id: String,
    pub action: LinkageAction,
    /// 压减比例, bp.
    pub pct_bp: Option<i64>,
    /// 调整金额 in 万元 text; for 压减 it takes precedence over the share.
    pub amount_wan: Option<String>,
    pub next_year: i32,
    pub note: String,
}

/// The linkages of `year`, 重点评价 first, then by 项目编码.
pub fn list_linkages(c: &Connection, year: i32) -> Result<Vec<LinkageRow>> {
    let mut st = c.prepare(&format!(
        "{OBJECTS} SELECT b.id, b.source_kind, b.source_id, o.type, o.code, o.name,
            COALESCE(u.name, ''), o.score, o.grade, o.amount, b.action, b.pct_bp, b.amount_fen,
            b.next_year, b.note
         FROM budget_linkage b JOIN obj o ON o.kind = b.source_kind AND o.id = b.source_id
         LEFT JOIN org_unit u ON u.id = o.unit_id
         WHERE b.fiscal_year = ?1 AND b.deleted_at IS NULL
         ORDER BY o.kind, o.code, o.name, b.id"
    ))?;
    let rows = st.query_map([year], |r| {
        let grade: Option<Grade> = r.get(8)?;
        Ok(LinkageRow {
            id: r.get(0)?,
            source_kind: r.get(1)?,
            source_id: r.get(2)?,
            eval_type: r.get(3)?,
            project_code: r.get(4)?,
            object_name: r.get(5)?,
            unit_name: r.get(6)?,
            score_cp: r.get(7)?,
            grade,
            object_amount: Fen(r.get(9)?),
            action: r.get(10)?,
            pct_bp: r.get(11)?,
            amount: Fen(r.get(12)?),
            next_year: r.get(13)?,
            note: r.get(14)?,
            suggested: grade.map(|g| suggest(g).0),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn get_linkage(c: &Connection, id: &str) -> Result<Option<LinkageRow>> {
    let year: Option<i32> = c
        .query_row(
            "SELECT fiscal_year FROM budget_linkage WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match year {
        Some(y) => list_linkages(c, y)?.into_iter().find(|r| r.id == id),
        None => None,
    })
}

/// What is stored for one object.
struct Plan<'a> {
    action: LinkageAction,
    pct: Option<i64>,
    amount: Fen,
    next_year: i32,
    note: &'a str,
}

fn insert(ctx: &WriteCtx, kind: &str, id: &str, o: &Object, p: &Plan) -> Result<String> {
    let row_id = new_id();
    ctx.execute(
        "INSERT INTO budget_linkage (id, fiscal_year, source_kind, source_id, unit_id,
            project_id, action, pct_bp, amount_fen, next_year, note, created_by, created_at,
            updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            row_id,
            o.year,
            kind,
            id,
            o.unit_id,
            o.project_id,
            p.action,
            p.pct,
            p.amount.0,
            p.next_year,
            p.note,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    Ok(row_id)
}

/// A suggestion for every 定稿 key evaluation and submitted self-evaluation of `year` with a
/// grade and no linkage yet (next year = `year` + 1). Returns how many were created.
pub fn propose_linkages(ctx: &WriteCtx, year: i32) -> Result<u32> {
    ctx.require(Perm::Linkage)?;
    let mut st = ctx.prepare(&format!(
        "{OBJECTS} SELECT kind, id FROM obj WHERE year = ?1 AND ready AND grade IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM budget_linkage b WHERE b.source_kind = obj.kind
             AND b.source_id = obj.id AND b.deleted_at IS NULL)
         ORDER BY kind, code, id"
    ))?;
    let todo = st
        .query_map([year], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut created = Vec::new();
    for (kind, id) in &todo {
        let o = object(ctx, kind, id)?;
        let Some(grade) = o.grade else { continue };
        let (action, pct) = suggest(grade);
        let amount = cut_of(action, pct, o.amount);
        let note = format!("评价等级为『{}』，按规定{}", grade.label(), action.label());
        let plan = Plan {
            action,
            pct,
            amount,
            next_year: year + 1,
            note: &note,
        };
        created.push(insert(ctx, kind, id, &o, &plan)?);
    }
    if created.is_empty() {
        return Ok(0);
    }
    ctx.audit(
        "create",
        "budget_linkage",
        None,
        &format!("生成{year}年度预算挂钩建议 {} 条", created.len()),
        None,
        Some(&serde_json::json!({ "budget_linkage_ids": created })),
    )?;
    Ok(created.len() as u32)
}

/// Checks `input` against the object; returns (pct, amount) to store.
fn checked(input: &LinkageInput, o: &Object) -> Result<(Option<i64>, Fen)> {
    if let Some(p) = input.pct_bp {
        if !(0..=10_000).contains(&p) {
            return Err(Error::invalid("压减比例", "必须在 0%–100% 之间"));
        }
    }
    let typed = match input.amount_wan.as_deref().map(str::trim) {
        Some(t) if !t.is_empty() => {
            let f = Fen::parse_wan(t).map_err(|m| Error::invalid("调整金额（万元）", m))?;
            if f.0 < 0 {
                return Err(Error::invalid("调整金额（万元）", "不能为负数"));
            }
            if f > o.amount {
                return Err(Error::invalid(
                    "调整金额（万元）",
                    format!(
                        "{} 万元超过了评价对象的金额 {} 万元",
                        f.wan_2dp(),
                        o.amount.wan_2dp()
                    ),
                ));
            }
            Some(f)
        }
        _ => None,
    };
    Ok(match input.action {
        LinkageAction::Cut => match (typed, input.pct_bp) {
            (Some(f), pct) => (pct, f),
            (None, Some(p)) => (Some(p), cut_of(LinkageAction::Cut, Some(p), o.amount)),
            (None, None) => return Err(Error::invalid("压减比例", "压减须填写压减比例或调整金额")),
        },
        LinkageAction::Cancel | LinkageAction::Suspend => (None, typed.unwrap_or(o.amount)),
        LinkageAction::Priority | LinkageAction::AsJustified => (None, Fen(0)),
    })
}

/// Saves the linkage of one object (creates it, or replaces the existing one).
pub fn save_linkage(ctx: &WriteCtx, input: &LinkageInput) -> Result<LinkageRow> {
    ctx.require(Perm::Linkage)?;
    let kind = input.source_kind.as_str();
    if kind != SOURCE_KEY_EVAL && kind != SOURCE_SELF_EVAL {
        return Err(Error::invalid("评价类型", "只能是重点评价或单位自评"));
    }
    let o = object(ctx, kind, &input.source_id)?;
    if !o.ready {
        return Err(Error::Conflict(format!(
            "『{}』的评价尚未定稿（或自评未提交），不能确定预算挂钩",
            o.name
        )));
    }
    if input.next_year <= o.year {
        return Err(Error::invalid(
            "下一年度",
            format!("须晚于评价年度 {}", o.year),
        ));
    }
    let note = input.note.trim();
    if note.chars().count() > 500 {
        return Err(Error::invalid("说明", "不能超过500个字"));
    }
    let (pct, amount) = checked(input, &o)?;
    let existing: Option<String> = ctx
        .query_row(
            "SELECT id FROM budget_linkage WHERE source_kind = ?1 AND source_id = ?2
               AND deleted_at IS NULL",
            params![kind, input.source_id],
            |r| r.get(0),
        )
        .optional()?;
    let before = match &existing {
        Some(id) => get_linkage(ctx, id)?,
        None => None,
    };
    let id = match existing {
        Some(id) => {
            ctx.execute(
                "UPDATE budget_linkage SET action = ?2, pct_bp = ?3, amount_fen = ?4,
                    next_year = ?5, note = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id,
                    input.action,
                    pct,
                    amount.0,
                    input.next_year,
                    note,
                    ctx.now()
                ],
            )?;
            id
        }
        None => {
            let plan = Plan {
                action: input.action,
                pct,
                amount,
                next_year: input.next_year,
                note,
            };
            insert(ctx, kind, &input.source_id, &o, &plan)?
        }
    };
    let after = get_linkage(ctx, &id)?
        .ok_or_else(|| Error::NotFound("找不到该预算挂钩记录，请刷新后重试".into()))?;
    let pct_text = pct.map(|p| format!(" {}%", fmt_cp(p))).unwrap_or_default();
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "budget_linkage",
        Some(&id),
        &format!(
            "预算挂钩『{}』：{}{pct_text}，调整金额 {} 万元",
            o.name,
            input.action.label(),
            amount.wan_2dp()
        ),
        before.map(serde_json::to_value).transpose()?.as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// (cut_fen, priority, cancelled) of `year`: Σ amount of 压减, count of 优先保障, count of 取消.
pub fn linkage_counts(c: &Connection, year: i32) -> Result<(i64, i64, i64)> {
    Ok(c.query_row(
        "SELECT COALESCE(SUM(CASE WHEN action = '压减' THEN amount_fen END), 0),
            COALESCE(SUM(action = '优先保障'), 0), COALESCE(SUM(action = '取消'), 0)
         FROM budget_linkage WHERE fiscal_year = ?1 AND deleted_at IS NULL",
        [year],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?)
}
