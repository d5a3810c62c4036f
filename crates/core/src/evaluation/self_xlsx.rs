//! The 自评表 workbook under `SELF_HEADERS`: per form a 预算执行率 row (its 分值 and 得分) then
//! one row per 三级指标; 项目编码 and the amounts may be merged or left empty below the first row
//! of a project. Import saves and submits each form through the same checks as the screen, in one
//! transaction — imported self-evaluations arrive as 已提交; any bad row refuses the whole file.
//! 得分 is always recomputed (a typed 得分 is ignored); 实际完成值 「不适用」 marks a row 不适用.

use super::self_eval::{
    get_self_eval, save_self_eval, start_self_eval, submit_self_eval, SelfEvalInput,
    SelfEvalItemInput,
};
use super::self_list::{list_self_evals, SelfEvalQuery};
use super::SelfEvalStatus;
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::exchange::groups::{group_by_code, problems_on_rows, CodeGroup};
use crate::exchange::reader::read_records;
use crate::exchange::{problem, save, write_header_row, xlsx_error, ImportReport};
use crate::indicator::display_value;
use crate::targets::parse_weight;
use crate::{fmt_cp, Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
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

/// Imports a filled 自评表 for `year`: every form in it is saved and submitted.
pub fn import_self_evals(db: &Db, actor: &Actor, path: &Path, year: i32) -> Result<ImportReport> {
    let records = read_records(path, &SELF_HEADERS)?;
    let (groups, mut problems) = group_by_code(&records, CODE, &[BUDGET, EXECUTED]);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::SelfEvalFill)?;
        start_self_eval(ctx, year)?;
        let all = list_self_evals(
            ctx,
            &SelfEvalQuery {
                year,
                ..SelfEvalQuery::default()
            },
        )?
        .rows;
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
            if row.status == SelfEvalStatus::Submitted {
                problems.push(problem(
                    first,
                    "项目编码",
                    format!("『{}』的自评表已提交，如需修改请由财政局退回", g.code),
                ));
                continue;
            }
            match apply(ctx, g, &row.id, &mut problems) {
                Ok(()) => report.updated += 1,
                Err(e) => problems.append(&mut problems_on_rows(e, first, &indicator_rows(g))),
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

fn apply(ctx: &WriteCtx, g: &CodeGroup, id: &str, problems: &mut Vec<FieldProblem>) -> Result<()> {
    let form = get_self_eval(ctx, id)?;
    let mut input = SelfEvalInput {
        budget_wan: g.heads[0].clone(),
        executed_wan: g.heads[1].clone(),
        execution_weight_cp: form.row.execution_weight_cp,
        summary: form.summary.clone(),
        items: Vec::new(),
    };
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
    // Rows missing from the file are missing values: submit names them.
    save_self_eval(ctx, id, &input)?;
    submit_self_eval(ctx, id)?;
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

/// Writes every form of `year` (values filled so far included). Returns the number of rows.
pub fn export_self_evals(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("单位自评表").map_err(&err)?;
    let headers: Vec<&str> = SELF_HEADERS.iter().chain(&EXTRA_HEADERS).copied().collect();
    write_header_row(ws, &headers, &WIDTHS).map_err(&err)?;
    ws.set_column_format(0, &Format::new().set_num_format("@"))
        .map_err(&err)?;
    let rows = list_self_evals(
        c,
        &SelfEvalQuery {
            year,
            ..SelfEvalQuery::default()
        },
    )?
    .rows;
    let mut n = 0u32;
    for row in rows {
        let f = get_self_eval(c, &row.id)?;
        let amounts = [
            row.code.clone(),
            row.budget.wan_exact(),
            row.executed.map(|e| e.wan_exact()).unwrap_or_default(),
        ];
        let tail = [
            row.name.clone(),
            row.unit_name.clone(),
            row.status.label().to_string(),
        ];
        let score = |s: Option<i64>| s.map(fmt_cp).unwrap_or_default();
        n += 1;
        let exec = [
            EXECUTION_ROW.to_string(),
            String::new(),
            EXECUTION_ROW.to_string(),
            "100%".to_string(),
            row.execution_bp
                .map(|b| format!("{}%", fmt_cp(b)))
                .unwrap_or_default(),
            fmt_cp(row.execution_weight_cp),
            score(row.execution_score_cp),
            String::new(),
        ];
        for (col, text) in amounts.iter().chain(&exec).chain(&tail).enumerate() {
            ws.write_string(n, col as u16, text).map_err(&err)?;
        }
        for i in &f.items {
            n += 1;
            let cells = [
                i.level1.label().to_string(),
                i.level2.label().to_string(),
                i.name.clone(),
                format!(
                    "{}{}{}",
                    if i.nature.is_quantitative() {
                        i.nature.label()
                    } else {
                        ""
                    },
                    display_value(&i.value, i.value_high.as_deref()),
                    i.unit
                ),
                if i.not_applicable {
                    NOT_APPLICABLE.to_string()
                } else {
                    i.actual.clone().unwrap_or_default()
                },
                fmt_cp(i.weight_cp),
                score(i.score_cp),
                i.reason.clone(),
            ];
            for (col, text) in amounts.iter().chain(&cells).chain(&tail).enumerate() {
                ws.write_string(n, col as u16, text).map_err(&err)?;
            }
        }
    }
    save(&mut book, path)?;
    Ok(n)
}
