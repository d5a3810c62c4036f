//! A 《绩效评价结果反馈意见函》 through the real window: from a 定稿 财政重点评价 the bureau clicks
//! 「出具反馈意见函」, sees the letter's pages drawn in the preview, issues it, and finds its 文号
//! in the 发文登记簿. The database then holds the issued letter with its stored PDF.

mod support;

use jixiao_core::db::Db;
use jixiao_core::evaluation::key::{self, FindingInput};
use jixiao_core::evaluation::KeyStatus;
use jixiao_core::results::documents::{list_documents, DocQuery};
use jixiao_core::results::DocStatus;
use support::{county, Session};

const CODE: &str = "JT-2026-020";

fn prepare(path: &std::path::Path) {
    let db = Db::open(path).expect("db");
    let actor = support::accounts(&db);
    db.write(&actor, |ctx| {
        let u = county::budget_unit(ctx, "JT01", "县交通运输局")?;
        let p = county::project(ctx, 2026, CODE, "农村客运站改造", &u.id)?;
        let k = county::scored_key_eval(ctx, 2026, &p, 1050, None)?;
        key::save_key_findings(
            ctx,
            &k.id,
            &[FindingInput {
                id: None,
                category: "项目管理".into(),
                problem: "项目验收资料不完整，过程管理档案归集不及时。".into(),
                basis: "本单位项目管理办法".into(),
                recommendation: "补齐验收资料，建立项目档案管理制度。".into(),
            }],
        )?;
        let mut k = key::advance_key_eval(ctx, &k.id)?;
        while k.status != KeyStatus::Final {
            k = key::advance_key_eval(ctx, &k.id)?;
        }
        Ok(k)
    })
    .expect("a final key evaluation");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_feedback_letter_is_issued_in_the_window_and_its_number_is_in_the_register() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("letters.db");
    prepare(&db_path);
    let s = Session::start(&db_path).await;
    s.login("wangxm", support::PASSWORD).await;

    s.click("[data-testid=menu-evaluation-key]").await;
    s.click(&format!("[data-testid=key-row-{CODE}] .el-link"))
        .await;
    s.wait_text("[data-testid=key-status]", "定稿").await;
    s.click("[data-testid=key-feedback-letter]").await;
    s.wait_text("[data-testid=doc-status]", "草稿").await;
    // The preview draws the PDF's pages in the window (pdf.js).
    s.wait_css("[data-testid=doc-page-1]").await;
    s.wait_text("[data-testid=doc-page-count]", "页").await;
    s.shot("51-letter-draft-preview").await;
    s.click("[data-testid=doc-issue]").await;
    s.click("[data-testid=doc-issue-confirm]").await;
    s.wait_text("[data-testid=doc-number]", "〕1号").await;
    s.wait_css("[data-testid=doc-page-1]").await;
    s.shot("52-letter-issued").await;

    s.click("[data-testid=menu-results-register]").await;
    s.wait_text("body", "财绩函〔").await;
    s.wait_text("body", "关于反馈农村客运站改造绩效评价结果的函")
        .await;
    s.shot("53-register").await;
    // 系统设置 › 公文字体: each role's face, official or substitute, from core's font report.
    s.click("[data-testid=menu-fonts]").await;
    s.wait_css("[data-testid=font-table] .el-table__body tr")
        .await;
    s.wait_text("[data-testid=font-table]", "仿宋").await;
    s.shot("54-fonts").await;
    s.stop().await;

    let db = Db::open(&db_path).expect("open the app's database");
    let docs = db
        .read(|c| {
            list_documents(
                c,
                &DocQuery {
                    year: 2026,
                    ..Default::default()
                },
            )
        })
        .expect("documents");
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.status, DocStatus::Issued);
    assert!(d.number.as_deref().is_some_and(|n| n.ends_with("〕1号")));
    assert!(d.pdf_bytes.is_some_and(|n| n > 10_000 && n < 200 * 1024));
}
