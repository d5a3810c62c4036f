//! Writes laid-out pages with printpdf: every glyph placed absolutely (printpdf merges a line
//! into one `TJ`), fonts embedded as subsets with ToUnicode, and no clock or random input —
//! font resource names, subset tags and the trailer `/ID` are derived from a content hash.

use chrono::NaiveDate;
use lopdf::{Dictionary, Object, StringFormat};
use printpdf::{
    Codepoint, Color, FontId, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::error::GongwenError;
use crate::fonts::FontSet;
use crate::geometry::PAGE_H;
use crate::layout::{Ink, Item, Page};

/// 红色 #E60012 for the 发文机关标志 and red rules.
fn red() -> Color {
    Color::Rgb(Rgb {
        r: 230.0 / 255.0,
        g: 0.0,
        b: 18.0 / 255.0,
        icc_profile: None,
    })
}

/// Light grey of the 草稿 mark: visible behind the text without hiding it.
fn grey() -> Color {
    Color::Rgb(Rgb {
        r: 0.82,
        g: 0.82,
        b: 0.82,
        icc_profile: None,
    })
}

fn color(ink: Ink) -> Color {
    match ink {
        Ink::Black => black(),
        Ink::Red => red(),
        Ink::Grey => grey(),
    }
}

fn black() -> Color {
    Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

/// FNV-1a, 64 bit: a stable content hash (std's hashers are not guaranteed stable).
pub(crate) fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ seed;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Six capital letters (the PDF subset tag), distinct per face.
fn subset_tag(seed: u64, face: usize) -> String {
    let mut h = fnv1a(&(face as u64).to_le_bytes(), seed);
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (h % 26) as u8);
            h /= 26;
            c
        })
        .collect()
}

/// The document-information entries: title, author (the 发文机关) and the date the PDF
/// stands for (the 成文日期, so the same document always gives the same bytes).
pub(crate) struct Meta {
    pub title: String,
    pub author: String,
    pub date: NaiveDate,
}

fn pdf_text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        bytes.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// A fresh Info dictionary: only what is true of the file — no empty keys, and in particular
/// no `GTS_PDFXVersion`, which makes readers claim a PDF/X conformance the file does not have.
fn info_dict(meta: &Meta) -> Dictionary {
    let date = format!("D:{}000000+08'00'", meta.date.format("%Y%m%d"));
    let mut d = Dictionary::new();
    d.set("Title", pdf_text(&meta.title));
    if !meta.author.trim().is_empty() {
        d.set("Author", pdf_text(meta.author.trim()));
    }
    d.set("Creator", pdf_text("Jixiao"));
    d.set("Producer", pdf_text("Jixiao 公文排版 (GB/T 9704-2012)"));
    d.set(
        "CreationDate",
        Object::String(date.clone().into_bytes(), StringFormat::Literal),
    );
    d.set(
        "ModDate",
        Object::String(date.into_bytes(), StringFormat::Literal),
    );
    d
}

pub(crate) fn write(
    pages: &[Page],
    fonts: &FontSet,
    seed: u64,
    meta: &Meta,
) -> Result<Vec<u8>, GongwenError> {
    let title = meta.title.as_str();
    let mut pdf = PdfDocument::new(title);
    pdf.metadata.info.producer = "Jixiao 公文排版 (GB/T 9704-2012)".into();
    pdf.metadata.info.creator = "Jixiao".into();
    let mut used = vec![false; fonts.faces.len()];
    for p in pages {
        for it in &p.items {
            if let Item::Glyph { face, .. } = it {
                used[*face] = true;
            }
        }
    }
    let ids: Vec<FontId> = (0..fonts.faces.len())
        .map(|f| FontId(format!("{}F{f}", subset_tag(seed, f))))
        .collect();
    for (f, face) in fonts.faces.iter().enumerate() {
        if used[f] {
            pdf.resources
                .fonts
                .map
                .insert(ids[f].clone(), PdfFont::new(face.parsed.clone()));
        }
    }
    pdf.pages = pages.iter().map(|p| page_ops(p, &ids)).collect();

    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut doc = printpdf::to_lopdf_doc(&pdf, &opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(GongwenError::Pdf(w.msg.clone()));
    }
    let info_id = doc.add_object(info_dict(meta));
    if let Ok(Object::Reference(old)) = doc.trailer.get(b"Info") {
        let old = *old;
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", info_id);
    let id = format!("{seed:016X}{:016X}", fnv1a(title.as_bytes(), seed));
    doc.trailer.set(
        "ID",
        Object::Array(vec![
            Object::String(id.clone().into_bytes(), StringFormat::Literal),
            Object::String(id.into_bytes(), StringFormat::Literal),
        ]),
    );
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|e| GongwenError::Pdf(e.to_string()))?;
    Ok(out)
}

fn page_ops(page: &Page, ids: &[FontId]) -> PdfPage {
    let mut ops = Vec::with_capacity(page.items.len() * 2 + 16);
    // Rules first (outside any text object), then all text in one BT … ET.
    let mut ink_now: Option<Ink> = None;
    for it in &page.items {
        if let Item::Rule { x, y, w, h, ink } = *it {
            if ink_now != Some(ink) {
                ops.push(Op::SetFillColor { col: color(ink) });
                ink_now = Some(ink);
            }
            let mut rect = Rect::from_xywh(Pt(x), Pt(PAGE_H - y - h), Pt(w), Pt(h));
            rect.mode = Some(PaintMode::Fill);
            ops.push(Op::DrawRectangle { rectangle: rect });
        }
    }
    ops.push(Op::StartTextSection);
    let mut font_now: Option<(usize, u32)> = None;
    for it in &page.items {
        if let Item::Glyph {
            face,
            gid,
            ch,
            x,
            baseline,
            size,
            ink,
        } = *it
        {
            if ink_now != Some(ink) {
                ops.push(Op::SetFillColor { col: color(ink) });
                ink_now = Some(ink);
            }
            let key = (face, size.to_bits());
            if font_now != Some(key) {
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(ids[face].clone()),
                    size: Pt(size),
                });
                font_now = Some(key);
            }
            ops.push(Op::SetTextMatrix {
                matrix: TextMatrix::Translate(Pt(x), Pt(PAGE_H - baseline)),
            });
            ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(vec![Codepoint::with_cid(
                    gid,
                    0.0,
                    ch.to_string(),
                )])],
            });
        }
    }
    ops.push(Op::EndTextSection);
    PdfPage::new(Mm(210.0), Mm(297.0), ops)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subset_tags_are_six_capitals_stable_and_distinct_per_face() {
        let a = subset_tag(42, 0);
        assert_eq!(a.len(), 6);
        assert!(a.chars().all(|c| c.is_ascii_uppercase()));
        assert_eq!(a, subset_tag(42, 0));
        assert_ne!(a, subset_tag(42, 1));
    }
}
