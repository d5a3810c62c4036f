//! 绩效评价 through the real window. A unit scores its 2025 单位自评: the bureau starts the
//! year's forms, the unit types 全年执行数 and the 实际完成值, saves, sees 83.00 / 良 computed by
//! core and submits. Then the bureau finishes a 财政重点评价 that is in 实施 with one item left:
//! it types that score, walks 实施 → 报告初稿 → 单位反馈 → 定稿 and sees 89.50 / 良. The database
//! then holds exactly those figures. The targets and the evaluation's other scores are prepared
//! through jixiao-core (`lifecycle.rs` covers approving a target in the window).

mod support;

use jixiao_core::db::Db;
use jixiao_core::evaluation::key;
use jixiao_core::evaluation::self_list::{list_self_evals, SelfEvalQuery};
use jixiao_core::evaluation::{KeyStatus, SelfEvalStatus};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::rules::Grade;
use jixiao_core::targets::{self, IndicatorInput, TargetDraft};
use support::{county, Session};

const SELF_CODE: &str = "JT-2025-001";
const KEY_CODE: &str = "JT-2026-009";

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

/// A 2025 project with an approved target (one 产出 and one 满意度 row) and a 2026 key
/// evaluation in 实施 whose sheet is scored except item 12 (实际完成率, 10 分), 9.50 分 lost
/// elsewhere.
fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = county::budget_unit(ctx, "JT01", "县交通运输局")?;
        let p = county::project(ctx, 2025, SELF_CODE, "农村公路养护", &u.id)?;
        let t = targets::create_project_target(ctx, &p.id)?;
        targets::save_draft(
            ctx,
            &t.id,
            &TargetDraft {
                overall_goal: "完成100公里农村公路养护。".into(),
                indicators: vec![
                    row(Level2::Quantity, "养护里程", Nature::AtLeast, "100", "公里"),
                    row(
                        Level2::ServiceSatisfaction,
                        "群众满意度",
                        Nature::AtLeast,
                        "90",
                        "%",
                    ),
                ],
            },
        )?;
        targets::submit_target(ctx, &t.id)?;
        targets::approve_target(ctx, &t.id, "", None)?;
        let kp = county::project(ctx, 2026, KEY_CODE, "农村客运站改造", &u.id)?;
        // 9.50 分 lost elsewhere, item 12 (实际完成率, 10 分) left for the window.
        let k = county::scored_key_eval(ctx, 2026, &kp, 950, Some(11))?;
        key::advance_key_eval(ctx, &k.id)
    })
    .expect("prepared county");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_self_evaluation_and_a_key_evaluation_are_scored_and_graded_in_the_window() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("evaluation.db");
    prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    // 单位自评 of 2025: start the year's forms, open ours.
    s.click("[data-testid=menu-evaluation-self]").await;
    s.click("[data-testid=eval-self-start]").await;
    s.click(&format!("[data-testid=eval-self-open-{SELF_CODE}]"))
        .await;
    // 80 of 100万 spent (8.00 of 10); 80 of 100 公里 (产出 75 分 → 60.00); 95% ≥ 90% (15.00):
    // 83.00. (效益 has no row: its 30 分 go to 产出 and 满意度 in proportion, 25 + 5.)
    s.type_into("[data-testid=eval-form-executed] input", "80")
        .await;
    s.type_into("[data-testid=eval-form-actual-1] input", "80")
        .await;
    s.type_into(
        "[data-testid=eval-form-reason-1] textarea",
        "雨季延误施工，已于次年一季度补足",
    )
    .await;
    s.type_into("[data-testid=eval-form-actual-2] input", "95")
        .await;
    s.click("[data-testid=eval-form-save]").await;
    s.wait_text("[data-testid=eval-form-total]", "83.00").await;
    s.wait_text("[data-testid=eval-form-grade]", "良").await;
    s.shot("41-self-eval-scored").await;
    s.click("[data-testid=eval-form-submit]").await;
    s.wait_text("[data-testid=eval-form-status]", "已提交")
        .await;

    // 重点评价 of 2026 (the header year): finish the sheet and walk it to 定稿.
    s.click("[data-testid=menu-evaluation-key]").await;
    s.click(&format!("[data-testid=key-row-{KEY_CODE}] .el-link"))
        .await;
    s.wait_text("[data-testid=key-status]", "实施").await;
    s.click("#tab-sheet").await;
    // Element Plus puts the test id on the native <input> itself.
    s.type_into("input[data-testid=key-score-12]", "9").await;
    s.wait_text("[data-testid=key-total]", "89.50").await;
    s.shot("42-key-sheet").await;
    s.click("[data-testid=key-advance]").await;
    s.wait_text("[data-testid=key-status]", "报告初稿").await;
    s.click("[data-testid=key-advance]").await;
    s.wait_text("[data-testid=key-status]", "单位反馈").await;
    s.click("[data-testid=key-advance]").await;
    s.click(".el-message-box__btns .el-button--primary").await;
    s.wait_text("[data-testid=key-status]", "定稿").await;
    s.wait_text("[data-testid=key-grade]", "良").await;
    s.shot("43-key-final").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let form = db
        .read(|c| {
            list_self_evals(
                c,
                &SelfEvalQuery {
                    year: 2025,
                    ..Default::default()
                },
            )
        })
        .expect("list")
        .rows
        .pop()
        .expect("one form");
    assert_eq!(form.status, SelfEvalStatus::Submitted);
    assert_eq!(form.executed.map(|f| f.0), Some(80_000_000));
    assert_eq!((form.total_cp, form.grade), (Some(8300), Some(Grade::Good)));
    let k = db
        .read(|c| {
            key::list_key_evals(
                c,
                &key::KeyEvalQuery {
                    year: 2026,
                    kind: None,
                    status: None,
                    text: None,
                    page: 0,
                    page_size: 0,
                },
            )
        })
        .expect("key list")
        .rows
        .pop()
        .expect("one key evaluation");
    assert_eq!(k.status, KeyStatus::Final);
    assert_eq!((k.total_cp, k.grade), (Some(8950), Some(Grade::Good)));
}
