//! Automatic backups and restore: the `backups` folder next to the database, its retention
//! setting (`local_setting` key `backup.settings`), exit/daily backups, and a restore that checks
//! the chosen file first and keeps a copy of the current data before replacing it.

use super::{migrate, Db};
use crate::operator::Actor;
use crate::{Error, Result};
use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

const SETTINGS_KEY: &str = "backup.settings";

/// How many automatic backups to keep and whether to take one each day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// 保留份数 (oldest `jixiao-*.db` beyond this are deleted).
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
pub fn manual_backup(db: &Db, dest: &Path) -> Result<()> {
    super::guard::check_destination(dest)?;
    db.read(crate::sync::mark_all_shared)?;
    db.backup_to(dest)
}

/// `jixiao-YYYYMMDD-HHMMSS-<reason>.db`.
pub fn backup_file_name(now: chrono::DateTime<chrono::Local>, reason: BackupReason) -> String {
    format!(
        "jixiao-{}-{}.db",
        now.format("%Y%m%d-%H%M%S"),
        reason.as_str()
    )
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
    if reason == BackupReason::Daily {
        let today = format!("jixiao-{}-", now.format("%Y%m%d"));
        if !settings.daily || backup_names(&dir)?.iter().any(|n| n.starts_with(&today)) {
            return Ok(None);
        }
    }
    let dest = unique(&dir, &backup_file_name(now, reason));
    db.backup_to(&dest)?;
    rotate(&dir, settings.keep)?;
    Ok(Some(dest))
}

/// `dir/name`, or `dir/<stem>-2.db` … when a backup was already taken in the same second.
fn unique(dir: &Path, name: &str) -> PathBuf {
    let mut p = dir.join(name);
    let stem = name.trim_end_matches(".db");
    let mut i = 2;
    while p.exists() {
        p = dir.join(format!("{stem}-{i}.db"));
        i += 1;
    }
    p
}

/// Names of `jixiao-*.db` in `dir`, oldest first (the names sort by time).
fn backup_names(dir: &Path) -> Result<Vec<String>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.starts_with("jixiao-") && n.ends_with(".db"))
        .collect();
    names.sort();
    Ok(names)
}

fn rotate(dir: &Path, keep: u32) -> Result<()> {
    let names = backup_names(dir)?;
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

/// Checks `from` (a Jixiao database, not newer than this program, integrity and foreign keys
/// ok), copies the current data to `backups/…-before-restore.db`, then replaces the open
/// database's content with `from` and migrates it if it is older. Nothing changes on refusal.
pub fn restore(db: &Db, actor: &Actor, from: &Path) -> Result<RestoreReport> {
    let current = file_path(db)?;
    let src = check_backup_file(from)?;
    let from_version: i64 = src.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let dir = auto_backup_dir(current);
    let before = unique(
        &dir,
        &backup_file_name(db.clock().now(), BackupReason::BeforeRestore),
    );
    db.backup_to(&before)?;
    {
        let mut conn = db.lock();
        let b = rusqlite::backup::Backup::new(&src, &mut conn)?;
        b.run_to_completion(256, std::time::Duration::ZERO, None)?;
        drop(b);
        super::apply_pragmas(&conn)?;
        migrate::run(&mut conn, Some(current))?;
        // A backup from before 数据交换 existed gets its triggers and base versions now.
        super::install_sync(&mut conn)?;
    }
    let name = from.display().to_string();
    db.write(actor, |ctx| {
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

/// Opens `from` read-only and refuses it, naming the file, unless it is a sound Jixiao database.
fn check_backup_file(from: &Path) -> Result<Connection> {
    let name = from.display();
    if !from.is_file() {
        return Err(Error::File(format!("备份文件不存在：{name}，请重新选择")));
    }
    let broken = |e: rusqlite::Error| {
        Error::File(format!(
            "备份文件 {name} 已损坏或不是数据库文件，不能恢复（{e}）。请选择另一份备份。"
        ))
    };
    let src = Connection::open_with_flags(
        from,
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
    Ok(src)
}
