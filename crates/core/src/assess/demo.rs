//! The demo county's finished 考核 of its closed year. The demo data is generated today, so its
//! stamps all say today; first the closed year's history gets plausible dates (most 一上 before
//! the deadline, most 监控情况表 before the round's deadline, most 整改 settled within their
//! deadline, a share of each late, drawn from the seed), then two hand items with their reasons,
//! then 定稿.

use super::{finalize, set_hand_in, AssessKind, HandInput};
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::Result;
use chrono::{Duration, NaiveDate};
use rusqlite::params;

fn shift(rng: &mut SplitMix64, due: NaiveDate, late_pct: u64) -> String {
    let d = if rng.percent(late_pct) {
        due + Duration::days(rng.between(1, 15))
    } else {
        due - Duration::days(rng.between(0, 20))
    };
    format!("{}T10:00:00+08:00", d.format("%Y-%m-%d"))
}

fn dated(ctx: &WriteCtx, sql: &str, year: i32) -> Result<Vec<(String, String)>> {
    let mut st = ctx.prepare(sql)?;
    let rows = st
        .query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
}

pub fn generate(ctx: &WriteCtx, seed: u64, year: i32) -> Result<()> {
    let mut rng = SplitMix64::new(seed ^ 0x4153_5345);
    let target_due = NaiveDate::from_ymd_opt(year - 1, 11, 30).unwrap_or_default();
    for (id, _) in dated(
        ctx,
        "SELECT s.id, s.created_at FROM target_submission s JOIN perf_target t ON t.id = s.target_id
         WHERE t.fiscal_year = ?1 AND s.status = '一上' ORDER BY t.unit_id, s.id",
        year,
    )? {
        let at = shift(&mut rng, target_due, 18);
        ctx.execute(
            "UPDATE target_submission SET created_at = ?2 WHERE id = ?1",
            params![id, at],
        )?;
    }
    for (id, due) in dated(
        ctx,
        "SELECT k.id, r.due_date FROM monitor_task k JOIN monitor_round r ON r.id = k.round_id
         WHERE r.fiscal_year = ?1 AND k.submitted_at IS NOT NULL ORDER BY k.unit_id, k.id",
        year,
    )? {
        if let Some(due) = date(&due) {
            let at = shift(&mut rng, due, 15);
            ctx.execute(
                "UPDATE monitor_task SET submitted_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
        }
    }
    for (id, deadline) in dated(
        ctx,
        "SELECT id, deadline FROM rectification WHERE fiscal_year = ?1
           AND status IN ('已核实', '销号') ORDER BY unit_id, id",
        year,
    )? {
        if let Some(due) = date(&deadline) {
            let at = shift(&mut rng, due, 25);
            ctx.execute(
                "UPDATE rectification SET closed_at = CASE WHEN status = '销号' THEN ?2 END,
                    updated_at = ?2 WHERE id = ?1",
                params![id, at],
            )?;
        }
    }
    let departments = super::compute::units(ctx, AssessKind::Department)?;
    let hand = [
        (0usize, "bonus", "1.5", "预算绩效管理经验被市财政局转发推广"),
        (
            2usize,
            "penalty",
            "1",
            "监控表预算执行数与国库支付数据不一致，经核实为填报不实",
        ),
    ];
    for (k, code, score, reason) in hand {
        if let Some(u) = departments.get(k) {
            set_hand_in(
                ctx,
                &HandInput {
                    year,
                    unit_id: u.id.clone(),
                    item_code: code.into(),
                    score: score.into(),
                    reason: reason.into(),
                },
            )?;
        }
    }
    finalize(ctx, year)?;
    Ok(())
}
