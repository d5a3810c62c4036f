//! 工作台 and 绩效管理工作考核 through the real window on the demo county: a 单位填报 account sees
//! its overdue 监控情况表 on the 工作台 (the card, 「已逾期 N 天」) and opens it from the card; the
//! bureau opens 考核 › 年度考核 for the demo's closed year 2025 (定稿), sees the ranks core
//! computes, and prints the 考核结果通报, which gets its 文号.

mod support;

use jixiao_core::access::login;
use jixiao_core::assess::{self, AssessKind};
use jixiao_core::db::Db;
use jixiao_core::{system, workbench};
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_unit_opens_its_overdue_sheet_and_the_bureau_prints_the_assessment_notice() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("demo.db");
    // A township account with an overdue sheet in the demo's open round, as core sees it.
    let (login_name, sheet_name, top_unit) = {
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
        let today = db.clock().today();
        let mut found = None;
        for n in 301..=318 {
            let l = format!("xz{n}");
            let Ok((actor, _)) = login::login(&db, &l, support::PASSWORD) else {
                continue;
            };
            let w = db
                .read(|c| workbench::todo(c, &actor, 2026, today))
                .expect("todo");
            if let Some(card) = w
                .cards
                .iter()
                .find(|c| c.kind == "monitor_fill" && c.overdue > 0)
            {
                found = Some((l, card.items[0].name.clone()));
                break;
            }
        }
        let (l, name) = found.expect("a township with an overdue sheet");
        let t = db
            .read(|c| assess::run(c, 2025, AssessKind::Department, today))
            .expect("考核");
        assert_eq!(t.status, "已定稿");
        (l, name, t.rows[0].unit_name.clone())
    };

    let s = Session::start(&db_path).await;
    s.login(&login_name, support::PASSWORD).await;
    // The 工作台 is the first screen after login.
    s.wait_text("[data-testid=wb-card-monitor_fill]", &sheet_name)
        .await;
    s.wait_text("[data-testid=wb-card-monitor_fill]", "已逾期")
        .await;
    s.shot("61-workbench-unit").await;
    s.click("[data-testid=wb-item-monitor_fill-0]").await;
    s.wait_css("[data-testid=sheet-executed]").await;
    s.shot("62-workbench-sheet").await;
    s.logout().await;

    s.login("jxg", support::PASSWORD).await;
    s.wait_css("[data-testid=wb-progress]").await;
    s.shot("63-workbench-bureau").await;
    s.choose_option("[data-testid=year-select]", "2025年").await;
    s.click("[data-testid=menu-assess]").await;
    s.wait_text("[data-testid=assess-status]", "已定稿").await;
    s.wait_text("[data-testid=assess-table]", &top_unit).await;
    s.shot("64-assess-table").await;
    s.click("[data-testid=assess-print]").await;
    s.wait_text("[data-testid=assess-notice-number]", "〔")
        .await;
    s.shot("65-assess-notice").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let t = db
        .read(|c| assess::run(c, 2025, AssessKind::Department, db.clock().today()))
        .expect("考核");
    assert!(t
        .notice_number
        .as_deref()
        .is_some_and(|n| n.contains("财绩发〔")));
}
