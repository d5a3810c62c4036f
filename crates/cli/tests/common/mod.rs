//! Running the built `jixiao-cli` on a database file, as a script would: signed in as the demo
//! county's 绩效管理 account `jxg` (or its administrator `admin` for 系统维护 commands).
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// The password of every test account.
pub const PASSWORD: &str = "Jixiao2026";

/// Runs as the account a clerk would use for that command.
pub fn cli(db: &Path, args: &[&str]) -> Output {
    let noun = args.iter().find(|a| !a.starts_with("--")).copied();
    let user = match noun {
        Some("site" | "backup" | "restore" | "users") => "admin",
        _ => "jxg",
    };
    cli_as(db, user, args)
}

pub fn cli_as(db: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(db)
        .args(["--user", user])
        .args(args)
        .env_remove("JIXIAO_DB")
        .env_remove("JIXIAO_USER")
        .env("JIXIAO_PASSWORD", PASSWORD)
        .env("JIXIAO_NEW_PASSWORD", PASSWORD)
        .env("JIXIAO_SECOND_PASSWORD", PASSWORD)
        .output()
        .expect("run jixiao-cli")
}

/// `init --admin admin` plus the 绩效管理 account `jxg` (what a bureau sets up first).
pub fn init(db: &Path) -> Output {
    let out = cli(db, &["init", "--admin", "admin", "--json"]);
    let _ = cli_as(
        db,
        "admin",
        &[
            "users",
            "add",
            "jxg",
            "--name",
            "王晓梅",
            "--role",
            "绩效管理",
        ],
    );
    out
}

/// `demo --admin admin --json` into `db` (a new file): what it printed.
///
/// The demo takes seconds in a debug build and most tests start from it, so the first call of a
/// test binary runs the real command on a template file and every call copies that file (the
/// command writes nothing else) — the same bytes, in a fraction of the time.
pub fn demo(db: &Path) -> serde_json::Value {
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, serde_json::Value)> =
        std::sync::OnceLock::new();
    let (dir, printed) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("template dir");
        let printed = json(&cli(
            &dir.path().join("x.db"),
            &["demo", "--admin", "admin", "--json"],
        ));
        (dir, printed)
    });
    assert!(
        !db.exists(),
        "{} exists: demo needs a new file",
        db.display()
    );
    std::fs::copy(dir.path().join("x.db"), db).expect("copy the demo database");
    printed.clone()
}

/// The JSON a successful command printed.
pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}
