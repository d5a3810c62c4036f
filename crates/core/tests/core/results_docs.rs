//! 结果应用 documents: a 反馈意见函 drafted from a 定稿 key evaluation carries its score, grade
//! and findings; issuing gives the next 文号 of its 代字 and year, freezes it and stores a PDF that
//! reprints byte for byte; a voided number is never given again; every 文种 drafts and lays out
//! from the demo county; the batch and the year's figures.

use super::common::{actor, temp_db};
use super::evaluation_key::{county, finalize, County};
use jixiao_core::evaluation::key::{self, FindingInput};
use jixiao_core::evaluation::KeyMethod;
use jixiao_core::results::documents::{
    batch_pdf, create_draft, document_pdf, get_document, issue_document, list_documents,
    update_draft, DocQuery, DraftInput,
};
use jixiao_core::results::register::{list_numbers, void_number};
use jixiao_core::results::stats::results_stats;
use jixiao_core::results::{DocStatus, DocType};
use jixiao_core::Error;
use jixiao_gongwen::{Block, FontConfig, FontSet};
use std::sync::OnceLock;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::discover(&FontConfig::default()).expect("CJK fonts installed"))
}

fn finalized_with_findings(c: &County) -> String {
    let k = c.project_eval(KeyMethod::Bureau);
    c.db()
        .write(&actor(), |ctx| {
            key::save_key_findings(
                ctx,
                &k.id,
                &[
                    FindingInput {
                        id: None,
                        category: "预算管理".into(),
                        problem: "预算编制不够细化，1,286.50万元中有120万元未细化到具体项目。"
                            .into(),
                        basis: "《中华人民共和国预算法》第三十二条".into(),
                        recommendation: "细化预算编制，年初预算到项目。".into(),
                    },
                    FindingInput {
                        id: None,
                        category: "绩效目标".into(),
                        problem: "部分绩效指标未量化。".into(),
                        basis: String::new(),
                        recommendation: "按指标库完善量化指标。".into(),
                    },
                ],
            )
        })
        .expect("findings");
    finalize(c, &k, 1050).id
}

fn draft(c: &County, doc_type: DocType, kind: &str, id: &str) -> jixiao_core::Result<String> {
    c.db()
        .write(&actor(), |ctx| {
            create_draft(
                ctx,
                &DraftInput {
                    doc_type,
                    source_kind: kind.into(),
                    source_id: id.into(),
                    year: None,
                },
            )
        })
        .map(|v| v.row.id)
}

fn issue(
    c: &County,
    id: &str,
) -> jixiao_core::Result<jixiao_core::results::documents::DocumentView> {
    c.db()
        .write(&actor(), |ctx| issue_document(ctx, id, fonts()))
}

fn body_text(blocks: &[Block]) -> String {
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph(t) | Block::Plain(t) => t.clone(),
            Block::Heading { text, .. } => text.clone(),
            Block::Table { rows, .. } => rows
                .iter()
                .map(|r| r.join("|"))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_feedback_letter_carries_the_score_grade_and_findings_and_issuing_numbers_and_freezes_it() {
    let c = county();
    let eval = finalized_with_findings(&c);
    let id = draft(&c, DocType::FeedbackLetter, "key_eval", &eval).expect("draft");
    let d = c.db().read(|conn| get_document(conn, &id)).expect("doc");
    assert_eq!(d.row.status, DocStatus::Draft);
    assert!(d.model.title.starts_with("关于反馈") && d.model.title.ends_with("绩效评价结果的函"));
    assert_eq!(d.model.addressees, vec!["县第一中学".to_string()]);
    let text = body_text(&d.model.body);
    assert!(text.contains("得分为89.50分，评价等级为“良”"), "{text}");
    assert!(
        text.contains("（一）预算管理方面。预算编制不够细化"),
        "{text}"
    );
    assert!(text.contains("（依据：《中华人民共和国预算法》第三十二条）"));
    assert!(text.contains("1.细化预算编制，年初预算到项目。"));
    let titles: Vec<String> = d.model.appendices.iter().map(|a| a.title.clone()).collect();
    assert_eq!(d.model.attachments, titles);
    assert!(titles[0].ends_with("绩效评价评分表") && titles[1] == "整改情况反馈表");
    // The 评分表 ends with 合计 100.00 / 89.50; the 反馈表 has one row per finding.
    let Block::Table { rows, .. } = &d.model.appendices[0].body[0] else {
        panic!("score table")
    };
    assert_eq!(
        rows.last().expect("total")[3..],
        ["100.00".to_string(), "89.50".to_string()]
    );
    let Block::Table { rows, columns } = &d.model.appendices[1].body[0] else {
        panic!("feedback form")
    };
    assert_eq!(columns.len(), 8);
    assert_eq!(rows.len(), 2);

    // A clerk edits the text, then issues it.
    let mut edited = d.model.clone();
    edited.body.push(Block::Paragraph("特此函告。".into()));
    c.db()
        .write(&actor(), |ctx| update_draft(ctx, &id, &edited))
        .expect("edit");
    let issued = issue(&c, &id).expect("issue");
    let year = c.db().clock().today().format("%Y").to_string();
    assert_eq!(
        issued.row.number.as_deref(),
        Some(format!("X财绩函〔{year}〕1号").as_str())
    );
    assert_eq!(issued.row.status, DocStatus::Issued);
    assert!(body_text(&issued.model.body).ends_with("特此函告。"));
    // Frozen: no edit, no second draft of the same source.
    assert!(matches!(
        c.db()
            .write(&actor(), |ctx| update_draft(ctx, &id, &edited)),
        Err(Error::Conflict(_))
    ));
    let again = draft(&c, DocType::FeedbackLetter, "key_eval", &eval);
    assert!(
        matches!(&again, Err(Error::Conflict(m)) if m.contains("X财绩函")),
        "{again:?}"
    );
    // The stored PDF reprints byte for byte and is a PDF of a sensible size.
    let a = c
        .db()
        .read(|conn| document_pdf(conn, &id, fonts()))
        .expect("pdf");
    let b = c
        .db()
        .read(|conn| document_pdf(conn, &id, fonts()))
        .expect("pdf");
    assert_eq!(a, b);
    assert!(
        a.starts_with(b"%PDF") && a.len() < 200 * 1024,
        "{} bytes",
        a.len()
    );
    // Another 文种 has its own 代字 and so its own sequence.
    let notice = draft(&c, DocType::RectificationNotice, "key_eval", &eval).expect("notice");
    let n = issue(&c, &notice).expect("issue notice");
    assert_eq!(
        n.row.number.as_deref(),
        Some(format!("X财绩通〔{year}〕1号").as_str())
    );
}

#[test]
fn a_letter_before_the_evaluation_is_final_is_refused_and_nothing_is_written() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    let r = draft(&c, DocType::FeedbackLetter, "key_eval", &k.id);
    assert!(
        matches!(&r, Err(Error::Conflict(m)) if m.contains("定稿后")),
        "{r:?}"
    );
    let year = c
        .db()
        .clock()
        .today()
        .format("%Y")
        .to_string()
        .parse()
        .expect("year");
    let docs = c
        .db()
        .read(|conn| {
            list_documents(
                conn,
                &DocQuery {
                    year,
                    ..Default::default()
                },
            )
        })
        .expect("list");
    assert!(docs.is_empty());
}

#[test]
fn a_voided_number_is_kept_with_its_reason_and_never_given_again() {
    let c = county();
    let eval = finalized_with_findings(&c);
    let first = draft(&c, DocType::FeedbackLetter, "key_eval", &eval).expect("draft");
    issue(&c, &first).expect("issue");
    let year: i32 = c
        .db()
        .clock()
        .today()
        .format("%Y")
        .to_string()
        .parse()
        .expect("year");
    let numbers = c
        .db()
        .read(|conn| list_numbers(conn, year, None))
        .expect("register");
    assert_eq!(numbers.len(), 1);
    assert!(c
        .db()
        .write(&actor(), |ctx| void_number(ctx, &numbers[0].id, " "))
        .is_err());
    let voided = c
        .db()
        .write(&actor(), |ctx| {
            void_number(ctx, &numbers[0].id, "主送单位有误")
        })
        .expect("void");
    assert_eq!(
        (voided.status.as_str(), voided.void_reason.as_str()),
        ("已作废", "主送单位有误")
    );
    // The letter can be issued again — under the next number.
    let second = draft(&c, DocType::FeedbackLetter, "key_eval", &eval).expect("redraft");
    let issued = issue(&c, &second).expect("reissue");
    assert_eq!(issued.row.number, Some(format!("X财绩函〔{year}〕2号")));
    let register = c
        .db()
        .read(|conn| list_numbers(conn, year, Some("财绩函")))
        .expect("search");
    let view: Vec<(i64, &str)> = register
        .iter()
        .map(|r| (r.seq, r.status.as_str()))
        .collect();
    assert_eq!(view, vec![(2, "已使用"), (1, "已作废")]);
}

#[test]
fn every_kind_of_document_drafts_from_the_demo_county_and_lays_out() {
    let t = crate::common::demo_county();
    let first = |sql: &str| -> String {
        t.db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .expect(sql)
    };
    let key = first("SELECT id FROM key_eval WHERE status = '定稿' AND fiscal_year = 2025 ORDER BY object_name LIMIT 1");
    let spot = first("SELECT id FROM spot_check WHERE status = '已复核' ORDER BY seq LIMIT 1");
    let unit =
        first("SELECT unit_id FROM self_eval WHERE fiscal_year = 2025 ORDER BY unit_id LIMIT 1");
    let project = first(
        "SELECT a.project_id FROM exante_assessment a JOIN project p ON p.id = a.project_id
         WHERE p.fiscal_year = 2025 ORDER BY p.code LIMIT 1",
    );
    // A red, submitted sheet of the closed 2025 round.
    let round = first("SELECT id FROM monitor_round WHERE fiscal_year = 2025 LIMIT 1");
    let red =
        t.db.read(|c| jixiao_core::monitoring::task_rows(c, &round))
            .expect("rows")
            .into_iter()
            .find(|r| r.warning == Some(jixiao_core::monitoring::Warning::Red))
            .expect("a red sheet")
            .id;
    let cases = [
        (DocType::FeedbackLetter, "key_eval", key.as_str(), None),
        (DocType::FeedbackLetter, "spot_check", spot.as_str(), None),
        (DocType::RectificationNotice, "key_eval", key.as_str(), None),
        (
            DocType::RectificationNotice,
            "monitor_task",
            red.as_str(),
            None,
        ),
        (
            DocType::ManagementOpinion,
            "unit",
            unit.as_str(),
            Some(2025),
        ),
        (
            DocType::MonitoringFeedback,
            "monitor_task",
            red.as_str(),
            None,
        ),
        (DocType::ExAnteOpinion, "project", project.as_str(), None),
    ];
    for (doc_type, kind, id, year) in cases {
        let input = DraftInput {
            doc_type,
            source_kind: kind.into(),
            source_id: id.into(),
            year,
        };
        // The demo issues one of each 文种 itself: its letter is there with a 文号 and a PDF,
        // and drafting it again is refused.
        let demo =
            t.db.read(|c| jixiao_core::results::documents::issued_for(c, doc_type, id));
        if let Some(done) = demo.expect("issued_for") {
            assert!(
                done.row.number.is_some() && done.row.pdf_bytes.is_some(),
                "{:?}",
                done.row
            );
            let again = t.db.write(&actor(), |ctx| create_draft(ctx, &input));
            assert!(matches!(again, Err(Error::Conflict(_))), "{again:?}");
            continue;
        }
        let view =
            t.db.write(&actor(), |ctx| create_draft(ctx, &input))
                .unwrap_or_else(|e| panic!("{} from {kind}: {e}", doc_type.label()));
        assert!(!view.model.body.is_empty(), "{}", doc_type.label());
        let issued =
            t.db.write(&actor(), |ctx| issue_document(ctx, &view.row.id, fonts()))
                .unwrap_or_else(|e| panic!("issue {}: {e}", doc_type.label()));
        assert!(
            issued.row.pdf_bytes.is_some_and(|n| n < 200 * 1024),
            "{:?}",
            issued.row
        );
    }
    let mut calls = Vec::new();
    let (n, pdf) =
        t.db.read(|c| {
            batch_pdf(
                c,
                2025,
                DocType::FeedbackLetter,
                fonts(),
                &mut |d, total| calls.push((d, total)),
            )
        })
        .expect("batch");
    let issued = |doc_type: &str| -> i64 {
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM document WHERE fiscal_year = 2025 AND doc_type = ?1
                   AND status = '已印发' AND deleted_at IS NULL",
                [doc_type],
                |r| r.get(0),
            )?)
        })
        .expect("count")
    };
    let letters = issued("反馈意见函");
    // Every finished evaluation's letter (the demo's) and at least the two drafted here.
    assert!(letters >= 2, "{letters}");
    assert_eq!(n as i64, letters);
    assert_eq!(calls.last(), Some(&(n, n)));
    assert!(pdf.starts_with(b"%PDF"));
    let today = t.db.clock().today();
    let s = t.db.read(|c| results_stats(c, 2025, today)).expect("stats");
    let json = serde_json::to_value(&s).expect("json");
    assert_eq!(
        json["documents"],
        serde_json::json!({"反馈意见函": letters, "整改通知书": issued("整改通知书"),
            "绩效管理意见书": issued("绩效管理意见书"), "监控结果反馈书": issued("监控结果反馈书"),
            "事前评估意见": issued("事前评估意见")})
    );
    for kind in [
        "整改通知书",
        "绩效管理意见书",
        "监控结果反馈书",
        "事前评估意见",
    ] {
        assert!(issued(kind) >= 1, "{kind}");
    }
    assert!(json["rectifications"]["open"]
        .as_i64()
        .is_some_and(|n| n > 0));
    assert!(json["budget_linkage"]["cut_fen"]
        .as_i64()
        .is_some_and(|n| n > 0));
    assert_eq!(json["disclosure"]["not_public"], 2);
}

#[test]
fn importing_a_font_copies_it_into_the_data_folder_and_is_logged_refusals_change_nothing() {
    use jixiao_core::results::documents::{font_report, fonts_for, import_font_action};
    let t = temp_db();
    let fonts_dir = t.dir.path().join("fonts");
    let audit_rows = || -> i64 {
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE entity = 'font'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("count")
    };
    // Not a font: refused in Chinese, nothing copied, nothing logged.
    let text = t.dir.path().join("说明.ttf");
    std::fs::write(&text, "这不是字体文件").expect("write");
    let err =
        t.db.write(&actor(), |ctx| import_font_action(ctx, &text))
            .expect_err("not a font");
    assert!(
        err.to_string()
            .contains("不是可用的 TrueType/OpenType 字体"),
        "{err}"
    );
    assert!(!fonts_dir.join("说明.ttf").exists());
    // The 系统管理员 may not change the bureau's letters.
    let font = std::path::Path::new("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");
    let refused =
        t.db.write(&super::common::admin(), |ctx| import_font_action(ctx, font));
    assert!(refused.is_err());
    assert!(!fonts_dir.exists());
    assert_eq!(audit_rows(), 0);
    if !font.exists() {
        return;
    }
    let families =
        t.db.write(&actor(), |ctx| import_font_action(ctx, font))
            .expect("import");
    assert_eq!(families, vec!["Droid Sans Fallback".to_string()]);
    assert_eq!(
        std::fs::read(fonts_dir.join("DroidSansFallbackFull.ttf")).expect("copied"),
        std::fs::read(font).expect("source")
    );
    assert_eq!(audit_rows(), 1);
    // The report the 字体 screen and `print fonts` show names the folder searched first.
    let report =
        t.db.read(|c| Ok(font_report(c, &fonts_for(c)?)))
            .expect("report");
    assert_eq!(
        report.fonts_dir.as_deref(),
        Some(fonts_dir.display().to_string().as_str())
    );
    assert_eq!(report.fonts.len(), 4);
    assert_eq!(
        report.warnings.len(),
        report.fonts.iter().filter(|f| !f.official).count()
    );
}

/// Issue 16 (global search): an issued letter is found by its 文号, a fragment of it, and its
/// title; a draft has no 文号 to find.
#[test]
fn the_global_search_finds_an_issued_letter_by_its_wenhao() {
    let c = county();
    let eval = finalized_with_findings(&c);
    let id = draft(&c, DocType::FeedbackLetter, "key_eval", &eval).expect("draft");
    let find = |text: &str| -> Vec<(String, String)> {
        c.db()
            .read(|conn| jixiao_core::search::search(conn, &actor(), text))
            .expect("search")
            .into_iter()
            .filter(|g| g.kind == "文书")
            .flat_map(|g| g.hits)
            .map(|h| (h.id, h.code))
            .collect()
    };
    assert!(find("财绩函").is_empty(), "a draft has no 文号");
    let issued = issue(&c, &id).expect("issue");
    let number = issued.row.number.clone().expect("文号");
    assert_eq!(find(&number), vec![(id.clone(), number.clone())]);
    assert_eq!(find("财绩函")[0].0, id);
    assert_eq!(find("评价结果的函")[0].0, id, "by title");
}
