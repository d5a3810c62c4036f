//! 年度总览: every figure of the annual report, computed set-based from the stage tables.
//!
//! Each stage is read with a few `GROUP BY 预算类型` queries into buckets (one per budget, one
//! for rows without a project); the year's total is the sum of the buckets, and rates are derived
//! from summed numerators and denominators (never averaged). The same definitions as the stage
//! screens: 审减率 as `exante::stats`, 量化率 over current targets as `targets::stats`, coverage
//! over approved targets as `evaluation::stats`, 执行率 / 完成率 / lights of a round as
//! `monitoring::round_stats` (here: the year's latest round), 整改 overdue as the ledger.

use super::figures::*;
use crate::evaluation::self_eval::APPROVED_TARGETS;
use crate::projects::BudgetType;
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use ts_rs::TS;

/// `stats year --json` and 统计分析 › 年度总览. Amounts 分, rates bp.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct YearOverview {
    pub year: i32,
    /// 县名, from the 财政局's name (示例县财政局 → 示例县).
    pub county: String,
    pub exante: Split<ExanteFigures>,
    pub targets: Split<TargetFigures>,
    pub monitoring: Split<MonitoringFigures>,
    pub evaluation: Split<EvaluationFigures>,
    pub results: Split<ResultFigures>,
}

/// Rows keyed by 预算类型 label ("" = no project).
type Buckets<T> = BTreeMap<String, T>;

fn slot<T: Default>(b: &mut Buckets<T>, key: Option<String>) -> &mut T {
    b.entry(key.unwrap_or_default()).or_default()
}

/// The year's total (all buckets) and the four budgets' parts, rates derived.
fn assemble<T: Figures + ts_rs::TS>(b: &Buckets<T>) -> (T, Vec<BudgetPart<T>>) {
    let mut total = T::default();
    for f in b.values() {
        total.add(f);
    }
    total.finish();
    let parts = BudgetType::ALL
        .iter()
        .map(|bt| {
            let mut f = b.get(bt.label()).cloned().unwrap_or_default();
            f.finish();
            BudgetPart {
                budget_type: *bt,
                figures: f,
            }
        })
        .collect();
    (total, parts)
}

fn split<T: Figures + ts_rs::TS>(
    c: &Connection,
    year: i32,
    today: NaiveDate,
    stage: fn(&Connection, i32, NaiveDate, By) -> Stage<T>,
    units: &UnitMap,
) -> Result<Split<T>> {
    let (cur, county_only) = stage(c, year, today, By::Budget)?;
    let (mut total, by_budget_type) = assemble(&cur);
    county_only(&mut total);
    total.finish();
    let (per_unit, _) = stage(c, year, today, By::Unit)?;
    let by_unit = units.fold(&per_unit);
    let (prev, prev_county_only) = stage(c, year - 1, today, By::Budget)?;
    let (mut previous_year, _) = assemble(&prev);
    prev_county_only(&mut previous_year);
    previous_year.finish();
    Ok(Split {
        total,
        by_budget_type,
        by_unit,
        previous_year,
    })
}

/// Every figure of `year` and of `year − 1`; 整改 overdue is judged against `today`.
pub fn year_overview(c: &Connection, year: i32, today: NaiveDate) -> Result<YearOverview> {
    let u = UnitMap::load(c)?;
    Ok(YearOverview {
        year,
        county: county_name(c)?,
        exante: split(c, year, today, exante, &u)?,
        targets: split(c, year, today, targets, &u)?,
        monitoring: split(c, year, today, monitoring, &u)?,
        evaluation: split(c, year, today, evaluation, &u)?,
        results: split(c, year, today, results, &u)?,
    })
}

/// 县名: the 财政局's name (the documents' 发文机关) without 财政局.
pub fn county_name(c: &Connection) -> Result<String> {
    let issuer = crate::results::compose::get_settings(c)?.issuer_name;
    let name = issuer.trim();
    Ok(name.strip_suffix("财政局").unwrap_or(name).to_string())
}

type Stage<T> = Result<(Buckets<T>, Box<dyn Fn(&mut T)>)>;

/// What a stage's buckets are keyed by: 预算类型 label, or the row's unit id (folded into its
/// 主管部门 / 乡镇 by [`UnitMap`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum By {
    Budget,
    Unit,
}

impl By {
    /// The SQL expression of the key: the budget type's, or the unit id's.
    fn k<'a>(self, budget: &'a str, unit: &'a str) -> &'a str {
        match self {
            By::Budget => budget,
            By::Unit => unit,
        }
    }
}

/// Every unit's 主管部门 / 乡镇: the nearest ancestor (itself included) of one of those kinds, or
/// the unit itself when it hangs under neither (a 预算单位 at the top).
pub(crate) struct UnitMap {
    top: HashMap<String, String>,
    info: HashMap<String, (String, String, String)>,
}

impl UnitMap {
    pub(crate) fn load(c: &Connection) -> Result<UnitMap> {
        let rows: Vec<(String, Option<String>, String, String, String)> = each(
            c,
            "SELECT id, parent_id, kind, code, name FROM org_unit",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        let parent: HashMap<&str, Option<&str>> = rows
            .iter()
            .map(|r| (r.0.as_str(), r.1.as_deref()))
            .collect();
        let kind: HashMap<&str, &str> = rows.iter().map(|r| (r.0.as_str(), r.2.as_str())).collect();
        let mut top = HashMap::new();
        for r in &rows {
            let mut cur = Some(r.0.as_str());
            let mut found = None;
            // Bounded walk: a damaged tree with a cycle must not hang the screen.
            for _ in 0..64 {
                let Some(id) = cur else { break };
                if matches!(kind.get(id), Some(&"主管部门") | Some(&"乡镇")) {
                    found = Some(id);
                    break;
                }
                cur = parent.get(id).copied().flatten();
            }
            top.insert(r.0.clone(), found.unwrap_or(r.0.as_str()).to_string());
        }
        let info = rows
            .into_iter()
            .map(|(id, _, kind, code, name)| (id, (code, name, kind)))
            .collect();
        Ok(UnitMap { top, info })
    }

    /// The 主管部门 / 乡镇 name of `unit` ("" for an unknown id).
    pub(crate) fn top_name(&self, unit: &str) -> String {
        self.top.get(unit).map(|t| self.name(t)).unwrap_or_default()
    }

    pub(crate) fn name(&self, unit: &str) -> String {
        self.info.get(unit).map(|i| i.1.clone()).unwrap_or_default()
    }

    /// Buckets keyed by unit id → one part per 主管部门 / 乡镇 (主管部门 first, then by code), rates
    /// derived from the summed parts. Rows without a unit stay in the county's total only.
    fn fold<T: Figures + ts_rs::TS>(&self, b: &Buckets<T>) -> Vec<UnitPart<T>> {
        let mut acc: BTreeMap<(u8, String, String), T> = BTreeMap::new();
        for (unit, f) in b {
            let Some(top) = self.top.get(unit) else {
                continue;
            };
            let (code, _, kind) = &self.info[top];
            let order = match kind.as_str() {
                "主管部门" => 0,
                "乡镇" => 1,
                _ => 2,
            };
            acc.entry((order, code.clone(), top.clone()))
                .or_default()
                .add(f);
        }
        acc.into_iter()
            .map(|((_, code, id), mut figures)| {
                figures.finish();
                let (_, name, kind) = &self.info[&id];
                UnitPart {
                    unit_id: id,
                    unit_code: code,
                    unit_name: name.clone(),
                    unit_kind: kind.clone(),
                    figures,
                }
            })
            .collect()
    }
}

fn each<T>(
    c: &Connection,
    sql: &str,
    p: impl rusqlite::Params,
    mut f: impl FnMut(&rusqlite::Row) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut st = c.prepare(sql)?;
    let rows = st
        .query_map(p, |r| f(r))?
        .collect::<rusqlite::Result<Vec<T>>>()?;
    Ok(rows)
}

fn exante(c: &Connection, year: i32, _today: NaiveDate, by: By) -> Stage<ExanteFigures> {
    let mut b: Buckets<ExanteFigures> = Buckets::new();
    for (k, f) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(*), SUM(a.conclusion = '予以支持'),
                SUM(a.conclusion = '调整完善后予以支持'), SUM(a.conclusion = '不予支持'),
                SUM(a.assessor_type = '第三方机构'), SUM(a.declared_fen), SUM(a.approved_fen)
         FROM exante_assessment a JOIN project p ON p.id = a.project_id
         WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.fiscal_year = ?1
         GROUP BY 1",
            k = by.k("p.budget_type", "p.unit_id")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                ExanteFigures {
                    assessed: r.get(1)?,
                    support: r.get(2)?,
                    support_after_revision: r.get(3)?,
                    not_support: r.get(4)?,
                    by_third_party: r.get(5)?,
                    declared_fen: r.get(6)?,
                    approved_fen: r.get(7)?,
                    ..Default::default()
                },
            ))
        },
    )? {
        *slot(&mut b, k) = f;
    }
    Ok((b, Box::new(|_| {})))
}

const UNIT_KINDS: &str = "('主管部门','预算单位','乡镇')";

fn targets(c: &Connection, year: i32, _today: NaiveDate, by: By) -> Stage<TargetFigures> {
    let mut b: Buckets<TargetFigures> = Buckets::new();
    for (k, n, fen, approved, approved_fen) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(*), SUM(p.adjusted_budget_fen),
                    COALESCE(SUM(a.ok), 0), COALESCE(SUM(a.ok * p.adjusted_budget_fen), 0)
             FROM project p LEFT JOIN (SELECT DISTINCT t.project_id, 1 AS ok FROM perf_target t
                                       WHERE t.kind = '项目' AND {APPROVED_TARGETS}) a
                  ON a.project_id = p.id
             WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL
             GROUP BY 1",
            k = by.k("p.budget_type", "p.unit_id")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        f.projects = n;
        f.projects_budget_fen = fen;
        f.projects_approved = approved;
        f.projects_approved_budget_fen = approved_fen;
    }
    for (k, l3, quantitative) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(*), SUM(i.nature <> '定性')
         FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
         LEFT JOIN project p ON p.id = t.project_id
         WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
           AND i.deleted_at IS NULL
         GROUP BY 1",
            k = by.k("p.budget_type", "t.unit_id")
        ),
        [year],
        |r| Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?)),
    )? {
        let f = slot(&mut b, k);
        f.indicators = l3;
        f.quantitative_indicators = quantitative;
    }
    for (k, cut) in each(
        c,
        &format!(
            "SELECT {k}, SUM(t.reduction_fen) FROM perf_target t
             LEFT JOIN project p ON p.id = t.project_id
             WHERE {APPROVED_TARGETS} GROUP BY 1",
            k = by.k("p.budget_type", "t.unit_id")
        ),
        [year],
        |r| Ok((r.get::<_, Option<String>>(0)?, r.get(1)?)),
    )? {
        slot(&mut b, k).review_reduction_fen = cut;
    }
    if by == By::Unit {
        return Ok((b, Box::new(|_| {})));
    }
    let (units, units_approved): (i64, i64) = c.query_row(
        &format!(
            "SELECT COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 FROM perf_target t
                 WHERE t.unit_id = u.id AND t.kind = '部门整体' AND {APPROVED_TARGETS})), 0)
             FROM org_unit u WHERE u.deleted_at IS NULL AND u.kind IN {UNIT_KINDS}"
        ),
        [year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let floor = crate::rules::current(c)?.rules.quantification_floor_bp;
    let below = crate::targets::unit_rates(c, year, floor)?
        .iter()
        .filter(|u| u.below_floor)
        .count() as i64;
    Ok((
        b,
        Box::new(move |t: &mut TargetFigures| {
            t.units = Some(units);
            t.units_approved = Some(units_approved);
            t.quantification_floor_bp = Some(floor);
            t.units_below_floor = Some(below);
        }),
    ))
}

fn monitoring(c: &Connection, year: i32, _today: NaiveDate, by: By) -> Stage<MonitoringFigures> {
    let mut b: Buckets<MonitoringFigures> = Buckets::new();
    for (k, projects, sheets) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(DISTINCT k.project_id), COUNT(*)
         FROM monitor_task k JOIN monitor_round r ON r.id = k.round_id
         LEFT JOIN project p ON p.id = k.project_id
         WHERE r.fiscal_year = ?1 AND r.deleted_at IS NULL AND k.deleted_at IS NULL
         GROUP BY 1",
            k = by.k("p.budget_type", "k.unit_id")
        ),
        [year],
        |r| Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?)),
    )? {
        let f = slot(&mut b, k);
        f.projects_monitored = projects;
        f.sheets = sheets;
    }
    for (k, kind, n, fen) in each(
        c,
        &format!(
            "SELECT {k}, a.kind, COUNT(*), SUM(a.amount_fen)
         FROM monitor_action a JOIN monitor_task k ON k.id = a.task_id
         JOIN monitor_round r ON r.id = k.round_id LEFT JOIN project p ON p.id = k.project_id
         WHERE r.fiscal_year = ?1 AND r.deleted_at IS NULL AND k.deleted_at IS NULL
           AND a.deleted_at IS NULL
         GROUP BY 1, 2",
            k = by.k("p.budget_type", "k.unit_id")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        },
    )? {
        if let Some(s) = slot(&mut b, k).actions.slot(&kind) {
            *s = CountAmount {
                count: n,
                amount_fen: fen,
            };
        }
    }
    let rounds: i64 = c.query_row(
        "SELECT COUNT(*) FROM monitor_round WHERE fiscal_year = ?1 AND deleted_at IS NULL",
        [year],
        |r| r.get(0),
    )?;
    let latest: Option<(String, i64)> = c
        .query_row(
            "SELECT id, cutoff_month FROM monitor_round WHERE fiscal_year = ?1 AND deleted_at IS NULL
             ORDER BY cutoff_month DESC, created_at DESC, id DESC LIMIT 1",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((round, _)) = &latest {
        let types: HashMap<String, String> = each(
            c,
            "SELECT k.project_id, p.budget_type FROM monitor_task k JOIN project p ON p.id = k.project_id
             WHERE k.round_id = ?1 AND k.deleted_at IS NULL",
            [round],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .into_iter()
        .collect();
        for t in crate::monitoring::task_rows(c, round)? {
            let key = match by {
                By::Budget => t.project_id.as_ref().and_then(|p| types.get(p)).cloned(),
                By::Unit => Some(t.unit_id.clone()),
            };
            let f = slot(&mut b, key);
            f.budget_fen += t.budget.0;
            f.executed_fen += t.executed.map(|e| e.0).unwrap_or(0);
            if let Some(cp) = t.completion_bp {
                f.completion_weighted += i128::from(cp) * i128::from(t.budget.0);
                f.completion_weights += i128::from(t.budget.0);
            }
            match t.warning {
                Some(crate::monitoring::Warning::Red) => f.red += 1,
                Some(crate::monitoring::Warning::Yellow) => f.yellow += 1,
                Some(crate::monitoring::Warning::Green) => f.green += 1,
                None => {}
            }
        }
    }
    let month = latest.map(|(_, m)| m);
    Ok((
        b,
        Box::new(move |m: &mut MonitoringFigures| {
            m.rounds = Some(rounds);
            m.latest_cutoff_month = month;
        }),
    ))
}

fn evaluation(c: &Connection, year: i32, _today: NaiveDate, by: By) -> Stage<EvaluationFigures> {
    let mut b: Buckets<EvaluationFigures> = Buckets::new();
    // Required / submitted matched as `evaluation::self_list::self_coverage` does.
    for (k, required, submitted) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(*),
                    SUM(EXISTS (SELECT 1 FROM self_eval s WHERE s.fiscal_year = ?1
                        AND s.status = '已提交' AND s.deleted_at IS NULL AND s.unit_id = t.unit_id
                        AND s.kind = t.kind AND (t.kind = '部门整体' OR s.project_id = t.project_id)))
             FROM perf_target t LEFT JOIN project p ON p.id = t.project_id
             WHERE {APPROVED_TARGETS} GROUP BY 1",
            k = by.k("p.budget_type", "t.unit_id")
        ),
        [year],
        |r| Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?)),
    )? {
        let f = slot(&mut b, k);
        f.self_required = required;
        f.self_submitted = submitted;
    }
    for (k, grade, n, budget, executed) in each(
        c,
        &format!(
            "SELECT {k}, s.grade, COUNT(*), SUM(s.budget_fen), COALESCE(SUM(s.executed_fen), 0)
         FROM self_eval s LEFT JOIN project p ON p.id = s.project_id
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
         GROUP BY 1, 2",
            k = by.k("p.budget_type", "s.unit_id")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        if let Some(g) = grade {
            f.self_grades.bump(&g, n);
        }
        f.self_budget_fen += budget;
        f.self_executed_fen += executed;
    }
    for (k, scores, weights) in each(
        c,
        &format!(
            "SELECT {k}, SUM(i.score_cp), SUM(i.weight_cp)
         FROM self_eval_item i JOIN self_eval s ON s.id = i.self_eval_id
         LEFT JOIN project p ON p.id = s.project_id
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
           AND i.deleted_at IS NULL AND i.not_applicable = 0
         GROUP BY 1",
            k = by.k("p.budget_type", "s.unit_id")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<i64>>(2)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        f.self_scores = scores.unwrap_or(0);
        f.self_weights = weights.unwrap_or(0);
    }
    for (k, kind, grade, n, fen, findings) in each(
        c,
        &format!(
            "SELECT {k}, e.kind, CASE WHEN e.status = '定稿' THEN e.grade END, COUNT(*),
                SUM(e.amount_fen),
                SUM((SELECT COUNT(*) FROM key_eval_finding f WHERE f.key_eval_id = e.id
                       AND f.deleted_at IS NULL))
         FROM key_eval e LEFT JOIN project p ON p.id = e.project_id
         WHERE e.fiscal_year = ?1 AND e.deleted_at IS NULL
         GROUP BY 1, 2, 3",
            k = by.k("p.budget_type", "COALESCE(e.unit_id, p.unit_id)")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        f.key_count += n;
        f.key_amount_fen += fen;
        f.key_findings += findings;
        if let Some(s) = f.key_by_kind.slot(&kind) {
            s.count += n;
            s.amount_fen += fen;
        }
        if let Some(g) = grade {
            f.key_grades.bump(&g, n);
        }
    }
    for (k, n, fee) in each(
        c,
        &format!(
            "SELECT {k}, COUNT(*), SUM(g.fee_fen)
         FROM engagement g JOIN key_eval e ON e.id = g.key_eval_id
         LEFT JOIN project p ON p.id = e.project_id
         WHERE e.fiscal_year = ?1 AND g.deleted_at IS NULL AND e.deleted_at IS NULL
         GROUP BY 1",
            k = by.k("p.budget_type", "COALESCE(e.unit_id, p.unit_id)")
        ),
        [year],
        |r| Ok((r.get::<_, Option<String>>(0)?, r.get(1)?, r.get(2)?)),
    )? {
        let f = slot(&mut b, k);
        f.third_party_engagements = n;
        f.third_party_fee_fen = fee;
    }
    if by == By::Unit {
        return Ok((b, Box::new(|_| {})));
    }
    let agencies: i64 = c.query_row(
        "SELECT COUNT(DISTINCT g.agency_id) FROM engagement g JOIN key_eval e ON e.id = g.key_eval_id
         WHERE e.fiscal_year = ?1 AND g.deleted_at IS NULL AND e.deleted_at IS NULL",
        [year],
        |r| r.get(0),
    )?;
    let coverage = crate::evaluation::self_list::self_coverage(c, year)?;
    let units = (
        coverage.len() as i64,
        coverage.iter().filter(|u| u.submitted > 0).count() as i64,
        coverage.iter().filter(|u| u.not_submitted == 0).count() as i64,
    );
    let spot = crate::evaluation::stats::spot_stats(c, year)?;
    Ok((
        b,
        Box::new(move |e: &mut EvaluationFigures| {
            e.self_units_required = Some(units.0);
            e.self_units_submitted = Some(units.1);
            e.self_units_complete = Some(units.2);
            e.spot_base = Some(spot.base);
            e.spot_drawn = Some(spot.drawn);
            e.spot_share_bp = Some(spot.share_bp);
            e.spot_reviewed = Some(spot.reviewed);
            e.spot_flagged = Some(spot.flagged);
            e.third_party_agencies = Some(agencies);
        }),
    ))
}

/// The project behind a document's or an 整改 item's source row.
const SOURCE_PROJECT: &str = "src(kind, id, project_id) AS (
      SELECT 'key_eval', id, project_id FROM key_eval
      UNION ALL SELECT 'key_eval_finding', f.id, k.project_id FROM key_eval_finding f
                JOIN key_eval k ON k.id = f.key_eval_id
      UNION ALL SELECT 'self_eval', id, project_id FROM self_eval
      UNION ALL SELECT 'spot_check', x.id, s.project_id FROM spot_check x
                JOIN self_eval s ON s.id = x.self_eval_id
      UNION ALL SELECT 'monitor_task', id, project_id FROM monitor_task
      UNION ALL SELECT 'perf_target', id, project_id FROM perf_target
      UNION ALL SELECT 'exante_assessment', id, project_id FROM exante_assessment)";

fn results(c: &Connection, year: i32, today: NaiveDate, by: By) -> Stage<ResultFigures> {
    let mut b: Buckets<ResultFigures> = Buckets::new();
    for (k, doc_type, issued, n) in each(
        c,
        &format!(
            "WITH {SOURCE_PROJECT}
             SELECT {k}, d.doc_type, d.status = '已印发', COUNT(*)
             FROM document d LEFT JOIN src ON src.kind = d.source_kind AND src.id = d.source_id
             LEFT JOIN project p ON p.id = src.project_id
             WHERE d.fiscal_year = ?1 AND d.deleted_at IS NULL
             GROUP BY 1, 2, 3",
            k = by.k("p.budget_type", "COALESCE(d.unit_id, p.unit_id)")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, bool>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    )? {
        if let Some(s) = slot(&mut b, k).documents.slot(&doc_type, issued) {
            *s += n;
        }
    }
    let settled = crate::results::rectification::SETTLED;
    for (k, open, overdue, closed) in each(
        c,
        &format!(
            "WITH {SOURCE_PROJECT}
             SELECT {k}, SUM(x.status <> '销号'),
                    SUM(x.deadline < ?2 AND x.status NOT IN {settled}), SUM(x.status = '销号')
             FROM rectification x LEFT JOIN src ON src.kind = x.source_kind AND src.id = x.source_id
             LEFT JOIN project p ON p.id = src.project_id
             WHERE x.fiscal_year = ?1 AND x.deleted_at IS NULL
             GROUP BY 1",
            k = by.k("p.budget_type", "x.unit_id")
        ),
        params![year, today.format("%Y-%m-%d").to_string()],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        f.rect_open = open;
        f.rect_overdue = overdue;
        f.rect_closed = closed;
    }
    for (k, action, n, fen) in each(
        c,
        &format!(
            "SELECT {k}, l.action, COUNT(*), SUM(l.amount_fen)
         FROM budget_linkage l LEFT JOIN project p ON p.id = l.project_id
         WHERE l.fiscal_year = ?1 AND l.deleted_at IS NULL
         GROUP BY 1, 2",
            k = by.k("p.budget_type", "COALESCE(l.unit_id, p.unit_id)")
        ),
        [year],
        |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
            ))
        },
    )? {
        let f = slot(&mut b, k);
        match action.as_str() {
            "优先保障" => f.linkage.priority += n,
            "据实安排" => f.linkage.as_needed += n,
            "压减" => {
                f.linkage.cut += n;
                f.linkage_cut_fen += fen;
            }
            "暂停" => f.linkage.paused += n,
            "取消" => f.linkage.cancelled += n,
            _ => {}
        }
    }
    if by == By::Unit {
        return Ok((b, Box::new(|_| {})));
    }
    // 成本分析压减: 建议压减额 under the adopted 成本定额标准 (crate::cost), by budget type
    // (county-wide: not split by unit).
    for (k, fen) in crate::cost::year_cuts_by_budget_type(c, year)? {
        slot(&mut b, Some(k)).cost_cut_fen += fen;
    }
    let rows = crate::results::disclosure::list_disclosure(c, year)?;
    let public = rows.iter().filter(|r| r.is_public).count() as i64;
    let not_public = rows.len() as i64 - public;
    let mut reasons: Vec<String> = rows
        .iter()
        .filter(|r| !r.is_public)
        .map(|r| r.reason.clone())
        .collect();
    reasons.sort();
    reasons.dedup();
    Ok((
        b,
        Box::new(move |f: &mut ResultFigures| {
            f.disclosed = Some(public);
            f.not_disclosed = Some(not_public);
            f.not_disclosed_reasons = reasons.clone();
        }),
    ))
}
