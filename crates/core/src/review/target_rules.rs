//! 目标审核: the rules of [`ReviewRules`] over current 绩效目标.
//!
//! Rules and what they compare (parameters from the rule set in force):
//! - 缺少成本指标 / 缺少产出数量或质量指标 (project targets); 缺少满意度指标 (特定目标类 projects:
//!   those serve the public, 运转类 keep an office running); 指标层级不全: a 一级 with no row.
//! - 定量指标值非数值: nature ≥ ≤ = > < 区间 whose value (or upper bound) is not a decimal.
//! - 含模糊用语: a word of the editable list in the row's name or value.
//! - 定性与指标库不符: a 定性 row whose library indicator (by link, else by 二级 + name) is 定量.
//! - 量化率偏低: 定量 rows × 10000 / rows < floor (bp); 定性指标过多: 定性 rows > N.
//! - 低于上年指标值: 延续 project; last year's project of the same 项目编码 has an approved (二下)
//!   target with a row of the same 二级 and name; for ≥ > = rows, value × 10000 <
//!   last × (10000 − drop_bp).
//! - 低于指标库参考值: the library's 参考值 is a number (「≥90%」「100%」); for ≥ > = rows, value <
//!   参考值.
//! - 目标与预算不匹配: 成本指标 rows in 万元 or 元 summed in 分 differ from 调整后预算数 by more
//!   than tolerance_bp of the budget.
//! - 重复申报: see [`super::similarity`]; compared with every project target of the year.

use super::decimal::{micro, micro_loose, show};
use super::similarity::{duplicates, Item};
use super::{read_scope, scope_sql};
use crate::access::Actor;
use crate::indicator::{Level1, Level2, Nature};
use crate::rules::{ReviewRuleCode as R, ReviewRules, Severity};
use crate::targets::{CommentCategory, CommentInput, TargetKind};
use crate::Result;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use ts_rs::TS;

/// One finding of the target review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    pub target_id: String,
    /// None for a 部门整体 target.
    pub project_code: Option<String>,
    pub project_name: Option<String>,
    pub unit_code: String,
    pub rule: crate::rules::ReviewRuleCode,
    pub severity: Severity,
    /// 序号 (1-based, as on the form) of the 三级指标 row; None = the whole target.
    pub row: Option<i64>,
    /// Id of that row, for turning the finding into a 审核意见 on it.
    pub indicator_id: Option<String>,
    pub message: String,
    /// The 审核意见类别 a comment made from this finding gets.
    pub category: CommentCategory,
}

impl Finding {
    /// The 审核意见 this finding becomes with 「转为审核意见」 (sent with the return).
    pub fn to_comment(&self) -> CommentInput {
        CommentInput {
            indicator_id: self.indicator_id.clone(),
            category: self.category,
            text: format!("【{}】{}", self.rule.label(), self.message),
        }
    }
}

struct Row {
    id: String,
    seq: i64,
    level1: Level1,
    level2: Level2,
    name: String,
    nature: Nature,
    value: String,
    value_high: Option<String>,
    unit: String,
    library_id: Option<String>,
}

struct Proj {
    code: String,
    name: String,
    specific: bool,
    continuing: bool,
    budget_fen: i64,
    /// 专项债券 project.
    bond: bool,
}

struct Tgt {
    id: String,
    year: i32,
    unit_code: String,
    project: Option<Proj>,
    rows: Vec<Row>,
}

/// Library facts: is it 定量, and its numeric 参考值 (micro-units) if it has one.
#[derive(Clone, Copy)]
struct Lib {
    quantitative: bool,
    reference: Option<i128>,
}

struct Facts {
    by_id: HashMap<String, Lib>,
    by_name: HashMap<(Level2, String), Lib>,
    /// (项目编码, 二级, 名称) → last year's approved value (micro) for 延续 projects.
    last_year: HashMap<(String, Level2, String), i128>,
    /// target id → (other project code, other name, name bp, indicator bp).
    dups: HashMap<String, Vec<(String, String, i64, i64)>>,
}

/// Reviews one current target under the rule set in force.
pub fn review_target(c: &Connection, target_id: &str) -> Result<Vec<Finding>> {
    let year: Option<i32> = c
        .query_row(
            "SELECT fiscal_year FROM perf_target WHERE id = ?1 AND deleted_at IS NULL",
            [target_id],
            |r| r.get(0),
        )
        .ok();
    let Some(year) = year else {
        return Err(crate::Error::NotFound(format!(
            "找不到绩效目标『{target_id}』"
        )));
    };
    run(c, year, Some(target_id), None)
}

/// Reviews every current target of `year` the actor may see (单位填报: its own unit subtree),
/// ordered by 项目编码 / 单位编码 and row.
pub fn review_year(c: &Connection, actor: &Actor, year: i32) -> Result<Vec<Finding>> {
    run(c, year, None, read_scope(actor).as_deref())
}

fn run(c: &Connection, year: i32, one: Option<&str>, scope: Option<&str>) -> Result<Vec<Finding>> {
    let rules = crate::rules::current(c)?.rules.review;
    let targets = load_targets(c, year, one, scope)?;
    let facts = load_facts(c, year, &targets, &rules)?;
    let mut out = Vec::new();
    for t in &targets {
        check(t, &rules, &facts, &mut out);
    }
    Ok(out)
}

fn load_targets(
    c: &Connection,
    year: i32,
    one: Option<&str>,
    scope: Option<&str>,
) -> Result<Vec<Tgt>> {
    let mut args: Vec<Value> = vec![Value::Integer(year.into())];
    let mut filter = String::new();
    if let Some(id) = one {
        args.push(Value::Text(id.into()));
        filter.push_str(&format!(" AND t.id = ?{}", args.len()));
    }
    if let Some(u) = scope {
        args.push(Value::Text(u.into()));
        filter.push_str(&scope_sql("t.unit_id", args.len()));
    }
    let sel = format!(
        "SELECT t.id FROM perf_target t WHERE t.fiscal_year = ?1 AND t.is_current = 1
           AND t.deleted_at IS NULL{filter}"
    );
    let mut st = c.prepare(&format!(
        "SELECT t.id, t.kind, u.code, p.code, p.name, p.category, p.new_or_continuing,
                p.adjusted_budget_fen, p.is_special_bond
         FROM perf_target t JOIN org_unit u ON u.id = t.unit_id
         LEFT JOIN project p ON p.id = t.project_id
         WHERE t.id IN ({sel})
         ORDER BY COALESCE(p.code, u.code), t.kind"
    ))?;
    let mut targets: Vec<Tgt> = st
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            let kind: TargetKind = r.get(1)?;
            let project = match kind {
                TargetKind::Project => Some(Proj {
                    code: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                    name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                    specific: r.get::<_, Option<String>>(5)?.as_deref() == Some("特定目标类"),
                    continuing: r.get::<_, Option<String>>(6)?.as_deref() == Some("延续"),
                    budget_fen: r.get::<_, Option<i64>>(7)?.unwrap_or(0),
                    bond: r.get::<_, Option<bool>>(8)?.unwrap_or(false),
                }),
                TargetKind::Unit => None,
            };
            Ok(Tgt {
                id: r.get(0)?,
                year,
                unit_code: r.get(2)?,
                project,
                rows: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let pos: HashMap<String, usize> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| (t.id.clone(), i))
        .collect();
    let mut st = c.prepare(&format!(
        "SELECT target_id, id, seq, level1, level2, name, nature, value, value_high, unit,
                library_id
         FROM target_indicator WHERE deleted_at IS NULL AND target_id IN ({sel})
         ORDER BY target_id, seq"
    ))?;
    let rows = st.query_map(rusqlite::params_from_iter(args.iter()), |r| {
        Ok((
            r.get::<_, String>(0)?,
            Row {
                id: r.get(1)?,
                seq: r.get(2)?,
                level1: r.get(3)?,
                level2: r.get(4)?,
                name: r.get(5)?,
                nature: r.get(6)?,
                value: r.get(7)?,
                value_high: r.get(8)?,
                unit: r.get(9)?,
                library_id: r.get(10)?,
            },
        ))
    })?;
    for row in rows {
        let (tid, row) = row?;
        if let Some(&i) = pos.get(&tid) {
            targets[i].rows.push(row);
        }
    }
    Ok(targets)
}

fn load_facts(c: &Connection, year: i32, targets: &[Tgt], rules: &ReviewRules) -> Result<Facts> {
    let mut by_id = HashMap::new();
    let mut by_name: HashMap<(Level2, String), Lib> = HashMap::new();
    let mut st = c.prepare(
        "SELECT id, level2, name, nature, reference FROM library_indicator
         WHERE deleted_at IS NULL ORDER BY created_at, id",
    )?;
    let lib = st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Level2>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Nature>(3)?,
            r.get::<_, String>(4)?,
        ))
    })?;
    for l in lib {
        let (id, level2, name, nature, reference) = l?;
        let fact = Lib {
            quantitative: nature.is_quantitative(),
            reference: micro_loose(&reference),
        };
        by_id.insert(id, fact);
        let e = by_name.entry((level2, name)).or_insert(fact);
        // The same name in several categories: 定量 anywhere counts, the first number is kept.
        e.quantitative |= fact.quantitative;
        e.reference = e.reference.or(fact.reference);
    }

    let mut last_year = HashMap::new();
    if rules.rule(R::BelowLastYear).enabled {
        let codes: std::collections::HashSet<&str> = targets
            .iter()
            .filter_map(|t| t.project.as_ref())
            .filter(|p| p.continuing)
            .map(|p| p.code.as_str())
            .collect();
        if !codes.is_empty() {
            let mut st = c.prepare(
                "SELECT p.code, ti.level2, ti.name, ti.value
                 FROM project p
                 JOIN perf_target t ON t.project_id = p.id AND t.is_current = 1
                      AND t.deleted_at IS NULL AND t.status = '二下'
                 JOIN target_indicator ti ON ti.target_id = t.id AND ti.deleted_at IS NULL
                 WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL
                   AND ti.nature IN ('≥','>','=')",
            )?;
            let rows = st.query_map([year - 1], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Level2>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            })?;
            for row in rows {
                let (code, level2, name, value) = row?;
                if codes.contains(code.as_str()) {
                    if let Some(v) = micro(&value) {
                        last_year.insert((code, level2, name), v);
                    }
                }
            }
        }
    }

    let mut dups: HashMap<String, Vec<(String, String, i64, i64)>> = HashMap::new();
    let dup = rules.rule(R::Duplicate);
    if dup.enabled && targets.iter().any(|t| t.project.is_some()) {
        let mut st = c.prepare(
            "SELECT t.id, p.code, p.name, ti.name
             FROM perf_target t JOIN project p ON p.id = t.project_id
             LEFT JOIN target_indicator ti ON ti.target_id = t.id AND ti.deleted_at IS NULL
             WHERE t.fiscal_year = ?1 AND t.is_current = 1 AND t.deleted_at IS NULL
             ORDER BY t.id",
        )?;
        let rows = st.query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut items: Vec<Item> = Vec::new();
        let mut meta: Vec<(String, String, String)> = Vec::new();
        for row in rows {
            let (tid, code, name, ind) = row?;
            if meta.last().map(|m| &m.0) != Some(&tid) {
                items.push(Item {
                    key: items.len(),
                    name: name.clone(),
                    indicators: Vec::new(),
                });
                meta.push((tid, code, name));
            }
            if let (Some(ind), Some(item)) = (ind, items.last_mut()) {
                item.indicators.push(ind);
            }
        }
        let line = dup.param.unwrap_or(8000);
        for (a, b, name_bp, ind_bp) in duplicates(&items, line) {
            let (ta, ca, na) = &meta[a];
            let (tb, cb, nb) = &meta[b];
            dups.entry(ta.clone())
                .or_default()
                .push((cb.clone(), nb.clone(), name_bp, ind_bp));
            dups.entry(tb.clone())
                .or_default()
                .push((ca.clone(), na.clone(), name_bp, ind_bp));
        }
    }
    Ok(Facts {
        by_id,
        by_name,
        last_year,
        dups,
    })
}

fn pct(bp: i64) -> String {
    crate::fmt_cp(bp) + "%"
}

fn check(t: &Tgt, rules: &ReviewRules, facts: &Facts, out: &mut Vec<Finding>) {
    let mut push = |code: R, row: Option<&Row>, category: CommentCategory, message: String| {
        let rule = rules.rule(code);
        if !rule.enabled {
            return;
        }
        out.push(Finding {
            target_id: t.id.clone(),
            project_code: t.project.as_ref().map(|p| p.code.clone()),
            project_name: t.project.as_ref().map(|p| p.name.clone()),
            unit_code: t.unit_code.clone(),
            rule: code,
            severity: rule.severity,
            row: row.map(|r| r.seq),
            indicator_id: row.map(|r| r.id.clone()),
            message,
            category,
        });
    };
    use CommentCategory::{Appropriateness as Fit, Completeness as Whole, Relevance as Rel};
    let has2 = |l: Level2| t.rows.iter().any(|r| r.level2 == l);

    // 核心指标缺失
    if let Some(p) = &t.project {
        if !has2(Level2::Cost) {
            push(
                R::MissingCost,
                None,
                Whole,
                "没有成本指标，请补充单位成本或总成本控制指标".into(),
            );
        }
        if !has2(Level2::Quantity) || !has2(Level2::Quality) {
            let missing = match (has2(Level2::Quantity), has2(Level2::Quality)) {
                (false, false) => "数量指标和质量指标",
                (false, true) => "数量指标",
                _ => "质量指标",
            };
            push(
                R::MissingOutput,
                None,
                Whole,
                format!("产出指标缺少{missing}"),
            );
        }
        if p.bond {
            // 财预〔2021〕61号: a bond project's targets state its 融资成本 and its 偿债风险.
            let named = |words: &[&str]| {
                t.rows
                    .iter()
                    .any(|r| words.iter().any(|w| r.name.contains(w)))
            };
            let cost = named(&["融资成本", "债券利率", "利息成本", "发行利率"]);
            let risk = named(&["偿债", "还本付息", "债务风险"]);
            let missing: Vec<&str> = [(!cost, "融资成本指标"), (!risk, "偿债风险指标")]
                .into_iter()
                .filter_map(|(m, what)| m.then_some(what))
                .collect();
            if !missing.is_empty() {
                push(
                    R::BondMissingDebtIndicators,
                    None,
                    Whole,
                    format!(
                        "专项债券项目的目标缺少{}（如「债券融资成本率」「偿债资金覆盖率」）",
                        missing.join("和")
                    ),
                );
            }
        }
        if p.specific && !has2(Level2::ServiceSatisfaction) {
            push(
                R::MissingSatisfaction,
                None,
                Whole,
                "特定目标类项目面向服务对象，没有满意度指标".into(),
            );
        }
    }
    if !t.rows.is_empty() {
        let empty: Vec<&str> = Level1::ALL
            .iter()
            .filter(|l| !t.rows.iter().any(|r| r.level1 == **l))
            .map(|l| l.label())
            .collect();
        if !empty.is_empty() {
            push(
                R::LevelIncomplete,
                None,
                Whole,
                format!("{}下没有三级指标", empty.join("、")),
            );
        }
    }

    // 不可衡量, per row
    let words = &rules.vague_words;
    for r in &t.rows {
        if r.nature.is_quantitative() {
            let bad_high = r.nature == Nature::Range
                && r.value_high.as_deref().map(|h| micro(h).is_none()) != Some(false);
            if micro(&r.value).is_none() || bad_high {
                let shown = crate::indicator::display_value(&r.value, r.value_high.as_deref());
                push(
                    R::NotNumeric,
                    Some(r),
                    Fit,
                    format!(
                        "第{}行『{}』性质为『{}』，指标值『{shown}』不是数值",
                        r.seq,
                        r.name,
                        r.nature.label()
                    ),
                );
            }
        }
        let found: Vec<&str> = words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty() && (r.name.contains(w) || r.value.contains(w)))
            .collect();
        if !found.is_empty() {
            push(
                R::VagueWords,
                Some(r),
                Fit,
                format!(
                    "第{}行『{}』含模糊用语「{}」，难以衡量，请改为可核验的表述或数值",
                    r.seq,
                    r.name,
                    found.join("」「")
                ),
            );
        }
        let lib = r
            .library_id
            .as_ref()
            .and_then(|id| facts.by_id.get(id))
            .or_else(|| facts.by_name.get(&(r.level2, r.name.clone())))
            .copied();
        if r.nature == Nature::Qualitative && lib.is_some_and(|l| l.quantitative) {
            push(
                R::QualitativeVsLibrary,
                Some(r),
                Fit,
                format!(
                    "第{}行『{}』在指标库中为定量指标，这里填为定性，请填写数值目标",
                    r.seq, r.name
                ),
            );
        }
        let higher_better = matches!(r.nature, Nature::AtLeast | Nature::Greater | Nature::Equal);
        if let (true, Some(v)) = (higher_better, micro(&r.value)) {
            if let Some(p) = t.project.as_ref().filter(|p| p.continuing) {
                let key = (p.code.clone(), r.level2, r.name.clone());
                if let Some(&last) = facts.last_year.get(&key) {
                    let drop = rules.rule(R::BelowLastYear).param.unwrap_or(2000) as i128;
                    if v * 10000 < last * (10000 - drop) {
                        push(
                            R::BelowLastYear,
                            Some(r),
                            Fit,
                            format!(
                                "第{}行『{}』指标值 {} 比上年（{}年）批复值 {} 低{}以上",
                                r.seq,
                                r.name,
                                show(v),
                                t.year - 1,
                                show(last),
                                pct(drop as i64)
                            ),
                        );
                    }
                }
            }
            if let Some(reference) = lib.and_then(|l| l.reference) {
                if v < reference {
                    push(
                        R::BelowReference,
                        Some(r),
                        Fit,
                        format!(
                            "第{}行『{}』指标值 {} 低于指标库参考值 {}",
                            r.seq,
                            r.name,
                            show(v),
                            show(reference)
                        ),
                    );
                }
            }
        }
    }

    // 量化不足
    let total = t.rows.len() as i64;
    let qualitative = t
        .rows
        .iter()
        .filter(|r| r.nature == Nature::Qualitative)
        .count() as i64;
    if let Some(rate) = crate::rate::rate_bp(total - qualitative, total) {
        let floor = rules.rule(R::LowQuantification).param.unwrap_or(7000);
        if rate < floor {
            push(
                R::LowQuantification,
                None,
                Fit,
                format!(
                    "量化率 {}（{}条中定量{}条），低于下限 {}",
                    pct(rate),
                    total,
                    total - qualitative,
                    pct(floor)
                ),
            );
        }
    }
    let max_q = rules.rule(R::TooManyQualitative).param.unwrap_or(3);
    if qualitative > max_q {
        push(
            R::TooManyQualitative,
            None,
            Fit,
            format!("定性指标{qualitative}条，超过上限{max_q}条"),
        );
    }

    // 目标与预算
    if let Some(p) = &t.project {
        let mut cost_fen: i128 = 0;
        let mut any = false;
        for r in t.rows.iter().filter(|r| r.level2 == Level2::Cost) {
            let factor: i128 = match r.unit.trim() {
                "万元" => 1_000_000,
                "元" => 100,
                _ => continue,
            };
            if let Some(v) = micro(&r.value) {
                cost_fen += v * factor / 1_000_000;
                any = true;
            }
        }
        let tol = rules.rule(R::BudgetMismatch).param.unwrap_or(500) as i128;
        let budget = p.budget_fen as i128;
        if any && budget > 0 && (cost_fen - budget).abs() * 10000 > budget * tol {
            push(
                R::BudgetMismatch,
                None,
                Rel,
                format!(
                    "成本指标合计 {} 万元，与项目预算 {} 万元相差超过{}",
                    crate::Fen(cost_fen as i64).wan_2dp(),
                    crate::Fen(p.budget_fen).wan_2dp(),
                    pct(tol as i64)
                ),
            );
        }
    }

    // 重复申报
    if let Some(list) = facts.dups.get(&t.id) {
        for (code, name, name_bp, ind_bp) in list {
            push(
                R::Duplicate,
                None,
                Rel,
                format!(
                    "与项目 {code}『{name}』名称相似度 {}、指标相似度 {}，请核实是否重复申报",
                    pct(*name_bp),
                    pct(*ind_bp)
                ),
            );
        }
    }
}
