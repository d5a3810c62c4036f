//! 指标分类: the library's top grouping (教育, 卫生健康 …), ordered by `sort`. Names are unique
//! among live categories; a category still holding live indicators or cases is not deleted.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorCategory {
    pub id: String,
    pub name: String,
    pub sort: i32,
    /// Live indicators of this category.
    pub indicator_count: u32,
    /// Live 案例 of this category.
    pub case_count: u32,
}

const SELECT: &str = "SELECT c.id, c.name, c.sort,
        (SELECT COUNT(*) FROM library_indicator i
          WHERE i.category_id = c.id AND i.deleted_at IS NULL),
        (SELECT COUNT(*) FROM library_case k WHERE k.category_id = c.id AND k.deleted_at IS NULL)
    FROM indicator_category c WHERE c.deleted_at IS NULL";

fn from_row(r: &Row) -> rusqlite::Result<IndicatorCategory> {
    Ok(IndicatorCategory {
        id: r.get(0)?,
        name: r.get(1)?,
        sort: r.get(2)?,
        indicator_count: r.get(3)?,
        case_count: r.get(4)?,
    })
}

/// All live categories in display order, with their counts.
pub fn list_categories(c: &Connection) -> Result<Vec<IndicatorCategory>> {
    let mut stmt = c.prepare(&format!("{SELECT} ORDER BY c.sort, c.name"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get_category(c: &Connection, id: &str) -> Result<IndicatorCategory> {
    c.query_row(&format!("{SELECT} AND c.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该指标分类，可能已被删除，请刷新后重试".into()))
}

pub fn find_category_by_name(c: &Connection, name: &str) -> Result<Option<IndicatorCategory>> {
    Ok(c.query_row(
        &format!("{SELECT} AND c.name = ?1"),
        [name.trim()],
        from_row,
    )
    .optional()?)
}

/// The trimmed name, or why it cannot be a category name.
pub fn check_category_name(name: &str) -> Result<String, String> {
    let n = name.trim();
    if n.is_empty() {
        Err("不能为空".into())
    } else if n.chars().count() > 30 {
        Err(format!("『{n}』太长，不能超过30个字"))
    } else {
        Ok(n.to_string())
    }
}

fn valid_name(c: &Connection, name: &str, self_id: Option<&str>) -> Result<String> {
    let n = check_category_name(name).map_err(|m| Error::invalid("分类名称", m))?;
    if let Some(other) = find_category_by_name(c, &n)? {
        if Some(other.id.as_str()) != self_id {
            return Err(Error::Conflict(format!(
                "已有指标分类「{n}」，请换一个分类名称"
            )));
        }
    }
    Ok(n)
}

/// Adds a category at the end of the list.
pub fn create_category(ctx: &WriteCtx, name: &str) -> Result<IndicatorCategory> {
    ctx.require(Perm::LibraryEdit)?;
    let name = valid_name(ctx, name, None)?;
    let sort: i32 = ctx.query_row(
        "SELECT COALESCE(MAX(sort), 0) + 1 FROM indicator_category",
        [],
        |r| r.get(0),
    )?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO indicator_category (id, name, sort, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?4)",
        params![id, name, sort, ctx.now()],
    )?;
    let cat = get_category(ctx, &id)?;
    ctx.audit(
        "create",
        "indicator_category",
        Some(&id),
        &format!("新增指标分类 {name}"),
        None,
        Some(&serde_json::to_value(&cat)?),
    )?;
    Ok(cat)
}

pub fn rename_category(ctx: &WriteCtx, id: &str, name: &str) -> Result<IndicatorCategory> {
    ctx.require(Perm::LibraryEdit)?;
    let before = get_category(ctx, id)?;
    let name = valid_name(ctx, name, Some(id))?;
    if name == before.name {
        return Ok(before);
    }
    ctx.execute(
        "UPDATE indicator_category SET name = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, name, ctx.now()],
    )?;
    let after = get_category(ctx, id)?;
    ctx.audit(
        "update",
        "indicator_category",
        Some(id),
        &format!("指标分类 {} 改名为 {}", before.name, after.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Soft-deletes an empty category.
pub fn delete_category(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::LibraryEdit)?;
    let cat = get_category(ctx, id)?;
    if cat.indicator_count > 0 || cat.case_count > 0 {
        return Err(Error::Conflict(format!(
            "指标分类「{}」下还有 {} 个指标、{} 个案例，请先删除或移走后再删除分类",
            cat.name, cat.indicator_count, cat.case_count
        )));
    }
    ctx.execute(
        "UPDATE indicator_category SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "indicator_category",
        Some(id),
        &format!("删除指标分类 {}", cat.name),
        Some(&serde_json::to_value(&cat)?),
        None,
    )
}
