//! The public API as core/CLI/app use it: deterministic bytes, batches, fonts, errors, JSON.

mod fixture;
mod poppler;

use std::sync::OnceLock;

use jixiao_gongwen::{
    render, render_batch, Block, DocNumber, Document, FontConfig, FontFile, FontSet, Format,
    GongwenError, Role,
};
use poppler::{bbox_lines, page_text, path_str, run, tools_or_skip};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::discover(&FontConfig::default()).expect("fonts-noto-cjk must be installed")
    })
}

#[test]
fn the_same_document_gives_byte_identical_pdfs() {
    let doc = fixture::letter(12);
    let a = render(&doc, fonts()).expect("render");
    let b = render(&doc, fonts()).expect("render");
    assert!(a == b, "two renders differ");
    let fresh = FontSet::discover(&FontConfig::default()).expect("fonts");
    let c = render(&doc, &fresh).expect("render");
    assert!(a == c, "a freshly loaded FontSet gives different bytes");
    let other = render(&fixture::letter(13), fonts()).expect("render");
    assert!(a != other, "a different 文号 must change the PDF");
}

#[test]
fn no_wall_clock_date_or_random_id_is_written() {
    let bytes = render(&fixture::letter(12), fonts()).expect("render");
    let text = String::from_utf8_lossy(&bytes);
    // The creation date is the 成文日期 (2026-11-22), not the clock.
    assert!(
        text.contains("D:20261122000000"),
        "creation date must be the document's date"
    );
    assert!(text.contains("/ID"));
}

#[test]
fn describe_names_a_font_file_for_each_role() {
    let roles: Vec<Role> = fonts().describe().iter().map(|c| c.role).collect();
    assert_eq!(roles, Role::ALL.to_vec());
    for c in fonts().describe() {
        assert!(c.path.is_file(), "{c:?}");
        assert!(!c.family.is_empty(), "{c:?}");
    }
}

#[test]
fn a_configured_font_file_overrides_discovery() {
    let body = fonts().describe()[0].clone();
    let config = FontConfig {
        kaiti: Some(FontFile {
            path: body.path.clone(),
            index: body.index,
        }),
        ..FontConfig::default()
    };
    let set = FontSet::discover(&config).expect("fonts");
    let kai = &set.describe()[3];
    assert_eq!(kai.role, Role::KaiTi);
    assert_eq!(kai.path, body.path);
    assert!(kai.configured);
    let json = serde_json::to_string(&config).expect("json");
    let back: FontConfig = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, config);
}

#[test]
fn a_missing_font_file_is_a_chinese_error() {
    let config = FontConfig {
        fangsong: Some(FontFile {
            path: "/nonexistent/仿宋_GB2312.ttf".into(),
            index: 0,
        }),
        ..FontConfig::default()
    };
    let err = FontSet::discover(&config).expect_err("must fail");
    assert!(matches!(err, GongwenError::FontLoad { .. }));
    assert!(err.to_string().contains("无法读取字体文件"), "{err}");
}

#[test]
fn a_character_no_font_has_is_reported_instead_of_drawn_as_a_box() {
    let mut doc = fixture::letter(1);
    doc.body = vec![Block::Paragraph("项目名称含生僻字\u{10FFFD}需核对".into())];
    let err = render(&doc, fonts()).expect_err("must refuse");
    match &err {
        GongwenError::MissingGlyph { ch, role, context } => {
            assert_eq!(*ch, '\u{10FFFD}');
            assert_eq!(*role, Role::FangSong);
            assert!(context.contains("生僻字"), "{context}");
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(err.to_string().contains("字体缺字"), "{err}");
}

#[test]
fn the_document_model_round_trips_through_json() {
    let doc = fixture::letter(12);
    let json = serde_json::to_string(&doc).expect("json");
    let back: Document = serde_json::from_str(&json).expect("parse");
    assert_eq!(back, doc);
    assert_eq!(
        render(&back, fonts()).expect("render"),
        render(&doc, fonts()).expect("render")
    );
}

#[test]
fn a_batch_is_one_pdf_whose_page_numbers_restart_per_letter() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let docs: Vec<Document> = (1..=3).map(fixture::letter).collect();
    let mut seen = Vec::new();
    let bytes =
        render_batch(&docs, fonts(), &mut |done, total| seen.push((done, total))).expect("batch");
    assert_eq!(seen, vec![(1, 3), (2, 3), (3, 3)]);
    let single_pages = {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("one.pdf");
        std::fs::write(&p, render(&docs[0], fonts()).expect("render")).expect("write");
        bbox_lines(&p).len()
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("batch.pdf");
    std::fs::write(&p, bytes).expect("write");
    let (ok, out) = run("qpdf", &["--check", path_str(&p)]);
    assert!(ok, "{out}");
    assert_eq!(bbox_lines(&p).len(), 3 * single_pages);
    // The second letter starts on page single_pages + 1 with its own 文号 and no page number.
    let first_of_second = page_text(&p, single_pages + 1);
    assert!(first_of_second.contains("X财绩函〔2026〕2号"));
    assert!(
        !first_of_second.contains('—'),
        "page 1 of a 函 has no number"
    );
    let second_of_second = page_text(&p, single_pages + 2);
    assert!(
        second_of_second.replace(' ', "").contains("—2—"),
        "{second_of_second}"
    );
}

#[test]
fn the_document_format_centres_the_number_under_the_mark_or_puts_it_left_of_the_signer() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let mut doc = fixture::letter(5);
    doc.format = Format::Document;
    doc.issuer_mark = "XX县财政局文件".into();
    doc.doc_number = Some(DocNumber {
        code: "X财绩".into(),
        year: 2026,
        seq: 5,
    });
    doc.appendices.clear();
    doc.attachments.clear();
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("doc.pdf");
    std::fs::write(&p, render(&doc, fonts()).expect("render")).expect("write");
    let (ok, out) = run("qpdf", &["--check", path_str(&p)]);
    assert!(ok, "{out}");
    let page1 = &bbox_lines(&p)[0];
    let number = page1
        .iter()
        .find(|l| l.text().contains("X财绩〔2026〕5号"))
        .expect("文号 on page 1");
    let centre = (number.x0 + number.x1) / 2.0;
    let body_centre =
        (jixiao_gongwen::geometry::BODY_LEFT + jixiao_gongwen::geometry::BODY_RIGHT) / 2.0;
    assert!((centre - body_centre).abs() < 1.0, "文号 centre {centre}");
    // 文件格式 版记: 抄送, then 印发机关 and 印发日期 on the last page.
    let pages = bbox_lines(&p).len();
    let last = page_text(&p, pages);
    assert!(
        last.contains("抄送：县人民政府办公室，县审计局。"),
        "{last}"
    );
    assert!(last.contains("XX县财政局办公室") && last.contains("2026年11月22日印发"));
    // 页码 on page 1 of a 文件格式 document.
    assert!(page_text(&p, 1).replace(' ', "").contains("—1—"));
    // The tall 版头 leaves 一、评价基本情况 for the last line of page 1: it moves to page 2.
    let last_body_line = page1
        .iter()
        .rfind(|l| l.y1 < jixiao_gongwen::geometry::BODY_BOTTOM)
        .expect("body lines")
        .text();
    assert!(
        !last_body_line.starts_with("一、"),
        "heading left alone: {last_body_line}"
    );
    assert!(page_text(&p, 2).starts_with("一、评价基本情况"));

    doc.signer = Some("李四".into());
    std::fs::write(&p, render(&doc, fonts()).expect("render")).expect("write");
    let text = page_text(&p, 1);
    assert!(text.contains("签发人：") && text.contains("李四"), "{text}");
}
