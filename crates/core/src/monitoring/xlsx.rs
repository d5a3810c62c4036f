//! The round's 监控情况表 workbook, for units to fill offline: one row per 三级指标 under
//! `MONITOR_HEADERS`, 项目编码 and the amounts repeated (or merged: empty cells take the value
//! above within a project). Importing saves each sheet through the same checks as the form, in
//! one transaction; any bad row refuses the whole file. Sheets the file leaves unchanged write
//! nothing; locked sheets (已提交, 审核通过) must come back unchanged. 导入即提交
//! (`ImportOptions::submit`) submits every complete sheet.

use super::sheets::{get_sheet, progress_value, save_sheet, submit_sheet, task_rows, Sheet};
use super::{DeviationReason, Possibility, SheetIndicatorInput, SheetInput, TaskStatus};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::exchange::groups::{group_by_code, problems_on_rows, CodeGroup};
use crate::exchange::reader::read_records;
use crate::exchange::{
    export_title, problem, protect_locked_rows, save, write_cells, write_titled_header, xlsx_error,
    Cell, ImportOptions, ImportReport, RowFormats, FIRST_DATA_ROW,
};
use crate::indicator::display_value;
use crate::money::Fen;
use crate::{Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
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

/// Imports a filled workbook into the open round `round_id` without submitting (see
/// `import_round_with`).
pub fn import_round(db: &Db, actor: &Actor, path: &Path, round_id: &str) -> Result<ImportReport> {
    import_round_with(db, actor, path, round_id, &ImportOptions::default())
}

/// Imports a filled workbook into the open round `round_id`, all of it or nothing. A sheet the
/// file leaves as it is writes nothing; a locked sheet (已提交, 审核通过, or the round closed)
/// left unchanged is skipped and counted in `locked`, a changed one refuses the file naming its
/// row. With `options.submit`, every open sheet that is complete after the import is submitted.
pub fn import_round_with(
    db: &Db,
    actor: &Actor,
    path: &Path,
    round_id: &str,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let records = read_records(path, &MONITOR_HEADERS)?;
    let (groups, mut problems) = group_by_code(&records, CODE, &[EXECUTED, FORECAST]);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::MonitorFill)?;
        let year: i32 = ctx.query_row(
            "SELECT fiscal_year FROM monitor_round WHERE id = ?1",
            [round_id],
            |r| r.get(0),
        )?;
        crate::exchange::unit_choice::check(ctx, options.unit.as_deref(), year, &records)?;
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
            if let Err(e) = apply(ctx, g, &task.id, options, &mut report, &mut problems) {
                let rows: Vec<u32> = g.rows.iter().map(|r| r.row).collect();
                problems.append(&mut problems_on_rows(e, first, &rows));
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

/// The file's values for one sheet, with the spreadsheet row of each indicator.
fn input_of(
    g: &CodeGroup,
    sheet: &Sheet,
    problems: &mut Vec<FieldProblem>,
) -> (SheetInput, Vec<u32>) {
    let mut indicators = Vec::new();
    let mut rows = Vec::new();
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
        rows.push(r.row);
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
    (input, rows)
}

/// Where the file differs from the stored sheet: `None` when saving it would change nothing,
/// else the first differing (spreadsheet row, column). Unreadable values count as different.
fn difference(
    sheet: &Sheet,
    input: &SheetInput,
    rows: &[u32],
    first: u32,
) -> Option<(u32, &'static str)> {
    let wan = |t: &str| {
        let t = t.trim();
        if t.is_empty() {
            Some(None)
        } else {
            Fen::parse_wan(t).ok().map(Some)
        }
    };
    if wan(&input.executed_wan) != Some(sheet.task.executed) {
        return Some((first, "执行数（万元）"));
    }
    if wan(&input.forecast_wan) != Some(sheet.task.forecast) {
        return Some((first, "全年预计执行数（万元）"));
    }
    for (k, i) in input.indicators.iter().enumerate() {
        let row = rows.get(k).copied().unwrap_or(first);
        let Some(def) = sheet.indicators.iter().find(|d| d.id == i.id) else {
            return Some((row, "三级指标"));
        };
        let value = |t: &str| progress_value(def.nature, t).ok();
        let checks = [
            (value(&i.actual) == Some(def.actual.clone()), "实际完成值"),
            (
                value(&i.forecast) == Some(def.forecast.clone()),
                "全年预计完成值",
            ),
            (i.deviation_reason == def.deviation_reason, "偏差原因"),
            (i.possibility == def.possibility, "完成可能性"),
            (i.measures.trim() == def.measures, "纠偏措施"),
        ];
        if let Some((_, column)) = checks.iter().find(|(same, _)| !same) {
            return Some((row, column));
        }
    }
    None
}

/// Saves one project's rows when they changed (and submits the sheet when asked and complete).
fn apply(
    ctx: &WriteCtx,
    g: &CodeGroup,
    task_id: &str,
    options: &ImportOptions,
    report: &mut ImportReport,
    problems: &mut Vec<FieldProblem>,
) -> Result<()> {
    let sheet = get_sheet(ctx, task_id)?;
    let first = g.rows.first().map(|r| r.row).unwrap_or(0);
    let (input, rows) = input_of(g, &sheet, problems);
    let changed = difference(&sheet, &input, &rows, first);
    let locked = !sheet.round_open
        || matches!(
            sheet.task.status,
            TaskStatus::Submitted | TaskStatus::Approved
        );
    if locked {
        match changed {
            None => report.locked += 1,
            Some((row, column)) => problems.push(problem(
                row,
                column,
                format!(
                    "『{}』的监控情况表{}，不能再修改，但文件中这一项与系统中的不一致；请恢复原值或删除该项目的各行",
                    g.code,
                    if sheet.round_open {
                        format!("已『{}』", sheet.task.status.label())
                    } else {
                        "所在的监控轮次已结束".to_string()
                    }
                ),
            )),
        }
        return Ok(());
    }
    let saved = if changed.is_some() {
        report.updated += 1;
        save_sheet(ctx, task_id, &input)?
    } else {
        report.unchanged += 1;
        sheet
    };
    let complete = saved.task.executed.is_some()
        && saved
            .indicators
            .iter()
            .all(|i| i.actual.is_some() && i.possibility.is_some());
    if options.submit && complete {
        submit_sheet(ctx, task_id)?;
        report.submitted += 1;
    }
    Ok(())
}

const EXPORT_HEADERS: [&str; 15] = [
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
    "状态",
];
const EXPORT_WIDTHS: [f64; 15] = [
    16.0, 28.0, 14.0, 12.0, 16.0, 26.0, 8.0, 10.0, 8.0, 10.0, 12.0, 12.0, 10.0, 24.0, 10.0,
];

/// Writes every sheet of the round (the values filled so far included, so a unit can continue
/// an export): amounts as numbers of 万元, a 状态 column, and the rows of submitted or approved
/// sheets read-only under sheet protection. Returns the number of rows.
pub fn export_round(c: &Connection, path: &Path, round_id: &str) -> Result<u32> {
    let round = super::rounds::get_round(c, round_id)?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("监控情况表").map_err(&err)?;
    let title = export_title(
        Some(round.fiscal_year),
        &format!("项目绩效运行监控情况表（1–{}月）", round.cutoff_month),
    );
    write_titled_header(ws, &title, &EXPORT_HEADERS, &EXPORT_WIDTHS).map_err(&err)?;
    let formats = RowFormats::new();
    let mut row = FIRST_DATA_ROW;
    let mut any_locked = false;
    for t in task_rows(c, round_id)? {
        let sheet = get_sheet(c, &t.id)?;
        let locked =
            !sheet.round_open || matches!(t.status, TaskStatus::Submitted | TaskStatus::Approved);
        any_locked |= locked;
        for i in &sheet.indicators {
            let value = display_value(&i.value, i.value_high.as_deref());
            let cells = [
                Cell::Code(&t.code),
                Cell::Text(&t.name),
                Cell::Wan(Some(t.budget)),
                Cell::Wan(t.executed),
                Cell::Wan(t.forecast),
                Cell::Text(&i.name),
                Cell::Text(i.nature.label()),
                Cell::Text(&value),
                Cell::Text(&i.unit),
                Cell::Text(i.actual.as_deref().unwrap_or_default()),
                Cell::Text(i.forecast.as_deref().unwrap_or_default()),
                Cell::Text(i.deviation_reason.map(|d| d.label()).unwrap_or_default()),
                Cell::Text(i.possibility.map(|p| p.label()).unwrap_or_default()),
                Cell::Text(&i.measures),
                Cell::Text(t.status.label()),
            ];
            write_cells(ws, row, &cells, &formats, locked).map_err(&err)?;
            row += 1;
        }
    }
    protect_locked_rows(ws, EXPORT_HEADERS.len() as u16, &[0], any_locked).map_err(&err)?;
    save(&mut book, path)?;
    Ok(row - FIRST_DATA_ROW)
}
