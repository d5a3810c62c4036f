//! The database handle: opening with the pragmas finance data needs, one IMMEDIATE transaction
//! per user action (`Db::write`), reads (`Db::read`), migrations, backup and checks.
//!
//! One connection behind a mutex: a desktop app has one user at a time, and a single writer
//! keeps every action serialised without `SQLITE_BUSY` surprises.

pub mod archive;
pub mod backup;
pub mod crash_harness;
pub mod guard;
mod migrate;
mod write_ctx;

pub use migrate::{latest_version, MIGRATIONS};
pub use write_ctx::WriteCtx;

use crate::access::Actor;
use crate::clock::{Clock, SystemClock};
use crate::{Error, Result};
use rusqlite::{Connection, TransactionBehavior};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use ts_rs::TS;

/// The product's bundle identifier; the app-data folder is named after it (same as Tauri's).
pub const APP_IDENTIFIER: &str = "cn.jixiao.desktop";

pub struct Db {
    conn: Mutex<Connection>,
    path: Option<PathBuf>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Db {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Db").field("path", &self.path).finish()
    }
}

/// Result of `PRAGMA integrity_check` + `foreign_key_check` + the audit log's hash chain.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckReport {
    pub ok: bool,
    pub integrity: Vec<String>,
    pub foreign_key_problems: Vec<String>,
    /// 佐证材料 whose stored file is missing or no longer matches its sha256 (re-hashed).
    pub evidence_problems: Vec<String>,
    pub schema_version: i64,
    /// 操作日志校验链: the first row that does not match, if any.
    pub audit_chain: crate::audit::chain::ChainReport,
}

/// Default database file: `<OS app-data>/cn.jixiao.desktop/jixiao.db`
/// (Linux `~/.local/share/…`, Windows `%APPDATA%\…`), overridable by `JIXIAO_DB`.
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("JIXIAO_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::BaseDirs::new()
        .map(|d| d.data_dir().join(APP_IDENTIFIER))
        .unwrap_or_else(|| PathBuf::from("."))
        .join("jixiao.db")
}

impl Db {
    /// Opens (creating if needed) a database file and brings its schema up to date.
    /// An older schema is first backed up next to the file; a newer one is refused.
    pub fn open(path: &Path) -> Result<Db> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut conn = Connection::open(path)?;
        guard::protect(path);
        apply_pragmas(&conn)?;
        migrate::run(&mut conn, Some(path))?;
        install_sync(&mut conn)?;
        Ok(Db {
            conn: Mutex::new(conn),
            path: Some(path.to_path_buf()),
            clock: Arc::new(SystemClock),
        })
    }

    /// A fresh in-memory database with the full schema (tests).
    pub fn open_in_memory() -> Result<Db> {
        let mut conn = Connection::open_in_memory()?;
        apply_pragmas(&conn)?;
        migrate::run(&mut conn, None)?;
        install_sync(&mut conn)?;
        Ok(Db {
            conn: Mutex::new(conn),
            path: None,
            clock: Arc::new(SystemClock),
        })
    }

    pub fn with_clock(mut self, clock: Arc<dyn Clock>) -> Db {
        self.clock = clock;
        self
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The folder of the database file, where stored files (佐证材料) live; None in memory.
    pub fn data_dir(&self) -> Option<PathBuf> {
        self.path.as_deref().and_then(Path::parent).map(|p| {
            if p.as_os_str().is_empty() {
                PathBuf::from(".")
            } else {
                p.to_path_buf()
            }
        })
    }

    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic in another action must not make the database unusable for the next one.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let conn = self.lock();
        f(&conn)
    }

    /// Runs one user action as one IMMEDIATE transaction: all of it lands, or none of it.
    /// A refusal by the access checks rolls the action back and is then audited on its own.
    pub fn write<T>(&self, actor: &Actor, f: impl FnOnce(&WriteCtx) -> Result<T>) -> Result<T> {
        let mut conn = self.lock();
        let out = Self::in_transaction(&mut conn, actor, self.clock.as_ref(), f);
        if let Err(Error::Forbidden(why)) = &out {
            Self::in_transaction(&mut conn, actor, self.clock.as_ref(), |ctx| {
                ctx.audit("refuse", "access", None, why, None, None)
            })?;
        }
        out
    }

    /// Refuses (and audits the refusal) unless `actor` may `perm` on this PC — for actions that
    /// are not a database write of their own (a backup copy, a restore, an export file).
    pub fn authorize(&self, actor: &Actor, perm: crate::access::Perm) -> Result<()> {
        self.write(actor, |ctx| ctx.require(perm))
    }

    fn in_transaction<T>(
        conn: &mut Connection,
        actor: &Actor,
        clock: &dyn Clock,
        f: impl FnOnce(&WriteCtx) -> Result<T>,
    ) -> Result<T> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let ctx = WriteCtx::new(&tx, actor, clock);
        let out = f(&ctx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Writes one audit row in its own IMMEDIATE transaction — for what must stay on record
    /// although the action itself was refused and rolled back (a permission refusal, a failed
    /// login). `entity_id`, before and after are empty.
    pub fn audit_refusal(
        &self,
        actor: &Actor,
        action: &str,
        entity: &str,
        summary: &str,
    ) -> Result<()> {
        self.write(actor, |ctx| {
            ctx.audit(action, entity, None, summary, None, None)
        })
    }

    /// A consistent copy of the whole database into `dest` (must not exist yet).
    pub fn backup_to(&self, dest: &Path) -> Result<()> {
        if dest.exists() {
            return Err(Error::Conflict(format!(
                "备份文件已存在：{}，请换一个文件名",
                dest.display()
            )));
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let conn = self.lock();
        conn.execute("VACUUM INTO ?1", [dest.to_string_lossy()])?;
        Ok(())
    }

    pub fn check(&self) -> Result<CheckReport> {
        let data_dir = self.data_dir();
        self.read(|c| {
            let integrity: Vec<String> = c
                .prepare("PRAGMA integrity_check")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let foreign_key_problems: Vec<String> = c
                .prepare("PRAGMA foreign_key_check")?
                .query_map([], |r| {
                    Ok(format!(
                        "表 {} 第 {} 行引用的 {} 不存在",
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?
                    ))
                })?
                .collect::<rusqlite::Result<_>>()?;
            let schema_version = c.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            let audit_chain = crate::audit::chain::verify_chain(c)?;
            let evidence_problems = match data_dir.as_deref() {
                Some(dir) => check_evidence(c, dir)?,
                None => Vec::new(),
            };
            Ok(CheckReport {
                ok: integrity == ["ok"]
                    && foreign_key_problems.is_empty()
                    && evidence_problems.is_empty()
                    && audit_chain.ok,
                integrity,
                foreign_key_problems,
                evidence_problems,
                schema_version,
                audit_chain,
            })
        })
    }
}

/// Re-hashes every stored 佐证材料 against its row.
fn check_evidence(c: &Connection, data_dir: &Path) -> Result<Vec<String>> {
    use crate::results::rectification::evidence_file;
    let mut stmt = c.prepare(
        "SELECT file_name, sha256 FROM rectification_evidence WHERE deleted_at IS NULL
         ORDER BY created_at, id",
    )?;
    let rows: Vec<(String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut problems = Vec::new();
    for (name, sha) in rows {
        let Ok(file) = evidence_file(data_dir, &sha) else {
            problems.push(format!("佐证材料『{name}』的校验值不是64位十六进制数字"));
            continue;
        };
        match crate::sync::package::sha256_file(&file) {
            Ok(got) if got == sha => {}
            Ok(_) => problems.push(format!(
                "佐证材料『{name}』的文件内容与校验值不符（文件被改动或损坏）：{}",
                file.display()
            )),
            Err(_) => problems.push(format!("佐证材料『{name}』的文件缺失：{}", file.display())),
        }
    }
    Ok(problems)
}

/// The exchange's identity row and change triggers, in one transaction.
fn install_sync(conn: &mut Connection) -> Result<()> {
    let tx = conn.transaction()?;
    crate::sync::install(&tx, &SystemClock.stamp())?;
    tx.commit()?;
    Ok(())
}

fn apply_pragmas(conn: &Connection) -> Result<()> {
    // WAL + FULL: a power cut in a township office must not lose a committed row.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(())
}

/// A new UUIDv7 primary key (time-ordered, unique across offline PCs).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}
