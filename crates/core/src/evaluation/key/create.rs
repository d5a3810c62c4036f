//! Creating a key evaluation (its object checked by kind, the kind's score sheet copied from
//! the rule set in force) and editing its plan until 定稿. A 全周期 link must point to the same
//! object's evaluation of an earlier year that no other evaluation follows yet.

use super::model::*;
use super::query::{get_key_eval, get_row, next_stage_id};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::evaluation::{KeyKind, KeyMethod, KeyStatus};
use crate::money::Fen;
use crate::org::{get_unit, validate_year, OrgUnit, UnitKind};
use crate::projects::get_project;
use crate::{rules, Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

/// The stamp-free "name（dept）" of the acting operator.
pub(super) fn who(ctx: &WriteCtx) -> String {
    format!("{}（{}）", ctx.actor.name, ctx.actor.dept)
}

fn text(field: &str, value: &str, max: usize) -> Result<String> {
    let t = value.trim();
    if t.chars().count() > max {
        return Err(Error::invalid(field, format!("不能超过{max}个字")));
    }
    Ok(t.to_string())
}

fn date(field: &str, value: &Option<String>) -> Result<Option<String>> {
    match value.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(|d| Some(d.format("%Y-%m-%d").to_string()))
            .map_err(|_| {
                Error::invalid(
                    field,
                    format!("『{t}』不是日期，请按 2026-03-15 的格式填写"),
                )
            }),
    }
}

/// The checked plan fields common to create and update.
struct Plan {
    object_name: String,
    team: String,
    plan_start: Option<String>,
    plan_end: Option<String>,
    basis: String,
}

fn check_plan(
    object_name: &str,
    amount: Fen,
    team: &str,
    start: &Option<String>,
    end: &Option<String>,
    basis: &str,
) -> Result<Plan> {
    let object_name = text("评价对象", object_name, 100)?;
    if object_name.is_empty() {
        return Err(Error::invalid(
            "评价对象",
            "不能为空，请填写被评价的政策或对象名称",
        ));
    }
    if amount.0 < 0 {
        return Err(Error::invalid("评价金额（万元）", "不能为负数"));
    }
    let plan_start = date("计划开始日期", start)?;
    let plan_end = date("计划完成日期", end)?;
    if let (Some(s), Some(e)) = (&plan_start, &plan_end) {
        if e < s {
            return Err(Error::invalid(
                "计划完成日期",
                format!("不能早于计划开始日期 {s}"),
            ));
        }
    }
    Ok(Plan {
        object_name,
        team: text("评价工作组", team, 200)?,
        plan_start,
        plan_end,
        basis: text("评价依据", basis, 2000)?,
    })
}

/// Who the evaluation is about, for the 全周期 check.
struct Identity<'a> {
    kind: KeyKind,
    year: i32,
    project_code: Option<&'a str>,
    unit_id: Option<&'a str>,
    object_name: &'a str,
}

fn check_previous(
    c: &Connection,
    who: &Identity,
    previous_id: Option<&str>,
    self_id: Option<&str>,
) -> Result<Option<String>> {
    let Some(pid) = previous_id.filter(|p| !p.is_empty()) else {
        return Ok(None);
    };
    let field = "上一阶段评价";
    if Some(pid) == self_id {
        return Err(Error::invalid(field, "不能选择本评价自己"));
    }
    let prev = get_row(c, pid).map_err(|_| Error::invalid(field, "所选评价不存在"))?;
    if prev.kind != who.kind {
        return Err(Error::invalid(
            field,
            format!(
                "『{}』是{}评价，与本评价类别不同",
                prev.object_name,
                prev.kind.label()
            ),
        ));
    }
    if prev.fiscal_year >= who.year {
        return Err(Error::invalid(
            field,
            format!(
                "『{}』是 {} 年度的评价，全周期跟踪只能接续更早年度的评价",
                prev.object_name, prev.fiscal_year
            ),
        ));
    }
    let same = match who.kind {
        KeyKind::Project => prev.project_code.as_deref() == who.project_code,
        KeyKind::Department | KeyKind::Township => prev.unit_id.as_deref() == who.unit_id,
        KeyKind::Policy => prev.object_name == who.object_name,
    };
    if !same {
        return Err(Error::invalid(
            field,
            format!(
                "『{}』评价的不是同一对象，不能作为上一阶段",
                prev.object_name
            ),
        ));
    }
    if let Some(next) = next_stage_id(c, pid)? {
        if Some(next.as_str()) != self_id {
            return Err(Error::Conflict(format!(
                "{} 年度『{}』已有下一阶段评价，不能重复接续",
                prev.fiscal_year, prev.object_name
            )));
        }
    }
    Ok(Some(prev.id))
}

fn unit_of_kind(c: &Connection, id: Option<&str>, field: &str, ok: &[UnitKind]) -> Result<OrgUnit> {
    let id = id.filter(|i| !i.is_empty()).ok_or_else(|| {
        Error::invalid(
            field,
            format!(
                "请选择{}",
                ok.iter().map(|k| k.label()).collect::<Vec<_>>().join("或")
            ),
        )
    })?;
    let unit = get_unit(c, id).map_err(|_| Error::invalid(field, "所选单位不存在"))?;
    if !ok.contains(&unit.kind) {
        return Err(Error::invalid(
            field,
            format!(
                "『{}』是{}，这里应选择{}",
                unit.name,
                unit.kind.label(),
                ok.iter().map(|k| k.label()).collect::<Vec<_>>().join("或")
            ),
        ));
    }
    Ok(unit)
}

/// Creates a key evaluation in 计划 with the kind's score sheet from the current rule set.
pub fn create_key_eval(ctx: &WriteCtx, input: &KeyEvalInput) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    validate_year(input.year)?;
    let given_name = input.object_name.trim();
    let (project, unit, default_name, default_amount) = match input.kind {
        KeyKind::Project => {
            let pid = input
                .project_id
                .as_deref()
                .filter(|p| !p.is_empty())
                .ok_or_else(|| Error::invalid("评价项目", "请选择被评价的项目"))?;
            let p =
                get_project(ctx, pid).map_err(|_| Error::invalid("评价项目", "所选项目不存在"))?;
            if p.fiscal_year != input.year {
                return Err(Error::invalid(
                    "评价项目",
                    format!(
                        "项目 {} 是 {} 年度的项目，请选择 {} 年度的项目",
                        p.code, p.fiscal_year, input.year
                    ),
                ));
            }
            let unit = get_unit(ctx, &p.unit_id)?;
            let (name, amount) = (p.name.clone(), p.adjusted_budget);
            (Some(p), Some(unit), name, amount)
        }
        KeyKind::Department => {
            let ok = [UnitKind::Department, UnitKind::BudgetUnit];
            let u = unit_of_kind(ctx, input.unit_id.as_deref(), "被评价单位", &ok)?;
            let name = format!("{}部门整体支出", u.name);
            (None, Some(u), name, Fen(0))
        }
        KeyKind::Township => {
            let u = unit_of_kind(
                ctx,
                input.unit_id.as_deref(),
                "被评价乡镇",
                &[UnitKind::Township],
            )?;
            let name = format!("{}财政运行", u.name);
            (None, Some(u), name, Fen(0))
        }
        KeyKind::Policy => {
            let unit = match input.unit_id.as_deref().filter(|u| !u.is_empty()) {
                None => None,
                Some(id) => Some(unit_of_kind(
                    ctx,
                    Some(id),
                    "主管部门",
                    &[UnitKind::Department, UnitKind::BudgetUnit],
                )?),
            };
            (None, unit, String::new(), Fen(0))
        }
    };
    let object_name = if given_name.is_empty() {
        default_name.as_str()
    } else {
        given_name
    };
    let amount = input.amount.unwrap_or(default_amount);
    let plan = check_plan(
        object_name,
        amount,
        &input.team,
        &input.plan_start,
        &input.plan_end,
        &input.basis,
    )?;
    let previous = check_previous(
        ctx,
        &Identity {
            kind: input.kind,
            year: input.year,
            project_code: project.as_ref().map(|p| p.code.as_str()),
            unit_id: unit.as_ref().map(|u| u.id.as_str()),
            object_name: &plan.object_name,
        },
        input.previous_id.as_deref(),
        None,
    )?;
    let current = rules::current(ctx)?;
    let template = current
        .rules
        .evaluation
        .key_templates
        .iter()
        .find(|t| t.kind == input.kind.label())
        .ok_or_else(|| {
            Error::invalid(
                "评分表",
                format!(
                    "规则设置中没有{}评价的评分表模板，请先在规则设置中补充",
                    input.kind.label()
                ),
            )
        })?;

    let id = new_id();
    let now = ctx.now().to_string();
    ctx.execute(
        "INSERT INTO key_eval (id, fiscal_year, kind, object_name, project_id, unit_id,
            amount_fen, method, team, plan_start, plan_end, status, previous_id, basis,
            created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?16)",
        params![
            id,
            input.year,
            input.kind,
            plan.object_name,
            project.as_ref().map(|p| p.id.clone()),
            unit.as_ref().map(|u| u.id.clone()),
            amount.0,
            input.method,
            plan.team,
            plan.plan_start,
            plan.plan_end,
            KeyStatus::Planned,
            previous,
            plan.basis,
            who(ctx),
            now
        ],
    )?;
    for (n, item) in template.items.iter().enumerate() {
        ctx.execute(
            "INSERT INTO key_eval_item (id, key_eval_id, seq, level1, level2, level3, weight_cp,
                standard, rule, threshold, deduct_cp, note, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, '', ?12, ?12)",
            params![
                new_id(),
                id,
                n as i64 + 1,
                item.level1,
                item.level2,
                item.level3,
                item.weight_cp,
                item.standard,
                item.rule,
                item.threshold,
                item.deduct_cp,
                now
            ],
        )?;
    }
    let after = get_key_eval(ctx, &id)?;
    ctx.audit(
        "create",
        "key_eval",
        Some(&id),
        &format!(
            "新建{}年度{}重点评价『{}』（{}，评分表按规则第{}版）",
            input.year,
            input.kind.label(),
            after.object_name,
            input.method.label(),
            current.version
        ),
        None,
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Edits the plan (object name, amount, method, team, dates, 全周期 link, basis) until 定稿.
/// Switching to 财政评价 is refused while an agency is engaged.
pub fn update_key_plan(ctx: &WriteCtx, id: &str, input: &KeyPlanInput) -> Result<KeyEval> {
    ctx.require(Perm::KeyEval)?;
    let before = get_key_eval(ctx, id)?;
    super::ensure_not_final(&before)?;
    if input.method == KeyMethod::Bureau {
        if let Some(e) = &before.engagement {
            return Err(Error::invalid(
                "评价方式",
                format!(
                    "已委托第三方机构『{}』，请先撤销委托再改为财政评价",
                    e.agency_name
                ),
            ));
        }
    }
    let plan = check_plan(
        &input.object_name,
        input.amount,
        &input.team,
        &input.plan_start,
        &input.plan_end,
        &input.basis,
    )?;
    let previous = check_previous(
        ctx,
        &Identity {
            kind: before.kind,
            year: before.fiscal_year,
            project_code: before.project_code.as_deref(),
            unit_id: before.unit_id.as_deref(),
            object_name: &plan.object_name,
        },
        input.previous_id.as_deref(),
        Some(id),
    )?;
    ctx.execute(
        "UPDATE key_eval SET object_name = ?2, amount_fen = ?3, method = ?4, team = ?5,
            plan_start = ?6, plan_end = ?7, previous_id = ?8, basis = ?9, updated_at = ?10
         WHERE id = ?1",
        params![
            id,
            plan.object_name,
            input.amount.0,
            input.method,
            plan.team,
            plan.plan_start,
            plan.plan_end,
            previous,
            plan.basis,
            ctx.now()
        ],
    )?;
    let after = get_key_eval(ctx, id)?;
    ctx.audit(
        "update",
        "key_eval",
        Some(id),
        &format!("修改重点评价方案『{}』", after.object_name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}
