//! 成本分析 through the real window on the demo county: the bureau opens 结果应用 › 成本分析 for
//! 2025, sees core's 中位数 and projects of 城乡环卫, switches to 公厕管理 (standard 第1版 adopted by
//! the demo) and adopts a new version on the median, which core records as 第2版.

mod support;

use jixiao_core::access::Actor;
use jixiao_core::cost::{self, math::yuan};
use jixiao_core::db::Db;
use jixiao_core::system;
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bureau_reads_the_cost_analysis_and_adopts_a_new_standard() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("demo.db");
    let (median, top_code) = {
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
        let a = db
            .read(|c| cost::analyse(c, &Actor::system("e2e"), 2025, "城乡环卫"))
            .expect("analysis");
        (
            yuan(a.median_fen.expect("median")),
            a.projects[0].code.clone(),
        )
    };

    let s = Session::start(&db_path).await;
    s.login("jxg", support::PASSWORD).await;
    s.choose_option("[data-testid=year-select]", "2025年").await;
    s.click("[data-testid=menu-cost]").await;
    s.wait_text("[data-testid=cost-median]", &median).await;
    s.wait_text("[data-testid=cost-table]", &top_code).await;
    s.shot("81-cost-analysis").await;
    s.choose_option("[data-testid=cost-field]", "公厕管理")
        .await;
    s.wait_text("[data-testid=cost-standard]", "第1版").await;
    s.click("[data-testid=cost-adopt]").await;
    s.wait_css("[data-testid=cost-adopt-save]").await;
    s.shot("82-cost-adopt").await;
    s.click("[data-testid=cost-adopt-save]").await;
    s.wait_text("[data-testid=cost-standard]", "第2版").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("db");
    let versions = db
        .read(|c| cost::standards(c, 2025, "公厕管理"))
        .expect("standards");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].version, 2);
    assert_eq!(versions[0].unit_cost_fen, versions[1].unit_cost_fen);
}
