//! Database opening, migrations (append-only, backup before migrating, refuse newer), pragmas,
//! one transaction per action, backup and check.

use super::common::{actor, temp_db};
use jixiao_core::db::{latest_version, Db, MIGRATIONS};
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::Error;
use sha2::{Digest, Sha256};
use std::path::Path;

#[test]
fn shipped_migrations_are_unchanged_and_all_listed() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let recorded = std::fs::read_to_string(dir.join("shipped.sha256")).expect("shipped.sha256");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".sql"))
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = MIGRATIONS.iter().map(|(n, _)| *n).collect();
    assert_eq!(
        on_disk, listed,
        "every migration file must be listed in MIGRATIONS, in order"
    );
    for line in recorded.lines().filter(|l| !l.trim().is_empty()) {
        let (hash, name) = line.split_once("  ").expect("format: <sha256>  <file>");
        let bytes = std::fs::read(dir.join(name)).expect("shipped migration exists");
        let actual = format!("{:x}", Sha256::digest(&bytes));
        assert_eq!(
            actual, hash,
            "{name} was changed after shipping: add a new migration instead"
        );
    }
    assert_eq!(
        recorded.lines().count(),
        MIGRATIONS.len(),
        "record each new migration's sha256"
    );
}

#[test]
fn opening_sets_wal_full_sync_and_foreign_keys() {
    let t = temp_db();
    t.db.read(|c| {
        let mode: String = c.query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        let sync: i64 = c.query_row("PRAGMA synchronous", [], |r| r.get(0))?;
        let fk: i64 = c.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
        assert_eq!((mode.as_str(), sync, fk), ("wal", 2, 1));
        Ok(())
    })
    .expect("pragmas");
}

#[test]
fn a_newer_database_is_refused_with_a_chinese_message() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    t.db.read(|c| Ok(c.pragma_update(None, "user_version", latest_version() + 5)?))
        .expect("bump");
    drop(t.db);
    let err = Db::open(&path).expect_err("refused");
    assert!(matches!(err, Error::SchemaTooNew { .. }));
    assert!(err.to_string().contains("请升级"), "{err}");
}

#[test]
fn an_older_database_is_backed_up_before_migrating() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("old.db");
    {
        // A version-1 database with a row in it, opened by a program that knows only 0001.
        let c = rusqlite::Connection::open(&path).expect("open");
        c.execute_batch(MIGRATIONS[0].1).expect("0001");
        c.pragma_update(None, "user_version", 1).expect("v1");
        c.execute(
            "INSERT INTO fiscal_year (id, year, created_at, updated_at) VALUES ('y', 2025, 'x', 'x')",
            [],
        )
        .expect("row");
    }
    let db = Db::open(&path).expect("open old");
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.starts_with("old.db.v1-") && n.ends_with(".bak"))
        .collect();
    if latest_version() > 1 {
        assert_eq!(backups.len(), 1, "one backup before migrating: {backups:?}");
    } else {
        assert!(backups.is_empty(), "nothing to migrate, no backup");
    }
    assert_eq!(db.read(org::list_years).expect("years"), vec![2025]);
}

#[test]
fn a_failed_action_changes_nothing() {
    let t = temp_db();
    let unit = |code: &str| UnitInput {
        code: code.into(),
        name: format!("单位{code}"),
        parent_id: None,
        kind: UnitKind::BudgetUnit,
        contact: String::new(),
        phone: String::new(),
    };
    // The second create fails (duplicate code): the first one of the same action must vanish.
    let err =
        t.db.write(&actor(), |ctx| {
            org::create_unit(ctx, &unit("101"))?;
            org::create_unit(ctx, &unit("101"))
        })
        .expect_err("duplicate refused");
    assert!(err.to_string().contains("已被"), "{err}");
    assert!(t.db.read(org::list_units).expect("units").is_empty());
    let audit: i64 =
        t.db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
            .expect("count");
    assert_eq!(audit, 0, "no audit row for an action that did not happen");
}

#[test]
fn backup_copies_the_data_and_check_passes() {
    let t = temp_db();
    t.db.write(&actor(), |ctx| org::ensure_year(ctx, 2026))
        .expect("year");
    let dest = t.dir.path().join("backup").join("copy.db");
    t.db.backup_to(&dest).expect("backup");
    let copy = Db::open(&dest).expect("open backup");
    assert_eq!(copy.read(org::list_years).expect("years"), vec![2026]);
    assert!(copy.check().expect("check").ok);
    assert!(
        t.db.backup_to(&dest).is_err(),
        "never overwrite an existing backup"
    );
}
