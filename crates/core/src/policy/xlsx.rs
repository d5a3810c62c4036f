//! Import and export of the 政策 register as a workbook with [`POLICY_HEADERS`]: one row per
//! policy and year (a policy without any year is one row with 年度 empty). The policy's own
//! columns repeat on each of its rows and must agree; 关联项目编码 lists that year's 项目编码
//! separated by 、 , ； or spaces. The importer checks the whole file first, then creates or
//! updates by 政策名称 in one transaction — the file is the whole truth of a policy it names
//! (its funds and links are replaced); the exporter's file imports back unchanged.

use super::{
    create_policy, input_of, list_policies, update_policy, Policy, PolicyFundInput, PolicyInput,
    PolicyQuery,
};
use crate::access::{Actor, Perm};
use crate::db::{Db, WriteCtx};
use crate::exchange::reader::{read_records, year_cell, Record};
use crate::exchange::{
    export_title, in_row, problem, save, write_titled_header, write_wan, xlsx_error, ImportReport,
    FIRST_DATA_ROW, WAN_FORMAT,
};
use crate::money::Fen;
use crate::org::{list_units, OrgUnit};
use crate::projects::find_project_by_code;
use crate::{Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub const POLICY_HEADERS: [&str; 8] = [
    "政策名称",
    "文号",
    "主管部门编码",
    "起始年度",
    "终止年度",
    "年度",
    "资金规模（万元）",
    "关联项目编码",
];
const WIDTHS: [f64; 8] = [36.0, 24.0, 14.0, 10.0, 10.0, 8.0, 16.0, 40.0];

const NAME: usize = 0;
const DOC_NO: usize = 1;
const UNIT: usize = 2;
const START: usize = 3;
const END: usize = 4;
const YEAR: usize = 5;
const AMOUNT: usize = 6;
const PROJECTS: usize = 7;

/// One policy of the file: the row it starts on and what it asks for.
struct FilePolicy {
    row: u32,
    input: PolicyInput,
}

/// Imports a policy workbook: all of it, or nothing (`Error::Rejected` lists every problem).
pub fn import_policies(db: &Db, actor: &Actor, path: &Path) -> Result<ImportReport> {
    let records = read_records(path, &POLICY_HEADERS)?;
    db.write(actor, |ctx| {
        ctx.require(Perm::BaseData)?;
        let units: HashMap<String, OrgUnit> = list_units(ctx)?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
        let policies = check_file(ctx, &records, &units)?;
        apply(ctx, &records, policies)
    })
}

fn split_codes(text: &str) -> Vec<String> {
    text.split(|c: char| "、,，;；".contains(c) || c.is_whitespace())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

fn check_file(
    c: &Connection,
    records: &[Record],
    units: &HashMap<String, OrgUnit>,
) -> Result<Vec<FilePolicy>> {
    let mut bad: Vec<FieldProblem> = Vec::new();
    let mut out: Vec<FilePolicy> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in records {
        let row = r.row;
        let mut col_err =
            |col: usize, msg: String| bad.push(problem(row, POLICY_HEADERS[col], msg));
        let name = r.get(NAME).trim().to_string();
        if name.is_empty() {
            col_err(NAME, "不能为空".into());
            continue;
        }
        let unit_code = r.get(UNIT).trim();
        let unit_id = match units.get(unit_code) {
            Some(u) => u.id.clone(),
            None if unit_code.is_empty() => {
                col_err(UNIT, "不能为空，请填写系统中已有单位的单位编码".into());
                String::new()
            }
            None => {
                col_err(
                    UNIT,
                    format!("找不到单位编码『{unit_code}』，请先在单位管理中添加或导入该单位"),
                );
                String::new()
            }
        };
        let start = year_cell(r.get(START)).map_err(|e| col_err(START, e)).ok();
        let end = year_cell(r.get(END)).map_err(|e| col_err(END, e)).ok();
        let year_text = r.get(YEAR).trim();
        let year = if year_text.is_empty() {
            None
        } else {
            year_cell(year_text).map_err(|e| col_err(YEAR, e)).ok()
        };
        let amount = r.get(AMOUNT).trim().to_string();
        let codes = split_codes(r.get(PROJECTS));
        if year_text.is_empty() && (!amount.is_empty() || !codes.is_empty()) {
            col_err(YEAR, "填写了资金规模或关联项目时，年度不能为空".into());
        }
        let mut project_ids = Vec::new();
        if let Some(y) = year {
            if !amount.is_empty() {
                if let Err(e) = Fen::parse_wan(&amount) {
                    col_err(AMOUNT, e);
                }
            }
            for code in &codes {
                match find_project_by_code(c, y, code)? {
                    Some(p) => project_ids.push(p.id),
                    None => col_err(PROJECTS, format!("找不到{y}年度的项目编码『{code}』")),
                }
            }
        }
        let (Some(start), Some(end)) = (start, end) else {
            continue;
        };
        let fund = year
            .filter(|_| !amount.is_empty())
            .map(|y| PolicyFundInput {
                year: y,
                amount_wan: amount.clone(),
            });
        match index.get(&name) {
            None => {
                index.insert(name.clone(), out.len());
                out.push(FilePolicy {
                    row,
                    input: PolicyInput {
                        name,
                        doc_no: r.get(DOC_NO).trim().to_string(),
                        dept_unit_id: unit_id,
                        start_year: start,
                        end_year: end,
                        funds: fund.into_iter().collect(),
                        project_ids,
                    },
                });
            }
            Some(&i) => {
                let first = &mut out[i];
                let same = first.input.doc_no == r.get(DOC_NO).trim()
                    && first.input.dept_unit_id == unit_id
                    && first.input.start_year == start
                    && first.input.end_year == end;
                if !same {
                    bad.push(problem(
                        row,
                        POLICY_HEADERS[NAME],
                        format!(
                            "政策『{}』的文号、主管部门或起止年度与第{}行不一致",
                            first.input.name, first.row
                        ),
                    ));
                }
                if let Some(f) = fund {
                    if first.input.funds.iter().any(|x| x.year == f.year) {
                        bad.push(problem(
                            row,
                            POLICY_HEADERS[YEAR],
                            format!("政策『{}』的{}年度出现了两次", first.input.name, f.year),
                        ));
                    }
                    first.input.funds.push(f);
                }
                first.input.project_ids.extend(project_ids);
            }
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(Error::Rejected(bad))
    }
}

/// 名称, 文号, 主管部门, 起止年度, funds (year, 分) and project ids — sorted, for comparing.
type Key = (
    String,
    String,
    String,
    i32,
    i32,
    Vec<(i32, i64)>,
    Vec<String>,
);

/// A comparable form of an input: sorted funds (as 分) and sorted project ids.
fn key(i: &PolicyInput) -> Key {
    let mut funds: Vec<(i32, i64)> = i
        .funds
        .iter()
        .map(|f| {
            (
                f.year,
                Fen::parse_wan(&f.amount_wan).map(|x| x.0).unwrap_or(-1),
            )
        })
        .collect();
    funds.sort_unstable();
    let mut ids = i.project_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    (
        i.name.trim().to_string(),
        i.doc_no.trim().to_string(),
        i.dept_unit_id.clone(),
        i.start_year,
        i.end_year,
        funds,
        ids,
    )
}

fn apply(ctx: &WriteCtx, records: &[Record], policies: Vec<FilePolicy>) -> Result<ImportReport> {
    let existing: HashMap<String, Policy> = list_policies(ctx, &PolicyQuery::default())?
        .rows
        .into_iter()
        .map(|p| (p.name.clone(), p))
        .collect();
    let mut report = ImportReport {
        rows: records.len() as u32,
        ..ImportReport::default()
    };
    for mut fp in policies {
        fp.input.project_ids.dedup();
        let at = |e| in_row(fp.row, POLICY_HEADERS[NAME], e);
        match existing.get(&fp.input.name) {
            Some(old) if key(&input_of(old)) == key(&fp.input) => report.unchanged += 1,
            Some(old) => {
                update_policy(ctx, &old.id, &fp.input).map_err(at)?;
                report.updated += 1;
            }
            None => {
                create_policy(ctx, &fp.input).map_err(at)?;
                report.created += 1;
            }
        }
    }
    Ok(report)
}

/// Writes the live policies (in force in `year`, or all) to a new workbook; returns how many.
pub fn export_policies(c: &Connection, path: &Path, year: Option<i32>) -> Result<u32> {
    let policies = list_policies(
        c,
        &PolicyQuery {
            year,
            ..PolicyQuery::default()
        },
    )?
    .rows;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("政策").map_err(&err)?;
    let title = export_title(year, "政策清单");
    write_titled_header(ws, &title, &POLICY_HEADERS, &WIDTHS).map_err(&err)?;
    let text = Format::new().set_num_format("@");
    let wan = Format::new().set_num_format(WAN_FORMAT);
    ws.set_column_format(UNIT as u16, &text).map_err(&err)?;
    ws.set_column_format(PROJECTS as u16, &text).map_err(&err)?;
    let mut row = FIRST_DATA_ROW;
    for p in &policies {
        // Year → (amount, that year's project codes).
        let mut years: BTreeMap<i32, (Option<Fen>, Vec<&str>)> = BTreeMap::new();
        for f in &p.funds {
            years.entry(f.year).or_default().0 = Some(f.fen);
        }
        for x in &p.projects {
            years.entry(x.fiscal_year).or_default().1.push(&x.code);
        }
        let lines: Vec<(Option<i32>, Option<Fen>, String)> = if years.is_empty() {
            vec![(None, None, String::new())]
        } else {
            years
                .into_iter()
                .map(|(y, (fen, codes))| (Some(y), fen, codes.join("、")))
                .collect()
        };
        for (y, fen, codes) in lines {
            ws.write_string(row, NAME as u16, &p.name).map_err(&err)?;
            ws.write_string(row, DOC_NO as u16, &p.doc_no)
                .map_err(&err)?;
            ws.write_string(row, UNIT as u16, &p.dept_unit_code)
                .map_err(&err)?;
            ws.write_number(row, START as u16, p.start_year)
                .map_err(&err)?;
            ws.write_number(row, END as u16, p.end_year).map_err(&err)?;
            if let Some(y) = y {
                ws.write_number(row, YEAR as u16, y).map_err(&err)?;
            }
            if let Some(fen) = fen {
                write_wan(ws, row, AMOUNT as u16, fen, &wan).map_err(&err)?;
            }
            ws.write_string(row, PROJECTS as u16, &codes)
                .map_err(&err)?;
            row += 1;
        }
    }
    save(&mut book, path)?;
    Ok(policies.len() as u32)
}
