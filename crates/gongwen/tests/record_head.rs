//! The 版记 and the 文件格式 head of GB/T 9704-2012, measured on the PDF (issue 22 point 11),
//! on the two layouts Jixiao's documents use: 文件格式 (整改通知书: red 发文机关标志 35 mm below
//! the 版心 top, 文号 centred, one red rule; 版记 with 抄送, 印发机关 and 印发日期 between
//! 0.35 / 0.25 / 0.35 mm rules, its last rule on the 版心 bottom) and 信函格式 (反馈意见函,
//! 绩效管理意见书, 监控结果反馈书, 事前评估意见: a 函's 版记 is the 抄送 line alone).

mod fixture;

use std::sync::OnceLock;

use jixiao_gongwen::geometry::{BODY_BOTTOM, BODY_LEFT, BODY_RIGHT, BODY_TOP, BODY_W, MM};
use jixiao_gongwen::inspect::{inspect, FilledRect, InspectedPage, TextLine};
use jixiao_gongwen::{render, Document, FontConfig, FontSet, Format};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::discover(&FontConfig::default()).expect("fonts-noto-cjk must be installed")
    })
}

fn pages(doc: &Document) -> Vec<InspectedPage> {
    inspect(&render(doc, fonts()).expect("render")).expect("inspect")
}

/// The 整改通知书 layout: 文件格式 with 「…文件」 as its mark.
fn notice() -> Document {
    let mut doc = fixture::letter(3);
    doc.format = Format::Document;
    doc.issuer_mark = "XX县财政局文件".into();
    doc.doc_number = Some(jixiao_gongwen::DocNumber {
        code: "X财绩通".into(),
        year: 2026,
        seq: 3,
    });
    doc
}

fn is_red(c: (f32, f32, f32)) -> bool {
    c.0 > 0.8 && c.1 < 0.2 && c.2 < 0.2
}

fn is_black(c: (f32, f32, f32)) -> bool {
    c.0 < 0.2 && c.1 < 0.2 && c.2 < 0.2
}

/// The full-width black rules of a page as thick as the 版记's (0.25 mm and more; a table's
/// rules are 0.5 pt ≈ 0.18 mm), top to bottom.
fn record_rules(page: &InspectedPage) -> Vec<&FilledRect> {
    let mut rules: Vec<&FilledRect> = page
        .rects
        .iter()
        .filter(|r| is_black(r.color) && (r.w - BODY_W).abs() < 0.5 && r.h > 0.2 * MM && r.h < 1.5)
        .collect();
    rules.sort_by(|a, b| a.y.total_cmp(&b.y));
    rules
}

fn line_with<'a>(lines: &'a [TextLine], needle: &str) -> &'a TextLine {
    lines
        .iter()
        .find(|l| l.text().contains(needle))
        .unwrap_or_else(|| panic!("no line with {needle}"))
}

#[test]
fn the_document_head_has_the_mark_35_mm_down_the_number_centred_and_one_red_rule() {
    let doc = notice();
    let p = &pages(&doc)[0];
    let lines = p.lines();
    // The mark: red, centred, its em box top 35 mm below the 版心 top.
    let mark = lines
        .iter()
        .find(|l| l.text() == "XX县财政局文件")
        .expect("mark line");
    assert!(mark.chars.iter().all(|c| is_red(c.color)), "red mark");
    let em_top = mark.baseline() - 0.88 * mark.size();
    assert!(
        (em_top - (BODY_TOP + 35.0 * MM)).abs() < 0.5 * MM,
        "mark top {:.2} mm below the 版心 top",
        (em_top - BODY_TOP) / MM
    );
    let centre = BODY_LEFT + BODY_W / 2.0;
    assert!((mark.x0() + mark.x1() - 2.0 * centre).abs() / 2.0 < 0.5 * MM);
    // The 文号: below the mark, centred, 仿宋 3号, black.
    let number = line_with(&lines, "X财绩通〔2026〕3号");
    assert_eq!(number.text(), "X财绩通〔2026〕3号");
    assert!(number.baseline() > mark.baseline());
    assert!(
        (number.x0() + number.x1() - 2.0 * centre).abs() / 2.0 < 0.5 * MM,
        "文号 centred: {:.2}–{:.2}",
        number.x0(),
        number.x1()
    );
    assert!((number.size() - 16.0).abs() < 0.1);
    // Exactly one red rule on the page: the 版心 width, 4 mm under the 文号, above the title.
    let red: Vec<&FilledRect> = p.rects.iter().filter(|r| is_red(r.color)).collect();
    assert_eq!(red.len(), 1, "{red:?}");
    let rule = red[0];
    assert!((rule.x - BODY_LEFT).abs() < 0.5 && (rule.w - BODY_W).abs() < 0.5);
    let under = rule.y - (number.baseline() + 0.12 * number.size());
    assert!((under - 4.0 * MM).abs() < 0.5 * MM, "{:.2} mm", under / MM);
    let title = lines
        .iter()
        .find(|l| (l.size() - 22.0).abs() < 0.1)
        .expect("title");
    assert!(title.baseline() > rule.y + rule.h);
}

#[test]
fn the_document_record_has_its_three_rules_the_cc_and_the_printer_and_date() {
    let doc = notice();
    let all = pages(&doc);
    let last = all.last().expect("pages");
    // No 版记 rule before the last page.
    for p in &all[..all.len() - 1] {
        assert!(record_rules(p).is_empty());
    }
    let rules = record_rules(last);
    let mm = |r: &FilledRect| r.h / MM;
    assert_eq!(rules.len(), 3, "{rules:?}");
    assert!(
        (mm(rules[0]) - 0.35).abs() < 0.02,
        "first rule {:.2} mm",
        mm(rules[0])
    );
    assert!(
        (mm(rules[1]) - 0.25).abs() < 0.02,
        "middle rule {:.2} mm",
        mm(rules[1])
    );
    assert!(
        (mm(rules[2]) - 0.35).abs() < 0.02,
        "last rule {:.2} mm",
        mm(rules[2])
    );
    for r in &rules {
        assert!((r.x - BODY_LEFT).abs() < 0.5, "版心 wide: {r:?}");
    }
    // The last rule lies on the 版心 bottom edge.
    assert!((rules[2].y + rules[2].h - BODY_BOTTOM).abs() < 0.5);
    let lines = last.lines();
    // 抄送 between the first and the middle rule, 4号 仿宋, one character in from the left.
    let cc = line_with(&lines, "抄送：");
    assert_eq!(cc.text(), "抄送：县人民政府办公室，县审计局。");
    assert!((cc.size() - 14.0).abs() < 0.1);
    assert!(cc.baseline() > rules[0].y && cc.baseline() < rules[1].y);
    assert!((cc.x0() - (BODY_LEFT + 14.0)).abs() < 0.5, "{}", cc.x0());
    // 印发机关 (left, one character in) and 印发日期 (right, one character in) on one line
    // between the middle and the last rule.
    let printer = line_with(&lines, "XX县财政局办公室");
    let date = line_with(&lines, "印发");
    assert!(printer.baseline() > rules[1].y && printer.baseline() < rules[2].y);
    assert!((printer.baseline() - date.baseline()).abs() < 0.5);
    assert!(printer.text().starts_with("XX县财政局办公室"));
    assert!((printer.x0() - (BODY_LEFT + 14.0)).abs() < 0.5);
    assert!(
        date.text().ends_with("2026年11月22日印发"),
        "{}",
        date.text()
    );
    assert!(
        (date.x1() - (BODY_RIGHT - 14.0)).abs() < 0.5,
        "{}",
        date.x1()
    );
    // Nothing of the 版记 below the 版心.
    assert!(lines
        .iter()
        .filter(|l| l.text().contains("抄送") || l.text().contains("印发"))
        .all(|l| l.baseline() < BODY_BOTTOM));
}

#[test]
fn a_letters_record_is_the_cc_line_alone_at_the_foot_without_rules() {
    let doc = fixture::letter(5);
    let all = pages(&doc);
    let last = all.last().expect("pages");
    assert!(record_rules(last).is_empty(), "a 函 has no 版记 rules");
    let lines = last.lines();
    let cc = line_with(&lines, "抄送：");
    assert_eq!(cc.text(), "抄送：县人民政府办公室，县审计局。");
    assert!((cc.x0() - (BODY_LEFT + 14.0)).abs() < 0.5);
    // On the last line of the 版心.
    assert!(cc.baseline() < BODY_BOTTOM && cc.baseline() > BODY_BOTTOM - 225.0 * MM / 22.0);
    assert!(
        !last.text().contains("印发"),
        "no 印发机关和印发日期 on a 函"
    );
    // The 信函格式 head: red double rules at top and bottom of page 1, no single 文件 rule.
    let red = all[0].rects.iter().filter(|r| is_red(r.color)).count();
    assert_eq!(red, 4);
}
