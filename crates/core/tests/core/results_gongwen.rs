//! Every 文种 as the demo county composes it, read back from its PDF the way a 办公室
//! proofreader checks it (issue 22): numbers and short headers never wrap in a table cell, the
//! 附件说明 names each attachment's own title, （一） items in 楷体 with the body in 仿宋, GB/T
//! 15834 punctuation, drafts marked 草稿 without a 文号, and true PDF metadata.

use super::common::actor;
use jixiao_core::results::documents::{
    create_draft, document_pdf, get_document, issue_document, DraftInput,
};
use jixiao_core::results::DocType;
use jixiao_gongwen::inspect::{info, inspect, InspectedPage};
use jixiao_gongwen::{Block, Document, FontConfig, FontSet};
use std::sync::OnceLock;

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| FontSet::discover(&FontConfig::default()).expect("CJK fonts installed"))
}

/// 12 pt table glyphs split into cells by the page's vertical rules.
fn cell_fragments(page: &InspectedPage) -> Vec<String> {
    let mut xs: Vec<f32> = page
        .rects
        .iter()
        .filter(|r| r.w < 1.0 && r.h > 5.0)
        .map(|r| r.x + r.w / 2.0)
        .collect();
    xs.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, f32, String)> = Vec::new();
    for line in page
        .lines()
        .iter()
        .filter(|l| (l.size() - 12.0).abs() < 0.1)
    {
        for c in &line.chars {
            let mid = c.x + c.advance / 2.0;
            let left = xs.iter().rev().find(|&&x| x < mid).copied().unwrap_or(0.0);
            match out
                .iter_mut()
                .find(|(x, b, _)| (*x - left).abs() < 0.1 && (*b - c.baseline).abs() < 0.5)
            {
                Some(f) => f.2.push(c.ch),
                None => out.push((left, c.baseline, c.ch.to_string())),
            }
        }
    }
    out.into_iter().map(|(_, _, t)| t).collect()
}

fn all_blocks(doc: &Document) -> Vec<&Block> {
    doc.body
        .iter()
        .chain(doc.appendices.iter().flat_map(|a| a.body.iter()))
        .collect()
}

fn texts(doc: &Document) -> Vec<String> {
    let mut out = vec![doc.title.clone()];
    for b in all_blocks(doc) {
        match b {
            Block::Paragraph(t) | Block::Plain(t) => out.push(t.clone()),
            Block::Heading { text, .. } => out.push(text.clone()),
            Block::Table { columns, rows } => {
                out.extend(columns.iter().map(|c| c.title.clone()));
                out.extend(rows.iter().flatten().cloned());
            }
        }
    }
    out
}

fn check(label: &str, doc: &Document, pdf: &[u8], draft: bool) {
    let pages = inspect(pdf).expect("inspect");
    let text: String = pages
        .iter()
        .map(|p| p.text())
        .collect::<Vec<_>>()
        .join("\n");
    // (2) Numbers and short headers stay whole in their cells.
    let fragments: Vec<String> = pages.iter().flat_map(cell_fragments).collect();
    for b in all_blocks(doc) {
        if let Block::Table { columns, rows } = b {
            let short = columns
                .iter()
                .map(|c| c.title.as_str())
                .filter(|t| t.chars().count() <= 4);
            let numbers = rows.iter().flatten().map(String::as_str).filter(|t| {
                !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".,%".contains(c))
            });
            for want in short.chain(numbers) {
                assert!(
                    fragments.iter().any(|f| f == want),
                    "{label}: 「{want}」 wraps in its cell"
                );
            }
        }
    }
    // (4) 附件说明 = the attachments' own titles.
    let titles: Vec<&str> = doc.appendices.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(doc.attachments, titles, "{label}");
    let flat: String = text.chars().filter(|c| *c != '\n').collect();
    for (i, t) in titles.iter().enumerate() {
        let entry = if titles.len() == 1 {
            format!("附件：{t}")
        } else {
            format!("{}.{t}", i + 1)
        };
        assert!(flat.contains(&entry), "{label}: 附件说明 lacks {entry}");
    }
    // (6) （一） items: the heading in 楷体, the text after its 。 in the body face.
    let lines: Vec<_> = pages.iter().flat_map(InspectedPage::lines).collect();
    // The 主送机关 line (仿宋) ends with ：.
    let body_font = lines
        .iter()
        .find(|l| (l.size() - 16.0).abs() < 0.1 && l.text().ends_with('：'))
        .map(|l| l.chars[0].font.clone())
        .unwrap_or_else(|| panic!("{label}: no 主送机关 line"));
    for l in lines.iter().filter(|l| l.text().starts_with("（一）")) {
        assert_ne!(
            l.chars[0].font, body_font,
            "{label}: （一） in the body face"
        );
    }
    // (7) Punctuation: horizontal quotes, no space after 「1.」, numbered items end with 。.
    for t in texts(doc) {
        assert!(!t.contains(['『', '』', '「', '」']), "{label}: {t}");
        assert!(!t.starts_with("1. "), "{label}: {t}");
        let c: Vec<char> = t.chars().collect();
        assert!(
            !c.windows(3)
                .any(|w| w[0].is_ascii_digit() && w[1] == ' ' && !w[2].is_ascii()),
            "{label}: a space between a number and its unit: {t}"
        );
        if t.starts_with("（一）") && t.contains('。') {
            assert!(t.ends_with('。'), "{label}: item without 。: {t}");
        }
    }
    assert!(!text.contains(['『', '』']), "{label}");
    // (9) A draft: 草稿 on every page, no 文号.
    for (i, p) in pages.iter().enumerate() {
        let marks = p.chars.iter().filter(|c| c.size >= 72.0).count();
        assert_eq!(marks, if draft { 2 } else { 0 }, "{label} page {}", i + 1);
    }
    let head = pages[0].lines();
    let title_at = head
        .iter()
        .find(|l| (l.size() - 22.0).abs() < 0.1)
        .map_or(0.0, |l| l.baseline());
    let number_line = head
        .iter()
        .any(|l| l.baseline() < title_at && l.text().contains('〔'));
    assert_eq!(
        number_line, !draft,
        "{label}: 文号 line shown = {number_line}"
    );
    // (10) Metadata.
    let meta = info(pdf).expect("info");
    let get = |k: &str| {
        meta.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
    };
    assert_eq!(
        get("Author").as_deref(),
        Some(doc.signature.as_str()),
        "{label}"
    );
    let date = format!("D:{}", doc.date.format("%Y%m%d"));
    assert!(
        get("CreationDate").is_some_and(|d| d.starts_with(&date)),
        "{label}: {meta:?}"
    );
    assert!(meta.iter().all(|(k, _)| !k.starts_with("GTS_")), "{label}");
    // (11) A 整改通知书 is in the 文件格式 with a full 版记; the others are 函.
    let red_rules = pages[0].rects.iter().filter(|r| r.color.0 > 0.8).count();
    let last = pages.last().expect("pages");
    let mut record_rules: Vec<_> = last
        .rects
        .iter()
        .filter(|r| r.color.0 < 0.2 && r.w > 400.0 && r.h > 0.6 && r.h < 1.1)
        .collect();
    record_rules.sort_by(|a, b| a.y.total_cmp(&b.y));
    // The 版记's 抄送 line (the demo's 文书设置 name two 抄送机关) on the last page, one
    // character in, inside the 版心.
    let mm = 72.0 / 25.4;
    let cc = last
        .lines()
        .into_iter()
        .find(|l| l.text().starts_with("抄送："))
        .unwrap_or_else(|| panic!("{label}: no 抄送 line"));
    assert_eq!(cc.text(), "抄送：县人民政府办公室，县审计局。", "{label}");
    assert!((cc.x0() - (28.0 * mm + 14.0)).abs() < 0.5, "{label}");
    assert!(cc.baseline() < 262.0 * mm, "{label}");
    if doc.format == jixiao_gongwen::Format::Document {
        assert!(doc.issuer_mark.ends_with("文件"), "{label}");
        // The head: the mark's top 35 mm below the 版心 top, the 文号 centred.
        let head = pages[0].lines();
        let mark = head
            .iter()
            .find(|l| l.text() == doc.issuer_mark)
            .unwrap_or_else(|| panic!("{label}: mark"));
        let top = mark.baseline() - 0.88 * mark.size();
        assert!((top - 72.0 * mm).abs() < 0.5 * mm, "{label}: mark at {top}");
        if !draft {
            let no = head
                .iter()
                .find(|l| l.text().contains('〔'))
                .unwrap_or_else(|| panic!("{label}: 文号"));
            let centre = 28.0 * mm + 78.0 * mm;
            assert!(
                ((no.x0() + no.x1()) / 2.0 - centre).abs() < 0.5 * mm,
                "{label}: 文号 centred"
            );
        }
        assert_eq!(red_rules, 1, "{label}: one red rule under the 文号");
        let thickness: Vec<f32> = record_rules.iter().map(|r| r.h / mm).collect();
        assert_eq!(thickness.len(), 3, "{label}: {thickness:?}");
        assert!(
            (thickness[0] - 0.35).abs() < 0.02
                && (thickness[1] - 0.25).abs() < 0.02
                && (thickness[2] - 0.35).abs() < 0.02,
            "{label}: 版记 rules {thickness:?} mm"
        );
        let bottom = record_rules
            .iter()
            .map(|r| r.y + r.h)
            .fold(0.0f32, f32::max);
        assert!(
            (bottom - 262.0 * mm).abs() < 0.5,
            "{label}: 版记 ends at {bottom}"
        );
        assert!(
            last.text().contains("印发"),
            "{label}: no 印发机关和印发日期"
        );
    } else {
        assert_eq!(
            red_rules, 4,
            "{label}: 信函格式 double rules top and bottom"
        );
    }
    if label.starts_with("整改通知书") {
        assert_eq!(doc.format, jixiao_gongwen::Format::Document, "{label}");
    }
}

#[test]
fn every_kind_of_document_passes_the_proofreaders_checks_as_draft_and_issued() {
    let t = crate::common::demo_county();
    let first = |sql: &str| -> String {
        t.db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .expect(sql)
    };
    let key = first("SELECT k.id FROM key_eval k WHERE k.status = '定稿' AND k.fiscal_year = 2025 AND EXISTS (SELECT 1 FROM key_eval_finding f WHERE f.key_eval_id = k.id AND f.deleted_at IS NULL) ORDER BY k.object_name LIMIT 1");
    let spot = first("SELECT id FROM spot_check WHERE status = '已复核' ORDER BY seq LIMIT 1");
    let unit =
        first("SELECT unit_id FROM self_eval WHERE fiscal_year = 2025 ORDER BY unit_id LIMIT 1");
    let project = first(
        "SELECT a.project_id FROM exante_assessment a JOIN project p ON p.id = a.project_id
         WHERE p.fiscal_year = 2025 ORDER BY p.code LIMIT 1",
    );
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
        let label = format!("{}（{kind}）", doc_type.label());
        // The demo issues one of each 文种 itself (with its 文书设置's 抄送): check that letter,
        // and its model laid out as a draft; draft and issue the others here.
        let demo =
            t.db.read(|c| jixiao_core::results::documents::issued_for(c, doc_type, id))
                .expect("issued_for");
        let view = match demo {
            Some(v) => v,
            None => {
                let view =
                    t.db.write(&actor(), |ctx| {
                        create_draft(
                            ctx,
                            &DraftInput {
                                doc_type,
                                source_kind: kind.into(),
                                source_id: id.into(),
                                year,
                            },
                        )
                    })
                    .unwrap_or_else(|e| panic!("{label}: {e}"));
                let preview =
                    t.db.read(|c| document_pdf(c, &view.row.id, fonts()))
                        .expect("preview");
                check(&format!("{label} 草稿"), &view.model, &preview, true);
                t.db.write(&actor(), |ctx| issue_document(ctx, &view.row.id, fonts()))
                    .unwrap_or_else(|e| panic!("issue {label}: {e}"));
                view
            }
        };
        let preview = jixiao_gongwen::render_draft(&view.model, fonts()).expect("draft");
        check(&format!("{label} 草稿"), &view.model, &preview, true);
        let issued = t.db.read(|c| get_document(c, &view.row.id)).expect("doc");
        let pdf =
            t.db.read(|c| document_pdf(c, &view.row.id, fonts()))
                .expect("pdf");
        check(&label, &issued.model, &pdf, false);
        // JIXIAO_GONGWEN_DUMP=<dir> keeps the PDFs for looking at them (README page images).
        if let Some(dir) = std::env::var_os("JIXIAO_GONGWEN_DUMP") {
            let dir = std::path::PathBuf::from(dir);
            std::fs::write(dir.join(format!("{label}.pdf")), &pdf).expect("dump");
            std::fs::write(dir.join(format!("{label} 草稿.pdf")), &preview).expect("dump");
        }
    }
}
