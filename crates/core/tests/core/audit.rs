//! 操作日志: append-only (triggers), the SM3 hash chain that names the first row an attacker
//! touched after dropping the triggers, chaining of an older database, restore refusing a
//! tampered backup, refusals kept on record, Chinese names for every object and action, paging,
//! filters and the .xlsx export.

use super::common::{actor, add_unit, admin, temp_db, TempDb};
use jixiao_core::audit::{self, chain, labels, AuditQuery};
use jixiao_core::db::backup;
use jixiao_core::db::{Db, MIGRATIONS};
use jixiao_core::org::{self, UnitKind};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A file database with five audited actions (five units), closed; returns the dir and file.
fn five_rows() -> (tempfile::TempDir, PathBuf) {
    let t = temp_db();
    for (code, name) in [
        ("101", "县教育局"),
        ("102", "县卫健局"),
        ("103", "县民政局"),
        ("104", "县农业农村局"),
        ("105", "县水利局"),
    ] {
        add_unit(&t.db, code, name, UnitKind::Department, None);
    }
    let path = t.dir.path().join("test.db");
    let TempDb { db, dir } = t;
    drop(db);
    (dir, path)
}

/// What an attacker with a SQLite tool does first.
fn attacker(path: &Path) -> Connection {
    let c = Connection::open(path).expect("open raw");
    c.execute_batch(
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;
         DROP TRIGGER audit_log_append_only; DROP INDEX audit_log_seq;",
    )
    .expect("drop triggers");
    c
}

fn id_at(c: &Connection, seq: i64) -> String {
    c.query_row("SELECT id FROM audit_log WHERE seq = ?1", [seq], |r| {
        r.get(0)
    })
    .expect("row")
}

/// verify_chain on the file after `tamper`: the first bad row's (position, stored seq, id, reason).
fn tampered(tamper: impl FnOnce(&Connection) -> String) -> (chain::ChainBreak, String) {
    let (_dir, path) = five_rows();
    let c = attacker(&path);
    let expected_id = tamper(&c);
    let r = chain::verify_chain(&c).expect("verify");
    assert!(!r.ok, "tampering goes unnoticed");
    let b = r.first_bad.clone().expect("first bad row");
    assert_eq!(b.id, expected_id, "names the row: {b:?}");
    // Db::check (jixiao-cli check, 完整性检查) sees the same.
    drop(c);
    let db = Db::open(&path).expect("reopen");
    let check = db.check().expect("check");
    assert!(!check.ok, "check passes a broken chain");
    assert_eq!(check.audit_chain.first_bad.as_ref(), Some(&b));
    (b, r.message.clone())
}

#[test]
fn an_untouched_log_verifies_and_every_row_continues_the_last() {
    let (_dir, path) = five_rows();
    let db = Db::open(&path).expect("open");
    let r = db.check().expect("check");
    assert!(r.ok, "{r:?}");
    assert_eq!((r.audit_chain.rows, r.audit_chain.last_seq), (5, 5));
    db.read(|c| {
        let rows: Vec<(i64, String, String)> = c
            .prepare("SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        assert_eq!(rows[0].1, chain::GENESIS);
        for w in rows.windows(2) {
            assert_eq!(w[1].0, w[0].0 + 1);
            assert_eq!(w[1].1, w[0].2, "prev_hash is the last row's hash");
        }
        assert!(rows.iter().all(|r| r.2.len() == 64));
        Ok(())
    })
    .expect("read");
}

#[test]
fn the_hash_is_sm3_of_the_documented_encoding() {
    // An auditor's re-implementation of the module doc, byte by byte, against the stored hash.
    let (_dir, path) = five_rows();
    let c = Connection::open(&path).expect("open");
    let (seq, prev, hash, fields): (i64, String, String, Vec<Option<String>>) = c
        .query_row(
            "SELECT seq, prev_hash, hash, id, at, operator_id, operator_name, operator_dept,
                    action, entity, entity_id, summary, before_json, after_json
             FROM audit_log WHERE seq = 2",
            [],
            |r| {
                let mut f = Vec::new();
                for i in 3..14 {
                    f.push(r.get(i)?);
                }
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, f))
            },
        )
        .expect("row 2");
    let mut msg = Vec::new();
    let mut put = |v: Option<&str>| match v {
        None => msg.push(0u8),
        Some(s) => {
            msg.push(1u8);
            msg.extend_from_slice(&(s.len() as u32).to_be_bytes());
            msg.extend_from_slice(s.as_bytes());
        }
    };
    put(Some("jixiao-audit-v1"));
    put(Some(&seq.to_string()));
    put(Some(&prev));
    for f in &fields {
        put(f.as_deref());
    }
    use sm3::Digest;
    let digest = sm3::Sm3::digest(&msg);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hex, hash);
}

#[test]
fn update_and_delete_are_refused_by_the_triggers_and_change_nothing() {
    let (_dir, path) = five_rows();
    let db = Db::open(&path).expect("open");
    let snapshot = |db: &Db| {
        db.read(|c| {
            Ok(
                c.prepare("SELECT seq, summary, hash FROM audit_log ORDER BY seq")?
                    .query_map([], |r| {
                        Ok(format!(
                            "{}|{}|{}",
                            r.get::<_, i64>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?
                        ))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()?,
            )
        })
        .expect("rows")
    };
    let before = snapshot(&db);
    for sql in [
        "UPDATE audit_log SET summary = '无' WHERE seq = 2",
        "UPDATE audit_log SET operator_name = '李四'",
        "DELETE FROM audit_log WHERE seq = 5",
        "DELETE FROM audit_log",
    ] {
        let err = db.read(|c| Ok(c.execute(sql, [])?)).expect_err("refused");
        assert!(
            err.to_string().contains("操作日志只能追加，不能修改或删除"),
            "{sql}: {err}"
        );
    }
    // An insert that does not continue the chain is refused too.
    let err = db
        .read(|c| {
            Ok(c.execute(
                "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity,
                     summary, seq, prev_hash, hash)
                 VALUES ('x', '2026-01-01', '某人', '某科', 'delete', 'project', '伪造', 3,
                         'ab', 'cd')",
                [],
            )?)
        })
        .expect_err("forged insert refused");
    assert!(err.to_string().contains("只能按顺序追加"), "{err}");
    assert_eq!(snapshot(&db), before, "nothing changed");
    assert!(db.check().expect("check").ok);
}

#[test]
fn an_edited_summary_is_named_at_its_row() {
    let (b, msg) = tampered(|c| {
        c.execute(
            "UPDATE audit_log SET summary = '新增单位 101 县教育局（已核实）' WHERE seq = 3",
            [],
        )
        .expect("edit");
        id_at(c, 3)
    });
    assert_eq!((b.position, b.seq), (3, Some(3)));
    assert!(b.reason.contains("被改动"), "{b:?}");
    assert!(msg.contains("操作日志第 3 条"), "{msg}");
}

#[test]
fn an_edit_with_a_recomputed_hash_is_named_at_the_next_row() {
    // The attacker knows the encoding and re-hashes the edited row, but not the rest of the chain.
    let (b, _) = tampered(|c| {
        c.execute(
            "UPDATE audit_log SET operator_name = '李四' WHERE seq = 2",
            [],
        )
        .expect("edit");
        let (id, at, dept, action, entity, eid, summary, after, prev): (
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            String,
            Option<String>,
            String,
        ) = c
            .query_row(
                "SELECT id, at, operator_dept, action, entity, entity_id, summary, after_json,
                        prev_hash FROM audit_log WHERE seq = 2",
                [],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                        r.get(7)?,
                        r.get(8)?,
                    ))
                },
            )
            .expect("row");
        let h = chain::row_hash(
            2,
            &prev,
            &chain::RowFields {
                id: &id,
                at: &at,
                // common::actor()'s account id.
                operator_id: Some("acct-zhangsan"),
                operator_name: "李四",
                operator_dept: &dept,
                action: &action,
                entity: &entity,
                entity_id: eid.as_deref(),
                summary: &summary,
                before_json: None,
                after_json: after.as_deref(),
            },
        );
        c.execute("UPDATE audit_log SET hash = ?1 WHERE seq = 2", [h])
            .expect("rehash");
        id_at(c, 3)
    });
    assert_eq!(b.position, 3);
    assert!(b.reason.contains("上一条"), "{b:?}");
}

#[test]
fn a_deleted_row_is_named_by_the_gap_it_leaves() {
    let (b, _) = tampered(|c| {
        c.execute("DELETE FROM audit_log WHERE seq = 3", [])
            .expect("delete");
        id_at(c, 4)
    });
    assert_eq!((b.position, b.seq), (3, Some(4)));
    assert!(b.reason.contains("第 3 条缺失"), "{b:?}");
}

#[test]
fn a_deleted_row_with_the_rest_renumbered_is_still_named() {
    let (b, _) = tampered(|c| {
        c.execute_batch(
            "DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = seq - 1 WHERE seq > 3;",
        )
        .expect("delete and renumber");
        id_at(c, 3)
    });
    assert_eq!(b.position, 3);
    assert!(b.reason.contains("上一条"), "{b:?}");
}

#[test]
fn two_swapped_rows_are_named_at_the_first_of_them() {
    let (b, _) = tampered(|c| {
        let (two, four) = (id_at(c, 2), id_at(c, 4));
        c.execute("UPDATE audit_log SET seq = 4 WHERE id = ?1", [&two])
            .expect("2→4");
        c.execute("UPDATE audit_log SET seq = 2 WHERE id = ?1", [&four])
            .expect("4→2");
        four
    });
    assert_eq!((b.position, b.seq), (2, Some(2)));
}

#[test]
fn a_forged_row_is_named_whether_appended_or_slipped_in() {
    let (b, _) = tampered(|c| {
        let last: String = c
            .query_row("SELECT hash FROM audit_log WHERE seq = 5", [], |r| r.get(0))
            .expect("head");
        c.execute(
            "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity,
                 summary, seq, prev_hash, hash)
             VALUES ('forged', '2026-01-01T09:00:00+08:00', '王五', '绩效股', 'approve',
                     'perf_target', '批复绩效目标', 6, ?1, ?2)",
            rusqlite::params![last, "a".repeat(64)],
        )
        .expect("forge");
        "forged".into()
    });
    assert_eq!((b.position, b.seq), (6, Some(6)));
    assert!(b.reason.contains("被改动"), "{b:?}");

    // Slipped in after row 2 with seq 3 again (a duplicate) — or with no seq at all.
    let (b, _) = tampered(|c| {
        c.execute(
            "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity,
                 summary, seq, prev_hash, hash)
             SELECT 'forged', at, operator_name, operator_dept, action, entity, summary, 3,
                    hash, hash FROM audit_log WHERE seq = 2",
            [],
        )
        .expect("forge");
        "forged".into()
    });
    assert_eq!((b.position, b.seq), (4, Some(3)), "{b:?}");
    assert!(b.reason.contains("重复"), "{b:?}");
    let (b, _) = tampered(|c| {
        c.execute(
            "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity, summary)
             VALUES ('noseq', '2026-01-01', '王五', '绩效股', 'delete', 'project', '删除项目')",
            [],
        )
        .expect("forge");
        "noseq".into()
    });
    assert!(b.reason.contains("没有序号"), "{b:?}");
}

#[test]
fn an_older_database_is_chained_in_time_order_when_migrated_and_only_then() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("v6.db");
    {
        let c = Connection::open(&path).expect("open");
        for (_, sql) in &MIGRATIONS[..6] {
            c.execute_batch(sql).expect("migration");
        }
        c.pragma_update(None, "user_version", 6).expect("v6");
        // Inserted out of time order: the chain follows (at, id), not the insertion order.
        for (id, at) in [
            ("c", "2025-03-01T09:00:00+08:00"),
            ("a", "2025-01-01T09:00:00+08:00"),
            ("b2", "2025-02-01T09:00:00+08:00"),
            ("b1", "2025-02-01T09:00:00+08:00"),
        ] {
            c.execute(
                "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity,
                     summary) VALUES (?1, ?2, '张三', '绩效股', 'create', 'org_unit', '旧记录')",
                [id, at],
            )
            .expect("old row");
        }
    }
    let db = Db::open(&path).expect("migrate");
    let order: Vec<String> = db
        .read(|c| {
            Ok(c.prepare("SELECT id FROM audit_log ORDER BY seq")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?)
        })
        .expect("order");
    assert_eq!(order, ["a", "b1", "b2", "c"]);
    assert!(db.check().expect("check").ok);
    // The next action continues the chain.
    add_unit(&db, "101", "县教育局", UnitKind::Department, None);
    let r = db.check().expect("check");
    assert!(r.ok && r.audit_chain.last_seq == 5, "{r:?}");
    drop(db);

    // A row slipped in later without a hash is not sealed by the next open: it is reported.
    let c = attacker(&path);
    c.execute(
        "INSERT INTO audit_log (id, at, operator_name, operator_dept, action, entity, summary)
         VALUES ('late', '2026-01-01', '王五', '绩效股', 'delete', 'project', '删除项目')",
        [],
    )
    .expect("slip in");
    drop(c);
    let db = Db::open(&path).expect("reopen");
    let r = db.check().expect("check");
    assert_eq!(
        r.audit_chain.first_bad.map(|b| b.id).as_deref(),
        Some("late")
    );
}

#[test]
fn a_backup_with_a_broken_chain_is_not_restored_and_nothing_changes() {
    let t = temp_db();
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let bak = t.dir.path().join("edited.db");
    t.db.backup_to(&bak).expect("backup");
    add_unit(&t.db, "102", "县卫健局", UnitKind::Department, None);
    let c = attacker(&bak);
    c.execute("UPDATE audit_log SET summary = '无' WHERE seq = 1", [])
        .expect("edit");
    drop(c);

    let err = backup::restore(&t.db, &admin(), &bak).expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains("edited.db"), "names the file: {msg}");
    assert!(msg.contains("第 1 条"), "names the row: {msg}");
    let codes: Vec<String> =
        t.db.read(org::list_units)
            .expect("units")
            .into_iter()
            .map(|u| u.code)
            .collect();
    assert_eq!(codes, ["101", "102"], "current data unchanged");
    assert!(
        backup::list_backups(&t.dir.path().join("test.db"))
            .expect("list")
            .is_empty(),
        "no before-restore copy for a refused file"
    );
}

#[test]
fn a_refused_action_is_recorded_although_the_action_rolled_back() {
    let t = temp_db();
    add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    // The same code again is refused; its transaction (and any audit row in it) is rolled back.
    let unit = super::common::unit_input("101", "重复", UnitKind::Department, None);
    let refused =
        t.db.write(&actor(), |ctx| org::create_unit(ctx, &unit))
            .expect_err("duplicate");
    t.db.audit_refusal(
        &actor(),
        "refuse",
        "org_unit",
        &format!("拒绝新增单位 101：{refused}"),
    )
    .expect("recorded");
    let log = t.db.read(|c| audit::list_recent(c, 10)).expect("log");
    assert_eq!(log.len(), 2);
    assert_eq!(
        (
            log[0].seq,
            log[0].action_label.as_str(),
            log[0].entity_label.as_str()
        ),
        (2, "拒绝操作", "单位")
    );
    assert!(t.db.check().expect("check").ok);
}

/// Entity and action literals of every `.audit(` call in crates/core/src (a literal anywhere in
/// the first two arguments, so `if … { "update" } else { "create" }` counts).
fn audit_literals_in_source() -> (Vec<String>, Vec<String>) {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    let mut files = Vec::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let (mut actions, mut entities) = (Vec::new(), Vec::new());
    for f in files {
        let src = std::fs::read_to_string(&f).expect("read");
        for (at, _) in src.match_indices(".audit(") {
            // The first two top-level arguments.
            let mut args = vec![String::new()];
            let mut depth = 0i32;
            for ch in src[at + 7..].chars() {
                match ch {
                    '(' | '{' | '[' => depth += 1,
                    ')' | '}' | ']' if depth == 0 => break,
                    ')' | '}' | ']' => depth -= 1,
                    ',' if depth == 0 => {
                        if args.len() == 2 {
                            break;
                        }
                        args.push(String::new());
                        continue;
                    }
                    _ => {}
                }
                if let Some(a) = args.last_mut() {
                    a.push(ch);
                }
            }
            let lits = |s: &str| -> Vec<String> {
                s.split('"')
                    .skip(1)
                    .step_by(2)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect()
            };
            actions.extend(lits(&args[0]));
            if let Some(e) = args.get(1) {
                entities.extend(lits(e));
            }
        }
    }
    (actions, entities)
}

#[test]
fn every_action_and_object_written_anywhere_has_a_chinese_name() {
    let (actions, entities) = audit_literals_in_source();
    assert!(
        entities.len() > 30 && entities.iter().any(|e| e == "perf_target"),
        "the scan finds the calls: {entities:?}"
    );
    let missing: Vec<&String> = actions
        .iter()
        .filter(|a| labels::action_label_opt(a).is_none())
        .chain(
            entities
                .iter()
                .filter(|e| labels::entity_label_opt(e).is_none()),
        )
        .collect();
    assert!(missing.is_empty(), "no Chinese name for {missing:?}");

    // Actions passed through helpers (submit, approve …) show up when the demo county runs.
    let t = crate::common::demo_county();
    let opts = t.db.read(audit::filter_options).expect("options");
    assert!(opts.entities.len() > 15, "{opts:?}");
    for l in opts.actions.iter().chain(&opts.entities) {
        assert!(!l.label.is_ascii(), "『{}』 has no Chinese name", l.code);
    }
    assert!(
        opts.entities
            .iter()
            .any(|l| l.code == "perf_target" && l.label == "绩效目标"),
        "{opts:?}"
    );
}

#[test]
fn the_log_pages_newest_first_filters_and_exports_what_is_filtered() {
    let t = crate::common::demo_county();
    add_unit(&t.db, "999", "县审计局", UnitKind::Department, None);
    let all: u32 =
        t.db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
            .expect("count");

    let started = std::time::Instant::now();
    let q = AuditQuery {
        page: 1,
        page_size: 50,
        ..Default::default()
    };
    let p = t.db.read(|c| audit::page(c, &q)).expect("page");
    eprintln!("first page of {all} rows in {:?}", started.elapsed());
    assert_eq!(p.total, all);
    assert_eq!(p.rows.len(), 50);
    assert_eq!(p.rows[0].summary, "新增单位 999 县审计局");
    assert_eq!(p.rows[0].seq, all as i64);
    assert!(p.rows.windows(2).all(|w| w[0].seq > w[1].seq));
    let p2 =
        t.db.read(|c| {
            audit::page(
                c,
                &AuditQuery {
                    page: 2,
                    ..q.clone()
                },
            )
        })
        .expect("page 2");
    assert_eq!(p2.rows[0].seq, all as i64 - 50);

    // Text in the 摘要, taken literally.
    let found = |text: &str| {
        let q = AuditQuery {
            search: Some(text.into()),
            ..q.clone()
        };
        t.db.read(|c| audit::page(c, &q)).expect("search").total
    };
    assert_eq!(found("999 县审计局"), 1);
    assert_eq!(found("999_县审计局"), 0, "_ is not a wildcard");

    // Object by its Chinese name, action by code, operator (the demo's targets are approved
    // by 王晓梅 of 绩效股), a date range.
    let targets = AuditQuery {
        entity: Some("绩效目标".into()),
        action: Some("approve".into()),
        operator: Some("王晓梅".into()),
        page: 0,
        ..Default::default()
    };
    let p = t.db.read(|c| audit::page(c, &targets)).expect("targets");
    assert!(p.total > 0 && p.total < all);
    assert!(p
        .rows
        .iter()
        .all(|r| r.entity_label == "绩效目标" && r.action_label == "审核通过"));
    let nobody = AuditQuery {
        operator: Some("李四".into()),
        ..targets.clone()
    };
    assert_eq!(
        t.db.read(|c| audit::page(c, &nobody)).expect("none").total,
        0
    );
    let day = p.rows[0].at[..10].to_string();
    let that_day: u32 =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE substr(at, 1, 10) = ?1",
                [&day],
                |r| r.get(0),
            )?)
        })
        .expect("count");
    let dated = AuditQuery {
        from: Some(day.clone()),
        to: Some(day),
        page: 1,
        page_size: 10,
        ..Default::default()
    };
    let got = t.db.read(|c| audit::page(c, &dated)).expect("dated").total;
    assert!(got == that_day && got > 0, "{got} vs {that_day}");
    let past = AuditQuery {
        from: Some("2000-01-01".into()),
        to: Some("2000-12-31".into()),
        ..dated.clone()
    };
    assert_eq!(t.db.read(|c| audit::page(c, &past)).expect("past").total, 0);
    let bad = AuditQuery {
        from: Some("2026-13-01".into()),
        ..dated
    };
    let err = t.db.read(|c| audit::page(c, &bad)).expect_err("bad date");
    assert!(err.to_string().contains("开始日期"), "{err}");

    // The export holds exactly the filtered rows, in Chinese.
    let file = t.dir.path().join("操作日志.xlsx");
    let n =
        t.db.read(|c| audit::export::export(c, &targets, &file))
            .expect("export");
    assert_eq!(n, p.total);
    use calamine::{open_workbook, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook(&file).expect("open xlsx");
    let range = book.worksheet_range("操作日志").expect("sheet");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(
        rows[0][..6],
        ["序号", "时间", "操作人", "科室", "动作", "对象"]
    );
    assert_eq!(rows.len() as u32, n + 1);
    assert!(rows[1..]
        .iter()
        .all(|r| r[4] == "审核通过" && r[5] == "绩效目标" && r[8].len() == 64));

    // One entry in full.
    let e = t.db.read(|c| audit::get(c, &p.rows[0].id)).expect("get");
    assert!(e.after_json.is_some());
}
