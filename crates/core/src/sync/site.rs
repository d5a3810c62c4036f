//! This PC's identity in the exchange: a site id, a name and a kind (财政局 / 预算单位 / 乡镇),
//! and for a unit or township the org unit whose data it sends.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum SiteKind {
    财政局,
    预算单位,
    乡镇,
}

impl SiteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SiteKind::财政局 => "财政局",
            SiteKind::预算单位 => "预算单位",
            SiteKind::乡镇 => "乡镇",
        }
    }

    pub fn parse(s: &str) -> Result<SiteKind> {
        match s.trim() {
            "财政局" => Ok(SiteKind::财政局),
            "预算单位" | "单位" => Ok(SiteKind::预算单位),
            "乡镇" => Ok(SiteKind::乡镇),
            other => Err(Error::Invalid {
                field: "本机类型".into(),
                message: format!("『{other}』不是有效类型，请填 财政局、预算单位 或 乡镇"),
            }),
        }
    }

    pub fn is_bureau(self) -> bool {
        self == SiteKind::财政局
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Site {
    pub site_id: String,
    pub name: String,
    pub kind: SiteKind,
    pub unit_id: Option<String>,
    /// 所属单位 name, for display.
    pub unit_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SiteInput {
    pub name: String,
    pub kind: SiteKind,
    /// 所属单位（预算单位 / 乡镇 必填）: an org unit id or code.
    pub unit: Option<String>,
}

/// Creates the identity row on first open: a new site id, named 本机, kind 财政局.
pub(crate) fn ensure(c: &Connection, now: &str) -> Result<()> {
    c.execute(
        "INSERT OR IGNORE INTO sync_local (id, site_id, name, kind, updated_at)
         VALUES (1, ?1, '本机', '财政局', ?2)",
        params![new_id(), now],
    )?;
    Ok(())
}

pub fn get(c: &Connection) -> Result<Site> {
    c.query_row(
        "SELECT s.site_id, s.name, s.kind, s.unit_id, u.name
         FROM sync_local s LEFT JOIN org_unit u ON u.id = s.unit_id WHERE s.id = 1",
        [],
        |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        },
    )
    .optional()?
    .map(|(site_id, name, kind, unit_id, unit_name)| {
        Ok(Site {
            site_id,
            name,
            kind: SiteKind::parse(&kind)?,
            unit_id,
            unit_name,
        })
    })
    .unwrap_or_else(|| Err(Error::NotFound("本机身份尚未设置".into())))
}

/// Renames this PC. Its kind and unit are fixed: a bureau database is one from the start, a
/// unit or township PC takes them from its 入网文件 ([`super::enrol::join`]) — never switched in
/// place, or a township could make itself the bureau.
pub fn set(ctx: &WriteCtx, input: &SiteInput) -> Result<Site> {
    ctx.require(Perm::SystemMaintain)?;
    let name = input.name.trim();
    if name.is_empty() {
        return Err(Error::Invalid {
            field: "本机名称".into(),
            message: "不能为空，请填写如「示例县财政局」「城关镇」".into(),
        });
    }
    let before = get(ctx)?;
    let unit_changed = match (&input.unit, &before.unit_id) {
        (None, None) => false,
        (Some(u), Some(id)) => {
            let code: Option<String> = ctx
                .query_row("SELECT code FROM org_unit WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?;
            u.trim() != id && Some(u.trim()) != code.as_deref()
        }
        _ => !input.kind.is_bureau() || before.unit_id.is_some(),
    };
    if before.kind != input.kind || unit_changed {
        return Err(Error::Forbidden(format!(
            "本机是{}{}的电脑，类型和所属单位不能在本机修改，未做任何修改。\
             单位/乡镇的电脑请在新装的程序中用财政局发放的入网文件加入（「用入网文件加入」）。",
            before.kind.as_str(),
            before
                .unit_name
                .as_deref()
                .map(|n| format!("（{n}）"))
                .unwrap_or_default()
        )));
    }
    ctx.execute(
        "UPDATE sync_local SET name = ?1, updated_at = ?2 WHERE id = 1",
        params![name, ctx.now()],
    )?;
    let after = get(ctx)?;
    ctx.audit(
        "设置本机身份",
        "sync_local",
        Some(&after.site_id),
        &format!("本机：{}（{}）", after.name, after.kind.as_str()),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// The units whose data a site with `unit_id` owns: the unit and everything under it.
pub fn unit_subtree(c: &Connection, unit_id: &str) -> Result<std::collections::HashSet<String>> {
    let mut stmt = c.prepare(&format!(
        "SELECT id FROM {}",
        crate::listing::unit_subtree("?1")
    ))?;
    let ids = stmt
        .query_map([unit_id], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
