//! Damaged and foreign workbooks given to every Excel importer (units, projects, 绩效目标,
//! 监控情况表, 自评表, 指标库): random bytes, a real export cut in half or with bytes changed, an
//! empty file, a CSV renamed .xlsx, and a sound workbook of another kind. Each is refused with
//! a Chinese message saying what is wrong and what to do, without a panic, and the database —
//! every table, the audit log included — is exactly as before.

use super::common::{actor, temp_db};
use jixiao_core::db::Db;
use jixiao_core::evaluation::self_xlsx::{export_self_evals, import_self_evals};
use jixiao_core::exchange::ImportReport;
use jixiao_core::exchange::{export_projects, export_units, import_projects, import_units};
use jixiao_core::{library, monitoring, targets, Error, Result};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

pub(super) type ExportFn = Box<dyn Fn(&Connection, &Path) -> Result<u32>>;
pub(super) type ImportFn = Box<dyn Fn(&Db, &Path) -> Result<ImportReport>>;

/// One importer with the export that produces its own workbook.
pub(super) struct Importer {
    pub name: &'static str,
    pub export: ExportFn,
    pub import: ImportFn,
}

/// Every Excel importer of the core, bound to the demo county's year / open round.
pub(super) fn importers(db: &Db) -> Vec<Importer> {
    let round = db
        .read(|c| monitoring::list_rounds(c, 2026))
        .expect("rounds")
        .into_iter()
        .find(|r| r.status == monitoring::RoundStatus::Open)
        .expect("the demo has an open 2026 round")
        .id;
    let round_out = round.clone();
    vec![
        Importer {
            name: "单位",
            export: Box::new(export_units),
            import: Box::new(|db, p| import_units(db, &actor(), p)),
        },
        Importer {
            name: "项目",
            export: Box::new(|c, p| export_projects(c, p, Some(2026))),
            import: Box::new(|db, p| import_projects(db, &actor(), p)),
        },
        Importer {
            name: "绩效目标申报表",
            export: Box::new(|c, p| targets::export_targets(c, p, 2026)),
            import: Box::new(|db, p| targets::import_targets(db, &actor(), p, 2026)),
        },
        Importer {
            name: "监控情况表",
            export: Box::new(move |c, p| monitoring::export_round(c, p, &round_out)),
            import: Box::new(move |db, p| monitoring::import_round(db, &actor(), p, &round)),
        },
        Importer {
            name: "单位自评表",
            export: Box::new(|c, p| export_self_evals(c, p, 2025)),
            import: Box::new(|db, p| import_self_evals(db, &actor(), p, 2025)),
        },
        Importer {
            name: "指标库",
            export: Box::new(library::export),
            import: Box::new(|db, p| library::import(db, &actor(), p)),
        },
    ]
}

/// The demo county with the shipped 指标库, so every export has rows.
pub(super) fn demo_db() -> super::common::TempDb {
    super::common::demo_county()
}

/// Row count and a hash of the sorted rows of every table: equal fingerprints mean not one
/// cell of the database changed.
pub(super) fn fingerprint(db: &Db) -> BTreeMap<String, (usize, String)> {
    db.read(|c| {
        let tables: Vec<String> = c
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = BTreeMap::new();
        for table in tables {
            let mut stmt = c.prepare(&format!("SELECT * FROM \"{table}\""))?;
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let cells: Vec<String> = (0..columns)
                        .map(|i| r.get_ref(i).map(|v| format!("{v:?}")))
                        .collect::<rusqlite::Result<_>>()?;
                    Ok(cells.join("\u{1f}"))
                })?
                .collect::<rusqlite::Result<_>>()?;
            rows.sort();
            let hash = Sha256::digest(rows.join("\u{1e}").as_bytes());
            let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
            out.insert(table, (rows.len(), hex));
        }
        Ok(out)
    })
    .expect("fingerprint")
}

/// Seeded bytes that are no format at all (a NUL among them, like any binary file).
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut s = seed | 1;
    (0..len)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            (s >> 24) as u8
        })
        .collect()
}

/// The damaged files made from `good` (a sound export): (damage, file, words its message must
/// hold besides the file name).
fn damaged_copies(
    good: &Path,
    dir: &Path,
    tag: &str,
) -> Vec<(&'static str, PathBuf, &'static str)> {
    let bytes = std::fs::read(good).expect("read export");
    assert!(bytes.len() > 2_000, "{tag}: the export has content");
    // The middle of every export lies inside xl/worksheets/sheet1.xml's compressed data (the
    // biggest part), so the changed bytes break the sheet the importer must read (deflate or
    // CRC error) rather than a part it skips.
    let mut flipped = bytes.clone();
    let mid = flipped.len() / 2;
    for b in &mut flipped[mid..mid + 8] {
        *b ^= 0x5A;
    }
    let csv = "单位编码,单位名称,上级单位编码\r\n101,县教育局,\r\n101001,县第一中学,101\r\n";
    let cases: [(&'static str, Vec<u8>, &'static str); 5] = [
        ("随机字节", noise(8_192, bytes.len() as u64), "已损坏"),
        ("截断一半", bytes[..bytes.len() / 2].to_vec(), "已损坏"),
        ("中间字节被改动", flipped, "已损坏"),
        ("空文件", Vec::new(), "空的"),
        (
            "CSV 改名为 .xlsx",
            csv.as_bytes().to_vec(),
            "在 WPS 或 Excel 中打开后「另存为」",
        ),
    ];
    cases
        .into_iter()
        .map(|(damage, content, words)| {
            let file = dir.join(format!("{tag}-{damage}.xlsx"));
            std::fs::write(&file, content).expect("write damaged file");
            (damage, file, words)
        })
        .collect()
}

/// Runs the import, proving it does not panic, and returns its error.
fn refused(imp: &Importer, db: &Db, file: &Path, what: &str) -> Error {
    let result = catch_unwind(AssertUnwindSafe(|| (imp.import)(db, file)))
        .unwrap_or_else(|_| panic!("{what}: the importer panicked"));
    match result {
        Err(e) => e,
        Ok(report) => panic!("{what}: imported instead of refusing: {report:?}"),
    }
}

fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The message is Chinese only: no raw zip/XML/calamine text leaks through.
fn assert_plain_chinese(msg: &str, what: &str) {
    assert!(has_cjk(msg), "{what}: not Chinese: {msg}");
    for raw in [
        "zip", "Zip", "xml", "Xml", "calamine", "Invalid", "error", "Error", "EOF",
    ] {
        assert!(
            !msg.contains(raw),
            "{what}: raw library text『{raw}』in: {msg}"
        );
    }
}

#[test]
fn every_importer_refuses_damaged_files_in_chinese_naming_the_file_and_changes_nothing() {
    let t = demo_db();
    let before = fingerprint(&t.db);
    let mut tried = 0;
    for imp in importers(&t.db) {
        let good = t.dir.path().join(format!("{}-导出.xlsx", imp.name));
        let rows = t.db.read(|c| (imp.export)(c, &good)).expect("export");
        assert!(rows > 0, "{}: the demo export has rows", imp.name);
        for (damage, file, words) in damaged_copies(&good, t.dir.path(), imp.name) {
            let what = format!("{}导入 × {damage}", imp.name);
            let err = refused(&imp, &t.db, &file, &what);
            let msg = err.to_string();
            assert!(matches!(err, Error::File(_)), "{what}: {err:?}");
            let name = file.file_name().expect("name").to_string_lossy();
            assert!(msg.contains(&*name), "{what}: names the file: {msg}");
            assert!(msg.contains(words), "{what}: says『{words}』: {msg}");
            assert!(msg.contains("再导入"), "{what}: says what to do: {msg}");
            assert!(msg.contains("未导入任何数据"), "{what}: {msg}");
            assert_plain_chinese(&msg, &what);
            assert_eq!(fingerprint(&t.db), before, "{what}: the database changed");
            tried += 1;
        }
    }
    assert_eq!(tried, 6 * 5, "six importers × five damages");
}

#[test]
fn a_sound_workbook_of_another_kind_is_refused_naming_the_missing_columns() {
    let t = demo_db();
    let before = fingerprint(&t.db);
    let imps = importers(&t.db);
    let exports: Vec<PathBuf> = imps
        .iter()
        .map(|imp| {
            let file = t.dir.path().join(format!("{}-导出.xlsx", imp.name));
            t.db.read(|c| (imp.export)(c, &file)).expect("export");
            file
        })
        .collect();
    // Each importer gets the next importer's workbook (the units importer gets the library's).
    for (i, imp) in imps.iter().enumerate() {
        let (other, file) = (
            imps[(i + 1) % imps.len()].name,
            &exports[(i + 1) % imps.len()],
        );
        let what = format!("{}导入 × {other}的工作簿", imp.name);
        let err = refused(imp, &t.db, file, &what);
        let msg = err.to_string();
        let Error::Rejected(problems) = &err else {
            panic!("{what}: expected the missing columns listed, got {err:?}");
        };
        assert!(!problems.is_empty(), "{what}");
        assert!(
            problems
                .iter()
                .all(|p| p.message.contains("缺少列") || p.message.contains("找不到表头")),
            "{what}: {problems:?}"
        );
        assert!(msg.contains("未导入任何数据"), "{what}: {msg}");
        assert!(
            msg.contains("表头"),
            "{what}: says which headers to use: {msg}"
        );
        assert_plain_chinese(&msg, &what);
        assert_eq!(fingerprint(&t.db), before, "{what}: the database changed");
    }
}

/// A small database with the units/projects/targets importers, for the size checks (which run
/// before any row is read, so every importer meets them the same way).
fn size_importers() -> Vec<(&'static str, ImportFn)> {
    vec![
        (
            "单位",
            Box::new(|db: &Db, p: &Path| import_units(db, &actor(), p)),
        ),
        (
            "项目",
            Box::new(|db: &Db, p: &Path| import_projects(db, &actor(), p)),
        ),
        (
            "绩效目标申报表",
            Box::new(|db: &Db, p: &Path| targets::import_targets(db, &actor(), p, 2026)),
        ),
        (
            "指标库",
            Box::new(|db: &Db, p: &Path| library::import(db, &actor(), p)),
        ),
    ]
}

fn assert_refused_everywhere(file: &Path, words: &str) {
    let t = temp_db();
    let before = fingerprint(&t.db);
    for (name, import) in size_importers() {
        let r = catch_unwind(AssertUnwindSafe(|| import(&t.db, file)))
            .unwrap_or_else(|_| panic!("{name}: the importer panicked"));
        let e = r.expect_err(name).to_string();
        assert!(e.contains(words), "{name}: {e}");
        assert!(e.contains("未导入任何数据"), "{name}: {e}");
        assert_plain_chinese(&e, name);
    }
    assert_eq!(fingerprint(&t.db), before);
}

#[test]
fn a_workbook_with_a_cell_at_xfd1048576_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("远处单元格.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "单位编码").expect("cell");
    ws.write_string(1_048_575, 16_383, "误填")
        .expect("far cell");
    book.save(&path).expect("save");
    // Without the check calamine would allocate 1048576 × 16384 cells and abort the process.
    assert_refused_everywhere(&path, "工作表范围过大（1048576 行 × 16384 列");
}

#[test]
fn a_sixty_megabyte_workbook_is_refused_by_its_size() {
    let dir = tempfile::tempdir().expect("dir");
    let small = dir.path().join("small.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "单位编码")
        .expect("cell");
    book.save(&small).expect("save");
    // The same workbook with 60 MB of (incompressible) picture data stored inside, as a sheet
    // full of scanned images would be.
    let path = dir.path().join("大文件.xlsx");
    let mut src = zip::ZipArchive::new(std::fs::File::open(&small).expect("open")).expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    for i in 0..src.len() {
        out.raw_copy_file(src.by_index(i).expect("entry"))
            .expect("copy");
    }
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    out.start_file("xl/media/image1.png", opts).expect("entry");
    std::io::Write::write_all(&mut out, &noise(60 << 20, 7)).expect("write");
    out.finish().expect("finish");
    assert!(std::fs::metadata(&path).expect("meta").len() > 60 << 20);
    assert_refused_everywhere(&path, "超过 50 MB 的上限");
}

#[test]
fn a_formula_saved_without_its_result_is_refused_naming_the_cell() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("公式.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "单位编码").expect("cell");
    ws.write_string(0, 1, "单位名称").expect("cell");
    ws.write_string(1, 0, "101").expect("cell");
    ws.write_formula(1, 1, "=CONCATENATE(\"县\",\"教育局\")")
        .expect("formula");
    book.save(&path).expect("save");
    // Drop the cached result rust_xlsxwriter writes, as scripts and 「手动计算」 leave it.
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(std::fs::read(&path).expect("read")))
        .expect("zip");
    let mut out = zip::ZipWriter::new(std::fs::File::create(&path).expect("create"));
    for i in 0..src.len() {
        let mut e = src.by_index(i).expect("entry");
        let name = e.name().expect("name").into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut bytes).expect("inflate");
        if name == "xl/worksheets/sheet1.xml" {
            let xml = String::from_utf8(bytes).expect("xml");
            let xml = regex_free_strip(&xml);
            bytes = xml.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .expect("entry");
        std::io::Write::write_all(&mut out, &bytes).expect("write");
    }
    out.finish().expect("finish");
    let t = temp_db();
    let e = import_units(&t.db, &actor(), &path)
        .expect_err("refused")
        .to_string();
    assert!(e.contains("单元格 B2 是公式"), "{e}");
    assert!(e.contains("没有保存计算结果"), "{e}");
}

/// Removes the `<v>…</v>` that follows a `</f>` (the cached result of a formula).
fn regex_free_strip(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find("</f><v>") {
        out.push_str(&rest[..i + 4]);
        let after = &rest[i + 4..];
        let end = after.find("</v>").map_or(after.len(), |j| j + 4);
        rest = &after[end..];
    }
    out.push_str(rest);
    assert_ne!(out, xml, "the formula had a cached result to remove");
    out
}
