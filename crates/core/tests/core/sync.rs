//! 数据交换 between two PCs: a bureau and a township that start from the same file, edit offline
//! (the same row on both sides, a delete against an edit), exchange packages both ways, see and
//! settle the conflicts, and end with the same data.

use crate::common::{actor, admin};
use jixiao_core::db::Db;
use jixiao_core::sync::conflicts::{self, Choice};
use jixiao_core::sync::{self, site, tables, ImportReport, SiteInput, SiteKind};
use std::path::{Path, PathBuf};

pub struct Pair {
    pub bureau: Db,
    pub town: Db,
    pub town_unit: String,
    pub dir: tempfile::TempDir,
}

pub fn one(db: &Db, sql: &str) -> String {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, String>(0))?))
        .expect(sql)
}

pub fn exec(db: &Db, sql: &str, p: &[&str]) {
    db.write(&actor(), |ctx| {
        ctx.execute(sql, rusqlite::params_from_iter(p))?;
        Ok(())
    })
    .expect(sql);
}

/// The demo county on the bureau PC; the 河口镇 PC joined from the 入网文件 the bureau made for
/// unit 307 (so it holds the reference data and 河口镇's own rows).
pub fn pair() -> Pair {
    let crate::common::TempDb { db: bureau, dir } = crate::common::demo_county();
    // The exchange tests edit 河口镇 (307)'s open work: 2026 targets at 一上, 一下 (with 审核意见)
    // and 编制, a 监控情况表 to fill, 整改 in progress, submitted 自评. Which township of the demo
    // county has all of these follows the demo's random draws; today 新集镇 (305) has them, so the
    // two swap code and name here and the tests keep speaking of 河口镇 (307).
    bureau
        .write(&actor(), |ctx| {
            ctx.execute_batch(
                "UPDATE org_unit SET code = 'swap-307' WHERE code = '307';
                 UPDATE org_unit SET code = '307', name = '河口镇' WHERE code = '305';
                 UPDATE org_unit SET code = '305', name = '新集镇' WHERE code = 'swap-307';",
            )?;
            Ok(())
        })
        .expect("swap");
    let open_work = one(
        &bureau,
        "SELECT ((SELECT COUNT(*) FROM perf_target t WHERE t.unit_id = u.id AND t.status = '一上')
              * (SELECT COUNT(*) FROM perf_target t WHERE t.unit_id = u.id AND t.status = '一下')
              * (SELECT COUNT(*) FROM perf_target t WHERE t.unit_id = u.id AND t.status = '编制')
              * (SELECT COUNT(*) FROM monitor_task m WHERE m.unit_id = u.id AND m.status = '待填报')
              * (SELECT COUNT(*) FROM rectification r WHERE r.unit_id = u.id AND r.status = '整改中')
              * (SELECT COUNT(*) FROM self_eval e WHERE e.unit_id = u.id AND e.status = '已提交')) || ''
         FROM org_unit u WHERE u.code = '307'",
    );
    assert_ne!(
        open_work, "0",
        "the demo changed: pick another township with open work to stand in for 河口镇"
    );
    bureau
        .write(&admin(), |ctx| {
            site::set(
                ctx,
                &SiteInput {
                    name: "示例县财政局".into(),
                    kind: SiteKind::财政局,
                    unit: None,
                },
            )
        })
        .expect("bureau site");
    let enrolment = dir.path().join("河口镇.jxenrol");
    sync::enrol::enrol(&bureau, &admin(), "307", &enrolment).expect("enrol");
    let town_path = dir.path().join("town/jixiao.db");
    std::fs::create_dir_all(town_path.parent().expect("dir")).expect("mkdir");
    let town = Db::open(&town_path).expect("open town");
    sync::enrol::join(&town, &enrolment).expect("join");
    let town_unit = one(&town, "SELECT id FROM org_unit WHERE code = '307'");
    Pair {
        bureau,
        town,
        town_unit,
        dir,
    }
}

impl Pair {
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

pub fn export(db: &Db, to: &str, out: &Path) -> sync::ExportReport {
    sync::export(db, &actor(), to, false, out, &mut |_, _| {}).expect("export")
}

pub fn import(db: &Db, file: &Path) -> ImportReport {
    sync::import(db, &actor(), file, &mut |_, _| {}).expect("import")
}

/// Every synced table, every row, in primary-key order.
pub fn dump(db: &Db) -> Vec<(String, Vec<String>)> {
    db.read(|c| {
        let mut out = Vec::new();
        for t in tables::SYNC_TABLES {
            let (pk, _) = tables::columns(c, t.name)?;
            let mut stmt = c.prepare(&format!("SELECT * FROM {} ORDER BY {pk}", t.name))?;
            let n = stmt.column_count();
            let rows = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..n)
                        .map(|i| {
                            format!(
                                "{:?}",
                                r.get_ref(i).map(|v| v.as_str().map(str::to_string).ok())
                            )
                        })
                        .collect();
                    Ok(cells.join("|"))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            out.push((t.name.to_string(), rows));
        }
        Ok(out)
    })
    .expect("dump")
}

/// Tables where the township PC's rows differ from the bureau's copy of the same rows (the
/// township holds only its own rows and the reference data: rows it lacks are not compared).
fn differences(bureau: &Db, town: &Db) -> Vec<String> {
    let keyed = |db: &Db| {
        db.read(|c| {
            let mut out = Vec::new();
            for t in tables::SYNC_TABLES {
                let (pk, cols) = tables::columns(c, t.name)?;
                let blobs = tables::blob_columns(c, t.name)?;
                let pairs: Vec<String> = cols
                    .iter()
                    .filter(|c| !blobs.contains(c))
                    .map(|c| format!("'{c}', {c}"))
                    .collect();
                let mut stmt = c.prepare(&format!(
                    "SELECT {pk}, json_object({}) FROM {} ORDER BY {pk}",
                    pairs.join(", "),
                    t.name
                ))?;
                let rows: std::collections::BTreeMap<String, String> = stmt
                    .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                out.push((t.name.to_string(), rows));
            }
            Ok(out)
        })
        .expect("dump")
    };
    keyed(bureau)
        .into_iter()
        .zip(keyed(town))
        .filter(|((_, b), (_, t))| t.iter().any(|(k, row)| b.get(k) != Some(row)))
        .map(|((name, _), _)| name)
        .collect()
}

#[test]
fn two_pcs_edited_offline_converge_after_exchanging_packages_both_ways() {
    let p = pair();
    let (bureau, town, unit) = (&p.bureau, &p.town, p.town_unit.as_str());
    assert!(
        differences(bureau, town).is_empty(),
        "the township PC holds the bureau's rows as they are"
    );

    // Rows of 河口镇 it may change: two 审核意见 of a returned (一下) target, one 整改事项 being
    // rectified, one 监控情况表 still to fill.
    let comments: Vec<String> = bureau
        .read(|c| {
            let mut s = c.prepare(
                "SELECT x.id FROM target_comment x JOIN perf_target t ON t.id = x.target_id
                 WHERE t.unit_id = ?1 AND t.status = '一下' ORDER BY x.id LIMIT 2",
            )?;
            let ids = s
                .query_map([unit], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(ids)
        })
        .expect("comments");
    let rect = one(
        bureau,
        &format!("SELECT id FROM rectification WHERE unit_id = '{unit}' AND status IN ('整改中', '退回') ORDER BY id LIMIT 1"),
    );
    let task = one(
        bureau,
        &format!("SELECT id FROM monitor_task WHERE unit_id = '{unit}' AND status = '待填报' ORDER BY id LIMIT 1"),
    );
    let indicator = one(
        bureau,
        "SELECT id FROM library_indicator ORDER BY id LIMIT 1",
    );

    // Offline on the township PC.
    exec(
        town,
        "UPDATE monitor_task SET forecast_fen = 4200000 WHERE id = ?1",
        &[&task],
    );
    exec(
        town,
        "UPDATE rectification SET feedback = '镇里：已完成道路修补' WHERE id = ?1",
        &[&rect],
    );
    exec(
        town,
        "UPDATE target_comment SET resolved = 1, resolved_at = '2026-03-01T09:00:00+08:00' WHERE id = ?1",
        &[&comments[0]],
    );
    exec(
        town,
        "UPDATE target_comment SET resolved = 1, resolved_at = '2026-03-02T09:00:00+08:00' WHERE id = ?1",
        &[&comments[1]],
    );
    // Offline on the bureau PC: the same 整改 row, and a hard delete of both comments.
    exec(
        bureau,
        "UPDATE library_indicator SET name = name || '（修订）' WHERE id = ?1",
        &[&indicator],
    );
    exec(
        bureau,
        "UPDATE rectification SET feedback = '局里：限期三十日内整改' WHERE id = ?1",
        &[&rect],
    );
    exec(
        bureau,
        "DELETE FROM target_comment WHERE id IN (?1, ?2)",
        &[&comments[0], &comments[1]],
    );

    // Township → bureau ("all": a township always sends to the bureau).
    let p1 = export(town, "all", &p.file("town-1.jxpkg"));
    assert_eq!(
        p1.change_count, 4,
        "the township sends only its own four edits"
    );
    let r = import(bureau, Path::new(&p1.file));
    assert_eq!((r.applied, r.skipped_duplicate, r.conflicts), (1, 0, 3));
    // Bureau → township (by unit code: the bureau has now heard from it).
    let town_site = town.read(site::get).expect("site").site_id;
    let p2 = export(bureau, &town_site, &p.file("bureau-1.jxpkg"));
    assert_eq!(
        p2.change_count, 4,
        "library edit, 整改 edit, two tombstones"
    );
    let r = import(town, Path::new(&p2.file));
    assert_eq!((r.applied, r.skipped_duplicate, r.conflicts), (1, 0, 3));

    // The conflicts are kept with both versions, and nothing was dropped.
    let open = bureau.read(|c| conflicts::list(c, true)).expect("list");
    assert_eq!(open.len(), 3);
    let rect_conflict = open
        .iter()
        .find(|c| c.table == "rectification")
        .expect("rect conflict");
    let measures = rect_conflict
        .fields
        .iter()
        .find(|f| f.column == "feedback")
        .expect("measures");
    assert_eq!(measures.ours, "局里：限期三十日内整改");
    assert_eq!(measures.theirs, "镇里：已完成道路修补");
    assert!(measures.differs);
    assert_eq!(rect_conflict.reason, "双方把同一字段改成了不同内容");
    let delete_conflicts: Vec<_> = open
        .iter()
        .filter(|c| c.table == "target_comment")
        .collect();
    assert!(delete_conflicts
        .iter()
        .all(|c| c.ours_deleted && !c.theirs_deleted));
    assert_eq!(
        one(
            bureau,
            &format!("SELECT feedback FROM rectification WHERE id = '{rect}'")
        ),
        "局里：限期三十日内整改"
    );

    // The bureau settles: its 整改 wording, the township's first reply back, its second delete kept.
    let choose = |table: &str, pk: &str, choice: Choice| {
        let id = open
            .iter()
            .find(|c| c.table == table && c.pk == pk)
            .expect("conflict")
            .id
            .clone();
        bureau
            .write(&actor(), |ctx| conflicts::resolve(ctx, &id, choice, None))
            .expect("resolve");
    };
    choose("rectification", &rect, Choice::本机);
    choose("target_comment", &comments[0], Choice::对方);
    choose("target_comment", &comments[1], Choice::本机);
    assert_eq!(
        one(
            bureau,
            &format!(
                "SELECT resolved || '' FROM target_comment WHERE id = '{}'",
                comments[0]
            )
        ),
        "1"
    );
    let audited = one(
        bureau,
        "SELECT COUNT(*) || '' FROM audit_log WHERE action = '处理数据冲突'",
    );
    assert_eq!(audited, "3", "every choice is in the audit log");

    // The settlement travels; the township's own conflicts close by themselves.
    let p3 = export(bureau, &town_site, &p.file("bureau-2.jxpkg"));
    assert_eq!(
        p3.change_count, 3,
        "only the three settled rows, not the township's own edits back"
    );
    let r = import(town, Path::new(&p3.file));
    assert_eq!((r.applied, r.skipped_duplicate, r.conflicts), (3, 0, 0));
    assert_eq!(town.read(conflicts::open_count).expect("count"), 0);
    let p4 = export(town, "all", &p.file("town-2.jxpkg"));
    let r = import(bureau, Path::new(&p4.file));
    assert_eq!((r.applied, r.conflicts), (0, 0), "nothing new comes back");

    assert_eq!(
        differences(bureau, town),
        Vec::<String>::new(),
        "the two PCs hold the same data"
    );
    assert_eq!(
        one(
            town,
            &format!("SELECT feedback FROM rectification WHERE id = '{rect}'")
        ),
        "局里：限期三十日内整改"
    );
    assert_eq!(
        one(
            town,
            &format!(
                "SELECT COUNT(*) || '' FROM target_comment WHERE id = '{}'",
                comments[1]
            )
        ),
        "0"
    );
    assert_eq!(
        one(
            town,
            &format!("SELECT forecast_fen || '' FROM monitor_task WHERE id = '{task}'")
        ),
        "4200000"
    );
}

#[test]
fn the_same_package_twice_changes_nothing_the_second_time() {
    let p = pair();
    exec(
        &p.town,
        "UPDATE monitor_task SET forecast_fen = 4200000 WHERE unit_id = ?1 AND status = '待填报'",
        &[&p.town_unit],
    );
    let pkg = export(&p.town, "all", &p.file("town.jxpkg"));
    let first = import(&p.bureau, Path::new(&pkg.file));
    assert!(first.applied > 0);
    let before = dump(&p.bureau);
    let again = import(&p.bureau, Path::new(&pkg.file));
    assert_eq!(
        (again.applied, again.skipped_duplicate, again.conflicts),
        (0, first.applied, 0)
    );
    assert!(again.duplicate_package);
    assert_eq!(dump(&p.bureau), before);
}

#[test]
fn a_township_sends_only_its_own_rows_and_cannot_send_reference_data() {
    let p = pair();
    exec(
        &p.town,
        "UPDATE library_indicator SET name = name || '（镇改）'",
        &[],
    );
    exec(
        &p.town,
        "UPDATE self_eval SET summary = '他镇' WHERE unit_id <> ?1",
        &[&p.town_unit],
    );
    let pkg = export(&p.town, "all", &p.file("town.jxpkg"));
    assert_eq!(
        pkg.change_count, 0,
        "library edits and other units' rows stay on the township PC"
    );
}

#[test]
fn a_package_for_another_pc_or_from_this_pc_is_refused() {
    let p = pair();
    exec(
        &p.bureau,
        "UPDATE library_indicator SET name = name || '（修订）'",
        &[],
    );
    let mine = export(&p.bureau, "all", &p.file("mine.jxpkg"));
    let err = sync::import(&p.bureau, &actor(), Path::new(&mine.file), &mut |_, _| {})
        .expect_err("own package");
    assert!(err.to_string().contains("本机导出"), "{err}");
    let other = export(&p.bureau, "311", &p.file("other.jxpkg"));
    let err = sync::import(&p.town, &actor(), Path::new(&other.file), &mut |_, _| {})
        .expect_err("addressed to 大营镇");
    assert!(err.to_string().contains("大营镇"), "{err}");
}

#[test]
fn every_table_is_either_synced_with_triggers_or_listed_as_local() {
    let t = crate::common::temp_db();
    let (tables_found, triggers): (Vec<String>, Vec<String>) =
        t.db.read(|c| {
            let names = |kind: &str| -> rusqlite::Result<Vec<String>> {
                c.prepare(
                    "SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%'",
                )?
                .query_map([kind], |r| r.get(0))?
                .collect()
            };
            Ok((names("table")?, names("trigger")?))
        })
        .expect("schema");
    for name in &tables_found {
        let synced = tables::find(name).is_some();
        let local = tables::LOCAL_ONLY.contains(&name.as_str());
        assert!(
            synced ^ local,
            "table {name} must be in SYNC_TABLES or LOCAL_ONLY (sync/tables.rs)"
        );
        if synced {
            let (pk, _) = t.db.read(|c| tables::columns(c, name)).expect("columns");
            assert!(!pk.is_empty(), "{name} needs a primary key to travel");
            for op in ["ins", "upd", "del"] {
                assert!(
                    triggers.contains(&format!("sync_{op}_{name}")),
                    "{name} lacks its {op} trigger"
                );
            }
        }
    }
}

#[test]
fn a_save_that_changes_nothing_but_the_time_is_not_a_new_version() {
    let p = pair();
    let ver = |db: &Db| {
        one(
            db,
            "SELECT ver FROM sync_row WHERE tbl = 'org_unit' ORDER BY pk LIMIT 1",
        )
    };
    let before = ver(&p.town);
    exec(
        &p.town,
        "UPDATE org_unit SET updated_at = '2030-01-01T00:00:00+08:00'",
        &[],
    );
    assert_eq!(ver(&p.town), before);
    exec(&p.town, "UPDATE org_unit SET contact = '新联系人'", &[]);
    assert_ne!(ver(&p.town), before);
}

#[test]
fn an_evidence_file_added_on_the_township_pc_arrives_with_its_row() {
    use jixiao_core::results::rectification;
    let p = pair();
    let rect = one(
        &p.town,
        &format!("SELECT id FROM rectification WHERE unit_id = '{}' AND status <> '销号' ORDER BY id LIMIT 1", p.town_unit),
    );
    let photo = p.file("整改照片.jpg");
    std::fs::write(&photo, b"\xff\xd8\xff\xe0 photo of the repaired road").expect("photo");
    let town_dir = p.town.data_dir().expect("dir");
    let ev = p
        .town
        .write(&actor(), |ctx| {
            rectification::add_evidence(ctx, &town_dir, &rect, &photo)
        })
        .expect("evidence");
    let pkg = export(&p.town, "all", &p.file("town.jxpkg"));
    assert_eq!(pkg.file_count, 1);
    let r = import(&p.bureau, Path::new(&pkg.file));
    assert_eq!(r.files_written, 1);
    let stored = rectification::evidence_dir(&p.bureau.data_dir().expect("dir")).join(&ev.sha256);
    assert_eq!(
        std::fs::read(stored).expect("file arrived"),
        std::fs::read(&photo).expect("photo")
    );
    assert_eq!(
        one(
            &p.bureau,
            &format!(
                "SELECT file_name FROM rectification_evidence WHERE id = '{}'",
                ev.id
            )
        ),
        "整改照片.jpg"
    );
}

#[test]
fn the_export_list_offers_every_unit_then_the_township_as_a_known_pc_once_heard_from() {
    use jixiao_core::sync::destinations::{self, DestinationKind};
    let p = pair();
    let before = p.bureau.read(destinations::list).expect("list");
    assert_eq!(
        (before[0].value.as_str(), before[0].name.as_str()),
        ("*", "全部单位")
    );
    // Enrolled: 河口镇 is offered as its PC from the start, 大营镇 (not enrolled) by its code.
    let town = before
        .iter()
        .find(|d| d.code.as_deref() == Some("307"))
        .expect("河口镇 by its code");
    assert_eq!(
        (town.kind, town.name.as_str()),
        (DestinationKind::站点, "河口镇")
    );
    let other = before
        .iter()
        .find(|d| d.code.as_deref() == Some("311"))
        .expect("大营镇 by its code");
    assert_eq!(
        (other.value.as_str(), other.kind),
        ("311", DestinationKind::单位)
    );
    assert!(
        before.iter().all(|d| !d.value.starts_with("unit:")),
        "no pseudo sites"
    );

    exec(
        &p.town,
        "UPDATE monitor_task SET forecast_fen = 4200000 WHERE unit_id = ?1 AND status = '待填报'",
        &[&p.town_unit],
    );
    let pkg = export(&p.town, "all", &p.file("town.jxpkg"));
    import(&p.bureau, Path::new(&pkg.file));
    let after = p.bureau.read(destinations::list).expect("list");
    let hits: Vec<_> = after
        .iter()
        .filter(|d| d.code.as_deref() == Some("307"))
        .collect();
    assert_eq!(hits.len(), 1, "河口镇 is listed once: {hits:?}");
    assert_eq!(hits[0].kind, DestinationKind::站点);
    assert_eq!(hits[0].site_kind.as_deref(), Some("乡镇"));
    assert!(hits[0].last_received_at.is_some());

    let from_town = p.town.read(destinations::list).expect("list");
    assert_eq!(from_town.len(), 1, "a township sends to the bureau only");
    assert_eq!(
        (from_town[0].value.as_str(), from_town[0].name.as_str()),
        ("*", "财政局")
    );
}

#[test]
fn edits_of_different_fields_of_one_row_merge_without_a_conflict() {
    let p = pair();
    let rect = one(
        &p.bureau,
        &format!(
            "SELECT id FROM rectification WHERE unit_id = '{}' AND status IN ('整改中', '退回') ORDER BY id LIMIT 1",
            p.town_unit
        ),
    );
    exec(
        &p.town,
        "UPDATE rectification SET feedback = '镇：已整改完毕' WHERE id = ?1",
        &[&rect],
    );
    exec(
        &p.bureau,
        "UPDATE rectification SET review_note = '局：请补充照片' WHERE id = ?1",
        &[&rect],
    );
    let town_site = p.town.read(site::get).expect("site").site_id;

    let up = export(&p.town, "all", &p.file("up.jxpkg"));
    let r = import(&p.bureau, Path::new(&up.file));
    assert_eq!((r.applied, r.conflicts), (1, 0), "merged, not a conflict");
    let down = export(&p.bureau, &town_site, &p.file("down.jxpkg"));
    let r = import(&p.town, Path::new(&down.file));
    assert_eq!((r.applied, r.conflicts), (1, 0));

    for db in [&p.bureau, &p.town] {
        let both = one(
            db,
            &format!(
                "SELECT feedback || '|' || review_note FROM rectification WHERE id = '{rect}'"
            ),
        );
        assert_eq!(both, "镇：已整改完毕|局：请补充照片");
    }
    assert_eq!(differences(&p.bureau, &p.town), Vec::<String>::new());
    // Both PCs hold the same version: nothing more goes either way.
    let again = export(&p.town, "all", &p.file("again.jxpkg"));
    let r = import(&p.bureau, Path::new(&again.file));
    assert_eq!((r.applied, r.conflicts), (0, 0));
}

#[test]
fn a_row_saved_forty_times_offline_still_travels_as_newer() {
    let p = pair();
    let rect = one(
        &p.town,
        &format!(
            "SELECT id FROM rectification WHERE unit_id = '{}' AND status IN ('整改中', '退回') ORDER BY id LIMIT 1",
            p.town_unit
        ),
    );
    let hist_len = |db: &Db| {
        one(db, &format!("SELECT json_array_length(hist) || '' FROM sync_row WHERE tbl = 'rectification' AND pk = '{rect}'"))
    };
    for i in 0..40 {
        exec(
            &p.town,
            "UPDATE rectification SET feedback = ?1 WHERE id = ?2",
            &[&format!("第{i}次反馈"), &rect],
        );
    }
    assert_eq!(
        hist_len(&p.town),
        "1",
        "saves nobody else saw are not history"
    );
    let pkg = export(&p.town, "all", &p.file("many.jxpkg"));
    let r = import(&p.bureau, Path::new(&pkg.file));
    assert_eq!((r.applied, r.conflicts), (1, 0));
    assert_eq!(
        one(
            &p.bureau,
            &format!("SELECT feedback FROM rectification WHERE id = '{rect}'")
        ),
        "第39次反馈"
    );

    // Versions that were sent are history, up to the last 32.
    for i in 0..35 {
        exec(
            &p.town,
            "UPDATE rectification SET feedback = ?1 WHERE id = ?2",
            &[&format!("第{i}轮"), &rect],
        );
        let pkg = export(&p.town, "all", &p.file(&format!("round-{i}.jxpkg")));
        assert_eq!(import(&p.bureau, Path::new(&pkg.file)).applied, 1);
    }
    assert_eq!(hist_len(&p.town), "32");
    assert_eq!(differences(&p.bureau, &p.town), Vec::<String>::new());
}
