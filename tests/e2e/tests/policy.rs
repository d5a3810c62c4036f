//! 政策 and 全周期跟踪问效 through the real window on the demo county: the bureau (王晓梅, 绩效管理)
//! opens 事前评估 › 政策管理, scores the demo's unassessed 小学课后服务补助政策 on the policy sheet
//! (20 items of 4.50 → 90.00, 予以支持, as core computes), then opens 结果应用 › 全周期跟踪 and a
//! multi-year project's 全周期 view (its years, the cumulative line) and records a decision.

mod support;

use jixiao_core::cycle::{self, CycleKind, CycleQuery};
use jixiao_core::db::Db;
use jixiao_core::exante::ExAnteConclusion;
use jixiao_core::policy::{self, PolicyQuery};
use jixiao_core::system;
use support::Session;

const POLICY: &str = "小学课后服务补助政策";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bureau_assesses_a_policy_and_opens_a_multi_year_projects_full_cycle() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("demo.db");
    let code = {
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
        let page = db
            .read(|c| {
                cycle::list_cycles(
                    c,
                    &CycleQuery {
                        year: 2026,
                        kind: Some(CycleKind::Project),
                        page: 1,
                        page_size: 20,
                        ..CycleQuery::default()
                    },
                )
            })
            .expect("cycles");
        page.rows
            .first()
            .expect("a multi-year project")
            .code
            .clone()
    };

    let s = Session::start(&db_path).await;
    s.login("jxg", support::PASSWORD).await;
    s.wait_css("[data-testid=wb-progress]").await;

    // 政策事前评估 on the policy sheet.
    s.click("[data-testid=menu-policies]").await;
    s.wait_text("[data-testid=policy-table]", POLICY).await;
    s.shot("71-policy-list").await;
    s.click(&format!("[data-testid=\"policy-assess-{POLICY}\"]"))
        .await;
    for a in 0..5 {
        for i in 0..4 {
            s.type_into(&format!("[data-testid=exante-score-{a}-{i}] input"), "4.5")
                .await;
        }
    }
    s.wait_text("[data-testid=exante-total]", "90").await;
    s.shot("72-policy-sheet").await;
    s.click("[data-testid=exante-save]").await;
    s.wait_text("[data-testid=policy-table]", "90.00 予以支持")
        .await;
    s.shot("73-policy-assessed").await;

    // 全周期跟踪: the list, then one multi-year project's view and a decision.
    s.click("[data-testid=menu-cycle]").await;
    s.wait_text("[data-testid=cycle-table]", &code).await;
    s.shot("74-cycle-list").await;
    s.click(&format!("[data-testid=\"cycle-open-{code}\"]"))
        .await;
    s.wait_text("[data-testid=cycle-title]", &code).await;
    s.wait_text("[data-testid=cycle-years]", "2026").await;
    s.shot("75-cycle-view").await;
    s.type_into("input[data-testid=cycle-reason]", "继续跟踪实施情况")
        .await;
    s.click("[data-testid=cycle-decide]").await;
    s.wait_text("[data-testid=cycle-decision-saved]", "已决定")
        .await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let p = db
        .read(|c| {
            policy::list_policies(
                c,
                &PolicyQuery {
                    search: Some(POLICY.into()),
                    ..PolicyQuery::default()
                },
            )
        })
        .expect("policies");
    let p = &p.rows[0];
    assert_eq!(p.exante_total_cp, Some(9000));
    assert_eq!(p.exante_conclusion, Some(ExAnteConclusion::Support));
    let v = db
        .read(|c| cycle::get_cycle(c, CycleKind::Project, &code, 2026))
        .expect("cycle");
    assert!(v.row.decision.is_some(), "the decision is stored");
}
