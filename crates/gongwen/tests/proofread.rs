//! What a 办公室 proofreader checks on a finished 公文 (issue 22), measured on the PDF itself:
//! glyphs, fonts and rules read back with `jixiao_gongwen::inspect`, metadata from the Info
//! dictionary, text with poppler. Table cells that never break a number, titles broken at
//! words, the 草稿 mark, metadata, heading faces, character spacing and widows.

mod fixture;
mod poppler;

use std::sync::OnceLock;

use jixiao_gongwen::geometry::{BODY_BOTTOM, BODY_LEFT, CELL};
use jixiao_gongwen::inspect::{info, inspect, InspectedPage, PlacedChar, TextLine};
use jixiao_gongwen::{render, render_draft, Block, Column, Document, FontConfig, FontSet};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::discover(&FontConfig::default()).expect("fonts-noto-cjk must be installed")
    })
}

fn pages(doc: &Document) -> Vec<InspectedPage> {
    inspect(&render(doc, fonts()).expect("render")).expect("inspect")
}

fn col(title: &str, weight: u32, center: bool) -> Column {
    Column {
        title: title.into(),
        weight,
        center,
    }
}

/// The fixture letter plus the two tables exactly as jixiao-core composes them (score sheet
/// weights 2:3:4:1:1 with its 合计 row, 整改情况反馈表 weights 1:4:4:2:2:2:2:2).
fn tables_letter() -> Document {
    let mut doc = fixture::letter(7);
    let mut rows: Vec<Vec<String>> = (0..6)
        .map(|i| {
            vec![
                "决策".into(),
                "项目立项".into(),
                format!("立项依据充分性{i}"),
                "10.00".into(),
                "9.50".into(),
            ]
        })
        .collect();
    rows.push(vec![
        "合计".into(),
        String::new(),
        String::new(),
        "100.00".into(),
        "87.50".into(),
    ]);
    doc.appendices[0].body.push(Block::Table {
        columns: vec![
            col("一级指标", 2, true),
            col("二级指标", 3, false),
            col("三级指标", 4, false),
            col("分值", 1, true),
            col("得分", 1, true),
        ],
        rows,
    });
    doc.appendices[1].body.push(Block::Table {
        columns: vec![
            col("序号", 1, true),
            col("问题", 4, false),
            col("整改措施", 4, false),
            col("责任科室及责任人", 2, false),
            col("完成时限", 2, true),
            col("完成情况", 2, false),
            col("佐证材料", 2, false),
            col("未完成原因", 2, false),
        ],
        rows: vec![vec![
            "1".into(),
            "预算编制不够细化，1,286.50万元中有120万元未细化到具体项目。".into(),
            "细化预算编制，年初预算到项目。".into(),
            String::new(),
            "2026年12月22日".into(),
            String::new(),
            String::new(),
            String::new(),
        ]],
    });
    doc
}

/// Table cells of a page: the 12 pt glyphs split by the page's vertical rules, as
/// (column left edge, baseline, text).
fn cell_fragments(page: &InspectedPage) -> Vec<(f32, f32, String)> {
    let mut xs: Vec<f32> = page
        .rects
        .iter()
        .filter(|r| r.w < 1.0 && r.h > 5.0)
        .map(|r| r.x + r.w / 2.0)
        .collect();
    xs.sort_by(f32::total_cmp);
    xs.dedup_by(|a, b| (*a - *b).abs() < 0.5);
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
    out
}

fn tables_of(blocks: &[Block]) -> Vec<(&Vec<Column>, &Vec<Vec<String>>)> {
    blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table { columns, rows } => Some((columns, rows)),
            _ => None,
        })
        .collect()
}

#[test]
fn table_numbers_and_short_headers_never_wrap_in_any_table() {
    let doc = tables_letter();
    let pages = pages(&doc);
    let fragments: Vec<String> = pages
        .iter()
        .flat_map(cell_fragments)
        .map(|(_, _, t)| t)
        .collect();
    let mut checked = 0;
    for app in &doc.appendices {
        for (columns, rows) in tables_of(&app.body) {
            let short_headers = columns
                .iter()
                .map(|c| c.title.as_str())
                .filter(|t| t.chars().count() <= 4);
            let numbers = rows.iter().flatten().map(String::as_str).filter(|t| {
                !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || ".,%".contains(c))
            });
            for want in short_headers.chain(numbers) {
                assert!(
                    fragments.iter().any(|f| f == want),
                    "「{want}」 is broken across lines of its cell; cells: {:?}",
                    fragments
                        .iter()
                        .filter(|f| want.starts_with(f.as_str()))
                        .collect::<Vec<_>>()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn a_draft_has_the_mark_on_every_page_and_no_number_line() {
    let doc = fixture::letter(12);
    let draft = inspect(&render_draft(&doc, fonts()).expect("draft")).expect("inspect");
    assert!(draft.len() >= 4);
    for (i, page) in draft.iter().enumerate() {
        let mark: Vec<&PlacedChar> = page
            .chars
            .iter()
            .filter(|c| c.size >= 72.0 && "草稿".contains(c.ch))
            .collect();
        assert_eq!(mark.len(), 2, "page {}: no 草稿 mark", i + 1);
        assert!(mark.iter().all(|c| c.color.0 > 0.5 && c.color.0 < 1.0));
        assert!(!page.text().contains("〔2026〕12号"), "page {}", i + 1);
    }
    // The issued letter: no mark, with its number.
    let issued = pages(&doc);
    assert!(issued
        .iter()
        .all(|p| !p.chars.iter().any(|c| c.size >= 72.0)));
    assert!(issued[0].text().contains("X财绩函〔2026〕12号"));
}

#[test]
fn metadata_names_the_title_the_issuing_office_and_the_date_and_claims_no_pdf_x() {
    let bytes = render(&fixture::letter(12), fonts()).expect("render");
    let meta = info(&bytes).expect("info");
    let get = |k: &str| {
        meta.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert_eq!(get("Title"), fixture::TITLE);
    assert_eq!(get("Author"), "XX县财政局");
    assert!(get("CreationDate").starts_with("D:20261122"), "{meta:?}");
    assert!(
        meta.iter()
            .all(|(k, v)| !k.starts_with("GTS_") && !v.is_empty()),
        "empty or PDF/X keys: {meta:?}"
    );
    if poppler::tools_or_skip("pdfinfo") {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("m.pdf");
        std::fs::write(&p, &bytes).expect("write");
        let (ok, out) = poppler::run("pdfinfo", &[poppler::path_str(&p)]);
        assert!(ok, "{out}");
        assert!(out.contains("2026"), "{out}");
        assert!(!out.contains("PDF subtype"), "{out}");
    }
}

fn line_starting(pages: &[InspectedPage], prefix: &str) -> TextLine {
    pages
        .iter()
        .flat_map(InspectedPage::lines)
        .find(|l| l.text().starts_with(prefix))
        .unwrap_or_else(|| panic!("no line starts with {prefix}"))
        .clone()
}

#[test]
fn heading_levels_print_in_their_own_faces_and_run_in_text_in_the_body_face() {
    let mut doc = fixture::letter(3);
    doc.body.push(Block::Heading {
        level: 2,
        text: "（三）资金管理方面。预算编制不够细化，部分资金未细化到具体项目。".into(),
    });
    let p = pages(&doc);
    let body = line_starting(&p, "本次评价采取").chars[0].font.clone();
    let l1 = line_starting(&p, "一、评价基本情况").chars[0].font.clone();
    let l2 = line_starting(&p, "（一）建设任务基本完成").chars[0]
        .font
        .clone();
    let l3 = line_starting(&p, "1.绩效目标设置").chars[0].font.clone();
    assert_ne!(l1, body, "一、 must be 黑体");
    assert_ne!(l2, body, "（一） must be 楷体");
    assert_ne!(l2, l1);
    assert_eq!(l3, body, "1. is 仿宋");
    let run_in = line_starting(&p, "（三）资金管理方面。");
    let split = "（三）资金管理方面。".chars().count();
    assert!(run_in.chars[..split].iter().all(|c| c.font == l2));
    assert!(run_in.chars[split..].iter().all(|c| c.font == body));
}

#[test]
fn titles_break_at_words_in_a_trapezoid() {
    let mut doc = fixture::letter(3);
    for (title, word) in [
        (fixture::TITLE, "高标准农田"),
        (
            "关于反馈2025年度县民政局部门整体支出绩效评价结果的函",
            "部门整体",
        ),
        (
            "关于反馈困难群众基本生活救助资金绩效评价结果的函",
            "基本生活",
        ),
    ] {
        doc.title = title.into();
        let p = pages(&doc);
        let lines: Vec<String> = p[0]
            .lines()
            .iter()
            .filter(|l| (l.size() - 22.0).abs() < 0.1)
            .map(TextLine::text)
            .collect();
        assert_eq!(lines.concat(), title);
        assert!(lines.len() == 2, "{lines:?}");
        assert!(
            lines.iter().any(|l| l.contains(word)),
            "{word} cut: {lines:?}"
        );
    }
}

/// Extra space between consecutive glyphs of 3号 body lines, beyond their grid advance.
fn gaps(line: &TextLine) -> impl Iterator<Item = (f32, char, char)> + '_ {
    line.chars.windows(2).map(|w| {
        let natural = if w[0].advance >= 0.8 * w[0].size {
            CELL
        } else {
            w[0].advance
        };
        (w[1].x - w[0].x - natural, w[0].ch, w[1].ch)
    })
}

#[test]
fn justification_stretches_at_most_an_eighth_of_a_cell_and_never_parts_a_number_and_its_unit() {
    let mut doc = fixture::letter(3);
    // A space in the text (「中共中央 国务院」) is a gap by intent: leave it out here.
    for b in &mut doc.body {
        if let Block::Paragraph(t) = b {
            *t = t.replace(' ', "");
        }
    }
    doc.body.push(Block::Paragraph(
        "其中决策类指标得分14.50分，过程类指标得分21.50分，产出类指标得分27.50分，效益类指标得分17.50分，满意度指标得分8.00分。"
            .into(),
    ));
    let mut checked = 0;
    for page in pages(&doc) {
        for line in page.lines() {
            if (line.size() - 16.0).abs() > 0.1 || line.baseline() > BODY_BOTTOM {
                continue;
            }
            for (gap, a, b) in gaps(&line) {
                if a.is_ascii_digit() && "分元亩户份个".contains(b) {
                    assert!(
                        gap.abs() < 0.05,
                        "space inserted in {a}{b}: {}",
                        line.text()
                    );
                }
                // Glyphs set apart on purpose (署名, 日期) are separate lines in a 公文 anyway.
                assert!(
                    gap <= CELL / 8.0 + 0.05,
                    "{gap:.2} pt between {a}{b}: {}",
                    line.text()
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "{checked}");
}

#[test]
fn no_paragraph_leaves_one_line_alone_on_a_page_or_one_character_alone_on_a_line() {
    let tail = "最后一句用来检查孤行的问题。";
    let para = format!(
        "{}{}",
        "评价工作组对项目资金的使用情况进行了全面细致的核查。".repeat(4),
        tail
    );
    for pad in 0..12 {
        let mut doc = fixture::letter(3);
        doc.appendices.clear();
        doc.attachments.clear();
        doc.body = (0..pad + 10)
            .map(|_| Block::Paragraph("短段。".into()))
            .chain([Block::Paragraph(para.clone())])
            .collect();
        let p = pages(&doc);
        for (i, page) in p.iter().enumerate() {
            let body: Vec<TextLine> = page
                .lines()
                .into_iter()
                .filter(|l| (l.size() - 16.0).abs() < 0.1 && l.baseline() < BODY_BOTTOM)
                .collect();
            for l in &body {
                assert!(l.chars.len() >= 2, "pad {pad}: lone 「{}」", l.text());
            }
            if let Some(first) = body.first().filter(|_| i > 0) {
                let continuation = (first.x0() - BODY_LEFT).abs() < 1.0;
                let alone = body.get(1).is_none_or(|n| (n.x0() - BODY_LEFT).abs() > 1.0);
                assert!(
                    !(continuation && alone && first.text().ends_with("题。")),
                    "pad {pad}: 「{}」 alone at the top of page {}",
                    first.text(),
                    i + 1
                );
            }
            if let Some(last) = body.last().filter(|_| i + 1 < p.len()) {
                assert!(
                    !last.text().starts_with("评价工作组") || (last.x0() - BODY_LEFT).abs() < 1.0,
                    "pad {pad}: first line 「{}」 alone at the foot of page {}",
                    last.text(),
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_document_format_head_and_the_record_rules_sit_where_gb_t_9704_puts_them() {
    use jixiao_gongwen::geometry::{BODY_RIGHT, BODY_TOP, BODY_W, MM};
    let mut doc = fixture::letter(5);
    doc.format = jixiao_gongwen::Format::Document;
    doc.issuer_mark = "XX县财政局文件".into();
    let p = pages(&doc);
    // 文件格式 head: the red 标志 35 mm below the 版心 top, the 文号 centred, one red rule.
    let first = &p[0];
    let mark: Vec<&PlacedChar> = first.chars.iter().filter(|c| c.color.0 > 0.8).collect();
    let top = mark[0].baseline - 0.88 * mark[0].size;
    assert!((top - (BODY_TOP + 35.0 * MM)).abs() < 0.5, "标志 top {top}");
    let number = first
        .lines()
        .into_iter()
        .find(|l| l.text().contains("〔2026〕5号"))
        .expect("文号");
    let centre = (number.x0() + number.x1()) / 2.0;
    assert!(
        (centre - (BODY_LEFT + BODY_RIGHT) / 2.0).abs() < 1.0,
        "{centre}"
    );
    let red_rules: Vec<_> = first.rects.iter().filter(|r| r.color.0 > 0.8).collect();
    assert_eq!(red_rules.len(), 1);
    assert!((red_rules[0].w - BODY_W).abs() < 0.5 && red_rules[0].y > number.baseline());
    // 版记 on the last page: 0.35 mm rules first and last (the last on the 版心 bottom), a
    // 0.25 mm rule between 抄送 and 印发机关; 抄送 and 印发 lines in 4号 between them.
    let last = p.last().expect("pages");
    let mut rules: Vec<_> = last
        .rects
        .iter()
        .filter(|r| (r.w - BODY_W).abs() < 0.5 && r.color.0 < 0.2)
        .collect();
    rules.sort_by(|a, b| a.y.total_cmp(&b.y));
    let rules = &rules[rules.len() - 3..];
    assert!((rules[0].h - 0.35 * MM).abs() < 0.05, "{:?}", rules[0]);
    assert!((rules[1].h - 0.25 * MM).abs() < 0.05, "{:?}", rules[1]);
    assert!((rules[2].h - 0.35 * MM).abs() < 0.05, "{:?}", rules[2]);
    assert!((rules[2].y + rules[2].h - BODY_BOTTOM).abs() < 0.5);
    let lines = last.lines();
    let between = |a: f32, b: f32| {
        lines
            .iter()
            .filter(|l| l.baseline() > a && l.baseline() < b && (l.size() - 14.0).abs() < 0.1)
            .map(TextLine::text)
            .collect::<String>()
    };
    assert!(between(rules[0].y, rules[1].y).starts_with("抄送："));
    let printed = between(rules[1].y, rules[2].y);
    assert!(printed.contains("XX县财政局办公室") && printed.contains("2026年11月22日印发"));
}
