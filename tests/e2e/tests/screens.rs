//! The screens on the demo county (事前评估, 目标管理, 目标总览, 运行监控, 指标库, 规则, 评价总览, 抽查复核,
//! 整改台账) (first start with 「载入示例数据」 done through core): each
//! shows the figures core computes for the same database, and a screenshot of each goes to
//! `artifacts/e2e/` (2x-…) for review.

mod support;

use jixiao_core::db::Db;
use jixiao_core::{evaluation, exante, library, monitoring, results, system, targets};
use support::Session;

/// "83.70%" as the screens print a rate in basis points.
fn pct(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_county_shows_its_figures_on_every_new_screen() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("demo.db");
    let (ex, ts, lib, mon, ev, rs) = {
        let db = Db::open(&db_path).expect("db");
        system::first_start(
            &db,
            &system::FirstStartInput {
                login: "admin".into(),
                name: "管理员".into(),
                dept: "信息股".into(),
                password: support::PASSWORD.into(),
                load_demo: true,
            },
        )
        .expect("demo");
        let round = db
            .read(|c| monitoring::list_rounds(c, 2026))
            .expect("rounds")
            .pop()
            .expect("the demo's open 2026 round");
        (
            db.read(|c| exante::stats(c, 2026)).expect("exante"),
            db.read(|c| targets::target_stats(c, 2026))
                .expect("targets"),
            db.read(library::stats).expect("library"),
            db.read(|c| monitoring::round_stats(c, &round.id))
                .expect("monitoring"),
            db.read(|c| evaluation::stats::evaluation_stats(c, 2025))
                .expect("evaluation"),
            {
                let today = db.clock().today();
                db.read(|c| results::stats::results_stats(c, 2025, today))
                    .expect("results")
            },
        )
    };
    let s = Session::start(&db_path).await;
    s.login("jxg", support::PASSWORD).await;

    s.click("[data-testid=menu-exante]").await;
    s.wait_text("[data-testid=exante-table]", "予以支持").await;
    // The table's tags fade in (Element Plus transitions): let them finish before the picture.
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    s.shot("21-exante-demo").await;

    s.click("[data-testid=menu-targets]").await;
    s.wait_text("body", "二上").await;
    s.shot("22-targets-demo").await;

    s.click("[data-testid=menu-targets-overview]").await;
    s.wait_text("[data-testid=stat-l3]", &ts.indicators_l3.to_string())
        .await;
    s.wait_text("[data-testid=stat-rate]", &pct(ts.quantification_rate_bp))
        .await;
    s.wait_text(
        "[data-testid=stat-comments]",
        &format!("{}/{}", ts.comments_resolved, ts.comments),
    )
    .await;
    s.shot("23-targets-overview-demo").await;

    s.click("[data-testid=menu-library]").await;
    s.wait_text("[data-testid=library-total]", &lib.indicators.to_string())
        .await;
    s.shot("24-library").await;

    s.click("[data-testid=menu-monitoring]").await;
    s.click("[data-testid=round-enter-8]").await;
    s.wait_text("[data-testid=stat-projects]", &mon.projects.to_string())
        .await;
    s.wait_text("[data-testid=stat-execution]", &pct(mon.execution_rate_bp))
        .await;
    s.wait_text("[data-testid=stat-warnings]", &mon.warnings.red.to_string())
        .await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
    s.shot("26-monitoring-demo").await;

    // 绩效评价 opens on the closed year (2025): the figures core computes for it.
    s.click("[data-testid=menu-evaluation-overview]").await;
    s.wait_text(
        "[data-testid=eval-overview-submitted]",
        &ev.self_eval.submitted.to_string(),
    )
    .await;
    s.wait_text(
        "[data-testid=eval-overview-spot-share]",
        &pct(ev.spot_check.share_bp),
    )
    .await;
    s.shot("27-evaluation-overview-demo").await;
    s.click("[data-testid=menu-evaluation-spot]").await;
    s.wait_text(
        "[data-testid=eval-spot-drawn]",
        &ev.spot_check.drawn.to_string(),
    )
    .await;
    s.shot("28-spot-check-demo").await;
    // 整改台账 follows the header year.
    s.choose_option("[data-testid=year-select]", "2025年").await;
    s.click("[data-testid=menu-results-rect]").await;
    s.wait_text(
        "[data-testid=rect-open]",
        &rs.rectifications.open.to_string(),
    )
    .await;
    s.wait_text(
        "[data-testid=rect-overdue]",
        &rs.rectifications.overdue.to_string(),
    )
    .await;
    s.shot("29-rectification-ledger-demo").await;

    s.click("[data-testid=menu-rules]").await;
    s.wait_text("body", "评分表（各评分项分值合计 100 分）")
        .await;
    s.shot("25-rules-exante-sheet").await;
    s.stop().await;

    assert!(ex.assessed > 0 && ex.not_support > 0, "{ex:?}");
    assert_eq!(lib.categories, 16);
}
