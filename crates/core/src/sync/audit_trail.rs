//! The sender's 操作日志 travels with its packages, so the bureau can show that a unit's history
//! was not rewritten after it was sent.
//!
//! A 单位/乡镇 package carries `audit.jsonl`: the sender's sealed audit rows after the head it put
//! in its previous package to the same PC (all of them in a full export or a new epoch), and the
//! header names the new head and the sha256 of those rows (so the signature covers them). The
//! bureau re-computes every row's SM3 hash and checks that the rows continue the head it stored
//! for the sender's previous package. A township that edits, deletes or re-hashes rows it had
//! already sent cannot make them continue that head: the package is still imported (its rows
//! were admitted one by one), but 交换记录 and the 操作日志 say 「操作日志被改写」 and which row.

use super::package::PackageHeader;
use super::site::{Site, SiteKind};
use crate::audit::chain::{row_hash, RowFields, GENESIS};
use crate::Result;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// One sealed `audit_log` row as it travels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub prev_hash: String,
    pub hash: String,
    pub id: String,
    pub at: String,
    pub operator_id: Option<String>,
    pub operator_name: String,
    pub operator_dept: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<String>,
    pub summary: String,
    pub before_json: Option<String>,
    pub after_json: Option<String>,
}

impl AuditEntry {
    fn recomputed(&self) -> String {
        row_hash(
            self.seq,
            &self.prev_hash,
            &RowFields {
                id: &self.id,
                at: &self.at,
                operator_id: self.operator_id.as_deref(),
                operator_name: &self.operator_name,
                operator_dept: &self.operator_dept,
                action: &self.action,
                entity: &self.entity,
                entity_id: self.entity_id.as_deref(),
                summary: &self.summary,
                before_json: self.before_json.as_deref(),
                after_json: self.after_json.as_deref(),
            },
        )
    }
}

/// "seq:hash" as in the header; (0, GENESIS) for an empty text.
pub fn parse_head(s: &str) -> Option<(i64, String)> {
    let (seq, hash) = s.split_once(':')?;
    Some((seq.parse().ok()?, hash.to_string()))
}

/// The rows a package to `dest_site_id` carries. The bureau's own log stays home: only what a
/// unit sends to its bureau is checked there.
pub(super) fn outgoing(
    c: &Connection,
    me: &Site,
    dest_site_id: &str,
    epoch: &str,
    full: bool,
) -> Result<Vec<AuditEntry>> {
    if me.kind == SiteKind::财政局 {
        return Ok(Vec::new());
    }
    let after = if full {
        0
    } else {
        let last: Option<String> = c
            .query_row(
                "SELECT audit_head FROM sync_package
                 WHERE direction = '导出' AND peer_site_id = ?1 AND epoch = ?2 AND audit_head <> ''
                 ORDER BY number DESC, at DESC LIMIT 1",
                [dest_site_id, epoch],
                |r| r.get(0),
            )
            .optional()?;
        last.and_then(|h| parse_head(&h)).map_or(0, |(s, _)| s)
    };
    let mut stmt = c.prepare(
        "SELECT seq, prev_hash, hash, id, at, operator_id, operator_name, operator_dept, action,
                entity, entity_id, summary, before_json, after_json
         FROM audit_log WHERE seq > ?1 AND hash IS NOT NULL ORDER BY seq",
    )?;
    let rows = stmt
        .query_map([after], |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                prev_hash: r.get(1)?,
                hash: r.get(2)?,
                id: r.get(3)?,
                at: r.get(4)?,
                operator_id: r.get(5)?,
                operator_name: r.get(6)?,
                operator_dept: r.get(7)?,
                action: r.get(8)?,
                entity: r.get(9)?,
                entity_id: r.get(10)?,
                summary: r.get(11)?,
                before_json: r.get(12)?,
                after_json: r.get(13)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// What the bureau found about a package's 操作日志.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// 连续 / 首次核对 / 改写 / 无法核对, or empty when the package carries no log (the bureau's).
    pub status: &'static str,
    pub note: String,
}

impl Verdict {
    pub fn rewritten(&self) -> bool {
        self.status == STATUS_REWRITTEN
    }
}

pub const STATUS_CONTINUES: &str = "连续";
pub const STATUS_FIRST: &str = "首次核对";
pub const STATUS_REWRITTEN: &str = "改写";
pub const STATUS_UNCHECKED: &str = "无法核对";

fn verdict(status: &'static str, note: String) -> Verdict {
    Verdict { status, note }
}

/// Checks the rows a package carries against themselves, its header and the head stored for
/// the sender's previous package (the highest number below this one, same epoch).
pub(super) fn check(c: &Connection, h: &PackageHeader, entries: &[AuditEntry]) -> Result<Verdict> {
    let who = &h.source.name;
    if h.source.kind == SiteKind::财政局.as_str() || h.audit_head.is_empty() {
        return Ok(verdict("", String::new()));
    }
    let Some((head_seq, head_hash)) = parse_head(&h.audit_head) else {
        return Ok(verdict(
            STATUS_REWRITTEN,
            format!("{who}的数据包所附操作日志末条标识无法识别"),
        ));
    };
    // The rows must be one unbroken chain whose every hash is right and whose end is the head.
    for (i, e) in entries.iter().enumerate() {
        if e.recomputed() != e.hash {
            return Ok(verdict(
                STATUS_REWRITTEN,
                format!(
                    "{who}的操作日志第 {} 条的内容与其校验值不符（导出前被改动过）",
                    e.seq
                ),
            ));
        }
        if i > 0 && (e.seq != entries[i - 1].seq + 1 || e.prev_hash != entries[i - 1].hash) {
            return Ok(verdict(
                STATUS_REWRITTEN,
                format!(
                    "{who}的操作日志在第 {} 条处断开（有记录被删除或调换）",
                    e.seq
                ),
            ));
        }
    }
    if let Some(last) = entries.last() {
        if last.seq != head_seq || last.hash != head_hash {
            return Ok(verdict(
                STATUS_REWRITTEN,
                format!("{who}的数据包所附操作日志与包头所记末条（第 {head_seq} 条）不符"),
            ));
        }
    }
    let anchor: Option<String> = c
        .query_row(
            "SELECT audit_head FROM sync_package
             WHERE direction = '导入' AND peer_site_id = ?1 AND epoch = ?2 AND number < ?3
               AND audit_head <> ''
             ORDER BY number DESC LIMIT 1",
            rusqlite::params![h.source.site_id, h.epoch, h.number],
            |r| r.get(0),
        )
        .optional()?;
    let range = match (entries.first(), entries.last()) {
        (Some(a), Some(b)) => format!("第 {}–{} 条", a.seq, b.seq),
        _ => "无新增记录".to_string(),
    };
    let Some((s, hash_s)) = anchor.as_deref().and_then(parse_head) else {
        // Nothing received before in this epoch: the rows must start the chain.
        return Ok(match entries.first() {
            Some(f) if f.seq == 1 && f.prev_hash == GENESIS => verdict(
                STATUS_FIRST,
                format!("首次收到{who}的操作日志：{range}，校验完整"),
            ),
            _ if entries.is_empty() && head_seq == 0 => {
                verdict(STATUS_FIRST, format!("{who}尚无操作日志"))
            }
            _ => verdict(
                STATUS_UNCHECKED,
                format!(
                    "未收到{who}更早的操作日志，无法核对（{range}）。请对方用「全量导出」重新发送"
                ),
            ),
        });
    };
    let rewritten = |detail: String| {
        verdict(
            STATUS_REWRITTEN,
            format!("{who}的操作日志在上次发送后被改写：{detail}"),
        )
    };
    if head_seq < s {
        return Ok(rewritten(format!(
            "上次收到时已到第 {s} 条，这次只到第 {head_seq} 条"
        )));
    }
    let at_s = entries.iter().find(|e| e.seq == s);
    let next = entries.iter().find(|e| e.seq == s + 1);
    let continues = match (at_s, next) {
        (Some(e), _) => e.hash == hash_s,
        (None, Some(e)) => e.prev_hash == hash_s,
        (None, None) if entries.is_empty() => head_seq == s && head_hash == hash_s,
        (None, None) => {
            return Ok(verdict(
                STATUS_UNCHECKED,
                format!(
                    "{who}的操作日志从第 {} 条起，与上次收到的第 {s} 条之间缺少记录（有数据包未导入？），无法核对",
                    entries[0].seq
                ),
            ))
        }
    };
    Ok(if continues {
        verdict(
            STATUS_CONTINUES,
            format!("{who}的操作日志接续上次收到的第 {s} 条：{range}，校验完整"),
        )
    } else {
        rewritten(format!("第 {s} 条的校验值与上次收到的不同"))
    })
}
