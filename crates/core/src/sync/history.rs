//! The history of packages sent and received, and the PCs this one exchanges with.

use super::package::PackageHeader;
use crate::db::WriteCtx;
use crate::Result;
use rusqlite::{params, Connection};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackageRecord {
    pub id: String,
    pub direction: String,
    pub peer_site_id: String,
    pub peer_name: String,
    pub seq_from: i64,
    pub seq_to: i64,
    pub change_count: i64,
    pub file_count: i64,
    pub applied: i64,
    pub skipped_duplicate: i64,
    pub conflicts: i64,
    pub file_name: String,
    pub sha256: String,
    pub size_bytes: i64,
    pub operator_name: String,
    pub at: String,
    /// Consecutive per destination (0 for packages made before numbering).
    pub number: i64,
    /// What the bureau found about the sender's 操作日志 (`audit_trail`): 连续 / 首次核对 /
    /// 改写 / 无法核对, empty when the package carries none; `audit_note` says it in a sentence.
    pub audit_status: String,
    pub audit_note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct Peer {
    pub site_id: String,
    pub name: String,
    pub kind: String,
    pub unit_id: Option<String>,
    pub last_sent_seq: i64,
    pub last_received_at: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn record(
    ctx: &WriteCtx,
    h: &PackageHeader,
    direction: &str,
    (peer_id, peer_name): (&str, &str),
    (applied, skipped, conflicts): (u64, u64, u64),
    file: &Path,
    sha256: &str,
    size: u64,
) -> Result<()> {
    ctx.execute(
        "INSERT INTO sync_package (id, direction, peer_site_id, peer_name, seq_from, seq_to,
             change_count, file_count, applied, skipped_duplicate, conflicts, file_name, sha256,
             size_bytes, operator_name, at, number, epoch, audit_head)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
                 ?19)",
        params![
            h.package_id,
            direction,
            peer_id,
            peer_name,
            h.seq_from,
            h.seq_to,
            h.change_count as i64,
            h.file_count as i64,
            applied as i64,
            skipped as i64,
            conflicts as i64,
            file.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            sha256,
            size as i64,
            ctx.actor.name,
            ctx.now(),
            h.number,
            h.epoch,
            h.audit_head,
        ],
    )?;
    Ok(())
}

/// Stores what the 操作日志 check found for a received package.
pub(super) fn set_audit_verdict(
    ctx: &WriteCtx,
    package_id: &str,
    v: &super::audit_trail::Verdict,
) -> Result<()> {
    ctx.execute(
        "UPDATE sync_package SET audit_status = ?2, audit_note = ?3 WHERE id = ?1",
        params![package_id, v.status, v.note],
    )?;
    Ok(())
}

/// Packages known to be missing: numbers below the newest received from a PC (in its current
/// epoch) that never arrived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Gap {
    pub site_id: String,
    pub name: String,
    /// The missing numbers, lowest first.
    pub missing: Vec<i64>,
    /// What to do, in words.
    pub message: String,
}

pub fn gaps(c: &Connection) -> Result<Vec<Gap>> {
    let mut stmt = c.prepare(
        "SELECT p.peer_site_id, p.peer_name, p.number FROM sync_package p
         JOIN sync_peer s ON s.site_id = p.peer_site_id AND s.epoch = p.epoch
         WHERE p.direction = '导入' AND p.number > 0
         ORDER BY p.peer_site_id, p.number",
    )?;
    let rows: Vec<(String, String, i64)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out: Vec<Gap> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let site = &rows[i].0;
        let mut got = std::collections::BTreeSet::new();
        let mut name = rows[i].1.clone();
        while i < rows.len() && &rows[i].0 == site {
            got.insert(rows[i].2);
            name = rows[i].1.clone();
            i += 1;
        }
        let max = got.iter().next_back().copied().unwrap_or(0);
        let missing: Vec<i64> = (1..max).filter(|n| !got.contains(n)).collect();
        if !missing.is_empty() {
            let list = missing
                .iter()
                .map(|n| format!("第 {n} 号"))
                .collect::<Vec<_>>()
                .join("、");
            out.push(Gap {
                site_id: site.clone(),
                message: format!(
                    "缺少来自{name}的{list}数据包：请在对方电脑「数据交换 › 交换记录」中找到这些数据包重新拷来导入；找不到时请对方做一次「完整导出」"
                ),
                name,
                missing,
            });
        }
    }
    Ok(out)
}

/// Packages sent and received, newest first.
pub fn list(c: &Connection, limit: u32) -> Result<Vec<PackageRecord>> {
    let mut stmt = c.prepare(
        "SELECT id, direction, peer_site_id, peer_name, seq_from, seq_to, change_count, file_count,
                applied, skipped_duplicate, conflicts, file_name, sha256, size_bytes, operator_name, at,
                number, audit_status, audit_note
         FROM sync_package ORDER BY at DESC, rowid DESC LIMIT ?1",
    )?;
    let rows = stmt
        .query_map([limit], |r| {
            Ok(PackageRecord {
                id: r.get(0)?,
                direction: r.get(1)?,
                peer_site_id: r.get(2)?,
                peer_name: r.get(3)?,
                seq_from: r.get(4)?,
                seq_to: r.get(5)?,
                change_count: r.get(6)?,
                file_count: r.get(7)?,
                applied: r.get(8)?,
                skipped_duplicate: r.get(9)?,
                conflicts: r.get(10)?,
                file_name: r.get(11)?,
                sha256: r.get(12)?,
                size_bytes: r.get(13)?,
                operator_name: r.get(14)?,
                at: r.get(15)?,
                number: r.get(16)?,
                audit_status: r.get(17)?,
                audit_note: r.get(18)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn peers(c: &Connection) -> Result<Vec<Peer>> {
    let mut stmt = c.prepare(
        "SELECT site_id, name, kind, unit_id, last_sent_seq, last_received_at FROM sync_peer
         ORDER BY site_id = '*' DESC, name",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok(Peer {
                site_id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                unit_id: r.get(3)?,
                last_sent_seq: r.get(4)?,
                last_received_at: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
