//! The round's 监控情况表 workbook, for units to fill offline: one row per 三级指标 under
//! `MONITOR_HEADERS`, 项目编码 and the amounts repeated (or merged: empty cells take the value
//! above within a project). Importing saves each sheet through the same checks as the form, in
//! one transaction; any bad row refuses the whole file. A sheet whose every row is filled is
//! submitted (已提交) — the file is the unit's report.

use super::sheets::{get_sheet, save_sheet, submit_sheet, task_rows};
use super::{DeviationReason, Possibility, SheetIndicatorInput, SheetInput, TaskStatus};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::exchange::groups::{group_by_code, problems_on_rows, CodeGroup};
use crate::exchange::reader::read_records;
use crate::exchange::{problem, save, write_header_row, xlsx_error, ImportReport};
use crate::indicator::display_value;
use crate::money::Fen;
use crate::{Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub const MONITOR_HEADERS: [&str; 11] = [
    "项目编码",
    "全年预算数（万元）",
    "执行数（万元）",
    "全年预计执行数（万元）",
    "三级指标",
    "年度指标值",
    "实际完成值",
    "全年预计完成值",
    "偏差原因",
    "完成可能性",
    "纠偏措施",
];
const CODE: usize = 0;
const EXECUTED: usize = 2;
const FORECAST: usize = 3;
const NAME: usize = 4;
const ACTUAL: usize = 6;
const IND_FORECAST: usize = 7;
const REASON: usize = 8;
const POSSIBILITY: usize = 9;
const MEASURES: usize = 10;

fn choice<T: Copy>(
    row: u32,
    column: &str,
    text: &str,
    parse: fn(&str) -> Option<T>,
    choices: String,
    problems: &mut Vec<FieldProblem>,
) -> Option<T> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    let v = parse(t);
    if v.is_none() {
        problems.push(problem(
            row,
            column,
            format!("『{t}』不可选，应为 {choices}"),
        ));
    }
    v
}

/// Imports a filled workbook into the open round `round_id`.
pub fn import_round(db: &Db, actor: &Actor, path: &Path, round_id: &str) -> Result<ImportReport> {
    let records = read_records(path, &MONITOR_HEADERS)?;
    let (groups, mut problems) = group_by_code(&records, CODE, &[EXECUTED, FORECAST]);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::MonitorFill)?;
        let tasks = task_rows(ctx, round_id)?;
        let mut report = ImportReport {
            rows: records.len() as u32,
            ..ImportReport::default()
        };
        for g in &groups {
            let first = g.rows.first().map(|r| r.row).unwrap_or(0);
            let Some(task) = tasks.iter().find(|t| t.code == g.code) else {
                problems.push(problem(
                    first,
                    "项目编码",
                    format!("本轮监控没有项目『{}』", g.code),
                ));
                continue;
            };
            if let Err(e) = apply(ctx, g, &task.id, &mut problems) {
                let rows: Vec<u32> = g.rows.iter().map(|r| r.row).collect();
                problems.append(&mut problems_on_rows(e, first, &rows));
            } else {
                report.updated += 1;
            }
        }
        if problems.is_empty() {
            Ok(report)
        } else {
            problems.sort_by_key(|p| p.row);
            Err(Error::Rejected(problems))
        }
    })
}

/// Saves one project's rows (and submits the sheet when complete).
fn apply(
    ctx: &WriteCtx,
    g: &CodeGroup,
    task_id: &str,
    problems: &mut Vec<FieldProblem>,
) -> Result<()> {
    let sheet = get_sheet(ctx, task_id)?;
    let mut indicators = Vec::new();
    for r in &g.rows {
        let name = r.get(NAME).trim();
        let Some(def) = sheet.indicators.iter().find(|i| i.name == name) else {
            problems.push(problem(
                r.row,
                "三级指标",
                format!("项目『{}』的绩效目标中没有指标「{name}」", g.code),
            ));
            continue;
        };
        indicators.push(SheetIndicatorInput {
            id: def.id.clone(),
            actual: r.get(ACTUAL).to_string(),
            forecast: r.get(IND_FORECAST).to_string(),
            deviation_reason: choice(
                r.row,
                "偏差原因",
                r.get(REASON),
                DeviationReason::parse,
                DeviationReason::choices(),
                problems,
            ),
            possibility: choice(
                r.row,
                "完成可能性",
                r.get(POSSIBILITY),
                Possibility::parse,
                Possibility::choices(),
                problems,
            ),
            measures: r.get(MEASURES).to_string(),
        });
    }
    let input = SheetInput {
        executed_wan: g.heads[0].clone(),
        forecast_wan: g.heads[1].clone(),
        indicators,
    };
    let saved = save_sheet(ctx, task_id, &input)?;
    let complete = saved.task.executed.is_some()
        && saved
            .indicators
            .iter()
            .all(|i| i.actual.is_some() && i.possibility.is_some());
    if complete && saved.task.status != TaskStatus::Submitted {
        submit_sheet(ctx, task_id)?;
    }
    Ok(())
}

const EXPORT_HEADERS: [&str; 14] = [
    "项目编码",
    "项目名称",
    "全年预算数（万元）",
    "执行数（万元）",
    "全年预计执行数（万元）",
    "三级指标",
    "指标性质",
    "年度指标值",
    "计量单位",
    "实际完成值",
    "全年预计完成值",
    "偏差原因",
    "完成可能性",
    "纠偏措施",
];
const EXPORT_WIDTHS: [f64; 14] = [
    16.0, 28.0, 14.0, 12.0, 16.0, 26.0, 8.0, 10.0, 8.0, 10.0, 12.0, 12.0, 10.0, 24.0,
];

fn wan(f: Option<Fen>) -> String {
    f.map(Fen::wan_exact).unwrap_or_default()
}

/// Writes every sheet of the round (the values filled so far included, so a unit can continue
/// an export). Returns the number of rows.
pub fn export_round(c: &Connection, path: &Path, round_id: &str) -> Result<u32> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("监控情况表").map_err(&err)?;
    write_header_row(ws, &EXPORT_HEADERS, &EXPORT_WIDTHS).map_err(&err)?;
    ws.set_column_format(0, &Format::new().set_num_format("@"))
        .map_err(&err)?;
    let mut row = 0u32;
    for t in task_rows(c, round_id)? {
        let sheet = get_sheet(c, &t.id)?;
        for i in &sheet.indicators {
            row += 1;
            let cells = [
                t.code.clone(),
                t.name.clone(),
                t.budget.wan_exact(),
                wan(t.executed),
                wan(t.forecast),
                i.name.clone(),
                i.nature.label().to_string(),
                display_value(&i.value, i.value_high.as_deref()),
                i.unit.clone(),
                i.actual.clone().unwrap_or_default(),
                i.forecast.clone().unwrap_or_default(),
                i.deviation_reason
                    .map(|d| d.label().to_string())
                    .unwrap_or_default(),
                i.possibility
                    .map(|p| p.label().to_string())
                    .unwrap_or_default(),
                i.measures.clone(),
            ];
            for (col, text) in cells.iter().enumerate() {
                ws.write_string(row, col as u16, text).map_err(&err)?;
            }
        }
    }
    save(&mut book, path)?;
    Ok(row)
}
