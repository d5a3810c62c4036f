//! The real `jixiao` window takes one new 320万 A类 project from 事前绩效评估 to an approved 绩效目标,
//! each step by the account whose job it is: the bureau (王晓梅, 绩效管理) scores the assessment
//! (予以支持); the unit's clerk (单位填报) drafts and submits its target (一上); the bureau returns
//! it with a comment (一下); the clerk revises and resubmits (二上, the reviewer sees the change);
//! the bureau approves it (二下) with the 复核人 李四 (业务股室) typing his own password in the
//! dialog. The database then holds exactly that, with both account ids.
//! Base data (accounts, unit, project) is prepared through jixiao-core: creating them in the
//! window is what `window.rs` covers.

mod support;

use jixiao_core::db::Db;
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, ProjectCategory, ProjectGrade};
use jixiao_core::targets::{self, TargetStatus};
use support::Session;

const CODE: &str = "LC-2026-001";
/// A 案例 of the shipped 指标库 (农业农村).
const CASE: &str = "高标准农田建设项目";

fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = org::create_unit(
            ctx,
            &UnitInput {
                code: "LC01".into(),
                name: "县农业农村局".into(),
                parent_id: None,
                kind: UnitKind::BudgetUnit,
                contact: "赵强".into(),
                phone: "0635-5100001".into(),
            },
        )?;
        projects::create_project(
            ctx,
            &projects::ProjectInput {
                fiscal_year: 2026,
                code: CODE.into(),
                name: "高标准农田建设项目".into(),
                unit_id: u.id,
                budget_type: BudgetType::General,
                category: ProjectCategory::SpecificPurpose,
                new_or_continuing: NewOrContinuing::New,
                period_start: 2026,
                period_end: 2026,
                initial_budget_wan: "320".into(),
                adjusted_budget_wan: "320".into(),
                fund_source: "财政拨款".into(),
                is_special_bond: false,
                grade: Some(ProjectGrade::A),
                managing_dept_id: None,
            },
        )
    })
    .expect("base data");
    support::unit_filler(&db, "lc01", "赵强", "LC01");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_goes_from_exante_assessment_to_an_approved_target() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("lifecycle.db");
    prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    // 事前评估: the new 320万 project is listed as needing an assessment; score it.
    s.click("[data-testid=menu-exante]").await;
    s.wait_text("[data-testid=exante-table]", CODE).await;
    s.wait_text("[data-testid=exante-table]", "未评估").await;
    s.shot("11-exante-list").await;
    s.click(&format!("[data-testid=exante-assess-{CODE}]"))
        .await;
    for a in 0..5 {
        for i in 0..4 {
            let score = if (a, i) == (2, 1) { "4" } else { "5" };
            s.type_into(&format!("[data-testid=exante-score-{a}-{i}] input"), score)
                .await;
        }
    }
    s.type_into("[data-testid=exante-declared] input", "320")
        .await;
    s.type_into("[data-testid=exante-approved] input", "300")
        .await;
    s.type_into(
        "[data-testid=exante-opinion] textarea",
        "立项依据充分，建议压减设备购置费后予以支持。",
    )
    .await;
    s.wait_text("[data-testid=exante-total]", "99").await;
    s.wait_text("[data-testid=exante-conclusion]", "予以支持")
        .await;
    s.shot("12-exante-sheet").await;
    s.click("[data-testid=exante-save]").await;
    s.wait_text("[data-testid=exante-table]", "予以支持").await;
    s.shot("13-exante-done").await;
    s.logout().await;

    // 绩效目标: the unit's clerk drafts its target.
    s.login("lc01", support::PASSWORD).await;
    s.click("[data-testid=menu-targets]").await;
    s.wait_text(&format!("[data-testid=targets-row-{CODE}]"), "未编制")
        .await;
    s.shot("14-targets-list").await;
    s.click(&format!("[data-testid=targets-open-{CODE}]")).await;
    s.type_into(
        "[data-testid=target-goal] textarea",
        "新建高标准农田5000亩，亩均粮食产能提高50公斤。",
    )
    .await;
    // Start from the library's 案例 for this kind of project, then adapt it.
    s.click("[data-testid=target-from-case]").await;
    s.click(&format!("[data-testid='case-item-{CASE}']")).await;
    s.wait_text("[data-testid=case-rows]", "受益农户满意度")
        .await;
    s.click("[data-testid=case-cite]").await;
    s.wait_css("[data-testid=target-row-8]").await;
    s.type_into("[data-testid=target-value-0] input", "5000")
        .await;
    // One row of its own, typed in: 一级/二级 picked from the selects.
    s.click("[data-testid=target-add-row]").await;
    s.choose_option("[data-testid=target-l1-9]", "产出指标")
        .await;
    s.choose_option("[data-testid=target-l2-9]", "数量指标")
        .await;
    s.type_into("[data-testid=target-name-9] input", "新建灌排泵站")
        .await;
    s.type_into("[data-testid=target-value-9] input", "12")
        .await;
    s.type_into("[data-testid=target-unit-9] input", "座").await;
    s.click("[data-testid=target-save]").await;
    s.wait_text("body", "已保存").await;
    s.shot("15-target-editor").await;
    s.click("[data-testid=target-submit]").await;
    s.wait_text("[data-testid=target-status]", "一上").await;
    s.logout().await;

    // The bureau returns it with an overall comment (一下).
    s.login("wangxm", support::PASSWORD).await;
    s.click("[data-testid=menu-targets]").await;
    s.click(&format!("[data-testid=targets-open-{CODE}]")).await;
    s.wait_text("[data-testid=target-status]", "一上").await;
    s.click("[data-testid=review-comment-overall]").await;
    s.choose_option("[data-testid=review-comment-category]", "适当性")
        .await;
    s.type_into(
        "[data-testid=review-comment-text] input",
        "满意度指标值偏低，请不低于95%。",
    )
    .await;
    s.click("[data-testid=review-add-comment]").await;
    s.shot("16-review-comment").await;
    s.click("[data-testid=review-return]").await;
    s.wait_text("[data-testid=target-status]", "一下").await;
    s.logout().await;

    // The clerk raises the value and resubmits (二上); the reviewer sees what changed.
    s.login("lc01", support::PASSWORD).await;
    s.click("[data-testid=menu-targets]").await;
    s.click(&format!("[data-testid=targets-open-{CODE}]")).await;
    s.wait_text("[data-testid=target-status]", "一下").await;
    s.type_into("[data-testid=target-value-8] input", "95")
        .await;
    s.click("[data-testid=target-submit]").await;
    s.wait_text("[data-testid=target-status]", "二上").await;
    s.logout().await;
    s.login("wangxm", support::PASSWORD).await;
    s.click("[data-testid=menu-targets]").await;
    s.click(&format!("[data-testid=targets-open-{CODE}]")).await;
    s.wait_text("[data-testid=target-changes]", "受益农户满意度")
        .await;
    s.wait_text("[data-testid=target-changes]", "≥ 95%").await;
    s.shot("17-resubmitted").await;

    // 二下 with a 核减 of 20万元; an A类 target: 李四 types his own login and password.
    s.click("[data-testid=review-approve]").await;
    s.type_into("[data-testid=approve-reduction] input", "20")
        .await;
    s.type_into("[data-testid=approve-second-reviewer] input", "lisi")
        .await;
    s.type_into("[data-testid=approve-second-password] input", "wrong-pass1")
        .await;
    s.click("[data-testid=approve-confirm]").await;
    s.wait_text("[data-testid=approve-second-reviewer]", "不正确")
        .await;
    s.shot("18a-second-reviewer-refused").await;
    s.type_into(
        "[data-testid=approve-second-password] input",
        support::PASSWORD,
    )
    .await;
    s.click("[data-testid=approve-confirm]").await;
    s.wait_text("[data-testid=target-status]", "二下").await;
    s.shot("18-approved").await;
    s.click("[data-testid=menu-targets-overview]").await;
    s.wait_text("body", "量化率").await;
    s.shot("19-targets-overview").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let project = db
        .read(|c| projects::find_project_by_code(c, 2026, CODE))
        .expect("query")
        .expect("project");
    let (total, conclusion, approved): (i64, String, i64) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT total_cp, conclusion, approved_fen FROM exante_assessment
                 WHERE project_id = ?1 AND deleted_at IS NULL",
                [&project.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?)
        })
        .expect("assessment");
    assert_eq!(
        (total, conclusion.as_str(), approved),
        (9900, "予以支持", 300_000_000)
    );
    let t = db
        .read(|c| targets::target_of_project(c, &project.id))
        .expect("query")
        .expect("target");
    assert_eq!(t.status, TargetStatus::SecondDown);
    assert_eq!(t.first_approved_by.as_deref(), Some("王晓梅"));
    assert_eq!(t.approved_by.as_deref(), Some("李四"));
    let (first, second): (String, String) = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT a1.login, a2.login FROM perf_target t
                 JOIN account a1 ON a1.id = t.first_approved_account
                 JOIN account a2 ON a2.id = t.approved_account WHERE t.id = ?1",
                [&t.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("both account ids");
    assert_eq!((first.as_str(), second.as_str()), ("wangxm", "lisi"));
    assert_eq!(t.reduction.0, 20_000_000);
    assert_eq!(
        t.indicators.len(),
        10,
        "9 rows of the 案例 and one typed in"
    );
    let row = |i: usize| {
        let r = &t.indicators[i];
        (
            r.name.as_str(),
            r.value.as_str(),
            r.unit.as_str(),
            r.weight_cp,
        )
    };
    assert_eq!(row(0), ("高标准农田建设面积", "5000", "亩", Some(1500)));
    assert_eq!(row(8), ("受益农户满意度", "95", "%", Some(1000)));
    assert_eq!(row(9), ("新建灌排泵站", "12", "座", None));
    assert_eq!(t.comments.len(), 1);
    assert!(t.comments[0].resolved);
    assert_eq!(t.comments[0].text, "满意度指标值偏低，请不低于95%。");
}
