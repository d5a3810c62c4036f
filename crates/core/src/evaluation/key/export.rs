//! The 评分表 of one key evaluation as an .xlsx: one row per 三级指标 (一级指标, 二级指标,
//! 三级指标, 分值, 评分标准, 实际情况, 得分, 备注), then the 合计 row, the grade, and what was
//! evaluated.

use super::query::get_key_eval;
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, HEADER_ROW};
use crate::Result;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub const KEY_SHEET_HEADERS: [&str; 8] = [
    "一级指标",
    "二级指标",
    "三级指标",
    "分值",
    "评分标准",
    "实际情况",
    "得分",
    "备注",
];
const WIDTHS: [f64; 8] = [12.0, 14.0, 22.0, 8.0, 40.0, 30.0, 8.0, 20.0];

/// Writes the score sheet of evaluation `id` to `path`; returns the number of item rows.
pub fn export_key_sheet(conn: &Connection, id: &str, path: &Path) -> Result<u32> {
    let k = get_key_eval(conn, id)?;
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("评分表").map_err(&err)?;
    let title = export_title(Some(k.fiscal_year), &format!("{} 评分表", k.object_name));
    write_titled_header(ws, &title, &KEY_SHEET_HEADERS, &WIDTHS).map_err(&err)?;
    let score = Format::new().set_num_format("0.00");
    let wrap = Format::new().set_text_wrap();
    let bold = Format::new().set_bold();
    let bold_score = Format::new().set_bold().set_num_format("0.00");

    let mut row = HEADER_ROW;
    for i in &k.items {
        row += 1;
        let actual = match (i.rule.as_str(), i.actual.as_deref()) {
            ("扣分", Some(a)) => format!("{a}%"),
            (_, a) => a.unwrap_or("").to_string(),
        };
        ws.write_string(row, 0, &i.level1).map_err(&err)?;
        ws.write_string(row, 1, &i.level2).map_err(&err)?;
        ws.write_string(row, 2, &i.level3).map_err(&err)?;
        ws.write_number_with_format(row, 3, i.weight_cp as f64 / 100.0, &score)
            .map_err(&err)?;
        ws.write_string_with_format(row, 4, &i.standard, &wrap)
            .map_err(&err)?;
        ws.write_string_with_format(row, 5, actual, &wrap)
            .map_err(&err)?;
        if let Some(s) = i.score_cp {
            ws.write_number_with_format(row, 6, s as f64 / 100.0, &score)
                .map_err(&err)?;
        }
        ws.write_string_with_format(row, 7, &i.note, &wrap)
            .map_err(&err)?;
    }
    let items = row - HEADER_ROW;
    let total_row = row + 1;
    ws.write_string_with_format(total_row, 0, "合计", &bold)
        .map_err(&err)?;
    ws.write_number_with_format(total_row, 3, k.weight_total_cp as f64 / 100.0, &bold_score)
        .map_err(&err)?;
    ws.write_number_with_format(total_row, 6, k.total_cp as f64 / 100.0, &bold_score)
        .map_err(&err)?;
    let grade_row = total_row + 1;
    ws.write_string_with_format(grade_row, 0, "评价等级", &bold)
        .map_err(&err)?;
    let grade = if k.status == crate::evaluation::KeyStatus::Final {
        k.grade.label().to_string()
    } else {
        format!("{}（未定稿）", k.grade.label())
    };
    ws.write_string_with_format(grade_row, 6, grade, &bold)
        .map_err(&err)?;
    ws.write_string(
        grade_row + 2,
        0,
        format!(
            "评价对象：{}（{}年度{}评价，{}）",
            k.object_name,
            k.fiscal_year,
            k.kind.label(),
            k.method.label()
        ),
    )
    .map_err(&err)?;
    save(&mut book, path)?;
    Ok(items)
}
