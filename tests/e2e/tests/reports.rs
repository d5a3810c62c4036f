//! 统计分析 › 年度总览 through the real window on the demo county's closed year 2025: the cards
//! show the figures `year_overview` computes in core; a click on 「予以支持」 opens 事前评估
//! filtered by that conclusion with as many rows as the card says, and 「整改逾期」 opens the
//! 整改台账 with ?overdue=1 and that many rows; 「生成年度报告」 writes the .docx and the PDF;
//! 导出 writes the .xlsx and 人大报送 its attachments. The native save dialog is answered by the
//! app's `JIXIAO_E2E_SAVE_DIR` stand-in (the folder the files must land in).

mod support;

use jixiao_core::db::Db;
use jixiao_core::reports::year_overview;
use jixiao_core::system;
use jixiao_core::Fen;
use support::Session;

fn pct(bp: i64) -> String {
    format!("{}.{:02}%", bp / 100, bp % 100)
}

/// 万元 as the screens show it: thousands separators, two decimals.
fn wan(fen: i64) -> String {
    let s = Fen(fen).wan_2dp();
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{frac}")
}

/// Waits until `path` exists and is no longer growing; returns its bytes.
async fn wait_file(path: &std::path::Path) -> Vec<u8> {
    let started = std::time::Instant::now();
    let mut last = None;
    while started.elapsed() < std::time::Duration::from_secs(60) {
        if let Ok(b) = std::fs::read(path) {
            if !b.is_empty() && last == Some(b.len()) {
                return b;
            }
            last = Some(b.len());
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    panic!("{} was not written", path.display());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_year_overview_shows_core_figures_opens_filtered_lists_and_writes_the_report() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db_path = tmp.path().join("demo.db");
    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).expect("out dir");
    let o = {
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
        db.read(|c| year_overview(c, 2025, today))
            .expect("overview")
    };
    let (e, t, m, r) = (
        &o.exante.total,
        &o.targets.total,
        &o.monitoring.total,
        &o.results.total,
    );
    assert!(
        e.support > 0 && r.rect_overdue > 0,
        "the demo's 2025 has both"
    );

    // The app (started by tauri-driver, which inherits this environment) answers save dialogs
    // with files in `out`.
    std::env::set_var("JIXIAO_E2E_SAVE_DIR", &out);
    let s = Session::start(&db_path).await;
    s.login("jxg", support::PASSWORD).await;
    s.wait_css("[data-testid=wb-progress]").await;
    s.choose_option("[data-testid=year-select]", "2025年").await;
    s.click("[data-testid=menu-reports-overview]").await;
    s.wait_text("[data-testid=ov-title]", "2025 年度总览").await;
    for (id, want) in [
        ("exante-assessed", e.assessed.to_string()),
        ("exante-support", e.support.to_string()),
        ("exante-declared", wan(e.declared_fen)),
        ("exante-reduction-rate", pct(e.reduction_rate_bp)),
        ("targets-coverage", pct(t.project_coverage_bp)),
        ("targets-quantification", pct(t.quantification_rate_bp)),
        ("monitoring-execution", pct(m.execution_rate_bp)),
        ("monitoring-completion", pct(m.completion_rate_bp)),
        (
            "evaluation-self-coverage",
            pct(o.evaluation.total.self_coverage_bp),
        ),
        ("evaluation-key", o.evaluation.total.key_count.to_string()),
        ("results-rect-overdue", r.rect_overdue.to_string()),
        ("results-cut", wan(r.linkage_cut_fen)),
    ] {
        s.wait_text(&format!("[data-testid=ov-{id}-value]"), &want)
            .await;
    }
    s.shot("91-reports-overview").await;

    // A figure opens the list that makes it, filtered: as many rows as the card says.
    s.click("[data-testid=ov-exante-support]").await;
    s.wait_text(".el-pagination__total", &format!("共 {} 条", e.support))
        .await;
    s.shot("92-reports-exante-support").await;
    s.click("[data-testid=menu-reports-overview]").await;
    s.click("[data-testid=ov-results-rect-overdue]").await;
    s.wait_text(
        ".el-pagination__total",
        &format!("共 {} 条", r.rect_overdue),
    )
    .await;
    s.shot("93-reports-rect-overdue").await;

    // 生成年度报告: the .docx, then the PDF, where the (stand-in) dialog put them.
    s.click("[data-testid=menu-reports-overview]").await;
    s.wait_text("[data-testid=ov-title]", "2025 年度总览").await;
    let title = format!("{}2025年度全面预算绩效管理工作开展情况", o.county);
    for (item, ext) in [("ov-generate-docx", "docx"), ("ov-generate-pdf", "pdf")] {
        s.click("[data-testid=ov-generate]").await;
        s.click(&format!("[data-testid={item}]")).await;
        let bytes = wait_file(&out.join(format!("{title}.{ext}"))).await;
        assert!(bytes.starts_with(if ext == "pdf" { b"%PDF" } else { b"PK\x03\x04" }));
    }
    // 导出 and 人大报送.
    s.click("[data-testid=ov-export]").await;
    wait_file(&out.join(format!("{}2025年度总览.xlsx", o.county))).await;
    s.click("[data-testid=ov-npc]").await;
    s.click("[data-testid=ov-npc-write]").await;
    wait_file(&out.join(format!(
        "{}2025年度重点项目绩效目标及评价结果.xlsx",
        o.county
    )))
    .await;
    s.shot("94-reports-written").await;
    s.stop().await;
}
