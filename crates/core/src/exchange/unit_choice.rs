//! 「按单位导入」: a unit's own form workbook (绩效目标, 监控情况表, 自评表) imported at the bureau
//! may touch only the chosen unit's projects (the import dialog's 单位, the CLI's `--unit CODE`);
//! without a choice the file is a consolidated one from the bureau's 绩效管理. Also tells which
//! units a workbook touches, so the dialog shows it before anything is written. (On a unit or
//! township PC the row checks of `access` already keep an import to that unit's own forms.)

use super::problem;
use super::reader::{read_records, Record};
use crate::db::Db;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;

/// The column every form workbook starts with.
const CODE: &str = "项目编码";

/// One unit a workbook touches, with how many of its rows are that unit's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TouchedUnit {
    pub code: String,
    pub name: String,
    pub rows: u32,
}

struct Pick {
    id: String,
    name: String,
}

fn pick(c: &Connection, code: &str) -> Result<Pick> {
    c.query_row(
        "SELECT id, name FROM org_unit WHERE code = ?1 AND deleted_at IS NULL",
        [code.trim()],
        |r| {
            Ok(Pick {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::Invalid {
        field: "单位".into(),
        message: format!(
            "没有编码为『{}』的单位，未导入任何数据。请核对单位编码",
            code.trim()
        ),
    })
}

/// (unit id, unit code, unit name) of the project with `code` in `year`, if there is one.
fn owner(c: &Connection, year: i32, code: &str) -> Result<Option<(String, String, String)>> {
    Ok(c.query_row(
        "SELECT u.id, u.code, u.name FROM project p JOIN org_unit u ON u.id = p.unit_id
         WHERE p.fiscal_year = ?1 AND p.code = ?2 AND p.deleted_at IS NULL",
        params![year, code.trim()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .optional()?)
}

/// Refuses the file when a unit was chosen and any row's project belongs to another unit (not
/// the chosen one or below it), naming each such row. Unknown codes are left to the import,
/// which names them itself.
pub(crate) fn check(
    c: &Connection,
    unit_code: Option<&str>,
    year: i32,
    records: &[Record],
) -> Result<()> {
    let Some(code) = unit_code.filter(|s| !s.trim().is_empty()) else {
        return Ok(());
    };
    let chosen = pick(c, code)?;
    let mut problems: Vec<FieldProblem> = Vec::new();
    for r in records {
        let project = r.get(0);
        if project.trim().is_empty() {
            continue;
        }
        let Some((unit_id, _, unit_name)) = owner(c, year, project)? else {
            continue;
        };
        if !crate::access::check::within(c, &unit_id, &chosen.id)? {
            problems.push(problem(
                r.row,
                CODE,
                format!(
                    "项目『{}』属于『{unit_name}』，不是本次选择的单位『{}』；按单位导入时文件只能含该单位的项目。请删去这一行，或不选单位作为汇总表导入",
                    project.trim(),
                    chosen.name
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::Rejected(problems))
    }
}

/// The units whose projects (of `year`) the workbook's rows name, most rows first.
pub fn units_touched(db: &Db, path: &Path, year: i32) -> Result<Vec<TouchedUnit>> {
    let records = read_records(path, &[CODE])?;
    db.read(|c| {
        let mut by_code: BTreeMap<String, TouchedUnit> = BTreeMap::new();
        for r in &records {
            if let Some((_, code, name)) = owner(c, year, r.get(0))? {
                by_code
                    .entry(code.clone())
                    .or_insert(TouchedUnit {
                        code,
                        name,
                        rows: 0,
                    })
                    .rows += 1;
            }
        }
        let mut out: Vec<TouchedUnit> = by_code.into_values().collect();
        out.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.code.cmp(&b.code)));
        Ok(out)
    })
}
