//! A township's 操作日志 travels with its packages: the bureau checks that each package's rows
//! continue the head it received before, so a history rewritten after it was sent is named in
//! 交换记录 and in the bureau's own 操作日志.

use crate::common::actor;
use crate::sync::{dump, export, import, pair, Pair};
use jixiao_core::audit::chain;
use jixiao_core::sync::history;
use rusqlite::Connection;
use std::path::PathBuf;

/// The township edits its 整改 feedback (audited, as the screen does) and exports to the bureau.
fn town_sends(p: &Pair, name: &str, feedback: &str) -> PathBuf {
    p.town
        .write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE rectification SET feedback = ?2
                 WHERE unit_id = ?1 AND status IN ('下达', '整改中', '退回')",
                [&p.town_unit, feedback],
            )?;
            ctx.audit("update", "rectification", None, feedback, None, None)
        })
        .expect("edit");
    PathBuf::from(export(&p.town, "all", &p.file(name)).file)
}

/// What someone with a SQLite tool does to hide a row already sent: edit it, then re-compute
/// every hash from there so the township's own check passes again.
fn rewrite_and_rehash(p: &Pair, seq: i64) {
    let c = Connection::open(p.file("town/jixiao.db")).expect("open raw");
    c.execute_batch(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         DROP TRIGGER audit_log_append_only;",
    )
    .expect("drop triggers");
    c.execute(
        "UPDATE audit_log SET summary = '（已删去）' WHERE seq = ?1",
        [seq],
    )
    .expect("edit");
    type Row = (
        i64,
        String,
        String,
        Option<String>,
        String,
        String,
        String,
        String,
    );
    type Rest = (Option<String>, String, Option<String>, Option<String>);
    let rows: Vec<(Row, Rest)> = c
        .prepare(
            "SELECT seq, id, at, operator_id, operator_name, operator_dept, action, entity,
                    entity_id, summary, before_json, after_json
             FROM audit_log WHERE seq >= ?1 ORDER BY seq",
        )
        .expect("prepare")
        .query_map([seq], |r| {
            Ok((
                (
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    r.get(7)?,
                ),
                (r.get(8)?, r.get(9)?, r.get(10)?, r.get(11)?),
            ))
        })
        .expect("rows")
        .collect::<rusqlite::Result<_>>()
        .expect("collect");
    let mut prev: String = c
        .query_row(
            "SELECT prev_hash FROM audit_log WHERE seq = ?1",
            [seq],
            |r| r.get(0),
        )
        .expect("prev");
    for ((s, id, at, op_id, op_name, dept, action, entity), (eid, summary, before, after)) in rows {
        let h = chain::row_hash(
            s,
            &prev,
            &chain::RowFields {
                id: &id,
                at: &at,
                operator_id: op_id.as_deref(),
                operator_name: &op_name,
                operator_dept: &dept,
                action: &action,
                entity: &entity,
                entity_id: eid.as_deref(),
                summary: &summary,
                before_json: before.as_deref(),
                after_json: after.as_deref(),
            },
        );
        c.execute(
            "UPDATE audit_log SET prev_hash = ?2, hash = ?3 WHERE seq = ?1",
            rusqlite::params![s, prev, h],
        )
        .expect("rehash");
        prev = h;
    }
    assert!(
        chain::verify_chain(&c).expect("verify").ok,
        "the rewrite is invisible on the township's own PC"
    );
}

fn received(p: &Pair) -> Vec<history::PackageRecord> {
    let mut v: Vec<_> = p
        .bureau
        .read(|c| history::list(c, 100))
        .expect("history")
        .into_iter()
        .filter(|r| r.direction == "导入")
        .collect();
    v.sort_by_key(|r| r.number);
    v
}

#[test]
fn each_package_continues_the_township_history_the_bureau_received_before() {
    let p = pair();
    let first = import(&p.bureau, &town_sends(&p, "1.jxpkg", "第一次反馈"));
    assert_eq!(first.audit_status, "首次核对", "{}", first.audit_note);
    assert!(
        first.audit_note.contains("校验完整"),
        "{}",
        first.audit_note
    );
    let second = import(&p.bureau, &town_sends(&p, "2.jxpkg", "第二次反馈"));
    assert_eq!(second.audit_status, "连续", "{}", second.audit_note);
    assert!(
        second.audit_note.contains("接续上次收到的第"),
        "{}",
        second.audit_note
    );
    let shown: Vec<_> = received(&p)
        .into_iter()
        .map(|r| (r.number, r.audit_status))
        .collect();
    assert_eq!(
        shown,
        vec![(1, "首次核对".to_string()), (2, "连续".to_string())]
    );
}

#[test]
fn a_township_that_rewrites_history_it_had_sent_is_named_at_the_bureau() {
    let p = pair();
    import(&p.bureau, &town_sends(&p, "1.jxpkg", "第一次反馈"));
    // The township hides the row of its first feedback (sent in package 1).
    let seq: i64 = p
        .town
        .read(|c| {
            Ok(c.query_row(
                "SELECT seq FROM audit_log WHERE summary = '第一次反馈'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("seq");
    rewrite_and_rehash(&p, seq);
    let report = import(&p.bureau, &town_sends(&p, "2.jxpkg", "第二次反馈"));
    assert_eq!(report.audit_status, "改写", "{}", report.audit_note);
    assert!(
        report.audit_note.contains("河口镇") && report.audit_note.contains("被改写"),
        "{}",
        report.audit_note
    );
    // The data still arrives (each row was admitted); the finding is kept and audited.
    assert!(report.applied > 0);
    let rec = received(&p).pop().expect("record");
    assert_eq!(rec.audit_status, "改写");
    let logged: i64 = p
        .bureau
        .read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = '操作日志被改写' AND summary LIKE '%河口镇%'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    assert_eq!(logged, 1);
}

#[test]
fn an_audit_file_edited_after_export_refuses_the_package() {
    let p = pair();
    let file = town_sends(&p, "1.jxpkg", "第一次反馈");
    let edited = crate::sync_signed::with_entry(&file, "audit.jsonl", |b| {
        String::from_utf8(b)
            .expect("utf8")
            .replace("第一次反馈", "没有反馈")
            .into_bytes()
    });
    let f = p.file("edited.jxpkg");
    std::fs::write(&f, edited).expect("write");
    let before = dump(&p.bureau);
    let err = jixiao_core::sync::import(&p.bureau, &actor(), &f, &mut |_, _| {})
        .expect_err("refused")
        .to_string();
    assert!(err.contains("操作日志的校验和不符"), "{err}");
    assert_eq!(dump(&p.bureau), before);
}
