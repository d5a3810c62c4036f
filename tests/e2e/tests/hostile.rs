//! Hostile input through the real window (issue 14): a project whose name is an HTML tag with a
//! script handler — as it could arrive in an outside workbook — is shown in the 监控分析 scatter
//! tooltip as text, and no script runs; the built app carries a CSP that stops inline handlers.

mod support;

use jixiao_core::db::Db;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{self, RoundInput, RoundKind, SheetIndicatorInput, SheetInput};
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, ProjectCategory};
use jixiao_core::targets::{self, IndicatorInput, TargetDraft};
use std::time::Duration;
use support::Session;

const HOSTILE: &str = r#"<img src=x onerror="window.__pwned=1">"#;

/// One approved project target named `HOSTILE` and a 1–8月 round whose sheet has both rates
/// (so the scatter chart has its point).
fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = org::create_unit(
            ctx,
            &UnitInput {
                code: "HX01".into(),
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
                code: "HX-2026-001".into(),
                name: HOSTILE.into(),
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
                indicators: vec![IndicatorInput {
                    id: None,
                    level1: Level2::Quantity.level1(),
                    level2: Level2::Quantity,
                    name: "除险加固水库数量".into(),
                    nature: Nature::AtLeast,
                    value: "4".into(),
                    unit: "座".into(),
                    weight: String::new(),
                    library_id: None,
                    is_core: false,
                }],
            },
        )?;
        targets::submit_target(ctx, &t.id)?;
        targets::approve_target(ctx, &t.id, "", None)?;
        monitoring::open_round(
            ctx,
            &RoundInput {
                year: 2026,
                cutoff_month: 8,
                kind: RoundKind::SelfMonitoring,
                due_date: "2026-09-10".into(),
                note: String::new(),
                unit_ids: Vec::new(),
            },
        )
    })
    .expect("approved target and round");
    let round = db
        .read(|c| monitoring::list_rounds(c, 2026))
        .expect("rounds")
        .pop()
        .expect("round");
    let task = db
        .read(|c| monitoring::task_rows(c, &round.id))
        .expect("rows")
        .pop()
        .expect("sheet");
    let sheet = db
        .read(|c| monitoring::get_sheet(c, &task.id))
        .expect("sheet");
    db.write(&actor, |ctx| {
        monitoring::save_sheet(
            ctx,
            &task.id,
            &SheetInput {
                executed_wan: "30".into(),
                forecast_wan: "95".into(),
                indicators: vec![SheetIndicatorInput {
                    id: sheet.indicators[0].id.clone(),
                    actual: "2".into(),
                    forecast: "4".into(),
                    ..Default::default()
                }],
            },
        )
    })
    .expect("filled sheet");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_named_like_an_html_tag_shows_as_text_in_the_chart_tooltip_and_runs_no_script() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("hostile.db");
    prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    // The built app has a CSP: an inline event handler put into the page does not run.
    s.js(
        r#"document.body.insertAdjacentHTML('beforeend', '<img id="csp-probe" src="x" onerror="window.__inline=1">');"#,
        vec![],
    )
    .await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(
        s.js("return typeof window.__inline;", vec![]).await,
        "undefined",
        "an inline onerror handler ran: the window has no (or a lax) Content-Security-Policy"
    );
    s.js("document.getElementById('csp-probe')?.remove();", vec![])
        .await;

    s.click("[data-testid=menu-monitoring]").await;
    s.click("[data-testid=round-enter-8]").await;
    s.click("[data-testid=tasks-dashboard]").await;
    // The scatter point (itemStyle color of DashboardView) is drawn by the SVG renderer.
    let point = "[data-testid=chart-scatter] svg path[fill='#1f3a5f']";
    s.wait_css(point).await;
    let moved = s.hover(point).await;
    let shown = r#"const c = document.querySelector('[data-testid=chart-scatter]');
                   return c ? c.textContent.includes('onerror') : false;"#;
    tokio::time::sleep(Duration::from_millis(600)).await;
    if !moved || s.js(shown, vec![]).await != true {
        // Some WebKitWebDriver builds drop pointer moves under Xvfb: send the mousemove the
        // pointer would (ECharts listens on its container; the event bubbles from the point).
        s.js(
            r#"const p = document.querySelector(arguments[0]); const r = p.getBoundingClientRect();
               const o = { bubbles: true, clientX: r.x + r.width / 2, clientY: r.y + r.height / 2 };
               p.dispatchEvent(new MouseEvent('mousemove', o));"#,
            vec![point.into()],
        )
        .await;
    }
    // The tooltip shows the name as the characters it is made of …
    s.wait_text("[data-testid=chart-scatter]", HOSTILE).await;
    s.wait_text("[data-testid=chart-scatter]", "执行率 30.00%")
        .await;
    s.shot("91-hostile-name-tooltip").await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    // … and no element was made of it, so no handler ran.
    assert_eq!(
        s.js(
            "return document.querySelectorAll('[data-testid=chart-scatter] img').length;",
            vec![]
        )
        .await,
        0
    );
    assert_eq!(
        s.js("return typeof window.__pwned;", vec![]).await,
        "undefined"
    );
    s.stop().await;
}
