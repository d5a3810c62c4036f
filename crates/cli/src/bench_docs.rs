//! The documents part of `jixiao-cli bench`: issuing the demo year's 反馈意见函 one by one (draft,
//! 文号, render, store) and laying out a 500-letter batch in one PDF, with the size per letter.

use jixiao_core::access::Actor;
use jixiao_core::db::Db;
use jixiao_core::results::documents::{self, DraftInput};
use jixiao_core::results::DocType;
use jixiao_core::Result;
use jixiao_gongwen::DocNumber;
use std::time::Instant;

pub struct DocBench {
    pub fonts_ms: f64,
    pub issued: usize,
    pub issue_median_ms: f64,
    pub max_letter_bytes: usize,
    pub batch_letters: usize,
    pub batch_ms: f64,
    pub batch_bytes: usize,
}

pub fn run(db: &Db, actor: &Actor, year: i32, batch: usize) -> Result<DocBench> {
    let t = Instant::now();
    let fonts = db.read(documents::fonts_for)?;
    let fonts_ms = t.elapsed().as_secs_f64() * 1000.0;
    let evals: Vec<String> = db
        .read(|c| jixiao_core::evaluation::stats::list_evaluations(c, year))?
        .into_iter()
        .filter(|r| r.kind != "单位自评" && r.status == "定稿")
        .map(|r| r.id)
        .collect();
    // The demo county issues its letters itself: withdraw them (void the 文号) so each one is
    // drafted and issued again here, as a clerk would after a correction.
    db.write(actor, |ctx| {
        for id in &evals {
            let Some(done) = documents::issued_for(ctx, DocType::FeedbackLetter, id)? else {
                continue;
            };
            let year = done
                .row
                .issued_at
                .as_deref()
                .and_then(|d| d.get(..4)?.parse().ok());
            let numbers =
                jixiao_core::results::register::list_numbers(ctx, year.unwrap_or(0), None)?;
            if let Some(n) = numbers
                .iter()
                .find(|n| n.document_id.as_deref() == Some(done.row.id.as_str()))
            {
                jixiao_core::results::register::void_number(ctx, &n.id, "基准测试：重新出具")?;
            }
        }
        Ok(())
    })?;
    let mut ms = Vec::new();
    let mut models = Vec::new();
    let mut max_letter_bytes = 0;
    for id in &evals {
        let t = Instant::now();
        let view = db.write(actor, |ctx| {
            let d = documents::create_draft(
                ctx,
                &DraftInput {
                    doc_type: DocType::FeedbackLetter,
                    source_kind: "key_eval".into(),
                    source_id: id.clone(),
                    year: None,
                },
            )?;
            documents::issue_document(ctx, &d.row.id, &fonts)
        })?;
        ms.push(t.elapsed().as_secs_f64() * 1000.0);
        max_letter_bytes = max_letter_bytes.max(view.row.pdf_bytes.unwrap_or(0) as usize);
        models.push(view.model);
    }
    ms.sort_by(f64::total_cmp);
    // 500 letters: the issued ones over and over, each under its own number.
    let letters: Vec<_> = (0..batch)
        .filter_map(|k| {
            let mut m = models.get(k % models.len().max(1))?.clone();
            m.doc_number = Some(DocNumber {
                code: "示财绩函".into(),
                year: 2026,
                seq: k as u32 + 1,
            });
            Some(m)
        })
        .collect();
    let t = Instant::now();
    let pdf = jixiao_gongwen::render_batch(&letters, &fonts, &mut |_, _| {})
        .map_err(documents::layout_error)?;
    Ok(DocBench {
        fonts_ms,
        issued: evals.len(),
        issue_median_ms: ms.get(ms.len() / 2).copied().unwrap_or(0.0),
        max_letter_bytes,
        batch_letters: letters.len(),
        batch_ms: t.elapsed().as_secs_f64() * 1000.0,
        batch_bytes: pdf.len(),
    })
}
