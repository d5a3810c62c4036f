//! Excel import of the library (`LIBRARY_HEADERS`, matched by header text in any order). Field
//! workbooks merge 指标分类/一级/二级 vertically, so an empty cell in those three columns takes
//! the value of the row above. Short labels (产出, 经济效益, >=) are accepted. The whole file is
//! checked first; then, in one transaction, unknown 指标分类 are created and each row updates
//! the live indicator with the same (分类, 一级, 二级, 三级指标) or is inserted (source 导入).

use super::categories::{check_category_name, create_category, list_categories};
use super::export::LIBRARY_HEADERS;
use super::indicators::{
    check_indicator_fields, check_levels, create_with_source, find_indicator, update_indicator,
    LibraryIndicator, LibraryIndicatorInput, SOURCE_IMPORT,
};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::exchange::reader::{bool_cell, choice, read_records, Record};
use crate::exchange::{in_row, problem, ImportReport};
use crate::indicator::{Level1, Level2, Nature};
use crate::{Error, FieldProblem, Result};
use std::collections::HashMap;
use std::path::Path;

// Column positions in LIBRARY_HEADERS.
const CATEGORY: usize = 0;
const LEVEL1: usize = 1;
const LEVEL2: usize = 2;
const NAME: usize = 3;
const EXPLANATION: usize = 4;
const UNIT: usize = 5;
const NATURE: usize = 6;
const REFERENCE: usize = 7;
const CORE: usize = 8;
/// The columns that merged cells leave empty below their first row.
const FILL_DOWN: [usize; 3] = [CATEGORY, LEVEL1, LEVEL2];

/// One checked row: its category by name (it may not exist yet) and the indicator.
struct Row {
    row: u32,
    category: String,
    input: LibraryIndicatorInput,
}

/// Imports a library workbook: all of it, or nothing (`Error::Rejected` lists every problem).
pub fn import(db: &Db, actor: &Actor, path: &Path) -> Result<ImportReport> {
    let records = read_records(path, &LIBRARY_HEADERS)?;
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::LibraryEdit)?;
        let rows = check_file(&records)?;
        apply(ctx, rows)
    })
}

/// 是否核心指标 as clerks write it: 是/否, Y/N, √/×, empty = 否.
fn core_cell(text: &str) -> Result<bool, String> {
    match text {
        "√" | "✓" | "✔" => Ok(true),
        "×" | "✗" | "✘" => Ok(false),
        other => bool_cell(other),
    }
}

/// The records with merged-cell gaps in 分类/一级/二级 filled from the row above.
fn filled(records: &[Record]) -> Vec<[String; 9]> {
    let mut above: [String; 3] = Default::default();
    records
        .iter()
        .map(|r| {
            let mut cells: [String; 9] = std::array::from_fn(|i| r.get(i).to_string());
            for (k, &col) in FILL_DOWN.iter().enumerate() {
                if cells[col].is_empty() {
                    cells[col] = above[k].clone();
                } else {
                    above[k] = cells[col].clone();
                }
            }
            cells
        })
        .collect()
}

fn check_file(records: &[Record]) -> Result<Vec<Row>> {
    let mut problems: Vec<FieldProblem> = Vec::new();
    let mut rows = Vec::with_capacity(records.len());
    let mut first_row_of: HashMap<(String, Level1, Level2, String), u32> = HashMap::new();
    for (r, cells) in records.iter().zip(filled(records)) {
        let mut bad = |col: usize, msg: String| {
            problems.push(problem(r.row, LIBRARY_HEADERS[col], msg));
        };
        let category = check_category_name(&cells[CATEGORY])
            .map_err(|m| bad(CATEGORY, m))
            .ok();
        let level1 = choice(Level1::parse_loose, Level1::choices)(&cells[LEVEL1])
            .map_err(|m| bad(LEVEL1, m))
            .ok();
        let level2 = choice(Level2::parse_loose, Level2::choices)(&cells[LEVEL2])
            .map_err(|m| bad(LEVEL2, m))
            .ok();
        let nature = choice(Nature::parse_loose, Nature::choices)(&cells[NATURE])
            .map_err(|m| bad(NATURE, m))
            .ok();
        let is_core = core_cell(&cells[CORE]).map_err(|m| bad(CORE, m)).ok();
        // Placeholders where a cell was bad, so the other cells of the row are still checked;
        // the row is refused anyway.
        let input = LibraryIndicatorInput {
            category_id: String::new(),
            level1: level1.unwrap_or(Level1::Output),
            level2: level2.unwrap_or(Level2::Quantity),
            name: cells[NAME].clone(),
            explanation: cells[EXPLANATION].clone(),
            unit: cells[UNIT].clone(),
            nature: nature.unwrap_or(Nature::Qualitative),
            reference: cells[REFERENCE].clone(),
            is_core: is_core.unwrap_or(false),
            project_kinds: String::new(),
        };
        let levels_ok = level1.is_some() && level2.is_some();
        for (field, msg) in check_indicator_fields(&input) {
            if field != "二级指标" || levels_ok {
                problems.push(problem(r.row, field, msg));
            }
        }
        let name = input.name.trim().to_string();
        let Some(category) = category else { continue };
        if levels_ok && check_levels(input.level1, input.level2).is_ok() && !name.is_empty() {
            let key = (category.clone(), input.level1, input.level2, name.clone());
            if let Some(first) = first_row_of.get(&key) {
                let msg =
                    format!("与第{first}行重复（同一指标分类、一级、二级下的三级指标「{name}」）");
                problems.push(problem(r.row, LIBRARY_HEADERS[NAME], msg));
            } else {
                first_row_of.insert(key, r.row);
            }
        }
        rows.push(Row {
            row: r.row,
            category,
            input,
        });
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        problems.sort_by_key(|p| p.row);
        Err(Error::Rejected(problems))
    }
}

fn apply(ctx: &WriteCtx, rows: Vec<Row>) -> Result<ImportReport> {
    let mut category_ids: HashMap<String, String> = list_categories(ctx)?
        .into_iter()
        .map(|c| (c.name, c.id))
        .collect();
    let mut report = ImportReport {
        rows: rows.len() as u32,
        ..ImportReport::default()
    };
    for Row {
        row,
        category,
        mut input,
    } in rows
    {
        let at = |e| in_row(row, LIBRARY_HEADERS[NAME], e);
        input.category_id = match category_ids.get(&category) {
            Some(id) => id.clone(),
            None => {
                let created =
                    create_category(ctx, &category).map_err(|e| in_row(row, "指标分类", e))?;
                category_ids.insert(category, created.id.clone());
                created.id
            }
        };
        match find_indicator(
            ctx,
            &input.category_id,
            input.level1,
            input.level2,
            &input.name,
        )? {
            Some(old) if same(&old, &input) => report.unchanged += 1,
            Some(old) => {
                // The file has no 适用项目类别 column: keep what the row had.
                input.project_kinds = old.project_kinds.clone();
                update_indicator(ctx, &old.id, &input).map_err(at)?;
                report.updated += 1;
            }
            None => {
                create_with_source(ctx, &input, SOURCE_IMPORT).map_err(at)?;
                report.created += 1;
            }
        }
    }
    Ok(report)
}

/// True when saving `input` would not change `old` (then nothing is written or audited).
fn same(old: &LibraryIndicator, input: &LibraryIndicatorInput) -> bool {
    old.explanation == input.explanation.trim()
        && old.unit == input.unit.trim()
        && old.nature == input.nature
        && old.reference == input.reference.trim()
        && old.is_core == input.is_core
}
