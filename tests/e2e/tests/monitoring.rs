//! 运行监控 through the real window: the bureau opens a 1–8月 round, the unit fills the one
//! project's 监控情况表 (30万 of 100万 spent by August: 36.67 points behind time progress) and
//! sees the red light it raises, submits, and the bureau approves. The database then holds
//! exactly those figures. The approved target is prepared through jixiao-core (`lifecycle.rs`
//! covers approving one in the window).

mod support;

use jixiao_core::db::Db;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{self, TaskStatus, Warning};
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, ProjectCategory};
use jixiao_core::targets::{self, IndicatorInput, TargetDraft};
use support::Session;

const CODE: &str = "JK-2026-001";

fn row(level2: Level2, name: &str, nature: Nature, value: &str, unit: &str) -> IndicatorInput {
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

fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = org::create_unit(
            ctx,
            &UnitInput {
                code: "JK01".into(),
                name: "县水利局".into(),
                parent_id: None,
                kind: UnitKind::BudgetUnit,
                contact: "赵强".into(),
                phone: "0635-5100002".into(),
            },
        )?;
        let p = projects::create_project(
            ctx,
            &projects::ProjectInput {
                fiscal_year: 2026,
                code: CODE.into(),
                name: "小型水库除险加固".into(),
                unit_id: u.id,
                budget_type: BudgetType::General,
                category: ProjectCategory::SpecificPurpose,
                new_or_continuing: NewOrContinuing::Continuing,
                period_start: 2026,
                period_end: 2026,
                initial_budget_wan: "100".into(),
                adjusted_budget_wan: "100".into(),
                fund_source: "财政拨款".into(),
                is_special_bond: false,
                grade: None,
                managing_dept_id: None,
            },
        )?;
        let t = targets::create_project_target(ctx, &p.id)?;
        targets::save_draft(
            ctx,
            &t.id,
            &TargetDraft {
                overall_goal: "完成4座小型水库除险加固。".into(),
                indicators: vec![
                    row(
                        Level2::Quantity,
                        "除险加固水库数量",
                        Nature::AtLeast,
                        "4",
                        "座",
                    ),
                    row(
                        Level2::Social,
                        "防洪能力",
                        Nature::Qualitative,
                        "明显提升",
                        "",
                    ),
                ],
            },
        )?;
        targets::submit_target(ctx, &t.id)?;
        targets::approve_target(ctx, &t.id, "", None)
    })
    .expect("approved target");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_fills_a_monitoring_sheet_and_sees_the_red_light() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("monitoring.db");
    prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    // The bureau opens the 1–8月 round.
    s.click("[data-testid=menu-monitoring]").await;
    s.click("[data-testid=monitoring-open]").await;
    s.choose_option("[data-testid=round-month]", "8月").await;
    s.shot("31-round-open").await;
    s.click("[data-testid=round-confirm]").await;
    s.click("[data-testid=round-enter-8]").await;
    s.wait_text("[data-testid=tasks-table]", CODE).await;
    s.shot("32-tasks").await;

    // The unit fills its sheet: 30万 spent of 100万 by August, 2 of 4 reservoirs.
    s.click(&format!("[data-testid=task-open-{CODE}]")).await;
    s.type_into("[data-testid=sheet-executed] input", "30")
        .await;
    s.type_into("[data-testid=sheet-forecast] input", "95")
        .await;
    s.type_into("[data-testid=sheet-actual-0] input", "2").await;
    s.choose_option("[data-testid=sheet-possibility-0]", "确定能")
        .await;
    s.choose_option("[data-testid=sheet-actual-1]", "部分达成")
        .await;
    s.choose_option("[data-testid=sheet-possibility-1]", "有可能")
        .await;
    s.choose_option("[data-testid=sheet-reason-1]", "经费保障")
        .await;
    s.type_into("[data-testid=sheet-measures-1] input", "9月前拨付剩余资金")
        .await;
    s.wait_text("[data-testid=sheet-execution]", "30.00%").await;
    s.wait_text("[data-testid=sheet-warning]", "红灯").await;
    s.click("[data-testid=sheet-save]").await;
    s.wait_text("[data-testid=sheet-warning]", "红灯").await;
    s.shot("33-sheet-red").await;
    s.click("[data-testid=sheet-submit]").await;
    s.click("[data-testid=sheet-approve]").await;
    s.wait_text("body", "审核通过").await;
    s.shot("34-sheet-approved").await;
    // The round's dashboard counts the red light.
    s.click("[data-testid=menu-monitoring]").await;
    s.click("[data-testid=round-enter-8]").await;
    s.wait_text("[data-testid=stat-warnings]", "1").await;
    s.click("[data-testid=tasks-dashboard]").await;
    s.wait_text("[data-testid=chart-units]", "县水利局").await;
    s.shot("35-monitoring-dashboard").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let round = db
        .read(|c| monitoring::list_rounds(c, 2026))
        .expect("rounds")
        .pop()
        .expect("one round");
    assert_eq!(round.cutoff_month, 8);
    let task = db
        .read(|c| monitoring::task_rows(c, &round.id))
        .expect("rows")
        .pop()
        .expect("one sheet");
    assert_eq!(task.status, TaskStatus::Approved);
    assert_eq!(task.executed.map(|f| f.0), Some(30_000_000));
    assert_eq!(task.execution_bp, Some(3000));
    // (2 of 4 = 50%) and 部分达成 (80%) → 65%; |65% − 30%| = 35 points.
    assert_eq!(task.completion_bp, Some(6500));
    assert_eq!(task.deviation_bp, Some(3500));
    assert_eq!(task.warning, Some(Warning::Red));
    let sheet = db
        .read(|c| monitoring::get_sheet(c, &task.id))
        .expect("sheet");
    assert_eq!(sheet.indicators[1].measures, "9月前拨付剩余资金");
}
