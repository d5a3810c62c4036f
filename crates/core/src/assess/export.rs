//! The 考核 score table as .xlsx: one sheet per kind (县直部门, 乡镇), one row per unit in rank
//! order with every item's score, total, grade and the rank change against last year. Scores
//! are numbers (two decimals) so the file sums and sorts in WPS / Excel.

use super::{run, AssessKind};
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, FIRST_DATA_ROW};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// Writes the 考核 of `year` to `path`; returns the number of unit rows.
pub fn export(c: &Connection, path: &Path, year: i32, today: NaiveDate) -> Result<u32> {
    let mut book = Workbook::new();
    let err = xlsx_error(path);
    let num = Format::new().set_num_format("0.00");
    let mut n = 0u32;
    for kind in AssessKind::ALL.iter().copied() {
        let t = run(c, year, kind, today)?;
        let ws = book.add_worksheet();
        ws.set_name(match kind {
            AssessKind::Department => "县直部门",
            AssessKind::Township => "乡镇",
        })
        .map_err(&err)?;
        let mut headers: Vec<String> = vec!["名次".into(), "单位编码".into(), "单位名称".into()];
        headers.extend(
            t.items
                .iter()
                .map(|i| format!("{}（{}分）", i.name, crate::fmt_cp(i.points_cp))),
        );
        headers.extend([
            "合计".into(),
            "等级".into(),
            "上年名次".into(),
            "名次变化".into(),
        ]);
        let refs: Vec<&str> = headers.iter().map(String::as_str).collect();
        let mut widths = vec![6.0, 12.0, 24.0];
        widths.extend(t.items.iter().map(|_| 12.0));
        widths.extend([8.0, 8.0, 8.0, 8.0]);
        let title = export_title(
            Some(year),
            &format!("绩效管理工作考核（{}，{}）", kind.label(), t.status),
        );
        write_titled_header(ws, &title, &refs, &widths).map_err(&err)?;
        for (k, r) in t.rows.iter().enumerate() {
            let row = FIRST_DATA_ROW + k as u32;
            ws.write_number(row, 0, r.rank as f64).map_err(&err)?;
            ws.write_string(row, 1, &r.unit_code).map_err(&err)?;
            ws.write_string(row, 2, &r.unit_name).map_err(&err)?;
            let mut col = 3u16;
            for i in &r.items {
                let v = if i.method == super::AssessMethod::Penalty {
                    -i.score_cp
                } else {
                    i.score_cp
                };
                ws.write_number_with_format(row, col, v as f64 / 100.0, &num)
                    .map_err(&err)?;
                col += 1;
            }
            ws.write_number_with_format(row, col, r.total_cp as f64 / 100.0, &num)
                .map_err(&err)?;
            ws.write_string(row, col + 1, &r.grade).map_err(&err)?;
            if let Some(l) = r.last_rank {
                ws.write_number(row, col + 2, l as f64).map_err(&err)?;
            }
            if let Some(ch) = r.rank_change {
                ws.write_number(row, col + 3, ch as f64).map_err(&err)?;
            }
            n += 1;
        }
    }
    save(&mut book, path)?;
    Ok(n)
}
