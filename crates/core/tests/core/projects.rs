//! Projects: validation in Chinese, exact 万元 → 分, paging/filters/totals, unique code per year.

use super::common::{actor, add_unit, project_input, temp_db};
use jixiao_core::org::UnitKind;
use jixiao_core::projects::{self, BudgetType, ProjectGrade, ProjectQuery};
use jixiao_core::Fen;

#[test]
fn amounts_typed_in_wan_are_stored_as_exact_fen() {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let mut input = project_input(2026, "P1", &u.id, "1286.5");
    input.adjusted_budget_wan = "1,300.000001".into();
    let p =
        t.db.write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect("create");
    assert_eq!(p.initial_budget, Fen(1_286_500_000));
    assert_eq!(p.adjusted_budget, Fen(1_300_000_001));
    assert_eq!(p.unit_name, "县教育局");
}

#[test]
fn invalid_project_fields_are_refused_with_the_field_name() {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let third = add_unit(&t.db, "801", "某会计师事务所", UnitKind::ThirdParty, None);
    let refuse = |input: projects::ProjectInput| {
        t.db.write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect_err("refused")
            .to_string()
    };
    let mut bad = project_input(2026, "P1", &u.id, "约五十");
    assert!(refuse(bad.clone()).contains("年初预算数（万元）"));
    bad = project_input(2026, "P1", &u.id, "10");
    bad.period_end = 2025;
    assert!(refuse(bad).contains("实施期止"));
    assert!(refuse(project_input(2026, "P1", &third.id, "10")).contains("不能承担预算项目"));
    assert!(refuse(project_input(2026, " ", &u.id, "10")).contains("项目编码"));
    let none: u32 =
        t.db.read(|c| projects::list_projects(c, &ProjectQuery::default()))
            .expect("list")
            .total;
    assert_eq!(none, 0);
}

#[test]
fn the_same_code_may_repeat_across_years_but_not_within_one() {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let create = |year, code: &str| {
        t.db.write(&actor(), |ctx| {
            projects::create_project(ctx, &project_input(year, code, &u.id, "10"))
        })
    };
    create(2025, "P1").expect("2025");
    create(2026, "P1").expect("2026 continues the project");
    let err = create(2026, "P1").expect_err("duplicate");
    assert!(err.to_string().contains("已有项目编码『P1』"), "{err}");
}

#[test]
fn list_filters_pages_and_totals_over_all_matching_rows() {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "101001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let other = add_unit(&t.db, "102", "县卫生健康局", UnitKind::Department, None);
    t.db.write(&actor(), |ctx| {
        for i in 0..30 {
            let unit = if i % 3 == 0 { &other.id } else { &school.id };
            let mut input = project_input(2026, &format!("P{i:03}"), unit, &format!("{}.5", i + 1));
            if i % 5 == 0 {
                input.budget_type = BudgetType::GovFund;
                input.grade = Some(ProjectGrade::A);
            }
            projects::create_project(ctx, &input)?;
        }
        projects::create_project(ctx, &project_input(2025, "OLD", &school.id, "999"))?;
        Ok(())
    })
    .expect("seed");
    let list = |q: ProjectQuery| t.db.read(|c| projects::list_projects(c, &q)).expect("list");

    let page2 = list(ProjectQuery {
        year: Some(2026),
        page: 2,
        page_size: 10,
        ..Default::default()
    });
    assert_eq!(page2.total, 30);
    assert_eq!(page2.rows.len(), 10);
    assert_eq!(page2.rows[0].code, "P010");
    // 1.5 + 2.5 + … + 30.5 万元 = 480 万元, over all rows, not just the page.
    assert_eq!(page2.total_adjusted, Fen::from_wan(480));

    // The department filter includes its school (subtree): 20 of the 2026 projects.
    let dept_rows = list(ProjectQuery {
        year: Some(2026),
        unit_id: Some(dept.id.clone()),
        ..Default::default()
    });
    assert_eq!(dept_rows.total, 20);

    let fund = list(ProjectQuery {
        year: Some(2026),
        budget_type: Some(BudgetType::GovFund),
        grade: Some(ProjectGrade::A),
        ..Default::default()
    });
    assert_eq!(fund.total, 6);

    let range = list(ProjectQuery {
        year: Some(2026),
        min_wan: Some("10".into()),
        max_wan: Some("20.5".into()),
        ..Default::default()
    });
    assert_eq!(range.total, 11, "10.5 … 20.5 inclusive");

    let search = list(ProjectQuery {
        search: Some("卫生健康".into()),
        ..Default::default()
    });
    assert_eq!(search.total, 10, "search matches the unit name");
    let by_code = list(ProjectQuery {
        search: Some("P02".into()),
        ..Default::default()
    });
    assert_eq!(by_code.total, 10);
    let percent = list(ProjectQuery {
        search: Some("%".into()),
        ..Default::default()
    });
    assert_eq!(percent.total, 0, "% is a literal, not a wildcard");

    let all_years = list(ProjectQuery::default());
    assert_eq!(all_years.total, 31);

    let bad = t.db.read(|c| {
        projects::list_projects(
            c,
            &ProjectQuery {
                min_wan: Some("十万".into()),
                ..Default::default()
            },
        )
    });
    assert!(bad.expect_err("refused").to_string().contains("金额下限"));
}
