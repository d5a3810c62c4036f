//! The 整改台账 workbook of a year: one row per item in ledger order (unsettled first, then by
//! deadline), overdue rows in red.

use super::{list_rectifications, RectQuery};
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub const RECT_HEADERS: [&str; 11] = [
    "序号",
    "单位",
    "问题",
    "依据",
    "整改措施",
    "责任人",
    "完成时限",
    "状态",
    "是否逾期",
    "整改反馈",
    "佐证材料数",
];
const WIDTHS: [f64; 11] = [
    6.0, 24.0, 50.0, 36.0, 40.0, 10.0, 12.0, 8.0, 10.0, 40.0, 10.0,
];

/// Writes the ledger of `year` to `path`, overdue as of `today`; returns the number of rows.
pub fn export_rectifications(
    c: &Connection,
    path: &Path,
    year: i32,
    today: NaiveDate,
) -> Result<u32> {
    let rows = list_rectifications(
        c,
        &RectQuery {
            year,
            ..RectQuery::default()
        },
        today,
    )?
    .rows;
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(format!("{year}年度整改台账")).map_err(&err)?;
    let title = export_title(Some(year), "绩效评价问题整改台账");
    write_titled_header(ws, &title, &RECT_HEADERS, &WIDTHS).map_err(&err)?;
    let wrap = Format::new().set_text_wrap();
    let red = Format::new().set_text_wrap().set_font_color("#C00000");
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + FIRST_DATA_ROW;
        let f = if r.overdue { &red } else { &wrap };
        ws.write_number(row, 0, k as f64 + 1.0).map_err(&err)?;
        let overdue = if r.overdue {
            format!("是（{}天）", r.days_overdue)
        } else {
            "否".to_string()
        };
        for (col, text) in [
            (1u16, r.unit_name.as_str()),
            (2, r.problem.as_str()),
            (3, r.basis.as_str()),
            (4, r.measure.as_str()),
            (5, r.responsible_person.as_str()),
            (6, r.deadline.as_str()),
            (7, r.status.label()),
            (8, overdue.as_str()),
            (9, r.feedback.as_str()),
        ] {
            ws.write_string_with_format(row, col, text, f)
                .map_err(&err)?;
        }
        ws.write_number(row, 10, r.evidence_count as f64)
            .map_err(&err)?;
    }
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}
