//! One 三级指标 of the library: the form's create / update / soft delete and the checks they
//! share with the importer. Field names in messages are the Excel headers (『三级指标』 …).

use super::categories::get_category;
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::indicator::{Level1, Level2, Nature};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// `source` of rows installed from the shipped starter.
pub const SOURCE_STARTER: &str = "内置";
/// `source` of rows created by an Excel import.
pub const SOURCE_IMPORT: &str = "导入";
/// `source` of rows created on the form.
pub const SOURCE_NEW: &str = "新建";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryIndicator {
    pub id: String,
    pub category_id: String,
    pub category_name: String,
    pub level1: Level1,
    pub level2: Level2,
    /// 三级指标.
    pub name: String,
    /// 指标解释 (how it is measured).
    pub explanation: String,
    /// 计量单位, e.g. 人次, %, 万元.
    pub unit: String,
    pub nature: Nature,
    /// 参考值 as the library words it ("≥95%", "85-95", "明显提升").
    pub reference: String,
    /// 核心指标 (财预〔2021〕101号).
    pub is_core: bool,
    /// 适用项目类别, '、'-separated.
    pub project_kinds: String,
    /// 内置 / 导入 / 新建.
    pub source: String,
    pub updated_at: String,
}

/// What the indicator form (and the importer) sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryIndicatorInput {
    pub category_id: String,
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub explanation: String,
    pub unit: String,
    pub nature: Nature,
    pub reference: String,
    pub is_core: bool,
    pub project_kinds: String,
}

pub(crate) const SELECT: &str = "SELECT i.id, i.category_id, c.name, i.level1, i.level2, i.name,
        i.explanation, i.unit, i.nature, i.reference, i.is_core, i.project_kinds, i.source,
        i.updated_at
    FROM library_indicator i JOIN indicator_category c ON c.id = i.category_id
    WHERE i.deleted_at IS NULL";

pub(crate) fn from_row(r: &Row) -> rusqlite::Result<LibraryIndicator> {
    Ok(LibraryIndicator {
        id: r.get(0)?,
        category_id: r.get(1)?,
        category_name: r.get(2)?,
        level1: r.get(3)?,
        level2: r.get(4)?,
        name: r.get(5)?,
        explanation: r.get(6)?,
        unit: r.get(7)?,
        nature: r.get(8)?,
        reference: r.get(9)?,
        is_core: r.get(10)?,
        project_kinds: r.get(11)?,
        source: r.get(12)?,
        updated_at: r.get(13)?,
    })
}

pub fn get_indicator(c: &Connection, id: &str) -> Result<LibraryIndicator> {
    c.query_row(&format!("{SELECT} AND i.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该指标，可能已被删除，请刷新后重试".into()))
}

/// The live indicator with this key (分类 + 一级 + 二级 + 三级指标), if any.
pub fn find_indicator(
    c: &Connection,
    category_id: &str,
    level1: Level1,
    level2: Level2,
    name: &str,
) -> Result<Option<LibraryIndicator>> {
    Ok(c.query_row(
        &format!(
            "{SELECT} AND i.category_id = ?1 AND i.level1 = ?2 AND i.level2 = ?3 AND i.name = ?4"
        ),
        params![category_id, level1, level2, name.trim()],
        from_row,
    )
    .optional()?)
}

/// The 二级 must sit under the 一级; the message names both and lists what is allowed.
pub fn check_levels(level1: Level1, level2: Level2) -> Result<(), String> {
    if level2.level1() == level1 {
        return Ok(());
    }
    let allowed: Vec<&str> = Level2::under(level1).iter().map(|l| l.label()).collect();
    Err(format!(
        "「{}」不属于「{}」，可选：{}",
        level2.label(),
        level1.label(),
        allowed.join("、")
    ))
}

/// Checks that need no database: (field, reason) pairs, empty when fine.
pub fn check_indicator_fields(input: &LibraryIndicatorInput) -> Vec<(&'static str, String)> {
    let mut bad = Vec::new();
    if let Err(m) = check_levels(input.level1, input.level2) {
        bad.push(("二级指标", m));
    }
    let name = input.name.trim();
    if name.is_empty() {
        bad.push(("三级指标", "不能为空，请填写指标名称".to_string()));
    } else if name.chars().count() > 100 {
        bad.push(("三级指标", "不能超过100个字".to_string()));
    }
    let limits: [(&'static str, &str, usize); 4] = [
        ("指标解释", &input.explanation, 1000),
        ("计量单位", &input.unit, 20),
        ("参考值", &input.reference, 100),
        ("适用项目类别", &input.project_kinds, 200),
    ];
    for (field, text, max) in limits {
        if text.trim().chars().count() > max {
            bad.push((field, format!("不能超过{max}个字")));
        }
    }
    bad
}

/// Full validation against the database: fields, the category exists, the key is free.
fn validate(c: &Connection, input: &LibraryIndicatorInput, self_id: Option<&str>) -> Result<()> {
    if let Some((field, msg)) = check_indicator_fields(input).into_iter().next() {
        return Err(Error::invalid(field, msg));
    }
    let cat = get_category(c, &input.category_id)
        .map_err(|_| Error::invalid("指标分类", "请选择指标分类"))?;
    if let Some(other) = find_indicator(c, &cat.id, input.level1, input.level2, &input.name)? {
        if Some(other.id.as_str()) != self_id {
            return Err(Error::Conflict(format!(
                "「{}」分类的「{} › {}」下已有三级指标「{}」，请换一个名称",
                cat.name,
                input.level1.label(),
                input.level2.label(),
                input.name.trim()
            )));
        }
    }
    Ok(())
}

/// Creates an indicator from the form (source 新建).
pub fn create_indicator(ctx: &WriteCtx, input: &LibraryIndicatorInput) -> Result<LibraryIndicator> {
    ctx.require(Perm::LibraryEdit)?;
    create_with_source(ctx, input, SOURCE_NEW)
}

/// Creates an indicator with its `source` (新建 / 导入), validated and audited.
pub(crate) fn create_with_source(
    ctx: &WriteCtx,
    input: &LibraryIndicatorInput,
    source: &str,
) -> Result<LibraryIndicator> {
    validate(ctx, input, None)?;
    let id = new_id();
    insert_row(ctx, &id, input, source, ctx.now())?;
    let row = get_indicator(ctx, &id)?;
    ctx.audit(
        "create",
        "library_indicator",
        Some(&id),
        &format!("新增指标 {} › {}", row.category_name, row.name),
        None,
        Some(&serde_json::to_value(&row)?),
    )?;
    Ok(row)
}

/// The bare INSERT (the starter installs many rows under one summary audit row).
pub(crate) fn insert_row(
    c: &Connection,
    id: &str,
    input: &LibraryIndicatorInput,
    source: &str,
    now: &str,
) -> Result<()> {
    c.execute(
        "INSERT INTO library_indicator (id, category_id, level1, level2, name, explanation, unit,
            nature, reference, is_core, project_kinds, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            input.category_id,
            input.level1,
            input.level2,
            input.name.trim(),
            input.explanation.trim(),
            input.unit.trim(),
            input.nature,
            input.reference.trim(),
            input.is_core,
            input.project_kinds.trim(),
            source,
            now,
        ],
    )?;
    Ok(())
}

pub fn update_indicator(
    ctx: &WriteCtx,
    id: &str,
    input: &LibraryIndicatorInput,
) -> Result<LibraryIndicator> {
    ctx.require(Perm::LibraryEdit)?;
    let before = get_indicator(ctx, id)?;
    validate(ctx, input, Some(id))?;
    ctx.execute(
        "UPDATE library_indicator SET category_id = ?2, level1 = ?3, level2 = ?4, name = ?5,
            explanation = ?6, unit = ?7, nature = ?8, reference = ?9, is_core = ?10,
            project_kinds = ?11, updated_at = ?12
         WHERE id = ?1",
        params![
            id,
            input.category_id,
            input.level1,
            input.level2,
            input.name.trim(),
            input.explanation.trim(),
            input.unit.trim(),
            input.nature,
            input.reference.trim(),
            input.is_core,
            input.project_kinds.trim(),
            ctx.now()
        ],
    )?;
    let after = get_indicator(ctx, id)?;
    ctx.audit(
        "update",
        "library_indicator",
        Some(id),
        &format!("修改指标 {} › {}", after.category_name, after.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Soft delete. Targets that copied this row keep their copy (`target_indicator` holds the text).
pub fn delete_indicator(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::LibraryEdit)?;
    let row = get_indicator(ctx, id)?;
    ctx.execute(
        "UPDATE library_indicator SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "library_indicator",
        Some(id),
        &format!("删除指标 {} › {}", row.category_name, row.name),
        Some(&serde_json::to_value(&row)?),
        None,
    )
}
