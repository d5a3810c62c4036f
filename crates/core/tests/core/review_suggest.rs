//! 推荐指标: last year's indicators come first for a 延续 project, with last year's values; a new
//! project gets the indicators of the most alike earlier project before unrelated ones; the
//! library contributes rows with their link; 引用次数 per year.

use super::common::{actor, add_unit, indicator_row as row, temp_db};
use super::review::{good_rows, p, target, unit};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::library::{self, LibraryIndicatorInput};
use jixiao_core::org::UnitKind;
use jixiao_core::review::{self, SOURCE_LAST_YEAR, SOURCE_LIBRARY, SOURCE_SIMILAR};

#[test]
fn a_continuing_project_gets_last_years_indicators_first_with_last_years_values() {
    let t = temp_db();
    let u = unit(&t);
    let mut last = p("P1");
    last.year = 2025;
    target(&t, &u, &last, good_rows("100"), true);
    let mut other = p("P9");
    other.year = 2025;
    other.name = "城区园林绿化养护";
    target(
        &t,
        &u,
        &other,
        vec![
            row(
                Level2::Quantity,
                "绿化养护面积",
                Nature::AtLeast,
                "30",
                "万平方米",
            ),
            row(Level2::Quality, "苗木成活率", Nature::AtLeast, "95", "%"),
            row(Level2::Cost, "项目总成本", Nature::AtMost, "100", "万元"),
        ],
        true,
    );
    // 2026: the same project continues, renamed slightly, with a new code.
    let mut now = p("Q1");
    now.continuing = true;
    now.name = "2026年农村饮水安全巩固提升";
    t.db.write(&actor(), |ctx| {
        let mut input = super::common::project_input(2026, now.code, &u, "120");
        input.name = now.name.into();
        jixiao_core::projects::create_project(ctx, &input)
    })
    .expect("project");
    let list =
        t.db.read(|c| review::suggest(c, "Q1", 2026))
            .expect("suggest");
    // A row found in several places keeps 上年目标 first in its source (项目总成本 is also in the
    // similar 2025 project).
    let first: Vec<(&str, Option<&str>, &str)> = list
        .iter()
        .take(5)
        .map(|s| {
            let src = s.source.split('、').next().unwrap_or_default();
            (s.name.as_str(), s.last_value.as_deref(), src)
        })
        .collect();
    assert_eq!(
        first,
        vec![
            ("受益人数", Some("2600"), SOURCE_LAST_YEAR),
            ("水质达标率", Some("95"), SOURCE_LAST_YEAR),
            ("项目总成本", Some("100"), SOURCE_LAST_YEAR),
            ("群众饮水保障率", Some("98"), SOURCE_LAST_YEAR),
            ("服务对象满意度", Some("90"), SOURCE_LAST_YEAR),
        ]
    );
    assert!(list[0].uses >= 1);
    assert_eq!(list[2].source, "上年目标、同类项目");
    // The unrelated project's rows follow, never before last year's.
    let green = list
        .iter()
        .position(|s| s.name == "苗木成活率")
        .expect("similar row");
    assert!(green >= 5);
}

#[test]
fn a_new_project_gets_the_most_alike_projects_indicators_and_library_rows_with_their_link() {
    let t = temp_db();
    let u = unit(&t);
    let u2 = add_unit(&t.db, "102", "县住建局", UnitKind::BudgetUnit, None).id;
    let mut water = p("W1");
    water.year = 2025;
    water.name = "农村饮水工程维修养护";
    target(
        &t,
        &u,
        &water,
        vec![
            row(
                Level2::Quantity,
                "维修供水工程处数",
                Nature::AtLeast,
                "12",
                "处",
            ),
            row(Level2::Quality, "供水保证率", Nature::AtLeast, "95", "%"),
        ],
        true,
    );
    let mut green = p("G1");
    green.year = 2025;
    green.name = "城区园林绿化养护";
    target(
        &t,
        &u2,
        &green,
        vec![row(
            Level2::Quality,
            "苗木成活率",
            Nature::AtLeast,
            "95",
            "%",
        )],
        true,
    );
    t.db.write(&actor(), |ctx| {
        let cat = library::create_category(ctx, "水利")?;
        library::create_indicator(
            ctx,
            &LibraryIndicatorInput {
                category_id: cat.id,
                level1: Level2::Quality.level1(),
                level2: Level2::Quality,
                name: "农村饮水水质达标率".into(),
                explanation: "农村集中供水工程出厂水水质达标的比例".into(),
                unit: "%".into(),
                nature: Nature::AtLeast,
                reference: "≥90%".into(),
                is_core: true,
                project_kinds: String::new(),
            },
        )
    })
    .expect("library");
    let mut now = p("N1");
    now.name = "农村饮水安全巩固提升";
    let id = target(&t, &u, &now, Vec::new(), false);
    let _ = id;
    let list =
        t.db.read(|c| review::suggest(c, "N1", 2026))
            .expect("suggest");
    let pos = |n: &str| list.iter().position(|s| s.name == n);
    let repair = pos("维修供水工程处数").expect("similar project row");
    assert_eq!(list[repair].source, SOURCE_SIMILAR);
    assert_eq!(list[repair].last_value.as_deref(), Some("12"));
    if let Some(g) = pos("苗木成活率") {
        assert!(repair < g, "{list:?}");
    }
    let lib = &list[pos("农村饮水水质达标率").expect("library row")];
    assert_eq!(lib.source, SOURCE_LIBRARY);
    assert!(lib.library_id.is_some());
    assert_eq!(lib.reference, "≥90%");
    assert!(list.iter().all(|s| s.source != SOURCE_LAST_YEAR));
}

#[test]
fn library_uses_count_the_years_rows_by_link_or_name() {
    let t = temp_db();
    let u = unit(&t);
    let lib =
        t.db.write(&actor(), |ctx| {
            let cat = library::create_category(ctx, "水利")?;
            library::create_indicator(
                ctx,
                &LibraryIndicatorInput {
                    category_id: cat.id,
                    level1: Level2::Quality.level1(),
                    level2: Level2::Quality,
                    name: "水质达标率".into(),
                    explanation: String::new(),
                    unit: "%".into(),
                    nature: Nature::AtLeast,
                    reference: String::new(),
                    is_core: false,
                    project_kinds: String::new(),
                },
            )
        })
        .expect("library");
    target(&t, &u, &p("P1"), good_rows("100"), false);
    let mut b = p("P2");
    b.name = "城区供水";
    target(&t, &u, &b, good_rows("100"), false);
    let mut c25 = p("P3");
    c25.year = 2025;
    target(&t, &u, &c25, good_rows("100"), false);
    let uses = t.db.read(|c| review::library_uses(c, 2026)).expect("uses");
    assert_eq!(uses, vec![(lib.id.clone(), 2)]);
}
