//! The 自评表 workbook under `SELF_HEADERS`: per form a 预算执行率 row (its 分值 and 得分) then
//! one row per 三级指标; 项目编码 and the amounts may be merged or left empty below the first row
//! of a project. Import saves each changed form through the same checks as the screen, in one
//! transaction (and submits it with 导入即提交, `ImportOptions::submit`); unchanged forms write
//! nothing, submitted forms must come back unchanged; any bad row refuses the whole file.
//! 得分 is always recomputed (a typed 得分 is ignored); 实际完成值 「不适用」 marks a row 不适用.

use super::self_eval::{
    get_self_eval, save_self_eval, start_self_eval, submit_self_eval, SelfEvalForm, SelfEvalInput,
    SelfEvalItemInput,
};
use super::self_list::{list_self_evals, SelfEvalQuery};
use super::SelfEvalStatus;
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
use crate::targets::parse_weight;
use crate::{fmt_cp, Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::Workbook;
use std::path::Path;

pub const SELF_HEADERS: [&str; 11] = [
    "项目编码",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标值",
    "实际完成值",
    "分值",
    "得分",
    "偏差原因及改进措施",
];
const CODE: usize = 0;
const BUDGET: usize = 1;
const EXECUTED: usize = 2;
const LEVEL1: usize = 3;
const NAME: usize = 5;
const ACTUAL: usize = 7;
const WEIGHT: usize = 8;
const REASON: usize = 10;
/// The 一级/三级 text of the budget-execution row.
pub const EXECUTION_ROW: &str = "预算执行率";
const NOT_APPLICABLE: &str = "不适用";

/// Imports a filled 自评表 for `year` without submitting (see `import_self_evals_with`).
pub fn import_self_evals(db: &Db, actor: &Actor, path: &Path, year: i32) -> Result<ImportReport> {
    import_self_evals_with(db, actor, path, year, &ImportOptions::default())
}

/// Imports a filled 自评表 for `year`, all of it or nothing. A form the file leaves as it is
/// writes nothing; a submitted form left unchanged is skipped and counted in `locked`, a changed
/// one refuses the file naming its row. Changed forms are saved (填报中); with `options.submit`
/// every changed or draft form of the file is submitted, through the same checks as the screen.
pub fn import_self_evals_with(
    db: &Db,
    actor: &Actor,
    path: &Path,
    year: i32,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let records = read_records(path, &SELF_HEADERS)?;
    let (groups, mut problems) = group_by_code(&records, CODE, &[BUDGET, EXECUTED]);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::SelfEvalFill)?;
        crate::exchange::unit_choice::check(ctx, options.unit.as_deref(), year, &records)?;
        let query = SelfEvalQuery {
            year,
            ..SelfEvalQuery::default()
        };
        let mut all = list_self_evals(ctx, &query)?.rows;
        // Forms of targets approved since the last 开始自评 (only then anything is written).
        if groups.iter().any(|g| !all.iter().any(|r| r.code == g.code)) {
            start_self_eval(ctx, year)?;
            all = list_self_evals(ctx, &query)?.rows;
        }
        let mut report = ImportReport {
            rows: records.len() as u32,
            ..ImportReport::default()
        };
        for g in &groups {
            let first = g.rows.first().map(|r| r.row).unwrap_or(0);
            let Some(row) = all.iter().find(|r| r.code == g.code) else {
                problems.push(problem(
                    first,
                    "项目编码",
                    format!("{year}年度没有编码为『{}』的已批复绩效目标", g.code),
                ));
                continue;
            };
            let result = apply(ctx, g, &row.id, options, &mut report, &mut problems);
            if let Err(e) = result {
                problems.append(&mut problems_on_rows(e, first, &indicator_rows(g)));
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

/// The file's values for one form, with the spreadsheet row of each item.
fn input_of(
    g: &CodeGroup,
    form: &SelfEvalForm,
    problems: &mut Vec<FieldProblem>,
) -> (SelfEvalInput, Vec<u32>) {
    let mut input = SelfEvalInput {
        budget_wan: g.heads[0].clone(),
        executed_wan: g.heads[1].clone(),
        execution_weight_cp: form.row.execution_weight_cp,
        summary: form.summary.clone(),
        items: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut used = vec![false; form.items.len()];
    for r in &g.rows {
        let name = r.get(NAME).trim();
        let weight = match parse_weight(r.get(WEIGHT)) {
            Ok(w) => w,
            Err(m) => {
                problems.push(problem(r.row, "分值", m));
                continue;
            }
        };
        if name == EXECUTION_ROW || r.get(LEVEL1).trim() == EXECUTION_ROW {
            if let Some(w) = weight {
                input.execution_weight_cp = w;
            }
            continue;
        }
        // The first unused row of that name (a target may repeat a name under two 二级).
        let Some(k) = (0..form.items.len()).find(|k| !used[*k] && form.items[*k].name == name)
        else {
            problems.push(problem(
                r.row,
                "三级指标",
                format!("『{}』的绩效目标中没有指标「{name}」", g.code),
            ));
            continue;
        };
        used[k] = true;
        let item = &form.items[k];
        let actual = r.get(ACTUAL).trim();
        rows.push(r.row);
        input.items.push(SelfEvalItemInput {
            id: item.id.clone(),
            weight_cp: weight.unwrap_or(item.weight_cp),
            actual: if actual == NOT_APPLICABLE {
                String::new()
            } else {
                actual.to_string()
            },
            not_applicable: actual == NOT_APPLICABLE,
            reason: r.get(REASON).to_string(),
        });
    }
    (input, rows)
}

/// Where the file differs from the stored form: `None` when saving it would change nothing,
/// else the first differing (spreadsheet row, column). Unreadable values count as different.
fn difference(
    form: &SelfEvalForm,
    input: &SelfEvalInput,
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
    // An empty 全年预算数 keeps the stored one.
    let budget = wan(&input.budget_wan).map(|b| b.unwrap_or(form.row.budget));
    if budget != Some(form.row.budget) {
        return Some((first, "全年预算数（万元）"));
    }
    if wan(&input.executed_wan) != Some(form.row.executed) {
        return Some((first, "全年执行数（万元）"));
    }
    if input.execution_weight_cp != form.row.execution_weight_cp {
        return Some((first, "分值"));
    }
    for (k, it) in input.items.iter().enumerate() {
        let row = rows.get(k).copied().unwrap_or(first);
        let Some(def) = form.items.iter().find(|d| d.id == it.id) else {
            return Some((row, "三级指标"));
        };
        let actual = crate::monitoring::progress_value(def.nature, &it.actual).ok();
        let checks = [
            (it.weight_cp == def.weight_cp, "分值"),
            (
                actual == Some(def.actual.clone()) && it.not_applicable == def.not_applicable,
                "实际完成值",
            ),
            (it.reason.trim() == def.reason, "偏差原因及改进措施"),
        ];
        if let Some((_, column)) = checks.iter().find(|(same, _)| !same) {
            return Some((row, column));
        }
    }
    None
}

fn apply(
    ctx: &WriteCtx,
    g: &CodeGroup,
    id: &str,
    options: &ImportOptions,
    report: &mut ImportReport,
    problems: &mut Vec<FieldProblem>,
) -> Result<()> {
    let form = get_self_eval(ctx, id)?;
    let first = g.rows.first().map(|r| r.row).unwrap_or(0);
    let (input, rows) = input_of(g, &form, problems);
    let changed = difference(&form, &input, &rows, first);
    if form.row.status == SelfEvalStatus::Submitted {
        match changed {
            None => report.locked += 1,
            Some((row, column)) => problems.push(problem(
                row,
                column,
                format!(
                    "『{}』的自评表已提交，不能再修改，但文件中这一项与系统中的不一致；请恢复原值或删除该项目的各行（如需修改请由财政局退回）",
                    g.code
                ),
            )),
        }
        return Ok(());
    }
    if changed.is_some() {
        // Rows missing from the file keep their values.
        save_self_eval(ctx, id, &input)?;
        report.updated += 1;
    } else {
        report.unchanged += 1;
    }
    if options.submit {
        // Missing values are named by submit, on the form's rows.
        submit_self_eval(ctx, id)?;
        report.submitted += 1;
    }
    Ok(())
}

/// The spreadsheet rows of a form's indicators (form row N is the N-th, after 预算执行率).
fn indicator_rows(g: &CodeGroup) -> Vec<u32> {
    g.rows
        .iter()
        .filter(|r| r.get(NAME).trim() != EXECUTION_ROW && r.get(LEVEL1).trim() != EXECUTION_ROW)
        .map(|r| r.row)
        .collect()
}

const EXTRA_HEADERS: [&str; 3] = ["项目名称", "单位", "状态"];
const WIDTHS: [f64; 14] = [
    16.0, 14.0, 14.0, 12.0, 12.0, 26.0, 12.0, 12.0, 8.0, 8.0, 30.0, 28.0, 20.0, 8.0,
];

/// Writes every form of `year` (values filled so far included): amounts, 分值 and 得分 as
/// numbers, the rows of submitted forms read-only under sheet protection. Returns the number
/// of rows.
pub fn export_self_evals(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("单位自评表").map_err(&err)?;
    let headers: Vec<&str> = SELF_HEADERS.iter().chain(&EXTRA_HEADERS).copied().collect();
    let title = export_title(Some(year), "项目支出绩效自评表");
    write_titled_header(ws, &title, &headers, &WIDTHS).map_err(&err)?;
    let rows = list_self_evals(
        c,
        &SelfEvalQuery {
            year,
            ..SelfEvalQuery::default()
        },
    )?
    .rows;
    let formats = RowFormats::new();
    let mut n = FIRST_DATA_ROW;
    let mut any_locked = false;
    for row in rows {
        let f = get_self_eval(c, &row.id)?;
        let locked = row.status == SelfEvalStatus::Submitted;
        any_locked |= locked;
        let head = [
            Cell::Code(&row.code),
            Cell::Wan(Some(row.budget)),
            Cell::Wan(row.executed),
        ];
        let tail = [
            Cell::Text(&row.name),
            Cell::Text(&row.unit_name),
            Cell::Text(row.status.label()),
        ];
        let rate = row
            .execution_bp
            .map(|b| format!("{}%", fmt_cp(b)))
            .unwrap_or_default();
        let exec = [
            Cell::Text(EXECUTION_ROW),
            Cell::Text(""),
            Cell::Text(EXECUTION_ROW),
            Cell::Text("100%"),
            Cell::Text(&rate),
            Cell::Score(Some(row.execution_weight_cp)),
            Cell::Score(row.execution_score_cp),
            Cell::Text(""),
        ];
        let cells: Vec<Cell> = head.iter().chain(&exec).chain(&tail).copied().collect();
        write_cells(ws, n, &cells, &formats, locked).map_err(&err)?;
        n += 1;
        for i in &f.items {
            let value = format!(
                "{}{}{}",
                if i.nature.is_quantitative() {
                    i.nature.label()
                } else {
                    ""
                },
                display_value(&i.value, i.value_high.as_deref()),
                i.unit
            );
            let actual = if i.not_applicable {
                NOT_APPLICABLE
            } else {
                i.actual.as_deref().unwrap_or_default()
            };
            let cells = [
                Cell::Text(i.level1.label()),
                Cell::Text(i.level2.label()),
                Cell::Text(&i.name),
                Cell::Text(&value),
                Cell::Text(actual),
                Cell::Score(Some(i.weight_cp)),
                Cell::Score(i.score_cp),
                Cell::Text(&i.reason),
            ];
            let cells: Vec<Cell> = head.iter().chain(&cells).chain(&tail).copied().collect();
            write_cells(ws, n, &cells, &formats, locked).map_err(&err)?;
            n += 1;
        }
    }
    protect_locked_rows(ws, headers.len() as u16, &[0], any_locked).map_err(&err)?;
    save(&mut book, path)?;
    Ok(n - FIRST_DATA_ROW)
}
