//! Import: check a package (file, checksum, schema, addressee, scope), then apply every row
//! version in one transaction — new and newer versions are written, known ones skipped,
//! diverged ones kept as conflicts. Importing the same package again changes nothing.

use super::admission;
use super::merge;
use super::package::{self, Change, Package, PackageHeader};
use super::rows::{self, same_data};
use super::site::{self, Site};
use super::tables::{self, Schema};
use super::version::{self, merged_hist, relate, Relation, RowVersion};
use crate::access::Actor;
use crate::db::{latest_version, new_id, Db, WriteCtx};
use crate::results::rectification::{evidence_dir, evidence_file, sync_dir};
use crate::{Error, Result};
use rusqlite::{params, Connection};
use serde::Serialize;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use ts_rs::TS;

// Named apart from the Excel import's `ImportReport` in the TypeScript bindings.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export, rename = "SyncImportReport")]
pub struct ImportReport {
    pub package_id: String,
    pub from_name: String,
    pub applied: u64,
    pub skipped_duplicate: u64,
    pub conflicts: u64,
    /// The package had been imported before: nothing was done.
    pub duplicate_package: bool,
    pub files_written: u64,
    /// The 操作日志 check (`audit_trail`): 连续 / 首次核对 / 改写 / 无法核对, or empty.
    pub audit_status: String,
    pub audit_note: String,
}

/// What an import would do, per table.
#[derive(Debug, Clone, Default, Serialize, TS)]
#[ts(export)]
pub struct TableChanges {
    pub table: String,
    pub label: String,
    pub insert: u64,
    pub update: u64,
    pub delete: u64,
    pub duplicate: u64,
    pub conflict: u64,
}

#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ImportPreview {
    pub header: PackageHeader,
    pub tables: Vec<TableChanges>,
    pub applied: u64,
    pub skipped_duplicate: u64,
    pub conflicts: u64,
    pub duplicate_package: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Plan {
    Insert,
    Update,
    Delete,
    Skip,
    /// Both sides reached the same data on different versions: agree on one.
    Merge(RowVersion),
    /// Both sides changed different fields since a common ancestor: keep both changes.
    Combine(RowVersion, Map<String, Value>, String),
    Conflict(RowVersion, &'static str),
}

/// Reads and checks a package file (nothing is written).
pub fn load(path: &Path) -> Result<Package> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::File(format!("无法打开数据包『{}』：{e}", path.display())))?;
    let size = file.metadata()?.len();
    if size > package::MAX_PACKAGE_BYTES {
        return Err(Error::File(format!(
            "数据包『{}』有 {} MB，超过 {} MB 的上限，未导入任何数据。请分几次导出（如先导出增量）",
            path.display(),
            size >> 20,
            package::MAX_PACKAGE_BYTES >> 20
        )));
    }
    package::read(std::io::BufReader::new(file), latest_version())
}

fn plan(c: &Connection, schema: &Schema, ch: &Change) -> Result<Plan> {
    let ours = version::load(c, &ch.table, &ch.pk)?;
    Ok(match relate(ours.as_ref(), ch) {
        Relation::Known => Plan::Skip,
        Relation::New => Plan::Insert,
        Relation::Newer => match (ours.as_ref().is_some_and(|o| o.deleted), ch.deleted) {
            (_, true) => Plan::Delete,
            (true, false) => Plan::Insert,
            (false, false) => Plan::Update,
        },
        Relation::Diverged => {
            let ours = ours.unwrap_or_else(RowVersion::absent);
            let info = &schema[tables::find(&ch.table).map_or("", |t| t.name)];
            let ours_row = rows::read_row(c, info, &ch.pk)?;
            if same_data(ours_row.as_ref(), ch.row.as_ref()) {
                Plan::Merge(ours)
            } else if let Some((row, ver)) = combine(c, ch, &ours, ours_row.as_ref())? {
                Plan::Combine(ours, row, ver)
            } else if ours.deleted || ch.deleted {
                Plan::Conflict(ours, "一方删除、另一方修改")
            } else {
                Plan::Conflict(ours, "双方把同一字段改成了不同内容")
            }
        }
    })
}

/// The field-by-field merge, when our merge base is an ancestor of their version too.
fn combine(
    c: &Connection,
    ch: &Change,
    ours: &RowVersion,
    ours_row: Option<&Map<String, Value>>,
) -> Result<Option<(Map<String, Value>, String)>> {
    let (Some(ours_row), Some(theirs_row)) = (ours_row, ch.row.as_ref()) else {
        return Ok(None);
    };
    let Some((base_ver, base)) = version::load_base(c, &ch.table, &ch.pk)? else {
        return Ok(None);
    };
    if !ch.hist.contains(&base_ver) {
        return Ok(None);
    }
    Ok(merge::three_way(&base, ours_row, theirs_row)
        .map(|row| (row, merge::merged_ver(&ours.ver, &ch.ver, &base_ver))))
}

fn already_imported(c: &Connection, id: &str) -> Result<bool> {
    Ok(c.query_row(
        "SELECT EXISTS (SELECT 1 FROM sync_package WHERE id = ?1 AND direction = '导入')",
        [id],
        |r| r.get(0),
    )?)
}

/// What importing `path` would change, without changing anything.
pub fn preview(db: &Db, path: &Path) -> Result<ImportPreview> {
    let pkg = load(path)?;
    db.read(|c| {
        let me = site::get(c)?;
        super::keys::admit(c, &me, &pkg.header, pkg.signature.as_ref())?;
        admission::check_addressing(c, &me, &pkg.header, &pkg.changes)?;
        let duplicate_package = already_imported(c, &pkg.header.package_id)?;
        let schema = tables::schema(c)?;
        let mut by_table: BTreeMap<usize, TableChanges> = BTreeMap::new();
        for ch in &pkg.changes {
            let pos = tables::SYNC_TABLES
                .iter()
                .position(|t| t.name == ch.table)
                .unwrap_or(0);
            let t = by_table.entry(pos).or_insert_with(|| TableChanges {
                table: ch.table.clone(),
                label: tables::find(&ch.table).map_or("", |t| t.label).into(),
                ..Default::default()
            });
            match plan(c, &schema, ch)? {
                Plan::Insert => t.insert += 1,
                Plan::Update | Plan::Combine(..) => t.update += 1,
                Plan::Delete => t.delete += 1,
                Plan::Skip | Plan::Merge(_) => t.duplicate += 1,
                Plan::Conflict(..) => t.conflict += 1,
            }
        }
        let tables: Vec<TableChanges> = by_table.into_values().collect();
        let sum = |f: fn(&TableChanges) -> u64| tables.iter().map(f).sum::<u64>();
        Ok(ImportPreview {
            applied: sum(|t| t.insert + t.update + t.delete),
            skipped_duplicate: sum(|t| t.duplicate),
            conflicts: sum(|t| t.conflict),
            header: pkg.header.clone(),
            tables,
            duplicate_package,
        })
    })
}

/// Imports a package in one transaction.
pub fn import(
    db: &Db,
    actor: &Actor,
    path: &Path,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ImportReport> {
    let pkg = load(path)?;
    let bytes_sha = package::sha256_file(path)?;
    let size = std::fs::metadata(path)?.len();
    let data_dir = db.data_dir();
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::Exchange)?;
        let me = site::get(ctx)?;
        super::keys::admit(ctx, &me, &pkg.header, pkg.signature.as_ref())?;
        let admitted = admission::check_addressing(ctx, &me, &pkg.header, &pkg.changes)?;
        let h = &pkg.header;
        let mut report = ImportReport {
            package_id: h.package_id.clone(),
            from_name: h.source.name.clone(),
            ..Default::default()
        };
        if already_imported(ctx, &h.package_id)? {
            report.duplicate_package = true;
            report.skipped_duplicate = h.change_count;
            return Ok(report);
        }
        ctx.execute("UPDATE sync_local SET applying = 1 WHERE id = 1", [])?;
        ctx.pragma_update(None, "defer_foreign_keys", true)?;
        let schema = tables::schema(ctx)?;
        // Most imports find no open conflict: then there is none to close either.
        let open_conflicts = super::conflicts::open_count(ctx)? > 0;
        let total = pkg.changes.len() as u64;
        let mut touched = BTreeSet::new();
        for (i, ch) in pkg.changes.iter().enumerate() {
            if i % 500 == 0 {
                progress(i as u64, total);
            }
            match apply_one(ctx, &schema, h, ch, open_conflicts)? {
                Outcome::Applied => {
                    report.applied += 1;
                    touched.insert(ch.table.as_str());
                }
                Outcome::Skipped => report.skipped_duplicate += 1,
                Outcome::Conflict => report.conflicts += 1,
            }
        }
        progress(total, total);
        admission::check_references(ctx, &touched)?;
        if let Some(dir) = data_dir.as_deref() {
            report.files_written = write_files(dir, &pkg.files)?;
        }
        upsert_peer(ctx, &me, h)?;
        super::history::record(
            ctx,
            h,
            "导入",
            (&h.source.site_id, &h.source.name),
            (report.applied, report.skipped_duplicate, report.conflicts),
            path,
            &bytes_sha,
            size,
        )?;
        let verdict = super::audit_trail::check(ctx, h, &pkg.audit)?;
        super::history::set_audit_verdict(ctx, &h.package_id, &verdict)?;
        report.audit_status = verdict.status.to_string();
        report.audit_note = verdict.note.clone();
        if verdict.rewritten() {
            ctx.audit(
                "操作日志被改写",
                "sync_package",
                Some(&h.package_id),
                &verdict.note,
                None,
                Some(
                    &serde_json::json!({ "site_id": h.source.site_id, "audit_head": h.audit_head }),
                ),
            )?;
        }
        ctx.audit(
            "导入数据包",
            "sync_package",
            Some(&h.package_id),
            &format!(
                "导入{}的数据包：应用 {} 条，重复跳过 {} 条，冲突 {} 条",
                h.source.name, report.applied, report.skipped_duplicate, report.conflicts
            ),
            None,
            Some(&{
                // Every row the package changed, with digests of its image before and after.
                let mut detail = serde_json::to_value(&report)?;
                detail["rows"] = admission::changed_rows(ctx, &admitted, &pkg.changes)?;
                detail
            }),
        )?;
        ctx.execute("UPDATE sync_local SET applying = 0 WHERE id = 1", [])?;
        Ok(report)
    })
}

enum Outcome {
    Applied,
    Skipped,
    Conflict,
}

fn apply_one(
    ctx: &WriteCtx,
    schema: &Schema,
    h: &PackageHeader,
    ch: &Change,
    open_conflicts: bool,
) -> Result<Outcome> {
    let info = &schema[tables::find(&ch.table).map_or("", |t| t.name)];
    let theirs = RowVersion {
        ver: ch.ver.clone(),
        hist: ch.hist.clone(),
        deleted: ch.deleted,
        origin: ch.origin.clone(),
    };
    match plan(ctx, schema, ch)? {
        Plan::Skip => Ok(Outcome::Skipped),
        Plan::Conflict(ours, reason) => {
            let ours_row = rows::read_row(ctx, info, &ch.pk)?;
            super::conflicts::record(ctx, h, ch, &ours, ours_row.as_ref(), reason)?;
            Ok(Outcome::Conflict)
        }
        Plan::Merge(ours) => {
            // Both PCs pick the larger version id, so both end on the same row and version.
            let theirs_wins = ch.ver > ours.ver;
            if theirs_wins {
                write_image(ctx, info, ch)?;
            }
            let winner = if theirs_wins { &theirs } else { &ours };
            let merged = RowVersion {
                hist: merged_hist(&ours, &ch.ver, &ch.hist)
                    .into_iter()
                    .filter(|v| *v != winner.ver)
                    .collect(),
                ..winner.clone()
            };
            version::store(ctx, &ch.table, &ch.pk, &merged, true)?;
            Ok(Outcome::Skipped)
        }
        Plan::Combine(ours, row, ver) => {
            let merged = Change {
                row: Some(row),
                ..ch.clone()
            };
            // Ours now: the other PC takes it as newer (or meets the same merge of its own).
            let me = super::site::get(ctx)?.site_id;
            let stored = RowVersion {
                ver,
                hist: merged_hist(&ours, &ch.ver, &ch.hist),
                deleted: false,
                origin: me,
            };
            apply_image(ctx, info, h, ch, &merged, &stored, open_conflicts)
        }
        Plan::Insert | Plan::Update | Plan::Delete => {
            apply_image(ctx, info, h, ch, ch, &theirs, open_conflicts)
        }
    }
}

/// Writes `image` for the incoming change `ch` and records `stored` as the row's version; a
/// unique/check violation keeps the change as a conflict instead.
fn apply_image(
    ctx: &WriteCtx,
    info: &tables::Columns,
    h: &PackageHeader,
    ch: &Change,
    image: &Change,
    stored: &RowVersion,
    open_conflicts: bool,
) -> Result<Outcome> {
    ctx.execute_batch("SAVEPOINT sync_apply")?;
    match write_image(ctx, info, image) {
        Ok(()) => ctx.execute_batch("RELEASE sync_apply")?,
        Err(Error::Db(e)) if is_constraint(&e) => {
            ctx.execute_batch("ROLLBACK TO sync_apply; RELEASE sync_apply")?;
            let ours = version::load(ctx, &ch.table, &ch.pk)?.unwrap_or_else(RowVersion::absent);
            let ours_row = rows::read_row(ctx, info, &ch.pk)?;
            super::conflicts::record(
                ctx,
                h,
                ch,
                &ours,
                ours_row.as_ref(),
                "与本机数据的唯一性/取值规则冲突（如编码重复）",
            )?;
            return Ok(Outcome::Conflict);
        }
        Err(e) => return Err(e),
    }
    version::store(ctx, &ch.table, &ch.pk, stored, true)?;
    if open_conflicts {
        super::conflicts::close_resolved_by_peer(ctx, ch, &h.source.name)?;
    }
    Ok(Outcome::Applied)
}

fn is_constraint(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ConstraintViolation)
    )
}

fn write_image(ctx: &Connection, info: &tables::Columns, ch: &Change) -> Result<()> {
    match &ch.row {
        Some(row) => rows::write_row(ctx, info, &ch.pk, row),
        None => rows::delete_row(ctx, info, &ch.pk),
    }
}

/// Stores the package's 佐证材料 (already checked against their hashes) durably: copied beside
/// the store, fsynced, renamed into place, the folder fsynced.
fn write_files(data_dir: &Path, files: &[(String, std::path::PathBuf)]) -> Result<u64> {
    let dir = evidence_dir(data_dir);
    let mut written = 0;
    for (sha, src) in files {
        let dest = evidence_file(data_dir, sha)?;
        if dest.exists() {
            continue;
        }
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!(".import-{}", new_id()));
        let stored = (|| {
            std::fs::copy(src, &tmp)?;
            std::fs::File::open(&tmp)?.sync_all()?;
            std::fs::rename(&tmp, &dest)
        })();
        if let Err(e) = stored {
            let _ = std::fs::remove_file(&tmp);
            return Err(e.into());
        }
        written += 1;
    }
    if written > 0 {
        sync_dir(&dir);
    }
    Ok(written)
}

fn upsert_peer(ctx: &WriteCtx, me: &Site, h: &PackageHeader) -> Result<()> {
    let s = &h.source;
    // What the peer says it already holds of ours need not be sent to it again.
    let acked = h
        .acks
        .iter()
        .filter(|a| a.site_id == me.site_id)
        .map(|a| a.seq)
        .max()
        .unwrap_or(0);
    ctx.execute(
        "INSERT INTO sync_peer (site_id, name, kind, unit_id, last_sent_seq, last_received_seq,
                                last_received_at, updated_at, epoch)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)
         ON CONFLICT (site_id) DO UPDATE SET name = excluded.name, kind = excluded.kind,
             unit_id = excluded.unit_id, last_received_at = excluded.last_received_at,
             last_sent_seq = CASE WHEN epoch = excluded.epoch
                                  THEN MAX(last_sent_seq, excluded.last_sent_seq)
                                  ELSE excluded.last_sent_seq END,
             last_received_seq = CASE WHEN epoch = excluded.epoch
                                      THEN MAX(last_received_seq, excluded.last_received_seq)
                                      ELSE excluded.last_received_seq END,
             epoch = excluded.epoch,
             updated_at = excluded.updated_at",
        // A peer restored from an older backup (a new epoch) holds only what it acknowledges
        // now: what we sent after that is sent again, not skipped.
        params![
            s.site_id,
            s.name,
            s.kind,
            s.unit_id,
            acked,
            h.seq_to,
            ctx.now(),
            h.epoch
        ],
    )?;
    // A unit we had been sending to by its unit code is now known by its site: keep the cursor.
    if let Some(unit) = &s.unit_id {
        let pseudo = format!("unit:{unit}");
        ctx.execute(
            "UPDATE sync_peer SET last_sent_seq = MAX(last_sent_seq,
                 COALESCE((SELECT last_sent_seq FROM sync_peer WHERE site_id = ?2), 0))
             WHERE site_id = ?1",
            params![s.site_id, pseudo],
        )?;
        ctx.execute("DELETE FROM sync_peer WHERE site_id = ?1", [pseudo])?;
    }
    Ok(())
}
