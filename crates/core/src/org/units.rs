//! Org units (单位) as a tree via `parent_id`. Moving is an update of the parent that must not
//! create a cycle.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{text_enum, Error, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 单位类型.
    pub enum UnitKind {
        FinanceSection = "财政局股室",
        Department = "主管部门",
        BudgetUnit = "预算单位",
        Township = "乡镇",
        ThirdParty = "第三方机构",
    }
}

impl UnitKind {
    /// Kinds that hold budget projects of their own.
    pub fn owns_projects(self) -> bool {
        matches!(
            self,
            UnitKind::Department | UnitKind::BudgetUnit | UnitKind::Township
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct OrgUnit {
    pub id: String,
    pub code: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub kind: UnitKind,
    pub contact: String,
    pub phone: String,
    /// Live projects of this unit, all years.
    pub project_count: u32,
}

/// What the unit form (and the importer) sends.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct UnitInput {
    pub code: String,
    pub name: String,
    pub parent_id: Option<String>,
    pub kind: UnitKind,
    pub contact: String,
    pub phone: String,
}

const SELECT: &str = "SELECT u.id, u.code, u.name, u.parent_id, u.kind, u.contact, u.phone,
        (SELECT COUNT(*) FROM project p WHERE p.unit_id = u.id AND p.deleted_at IS NULL)
    FROM org_unit u WHERE u.deleted_at IS NULL";

fn from_row(r: &Row) -> rusqlite::Result<OrgUnit> {
    Ok(OrgUnit {
        id: r.get(0)?,
        code: r.get(1)?,
        name: r.get(2)?,
        parent_id: r.get(3)?,
        kind: r.get(4)?,
        contact: r.get(5)?,
        phone: r.get(6)?,
        project_count: r.get(7)?,
    })
}

/// All live units ordered by code; the UI builds the tree from `parent_id`.
pub fn list_units(c: &Connection) -> Result<Vec<OrgUnit>> {
    let mut stmt = c.prepare(&format!("{SELECT} ORDER BY u.code"))?;
    let rows = stmt
        .query_map([], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn get_unit(c: &Connection, id: &str) -> Result<OrgUnit> {
    c.query_row(&format!("{SELECT} AND u.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该单位，可能已被删除，请刷新后重试".into()))
}

pub fn find_unit_by_code(c: &Connection, code: &str) -> Result<Option<OrgUnit>> {
    Ok(c.query_row(
        &format!("{SELECT} AND u.code = ?1"),
        [code.trim()],
        from_row,
    )
    .optional()?)
}

/// Field checks that need no database; messages name the field.
pub fn check_unit_fields(input: &UnitInput) -> Vec<(&'static str, String)> {
    let mut bad = Vec::new();
    let code = input.code.trim();
    if code.is_empty() {
        bad.push(("单位编码", "不能为空".to_string()));
    } else if code.chars().count() > 32
        || !code
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    {
        bad.push((
            "单位编码",
            format!("『{code}』只能由字母、数字、- _ . 组成，且不超过32位"),
        ));
    }
    let name = input.name.trim();
    if name.is_empty() {
        bad.push(("单位名称", "不能为空".to_string()));
    } else if name.chars().count() > 100 {
        bad.push(("单位名称", "不能超过100个字".to_string()));
    }
    let phone = input.phone.trim();
    if !phone.is_empty()
        && (phone.chars().count() > 30
            || !phone
                .chars()
                .all(|c| c.is_ascii_digit() || "-+ ()（）转".contains(c)))
    {
        bad.push((
            "联系电话",
            format!("『{phone}』不是电话号码，请只填数字和 - ，如 0635-1234567"),
        ));
    }
    if input.contact.trim().chars().count() > 30 {
        bad.push(("联系人", "不能超过30个字".to_string()));
    }
    bad
}

fn validate(c: &Connection, input: &UnitInput, self_id: Option<&str>) -> Result<()> {
    if let Some((field, msg)) = check_unit_fields(input).into_iter().next() {
        return Err(Error::invalid(field, msg));
    }
    if let Some(other) = find_unit_by_code(c, &input.code)? {
        if Some(other.id.as_str()) != self_id {
            return Err(Error::Conflict(format!(
                "单位编码『{}』已被『{}』使用，请换一个编码",
                input.code.trim(),
                other.name
            )));
        }
    }
    if let Some(parent) = &input.parent_id {
        get_unit(c, parent).map_err(|_| Error::invalid("上级单位", "所选上级单位不存在"))?;
        if let Some(id) = self_id {
            if is_in_subtree(c, parent, id)? {
                return Err(Error::invalid(
                    "上级单位",
                    "不能把单位移到它自己或它的下级单位之下",
                ));
            }
        }
    }
    Ok(())
}

/// True when `node` is `root` or one of its descendants.
fn is_in_subtree(c: &Connection, node: &str, root: &str) -> Result<bool> {
    Ok(c.query_row(
        "WITH RECURSIVE up(id, parent_id) AS (
             SELECT id, parent_id FROM org_unit WHERE id = ?1
             UNION SELECT o.id, o.parent_id FROM org_unit o JOIN up ON o.id = up.parent_id)
         SELECT EXISTS(SELECT 1 FROM up WHERE id = ?2)",
        params![node, root],
        |r| r.get(0),
    )?)
}

pub fn create_unit(ctx: &WriteCtx, input: &UnitInput) -> Result<OrgUnit> {
    ctx.require(Perm::BaseData)?;
    validate(ctx, input, None)?;
    let id = new_id();
    ctx.execute(
        "INSERT INTO org_unit (id, code, name, parent_id, kind, contact, phone, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            input.code.trim(),
            input.name.trim(),
            input.parent_id,
            input.kind,
            input.contact.trim(),
            input.phone.trim(),
            ctx.now()
        ],
    )?;
    let unit = get_unit(ctx, &id)?;
    ctx.audit(
        "create",
        "org_unit",
        Some(&id),
        &format!("新增单位 {} {}", unit.code, unit.name),
        None,
        Some(&serde_json::to_value(&unit)?),
    )?;
    Ok(unit)
}

pub fn update_unit(ctx: &WriteCtx, id: &str, input: &UnitInput) -> Result<OrgUnit> {
    ctx.require(Perm::BaseData)?;
    let before = get_unit(ctx, id)?;
    validate(ctx, input, Some(id))?;
    if before.kind != input.kind && before.project_count > 0 && !input.kind.owns_projects() {
        return Err(Error::invalid(
            "单位类型",
            format!(
                "该单位已有 {} 个项目，不能改为『{}』",
                before.project_count,
                input.kind.label()
            ),
        ));
    }
    ctx.execute(
        "UPDATE org_unit SET code = ?2, name = ?3, parent_id = ?4, kind = ?5, contact = ?6,
                phone = ?7, updated_at = ?8 WHERE id = ?1",
        params![
            id,
            input.code.trim(),
            input.name.trim(),
            input.parent_id,
            input.kind,
            input.contact.trim(),
            input.phone.trim(),
            ctx.now()
        ],
    )?;
    let after = get_unit(ctx, id)?;
    let action = if before.parent_id != after.parent_id {
        "move"
    } else {
        "update"
    };
    ctx.audit(
        action,
        "org_unit",
        Some(id),
        &format!("修改单位 {} {}", after.code, after.name),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// Moves a unit under another one (or to the top level with `None`).
pub fn move_unit(ctx: &WriteCtx, id: &str, new_parent: Option<&str>) -> Result<OrgUnit> {
    ctx.require(Perm::BaseData)?;
    let u = get_unit(ctx, id)?;
    let input = UnitInput {
        code: u.code,
        name: u.name,
        parent_id: new_parent.map(str::to_string),
        kind: u.kind,
        contact: u.contact,
        phone: u.phone,
    };
    update_unit(ctx, id, &input)
}

/// Soft-deletes a unit that has no live children and no live projects.
pub fn delete_unit(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::BaseData)?;
    let unit = get_unit(ctx, id)?;
    let children: u32 = ctx.query_row(
        "SELECT COUNT(*) FROM org_unit WHERE parent_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if children > 0 {
        return Err(Error::Conflict(format!(
            "『{}』下还有 {children} 个下级单位，请先移走或删除下级单位",
            unit.name
        )));
    }
    let managed: u32 = ctx.query_row(
        "SELECT COUNT(*) FROM project WHERE managing_dept_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if unit.project_count > 0 || managed > 0 {
        return Err(Error::Conflict(format!(
            "『{}』还有 {} 个项目，请先删除或转移这些项目",
            unit.name,
            unit.project_count + managed
        )));
    }
    ctx.execute(
        "UPDATE org_unit SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "org_unit",
        Some(id),
        &format!("删除单位 {} {}", unit.code, unit.name),
        Some(&serde_json::to_value(&unit)?),
        None,
    )
}
