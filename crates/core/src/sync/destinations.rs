//! Where this PC can export to, for the export screen's dropdown: every unit at once, the PCs
//! heard from, and (on the bureau's PC) each 乡镇 / 预算单位 not heard from yet, by its code.

use super::export::ALL;
use super::site;
use crate::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashSet;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "SyncDestinationKind")]
pub enum DestinationKind {
    /// Every unit ("*"); from a unit's PC this is the bureau.
    全部,
    /// A PC a package came from (or went to) before, by its site id.
    站点,
    /// An org unit not heard from yet, by its code.
    单位,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export, rename = "SyncDestination")]
pub struct Destination {
    /// What the export takes as `to`: "*", a site id, or a unit code.
    pub value: String,
    pub kind: DestinationKind,
    pub name: String,
    /// The unit's code (a unit, or a PC whose 所属单位 is known here).
    pub code: Option<String>,
    /// 财政局 / 预算单位 / 乡镇 of a known PC.
    pub site_kind: Option<String>,
    pub last_received_at: Option<String>,
}

/// "*" first, then the known PCs by name, then (bureau only) the units by code. A unit whose PC
/// is known is listed once, as that PC, so its packages follow one cursor.
pub fn list(c: &Connection) -> Result<Vec<Destination>> {
    let me = site::get(c)?;
    let mut out = vec![Destination {
        value: ALL.into(),
        kind: DestinationKind::全部,
        name: if me.kind.is_bureau() {
            "全部单位".into()
        } else {
            "财政局".into()
        },
        code: None,
        site_kind: None,
        last_received_at: None,
    }];
    if !me.kind.is_bureau() {
        return Ok(out);
    }
    let mut stmt = c.prepare(
        "SELECT p.site_id, p.name, p.kind, u.code, p.last_received_at, p.unit_id
         FROM sync_peer p LEFT JOIN org_unit u ON u.id = p.unit_id
         WHERE p.site_id <> ?1 AND p.site_id <> ?2 AND p.site_id NOT LIKE 'unit:%'
         ORDER BY p.name, p.site_id",
    )?;
    let mut covered = HashSet::new();
    let peers = stmt.query_map([ALL, me.site_id.as_str()], |r| {
        Ok((
            Destination {
                value: r.get(0)?,
                kind: DestinationKind::站点,
                name: r.get(1)?,
                site_kind: Some(r.get(2)?),
                code: r.get(3)?,
                last_received_at: r.get(4)?,
            },
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    for peer in peers {
        let (d, unit) = peer?;
        covered.extend(unit);
        out.push(d);
    }
    let mut stmt = c.prepare(
        "SELECT id, code, name FROM org_unit
         WHERE kind IN ('乡镇', '预算单位') AND deleted_at IS NULL ORDER BY code",
    )?;
    let units = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for unit in units {
        let (id, code, name) = unit?;
        if covered.contains(&id) {
            continue;
        }
        out.push(Destination {
            value: code.clone(),
            kind: DestinationKind::单位,
            name,
            code: Some(code),
            site_kind: None,
            last_received_at: None,
        });
    }
    Ok(out)
}
