//! 指标库: the shipped starter, categories, indicator CRUD and validation, the paged list, 案例,
//! and Excel import/export (round trip, merged cells, whole-file refusal).

use super::common::{actor, temp_db, TempDb};
use jixiao_core::db::Db;
use jixiao_core::exchange::ImportReport;
use jixiao_core::indicator::{Level1, Level2, Nature};
use jixiao_core::library::{
    self, create_category, create_indicator, delete_category, delete_indicator, find_indicator,
    get_case, install_starter, install_starter_from, list_cases, list_categories, list_indicators,
    parse_starter, rename_category, update_indicator, IndicatorCategory, LibraryIndicator,
    LibraryIndicatorInput, LibraryQuery, LIBRARY_HEADERS, STARTER_JSON,
};
use jixiao_core::{system, Error, ErrorCode, FieldProblem};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Two categories, four indicators, one case: small enough to state every figure.
const SMALL: &str = r#"{"format":1,"categories":["教育","农业农村"],
 "indicators":[
  {"category":"教育","level1":"产出指标","level2":"数量指标","name":"资助学生人数","explanation":"当年资助的学生人次","unit":"人次","nature":"≥","reference":"≥1000","is_core":true,"project_kinds":["补助类","民生类"]},
  {"category":"教育","level1":"产出指标","level2":"质量指标","name":"校舍验收合格率","explanation":"验收合格面积/竣工面积","unit":"%","nature":"=","reference":"100%","is_core":false,"project_kinds":[]},
  {"category":"教育","level1":"效益指标","level2":"社会效益指标","name":"GDP Share of Education","explanation":"教育支出占比","unit":"%","nature":"≥","reference":"4","is_core":false,"project_kinds":[]},
  {"category":"农业农村","level1":"满意度指标","level2":"服务对象满意度指标","name":"农户满意度","explanation":"抽样调查满意人数/调查人数","unit":"%","nature":"≥","reference":"≥90%","is_core":true,"project_kinds":["补助类"]}],
 "cases":[{"category":"教育","title":"学生资助项目","project_example":"家庭经济困难学生资助","overall_goal":"应助尽助。",
   "indicators":[
    {"level1":"产出指标","level2":"数量指标","name":"资助学生人数","nature":"≥","value":"1,200","unit":"人次","weight":30},
    {"level1":"产出指标","level2":"质量指标","name":"资助准确率","nature":"区间","value":"95~100","unit":"%","weight":20},
    {"level1":"效益指标","level2":"社会效益指标","name":"因贫辍学情况","nature":"定性","value":"明显减少","unit":""},
    {"level1":"满意度","level2":"满意度","name":"学生满意度","nature":">=","value":"90","unit":"%","weight":10}]}]}"#;

/// (seq, name, nature, value, value_high, value_text, weight_cp) of a case row.
type CaseRow<'a> = (
    i32,
    &'a str,
    Nature,
    &'a str,
    Option<&'a str>,
    &'a str,
    Option<i64>,
);
/// (分类, 一级, 二级, 三级指标, 性质, 参考值, 核心) of a library row.
type Key = (String, Level1, Level2, String, Nature, String, bool);

fn small_db() -> TempDb {
    let t = temp_db();
    t.db.write(&actor(), |ctx| install_starter_from(ctx, SMALL))
        .expect("small starter");
    t
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn count(db: &Db, sql: &str) -> i64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .expect("count")
}

fn audit_rows(db: &Db) -> i64 {
    count(db, "SELECT COUNT(*) FROM audit_log")
}

fn categories(db: &Db) -> Vec<IndicatorCategory> {
    db.read(list_categories).expect("categories")
}

fn category(db: &Db, name: &str) -> IndicatorCategory {
    categories(db)
        .into_iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("no category {name}"))
}

fn all(db: &Db) -> Vec<LibraryIndicator> {
    db.read(|c| list_indicators(c, &LibraryQuery::default()))
        .expect("list")
        .rows
}

fn input(category_id: &str, l1: Level1, l2: Level2, name: &str) -> LibraryIndicatorInput {
    LibraryIndicatorInput {
        category_id: category_id.into(),
        level1: l1,
        level2: l2,
        name: name.into(),
        explanation: "说明".into(),
        unit: "%".into(),
        nature: Nature::AtLeast,
        reference: "≥95%".into(),
        is_core: false,
        project_kinds: String::new(),
    }
}

fn rejected(e: Error) -> Vec<FieldProblem> {
    match e {
        Error::Rejected(p) => p,
        other => panic!("expected Error::Rejected, got {other:?}"),
    }
}

fn has(problems: &[FieldProblem], row: u32, column: &str, needle: &str) -> bool {
    problems
        .iter()
        .any(|p| p.row == row && p.column == column && p.message.contains(needle))
}

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

// ---- the shipped starter ----

#[test]
fn the_shipped_starter_has_16_categories_300_indicators_and_a_case_in_every_category() {
    let starter = parse_starter(STARTER_JSON).expect("the shipped starter has no problems");
    assert_eq!(starter.categories.len(), 16);
    assert!(
        starter.indicators.len() >= 300,
        "{} indicators",
        starter.indicators.len()
    );
    assert!(starter.cases.len() >= 20, "{} cases", starter.cases.len());

    let t = temp_db();
    let report =
        t.db.write(&actor(), install_starter)
            .expect("installs cleanly");
    assert!(report.installed);
    assert_eq!(report.categories, 16);
    let stats = t.db.read(library::stats).expect("stats");
    assert_eq!(stats.categories, 16);
    assert_eq!(stats.indicators as usize, starter.indicators.len());
    assert_eq!(stats.cases as usize, starter.cases.len());
    assert!(stats.core > 0, "some indicators are 核心指标");
    for c in categories(&t.db) {
        assert!(c.case_count >= 1, "category {} has no case", c.name);
        assert!(
            c.indicator_count >= 1,
            "category {} has no indicator",
            c.name
        );
    }
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM library_indicator WHERE source <> '内置'"
        ),
        0
    );
    // Every case row reads back (levels, natures, values all valid).
    for k in t.db.read(|c| list_cases(c, None)).expect("cases") {
        let d = t.db.read(|c| get_case(c, &k.id)).expect("case");
        assert!(!d.indicators.is_empty(), "case {} has rows", k.title);
    }
}

#[test]
fn the_starter_is_installed_once_with_one_audit_row() {
    let t = small_db();
    let stats = t.db.read(library::stats).expect("stats");
    assert_eq!(
        (stats.categories, stats.indicators, stats.core, stats.cases),
        (2, 4, 2, 1)
    );
    assert_eq!(audit_rows(&t.db), 1);
    let summary: String =
        t.db.read(|c| Ok(c.query_row("SELECT summary FROM audit_log", [], |r| r.get(0))?))
            .expect("audit");
    assert_eq!(summary, "载入内置指标库：2 个分类、4 个指标、1 个案例");

    let again =
        t.db.write(&actor(), |ctx| install_starter_from(ctx, SMALL))
            .expect("second install");
    assert!(!again.installed);
    assert_eq!(t.db.read(library::stats).expect("stats"), stats);
    assert_eq!(audit_rows(&t.db), 1);

    // Categories ordered as the file lists them; project kinds joined with 、.
    let names: Vec<String> = categories(&t.db).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["教育", "农业农村"]);
    let row = all(&t.db)
        .into_iter()
        .find(|r| r.name == "资助学生人数")
        .expect("row");
    assert_eq!(row.project_kinds, "补助类、民生类");
    assert_eq!(row.source, "内置");
    assert!(row.is_core);
}

#[test]
fn a_case_keeps_its_rows_in_order_with_ranges_split_and_points_as_centi_points() {
    let t = small_db();
    let cases = t.db.read(|c| list_cases(c, None)).expect("cases");
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0].category_name, "教育");
    assert_eq!(cases[0].indicator_count, 4);
    let d = t.db.read(|c| get_case(c, &cases[0].id)).expect("case");
    assert_eq!(d.case.overall_goal, "应助尽助。");
    let rows: Vec<CaseRow> = d
        .indicators
        .iter()
        .map(|r| {
            (
                r.seq,
                r.name.as_str(),
                r.nature,
                r.value.as_str(),
                r.value_high.as_deref(),
                r.value_text.as_str(),
                r.weight_cp,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                1,
                "资助学生人数",
                Nature::AtLeast,
                "1200",
                None,
                "1200",
                Some(3000)
            ),
            (
                2,
                "资助准确率",
                Nature::Range,
                "95",
                Some("100"),
                "95-100",
                Some(2000)
            ),
            (
                3,
                "因贫辍学情况",
                Nature::Qualitative,
                "明显减少",
                None,
                "明显减少",
                None
            ),
            (
                4,
                "学生满意度",
                Nature::AtLeast,
                "90",
                None,
                "90",
                Some(1000)
            ),
        ]
    );
    assert_eq!(d.indicators[3].level2, Level2::ServiceSatisfaction);
    let other = category(&t.db, "农业农村");
    assert!(t
        .db
        .read(|c| list_cases(c, Some(&other.id)))
        .expect("cases")
        .is_empty());

    t.db.write(&actor(), |ctx| library::delete_case(ctx, &cases[0].id))
        .expect("delete case");
    assert!(t
        .db
        .read(|c| list_cases(c, None))
        .expect("cases")
        .is_empty());
    assert_eq!(category(&t.db, "教育").case_count, 0);
}

#[test]
fn a_bad_starter_is_refused_naming_every_bad_row() {
    let bad = r#"{"format":1,"categories":["教育"],
      "indicators":[
        {"category":"教育","level1":"产出指标","level2":"经济效益指标","name":"甲","nature":"≥"},
        {"category":"卫生","level1":"产出指标","level2":"数量指标","name":"乙","nature":"大约"}],
      "cases":[{"category":"教育","title":"案例","indicators":[
        {"level1":"产出","level2":"数量","name":"丙","nature":"区间","value":"95","weight":120}]}]}"#;
    let problems = rejected(parse_starter(bad).expect_err("refused"));
    let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    let joined = text.join("\n");
    assert!(joined.contains("指标第1条「甲」"), "{joined}");
    assert!(
        joined.contains("「经济效益指标」不属于「产出指标」"),
        "{joined}"
    );
    assert!(
        joined.contains("指标分类『卫生』不在分类列表中"),
        "{joined}"
    );
    assert!(joined.contains("指标性质『大约』"), "{joined}");
    assert!(joined.contains("分值 120"), "{joined}");
    assert!(joined.contains("区间指标值应写成"), "{joined}");

    let t = temp_db();
    assert!(t
        .db
        .write(&actor(), |ctx| install_starter_from(ctx, bad))
        .is_err());
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM indicator_category"), 0);
    assert_eq!(audit_rows(&t.db), 0);
}

#[test]
fn first_start_installs_the_starter_on_a_blank_and_on_a_demo_database() {
    for demo in [false, true] {
        let t = temp_db();
        system::first_start(
            &t.db,
            &system::FirstStartInput {
                login: "admin".into(),
                name: "张三".into(),
                dept: "信息股".into(),
                password: "Admin2026".into(),
                load_demo: demo,
            },
        )
        .expect("first start");
        let stats = t.db.read(library::stats).expect("stats");
        assert_eq!(stats.categories, 16, "demo = {demo}");
        assert!(stats.cases > 0);
        // Opening the app again does not install a second time.
        let again = library::ensure_starter(&t.db).expect("ensure");
        assert!(!again.installed);
    }
}

#[test]
fn a_database_from_an_earlier_version_gets_the_starter_when_the_app_opens() {
    let t = temp_db();
    assert!(
        !library::ensure_starter(&t.db)
            .expect("before first start")
            .installed
    );
    // An older database's operator became its administrator (migration 0008).
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "INSERT INTO account (id, login, name, roles, created_at, updated_at)
             VALUES ('a1', 'admin', '李四', '[\"系统管理员\"]', '2026-01-01', '2026-01-01')",
            [],
        )?;
        Ok(())
    })
    .expect("account");
    let r = library::ensure_starter(&t.db).expect("ensure");
    assert!(r.installed);
    assert_eq!(r.categories, 16);
    let who: String =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT operator_name FROM audit_log WHERE entity = 'library'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("audit");
    assert_eq!(who, "系统");
}

// ---- categories ----

#[test]
fn categories_count_their_indicators_and_cases_and_refuse_delete_while_used() {
    let t = small_db();
    let edu = category(&t.db, "教育");
    assert_eq!((edu.indicator_count, edu.case_count), (3, 1));
    let agri = category(&t.db, "农业农村");
    assert_eq!((agri.indicator_count, agri.case_count), (1, 0));

    let e =
        t.db.write(&actor(), |ctx| delete_category(ctx, &agri.id))
            .expect_err("still has an indicator");
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert!(e.to_string().contains("还有 1 个指标、0 个案例"), "{e}");

    let dup =
        t.db.write(&actor(), |ctx| create_category(ctx, " 教育 "))
            .expect_err("duplicate name");
    assert_eq!(dup.to_string(), "已有指标分类「教育」，请换一个分类名称");
    let empty =
        t.db.write(&actor(), |ctx| create_category(ctx, "  "))
            .expect_err("empty");
    assert_eq!(empty.to_string(), "『分类名称』不能为空");

    let new =
        t.db.write(&actor(), |ctx| create_category(ctx, "林业草原"))
            .expect("create");
    assert_eq!(new.sort, 3);
    let renamed =
        t.db.write(&actor(), |ctx| rename_category(ctx, &new.id, "林业和草原"))
            .expect("rename");
    assert_eq!(renamed.name, "林业和草原");
    t.db.write(&actor(), |ctx| delete_category(ctx, &new.id))
        .expect("an empty category is deleted");
    let names: Vec<String> = categories(&t.db).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["教育", "农业农村"]);
    // 3 changes + the starter row.
    assert_eq!(audit_rows(&t.db), 4);
}

// ---- indicators ----

#[test]
fn the_form_refuses_a_level2_outside_its_level1_an_empty_name_and_a_duplicate() {
    let t = small_db();
    let edu = category(&t.db, "教育");
    let before = audit_rows(&t.db);

    let e =
        t.db.write(&actor(), |ctx| {
            create_indicator(
                ctx,
                &input(&edu.id, Level1::Output, Level2::Economic, "带动就业"),
            )
        })
        .expect_err("二级 not under 一级");
    assert_eq!(e.code(), ErrorCode::Invalid);
    assert!(
        e.to_string()
            .starts_with("『二级指标』「经济效益指标」不属于「产出指标」"),
        "{e}"
    );
    assert!(e
        .to_string()
        .contains("数量指标、质量指标、时效指标、成本指标"));

    let e =
        t.db.write(&actor(), |ctx| {
            create_indicator(ctx, &input(&edu.id, Level1::Output, Level2::Quantity, " "))
        })
        .expect_err("name required");
    assert_eq!(e.problems()[0].column, "三级指标");

    let e =
        t.db.write(&actor(), |ctx| {
            create_indicator(ctx, &input("nope", Level1::Output, Level2::Quantity, "甲"))
        })
        .expect_err("category required");
    assert_eq!(e.problems()[0].column, "指标分类");

    let e =
        t.db.write(&actor(), |ctx| {
            create_indicator(
                ctx,
                &input(&edu.id, Level1::Output, Level2::Quantity, " 资助学生人数 "),
            )
        })
        .expect_err("duplicate key");
    assert_eq!(e.code(), ErrorCode::Conflict);
    assert_eq!(
        e.to_string(),
        "「教育」分类的「产出指标 › 数量指标」下已有三级指标「资助学生人数」，请换一个名称"
    );
    assert_eq!(audit_rows(&t.db), before, "refusals change nothing");

    // The same name under another 二级, or in another category, is a different indicator.
    let agri = category(&t.db, "农业农村");
    for (cat, l2) in [(&edu.id, Level2::Quality), (&agri.id, Level2::Quantity)] {
        t.db.write(&actor(), |ctx| {
            create_indicator(ctx, &input(cat, Level1::Output, l2, "资助学生人数"))
        })
        .expect("different key");
    }
}

#[test]
fn create_update_and_delete_are_audited_and_a_deleted_name_can_be_reused() {
    let t = small_db();
    let edu = category(&t.db, "教育");
    let created =
        t.db.write(&actor(), |ctx| {
            create_indicator(
                ctx,
                &input(&edu.id, Level1::Benefit, Level2::Ecological, " 绿化覆盖率 "),
            )
        })
        .expect("create");
    assert_eq!(created.name, "绿化覆盖率");
    assert_eq!(created.source, "新建");
    assert_eq!(created.category_name, "教育");

    let mut changed = input(
        &edu.id,
        Level1::Benefit,
        Level2::Ecological,
        "校园绿化覆盖率",
    );
    changed.is_core = true;
    changed.nature = Nature::Range;
    changed.reference = "30-40".into();
    let updated =
        t.db.write(&actor(), |ctx| update_indicator(ctx, &created.id, &changed))
            .expect("update");
    assert_eq!(
        (updated.name.as_str(), updated.is_core, updated.nature),
        ("校园绿化覆盖率", true, Nature::Range)
    );
    // Saving a row unchanged is not a conflict with itself.
    t.db.write(&actor(), |ctx| update_indicator(ctx, &created.id, &changed))
        .expect("same key, same row");

    t.db.write(&actor(), |ctx| delete_indicator(ctx, &created.id))
        .expect("delete");
    assert!(all(&t.db).iter().all(|r| r.id != created.id));
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM library_indicator WHERE deleted_at IS NOT NULL"
        ),
        1,
        "soft delete"
    );
    let e =
        t.db.read(|c| library::get_indicator(c, &created.id))
            .expect_err("gone");
    assert_eq!(e.code(), ErrorCode::NotFound);
    t.db.write(&actor(), |ctx| create_indicator(ctx, &changed))
        .expect("the key is free again");

    let actions: Vec<String> =
        t.db.read(|c| {
            let mut s = c.prepare(
                "SELECT action FROM audit_log WHERE entity = 'library_indicator' ORDER BY rowid",
            )?;
            let rows = s
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
        .expect("audit");
    assert_eq!(actions, ["create", "update", "update", "delete", "create"]);
}

// ---- the paged list ----

#[test]
fn the_list_filters_by_category_levels_nature_core_and_text_and_pages_on_the_server() {
    let t = small_db();
    let edu = category(&t.db, "教育");
    let q = |q: LibraryQuery| {
        let page = t.db.read(|c| list_indicators(c, &q)).expect("list");
        let names: Vec<String> = page.rows.into_iter().map(|r| r.name).collect();
        (page.total, names)
    };
    // Library order: category order, then 产出 before 效益 before 满意度, then 数量 before 质量.
    assert_eq!(
        q(LibraryQuery::default()).1,
        [
            "资助学生人数",
            "校舍验收合格率",
            "GDP Share of Education",
            "农户满意度"
        ]
    );
    assert_eq!(
        q(LibraryQuery {
            category_id: Some(edu.id.clone()),
            ..Default::default()
        })
        .0,
        3
    );
    assert_eq!(
        q(LibraryQuery {
            level1: Some(Level1::Output),
            ..Default::default()
        })
        .0,
        2
    );
    assert_eq!(
        q(LibraryQuery {
            level2: Some(Level2::Quality),
            ..Default::default()
        })
        .1,
        ["校舍验收合格率"]
    );
    assert_eq!(
        q(LibraryQuery {
            nature: Some(Nature::Equal),
            ..Default::default()
        })
        .1,
        ["校舍验收合格率"]
    );
    assert_eq!(
        q(LibraryQuery {
            core_only: true,
            ..Default::default()
        })
        .1,
        ["资助学生人数", "农户满意度"]
    );
    // Name or explanation, Latin letters case-insensitive.
    for (text, hits) in [("gdp share", 1), ("满意人数", 1), ("合格", 1), ("人", 2)] {
        assert_eq!(
            q(LibraryQuery {
                search: Some(format!(" {text} ")),
                ..Default::default()
            })
            .0,
            hits,
            "search {text}"
        );
    }
    // LIKE wildcards typed by the user match themselves only.
    assert_eq!(
        q(LibraryQuery {
            search: Some("%".into()),
            ..Default::default()
        })
        .0,
        0
    );
    // Page 2 of size 3 holds the 4th row; the total counts every match.
    assert_eq!(
        q(LibraryQuery {
            page: 2,
            page_size: 3,
            ..Default::default()
        }),
        (4, vec!["农户满意度".to_string()])
    );
}

// ---- Excel ----

#[test]
fn export_then_import_changes_nothing() {
    let t = small_db();
    let path = t.dir.path().join("library.xlsx");
    let n = t.db.read(|c| library::export(c, &path)).expect("export");
    assert_eq!(n, 4);

    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&path).expect("open");
    use calamine::Reader;
    let range = book.worksheet_range("指标库").expect("sheet");
    let header: Vec<String> = range
        .rows()
        .nth(1)
        .expect("header below the title")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, LIBRARY_HEADERS);
    let first: Vec<String> = range
        .rows()
        .nth(2)
        .expect("row")
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(
        first,
        [
            "教育",
            "产出指标",
            "数量指标",
            "资助学生人数",
            "当年资助的学生人次",
            "人次",
            "≥",
            "≥1000",
            "是"
        ]
    );

    let audit = audit_rows(&t.db);
    let r = library::import(&t.db, &actor(), &path).expect("import");
    assert_eq!(
        r,
        ImportReport {
            rows: 4,
            created: 0,
            updated: 0,
            unchanged: 4,
            ..ImportReport::default()
        }
    );
    assert_eq!(audit_rows(&t.db), audit, "nothing written");
}

#[test]
fn import_updates_by_key_inserts_new_rows_and_creates_unknown_categories() {
    let t = small_db();
    let path = t.dir.path().join("in.xlsx");
    write_xlsx(
        &path,
        &[
            vec!["2025年指标库"],
            // Any column order; 参考值 before 三级指标.
            vec![
                "是否核心指标",
                "指标分类",
                "一级指标",
                "二级指标",
                "参考值",
                "三级指标",
                "指标解释",
                "计量单位",
                "指标性质",
            ],
            // Same key as the starter row, new 参考值 → updated (适用项目类别 kept).
            vec![
                "√",
                "教育",
                "产出",
                "数量",
                "≥1500",
                "资助学生人数",
                "当年资助的学生人次",
                "人次",
                ">=",
            ],
            // New row in an existing category.
            vec![
                "",
                "教育",
                "效益指标",
                "可持续影响",
                "长期",
                "资助政策持续性",
                "",
                "",
                "定性",
            ],
            // Unknown category → created; 满意度 short forms.
            vec![
                "N",
                "林业",
                "满意度",
                "满意度",
                "≥85%",
                "护林员满意度",
                "",
                "%",
                "不低于",
            ],
        ],
    );
    let r = library::import(&t.db, &actor(), &path).expect("import");
    assert_eq!(
        r,
        ImportReport {
            rows: 3,
            created: 2,
            updated: 1,
            unchanged: 0,
            ..ImportReport::default()
        }
    );
    let forest = category(&t.db, "林业");
    assert_eq!((forest.sort, forest.indicator_count), (3, 1));
    let edu = category(&t.db, "教育");
    let row =
        t.db.read(|c| find_indicator(c, &edu.id, Level1::Output, Level2::Quantity, "资助学生人数"))
            .expect("find")
            .expect("row");
    assert_eq!(row.reference, "≥1500");
    assert_eq!(row.project_kinds, "补助类、民生类");
    assert_eq!(row.source, "内置");
    let new =
        t.db.read(|c| {
            find_indicator(
                c,
                &edu.id,
                Level1::Benefit,
                Level2::Sustainable,
                "资助政策持续性",
            )
        })
        .expect("find")
        .expect("row");
    assert_eq!(
        (new.source.as_str(), new.nature, new.is_core),
        ("导入", Nature::Qualitative, false)
    );
}

#[test]
fn a_bad_file_is_refused_whole_naming_every_row_and_column() {
    let t = small_db();
    let path = t.dir.path().join("bad.xlsx");
    write_xlsx(
        &path,
        &[
            LIBRARY_HEADERS.to_vec(),
            // Row 2 fine (it would be new).
            vec![
                "教育",
                "产出指标",
                "时效指标",
                "按时发放率",
                "",
                "%",
                "≥",
                "100%",
                "是",
            ],
            // Row 3: 二级 not under 一级.
            vec![
                "教育",
                "产出指标",
                "经济效益指标",
                "甲",
                "",
                "",
                "≥",
                "",
                "",
            ],
            // Row 4: unknown 性质, unreadable 核心.
            vec![
                "教育",
                "效益指标",
                "社会效益指标",
                "乙",
                "",
                "",
                "大约",
                "",
                "可能",
            ],
            // Row 5: no name; 一级 unknown.
            vec!["教育", "投入指标", "数量指标", "", "", "", "≥", "", ""],
            // Row 6: same key as row 2.
            vec!["教育", "产出", "时效", "按时发放率", "", "%", "≥", "", ""],
        ],
    );
    let audit = audit_rows(&t.db);
    let problems = rejected(library::import(&t.db, &actor(), &path).expect_err("refused"));
    assert!(
        has(
            &problems,
            3,
            "二级指标",
            "「经济效益指标」不属于「产出指标」"
        ),
        "{problems:?}"
    );
    assert!(has(&problems, 4, "指标性质", "『大约』"), "{problems:?}");
    assert!(
        has(&problems, 4, "是否核心指标", "『可能』"),
        "{problems:?}"
    );
    assert!(
        has(&problems, 5, "一级指标", "『投入指标』"),
        "{problems:?}"
    );
    assert!(has(&problems, 5, "三级指标", "不能为空"), "{problems:?}");
    assert!(has(&problems, 6, "三级指标", "与第2行重复"), "{problems:?}");
    assert!(!problems.iter().any(|p| p.row == 2), "{problems:?}");
    assert_eq!(audit_rows(&t.db), audit, "nothing imported");
    assert_eq!(all(&t.db).len(), 4);
}

#[test]
fn a_field_workbook_with_merged_category_and_level_cells_imports_by_filling_down() {
    let t = temp_db();
    let r = library::import(&t.db, &actor(), &fixture("library_merged_openpyxl.xlsx"))
        .expect("merged workbook imports");
    assert_eq!(
        r,
        ImportReport {
            rows: 8,
            created: 8,
            updated: 0,
            unchanged: 0,
            ..ImportReport::default()
        }
    );
    let rows: HashSet<Key> = all(&t.db)
        .into_iter()
        .map(|r| {
            (
                r.category_name,
                r.level1,
                r.level2,
                r.name,
                r.nature,
                r.reference,
                r.is_core,
            )
        })
        .collect();
    use Level1::*;
    use Level2::*;
    let expected: HashSet<Key> = [
        (
            "教育",
            Output,
            Quantity,
            "资助学生人数",
            Nature::AtLeast,
            "≥1000",
            true,
        ),
        (
            "教育",
            Output,
            Quantity,
            "新建校舍面积",
            Nature::AtLeast,
            "5000",
            false,
        ),
        (
            "教育",
            Output,
            Quality,
            "校舍验收合格率",
            Nature::Equal,
            "100%",
            true,
        ),
        (
            "教育",
            Output,
            Quality,
            "教师培训合格率",
            Nature::AtLeast,
            "≥95%",
            false,
        ),
        (
            "教育",
            Benefit,
            Social,
            "适龄儿童入学率",
            Nature::Range,
            "98-100",
            true,
        ),
        (
            "教育",
            Satisfaction,
            ServiceSatisfaction,
            "学生家长满意度",
            Nature::AtLeast,
            "≥90%",
            false,
        ),
        (
            "农业农村",
            Output,
            Timeliness,
            "项目按期完工率",
            Nature::AtLeast,
            "100%",
            false,
        ),
        (
            "农业农村",
            Output,
            Cost,
            "亩均补助标准",
            Nature::AtMost,
            "≤150",
            false,
        ),
    ]
    .into_iter()
    .map(|(c, l1, l2, n, nat, rf, core)| {
        (
            c.to_string(),
            l1,
            l2,
            n.to_string(),
            nat,
            rf.to_string(),
            core,
        )
    })
    .collect();
    assert_eq!(rows, expected);
    let names: Vec<String> = categories(&t.db).into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["教育", "农业农村"], "created in file order");

    // Importing the same workbook again changes nothing.
    let again =
        library::import(&t.db, &actor(), &fixture("library_merged_openpyxl.xlsx")).expect("again");
    assert_eq!(again.unchanged, 8);
}
