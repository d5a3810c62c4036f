//! Excel export of every live indicator, in library order (分类 order, 一级, 二级, 名称), with
//! the headers the importer reads, so exporting and re-importing changes nothing.

use super::query::{list_indicators, LibraryQuery};
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::Result;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Columns of the library workbook, in export order (import matches them in any order).
pub const LIBRARY_HEADERS: [&str; 9] = [
    "指标分类",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标解释",
    "计量单位",
    "指标性质",
    "参考值",
    "是否核心指标",
];

const WIDTHS: [f64; 9] = [14.0, 12.0, 16.0, 32.0, 56.0, 10.0, 10.0, 16.0, 12.0];

/// Writes all live indicators to a new workbook at `path`; returns how many.
pub fn export(c: &Connection, path: &Path) -> Result<u32> {
    let rows = list_indicators(c, &LibraryQuery::default())?.rows;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("指标库").map_err(&err)?;
    let title = export_title(None, "绩效指标库");
    write_titled_header(ws, &title, &LIBRARY_HEADERS, &WIDTHS).map_err(&err)?;
    // Long explanations wrap inside their column instead of running across the sheet.
    let wrap = Format::new().set_text_wrap();
    ws.set_column_format(4, &wrap).map_err(&err)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + FIRST_DATA_ROW;
        let cells = [
            r.category_name.as_str(),
            r.level1.label(),
            r.level2.label(),
            r.name.as_str(),
            r.explanation.as_str(),
            r.unit.as_str(),
            r.nature.label(),
            r.reference.as_str(),
            if r.is_core { "是" } else { "否" },
        ];
        for (col, value) in cells.iter().enumerate() {
            ws.write_string(row, col as u16, *value).map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}
