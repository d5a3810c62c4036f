//! The fixture 函 checked with the tools a reviewer would use: qpdf, pdffonts, pdftotext
//! (text and boxes) and pdftoppm (what page 1 looks like).

mod fixture;
mod poppler;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use jixiao_gongwen::geometry::{BODY_BOTTOM, BODY_LEFT, BODY_RIGHT, BODY_TOP, CELL};
use jixiao_gongwen::linebreak::no_start;
use jixiao_gongwen::{render, FontConfig, FontSet};
use poppler::{bbox_lines, page_text, path_str, run, tools_or_skip, Line};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::discover(&FontConfig::default()).expect("fonts-noto-cjk must be installed")
    })
}

/// The fixture letter written once to a temp file shared by the tests of this binary.
fn letter_pdf() -> &'static Path {
    static PDF: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, p) = PDF.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("letter.pdf");
        let bytes = render(&fixture::letter(12), fonts()).expect("render");
        std::fs::write(&p, bytes).expect("write pdf");
        (dir, p)
    });
    p
}

fn page_count(pdf: &Path) -> usize {
    bbox_lines(pdf).len()
}

#[test]
fn the_letter_passes_qpdf_check() {
    if !tools_or_skip("qpdf") {
        return;
    }
    let (ok, out) = run("qpdf", &["--check", path_str(letter_pdf())]);
    assert!(ok, "{out}");
    assert!(out.contains("No syntax or stream encoding errors"), "{out}");
}

#[test]
fn every_font_is_an_embedded_unicode_subset() {
    if !tools_or_skip("pdffonts") {
        return;
    }
    let (ok, out) = run("pdffonts", &[path_str(letter_pdf())]);
    assert!(ok, "{out}");
    let rows: Vec<&str> = out
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(
        rows.len() >= 3,
        "expected 仿宋/小标宋/黑体/楷体 fonts:\n{out}"
    );
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let name = cols[0];
        let tag = name.split('+').next().unwrap_or("");
        assert!(
            name.contains('+') && tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "font {name} has no ABCDEF+ subset prefix"
        );
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "emb/sub/uni: {row}"
        );
    }
}

#[test]
fn pdftotext_gives_back_the_title_number_and_body_sentences() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let text: String = (1..=3).map(|p| page_text(letter_pdf(), p)).collect();
    // Justified lines may be spread enough for pdftotext to see word gaps: compare without
    // whitespace.
    let joined: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(joined.contains(fixture::TITLE), "title missing:\n{text}");
    assert!(text.contains("X财绩函〔2026〕12号"));
    assert!(joined.contains("该项目绩效评价得分为87.50分，评价等级为“良”。"));
    assert!(joined.contains("项目年初预算1,286.50万元，全年实际支出1,198.37万元"));
    assert!(text.contains("2026年11月22日"));
    assert!(text.contains("（联系人：王芳，电话：0000-1234567）"));
}

/// 3号 text lines: pdftotext boxes 16 pt CJK text about 23 pt high.
fn body_size_lines(page: &[Line]) -> impl Iterator<Item = &Line> {
    page.iter().filter(|l| {
        let h = l.y1 - l.y0;
        (20.0..26.0).contains(&h)
    })
}

#[test]
fn body_text_stays_inside_the_type_area_on_every_page() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let mark = fixture::letter(12).issuer_mark;
    for (i, page) in bbox_lines(letter_pdf()).iter().enumerate() {
        for line in page {
            for w in &line.words {
                let is_mark = i == 0 && w.text.contains(&mark);
                let is_page_number = w.y0 > BODY_BOTTOM;
                if is_mark || is_page_number {
                    continue;
                }
                // A squeezed 。，、 ending a line keeps its ink (the left half of its box) inside.
                let squeezed_end = w
                    .text
                    .chars()
                    .last()
                    .is_some_and(|c| "，。、；：？！”）》".contains(c));
                let right = BODY_RIGHT + if squeezed_end { CELL / 2.0 } else { 0.0 };
                assert!(
                    w.x0 >= BODY_LEFT - 1.0
                        && w.x1 <= right + 1.0
                        && w.y0 >= BODY_TOP - 1.0
                        && w.y1 <= BODY_BOTTOM + 1.0,
                    "page {}: “{}” at ({:.1},{:.1})–({:.1},{:.1}) leaves the 版心",
                    i + 1,
                    w.text,
                    w.x0,
                    w.y0,
                    w.x1,
                    w.y1
                );
            }
        }
    }
}

/// Width in grid cells; full-width punctuation counts half (a line may squeeze it, 标点挤压).
fn grid_width(s: &str) -> f32 {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii() || "，。、；：？！（）《》“”‘’".contains(c) {
                0.5
            } else {
                1.0
            }
        })
        .sum()
}

#[test]
fn no_body_line_holds_more_than_28_characters_or_starts_with_closing_punctuation() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let pages = bbox_lines(letter_pdf());
    let mut checked = 0;
    for (i, page) in pages.iter().enumerate().take(3) {
        for line in body_size_lines(page) {
            let text = line.text();
            assert!(grid_width(&text) <= 28.0, "page {}: {text}", i + 1);
            let first = text.chars().next().unwrap_or(' ');
            assert!(
                !no_start(first),
                "page {}: line starts with {first}: {text}",
                i + 1
            );
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} body lines found");
}

#[test]
fn justified_lines_end_on_the_right_edge_of_the_type_area() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let pages = bbox_lines(letter_pdf());
    let lines: Vec<&Line> = body_size_lines(&pages[0]).collect();
    let mut checked = 0;
    // A line followed by a continuation line (flush left, not indented) is justified.
    for pair in lines.windows(2) {
        if (pair[1].x0 - BODY_LEFT).abs() < 1.0 && pair[1].y0 > pair[0].y0 {
            let l = pair[0];
            // Stretching is capped at 1/8 of a cell: a line whose next piece is a number that
            // did not fit may stay short of the edge rather than gape.
            let number_carried = pair[1]
                .text()
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric());
            assert!(
                (l.x1 - BODY_RIGHT).abs() < 1.0 || (number_carried && l.x1 < BODY_RIGHT),
                "{} ends at {}",
                l.text(),
                l.x1
            );
            checked += 1;
        }
    }
    assert!(checked >= 5, "only {checked} justified lines");
}

#[test]
fn page_numbers_sit_right_on_odd_pages_left_on_even_pages_and_not_on_page_one() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let pages = bbox_lines(letter_pdf());
    assert!(pages.len() >= 4);
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let numbers: Vec<&Line> = page.iter().filter(|l| l.y0 > BODY_BOTTOM).collect();
        if n == 1 {
            assert!(numbers.is_empty(), "a 函 has no page number on page 1");
            continue;
        }
        assert_eq!(numbers.len(), 1, "page {n}");
        let l = numbers[0];
        assert_eq!(l.text().replace(' ', ""), format!("—{n}—"));
        // 一字线 7 mm below the 版心.
        let mid = (l.y0 + l.y1) / 2.0;
        assert!(
            (mid - BODY_BOTTOM - 7.0 * 72.0 / 25.4).abs() < 4.0,
            "page {n}: {mid}"
        );
        if n % 2 == 1 {
            assert!(
                (l.x1 - (BODY_RIGHT - CELL)).abs() < 1.5,
                "odd page {n}: {}",
                l.x1
            );
        } else {
            assert!(
                (l.x0 - (BODY_LEFT + CELL)).abs() < 1.5,
                "even page {n}: {}",
                l.x0
            );
        }
    }
}

#[test]
fn the_score_table_repeats_its_header_on_the_next_page() {
    if !tools_or_skip("pdftotext") {
        return;
    }
    let n = page_count(letter_pdf());
    let with_header: Vec<usize> = (1..=n)
        .filter(|&p| page_text(letter_pdf(), p).contains("三级指标"))
        .collect();
    assert!(with_header.len() >= 2, "header on pages {with_header:?}");
    let second = page_text(letter_pdf(), with_header[1]);
    for title in ["序号", "一级指标", "二级指标", "分值", "得分", "评分说明"] {
        assert!(
            second.contains(title),
            "{title} missing from the repeated header"
        );
    }
    let last = page_text(letter_pdf(), n);
    for title in [
        "问题",
        "整改措施",
        "责任科室",
        "完成时限",
        "佐证材料",
        "未完成",
    ] {
        assert!(last.contains(title), "{title} missing from 整改情况反馈表");
    }
    // A 函's 版记 is the 抄送 line alone (no 印发机关, 印发日期 or rules).
    assert!(last.contains("抄送：县人民政府办公室，县审计局。"));
    assert!(!last.contains("印发"), "{last}");
}

#[test]
fn page_one_shows_the_red_issuer_mark_and_rules_above_black_body_text() {
    if !tools_or_skip("pdftoppm") {
        return;
    }
    let dpi = 40;
    let (w, h, rgb) = poppler::render_rgb(letter_pdf(), 1, dpi);
    let px_per_mm = dpi as f32 / 25.4;
    let count = |y_from_mm: f32, y_to_mm: f32, pred: &dyn Fn(u8, u8, u8) -> bool| {
        let (a, b) = (
            (y_from_mm * px_per_mm) as usize,
            ((y_to_mm * px_per_mm) as usize).min(h),
        );
        (a..b)
            .flat_map(|y| (0..w).map(move |x| (y * w + x) * 3))
            .filter(|&i| pred(rgb[i], rgb[i + 1], rgb[i + 2]))
            .count()
    };
    let red = |r: u8, g: u8, b: u8| r > 180 && g < 90 && b < 90;
    let dark = |r: u8, g: u8, b: u8| r.max(g).max(b) < 128;
    assert!(
        count(28.0, 52.0, &red) > 200,
        "no red 机关名称/双线 at the top"
    );
    assert!(
        count(270.0, 280.0, &red) > 50,
        "no red double rule at the foot"
    );
    assert!(count(100.0, 260.0, &dark) > 500, "no black body text");
    assert_eq!(count(100.0, 260.0, &red), 0, "body text must be black");
}

#[test]
fn a_letter_stays_under_200_kb() {
    let bytes = render(&fixture::letter(3), fonts()).expect("render");
    assert!(bytes.len() <= 200 * 1024, "{} bytes", bytes.len());
}
