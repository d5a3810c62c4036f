//! Conflicts kept from imports: both versions side by side, and the choice — keep ours, take
//! theirs, or an edited row. The choice makes a new version that descends from both sides, so
//! the other PC takes it on its next import and the two converge. Every choice is audited.

use super::package::{Change, PackageHeader};
use super::rows;
use super::tables;
use super::version::{self, merged_hist, RowVersion};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FieldDiff {
    pub column: String,
    #[ts(type = "unknown")]
    pub ours: Value,
    #[ts(type = "unknown")]
    pub theirs: Value,
    pub differs: bool,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Conflict {
    pub id: String,
    pub table: String,
    pub label: String,
    pub pk: String,
    pub peer_name: String,
    pub reason: String,
    pub ours_deleted: bool,
    pub theirs_deleted: bool,
    /// Every column, ours and theirs side by side.
    pub fields: Vec<FieldDiff>,
    pub status: String,
    pub choice: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Choice {
    本机,
    对方,
    编辑,
}

fn parse_row(json: Option<String>) -> Option<Map<String, Value>> {
    json.and_then(|s| serde_json::from_str::<Map<String, Value>>(&s).ok())
}

fn diff(ours: Option<&Map<String, Value>>, theirs: Option<&Map<String, Value>>) -> Vec<FieldDiff> {
    let cols: Vec<&String> = ours
        .or(theirs)
        .map(|m| m.keys().collect())
        .unwrap_or_default();
    let mut fields: Vec<FieldDiff> = cols
        .into_iter()
        .map(|c| {
            let o = ours.and_then(|m| m.get(c)).cloned().unwrap_or(Value::Null);
            let t = theirs
                .and_then(|m| m.get(c))
                .cloned()
                .unwrap_or(Value::Null);
            FieldDiff {
                column: c.clone(),
                differs: o != t && c != "updated_at",
                ours: o,
                theirs: t,
            }
        })
        .collect();
    // What differs is what the person has to decide on: show it first.
    fields.sort_by_key(|f| !f.differs);
    fields
}

const SELECT: &str =
    "SELECT id, tbl, pk, peer_name, reason, ours_deleted, ours_json, theirs_deleted,
    theirs_json, status, choice, resolved_by, resolved_at, created_at FROM sync_conflict";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Conflict> {
    let table: String = r.get(1)?;
    let ours = parse_row(r.get(6)?);
    let theirs = parse_row(r.get(8)?);
    Ok(Conflict {
        id: r.get(0)?,
        label: tables::find(&table).map_or(table.clone(), |t| t.label.to_string()),
        table,
        pk: r.get(2)?,
        peer_name: r.get(3)?,
        reason: r.get(4)?,
        ours_deleted: r.get(5)?,
        theirs_deleted: r.get(7)?,
        fields: diff(ours.as_ref(), theirs.as_ref()),
        status: r.get(9)?,
        choice: r.get(10)?,
        resolved_by: r.get(11)?,
        resolved_at: r.get(12)?,
        created_at: r.get(13)?,
    })
}

/// Open conflicts first, then the settled ones (newest first).
pub fn list(c: &Connection, open_only: bool) -> Result<Vec<Conflict>> {
    let sql = format!(
        "{SELECT} WHERE (?1 = 0 OR status = '待处理')
         ORDER BY status = '待处理' DESC, created_at DESC, tbl, pk LIMIT 2000"
    );
    let rows = c
        .prepare(&sql)?
        .query_map([open_only], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn open_count(c: &Connection) -> Result<u64> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM sync_conflict WHERE status = '待处理'",
        [],
        |r| r.get::<_, i64>(0),
    )? as u64)
}

/// Settles one conflict. `edited` is the whole row for `Choice::编辑`.
pub fn resolve(
    ctx: &WriteCtx,
    id: &str,
    choice: Choice,
    edited: Option<&Map<String, Value>>,
) -> Result<Conflict> {
    ctx.require(Perm::Exchange)?;
    let found = ctx
        .query_row(
            "SELECT tbl, pk, theirs_ver, theirs_hist, theirs_json, status FROM sync_conflict WHERE id = ?1",
            [id],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, String>(5)?,
                ))
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到这条冲突记录，请刷新后重试".into()))?;
    let (table, pk, theirs_ver, theirs_hist, theirs_json, status) = found;
    if status != "待处理" {
        return Err(Error::Conflict(format!("这条冲突已{status}，无需再处理")));
    }
    let info = tables::schema(ctx)?
        .remove(table.as_str())
        .ok_or_else(|| Error::NotFound(format!("表『{table}』不在交换范围内")))?;
    let before = rows::read_row(ctx, &info, &pk)?;
    let target: Option<Map<String, Value>> = match choice {
        Choice::本机 => before.clone(),
        Choice::对方 => parse_row(theirs_json),
        Choice::编辑 => Some(edited.cloned().ok_or_else(|| Error::Invalid {
            field: "编辑后的记录".into(),
            message: "选择「编辑」时必须提交编辑后的整条记录".into(),
        })?),
    };
    // The version is set below, by hand: the change triggers must not stamp this write.
    ctx.execute("UPDATE sync_local SET applying = 1 WHERE id = 1", [])?;
    match &target {
        Some(row) => rows::write_row(ctx, &info, &pk, row),
        None => rows::delete_row(ctx, &info, &pk),
    }
    .map_err(|e| match e {
        Error::Db(db) => Error::Invalid {
            field: "编辑后的记录".into(),
            message: format!("无法保存（{db}），请检查取值后重试"),
        },
        other => other,
    })?;
    let ours = version::load(ctx, &table, &pk)?.unwrap_or_else(RowVersion::absent);
    let theirs_hist: Vec<String> = serde_json::from_str(&theirs_hist).unwrap_or_default();
    let me: String = ctx.query_row("SELECT site_id FROM sync_local WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    let resolved = RowVersion {
        ver: version::new_ver(ctx)?,
        hist: merged_hist(&ours, &theirs_ver, &theirs_hist),
        deleted: target.is_none(),
        origin: me,
    };
    version::store(ctx, &table, &pk, &resolved, false)?;
    ctx.execute("UPDATE sync_local SET applying = 0 WHERE id = 1", [])?;
    let choice_text = match choice {
        Choice::本机 => "本机",
        Choice::对方 => "对方",
        Choice::编辑 => "编辑",
    };
    ctx.execute(
        "UPDATE sync_conflict SET status = '已处理', choice = ?2, resolved_by = ?3, resolved_at = ?4
         WHERE id = ?1",
        params![id, choice_text, ctx.actor.name, ctx.now()],
    )?;
    let label = tables::find(&table).map_or(table.as_str(), |t| t.label);
    ctx.audit(
        "处理数据冲突",
        &table,
        Some(&pk),
        &format!("{label}『{pk}』的冲突：采用{choice_text}版本"),
        before.map(Value::Object).as_ref(),
        target.map(Value::Object).as_ref(),
    )?;
    Ok(ctx.query_row(&format!("{SELECT} WHERE id = ?1"), [id], from_row)?)
}

/// Keeps both versions of a row (or refreshes theirs on an open conflict).
pub(super) fn record(
    ctx: &WriteCtx,
    h: &PackageHeader,
    ch: &Change,
    ours: &RowVersion,
    ours_row: Option<&serde_json::Map<String, serde_json::Value>>,
    reason: &str,
) -> Result<()> {
    ctx.execute(
        "INSERT INTO sync_conflict (id, tbl, pk, package_id, peer_site_id, peer_name, reason,
             ours_ver, ours_deleted, ours_json, theirs_ver, theirs_hist, theirs_origin,
             theirs_deleted, theirs_json, status, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, '待处理', ?16)
         ON CONFLICT (tbl, pk) WHERE status = '待处理' DO UPDATE SET
             package_id = excluded.package_id, peer_site_id = excluded.peer_site_id,
             peer_name = excluded.peer_name, reason = excluded.reason,
             ours_ver = excluded.ours_ver, ours_deleted = excluded.ours_deleted,
             ours_json = excluded.ours_json, theirs_ver = excluded.theirs_ver,
             theirs_hist = excluded.theirs_hist, theirs_origin = excluded.theirs_origin,
             theirs_deleted = excluded.theirs_deleted, theirs_json = excluded.theirs_json",
        params![
            new_id(),
            ch.table,
            ch.pk,
            h.package_id,
            h.source.site_id,
            h.source.name,
            reason,
            ours.ver,
            ours.deleted || ours_row.is_none(),
            ours_row.map(|r| serde_json::Value::Object(r.clone()).to_string()),
            ch.ver,
            serde_json::to_string(&ch.hist)?,
            ch.origin,
            ch.deleted,
            ch.row
                .as_ref()
                .map(|r| serde_json::Value::Object(r.clone()).to_string()),
            ctx.now(),
        ],
    )?;
    Ok(())
}

/// A version that descends from both sides of an open conflict settles it here too.
pub(super) fn close_resolved_by_peer(ctx: &WriteCtx, ch: &Change, peer: &str) -> Result<()> {
    ctx.prepare_cached(
        "UPDATE sync_conflict SET status = '对方已处理', resolved_by = ?4, resolved_at = ?5
         WHERE tbl = ?1 AND pk = ?2 AND status = '待处理'
           AND EXISTS (SELECT 1 FROM json_each(?3) WHERE value = theirs_ver)",
    )?
    .execute(params![
        ch.table,
        ch.pk,
        serde_json::to_string(&ch.hist)?,
        peer,
        ctx.now()
    ])?;
    Ok(())
}
