//! Files that go out and come back: every workbook the demo county exports imports back into
//! the same database without changing one row (locked forms skipped and counted), also after a
//! LibreOffice re-save as .xlsx, .ods and .xls; a locked form changed in the file is refused
//! naming its row; openpyxl (what Python users and many tools read with) sees every amount,
//! score and weight as a number, and every export prints landscape A4, one page wide, with the
//! header row repeated.

use super::common::actor;
use super::hostile_xlsx::{demo_db, fingerprint, importers};
use calamine::{open_workbook_auto, Data, Reader};
use jixiao_core::db::Db;
use jixiao_core::evaluation::key::{self, KeyEvalQuery};
use jixiao_core::evaluation::self_xlsx::{export_self_evals, import_self_evals};
use jixiao_core::{exante, monitoring, results, targets, Error};
use std::path::{Path, PathBuf};
use std::process::Command;

#[test]
fn every_export_of_the_demo_county_imports_back_without_changing_a_row() {
    let t = demo_db();
    let before = fingerprint(&t.db);
    for imp in importers(&t.db) {
        let file = t.dir.path().join(format!("{}.xlsx", imp.name));
        t.db.read(|c| (imp.export)(c, &file)).expect("export");
        let report = (imp.import)(&t.db, &file)
            .unwrap_or_else(|e| panic!("{} does not import back: {e}", imp.name));
        assert_eq!(
            (report.created, report.updated, report.submitted),
            (0, 0, 0),
            "{}: {report:?}",
            imp.name
        );
        if ["绩效目标申报表", "监控情况表", "单位自评表"].contains(&imp.name) {
            assert!(
                report.locked > 0,
                "{}: the demo has locked forms: {report:?}",
                imp.name
            );
        }
        assert_eq!(
            fingerprint(&t.db),
            before,
            "{}: no row, no audit entry, no sync version written",
            imp.name
        );
    }
}

/// An exported sheet as (header, rows as calamine cells), header found below the title row.
fn sheet(path: &Path) -> (Vec<String>, Vec<Vec<Data>>) {
    let mut book = open_workbook_auto(path).expect("open");
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header = rows[1].iter().map(|d| d.to_string()).collect();
    (header, rows)
}

/// Copies an exported workbook cell by cell (strings as strings, numbers as numbers) with one
/// cell replaced: the first data row where `pick` holds, column `column`. Returns the
/// spreadsheet row number (1-based, as Excel shows it) of the changed cell.
fn change_one_cell(
    src: &Path,
    dst: &Path,
    pick: impl Fn(&[String], &[Data]) -> bool,
    column: &str,
    value: &str,
) -> u32 {
    let (header, rows) = sheet(src);
    let col = header.iter().position(|h| h == column).expect("column");
    let target = (2..rows.len())
        .find(|&r| pick(&header, &rows[r]))
        .expect("a row to change");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, cell) in cells.iter().enumerate() {
            let (r, c16) = (r as u32, c as u16);
            if r as usize == target && c == col {
                ws.write_string(r, c16, value).expect("cell");
                continue;
            }
            match cell {
                Data::Float(f) => ws.write_number(r, c16, *f),
                Data::Int(i) => ws.write_number(r, c16, *i as f64),
                Data::Empty => continue,
                other => ws.write_string(r, c16, other.to_string()),
            }
            .expect("cell");
        }
    }
    book.save(dst).expect("save");
    target as u32 + 1
}

fn status_is(states: &'static [&'static str]) -> impl Fn(&[String], &[Data]) -> bool {
    move |header, row| {
        let col = header
            .iter()
            .position(|h| h == "状态" || h == "审核状态")
            .expect("a 状态 column");
        states.contains(&row[col].to_string().as_str())
    }
}

fn refused_at(result: jixiao_core::Result<jixiao_core::exchange::ImportReport>) -> (u32, String) {
    match result {
        Err(Error::Rejected(problems)) => (problems[0].row, problems[0].message.clone()),
        other => panic!("a changed locked form must be refused, got {other:?}"),
    }
}

#[test]
fn a_locked_form_changed_in_the_file_is_refused_naming_its_row_and_nothing_changes() {
    let t = demo_db();
    let before = fingerprint(&t.db);
    let dir = t.dir.path();
    let round = open_round(&t.db);

    // An approved (二下) target with a changed 指标值.
    let (out, changed) = (dir.join("目标.xlsx"), dir.join("目标-改.xlsx"));
    t.db.read(|c| targets::export_targets(c, &out, 2026))
        .expect("export");
    let row = change_one_cell(&out, &changed, status_is(&["二下"]), "指标值", "12345");
    let (at, why) = refused_at(targets::import_targets(&t.db, &actor(), &changed, 2026));
    assert_eq!(at, row, "{why}");
    assert!(why.contains("已『二下』批复并冻结"), "{why}");

    // A submitted or approved 监控情况表 with a changed 纠偏措施.
    let (out, changed) = (dir.join("监控.xlsx"), dir.join("监控-改.xlsx"));
    t.db.read(|c| monitoring::export_round(c, &out, &round))
        .expect("export");
    let row = change_one_cell(
        &out,
        &changed,
        status_is(&["已提交", "审核通过"]),
        "纠偏措施",
        "改过的措施",
    );
    let (at, why) = refused_at(monitoring::import_round(&t.db, &actor(), &changed, &round));
    assert_eq!(at, row, "{why}");
    assert!(why.contains("不能再修改"), "{why}");

    // A submitted 自评表 with a changed 偏差原因及改进措施.
    let (out, changed) = (dir.join("自评.xlsx"), dir.join("自评-改.xlsx"));
    t.db.read(|c| export_self_evals(c, &out, 2025))
        .expect("export");
    let row = change_one_cell(
        &out,
        &changed,
        |h, r| status_is(&["已提交"])(h, r) && r[5] != Data::String("预算执行率".into()),
        "偏差原因及改进措施",
        "改过的原因",
    );
    let (at, why) = refused_at(import_self_evals(&t.db, &actor(), &changed, 2025));
    assert_eq!(at, row, "{why}");
    assert!(why.contains("自评表已提交"), "{why}");

    assert_eq!(fingerprint(&t.db), before, "nothing written");
}

fn open_round(db: &Db) -> String {
    db.read(|c| monitoring::list_rounds(c, 2026))
        .expect("rounds")
        .into_iter()
        .find(|r| r.status == monitoring::RoundStatus::Open)
        .expect("an open round")
        .id
}

/// Every workbook the program writes, from the demo county.
fn every_export(db: &Db, dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out: Vec<(String, PathBuf)> = Vec::new();
    for imp in importers(db) {
        let file = dir.join(format!("{}.xlsx", imp.name));
        db.read(|c| (imp.export)(c, &file)).expect("export");
        out.push((imp.name.to_string(), file));
    }
    let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 1).expect("date");
    type Export<'a> = Box<dyn Fn(&rusqlite::Connection, &Path) -> jixiao_core::Result<u32> + 'a>;
    let mut more: Vec<(&str, Export)> = vec![
        ("事前评估", Box::new(|c, p| exante::export(c, p, 2026))),
        (
            "预算挂钩",
            Box::new(|c, p| results::linkage::export_linkages(c, p, 2025)),
        ),
        (
            "整改台账",
            Box::new(move |c, p| results::rectification::export_rectifications(c, p, 2025, today)),
        ),
        (
            "信息公开",
            Box::new(|c, p| results::disclosure::export_disclosure(c, p, 2025)),
        ),
        (
            "发文登记簿",
            Box::new(|c, p| results::register::export_numbers(c, p, 2025)),
        ),
    ];
    let keys = db
        .read(|c| {
            key::list_key_evals(
                c,
                &KeyEvalQuery {
                    year: 2025,
                    ..KeyEvalQuery::default()
                },
            )
        })
        .expect("key evals")
        .rows;
    if let Some(k) = keys.first() {
        let id = k.id.clone();
        more.push((
            "重点评价评分表",
            Box::new(move |c, p| key::export_key_sheet(c, &id, p)),
        ));
    }
    for (name, export) in more {
        let file = dir.join(format!("{name}.xlsx"));
        db.read(|c| export(c, &file)).expect("export");
        out.push((name.to_string(), file));
    }
    out
}

/// A python3 that has openpyxl (Debian's python3-openpyxl, in scripts/setup.sh).
fn python_with_openpyxl() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return python.to_string();
        }
    }
    panic!("openpyxl is missing: apt-get install python3-openpyxl (scripts/setup.sh does)");
}

/// Reads a workbook with openpyxl and prints, per sheet: the page setup, and every non-empty
/// cell of an amount / score / weight column (by header) that is not a number.
const OPENPYXL_CHECK: &str = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
header_row = None
for r in range(1, 4):
    if any(c.value in ("项目编码", "单位编码", "指标分类", "序号", "一级指标", "文号")
           or (isinstance(c.value, str) and "编码" in c.value) for c in ws[r]):
        header_row = r
        break
print("header", header_row)
print("orientation", ws.page_setup.orientation)
print("paper", ws.page_setup.paperSize)
print("fit", ws.sheet_properties.pageSetUpPr.fitToPage, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight)
print("titles", ws.print_title_rows)
words = ("万元", "分值", "得分", "权重")
numeric = 0
for c in ws[header_row]:
    if isinstance(c.value, str) and any(w in c.value for w in words):
        for row in ws.iter_rows(min_row=header_row + 1, min_col=c.column, max_col=c.column):
            v = row[0].value
            # The score sheet's 评价等级 row puts the grade (优/良/中/差) under 得分.
            if v is None or v == "" or ws.cell(row[0].row, 1).value == "评价等级":
                continue
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                numeric += 1
            else:
                print("text", row[0].coordinate, c.value, repr(v))
print("numeric", numeric)
"#;

#[test]
fn openpyxl_reads_every_amount_as_a_number_and_every_export_prints_landscape_a4_one_page_wide() {
    let python = python_with_openpyxl();
    let t = demo_db();
    let mut numeric_total = 0;
    for (name, file) in every_export(&t.db, t.dir.path()) {
        let out = Command::new(&python)
            .args(["-c", OPENPYXL_CHECK])
            .arg(&file)
            .output()
            .expect("run python");
        let text = String::from_utf8_lossy(&out.stdout).to_string();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let texts: Vec<&str> = text.lines().filter(|l| l.starts_with("text ")).collect();
        assert!(
            texts.is_empty(),
            "{name}: amounts stored as text: {texts:?}"
        );
        let line = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key} ")))
                .unwrap_or_default()
                .to_string()
        };
        assert_eq!(line("header"), "2", "{name}: title row, then the header");
        assert_eq!(line("orientation"), "landscape", "{name}");
        assert_eq!(line("paper"), "9", "{name}: A4");
        // fitToWidth 1 is the file format's default, so it may be left out (None).
        assert!(
            ["True 1 0", "True None 0"].contains(&line("fit").as_str()),
            "{name}: one page wide, any number of pages down: {}",
            line("fit")
        );
        assert_eq!(line("titles"), "$2:$2", "{name}: header repeated");
        numeric_total += line("numeric").parse::<u32>().unwrap_or(0);
        // (The demo targets have no 权重, so 绩效目标申报表 may have no number.)
        if ["监控情况表", "单位自评表", "项目"].contains(&name.as_str()) {
            assert!(line("numeric") != "0", "{name} has amounts: {text}");
        }
    }
    assert!(numeric_total > 1000, "{numeric_total}");
}

/// LibreOffice's `soffice`, or None (then the caller prints why it skips). CI installs
/// libreoffice-calc-nogui through scripts/setup.sh.
fn soffice() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|cmd| {
        Command::new(cmd)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn a_libreoffice_resave_as_xlsx_ods_and_xls_imports_back_without_changing_a_row() {
    let Some(soffice) = soffice() else {
        println!("SKIPPED: LibreOffice (soffice) is not installed; apt-get install libreoffice-calc-nogui");
        return;
    };
    let t = demo_db();
    let before = fingerprint(&t.db);
    let dir = t.dir.path();
    let sources = dir.join("out");
    std::fs::create_dir_all(&sources).expect("dir");
    let imps = importers(&t.db);
    let files: Vec<PathBuf> = imps
        .iter()
        .map(|imp| {
            let file = sources.join(format!("{}.xlsx", imp.name));
            t.db.read(|c| (imp.export)(c, &file)).expect("export");
            file
        })
        .collect();
    // A private profile: no clash with a LibreOffice the user has open, nothing left behind.
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo").display());
    for ext in ["xlsx", "ods", "xls"] {
        let resaved = dir.join(ext);
        let filter = match ext {
            "xlsx" => "xlsx:Calc MS Excel 2007 XML",
            "ods" => "ods",
            _ => "xls:MS Excel 97",
        };
        let out = Command::new(soffice)
            .args([&profile, "--headless", "--convert-to", filter, "--outdir"])
            .arg(&resaved)
            .args(&files)
            .output()
            .expect("run soffice");
        assert!(
            out.status.success(),
            "soffice: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        for imp in &imps {
            let file = resaved.join(format!("{}.{ext}", imp.name));
            assert!(file.is_file(), "LibreOffice wrote {}", file.display());
            let report = (imp.import)(&t.db, &file)
                .unwrap_or_else(|e| panic!("{} re-saved as .{ext}: {e}", imp.name));
            assert_eq!(
                (report.created, report.updated, report.submitted),
                (0, 0, 0),
                "{} .{ext}: {report:?}",
                imp.name
            );
            assert_eq!(fingerprint(&t.db), before, "{} .{ext}", imp.name);
        }
    }
}
