//! Import and export of 预算项目 as a workbook with `PROJECT_HEADERS`. Units are referenced by
//! 单位编码, enums by their Chinese label, amounts in 万元 (numbers or text, exact to the 分).
//! The importer checks every row before writing, then creates or updates by (预算年度, 项目编码)
//! in one transaction; the exporter writes amounts so that re-importing its file changes nothing.

use super::reader::{bool_cell, choice, read_records, year_cell, Record};
use super::{
    export_title, in_row, problem, save, write_titled_header, xlsx_error, ImportReport,
    FIRST_DATA_ROW, PROJECT_HEADERS, PROJECT_WIDTHS,
};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::money::Fen;
use crate::org::{list_units, OrgUnit};
use crate::projects::{
    check_project_fields, create_project, list_projects, update_project, BudgetType,
    NewOrContinuing, Project, ProjectCategory, ProjectGrade, ProjectInput, ProjectQuery,
};
use crate::{Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::collections::HashMap;
use std::path::Path;

// Column positions in PROJECT_HEADERS.
const YEAR: usize = 0;
const CODE: usize = 1;
const NAME: usize = 2;
const UNIT: usize = 3;
const BUDGET_TYPE: usize = 4;
const CATEGORY: usize = 5;
const NEW_OR_CONTINUING: usize = 6;
const START: usize = 7;
const END: usize = 8;
const INITIAL: usize = 9;
const ADJUSTED: usize = 10;
const FUND_SOURCE: usize = 11;
const SPECIAL_BOND: usize = 12;
const GRADE: usize = 13;

/// One checked row of the file.
struct ProjectRow {
    row: u32,
    input: ProjectInput,
    initial: Fen,
    adjusted: Fen,
}

/// Imports a projects workbook: all of it, or nothing (`Error::Rejected` lists every problem).
pub fn import_projects(db: &Db, actor: &Actor, path: &Path) -> Result<ImportReport> {
    let records = read_records(path, &PROJECT_HEADERS)?;
    // Checked inside the write transaction so nothing changes between the checks and the writes.
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::ProjectsEdit)?;
        // One query for all units instead of one per row (files run to 10,000 rows).
        let units: HashMap<String, OrgUnit> = list_units(ctx)?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
        let rows = check_file(&records, &units)?;
        apply(ctx, rows)
    })
}

fn check_file(records: &[Record], units: &HashMap<String, OrgUnit>) -> Result<Vec<ProjectRow>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut rows = Vec::with_capacity(records.len());
    let mut first_row_of: HashMap<(i32, String), u32> = HashMap::new();
    for r in records {
        let mut c = Cells { r, bad: Vec::new() };
        let year = c.get(YEAR, year_cell);
        let start = c.get(START, year_cell);
        let end = c.get(END, year_cell);
        let budget_type = c.get(BUDGET_TYPE, choice(BudgetType::parse, BudgetType::choices));
        let category = c.get(
            CATEGORY,
            choice(ProjectCategory::parse, ProjectCategory::choices),
        );
        let noc = c.get(
            NEW_OR_CONTINUING,
            choice(NewOrContinuing::parse, NewOrContinuing::choices),
        );
        let bond = c.get(SPECIAL_BOND, bool_cell);
        let grade = c.get(GRADE, grade_cell);
        let unit_id = c.get(UNIT, |code| unit_cell(code, units));
        let mut bad = c.bad;
        let input = ProjectInput {
            // Placeholders stand in for unreadable cells; those cells are already reported.
            fiscal_year: year.unwrap_or(0),
            code: r.get(CODE).to_string(),
            name: r.get(NAME).to_string(),
            unit_id: unit_id.unwrap_or_default(),
            budget_type: budget_type.unwrap_or(BudgetType::General),
            category: category.unwrap_or(ProjectCategory::Operating),
            new_or_continuing: noc.unwrap_or(NewOrContinuing::New),
            period_start: start.unwrap_or(0),
            period_end: end.unwrap_or(0),
            initial_budget_wan: r.get(INITIAL).to_string(),
            adjusted_budget_wan: r.get(ADJUSTED).to_string(),
            fund_source: r.get(FUND_SOURCE).to_string(),
            is_special_bond: bond.unwrap_or(false),
            grade: grade.flatten(),
            managing_dept_id: None,
        };
        let (checks, initial, adjusted) = check_project_fields(&input);
        // The year/period checks compare three cells; if one was unreadable they would only
        // repeat that problem with a placeholder value, so they are left out.
        let periods_readable = year.is_some() && start.is_some() && end.is_some();
        let dated = ["预算年度", "实施期起", "实施期止"];
        bad.extend(
            checks
                .into_iter()
                .filter(|(field, _)| periods_readable || !dated.contains(field)),
        );
        if let (Some(y), false) = (year, input.code.is_empty()) {
            match first_row_of.get(&(y, input.code.clone())) {
                Some(first) => bad.push((
                    PROJECT_HEADERS[CODE],
                    format!(
                        "{y}年度项目编码『{}』在第{first}行和第{}行重复出现",
                        input.code, r.row
                    ),
                )),
                None => {
                    first_row_of.insert((y, input.code.clone()), r.row);
                }
            }
        }
        problems.extend(bad.into_iter().map(|(col, msg)| problem(r.row, col, msg)));
        rows.push(ProjectRow {
            row: r.row,
            input,
            initial,
            adjusted,
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(Error::Rejected(problems))
    }
}

fn apply(ctx: &WriteCtx, rows: Vec<ProjectRow>) -> Result<ImportReport> {
    let mut years: Vec<i32> = rows.iter().map(|p| p.input.fiscal_year).collect();
    years.sort_unstable();
    years.dedup();
    let mut existing: HashMap<(i32, String), Project> = HashMap::new();
    for year in years {
        let q = ProjectQuery {
            year: Some(year),
            page: 0,
            ..ProjectQuery::default()
        };
        for p in list_projects(ctx, &q)?.rows {
            existing.insert((p.fiscal_year, p.code.clone()), p);
        }
    }
    let mut report = ImportReport {
        rows: rows.len() as u32,
        ..ImportReport::default()
    };
    for mut p in rows {
        let at = |e| in_row(p.row, PROJECT_HEADERS[CODE], e);
        match existing.get(&(p.input.fiscal_year, p.input.code.clone())) {
            Some(old) if same(old, &p) => report.unchanged += 1,
            Some(old) => {
                // 主管科室 is not a column of the file: an update keeps what the project has.
                p.input.managing_dept_id = old.managing_dept_id.clone();
                update_project(ctx, &old.id, &p.input).map_err(at)?;
                report.updated += 1;
            }
            None => {
                create_project(ctx, &p.input).map_err(at)?;
                report.created += 1;
            }
        }
    }
    Ok(report)
}

/// True when saving the row would not change the project (then nothing is written or audited).
fn same(old: &Project, p: &ProjectRow) -> bool {
    let i = &p.input;
    old.name == i.name.trim()
        && old.unit_id == i.unit_id
        && old.budget_type == i.budget_type
        && old.category == i.category
        && old.new_or_continuing == i.new_or_continuing
        && old.period_start == i.period_start
        && old.period_end == i.period_end
        && old.initial_budget == p.initial
        && old.adjusted_budget == p.adjusted
        && old.fund_source == i.fund_source.trim()
        && old.is_special_bond == i.is_special_bond
        && old.grade == i.grade
}

/// One row's cells, parsed one by one; an unreadable cell leaves (its column, the reason).
struct Cells<'a> {
    r: &'a Record,
    bad: Vec<(&'static str, String)>,
}

impl Cells<'_> {
    fn get<T>(&mut self, col: usize, parse: impl FnOnce(&str) -> Result<T, String>) -> Option<T> {
        let parsed = parse(self.r.get(col));
        parsed
            .map_err(|e| self.bad.push((PROJECT_HEADERS[col], e)))
            .ok()
    }
}

/// 项目分级: empty means not graded.
fn grade_cell(text: &str) -> Result<Option<ProjectGrade>, String> {
    if text.is_empty() {
        return Ok(None);
    }
    ProjectGrade::parse(&text.to_ascii_uppercase())
        .map(Some)
        .ok_or_else(|| {
            format!(
                "『{text}』不是有效的项目分级，可选：{}（可留空）",
                ProjectGrade::choices()
            )
        })
}

/// The unit's id, if the code names a unit that may hold projects.
fn unit_cell(code: &str, units: &HashMap<String, OrgUnit>) -> Result<String, String> {
    if code.is_empty() {
        return Err("不能为空，请填写系统中已有单位的单位编码".into());
    }
    let unit = units
        .get(code)
        .ok_or_else(|| format!("找不到单位编码『{code}』，请先在单位管理中添加或导入该单位"))?;
    if !unit.kind.owns_projects() {
        return Err(format!(
            "『{}』是{}，不能承担预算项目，请填写预算单位、主管部门或乡镇的编码",
            unit.name,
            unit.kind.label()
        ));
    }
    Ok(unit.id.clone())
}

/// Writes the live projects (of `year`, or all years) to a new workbook; returns the count.
pub fn export_projects(c: &Connection, path: &Path, year: Option<i32>) -> Result<u32> {
    let q = ProjectQuery {
        year,
        page: 0,
        ..ProjectQuery::default()
    };
    let projects = list_projects(c, &q)?.rows;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("项目").map_err(&err)?;
    let title = export_title(year, "预算项目");
    write_titled_header(ws, &title, &PROJECT_HEADERS, &PROJECT_WIDTHS).map_err(&err)?;
    // Unformatted cells take these column formats: codes as text (keeps leading zeros when the
    // user adds rows), amounts with 2 to 6 decimals so 0.000001 万元 (1 分) stays visible.
    let text = Format::new().set_num_format("@");
    let amount = Format::new().set_num_format("0.00####");
    for col in [CODE, UNIT] {
        ws.set_column_format(col as u16, &text).map_err(&err)?;
    }
    for col in [INITIAL, ADJUSTED] {
        ws.set_column_format(col as u16, &amount).map_err(&err)?;
    }
    for (i, p) in projects.iter().enumerate() {
        let row = i as u32 + FIRST_DATA_ROW;
        let texts = [
            (CODE, p.code.as_str()),
            (NAME, p.name.as_str()),
            (UNIT, p.unit_code.as_str()),
            (BUDGET_TYPE, p.budget_type.label()),
            (CATEGORY, p.category.label()),
            (NEW_OR_CONTINUING, p.new_or_continuing.label()),
            (FUND_SOURCE, p.fund_source.as_str()),
            (SPECIAL_BOND, if p.is_special_bond { "是" } else { "否" }),
            (GRADE, p.grade.map(ProjectGrade::label).unwrap_or("")),
        ];
        for (col, value) in texts {
            ws.write_string(row, col as u16, value).map_err(&err)?;
        }
        for (col, y) in [
            (YEAR, p.fiscal_year),
            (START, p.period_start),
            (END, p.period_end),
        ] {
            ws.write_number(row, col as u16, y).map_err(&err)?;
        }
        for (col, fen) in [(INITIAL, p.initial_budget), (ADJUSTED, p.adjusted_budget)] {
            write_amount(ws, row, col as u16, fen).map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(projects.len() as u32)
}

/// An amount as a number of 万元. fen / 1e6 is the double nearest the exact decimal, and the
/// cell stores its shortest round-trip text, so the reader gets the same decimal back — as long
/// as the amount has at most 15 significant digits; beyond that it goes out as exact text.
fn write_amount(ws: &mut Worksheet, row: u32, col: u16, fen: Fen) -> Result<(), XlsxError> {
    if fen.0.unsigned_abs() < 1_000_000_000_000_000 {
        ws.write_number(row, col, fen.0 as f64 / 1e6)?;
    } else {
        ws.write_string(row, col, fen.wan_exact())?;
    }
    Ok(())
}
