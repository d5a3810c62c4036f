//! Ruled tables (评分表, 整改情况反馈表): 小四 仿宋 cells that wrap, a 黑体 header row repeated on
//! every page the table runs onto, rows split across pages only when taller than a page.

use std::ops::Range;

use super::{Composer, Shaped, Style};
use crate::error::GongwenError;
use crate::fonts::Role;
use crate::geometry::*;
use crate::linebreak;
use crate::model::Column;

const SIZE: f32 = SIZE_XIAO_4;
const LEAD: f32 = 18.0;
const PAD_X: f32 = 3.0;
const PAD_Y: f32 = 5.0;
const BORDER: f32 = 0.5;

struct Cell {
    sh: Shaped,
    lines: Vec<Range<usize>>,
    center: bool,
    st: Style,
}

struct Row {
    cells: Vec<Cell>,
    lines: usize,
}

fn seg_height(lines: usize) -> f32 {
    lines as f32 * LEAD + 2.0 * PAD_Y
}

struct Grid {
    xs: Vec<f32>,
    widths: Vec<f32>,
}

fn build_row(
    c: &Composer,
    grid: &Grid,
    texts: &[&str],
    role: Role,
    centers: &[bool],
) -> Result<Row, GongwenError> {
    let st = Style::sized(role, SIZE);
    let mut cells = Vec::with_capacity(texts.len());
    for (j, text) in texts.iter().enumerate() {
        let sh = c.shape(text, &st)?;
        let inner = grid.widths[j] - 2.0 * PAD_X;
        let lines = linebreak::break_lines(&sh.atoms, inner, inner);
        cells.push(Cell {
            sh,
            lines,
            center: centers[j],
            st,
        });
    }
    let lines = cells
        .iter()
        .map(|c| c.lines.len())
        .max()
        .unwrap_or(0)
        .max(1);
    Ok(Row { cells, lines })
}

pub(super) fn table(
    c: &mut Composer,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<(), GongwenError> {
    if columns.is_empty() {
        return Err(GongwenError::Invalid("表格至少要有一列".into()));
    }
    if let Some((i, r)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() > columns.len())
    {
        return Err(GongwenError::Invalid(format!(
            "表格第{}行有{}个单元格，但表头只有{}列",
            i + 1,
            r.len(),
            columns.len()
        )));
    }
    let widths = column_widths(c, columns, rows)?;
    let xs = widths
        .iter()
        .scan(BODY_LEFT, |x, w| {
            let at = *x;
            *x += w;
            Some(at)
        })
        .collect();
    let grid = Grid { xs, widths };
    let titles: Vec<&str> = columns.iter().map(|c| c.title.as_str()).collect();
    let header = build_row(c, &grid, &titles, Role::HeiTi, &vec![true; columns.len()])?;
    let centers: Vec<bool> = columns.iter().map(|c| c.center).collect();
    let body = rows
        .iter()
        .map(|r| {
            let texts: Vec<&str> = (0..columns.len())
                .map(|j| r.get(j).map_or("", String::as_str))
                .collect();
            build_row(c, &grid, &texts, Role::FangSong, &centers)
        })
        .collect::<Result<Vec<_>, _>>()?;

    c.ensure_line();
    let header_h = seg_height(header.lines);
    let mut y = line_top(c.line);
    let first_h = body.first().map_or(0.0, |r| seg_height(r.lines));
    if y + header_h + first_h > BODY_BOTTOM + 0.01 && c.line > 0 {
        c.new_page();
        y = BODY_TOP;
    }
    draw_segment(c, &grid, &header, 0..header.lines, y);
    y += header_h;
    for row in &body {
        let mut from = 0;
        while from < row.lines {
            let rest = row.lines - from;
            if y + seg_height(rest) <= BODY_BOTTOM + 0.01 {
                draw_segment(c, &grid, row, from..row.lines, y);
                y += seg_height(rest);
                break;
            }
            let fits_fresh = header_h + seg_height(rest) <= BODY_H;
            let k = ((BODY_BOTTOM - y - 2.0 * PAD_Y) / LEAD).floor().max(0.0) as usize;
            // A header taller than a page must not loop forever: show one line per page.
            let k = if k == 0 && y <= BODY_TOP + header_h + 0.01 {
                1
            } else {
                k
            };
            if !(from == 0 && fits_fresh) && k >= 1 {
                draw_segment(c, &grid, row, from..from + k, y);
                from += k;
            }
            c.new_page();
            y = BODY_TOP;
            draw_segment(c, &grid, &header, 0..header.lines, y);
            y += header_h;
        }
    }
    c.line = line_at_or_below(y);
    Ok(())
}

/// At most this many characters: a header or cell that never wraps (序号, 分值, 合计, 决策 …).
const SHORT: usize = 4;

fn is_numeric(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| {
            c.is_ascii_digit() || ".,%-+−－–—～~".contains(c) || linebreak::is_unit(c) || c == ' '
        })
}

/// Widest piece of `sh` between two allowed breaks (a number with its unit, a 《》 title …).
fn longest_unbreakable(sh: &Shaped) -> f32 {
    let n = sh.atoms.len();
    let mut best = 0.0f32;
    let mut start = 0;
    for i in 1..=n {
        if i == n || linebreak::break_allowed(&sh.atoms, i) {
            best = best.max(linebreak::natural_width(&sh.atoms, &(start..i)));
            start = i;
        }
    }
    best
}

/// Column widths from the content, in pt, summing to the 版心 width: a column first gets what
/// its unbreakable content needs — numbers, dates' parts, short cells and short headers whole,
/// a long header in two lines —, then the text columns share the rest by their weights, none
/// wider than its longest line would be unwrapped.
fn column_widths(
    c: &Composer,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<Vec<f32>, GongwenError> {
    let head = Style::sized(Role::HeiTi, SIZE);
    let cell = Style::sized(Role::FangSong, SIZE);
    let mut min = Vec::with_capacity(columns.len());
    let mut natural = Vec::with_capacity(columns.len());
    for (j, col) in columns.iter().enumerate() {
        let sh = c.shape(&col.title, &head)?;
        let chars = col.title.chars().count();
        let (mut lo, mut hi) = if chars <= SHORT {
            (sh.width(), sh.width())
        } else {
            let half = sh
                .atoms
                .iter()
                .take(chars.div_ceil(2))
                .map(|a| a.width)
                .sum();
            (longest_unbreakable(&sh).max(half), sh.width())
        };
        for r in rows {
            let text = r.get(j).map_or("", String::as_str);
            let sh = c.shape(text, &cell)?;
            let whole = is_numeric(text) || text.trim().chars().count() <= SHORT;
            lo = lo.max(if whole {
                sh.width()
            } else {
                longest_unbreakable(&sh)
            });
            hi = hi.max(sh.width());
        }
        min.push(lo + 2.0 * PAD_X + 0.5);
        natural.push(hi.max(lo) + 2.0 * PAD_X + 0.5);
    }
    let floor: f32 = min.iter().sum();
    if floor >= BODY_W {
        // More than fits: shrink proportionally (long content wraps where it must).
        return Ok(min.iter().map(|m| m * BODY_W / floor).collect());
    }
    let weight = |j: usize| columns[j].weight.max(1) as f32;
    let mut widths = min.clone();
    let mut rest = BODY_W - floor;
    // Water-filling: share `rest` by weight among the columns still below their natural width.
    let mut open: Vec<usize> = (0..columns.len())
        .filter(|&j| natural[j] > min[j])
        .collect();
    while rest > 0.01 && !open.is_empty() {
        let total: f32 = open.iter().map(|&j| weight(j)).sum();
        let mut used = 0.0;
        let mut capped = Vec::new();
        for &j in &open {
            let share = rest * weight(j) / total;
            let room = natural[j] - widths[j];
            let give = share.min(room);
            widths[j] += give;
            used += give;
            if room <= share + 0.01 {
                capped.push(j);
            }
        }
        rest -= used;
        if capped.is_empty() {
            break;
        }
        open.retain(|j| !capped.contains(j));
    }
    if rest > 0.01 {
        // Every column fits unwrapped: spread the rest by weight.
        let total: f32 = (0..columns.len()).map(weight).sum();
        for (j, w) in widths.iter_mut().enumerate() {
            *w += rest * weight(j) / total;
        }
    }
    Ok(widths)
}

/// Draws lines `span` of `row` (all of its cells) with borders, its top at `y`.
fn draw_segment(c: &mut Composer, grid: &Grid, row: &Row, span: Range<usize>, y: f32) {
    let h = seg_height(span.len());
    let whole = span.start == 0 && span.end == row.lines;
    for (j, cell) in row.cells.iter().enumerate() {
        let inner = grid.widths[j] - 2.0 * PAD_X;
        let v_off = if whole {
            (row.lines - cell.lines.len().max(1)) as f32 * LEAD / 2.0
        } else {
            0.0
        };
        let count = cell.lines.len();
        for (n, r) in cell.lines.iter().enumerate() {
            if !span.contains(&n) {
                continue;
            }
            let baseline = y
                + PAD_Y
                + v_off
                + (n - span.start) as f32 * LEAD
                + (LEAD - SIZE) / 2.0
                + BASELINE * SIZE;
            let natural = linebreak::natural_width(&cell.sh.atoms, r);
            let (x0, xs) = if cell.center {
                let xs = linebreak::place(&cell.sh.atoms, r, natural, false);
                (grid.xs[j] + (grid.widths[j] - natural) / 2.0, xs)
            } else {
                // Narrow cells: a line that lost a long run to the next line stays ragged
                // rather than spreading its few characters across the cell.
                let justify = n + 1 < count && inner - natural <= 1.01 * SIZE;
                let xs = linebreak::place(&cell.sh.atoms, r, inner, justify);
                (grid.xs[j] + PAD_X, xs)
            };
            c.draw(&cell.sh, r.clone(), &xs, x0, baseline, &cell.st);
        }
    }
    c.rule(BODY_LEFT, y - BORDER / 2.0, BODY_W, BORDER, false);
    c.rule(BODY_LEFT, y + h - BORDER / 2.0, BODY_W, BORDER, false);
    for x in grid.xs.iter().chain(std::iter::once(&BODY_RIGHT)) {
        c.rule(x - BORDER / 2.0, y, BORDER, h, false);
    }
}
