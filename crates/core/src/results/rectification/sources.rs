//! What the 生成整改事项 dialog offers for a year: the 定稿 重点评价, the monitoring rounds and
//! the spot-check draw in force, each with how many problems it holds and how many are already
//! in the ledger.

use super::generate::red_sheets;
use super::{has_item, SOURCE_MONITOR, SOURCE_SPOT};
use crate::{fmt_cp, Result};
use rusqlite::{params, Connection};
use serde::Serialize;
use ts_rs::TS;

/// A source the 生成整改事项 dialog offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectSourceOption {
    pub id: String,
    pub label: String,
    /// Problems it holds (findings, red sheets, flagged forms).
    pub problems: i64,
    /// Of those, already in the ledger.
    pub in_ledger: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RectSources {
    /// 定稿 重点评价 of the year.
    pub key_evals: Vec<RectSourceOption>,
    pub rounds: Vec<RectSourceOption>,
    /// The year's spot-check draw in force (at most one).
    pub spot_checks: Vec<RectSourceOption>,
}

fn in_ledger(c: &Connection, kind: &str, ids: &[String]) -> Result<i64> {
    let mut n = 0;
    for id in ids {
        n += i64::from(has_item(c, kind, id)?);
    }
    Ok(n)
}

/// What items can be generated from in `year`.
pub fn rect_sources(c: &Connection, year: i32) -> Result<RectSources> {
    let mut st = c.prepare(
        "SELECT k.id, k.object_name, k.grade, k.total_cp,
            (SELECT COUNT(*) FROM key_eval_finding f WHERE f.key_eval_id = k.id
               AND f.deleted_at IS NULL),
            (SELECT COUNT(*) FROM key_eval_finding f JOIN rectification x
               ON x.source_kind = 'key_eval_finding' AND x.source_id = f.id
               AND x.deleted_at IS NULL WHERE f.key_eval_id = k.id AND f.deleted_at IS NULL)
         FROM key_eval k WHERE k.fiscal_year = ?1 AND k.status = '定稿' AND k.deleted_at IS NULL
         ORDER BY k.object_name",
    )?;
    let key_evals = st
        .query_map(params![year], |r| {
            let grade: Option<String> = r.get(2)?;
            let total: Option<i64> = r.get(3)?;
            let score = match (total, grade) {
                (Some(t), Some(g)) => format!("（{} 分，{g}）", fmt_cp(t)),
                _ => String::new(),
            };
            Ok(RectSourceOption {
                id: r.get(0)?,
                label: format!("{}{score}", r.get::<_, String>(1)?),
                problems: r.get(4)?,
                in_ledger: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut rounds = Vec::new();
    for round in crate::monitoring::list_rounds(c, year)? {
        let ids: Vec<String> = red_sheets(c, &round.id)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        rounds.push(RectSourceOption {
            label: format!(
                "1–{}月{}（{}）",
                round.cutoff_month,
                round.kind.label(),
                round.status.label()
            ),
            problems: ids.len() as i64,
            in_ledger: in_ledger(c, SOURCE_MONITOR, &ids)?,
            id: round.id,
        });
    }
    let mut spot_checks = Vec::new();
    if let Some(draw) = crate::evaluation::spot::current_draw(c, year)? {
        let ids: Vec<String> = draw
            .rows
            .iter()
            .filter(|r| r.flagged && r.review_total_cp.is_some())
            .map(|r| r.id.clone())
            .collect();
        spot_checks.push(RectSourceOption {
            label: format!(
                "{}年度抽查复核（抽取 {} 个，偏差超过 {} 分的 {} 个）",
                draw.fiscal_year,
                draw.drawn_count,
                fmt_cp(draw.gap_line_cp),
                ids.len()
            ),
            problems: ids.len() as i64,
            in_ledger: in_ledger(c, SOURCE_SPOT, &ids)?,
            id: draw.id,
        });
    }
    Ok(RectSources {
        key_evals,
        rounds,
        spot_checks,
    })
}
