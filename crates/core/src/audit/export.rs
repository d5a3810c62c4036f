//! The filtered 操作日志 as an .xlsx: one row per entry, newest first, with the Chinese names of
//! actions and objects and the chain fields (序号, 校验值) so a printed copy can be compared with
//! the database later.

use super::{page, AuditQuery};
use crate::exchange::{save, write_header_row, xlsx_error};
use crate::Result;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Writes every entry matching `q` (its page is ignored) to `path`; returns how many.
pub fn export(c: &Connection, q: &AuditQuery, path: &Path) -> Result<u32> {
    let all = page(
        c,
        &AuditQuery {
            page: 0,
            ..q.clone()
        },
    )?;
    let headers = [
        "序号",
        "时间",
        "操作人",
        "科室",
        "动作",
        "对象",
        "对象编号",
        "摘要",
        "校验值（SM3）",
    ];
    let widths = [8.0, 22.0, 12.0, 12.0, 10.0, 14.0, 38.0, 70.0, 68.0];
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("操作日志").map_err(&err)?;
    write_header_row(ws, &headers, &widths).map_err(&err)?;
    let wrap = Format::new().set_text_wrap();
    for (i, r) in all.rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_number(row, 0, r.seq as f64).map_err(&err)?;
        let at = r.at.get(..19).unwrap_or(&r.at).replace('T', " ");
        let texts = [
            at.as_str(),
            r.operator_name.as_str(),
            r.operator_dept.as_str(),
            r.action_label.as_str(),
            r.entity_label.as_str(),
            r.entity_id.as_deref().unwrap_or(""),
        ];
        for (k, t) in texts.iter().enumerate() {
            ws.write_string(row, k as u16 + 1, *t).map_err(&err)?;
        }
        ws.write_string_with_format(row, 7, &r.summary, &wrap)
            .map_err(&err)?;
        ws.write_string(row, 8, &r.hash).map_err(&err)?;
    }
    save(&mut book, path)?;
    Ok(all.rows.len() as u32)
}
