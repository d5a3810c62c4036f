//! Writes laid-out pages with printpdf: every glyph placed absolutely (printpdf merges a line
//! into one `TJ`), fonts embedded as subsets with ToUnicode, and no clock or random input —
//! font resource names, subset tags and the trailer `/ID` are derived from a content hash.

use lopdf::{Object, StringFormat};
use printpdf::{
    Codepoint, Color, FontId, Mm, Op, PaintMode, PdfDocument, PdfFont, PdfFontHandle, PdfPage,
    PdfParseErrorSeverity, PdfSaveOptions, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use crate::error::GongwenError;
use crate::fonts::FontSet;
use crate::geometry::PAGE_H;
use crate::layout::{Item, Page};

/// 红色 #E60012 for the 发文机关标志 and red rules.
fn red() -> Color {
    Color::Rgb(Rgb {
        r: 230.0 / 255.0,
        g: 0.0,
        b: 18.0 / 255.0,
        icc_profile: None,
    })
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

pub(crate) fn write(
    pages: &[Page],
    fonts: &FontSet,
    seed: u64,
    title: &str,
) -> Result<Vec<u8>, GongwenError> {
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
    let mut red_now: Option<bool> = None;
    for it in &page.items {
        if let Item::Rule { x, y, w, h, red: r } = *it {
            if red_now != Some(r) {
                ops.push(Op::SetFillColor {
                    col: if r { red() } else { black() },
                });
                red_now = Some(r);
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
            red: r,
        } = *it
        {
            if red_now != Some(r) {
                ops.push(Op::SetFillColor {
                    col: if r { red() } else { black() },
                });
                red_now = Some(r);
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
