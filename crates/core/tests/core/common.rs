//! Shared helpers: a fresh database file in a temp dir, an actor, small builders.

use jixiao_core::access::{Actor, Role};
use jixiao_core::db::Db;

pub struct TempDb {
    pub db: Db,
    pub dir: tempfile::TempDir,
}

pub fn temp_db() -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("test.db")).expect("open db");
    TempDb { db, dir }
}

/// The demo county with the shipped 指标库, loaded by 张三 — a fresh copy per call.
///
/// Loading the demo takes ~14 s in a debug build and ~50 tests start from it, so it is loaded
/// once per test run into a template folder (database and any files it wrote) and each caller
/// gets a copy of that folder: the same bytes `demo` would have written, in a fraction of the time.
pub fn demo_county() -> TempDb {
    static TEMPLATE: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let template = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("template dir");
        let db = Db::open(&dir.path().join("test.db")).expect("open template");
        db.write(&actor(), |ctx| {
            jixiao_core::library::install_starter(ctx)?;
            jixiao_core::demo::generate_in(ctx, jixiao_core::demo::DEFAULT_SEED)
        })
        .expect("demo county");
        // Closing the last connection checkpoints the WAL into the file.
        drop(db);
        dir
    });
    let dir = tempfile::tempdir().expect("temp dir");
    copy_tree(template.path(), dir.path());
    let db = Db::open(&dir.path().join("test.db")).expect("open copy");
    TempDb { db, dir }
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(from).expect("read template") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// 张三 of the 绩效股: holds 绩效管理 (every business permission of the bureau).
pub fn actor() -> Actor {
    Actor::account(
        "acct-zhangsan",
        "zhangsan",
        "张三",
        "绩效股",
        vec![Role::PerfMgmt],
        None,
    )
}

/// The 系统管理员 (accounts, backup, site): no business permission.
pub fn admin() -> Actor {
    Actor::account(
        "acct-admin",
        "admin",
        "管理员",
        "信息股",
        vec![Role::SysAdmin],
        None,
    )
}

use jixiao_core::org::{self, OrgUnit, UnitInput, UnitKind};
use jixiao_core::projects::{BudgetType, NewOrContinuing, ProjectCategory, ProjectInput};

pub fn unit_input(code: &str, name: &str, kind: UnitKind, parent: Option<&str>) -> UnitInput {
    UnitInput {
        code: code.into(),
        name: name.into(),
        parent_id: parent.map(str::to_string),
        kind,
        contact: "李明".into(),
        phone: "0635-5123456".into(),
    }
}

pub fn add_unit(db: &Db, code: &str, name: &str, kind: UnitKind, parent: Option<&str>) -> OrgUnit {
    db.write(&actor(), |ctx| {
        org::create_unit(ctx, &unit_input(code, name, kind, parent))
    })
    .expect("create unit")
}

pub fn project_input(year: i32, code: &str, unit_id: &str, wan: &str) -> ProjectInput {
    ProjectInput {
        fiscal_year: year,
        code: code.into(),
        name: format!("项目{code}"),
        unit_id: unit_id.into(),
        budget_type: BudgetType::General,
        category: ProjectCategory::SpecificPurpose,
        new_or_continuing: NewOrContinuing::New,
        period_start: year,
        period_end: year,
        initial_budget_wan: wan.into(),
        adjusted_budget_wan: wan.into(),
        fund_source: "财政拨款".into(),
        is_special_bond: false,
        grade: None,
        managing_dept_id: None,
    }
}

use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::targets::IndicatorInput;

/// A 三级指标 row as the editor sends it (no weight, not from the library).
pub fn indicator_row(
    level2: Level2,
    name: &str,
    nature: Nature,
    value: &str,
    unit: &str,
) -> IndicatorInput {
    IndicatorInput {
        id: None,
        level1: level2.level1(),
        level2,
        name: name.into(),
        nature,
        value: value.into(),
        unit: unit.into(),
        weight: String::new(),
        library_id: None,
        is_core: false,
    }
}

/// A project of `wan` 万元 with an approved (二下) target of `rows`.
pub fn approved_project(
    t: &TempDb,
    year: i32,
    unit: &str,
    code: &str,
    wan: &str,
    rows: Vec<IndicatorInput>,
) {
    t.db.write(&actor(), |ctx| {
        let p = jixiao_core::projects::create_project(ctx, &project_input(year, code, unit, wan))?;
        let target = jixiao_core::targets::create_project_target(ctx, &p.id)?;
        jixiao_core::targets::save_draft(
            ctx,
            &target.id,
            &jixiao_core::targets::TargetDraft {
                overall_goal: "目标".into(),
                indicators: rows,
            },
        )?;
        jixiao_core::targets::submit_target(ctx, &target.id)?;
        jixiao_core::targets::approve_target(ctx, &target.id, "", None)
    })
    .expect("approved project");
}

/// The rows of an exported sheet below its title row, after checking that the title names the
/// export time (年度 too when `year` is given).
pub fn below_title(rows: Vec<Vec<calamine::Data>>, year: Option<i32>) -> Vec<Vec<calamine::Data>> {
    let title = rows
        .first()
        .and_then(|r| r.first())
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(title.contains("导出时间："), "title row: {title}");
    if let Some(y) = year {
        assert!(title.starts_with(&format!("{y}年度")), "title row: {title}");
    }
    rows.into_iter().skip(1).collect()
}

/// Makes `db` a township PC of unit `code` as joining from a 入网文件 would, without the file
/// (for tests of what a township PC may do, not of how it joined: see sync.rs `pair`).
pub fn as_township(db: &Db, name: &str, code: &str) {
    db.write(&Actor::system("测试"), |ctx| {
        ctx.execute(
            "UPDATE sync_local SET name = ?1, kind = '乡镇', site_id = lower(hex(randomblob(8))),
                    unit_id = (SELECT id FROM org_unit WHERE code = ?2) WHERE id = 1",
            [name, code],
        )?;
        Ok(())
    })
    .expect("township site");
}
