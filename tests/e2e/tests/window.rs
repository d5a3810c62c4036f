//! The real `jixiao` binary under Xvfb, driven over WebDriver (tauri-driver → WebKitWebDriver):
//! first start creates the 系统管理员, who opens an account for a clerk in 用户管理; the clerk
//! signs in, must change the first password, creates a 预算单位 and a project, and sees them; the
//! database then holds them. Screenshots of each screen go to `artifacts/e2e/`.
//!
//! Needs: `JIXIAO_APP` (default `target/release/jixiao`, built with `custom-protocol`),
//! `TAURI_DRIVER` (default `tauri-driver` on PATH), a display (run under `xvfb-run`).

mod support;

use jixiao_core::db::Db;
use jixiao_core::org;
use jixiao_core::projects::{self, ProjectQuery};
use support::Session;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clerk_creates_a_unit_and_a_project_through_the_window() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("e2e.db");
    let s = Session::start(&db_path).await;

    // First start: the 系统管理员 account, blank database; the recovery code is shown once.
    s.wait_css("[data-testid=first-name] input").await;
    s.type_into("[data-testid=first-name] input", "周管理")
        .await;
    s.type_into("[data-testid=first-password] input", "Admin2026")
        .await;
    s.type_into("[data-testid=first-again] input", "Admin2026")
        .await;
    s.click("[data-testid=first-blank]").await;
    s.shot("01-first-start").await;
    s.click("[data-testid=first-submit]").await;
    s.wait_text(".recovery-code-box", "恢复码").await;
    s.shot("01b-recovery-code").await;
    s.click(".recovery-code-box .el-button--primary").await;

    // 用户管理: the administrator opens an account for the clerk (绩效管理).
    s.click("[data-testid=menu-users]").await;
    s.click("[data-testid=user-add]").await;
    s.type_into("[data-testid=user-login] input", "wangxm")
        .await;
    s.type_into("[data-testid=user-name] input", "王晓梅").await;
    s.click("[data-testid='user-role-单位填报']").await;
    s.click("[data-testid='user-role-绩效管理']").await;
    s.type_into("[data-testid=user-password] input", "First2026")
        .await;
    s.click("[data-testid=user-save]").await;
    s.wait_text("[data-testid=user-table]", "王晓梅").await;
    s.shot("01c-users").await;
    s.logout().await;

    // The clerk signs in and must replace the first password.
    s.login_until("wangxm", "First2026", "[data-testid=change-password]")
        .await;
    s.type_into("[data-testid=pw-old] input", "First2026").await;
    s.type_into("[data-testid=pw-new] input", "Mine2026x").await;
    s.type_into("[data-testid=pw-again] input", "Mine2026x")
        .await;
    s.click("[data-testid=pw-save]").await;
    s.wait_css("[data-testid=user-menu]").await;

    // 单位管理: add a top-level 预算单位.
    s.click("[data-testid=menu-units]").await;
    s.click("[data-testid=unit-add-top]").await;
    s.type_into("[data-testid=unit-code] input", "E2E01").await;
    s.type_into("[data-testid=unit-name] input", "县测试服务中心")
        .await;
    s.type_into("[data-testid=unit-contact] input", "李明")
        .await;
    s.type_into("[data-testid=unit-phone] input", "0635-5123456")
        .await;
    s.shot("02-unit-form").await;
    s.click("[data-testid=unit-save]").await;
    s.wait_text("[data-testid=unit-tree]", "E2E01").await;
    s.wait_text("[data-testid=unit-tree]", "县测试服务中心")
        .await;
    s.shot("03-units").await;

    // 项目管理: add a project of that unit.
    s.click("[data-testid=menu-projects]").await;
    s.click("[data-testid=project-add]").await;
    s.type_into("[data-testid=project-code] input", "E2E-2026-001")
        .await;
    s.type_into("[data-testid=project-name] input", "乡村道路养护示范项目")
        .await;
    s.choose_option("[data-testid=project-unit]", "县测试服务中心")
        .await;
    s.type_into("[data-testid=project-initial] input", "128.5")
        .await;
    s.type_into("[data-testid=project-adjusted] input", "130.25")
        .await;
    s.shot("04-project-form").await;
    s.click("[data-testid=project-save]").await;
    s.wait_text("[data-testid=project-table]", "E2E-2026-001")
        .await;
    s.wait_text("[data-testid=project-table]", "乡村道路养护示范项目")
        .await;
    s.wait_text("[data-testid=project-total]", "130.25").await;
    s.shot("05-projects").await;

    s.click("[data-testid=menu-rules]").await;
    s.wait_text("body", "评价等级").await;
    s.shot("06-rules").await;
    s.stop().await;

    // What the window showed is in the database, exactly.
    let db = Db::open(&db_path).expect("open the app's database");
    let unit = db
        .read(|c| org::find_unit_by_code(c, "E2E01"))
        .expect("query unit")
        .expect("unit saved");
    assert_eq!(unit.name, "县测试服务中心");
    assert_eq!(unit.kind, org::UnitKind::BudgetUnit);
    let page = db
        .read(|c| projects::list_projects(c, &ProjectQuery::default()))
        .expect("query projects");
    assert_eq!(page.rows.len(), 1);
    let p = &page.rows[0];
    assert_eq!(p.code, "E2E-2026-001");
    assert_eq!(p.unit_id, unit.id);
    assert_eq!(p.initial_budget.0, 128_500_000);
    assert_eq!(p.adjusted_budget.0, 130_250_000);
    let audit = db
        .read(|c| jixiao_core::audit::list_recent(c, 50))
        .expect("audit");
    assert!(audit
        .iter()
        .any(|a| a.operator_name == "王晓梅" && a.entity == "project"));
}
