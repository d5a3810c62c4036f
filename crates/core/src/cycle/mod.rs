//! 全周期跟踪问效: projects whose 实施期 spans more than one year (the yearly project rows that
//! share a 项目编码 and 实施期) and policies whose 起止年度 do, followed across their years: each
//! year's budget, annual target, 执行 (全年 from the 自评, else the latest 监控 round) and result
//! (重点评价 when 定稿, else the 自评 score), the cumulative 执行率 and 完成度, a 到期 / 低效 flag
//! that proposes 清理退出, and the bureau's decision for the year (继续 / 调整 / 退出).
//!
//! Cumulative figures are exact integer means: 执行率 = Σ执行 / Σ预算 (bp, half up) and 完成度 =
//! Σ(预算ᵢ × 得分ᵢ) / Σ预算ᵢ over the years that have a result (centi-points, half up).
//! A policy's year takes its 资金规模 as budget and its projects' 执行 and results.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::listing::{search_text, Page};
use crate::money::Fen;
use crate::rate::{div_half_up, rate_bp};
use crate::rules::Grade;
use crate::{text_enum, Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// What is followed.
    pub enum CycleKind {
        Project = "项目",
        Policy = "政策",
    }
}

text_enum! {
    /// 到期 (the 实施期 ends in or before the year) / 低效 (results or execution too low).
    pub enum CycleFlag {
        Expiring = "到期",
        Inefficient = "低效",
    }
}

text_enum! {
    /// The bureau's decision for the year.
    pub enum CycleDecision {
        Continue = "继续",
        Adjust = "调整",
        Exit = "退出",
    }
}

/// One 监控 round of a year: 1–N月 执行.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CycleMonitor {
    pub month: i32,
    pub executed_fen: Fen,
    pub execution_bp: Option<i64>,
}

/// One year of a multi-year project or policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CycleYear {
    pub year: i32,
    /// The year's project rows (a project: one; a policy: its projects of the year).
    pub project_ids: Vec<String>,
    /// 调整后预算数 (a policy: its 资金规模 of the year, else its projects' budgets), 分.
    pub budget_fen: Fen,
    /// 年度绩效目标: the 总体目标 of the year's current target, and its state.
    pub target_goal: String,
    pub target_status: Option<String>,
    /// 执行数 and where it comes from (「自评（全年）」 or 「监控（1-9月）」); None without data.
    pub executed_fen: Option<Fen>,
    pub execution_source: String,
    pub execution_bp: Option<i64>,
    /// The year's 监控 rounds, by month.
    pub monitor: Vec<CycleMonitor>,
    /// The year's result: score (centi-points), grade and source (「重点评价」/「单位自评」).
    pub score_cp: Option<i64>,
    pub grade: Option<Grade>,
    pub score_source: String,
    /// Cumulative up to and including this year.
    pub cumulative_budget_fen: Fen,
    pub cumulative_execution_bp: Option<i64>,
    pub cumulative_completion_cp: Option<i64>,
}

/// A multi-year project or policy as the list shows it, for the year asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CycleRow {
    pub kind: CycleKind,
    /// 项目编码 (projects) or the policy's id: what a decision names.
    pub object_id: String,
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub unit_name: String,
    pub period_start: i32,
    pub period_end: i32,
    /// Σ budget over the 实施期 (years known so far), 分.
    pub total_budget_fen: Fen,
    pub cumulative_execution_bp: Option<i64>,
    pub cumulative_completion_cp: Option<i64>,
    pub flags: Vec<CycleFlag>,
    /// 「建议清理退出」 when flagged, else 「继续实施」.
    pub proposal: String,
    pub decision: Option<CycleDecision>,
    pub decision_reason: String,
}

/// The 全周期 view: the row and its years.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CycleView {
    pub row: CycleRow,
    pub years: Vec<CycleYear>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CycleQuery {
    /// The year looked from: objects whose 实施期 covers it.
    pub year: i32,
    pub kind: Option<CycleKind>,
    pub flag: Option<CycleFlag>,
    /// 「未决定」 rows only when true.
    pub undecided: Option<bool>,
    /// Matches 编码, 名称 or the unit's name.
    pub search: Option<String>,
    pub page: u32,
    pub page_size: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CycleDecisionInput {
    pub kind: CycleKind,
    pub object_id: String,
    pub year: i32,
    pub decision: CycleDecision,
    /// 理由 (required for 调整 and 退出).
    pub reason: String,
}

/// The figures of one project row (one year).
struct ProjectYear {
    id: String,
    budget: i64,
    goal: String,
    target_status: Option<String>,
    executed: Option<(i64, String)>,
    monitor: Vec<(i32, i64)>,
    score: Option<(i64, Option<Grade>, String)>,
}

fn project_year(c: &Connection, id: &str, budget: i64) -> Result<ProjectYear> {
    let target: Option<(String, String)> = c
        .query_row(
            "SELECT overall_goal, status FROM perf_target
             WHERE project_id = ?1 AND is_current = 1 AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let self_eval: Option<(Option<i64>, Option<i64>, Option<Grade>)> = c
        .query_row(
            "SELECT executed_fen, total_cp, grade FROM self_eval
             WHERE project_id = ?1 AND status = '已提交' AND deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let key: Option<(i64, Option<Grade>)> = c
        .query_row(
            "SELECT total_cp, grade FROM key_eval
             WHERE project_id = ?1 AND status = '定稿' AND total_cp IS NOT NULL
               AND deleted_at IS NULL ORDER BY updated_at DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let monitor: Vec<(i32, i64)> = {
        let mut stmt = c.prepare(
            "SELECT r.cutoff_month, t.executed_fen FROM monitor_task t
             JOIN monitor_round r ON r.id = t.round_id AND r.deleted_at IS NULL
             WHERE t.project_id = ?1 AND t.deleted_at IS NULL AND t.executed_fen IS NOT NULL
               AND t.status IN ('已提交','审核通过')
             ORDER BY r.cutoff_month",
        )?;
        let rows = stmt
            .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let executed = match self_eval.as_ref().and_then(|s| s.0) {
        Some(e) => Some((e, "自评（全年）".to_string())),
        None => monitor
            .last()
            .map(|(m, e)| (*e, format!("监控（1-{m}月）"))),
    };
    let score = match key {
        Some((cp, g)) => Some((cp, g, "重点评价".to_string())),
        None => self_eval.and_then(|(_, cp, g)| cp.map(|cp| (cp, g, "单位自评".to_string()))),
    };
    Ok(ProjectYear {
        id: id.to_string(),
        budget,
        goal: target.as_ref().map(|t| t.0.clone()).unwrap_or_default(),
        target_status: target.map(|t| t.1),
        executed,
        monitor,
        score,
    })
}

/// A year's figures from its project rows and a budget; then the running totals.
struct Running {
    budget: i64,
    exec_budget: i64,
    executed: i64,
    /// Full-year execution only (for the 低效 flag).
    full_budget: i64,
    full_executed: i64,
    score_weight: i128,
    score_sum: i128,
}

impl Running {
    fn new() -> Self {
        Running {
            budget: 0,
            exec_budget: 0,
            executed: 0,
            full_budget: 0,
            full_executed: 0,
            score_weight: 0,
            score_sum: 0,
        }
    }

    fn execution_bp(&self) -> Option<i64> {
        rate_bp(self.executed, self.exec_budget)
    }

    fn completion_cp(&self) -> Option<i64> {
        div_half_up(self.score_sum, self.score_weight)
    }
}

fn build_year(year: i32, budget: i64, rows: &[ProjectYear], run: &mut Running) -> CycleYear {
    let with_exec: Vec<&ProjectYear> = rows.iter().filter(|p| p.executed.is_some()).collect();
    let executed: Option<i64> = (!with_exec.is_empty()).then(|| {
        with_exec
            .iter()
            .filter_map(|p| p.executed.as_ref())
            .map(|e| e.0)
            .sum()
    });
    let exec_budget: i64 = with_exec.iter().map(|p| p.budget).sum();
    let source = match with_exec.first().and_then(|p| p.executed.as_ref()) {
        Some((_, s)) if rows.len() == 1 => s.clone(),
        Some(_) => format!("{}个项目", with_exec.len()),
        None => String::new(),
    };
    // The year's result: budget-weighted over its rows that have one.
    let scored: Vec<(&ProjectYear, i64)> = rows
        .iter()
        .filter_map(|p| p.score.as_ref().map(|s| (p, s.0)))
        .collect();
    let weight: i64 = scored.iter().map(|(p, _)| p.budget).sum();
    let score = if rows.len() == 1 {
        rows[0].score.as_ref().map(|s| s.0)
    } else if weight > 0 {
        div_half_up(
            scored
                .iter()
                .map(|(p, s)| i128::from(p.budget) * i128::from(*s))
                .sum(),
            i128::from(weight),
        )
    } else {
        None
    };
    let (grade, score_source) = match rows {
        [one] => (
            one.score.as_ref().and_then(|s| s.1),
            one.score.as_ref().map(|s| s.2.clone()).unwrap_or_default(),
        ),
        _ => (
            None,
            if scored.is_empty() {
                String::new()
            } else {
                format!("{}个项目", scored.len())
            },
        ),
    };
    // Monitoring: per month, summed over the rows.
    let mut months: std::collections::BTreeMap<i32, i64> = std::collections::BTreeMap::new();
    for p in rows {
        for (m, e) in &p.monitor {
            *months.entry(*m).or_default() += e;
        }
    }
    let row_budget: i64 = rows.iter().map(|p| p.budget).sum();
    run.budget += budget;
    if let Some(e) = executed {
        run.exec_budget += exec_budget;
        run.executed += e;
        if rows.iter().all(|p| {
            p.executed
                .as_ref()
                .is_none_or(|(_, s)| s.starts_with("自评"))
        }) {
            run.full_budget += exec_budget;
            run.full_executed += e;
        }
    }
    if let Some(s) = score {
        // Weighted by the year's budget (a policy: its 资金规模 of the year).
        run.score_weight += i128::from(budget);
        run.score_sum += i128::from(budget) * i128::from(s);
    }
    CycleYear {
        year,
        project_ids: rows.iter().map(|p| p.id.clone()).collect(),
        budget_fen: Fen(budget),
        target_goal: rows
            .iter()
            .map(|p| p.goal.as_str())
            .filter(|g| !g.is_empty())
            .collect::<Vec<_>>()
            .join("；"),
        target_status: match rows {
            [one] => one.target_status.clone(),
            _ => None,
        },
        executed_fen: executed.map(Fen),
        execution_source: source,
        execution_bp: executed.and_then(|e| rate_bp(e, exec_budget)),
        monitor: months
            .into_iter()
            .map(|(month, e)| CycleMonitor {
                month,
                executed_fen: Fen(e),
                execution_bp: rate_bp(e, row_budget),
            })
            .collect(),
        score_cp: score,
        grade,
        score_source,
        cumulative_budget_fen: Fen(run.budget),
        cumulative_execution_bp: run.execution_bp(),
        cumulative_completion_cp: run.completion_cp(),
    }
}

/// (kind, object_id, year) → (decision, reason).
fn decision_of(
    c: &Connection,
    kind: CycleKind,
    object_id: &str,
    year: i32,
) -> Result<Option<(CycleDecision, String)>> {
    Ok(c.query_row(
        "SELECT decision, reason FROM cycle_decision
         WHERE object_kind = ?1 AND object_id = ?2 AND fiscal_year = ?3 AND deleted_at IS NULL",
        params![kind, object_id, year],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?)
}

/// Flags of an object at `year` from its running totals.
fn flags_of(c: &Connection, period_end: i32, year: i32, run: &Running) -> Result<Vec<CycleFlag>> {
    let rules = crate::rules::current(c)?.rules;
    let mut flags = Vec::new();
    if period_end <= year {
        flags.push(CycleFlag::Expiring);
    }
    let poor_result = run
        .completion_cp()
        .is_some_and(|cp| cp < rules.grade_bands.fair_min_cp);
    // A full year's execution that lags past the red warning line (as a closed year's 监控 would).
    let poor_execution = rate_bp(run.full_executed, run.full_budget)
        .is_some_and(|bp| bp < 10_000 - rules.warning.red_lag_bp);
    if poor_result || poor_execution {
        flags.push(CycleFlag::Inefficient);
    }
    Ok(flags)
}

fn finish_row(c: &Connection, mut row: CycleRow, year: i32, run: &Running) -> Result<CycleRow> {
    row.total_budget_fen = Fen(run.budget);
    row.cumulative_execution_bp = run.execution_bp();
    row.cumulative_completion_cp = run.completion_cp();
    row.flags = flags_of(c, row.period_end, year, run)?;
    row.proposal = if row.flags.is_empty() {
        "继续实施".into()
    } else {
        "建议清理退出".into()
    };
    if let Some((d, reason)) = decision_of(c, row.kind, &row.object_id, year)? {
        row.decision = Some(d);
        row.decision_reason = reason;
    }
    Ok(row)
}

/// The 全周期 of the multi-year project with this 项目编码, seen from `year`.
pub fn project_cycle(c: &Connection, code: &str, year: i32) -> Result<CycleView> {
    // (id, fiscal_year, name, unit_id, unit_name, start, end, budget)
    type Raw = (String, i32, String, String, String, i32, i32, i64);
    let rows: Vec<Raw> = {
        let mut stmt = c.prepare(
            "SELECT p.id, p.fiscal_year, p.name, p.unit_id, u.name, p.period_start, p.period_end,
                    p.adjusted_budget_fen
             FROM project p JOIN org_unit u ON u.id = p.unit_id
             WHERE p.deleted_at IS NULL AND p.code = ?1 AND p.period_end > p.period_start
               AND p.fiscal_year <= ?2
             ORDER BY p.fiscal_year",
        )?;
        let rows = stmt
            .query_map(params![code, year], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    let Some(last) = rows.last().cloned() else {
        return Err(Error::NotFound(format!(
            "找不到{year}年度及以前实施期跨年度的项目『{code}』"
        )));
    };
    let mut run = Running::new();
    let mut years = Vec::new();
    for r in &rows {
        let py = project_year(c, &r.0, r.7)?;
        years.push(build_year(r.1, r.7, std::slice::from_ref(&py), &mut run));
    }
    let row = CycleRow {
        kind: CycleKind::Project,
        object_id: code.to_string(),
        code: code.to_string(),
        name: last.2,
        unit_id: last.3,
        unit_name: last.4,
        period_start: last.5,
        period_end: last.6,
        total_budget_fen: Fen(0),
        cumulative_execution_bp: None,
        cumulative_completion_cp: None,
        flags: Vec::new(),
        proposal: String::new(),
        decision: None,
        decision_reason: String::new(),
    };
    Ok(CycleView {
        row: finish_row(c, row, year, &run)?,
        years,
    })
}

/// The 全周期 of a policy, seen from `year`: its years from 起始年度 up to `year`.
pub fn policy_cycle(c: &Connection, policy_id: &str, year: i32) -> Result<CycleView> {
    let p = crate::policy::get_policy(c, policy_id)?;
    let mut run = Running::new();
    let mut years = Vec::new();
    for y in p.start_year..=p.end_year.min(year) {
        let mut rows = Vec::new();
        for x in p.projects.iter().filter(|x| x.fiscal_year == y) {
            rows.push(project_year(c, &x.project_id, x.adjusted_budget.0)?);
        }
        let budget = p
            .funds
            .iter()
            .find(|f| f.year == y)
            .map(|f| f.fen.0)
            .unwrap_or_else(|| rows.iter().map(|r| r.budget).sum());
        years.push(build_year(y, budget, &rows, &mut run));
    }
    let row = CycleRow {
        kind: CycleKind::Policy,
        object_id: p.id.clone(),
        code: p.doc_no.clone(),
        name: p.name.clone(),
        unit_id: p.dept_unit_id.clone(),
        unit_name: p.dept_unit_name.clone(),
        period_start: p.start_year,
        period_end: p.end_year,
        total_budget_fen: Fen(0),
        cumulative_execution_bp: None,
        cumulative_completion_cp: None,
        flags: Vec::new(),
        proposal: String::new(),
        decision: None,
        decision_reason: String::new(),
    };
    Ok(CycleView {
        row: finish_row(c, row, year, &run)?,
        years,
    })
}

/// The 全周期 view of either kind.
pub fn get_cycle(c: &Connection, kind: CycleKind, object_id: &str, year: i32) -> Result<CycleView> {
    match kind {
        CycleKind::Project => project_cycle(c, object_id, year),
        CycleKind::Policy => policy_cycle(c, object_id, year),
    }
}

/// Every multi-year project and policy whose 实施期 covers `q.year`, filtered and paged.
pub fn list_cycles(c: &Connection, q: &CycleQuery) -> Result<Page<CycleRow>> {
    let mut all = Vec::new();
    if q.kind != Some(CycleKind::Policy) {
        let codes: Vec<String> = {
            let mut stmt = c.prepare(
                "SELECT DISTINCT code FROM project
                 WHERE deleted_at IS NULL AND period_end > period_start
                   AND period_start <= ?1 AND period_end >= ?1 AND fiscal_year <= ?1
                 ORDER BY code",
            )?;
            let rows = stmt
                .query_map([q.year], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        for code in codes {
            all.push(project_cycle(c, &code, q.year)?.row);
        }
    }
    if q.kind != Some(CycleKind::Project) {
        let ids: Vec<String> = {
            let mut stmt = c.prepare(
                "SELECT id FROM policy WHERE deleted_at IS NULL AND end_year > start_year
                   AND start_year <= ?1 AND end_year >= ?1 ORDER BY name",
            )?;
            let rows = stmt
                .query_map([q.year], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            rows
        };
        for id in ids {
            all.push(policy_cycle(c, &id, q.year)?.row);
        }
    }
    let search = search_text(&q.search);
    all.retain(|r| {
        q.flag.is_none_or(|f| r.flags.contains(&f))
            && (q.undecided != Some(true) || r.decision.is_none())
            && search
                .is_none_or(|s| r.code.contains(s) || r.name.contains(s) || r.unit_name.contains(s))
    });
    Ok(Page::of(all, q.page, q.page_size))
}

/// Records the bureau's decision (继续 / 调整 / 退出) on a multi-year object for a year.
pub fn decide(ctx: &WriteCtx, input: &CycleDecisionInput) -> Result<CycleRow> {
    ctx.require(Perm::Linkage)?;
    let view = get_cycle(ctx, input.kind, &input.object_id, input.year)?;
    let reason = input.reason.trim();
    if reason.chars().count() > 500 {
        return Err(Error::invalid("理由", "不能超过500个字"));
    }
    if input.decision != CycleDecision::Continue && reason.is_empty() {
        return Err(Error::invalid(
            "理由",
            format!("决定『{}』时请填写理由", input.decision.label()),
        ));
    }
    let before = decision_of(ctx, input.kind, &input.object_id, input.year)?;
    let who = format!("{}（{}）", ctx.actor.name, ctx.actor.dept);
    let id: String = match &before {
        Some(_) => {
            let id: String = ctx.query_row(
                "SELECT id FROM cycle_decision WHERE object_kind = ?1 AND object_id = ?2
                   AND fiscal_year = ?3 AND deleted_at IS NULL",
                params![input.kind, input.object_id, input.year],
                |r| r.get(0),
            )?;
            ctx.execute(
                "UPDATE cycle_decision SET decision = ?2, reason = ?3, decided_by = ?4,
                    updated_at = ?5 WHERE id = ?1",
                params![id, input.decision, reason, who, ctx.now()],
            )?;
            id
        }
        None => {
            let id = new_id();
            ctx.execute(
                "INSERT INTO cycle_decision (id, fiscal_year, object_kind, object_id, unit_id,
                    decision, reason, decided_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![
                    id,
                    input.year,
                    input.kind,
                    input.object_id,
                    view.row.unit_id,
                    input.decision,
                    reason,
                    who,
                    ctx.now()
                ],
            )?;
            id
        }
    };
    let after = get_cycle(ctx, input.kind, &input.object_id, input.year)?.row;
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "cycle_decision",
        Some(&id),
        &format!(
            "全周期跟踪问效 {}年度 {}『{}』：{}{}",
            input.year,
            input.kind.label(),
            after.name,
            input.decision.label(),
            if reason.is_empty() {
                String::new()
            } else {
                format!("（{reason}）")
            }
        ),
        before
            .map(|(d, r)| serde_json::json!({"decision": d, "reason": r}))
            .as_ref(),
        Some(&serde_json::json!({"decision": input.decision, "reason": reason})),
    )?;
    Ok(after)
}
