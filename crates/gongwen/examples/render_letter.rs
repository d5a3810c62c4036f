//! Renders the test fixture letter to a PDF file: `cargo run -p jixiao-gongwen --example
//! render_letter -- out.pdf` (prints which font serves each role).

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use jixiao_gongwen::{render, FontConfig, FontSet};

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
    let bytes = render(&fixture::letter(12), &fonts)?;
    println!("{} bytes in {:?}", bytes.len(), t.elapsed());
    std::fs::write(&out, bytes)?;
    Ok(())
}
