//! The local operator profile (操作员: name + 科室) chosen at first start. It is the "who" of
//! every audit-log row until real accounts arrive.

use crate::db::{new_id, Db, WriteCtx};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who performs an action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Actor {
    pub id: Option<String>,
    pub name: String,
    /// 科室, e.g. 绩效股.
    pub dept: String,
}

impl Actor {
    /// The actor of command-line and system actions that no profile performs.
    pub fn system(name: &str) -> Actor {
        Actor {
            id: None,
            name: name.to_string(),
            dept: "系统".to_string(),
        }
    }
}

const CURRENT_KEY: &str = "current_operator_id";

/// The operator chosen on this PC, if first start is done.
pub fn current(c: &Connection) -> Result<Option<Actor>> {
    let id: Option<String> = c
        .query_row(
            "SELECT value FROM local_setting WHERE key = ?1",
            [CURRENT_KEY],
            |r| r.get(0),
        )
        .optional()?;
    let Some(id) = id else { return Ok(None) };
    Ok(c.query_row(
        "SELECT id, name, dept FROM operator WHERE id = ?1 AND deleted_at IS NULL",
        [&id],
        |r| {
            Ok(Actor {
                id: Some(r.get(0)?),
                name: r.get(1)?,
                dept: r.get(2)?,
            })
        },
    )
    .optional()?)
}

/// A validated, not yet saved operator profile with a fresh id.
pub fn new_actor(name: &str, dept: &str) -> Result<Actor> {
    let name = name.trim();
    let dept = dept.trim();
    if name.is_empty() {
        return Err(Error::invalid("姓名", "不能为空，请填写操作员姓名"));
    }
    if dept.is_empty() {
        return Err(Error::invalid(
            "科室",
            "不能为空，请填写所在科室，如 绩效股",
        ));
    }
    Ok(Actor {
        id: Some(new_id()),
        name: name.to_string(),
        dept: dept.to_string(),
    })
}

/// Saves `actor` (from [`new_actor`]) and makes it this PC's current operator.
pub fn insert_and_select(ctx: &WriteCtx, actor: &Actor) -> Result<()> {
    ctx.execute(
        "INSERT INTO operator (id, name, dept, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![actor.id, actor.name, actor.dept, ctx.now()],
    )?;
    ctx.execute(
        "INSERT INTO local_setting (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        params![CURRENT_KEY, actor.id, ctx.now()],
    )?;
    ctx.audit(
        "create",
        "operator",
        actor.id.as_deref(),
        &format!("新建操作员 {}（{}）", actor.name, actor.dept),
        None,
        Some(&serde_json::to_value(actor)?),
    )
}

/// Creates an operator profile and makes it this PC's current one.
pub fn create_and_select(db: &Db, name: &str, dept: &str) -> Result<Actor> {
    let actor = new_actor(name, dept)?;
    db.write(&actor, |ctx| insert_and_select(ctx, &actor))?;
    Ok(actor)
}
