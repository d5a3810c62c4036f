//! Renders the test fixture letter to a PDF file: `cargo run -p jixiao-gongwen --example
//! render_letter -- out.pdf [document]` (prints which font serves each role); with `document`
//! the same text in 文件格式 with a 签发人.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use jixiao_gongwen::{render, DocNumber, FontConfig, FontSet, Format};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "letter.pdf".into());
    let fonts = FontSet::discover(&FontConfig::default())?;
    for c in fonts.describe() {
        println!(
            "{}: {} ({} #{})",
            c.role_name,
            c.family,
            c.path.display(),
            c.index
        );
    }
    let t = std::time::Instant::now();
    let mut doc = fixture::letter(12);
    if std::env::args().nth(2).as_deref() == Some("document") {
        doc.format = Format::Document;
        doc.issuer_mark = "XX县财政局文件".into();
        doc.doc_number = Some(DocNumber {
            code: "X财绩".into(),
            year: 2026,
            seq: 12,
        });
        doc.signer = Some("李四".into());
    }
    let bytes = render(&doc, &fonts)?;
    println!("{} bytes in {:?}", bytes.len(), t.elapsed());
    std::fs::write(&out, bytes)?;
    Ok(())
}
