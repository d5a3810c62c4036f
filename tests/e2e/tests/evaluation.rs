//! 绩效评价 through the real window. A unit scores its 2025 单位自评: the bureau starts the
//! year's forms, the unit types 全年执行数 and the 实际完成值, saves, sees 83.00 / 良 computed by
//! core and submits. Then the bureau finishes a 财政重点评价 that is in 实施 with one item left:
//! it types that score, walks 实施 → 报告初稿 → 单位反馈 → 定稿 and sees 89.50 / 良. The database
//! then holds exactly those figures. The targets and the evaluation's other scores are prepared
//! through jixiao-core (`lifecycle.rs` covers approving a target in the window).

mod support;

use jixiao_core::db::Db;
use jixiao_core::evaluation::key::{self, KeyEvalInput, KeyItemInput};
use jixiao_core::evaluation::self_list::{list_self_evals, SelfEvalQuery};
use jixiao_core::evaluation::{KeyKind, KeyMethod, KeyStatus, SelfEvalStatus};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::operator;
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, ProjectCategory};
use jixiao_core::rules::Grade;
use jixiao_core::targets::{self, ApproveInput, IndicatorInput, TargetDraft};
use support::Session;

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

fn project(year: i32, code: &str, name: &str, unit: &str) -> projects::ProjectInput {
    projects::ProjectInput {
        fiscal_year: year,
        code: code.into(),
        name: name.into(),
        unit_id: unit.into(),
        budget_type: BudgetType::General,
        category: ProjectCategory::SpecificPurpose,
        new_or_continuing: NewOrContinuing::Continuing,
        period_start: year,
        period_end: year,
        initial_budget_wan: "100".into(),
        adjusted_budget_wan: "100".into(),
        fund_source: "财政拨款".into(),
        is_special_bond: false,
        grade: None,
        managing_dept_id: None,
    }
}

/// A 2025 project with an approved target (one 产出 and one 满意度 row) and a 2026 key
/// evaluation in 实施 whose sheet is scored except item 12 (实际完成率, 10 分), 9.50 分 lost
/// elsewhere.
fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = operator::create_and_select(&db, "王晓梅", "绩效股").expect("operator");
    db.write(&actor, |ctx| {
        let u = org::create_unit(
            ctx,
            &UnitInput {
                code: "JT01".into(),
                name: "县交通运输局".into(),
                parent_id: None,
                kind: UnitKind::BudgetUnit,
                contact: "李明".into(),
                phone: "0635-5100003".into(),
            },
        )?;
        let p = projects::create_project(ctx, &project(2025, SELF_CODE, "农村公路养护", &u.id))?;
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
        targets::approve_target(ctx, &t.id, &ApproveInput::default())?;

        let k_project =
            projects::create_project(ctx, &project(2026, KEY_CODE, "农村客运站改造", &u.id))?;
        let k = key::create_key_eval(
            ctx,
            &KeyEvalInput {
                year: 2026,
                kind: KeyKind::Project,
                object_name: String::new(),
                project_id: Some(k_project.id),
                unit_id: None,
                amount: None,
                method: KeyMethod::Bureau,
                team: "绩效股评价组".into(),
                plan_start: Some("2026-09-01".into()),
                plan_end: Some("2026-11-30".into()),
                previous_id: None,
                basis: "预算绩效管理办法".into(),
            },
        )?;
        let mut lost = 950;
        let items: Vec<KeyItemInput> = k
            .items
            .iter()
            .enumerate()
            .map(|(n, i)| {
                let take = if n == 11 { 0 } else { lost.min(i.weight_cp / 2) };
                lost -= take;
                KeyItemInput {
                    id: Some(i.id.clone()),
                    level1: i.level1.clone(),
                    level2: i.level2.clone(),
                    level3: i.level3.clone(),
                    weight_cp: i.weight_cp,
                    standard: i.standard.clone(),
                    rule: i.rule.clone(),
                    threshold: i.threshold.clone(),
                    deduct_cp: i.deduct_cp,
                    actual: None,
                    score_cp: (n != 11).then_some(i.weight_cp - take),
                    note: String::new(),
                }
            })
            .collect();
        key::save_key_sheet(ctx, &k.id, &items)?;
        key::save_key_texts(ctx, &k.id, "客运站改造按期完成，候车条件明显改善。", "")?;
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
    s.type_into("[data-testid=eval-form-reason-1] textarea", "雨季延误施工，已于次年一季度补足")
        .await;
    s.type_into("[data-testid=eval-form-actual-2] input", "95")
        .await;
    s.click("[data-testid=eval-form-save]").await;
    s.wait_text("[data-testid=eval-form-total]", "83.00").await;
    s.wait_text("[data-testid=eval-form-grade]", "良").await;
    s.shot("41-self-eval-scored").await;
    s.click("[data-testid=eval-form-submit]").await;
    s.wait_text("[data-testid=eval-form-status]", "已提交").await;

    // 重点评价 of 2026 (the header year): finish the sheet and walk it to 定稿.
    s.click("[data-testid=menu-evaluation-key]").await;
    s.click(&format!("[data-testid=key-row-{KEY_CODE}] .el-link"))
        .await;
    s.wait_text("[data-testid=key-status]", "实施").await;
    s.click("#tab-sheet").await;
    s.type_into("[data-testid=key-score-12] input", "9").await;
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
