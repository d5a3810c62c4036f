//! The 文号 register: numbers per 发文机关代字 and year, assigned when a document is issued,
//! never reused (the next number is one past the highest ever assigned, voided ones included);
//! a voided number keeps its row with the reason. Searchable and exportable.

use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::{Error, Result};
use rusqlite::{params, Connection};
use rust_xlsxwriter::Workbook;
use serde::{Deserialize, Serialize};
use std::path::Path;
use ts_rs::TS;

/// One row of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NumberRow {
    pub id: String,
    pub org_code: String,
    pub year: i32,
    pub seq: i64,
    /// `X财绩函〔2026〕12号`.
    pub number: String,
    pub document_id: Option<String>,
    pub doc_type: Option<String>,
    pub title: String,
    /// 已使用 / 已作废.
    pub status: String,
    pub void_reason: String,
    pub assigned_by: String,
    pub assigned_at: String,
}

/// `代字〔年〕序号号` — full year, no padding zeros.
pub fn format_number(org_code: &str, year: i32, seq: i64) -> String {
    format!("{org_code}〔{year}〕{seq}号")
}

/// Assigns the next number of (`org_code`, `year`) to `document_id`. Runs inside the issuing
/// transaction, so two issues can never get the same number.
pub(crate) fn assign(
    ctx: &WriteCtx,
    org_code: &str,
    year: i32,
    document_id: &str,
    title: &str,
) -> Result<i64> {
    assign_to(ctx, org_code, year, Some(document_id), title)
}

/// [`assign`] for a record that is not a `document` row (the 考核结果通报 keeps its PDF with
/// the 考核): the register row carries no document id.
pub(crate) fn assign_to(
    ctx: &WriteCtx,
    org_code: &str,
    year: i32,
    document_id: Option<&str>,
    title: &str,
) -> Result<i64> {
    if org_code.trim().is_empty() {
        return Err(Error::invalid(
            "发文机关代字",
            "请先在文书设置中填写发文机关代字（如“示财绩函”）",
        ));
    }
    let seq: i64 = ctx.query_row(
        "SELECT COALESCE(MAX(seq), 0) + 1 FROM doc_number WHERE org_code = ?1 AND year = ?2",
        params![org_code, year],
        |r| r.get(0),
    )?;
    ctx.execute(
        "INSERT INTO doc_number (id, org_code, year, seq, document_id, title, status, assigned_by,
            assigned_at, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, '已使用', ?7, ?8, ?8, ?8)",
        params![
            new_id(),
            org_code,
            year,
            seq,
            document_id,
            title,
            ctx.actor.name,
            ctx.now()
        ],
    )?;
    Ok(seq)
}

/// Voids a number with a reason; the issued document it carried is withdrawn (kept, deleted
/// from lists). The number is never given out again.
pub fn void_number(ctx: &WriteCtx, id: &str, reason: &str) -> Result<NumberRow> {
    ctx.require(Perm::Documents)?;
    if reason.trim().is_empty() {
        return Err(Error::invalid("作废原因", "请填写作废原因"));
    }
    let before = get_number(ctx, id)?;
    if before.status == "已作废" {
        return Err(Error::Conflict(format!("{} 已作废", before.number)));
    }
    ctx.execute(
        "UPDATE doc_number SET status = '已作废', void_reason = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, reason.trim(), ctx.now()],
    )?;
    if let Some(doc) = &before.document_id {
        ctx.execute(
            "UPDATE document SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
            params![doc, ctx.now()],
        )?;
    }
    let after = get_number(ctx, id)?;
    ctx.audit(
        "void",
        "doc_number",
        Some(id),
        &format!("作废文号 {}：{}", after.number, reason.trim()),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

const SELECT: &str = "SELECT n.id, n.org_code, n.year, n.seq, n.document_id, d.doc_type, n.title,
        n.status, n.void_reason, n.assigned_by, n.assigned_at
    FROM doc_number n LEFT JOIN document d ON d.id = n.document_id";

fn map(r: &rusqlite::Row) -> rusqlite::Result<NumberRow> {
    let org_code: String = r.get(1)?;
    let year: i32 = r.get(2)?;
    let seq: i64 = r.get(3)?;
    Ok(NumberRow {
        id: r.get(0)?,
        number: format_number(&org_code, year, seq),
        org_code,
        year,
        seq,
        document_id: r.get(4)?,
        doc_type: r.get(5)?,
        title: r.get(6)?,
        status: r.get(7)?,
        void_reason: r.get(8)?,
        assigned_by: r.get(9)?,
        assigned_at: r.get(10)?,
    })
}

pub fn get_number(c: &Connection, id: &str) -> Result<NumberRow> {
    c.query_row(&format!("{SELECT} WHERE n.id = ?1"), [id], map)
        .map_err(|_| Error::NotFound("找不到该文号，请刷新后重试".into()))
}

/// The register of `year`, newest first; `search` matches the number text or the title.
pub fn list_numbers(c: &Connection, year: i32, search: Option<&str>) -> Result<Vec<NumberRow>> {
    let like = crate::listing::search_pattern(&search.map(str::to_string));
    let mut st = c.prepare(&format!(
        "{SELECT} WHERE n.year = ?1 AND n.deleted_at IS NULL
           AND (?2 IS NULL OR n.title LIKE ?2 ESCAPE '\\'
                OR (n.org_code || '〔' || n.year || '〕' || n.seq || '号') LIKE ?2 ESCAPE '\\')
         ORDER BY n.org_code, n.seq DESC"
    ))?;
    let rows = st
        .query_map(params![year, like], map)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

const HEADERS: [&str; 8] = [
    "文号",
    "文种",
    "标题",
    "状态",
    "作废原因",
    "编号人",
    "编号时间",
    "发文机关代字",
];
const WIDTHS: [f64; 8] = [22.0, 14.0, 48.0, 8.0, 24.0, 10.0, 20.0, 14.0];

/// Writes the register of `year`; returns the number of rows.
pub fn export_numbers(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("发文登记簿").map_err(&err)?;
    let title = export_title(Some(year), "发文登记簿");
    write_titled_header(ws, &title, &HEADERS, &WIDTHS).map_err(&err)?;
    let rows = list_numbers(c, year, None)?;
    for (k, r) in rows.iter().enumerate() {
        let cells = [
            r.number.clone(),
            r.doc_type.clone().unwrap_or_default(),
            r.title.clone(),
            r.status.clone(),
            r.void_reason.clone(),
            r.assigned_by.clone(),
            r.assigned_at.clone(),
            r.org_code.clone(),
        ];
        for (col, text) in cells.iter().enumerate() {
            ws.write_string(k as u32 + FIRST_DATA_ROW, col as u16, text)
                .map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}
