//! 绩效管理工作考核 — the year-end assessment of every 县直部门 and 乡镇 on its performance
//! management work: items from the versioned 考核 rule set ([`rules`]), computed from the year's
//! data ([`compute`]) or scored by hand (加分 / 扣分 with a reason), total, rank, grade and the
//! rank change against the previous year's finalised 考核; 定稿 freezes the table; the score
//! table as .xlsx ([`export`]) and the 考核结果通报 as a GB/T 9704 PDF with a 文号 ([`notice`]).
//!
//! Invariants: scores are centi-points. total = Σ scored items + 加分 − 扣分, never below 0.
//! Ranks are competition ranks by total (ties share a rank, the next rank skips: 1, 2, 2, 4);
//! tied units are listed by unit code. Until 定稿 the table is computed live from the data and
//! the current rule set; 定稿 stores it (with its rule version), after which it is read back as
//! stored and hand items are refused — the refusal audited.

pub mod compute;
pub mod demo;
pub mod export;
pub mod notice;
pub mod rules;

pub use rules::{
    AssessBand, AssessItem, AssessKind, AssessMethod, AssessRules, AssessRulesVersion,
};

use crate::access::{Actor, Perm};
use crate::db::{new_id, Db, WriteCtx};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One item of one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessItemScore {
    pub code: String,
    /// 考核内容.
    pub item: String,
    pub group: String,
    pub method: AssessMethod,
    /// 分值 (the maximum for 加分 / 扣分), centi-points.
    pub points_cp: i64,
    /// 得分 (for 扣分: the points taken off), centi-points.
    pub score_cp: i64,
    /// Computed from the data (false: by hand).
    pub computed: bool,
    /// The inputs of a computed item, e.g. 「按时提交监控表 4 / 共 5」.
    pub inputs: String,
    /// The reason of a hand score.
    pub reason: String,
}

/// One unit's line of the table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitResult {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub items: Vec<AssessItemScore>,
    pub total_cp: i64,
    pub rank: i64,
    pub grade: String,
    /// Rank in the previous year's finalised 考核, if the unit was in it.
    pub last_rank: Option<i64>,
    /// last_rank − rank: positive = moved up.
    pub rank_change: Option<i64>,
}

/// 草稿: hand items editable.
pub const DRAFT: &str = "草稿";
/// 已定稿: frozen.
pub const FINAL: &str = "已定稿";

/// The 考核 of one year and kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AssessTable {
    pub year: i32,
    pub kind: AssessKind,
    /// 草稿 (hand items editable) or 已定稿.
    pub status: String,
    pub rule_version: i64,
    pub finalized_by: Option<String>,
    pub finalized_at: Option<String>,
    /// The items (columns), in rule-set order.
    pub items: Vec<AssessItem>,
    pub rows: Vec<UnitResult>,
    /// 文号 of the 考核结果通报, once issued.
    pub notice_number: Option<String>,
}

struct Sheet {
    id: String,
    status: String,
    rule_version: i64,
    result_json: Option<String>,
    finalized_by: Option<String>,
    finalized_at: Option<String>,
    number: Option<String>,
}

fn sheet(c: &Connection, year: i32, kind: AssessKind) -> Result<Option<Sheet>> {
    Ok(c.query_row(
        "SELECT id, status, rule_version, result_json, finalized_by, finalized_at, org_code,
                doc_year, doc_seq
         FROM assess_sheet WHERE fiscal_year = ?1 AND kind = ?2 AND deleted_at IS NULL",
        params![year, kind],
        |r| {
            let code: Option<String> = r.get(6)?;
            let y: Option<i32> = r.get(7)?;
            let seq: Option<i64> = r.get(8)?;
            Ok(Sheet {
                id: r.get(0)?,
                status: r.get(1)?,
                rule_version: r.get(2)?,
                result_json: r.get(3)?,
                finalized_by: r.get(4)?,
                finalized_at: r.get(5)?,
                number: match (code, y, seq) {
                    (Some(c), Some(y), Some(s)) => {
                        Some(crate::results::register::format_number(&c, y, s))
                    }
                    _ => None,
                },
            })
        },
    )
    .optional()?)
}

/// What is stored at 定稿.
#[derive(Serialize, Deserialize)]
struct Frozen {
    items: Vec<AssessItem>,
    rows: Vec<UnitResult>,
}

/// Hand scores of `year`: (unit, item code) → (score, reason).
fn hand_scores(c: &Connection, year: i32) -> Result<HashMap<(String, String), (i64, String)>> {
    let mut st = c.prepare(
        "SELECT unit_id, item_code, score_cp, reason FROM assess_hand
         WHERE fiscal_year = ?1 AND deleted_at IS NULL",
    )?;
    let out = st
        .query_map([year], |r| {
            Ok(((r.get(0)?, r.get(1)?), (r.get(2)?, r.get(3)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// Competition ranks by total, highest first (ties share a rank; the next rank skips); rows
/// come back in rank order, ties by unit code.
pub fn rank(rows: &mut [UnitResult]) {
    rows.sort_by(|a, b| {
        b.total_cp
            .cmp(&a.total_cp)
            .then_with(|| a.unit_code.cmp(&b.unit_code))
    });
    let mut prev: Option<(i64, i64)> = None;
    for (n, r) in rows.iter_mut().enumerate() {
        r.rank = match prev {
            Some((total, rank)) if total == r.total_cp => rank,
            _ => n as i64 + 1,
        };
        prev = Some((r.total_cp, r.rank));
    }
}

/// Ranks in the finalised 考核 of `year` (unit id → rank).
fn final_ranks(c: &Connection, year: i32, kind: AssessKind) -> Result<HashMap<String, i64>> {
    let Some(s) = sheet(c, year, kind)? else {
        return Ok(HashMap::new());
    };
    let Some(json) = s.result_json else {
        return Ok(HashMap::new());
    };
    let frozen: Frozen = serde_json::from_str(&json)?;
    Ok(frozen
        .rows
        .into_iter()
        .map(|r| (r.unit_id, r.rank))
        .collect())
}

fn compute_rows(
    c: &Connection,
    rules: &AssessRules,
    year: i32,
    kind: AssessKind,
    today: NaiveDate,
) -> Result<Vec<UnitResult>> {
    let units = compute::units(c, kind)?;
    let data = compute::gather(c, rules, &units, year, today)?;
    let hand = hand_scores(c, year)?;
    let mut rows = Vec::new();
    for u in units {
        let mut items = Vec::new();
        let mut total = 0i64;
        for it in rules.items(kind) {
            let (score, inputs, reason) = if it.method.by_hand() {
                match hand.get(&(u.id.clone(), it.code.clone())) {
                    Some((s, why)) => ((*s).min(it.points_cp), String::new(), why.clone()),
                    None => (0, String::new(), String::new()),
                }
            } else {
                let (s, text) = compute::score(
                    it.method,
                    it.points_cp,
                    data.share(it.method, &u.id),
                    data.floor_bp,
                    rules.revision_deduct_cp,
                );
                (s, text, String::new())
            };
            total += if it.method == AssessMethod::Penalty {
                -score
            } else {
                score
            };
            items.push(AssessItemScore {
                code: it.code.clone(),
                item: it.name.clone(),
                group: it.group.clone(),
                method: it.method,
                points_cp: it.points_cp,
                score_cp: score,
                computed: !it.method.by_hand(),
                inputs,
                reason,
            });
        }
        let total_cp = total.max(0);
        rows.push(UnitResult {
            unit_id: u.id,
            unit_code: u.code,
            unit_name: u.name,
            items,
            total_cp,
            rank: 0,
            grade: rules.grade_of(total_cp),
            last_rank: None,
            rank_change: None,
        });
    }
    rank(&mut rows);
    Ok(rows)
}

/// 考核 › 年度考核: the table of `year` and `kind` — as stored once 定稿, else computed now
/// (today = the deadline reference for 监控表按时填报率).
pub fn run(c: &Connection, year: i32, kind: AssessKind, today: NaiveDate) -> Result<AssessTable> {
    let s = sheet(c, year, kind)?;
    let (items, mut rows, rule_version) = match s.as_ref().and_then(|s| s.result_json.clone()) {
        Some(json) => {
            let f: Frozen = serde_json::from_str(&json)?;
            let v = s.as_ref().map(|s| s.rule_version).unwrap_or(0);
            (f.items, f.rows, v)
        }
        None => {
            let v = rules::current(c)?;
            let rows = compute_rows(c, &v.rules, year, kind, today)?;
            (v.rules.items(kind).to_vec(), rows, v.version)
        }
    };
    let last = final_ranks(c, year - 1, kind)?;
    for r in &mut rows {
        r.last_rank = last.get(&r.unit_id).copied();
        r.rank_change = r.last_rank.map(|l| l - r.rank);
    }
    Ok(AssessTable {
        year,
        kind,
        status: s
            .as_ref()
            .map(|s| s.status.clone())
            .unwrap_or_else(|| DRAFT.into()),
        rule_version,
        finalized_by: s.as_ref().and_then(|s| s.finalized_by.clone()),
        finalized_at: s.as_ref().and_then(|s| s.finalized_at.clone()),
        items,
        rows,
        notice_number: match kind {
            AssessKind::Department => s.and_then(|s| s.number),
            AssessKind::Township => sheet(c, year, AssessKind::Department)?.and_then(|s| s.number),
        },
    })
}

/// A hand score to save.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HandInput {
    pub year: i32,
    pub unit_id: String,
    pub item_code: String,
    /// 分, as typed (e.g. "2" or "1.5").
    pub score: String,
    pub reason: String,
}

fn kind_of_unit(c: &Connection, unit_id: &str) -> Result<(AssessKind, String)> {
    let (kind, name): (String, String) = c
        .query_row(
            "SELECT kind, name FROM org_unit WHERE id = ?1 AND deleted_at IS NULL",
            [unit_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该单位，请刷新后重试".into()))?;
    match kind.as_str() {
        "主管部门" => Ok((AssessKind::Department, name)),
        "乡镇" => Ok((AssessKind::Township, name)),
        _ => Err(Error::invalid(
            "单位",
            format!("『{name}』是{kind}，不是考核对象（县直部门或乡镇）"),
        )),
    }
}

/// The refusal after 定稿 (its message starts with this).
pub const FROZEN: &str = "考核已定稿";

/// 手工评分 / 加分 / 扣分 of one unit and item, with its reason; refused after 定稿.
pub fn set_hand_in(ctx: &WriteCtx, input: &HandInput) -> Result<AssessItemScore> {
    ctx.require(Perm::Assess)?;
    let (kind, unit_name) = kind_of_unit(ctx, &input.unit_id)?;
    if let Some(s) = sheet(ctx, input.year, kind)? {
        if s.status == FINAL {
            return Err(Error::Conflict(format!(
                "{FROZEN}：{}年度{}考核已于 {} 定稿，『{unit_name}』的评分不能再修改，未做任何修改。",
                input.year,
                kind.label(),
                s.finalized_at.unwrap_or_default().get(..10).unwrap_or("")
            )));
        }
    }
    let rules = rules::current(ctx)?.rules;
    let item = rules
        .items(kind)
        .iter()
        .find(|i| i.code == input.item_code)
        .ok_or_else(|| {
            Error::invalid(
                "考核项目",
                format!("没有代码为『{}』的考核项目", input.item_code),
            )
        })?;
    if !item.method.by_hand() {
        return Err(Error::invalid(
            "考核项目",
            format!(
                "『{}』由数据计算（{}），不能手工评分",
                item.name,
                item.method.formula()
            ),
        ));
    }
    let score_cp = parse_points(&input.score).ok_or_else(|| {
        Error::invalid(
            &item.name,
            format!(
                "分数『{}』不是 0–100 之间、最多两位小数的数",
                input.score.trim()
            ),
        )
    })?;
    if !(0..=item.points_cp).contains(&score_cp) {
        return Err(Error::invalid(
            &item.name,
            format!(
                "应在 0–{} 分之间，现为『{}』",
                crate::fmt_cp(item.points_cp),
                input.score.trim()
            ),
        ));
    }
    let reason = input.reason.trim();
    if reason.is_empty() && score_cp > 0 {
        return Err(Error::invalid(&item.name, "请写明评分理由"));
    }
    let before: Option<(String, i64, String)> = ctx
        .query_row(
            "SELECT id, score_cp, reason FROM assess_hand WHERE fiscal_year = ?1 AND unit_id = ?2
               AND item_code = ?3 AND deleted_at IS NULL",
            params![input.year, input.unit_id, item.code],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let id = match &before {
        Some((id, _, _)) => {
            ctx.execute(
                "UPDATE assess_hand SET score_cp = ?2, reason = ?3, updated_by = ?4, updated_at = ?5
                 WHERE id = ?1",
                params![id, score_cp, reason, ctx.actor.name, ctx.now()],
            )?;
            id.clone()
        }
        None => {
            let id = new_id();
            ctx.execute(
                "INSERT INTO assess_hand (id, fiscal_year, unit_id, item_code, score_cp, reason,
                    updated_by, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![id, input.year, input.unit_id, item.code, score_cp, reason, ctx.actor.name, ctx.now()],
            )?;
            id
        }
    };
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "assess_hand",
        Some(&id),
        &format!(
            "{}年度考核 {} {}：{} 分（{}）",
            input.year,
            unit_name,
            item.name,
            crate::fmt_cp(score_cp),
            reason
        ),
        before
            .as_ref()
            .map(|(_, s, r)| serde_json::json!({"score_cp": s, "reason": r}))
            .as_ref(),
        Some(&serde_json::json!({"score_cp": score_cp, "reason": reason})),
    )?;
    Ok(AssessItemScore {
        code: item.code.clone(),
        item: item.name.clone(),
        group: item.group.clone(),
        method: item.method,
        points_cp: item.points_cp,
        score_cp,
        computed: false,
        inputs: String::new(),
        reason: reason.to_string(),
    })
}

/// 分 as typed ("2", "1.5", "0.25") → centi-points; None for anything else.
pub fn parse_points(text: &str) -> Option<i64> {
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || int.len() > 3 || frac.len() > 2 {
        return None;
    }
    if !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
        return None;
    }
    let cp = int.parse::<i64>().ok()? * 100 + format!("{frac:0<2}").parse::<i64>().ok()?;
    (cp <= 10_000).then_some(cp)
}

/// [`set_hand_in`] as one action; a refusal after 定稿 is audited.
pub fn set_hand(db: &Db, actor: &Actor, input: &HandInput) -> Result<AssessItemScore> {
    let out = db.write(actor, |ctx| set_hand_in(ctx, input));
    if let Err(Error::Conflict(why)) = &out {
        if why.starts_with(FROZEN) {
            db.audit_refusal(actor, "refuse", "assess_hand", why)?;
        }
    }
    out
}

/// 定稿: stores the 部门 and 乡镇 tables of `year` as they are now; hand items freeze.
pub fn finalize(ctx: &WriteCtx, year: i32) -> Result<Vec<AssessTable>> {
    ctx.require(Perm::Assess)?;
    let today = ctx.clock.today();
    let v = rules::current(ctx)?;
    let mut out = Vec::new();
    for kind in AssessKind::ALL.iter().copied() {
        let existing = sheet(ctx, year, kind)?;
        if existing.as_ref().is_some_and(|s| s.status == FINAL) {
            return Err(Error::Conflict(format!(
                "{FROZEN}：{year}年度{}考核已经定稿，未做任何修改。",
                kind.label()
            )));
        }
        let rows = compute_rows(ctx, &v.rules, year, kind, today)?;
        let frozen = Frozen {
            items: v.rules.items(kind).to_vec(),
            rows,
        };
        let json = serde_json::to_string(&frozen)?;
        let who = format!("{}（{}）", ctx.actor.name, ctx.actor.dept);
        let id = match existing {
            Some(s) => {
                ctx.execute(
                    "UPDATE assess_sheet SET status = '已定稿', rule_version = ?2, result_json = ?3,
                        finalized_by = ?4, finalized_at = ?5, updated_at = ?5 WHERE id = ?1",
                    params![s.id, v.version, json, who, ctx.now()],
                )?;
                s.id
            }
            None => {
                let id = new_id();
                ctx.execute(
                    "INSERT INTO assess_sheet (id, fiscal_year, kind, status, rule_version,
                        result_json, finalized_by, finalized_at, created_at, updated_at)
                     VALUES (?1, ?2, ?3, '已定稿', ?4, ?5, ?6, ?7, ?7, ?7)",
                    params![id, year, kind, v.version, json, who, ctx.now()],
                )?;
                id
            }
        };
        ctx.audit(
            "finalize",
            "assess_sheet",
            Some(&id),
            &format!(
                "{year}年度{}考核定稿（{}个单位，考核规则第{}版）",
                kind.label(),
                frozen.rows.len(),
                v.version
            ),
            None,
            Some(&serde_json::to_value(
                frozen
                    .rows
                    .iter()
                    .map(|r| (&r.unit_code, r.total_cp, r.rank, &r.grade))
                    .collect::<Vec<_>>(),
            )?),
        )?;
        out.push(run(ctx, year, kind, today)?);
    }
    Ok(out)
}
