//! 规则设置 — the numbers every later stage reads (grade bands, self-evaluation weights, 事前评估
//! threshold and bands, 量化率 floor, warning lines, spot-check share). Versioned: each save adds
//! a version; the newest live version is current. Defaults follow domain.md §2–§5.

use crate::access::Perm;
mod evaluation_sheet;
mod exante_sheet;
mod model;
mod review_sheet;

pub use evaluation_sheet::*;
pub use exante_sheet::*;
pub use model::*;
pub use review_sheet::*;

use crate::db::{new_id, WriteCtx};
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

/// One saved version of the rule set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RuleSetVersion {
    /// 0 = the built-in defaults (nothing saved yet).
    pub version: i64,
    pub rules: RuleSet,
    pub note: String,
    pub created_by: String,
    pub created_at: String,
}

fn builtin() -> RuleSetVersion {
    RuleSetVersion {
        version: 0,
        rules: RuleSet::default(),
        note: "内置默认规则".into(),
        created_by: String::new(),
        created_at: String::new(),
    }
}

/// The rule set in force: the newest saved version, else the built-in defaults.
pub fn current(c: &Connection) -> Result<RuleSetVersion> {
    Ok(list_versions(c)?.into_iter().next().unwrap_or_else(builtin))
}

/// Version `version` of the rule set (0 = the built-in defaults); `None` when no such live
/// version exists. Records that name the version they were made under read it back here.
pub fn get_version(c: &Connection, version: i64) -> Result<Option<RuleSetVersion>> {
    if version == 0 {
        return Ok(Some(builtin()));
    }
    Ok(list_versions(c)?.into_iter().find(|v| v.version == version))
}

/// Saved versions, newest first.
pub fn list_versions(c: &Connection) -> Result<Vec<RuleSetVersion>> {
    let mut stmt = c.prepare(
        "SELECT version, body_json, note, created_by, created_at FROM rule_set
         WHERE deleted_at IS NULL ORDER BY version DESC",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(version, body, note, created_by, created_at)| {
            Ok(RuleSetVersion {
                version,
                rules: serde_json::from_str(&body)?,
                note,
                created_by,
                created_at,
            })
        })
        .collect()
}

/// Validates and saves `rules` as a new version; returns it.
pub fn save(ctx: &WriteCtx, rules: &RuleSet, note: &str) -> Result<RuleSetVersion> {
    ctx.require(Perm::RulesEdit)?;
    rules.validate()?;
    let before = current(ctx)?;
    let version: i64 = ctx
        .query_row("SELECT MAX(version) FROM rule_set", [], |r| {
            r.get::<_, Option<i64>>(0)
        })
        .optional()?
        .flatten()
        .unwrap_or(0)
        + 1;
    let id = new_id();
    let who = format!("{}（{}）", ctx.actor.name, ctx.actor.dept);
    let note = if note.trim().is_empty() {
        format!("第{version}版")
    } else {
        note.trim().to_string()
    };
    ctx.execute(
        "INSERT INTO rule_set (id, version, body_json, note, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![
            id,
            version,
            serde_json::to_string(rules)?,
            note,
            who,
            ctx.now()
        ],
    )?;
    ctx.audit(
        "update",
        "rule_set",
        Some(&id),
        &format!("保存规则设置第{version}版：{note}"),
        Some(&serde_json::to_value(&before.rules)?),
        Some(&serde_json::to_value(rules)?),
    )?;
    current(ctx)
}
