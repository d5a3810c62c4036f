//! Hostile packages: truncated, corrupted, random, empty, wrong version, wrong checksum, rows that
//! break the rules. Each is refused with a Chinese error that says nothing was imported, nothing
//! changes in the database, and nothing panics. A seeded mutation loop stands in for the fuzzer
//! in CI (the cargo-fuzz target is in `fuzz/`).

use crate::common::actor;
use crate::sync::{dump, export, pair, Pair};
use jixiao_core::db::latest_version;
use jixiao_core::sync::package::{self, Change, PackageHeader};
use jixiao_core::sync::{self as jsync};
use serde_json::{json, Map, Value};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

fn edited_pair() -> (Pair, Vec<u8>) {
    let p = pair();
    p.town
        .write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE monitor_task SET forecast_fen = 4200000
                 WHERE unit_id = ?1 AND status = '待填报'",
                [&p.town_unit],
            )?;
            Ok(())
        })
        .expect("edit");
    let r = export(&p.town, "all", &p.file("good.jxpkg"));
    let bytes = std::fs::read(&r.file).expect("read");
    (p, bytes)
}

fn write(p: &Pair, name: &str, bytes: &[u8]) -> PathBuf {
    let f = p.file(name);
    std::fs::write(&f, bytes).expect("write");
    f
}

/// Imports `file` into the bureau PC: must fail in Chinese, change nothing, not panic.
fn assert_refused(p: &Pair, file: &Path, words: &str) {
    let before = dump(&p.bureau);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        jsync::import(&p.bureau, &actor(), file, &mut |_, _| {})
    }))
    .unwrap_or_else(|_| panic!("import of {} panicked", file.display()));
    let err = result
        .expect_err("a hostile package must be refused")
        .to_string();
    assert!(err.contains(words), "{}: {err}", file.display());
    assert!(err.contains("未导入任何数据"), "{}: {err}", file.display());
    assert_eq!(
        dump(&p.bureau),
        before,
        "{} changed the database",
        file.display()
    );
}

/// A file-level fault is already caught by the preview.
fn assert_refused_with_preview(p: &Pair, file: &Path, words: &str) {
    assert_refused(p, file, words);
    let preview = jsync::preview(&p.bureau, file).expect_err("preview must refuse it too");
    assert!(preview.to_string().contains(words), "{preview}");
}

/// The good package's parts, to rebuild it with one thing wrong.
fn parts(bytes: &[u8]) -> (PackageHeader, Vec<Change>) {
    let pkg = package::read(Cursor::new(bytes), latest_version()).expect("good package");
    (pkg.header, pkg.changes)
}

/// Rebuilt and signed with the township PC's own key: what a township that edits its package
/// before sending could make (the signature holds; admission must catch the content).
fn rebuilt(p: &Pair, header: PackageHeader, changes: &[Change]) -> Vec<u8> {
    let signer = p.town.read(jsync::keys::signer).expect("town key");
    let mut out = Cursor::new(Vec::new());
    package::write(&mut out, header, changes, &[], &signer).expect("write");
    out.into_inner()
}

#[test]
fn damaged_truncated_random_and_empty_files_are_refused_and_nothing_changes() {
    let (p, good) = edited_pair();
    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    for b in &mut flipped[mid..mid + 16] {
        *b ^= 0x5a;
    }
    let mut rng = 0x2026_1122_u64;
    let random: Vec<u8> = (0..good.len())
        .map(|_| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng as u8
        })
        .collect();
    let cases: [(&str, &[u8], &str); 5] = [
        ("half.jxpkg", &good[..good.len() / 2], "数据包"),
        ("minus-one.jxpkg", &good[..good.len() - 1], "数据包"),
        ("flipped.jxpkg", &flipped, "数据包"),
        ("random.jxpkg", &random, "数据包"),
        ("empty.jxpkg", &[], "数据包"),
    ];
    for (name, bytes, words) in cases {
        let f = write(&p, name, bytes);
        assert_refused_with_preview(&p, &f, words);
    }
    // The good one still imports afterwards.
    let f = write(&p, "good-again.jxpkg", &good);
    let r = jsync::import(&p.bureau, &actor(), &f, &mut |_, _| {}).expect("good package");
    assert!(r.applied > 0);
}

#[test]
fn a_wrong_format_or_schema_version_is_refused_by_name() {
    let (p, good) = edited_pair();
    let (h, changes) = parts(&good);
    let newer = PackageHeader {
        format_version: package::FORMAT_VERSION + 1,
        ..h.clone()
    };
    let f = write(&p, "format.jxpkg", &rebuilt(&p, newer, &changes));
    assert_refused_with_preview(&p, &f, "数据包格式版本");
    let older = PackageHeader {
        schema_version: latest_version() - 1,
        ..h.clone()
    };
    let f = write(&p, "schema.jxpkg", &rebuilt(&p, older, &changes));
    assert_refused_with_preview(&p, &f, "升级到同一版本");
}

#[test]
fn a_wrong_checksum_is_refused() {
    let (p, good) = edited_pair();
    let (h, changes) = parts(&good);
    // Same header (with the original checksum) over changed content.
    let mut tampered = changes.clone();
    if let Some(row) = tampered[0].row.as_mut() {
        row.insert("summary".into(), "被篡改".into());
    }
    let mut out = Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut out);
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("header.json", opts).expect("zip");
        zip.write_all(&serde_json::to_vec(&h).expect("json"))
            .expect("zip");
        zip.start_file("changes.jsonl", opts).expect("zip");
        for ch in &tampered {
            zip.write_all(&serde_json::to_vec(ch).expect("json"))
                .expect("zip");
            zip.write_all(b"\n").expect("zip");
        }
        zip.finish().expect("zip");
    }
    let f = write(&p, "checksum.jxpkg", &out.into_inner());
    assert_refused_with_preview(&p, &f, "校验和不符");
}

#[test]
fn rows_outside_the_senders_rights_or_pointing_nowhere_are_refused() {
    let (p, good) = edited_pair();
    let (h, changes) = parts(&good);
    // A township package that carries a 规则设置-class table.
    let mut bureau_only = changes.clone();
    bureau_only[0].table = "library_indicator".into();
    let f = write(&p, "scope.jxpkg", &rebuilt(&p, h.clone(), &bureau_only));
    assert_refused_with_preview(&p, &f, "只能由财政局下发");
    // A 监控情况表 moved to another township.
    let other_unit = crate::sync::one(&p.bureau, "SELECT id FROM org_unit WHERE code = '311'");
    let mut foreign = changes.clone();
    assert_eq!(foreign[0].table, "monitor_task");
    if let Some(row) = foreign[0].row.as_mut() {
        row.insert("unit_id".into(), other_unit.into());
    }
    let f = write(&p, "foreign.jxpkg", &rebuilt(&p, h.clone(), &foreign));
    assert_refused_with_preview(&p, &f, "其他单位");
    // A new 绩效目标 whose 预算项目 this PC doesn't have (an earlier package not imported).
    let draft = crate::sync::one(
        &p.bureau,
        &format!(
            "SELECT id FROM perf_target WHERE unit_id = '{}' AND kind = '项目' ORDER BY id LIMIT 1",
            p.town_unit
        ),
    );
    let mut row = row_of(&p.bureau, "perf_target", &draft);
    let orphan_id = "00000000-0000-7000-8000-00000000beef";
    for (k, v) in [
        ("id", json!(orphan_id)),
        ("project_id", json!("no-such-project")),
        ("status", json!("编制")),
        ("version", json!(1)),
        ("is_current", json!(1)),
        ("previous_id", Value::Null),
        ("reduction_fen", json!(0)),
        ("is_public", json!(1)),
        ("not_public_reason", json!("")),
        ("first_approved_by", Value::Null),
        ("first_approved_at", Value::Null),
        ("first_approved_account", Value::Null),
        ("approved_by", Value::Null),
        ("approved_at", Value::Null),
        ("approved_account", Value::Null),
    ] {
        row.insert(k.into(), v);
    }
    let orphan = forged("perf_target", orphan_id, Some(row));
    let f = write(
        &p,
        "orphan.jxpkg",
        &rebuilt(&p, h.clone(), &[changes[0].clone(), orphan]),
    );
    assert_refused(&p, &f, "引用了本机没有的数据");
    // A line naming a table that does not travel.
    let mut local = changes.clone();
    local[0].table = "audit_log".into();
    let f = write(&p, "local.jxpkg", &rebuilt(&p, h, &local));
    assert_refused_with_preview(&p, &f, "不在交换范围内");
}

#[test]
fn seeded_random_mutations_of_a_package_never_panic_the_reader() {
    let (_p, good) = edited_pair();
    let mut rng = 20_261_122_u64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut refused = 0;
    for _ in 0..400 {
        let mut m = good.clone();
        match next() % 3 {
            0 => {
                for _ in 0..1 + next() % 8 {
                    let i = (next() as usize) % m.len();
                    m[i] = next() as u8;
                }
            }
            1 => m.truncate((next() as usize) % m.len()),
            _ => {
                let i = (next() as usize) % m.len();
                m.splice(i..i, (0..next() % 64).map(|_| next() as u8));
            }
        }
        let read = std::panic::catch_unwind(|| package::read(Cursor::new(&m), latest_version()));
        match read.expect("the reader must never panic") {
            Ok(pkg) => assert_eq!(pkg.header.change_count as usize, pkg.changes.len()),
            Err(e) => {
                assert!(e.to_string().contains("数据包"), "{e}");
                refused += 1;
            }
        }
    }
    assert!(
        refused > 300,
        "most mutations must be caught, got {refused}"
    );
}

/// (entry name, what writes its content).
type Entry<'a> = (&'a str, &'a dyn Fn(&mut dyn Write));

/// A zip with the good header and the given other entries, deflated.
fn zip_with(header: &PackageHeader, entries: &[Entry<'_>]) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    zip.start_file("header.json", opts).expect("entry");
    zip.write_all(&serde_json::to_vec(header).expect("json"))
        .expect("write");
    for (name, fill) in entries {
        zip.start_file(*name, opts).expect("entry");
        fill(&mut zip);
    }
    zip.finish().expect("finish");
    out.into_inner()
}

fn zeros(n: u64) -> impl Fn(&mut dyn Write) {
    move |w: &mut dyn Write| {
        let block = vec![0u8; 1 << 20];
        for _ in 0..n >> 20 {
            w.write_all(&block).expect("write");
        }
    }
}

#[test]
fn an_evidence_row_whose_hash_is_a_path_is_refused_on_import() {
    let (p, good) = edited_pair();
    let (mut header, changes) = parts(&good);
    let mut ch = changes[0].clone();
    ch.table = "rectification_evidence".into();
    ch.pk = "0190e5a0-0000-7000-8000-00000000e001".into();
    let mut row = serde_json::Map::new();
    for (k, v) in [
        ("id", serde_json::json!(ch.pk)),
        ("rectification_id", serde_json::json!("x")),
        ("file_name", serde_json::json!("凭证.pdf")),
        ("sha256", serde_json::json!("../jixiao.db")),
        ("size_bytes", serde_json::json!(1)),
        ("added_by", serde_json::json!("河口镇")),
        ("created_at", serde_json::json!("2026-01-01T00:00:00Z")),
        ("updated_at", serde_json::json!("2026-01-01T00:00:00Z")),
        ("deleted_at", serde_json::Value::Null),
    ] {
        row.insert(k.into(), v);
    }
    ch.row = Some(row);
    header.package_id = "evil-evidence".into();
    let f = write(&p, "evil-evidence.jxpkg", &rebuilt(&p, header, &[ch]));
    assert_refused_with_preview(&p, &f, "校验值『../jixiao.db』不是64位十六进制数字");
    // The database the hash pointed at is untouched and still a database.
    assert!(p.bureau.check().expect("check").ok);
}

#[test]
fn a_zip_bomb_is_refused_in_chinese_without_inflating_it() {
    let (p, good) = edited_pair();
    let (header, _) = parts(&good);
    // 300 MB of zeros deflate to ~300 KB: a ratio of ~1000.
    let bomb = zip_with(&header, &[("changes.jsonl", &zeros(300 << 20))]);
    assert!(bomb.len() < 2 << 20, "{} bytes", bomb.len());
    let f = write(&p, "bomb.jxpkg", &bomb);
    assert_refused(&p, &f, "压缩炸弹");
    // A file entry named like a hash, inflating to 100 MB of zeros.
    let sha = "0".repeat(64);
    let name = format!("files/{sha}");
    let empty = |_: &mut dyn Write| {};
    let bomb2 = zip_with(
        &header,
        &[
            ("changes.jsonl", &empty),
            (name.as_str(), &zeros(100 << 20)),
        ],
    );
    let f2 = write(&p, "bomb2.jxpkg", &bomb2);
    let err = jsync::import(&p.bureau, &actor(), &f2, &mut |_, _| {})
        .expect_err("refused")
        .to_string();
    assert!(err.contains("未导入任何数据"), "{err}");
}

#[test]
fn an_oversize_package_is_refused_before_it_is_read() {
    let (p, _) = edited_pair();
    let f = p.file("huge.jxpkg");
    // Sparse: 2 GB + 1 byte on a file system that allocates nothing for it.
    std::fs::File::create(&f)
        .expect("create")
        .set_len(package::MAX_PACKAGE_BYTES + 1)
        .expect("set_len");
    assert_refused(&p, &f, "超过 2048 MB 的上限");
}

// ---- Admission at the bureau: a township package edited the way an attacker would ----------

/// A stored row as the JSON image a package carries.
fn row_of(db: &jixiao_core::db::Db, table: &str, id: &str) -> Map<String, Value> {
    use rusqlite::types::ValueRef;
    db.read(|c| {
        let mut st = c.prepare(&format!("SELECT * FROM {table} WHERE id = ?1"))?;
        let names: Vec<String> = st.column_names().map(|n| n.to_string()).collect();
        Ok(st.query_row([id], |r| {
            let mut m = Map::new();
            for (i, n) in names.iter().enumerate() {
                let v = match r.get_ref(i)? {
                    ValueRef::Null | ValueRef::Blob(_) => Value::Null,
                    ValueRef::Integer(x) => json!(x),
                    ValueRef::Real(f) => json!(f),
                    ValueRef::Text(t) => json!(String::from_utf8_lossy(t)),
                };
                m.insert(n.clone(), v);
            }
            Ok(m)
        })?)
    })
    .unwrap_or_else(|e| panic!("{table} {id}: {e}"))
}

/// A row version as a forger writes it into changes.jsonl.
fn forged(table: &str, id: &str, row: Option<Map<String, Value>>) -> Change {
    Change {
        table: table.into(),
        pk: id.into(),
        ver: "f0f0f0f0f0f0f0f0".into(),
        hist: vec![],
        origin: "forged".into(),
        deleted: row.is_none(),
        row,
    }
}

/// The township's good package with `extra` rows slipped in (header re-summed, as a forger
/// would): refused at the bureau naming `id` and `words`, the database unchanged, the refusal
/// in the 操作日志.
fn assert_forgery_refused(p: &Pair, good: &[u8], name: &str, extra: Change, words: &str) {
    let (mut h, mut changes) = parts(good);
    h.package_id = format!("forged-{name}");
    let id = extra.pk.clone();
    changes.push(extra);
    let f = write(p, &format!("{name}.jxpkg"), &rebuilt(p, h, &changes));
    let refusals = |db: &jixiao_core::db::Db| {
        crate::sync::one(
            db,
            &format!(
                "SELECT COUNT(*) || '' FROM audit_log WHERE action = 'refuse' AND summary LIKE '%{id}%'"
            ),
        )
    };
    assert_eq!(refusals(&p.bureau), "0");
    assert_refused(p, &f, words);
    let err = jsync::import(&p.bureau, &actor(), &f, &mut |_, _| {})
        .expect_err("refused")
        .to_string();
    assert!(err.contains(&id), "the row is named: {err}");
    assert!(err.contains("河口镇"), "the sender is named: {err}");
    assert_eq!(
        refusals(&p.bureau),
        "2",
        "each refusal is in the 操作日志: {err}"
    );
}

fn town_row(p: &Pair, table: &str, filter: &str) -> String {
    crate::sync::one(
        &p.bureau,
        &format!(
            "SELECT id FROM {table} WHERE unit_id = '{}' AND {filter} ORDER BY id LIMIT 1",
            p.town_unit
        ),
    )
}

fn other_unit(p: &Pair) -> String {
    crate::sync::one(&p.bureau, "SELECT id FROM org_unit WHERE code = '311'")
}

#[test]
fn rows_of_another_unit_or_moved_to_one_are_refused_with_the_row_named() {
    let (p, good) = edited_pair();
    let other = other_unit(&p);
    // A 监控情况表 of 大营镇.
    let task = crate::sync::one(
        &p.bureau,
        &format!("SELECT id FROM monitor_task WHERE unit_id = '{other}' ORDER BY id LIMIT 1"),
    );
    let mut row = row_of(&p.bureau, "monitor_task", &task);
    row.insert("forecast_fen".into(), json!(1));
    assert_forgery_refused(
        &p,
        &good,
        "other-task",
        forged("monitor_task", &task, Some(row)),
        "其他单位『大营镇』",
    );
    // A 三级指标 of 大营镇's target (a child row: its unit comes through the target).
    let ind = crate::sync::one(
        &p.bureau,
        &format!(
            "SELECT i.id FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
             WHERE t.unit_id = '{other}' ORDER BY i.id LIMIT 1"
        ),
    );
    let mut row = row_of(&p.bureau, "target_indicator", &ind);
    row.insert("value".into(), json!("1"));
    assert_forgery_refused(
        &p,
        &good,
        "other-child",
        forged("target_indicator", &ind, Some(row)),
        "其他单位『大营镇』",
    );
    // A deletion of 大营镇's 自评.
    let se = crate::sync::one(
        &p.bureau,
        &format!("SELECT id FROM self_eval WHERE unit_id = '{other}' ORDER BY id LIMIT 1"),
    );
    assert_forgery_refused(
        &p,
        &good,
        "other-delete",
        forged("self_eval", &se, None),
        "删除的是其他单位『大营镇』",
    );
    // 河口镇's own target moved to 大营镇.
    let target = town_row(&p, "perf_target", "status = '二下'");
    let mut row = row_of(&p.bureau, "perf_target", &target);
    row.insert("unit_id".into(), json!(other));
    assert_forgery_refused(
        &p,
        &good,
        "moved",
        forged("perf_target", &target, Some(row)),
        "移到了其他单位『大营镇』",
    );
}

#[test]
fn decisions_only_the_bureau_makes_are_refused_in_a_township_package() {
    let (p, good) = edited_pair();
    // A target under review set to 二下.
    let submitted = town_row(&p, "perf_target", "status = '一上'");
    let mut row = row_of(&p.bureau, "perf_target", &submitted);
    row.insert("status".into(), json!("二下"));
    assert_forgery_refused(
        &p,
        &good,
        "approve",
        forged("perf_target", &submitted, Some(row)),
        "把状态从『一上』改为『二下』",
    );
    // A returned target (the unit may edit it) with a 批复人 written in.
    let returned = town_row(&p, "perf_target", "status = '一下'");
    let mut row = row_of(&p.bureau, "perf_target", &returned);
    row.insert("approved_by".into(), json!("张局长"));
    assert_forgery_refused(
        &p,
        &good,
        "approved-by",
        forged("perf_target", &returned, Some(row)),
        "『批复人』",
    );
    // A 整改 item being rectified set to 已核实.
    let rect = town_row(&p, "rectification", "status = '整改中'");
    let mut row = row_of(&p.bureau, "rectification", &rect);
    row.insert("status".into(), json!("已核实"));
    assert_forgery_refused(
        &p,
        &good,
        "verified",
        forged("rectification", &rect, Some(row)),
        "把状态从『整改中』改为『已核实』",
    );
    // A new 审核意见 on the unit's own target.
    let comment = crate::sync::one(
        &p.bureau,
        &format!("SELECT c.id FROM target_comment c WHERE c.target_id = '{returned}' LIMIT 1"),
    );
    let mut row = row_of(&p.bureau, "target_comment", &comment);
    let new_id = "0190e5a0-0000-7000-8000-00000000c0de";
    row.insert("id".into(), json!(new_id));
    row.insert("text".into(), json!("镇里自己写的审核意见"));
    assert_forgery_refused(
        &p,
        &good,
        "comment",
        forged("target_comment", new_id, Some(row)),
        "新增了『审核意见』",
    );
    // A submitted 自评 edited after submission.
    let se = town_row(&p, "self_eval", "status = '已提交' AND grade <> '优'");
    let mut row = row_of(&p.bureau, "self_eval", &se);
    row.insert("grade".into(), json!("优"));
    assert_forgery_refused(
        &p,
        &good,
        "submitted-grade",
        forged("self_eval", &se, Some(row)),
        "已提交",
    );
}

/// The bureau returns one of 河口镇's 自评 forms and sends it; the township has it to fill.
fn returned_self_eval(p: &Pair) -> String {
    use jixiao_core::evaluation::self_eval;
    let id = crate::sync::one(
        &p.bureau,
        &format!(
            "SELECT s.id FROM self_eval s WHERE s.unit_id = '{}' AND s.status = '已提交'
               AND NOT EXISTS (SELECT 1 FROM spot_check k WHERE k.self_eval_id = s.id)
             ORDER BY s.id LIMIT 1",
            p.town_unit
        ),
    );
    p.bureau
        .write(&actor(), |ctx| {
            self_eval::return_self_eval(ctx, &id, "请补充偏差原因")
        })
        .expect("return");
    let down = export(&p.bureau, "307", &p.file("returned.jxpkg"));
    crate::sync::import(&p.town, Path::new(&down.file));
    id
}

/// The township fills the returned form: every 实际完成值 at its target value.
fn fill_self_eval(p: &Pair, id: &str) {
    use jixiao_core::evaluation::self_eval::{self, SelfEvalInput, SelfEvalItemInput};
    p.town
        .write(&actor(), |ctx| {
            let f = self_eval::get_self_eval(ctx, id)?;
            let input = SelfEvalInput {
                budget_wan: String::new(),
                executed_wan: f.row.budget.wan_2dp(),
                execution_weight_cp: f.row.execution_weight_cp,
                summary: "镇里：按退回意见补充".into(),
                items: f
                    .items
                    .iter()
                    .map(|i| SelfEvalItemInput {
                        id: i.id.clone(),
                        weight_cp: i.weight_cp,
                        actual: if i.nature.label() == "定性" {
                            "达成".into()
                        } else {
                            i.value.clone()
                        },
                        not_applicable: false,
                        reason: "已按计划完成".into(),
                    })
                    .collect(),
            };
            self_eval::save_self_eval(ctx, id, &input)?;
            self_eval::submit_self_eval(ctx, id)?;
            Ok(())
        })
        .expect("fill 自评");
}

#[test]
fn a_self_evaluation_grade_raised_in_the_package_is_refused() {
    let p = pair();
    let id = returned_self_eval(&p);
    // The form filled with every indicator missed: a low grade.
    use jixiao_core::evaluation::self_eval::{self, SelfEvalInput, SelfEvalItemInput};
    p.town
        .write(&actor(), |ctx| {
            let f = self_eval::get_self_eval(ctx, &id)?;
            let input = SelfEvalInput {
                budget_wan: String::new(),
                executed_wan: "0".into(),
                execution_weight_cp: f.row.execution_weight_cp,
                summary: "镇里".into(),
                items: f
                    .items
                    .iter()
                    .map(|i| SelfEvalItemInput {
                        id: i.id.clone(),
                        weight_cp: i.weight_cp,
                        actual: if i.nature.label() == "定性" {
                            "未达成".into()
                        } else {
                            "0".into()
                        },
                        not_applicable: false,
                        reason: "未完成".into(),
                    })
                    .collect(),
            };
            self_eval::save_self_eval(ctx, &id, &input)?;
            Ok(())
        })
        .expect("save");
    let pkg = export(&p.town, "all", &p.file("low.jxpkg"));
    let good = std::fs::read(&pkg.file).expect("read");
    let (mut h, mut changes) = parts(&good);
    let at = changes
        .iter()
        .position(|c| c.table == "self_eval" && c.pk == id)
        .expect("the form travels");
    let row = changes[at].row.as_mut().expect("row");
    assert_ne!(row["grade"], json!("优"));
    row.insert("total_cp".into(), json!(9_800));
    row.insert("grade".into(), json!("优"));
    h.package_id = "forged-grade".into();
    let f = write(&p, "grade.jxpkg", &rebuilt(&p, h, &changes));
    assert_refused(&p, &f, "与财政局按自评指标重新计算");
    // Raising an item's score instead is refused too.
    let (mut h, mut changes) = parts(&good);
    let item = changes
        .iter_mut()
        .find(|c| c.table == "self_eval_item")
        .expect("an item travels");
    let weight = item.row.as_ref().expect("row")["weight_cp"].clone();
    item.row
        .as_mut()
        .expect("row")
        .insert("score_cp".into(), weight);
    h.package_id = "forged-item".into();
    let f = write(&p, "item.jxpkg", &rebuilt(&p, h, &changes));
    assert_refused(&p, &f, "按其实际完成值计算应为");
    // The honest package is admitted.
    let r = crate::sync::import(&p.bureau, Path::new(&pkg.file));
    assert!(r.applied > 0);
}

#[test]
fn a_normal_township_package_is_admitted_and_the_log_lists_every_row_with_digests() {
    use jixiao_core::monitoring::{self, Possibility, SheetIndicatorInput, SheetInput};
    use jixiao_core::results::rectification;
    let p = pair();
    let se = returned_self_eval(&p);
    fill_self_eval(&p, &se);
    // A 监控情况表 filled and submitted.
    let task = town_row(&p, "monitor_task", "status = '待填报'");
    p.town
        .write(&actor(), |ctx| {
            let s = monitoring::get_sheet(ctx, &task)?;
            let input = SheetInput {
                executed_wan: "1".into(),
                forecast_wan: s.task.budget.wan_2dp(),
                indicators: s
                    .indicators
                    .iter()
                    .map(|i| {
                        let v = if i.nature.label() == "定性" {
                            "达成".to_string()
                        } else {
                            i.value.clone()
                        };
                        SheetIndicatorInput {
                            id: i.id.clone(),
                            actual: v.clone(),
                            forecast: v,
                            deviation_reason: None,
                            possibility: Some(Possibility::Certain),
                            measures: String::new(),
                        }
                    })
                    .collect(),
            };
            monitoring::save_sheet(ctx, &task, &input)?;
            monitoring::submit_sheet(ctx, &task)?;
            Ok(())
        })
        .expect("fill the sheet");
    // 整改 feedback.
    let rect = town_row(&p, "rectification", "status = '整改中'");
    p.town
        .write(&actor(), |ctx| {
            rectification::report(ctx, &rect, "已完成道路修补，见照片")
        })
        .expect("feedback");

    let up = export(&p.town, "all", &p.file("town.jxpkg"));
    let r = crate::sync::import(&p.bureau, Path::new(&up.file));
    assert_eq!(r.conflicts, 0);
    for (table, id, status) in [
        ("self_eval", &se, "已提交"),
        ("monitor_task", &task, "已提交"),
        ("rectification", &rect, "已反馈"),
    ] {
        assert_eq!(
            crate::sync::one(
                &p.bureau,
                &format!("SELECT status FROM {table} WHERE id = '{id}'")
            ),
            status
        );
    }
    let detail: Value = serde_json::from_str(&crate::sync::one(
        &p.bureau,
        "SELECT after_json FROM audit_log WHERE action = '导入数据包' ORDER BY seq DESC LIMIT 1",
    ))
    .expect("json");
    let rows = detail["rows"].as_array().expect("rows listed");
    assert_eq!(rows.len() as u64, r.applied, "one entry per changed row");
    let hex = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.len() == 64 && s.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    for (table, id) in [
        ("self_eval", &se),
        ("monitor_task", &task),
        ("rectification", &rect),
    ] {
        let e = rows
            .iter()
            .find(|e| e["table"] == json!(table) && e["id"] == json!(id))
            .unwrap_or_else(|| panic!("{table} {id} listed"));
        assert_eq!(e["unit"], json!(p.town_unit));
        assert!(hex(&e["before"]) && hex(&e["after"]), "{e}");
        assert_ne!(e["before"], e["after"]);
    }
    assert!(rows
        .iter()
        .any(|e| e["table"] == json!("monitor_indicator")));
    assert!(rows.iter().any(|e| e["table"] == json!("self_eval_item")));
}
