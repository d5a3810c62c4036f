//! 年度工作报告的文字部分: what the bureau types once per year — the 组织保障 paragraph, the
//! 制度文件 issued, 存在问题 and 下一步工作 (one item per line). Saving needs 文书与文号
//! (`Perm::Documents`); the figures of the report are never stored, they come from
//! [`super::year_overview`] when the report is generated.

use crate::access::Perm;
use crate::db::WriteCtx;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Limits of one year's texts.
pub const MAX_ITEMS: usize = 30;
pub const MAX_ITEM_CHARS: usize = 1_000;
pub const MAX_ORGANIZATION_CHARS: usize = 2_000;

/// The texts of one year (empty lists when nothing is saved yet).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportTexts {
    pub year: i32,
    /// 组织保障 (领导小组 …); '' = the report's standard sentence.
    pub organization: String,
    /// 制度文件, e.g. 《XX县预算事前绩效评估管理办法》（X财绩〔2025〕2号）.
    pub documents: Vec<String>,
    /// 存在问题, one paragraph each.
    pub problems: Vec<String>,
    /// 下一步工作, one paragraph each.
    pub next_steps: Vec<String>,
    /// Last saved (None = never).
    pub updated_at: Option<String>,
    pub updated_by: String,
}

/// What the screen sends.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportTextsInput {
    pub organization: String,
    pub documents: Vec<String>,
    pub problems: Vec<String>,
    pub next_steps: Vec<String>,
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

pub fn get_texts(c: &Connection, year: i32) -> Result<ReportTexts> {
    let row = c
        .query_row(
            "SELECT organization, documents, problems, next_steps, updated_at, updated_by
             FROM annual_report WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            [year],
            |r| {
                Ok(ReportTexts {
                    year,
                    organization: r.get(0)?,
                    documents: lines(&r.get::<_, String>(1)?),
                    problems: lines(&r.get::<_, String>(2)?),
                    next_steps: lines(&r.get::<_, String>(3)?),
                    updated_at: Some(r.get(4)?),
                    updated_by: r.get(5)?,
                })
            },
        )
        .optional()?;
    Ok(row.unwrap_or(ReportTexts {
        year,
        ..Default::default()
    }))
}

/// Trimmed items without blanks; a line break inside an item joins its lines.
fn clean(field: &str, items: &[String]) -> Result<Vec<String>> {
    let items: Vec<String> = items
        .iter()
        .map(|i| lines(i).join(""))
        .filter(|i| !i.is_empty())
        .collect();
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid(
            field,
            format!("最多 {MAX_ITEMS} 条，现有 {} 条", items.len()),
        ));
    }
    for (n, i) in items.iter().enumerate() {
        let len = i.chars().count();
        if len > MAX_ITEM_CHARS {
            return Err(Error::invalid(
                field,
                format!("第{}条有 {len} 个字，不能超过 {MAX_ITEM_CHARS} 个字", n + 1),
            ));
        }
    }
    Ok(items)
}

/// Saves the texts of `year` (creates or replaces them), audited with before and after.
pub fn save_texts(ctx: &WriteCtx, year: i32, input: &ReportTextsInput) -> Result<ReportTexts> {
    ctx.require(Perm::Documents)?;
    if !(2000..=2100).contains(&year) {
        return Err(Error::invalid("年度", format!("『{year}』不是有效的年度")));
    }
    let organization = lines(&input.organization).join("");
    let len = organization.chars().count();
    if len > MAX_ORGANIZATION_CHARS {
        return Err(Error::invalid(
            "组织保障",
            format!("有 {len} 个字，不能超过 {MAX_ORGANIZATION_CHARS} 个字"),
        ));
    }
    let documents = clean("制度文件", &input.documents)?;
    let problems = clean("存在问题", &input.problems)?;
    let next_steps = clean("下一步工作", &input.next_steps)?;
    let before = get_texts(ctx, year)?;
    let existing: Option<String> = ctx
        .query_row(
            "SELECT id FROM annual_report WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            [year],
            |r| r.get(0),
        )
        .optional()?;
    let who = ctx.actor.name.clone();
    let id = match existing {
        Some(id) => {
            ctx.execute(
                "UPDATE annual_report SET organization = ?2, documents = ?3, problems = ?4,
                   next_steps = ?5, updated_by = ?6, updated_at = ?7 WHERE id = ?1",
                params![
                    id,
                    organization,
                    documents.join("\n"),
                    problems.join("\n"),
                    next_steps.join("\n"),
                    who,
                    ctx.now()
                ],
            )?;
            id
        }
        None => {
            let id = crate::db::new_id();
            ctx.execute(
                "INSERT INTO annual_report (id, fiscal_year, organization, documents, problems,
                   next_steps, updated_by, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![
                    id,
                    year,
                    organization,
                    documents.join("\n"),
                    problems.join("\n"),
                    next_steps.join("\n"),
                    who,
                    ctx.now()
                ],
            )?;
            id
        }
    };
    let after = get_texts(ctx, year)?;
    ctx.audit(
        if before.updated_at.is_some() {
            "update"
        } else {
            "create"
        },
        "annual_report",
        Some(&id),
        &format!("保存{year}年度工作报告文字"),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}
