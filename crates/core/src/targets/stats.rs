//! Figures of the year's targets, counted over current versions only: 量化率 (quantitative
//! 三级指标 ÷ all 三级指标, bp, half up) overall and per unit against the rule set's floor,
//! 二级 nodes (distinct 二级 per target), review comments, and coverage by status.

use super::rate_bp;
use crate::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `targets stats --json`; field names are the CLI's contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetStats {
    pub targets: i64,
    pub indicators_l2: i64,
    pub indicators_l3: i64,
    pub quantitative_l3: i64,
    /// 0 when there is no 三级指标.
    pub quantification_rate_bp: i64,
    pub units_below_floor: i64,
    pub comments: i64,
    pub comments_resolved: i64,
}

/// 量化率 of one unit over all its current targets of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitQuantification {
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub targets: i64,
    pub indicators_l3: i64,
    pub quantitative_l3: i64,
    pub rate_bp: i64,
    pub below_floor: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct StatusCount {
    /// 未编制 / 编制 / 一上 / 一下 / 二上 / 二下.
    pub status: String,
    pub count: i64,
}

/// The bureau's overview screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TargetOverview {
    pub year: i32,
    pub floor_bp: i64,
    pub stats: TargetStats,
    pub projects_total: i64,
    pub project_status: Vec<StatusCount>,
    pub units_total: i64,
    pub unit_status: Vec<StatusCount>,
    /// Units with at least one 三级指标, lowest 量化率 first.
    pub units: Vec<UnitQuantification>,
}

const CURRENT: &str = "t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL";

pub fn target_stats(c: &Connection, year: i32) -> Result<TargetStats> {
    let floor = crate::rules::current(c)?.rules.quantification_floor_bp;
    let q = |sql: &str| -> Result<i64> { Ok(c.query_row(sql, params![year], |r| r.get(0))?) };
    let targets = q(&format!(
        "SELECT COUNT(*) FROM perf_target t WHERE {CURRENT}"
    ))?;
    let (l3, quantitative): (i64, i64) = c.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(i.nature <> '定性'), 0)
             FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
             WHERE {CURRENT} AND i.deleted_at IS NULL"
        ),
        params![year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let l2 = q(&format!(
        "SELECT COUNT(*) FROM (SELECT DISTINCT i.target_id, i.level2
           FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
           WHERE {CURRENT} AND i.deleted_at IS NULL)"
    ))?;
    let (comments, resolved): (i64, i64) = c.query_row(
        "SELECT COUNT(*), COALESCE(SUM(m.resolved), 0)
         FROM target_comment m JOIN perf_target t ON t.id = m.target_id
         WHERE t.fiscal_year = ?1 AND t.deleted_at IS NULL AND m.deleted_at IS NULL",
        params![year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let units_below_floor = unit_rates(c, year, floor)?
        .iter()
        .filter(|u| u.below_floor)
        .count() as i64;
    Ok(TargetStats {
        targets,
        indicators_l2: l2,
        indicators_l3: l3,
        quantitative_l3: quantitative,
        quantification_rate_bp: rate_bp(quantitative, l3).unwrap_or(0),
        units_below_floor,
        comments,
        comments_resolved: resolved,
    })
}

/// 量化率 per unit (units without any 三级指标 are left out), lowest first.
pub fn unit_rates(c: &Connection, year: i32, floor_bp: i64) -> Result<Vec<UnitQuantification>> {
    let mut st = c.prepare(&format!(
        "SELECT u.id, u.code, u.name, COUNT(DISTINCT t.id), COUNT(i.id),
                COALESCE(SUM(i.nature <> '定性'), 0)
         FROM perf_target t JOIN org_unit u ON u.id = t.unit_id
         JOIN target_indicator i ON i.target_id = t.id AND i.deleted_at IS NULL
         WHERE {CURRENT}
         GROUP BY u.id"
    ))?;
    let mut rows = st
        .query_map(params![year], |r| {
            let l3: i64 = r.get(4)?;
            let quantitative: i64 = r.get(5)?;
            let rate = rate_bp(quantitative, l3).unwrap_or(0);
            Ok(UnitQuantification {
                unit_id: r.get(0)?,
                unit_code: r.get(1)?,
                unit_name: r.get(2)?,
                targets: r.get(3)?,
                indicators_l3: l3,
                quantitative_l3: quantitative,
                rate_bp: rate,
                below_floor: rate < floor_bp,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.sort_by(|a, b| {
        a.rate_bp
            .cmp(&b.rate_bp)
            .then(a.unit_code.cmp(&b.unit_code))
    });
    Ok(rows)
}

fn status_counts(c: &Connection, sql: &str, year: i32) -> Result<(i64, Vec<StatusCount>)> {
    let mut st = c.prepare(sql)?;
    let found: Vec<(String, i64)> = st
        .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let total = found.iter().map(|(_, n)| n).sum();
    let order = ["未编制", "编制", "一上", "一下", "二上", "二下"];
    let counts = order
        .iter()
        .map(|s| StatusCount {
            status: s.to_string(),
            count: found
                .iter()
                .find(|(f, _)| f == s)
                .map(|(_, n)| *n)
                .unwrap_or(0),
        })
        .collect();
    Ok((total, counts))
}

pub fn target_overview(c: &Connection, year: i32) -> Result<TargetOverview> {
    let floor_bp = crate::rules::current(c)?.rules.quantification_floor_bp;
    let (projects_total, project_status) = status_counts(
        c,
        "SELECT COALESCE(t.status, '未编制'), COUNT(*)
         FROM project p LEFT JOIN perf_target t ON t.project_id = p.id AND t.kind = '项目' AND t.is_current = 1
              AND t.deleted_at IS NULL
         WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL
         GROUP BY 1",
        year,
    )?;
    let (units_total, unit_status) = status_counts(
        c,
        "SELECT COALESCE(t.status, '未编制'), COUNT(*)
         FROM org_unit u LEFT JOIN perf_target t ON t.unit_id = u.id AND t.kind = '部门整体'
              AND t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
         WHERE u.deleted_at IS NULL AND u.kind IN ('主管部门','预算单位','乡镇')
         GROUP BY 1",
        year,
    )?;
    Ok(TargetOverview {
        year,
        floor_bp,
        stats: target_stats(c, year)?,
        projects_total,
        project_status,
        units_total,
        unit_status,
        units: unit_rates(c, year, floor_bp)?,
    })
}
