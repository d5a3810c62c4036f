//! Schema migrations from `crates/core/migrations/*.sql`, tracked in `PRAGMA user_version`.
//! Shipped files are append-only (a test compares them with `shipped.sha256`).

use crate::{Error, Result};
use rusqlite::Connection;
use std::path::Path;

/// (file name, SQL) in order; the schema version is the number of applied entries.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_init.sql",
        include_str!("../../migrations/0001_init.sql"),
    ),
    (
        "0002_targets.sql",
        include_str!("../../migrations/0002_targets.sql"),
    ),
    (
        "0003_monitoring.sql",
        include_str!("../../migrations/0003_monitoring.sql"),
    ),
    (
        "0004_evaluation.sql",
        include_str!("../../migrations/0004_evaluation.sql"),
    ),
    (
        "0005_results.sql",
        include_str!("../../migrations/0005_results.sql"),
    ),
    (
        "0006_sync.sql",
        include_str!("../../migrations/0006_sync.sql"),
    ),
    (
        "0007_audit_chain.sql",
        include_str!("../../migrations/0007_audit_chain.sql"),
    ),
    (
        "0008_accounts.sql",
        include_str!("../../migrations/0008_accounts.sql"),
    ),
    (
        "0009_hardening.sql",
        include_str!("../../migrations/0009_hardening.sql"),
    ),
    (
        "0010_signing.sql",
        include_str!("../../migrations/0010_signing.sql"),
    ),
    (
        "0011_reports.sql",
        include_str!("../../migrations/0011_reports.sql"),
    ),
    (
        "0012_assess.sql",
        include_str!("../../migrations/0012_assess.sql"),
    ),
    (
        "0013_review.sql",
        include_str!("../../migrations/0013_review.sql"),
    ),
    (
        "0014_audit_trail.sql",
        include_str!("../../migrations/0014_audit_trail.sql"),
    ),
    (
        "0015_search.sql",
        include_str!("../../migrations/0015_search.sql"),
    ),
    (
        "0016_policy.sql",
        include_str!("../../migrations/0016_policy.sql"),
    ),
    (
        "0017_cost.sql",
        include_str!("../../migrations/0017_cost.sql"),
    ),
    (
        "0018_overview_index.sql",
        include_str!("../../migrations/0018_overview_index.sql"),
    ),
];

/// Work a migration needs that SQL cannot do, run right after its file in the same transaction.
fn after_file(name: &str, tx: &Connection) -> Result<()> {
    if name == "0007_audit_chain.sql" {
        // SQL has no SM3: the rows of an older database are chained here, once.
        crate::audit::chain::seal_unchained(tx)?;
    }
    Ok(())
}

pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

pub(super) fn run(conn: &mut Connection, file: Option<&Path>) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = latest_version();
    if found > latest {
        return Err(Error::SchemaTooNew {
            found,
            supported: latest,
        });
    }
    if found == latest {
        return Ok(());
    }
    if let (Some(path), true) = (file, found > 0) {
        backup_before_migrating(conn, path, found)?;
    }
    for (idx, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        after_file(name, &tx)?;
        tx.pragma_update(None, "user_version", idx as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// `<file>.v<old>-<timestamp>.bak` next to the database, taken before any schema change.
fn backup_before_migrating(conn: &Connection, path: &Path, found: i64) -> Result<()> {
    let stamp = chrono::Local::now().format("%Y%m%d%H%M%S");
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".v{found}-{stamp}.bak"));
    let dest = path.with_file_name(name);
    conn.execute("VACUUM INTO ?1", [dest.to_string_lossy()])?;
    Ok(())
}
