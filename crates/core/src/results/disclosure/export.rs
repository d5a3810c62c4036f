//! The 公开 list of a year as a workbook.

use super::list_disclosure;
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::Result;
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use std::path::Path;

pub const DISCLOSURE_HEADERS: [&str; 7] = [
    "序号",
    "类型",
    "编码",
    "名称",
    "单位",
    "是否公开",
    "不公开理由",
];
const WIDTHS: [f64; 7] = [6.0, 14.0, 16.0, 36.0, 24.0, 10.0, 30.0];

/// Writes the list of `year`; returns the number of rows.
pub fn export_disclosure(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let rows = list_disclosure(c, year)?;
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(format!("{year}年度信息公开")).map_err(&err)?;
    let title = export_title(Some(year), "绩效信息公开情况表");
    write_titled_header(ws, &title, &DISCLOSURE_HEADERS, &WIDTHS).map_err(&err)?;
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + FIRST_DATA_ROW;
        ws.write_number(row, 0, k as f64 + 1.0).map_err(&err)?;
        for (col, text) in [
            (1u16, r.kind_label.as_str()),
            (2, r.code.as_str()),
            (3, r.name.as_str()),
            (4, r.unit_name.as_str()),
            (5, if r.is_public { "公开" } else { "不公开" }),
            (6, r.reason.as_str()),
        ] {
            ws.write_string(row, col, text).map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}
