//! What a 办公室 proofreader checks on a finished 公文, measured on the PDF itself (glyphs,
//! fonts and rules read back with `jixiao_gongwen::inspect`, text with poppler): table cells
//! that never break a number, titles broken at words, 草稿 marks, metadata, heading faces,
//! character spacing, punctuation and widows.

mod fixture;
mod poppler;

use std::sync::OnceLock;

use jixiao_gongwen::inspect::{inspect, InspectedPage};
use jixiao_gongwen::{render, FontConfig, FontSet};

fn fonts() -> &'static FontSet {
    static FONTS: OnceLock<FontSet> = OnceLock::new();
    FONTS.get_or_init(|| {
        FontSet::discover(&FontConfig::default()).expect("fonts-noto-cjk must be installed")
    })
}

fn pages(doc: &jixiao_gongwen::Document) -> Vec<InspectedPage> {
    inspect(&render(doc, fonts()).expect("render")).expect("inspect")
}

#[test]
fn debug_dump() {
    let p = pages(&fixture::letter(12));
    for (i, page) in p.iter().enumerate() {
        println!("=== page {}", i + 1);
        for l in page.lines() {
            println!("{:6.1} {:6.1} {:5.1} {:30} {}", l.baseline(), l.x0(), l.size(), l.chars[0].font, l.text());
        }
    }
}
