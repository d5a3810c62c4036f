//! Reads a PDF back the way a proofreader measures it: every glyph with its character, font,
//! size and position, and every filled rectangle (rules) with its colour. Used by the tests of
//! this crate and of jixiao-core (typefaces per heading level, character spacing, 版记 rules,
//! the 草稿 mark); it understands the PDFs this crate writes (Type0 fonts with Identity-H
//! encoding and a ToUnicode map), not arbitrary PDFs.
//!
//! Coordinates are in pt from the page's top-left corner, like [`crate::geometry`].

use std::collections::HashMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

use crate::geometry::PAGE_H;

/// One drawn glyph.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedChar {
    pub ch: char,
    /// Left edge of the glyph's advance box.
    pub x: f32,
    /// Advance in pt.
    pub advance: f32,
    /// Baseline, from the page top.
    pub baseline: f32,
    pub size: f32,
    /// BaseFont without the subset tag, e.g. `NotoSansCJKsc-Bold`.
    pub font: String,
    /// Fill colour (r, g, b) in 0..=1.
    pub color: (f32, f32, f32),
}

/// A filled rectangle (a rule), top-left origin.
#[derive(Debug, Clone, PartialEq)]
pub struct FilledRect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
    pub color: (f32, f32, f32),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct InspectedPage {
    pub chars: Vec<PlacedChar>,
    pub rects: Vec<FilledRect>,
}

/// One line of text: glyphs sharing a baseline (±0.5 pt) and size, left to right.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub chars: Vec<PlacedChar>,
}

impl TextLine {
    pub fn text(&self) -> String {
        self.chars.iter().map(|c| c.ch).collect()
    }
    pub fn x0(&self) -> f32 {
        self.chars.first().map_or(0.0, |c| c.x)
    }
    pub fn x1(&self) -> f32 {
        self.chars.last().map_or(0.0, |c| c.x + c.advance)
    }
    pub fn baseline(&self) -> f32 {
        self.chars.first().map_or(0.0, |c| c.baseline)
    }
    pub fn size(&self) -> f32 {
        self.chars.first().map_or(0.0, |c| c.size)
    }
}

impl InspectedPage {
    /// The glyphs grouped into lines, top to bottom; within a line left to right. Glyphs of
    /// different sizes on one baseline (a watermark crossing a text line) are separate lines.
    pub fn lines(&self) -> Vec<TextLine> {
        let mut chars = self.chars.clone();
        chars.sort_by(|a, b| {
            a.baseline
                .total_cmp(&b.baseline)
                .then(a.size.total_cmp(&b.size))
                .then(a.x.total_cmp(&b.x))
        });
        let mut lines: Vec<TextLine> = Vec::new();
        for c in chars {
            match lines.iter_mut().find(|l| {
                (l.baseline() - c.baseline).abs() < 0.5 && (l.size() - c.size).abs() < 0.01
            }) {
                Some(l) => l.chars.push(c),
                None => lines.push(TextLine { chars: vec![c] }),
            }
        }
        for l in &mut lines {
            l.chars.sort_by(|a, b| a.x.total_cmp(&b.x));
        }
        lines.sort_by(|a, b| a.baseline().total_cmp(&b.baseline()));
        lines
    }

    /// All text of the page, line by line.
    pub fn text(&self) -> String {
        self.lines()
            .iter()
            .map(TextLine::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

struct FontInfo {
    name: String,
    to_unicode: HashMap<u16, char>,
    widths: HashMap<u16, f32>,
    default_width: f32,
}

fn num(o: &Object) -> f32 {
    o.as_float().unwrap_or(0.0)
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    doc.dereference(o).map(|(_, o)| o).unwrap_or(o)
}

fn hex(s: &str) -> Option<u32> {
    u32::from_str_radix(s.trim_matches(|c| c == '<' || c == '>'), 16).ok()
}

fn parse_cmap(text: &str) -> HashMap<u16, char> {
    let mut map = HashMap::new();
    let mut mode = "";
    for line in text.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("endbf") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [cid, uni]) => {
                if let (Some(c), Some(u)) = (hex(cid), hex(uni)) {
                    if let Some(ch) = char::from_u32(u) {
                        map.insert(c as u16, ch);
                    }
                }
            }
            ("range", [a, b, u]) if u.starts_with('<') => {
                if let (Some(a), Some(b), Some(u)) = (hex(a), hex(b), hex(u)) {
                    for (k, cid) in (a..=b).enumerate() {
                        if let Some(ch) = char::from_u32(u + k as u32) {
                            map.insert(cid as u16, ch);
                        }
                    }
                }
            }
            _ => {}
        }
    }
    map
}

fn font_info(doc: &Document, font: &Dictionary) -> FontInfo {
    let name = font
        .get(b"BaseFont")
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_default();
    let name = name.split_once('+').map_or(name.clone(), |(_, n)| n.into());
    let to_unicode = font
        .get(b"ToUnicode")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_stream().ok())
        .and_then(|s| {
            s.decompressed_content()
                .ok()
                .or_else(|| Some(s.content.clone()))
        })
        .map(|b| parse_cmap(&String::from_utf8_lossy(&b)))
        .unwrap_or_default();
    let mut widths = HashMap::new();
    let mut default_width = 1000.0;
    let descendant = font
        .get(b"DescendantFonts")
        .ok()
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_array().ok())
        .and_then(|a| a.first())
        .map(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    if let Some(d) = descendant {
        if let Ok(dw) = d.get(b"DW") {
            default_width = num(dw);
        }
        if let Some(w) = d
            .get(b"W")
            .ok()
            .map(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            let mut i = 0;
            while i < w.len() {
                let first = num(&w[i]) as u32;
                match w.get(i + 1).map(|o| deref(doc, o)) {
                    Some(Object::Array(list)) => {
                        for (k, v) in list.iter().enumerate() {
                            widths.insert((first + k as u32) as u16, num(v));
                        }
                        i += 2;
                    }
                    Some(last) => {
                        let last = num(last) as u32;
                        let v = w.get(i + 2).map_or(default_width, num);
                        for cid in first..=last {
                            widths.insert(cid as u16, v);
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
        }
    }
    FontInfo {
        name,
        to_unicode,
        widths,
        default_width,
    }
}

/// Every page of `pdf`, in order. Errors are a message (tests only).
pub fn inspect(pdf: &[u8]) -> Result<Vec<InspectedPage>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let fonts: HashMap<Vec<u8>, FontInfo> = doc
            .get_page_fonts(page_id)
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|(k, d)| (k, font_info(&doc, d)))
            .collect();
        let content = doc.get_page_content(page_id);
        let ops = Content::decode(&content).map_err(|e| e.to_string())?;
        let mut page = InspectedPage::default();
        let mut color = (0.0, 0.0, 0.0);
        let mut font: Option<&FontInfo> = None;
        let mut size = 0.0f32;
        let (mut x, mut y) = (0.0f32, 0.0f32);
        for op in &ops.operations {
            let o = &op.operands;
            match op.operator.as_str() {
                "rg" if o.len() == 3 => color = (num(&o[0]), num(&o[1]), num(&o[2])),
                "g" if o.len() == 1 => color = (num(&o[0]), num(&o[0]), num(&o[0])),
                "re" if o.len() == 4 => {
                    let (rx, ry, rw, rh) = (num(&o[0]), num(&o[1]), num(&o[2]), num(&o[3]));
                    page.rects.push(FilledRect {
                        x: rx,
                        y: PAGE_H - ry - rh,
                        w: rw,
                        h: rh,
                        color,
                    });
                }
                "Tf" if o.len() == 2 => {
                    font = o[0].as_name().ok().and_then(|n| fonts.get(n));
                    size = num(&o[1]);
                }
                "Tm" if o.len() == 6 => {
                    x = num(&o[4]);
                    y = num(&o[5]);
                }
                "Td" if o.len() == 2 => {
                    x += num(&o[0]);
                    y += num(&o[1]);
                }
                "Tj" | "TJ" => {
                    let Some(f) = font else { continue };
                    let items: Vec<&Object> = match o.first() {
                        Some(Object::Array(a)) => a.iter().collect(),
                        Some(s) => vec![s],
                        None => continue,
                    };
                    for it in items {
                        match it {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let cid = if pair.len() == 2 {
                                        u16::from_be_bytes([pair[0], pair[1]])
                                    } else {
                                        u16::from(pair[0])
                                    };
                                    let w = f.widths.get(&cid).copied().unwrap_or(f.default_width);
                                    let advance = w / 1000.0 * size;
                                    page.chars.push(PlacedChar {
                                        ch: f.to_unicode.get(&cid).copied().unwrap_or('\u{FFFD}'),
                                        x,
                                        advance,
                                        baseline: PAGE_H - y,
                                        size,
                                        font: f.name.clone(),
                                        color,
                                    });
                                    x += advance;
                                }
                            }
                            other => x -= num(other) / 1000.0 * size,
                        }
                    }
                }
                _ => {}
            }
        }
        out.push(page);
    }
    Ok(out)
}

/// PDF document-information entries as text (Title, Author, CreationDate …), decoded from
/// PDFDocEncoding or UTF-16.
pub fn info(pdf: &[u8]) -> Result<Vec<(String, String)>, String> {
    let doc = Document::load_mem(pdf).map_err(|e| e.to_string())?;
    let Ok(info) = doc.trailer.get(b"Info") else {
        return Ok(Vec::new());
    };
    let dict = deref(&doc, info).as_dict().map_err(|e| e.to_string())?;
    Ok(dict
        .iter()
        .map(|(k, v)| {
            let text = match deref(&doc, v) {
                Object::String(b, _) => decode_pdf_string(b),
                Object::Name(n) => String::from_utf8_lossy(n).into_owned(),
                other => format!("{other:?}"),
            };
            (String::from_utf8_lossy(k).into_owned(), text)
        })
        .collect())
}

fn decode_pdf_string(b: &[u8]) -> String {
    if b.starts_with(&[0xFE, 0xFF]) {
        let units: Vec<u16> = b[2..]
            .chunks_exact(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        b.iter().map(|&c| char::from(c)).collect()
    }
}
