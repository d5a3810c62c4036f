//! The hash chain of the audit log (操作日志防篡改链).
//!
//! Every `audit_log` row carries `seq` (1, 2, 3, … without a gap), `prev_hash` (the `hash` of row
//! `seq - 1`; for row 1 the 64 zeros of [`GENESIS`]) and `hash` = SM3 (GB/T 32905-2016, RustCrypto
//! `sm3`) of the row's canonical encoding, written as 64 lowercase hex digits. Triggers refuse
//! UPDATE and DELETE of a sealed row and an INSERT that does not continue the chain
//! (migrations/0007_audit_chain.sql); [`verify_chain`] re-computes every hash, so whoever drops
//! the triggers and edits, deletes, inserts or reorders rows with a SQLite tool is named at the
//! first row that no longer matches.
//!
//! ## Canonical encoding (version 1) — enough to re-implement the check
//!
//! The message hashed is the concatenation of 14 fields, in this order:
//!
//! | # | field | text |
//! |---|-------|------|
//! | 1 | tag | the ASCII text `jixiao-audit-v1` |
//! | 2 | `seq` | decimal digits, no sign, no leading zeros (`1`, `2`, …) |
//! | 3 | `prev_hash` | 64 lowercase hex digits |
//! | 4 | `id` | as stored |
//! | 5 | `at` | as stored (RFC 3339, e.g. `2026-03-05T09:00:00+08:00`) |
//! | 6 | `operator_id` | as stored, may be NULL |
//! | 7 | `operator_name` | as stored |
//! | 8 | `operator_dept` | as stored |
//! | 9 | `action` | as stored |
//! | 10 | `entity` | as stored |
//! | 11 | `entity_id` | as stored, may be NULL |
//! | 12 | `summary` | as stored |
//! | 13 | `before_json` | as stored, may be NULL |
//! | 14 | `after_json` | as stored, may be NULL |
//!
//! Each field is written as one byte `0x00` when it is NULL, otherwise as the byte `0x01`, the
//! length in bytes of its UTF-8 text as a 4-byte big-endian unsigned integer, then those bytes.
//! (Length prefixes make the encoding unambiguous: no two different rows give the same bytes.)
//! `hash = lower_hex(SM3(message))`.
//!
//! ## Old databases
//!
//! Rows written before 0007 have no seq/hash. Right after 0007 runs, in the same transaction,
//! [`seal_unchained`] numbers them in the order (`at`, `id`) and computes their hashes — SQL
//! cannot compute SM3. It runs only inside that migration, never at an ordinary open, so a row
//! slipped in later without a hash stays unsealed and is reported by [`verify_chain`].
//!
//! ## What the chain does not do
//!
//! The hash has no secret key: it makes a change *visible*, it does not make it impossible.
//! Someone who re-computes every hash from the edited row to the end, or who deletes the last
//! rows, or who puts back a whole older copy of the file, is not caught by the chain alone; the
//! head ([`ChainReport::last_seq`] / [`ChainReport::last_hash`]) written down elsewhere (a
//! printed check, a backup kept by the bureau) is what exposes that.

use crate::access::Actor;
use crate::{Error, Result};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sm3::{Digest, Sm3};
use ts_rs::TS;

/// `prev_hash` of the first row.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The first field of the encoding; a later encoding gets a new tag.
pub const TAG: &str = "jixiao-audit-v1";

/// The columns of one row in encoding order (fields 4–14; seq and prev_hash come first).
#[derive(Debug, Clone, Copy)]
pub struct RowFields<'a> {
    pub id: &'a str,
    pub at: &'a str,
    pub operator_id: Option<&'a str>,
    pub operator_name: &'a str,
    pub operator_dept: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<&'a str>,
    pub summary: &'a str,
    pub before_json: Option<&'a str>,
    pub after_json: Option<&'a str>,
}

fn field(h: &mut Sm3, v: Option<&str>) {
    match v {
        None => h.update([0u8]),
        Some(s) => {
            h.update([1u8]);
            // An audit field never reaches 4 GiB; saturate rather than wrap if it ever did.
            let len = u32::try_from(s.len()).unwrap_or(u32::MAX);
            h.update(len.to_be_bytes());
            h.update(s.as_bytes());
        }
    }
}

/// SM3 of the canonical encoding (module doc), as 64 lowercase hex digits.
pub fn row_hash(seq: i64, prev_hash: &str, r: &RowFields) -> String {
    let mut h = Sm3::new();
    field(&mut h, Some(TAG));
    field(&mut h, Some(&seq.to_string()));
    field(&mut h, Some(prev_hash));
    field(&mut h, Some(r.id));
    field(&mut h, Some(r.at));
    field(&mut h, r.operator_id);
    field(&mut h, Some(r.operator_name));
    field(&mut h, Some(r.operator_dept));
    field(&mut h, Some(r.action));
    field(&mut h, Some(r.entity));
    field(&mut h, r.entity_id);
    field(&mut h, Some(r.summary));
    field(&mut h, r.before_json);
    field(&mut h, r.after_json);
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// The last row's (seq, hash), through the unique index on seq; (0, GENESIS) when empty.
pub fn head(c: &Connection) -> Result<(i64, String)> {
    let last: Option<(i64, Option<String>)> = c
        .query_row(
            "SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(match last {
        Some((seq, Some(hash))) => (seq, hash),
        // A row slipped in without a hash: carry on from GENESIS as the insert trigger does, so
        // the PC keeps working; verify_chain names the row.
        Some((seq, None)) => (seq, GENESIS.to_string()),
        None => (0, GENESIS.to_string()),
    })
}

/// Appends one sealed row. Called by `WriteCtx::audit` inside the action's transaction.
pub(crate) fn append(c: &Connection, id: &str, at: &str, actor: &Actor, rest: Tail) -> Result<()> {
    let (last_seq, last_hash) = head(c)?;
    let seq = last_seq + 1;
    let fields = RowFields {
        id,
        at,
        operator_id: actor.id.as_deref(),
        operator_name: &actor.name,
        operator_dept: &actor.dept,
        action: rest.action,
        entity: rest.entity,
        entity_id: rest.entity_id,
        summary: rest.summary,
        before_json: rest.before_json.as_deref(),
        after_json: rest.after_json.as_deref(),
    };
    let hash = row_hash(seq, &last_hash, &fields);
    c.execute(
        "INSERT INTO audit_log (id, at, operator_id, operator_name, operator_dept, action,
                                entity, entity_id, summary, before_json, after_json,
                                seq, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            at,
            fields.operator_id,
            fields.operator_name,
            fields.operator_dept,
            fields.action,
            fields.entity,
            fields.entity_id,
            fields.summary,
            fields.before_json,
            fields.after_json,
            seq,
            last_hash,
            hash,
        ],
    )?;
    Ok(())
}

/// What `WriteCtx::audit` says about the change (fields 9–14).
pub(crate) struct Tail<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<&'a str>,
    pub summary: &'a str,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

const SELECT_ROW: &str = "SELECT id, at, operator_id, operator_name, operator_dept, action, entity,
        entity_id, summary, before_json, after_json, seq, prev_hash, hash FROM audit_log";

/// One stored row as read for checking; text columns that hold another type are read as their
/// text form so a tampered type still gives a (wrong) hash instead of an error.
struct Stored {
    id: String,
    at: String,
    texts: [Option<String>; 9],
    seq: Option<i64>,
    prev_hash: Option<String>,
    hash: Option<String>,
}

fn text(v: ValueRef<'_>) -> Option<String> {
    match v {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

fn stored(r: &rusqlite::Row) -> rusqlite::Result<Stored> {
    let t = |i: usize| r.get_ref(i).map(text);
    Ok(Stored {
        id: t(0)?.unwrap_or_default(),
        at: t(1)?.unwrap_or_default(),
        texts: [
            t(2)?,
            t(3)?,
            t(4)?,
            t(5)?,
            t(6)?,
            t(7)?,
            t(8)?,
            t(9)?,
            t(10)?,
        ],
        seq: match r.get_ref(11)? {
            ValueRef::Integer(i) => Some(i),
            _ => None,
        },
        prev_hash: t(12)?,
        hash: t(13)?,
    })
}

impl Stored {
    fn hash_at(&self, seq: i64, prev_hash: &str) -> String {
        let [op_id, op_name, op_dept, action, entity, entity_id, summary, before, after] =
            &self.texts;
        row_hash(
            seq,
            prev_hash,
            &RowFields {
                id: &self.id,
                at: &self.at,
                operator_id: op_id.as_deref(),
                operator_name: op_name.as_deref().unwrap_or_default(),
                operator_dept: op_dept.as_deref().unwrap_or_default(),
                action: action.as_deref().unwrap_or_default(),
                entity: entity.as_deref().unwrap_or_default(),
                entity_id: entity_id.as_deref(),
                summary: summary.as_deref().unwrap_or_default(),
                before_json: before.as_deref(),
                after_json: after.as_deref(),
            },
        )
    }
}

/// Seals the rows that have no hash yet (an older database), in the order (at, id), continuing
/// after the last sealed row. Runs inside migration 0007's transaction only (module doc).
/// Returns how many rows were sealed.
pub fn seal_unchained(c: &Connection) -> Result<u32> {
    let (mut seq, mut prev) = head(c)?;
    let rows: Vec<Stored> = c
        .prepare(&format!("{SELECT_ROW} WHERE hash IS NULL ORDER BY at, id"))?
        .query_map([], stored)?
        .collect::<rusqlite::Result<_>>()?;
    let mut update =
        c.prepare("UPDATE audit_log SET seq = ?2, prev_hash = ?3, hash = ?4 WHERE id = ?1")?;
    for row in &rows {
        seq += 1;
        let hash = row.hash_at(seq, &prev);
        update.execute(params![row.id, seq, prev, hash])?;
        prev = hash;
    }
    Ok(rows.len() as u32)
}

/// The first row where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainBreak {
    /// Its place in the chain (1-based): the rows before it hold, this one is where row number
    /// `position` was expected. Messages name the row by its stored `seq` when it has one.
    #[ts(type = "number")]
    pub position: i64,
    /// The `seq` stored in the row (None when it has none).
    #[ts(type = "number | null")]
    pub seq: Option<i64>,
    pub id: String,
    pub at: String,
    /// Why, in Chinese (被改动 / 缺失 / 顺序 …).
    pub reason: String,
}

/// Result of [`verify_chain`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ChainReport {
    pub ok: bool,
    /// Rows checked.
    #[ts(type = "number")]
    pub rows: i64,
    pub first_bad: Option<ChainBreak>,
    /// The chain's head — write it down to detect a later rewrite of the whole tail.
    #[ts(type = "number")]
    pub last_seq: i64,
    pub last_hash: Option<String>,
    /// One Chinese sentence for every screen: 「操作日志校验链完整（共 N 条）」, or which row
    /// broke and why (「操作日志第 N 条（时间 …，ID …）：内容与校验值不符，该条被改动过」).
    pub message: String,
}

impl ChainReport {
    fn sentence(rows: i64, first_bad: Option<&ChainBreak>) -> String {
        match first_bad {
            None => format!("操作日志校验链完整（共 {rows} 条）"),
            Some(b) => format!(
                "操作日志第 {} 条（时间 {}，ID {}）：{}",
                b.seq.unwrap_or(b.position),
                b.at.get(..19).unwrap_or(&b.at).replace('T', " "),
                b.id,
                b.reason
            ),
        }
    }
}

/// Re-computes the whole chain in seq order and reports the first row that does not hold: an
/// edited row (its hash no longer matches its content), a deleted row (a gap in seq, or the next
/// row's prev_hash pointing at nothing), reordered rows (seq is hashed, so a swapped seq breaks
/// both rows), an inserted row (no hash, a duplicate seq, or a hash that is not its own).
pub fn verify_chain(c: &Connection) -> Result<ChainReport> {
    let mut stmt = c.prepare(&format!("{SELECT_ROW} ORDER BY seq, rowid"))?;
    let mut rows = stmt.query([])?;
    let mut expected: i64 = 1;
    let mut prev = GENESIS.to_string();
    let mut first_bad = None;
    let mut count: i64 = 0;
    while let Some(r) = rows.next()? {
        let row = stored(r)?;
        count += 1;
        if first_bad.is_some() {
            continue;
        }
        let reason = match row.seq {
            None => Some("没有序号，不是由本系统按顺序追加的，该条是被插入的".to_string()),
            Some(s) if s < expected => {
                Some("序号与前一条重复或倒退，有记录被插入或顺序被调换".to_string())
            }
            Some(s) if s > expected => Some(if expected + 1 == s {
                format!("前面的第 {expected} 条缺失，该条已被删除")
            } else {
                format!("前面的第 {expected}–{} 条缺失，这些记录已被删除", s - 1)
            }),
            Some(s) => {
                let linked = row.prev_hash.as_deref() == Some(prev.as_str());
                let sealed = row.hash.as_deref() == Some(row.hash_at(s, &prev).as_str());
                if row.hash.is_none() {
                    Some("没有校验值，不是由本系统追加的，该条是被插入的".to_string())
                } else if !linked {
                    Some("与上一条的校验值不符，前面有记录被删除、插入或顺序被调换".to_string())
                } else if !sealed {
                    Some("内容与校验值不符，该条被改动过".to_string())
                } else {
                    None
                }
            }
        };
        match reason {
            Some(reason) => {
                first_bad = Some(ChainBreak {
                    position: expected,
                    seq: row.seq,
                    id: row.id,
                    at: row.at,
                    reason,
                })
            }
            None => {
                prev = row.hash.unwrap_or_default();
                expected += 1;
            }
        }
    }
    let (last_seq, last_hash) = head(c)?;
    Ok(ChainReport {
        ok: first_bad.is_none(),
        rows: count,
        message: ChainReport::sentence(count, first_bad.as_ref()),
        first_bad,
        last_seq,
        last_hash: (last_seq > 0).then_some(last_hash),
    })
}

/// Whether `c`'s audit_log has the chain columns (a database of schema 7 or later).
pub fn has_chain(c: &Connection) -> Result<bool> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM pragma_table_info('audit_log') WHERE name = 'hash'",
        [],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// For a restore: refuses a backup file whose audit chain is broken, naming the row. A file from
/// before the chain existed passes (its rows are sealed when it is migrated).
pub fn refuse_broken_backup(src: &Connection, name: &str) -> Result<()> {
    if !has_chain(src)? {
        return Ok(());
    }
    let report = verify_chain(src)?;
    if report.ok {
        return Ok(());
    }
    Err(Error::File(format!(
        "备份文件 {name} 的操作日志校验不通过：{}，不能恢复。请选择另一份备份。",
        report.message
    )))
}
