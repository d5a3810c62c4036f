//! Punctuation of horizontal 公文 text (GB/T 15834-2011), normalised when a letter is composed
//! and when a clerk edits it: “ ” and ‘ ’ instead of the vertical-text 「」『』 and straight
//! quotes, full-width ，；：？！（） next to Chinese, no space between Chinese and a number
//! (「84.50 分」), no space after an item number 「1.」, and
//! a 。 closing every numbered item that is a sentence (（一）……, 1.……, （1）……).

use crate::model::{Block, Document};

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

/// Closing marks after which an item needs no added 。.
const ENDS: &str = "。！？；…：";

/// The item number at the start of `text` (「一、」「（一）」「1.」「（1）」), in bytes.
fn enumerator(text: &str) -> Option<usize> {
    let digits = |s: &str| s.chars().take_while(|c| c.is_ascii_digit()).count();
    let cn = |s: &str| {
        s.chars()
            .take_while(|c| "一二三四五六七八九十".contains(*c))
            .map(char::len_utf8)
            .sum::<usize>()
    };
    if let Some(rest) = text.strip_prefix('（') {
        let n = cn(rest).max(digits(rest));
        if n > 0 && rest[n..].starts_with('）') {
            return Some('（'.len_utf8() + n + '）'.len_utf8());
        }
        return None;
    }
    let n = digits(text);
    if n > 0 && (text[n..].starts_with('.') || text[n..].starts_with('．')) {
        return Some(n + 1 + usize::from(text[n..].starts_with('．')) * 2);
    }
    let n = cn(text);
    if n > 0 && text[n..].starts_with('、') {
        return Some(n + '、'.len_utf8());
    }
    None
}

/// One paragraph's text normalised. `item`: close a numbered sentence with 。.
pub fn normalize(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // Quote depth: 0 outside, 1 inside “ ”.
    let mut depth = 0usize;
    let mut straight_open = false;
    let cjk_near = |i: usize| {
        i.checked_sub(1)
            .and_then(|j| chars.get(j))
            .is_some_and(|c| is_cjk(*c))
            || chars.get(i + 1).is_some_and(|c| is_cjk(*c))
    };
    for (i, &c) in chars.iter().enumerate() {
        let mapped = match c {
            '“' => {
                depth += 1;
                '“'
            }
            '”' => {
                depth = depth.saturating_sub(1);
                '”'
            }
            '「' | '『' => {
                depth += 1;
                if depth > 1 {
                    '‘'
                } else {
                    '“'
                }
            }
            '」' | '』' => {
                let q = if depth > 1 { '’' } else { '”' };
                depth = depth.saturating_sub(1);
                q
            }
            '"' if cjk_near(i) || straight_open => {
                straight_open = !straight_open;
                if straight_open {
                    '“'
                } else {
                    '”'
                }
            }
            ',' if i > 0 && is_cjk(chars[i - 1]) => '，',
            ';' if i > 0 && is_cjk(chars[i - 1]) => '；',
            ':' if i > 0 && is_cjk(chars[i - 1]) => '：',
            '?' if i > 0 && is_cjk(chars[i - 1]) => '？',
            '!' if i > 0 && is_cjk(chars[i - 1]) => '！',
            '(' if chars.get(i + 1).is_some_and(|c| is_cjk(*c)) => '（',
            ')' if i > 0 && is_cjk(chars[i - 1]) => '）',
            other => other,
        };
        out.push(mapped);
    }
    // No space between Chinese and a number or Latin word: 「得分 84.50 分」 → 「得分84.50分」
    // (a space between two Chinese words, 「中共中央 国务院」, is kept).
    let cs: Vec<char> = out.chars().collect();
    let mixed = |a: char, b: char| {
        (is_cjk(a) && b.is_ascii_alphanumeric()) || (a.is_ascii_alphanumeric() && is_cjk(b))
    };
    out = cs
        .iter()
        .enumerate()
        .filter(|&(i, &c)| !(c == ' ' && i > 0 && i + 1 < cs.len() && mixed(cs[i - 1], cs[i + 1])))
        .map(|(_, &c)| c)
        .collect();
    // No space after the item number: 「1. 细化……」 → 「1.细化……」.
    if let Some(n) = enumerator(&out) {
        let rest = out[n..].trim_start_matches([' ', '\u{3000}']).to_string();
        out.truncate(n);
        out.push_str(&rest);
    }
    out
}

/// Ends a numbered sentence item with 。 (「（一）……（依据：……）」 → 「……）。」).
fn close_item(text: &str) -> String {
    let t = text.trim_end();
    let Some(n) = enumerator(t) else {
        return text.to_string();
    };
    let body = &t[n..];
    let sentence = body.contains(['。', '，', '；']) || body.chars().count() > 20;
    match t.chars().last() {
        Some(last) if sentence && !ENDS.contains(last) => format!("{t}。"),
        _ => text.to_string(),
    }
}

fn fix(text: &mut String, changes: &mut Vec<String>, item: bool) {
    let pieces: Vec<String> = text
        .split('\n')
        .map(|p| {
            let n = normalize(p);
            if item {
                close_item(&n)
            } else {
                n
            }
        })
        .collect();
    let new = pieces.join("\n");
    if new != *text {
        changes.push(format!("「{}」→「{}」", text, new));
        *text = new;
    }
}

fn fix_blocks(blocks: &mut [Block], changes: &mut Vec<String>) {
    for b in blocks {
        match b {
            Block::Paragraph(t) => fix(t, changes, true),
            Block::Heading { level, text } => fix(text, changes, *level >= 2),
            Block::Plain(t) => fix(t, changes, false),
            Block::Table { columns, rows } => {
                for c in columns {
                    fix(&mut c.title, changes, false);
                }
                for cell in rows.iter_mut().flatten() {
                    fix(cell, changes, false);
                }
            }
        }
    }
}

/// Normalises every text of `doc` in place; returns what changed, one 「before」→「after」
/// entry per paragraph or cell (for the editor to show).
pub fn normalize_document(doc: &mut Document) -> Vec<String> {
    let mut changes = Vec::new();
    fix(&mut doc.title, &mut changes, false);
    fix_blocks(&mut doc.body, &mut changes);
    for a in &mut doc.attachments {
        fix(a, &mut changes, false);
    }
    for app in &mut doc.appendices {
        fix(&mut app.title, &mut changes, false);
        fix_blocks(&mut app.body, &mut changes);
    }
    if let Some(n) = doc.note.as_mut() {
        fix(n, &mut changes, false);
    }
    changes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vertical_and_straight_quotes_become_horizontal_double_quotes() {
        assert_eq!(normalize("评价等级为『良』"), "评价等级为“良”");
        assert_eq!(normalize("「预算执行率」指标"), "“预算执行率”指标");
        assert_eq!(normalize("所谓\"重建轻管\"现象"), "所谓“重建轻管”现象");
        assert_eq!(normalize("“他说「好」”"), "“他说‘好’”");
    }

    #[test]
    fn half_width_punctuation_next_to_chinese_becomes_full_width_but_numbers_stay() {
        assert_eq!(
            normalize("资金1,286.50万元,已支付"),
            "资金1,286.50万元，已支付"
        );
        assert_eq!(normalize("依据(预算法)"), "依据（预算法）");
    }

    #[test]
    fn no_space_between_a_number_and_chinese_but_between_chinese_words_it_stays() {
        assert_eq!(
            normalize("综合得分 84.50 分，等级为“良”"),
            "综合得分84.50分，等级为“良”"
        );
        assert_eq!(normalize("中共中央 国务院"), "中共中央 国务院");
    }

    #[test]
    fn no_space_after_an_item_number_and_items_end_with_a_full_stop() {
        assert_eq!(normalize("1. 细化预算编制"), "1.细化预算编制");
        assert_eq!(
            close_item("（一）预算管理方面。编制不细（依据：《预算法》）"),
            "（一）预算管理方面。编制不细（依据：《预算法》）。"
        );
        assert_eq!(
            close_item("（一）建设任务基本完成"),
            "（一）建设任务基本完成"
        );
        assert_eq!(close_item("普通段落，不编号"), "普通段落，不编号");
    }
}
