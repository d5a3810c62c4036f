//! What an import lets in, before and after applying: the package must not be this PC's own nor
//! addressed to another PC, a unit or township may send only its own rows of unit-owned tables,
//! and no applied row may point at data this PC lacks.

use super::package::{Change, PackageHeader};
use super::site::{self, Site};
use super::tables::{self, Owner, UnitOf};
use crate::{Error, Result};
use rusqlite::Connection;
use std::collections::BTreeSet;

pub(super) fn check_addressing(
    c: &Connection,
    me: &Site,
    h: &PackageHeader,
    changes: &[Change],
) -> Result<()> {
    if h.source.site_id == me.site_id {
        return Err(Error::Invalid {
            field: "数据包".into(),
            message: "这是本机导出的数据包，不需要在本机导入；请把它拷到对方电脑上导入".into(),
        });
    }
    let mine = |id: &str| {
        id == super::export::ALL
            || id == me.site_id
            || me
                .unit_id
                .as_deref()
                .is_some_and(|u| id == format!("unit:{u}"))
    };
    if !mine(&h.to_site_id) {
        return Err(Error::Invalid {
            field: "数据包".into(),
            message: format!(
                "这个数据包是发给『{}』的，不是本机（{}），未导入任何数据",
                h.to_name, me.name
            ),
        });
    }
    if h.source.kind != "财政局" {
        check_unit_scope(c, h, changes)?;
    }
    Ok(())
}

/// A unit or township may send only its own rows of unit-owned tables.
fn check_unit_scope(c: &Connection, h: &PackageHeader, changes: &[Change]) -> Result<()> {
    let refuse = |what: String| {
        Err(Error::Invalid {
            field: "数据包".into(),
            message: format!(
                "数据包来自{}『{}』，却含有{what}，未导入任何数据",
                h.source.kind, h.source.name
            ),
        })
    };
    let units = match &h.source.unit_id {
        Some(u) => site::unit_subtree(c, u)?,
        None => return refuse("数据但没有所属单位".into()),
    };
    for ch in changes {
        let Some(t) = tables::find(&ch.table) else {
            continue;
        };
        if t.owner == Owner::Bureau {
            return refuse(format!("只能由财政局下发的『{}』数据", t.label));
        }
        if let (UnitOf::Column(col), Some(row)) = (t.unit_of, &ch.row) {
            let unit = row.get(col).and_then(|v| v.as_str()).unwrap_or_default();
            if !units.contains(unit) {
                return refuse(format!("其他单位的『{}』数据", t.label));
            }
        }
    }
    Ok(())
}

/// Rows must not point at rows this PC doesn't have (an earlier package not imported yet).
pub(super) fn check_references(c: &Connection, touched: &BTreeSet<&str>) -> Result<()> {
    let mut problems = Vec::new();
    for t in touched {
        let mut stmt = c.prepare(&format!("PRAGMA foreign_key_check({t})"))?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(2))?
            .collect::<rusqlite::Result<_>>()?;
        for parent in found {
            let label = |n: &str| tables::find(n).map_or(n.to_string(), |t| t.label.to_string());
            problems.push(format!("『{}』引用的『{}』", label(t), label(&parent)));
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    problems.sort();
    problems.dedup();
    Err(Error::Conflict(format!(
        "数据包中有记录引用了本机没有的数据（{}），未导入任何数据。请先按导出顺序导入对方较早的数据包，或请对方做一次「完整导出」",
        problems.into_iter().take(5).collect::<Vec<_>>().join("、")
    )))
}
