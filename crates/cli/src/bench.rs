//! `jixiao-cli bench`: builds a temporary database with the demo county plus N projects and
//! times the projects-list queries the UI runs (first page, search, unit subtree, amount range).
//! A benchmark, not a test: it prints figures and asserts nothing.

use crate::output::Out;
use jixiao_core::db::Db;
use jixiao_core::operator::Actor;
use jixiao_core::org::{self, UnitKind};
use jixiao_core::projects::{
    self, BudgetType, NewOrContinuing, ProjectCategory, ProjectInput, ProjectQuery,
};
use jixiao_core::{demo, Result};
use serde::Serialize;
use std::time::Instant;

#[derive(Serialize)]
struct Timing {
    query: &'static str,
    matched: u32,
    median_ms: f64,
    max_ms: f64,
}

pub fn run(extra_projects: u32, out: &Out) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-{}", std::process::id()));
    let path = dir.join("bench.db");
    let _ = std::fs::remove_dir_all(&dir);
    let db = Db::open(&path)?;
    let actor = Actor::system("基准测试");
    demo::generate(&db, &actor, demo::DEFAULT_SEED)?;

    let units: Vec<_> = db
        .read(org::list_units)?
        .into_iter()
        .filter(|u| u.kind.owns_projects())
        .collect();
    let started = Instant::now();
    db.write(&actor, |ctx| {
        for i in 0..extra_projects {
            let unit = &units[i as usize % units.len()];
            let input = ProjectInput {
                fiscal_year: 2026,
                code: format!("B{i:06}"),
                name: format!("基准项目{i}号 {}专项", unit.name),
                unit_id: unit.id.clone(),
                budget_type: BudgetType::ALL[i as usize % 4],
                category: ProjectCategory::SpecificPurpose,
                new_or_continuing: NewOrContinuing::Continuing,
                period_start: 2026,
                period_end: 2026,
                initial_budget_wan: format!("{}.{:02}", 5 + (i * 37) % 3000, i % 100),
                adjusted_budget_wan: format!("{}.{:02}", 5 + (i * 37) % 3000, i % 100),
                fund_source: "财政拨款".into(),
                is_special_bond: false,
                grade: None,
                managing_dept_id: None,
            };
            projects::create_project(ctx, &input)?;
        }
        Ok(())
    })?;
    let insert_ms = started.elapsed().as_secs_f64() * 1000.0;

    let dept = units
        .iter()
        .find(|u| u.kind == UnitKind::Department)
        .map(|u| u.id.clone());
    let page = |q: ProjectQuery| ProjectQuery {
        year: Some(2026),
        page: 1,
        page_size: 50,
        ..q
    };
    let cases: Vec<(&'static str, ProjectQuery)> = vec![
        ("首页（无筛选）", page(ProjectQuery::default())),
        (
            "搜索『教育』",
            page(ProjectQuery {
                search: Some("教育".into()),
                ..Default::default()
            }),
        ),
        (
            "按主管部门及下级单位",
            page(ProjectQuery {
                unit_id: dept,
                ..Default::default()
            }),
        ),
        (
            "金额 100–500 万元",
            page(ProjectQuery {
                min_wan: Some("100".into()),
                max_wan: Some("500".into()),
                ..Default::default()
            }),
        ),
        (
            "预算类型+类别+末页",
            ProjectQuery {
                budget_type: Some(BudgetType::GovFund),
                category: Some(ProjectCategory::SpecificPurpose),
                ..page(ProjectQuery {
                    page: 20,
                    ..Default::default()
                })
            },
        ),
    ];
    let mut timings = Vec::new();
    for (name, q) in cases {
        let mut ms = Vec::new();
        let mut matched = 0;
        for _ in 0..25 {
            let t = Instant::now();
            matched = db.read(|c| projects::list_projects(c, &q))?.total;
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        ms.sort_by(f64::total_cmp);
        timings.push(Timing {
            query: name,
            matched,
            median_ms: ms[ms.len() / 2],
            max_ms: ms[ms.len() - 1],
        });
    }
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);

    let report = serde_json::json!({ "extra_projects": extra_projects, "insert_ms": insert_ms, "list_queries": timings });
    let mut text =
        format!("插入 {extra_projects} 个项目（一个事务，含校验和操作日志）：{insert_ms:.0} ms\n");
    for t in &timings {
        text.push_str(&format!(
            "{}：命中 {} 行，中位数 {:.2} ms，最大 {:.2} ms\n",
            t.query, t.matched, t.median_ms, t.max_ms
        ));
    }
    out.value(&report, text.trim_end())
}
