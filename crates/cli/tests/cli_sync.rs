//! `site` and `sync` from the command line: a bureau and a township copy of the demo county
//! exchange packages, a conflict is listed and settled, and a bad package is refused.

mod common;

use common::{cli, demo, init, json};
use std::path::Path;

fn ok(db: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--json"];
    all.extend_from_slice(args);
    json(&cli(db, &all))
}

fn sql(db: &Path, sql: &str) {
    let c = rusqlite::Connection::open(db).expect("open");
    c.execute_batch(sql).expect(sql);
}

#[test]
fn a_township_and_the_bureau_exchange_packages_and_settle_a_conflict() {
    let dir = tempfile::tempdir().expect("dir");
    let bureau = dir.path().join("bureau.db");
    let town = dir.path().join("town.db");
    demo(&bureau);
    let s = ok(
        &bureau,
        &["site", "set", "--name", "示例县财政局", "--kind", "财政局"],
    );
    assert_eq!(s["kind"], "财政局");
    // The 河口镇 PC joins from the 入网文件 the bureau's administrator gives it.
    let file = dir.path().join("河口镇.jxenrol");
    let e = ok(
        &bureau,
        &[
            "site",
            "enrol",
            "--unit",
            "307",
            "--out",
            file.to_str().expect("path"),
        ],
    );
    assert_eq!(
        (e["kind"].as_str(), e["unit_code"].as_str()),
        (Some("乡镇"), Some("307"))
    );
    let j = json(&cli(
        &town,
        &[
            "init",
            "--join",
            file.to_str().expect("path"),
            "--admin",
            "admin",
            "--json",
        ],
    ));
    assert_eq!(j["joined"]["site_id"], e["site_id"]);
    let t = ok(&town, &["site", "show"]);
    assert_eq!(
        (t["kind"].as_str(), t["unit_name"].as_str()),
        (Some("乡镇"), Some("河口镇"))
    );
    assert_ne!(t["site_id"], s["site_id"]);
    // Its kind cannot be switched in place.
    let out = cli(
        &town,
        &["site", "set", "--name", "财政局", "--kind", "财政局"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不能在本机修改"));
    // The township's own clerk.
    json(&common::cli_as(
        &town,
        "admin",
        &[
            "users",
            "add",
            "jxg",
            "--name",
            "河口镇财政所",
            "--role",
            "单位填报",
            "--unit",
            "307",
            "--json",
        ],
    ));

    // The same field of one 整改 row edited on both PCs (with another program: the triggers still
    // see it).
    let rect = "(SELECT id FROM rectification WHERE unit_id = (SELECT id FROM org_unit WHERE code = '307') AND status IN ('下达', '整改中', '退回') ORDER BY id LIMIT 1)";
    sql(
        &town,
        &format!("UPDATE rectification SET feedback = '镇：已整改完毕' WHERE id = {rect}"),
    );
    sql(
        &bureau,
        &format!("UPDATE rectification SET feedback = '局：反馈不完整' WHERE id = {rect}"),
    );

    let pkg = dir.path().join("town.jxpkg");
    let e = ok(
        &town,
        &[
            "sync",
            "export",
            "--to",
            "all",
            "--out",
            pkg.to_str().expect("path"),
        ],
    );
    assert_eq!(e["change_count"], 1);
    let preview = ok(&bureau, &["sync", "preview", pkg.to_str().expect("path")]);
    assert_eq!(preview["conflicts"], 1);
    let r = ok(&bureau, &["sync", "import", pkg.to_str().expect("path")]);
    assert_eq!(
        r,
        serde_json::json!({"applied": 0, "skipped_duplicate": 0, "conflicts": 1,
            "audit_status": "首次核对", "audit_note": "首次收到河口镇的操作日志：第 1–8 条，校验完整"})
    );
    let again = ok(&bureau, &["sync", "import", pkg.to_str().expect("path")]);
    assert_eq!(
        again,
        serde_json::json!({"applied": 0, "skipped_duplicate": 1, "conflicts": 0,
            "audit_status": "", "audit_note": ""})
    );

    let conflicts = ok(&bureau, &["sync", "conflicts"]);
    let list = conflicts.as_array().expect("array");
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["label"], "整改事项");
    let differing: Vec<&str> = list[0]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .filter(|f| f["differs"] == true)
        .map(|f| f["column"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(differing, ["feedback"]);
    let id = list[0]["id"].as_str().expect("id");
    let done = ok(&bureau, &["sync", "resolve", id, "--choice", "对方"]);
    assert_eq!(done["status"], "已处理");
    assert!(ok(&bureau, &["sync", "conflicts"])
        .as_array()
        .expect("array")
        .is_empty());

    let history = ok(&bureau, &["sync", "history"]);
    assert_eq!(history[0]["direction"], "导入");
    assert_eq!(history[0]["conflicts"], 1);
    let check = ok(&bureau, &["check"]);
    assert_eq!(check["ok"], true);
    assert_eq!(ok(&bureau, &["sync", "gaps"]), serde_json::json!([]));

    // The township PC is lost: revoked, its next package is refused and nothing changes.
    let r = ok(&bureau, &["site", "revoke", "307", "--reason", "电脑丢失"]);
    assert_eq!(r["revoked_reason"], "电脑丢失");
    let list = ok(&bureau, &["site", "enrolments"]);
    assert!(list[0]["revoked_at"].is_string());
    sql(
        &town,
        &format!("UPDATE rectification SET feedback = '丢失后' WHERE id = {rect}"),
    );
    let late = dir.path().join("late.jxpkg");
    ok(
        &town,
        &[
            "sync",
            "export",
            "--to",
            "all",
            "--out",
            late.to_str().expect("path"),
        ],
    );
    let out = cli(&bureau, &["sync", "import", late.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("注销入网"));
}

#[test]
fn a_damaged_package_is_refused_in_chinese_with_exit_code_1() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    assert!(init(&db).status.success());
    let bad = dir.path().join("bad.jxpkg");
    std::fs::write(&bad, b"PK\x03\x04 not really a package").expect("write");
    let out = cli(&db, &["sync", "import", bad.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未导入任何数据"), "{err}");
}
