//! exchange tests: Excel import/export of units and projects, and the 导入模板.

use super::common::{actor, project_input, temp_db, TempDb};
use calamine::{open_workbook_auto, Data, Reader};
use jixiao_core::db::Db;
use jixiao_core::exchange::{
    export_projects, export_units, import_projects, import_units, write_template, ImportReport,
    Sheet, PROJECT_HEADERS, UNIT_HEADERS,
};
use jixiao_core::org::{create_unit, find_unit_by_code, list_units, UnitInput, UnitKind};
use jixiao_core::projects::{
    create_project, find_project_by_code, list_projects, BudgetType, NewOrContinuing, ProjectGrade,
    ProjectInput, ProjectQuery,
};
use jixiao_core::{Error, Fen, FieldProblem};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Writes a one-sheet workbook with every cell as text.
fn write_xlsx(path: &Path, rows: &[Vec<&str>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell)
                .expect("write cell");
        }
    }
    book.save(path).expect("save xlsx");
}

fn count(db: &Db, table: &str) -> i64 {
    db.read(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
        .expect("count")
}

/// (units, projects, audit rows, fiscal years): everything an import could touch.
fn counts(db: &Db) -> [i64; 4] {
    ["org_unit", "project", "audit_log", "fiscal_year"].map(|t| count(db, t))
}

fn report(rows: u32, created: u32, updated: u32, unchanged: u32) -> ImportReport {
    ImportReport {
        rows,
        created,
        updated,
        unchanged,
        ..ImportReport::default()
    }
}

fn rejected(e: Error) -> Vec<FieldProblem> {
    match e {
        Error::Rejected(p) => p,
        other => panic!("expected Error::Rejected, got {other:?}"),
    }
}

/// True when some problem sits at `row` / `column` and its message contains `needle`.
fn has(problems: &[FieldProblem], row: u32, column: &str, needle: &str) -> bool {
    problems
        .iter()
        .any(|p| p.row == row && p.column == column && p.message.contains(needle))
}

fn unit(code: &str, name: &str, kind: UnitKind, parent: Option<String>) -> UnitInput {
    UnitInput {
        code: code.into(),
        name: name.into(),
        parent_id: parent,
        kind,
        contact: "李四".into(),
        phone: "0635-8888888".into(),
    }
}

/// The units the openpyxl fixtures reference: JY001, WS002 (主管部门), XZ01 (乡镇).
fn seed_units(t: &TempDb) {
    t.db.write(&actor(), |ctx| {
        create_unit(ctx, &unit("JY001", "县教育局", UnitKind::Department, None))?;
        create_unit(
            ctx,
            &unit("WS002", "县卫生健康局", UnitKind::Department, None),
        )?;
        create_unit(ctx, &unit("XZ01", "城关镇", UnitKind::Township, None))?;
        Ok(())
    })
    .expect("seed units");
}

fn project(year: i32, code: &str, unit_id: &str, initial: &str, adjusted: &str) -> ProjectInput {
    ProjectInput {
        period_end: year + 1,
        adjusted_budget_wan: adjusted.into(),
        fund_source: "县级财政资金".into(),
        grade: Some(ProjectGrade::B),
        ..project_input(year, code, unit_id, initial)
    }
}

fn all_projects(db: &Db) -> Vec<jixiao_core::projects::Project> {
    db.read(|c| list_projects(c, &ProjectQuery::default()))
        .expect("list projects")
        .rows
}

#[test]
fn units_exported_and_imported_again_are_all_unchanged_and_nothing_is_written() {
    let t = temp_db();
    t.db.write(&actor(), |ctx| {
        let top = create_unit(ctx, &unit("CZ", "县财政局", UnitKind::FinanceSection, None))?;
        let dept = create_unit(ctx, &unit("JY001", "县教育局", UnitKind::Department, None))?;
        create_unit(
            ctx,
            &unit("CZ-JX", "绩效股", UnitKind::FinanceSection, Some(top.id)),
        )?;
        create_unit(
            ctx,
            &unit(
                "JY001.01",
                "县第一中学",
                UnitKind::BudgetUnit,
                Some(dept.id),
            ),
        )?;
        Ok(())
    })
    .expect("units");
    let file = t.dir.path().join("units.xlsx");
    assert_eq!(t.db.read(|c| export_units(c, &file)).expect("export"), 4);
    let before = counts(&t.db);

    let r = import_units(&t.db, &actor(), &file).expect("import");

    assert_eq!(r, report(4, 0, 0, 4));
    assert_eq!(
        counts(&t.db),
        before,
        "unchanged rows write no row and no audit entry"
    );

    // The file carries the parent as its code, and the tree survives into a fresh database.
    let fresh = temp_db();
    assert_eq!(
        import_units(&fresh.db, &actor(), &file).expect("import"),
        report(4, 4, 0, 0)
    );
    let school = fresh
        .db
        .read(|c| find_unit_by_code(c, "JY001.01"))
        .expect("read")
        .expect("school");
    let parent = fresh
        .db
        .read(|c| find_unit_by_code(c, "JY001"))
        .expect("read");
    assert_eq!(school.parent_id, parent.map(|p| p.id));
    assert_eq!(school.kind, UnitKind::BudgetUnit);
    assert_eq!(school.phone, "0635-8888888");
}

#[test]
fn projects_round_trip_keeps_every_amount_exact_to_the_fen() {
    let t = temp_db();
    seed_units(&t);
    let jy =
        t.db.read(|c| find_unit_by_code(c, "JY001"))
            .expect("r")
            .expect("JY001");
    t.db.write(&actor(), |ctx| {
        create_project(ctx, &project(2025, "XM-1", &jy.id, "1286.5", "1286.5"))?;
        create_project(ctx, &project(2025, "XM-2", &jy.id, "0.000001", "0.01"))?;
        create_project(ctx, &project(2026, "XM-1", &jy.id, "0", "123456789.123456"))?;
        Ok(())
    })
    .expect("projects");
    let file = t.dir.path().join("projects.xlsx");
    assert_eq!(
        t.db.read(|c| export_projects(c, &file, None))
            .expect("export"),
        3
    );
    let before = counts(&t.db);

    assert_eq!(
        import_projects(&t.db, &actor(), &file).expect("import"),
        report(3, 0, 0, 3)
    );
    assert_eq!(counts(&t.db), before);

    // Into a fresh database: every figure arrives exactly.
    let fresh = temp_db();
    seed_units(&fresh);
    assert_eq!(
        import_projects(&fresh.db, &actor(), &file).expect("import"),
        report(3, 3, 0, 0)
    );
    let get = |year, code| {
        fresh
            .db
            .read(|c| find_project_by_code(c, year, code))
            .expect("read")
            .expect("project")
    };
    assert_eq!(get(2025, "XM-1").initial_budget, Fen(1_286_500_000));
    assert_eq!(get(2025, "XM-2").initial_budget, Fen(1));
    assert_eq!(get(2025, "XM-2").adjusted_budget, Fen(10_000));
    assert_eq!(get(2026, "XM-1").adjusted_budget, Fen(123_456_789_123_456));
    assert_eq!(get(2026, "XM-1").grade, Some(ProjectGrade::B));

    // Exporting one year writes only that year.
    let only_2026 = t.dir.path().join("2026.xlsx");
    assert_eq!(
        t.db.read(|c| export_projects(c, &only_2026, Some(2026)))
            .expect("export"),
        1
    );
}

#[test]
fn exported_amounts_are_numbers_in_wan() {
    let t = temp_db();
    seed_units(&t);
    let jy =
        t.db.read(|c| find_unit_by_code(c, "JY001"))
            .expect("r")
            .expect("JY001");
    t.db.write(&actor(), |ctx| {
        create_project(ctx, &project(2025, "XM-1", &jy.id, "1286.5", "0.000001"))
    })
    .expect("project");
    let file = t.dir.path().join("p.xlsx");
    t.db.read(|c| export_projects(c, &file, None))
        .expect("export");

    let mut book = open_workbook_auto(&file).expect("open");
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    let header: Vec<String> = range
        .rows()
        .nth(1)
        .expect("header below the title")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, PROJECT_HEADERS);
    let row = range.rows().nth(2).expect("data row");
    assert_eq!(row[9], Data::Float(1286.5));
    assert_eq!(row[10], Data::Float(0.000001));
}

#[test]
fn reimporting_a_changed_name_updates_by_code_instead_of_duplicating() {
    let t = temp_db();
    let file = t.dir.path().join("units.xlsx");
    let mut rows = vec![
        UNIT_HEADERS.to_vec(),
        vec!["JY001", "县教育局", "", "主管部门", "王芳", "0635-1234567"],
        vec!["JY001.01", "县第一中学", "JY001", "预算单位", "", ""],
        vec!["XZ01", "城关镇", "", "乡镇", "", ""],
    ];
    write_xlsx(&file, &rows);
    assert_eq!(
        import_units(&t.db, &actor(), &file).expect("import"),
        report(3, 3, 0, 0)
    );

    rows[2][1] = "县第一高级中学";
    write_xlsx(&file, &rows);
    assert_eq!(
        import_units(&t.db, &actor(), &file).expect("import"),
        report(3, 0, 1, 2)
    );
    let units = t.db.read(list_units).expect("units");
    assert_eq!(units.len(), 3);
    assert!(units
        .iter()
        .any(|u| u.code == "JY001.01" && u.name == "县第一高级中学"));

    // Projects: the same file again after a name change → one update, no new project.
    let pfile = t.dir.path().join("projects.xlsx");
    let mut prows = vec![
        PROJECT_HEADERS.to_vec(),
        vec![
            "2025",
            "XM-1",
            "校舍维修",
            "JY001.01",
            "一般公共预算",
            "特定目标类",
            "新增",
            "2025",
            "2025",
            "50",
            "50",
            "",
            "否",
            "",
        ],
        vec![
            "2025",
            "XM-2",
            "学生资助",
            "JY001",
            "一般公共预算",
            "运转类",
            "延续",
            "2024",
            "2026",
            "80.5",
            "80.5",
            "",
            "",
            "A",
        ],
    ];
    write_xlsx(&pfile, &prows);
    assert_eq!(
        import_projects(&t.db, &actor(), &pfile).expect("import"),
        report(2, 2, 0, 0)
    );
    prows[1][2] = "校舍维修改造";
    write_xlsx(&pfile, &prows);
    assert_eq!(
        import_projects(&t.db, &actor(), &pfile).expect("import"),
        report(2, 0, 1, 1)
    );
    let all = all_projects(&t.db);
    assert_eq!(all.len(), 2);
    assert!(all
        .iter()
        .any(|p| p.code == "XM-1" && p.name == "校舍维修改造"));

    // Either amount changed by one 分 is a change too.
    for (col, initial, adjusted) in [(9, 80_500_001, 80_500_000), (10, 80_500_001, 80_500_001)] {
        prows[2][col] = "80.500001";
        write_xlsx(&pfile, &prows);
        assert_eq!(
            import_projects(&t.db, &actor(), &pfile).expect("import"),
            report(2, 0, 1, 1)
        );
        let p =
            t.db.read(|c| find_project_by_code(c, 2025, "XM-2"))
                .expect("r")
                .expect("XM-2");
        assert_eq!(
            (p.initial_budget, p.adjusted_budget),
            (Fen(initial), Fen(adjusted))
        );
    }
}

#[test]
fn a_units_file_with_several_bad_rows_is_refused_whole() {
    let t = temp_db();
    seed_units(&t);
    let before = counts(&t.db);
    let file = t.dir.path().join("bad_units.xlsx");
    write_xlsx(
        &file,
        &[
            UNIT_HEADERS.to_vec(),
            vec!["NEW01", "新单位", "", "预算单位", "", ""],
            vec!["NEW02", "类型不对", "", "行政单位", "", ""],
            vec!["NEW03", "电话不对", "", "预算单位", "", "打电话"],
            vec!["NEW01", "编码重复", "", "预算单位", "", ""],
            vec!["NEW04", "上级不存在", "NOPE", "预算单位", "", ""],
            vec!["A1", "循环甲", "B1", "预算单位", "", ""],
            vec!["B1", "循环乙", "A1", "预算单位", "", ""],
            vec!["", "", "", "预算单位", "", ""],
        ],
    );

    let problems = rejected(import_units(&t.db, &actor(), &file).expect_err("refused"));

    assert!(has(&problems, 3, "单位类型", "行政单位"), "{problems:?}");
    assert!(
        has(&problems, 3, "单位类型", "财政局股室 / 主管部门"),
        "lists the choices"
    );
    assert!(has(&problems, 4, "联系电话", "打电话"));
    assert!(has(&problems, 5, "单位编码", "第2行和第5行"));
    assert!(has(&problems, 6, "上级单位编码", "NOPE"));
    assert!(has(&problems, 7, "上级单位编码", "循环"));
    assert!(has(&problems, 8, "上级单位编码", "循环"));
    assert!(has(&problems, 9, "单位编码", "不能为空"));
    assert!(has(&problems, 9, "单位名称", "不能为空"));
    assert!(!problems.iter().any(|p| p.row == 2), "row 2 is fine");
    assert_eq!(counts(&t.db), before, "nothing written");
}

#[test]
fn children_listed_before_their_parents_are_still_created() {
    let t = temp_db();
    let file = t.dir.path().join("units.xlsx");
    write_xlsx(
        &file,
        &[
            UNIT_HEADERS.to_vec(),
            vec!["C", "孙", "B", "预算单位", "", ""],
            vec!["B", "子", "A", "主管部门", "", ""],
            vec!["A", "父", "", "财政局股室", "", ""],
        ],
    );
    assert_eq!(
        import_units(&t.db, &actor(), &file).expect("import"),
        report(3, 3, 0, 0)
    );
    let units = t.db.read(list_units).expect("units");
    let id = |code: &str| units.iter().find(|u| u.code == code).map(|u| u.id.clone());
    let parent = |code: &str| {
        units
            .iter()
            .find(|u| u.code == code)
            .and_then(|u| u.parent_id.clone())
    };
    assert_eq!(parent("C"), id("B"));
    assert_eq!(parent("B"), id("A"));
}

#[test]
fn units_columns_in_another_order_below_a_title_row_are_matched_by_header() {
    let t = temp_db();
    let file = t.dir.path().join("units.xlsx");
    // Excel rows: 1 empty (the sheet's used range starts at row 2), 2 title, 3 empty, 4 header.
    let mut rows = vec![
        vec![],
        vec!["示例县单位名录"],
        vec![],
        vec![
            "联系电话",
            "单位类型",
            " 单位名称 ",
            "序号",
            "单位编码",
            "联系人",
            "上级单位编码",
        ],
        vec!["0635-1", "主管部门", "县教育局", "1", "JY001", "王芳", ""],
        vec!["", "乡镇", "城关镇", "2", "XZ01", "", ""],
    ];
    write_xlsx(&file, &rows);
    assert_eq!(
        import_units(&t.db, &actor(), &file).expect("import"),
        report(2, 2, 0, 0)
    );
    let u =
        t.db.read(|c| find_unit_by_code(c, "JY001"))
            .expect("r")
            .expect("unit");
    assert_eq!(
        (
            u.name.as_str(),
            u.kind,
            u.contact.as_str(),
            u.phone.as_str()
        ),
        ("县教育局", UnitKind::Department, "王芳", "0635-1")
    );

    // Errors name the row Excel shows, not the position inside the used range.
    rows[5][1] = "村委会";
    write_xlsx(&file, &rows);
    let problems = rejected(import_units(&t.db, &actor(), &file).expect_err("refused"));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(has(&problems, 6, "单位类型", "村委会"), "{problems:?}");
}

#[test]
fn openpyxl_workbook_with_title_row_shuffled_columns_and_mixed_amounts_imports() {
    let t = temp_db();
    seed_units(&t);

    let r = import_projects(&t.db, &actor(), &fixture("projects_openpyxl.xlsx")).expect("import");

    assert_eq!(r, report(4, 4, 0, 0), "the blank row is skipped");
    let get = |year, code| {
        t.db.read(|c| find_project_by_code(c, year, code))
            .expect("read")
            .expect("project")
    };
    let p = get(2025, "XM2025-001");
    assert_eq!(
        (p.initial_budget, p.adjusted_budget),
        (Fen(1_286_500_000), Fen(1_300_000_000))
    );
    assert_eq!(
        (p.unit_code.as_str(), p.is_special_bond, p.grade),
        ("JY001", true, Some(ProjectGrade::A))
    );
    assert_eq!(p.fund_source, "县级财政资金");
    let p = get(2025, "XM2025-002");
    assert_eq!((p.initial_budget, p.adjusted_budget), (Fen(1), Fen(1)));
    assert_eq!(
        (p.period_start, p.period_end, p.is_special_bond, p.grade),
        (2023, 2027, false, None)
    );
    assert_eq!(p.new_or_continuing, NewOrContinuing::Continuing);
    let p = get(2026, "XM2026-001");
    assert_eq!(
        (p.initial_budget, p.adjusted_budget),
        (Fen(300_000_000), Fen(250_500_000))
    );
    assert_eq!(
        (p.budget_type, p.is_special_bond, p.grade),
        (BudgetType::GovFund, true, Some(ProjectGrade::B))
    );
    assert_eq!(p.unit_code, "XZ01");
    let p = get(2026, "XM2025-001");
    assert_eq!(
        (p.initial_budget, p.adjusted_budget),
        (Fen(12_345_678), Fen(12_345_678))
    );
    assert_eq!((p.is_special_bond, p.grade), (false, Some(ProjectGrade::C)));

    // Importing the same file again changes nothing.
    let before = counts(&t.db);
    let again =
        import_projects(&t.db, &actor(), &fixture("projects_openpyxl.xlsx")).expect("import");
    assert_eq!(again, report(4, 0, 0, 4));
    assert_eq!(counts(&t.db), before);
}

#[test]
fn openpyxl_workbook_with_bad_rows_is_refused_with_every_row_and_column() {
    let t = temp_db();
    seed_units(&t);
    let before = counts(&t.db);

    let e = import_projects(&t.db, &actor(), &fixture("projects_bad_openpyxl.xlsx"))
        .expect_err("refused");
    let message = e.to_string();
    let problems = rejected(e);

    // Excel rows: 1 title, 2 header, 3 fine, 4.. bad.
    assert!(
        has(&problems, 4, "年初预算数（万元）", "约五十"),
        "{problems:?}"
    );
    assert!(has(&problems, 5, "预算类型", "一般预算"));
    assert!(
        has(&problems, 5, "预算类型", "一般公共预算 / 政府性基金预算"),
        "lists the choices"
    );
    assert!(has(&problems, 6, "实施期止", "2024"));
    assert!(has(&problems, 7, "预算单位编码", "NOPE01"));
    assert!(has(&problems, 7, "是否专项债券", "可能"));
    assert!(has(&problems, 8, "项目编码", "第3行和第8行"));
    assert!(
        !problems.iter().any(|p| p.row == 3),
        "row 3 is fine: {problems:?}"
    );
    assert!(message.contains("第4行『年初预算数（万元）』"), "{message}");
    assert_eq!(counts(&t.db), before, "nothing written");
}

#[test]
fn a_missing_header_is_named_in_the_error() {
    let t = temp_db();
    let file = t.dir.path().join("p.xlsx");
    let headers: Vec<&str> = PROJECT_HEADERS
        .iter()
        .copied()
        .filter(|h| *h != "项目编码")
        .collect();
    write_xlsx(&file, &[headers]);

    let problems = rejected(import_projects(&t.db, &actor(), &file).expect_err("refused"));

    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].column, "项目编码");
    assert!(problems[0].message.contains("缺少列『项目编码』"));
    assert!(problems[0].message.contains("下载导入模板"));
}

#[test]
fn a_corrupt_file_is_a_file_error_not_a_panic() {
    let t = temp_db();
    let file = t.dir.path().join("坏文件.xlsx");
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&file, noise).expect("write");

    for result in [
        import_units(&t.db, &actor(), &file),
        import_projects(&t.db, &actor(), &file),
    ] {
        match result {
            Err(Error::File(m)) => {
                assert!(
                    m.contains("坏文件.xlsx") && m.contains("不是有效的 Excel 工作簿"),
                    "{m}"
                )
            }
            other => panic!("expected Error::File, got {other:?}"),
        }
    }
}

#[test]
fn templates_have_the_exact_headers_an_instructions_sheet_and_an_importable_example() {
    let t = temp_db();
    for (sheet, headers) in [
        (Sheet::Units, &UNIT_HEADERS[..]),
        (Sheet::Projects, &PROJECT_HEADERS[..]),
    ] {
        let file = t.dir.path().join(format!("{sheet:?}.xlsx"));
        write_template(sheet, &file).expect("template");
        let mut book = open_workbook_auto(&file).expect("open");
        assert_eq!(book.sheet_names()[1], "填写说明");
        let range = book.worksheet_range_at(0).expect("sheet").expect("range");
        let first: Vec<String> = range
            .rows()
            .next()
            .expect("row")
            .iter()
            .map(|c| c.to_string())
            .collect();
        assert_eq!(first, headers);
        let guide = book.worksheet_range("填写说明").expect("guide");
        let listed: Vec<String> = guide.rows().skip(1).map(|r| r[0].to_string()).collect();
        for h in headers {
            assert!(listed.iter().any(|l| l == h), "填写说明 lists {h}");
        }
    }
    // The example rows are valid data: the units example is the projects example's unit.
    let units = t.dir.path().join("Units.xlsx");
    assert_eq!(
        import_units(&t.db, &actor(), &units).expect("units"),
        report(1, 1, 0, 0)
    );
    let projects = t.dir.path().join("Projects.xlsx");
    assert_eq!(
        import_projects(&t.db, &actor(), &projects).expect("projects"),
        report(1, 1, 0, 0)
    );
}

/// Issue 16 (one rule): "1,286.50" and an empty 调整后预算数 mean the same in the 新增项目 dialog
/// (create_project) and the import: accepted, 调整后 = 年初; 「金额过大」 states the limit in both.
#[test]
fn the_dialog_and_the_import_read_amounts_by_the_same_rule() {
    let t = temp_db();
    seed_units(&t);
    let jy =
        t.db.read(|c| find_unit_by_code(c, "JY001"))
            .expect("read")
            .expect("unit");
    let typed = project(2025, "XM-D", &jy.id, "1,286.50", "");
    let p =
        t.db.write(&actor(), |ctx| {
            jixiao_core::projects::create_project(ctx, &typed)
        })
        .expect("the dialog accepts a comma and an empty 调整后");
    assert_eq!(
        (p.initial_budget, p.adjusted_budget),
        (Fen(1_286_500_000), Fen(1_286_500_000))
    );

    let file = t.dir.path().join("one-rule.xlsx");
    let row = |code: &'static str, initial: &'static str| {
        vec![
            "2025",
            code,
            "校舍维修",
            "JY001",
            "一般公共预算",
            "特定目标类",
            "新增",
            "2025",
            "2025",
            initial,
            "",
            "",
            "否",
            "",
        ]
    };
    write_xlsx(&file, &[PROJECT_HEADERS.to_vec(), row("XM-I", "1,286.50")]);
    import_projects(&t.db, &actor(), &file).expect("the import accepts the same text");
    let imported = all_projects(&t.db)
        .into_iter()
        .find(|p| p.code == "XM-I")
        .expect("imported");
    assert_eq!(
        (imported.initial_budget, imported.adjusted_budget),
        (Fen(1_286_500_000), Fen(1_286_500_000))
    );

    let limit = "最多可填 999999999.999999 万元";
    let huge = project(2025, "XM-H", &jy.id, "1000000000", "");
    let err =
        t.db.write(&actor(), |ctx| {
            jixiao_core::projects::create_project(ctx, &huge)
        })
        .expect_err("too large")
        .to_string();
    assert!(err.contains(limit), "{err}");
    write_xlsx(
        &file,
        &[PROJECT_HEADERS.to_vec(), row("XM-H", "1000000000")],
    );
    let problems = rejected(import_projects(&t.db, &actor(), &file).expect_err("too large"));
    assert!(
        has(&problems, 2, "年初预算数（万元）", limit),
        "{problems:?}"
    );
}
