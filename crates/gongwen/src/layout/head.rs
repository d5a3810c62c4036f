//! 版头 and the start of 主体: the red 发文机关标志, red rules and 文号 of the 信函格式 or
//! 文件格式, then the title and 主送机关.

use super::{Align, Composer, Style};
use crate::error::GongwenError;
use crate::fonts::Role;
use crate::geometry::*;
use crate::model::{Document, Format};

/// 信函格式 double rules: 170 mm long, thick 2 pt and thin 0.75 pt, 1.5 pt apart.
const LETTER_RULE_W: f32 = 170.0 * MM;
const THICK: f32 = 2.0;
const THIN: f32 = 0.75;
const GAP: f32 = 1.5;
/// 文件格式 red separator under the 文号.
const SEPARATOR: f32 = 1.5;

pub(super) fn head(c: &mut Composer, doc: &Document) -> Result<(), GongwenError> {
    let title_line = match doc.format {
        Format::Letter => letter(c, doc)?,
        Format::Document => document(c, doc)?,
    };
    c.line = title_line;
    c.title(&doc.title)?;
    if doc.addressees.is_empty() {
        c.line += 1;
        return Ok(());
    }
    c.line += 1;
    let text = format!("{}：", doc.addressees.join("、"));
    c.paragraph(&text, &Style::body(Role::FangSong), 0.0, 0.0, 0.0)
}

fn mark_style(mark: &str, max: f32) -> Style {
    let n = mark.chars().count().max(1) as f32;
    let size = max.min(BODY_W / n);
    Style {
        role: Role::XiaoBiaoSong,
        size,
        cell: size,
        red: true,
    }
}

/// Returns the grid line of the title.
fn letter(c: &mut Composer, doc: &Document) -> Result<usize, GongwenError> {
    let st = mark_style(&doc.issuer_mark, 36.0);
    let top = 30.0 * MM;
    c.line_at(
        &doc.issuer_mark,
        &st,
        Align::Center(BODY_LEFT + BODY_W / 2.0),
        top + BASELINE * st.size,
    )?;
    let x = BODY_LEFT + (BODY_W - LETTER_RULE_W) / 2.0;
    let y = top + st.size + 4.0 * MM;
    c.rule(x, y, LETTER_RULE_W, THICK, true);
    c.rule(x, y + THICK + GAP, LETTER_RULE_W, THIN, true);
    let yb = PAGE_H - 20.0 * MM - THICK;
    c.rule(x, yb, LETTER_RULE_W, THICK, true);
    c.rule(x, yb - GAP - THIN, LETTER_RULE_W, THIN, true);
    let mut bottom = y + THICK + GAP + THIN;
    if let Some(no) = &doc.doc_number {
        let st = Style::body(Role::FangSong);
        let text_top = bottom + 0.875 * SIZE_3;
        c.line_at(
            &no.display(),
            &st,
            Align::Right(BODY_RIGHT),
            text_top + BASELINE * SIZE_3,
        )?;
        bottom = text_top + SIZE_3 + (PITCH - SIZE_3) / 2.0;
    }
    // 标题与其上最后一个要素相距二行.
    Ok(line_at_or_below(bottom) + 1)
}

fn document(c: &mut Composer, doc: &Document) -> Result<usize, GongwenError> {
    let st = mark_style(&doc.issuer_mark, 48.0);
    let top = BODY_TOP + 35.0 * MM;
    c.line_at(
        &doc.issuer_mark,
        &st,
        Align::Center(BODY_LEFT + BODY_W / 2.0),
        top + BASELINE * st.size,
    )?;
    let mut rule_y = top + st.size + 4.0 * MM;
    if let Some(no) = &doc.doc_number {
        // 发文字号编排在发文机关标志下空二行位置.
        let line = line_at_or_below(top + st.size) + 2;
        let body = Style::body(Role::FangSong);
        let baseline = line_baseline(line, SIZE_3);
        match &doc.signer {
            Some(name) => {
                c.line_at(
                    &no.display(),
                    &body,
                    Align::Left(BODY_LEFT + CELL),
                    baseline,
                )?;
                let name_w = c.line_at(
                    name,
                    &Style::body(Role::KaiTi),
                    Align::Right(BODY_RIGHT - CELL),
                    baseline,
                )?;
                c.line_at(
                    "签发人：",
                    &body,
                    Align::Right(BODY_RIGHT - CELL - name_w),
                    baseline,
                )?;
            }
            None => {
                c.line_at(
                    &no.display(),
                    &body,
                    Align::Center(BODY_LEFT + BODY_W / 2.0),
                    baseline,
                )?;
            }
        }
        rule_y = baseline + (1.0 - BASELINE) * SIZE_3 + 4.0 * MM;
    }
    c.rule(BODY_LEFT, rule_y, BODY_W, SEPARATOR, true);
    // 标题编排于红色分隔线下空二行位置.
    Ok(line_at_or_below(rule_y + SEPARATOR) + 2)
}
