//! The computed items of the 考核: one pass per formula over the year's rows, each row credited
//! to the assessed unit above it (a 预算单位 counts for its 主管部门; a unit below a 乡镇 for the
//! 乡镇). Every formula is a share `num / den` of the item's points:
//!
//! `score_cp = points_cp × num ÷ den`, rounded half up in integers (`rate::div_half_up`); a unit
//! with 4 of 5 sheets on time on a 10-point item scores exactly 800 (8.00). `den = 0` (nothing
//! to assess, 不涉及) scores the full points. Exceptions: 量化率 scores full points at or above
//! the floor, else points × rate ÷ floor; 二上返修次数 scores points − n × the rule's deduction,
//! never below 0.
//!
//! Dates compare the day (`YYYY-MM-DD`) of a stamp with a deadline: on the deadline is on time.
//! 监控表按时填报率 counts the sheets of rounds whose deadline has passed on `today`.

use super::rules::{AssessKind, AssessMethod, AssessRules};
use crate::monitoring::Warning;
use crate::rate::div_half_up;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// An assessed unit.
#[derive(Debug, Clone)]
pub struct Unit {
    pub id: String,
    pub code: String,
    pub name: String,
}

/// `num` of `den` for one unit and formula (the inputs shown beside the score).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Share {
    pub num: i64,
    pub den: i64,
}

/// The assessed units of `kind` (主管部门 / 乡镇), by code.
pub fn units(c: &Connection, kind: AssessKind) -> Result<Vec<Unit>> {
    let org_kind = match kind {
        AssessKind::Department => "主管部门",
        AssessKind::Township => "乡镇",
    };
    let mut st = c.prepare(
        "SELECT id, code, name FROM org_unit WHERE kind = ?1 AND deleted_at IS NULL ORDER BY code",
    )?;
    let out = st
        .query_map([org_kind], |r| {
            Ok(Unit {
                id: r.get(0)?,
                code: r.get(1)?,
                name: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(out)
}

/// unit id → the assessed unit it counts for (itself or the nearest assessed ancestor).
fn owners(c: &Connection, assessed: &[Unit]) -> Result<HashMap<String, String>> {
    let mut st = c.prepare("SELECT id, parent_id FROM org_unit")?;
    let parent: HashMap<String, Option<String>> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let roots: std::collections::HashSet<&str> = assessed.iter().map(|u| u.id.as_str()).collect();
    let mut out = HashMap::new();
    for id in parent.keys() {
        let mut cur = Some(id.clone());
        for _ in 0..64 {
            let Some(u) = cur else { break };
            if roots.contains(u.as_str()) {
                out.insert(id.clone(), u);
                break;
            }
            cur = parent.get(&u).cloned().flatten();
        }
    }
    Ok(out)
}

fn day(stamp: Option<&str>) -> Option<&str> {
    stamp.and_then(|s| s.get(..10))
}

/// The inputs of every computed formula, per assessed unit.
pub struct Data {
    shares: HashMap<(AssessMethod, String), Share>,
    pub floor_bp: i64,
}

impl Data {
    pub fn share(&self, m: AssessMethod, unit: &str) -> Share {
        self.shares
            .get(&(m, unit.to_string()))
            .copied()
            .unwrap_or_default()
    }
}

struct Acc<'a> {
    owners: &'a HashMap<String, String>,
    shares: HashMap<(AssessMethod, String), Share>,
}

impl Acc<'_> {
    fn add(&mut self, m: AssessMethod, unit_id: &str, num: i64, den: i64) {
        if let Some(owner) = self.owners.get(unit_id) {
            let s = self.shares.entry((m, owner.clone())).or_default();
            s.num += num;
            s.den += den;
        }
    }

    /// Adds one row per (unit, flag) from `sql` (params: year): the flag counts toward `num`.
    fn rows(&mut self, c: &Connection, m: AssessMethod, sql: &str, year: i32) -> Result<()> {
        let mut st = c.prepare(sql)?;
        let rows: Vec<(String, bool)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (unit, ok) in rows {
            self.add(m, &unit, i64::from(ok), 1);
        }
        Ok(())
    }
}

const CURRENT_TARGETS: &str =
    "FROM perf_target t WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL";

/// Reads every formula's inputs for `year`.
pub fn gather(
    c: &Connection,
    rules: &AssessRules,
    assessed: &[Unit],
    year: i32,
    today: NaiveDate,
) -> Result<Data> {
    let owners = owners(c, assessed)?;
    let mut acc = Acc {
        owners: &owners,
        shares: HashMap::new(),
    };
    // 目标编报及时率: the first 一上 of the target (any version of the same project / unit).
    let due = format!("{}-{}", year - 1, rules.target_due_md);
    {
        let mut st = c.prepare(&format!(
            "SELECT t.unit_id, (SELECT MIN(s.created_at) FROM target_submission s
                 JOIN perf_target v ON v.id = s.target_id
                 WHERE s.status = '一上' AND s.deleted_at IS NULL AND v.fiscal_year = t.fiscal_year
                   AND v.unit_id = t.unit_id AND v.kind = t.kind
                   AND COALESCE(v.project_id, '') = COALESCE(t.project_id, ''))
             {CURRENT_TARGETS}"
        ))?;
        let rows: Vec<(String, Option<String>)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (unit, first) in rows {
            let ok = day(first.as_deref()).is_some_and(|d| d <= due.as_str());
            acc.add(AssessMethod::TargetTimely, &unit, i64::from(ok), 1);
        }
    }
    // 量化率: quantitative 三级指标 (nature other than 定性) of the current targets.
    {
        let mut st = c.prepare(
            "SELECT t.unit_id, COUNT(i.id), COALESCE(SUM(i.nature <> '定性'), 0)
             FROM perf_target t JOIN target_indicator i ON i.target_id = t.id
               AND i.deleted_at IS NULL
             WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
             GROUP BY t.unit_id",
        )?;
        let rows: Vec<(String, i64, i64)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (unit, all, quantitative) in rows {
            acc.add(AssessMethod::Quantification, &unit, quantitative, all);
        }
    }
    // 二上返修次数: 二上 submissions beyond the first, per target.
    {
        let mut st = c.prepare(&format!(
            "SELECT t.unit_id, (SELECT COUNT(*) FROM target_submission s
                 WHERE s.target_id = t.id AND s.status = '二上' AND s.deleted_at IS NULL)
             {CURRENT_TARGETS}"
        ))?;
        let rows: Vec<(String, i64)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (unit, n) in rows {
            acc.add(AssessMethod::Revisions, &unit, (n - 1).max(0), 1);
        }
    }
    // 监控表按时填报率: sheets of rounds past their deadline.
    {
        let mut st = c.prepare(
            "SELECT k.unit_id, k.submitted_at, r.due_date FROM monitor_task k
             JOIN monitor_round r ON r.id = k.round_id
             WHERE r.fiscal_year = ?1 AND k.deleted_at IS NULL AND r.deleted_at IS NULL",
        )?;
        let rows: Vec<(String, Option<String>, String)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let today = today.format("%Y-%m-%d").to_string();
        for (unit, submitted, due) in rows {
            if due.as_str() >= today.as_str() {
                continue;
            }
            let ok = day(submitted.as_deref()).is_some_and(|d| d <= due.as_str());
            acc.add(AssessMethod::MonitorOnTime, &unit, i64::from(ok), 1);
        }
    }
    // 红灯整改: red sheets whose 整改事项 is 已核实 or 销号.
    {
        let settled: std::collections::HashSet<String> = c
            .prepare(
                "SELECT source_id FROM rectification WHERE source_kind = 'monitor_task'
                   AND status IN ('已核实', '销号') AND deleted_at IS NULL",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for round in crate::monitoring::list_rounds(c, year)? {
            for t in crate::monitoring::task_rows(c, &round.id)? {
                if t.warning == Some(Warning::Red) {
                    acc.add(
                        AssessMethod::RedRectified,
                        &t.unit_id,
                        i64::from(settled.contains(&t.id)),
                        1,
                    );
                }
            }
        }
    }
    acc.rows(
        c,
        AssessMethod::SelfCoverage,
        "SELECT unit_id, status = '已提交' FROM self_eval
         WHERE fiscal_year = ?1 AND deleted_at IS NULL",
        year,
    )?;
    let gap = crate::rules::current(c)?.rules.evaluation.spot_gap_cp;
    {
        let mut st = c.prepare(
            "SELECT e.unit_id, s.self_total_cp, s.review_total_cp FROM spot_check s
             JOIN spot_check_draw d ON d.id = s.draw_id JOIN self_eval e ON e.id = s.self_eval_id
             WHERE d.fiscal_year = ?1 AND d.is_current = 1 AND d.deleted_at IS NULL
               AND s.deleted_at IS NULL AND s.status = '已复核'",
        )?;
        let rows: Vec<(String, i64, Option<i64>)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (unit, own, review) in rows {
            let ok = review.is_some_and(|v| (v - own).abs() <= gap);
            acc.add(AssessMethod::SpotConsistency, &unit, i64::from(ok), 1);
        }
    }
    acc.rows(
        c,
        AssessMethod::RectOnTime,
        "SELECT unit_id, status IN ('已核实', '销号')
             AND substr(COALESCE(closed_at, updated_at), 1, 10) <= deadline
         FROM rectification WHERE fiscal_year = ?1 AND deleted_at IS NULL",
        year,
    )?;
    acc.rows(
        c,
        AssessMethod::Disclosure,
        "SELECT t.unit_id, COALESCE((SELECT d.is_public FROM disclosure d
                 WHERE d.source_kind = 'perf_target' AND d.source_id = t.id
                   AND d.deleted_at IS NULL), t.is_public) = 1
         FROM perf_target t WHERE t.fiscal_year = ?1 AND t.is_current = 1
           AND t.deleted_at IS NULL AND t.status = '二下'
         UNION ALL
         SELECT e.unit_id, COALESCE((SELECT d.is_public FROM disclosure d
                 WHERE d.source_kind = 'self_eval' AND d.source_id = e.id
                   AND d.deleted_at IS NULL), 1) = 1
         FROM self_eval e WHERE e.fiscal_year = ?1 AND e.deleted_at IS NULL
           AND e.status = '已提交'",
        year,
    )?;
    acc.rows(
        c,
        AssessMethod::Linkage,
        "SELECT e.unit_id, EXISTS (SELECT 1 FROM budget_linkage b WHERE b.source_kind = 'self_eval'
                 AND b.source_id = e.id AND b.deleted_at IS NULL)
         FROM self_eval e WHERE e.fiscal_year = ?1 AND e.deleted_at IS NULL
           AND e.status = '已提交' AND e.grade IS NOT NULL",
        year,
    )?;
    Ok(Data {
        shares: acc.shares,
        floor_bp: crate::rules::current(c)?.rules.quantification_floor_bp,
    })
}

/// `points × num ÷ den`, half up; full points when `den` is 0.
pub fn share_of(points_cp: i64, s: Share) -> i64 {
    if s.den <= 0 {
        return points_cp;
    }
    div_half_up(
        i128::from(points_cp) * i128::from(s.num.clamp(0, s.den)),
        i128::from(s.den),
    )
    .unwrap_or(points_cp)
}

/// The score of a computed item and the inputs shown beside it.
pub fn score(
    method: AssessMethod,
    points_cp: i64,
    s: Share,
    floor_bp: i64,
    deduct_cp: i64,
) -> (i64, String) {
    match method {
        AssessMethod::Quantification => {
            if s.den == 0 {
                return (points_cp, "无三级指标（不涉及）".into());
            }
            let rate = crate::rate::rate_bp(s.num, s.den).unwrap_or(0);
            let text = format!(
                "量化指标 {} / 三级指标 {}，量化率 {}%（下限 {}%）",
                s.num,
                s.den,
                crate::fmt_cp(rate),
                crate::fmt_cp(floor_bp)
            );
            if rate >= floor_bp || floor_bp <= 0 {
                (points_cp, text)
            } else {
                (
                    share_of(
                        points_cp,
                        Share {
                            num: rate,
                            den: floor_bp,
                        },
                    ),
                    text,
                )
            }
        }
        AssessMethod::Revisions => (
            (points_cp - s.num * deduct_cp).max(0),
            format!(
                "返修 {} 次（目标 {} 个），每次扣 {} 分",
                s.num,
                s.den,
                crate::fmt_cp(deduct_cp)
            ),
        ),
        _ => {
            let what = match method {
                AssessMethod::TargetTimely => "按时报送目标",
                AssessMethod::MonitorOnTime => "按时提交监控表",
                AssessMethod::RedRectified => "红灯已整改",
                AssessMethod::SelfCoverage => "已提交自评",
                AssessMethod::SpotConsistency => "复核分差在提示线内",
                AssessMethod::RectOnTime => "按期完成整改",
                AssessMethod::Disclosure => "已公开",
                AssessMethod::Linkage => "已挂钩",
                _ => "",
            };
            let text = if s.den == 0 {
                "无应考核事项（不涉及，按满分）".to_string()
            } else {
                format!("{what} {} / 共 {}", s.num, s.den)
            };
            (share_of(points_cp, s), text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn four_of_five_on_a_ten_point_item_is_eight_points() {
        assert_eq!(share_of(1000, Share { num: 4, den: 5 }), 800);
        // 2 of 3 of 10 points: 666.67 → 667 (half up).
        assert_eq!(share_of(1000, Share { num: 2, den: 3 }), 667);
        assert_eq!(share_of(1000, Share { num: 0, den: 0 }), 1000);
    }

    #[test]
    fn quantification_below_the_floor_scales_and_revisions_deduct() {
        // 60% against a 70% floor on 10 points: 10 × 6000 / 7000 = 8.57.
        let (s, _) = score(
            AssessMethod::Quantification,
            1000,
            Share { num: 6, den: 10 },
            7000,
            200,
        );
        assert_eq!(s, 857);
        let (s, _) = score(
            AssessMethod::Revisions,
            1000,
            Share { num: 3, den: 4 },
            7000,
            200,
        );
        assert_eq!(s, 400);
        let (s, _) = score(
            AssessMethod::Revisions,
            1000,
            Share { num: 9, den: 9 },
            7000,
            200,
        );
        assert_eq!(s, 0);
    }
}
