//! 政策 (policies) as objects: the register (名称, 文号, 主管部门, 起止年度, 资金规模 per year, the
//! projects that carry it), its 政策事前评估 scored on the rule set's policy sheet
//! ([`assess`]), and the .xlsx import/export ([`xlsx`]). The bureau (绩效股, `Perm::BaseData`)
//! keeps the register; amounts are 分.
//!
//! Invariants: a live policy's name is unique; every 资金规模 year and every linked project's
//! 预算年度 lies within 起止年度; each year appears at most once.

pub mod assess;
pub mod demo;
mod xlsx;

pub use assess::*;
pub use xlsx::{export_policies, import_policies, POLICY_HEADERS};

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::listing::{limit_clause, Filter, Page};
use crate::money::Fen;
use crate::org::get_unit;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// 资金规模 of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PolicyFund {
    pub year: i32,
    /// 分.
    pub fen: Fen,
}

/// A project that carries a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PolicyProject {
    pub project_id: String,
    pub fiscal_year: i32,
    pub code: String,
    pub name: String,
    pub unit_name: String,
    /// 调整后预算数, 分.
    pub adjusted_budget: Fen,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Policy {
    pub id: String,
    pub name: String,
    /// 文号 (may be empty).
    pub doc_no: String,
    /// 主管部门.
    pub dept_unit_id: String,
    pub dept_unit_code: String,
    pub dept_unit_name: String,
    pub start_year: i32,
    pub end_year: i32,
    /// 资金规模 per year, by year.
    pub funds: Vec<PolicyFund>,
    /// Sum of `funds`, 分.
    pub total_fen: Fen,
    pub projects: Vec<PolicyProject>,
    /// Total (centi-points) and conclusion of the live 政策事前评估, if any.
    pub exante_total_cp: Option<i64>,
    pub exante_conclusion: Option<crate::exante::ExAnteConclusion>,
    pub updated_at: String,
}

/// A 资金规模 line as the form and the importer send it: 万元 text, parsed exactly in core.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PolicyFundInput {
    pub year: i32,
    pub amount_wan: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PolicyInput {
    pub name: String,
    pub doc_no: String,
    pub dept_unit_id: String,
    pub start_year: i32,
    pub end_year: i32,
    pub funds: Vec<PolicyFundInput>,
    /// The projects that carry the policy (any 预算年度 within 起止年度).
    pub project_ids: Vec<String>,
}

/// List filters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PolicyQuery {
    /// Policies in force in this year (起始年度 ≤ year ≤ 终止年度).
    pub year: Option<i32>,
    /// 主管部门 and every unit below it.
    pub unit_id: Option<String>,
    /// Matches 政策名称, 文号 or the 主管部门's name.
    pub search: Option<String>,
    /// 1-based; 0 means all rows.
    pub page: u32,
    pub page_size: u32,
}

const SELECT: &str = "SELECT p.id, p.name, p.doc_no, p.dept_unit_id, u.code, u.name,
        p.start_year, p.end_year, p.funds_json, p.updated_at, a.total_cp, a.conclusion
    FROM policy p JOIN org_unit u ON u.id = p.dept_unit_id
    LEFT JOIN policy_assessment a ON a.policy_id = p.id AND a.deleted_at IS NULL
    WHERE p.deleted_at IS NULL";

fn read_rows(c: &Connection, sql: &str, f: &Filter) -> Result<Vec<Policy>> {
    let mut stmt = c.prepare(sql)?;
    let raw = stmt
        .query_map(f.params(), |r| {
            Ok((
                Policy {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    doc_no: r.get(2)?,
                    dept_unit_id: r.get(3)?,
                    dept_unit_code: r.get(4)?,
                    dept_unit_name: r.get(5)?,
                    start_year: r.get(6)?,
                    end_year: r.get(7)?,
                    funds: Vec::new(),
                    total_fen: Fen(0),
                    projects: Vec::new(),
                    exante_total_cp: r.get(10)?,
                    exante_conclusion: r.get(11)?,
                    updated_at: r.get(9)?,
                },
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    raw.into_iter()
        .map(|(mut p, json)| {
            p.funds = serde_json::from_str(&json)?;
            p.total_fen = p.funds.iter().map(|f| f.fen).sum();
            p.projects = linked_projects(c, &p.id)?;
            Ok(p)
        })
        .collect()
}

fn linked_projects(c: &Connection, policy_id: &str) -> Result<Vec<PolicyProject>> {
    let mut stmt = c.prepare(
        "SELECT pr.id, pr.fiscal_year, pr.code, pr.name, u.name, pr.adjusted_budget_fen
         FROM policy_project l JOIN project pr ON pr.id = l.project_id
         JOIN org_unit u ON u.id = pr.unit_id
         WHERE l.policy_id = ?1 AND l.deleted_at IS NULL AND pr.deleted_at IS NULL
         ORDER BY pr.fiscal_year, pr.code",
    )?;
    let rows = stmt
        .query_map([policy_id], |r| {
            Ok(PolicyProject {
                project_id: r.get(0)?,
                fiscal_year: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                unit_name: r.get(4)?,
                adjusted_budget: Fen(r.get(5)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get_policy(c: &Connection, id: &str) -> Result<Policy> {
    let f = Filter::with_args(vec![id.to_string().into()]);
    read_rows(c, &format!("{SELECT} AND p.id = ?1"), &f)?
        .pop()
        .ok_or_else(|| Error::NotFound("找不到该政策，可能已被删除，请刷新后重试".into()))
}

pub fn find_policy_by_name(c: &Connection, name: &str) -> Result<Option<Policy>> {
    let id: Option<String> = c
        .query_row(
            "SELECT id FROM policy WHERE deleted_at IS NULL AND name = ?1",
            [name.trim()],
            |r| r.get(0),
        )
        .optional()?;
    id.map(|id| get_policy(c, &id)).transpose()
}

pub fn list_policies(c: &Connection, q: &PolicyQuery) -> Result<Page<Policy>> {
    let mut f = Filter::new();
    if let Some(y) = q.year {
        f.push(" AND p.start_year <= ? AND p.end_year >= ?", i64::from(y));
    }
    if let Some(u) = &q.unit_id {
        f.unit_subtree("p.dept_unit_id", u);
    }
    f.search(&["p.name", "p.doc_no", "u.name"], &q.search);
    let total: u32 = c.query_row(
        &format!(
            "SELECT COUNT(*) FROM policy p JOIN org_unit u ON u.id = p.dept_unit_id
             WHERE p.deleted_at IS NULL{}",
            f.sql()
        ),
        f.params(),
        |r| r.get(0),
    )?;
    let sql = format!(
        "{SELECT}{} ORDER BY p.start_year DESC, p.name{}",
        f.sql(),
        limit_clause(q.page, q.page_size)
    );
    Ok(Page {
        total,
        rows: read_rows(c, &sql, &f)?,
    })
}

/// The checked content of a form: funds by year (分) and the linked projects.
struct Checked {
    funds: Vec<PolicyFund>,
}

/// Checks a form against the database; every refusal names its field.
fn check(c: &Connection, input: &PolicyInput, id: Option<&str>) -> Result<Checked> {
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::invalid("政策名称", "不能为空"));
    }
    if name.chars().count() > 100 {
        return Err(Error::invalid("政策名称", "不能超过100个字"));
    }
    if input.doc_no.trim().chars().count() > 60 {
        return Err(Error::invalid("文号", "不能超过60个字"));
    }
    if let Some(other) = find_policy_by_name(c, name)? {
        if Some(other.id.as_str()) != id {
            return Err(Error::invalid(
                "政策名称",
                format!("已有同名政策『{name}』，请换一个名称或修改原政策"),
            ));
        }
    }
    let unit = get_unit(c, &input.dept_unit_id)
        .map_err(|_| Error::invalid("主管部门", "请选择系统中已有的单位"))?;
    if !unit.kind.owns_projects() {
        return Err(Error::invalid(
            "主管部门",
            format!(
                "『{}』是{}，不能作为政策的主管部门",
                unit.name,
                unit.kind.label()
            ),
        ));
    }
    for (field, y) in [("起始年度", input.start_year), ("终止年度", input.end_year)] {
        if !(2000..=2100).contains(&y) {
            return Err(Error::invalid(field, format!("{y} 不是有效的年度")));
        }
    }
    if input.end_year < input.start_year {
        return Err(Error::invalid(
            "终止年度",
            format!("{} 早于起始年度 {}", input.end_year, input.start_year),
        ));
    }
    let mut funds: Vec<PolicyFund> = Vec::new();
    for f in &input.funds {
        let field = format!("{}年资金规模（万元）", f.year);
        if f.year < input.start_year || f.year > input.end_year {
            return Err(Error::invalid(
                field,
                format!(
                    "年度不在政策起止年度 {}—{} 内",
                    input.start_year, input.end_year
                ),
            ));
        }
        if funds.iter().any(|x| x.year == f.year) {
            return Err(Error::invalid(field, "同一年度填写了两次"));
        }
        let fen = Fen::parse_wan(&f.amount_wan).map_err(|e| Error::invalid(&field, e))?;
        if fen.0 < 0 {
            return Err(Error::invalid(field, "不能为负数"));
        }
        funds.push(PolicyFund { year: f.year, fen });
    }
    funds.sort_by_key(|f| f.year);
    let mut seen = std::collections::HashSet::new();
    for pid in &input.project_ids {
        let p = crate::projects::get_project(c, pid)
            .map_err(|_| Error::invalid("关联项目", "所选项目不存在，可能已被删除"))?;
        if !seen.insert(pid.as_str()) {
            return Err(Error::invalid(
                "关联项目",
                format!("项目 {} {} 选了两次", p.code, p.name),
            ));
        }
        if p.fiscal_year < input.start_year || p.fiscal_year > input.end_year {
            return Err(Error::invalid(
                "关联项目",
                format!(
                    "项目 {} {} 是{}年度的项目，不在政策起止年度 {}—{} 内",
                    p.code, p.name, p.fiscal_year, input.start_year, input.end_year
                ),
            ));
        }
    }
    Ok(Checked { funds })
}

fn write_links(ctx: &WriteCtx, policy_id: &str, project_ids: &[String]) -> Result<()> {
    let now = ctx.now().to_string();
    let old: Vec<(String, String)> = {
        let mut stmt = ctx.prepare(
            "SELECT id, project_id FROM policy_project WHERE policy_id = ?1 AND deleted_at IS NULL",
        )?;
        let rows = stmt
            .query_map([policy_id], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows
    };
    for (link_id, project_id) in &old {
        if !project_ids.contains(project_id) {
            ctx.execute(
                "UPDATE policy_project SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![link_id, now],
            )?;
        }
    }
    for pid in project_ids {
        if !old.iter().any(|(_, p)| p == pid) {
            ctx.execute(
                "INSERT INTO policy_project (id, policy_id, project_id, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![new_id(), policy_id, pid, now],
            )?;
        }
    }
    Ok(())
}

pub fn create_policy(ctx: &WriteCtx, input: &PolicyInput) -> Result<Policy> {
    ctx.require(Perm::BaseData)?;
    let v = check(ctx, input, None)?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO policy (id, name, doc_no, dept_unit_id, start_year, end_year, funds_json,
            created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            input.name.trim(),
            input.doc_no.trim(),
            input.dept_unit_id,
            input.start_year,
            input.end_year,
            serde_json::to_string(&v.funds)?,
            ctx.now()
        ],
    )?;
    write_links(ctx, &id, &input.project_ids)?;
    let p = get_policy(ctx, &id)?;
    ctx.audit(
        "create",
        "policy",
        Some(&id),
        &format!("新增政策 {}", p.name),
        None,
        Some(&serde_json::to_value(&p)?),
    )?;
    Ok(p)
}

pub fn update_policy(ctx: &WriteCtx, id: &str, input: &PolicyInput) -> Result<Policy> {
    ctx.require(Perm::BaseData)?;
    let before = get_policy(ctx, id)?;
    let v = check(ctx, input, Some(id))?;
    ctx.execute(
        "UPDATE policy SET name = ?2, doc_no = ?3, dept_unit_id = ?4, start_year = ?5,
            end_year = ?6, funds_json = ?7, updated_at = ?8
         WHERE id = ?1",
        params![
            id,
            input.name.trim(),
            input.doc_no.trim(),
            input.dept_unit_id,
            input.start_year,
            input.end_year,
            serde_json::to_string(&v.funds)?,
            ctx.now()
        ],
    )?;
    write_links(ctx, id, &input.project_ids)?;
    let after = get_policy(ctx, id)?;
    ctx.audit(
        "update",
        "policy",
        Some(id),
        &format!("修改政策 {}", after.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

pub fn delete_policy(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::BaseData)?;
    let p = get_policy(ctx, id)?;
    let now = ctx.now().to_string();
    ctx.execute(
        "UPDATE policy SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    for table in ["policy_project", "policy_assessment"] {
        ctx.execute(
            &format!(
                "UPDATE {table} SET deleted_at = ?2, updated_at = ?2
                 WHERE policy_id = ?1 AND deleted_at IS NULL"
            ),
            params![id, now],
        )?;
    }
    ctx.audit(
        "delete",
        "policy",
        Some(id),
        &format!("删除政策 {}", p.name),
        Some(&serde_json::to_value(&p)?),
        None,
    )
}

/// The input that would save `p` unchanged (the importer and the form start from it).
pub fn input_of(p: &Policy) -> PolicyInput {
    PolicyInput {
        name: p.name.clone(),
        doc_no: p.doc_no.clone(),
        dept_unit_id: p.dept_unit_id.clone(),
        start_year: p.start_year,
        end_year: p.end_year,
        funds: p
            .funds
            .iter()
            .map(|f| PolicyFundInput {
                year: f.year,
                amount_wan: f.fen.wan_exact(),
            })
            .collect(),
        project_ids: p.projects.iter().map(|x| x.project_id.clone()).collect(),
    }
}
