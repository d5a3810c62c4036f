//! The 成本测算表 workbook (import and export, headers [`COST_HEADERS`] matched by text like every
//! import in `exchange`) and the 成本定额标准 table as .xlsx (the printed form of the standards:
//! landscape A4, header repeated on each page — see `exchange::write_titled_header`).
//!
//! Import: every row is checked before anything is written (项目编码 of the year, 数量 positive
//! with at most two decimals, amounts in 万元 exact to the 分 — an empty cost cell is 0, one
//! 成本动因 and 计量单位 for the whole field); any problem refuses the whole file naming row and
//! column, and one transaction applies it (re-importing updates by project, never duplicates).

use super::{analyse, check_field, field_driver, fields, math, save_item, CostInput, Saved};
use crate::access::{Actor, Perm};
use crate::db::Db;
use crate::exchange::reader::read_records;
use crate::exchange::{
    export_title, in_row, problem, save, write_titled_header, write_wan, xlsx_error, ImportReport,
    FIRST_DATA_ROW, WAN_FORMAT,
};
use crate::money::Fen;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection};
use rust_xlsxwriter::{Format, Workbook};
use std::collections::HashMap;
use std::path::Path;

/// The columns of the 成本测算表, in order.
pub const COST_HEADERS: [&str; 8] = [
    "项目编码",
    "成本动因",
    "数量",
    "计量单位",
    "人员成本（万元）",
    "运维成本（万元）",
    "材料成本（万元）",
    "其他成本（万元）",
];
const CODE: usize = 0;
const DRIVER: usize = 1;
const QUANTITY: usize = 2;
const UNIT: usize = 3;
const COSTS: [usize; 4] = [4, 5, 6, 7];

/// Imports the 成本测算表 of `field` for `year`: all rows or nothing.
pub fn import(db: &Db, actor: &Actor, path: &Path, year: i32, field: &str) -> Result<ImportReport> {
    let records = read_records(path, &COST_HEADERS)?;
    db.write(actor, |ctx| {
        ctx.require(Perm::CostAnalysis)?;
        let field = check_field(ctx, field)?;
        let mut projects: HashMap<String, String> = HashMap::new();
        {
            let mut stmt = ctx.prepare(
                "SELECT code, id FROM project WHERE fiscal_year = ?1 AND deleted_at IS NULL",
            )?;
            let rows = stmt.query_map([year], |r| Ok((r.get(0)?, r.get(1)?)))?;
            for row in rows {
                let (code, id) = row?;
                projects.insert(code, id);
            }
        }
        let mut problems: Vec<FieldProblem> = Vec::new();
        let mut inputs: Vec<(u32, CostInput)> = Vec::new();
        let mut first_row: HashMap<String, u32> = HashMap::new();
        // The field's driver: the one already stored for projects outside the file, else the
        // first row's.
        let mut driver_of_field: Option<(String, String, u32)> = None;
        for r in &records {
            let mut bad: Vec<(usize, String)> = Vec::new();
            let code = r.get(CODE);
            let project_id = if code.is_empty() {
                bad.push((CODE, "不能为空，请填写本年度已有项目的项目编码".into()));
                None
            } else if let Some(first) = first_row.get(code) {
                bad.push((
                    CODE,
                    format!("项目编码『{code}』在第{first}行和第{}行重复出现", r.row),
                ));
                None
            } else {
                first_row.insert(code.to_string(), r.row);
                match projects.get(code) {
                    Some(id) => Some(id.clone()),
                    None => {
                        bad.push((
                            CODE,
                            format!("{year}年度没有项目编码为『{code}』的项目，请先导入或新增该项目"),
                        ));
                        None
                    }
                }
            };
            let driver = r.get(DRIVER).to_string();
            let unit = r.get(UNIT).to_string();
            if driver.is_empty() {
                bad.push((DRIVER, "不能为空，请填写成本动因，如 公厕座数".into()));
            }
            if unit.is_empty() {
                bad.push((UNIT, "不能为空，请填写计量单位，如 座".into()));
            }
            let quantity = math::parse_quantity(r.get(QUANTITY))
                .map_err(|m| bad.push((QUANTITY, m)))
                .ok();
            let mut costs = [0i64; 4];
            for (k, col) in COSTS.iter().enumerate() {
                let text = r.get(*col);
                if text.is_empty() {
                    continue;
                }
                match Fen::parse_wan(text) {
                    Ok(f) if f.0 < 0 => bad.push((*col, "金额不能为负数".into())),
                    Ok(f) => costs[k] = f.0,
                    Err(m) => bad.push((*col, m)),
                }
            }
            if !driver.is_empty() && !unit.is_empty() {
                if driver_of_field.is_none() {
                    let stored = field_driver(ctx, year, &field, project_id.as_deref().unwrap_or(""))?;
                    driver_of_field = Some(match stored {
                        Some((d, u)) => (d, u, 0),
                        None => (driver.clone(), unit.clone(), r.row),
                    });
                }
                if let Some((d, u, at)) = &driver_of_field {
                    if *d != driver || *u != unit {
                        let whence = if *at == 0 {
                            format!("{year}年度『{field}』领域已有项目按『{d}』（{u}）测算")
                        } else {
                            format!("第{at}行为『{d}』（{u}）")
                        };
                        bad.push((
                            DRIVER,
                            format!(
                                "同一领域的项目须按同一成本动因和计量单位测算：{whence}，本行为『{driver}』（{unit}）"
                            ),
                        ));
                    }
                }
            }
            let no_problem = bad.is_empty();
            problems.extend(
                bad.into_iter()
                    .map(|(col, m)| problem(r.row, COST_HEADERS[col], m)),
            );
            if let (true, Some(project_id), Some(quantity_c)) = (no_problem, project_id, quantity) {
                inputs.push((
                    r.row,
                    CostInput {
                        project_id,
                        driver,
                        quantity_c,
                        measure_unit: unit,
                        personnel_fen: costs[0],
                        operation_fen: costs[1],
                        material_fen: costs[2],
                        other_fen: costs[3],
                    },
                ));
            }
        }
        if !problems.is_empty() {
            return Err(Error::Rejected(problems));
        }
        if records.is_empty() {
            return Err(Error::Rejected(vec![problem(
                0,
                COST_HEADERS[CODE],
                "文件中没有数据行",
            )]));
        }
        let mut report = ImportReport {
            rows: inputs.len() as u32,
            ..ImportReport::default()
        };
        for (row, input) in &inputs {
            match save_item(ctx, &field, input).map_err(|e| in_row(*row, COST_HEADERS[CODE], e))? {
                Saved::Created => report.created += 1,
                Saved::Updated => report.updated += 1,
                Saved::Unchanged => report.unchanged += 1,
            }
        }
        ctx.audit(
            "import",
            "cost_item",
            None,
            &format!(
                "导入{year}年度『{field}』成本测算表：{} 行（新增 {}，修改 {}，未变 {}）",
                report.rows, report.created, report.updated, report.unchanged
            ),
            None,
            None,
        )?;
        Ok(report)
    })
}

/// Writes the 成本测算表 of (year, field) — the import columns, then 项目名称 and 单位成本 for
/// reading (ignored on import); returns the row count.
pub fn export(c: &Connection, path: &Path, year: i32, field: &str) -> Result<u32> {
    let a = analyse(c, &Actor::system("导出"), year, field)?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("成本测算").map_err(&err)?;
    let mut headers: Vec<&str> = COST_HEADERS.to_vec();
    headers.extend(["项目名称", "单位成本（元）"]);
    let widths = [16.0, 14.0, 10.0, 10.0, 16.0, 16.0, 16.0, 16.0, 32.0, 14.0];
    let title = export_title(Some(year), &format!("{}成本测算表", a.field));
    write_titled_header(ws, &title, &headers, &widths).map_err(&err)?;
    let text = Format::new().set_num_format("@");
    let wan = Format::new().set_num_format(WAN_FORMAT);
    let money = Format::new().set_num_format("0.00");
    let mut rows = a.projects.clone();
    rows.sort_by(|x, y| x.code.cmp(&y.code));
    for (i, p) in rows.iter().enumerate() {
        let r = FIRST_DATA_ROW + i as u32;
        ws.write_string_with_format(r, 0, &p.code, &text)
            .map_err(&err)?;
        ws.write_string(r, 1, &p.driver).map_err(&err)?;
        ws.write_string(r, 2, &p.quantity).map_err(&err)?;
        ws.write_string(r, 3, &p.measure_unit).map_err(&err)?;
        for (k, fen) in [
            p.personnel_fen,
            p.operation_fen,
            p.material_fen,
            p.other_fen,
        ]
        .into_iter()
        .enumerate()
        {
            write_wan(ws, r, 4 + k as u16, Fen(fen), &wan).map_err(&err)?;
        }
        ws.write_string(r, 8, &p.name).map_err(&err)?;
        ws.write_number_with_format(r, 9, p.unit_cost_fen as f64 / 100.0, &money)
            .map_err(&err)?;
    }
    save(&mut book, path)?;
    Ok(rows.len() as u32)
}

/// Writes the year's 成本定额标准 table: the current version of every field (first sheet) and
/// every version adopted (second sheet); returns the count of current standards.
pub fn export_standards(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let mut current = Vec::new();
    let mut history = Vec::new();
    for f in fields(c)? {
        let all = super::standards(c, year, &f.name)?;
        let mut seen = std::collections::HashSet::new();
        for s in &all {
            if seen.insert(s.driver.clone()) {
                current.push(s.clone());
            }
        }
        history.extend(all);
    }
    let mut book = Workbook::new();
    let err = xlsx_error(path);
    let headers = [
        "序号",
        "成本领域",
        "成本动因",
        "计量单位",
        "标准单位成本（元）",
        "版本",
        "确定依据",
        "采用人",
        "采用时间",
        "说明",
    ];
    let widths = [6.0, 12.0, 14.0, 10.0, 20.0, 6.0, 10.0, 10.0, 20.0, 30.0];
    let money = Format::new().set_num_format("#,##0.00");
    for (sheet, rows, name) in [
        ("成本定额标准", &current, "成本定额标准表"),
        ("历次版本", &history, "成本定额标准历次版本"),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(sheet).map_err(&err)?;
        write_titled_header(ws, &export_title(Some(year), name), &headers, &widths)
            .map_err(&err)?;
        for (i, s) in rows.iter().enumerate() {
            let r = FIRST_DATA_ROW + i as u32;
            ws.write_number(r, 0, i as f64 + 1.0).map_err(&err)?;
            ws.write_string(r, 1, &s.field).map_err(&err)?;
            ws.write_string(r, 2, &s.driver).map_err(&err)?;
            ws.write_string(r, 3, &s.measure_unit).map_err(&err)?;
            ws.write_number_with_format(r, 4, s.unit_cost_fen as f64 / 100.0, &money)
                .map_err(&err)?;
            ws.write_number(r, 5, s.version as f64).map_err(&err)?;
            ws.write_string(r, 6, &s.basis).map_err(&err)?;
            ws.write_string(r, 7, &s.adopted_by).map_err(&err)?;
            ws.write_string(r, 8, &s.adopted_at).map_err(&err)?;
            ws.write_string(r, 9, &s.note).map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(current.len() as u32)
}

/// The fields that have cost sheets in `year`, with their project counts.
pub fn fields_in_use(c: &Connection, year: i32) -> Result<Vec<(String, i64)>> {
    let mut stmt = c.prepare(
        "SELECT field, COUNT(*) FROM cost_item WHERE fiscal_year = ?1 AND deleted_at IS NULL
         GROUP BY field ORDER BY field",
    )?;
    let rows = stmt.query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
