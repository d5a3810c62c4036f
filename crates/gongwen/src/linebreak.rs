//! Chinese line breaking for the 公文 grid: greedy filling, 避头尾 by carrying characters to
//! the next line, unbreakable half-width runs (`1,286.50`, `2026`, `95%`), justification of
//! every line but a paragraph's last, and balanced multi-line titles.
//!
//! Works on widths only (no fonts), so it is tested on its own.

use std::ops::Range;

/// One character with its advance in pt.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Atom {
    pub ch: char,
    pub width: f32,
    /// Half-width (Latin letters, digits, ASCII punctuation): part of an unbreakable run.
    pub half: bool,
}

const EPS: f32 = 0.01;

/// Characters that must not start a line (GB/T 15834 点号, closing brackets and quotes …).
const NO_START: &str = "，。、；：？！）」』》〉】〕〗”’·・％‰℃～々,.;:?!)]}%";
/// Characters that must not end a line (opening brackets and quotes).
const NO_END: &str = "（「『《〈【〔〖“‘([{";
/// Units and counters that stay with the number before them (`2026年`, `1,286.50万元`, `12号`).
const UNITS: &str = "年月日号时分秒万亿千百元个份户人次项家亩米吨天周岁倍公里斤度％‰℃";

pub fn no_start(ch: char) -> bool {
    NO_START.contains(ch)
}

pub fn no_end(ch: char) -> bool {
    NO_END.contains(ch)
}

pub fn is_unit(ch: char) -> bool {
    UNITS.contains(ch)
}

fn in_run(a: &Atom) -> bool {
    a.half && !a.ch.is_whitespace()
}

/// Is `atoms[i]` a unit glued (possibly through other units, as in 万元) to a number?
fn glued_to_number(atoms: &[Atom], i: usize) -> bool {
    let mut k = i;
    while k > 0 && is_unit(atoms[k].ch) && i - k < 3 {
        if in_run(&atoms[k - 1]) {
            return true;
        }
        k -= 1;
    }
    false
}

/// May a line break fall between `atoms[i - 1]` and `atoms[i]`?
pub fn break_allowed(atoms: &[Atom], i: usize) -> bool {
    if i == 0 || i >= atoms.len() {
        return true;
    }
    let (a, b) = (&atoms[i - 1], &atoms[i]);
    if b.ch.is_whitespace() || a.ch.is_whitespace() {
        return true;
    }
    if in_run(a) && in_run(b) || glued_to_number(atoms, i) {
        return false;
    }
    if no_start(b.ch) || no_end(a.ch) {
        return false;
    }
    // 破折号 —— and 省略号 …… are never split.
    !(a.ch == b.ch && matches!(a.ch, '—' | '…'))
}

/// Full-width punctuation whose glyph fills only half its cell: a line may squeeze it by up
/// to half a cell (标点挤压) to take one more character or number instead of stretching.
const SQUEEZABLE: &str = "，。、；：？！（）《》〈〉「」『』“”‘’【】〔〕";

fn squeeze_room(a: &Atom) -> f32 {
    if !a.half && SQUEEZABLE.contains(a.ch) {
        a.width / 2.0
    } else {
        0.0
    }
}

/// How far `atoms[i]` may be squeezed as part of `range`: an opening bracket that starts the
/// line keeps its full cell (the line's left edge stays straight).
fn room_in(atoms: &[Atom], range: &Range<usize>, i: usize) -> f32 {
    if i == range.start && no_end(atoms[i].ch) {
        0.0
    } else {
        squeeze_room(&atoms[i])
    }
}

/// How far the characters of `range` may be squeezed in total.
pub fn squeezable(atoms: &[Atom], range: &Range<usize>) -> f32 {
    let end = trimmed_end(atoms, range);
    (range.start..end).map(|i| room_in(atoms, range, i)).sum()
}

/// The widest extra gap justification may put between two characters: 1/8 of a cell.
fn max_gap(atoms: &[Atom], range: &Range<usize>) -> f32 {
    atoms[range.clone()]
        .iter()
        .filter(|a| !a.half)
        .map(|a| a.width)
        .fold(0.0f32, f32::max)
        .max(8.0)
        / 8.0
}

/// Gaps of `range` that justification may widen: between characters, never inside a
/// half-width run nor between a number and its unit (`14.50分`).
fn stretch_gaps(atoms: &[Atom], range: &Range<usize>) -> Vec<bool> {
    let end = trimmed_end(atoms, range);
    (range.start..range.end)
        .map(|i| {
            i + 1 < end
                && !(in_run(&atoms[i]) && in_run(&atoms[i + 1]))
                && !glued_to_number(atoms, i + 1)
        })
        .collect()
}

/// Splits `atoms` into lines: the first `first_width` wide, the rest `rest_width` wide.
/// Leading spaces of continuation lines are dropped from the ranges.
///
/// Greedy, with 避头尾 by carrying characters down. When what is left would need more than
/// 1/8 of a cell between characters, the line squeezes its punctuation to take the next
/// unbreakable piece instead; and a paragraph never ends with a single character on its last
/// line (one more is carried down).
pub fn break_lines(atoms: &[Atom], first_width: f32, rest_width: f32) -> Vec<Range<usize>> {
    let n = atoms.len();
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    while start < n {
        if !lines.is_empty() {
            while start < n && atoms[start].ch == ' ' {
                start += 1;
            }
            if start >= n {
                break;
            }
        }
        let width = if lines.is_empty() {
            first_width
        } else {
            rest_width
        };
        let mut used = 0.0;
        let mut k = start;
        while k < n && used + atoms[k].width <= width + EPS {
            used += atoms[k].width;
            k += 1;
        }
        if k == n {
            lines.push(start..n);
            break;
        }
        if k == start {
            k = start + 1;
        }
        let mut b = (start + 1..=k)
            .rev()
            .find(|&b| break_allowed(atoms, b))
            .unwrap_or(k);
        let r = start..b;
        let gaps = stretch_gaps(atoms, &r).iter().filter(|g| **g).count();
        let slack = width - natural_width(atoms, &r);
        if slack > max_gap(atoms, &r) * gaps as f32 + EPS {
            // Too loose: take the next piece if squeezing the punctuation makes room.
            if let Some(b2) = (b + 1..=n).find(|&i| i == n || break_allowed(atoms, i)) {
                let r2 = start..b2;
                if natural_width(atoms, &r2) - squeezable(atoms, &r2) <= width + EPS {
                    b = b2;
                }
            }
        }
        lines.push(start..b);
        start = b;
    }
    // A lone character on the last line: carry one more down from the line before.
    if lines.len() >= 2 {
        let last = lines[lines.len() - 1].clone();
        let visible = trimmed_end(atoms, &last) - last.start;
        if visible < 2 {
            let prev = lines[lines.len() - 2].clone();
            if let Some(b) = (prev.start + 2..prev.end)
                .rev()
                .find(|&b| break_allowed(atoms, b))
            {
                let w_last = natural_width(atoms, &(b..last.end));
                if w_last <= rest_width + EPS {
                    let len = lines.len();
                    lines[len - 2] = prev.start..b;
                    lines[len - 1] = b..last.end;
                }
            }
        }
    }
    lines
}

/// The end of `range` without trailing spaces.
pub fn trimmed_end(atoms: &[Atom], range: &Range<usize>) -> usize {
    let mut end = range.end;
    while end > range.start && atoms[end - 1].ch == ' ' {
        end -= 1;
    }
    end
}

/// Natural width of `range` without trailing spaces.
pub fn natural_width(atoms: &[Atom], range: &Range<usize>) -> f32 {
    atoms[range.start..trimmed_end(atoms, range)]
        .iter()
        .map(|a| a.width)
        .sum()
}

/// x offset of every atom of `range` (relative to the line start). With `justify`, the slack
/// up to `width` is spread over the gaps between characters — never inside a half-width run
/// nor between a number and its unit, and at most 1/8 of a cell per gap (a looser line stays
/// short of the edge rather than gape). A line wider than `width` squeezes its full-width
/// punctuation (an opening bracket moves left into its own blank half).
pub fn place(atoms: &[Atom], range: &Range<usize>, width: f32, justify: bool) -> Vec<f32> {
    let natural = natural_width(atoms, range);
    let stretch = stretch_gaps(atoms, range);
    let gaps = stretch.iter().filter(|g| **g).count();
    let slack = width - natural;
    let extra = if justify && gaps > 0 && slack > 0.0 {
        (slack / gaps as f32).min(max_gap(atoms, range))
    } else {
        0.0
    };
    let room = squeezable(atoms, range);
    let squeeze = if slack < -EPS && room > 0.0 {
        (-slack / room).min(1.0)
    } else {
        0.0
    };
    let mut x = 0.0;
    let mut out = Vec::with_capacity(range.len());
    for (k, i) in range.clone().enumerate() {
        let a = &atoms[i];
        let shrink = room_in(atoms, range, i) * squeeze;
        let opening = no_end(a.ch);
        out.push(if opening { x - shrink } else { x });
        x += a.width - shrink;
        if stretch[k] {
            x += extra;
        }
    }
    out
}

/// Words a title may break after (关于……的……和……): the ends of the phrases a clerk would
/// break at when setting a title by hand.
const BREAK_AFTER: &[&str] = &[
    "关于",
    "反馈",
    "的",
    "之",
    "和",
    "与",
    "及",
    "对",
    "年度",
    "项目",
    "资金",
    "支出",
    "工作",
    "部门整体",
    "政策",
    "单位",
    "评价",
    "整改",
];
/// Words a title may break before.
const BREAK_BEFORE: &[&str] = &["关于", "绩效", "整改", "运行监控", "事前", "项目"];

fn text_of(atoms: &[Atom]) -> String {
    atoms.iter().map(|a| a.ch).collect()
}

/// Is the break between `atoms[i - 1]` and `atoms[i]` at a word boundary a title may use?
pub fn word_break(atoms: &[Atom], i: usize) -> bool {
    if i == 0 || i >= atoms.len() {
        return true;
    }
    let before = text_of(&atoms[i.saturating_sub(4)..i]);
    let after = text_of(&atoms[i..(i + 4).min(atoms.len())]);
    no_start(atoms[i - 1].ch)
        || no_end(atoms[i].ch)
        || BREAK_AFTER.iter().any(|w| before.ends_with(w))
        || BREAK_BEFORE.iter().any(|w| after.starts_with(w))
}

/// Splits a title into the fewest lines of at most `max_width`, as equal in width as
/// possible, honouring 避头尾 and half-width runs, avoiding breaks inside 《》, and breaking at
/// word boundaries ([`word_break`]) — a trapezoid of unequal lines rather than a word cut in
/// two (「部门整／体」). No line is shorter than two characters.
pub fn balance_lines(atoms: &[Atom], max_width: f32) -> Vec<Range<usize>> {
    let n = atoms.len();
    let total: f32 = atoms.iter().map(|a| a.width).sum();
    if n == 0 || total <= max_width + EPS {
        return std::iter::once(0..n).collect();
    }
    let mut prefix = vec![0.0f32; n + 1];
    let mut depth = vec![0i32; n + 1];
    for (i, a) in atoms.iter().enumerate() {
        prefix[i + 1] = prefix[i] + a.width;
        depth[i + 1] = depth[i]
            + match a.ch {
                '《' => 1,
                '》' => -1,
                _ => 0,
            };
    }
    let not_a_word = (max_width / 2.0).powi(2);
    let min_lines = (total / max_width).ceil().max(1.0) as usize;
    for lines in min_lines..=n {
        let target = total / lines as f32;
        // best[l][i]: minimal cost of splitting atoms[..i] into l lines.
        let mut best = vec![vec![f32::INFINITY; n + 1]; lines + 1];
        let mut from = vec![vec![0usize; n + 1]; lines + 1];
        best[0][0] = 0.0;
        for l in 1..=lines {
            for i in 1..=n {
                if i < n && !break_allowed(atoms, i) {
                    continue;
                }
                for j in (l - 1)..i {
                    if best[l - 1][j].is_infinite() {
                        continue;
                    }
                    let w = prefix[i] - prefix[j];
                    if w > max_width + EPS {
                        continue;
                    }
                    let inside = if i < n && depth[i] > 0 {
                        max_width * max_width
                    } else {
                        0.0
                    };
                    let cut = if i < n && !word_break(atoms, i) {
                        not_a_word
                    } else {
                        0.0
                    };
                    let short = if i - j < 2 {
                        max_width * max_width
                    } else {
                        0.0
                    };
                    // A shade in favour of a shorter line above a longer one (梯形).
                    let shape = if l > 1 && w < prefix[j] - prefix[from[l - 1][j]] {
                        0.0
                    } else {
                        1.0
                    };
                    let cost = best[l - 1][j] + (w - target).powi(2) + inside + cut + short + shape;
                    if cost < best[l][i] {
                        best[l][i] = cost;
                        from[l][i] = j;
                    }
                }
            }
        }
        if best[lines][n].is_finite() {
            let mut out = Vec::with_capacity(lines);
            let mut i = n;
            for l in (1..=lines).rev() {
                let j = from[l][i];
                out.push(j..i);
                i = j;
            }
            out.reverse();
            return out;
        }
    }
    break_lines(atoms, max_width, max_width)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CELL: f32 = 442.2 / 28.0;
    const LINE: f32 = 442.2;

    fn atoms(s: &str) -> Vec<Atom> {
        s.chars()
            .map(|ch| {
                let half = ch.is_ascii();
                Atom {
                    ch,
                    width: if half { CELL * 0.5 } else { CELL },
                    half,
                }
            })
            .collect()
    }

    fn texts(a: &[Atom], lines: &[Range<usize>]) -> Vec<String> {
        lines
            .iter()
            .map(|r| a[r.clone()].iter().map(|x| x.ch).collect())
            .collect()
    }

    #[test]
    fn twenty_eight_characters_fill_one_line_and_the_rest_wraps_never_alone() {
        let a = atoms(&"财".repeat(30));
        assert_eq!(break_lines(&a, LINE, LINE), vec![0..28, 28..30]);
        // A 29th character alone on the last line takes one more with it.
        let a = atoms(&"财".repeat(29));
        assert_eq!(break_lines(&a, LINE, LINE), vec![0..27, 27..29]);
    }

    #[test]
    fn a_number_and_its_unit_are_never_spaced_and_stretch_is_at_most_an_eighth_of_a_cell() {
        let s = format!("{}得分14.50分", "评".repeat(20));
        let a = atoms(&s);
        let r = 0..a.len();
        let xs = place(&a, &r, LINE, true);
        let unit = a.len() - 1;
        assert!((xs[unit] - xs[unit - 1] - a[unit - 1].width).abs() < 0.001);
        for i in 1..a.len() {
            assert!(xs[i] - xs[i - 1] - a[i - 1].width <= CELL / 8.0 + 0.001);
        }
    }

    #[test]
    fn a_loose_line_squeezes_its_punctuation_to_take_the_next_number() {
        // 23 characters with two commas, then a 4-cell number that does not quite fit.
        let s = format!("{}，{}，资1,198.37万元", "资".repeat(10), "资".repeat(10));
        let a = atoms(&s);
        let lines = break_lines(&a, LINE, LINE);
        assert_eq!(lines.len(), 1, "{:?}", texts(&a, &lines));
        let xs = place(&a, &lines[0], LINE, false);
        let last = a.len() - 1;
        assert!(xs[last] + a[last].width <= LINE + 0.01);
    }

    #[test]
    fn titles_break_at_word_boundaries() {
        let wide = |s: &str| -> Vec<Atom> {
            atoms(s)
                .into_iter()
                .map(|x| Atom {
                    width: if x.half { 11.0 } else { 22.0 },
                    ..x
                })
                .collect()
        };
        for (title, word) in [
            (
                "关于反馈2025年度县民政局部门整体支出绩效评价结果的函",
                "部门整体",
            ),
            (
                "关于反馈2025年度困难群众基本生活救助资金绩效评价结果的函",
                "基本生活",
            ),
            (
                "关于反馈2025年度县高标准农田建设项目绩效评价结果的函",
                "高标准农田",
            ),
        ] {
            let a = wide(title);
            let t = texts(&a, &balance_lines(&a, 440.0));
            assert_eq!(t.len(), 2, "{t:?}");
            assert!(t.iter().any(|l| l.contains(word)), "{word} cut: {t:?}");
        }
    }

    #[test]
    fn a_comma_never_starts_a_line_the_character_before_it_is_carried() {
        let s = format!("{}，后续文字", "评".repeat(28));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert_eq!(t[0].chars().count(), 27);
        assert_eq!(t[1], "评，后续文字");
    }

    #[test]
    fn closing_punctuation_sequences_carry_far_enough() {
        // 27 chars then 。” : neither may start a line, so two characters move down.
        let s = format!("{}说。”好", "价".repeat(27));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert!(t
            .iter()
            .skip(1)
            .all(|l| !no_start(l.chars().next().unwrap_or('x'))));
        assert_eq!(t[1], "说。”好");
    }

    #[test]
    fn an_opening_book_bracket_never_ends_a_line() {
        let s = format!("{}《预算法》", "依".repeat(27));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert!(!t[0].ends_with('《'));
        assert!(t[1].starts_with('《'));
    }

    #[test]
    fn a_number_run_moves_to_the_next_line_whole() {
        let s = format!("{}1,286.50万元", "资".repeat(25));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert_eq!(t[0], "资".repeat(25));
        assert_eq!(t[1], "1,286.50万元");
    }

    #[test]
    fn a_number_keeps_its_unit_on_the_same_line() {
        // “1,286.50” fits at the end of the line but “万元” does not: all of it moves.
        let s = format!("{}1,286.50万元", "资".repeat(24));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert_eq!(t[0], "资".repeat(24));
        assert_eq!(t[1], "1,286.50万元");
        // A date may break after 年 but not inside 12月.
        let s = format!("{}2026年12月31日", "期".repeat(24));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert_eq!(t[1], "12月31日");
    }

    #[test]
    fn a_run_longer_than_a_line_is_split() {
        let s = "9".repeat(60);
        let a = atoms(&s);
        let lines = break_lines(&a, LINE, LINE);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], 0..56);
    }

    #[test]
    fn dashes_and_ellipses_stay_in_pairs() {
        let s = format!("{}——结论", "文".repeat(27));
        let a = atoms(&s);
        let t = texts(&a, &break_lines(&a, LINE, LINE));
        assert_eq!(t[0], "文".repeat(27));
        assert_eq!(t[1], "——结论");
    }

    #[test]
    fn the_first_line_honours_its_indent() {
        let a = atoms(&"字".repeat(40));
        let lines = break_lines(&a, LINE - 2.0 * CELL, LINE);
        assert_eq!(lines, vec![0..26, 26..40]);
    }

    #[test]
    fn justified_lines_end_exactly_at_the_right_edge_and_runs_stay_tight() {
        let s = format!("{}95%以上", "绩".repeat(23));
        let a = atoms(&s);
        let r = 0..a.len();
        let xs = place(&a, &r, LINE, true);
        let last = a.len() - 1;
        assert!((xs[last] + a[last].width - LINE).abs() < 0.01);
        let run = 23;
        assert!((xs[run + 1] - xs[run] - CELL * 0.5).abs() < 0.001);
        assert!((xs[run + 2] - xs[run + 1] - CELL * 0.5).abs() < 0.001);
        let unjustified = place(&a, &r, LINE, false);
        assert!((unjustified[1] - CELL).abs() < 0.001);
    }

    #[test]
    fn titles_are_split_into_balanced_lines() {
        let title = "关于反馈二〇二六年县农业农村局高标准农田建设项目绩效评价结果的函";
        let a = atoms(title);
        let max = 20.0 * 22.0;
        let a22: Vec<Atom> = a.iter().map(|x| Atom { width: 22.0, ..*x }).collect();
        let lines = balance_lines(&a22, max);
        assert_eq!(lines.len(), 2);
        let (l0, l1) = (lines[0].len() as i64, lines[1].len() as i64);
        assert!((l0 - l1).abs() <= 1, "{l0} vs {l1}");
    }

    #[test]
    fn titles_avoid_breaking_inside_book_brackets() {
        let title = "关于印发《县级预算项目绩效评价管理办法》的通知的补充说明函";
        let a: Vec<Atom> = atoms(title)
            .into_iter()
            .map(|x| Atom { width: 22.0, ..x })
            .collect();
        let lines = balance_lines(&a, 440.0);
        let t = texts(&a, &lines);
        assert_eq!(t.len(), 2);
        let open = t[0].matches('《').count();
        let close = t[0].matches('》').count();
        assert_eq!(open, close, "{t:?}");
    }

    #[test]
    fn a_short_title_stays_on_one_line() {
        let a = atoms("关于反馈绩效评价结果的函");
        assert_eq!(balance_lines(&a, 440.0), vec![0..a.len()]);
    }
}
