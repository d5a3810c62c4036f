//! jixiao-gongwen — lays out GB/T 9704-2012 official documents (公文: 函, 通知书, 意见书) and
//! writes them as PDF. It knows nothing about the database: give it a [`Document`] and a
//! [`FontSet`], get PDF bytes back.
//!
//! Map:
//! - [`model`] the document model (stored as JSON next to an issued PDF)
//! - [`fonts`] the four font roles and how their files are found; [`fontscan`] name tables
//! - [`linebreak`] 避头尾, unbreakable number runs, justification, balanced titles
//! - [`geometry`] the 版心 and the 28 × 22 grid
//! - `layout` pages of positioned glyphs and rules; `pdf` the deterministic PDF writer

pub mod error;
pub mod fonts;
pub mod fontscan;
pub mod geometry;
mod layout;
pub mod linebreak;
pub mod model;
mod pdf;

pub use error::GongwenError;
pub use fonts::{FontChoice, FontConfig, FontFile, FontSet, Role};
pub use model::{Appendix, Block, Column, DocNumber, Document, Format, Record};

/// Stable seed for the PDF's `/ID` and subset tags: a hash of the documents themselves.
fn seed(docs: &[Document]) -> u64 {
    docs.iter()
        .fold(0, |h, d| pdf::fnv1a(format!("{d:?}").as_bytes(), h))
}

/// One document as a PDF. The same document and fonts always give the same bytes.
pub fn render(doc: &Document, fonts: &FontSet) -> Result<Vec<u8>, GongwenError> {
    let pages = layout::compose(doc, fonts)?;
    pdf::write(&pages, fonts, seed(std::slice::from_ref(doc)), &doc.title)
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
        pages.extend(layout::compose(d, fonts)?);
        progress(i + 1, docs.len());
    }
    let title = match docs {
        [one] => one.title.clone(),
        _ => format!("公文合集（{}份）", docs.len()),
    };
    pdf::write(&pages, fonts, seed(docs), &title)
}
