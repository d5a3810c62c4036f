//! The end of a 公文: 附件说明, 署名 and 成文日期, 附注, the 附件 pages, the 版记 at the foot of
//! the last page, and the page numbers.

use super::{Align, Composer, Style};
use crate::error::GongwenError;
use crate::fonts::Role;
use crate::geometry::*;
use crate::linebreak;
use crate::model::{chinese_date, Appendix, Document, Format, Record};

/// 版记 rules: 0.35 mm thick (first and last) and 0.25 mm thin (between).
const RECORD_THICK: f32 = 0.35 * MM;
const RECORD_THIN: f32 = 0.25 * MM;

/// 附件说明: one blank line below the body, 左空二字, wrapped names aligned with the first name.
pub(super) fn attachments_note(c: &mut Composer, names: &[String]) -> Result<(), GongwenError> {
    if names.is_empty() {
        return Ok(());
    }
    c.line += 1;
    let st = Style::body(Role::FangSong);
    let label = 5.0 * CELL; // 左空二字 + "附件："
    if let [only] = names {
        return c.paragraph(&format!("附件：{only}"), &st, 2.0 * CELL, label, 0.0);
    }
    for (i, name) in names.iter().enumerate() {
        // GB/T 9704 writes "附件：1.XXXXX": the number, a half-width point, then the name.
        let num = format!("{}.", i + 1);
        let num_w = c.shape(&num, &st)?.width();
        let (text, first) = if i == 0 {
            (format!("附件：{num}{name}"), 2.0 * CELL)
        } else {
            (format!("{num}{name}"), label)
        };
        c.paragraph(&text, &st, first, label + num_w, 0.0)?;
    }
    Ok(())
}

/// 署名 centred over the 成文日期, the date 右空四字, two blank lines below the body; then
/// the 附注 in （） 左空二字 on the next line.
pub(super) fn signature(c: &mut Composer, doc: &Document) -> Result<(), GongwenError> {
    let st = Style::body(Role::FangSong);
    c.line += 2;
    let needed = usize::from(!doc.signature.trim().is_empty()) + 1;
    if c.line + needed > LINES {
        c.new_page();
    }
    let date = chinese_date(doc.date);
    let date_w = c.shape(&date, &st)?.width();
    let date_x = BODY_RIGHT - 4.0 * CELL - date_w;
    if !doc.signature.trim().is_empty() {
        let sig_w = c.shape(&doc.signature, &st)?.width();
        let centre = date_x + date_w / 2.0;
        let x = (centre - sig_w / 2.0)
            .min(BODY_RIGHT - sig_w)
            .max(BODY_LEFT);
        c.grid_line(&doc.signature, &st, Align::Left(x))?;
    }
    c.grid_line(&date, &st, Align::Left(date_x))?;
    if let Some(note) = doc.note.as_deref().filter(|n| !n.trim().is_empty()) {
        let note = note.trim();
        let text = if note.starts_with('（') && note.ends_with('）') {
            note.to_string()
        } else {
            format!("（{note}）")
        };
        c.paragraph(&text, &st, 2.0 * CELL, 0.0, 0.0)?;
    }
    Ok(())
}

/// Each 附件 on a new page: "附件N" 黑体 on line 1, its title centred on line 3.
pub(super) fn appendices(c: &mut Composer, apps: &[Appendix]) -> Result<(), GongwenError> {
    for (i, app) in apps.iter().enumerate() {
        c.new_page();
        let label = if apps.len() == 1 {
            "附件".to_string()
        } else {
            format!("附件{}", i + 1)
        };
        c.grid_line(&label, &Style::body(Role::HeiTi), Align::Left(BODY_LEFT))?;
        c.line = 2;
        c.title(&app.title)?;
        c.line += 1;
        c.blocks(&app.body)?;
    }
    Ok(())
}

/// 版记 at the foot of the last page, its last rule on the 版心 bottom edge; on a new page if
/// it does not fit under the text. A 函 (信函格式) prints only the 抄送 line(s), without 印发机关,
/// 印发日期 and rules.
pub(super) fn record(c: &mut Composer, rec: &Record, format: Format) -> Result<(), GongwenError> {
    let letter = format == Format::Letter;
    let st = Style::sized(Role::FangSong, SIZE_4);
    let side = SIZE_4; // 左右各空一字
    let cc = if rec.cc.is_empty() {
        None
    } else {
        let label_w = c.shape("抄送：", &st)?.width();
        let sh = c.shape(&format!("抄送：{}。", rec.cc.join("，")), &st)?;
        let width = BODY_W - 2.0 * side;
        let lines = linebreak::break_lines(&sh.atoms, width, width - label_w);
        Some((sh, lines, label_w))
    };
    let needed = cc.as_ref().map_or(0, |(_, l, _)| l.len()) + usize::from(!letter);
    if needed == 0 {
        return Ok(());
    }
    let start = LINES.saturating_sub(needed);
    if c.line > start {
        c.new_page();
    }
    if !letter {
        c.rule(BODY_LEFT, line_top(start), BODY_W, RECORD_THICK, false);
    }
    let mut line = start;
    if let Some((sh, lines, label_w)) = cc {
        let count = lines.len();
        for (n, r) in lines.into_iter().enumerate() {
            let indent = if n == 0 { side } else { side + label_w };
            let width = BODY_W - side - indent;
            let xs = linebreak::place(&sh.atoms, &r, width, n + 1 < count);
            c.draw(
                &sh,
                r,
                &xs,
                BODY_LEFT + indent,
                line_baseline(line, SIZE_4),
                &st,
            );
            line += 1;
        }
        if letter {
            c.line = LINES;
            return Ok(());
        }
        c.rule(BODY_LEFT, line_top(line), BODY_W, RECORD_THIN, false);
    }
    let baseline = line_baseline(line, SIZE_4);
    c.line_at(&rec.printer, &st, Align::Left(BODY_LEFT + side), baseline)?;
    let printed = format!("{}印发", chinese_date(rec.print_date));
    c.line_at(&printed, &st, Align::Right(BODY_RIGHT - side), baseline)?;
    c.rule(
        BODY_LEFT,
        BODY_BOTTOM - RECORD_THICK,
        BODY_W,
        RECORD_THICK,
        false,
    );
    c.line = LINES;
    Ok(())
}

/// `— N —` in 4号, its 一字线 7 mm below the 版心: odd pages right 空一字, even pages left
/// 空一字; none on the first page of a 函.
pub(super) fn page_numbers(c: &mut Composer, format: Format) -> Result<(), GongwenError> {
    let st = Style::sized(Role::FangSong, SIZE_4);
    // The dash sits at the middle of the em box, 0.38 em above the baseline.
    let baseline = BODY_BOTTOM + 7.0 * MM + 0.38 * SIZE_4;
    for i in 0..c.pages.len() {
        let n = i + 1;
        if format == Format::Letter && n == 1 {
            continue;
        }
        let align = if n % 2 == 1 {
            Align::Right(BODY_RIGHT - CELL)
        } else {
            Align::Left(BODY_LEFT + CELL)
        };
        c.target = Some(i);
        let drawn = c.line_at(&format!("— {n} —"), &st, align, baseline);
        c.target = None;
        drawn?;
    }
    Ok(())
}
