//! Drafting documents from the data: each composer reads its source and returns a
//! `jixiao_gongwen::Document` in the 信函格式 with the text generated from the figures (editable
//! before issuing). [`DocSettings`] holds what every letter shares: 发文机关, 代字 per 文种, 联系人,
//! 抄送 and the font choice. Skeletons follow domain.md §8.

use crate::access::Perm;
mod feedback;
mod notice;
mod opinion;

pub use feedback::{feedback_from_key_eval, feedback_from_spot_check};
pub use notice::{notice_from_key_eval, notice_from_monitoring};
pub use opinion::{exante_opinion, management_opinion, monitoring_feedback};

use super::DocType;
use crate::{Error, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Block, Column, Document, Format, Record};
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

const SETTINGS_KEY: &str = "documents.settings";

/// What every generated letter shares. Stored per PC (local_setting).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocSettings {
    /// 发文机关 (标志 and 署名), e.g. 示例县财政局.
    pub issuer_name: String,
    /// 发文机关代字 per 文种, e.g. 反馈意见函 → 示财绩函.
    pub codes: BTreeMap<String, String>,
    pub contact: String,
    pub phone: String,
    /// 抄送机关 (版记); empty = no 版记 抄送 line.
    pub cc: Vec<String>,
    /// 印发机关 (版记), e.g. 示例县财政局办公室.
    pub printer: String,
    /// 整改 deadline: this many days after the letter's date.
    pub rectify_days: i64,
    /// Font files chosen in 字体设置 (empty = found automatically).
    #[ts(type = "unknown")]
    pub fonts: jixiao_gongwen::FontConfig,
}

/// The county's 财政局: the top 财政局股室 unit without a parent, else a placeholder.
pub(crate) fn bureau_name(c: &Connection) -> Result<String> {
    Ok(c.query_row(
        "SELECT name FROM org_unit WHERE kind = '财政局股室' AND parent_id IS NULL
           AND deleted_at IS NULL ORDER BY code LIMIT 1",
        [],
        |r| r.get(0),
    )
    .optional()?
    .unwrap_or_else(|| "XX县财政局".into()))
}

fn default_settings(c: &Connection) -> Result<DocSettings> {
    let issuer = bureau_name(c)?;
    // 代字: the county's first character + 财绩 + 文种 suffix (示例县财政局 → 示财绩函).
    let first: String = issuer.chars().take(1).collect();
    let codes = [
        (DocType::FeedbackLetter, "函"),
        (DocType::RectificationNotice, "通"),
        (DocType::ManagementOpinion, "意"),
        (DocType::MonitoringFeedback, "监"),
        (DocType::ExAnteOpinion, "评"),
    ]
    .iter()
    .map(|(t, s)| (t.label().to_string(), format!("{first}财绩{s}")))
    .collect();
    Ok(DocSettings {
        printer: format!("{issuer}办公室"),
        issuer_name: issuer,
        codes,
        contact: String::new(),
        phone: String::new(),
        cc: Vec::new(),
        rectify_days: 30,
        fonts: jixiao_gongwen::FontConfig::default(),
    })
}

pub fn get_settings(c: &Connection) -> Result<DocSettings> {
    let saved: Option<String> = c
        .query_row(
            "SELECT value FROM local_setting WHERE key = ?1",
            [SETTINGS_KEY],
            |r| r.get(0),
        )
        .optional()?;
    match saved {
        Some(json) => Ok(serde_json::from_str(&json)?),
        None => default_settings(c),
    }
}

pub fn save_settings(ctx: &crate::db::WriteCtx, s: &DocSettings) -> Result<DocSettings> {
    ctx.require(Perm::Documents)?;
    if s.issuer_name.trim().is_empty() {
        return Err(Error::invalid("发文机关", "请填写发文机关名称"));
    }
    if !(1..=365).contains(&s.rectify_days) {
        return Err(Error::invalid("整改期限", "应为 1–365 天"));
    }
    let before = get_settings(ctx)?;
    ctx.execute(
        "INSERT INTO local_setting (key, value, updated_at) VALUES (?1, ?2, ?3)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        rusqlite::params![SETTINGS_KEY, serde_json::to_string(s)?, ctx.now()],
    )?;
    ctx.audit(
        "update",
        "local_setting",
        Some(SETTINGS_KEY),
        "修改文书设置",
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(s)?),
    )?;
    Ok(s.clone())
}

/// The frame of a 函: 标志, 主送, 署名, date, 联系人 and 版记 from the settings.
pub(crate) fn letter(s: &DocSettings, title: String, to: &str, date: NaiveDate) -> Document {
    let contact = match (s.contact.trim(), s.phone.trim()) {
        ("", "") => None,
        (c, "") => Some(format!("联系人：{c}")),
        ("", p) => Some(format!("联系电话：{p}")),
        (c, p) => Some(format!("联系人：{c}，联系电话：{p}")),
    };
    Document {
        format: Format::Letter,
        issuer_mark: s.issuer_name.clone(),
        doc_number: None,
        signer: None,
        title,
        addressees: vec![to.to_string()],
        body: Vec::new(),
        attachments: Vec::new(),
        signature: s.issuer_name.clone(),
        date,
        note: contact,
        record: (!s.cc.is_empty()).then(|| Record {
            cc: s.cc.clone(),
            printer: s.printer.clone(),
            print_date: date,
        }),
        appendices: Vec::new(),
    }
}

/// The 附件说明 from the appendices themselves (GB/T 9704 §7.3.7: each attachment's own
/// title, in order), so the note and the attached pages can never disagree.
pub(crate) fn attach(doc: &mut Document) {
    doc.attachments = doc.appendices.iter().map(|a| a.title.clone()).collect();
}

pub(crate) fn para(text: impl Into<String>) -> Block {
    Block::Paragraph(text.into())
}

pub(crate) fn heading(level: u8, text: impl Into<String>) -> Block {
    Block::Heading {
        level,
        text: text.into(),
    }
}

pub(crate) fn columns(spec: &[(&str, u32, bool)]) -> Vec<Column> {
    spec.iter()
        .map(|(t, w, c)| Column {
            title: (*t).into(),
            weight: *w,
            center: *c,
        })
        .collect()
}

/// 一、二、… for level-1 headings and （一）（二）… for level 2.
pub(crate) fn cn_number(n: usize) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n].to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => format!("{}十{}", D[n / 10], D[n % 10]),
        _ => n.to_string(),
    }
}

/// The 整改情况反馈表 every notice and feedback letter attaches (domain §8): one row per problem.
pub(crate) fn feedback_form(problems: &[(String, String)], deadline: &str) -> Block {
    Block::Table {
        columns: columns(&[
            ("序号", 1, true),
            ("问题", 4, false),
            ("整改措施", 4, false),
            ("责任科室及责任人", 2, false),
            ("完成时限", 2, true),
            ("完成情况", 2, false),
            ("佐证材料", 2, false),
            ("未完成原因", 2, false),
        ]),
        rows: problems
            .iter()
            .enumerate()
            .map(|(k, (p, m))| {
                vec![
                    (k + 1).to_string(),
                    p.clone(),
                    m.clone(),
                    String::new(),
                    deadline.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]
            })
            .collect(),
    }
}

pub(crate) fn chinese(d: NaiveDate) -> String {
    jixiao_gongwen::model::chinese_date(d)
}

/// What a composer returns: the document and what it is about.
pub struct Composed {
    pub doc: Document,
    pub fiscal_year: i32,
    pub unit_id: Option<String>,
}

/// The deadline `days` after `date`, as 2026年12月22日.
pub(crate) fn deadline(date: NaiveDate, days: i64) -> String {
    chinese(date + chrono::Duration::days(days))
}
