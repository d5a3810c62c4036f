//! The document model handed to the layout engine: every element of a GB/T 9704 公文 that
//! Jixiao's letters use. It is stored as JSON next to the issued PDF, so it round-trips through
//! serde and re-rendering it gives the same bytes.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// 信函格式 (函) or 文件格式.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "DocFormat"))]
pub enum Format {
    /// 信函格式: red 机关名称 30 mm from the page top, red double rules, 文号 flush right.
    Letter,
    /// 文件格式: red 发文机关标志 35 mm below the 版心 top, 文号 centred, red rule.
    Document,
}

/// 发文字号: `代字〔年份〕序号号`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct DocNumber {
    /// 发文机关代字, e.g. "X财绩函".
    pub code: String,
    /// Full year, e.g. 2026.
    pub year: i32,
    /// 序号, printed without leading zeros.
    pub seq: u32,
}

impl DocNumber {
    /// `X财绩函〔2026〕12号`: full year in 六角括号, no padding zeros, no 第.
    pub fn display(&self) -> String {
        format!("{}〔{}〕{}号", self.code, self.year, self.seq)
    }
}

/// One table column. Widths are relative weights of the 版心 width.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "DocColumn"))]
pub struct Column {
    pub title: String,
    /// Relative width (e.g. 序号 1, 问题 4); 0 is treated as 1.
    pub weight: u32,
    /// Centre the cell text (序号, 分值 …) instead of justifying it.
    #[serde(default)]
    pub center: bool,
}

/// A block of body text. Headings are passed already numbered by the caller
/// (`"一、评价结论"`, `"（一）……"`, `"1.……"`, `"（1）……"`); the engine only picks the font:
/// level 1 黑体, level 2 楷体, levels 3–4 仿宋.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub enum Block {
    /// 正文段落: first line indented two characters, justified.
    Paragraph(String),
    /// 层次标题, level 1..=4, indented two characters like a paragraph.
    Heading { level: u8, text: String },
    /// A ruled table; it may break across pages, repeating the header row.
    Table {
        columns: Vec<Column>,
        rows: Vec<Vec<String>>,
    },
    /// A line without indent ("联系人：…").
    Plain(String),
}

/// 版记: 抄送, 印发机关, 印发日期. A 函 (信函格式) prints only the 抄送 line(s): GB/T 9704-2012
/// leaves 印发机关, 印发日期 and the rules out of a letter's 版记.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export, rename = "DocRecord"))]
pub struct Record {
    /// 抄送机关; empty = no 抄送 line.
    pub cc: Vec<String>,
    /// 印发机关.
    pub printer: String,
    /// 印发日期.
    pub print_date: NaiveDate,
}

/// 附件 bound after the body: starts on a new page with "附件1" and a centred title.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Appendix {
    pub title: String,
    pub body: Vec<Block>,
}

/// One official document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(export))]
pub struct Document {
    pub format: Format,
    /// 发文机关标志, printed as given ("XX县财政局" for a 函, "XX县财政局文件" for 文件格式).
    pub issuer_mark: String,
    pub doc_number: Option<DocNumber>,
    /// 签发人 (上行文, 文件格式 only): 文号 moves left and "签发人：姓名" goes right.
    pub signer: Option<String>,
    pub title: String,
    /// 主送机关, joined with 、 and ended with ：.
    pub addressees: Vec<String>,
    pub body: Vec<Block>,
    /// 附件说明 names (no trailing punctuation).
    pub attachments: Vec<String>,
    /// 发文机关署名.
    pub signature: String,
    /// 成文日期.
    pub date: NaiveDate,
    /// 附注 (e.g. 联系人及电话), printed in （） below the date.
    pub note: Option<String>,
    /// 版记 at the foot of the last page.
    pub record: Option<Record>,
    pub appendices: Vec<Appendix>,
}

/// `2026年11月22日`: Arabic numerals, no padding zeros (成文日期, 印发日期).
pub fn chinese_date(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doc_number_has_full_year_in_hexagonal_brackets_and_no_leading_zeros() {
        let n = DocNumber {
            code: "X财绩函".into(),
            year: 2026,
            seq: 7,
        };
        assert_eq!(n.display(), "X财绩函〔2026〕7号");
    }

    #[test]
    fn dates_use_arabic_numerals_without_padding() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).expect("date");
        assert_eq!(chinese_date(d), "2026年3月5日");
    }
}
