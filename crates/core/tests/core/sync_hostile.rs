//! Hostile packages: truncated, corrupted, random, empty, wrong version, wrong checksum, rows that
//! break the rules. Each is refused with a Chinese error that says nothing was imported, nothing
//! changes in the database, and nothing panics. A seeded mutation loop stands in for the fuzzer
//! in CI (the cargo-fuzz target is in `fuzz/`).

use crate::common::actor;
use crate::sync::{dump, export, pair, Pair};
use jixiao_core::db::latest_version;
use jixiao_core::sync::package::{self, Change, PackageHeader};
use jixiao_core::sync::{self as jsync};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

fn edited_pair() -> (Pair, Vec<u8>) {
    let p = pair();
    p.town
        .write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE self_eval SET summary = '镇里补充' WHERE unit_id = ?1",
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
    let mut forged = changes.clone();
    forged[0].table = "library_indicator".into();
    let f = write(&p, "scope.jxpkg", &rebuilt(&p, h.clone(), &forged));
    assert_refused_with_preview(&p, &f, "只能由财政局下发");
    // A 自评 row of another township.
    let other_unit = crate::sync::one(&p.bureau, "SELECT id FROM org_unit WHERE code = '311'");
    let mut foreign = changes.clone();
    assert_eq!(foreign[0].table, "self_eval");
    if let Some(row) = foreign[0].row.as_mut() {
        row.insert("unit_id".into(), other_unit.into());
    }
    let f = write(&p, "foreign.jxpkg", &rebuilt(&p, h.clone(), &foreign));
    assert_refused_with_preview(&p, &f, "其他单位");
    // A 自评 row whose 绩效目标 this PC doesn't have (an earlier package not imported).
    let mut orphan = changes[0].clone();
    orphan.pk = "00000000-0000-7000-8000-00000000beef".into();
    orphan.ver = "feedfacefeedface".into();
    orphan.hist = vec![];
    if let Some(row) = orphan.row.as_mut() {
        row.insert("id".into(), orphan.pk.clone().into());
        row.insert("target_id".into(), "no-such-target".into());
    }
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
