//! Accounts from the command line (issue 13's CLI contract): `demo --admin`, `users list|add|
//! disable|passwd`, `--user` with `JIXIAO_PASSWORD`, refusals that exit 1 and change nothing, and
//! the A类 second reviewer of `targets approve`.

mod common;

use common::{cli, cli_as, demo, json, PASSWORD};
use std::path::Path;
use std::process::{Command, Output};

fn count(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row(sql, [], |r| r.get(0)).expect(sql)
}

fn run_with(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_jixiao-cli"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIXIAO_DB")
        .env_remove("JIXIAO_USER");
    c.env_remove("JIXIAO_PASSWORD");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("run")
}

#[test]
fn demo_admin_creates_one_account_per_role_listed_with_the_documented_keys() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let list = json(&cli(&db, &["users", "list", "--json"]));
    let rows = list.as_array().expect("array");
    for row in rows {
        let mut keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(keys, ["enabled", "login", "name", "roles", "unit_code"]);
    }
    let roles_of = |login: &str| -> Vec<String> {
        let r = rows
            .iter()
            .find(|r| r["login"] == login)
            .unwrap_or_else(|| panic!("{login}"));
        r["roles"]
            .as_array()
            .expect("roles")
            .iter()
            .map(|v| v.as_str().expect("str").to_string())
            .collect()
    };
    for (login, role) in [
        ("admin", "系统管理员"),
        ("shenji", "安全审计员"),
        ("jxg", "绩效管理"),
        ("ywgs", "业务股室"),
        ("lingdao", "只读"),
    ] {
        assert_eq!(roles_of(login), [role]);
    }
    let fillers = rows.iter().filter(|r| r["roles"][0] == "单位填报").count();
    let townships = count(&db, "SELECT COUNT(*) FROM org_unit WHERE kind = '乡镇'");
    assert_eq!(fillers as i64, townships);
    assert_eq!(
        rows.iter().find(|r| r["login"] == "xz307").expect("河口镇")["unit_code"],
        "307"
    );
}

#[test]
fn a_write_without_login_with_a_wrong_password_or_without_the_permission_exits_1_and_changes_nothing(
) {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let before = count(
        &db,
        "SELECT COUNT(*) FROM perf_target WHERE status = '二下'",
    );
    let approve = ["targets", "approve", "--year", "2026", "--all"];

    let out = run_with(&db, &approve, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--user"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut args = vec!["--user", "jxg"];
    args.extend_from_slice(&approve);
    let out = run_with(&db, &args, &[("JIXIAO_PASSWORD", "Wrong2026")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("密码不正确"));

    // 只读 and a township's clerk may not 批复; the 系统管理员 does no business.
    for user in ["lingdao", "xz307", "admin"] {
        let out = cli_as(&db, user, &approve);
        assert_eq!(out.status.code(), Some(1), "{user}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("无权限『绩效目标审核与批复』"),
            "{user}: {err}"
        );
    }
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM perf_target WHERE status = '二下'"
        ),
        before
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'refuse'"
        ),
        3
    );
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'login_failed'"
        ),
        1
    );
}

/// `targets approve --all` by `jxg` with `second` as 复核人 and `password` as its password.
fn approve_as_jxg(db: &Path, second: &str, password: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .args([
            "--db",
            db.to_str().expect("utf8"),
            "--user",
            "jxg",
            "--json",
        ])
        .args([
            "targets",
            "approve",
            "--year",
            "2026",
            "--all",
            "--second-reviewer",
            second,
        ])
        .env("JIXIAO_PASSWORD", PASSWORD)
        .env("JIXIAO_SECOND_PASSWORD", password)
        .env_remove("JIXIAO_DB")
        .output()
        .expect("run")
}

#[test]
fn a_class_targets_need_a_second_account_with_its_own_password() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let pending_a = count(
        &db,
        "SELECT COUNT(*) FROM perf_target t JOIN project p ON p.id = t.project_id
         WHERE t.is_current = 1 AND t.status IN ('一上','二上') AND p.grade = 'A' AND t.fiscal_year = 2026",
    );
    assert!(pending_a > 0, "the demo has A类 targets waiting");
    let approved_a = || {
        count(
            &db,
            "SELECT COUNT(*) FROM perf_target t JOIN project p ON p.id = t.project_id
             WHERE t.is_current = 1 AND t.status = '二下' AND p.grade = 'A' AND t.fiscal_year = 2026",
        )
    };
    let before = approved_a();
    // The same login as --user, and a wrong password: A类 skipped with the reason.
    for (second, password) in [("jxg", PASSWORD), ("ywgs", "Wrong2026")] {
        let out = approve_as_jxg(&db, second, password);
        let r = json(&out);
        let skipped: Vec<&str> = r["skipped"]
            .as_array()
            .expect("skipped")
            .iter()
            .filter_map(|s| s.as_str())
            .collect();
        assert!(
            skipped.iter().any(|s| s.contains("复核人")),
            "{second}: {skipped:?}"
        );
        assert_eq!(approved_a(), before, "{second}");
    }
    let out = approve_as_jxg(&db, "ywgs", PASSWORD);
    json(&out);
    // Every A类 target approved now (those of 『不予支持』 projects stay skipped) names ywgs.
    let gained = approved_a() - before;
    assert!(gained > 0 && gained <= pending_a, "{gained} of {pending_a}");
    assert_eq!(
        count(
            &db,
            "SELECT COUNT(*) FROM perf_target t JOIN account a ON a.id = t.approved_account
             WHERE a.login = 'ywgs' AND t.fiscal_year = 2026"
        ),
        gained
    );
}

#[test]
fn users_add_disable_and_passwd_follow_the_administrators_word() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    json(&cli(
        &db,
        &[
            "users",
            "add",
            "zhaol",
            "--name",
            "赵磊",
            "--role",
            "单位填报",
            "--unit",
            "307",
            "--json",
        ],
    ));
    // A business account cannot add accounts.
    let out = cli_as(
        &db,
        "jxg",
        &["users", "add", "x2", "--name", "某", "--role", "只读"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("无权限『用户管理』"));
    json(&cli(&db, &["users", "disable", "zhaol", "--json"]));
    let list = json(&cli(&db, &["users", "list", "--json"]));
    let row = list
        .as_array()
        .expect("a")
        .iter()
        .find(|r| r["login"] == "zhaol")
        .expect("zhaol")
        .clone();
    assert_eq!(row["enabled"], false);
    let out = cli_as(
        &db,
        "zhaol",
        &[
            "sync",
            "export",
            "--to",
            "all",
            "--out",
            dir.path().to_str().expect("p"),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("停用"));
    assert!(
        count(
            &db,
            "SELECT COUNT(*) FROM account WHERE password_hash LIKE '$argon2id$%'"
        ) > 20
    );
}
