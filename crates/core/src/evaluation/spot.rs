//! 财政抽查复核: a reproducible draw of a year's submitted self-evaluations and the bureau's
//! re-scoring of each drawn one. The draw records its seed, share, stratification, operator, time
//! and the base it drew from (in order); [`pick`] is a pure function of those, so anyone can
//! re-run it ([`verify_draw`]) and get the same list. Drawn = ceil(base × share) (per stratum when
//! stratified). SplitMix64 + Fisher–Yates; changing either breaks old replays — don't.

use super::Stratify;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::demo::SplitMix64;
use crate::money::Fen;
use crate::rules::Grade;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One submitted self-evaluation in the base of a draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseEntry {
    pub id: String,
    pub unit_id: String,
    pub budget_fen: i64,
}

/// ceil(n × share_bp / 10000).
pub fn drawn_count(n: usize, share_bp: i64) -> usize {
    let n = n as i64;
    ((n * share_bp + 9_999) / 10_000) as usize
}

/// Amount strata of 按金额: ≥ 500万, 100万–500万, < 100万.
fn amount_stratum(fen: i64) -> u8 {
    if fen >= 500_000_000 {
        0
    } else if fen >= 100_000_000 {
        1
    } else {
        2
    }
}

/// The drawn ids, in base order. Pure: the same base, seed, share and stratification always give
/// the same list.
pub fn pick(base: &[BaseEntry], seed: u64, share_bp: i64, stratify: Stratify) -> Vec<String> {
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for (i, e) in base.iter().enumerate() {
        let key = match stratify {
            Stratify::None => String::new(),
            Stratify::ByUnit => e.unit_id.clone(),
            Stratify::ByAmount => amount_stratum(e.budget_fen).to_string(),
        };
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, v)) => v.push(i),
            None => groups.push((key, vec![i])),
        }
    }
    let mut rng = SplitMix64::new(seed);
    let mut chosen = vec![false; base.len()];
    for (_, mut members) in groups {
        let k = drawn_count(members.len(), share_bp);
        rng.shuffle(&mut members);
        for i in members.into_iter().take(k) {
            chosen[i] = true;
        }
    }
    base.iter()
        .zip(chosen)
        .filter(|(_, c)| *c)
        .map(|(e, _)| e.id.clone())
        .collect()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DrawInput {
    pub year: i32,
    /// Default: the rule set's share (10%).
    pub share_bp: Option<i64>,
    /// Default: taken from the clock and recorded.
    pub seed: Option<i64>,
    pub stratify: Option<Stratify>,
}

/// One drawn self-evaluation: self score vs review score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SpotRow {
    pub id: String,
    pub seq: i64,
    pub self_eval_id: String,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    pub budget: Fen,
    pub self_total_cp: i64,
    pub self_grade: Grade,
    pub status: String,
    pub review_total_cp: Option<i64>,
    pub review_grade: Option<Grade>,
    /// review − self.
    pub gap_cp: Option<i64>,
    /// |gap| over the rule set's line.
    pub flagged: bool,
    pub review_note: String,
    pub reviewed_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DrawSummary {
    pub id: String,
    pub fiscal_year: i32,
    /// As text: a u64 seed does not fit a JavaScript number.
    pub seed: String,
    pub share_bp: i64,
    pub stratify: Stratify,
    pub base_count: i64,
    pub drawn_count: i64,
    /// drawn ÷ base, bp (57 of 496 → 1149).
    pub drawn_share_bp: i64,
    pub drawn_by: String,
    pub drawn_at: String,
    pub gap_line_cp: i64,
    pub rows: Vec<SpotRow>,
}

/// The submitted self-evaluations of `year`, in code order (the base of a draw).
fn base_of(c: &Connection, year: i32) -> Result<Vec<BaseEntry>> {
    let mut st = c.prepare(
        "SELECT s.id, s.unit_id, s.budget_fen FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
         LEFT JOIN project p ON p.id = s.project_id
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
         ORDER BY COALESCE(p.code, u.code), s.kind, s.id",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok(BaseEntry {
                id: r.get(0)?,
                unit_id: r.get(1)?,
                budget_fen: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn clock_seed() -> i64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    (SplitMix64::new(nanos as u64).next_u64() >> 1) as i64
}

/// Draws the spot check of `year` and records it. A later draw replaces an earlier one of the
/// same year only while none of the earlier one's forms has been reviewed.
pub fn draw_spot_check(ctx: &WriteCtx, input: &DrawInput) -> Result<DrawSummary> {
    ctx.require(Perm::SpotCheck)?;
    let rules = crate::rules::current(ctx)?.rules;
    let share = input.share_bp.unwrap_or(rules.spot_check_share_bp);
    if !(1..=10_000).contains(&share) {
        return Err(Error::invalid("抽查比例", "必须在 0.01%–100% 之间"));
    }
    if share < rules.spot_check_share_bp {
        return Err(Error::invalid(
            "抽查比例",
            format!(
                "不得低于规则设置的 {}%",
                crate::fmt_cp(rules.spot_check_share_bp)
            ),
        ));
    }
    let seed = input.seed.unwrap_or_else(clock_seed);
    if seed < 0 {
        return Err(Error::invalid("随机种子", "请填写非负整数"));
    }
    let stratify = input.stratify.unwrap_or(Stratify::None);
    let base = base_of(ctx, input.year)?;
    if base.is_empty() {
        return Err(Error::Conflict(format!(
            "{}年度还没有已提交的单位自评，无法抽查",
            input.year
        )));
    }
    if let Some(old) = current_draw_id(ctx, input.year)? {
        let reviewed: i64 = ctx.query_row(
            "SELECT COUNT(*) FROM spot_check WHERE draw_id = ?1 AND status = '已复核'
               AND deleted_at IS NULL",
            [&old],
            |r| r.get(0),
        )?;
        if reviewed > 0 {
            return Err(Error::Conflict(format!(
                "{}年度的抽查已有 {reviewed} 项完成复核，不能重新抽取",
                input.year
            )));
        }
        ctx.execute(
            "UPDATE spot_check_draw SET is_current = 0, updated_at = ?2 WHERE id = ?1",
            params![old, ctx.now()],
        )?;
    }
    let drawn = pick(&base, seed as u64, share, stratify);
    let id = new_id();
    ctx.execute(
        "INSERT INTO spot_check_draw (id, fiscal_year, seed, share_bp, stratify, base_ids,
            base_count, drawn_count, drawn_by, drawn_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10, ?10)",
        params![
            id,
            input.year,
            seed,
            share,
            stratify,
            serde_json::to_string(&base)?,
            base.len() as i64,
            drawn.len() as i64,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    for (seq, eval_id) in drawn.iter().enumerate() {
        ctx.execute(
            "INSERT INTO spot_check (id, draw_id, self_eval_id, seq, status, self_total_cp,
                created_at, updated_at)
             SELECT ?1, ?2, id, ?3, '待复核', COALESCE(total_cp, 0), ?4, ?4
             FROM self_eval WHERE id = ?5",
            params![new_id(), id, seq as i64 + 1, ctx.now(), eval_id],
        )?;
    }
    let summary = get_draw(ctx, &id)?;
    ctx.audit(
        "create",
        "spot_check_draw",
        Some(&id),
        &format!(
            "{}年度抽查复核抽取：基数 {}，抽取 {}，种子 {seed}",
            input.year, summary.base_count, summary.drawn_count
        ),
        None,
        Some(
            &serde_json::json!({"seed": seed, "share_bp": share, "stratify": stratify,
            "drawn": drawn}),
        ),
    )?;
    Ok(summary)
}

/// The list a draw would give now (nothing recorded): the year's submitted forms as base.
pub fn preview_draw(c: &Connection, input: &DrawInput) -> Result<(usize, Vec<String>)> {
    let share = input
        .share_bp
        .unwrap_or(crate::rules::current(c)?.rules.spot_check_share_bp);
    let seed = input
        .seed
        .ok_or_else(|| Error::invalid("随机种子", "预览抽取需要指定种子"))?;
    let base = base_of(c, input.year)?;
    let ids = pick(
        &base,
        seed as u64,
        share,
        input.stratify.unwrap_or(Stratify::None),
    );
    Ok((base.len(), ids))
}

fn current_draw_id(c: &Connection, year: i32) -> Result<Option<String>> {
    Ok(c.query_row(
        "SELECT id FROM spot_check_draw WHERE fiscal_year = ?1 AND is_current = 1
           AND deleted_at IS NULL ORDER BY drawn_at DESC LIMIT 1",
        [year],
        |r| r.get(0),
    )
    .optional()?)
}

/// The draw in force for `year`, if any.
pub fn current_draw(c: &Connection, year: i32) -> Result<Option<DrawSummary>> {
    current_draw_id(c, year)?
        .map(|id| get_draw(c, &id))
        .transpose()
}

pub fn get_draw(c: &Connection, id: &str) -> Result<DrawSummary> {
    let gap_line = crate::rules::current(c)?.rules.evaluation.spot_gap_cp;
    let mut s = c
        .query_row(
            "SELECT id, fiscal_year, seed, share_bp, stratify, base_count, drawn_count, drawn_by,
                    drawn_at FROM spot_check_draw WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| {
                let base: i64 = r.get(5)?;
                let drawn: i64 = r.get(6)?;
                Ok(DrawSummary {
                    id: r.get(0)?,
                    fiscal_year: r.get(1)?,
                    seed: r.get::<_, i64>(2)?.to_string(),
                    share_bp: r.get(3)?,
                    stratify: r.get(4)?,
                    base_count: base,
                    drawn_count: drawn,
                    drawn_share_bp: crate::rate::rate_bp(drawn, base).unwrap_or(0),
                    drawn_by: r.get(7)?,
                    drawn_at: r.get(8)?,
                    gap_line_cp: gap_line,
                    rows: Vec::new(),
                })
            },
        )
        .map_err(|_| Error::NotFound("找不到该次抽查，请刷新后重试".into()))?;
    s.rows = spot_rows(c, id, None, gap_line)?;
    Ok(s)
}

pub(super) fn spot_rows(
    c: &Connection,
    draw_id: &str,
    one: Option<&str>,
    line: i64,
) -> Result<Vec<SpotRow>> {
    let rules = crate::rules::current(c)?.rules;
    let mut st = c.prepare(
        "SELECT k.id, k.seq, k.self_eval_id, COALESCE(p.code, u.code),
                COALESCE(p.name, u.name || '（部门整体）'), u.name, s.budget_fen, k.self_total_cp,
                k.status, k.review_total_cp, k.review_grade, k.review_note, k.reviewed_by
         FROM spot_check k JOIN self_eval s ON s.id = k.self_eval_id
         JOIN org_unit u ON u.id = s.unit_id LEFT JOIN project p ON p.id = s.project_id
         WHERE k.draw_id = ?1 AND k.deleted_at IS NULL AND (?2 IS NULL OR k.id = ?2)
         ORDER BY k.seq",
    )?;
    let rows = st
        .query_map(params![draw_id, one], |r| {
            let self_total: i64 = r.get(7)?;
            let review: Option<i64> = r.get(9)?;
            let gap = review.map(|v| v - self_total);
            Ok(SpotRow {
                id: r.get(0)?,
                seq: r.get(1)?,
                self_eval_id: r.get(2)?,
                code: r.get(3)?,
                name: r.get(4)?,
                unit_name: r.get(5)?,
                budget: Fen(r.get(6)?),
                self_total_cp: self_total,
                self_grade: rules.grade_of(self_total),
                status: r.get(8)?,
                review_total_cp: review,
                review_grade: r.get(10)?,
                gap_cp: gap,
                flagged: gap.is_some_and(|g| g.abs() > line),
                review_note: r.get(11)?,
                reviewed_by: r.get(12)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Re-runs a recorded draw from its stored base and seed; true when it gives the recorded list.
pub fn verify_draw(c: &Connection, draw_id: &str) -> Result<bool> {
    let (seed, share, stratify, base): (i64, i64, Stratify, String) = c.query_row(
        "SELECT seed, share_bp, stratify, base_ids FROM spot_check_draw WHERE id = ?1",
        [draw_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let base: Vec<BaseEntry> = serde_json::from_str(&base)?;
    let recorded: Vec<String> = spot_rows(c, draw_id, None, 0)?
        .into_iter()
        .map(|r| r.self_eval_id)
        .collect();
    Ok(pick(&base, seed as u64, share, stratify) == recorded)
}

pub use super::spot_review::*;
