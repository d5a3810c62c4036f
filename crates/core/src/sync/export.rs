//! Export: the row versions changed since the last package to a destination, limited to what
//! this PC may send (a unit its own data; the bureau reference data, decisions and — for one
//! unit — that unit's rows), written as one `.jxpkg` file, then recorded in the history.

use super::package::{self, Change, PackageHeader, PackageSite};
use super::site::{self, Site};
use super::tables::{self, Owner, UnitOf};
use crate::access::{Actor, Perm};
use crate::db::{latest_version, new_id, Db};
use crate::results::rectification::evidence_file;
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The destination "every unit".
pub const ALL: &str = "*";

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportReport {
    pub package_id: String,
    pub file: String,
    pub to_name: String,
    pub change_count: u64,
    pub file_count: u64,
    pub size_bytes: u64,
    pub seq_from: i64,
    pub seq_to: i64,
    /// 佐证材料 whose file was not found in this PC's store (the row still travels).
    pub missing_files: Vec<String>,
}

struct Dest {
    site_id: String,
    name: String,
    kind: String,
    unit_id: Option<String>,
}

/// `to`: "all" / "*", a known peer's site id, or an org unit code/id (a unit not heard from yet).
fn resolve_dest(c: &Connection, to: &str) -> Result<Dest> {
    let to = to.trim();
    if to == ALL || to.eq_ignore_ascii_case("all") || to == "全部" {
        return Ok(Dest {
            site_id: ALL.into(),
            name: "全部单位".into(),
            kind: "全部".into(),
            unit_id: None,
        });
    }
    let peer = c
        .query_row(
            "SELECT site_id, name, kind, unit_id FROM sync_peer WHERE site_id = ?1",
            [to],
            |r| {
                Ok(Dest {
                    site_id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    unit_id: r.get(3)?,
                })
            },
        )
        .optional()?;
    if let Some(p) = peer {
        return Ok(p);
    }
    let unit = c
        .query_row(
            "SELECT id, name, kind FROM org_unit WHERE (id = ?1 OR code = ?1) AND deleted_at IS NULL",
            [to],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?)),
        )
        .optional()?
        .ok_or_else(|| Error::Invalid {
            field: "导出到".into(),
            message: format!("找不到『{to}』：请填 all（全部单位）、交换记录中的站点，或单位编码"),
        })?;
    // A unit we have no package from yet: known by its unit until its first package arrives.
    let site_id = format!("unit:{}", unit.0);
    let kind = if unit.2 == "乡镇" {
        "乡镇"
    } else {
        "预算单位"
    };
    Ok(Dest {
        site_id,
        name: unit.1,
        kind: kind.into(),
        unit_id: Some(unit.0),
    })
}

fn cursor(c: &Connection, dest: &Dest) -> Result<i64> {
    let base: i64 = c.query_row("SELECT base_seq FROM sync_local WHERE id = 1", [], |r| {
        r.get(0)
    })?;
    let sent: Option<i64> = c
        .query_row(
            "SELECT last_sent_seq FROM sync_peer WHERE site_id = ?1",
            [&dest.site_id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(sent.unwrap_or(0).max(base))
}

/// The changes to send, in sequence order.
fn collect(
    c: &Connection,
    me: &Site,
    dest: &Dest,
    from: i64,
    to: i64,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<Vec<Change>> {
    let schema = tables::schema(c)?;
    let scope: Option<HashSet<String>> = if me.kind.is_bureau() {
        dest.unit_id
            .as_deref()
            .map(|u| site::unit_subtree(c, u))
            .transpose()?
    } else {
        let unit = me.unit_id.as_deref().ok_or_else(|| Error::Invalid {
            field: "本机身份".into(),
            message: "本机是单位/乡镇，但没有设置所属单位，请先在「数据交换 › 本机身份」中选择"
                .into(),
        })?;
        Some(site::unit_subtree(c, unit)?)
    };
    let mut stmt = c.prepare(
        "SELECT tbl, pk, ver, hist, origin, deleted FROM sync_row
         WHERE seq > ?1 AND seq <= ?2 ORDER BY seq",
    )?;
    let rows: Vec<(String, String, String, String, String, bool)> = stmt
        .query_map(params![from, to], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let total = rows.len() as u64;
    let mut out = Vec::new();
    for (i, (tbl, pk, ver, hist, origin, deleted)) in rows.into_iter().enumerate() {
        if i % 500 == 0 {
            progress(i as u64, total);
        }
        let Some(table) = tables::find(&tbl) else {
            continue;
        };
        if !me.kind.is_bureau() && table.owner == Owner::Bureau {
            continue;
        }
        // Don't echo a version back to the PC it came from.
        if origin == dest.site_id {
            continue;
        }
        if let (Some(units), false, false) =
            (&scope, deleted, matches!(table.unit_of, UnitOf::Everyone))
        {
            match tables::unit_of_row(c, &schema, table, &pk)? {
                Some(u) if units.contains(&u) => {}
                _ => continue,
            }
        }
        let row = if deleted {
            None
        } else {
            rows_read(c, &schema, table.name, &pk)?
        };
        out.push(Change {
            table: tbl,
            pk,
            ver,
            hist: serde_json::from_str(&hist).unwrap_or_default(),
            origin,
            deleted: row.is_none(),
            row,
        });
    }
    progress(total, total);
    Ok(out)
}

fn rows_read(
    c: &Connection,
    schema: &tables::Schema,
    table: &str,
    pk: &str,
) -> Result<Option<serde_json::Map<String, serde_json::Value>>> {
    match schema.get(table) {
        Some(info) => super::rows::read_row(c, info, pk),
        None => Ok(None),
    }
}

fn acks(c: &Connection) -> Result<Vec<package::Ack>> {
    let mut stmt = c.prepare(
        "SELECT site_id, last_received_seq FROM sync_peer WHERE last_received_seq > 0 ORDER BY site_id",
    )?;
    let acks = stmt
        .query_map([], |r| {
            Ok(package::Ack {
                site_id: r.get(0)?,
                seq: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(acks)
}

/// The 佐证材料 files named by the evidence rows of a package.
fn evidence_files(
    changes: &[Change],
    data_dir: Option<&Path>,
) -> (Vec<(String, Vec<u8>)>, Vec<String>) {
    let mut files = Vec::new();
    let mut missing = Vec::new();
    let mut seen = HashSet::new();
    for ch in changes
        .iter()
        .filter(|c| c.table == "rectification_evidence")
    {
        let Some(row) = &ch.row else { continue };
        let sha = row
            .get("sha256")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        if sha.is_empty() || !seen.insert(sha.to_string()) {
            continue;
        }
        let name = row.get("file_name").and_then(|v| v.as_str()).unwrap_or(sha);
        // A row whose hash is not a hash names no file of ours: it is reported missing.
        let file = data_dir.and_then(|d| evidence_file(d, sha).ok());
        match file.map(std::fs::read) {
            Some(Ok(bytes)) => files.push((sha.to_string(), bytes)),
            _ => missing.push(name.to_string()),
        }
    }
    (files, missing)
}

/// A default file name: 绩效数据_<from>_至_<to>_<date>.jxpkg.
pub fn default_file_name(me: &Site, to_name: &str, stamp: &str) -> String {
    let digits: String = stamp
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    format!(
        "绩效数据_{}_至_{}_{digits}.{}",
        me.name,
        to_name,
        package::EXTENSION
    )
}

/// Writes the package to `out` (a file path, or a folder to put a default-named file in).
/// `full` sends every row in scope, not only the changes since the last package.
pub fn export(
    db: &Db,
    actor: &Actor,
    to: &str,
    full: bool,
    out: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportReport> {
    // Checked first too, so a refused account reads nothing (the write below checks again).
    db.authorize(actor, Perm::Exchange)?;
    export_as(db, actor, Perm::Exchange, to, full, out, progress)
}

/// `export` under `perm` (入网 writes its snapshot under 系统维护).
pub(crate) fn export_as(
    db: &Db,
    actor: &Actor,
    perm: Perm,
    to: &str,
    full: bool,
    out: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ExportReport> {
    let data_dir = db.data_dir();
    let (me, dest, from, seq_to, changes, acks, signer, number, epoch, audit_head, audit) = db
        .read(|c| {
            let me = site::get(c)?;
            let dest = resolve_dest(c, to)?;
            if dest.site_id == me.site_id {
                return Err(Error::Invalid {
                    field: "导出到".into(),
                    message: "不能导出给本机自己".into(),
                });
            }
            let from = if full { -1 } else { cursor(c, &dest)? };
            let seq_to: i64 =
                c.query_row("SELECT COALESCE(MAX(seq), 0) FROM sync_row", [], |r| {
                    r.get(0)
                })?;
            let changes = collect(c, &me, &dest, from, seq_to, progress)?;
            let acks = acks(c)?;
            let signer = super::keys::signer(c)?;
            let number: i64 = c
                .query_row(
                    "SELECT last_sent_no FROM sync_peer WHERE site_id = ?1",
                    [&dest.site_id],
                    |r| r.get(0),
                )
                .optional()?
                .unwrap_or(0)
                + 1;
            let epoch: String =
                c.query_row("SELECT epoch FROM sync_local WHERE id = 1", [], |r| {
                    r.get(0)
                })?;
            let (head_seq, head_hash) = crate::audit::chain::head(c)?;
            let audit = super::audit_trail::outgoing(c, &me, &dest.site_id, &epoch, full)?;
            Ok((
                me,
                dest,
                from,
                seq_to,
                changes,
                acks,
                signer,
                number,
                epoch,
                format!("{head_seq}:{head_hash}"),
                audit,
            ))
        })?;
    let (files, missing_files) = evidence_files(&changes, data_dir.as_deref());
    let created_at = db.clock().stamp();
    let path: PathBuf = if out.is_dir() {
        out.join(default_file_name(&me, &dest.name, &created_at))
    } else {
        out.to_path_buf()
    };
    let header = PackageHeader {
        format: package::FORMAT.into(),
        format_version: package::FORMAT_VERSION,
        package_id: new_id(),
        schema_version: latest_version(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        source: PackageSite {
            site_id: me.site_id.clone(),
            name: me.name.clone(),
            kind: me.kind.as_str().into(),
            unit_id: me.unit_id.clone(),
        },
        to_site_id: dest.site_id.clone(),
        to_name: dest.name.clone(),
        seq_from: from.max(0),
        seq_to,
        created_at,
        change_count: 0,
        file_count: 0,
        changes_sha256: String::new(),
        acks,
        number,
        epoch,
        audit_head,
        audit_sha256: String::new(),
    };
    // Write beside the target and rename: a USB stick pulled mid-write leaves no half package
    // under the real name.
    crate::db::guard::check_destination(&path)?;
    let part = path.with_extension("jxpkg.part");
    let written = (|| {
        let file = std::fs::File::create(&part)?;
        let header = package::write_with_audit(
            std::io::BufWriter::new(&file),
            header,
            &changes,
            &audit,
            &files,
            &signer,
        )?;
        file.sync_all()?;
        std::fs::rename(&part, &path)?;
        Ok::<_, Error>(header)
    })()
    .map_err(|e| {
        let _ = std::fs::remove_file(&part);
        Error::File(format!(
            "无法写入数据包『{}』：{e}。请检查U盘是否已插好、是否有空间",
            path.display()
        ))
    })?;
    let package_sha = package::sha256_file(&path)?;
    let package_size = std::fs::metadata(&path)?.len();
    let report = ExportReport {
        package_id: written.package_id.clone(),
        file: path.display().to_string(),
        to_name: dest.name.clone(),
        change_count: written.change_count,
        file_count: written.file_count,
        size_bytes: package_size,
        seq_from: written.seq_from,
        seq_to,
        missing_files,
    };
    db.write(actor, |ctx| {
        ctx.require(perm)?;
        // What was sent may now be held by the other PC: the next local edit keeps it in the
        // row's history and as its merge base.
        let mut shared = ctx.prepare_cached(
            "UPDATE sync_row SET shared = 1 WHERE tbl = ?1 AND pk = ?2 AND ver = ?3",
        )?;
        for ch in &changes {
            shared.execute([&ch.table, &ch.pk, &ch.ver])?;
        }
        ctx.execute(
            "INSERT INTO sync_peer (site_id, name, kind, unit_id, last_sent_seq, last_sent_no, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (site_id) DO UPDATE SET last_sent_seq = MAX(last_sent_seq, excluded.last_sent_seq),
                 last_sent_no = MAX(last_sent_no, excluded.last_sent_no),
                 updated_at = excluded.updated_at",
            params![dest.site_id, dest.name, dest.kind, dest.unit_id, seq_to, number, ctx.now()],
        )?;
        super::history::record(
            ctx,
            &written,
            "导出",
            (&dest.site_id, &dest.name),
            (0, 0, 0),
            &path,
            &package_sha,
            package_size,
        )?;
        ctx.audit(
            "导出数据包",
            "sync_package",
            Some(&written.package_id),
            &format!("导出给{}：{} 条变更、{} 个附件", dest.name, written.change_count, written.file_count),
            None,
            Some(&serde_json::to_value(&report)?),
        )?;
        Ok(())
    })?;
    Ok(report)
}
