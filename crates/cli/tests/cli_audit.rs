//! `jixiao-cli check` and `audit …`: the 操作日志 chain named at the first broken row with exit
//! code 1, the filtered list and its .xlsx export.

mod common;

use common::{cli, json};

#[test]
fn check_exits_1_naming_the_first_audit_row_edited_behind_the_programs_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&cli(&db, &["demo", "--json"]));

    let out = cli(&db, &["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("操作日志校验链完整"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // The filtered list and its export.
    let rows = json(&cli(
        &db,
        &[
            "audit",
            "list",
            "--entity",
            "绩效目标",
            "--limit",
            "5",
            "--json",
        ],
    ));
    let rows = rows.as_array().expect("array");
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r["entity_label"] == "绩效目标"));
    let file = dir.path().join("日志.xlsx");
    let made = json(&cli(
        &db,
        &[
            "audit",
            "export",
            "--out",
            file.to_str().expect("utf8"),
            "--action",
            "退回",
            "--json",
        ],
    ));
    assert!(made["rows"].as_u64().expect("rows") > 0 && file.is_file());

    // An attacker drops the triggers and softens one entry.
    let id: String = {
        let c = rusqlite::Connection::open(&db).expect("raw");
        c.execute_batch(
            "DROP TRIGGER audit_log_no_update;
             UPDATE audit_log SET summary = summary || '（已更正）' WHERE seq = 100;",
        )
        .expect("tamper");
        c.query_row("SELECT id FROM audit_log WHERE seq = 100", [], |r| r.get(0))
            .expect("id")
    };
    let out = cli(&db, &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("操作日志第 100 条") && err.contains(&id) && err.contains("被改动"),
        "{err}"
    );
    let out = cli(&db, &["check", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(r["ok"], false);
    assert_eq!(r["audit_chain"]["first_bad"]["seq"], 100);
    assert_eq!(r["audit_chain"]["first_bad"]["id"], id.as_str());

    let out = cli(&db, &["audit", "verify"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("第 100 条"));
}
