//! Benchmark: 500 fixture letters (7 pages each with their 评分表 and 整改情况反馈表) into one
//! PDF, plus single-letter timings. Run in release:
//! `cargo run --release -p jixiao-gongwen --example bench_batch [-- N]`.

#[path = "../tests/fixture/mod.rs"]
mod fixture;

use std::time::Instant;

use jixiao_gongwen::{render, render_batch, Document, FontConfig, FontSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(500);

    let t = Instant::now();
    let fonts = FontSet::discover(&FontConfig::default())?;
    println!("fonts discovered and parsed: {:.0} ms", ms(t));

    let single = fixture::letter(1);
    let _ = render(&single, &fonts)?; // warm-up
    let reps = 20;
    let t = Instant::now();
    let mut size = 0;
    for i in 0..reps {
        size = render(&fixture::letter(i + 1), &fonts)?.len();
    }
    println!(
        "single letter: {:.1} ms per letter, {:.1} KB",
        ms(t) / reps as f64,
        size as f64 / 1024.0
    );

    let docs: Vec<Document> = (1..=n as u32).map(fixture::letter).collect();
    let t = Instant::now();
    let mut last = 0;
    let bytes = render_batch(&docs, &fonts, &mut |done, _| last = done)?;
    let secs = t.elapsed().as_secs_f64();
    println!(
        "batch of {last} letters: {secs:.2} s, {:.1} MB ({:.1} KB per letter)",
        bytes.len() as f64 / 1024.0 / 1024.0,
        bytes.len() as f64 / 1024.0 / n as f64
    );
    Ok(())
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}
