//! `bench`: the 智能审核 section — the target review of the whole year (all current targets,
//! including the 3,000 approved ones the monitoring section made), the year's 疑点, and one
//! suggestion list cold (indexes built) and warm (indexes reused), at the library size the
//! library section filled in.

use jixiao_core::access::Actor;
use jixiao_core::db::Db;
use jixiao_core::{review, Result};
use std::time::Instant;

fn ms(f: impl FnOnce() -> Result<usize>) -> Result<(f64, usize)> {
    let t = Instant::now();
    let n = f()?;
    Ok((t.elapsed().as_secs_f64() * 1000.0, n))
}

/// (JSON, text) of the section.
pub fn run(db: &Db, year: i32) -> Result<(serde_json::Value, String)> {
    let actor = Actor::system("基准测试");
    let (targets, rows): (i64, i64) = db.read(|c| {
        Ok(c.query_row(
            "SELECT COUNT(DISTINCT t.id), COUNT(i.id) FROM perf_target t
             LEFT JOIN target_indicator i ON i.target_id = t.id AND i.deleted_at IS NULL
             WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    })?;
    let mut review_ms = Vec::new();
    let mut findings = 0;
    for _ in 0..5 {
        let (t, n) = ms(|| Ok(db.read(|c| review::review_year(c, &actor, year))?.len()))?;
        review_ms.push(t);
        findings = n;
    }
    review_ms.sort_by(f64::total_cmp);
    let today = db.clock().today();
    let (risks_ms, risks) = ms(|| Ok(db.read(|c| review::risks(c, &actor, year, today))?.len()))?;
    let project: Option<String> = db.read(|c| {
        Ok(c.query_row(
            "SELECT code FROM project WHERE fiscal_year = ?1 AND deleted_at IS NULL
               AND new_or_continuing = '延续' ORDER BY code LIMIT 1",
            [year],
            |r| r.get(0),
        )
        .ok())
    })?;
    let (mut cold, mut warm, mut suggested) = (0.0, Vec::new(), 0);
    if let Some(code) = &project {
        let (t, n) = ms(|| Ok(db.read(|c| review::suggest(c, code, year))?.len()))?;
        cold = t;
        suggested = n;
        for _ in 0..10 {
            warm.push(ms(|| Ok(db.read(|c| review::suggest(c, code, year))?.len()))?.0);
        }
        warm.sort_by(f64::total_cmp);
    }
    let warm_median = warm.get(warm.len() / 2).copied().unwrap_or(0.0);
    let json = serde_json::json!({
        "targets": targets,
        "indicator_rows": rows,
        "review_findings": findings,
        "review_median_ms": review_ms[review_ms.len() / 2],
        "review_max_ms": review_ms[review_ms.len() - 1],
        "risks": risks,
        "risks_ms": risks_ms,
        "suggest_project": project,
        "suggestions": suggested,
        "suggest_cold_ms": cold,
        "suggest_warm_median_ms": warm_median,
    });
    let text = format!(
        "智能审核：{year}年 {targets} 个目标 {rows} 条指标，全年目标审核 中位数 {:.0} ms（最大 {:.0} ms，{findings} 条发现）；疑点 {risks} 条 {risks_ms:.0} ms；推荐指标 {suggested} 条，首次（建索引）{cold:.0} ms，其后中位数 {warm_median:.1} ms\n",
        review_ms[review_ms.len() / 2],
        review_ms[review_ms.len() - 1],
    );
    Ok((json, text))
}
