//! 疑点 over a year's data (监控 / 自评 / 抽查复核 / 结果应用), derived when read and never stored.
//!
//! Rules (parameters from the rule set in force; rates in bp, scores in centi-points):
//! - 支付成果错配 (latest monitoring round of the year): 执行率 ≥ hi and 完成率 < lo, or 执行率 <
//!   lo and 完成率 ≥ hi (hi 9000, lo 6000 by default).
//! - 资金闲置 (latest round): 执行率 < 时间进度 − the rule set's red 预警 lag.
//! - 满意度失真: a unit with 满意度 rows filled on two or more 自评表 of the year, every one at
//!   100 (one form is no pattern).
//! - 自评虚高: a reviewed 抽查复核 of the year's current draw whose 自评 grade is better than the
//!   复核 grade, or whose 自评分 − 复核分 ≥ the gap line (10.00 分 by default).
//! - 结果不应用: a submitted 自评 or 定稿 重点评价 graded 中 or 差 with no 预算挂钩 decision, or one
//!   that keeps next year's budget (优先保障 / 据实安排).
//! - 整改逾期未销号: a 整改事项 of the year past its 完成时限 and neither 已核实 nor 销号.
//! - 红灯未处理: a 红灯 监控情况表 (any round of the year) with no 财政 corrective action and no
//!   整改事项.
//!
//! A 疑点 is identified by `规则|对象类型|对象id`. The bureau may dismiss it with a reason or turn
//! it into a 整改事项; either decision (table `review_risk_decision`, audited) hides it.

use super::decimal::micro;
use super::{read_scope, scope_sql};
use crate::access::{Actor, Perm};
use crate::db::{new_id, WriteCtx};
use crate::monitoring::{list_rounds, task_rows, Warning};
use crate::results::rectification::{self as rect, RectInput, SOURCE_MONITOR, SOURCE_SPOT};
use crate::rules::{Grade, ReviewRuleCode as R, ReviewRules, Severity};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};
use ts_rs::TS;

/// `object_kind` of a 疑点 about a whole unit (满意度失真).
pub const OBJECT_UNIT: &str = "unit";
/// `object_kind` of a 自评表 / 重点评价 / 整改事项.
pub const OBJECT_SELF_EVAL: &str = "self_eval";
pub const OBJECT_KEY_EVAL: &str = "key_eval";
pub const OBJECT_RECT: &str = "rectification";

/// One 疑点.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Risk {
    /// 规则|对象类型|对象id — what a decision names.
    pub key: String,
    pub rule: crate::rules::ReviewRuleCode,
    pub severity: Severity,
    /// monitor_task (监控情况表) / spot_check (抽查复核) / self_eval / key_eval / rectification /
    /// unit.
    pub object_kind: String,
    pub object_id: String,
    /// 项目编码 (or 单位编码 for a 部门整体 or a unit).
    pub object_code: String,
    pub object_name: String,
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub message: String,
    /// The figures that triggered the rule, by Chinese name (「执行率」: 「95.00%」 …).
    pub figures: BTreeMap<String, String>,
}

impl Risk {
    /// 对象类型 in words.
    pub fn object_label(&self) -> &'static str {
        match self.object_kind.as_str() {
            SOURCE_MONITOR => "监控情况表",
            SOURCE_SPOT => "抽查复核",
            OBJECT_SELF_EVAL => "单位自评",
            OBJECT_KEY_EVAL => "重点评价",
            OBJECT_RECT => "整改事项",
            _ => "单位",
        }
    }
}

fn pct(bp: i64) -> String {
    crate::fmt_cp(bp) + "%"
}

struct Units(HashMap<String, (String, String)>);

impl Units {
    fn code(&self, id: &str) -> String {
        self.0.get(id).map(|u| u.0.clone()).unwrap_or_default()
    }
    fn name(&self, id: &str) -> String {
        self.0.get(id).map(|u| u.1.clone()).unwrap_or_default()
    }
}

struct Out<'a> {
    rules: &'a ReviewRules,
    units: Units,
    list: Vec<Risk>,
}

impl Out<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        code: R,
        kind: &str,
        id: &str,
        object_code: &str,
        object_name: &str,
        unit_id: &str,
        message: String,
        figures: &[(&str, String)],
    ) {
        let rule = self.rules.rule(code);
        if !rule.enabled {
            return;
        }
        self.list.push(Risk {
            key: format!("{}|{kind}|{id}", code.label()),
            rule: code,
            severity: rule.severity,
            object_kind: kind.into(),
            object_id: id.into(),
            object_code: object_code.into(),
            object_name: object_name.into(),
            unit_id: unit_id.into(),
            unit_code: self.units.code(unit_id),
            unit_name: self.units.name(unit_id),
            message,
            figures: figures
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        });
    }
}

/// The open 疑点 of `year` the actor may see (单位填报: its own unit subtree), in rule order;
/// dismissed and rectified ones are left out. `today` decides what is overdue.
pub fn risks(c: &Connection, actor: &Actor, year: i32, today: NaiveDate) -> Result<Vec<Risk>> {
    let mut all = all_risks(c, year, today)?;
    if let Some(scope) = read_scope(actor) {
        let mut st = c.prepare(&format!(
            "SELECT id FROM org_unit WHERE deleted_at IS NULL{}",
            scope_sql("id", 1)
        ))?;
        let ids: HashSet<String> = st
            .query_map([scope], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        all.retain(|r| ids.contains(&r.unit_id));
    }
    Ok(all)
}

fn all_risks(c: &Connection, year: i32, today: NaiveDate) -> Result<Vec<Risk>> {
    let rules = crate::rules::current(c)?.rules;
    let mut st = c.prepare("SELECT id, code, name FROM org_unit")?;
    let units = st
        .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))?
        .collect::<rusqlite::Result<HashMap<String, (String, String)>>>()?;
    let mut out = Out {
        rules: &rules.review,
        units: Units(units),
        list: Vec::new(),
    };
    monitoring_risks(c, year, &rules, &mut out)?;
    satisfaction_risks(c, year, &mut out)?;
    spot_risks(c, year, &mut out)?;
    result_risks(c, year, &mut out)?;
    overdue_risks(c, year, today, &mut out)?;
    let mut st = c.prepare("SELECT risk_key FROM review_risk_decision WHERE deleted_at IS NULL")?;
    let decided: HashSet<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let order: HashMap<R, usize> = R::ALL.iter().enumerate().map(|(i, r)| (*r, i)).collect();
    let mut list = out.list;
    list.retain(|r| !decided.contains(&r.key));
    list.sort_by(|a, b| {
        (order.get(&a.rule), &a.object_code, &a.key).cmp(&(
            order.get(&b.rule),
            &b.object_code,
            &b.key,
        ))
    });
    Ok(list)
}

fn monitoring_risks(
    c: &Connection,
    year: i32,
    rules: &crate::rules::RuleSet,
    out: &mut Out,
) -> Result<()> {
    let mut rounds = list_rounds(c, year)?;
    rounds.sort_by_key(|r| r.cutoff_month);
    let Some(latest) = rounds.last().map(|r| r.id.clone()) else {
        return Ok(());
    };
    let mut st = c.prepare(
        "SELECT source_id FROM rectification WHERE source_kind = ?1 AND deleted_at IS NULL",
    )?;
    let rectified: HashSet<String> = st
        .query_map([SOURCE_MONITOR], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mismatch = out.rules.rule(R::PayOutputMismatch);
    let (hi, lo) = (
        mismatch.param.unwrap_or(9000),
        mismatch.param2.unwrap_or(6000),
    );
    for round in &rounds {
        let month = format!("1–{}月", round.cutoff_month);
        for t in task_rows(c, &round.id)? {
            if t.warning == Some(Warning::Red) && t.actions.0 == 0 && !rectified.contains(&t.id) {
                out.push(
                    R::RedLightUnhandled,
                    SOURCE_MONITOR,
                    &t.id,
                    &t.code,
                    &t.name,
                    &t.unit_id,
                    format!("{month}监控为红灯，既无财政纠偏措施也无整改事项"),
                    &[
                        ("监控期间", month.clone()),
                        ("执行率", t.execution_bp.map(pct).unwrap_or_default()),
                        ("时间进度", pct(t.time_progress_bp)),
                    ],
                );
            }
            if round.id != latest {
                continue;
            }
            if let (Some(e), Some(done)) = (t.execution_bp, t.completion_bp) {
                if (e >= hi && done < lo) || (e < lo && done >= hi) {
                    let what = if e >= hi {
                        "资金已基本支付，但绩效目标完成率偏低"
                    } else {
                        "绩效目标基本完成，但资金支付偏低"
                    };
                    out.push(
                        R::PayOutputMismatch,
                        SOURCE_MONITOR,
                        &t.id,
                        &t.code,
                        &t.name,
                        &t.unit_id,
                        format!("{month}执行率 {}、完成率 {}：{what}", pct(e), pct(done)),
                        &[
                            ("监控期间", month.clone()),
                            ("执行率", pct(e)),
                            ("完成率", pct(done)),
                        ],
                    );
                }
            }
            if let Some(e) = t.execution_bp {
                let line = t.time_progress_bp - rules.warning.red_lag_bp;
                if e < line {
                    out.push(
                        R::IdleFunds,
                        SOURCE_MONITOR,
                        &t.id,
                        &t.code,
                        &t.name,
                        &t.unit_id,
                        format!(
                            "{month}执行率 {}，低于时间进度 {} 减红色预警滞后 {} 的 {}",
                            pct(e),
                            pct(t.time_progress_bp),
                            pct(rules.warning.red_lag_bp),
                            pct(line)
                        ),
                        &[
                            ("监控期间", month.clone()),
                            ("执行率", pct(e)),
                            ("时间进度", pct(t.time_progress_bp)),
                            ("闲置线", pct(line)),
                            (
                                "未支付",
                                format!(
                                    "{} 万元",
                                    crate::Fen(t.budget.0 - t.executed.map(|x| x.0).unwrap_or(0))
                                        .wan_2dp()
                                ),
                            ),
                        ],
                    );
                }
            }
        }
    }
    Ok(())
}

fn satisfaction_risks(c: &Connection, year: i32, out: &mut Out) -> Result<()> {
    let mut st = c.prepare(
        "SELECT s.unit_id, s.id, i.actual
         FROM self_eval_item i JOIN self_eval s ON s.id = i.self_eval_id
         WHERE s.fiscal_year = ?1 AND s.deleted_at IS NULL AND i.deleted_at IS NULL
           AND i.level2 = '服务对象满意度指标' AND i.not_applicable = 0 AND i.actual IS NOT NULL
         ORDER BY s.unit_id",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    // unit → (forms, rows, rows at 100)
    let mut per: BTreeMap<String, (HashSet<String>, i64, i64)> = BTreeMap::new();
    for (unit, form, actual) in rows {
        let e = per.entry(unit).or_default();
        e.0.insert(form);
        e.1 += 1;
        if micro(&actual) == Some(100_000_000) {
            e.2 += 1;
        }
    }
    for (unit, (forms, n, full)) in per {
        if forms.len() >= 2 && n == full {
            let code = out.units.code(&unit);
            let name = out.units.name(&unit);
            out.push(
                R::SatisfactionDistorted,
                OBJECT_UNIT,
                &unit,
                &code,
                &name,
                &unit,
                format!(
                    "{name}的{}份自评表中{}条满意度指标实际值全部为100%，请核实调查方式和样本",
                    forms.len(),
                    n
                ),
                &[
                    ("自评表数", forms.len().to_string()),
                    ("满意度指标数", n.to_string()),
                    ("为100%的", full.to_string()),
                ],
            );
        }
    }
    Ok(())
}

fn rank(g: Grade) -> i64 {
    match g {
        Grade::Excellent => 0,
        Grade::Good => 1,
        Grade::Fair => 2,
        Grade::Poor => 3,
    }
}

fn spot_risks(c: &Connection, year: i32, out: &mut Out) -> Result<()> {
    let gap = out.rules.rule(R::SelfEvalInflated).param.unwrap_or(1000);
    let mut st = c.prepare(
        "SELECT k.id, COALESCE(p.code, u.code), COALESCE(p.name, u.name || '（部门整体）'),
                s.unit_id, k.self_total_cp, s.grade, k.review_total_cp, k.review_grade
         FROM spot_check k JOIN spot_check_draw d ON d.id = k.draw_id
         JOIN self_eval s ON s.id = k.self_eval_id JOIN org_unit u ON u.id = s.unit_id
         LEFT JOIN project p ON p.id = s.project_id
         WHERE d.fiscal_year = ?1 AND d.is_current = 1 AND d.deleted_at IS NULL
           AND k.deleted_at IS NULL AND k.status = '已复核' AND k.review_total_cp IS NOT NULL",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Option<Grade>>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, Option<Grade>>(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, code, name, unit, self_cp, self_grade, review_cp, review_grade) in rows {
        let grade_up =
            matches!((self_grade, review_grade), (Some(s), Some(r)) if rank(s) < rank(r));
        let diff = self_cp - review_cp;
        if grade_up || diff >= gap {
            let g = |x: Option<Grade>| x.map(|g| g.label().to_string()).unwrap_or_default();
            out.push(
                R::SelfEvalInflated,
                SOURCE_SPOT,
                &id,
                &code,
                &name,
                &unit,
                format!(
                    "自评 {} 分（{}），抽查复核 {} 分（{}），相差 {} 分",
                    crate::fmt_cp(self_cp),
                    g(self_grade),
                    crate::fmt_cp(review_cp),
                    g(review_grade),
                    crate::fmt_cp(diff)
                ),
                &[
                    ("自评分", crate::fmt_cp(self_cp)),
                    ("自评等级", g(self_grade)),
                    ("复核分", crate::fmt_cp(review_cp)),
                    ("复核等级", g(review_grade)),
                    ("分差", crate::fmt_cp(diff)),
                ],
            );
        }
    }
    Ok(())
}

fn result_risks(c: &Connection, year: i32, out: &mut Out) -> Result<()> {
    let mut st = c.prepare(
        "WITH obj(kind, id, code, name, unit_id, grade) AS (
            SELECT 'key_eval', k.id, COALESCE(p.code, ''), k.object_name,
                   COALESCE(k.unit_id, p.unit_id), k.grade
            FROM key_eval k LEFT JOIN project p ON p.id = k.project_id
            WHERE k.deleted_at IS NULL AND k.fiscal_year = ?1 AND k.status = '定稿'
            UNION ALL
            SELECT 'self_eval', s.id, COALESCE(p.code, u.code),
                   COALESCE(p.name, u.name || '（部门整体）'), s.unit_id, s.grade
            FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
            LEFT JOIN project p ON p.id = s.project_id
            WHERE s.deleted_at IS NULL AND s.fiscal_year = ?1 AND s.status = '已提交')
         SELECT o.kind, o.id, o.code, o.name, COALESCE(o.unit_id, ''), o.grade, b.action
         FROM obj o LEFT JOIN budget_linkage b ON b.source_kind = o.kind AND b.source_id = o.id
              AND b.deleted_at IS NULL
         WHERE o.grade IN ('中','差')
           AND (b.id IS NULL OR b.action IN ('优先保障','据实安排'))
         ORDER BY o.code, o.id",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Grade>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (kind, id, code, name, unit, grade, action) in rows {
        let what = if kind == OBJECT_KEY_EVAL {
            "重点评价"
        } else {
            "单位自评"
        };
        let message = match &action {
            None => format!("{what}等级为『{}』，尚无预算挂钩决定", grade.label()),
            Some(a) => format!(
                "{what}等级为『{}』，预算挂钩却为『{a}』，下年预算未压减",
                grade.label()
            ),
        };
        out.push(
            R::ResultNotApplied,
            &kind,
            &id,
            &code,
            &name,
            &unit,
            message,
            &[
                ("评价等级", grade.label().to_string()),
                ("预算挂钩", action.unwrap_or_else(|| "无".into())),
            ],
        );
    }
    Ok(())
}

fn overdue_risks(c: &Connection, year: i32, today: NaiveDate, out: &mut Out) -> Result<()> {
    let mut st = c.prepare(
        "SELECT id, unit_id, problem, deadline, status FROM rectification
         WHERE fiscal_year = ?1 AND deleted_at IS NULL AND status NOT IN ('已核实','销号')
         ORDER BY deadline, id",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, crate::results::RectStatus>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (id, unit, problem, deadline, status) in rows {
        let days = rect::overdue_days(&deadline, status, today);
        if days > 0 {
            let code = out.units.code(&unit);
            out.push(
                R::RectOverdue,
                OBJECT_RECT,
                &id,
                &code,
                &rect_short(&problem),
                &unit,
                format!(
                    "整改事项完成时限 {deadline} 已过 {days} 天，当前为『{}』，尚未销号",
                    status.label()
                ),
                &[
                    ("完成时限", deadline.clone()),
                    ("逾期天数", days.to_string()),
                    ("状态", status.label().to_string()),
                ],
            );
        }
    }
    Ok(())
}

fn rect_short(text: &str) -> String {
    let mut s: String = text.chars().take(30).collect();
    if text.chars().count() > 30 {
        s.push('…');
    }
    s
}

fn find(ctx: &WriteCtx, year: i32, key: &str) -> Result<Risk> {
    all_risks(ctx, year, ctx.clock.today())?
        .into_iter()
        .find(|r| r.key == key)
        .ok_or_else(|| {
            Error::NotFound("该疑点已不存在（数据已变化或已被处理），请刷新疑点清单".into())
        })
}

fn record(
    ctx: &WriteCtx,
    year: i32,
    risk: &Risk,
    decision: &str,
    reason: &str,
    rect_id: Option<&str>,
) -> Result<String> {
    let id = new_id();
    let unit = (!risk.unit_id.is_empty()).then_some(risk.unit_id.as_str());
    ctx.execute(
        "INSERT INTO review_risk_decision (id, fiscal_year, risk_key, rule, object_kind, object_id,
            unit_id, decision, reason, rectification_id, message, decided_by, created_at,
            updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            year,
            risk.key,
            risk.rule.label(),
            risk.object_kind,
            risk.object_id,
            unit,
            decision,
            reason,
            rect_id,
            risk.message,
            format!("{}（{}）", ctx.actor.name, ctx.actor.dept),
            ctx.now()
        ],
    )?;
    Ok(id)
}

/// The bureau dismisses a 疑点 with a reason (排除); it leaves the 疑点清单. Audited.
pub fn dismiss_risk(ctx: &WriteCtx, year: i32, key: &str, reason: &str) -> Result<()> {
    ctx.require(Perm::RectManage)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::invalid("排除理由", "请写明排除该疑点的理由"));
    }
    if reason.chars().count() > 500 {
        return Err(Error::invalid("排除理由", "不能超过500个字"));
    }
    let risk = find(ctx, year, key)?;
    let id = record(ctx, year, &risk, "排除", reason, None)?;
    ctx.audit(
        "dismiss",
        "review_risk",
        Some(&id),
        &format!(
            "排除疑点『{}』：{} {}；理由：{reason}",
            risk.rule.label(),
            risk.object_code,
            risk.object_name
        ),
        None,
        Some(&serde_json::to_value(&risk)?),
    )
}

/// What the bureau adds when a 疑点 becomes a 整改事项.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskRectInput {
    /// 整改措施.
    pub measure: String,
    /// 责任人.
    pub responsible_person: String,
    /// 完成时限, YYYY-MM-DD.
    pub deadline: String,
}

/// Turns a 疑点 into a 整改事项 through the ordinary 整改台账 path (下达; 存在问题 = the 疑点's
/// message); a 监控情况表 or 抽查复核 keeps its source so the ledger names it. Returns the item.
pub fn risk_to_rectification(
    ctx: &WriteCtx,
    year: i32,
    key: &str,
    input: &RiskRectInput,
) -> Result<rect::RectRow> {
    ctx.require(Perm::RectManage)?;
    let risk = find(ctx, year, key)?;
    if risk.unit_id.is_empty() {
        return Err(Error::invalid(
            "责任单位",
            "该疑点没有对应的单位，不能转为整改事项",
        ));
    }
    let (kind, source) = match risk.object_kind.as_str() {
        SOURCE_MONITOR | SOURCE_SPOT => (risk.object_kind.clone(), Some(risk.object_id.clone())),
        _ => (rect::SOURCE_MANUAL.to_string(), None),
    };
    let row = rect::create_rectification(
        ctx,
        &RectInput {
            source_kind: kind,
            source_id: source,
            unit_id: risk.unit_id.clone(),
            problem: format!(
                "【{}】{} {}：{}",
                risk.rule.label(),
                risk.object_code,
                risk.object_name,
                risk.message
            ),
            basis: "智能审核疑点".into(),
            measure: input.measure.clone(),
            responsible_person: input.responsible_person.clone(),
            deadline: input.deadline.clone(),
            fiscal_year: year,
        },
    )?;
    let id = record(ctx, year, &risk, "转整改", "", Some(&row.id))?;
    ctx.audit(
        "rectify",
        "review_risk",
        Some(&id),
        &format!(
            "疑点『{}』转为整改事项：{} {}",
            risk.rule.label(),
            risk.object_code,
            risk.object_name
        ),
        None,
        Some(&serde_json::to_value(&risk)?),
    )?;
    Ok(row)
}

/// A decision already taken on a 疑点 of the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RiskDecision {
    pub id: String,
    pub risk_key: String,
    pub rule: String,
    pub object_kind: String,
    pub decision: String,
    pub reason: String,
    pub rectification_id: Option<String>,
    pub message: String,
    pub decided_by: String,
    pub created_at: String,
}

/// Decisions of `year`, newest first (the 已处理 tab of the 疑点清单).
pub fn risk_decisions(c: &Connection, year: i32) -> Result<Vec<RiskDecision>> {
    let mut st = c.prepare(
        "SELECT id, risk_key, rule, object_kind, decision, reason, rectification_id, message,
                decided_by, created_at
         FROM review_risk_decision WHERE fiscal_year = ?1 AND deleted_at IS NULL
         ORDER BY created_at DESC, id DESC",
    )?;
    let rows = st
        .query_map([year], |r| {
            Ok(RiskDecision {
                id: r.get(0)?,
                risk_key: r.get(1)?,
                rule: r.get(2)?,
                object_kind: r.get(3)?,
                decision: r.get(4)?,
                reason: r.get(5)?,
                rectification_id: r.get(6)?,
                message: r.get(7)?,
                decided_by: r.get(8)?,
                created_at: r.get(9)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Whether a decision exists for `key` (tests, the UI's refresh).
pub fn is_decided(c: &Connection, key: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT 1 FROM review_risk_decision WHERE risk_key = ?1 AND deleted_at IS NULL",
        [key],
        |_| Ok(()),
    )
    .optional()?
    .is_some())
}
