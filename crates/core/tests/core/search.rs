//! 全局搜索 (Ctrl+K): 项目 by code or a fragment of the name, 单位, 目标 through their project,
//! 整改事项; kept current by the index's triggers; a 单位填报 account finds only its own subtree.

use super::common::{
    actor, add_unit, approved_project, indicator_row as row, project_input, temp_db,
};
use jixiao_core::access::{Actor, Role};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::org::UnitKind;
use jixiao_core::projects;
use jixiao_core::search::{search, SearchGroup};

fn found(groups: &[SearchGroup], kind: &str) -> Vec<String> {
    groups
        .iter()
        .filter(|g| g.kind == kind)
        .flat_map(|g| g.hits.iter().map(|h| h.code.clone()))
        .collect()
}

#[test]
fn finds_projects_units_and_targets_by_code_and_name_fragment_within_scope() {
    let t = temp_db();
    let edu = add_unit(&t.db, "201", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "201001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&edu.id),
    );
    let farm = add_unit(&t.db, "301", "县农业农村局", UnitKind::Department, None);
    let mut meal = project_input(2026, "2026-JY-001", &school.id, "100");
    meal.name = "义务教育营养改善计划".into();
    let mut field = project_input(2026, "2026-NY-007", &farm.id, "300");
    field.name = "高标准农田建设".into();
    t.db.write(&actor(), |ctx| {
        projects::create_project(ctx, &meal)?;
        projects::create_project(ctx, &field)
    })
    .expect("projects");
    let bureau = actor();
    let run = |who: &Actor, text: &str| t.db.read(|c| search(c, who, text)).expect("search");

    // By exact code, by a fragment of the name (3+ characters: FTS5 trigram), by two characters.
    assert_eq!(found(&run(&bureau, "2026-NY-007"), "项目"), ["2026-NY-007"]);
    assert_eq!(found(&run(&bureau, "营养改善"), "项目"), ["2026-JY-001"]);
    assert_eq!(found(&run(&bureau, "农田"), "项目"), ["2026-NY-007"]);
    assert_eq!(found(&run(&bureau, "第一中学"), "单位"), ["201001"]);
    assert!(run(&bureau, "   ").is_empty());
    assert!(run(&bureau, "不存在的项目名").is_empty());

    // Renaming moves the index along (triggers), deleting drops it.
    let p =
        t.db.read(|c| projects::find_project_by_code(c, 2026, "2026-NY-007"))
            .expect("read")
            .expect("project");
    let mut renamed = field.clone();
    renamed.name = "高标准农田提质改造".into();
    t.db.write(&actor(), |ctx| {
        projects::update_project(ctx, &p.id, &renamed)
    })
    .expect("rename");
    assert_eq!(found(&run(&bureau, "提质改造"), "项目"), ["2026-NY-007"]);
    t.db.write(&actor(), |ctx| projects::delete_project(ctx, &p.id))
        .expect("delete");
    assert!(found(&run(&bureau, "提质改造"), "项目").is_empty());

    // A 单位填报 account of the 教育局 finds its school's project, not the farm bureau's.
    let filler = Actor::account(
        "acct-filler",
        "edu",
        "填报员",
        "县教育局",
        vec![Role::UnitFiller],
        Some(edu.id.clone()),
    );
    assert_eq!(found(&run(&filler, "2026-JY"), "项目"), ["2026-JY-001"]);
    assert!(found(&run(&filler, "农业"), "单位").is_empty());
    assert!(found(&run(&filler, "301"), "单位").is_empty());
    assert_eq!(found(&run(&filler, "中学"), "单位"), ["201001"]);
}

#[test]
fn finds_a_target_through_its_project() {
    let t = temp_db();
    let unit = add_unit(&t.db, "201", "县教育局", UnitKind::Department, None);
    approved_project(
        &t,
        2026,
        &unit.id,
        "2026-JY-009",
        "100",
        vec![
            row(
                Level2::Quantity,
                "改造校舍面积",
                Nature::AtLeast,
                "5000",
                "平方米",
            ),
            row(
                Level2::ServiceSatisfaction,
                "师生满意度",
                Nature::AtLeast,
                "90",
                "%",
            ),
        ],
    );
    let groups =
        t.db.read(|c| search(c, &actor(), "2026-JY-009"))
            .expect("search");
    assert_eq!(found(&groups, "项目"), ["2026-JY-009"]);
    let targets: Vec<(String, String)> = groups
        .iter()
        .filter(|g| g.kind == "目标")
        .flat_map(|g| g.hits.iter().map(|h| (h.code.clone(), h.detail.clone())))
        .collect();
    assert_eq!(
        targets,
        [("2026-JY-009".to_string(), "2026年度 · 二下".to_string())]
    );
}
