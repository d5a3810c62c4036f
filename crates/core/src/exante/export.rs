//! The year's assessment list as an .xlsx (评估清单), one row per assessed project in code order,
//! with a 合计 row. Aspect columns follow the rule set in force; each cell is the sum of the
//! project's item scores under that aspect name.

use super::assess::get_assessment;
use super::model::{reduction_rate_bp, AssessorType, ExAnteAssessment};
use crate::exchange::{export_title, save, write_titled_header, xlsx_error, HEADER_ROW};
use crate::money::Fen;
use crate::{rules, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// 评估主体 as a cell: 『第三方机构（某会计师事务所）』, 『财政』, 『单位』.
fn assessor_text(a: &ExAnteAssessment) -> String {
    match (a.assessor_type, &a.assessor_org_name) {
        (AssessorType::ThirdParty, Some(org)) => format!("第三方机构（{org}）"),
        (t, _) => t.label().to_string(),
    }
}

fn wan(ws: &mut Worksheet, row: u32, col: u16, fen: Fen, f: &Format) -> Result<(), XlsxError> {
    // fen / 1e6 is the double nearest the exact 万元 decimal (see exchange::projects).
    ws.write_number_with_format(row, col, fen.0 as f64 / 1e6, f)?;
    Ok(())
}

/// Writes the assessments of `year` to `path`; returns how many rows (without the 合计 row).
pub fn export(conn: &Connection, path: &Path, year: i32) -> Result<u32> {
    let aspects: Vec<String> = rules::current(conn)?
        .rules
        .ex_ante
        .aspects
        .into_iter()
        .map(|a| a.name)
        .collect();
    let mut stmt = conn.prepare(
        "SELECT p.id, p.code, p.name, u.name FROM exante_assessment a
         JOIN project p ON p.id = a.project_id JOIN org_unit u ON u.id = p.unit_id
         WHERE a.deleted_at IS NULL AND p.deleted_at IS NULL AND p.fiscal_year = ?1
         ORDER BY p.code",
    )?;
    let projects = stmt
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    let mut headers: Vec<&str> = vec!["项目编码", "项目名称", "预算单位", "评估主体"];
    headers.extend(aspects.iter().map(String::as_str));
    headers.extend([
        "总分",
        "评估结论",
        "申报金额（万元）",
        "审定金额（万元）",
        "审减额（万元）",
        "审减率",
        "评估意见",
    ]);
    let n = aspects.len() as u16;
    let mut widths = vec![16.0, 36.0, 24.0, 24.0];
    widths.extend(std::iter::repeat_n(12.0, aspects.len()));
    widths.extend([8.0, 20.0, 16.0, 16.0, 14.0, 8.0, 50.0]);
    let (total_col, conclusion_col, declared_col) = (4 + n, 5 + n, 6 + n);
    let (approved_col, reduction_col, rate_col, opinion_col) = (7 + n, 8 + n, 9 + n, 10 + n);

    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(format!("{year}年度事前评估")).map_err(&err)?;
    let title = export_title(Some(year), "事前绩效评估情况表");
    write_titled_header(ws, &title, &headers, &widths).map_err(&err)?;
    let score = Format::new().set_num_format("0.00");
    let money = Format::new().set_num_format("#,##0.00####");
    let rate = Format::new().set_num_format("0.00%");
    let wrap = Format::new().set_text_wrap();
    let bold = Format::new().set_bold();

    let (mut declared, mut approved) = (Fen(0), Fen(0));
    let mut row = HEADER_ROW;
    for (id, code, name, unit) in &projects {
        let Some(a) = get_assessment(conn, id)? else {
            continue;
        };
        row += 1;
        for (col, text) in [
            (0u16, code.as_str()),
            (1, name.as_str()),
            (2, unit.as_str()),
        ] {
            ws.write_string(row, col, text).map_err(&err)?;
        }
        ws.write_string(row, 3, assessor_text(&a)).map_err(&err)?;
        for (k, aspect) in aspects.iter().enumerate() {
            let cp: i64 = a
                .scores
                .iter()
                .filter(|s| &s.aspect == aspect)
                .map(|s| s.score_cp)
                .sum();
            ws.write_number_with_format(row, 4 + k as u16, cp as f64 / 100.0, &score)
                .map_err(&err)?;
        }
        ws.write_number_with_format(row, total_col, a.total_cp as f64 / 100.0, &score)
            .map_err(&err)?;
        ws.write_string(row, conclusion_col, a.conclusion.label())
            .map_err(&err)?;
        wan(ws, row, declared_col, a.declared_fen, &money).map_err(&err)?;
        wan(ws, row, approved_col, a.approved_fen, &money).map_err(&err)?;
        wan(ws, row, reduction_col, a.reduction_fen, &money).map_err(&err)?;
        ws.write_number_with_format(row, rate_col, a.reduction_rate_bp as f64 / 10_000.0, &rate)
            .map_err(&err)?;
        ws.write_string_with_format(row, opinion_col, &a.opinion, &wrap)
            .map_err(&err)?;
        declared = declared + a.declared_fen;
        approved = approved + a.approved_fen;
    }
    let count = row - HEADER_ROW;
    let sum_row = row + 1;
    ws.write_string_with_format(sum_row, 0, "合计", &bold)
        .map_err(&err)?;
    ws.write_string(sum_row, 1, format!("{count} 个项目"))
        .map_err(&err)?;
    wan(ws, sum_row, declared_col, declared, &money).map_err(&err)?;
    wan(ws, sum_row, approved_col, approved, &money).map_err(&err)?;
    wan(
        ws,
        sum_row,
        reduction_col,
        Fen(declared.0 - approved.0),
        &money,
    )
    .map_err(&err)?;
    let bp = reduction_rate_bp(declared, approved);
    ws.write_number_with_format(sum_row, rate_col, bp as f64 / 10_000.0, &rate)
        .map_err(&err)?;
    save(&mut book, path)?;
    Ok(count)
}
