//! jixiao-gongwen — lays out GB/T 9704-2012 official documents (公文: 函, 通知书, 意见书) and
//! writes them as PDF. It knows nothing about the database: give it a [`Document`] and a
//! [`FontSet`], get PDF bytes back.
//!
//! Map:
//! - [`model`] the document model (stored as JSON next to an issued PDF)
//! - [`fonts`] the four font roles and how their files are found; [`fontscan`] name tables
//! - [`linebreak`] 避头尾, unbreakable number runs, justification, balanced titles
//! - [`geometry`] the 版心 and the 28 × 22 grid
//! - [`punct`] GB/T 15834 punctuation normalised when a letter is composed or edited
//! - [`inspect`] reads a rendered PDF back (glyphs, fonts, rules) for the tests
//! - `layout` pages of positioned glyphs and rules; `pdf` the deterministic PDF writer

pub mod error;
pub mod fonts;
pub mod fontscan;
pub mod geometry;
pub mod inspect;
mod layout;
pub mod linebreak;
pub mod model;
mod pdf;
pub mod punct;

pub use error::GongwenError;
pub use fonts::{import_font, FontChoice, FontConfig, FontFile, FontSet, Role};
pub use model::{Appendix, Block, Column, DocNumber, Document, Format, Record};
pub use punct::normalize_document;

/// Stable seed for the PDF's `/ID` and subset tags: a hash of the documents themselves.
fn seed(docs: &[Document]) -> u64 {
    docs.iter()
        .fold(0, |h, d| pdf::fnv1a(format!("{d:?}").as_bytes(), h))
}

fn meta(doc: &Document) -> pdf::Meta {
    pdf::Meta {
        title: doc.title.replace('\n', ""),
        author: if doc.signature.trim().is_empty() {
            doc.issuer_mark.clone()
        } else {
            doc.signature.clone()
        },
        date: doc.date,
    }
}

/// One document as a PDF. The same document and fonts always give the same bytes; the PDF's
/// creation date is the 成文日期 and its author the 发文机关.
pub fn render(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, GongwenError> {
    let pages = layout::compose(doc, fonts, false)?;
    pdf::write(&pages, fonts, seed(std::slice::from_ref(doc)), &meta(doc))
}

/// A draft's preview: 「草稿」 across every page and no 文号 line (even if the model has one).
pub fn render_draft(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, GongwenError> {
    let pages = layout::compose(doc, fonts, true)?;
    let mut m = meta(doc);
    m.title = format!("（草稿）{}", m.title);
    pdf::write(&pages, fonts, seed(std::slice::from_ref(doc)) ^ 1, &m)
}

/// Several documents in one PDF (e.g. all 反馈意见函 of a year for hand delivery); page numbers
/// restart with each document. `progress(done, total)` is called after each document is laid out.
pub fn render_batch(
    docs: &[Document],
    fonts: &FontSet,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<u8>, GongwenError> {
    let mut pages = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        pages.extend(layout::compose(d, fonts, false)?);
        progress(i + 1, docs.len());
    }
    let mut m = match docs {
        [one] => meta(one),
        _ => pdf::Meta {
            title: format!("公文合集（{}份）", docs.len()),
            author: docs.first().map(|d| meta(d).author).unwrap_or_default(),
            date: docs.iter().map(|d| d.date).max().unwrap_or_default(),
        },
    };
    if docs.iter().any(|d| meta(d).author != m.author) {
        m.author.clear();
    }
    pdf::write(&pages, fonts, seed(docs), &m)
}
