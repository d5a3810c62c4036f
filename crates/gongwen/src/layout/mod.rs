//! Turns a [`Document`] into positioned glyphs and rules, page by page, on the 28 × 22 grid.
//! `head` lays out the 版头, `tail` the 附件说明/落款/版记/页码, `table` the ruled tables; this
//! module owns the page cursor and the text helpers they share.

mod head;
mod table;
mod tail;

use crate::error::GongwenError;
use crate::fonts::{FontSet, Glyph, Role};
use crate::geometry::*;
use crate::linebreak::{self, Atom};
use crate::model::{Block, Document};

/// Colour of a glyph or rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ink {
    Black,
    /// 发文机关标志 and the red rules.
    Red,
    /// The 草稿 mark behind a draft's text.
    Grey,
}

/// One thing to draw, in top-left page coordinates (pt).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Glyph {
        face: usize,
        gid: u16,
        ch: char,
        x: f32,
        baseline: f32,
        size: f32,
        ink: Ink,
    },
    /// A filled rectangle (rules, table borders).
    Rule {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        ink: Ink,
    },
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Page {
    pub items: Vec<Item>,
}

/// Font role, size, full-width cell and colour of a piece of text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Style {
    pub role: Role,
    pub size: f32,
    /// Advance of a full-width character (the grid cell for 3号 body text).
    pub cell: f32,
    pub red: bool,
}

impl Style {
    pub fn body(role: Role) -> Style {
        Style {
            role,
            size: SIZE_3,
            cell: CELL,
            red: false,
        }
    }

    pub fn sized(role: Role, size: f32) -> Style {
        Style {
            role,
            size,
            cell: size,
            red: false,
        }
    }
}

/// Text resolved to glyphs and widths.
pub(crate) struct Shaped {
    pub atoms: Vec<Atom>,
    pub glyphs: Vec<Option<Glyph>>,
}

impl Shaped {
    pub fn width(&self) -> f32 {
        linebreak::natural_width(&self.atoms, &(0..self.atoms.len()))
    }
}

/// Horizontal placement of a single line.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Align {
    Left(f32),
    Right(f32),
    Center(f32),
}

pub(crate) struct Composer<'a> {
    pub fonts: &'a FontSet,
    pub pages: Vec<Page>,
    /// Next free grid line on the last page.
    pub line: usize,
    /// Draw on this page instead of the last one (page numbers).
    pub target: Option<usize>,
}

fn is_full_width(ch: char, advance: f32) -> bool {
    let c = ch as u32;
    if ch.is_ascii() {
        return false;
    }
    (c >= 0x2E80 && !(0xFF61..=0xFFDC).contains(&c)) || advance >= 0.8
}

fn context(text: &str, at: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let from = at.saturating_sub(10);
    let to = (at + 10).min(chars.len());
    chars[from..to].iter().collect()
}

impl<'a> Composer<'a> {
    pub fn new(fonts: &'a FontSet) -> Self {
        Composer {
            fonts,
            pages: vec![Page::default()],
            line: 0,
            target: None,
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.line = 0;
    }

    /// Makes sure the cursor is on a free grid line, starting a page if needed.
    pub fn ensure_line(&mut self) {
        if self.line >= LINES {
            self.new_page();
        }
    }

    pub fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::default());
        }
        let last = self.pages.len() - 1;
        let i = self.target.filter(|&t| t < last).unwrap_or(last);
        &mut self.pages[i]
    }

    pub fn rule(&mut self, x: f32, y: f32, w: f32, h: f32, red: bool) {
        let ink = if red { Ink::Red } else { Ink::Black };
        self.page().items.push(Item::Rule { x, y, w, h, ink });
    }

    /// Resolves every character to a glyph; a character no font has is an error.
    pub fn shape(&self, text: &str, st: &Style) -> Result<Shaped, GongwenError> {
        let mut atoms = Vec::with_capacity(text.len());
        let mut glyphs = Vec::with_capacity(text.len());
        for (i, ch) in text.chars().enumerate() {
            let ch = if ch == '\t' { ' ' } else { ch };
            if ch.is_control() {
                continue;
            }
            if ch.is_whitespace() {
                let full = !ch.is_ascii();
                let width = if full {
                    st.cell
                } else {
                    self.fonts.glyph(st.role, ' ').map_or(0.25, |g| g.advance) * st.size
                };
                atoms.push(Atom {
                    ch,
                    width,
                    half: !full,
                });
                glyphs.push(None);
                continue;
            }
            let g = self
                .fonts
                .glyph(st.role, ch)
                .ok_or_else(|| GongwenError::MissingGlyph {
                    ch,
                    role: st.role,
                    context: context(text, i),
                })?;
            let full = is_full_width(ch, g.advance);
            atoms.push(Atom {
                ch,
                width: if full { st.cell } else { g.advance * st.size },
                half: !full,
            });
            glyphs.push(Some(g));
        }
        Ok(Shaped { atoms, glyphs })
    }

    /// Draws `range` of `sh` with the given x offsets from `x0` on `baseline`.
    pub fn draw(
        &mut self,
        sh: &Shaped,
        range: std::ops::Range<usize>,
        xs: &[f32],
        x0: f32,
        baseline: f32,
        st: &Style,
    ) {
        let items = &mut self.page().items;
        for (k, i) in range.enumerate() {
            let Some(g) = sh.glyphs[i] else { continue };
            let atom = &sh.atoms[i];
            // A proportional glyph in a full-width cell (rare: a fallback font) is centred.
            let inset = if atom.half {
                0.0
            } else {
                ((atom.width - g.advance * st.size) / 2.0).max(0.0)
            };
            items.push(Item::Glyph {
                face: g.face,
                gid: g.gid,
                ch: atom.ch,
                x: x0 + xs[k] + inset,
                baseline,
                size: st.size,
                ink: if st.red { Ink::Red } else { Ink::Black },
            });
        }
    }

    /// A single unwrapped line at an explicit baseline.
    pub fn line_at(
        &mut self,
        text: &str,
        st: &Style,
        align: Align,
        baseline: f32,
    ) -> Result<f32, GongwenError> {
        let sh = self.shape(text, st)?;
        let w = sh.width();
        let x0 = match align {
            Align::Left(x) => x,
            Align::Right(x) => x - w,
            Align::Center(c) => c - w / 2.0,
        };
        let r = 0..sh.atoms.len();
        let xs = linebreak::place(&sh.atoms, &r, w, false);
        self.draw(&sh, r, &xs, x0, baseline, st);
        Ok(w)
    }

    /// A single unwrapped line on grid line `self.line`; advances the cursor.
    pub fn grid_line(&mut self, text: &str, st: &Style, align: Align) -> Result<(), GongwenError> {
        self.ensure_line();
        let baseline = line_baseline(self.line, st.size);
        self.line_at(text, st, align, baseline)?;
        self.line += 1;
        Ok(())
    }

    /// A wrapped, justified paragraph on the grid, `first`/`rest` indents in pt from the
    /// 版心 left edge and `right` in pt from its right edge.
    pub fn paragraph(
        &mut self,
        text: &str,
        st: &Style,
        first: f32,
        rest: f32,
        right: f32,
    ) -> Result<(), GongwenError> {
        self.paragraph_kept(text, st, first, rest, right, false)
    }

    /// Like [`Composer::paragraph`]; with `keep_next` (headings) the text moves to the next
    /// page rather than end on a page's last line, away from the text it introduces.
    pub fn paragraph_kept(
        &mut self,
        text: &str,
        st: &Style,
        first: f32,
        rest: f32,
        right: f32,
        keep_next: bool,
    ) -> Result<(), GongwenError> {
        let sh = self.shape(text, st)?;
        self.shaped_paragraph(&sh, st, first, rest, right, keep_next)
    }

    /// A paragraph already shaped (possibly from runs in several faces).
    fn shaped_paragraph(
        &mut self,
        sh: &Shaped,
        st: &Style,
        first: f32,
        rest: f32,
        right: f32,
        keep_next: bool,
    ) -> Result<(), GongwenError> {
        let lines =
            linebreak::break_lines(&sh.atoms, BODY_W - first - right, BODY_W - rest - right);
        let count = lines.len();
        if keep_next && self.line > 0 && self.line < LINES && self.line + count >= LINES {
            self.new_page();
        }
        // Widows and orphans: at least two lines of a paragraph on each page it spans.
        let mut page_break_at = None;
        if self.line > 0 && self.line < LINES && count >= 2 {
            let free = LINES - self.line;
            if free < count {
                if free == 1 || (count - free == 1 && free < 3) {
                    self.new_page();
                } else if count - free == 1 {
                    page_break_at = Some(free - 1);
                }
            }
        }
        for (n, r) in lines.into_iter().enumerate() {
            if page_break_at == Some(n) {
                self.new_page();
            }
            self.ensure_line();
            let indent = if n == 0 { first } else { rest };
            let xs = linebreak::place(&sh.atoms, &r, BODY_W - indent - right, n + 1 < count);
            let baseline = line_baseline(self.line, st.size);
            self.draw(sh, r, &xs, BODY_LEFT + indent, baseline, st);
            self.line += 1;
        }
        Ok(())
    }

    /// A 层次标题 paragraph: the heading in its level's face (一、黑体, （一）楷体, 1. and
    /// （1）仿宋). When text follows the heading's first 。 (or early ：) in the same paragraph (a run-in
    /// heading: 「（一）预算管理方面。预算编制……」), only the heading takes that face and the
    /// text after it is set in the body 仿宋.
    fn heading(&mut self, level: u8, text: &str) -> Result<(), GongwenError> {
        let role = match level {
            1 => Role::HeiTi,
            2 => Role::KaiTi,
            _ => Role::FangSong,
        };
        for piece in text.split('\n') {
            let piece = piece.trim_end_matches('\r');
            if piece.trim().is_empty() {
                continue;
            }
            let split = run_in_split(piece);
            match split {
                Some(i) if role != Role::FangSong => {
                    let mut sh = self.shape(&piece[..i], &Style::body(role))?;
                    let body = self.shape(&piece[i..], &Style::body(Role::FangSong))?;
                    sh.atoms.extend(body.atoms);
                    sh.glyphs.extend(body.glyphs);
                    let st = Style::body(Role::FangSong);
                    self.shaped_paragraph(&sh, &st, 2.0 * CELL, 0.0, 0.0, false)?;
                }
                _ => {
                    let st = Style::body(role);
                    let sh = self.shape(piece, &st)?;
                    let standalone = split.is_none();
                    self.shaped_paragraph(&sh, &st, 2.0 * CELL, 0.0, 0.0, standalone)?;
                }
            }
        }
        Ok(())
    }

    /// Title lines: balanced, centred, one grid line each. A `\n` in the title forces a
    /// break there (the clerk's choice wins over the balancing).
    pub fn title(&mut self, text: &str) -> Result<(), GongwenError> {
        let st = Style::sized(Role::XiaoBiaoSong, SIZE_2);
        let max = (BODY_W / SIZE_2).floor() * SIZE_2;
        for piece in text.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            let sh = self.shape(piece, &st)?;
            for r in linebreak::balance_lines(&sh.atoms, max) {
                self.ensure_line();
                let w = linebreak::natural_width(&sh.atoms, &r);
                let xs = linebreak::place(&sh.atoms, &r, w, false);
                let baseline = line_baseline(self.line, st.size);
                self.draw(&sh, r, &xs, BODY_LEFT + (BODY_W - w) / 2.0, baseline, &st);
                self.line += 1;
            }
        }
        Ok(())
    }

    /// Lines of the next block that must share a page with a heading above it: a paragraph's
    /// first two lines (all three of a three-line one, which the widow rule keeps together),
    /// a table's header and first row (about two grid lines).
    fn lines_kept_with(&self, next: Option<&Block>) -> Result<usize, GongwenError> {
        let (text, role, indent) = match next {
            Some(Block::Paragraph(t)) => (t, Role::FangSong, 2.0 * CELL),
            Some(Block::Plain(t)) => (t, Role::FangSong, 0.0),
            Some(Block::Heading { text, .. }) => (text, Role::FangSong, 2.0 * CELL),
            Some(Block::Table { .. }) => return Ok(2),
            None => return Ok(0),
        };
        let first = text.split('\n').next().unwrap_or("");
        let sh = self.shape(first, &Style::body(role))?;
        let n = linebreak::break_lines(&sh.atoms, BODY_W - indent, BODY_W).len();
        Ok(if n == 3 { 3 } else { n.min(2) })
    }

    pub fn blocks(&mut self, blocks: &[Block]) -> Result<(), GongwenError> {
        for (i, b) in blocks.iter().enumerate() {
            if let Block::Heading { text, .. } = b {
                let standalone = !text.contains('\n') && run_in_split(text).is_none();
                if standalone && self.line > 0 && self.line < LINES {
                    let need = self.lines_kept_with(blocks.get(i + 1))?;
                    if self.line + 1 + need > LINES {
                        self.new_page();
                    }
                }
            }
            match b {
                Block::Paragraph(t) => self.paragraphs(t, Role::FangSong, 2.0 * CELL, false)?,
                Block::Heading { level, text } => self.heading(*level, text)?,
                Block::Plain(t) => self.paragraphs(t, Role::FangSong, 0.0, false)?,
                Block::Table { columns, rows } => table::table(self, columns, rows)?,
            }
        }
        Ok(())
    }

    /// Each `\n`-separated piece is its own paragraph.
    fn paragraphs(
        &mut self,
        text: &str,
        role: Role,
        indent: f32,
        keep_next: bool,
    ) -> Result<(), GongwenError> {
        for piece in text.split('\n') {
            let piece = piece.trim_end_matches('\r');
            if piece.trim().is_empty() {
                continue;
            }
            self.paragraph_kept(piece, &Style::body(role), indent, 0.0, 0.0, keep_next)?;
        }
        Ok(())
    }
}

/// Where a run-in heading ends: after its first 。 (or a ： within its first 16 characters,
/// 「（一）资金使用方面：……」) when more text follows in the paragraph.
fn run_in_split(piece: &str) -> Option<usize> {
    piece
        .char_indices()
        .enumerate()
        .find(|(n, (_, c))| *c == '。' || (*c == '：' && *n < 16))
        .map(|(_, ic)| ic)
        .map(|(i, c)| i + c.len_utf8())
        .filter(|&i| !piece[i..].trim().is_empty())
}

/// Pages of one document, with page numbers already placed. A `draft` has no 文号 line and
/// carries the 草稿 mark on every page.
pub(crate) fn compose(
    doc: &Document,
    fonts: &FontSet,
    draft: bool,
) -> Result<Vec<Page>, GongwenError> {
    if draft && doc.doc_number.is_some() {
        let mut unnumbered = doc.clone();
        unnumbered.doc_number = None;
        return compose(&unnumbered, fonts, true);
    }
    let mut c = Composer::new(fonts);
    head::head(&mut c, doc)?;
    c.blocks(&doc.body)?;
    tail::attachments_note(&mut c, &doc.attachments)?;
    tail::signature(&mut c, doc)?;
    tail::appendices(&mut c, &doc.appendices)?;
    if let Some(rec) = &doc.record {
        tail::record(&mut c, rec, doc.format)?;
    }
    tail::page_numbers(&mut c, doc.format)?;
    if draft {
        draft_mark(&mut c)?;
    }
    Ok(c.pages)
}

/// Size of the 草稿 mark: two characters across the middle of the page.
const DRAFT_SIZE: f32 = 120.0;

/// 「草稿」 in light grey across the middle of every page, under the text (drawn first).
fn draft_mark(c: &mut Composer) -> Result<(), GongwenError> {
    let st = Style::sized(Role::HeiTi, DRAFT_SIZE);
    let sh = c.shape("草稿", &st)?;
    let gap = DRAFT_SIZE / 2.0;
    let w = sh.width() + gap;
    let x0 = (PAGE_W - w) / 2.0;
    let baseline = PAGE_H / 2.0 + (BASELINE - 0.5) * DRAFT_SIZE;
    let mut mark = Vec::new();
    for (k, (a, g)) in sh.atoms.iter().zip(&sh.glyphs).enumerate() {
        let Some(g) = g else { continue };
        mark.push(Item::Glyph {
            face: g.face,
            gid: g.gid,
            ch: a.ch,
            x: x0 + k as f32 * (DRAFT_SIZE + gap),
            baseline,
            size: DRAFT_SIZE,
            ink: Ink::Grey,
        });
    }
    for p in &mut c.pages {
        p.items.splice(0..0, mark.iter().cloned());
    }
    Ok(())
}
