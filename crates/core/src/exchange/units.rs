//! Import and export of the unit tree (单位) as a workbook with `UNIT_HEADERS`. The parent is
//! written as its 单位编码, so a file can describe a whole tree; the importer checks every row
//! (including parents and cycles across file and database) before it writes anything, then
//! creates or updates by 单位编码 parents-first in one transaction.

use super::reader::{choice, read_records, Record};
use super::{in_row, problem, save, xlsx_error, ImportReport, UNIT_HEADERS, UNIT_WIDTHS};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::org::{
    check_unit_fields, create_unit, list_units, update_unit, OrgUnit, UnitInput, UnitKind,
};
use crate::{Error, FieldProblem, Result};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use std::collections::{HashMap, HashSet};
use std::path::Path;

// Column positions in UNIT_HEADERS.
const CODE: usize = 0;
const NAME: usize = 1;
const PARENT: usize = 2;
const KIND: usize = 3;
const CONTACT: usize = 4;
const PHONE: usize = 5;

/// One valid row of the file, before parent codes are turned into ids.
struct UnitRow {
    row: u32,
    input: UnitInput,
    parent_code: String,
}

/// Imports a units workbook: all of it, or nothing (`Error::Rejected` lists every problem).
pub fn import_units(db: &Db, actor: &Actor, path: &Path) -> Result<ImportReport> {
    let records = read_records(path, &UNIT_HEADERS)?;
    // Validation runs inside the write transaction so the database cannot change between the
    // checks and the writes.
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::BaseData)?;
        let existing: HashMap<String, OrgUnit> = list_units(ctx)?
            .into_iter()
            .map(|u| (u.code.clone(), u))
            .collect();
        let (rows, depth) = check_file(&records, &existing)?;
        apply(ctx, rows, &depth, existing)
    })
}

/// Checks the whole file; returns its rows and each code's depth in the resulting tree.
fn check_file(
    records: &[Record],
    existing: &HashMap<String, OrgUnit>,
) -> Result<(Vec<UnitRow>, HashMap<String, usize>)> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut rows = Vec::with_capacity(records.len());
    let mut first_row_of: HashMap<String, u32> = HashMap::new();
    for r in records {
        let kind = choice(UnitKind::parse, UnitKind::choices)(r.get(KIND))
            .map_err(|msg| problems.push(problem(r.row, UNIT_HEADERS[KIND], msg)))
            .ok();
        let input = UnitInput {
            code: r.get(CODE).to_string(),
            name: r.get(NAME).to_string(),
            parent_id: None,
            // Placeholder when the kind is bad: that row is already refused above.
            kind: kind.unwrap_or(UnitKind::BudgetUnit),
            contact: r.get(CONTACT).to_string(),
            phone: r.get(PHONE).to_string(),
        };
        for (field, msg) in check_unit_fields(&input) {
            problems.push(problem(r.row, field, msg));
        }
        let code = input.code.clone();
        if !code.is_empty() {
            if let Some(first) = first_row_of.get(&code) {
                let msg = format!("单位编码『{code}』在第{first}行和第{}行重复出现", r.row);
                problems.push(problem(r.row, UNIT_HEADERS[CODE], msg));
            } else {
                first_row_of.insert(code.clone(), r.row);
            }
        }
        if let (Some(old), Some(kind)) = (existing.get(&code), kind) {
            // update_unit would refuse this mid-transaction; say it up front with the row.
            if old.kind != kind && old.project_count > 0 && !kind.owns_projects() {
                let msg = format!(
                    "该单位已有 {} 个项目，不能改为『{}』",
                    old.project_count,
                    kind.label()
                );
                problems.push(problem(r.row, UNIT_HEADERS[KIND], msg));
            }
        }
        rows.push(UnitRow {
            row: r.row,
            input,
            parent_code: r.get(PARENT).to_string(),
        });
    }

    let in_file: HashMap<&str, &UnitRow> =
        rows.iter().map(|u| (u.input.code.as_str(), u)).collect();
    for u in &rows {
        let p = u.parent_code.as_str();
        if p.is_empty() {
            continue;
        }
        if p == u.input.code {
            problems.push(problem(
                u.row,
                UNIT_HEADERS[PARENT],
                "上级单位不能是本单位自己",
            ));
        } else if !in_file.contains_key(p) && !existing.contains_key(p) {
            let msg =
                format!("上级单位编码『{p}』既不在本文件中，也不在系统中，请先添加上级单位或留空");
            problems.push(problem(u.row, UNIT_HEADERS[PARENT], msg));
        }
    }

    // The tree after the import: a unit in the file takes the file's parent, any other unit
    // keeps the one it has, so a cycle through units that are only in the database is found too.
    let id_to_code: HashMap<&str, &str> = existing
        .values()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let parent_of = |code: &str| -> Option<String> {
        match in_file.get(code) {
            Some(u) => Some(u.parent_code.clone()).filter(|p| !p.is_empty() && p != code),
            None => existing
                .get(code)
                .and_then(|u| u.parent_id.as_deref())
                .and_then(|id| id_to_code.get(id))
                .map(|c| c.to_string()),
        }
    };
    let (depth, on_cycle) = tree_depths(rows.iter().map(|u| u.input.code.as_str()), parent_of);
    for u in &rows {
        if on_cycle.contains(&u.input.code) {
            let msg = format!(
                "上级单位编码『{}』使单位之间形成循环（某单位成了自己的下级），请检查上级单位",
                u.parent_code
            );
            problems.push(problem(u.row, UNIT_HEADERS[PARENT], msg));
        }
    }

    if problems.is_empty() {
        Ok((rows, depth))
    } else {
        problems.sort_by_key(|p| p.row);
        Err(Error::Rejected(problems))
    }
}

/// Depth of each unit reachable from `codes` (0 = top level) and the units on a parent cycle.
/// Iterative with memo: linear in the number of units, no recursion on deep trees.
fn tree_depths<'a>(
    codes: impl Iterator<Item = &'a str>,
    parent_of: impl Fn(&str) -> Option<String>,
) -> (HashMap<String, usize>, HashSet<String>) {
    let mut depth: HashMap<String, usize> = HashMap::new();
    let mut on_cycle: HashSet<String> = HashSet::new();
    for start in codes {
        let mut path: Vec<String> = Vec::new();
        let mut pos: HashMap<String, usize> = HashMap::new();
        let mut cur = Some(start.to_string());
        // Depth of the last unit of `path`, once known.
        let mut next = 0;
        while let Some(c) = cur {
            if let Some(d) = depth.get(&c) {
                next = d + 1;
                break;
            }
            if let Some(&i) = pos.get(&c) {
                on_cycle.extend(path[i..].iter().cloned());
                break;
            }
            pos.insert(c.clone(), path.len());
            cur = parent_of(&c);
            path.push(c);
        }
        for code in path.into_iter().rev() {
            depth.insert(code, next);
            next += 1;
        }
    }
    (depth, on_cycle)
}

/// Writes the checked rows parents-first: by the time a unit is placed under its parent, the
/// parent (and its whole chain) already sits where the file puts it.
fn apply(
    ctx: &WriteCtx,
    mut rows: Vec<UnitRow>,
    depth: &HashMap<String, usize>,
    existing: HashMap<String, OrgUnit>,
) -> Result<ImportReport> {
    rows.sort_by_key(|u| (depth.get(&u.input.code).copied().unwrap_or(0), u.row));
    let mut ids: HashMap<String, String> = existing
        .iter()
        .map(|(code, u)| (code.clone(), u.id.clone()))
        .collect();
    let mut report = ImportReport {
        rows: rows.len() as u32,
        ..ImportReport::default()
    };
    for mut u in rows {
        if !u.parent_code.is_empty() {
            u.input.parent_id = ids.get(&u.parent_code).cloned();
        }
        let at = |e| in_row(u.row, UNIT_HEADERS[CODE], e);
        match existing.get(&u.input.code) {
            Some(old) if same(old, &u.input) => report.unchanged += 1,
            Some(old) => {
                update_unit(ctx, &old.id, &u.input).map_err(at)?;
                report.updated += 1;
            }
            None => {
                let created = create_unit(ctx, &u.input).map_err(at)?;
                ids.insert(created.code, created.id);
                report.created += 1;
            }
        }
    }
    Ok(report)
}

/// True when saving `input` would not change `old` (then nothing is written or audited).
fn same(old: &OrgUnit, input: &UnitInput) -> bool {
    old.name == input.name.trim()
        && old.parent_id == input.parent_id
        && old.kind == input.kind
        && old.contact == input.contact.trim()
        && old.phone == input.phone.trim()
}

/// Writes every live unit, ordered by code, to a new workbook; returns the number of units.
pub fn export_units(c: &Connection, path: &Path) -> Result<u32> {
    let units = list_units(c)?;
    let code_of: HashMap<&str, &str> = units
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("单位").map_err(&err)?;
    let title = super::export_title(None, "单位名录");
    super::write_titled_header(ws, &title, &UNIT_HEADERS, &UNIT_WIDTHS).map_err(&err)?;
    // Codes and phones as text: Excel would turn a typed "001" into 1 and drop the zeros.
    let text = Format::new().set_num_format("@");
    for col in [CODE, PARENT, PHONE] {
        ws.set_column_format(col as u16, &text).map_err(&err)?;
    }
    for (i, u) in units.iter().enumerate() {
        let row = i as u32 + super::FIRST_DATA_ROW;
        let parent = u
            .parent_id
            .as_deref()
            .and_then(|id| code_of.get(id).copied())
            .unwrap_or("");
        let cells = [
            u.code.as_str(),
            u.name.as_str(),
            parent,
            u.kind.label(),
            u.contact.as_str(),
            u.phone.as_str(),
        ];
        for (col, value) in cells.iter().enumerate() {
            // Unformatted cells take the column's format (text for codes and phones).
            ws.write_string(row, col as u16, *value).map_err(&err)?;
        }
    }
    save(&mut book, path)?;
    Ok(units.len() as u32)
}
