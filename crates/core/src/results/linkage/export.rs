//! The 预算挂钩 list of a year as a workbook for the 预算股, with a 合计 row of the amounts.

use super::list_linkages;
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::money::Fen;
use crate::Result;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub const LINKAGE_HEADERS: [&str; 11] = [
    "项目编码",
    "项目名称",
    "单位",
    "评价类型",
    "得分",
    "等级",
    "挂钩措施",
    "压减比例",
    "调整金额（万元）",
    "下一年度",
    "说明",
];
const WIDTHS: [f64; 11] = [
    16.0, 36.0, 24.0, 10.0, 8.0, 6.0, 10.0, 10.0, 16.0, 10.0, 40.0,
];

/// Writes the linkages of `year`; returns how many rows (without the 合计 row).
pub fn export_linkages(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let rows = list_linkages(c, year)?;
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(format!("{year}年度预算挂钩")).map_err(&err)?;
    let title = export_title(Some(year), "评价结果与预算安排挂钩情况表");
    write_titled_header(ws, &title, &LINKAGE_HEADERS, &WIDTHS).map_err(&err)?;
    let score = Format::new().set_num_format("0.00");
    let pct = Format::new().set_num_format("0.00%");
    let money = Format::new().set_num_format("#,##0.00####");
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let mut total = Fen(0);
    for (k, r) in rows.iter().enumerate() {
        let row = k as u32 + FIRST_DATA_ROW;
        for (col, text) in [
            (0u16, r.project_code.as_str()),
            (1, r.object_name.as_str()),
            (2, r.unit_name.as_str()),
            (3, r.eval_type.as_str()),
        ] {
            ws.write_string(row, col, text).map_err(&err)?;
        }
        if let Some(s) = r.score_cp {
            ws.write_number_with_format(row, 4, s as f64 / 100.0, &score)
                .map_err(&err)?;
        }
        if let Some(g) = r.grade {
            ws.write_string(row, 5, g.label()).map_err(&err)?;
        }
        ws.write_string(row, 6, r.action.label()).map_err(&err)?;
        if let Some(p) = r.pct_bp {
            ws.write_number_with_format(row, 7, p as f64 / 10_000.0, &pct)
                .map_err(&err)?;
        }
        // 分 / 1e6 is the double nearest the exact 万元 decimal (see exchange::projects).
        ws.write_number_with_format(row, 8, r.amount.0 as f64 / 1e6, &money)
            .map_err(&err)?;
        ws.write_number(row, 9, f64::from(r.next_year))
            .map_err(&err)?;
        ws.write_string_with_format(row, 10, &r.note, &wrap)
            .map_err(&err)?;
        total = total + r.amount;
    }
    let sum_row = rows.len() as u32 + 1;
    ws.write_string_with_format(sum_row, 0, "合计", &bold)
        .map_err(&err)?;
    ws.write_string(sum_row, 1, format!("{} 项", rows.len()))
        .map_err(&err)?;
    ws.write_number_with_format(sum_row, 8, total.0 as f64 / 1e6, &money)
        .map_err(&err)?;
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}
