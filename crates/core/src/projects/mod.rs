//! 预算项目 (budget projects) of a 预算年度: the objects every later stage (targets, monitoring,
//! evaluation) hangs on. `(fiscal_year, code)` is unique among live projects; amounts are 分.

use crate::access::Perm;
mod query;
mod validate;

pub use query::*;
pub use validate::*;

use crate::db::{new_id, WriteCtx};
use crate::money::Fen;
use crate::{text_enum, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 预算类型 — the four budgets.
    pub enum BudgetType {
        General = "一般公共预算",
        GovFund = "政府性基金预算",
        StateCapital = "国有资本经营预算",
        SocialSecurity = "社保基金预算",
    }
}

text_enum! {
    /// 项目类别.
    pub enum ProjectCategory {
        Operating = "运转类",
        SpecificPurpose = "特定目标类",
    }
}

text_enum! {
    /// 新增 / 延续.
    pub enum NewOrContinuing {
        New = "新增",
        Continuing = "延续",
    }
}

text_enum! {
    /// 项目分级 A/B/C (the bureau's management grade).
    pub enum ProjectGrade {
        A = "A",
        B = "B",
        C = "C",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Project {
    pub id: String,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub unit_code: String,
    pub unit_name: String,
    pub budget_type: BudgetType,
    pub category: ProjectCategory,
    pub new_or_continuing: NewOrContinuing,
    pub period_start: i32,
    pub period_end: i32,
    /// 年初预算数, 分.
    pub initial_budget: Fen,
    /// 调整后预算数, 分.
    pub adjusted_budget: Fen,
    pub fund_source: String,
    pub is_special_bond: bool,
    pub grade: Option<ProjectGrade>,
    /// 主管科室 (a 财政局股室 unit).
    pub managing_dept_id: Option<String>,
    pub managing_dept_name: Option<String>,
    pub updated_at: String,
    /// Conclusion of the live 事前绩效评估, if any (read-only, from `exante_assessment`).
    pub exante_conclusion: Option<crate::exante::ExAnteConclusion>,
}

/// What the project form and the importer send. Amounts are 万元 text, parsed exactly in core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ProjectInput {
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub unit_id: String,
    pub budget_type: BudgetType,
    pub category: ProjectCategory,
    pub new_or_continuing: NewOrContinuing,
    pub period_start: i32,
    pub period_end: i32,
    /// 年初预算数（万元）, e.g. "1286.50".
    pub initial_budget_wan: String,
    /// 调整后预算数（万元）; empty = 年初预算数 (form and import alike).
    pub adjusted_budget_wan: String,
    pub fund_source: String,
    pub is_special_bond: bool,
    pub grade: Option<ProjectGrade>,
    pub managing_dept_id: Option<String>,
}

pub(crate) const SELECT: &str = "SELECT p.id, p.fiscal_year, p.code, p.name, p.unit_id, u.code,
        u.name, p.budget_type, p.category, p.new_or_continuing, p.period_start, p.period_end,
        p.initial_budget_fen, p.adjusted_budget_fen, p.fund_source, p.is_special_bond, p.grade,
        p.managing_dept_id, m.name, p.updated_at, ea.conclusion
    FROM project p JOIN org_unit u ON u.id = p.unit_id
    LEFT JOIN org_unit m ON m.id = p.managing_dept_id
    LEFT JOIN exante_assessment ea ON ea.project_id = p.id AND ea.deleted_at IS NULL
    WHERE p.deleted_at IS NULL";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<Project> {
    Ok(Project {
        id: r.get(0)?,
        fiscal_year: r.get(1)?,
        code: r.get(2)?,
        name: r.get(3)?,
        unit_id: r.get(4)?,
        unit_code: r.get(5)?,
        unit_name: r.get(6)?,
        budget_type: r.get(7)?,
        category: r.get(8)?,
        new_or_continuing: r.get(9)?,
        period_start: r.get(10)?,
        period_end: r.get(11)?,
        initial_budget: Fen(r.get(12)?),
        adjusted_budget: Fen(r.get(13)?),
        fund_source: r.get(14)?,
        is_special_bond: r.get(15)?,
        grade: r.get(16)?,
        managing_dept_id: r.get(17)?,
        managing_dept_name: r.get(18)?,
        updated_at: r.get(19)?,
        exante_conclusion: r.get(20)?,
    })
}

pub fn get_project(c: &Connection, id: &str) -> Result<Project> {
    c.query_row(&format!("{SELECT} AND p.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该项目，可能已被删除，请刷新后重试".into()))
}

pub fn find_project_by_code(c: &Connection, year: i32, code: &str) -> Result<Option<Project>> {
    Ok(c.query_row(
        &format!("{SELECT} AND p.fiscal_year = ?1 AND p.code = ?2"),
        params![year, code.trim()],
        from_row,
    )
    .optional()?)
}

pub fn create_project(ctx: &WriteCtx, input: &ProjectInput) -> Result<Project> {
    ctx.require_unit_managed(
        Perm::ProjectsEdit,
        &input.unit_id,
        input.managing_dept_id.as_deref(),
    )?;
    let v = validate_project(ctx, input, None)?;
    crate::org::ensure_year(ctx, input.fiscal_year)?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO project (id, fiscal_year, code, name, unit_id, budget_type, category,
            new_or_continuing, period_start, period_end, initial_budget_fen, adjusted_budget_fen,
            fund_source, is_special_bond, grade, managing_dept_id, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?17)",
        params![
            id,
            input.fiscal_year,
            input.code.trim(),
            input.name.trim(),
            input.unit_id,
            input.budget_type,
            input.category,
            input.new_or_continuing,
            input.period_start,
            input.period_end,
            v.initial.0,
            v.adjusted.0,
            input.fund_source.trim(),
            input.is_special_bond,
            input.grade,
            input.managing_dept_id,
            ctx.now()
        ],
    )?;
    let p = get_project(ctx, &id)?;
    ctx.audit(
        "create",
        "project",
        Some(&id),
        &format!("新增项目 {} {}", p.code, p.name),
        None,
        Some(&serde_json::to_value(&p)?),
    )?;
    Ok(p)
}

pub fn update_project(ctx: &WriteCtx, id: &str, input: &ProjectInput) -> Result<Project> {
    ctx.require_project(Perm::ProjectsEdit, id)?;
    ctx.require_unit_managed(
        Perm::ProjectsEdit,
        &input.unit_id,
        input.managing_dept_id.as_deref(),
    )?;
    let before = get_project(ctx, id)?;
    let v = validate_project(ctx, input, Some(id))?;
    crate::org::ensure_year(ctx, input.fiscal_year)?;
    ctx.execute(
        "UPDATE project SET fiscal_year = ?2, code = ?3, name = ?4, unit_id = ?5, budget_type = ?6,
            category = ?7, new_or_continuing = ?8, period_start = ?9, period_end = ?10,
            initial_budget_fen = ?11, adjusted_budget_fen = ?12, fund_source = ?13,
            is_special_bond = ?14, grade = ?15, managing_dept_id = ?16, updated_at = ?17
         WHERE id = ?1",
        params![
            id,
            input.fiscal_year,
            input.code.trim(),
            input.name.trim(),
            input.unit_id,
            input.budget_type,
            input.category,
            input.new_or_continuing,
            input.period_start,
            input.period_end,
            v.initial.0,
            v.adjusted.0,
            input.fund_source.trim(),
            input.is_special_bond,
            input.grade,
            input.managing_dept_id,
            ctx.now()
        ],
    )?;
    let after = get_project(ctx, id)?;
    ctx.audit(
        "update",
        "project",
        Some(id),
        &format!("修改项目 {} {}", after.code, after.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

pub fn delete_project(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require_project(Perm::ProjectsEdit, id)?;
    let p = get_project(ctx, id)?;
    ctx.execute(
        "UPDATE project SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "project",
        Some(id),
        &format!("删除项目 {} {}", p.code, p.name),
        Some(&serde_json::to_value(&p)?),
        None,
    )
}
