//! Automatic backups and restore: the `backups` folder next to the database, its retention
//! setting (`local_setting` key `backup.settings`), exit/daily backups, and a restore that checks
//! the chosen file first and keeps a copy of the current data before replacing it.
//!
//! A backup is one `.jxbak` file holding the database and the 佐证材料 (`archive`). Its name
//! carries a sequence number — `jixiao-000042-20260305-090000-exit.jxbak` — and rotation deletes
//! the lowest numbers: a PC whose clock went back a year still keeps its newest backups. The
//! copies taken just before a restore (`…-before-restore.jxbak`) are never rotated away; the
//! user removes them. Older `jixiao-*.db` backups still restore and count as the oldest.
//!
//! Restore never touches the open database until the chosen file has passed every check: it is
//! extracted into a work folder, checked (integrity, foreign keys, version), migrated there, its
//! schema compared object by object with a fresh database of this program (a planted trigger
//! or view is refused), its audit chain verified — only then is the current data copied aside
//! and replaced, and the 佐证材料 put back.

use super::{archive, migrate, Db};
use crate::access::Actor;
use crate::results::rectification::{evidence_dir, evidence_file, sync_dir};
use crate::{Error, Result};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use ts_rs::TS;

const SETTINGS_KEY: &str = "backup.settings";

/// How many automatic backups to keep and whether to take one each day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// 保留份数 (the automatic backups with the lowest sequence numbers beyond this are deleted).
    pub keep: u32,
    /// 每日自动备份 (at the first start of a day).
    pub daily: bool,
}

impl Default for BackupSettings {
    fn default() -> Self {
        BackupSettings {
            keep: 10,
            daily: true,
        }
    }
}

/// One file in the backups folder.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupFile {
    pub name: String,
    pub path: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Last-modified time, `YYYY-MM-DD HH:MM:SS` local.
    pub time: String,
}

/// What a restore did.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RestoreReport {
    pub from: String,
    /// The copy of the data as it was just before the restore.
    pub before_restore: String,
    /// Schema version of the backup file, and after the restore (migrated if older).
    pub from_version: i64,
    pub schema_version: i64,
}

/// Why an automatic backup is taken (part of the file name).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    Exit,
    Daily,
    Manual,
    BeforeRestore,
}

impl BackupReason {
    pub fn as_str(self) -> &'static str {
        match self {
            BackupReason::Exit => "exit",
            BackupReason::Daily => "daily",
            BackupReason::Manual => "manual",
            BackupReason::BeforeRestore => "before-restore",
        }
    }
}

pub fn get_settings(c: &Connection) -> Result<BackupSettings> {
    let v: Option<String> = c
        .query_row(
            "SELECT value FROM local_setting WHERE key = ?1",
            [SETTINGS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(v.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default())
}

pub fn save_settings(db: &Db, actor: &Actor, s: &BackupSettings) -> Result<BackupSettings> {
    if !(1..=100).contains(&s.keep) {
        return Err(Error::invalid("保留份数", "应为 1 至 100 之间的整数"));
    }
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::SystemMaintain)?;
        let before = get_settings(ctx)?;
        ctx.execute(
            "INSERT INTO local_setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![SETTINGS_KEY, serde_json::to_string(s)?, ctx.now()],
        )?;
        ctx.audit(
            "update",
            "local_setting",
            Some(SETTINGS_KEY),
            &format!(
                "备份设置：保留 {} 份，每日自动备份{}",
                s.keep,
                if s.daily { "开启" } else { "关闭" }
            ),
            Some(&serde_json::to_value(before)?),
            Some(&serde_json::to_value(s)?),
        )?;
        Ok(*s)
    })
}

/// `<folder of the database>/backups`.
pub fn auto_backup_dir(db_path: &Path) -> PathBuf {
    db_path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
        .join("backups")
}

/// A backup to a file the clerk chose (「立即备份」, `backup FILE`): it may become another PC's
/// copy — a township set up from the bureau's data — so the rows as they are now are the common
/// base of both PCs' next edits.
///
/// A destination ending in `.db` gets a bare copy of the database (to set up another PC from it;
/// the 佐证材料 are not in it); any other gets a `.jxbak` with the database and the 佐证材料.
pub fn manual_backup(db: &Db, dest: &Path) -> Result<()> {
    super::guard::check_destination(dest)?;
    db.read(crate::sync::mark_all_shared)?;
    if dest
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("db"))
    {
        db.backup_to(dest)
    } else {
        let seq = next_seq(&auto_backup_dir(file_path(db)?))?;
        archive::write(db, dest, seq, BackupReason::Manual.as_str()).map(|_| ())
    }
}

/// `jixiao-<seq, 6 digits>-YYYYMMDD-HHMMSS-<reason>.jxbak`.
pub fn backup_file_name(
    seq: u64,
    now: chrono::DateTime<chrono::Local>,
    reason: BackupReason,
) -> String {
    format!(
        "jixiao-{seq:06}-{}-{}.{}",
        now.format("%Y%m%d-%H%M%S"),
        reason.as_str(),
        archive::EXTENSION
    )
}

/// The sequence number in a backup's name; 0 for the older `jixiao-YYYYMMDD-…db` names.
fn seq_of(name: &str) -> u64 {
    let rest = name.strip_prefix("jixiao-").unwrap_or(name);
    match rest.split_once('-') {
        Some((n, _)) if n.len() == 6 && n.bytes().all(|b| b.is_ascii_digit()) => {
            n.parse().unwrap_or(0)
        }
        _ => 0,
    }
}

/// One more than the highest sequence number in `dir`.
fn next_seq(dir: &Path) -> Result<u64> {
    Ok(backup_names(dir)?
        .iter()
        .map(|n| seq_of(n))
        .max()
        .unwrap_or(0)
        + 1)
}

fn file_path(db: &Db) -> Result<&Path> {
    db.path()
        .ok_or_else(|| Error::File("内存数据库没有备份文件夹".into()))
}

/// Takes an automatic backup into the backups folder, then deletes the oldest beyond `keep`.
/// `Daily` does nothing (returns `None`) when switched off or when today already has a backup.
pub fn auto_backup(db: &Db, reason: BackupReason) -> Result<Option<PathBuf>> {
    let dir = auto_backup_dir(file_path(db)?);
    let settings = db.read(get_settings)?;
    let now = db.clock().now();
    let names = backup_names(&dir)?;
    if reason == BackupReason::Daily {
        let today = now.format("%Y%m%d").to_string();
        let taken_today = names.iter().any(|n| {
            n.starts_with(&format!("jixiao-{today}-")) || n.contains(&format!("-{today}-"))
        });
        if !settings.daily || taken_today {
            return Ok(None);
        }
    }
    let seq = names.iter().map(|n| seq_of(n)).max().unwrap_or(0) + 1;
    let dest = dir.join(backup_file_name(seq, now, reason));
    archive::write(db, &dest, seq, reason.as_str())?;
    rotate(&dir, settings.keep)?;
    Ok(Some(dest))
}

/// Backups in `dir` (this program's `.jxbak` and the older `.db`), oldest first: by sequence
/// number, then name.
fn backup_names(dir: &Path) -> Result<Vec<String>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| {
            n.starts_with("jixiao-")
                && (n.ends_with(".db") || n.ends_with(&format!(".{}", archive::EXTENSION)))
        })
        .collect();
    names.sort_by(|a, b| seq_of(a).cmp(&seq_of(b)).then_with(|| a.cmp(b)));
    Ok(names)
}

/// Deletes the oldest automatic backups beyond `keep`; the copies made before a restore stay
/// until the user removes them.
fn rotate(dir: &Path, keep: u32) -> Result<()> {
    let names: Vec<String> = backup_names(dir)?
        .into_iter()
        .filter(|n| !n.contains(BackupReason::BeforeRestore.as_str()))
        .collect();
    let extra = names.len().saturating_sub(keep.max(1) as usize);
    for n in &names[..extra] {
        std::fs::remove_file(dir.join(n))?;
    }
    Ok(())
}

/// The backups of the database at `db_path`, newest first.
pub fn list_backups(db_path: &Path) -> Result<Vec<BackupFile>> {
    let dir = auto_backup_dir(db_path);
    let mut out = Vec::new();
    for name in backup_names(&dir)?.into_iter().rev() {
        let path = dir.join(&name);
        let meta = std::fs::metadata(&path)?;
        let time = meta
            .modified()
            .map(|t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format("%Y-%m-%d %H:%M:%S")
                    .to_string()
            })
            .unwrap_or_default();
        out.push(BackupFile {
            name,
            path: path.display().to_string(),
            size: meta.len(),
            time,
        });
    }
    Ok(out)
}

/// Checks `from` (a `.jxbak` or an older bare `.db`) completely in a work folder, copies the
/// current data aside (`backups/…-before-restore.jxbak`, kept), then replaces the open
/// database's content and puts the 佐证材料 back. Nothing changes on refusal.
pub fn restore(db: &Db, actor: &Actor, from: &Path) -> Result<RestoreReport> {
    db.authorize(actor, crate::access::Perm::SystemMaintain)?;
    let current = file_path(db)?;
    if !from.is_file() {
        return Err(Error::File(format!(
            "备份文件不存在：{}，请重新选择",
            from.display()
        )));
    }
    let data_dir = db
        .data_dir()
        .ok_or_else(|| Error::File("内存数据库不能恢复".into()))?;
    let work = WorkDir::new(&data_dir)?;
    let staged = archive::db_entry(&work.0);
    if archive::is_archive(from) {
        archive::extract(from, &work.0)?;
    } else {
        std::fs::copy(from, &staged)?;
    }
    // The checks read the staged copy under the chosen file's name.
    let from_version = check_backup_file(&staged, from)?;
    {
        let mut conn = Connection::open(&staged)?;
        super::apply_pragmas(&conn)?;
        migrate::run(&mut conn, None)?;
        super::install_sync(&mut conn)?;
        // The chain first: an edited 操作日志 is named by its row, before the schema check
        // reports the triggers an editor had to drop.
        verify_restored_audit_chain(&conn, from)?;
        check_schema(&conn, from)?;
    }
    let dir = auto_backup_dir(current);
    let seq = next_seq(&dir)?;
    let before = dir.join(backup_file_name(
        seq,
        db.clock().now(),
        BackupReason::BeforeRestore,
    ));
    archive::write(db, &before, seq, BackupReason::BeforeRestore.as_str())?;
    {
        let src = Connection::open_with_flags(&staged, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        let mut conn = db.lock();
        let b = rusqlite::backup::Backup::new(&src, &mut conn)?;
        b.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(b);
        super::apply_pragmas(&conn)?;
    }
    restore_evidence(&work.0.join("evidence"), &data_dir)?;
    let name = from.display().to_string();
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::SystemMaintain)?;
        // An older state of this PC: a new exchange epoch tells its peers to send again what
        // it no longer holds, instead of skipping it.
        ctx.execute(
            "UPDATE sync_local SET epoch = ?1 WHERE id = 1",
            [super::new_id()],
        )?;
        ctx.audit(
            "restore",
            "database",
            None,
            &format!(
                "从备份恢复：{name}（恢复前的数据已备份到 {}）",
                before.display()
            ),
            None,
            None,
        )
    })?;
    Ok(RestoreReport {
        from: name,
        before_restore: before.display().to_string(),
        from_version,
        schema_version: db.check()?.schema_version,
    })
}

/// A folder inside the data folder for a restore's staged files; removed when done.
struct WorkDir(PathBuf);

impl WorkDir {
    fn new(data_dir: &Path) -> Result<WorkDir> {
        let p = data_dir.join(format!(".restore-{}", super::new_id()));
        std::fs::create_dir_all(&p)?;
        Ok(WorkDir(p))
    }
}

impl Drop for WorkDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Puts the backup's 佐证材料 back (those missing), fsynced.
fn restore_evidence(from: &Path, data_dir: &Path) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    let dest_dir = evidence_dir(data_dir);
    let mut copied = false;
    for e in std::fs::read_dir(from)?.filter_map(|e| e.ok()) {
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        let dest = evidence_file(data_dir, &name)?;
        if dest.exists() {
            continue;
        }
        std::fs::create_dir_all(&dest_dir)?;
        let tmp = dest_dir.join(format!(".restore-{}", super::new_id()));
        std::fs::copy(e.path(), &tmp)?;
        std::fs::File::open(&tmp)?.sync_all()?;
        std::fs::rename(&tmp, &dest)?;
        copied = true;
    }
    if copied {
        sync_dir(&dest_dir);
    }
    Ok(())
}

/// The schema objects (tables, indexes, triggers, views) of a database, as (type, name, sql).
fn schema_objects(c: &Connection) -> Result<BTreeSet<(String, String, String)>> {
    let mut stmt = c.prepare(
        "SELECT type, name, COALESCE(sql, '') FROM sqlite_master
         WHERE name NOT LIKE 'sqlite_%'",
    )?;
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The restored (and migrated) database must have exactly the schema this program builds: a
/// trigger, view or table planted in a backup file would otherwise run inside the app.
fn check_schema(restored: &Connection, from: &Path) -> Result<()> {
    let mut fresh = Connection::open_in_memory()?;
    migrate::run(&mut fresh, None)?;
    super::install_sync(&mut fresh)?;
    let want = schema_objects(&fresh)?;
    let got = schema_objects(restored)?;
    let kind = |t: &str| match t {
        "trigger" => "触发器",
        "view" => "视图",
        "index" => "索引",
        _ => "表",
    };
    let mut diffs: Vec<String> = got
        .difference(&want)
        .map(|(t, n, _)| {
            if want.iter().any(|(t2, n2, _)| t2 == t && n2 == n) {
                format!("{}『{n}』的定义被改动", kind(t))
            } else {
                format!("多出{}『{n}』", kind(t))
            }
        })
        .collect();
    diffs.extend(
        want.iter()
            .filter(|(t, n, _)| !got.iter().any(|(t2, n2, _)| t2 == t && n2 == n))
            .map(|(t, n, _)| format!("缺少{}『{n}』", kind(t))),
    );
    if diffs.is_empty() {
        return Ok(());
    }
    diffs.truncate(10);
    Err(Error::File(format!(
        "备份文件 {} 的数据库结构与本程序不符（{}），可能被改动过，不能恢复。请选择本系统生成的另一份备份。",
        from.display(),
        diffs.join("；")
    )))
}

/// The audit chain (操作日志 hash chain) of the restored copy must verify before it replaces
/// the current data. The chain check lives with the audit log; this is where restore calls it.
fn verify_restored_audit_chain(restored: &Connection, from: &Path) -> Result<()> {
    crate::audit::chain::refuse_broken_backup(restored, &from.display().to_string())
}

/// Opens `from` read-only and refuses it, naming the file, unless it is a sound Jixiao database.
fn check_backup_file(staged: &Path, from: &Path) -> Result<i64> {
    let name = from.display();
    let broken = |e: rusqlite::Error| {
        Error::File(format!(
            "备份文件 {name} 已损坏或不是数据库文件，不能恢复（{e}）。请选择另一份备份。"
        ))
    };
    let src = Connection::open_with_flags(
        staged,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(broken)?;
    let version: i64 = src
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(broken)?;
    let tables: i64 = src
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
             AND name IN ('audit_log', 'local_setting', 'operator')",
            [],
            |r| r.get(0),
        )
        .map_err(broken)?;
    if version < 1 || tables < 3 {
        return Err(Error::File(format!(
            "{name} 不是县级预算绩效管理系统的数据库，不能恢复。请选择本系统生成的备份（jixiao-*.db）。"
        )));
    }
    if version > migrate::latest_version() {
        return Err(Error::File(format!(
            "备份文件 {name} 的数据库版本（{version}）比本程序支持的版本（{}）新，请先升级本程序再恢复。",
            migrate::latest_version()
        )));
    }
    let integrity: Vec<String> = src
        .prepare("PRAGMA integrity_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect())
        .map_err(broken)?;
    if integrity != ["ok"] {
        return Err(Error::File(format!(
            "备份文件 {name} 未通过完整性检查（{}），不能恢复。请选择另一份备份。",
            integrity.join("；")
        )));
    }
    let fk: i64 = src
        .prepare("PRAGMA foreign_key_check")
        .and_then(|mut s| Ok(s.query_map([], |_| Ok(()))?.count() as i64))
        .map_err(broken)?;
    if fk > 0 {
        return Err(Error::File(format!(
            "备份文件 {name} 有 {fk} 处外键引用不一致，不能恢复。请选择另一份备份。"
        )));
    }
    Ok(version)
}
