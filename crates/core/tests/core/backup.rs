//! Automatic backups (rotation, once a day) and restore (good file back, bad files refused).

use crate::common::{add_unit, admin, temp_db};
use jixiao_core::clock::FixedClock;
use jixiao_core::db::backup::{self, BackupReason, BackupSettings};
use jixiao_core::db::Db;
use jixiao_core::org::{self, UnitKind};
use std::path::Path;
use std::sync::Arc;

fn codes(db: &Db) -> Vec<String> {
    db.read(org::list_units)
        .expect("units")
        .into_iter()
        .map(|u| u.code)
        .collect()
}

fn open_at(path: &Path, y: i32, m: u32, d: u32) -> Db {
    Db::open(path)
        .expect("open")
        .with_clock(Arc::new(FixedClock::at(y, m, d)))
}

#[test]
fn automatic_backups_keep_only_the_newest_n_files() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    backup::save_settings(
        &t.db,
        &admin(),
        &BackupSettings {
            keep: 3,
            daily: true,
        },
    )
    .expect("save");
    for day in 1..=5 {
        let db = open_at(&path, 2026, 3, day);
        let made = backup::auto_backup(&db, BackupReason::Exit).expect("backup");
        assert!(made.expect("a file").exists());
    }
    let list = backup::list_backups(&path).expect("list");
    let names: Vec<&str> = list.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "jixiao-000005-20260305-090000-exit.jxbak",
            "jixiao-000004-20260304-090000-exit.jxbak",
            "jixiao-000003-20260303-090000-exit.jxbak"
        ]
    );
    assert!(list.iter().all(|b| b.size > 0));
}

#[test]
fn the_daily_backup_is_taken_once_a_day_and_not_when_switched_off() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    let day1 = open_at(&path, 2026, 4, 1);
    assert!(backup::auto_backup(&day1, BackupReason::Daily)
        .expect("1")
        .is_some());
    assert!(backup::auto_backup(&day1, BackupReason::Daily)
        .expect("2")
        .is_none());
    let day2 = open_at(&path, 2026, 4, 2);
    assert!(backup::auto_backup(&day2, BackupReason::Daily)
        .expect("3")
        .is_some());
    assert_eq!(backup::list_backups(&path).expect("list").len(), 2);

    backup::save_settings(
        &t.db,
        &admin(),
        &BackupSettings {
            keep: 10,
            daily: false,
        },
    )
    .expect("off");
    let day3 = open_at(&path, 2026, 4, 3);
    assert!(backup::auto_backup(&day3, BackupReason::Daily)
        .expect("4")
        .is_none());
    assert_eq!(t.db.read(backup::get_settings).expect("get").keep, 10);
}

#[test]
fn keep_must_be_between_one_and_a_hundred() {
    let t = temp_db();
    let err = backup::save_settings(
        &t.db,
        &admin(),
        &BackupSettings {
            keep: 0,
            daily: true,
        },
    )
    .expect_err("0 refused");
    assert!(err.to_string().contains("保留份数"), "{err}");
}

#[test]
fn restoring_a_good_backup_brings_back_its_rows_and_keeps_the_current_data() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let bak = t.dir.path().join("saved.db");
    t.db.backup_to(&bak).expect("backup");
    add_unit(&t.db, "102", "县卫健局", UnitKind::Department, None);
    assert_eq!(codes(&t.db), ["101", "102"]);

    let r = backup::restore(&t.db, &admin(), &bak).expect("restore");
    assert_eq!(codes(&t.db), ["101"]);
    assert!(t.db.check().expect("check").ok);
    assert!(r.before_restore.ends_with("-before-restore.jxbak"));
    // The copy taken before the restore restores like any backup.
    let other = temp_db();
    backup::restore(&other.db, &admin(), Path::new(&r.before_restore)).expect("copy restores");
    assert_eq!(codes(&other.db), ["101", "102"]);
    // The database still works and a reopen sees the restored content.
    add_unit(&t.db, "103", "县民政局", UnitKind::Department, None);
    drop(t.db);
    assert_eq!(codes(&Db::open(&path).expect("reopen")), ["101", "103"]);
}

fn assert_refused(db: &Db, file: &Path, words: &str) {
    let err = backup::restore(db, &admin(), file).expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains(words), "{msg}");
    assert!(
        msg.contains(&file.display().to_string()),
        "names the file: {msg}"
    );
    assert_eq!(codes(db), ["101"], "current data unchanged");
}

#[test]
fn corrupt_truncated_and_foreign_files_are_refused_and_nothing_changes() {
    let t = temp_db();
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let dir = t.dir.path();

    let random = dir.join("random.db");
    let bytes: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&random, bytes).expect("write");
    assert_refused(&t.db, &random, "已损坏");

    let good = dir.join("good.db");
    t.db.backup_to(&good).expect("backup");
    let all = std::fs::read(&good).expect("read");
    let truncated = dir.join("truncated.db");
    std::fs::write(&truncated, &all[..all.len() / 2]).expect("write");
    let err = backup::restore(&t.db, &admin(), &truncated).expect_err("truncated refused");
    assert!(err.to_string().contains("truncated.db"), "{err}");
    assert_eq!(codes(&t.db), ["101"]);

    let other = dir.join("other.db");
    let c = rusqlite::Connection::open(&other).expect("other");
    c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA user_version = 3;")
        .expect("sql");
    drop(c);
    assert_refused(&t.db, &other, "不是县级预算绩效管理系统的数据库");

    let newer = dir.join("newer.db");
    t.db.backup_to(&newer).expect("backup");
    let c = rusqlite::Connection::open(&newer).expect("newer");
    c.pragma_update(None, "user_version", 99).expect("version");
    drop(c);
    assert_refused(&t.db, &newer, "升级");

    assert!(
        backup::list_backups(&dir.join("test.db"))
            .expect("list")
            .is_empty(),
        "no before-restore copy for a refused file"
    );
}

#[test]
fn a_backup_with_a_planted_trigger_or_view_is_refused_and_nothing_changes() {
    let t = temp_db();
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    for file in [
        (
            "trigger.db",
            "CREATE TRIGGER evil AFTER INSERT ON audit_log BEGIN DELETE FROM org_unit; END;",
            "多出触发器『evil』",
        ),
        (
            "view.db",
            "CREATE VIEW org_unit_view AS SELECT * FROM org_unit",
            "多出视图『org_unit_view』",
        ),
        (
            "dropped.db",
            "DROP TRIGGER rectification_evidence_sha256_insert",
            "缺少触发器『rectification_evidence_sha256_insert』",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let (i, (file, sql, words)) = file;
        let bak = t.dir.path().join(file);
        t.db.backup_to(&bak).expect("backup");
        rusqlite::Connection::open(&bak)
            .expect("open")
            .execute_batch(sql)
            .expect("plant");
        add_unit(
            &t.db,
            &format!("20{i}"),
            "县卫健局",
            UnitKind::Department,
            None,
        );
        let before = codes(&t.db);
        let backups_before = backup::list_backups(&t.dir.path().join("test.db"))
            .expect("list")
            .len();
        let err = backup::restore(&t.db, &admin(), &bak).expect_err("refused");
        assert!(err.to_string().contains(words), "{err}");
        assert!(err.to_string().contains("不能恢复"), "{err}");
        assert_eq!(codes(&t.db), before, "the current data is untouched");
        assert_eq!(
            backup::list_backups(&t.dir.path().join("test.db"))
                .expect("list")
                .len(),
            backups_before,
            "nothing was copied aside either: the refusal came first"
        );
    }
}

#[test]
fn a_backup_made_after_the_clock_went_back_a_year_is_kept() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    backup::save_settings(
        &t.db,
        &admin(),
        &BackupSettings {
            keep: 2,
            daily: true,
        },
    )
    .expect("save");
    for day in [1, 2] {
        backup::auto_backup(&open_at(&path, 2026, 6, day), BackupReason::Exit).expect("backup");
    }
    // The PC's clock is set back to 2025 (a dead CMOS battery): the next backup is the newest.
    let newest = backup::auto_backup(&open_at(&path, 2025, 6, 3), BackupReason::Exit)
        .expect("backup")
        .expect("made");
    assert!(
        newest.exists(),
        "the newest backup must not be rotated away"
    );
    let names: Vec<String> = backup::list_backups(&path)
        .expect("list")
        .into_iter()
        .map(|b| b.name)
        .collect();
    assert_eq!(
        names,
        [
            "jixiao-000003-20250603-090000-exit.jxbak",
            "jixiao-000002-20260602-090000-exit.jxbak"
        ]
    );
}

#[test]
fn backup_then_restore_brings_back_an_evidence_file_byte_for_byte() {
    let t = temp_db();
    let path = t.dir.path().join("test.db");
    let evidence = t.dir.path().join("evidence");
    std::fs::create_dir_all(&evidence).expect("dir");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let sha = format!("{:x}", <sha2::Sha256 as sha2::Digest>::digest(&bytes));
    std::fs::write(evidence.join(&sha), &bytes).expect("evidence file");
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let bak = t.dir.path().join("手动备份.jxbak");
    backup::manual_backup(&t.db, &bak).expect("backup");
    // The file is lost (a cleaned-up disk), then the backup is restored.
    std::fs::remove_dir_all(&evidence).expect("lose it");
    backup::restore(&t.db, &admin(), &bak).expect("restore");
    assert_eq!(std::fs::read(evidence.join(&sha)).expect("back"), bytes);
    assert_eq!(codes(&t.db), ["101"]);
    // A backup whose evidence was altered after it was made is refused.
    let tampered = t.dir.path().join("改动.jxbak");
    {
        let mut src = zip::ZipArchive::new(std::fs::File::open(&bak).expect("open")).expect("zip");
        let mut out = zip::ZipWriter::new(std::fs::File::create(&tampered).expect("create"));
        for i in 0..src.len() {
            let mut e = src.by_index(i).expect("entry");
            let name = e.name().expect("name").into_owned();
            let mut data = Vec::new();
            std::io::Read::read_to_end(&mut e, &mut data).expect("read");
            if name.starts_with("evidence/") {
                data[0] ^= 1;
            }
            out.start_file(name, zip::write::SimpleFileOptions::default())
                .expect("entry");
            std::io::Write::write_all(&mut out, &data).expect("write");
        }
        out.finish().expect("finish");
    }
    let err = backup::restore(&t.db, &admin(), &tampered).expect_err("refused");
    assert!(err.to_string().contains("校验值不符"), "{err}");
    let _ = path;
}
