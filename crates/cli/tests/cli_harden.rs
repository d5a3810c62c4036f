//! Hostile destinations: a command asked to write an export, a PDF or a backup onto the live
//! database (or its side files, evidence/ or backups/) refuses in Chinese and the database is
//! unchanged.

mod common;

use common::{cli, demo, json};
use sha2::{Digest, Sha256};
use std::path::Path;

fn digest(p: &Path) -> String {
    format!("{:x}", Sha256::digest(std::fs::read(p).expect("read db")))
}

fn refused(db: &Path, args: &[&str]) {
    let before = digest(db);
    let out = cli(db, args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
    assert!(err.contains("数据文件夹"), "{args:?}: {err}");
    assert_eq!(digest(db), before, "{args:?} changed the database");
}

#[test]
fn exports_pdfs_and_backups_onto_the_database_or_its_folders_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let list = json(&cli(
        &db,
        &["evaluation", "list", "--year", "2025", "--json"],
    ));
    let eval = list
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["kind"] == "项目" && r["status"] == "定稿")
        .expect("a final project evaluation");
    let id = eval["id"].as_str().expect("id");
    let db_arg = db.to_str().expect("path");
    let wal = format!("{db_arg}-wal");
    let evidence = dir.path().join("evidence").join("a.xlsx");
    let backups = dir.path().join("backups").join("b.db");
    // The letter is not issued (no 文号 taken) when its destination is refused.
    refused(
        &db,
        &[
            "print",
            "feedback-letter",
            "--evaluation",
            id,
            "--out",
            db_arg,
        ],
    );
    refused(&db, &["projects", "export", db_arg]);
    refused(&db, &["projects", "export", &wal]);
    refused(&db, &["units", "export", evidence.to_str().expect("path")]);
    refused(&db, &["backup", backups.to_str().expect("path")]);
    // The same export next to the database is fine.
    let ok = dir.path().join("项目.xlsx");
    json(&cli(
        &db,
        &["projects", "export", ok.to_str().expect("path"), "--json"],
    ));
}
