//! 智能审核 through the real window: a unit's target arrives in 一上 without a 成本指标; the
//! reviewer (王晓梅, 绩效管理) opens it, sees the finding 「缺少成本指标」 in the 智能审核 panel,
//! turns it into a review comment with one click and returns the target (一下). The database
//! then holds the comment with the finding's text and 类别. Then the 疑点清单 opens.

mod support;

use jixiao_core::db::Db;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::org::{self, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, ProjectCategory};
use jixiao_core::targets::{self, CommentCategory, IndicatorInput, TargetDraft, TargetStatus};
use support::Session;

const CODE: &str = "SH-2026-001";

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

/// A project whose target (数量, 质量, 效益, 满意度 — no 成本) the unit submitted (一上).
fn prepare(path: &std::path::Path) -> String {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = org::create_unit(
            ctx,
            &UnitInput {
                code: "SH01".into(),
                name: "县水务局".into(),
                parent_id: None,
                kind: UnitKind::BudgetUnit,
                contact: "赵强".into(),
                phone: "0635-5100003".into(),
            },
        )?;
        let p = projects::create_project(
            ctx,
            &projects::ProjectInput {
                fiscal_year: 2026,
                code: CODE.into(),
                name: "农村饮水安全巩固提升".into(),
                unit_id: u.id,
                budget_type: BudgetType::General,
                category: ProjectCategory::SpecificPurpose,
                new_or_continuing: NewOrContinuing::New,
                period_start: 2026,
                period_end: 2026,
                initial_budget_wan: "120".into(),
                adjusted_budget_wan: "120".into(),
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
                overall_goal: "巩固提升2600名农村群众的饮水安全保障水平。".into(),
                indicators: vec![
                    row(Level2::Quantity, "受益人数", Nature::AtLeast, "2600", "人"),
                    row(Level2::Quality, "水质达标率", Nature::AtLeast, "95", "%"),
                    row(Level2::Social, "饮水保障率", Nature::AtLeast, "98", "%"),
                    row(
                        Level2::ServiceSatisfaction,
                        "受益群众满意度",
                        Nature::AtLeast,
                        "90",
                        "%",
                    ),
                ],
            },
        )?;
        targets::submit_target(ctx, &t.id)?;
        Ok(t.id)
    })
    .expect("submitted target")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_reviewer_turns_a_missing_cost_finding_into_a_comment_and_returns_the_target() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("review.db");
    let target_id = prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    s.click("[data-testid=menu-targets]").await;
    s.click(&format!("[data-testid=targets-open-{CODE}]")).await;
    s.wait_text("[data-testid=target-status]", "一上").await;
    s.wait_text("[data-testid=findings-panel]", "缺少成本指标")
        .await;
    s.wait_text("[data-testid=findings-summary]", "必改 1")
        .await;
    s.shot("61-review-findings").await;
    s.click("[data-testid=finding-to-comment-0]").await;
    s.wait_text("[data-testid=review-pending]", "缺少成本指标")
        .await;
    s.shot("62-finding-as-comment").await;
    s.click("[data-testid=review-return]").await;
    s.wait_text("[data-testid=target-status]", "一下").await;

    // The 疑点清单 opens for the header year (nothing to find in this county yet).
    s.click("[data-testid=menu-review-risks]").await;
    s.wait_text("[data-testid=risk-list]", "疑点清单").await;
    s.shot("63-risk-list").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let t = db
        .read(|c| targets::get_target(c, &target_id))
        .expect("target");
    assert_eq!(t.status, TargetStatus::FirstDown);
    assert_eq!(t.comments.len(), 1);
    assert_eq!(t.comments[0].category, CommentCategory::Completeness);
    assert!(
        t.comments[0].text.starts_with("【缺少成本指标】"),
        "{}",
        t.comments[0].text
    );
}
