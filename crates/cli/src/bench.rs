//! `jixiao-cli bench`: builds a temporary database with the demo county plus N projects and
//! times the projects-list queries the UI runs (first page, search, unit subtree, amount range),
//! then fills the 指标库 up to M indicators and times the library list (search, filters, paging).
//! Last, the kill test with K kills (`bench_kills`).
//! A benchmark, not a test: it prints figures and asserts nothing.

use crate::output::Out;
use jixiao_core::access::Actor;
use jixiao_core::db::Db;
use jixiao_core::indicator::{Level1, Level2, Nature};
use jixiao_core::library::{LibraryIndicatorInput, LibraryQuery};
use jixiao_core::org::{self, UnitKind};
use jixiao_core::projects::{
    self, BudgetType, NewOrContinuing, ProjectCategory, ProjectInput, ProjectQuery,
};
use jixiao_core::targets::{self, TargetQuery};
use jixiao_core::{demo, library, Result};
use serde::Serialize;
use std::time::Instant;

#[derive(Serialize)]
struct Timing {
    query: &'static str,
    matched: u32,
    median_ms: f64,
    max_ms: f64,
}

/// `kills`: the kill test's number of kills, `None` to skip it.
pub fn run(extra_projects: u32, indicators: u32, kills: Option<u32>, out: &Out) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-{}", std::process::id()));
    let path = dir.join("bench.db");
    let _ = std::fs::remove_dir_all(&dir);
    let db = Db::open(&path)?;
    let actor = Actor::system("基准测试");
    db.write(&actor, |ctx| {
        library::install_starter(ctx)?;
        demo::generate_in(ctx, demo::DEFAULT_SEED)
    })?;

    let (units, insert_ms) = insert_projects(&db, &actor, extra_projects)?;

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
        timings.push(time(name, || {
            Ok(db.read(|c| projects::list_projects(c, &q))?.total)
        })?);
    }
    let target_timings = bench_targets(&db)?;
    let (monitoring_setup_ms, monitoring_timings) = bench_monitoring(&db, &actor, 3000)?;
    let (library_insert_ms, library_total, library_timings) =
        bench_library(&db, &actor, indicators)?;
    let docs = crate::bench_docs::run(&db, &actor, 2025, 500)?;
    let hostile = crate::bench_hostile::run(&dir.join("hostile"), &db, &actor)?;
    let (review_json, review_text) = crate::bench_review::run(&db, 2026)?;
    let (reports_json, reports_text) = crate::bench_reports::run(&path, &db, 2026)?;
    drop(db);
    let sync = crate::bench_sync::run(&dir.join("sync"), 100, 1000, 10)?;
    let _ = std::fs::remove_dir_all(&dir);
    let (kill_json, kill_text) = crate::bench_kills::run(kills)?;

    let report = serde_json::json!({
        "extra_projects": extra_projects,
        "insert_ms": insert_ms,
        "list_queries": timings,
        "target_queries": target_timings,
        "monitoring_setup_ms": monitoring_setup_ms,
        "monitoring_queries": monitoring_timings,
        "library_indicators": library_total,
        "library_insert_ms": library_insert_ms,
        "library_queries": library_timings,
        "documents": {
            "fonts_ms": docs.fonts_ms,
            "issued": docs.issued,
            "issue_median_ms": docs.issue_median_ms,
            "max_letter_bytes": docs.max_letter_bytes,
            "batch_letters": docs.batch_letters,
            "batch_ms": docs.batch_ms,
            "batch_bytes": docs.batch_bytes,
        },
        "sync": sync_json(&sync),
        "hostile": crate::bench_hostile::json(&hostile),
        "review": review_json,
        "reports": reports_json,
        "kill_test": kill_json,
    });
    let mut text =
        format!("插入 {extra_projects} 个项目（一个事务，含校验和操作日志）：{insert_ms:.0} ms\n");
    let line = |t: &Timing| {
        format!(
            "{}：命中 {} 行，中位数 {:.2} ms，最大 {:.2} ms\n",
            t.query, t.matched, t.median_ms, t.max_ms
        )
    };
    for t in &timings {
        text.push_str(&line(t));
    }
    text.push_str("绩效目标（全部 2026 年项目，含无目标的）：\n");
    for t in &target_timings {
        text.push_str(&line(t));
    }
    text.push_str(&format!(
        "运行监控（3000 个已批复目标，开启轮次并填报，用时 {monitoring_setup_ms:.0} ms）：\n"
    ));
    for t in &monitoring_timings {
        text.push_str(&line(t));
    }
    text.push_str(&format!(
        "指标库共 {library_total} 个指标（补足用时 {library_insert_ms:.0} ms），每页 50 行：\n"
    ));
    for t in &library_timings {
        text.push_str(&line(t));
    }
    text.push_str(&format!(
        "公文：载入字体 {:.0} ms；逐份印发反馈意见函 {} 份（起草+文号+排版+入库），中位数 {:.1} ms，最大 {} KB；{} 份合成一个 PDF 用时 {:.2} s，{:.1} MB（每份约 {} KB）\n",
        docs.fonts_ms,
        docs.issued,
        docs.issue_median_ms,
        docs.max_letter_bytes / 1024,
        docs.batch_letters,
        docs.batch_ms / 1000.0,
        docs.batch_bytes as f64 / 1_048_576.0,
        docs.batch_bytes / docs.batch_letters.max(1) / 1024
    ));
    text.push_str(&review_text);
    text.push_str(&reports_text);
    text.push_str(&sync_text(&sync));
    text.push_str(&crate::bench_hostile::text(&hostile));
    text.push_str(&kill_text);
    out.value(&report, text.trim_end())
}

/// Adds `n` 2026 projects spread over the units (one transaction); returns the units and the ms.
fn insert_projects(
    db: &Db,
    actor: &Actor,
    extra_projects: u32,
) -> Result<(Vec<org::OrgUnit>, f64)> {
    let units: Vec<_> = db
        .read(org::list_units)?
        .into_iter()
        .filter(|u| u.kind.owns_projects())
        .collect();
    let started = Instant::now();
    db.write(actor, |ctx| {
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
    Ok((units, insert_ms))
}

/// `bench --reports-only`: the demo county plus `n` projects with approved targets monitored in
/// one round (the county-size year), then the 统计分析 section alone.
pub fn run_reports_only(n: u32, out: &Out) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-reports-{}", std::process::id()));
    let path = dir.join("bench.db");
    let _ = std::fs::remove_dir_all(&dir);
    let db = Db::open(&path)?;
    let actor = Actor::system("基准测试");
    db.write(&actor, |ctx| {
        library::install_starter(ctx)?;
        demo::generate_in(ctx, demo::DEFAULT_SEED)
    })?;
    insert_projects(&db, &actor, n)?;
    bench_monitoring(&db, &actor, n as usize)?;
    let r = crate::bench_reports::run(&path, &db, 2026);
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    let (json, text) = r?;
    out.value(&json, text.trim_end())
}

/// `bench --hostile-only`: the hostile-file section alone, on an empty database.
pub fn run_hostile_only(out: &Out) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let db = Db::open(&dir.join("bench.db"))?;
    let actor = Actor::system("基准测试");
    let h = crate::bench_hostile::run(&dir.join("files"), &db, &actor);
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
    let h = h?;
    out.value(
        &crate::bench_hostile::json(&h),
        crate::bench_hostile::text(&h).trim_end(),
    )
}

/// `bench --sync-only`: the 数据交换 section alone.
pub fn run_sync_only(out: &Out) -> Result<()> {
    let dir = std::env::temp_dir().join(format!("jixiao-bench-sync-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let sync = crate::bench_sync::run(&dir, 100, 1000, 10)?;
    let _ = std::fs::remove_dir_all(&dir);
    out.value(&sync_json(&sync), sync_text(&sync).trim_end())
}

fn sync_json(sync: &crate::bench_sync::SyncBench) -> serde_json::Value {
    serde_json::json!({
        "packages": sync.packages,
        "changes_each": sync.changes_each,
        "export_ms": sync.export_ms,
        "import_ms": sync.import_ms,
        "applied": sync.applied,
        "package_bytes": sync.package_bytes,
        "reader_mutations": sync.fuzz_runs,
        "reader_refused": sync.fuzz_refused,
        "reader_panics": sync.fuzz_panics,
    })
}

fn sync_text(sync: &crate::bench_sync::SyncBench) -> String {
    format!(
        "数据交换：{} 个数据包 × {} 条变更，导出共 {:.0} ms，导入共 {:.0} ms（应用 {} 条），数据包共 {:.1} MB；数据包读取器随机变异 {} 次，拒绝 {} 次，崩溃 {} 次\n",
        sync.packages,
        sync.changes_each,
        sync.export_ms,
        sync.import_ms,
        sync.applied,
        sync.package_bytes as f64 / 1_048_576.0,
        sync.fuzz_runs,
        sync.fuzz_refused,
        sync.fuzz_panics
    )
}

/// The 绩效目标 screens over every project of 2026 (the demo's targets plus the extra projects
/// without one): list pages, the 未编制 filter, a search, the year's figures and the overview.
fn bench_targets(db: &Db) -> Result<Vec<Timing>> {
    let page = |q: TargetQuery| TargetQuery {
        year: 2026,
        page: 1,
        page_size: 20,
        ..q
    };
    let cases: Vec<(&'static str, TargetQuery)> = vec![
        ("目标管理首页", page(TargetQuery::default())),
        (
            "状态『未编制』",
            page(TargetQuery {
                status: Some("未编制".into()),
                ..Default::default()
            }),
        ),
        (
            "状态『二上』+搜索『教育』",
            page(TargetQuery {
                status: Some("二上".into()),
                search: Some("教育".into()),
                ..Default::default()
            }),
        ),
    ];
    let mut out = Vec::new();
    for (name, q) in cases {
        out.push(time(name, || {
            Ok(db.read(|c| targets::list_targets(c, &q))?.total)
        })?);
    }
    out.push(time("年度统计（targets stats）", || {
        Ok(db.read(|c| targets::target_stats(c, 2026))?.targets as u32)
    })?);
    out.push(time("目标总览", || {
        Ok(db
            .read(|c| targets::target_overview(c, 2026))?
            .projects_total as u32)
    })?);
    Ok(out)
}

/// Approves targets for `n` of the extra projects, opens a 1–8月 round and fills every sheet,
/// then times the task list (page, red filter), one sheet and the round's figures.
fn bench_monitoring(db: &Db, actor: &Actor, n: usize) -> Result<(f64, Vec<Timing>)> {
    use jixiao_core::indicator::{Level2, Nature};
    use jixiao_core::monitoring::{self, RoundInput, RoundKind, SheetIndicatorInput, SheetInput};
    use jixiao_core::targets::{IndicatorInput, TargetDraft};
    let started = Instant::now();
    let round = db.write(actor, |ctx| {
        let ids: Vec<String> = projects::list_projects(
            ctx,
            &ProjectQuery {
                year: Some(2026),
                search: Some("基准项目".into()),
                ..Default::default()
            },
        )?
        .rows
        .into_iter()
        .take(n)
        .map(|p| p.id)
        .collect();
        for pid in ids {
            let t = targets::create_project_target(ctx, &pid)?;
            let rows = Level2::ALL
                .iter()
                .take(7)
                .enumerate()
                .map(|(k, l2)| IndicatorInput {
                    id: None,
                    level1: l2.level1(),
                    level2: *l2,
                    name: format!("基准指标{k}"),
                    nature: Nature::AtLeast,
                    value: "100".into(),
                    unit: "个".into(),
                    weight: String::new(),
                    library_id: None,
                    is_core: false,
                })
                .collect();
            let draft = TargetDraft {
                overall_goal: "基准目标".into(),
                indicators: rows,
            };
            targets::save_draft(ctx, &t.id, &draft)?;
            targets::submit_target(ctx, &t.id)?;
            targets::approve_target(ctx, &t.id, "", None)?;
        }
        let round = monitoring::open_round(
            ctx,
            &RoundInput {
                year: 2026,
                cutoff_month: 8,
                kind: RoundKind::Key,
                due_date: "2026-09-10".into(),
                note: String::new(),
                unit_ids: Vec::new(),
            },
        )?;
        for (k, task) in monitoring::task_rows(ctx, &round.id)?.iter().enumerate() {
            let sheet = monitoring::get_sheet(ctx, &task.id)?;
            let input = SheetInput {
                executed_wan: (task.budget.0 * (20 + (k as i64 * 7) % 70) / 100 / 1_000_000)
                    .to_string(),
                forecast_wan: String::new(),
                indicators: sheet
                    .indicators
                    .iter()
                    .map(|i| SheetIndicatorInput {
                        id: i.id.clone(),
                        actual: if i.nature == Nature::Qualitative {
                            "达成".into()
                        } else {
                            ((k * 13) % 100).to_string()
                        },
                        possibility: Some(monitoring::Possibility::Certain),
                        ..SheetIndicatorInput::default()
                    })
                    .collect(),
            };
            monitoring::save_sheet(ctx, &task.id, &input)?;
        }
        Ok(round.id)
    })?;
    let setup_ms = started.elapsed().as_secs_f64() * 1000.0;
    let q = |warning: Option<&str>| monitoring::TaskQuery {
        round_id: round.clone(),
        warning: warning.map(str::to_string),
        page: 1,
        page_size: 20,
        ..Default::default()
    };
    let first = db
        .read(|c| monitoring::task_rows(c, &round))?
        .first()
        .map(|t| t.id.clone())
        .unwrap_or_default();
    let page = q(None);
    let red = q(Some("红灯"));
    Ok((
        setup_ms,
        vec![
            time("监控任务首页", || {
                Ok(db.read(|c| monitoring::list_tasks(c, &page))?.total)
            })?,
            time("筛选红灯", || {
                Ok(db.read(|c| monitoring::list_tasks(c, &red))?.total)
            })?,
            time("打开一张监控情况表", || {
                Ok(db
                    .read(|c| monitoring::get_sheet(c, &first))?
                    .indicators
                    .len() as u32)
            })?,
            time("轮次统计（monitoring stats）", || {
                Ok(db.read(|c| monitoring::round_stats(c, &round))?.projects as u32)
            })?,
            time(
                "年度总览（stats year，全部环节、按预算类型、含上年）",
                || {
                    let today = db.clock().today();
                    Ok(db
                        .read(|c| jixiao_core::reports::year_overview(c, 2026, today))?
                        .targets
                        .total
                        .projects as u32)
                },
            )?,
        ],
    ))
}

/// Median and maximum of 25 runs of `query` (which returns the number of matching rows).
fn time(name: &'static str, mut query: impl FnMut() -> Result<u32>) -> Result<Timing> {
    let mut ms = Vec::new();
    let mut matched = 0;
    for _ in 0..25 {
        let t = Instant::now();
        matched = query()?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(f64::total_cmp);
    Ok(Timing {
        query: name,
        matched,
        median_ms: ms[ms.len() / 2],
        max_ms: ms[ms.len() - 1],
    })
}

/// Fills the library (starter installed) up to `total` indicators through the form's create
/// function, then times the list queries of the library screen and the targets picker.
fn bench_library(db: &Db, actor: &Actor, total: u32) -> Result<(f64, u32, Vec<Timing>)> {
    let cats = db.read(library::list_categories)?;
    let have = db.read(library::stats)?.indicators;
    let words = [
        "覆盖率",
        "完成率",
        "合格率",
        "满意度",
        "人次",
        "面积",
        "及时率",
        "增长率",
    ];
    let started = Instant::now();
    db.write(actor, |ctx| {
        for i in 0..total.saturating_sub(have) {
            let level2 = Level2::ALL[i as usize % Level2::ALL.len()];
            let word = words[i as usize % words.len()];
            let input = LibraryIndicatorInput {
                category_id: cats[i as usize % cats.len()].id.clone(),
                level1: level2.level1(),
                level2,
                name: format!("基准指标{i}号{word}"),
                explanation: format!("反映第{i}项工作的{word}，按年度统计口径计算"),
                unit: "%".into(),
                nature: if i % 7 == 0 {
                    Nature::Qualitative
                } else {
                    Nature::AtLeast
                },
                reference: "≥90%".into(),
                is_core: i % 10 == 0,
                project_kinds: String::new(),
            };
            library::create_indicator(ctx, &input)?;
        }
        Ok(())
    })?;
    let insert_ms = started.elapsed().as_secs_f64() * 1000.0;
    let count = db.read(library::stats)?.indicators;

    let page = |q: LibraryQuery| LibraryQuery {
        page: 1,
        page_size: 50,
        ..q
    };
    let cases: Vec<(&'static str, LibraryQuery)> = vec![
        ("指标库首页（无筛选）", page(LibraryQuery::default())),
        (
            "指标库搜索『满意度』（名称或解释）",
            page(LibraryQuery {
                search: Some("满意度".into()),
                ..Default::default()
            }),
        ),
        (
            "指标库搜索无命中（全表扫描）",
            page(LibraryQuery {
                search: Some("不存在的指标".into()),
                ..Default::default()
            }),
        ),
        (
            "指标库分类+一级+搜索『率』",
            page(LibraryQuery {
                category_id: cats.first().map(|c| c.id.clone()),
                level1: Some(Level1::Output),
                search: Some("率".into()),
                ..Default::default()
            }),
        ),
        (
            "指标库仅核心+二级+第2页",
            LibraryQuery {
                page: 2,
                ..page(LibraryQuery {
                    core_only: true,
                    level2: Some(Level2::Quantity),
                    ..Default::default()
                })
            },
        ),
    ];
    let mut timings = Vec::new();
    for (name, q) in cases {
        timings.push(time(name, || {
            Ok(db.read(|c| library::list_indicators(c, &q))?.total)
        })?);
    }
    Ok((insert_ms, count, timings))
}
