//! The 绩效目标申报表 workbook: one row per 三级指标 under `TARGET_HEADERS`. Field workbooks merge
//! 项目编码/总体目标/一级/二级 vertically, so empty cells in those columns take the value above
//! (within the same project). Imported targets are the units' submissions: they arrive as 一上,
//! or 二上 when the target had been returned (一下). The whole file is checked first; one bad row
//! and nothing is imported.

use super::edit::{check_indicators, write_indicators, CheckedIndicator};
use super::query::{get_target, list_targets, SubmittedBody, TargetQuery};
use super::{IndicatorInput, TargetKind, TargetStatus};
use crate::access::Actor;
use crate::db::{new_id, Db, WriteCtx};
use crate::exchange::reader::{read_records, Record};
use crate::exchange::{problem, save, write_header_row, xlsx_error, ImportReport};
use crate::indicator::{display_value, Level1, Level2, Nature};
use crate::projects::find_project_by_code;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection};
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

pub const TARGET_HEADERS: [&str; 9] = [
    "项目编码",
    "总体目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
    "权重",
];
const CODE: usize = 0;
const GOAL: usize = 1;
const L1: usize = 2;
const L2: usize = 3;
const NAME: usize = 4;
const NATURE: usize = 5;
const VALUE: usize = 6;
const UNIT: usize = 7;
const WEIGHT: usize = 8;

/// The rows of one project in the file.
struct Group {
    first_row: u32,
    code: String,
    goal: String,
    rows: Vec<(u32, IndicatorInput)>,
}

/// Fills merged cells down and groups rows by 项目编码; problems name row and column.
fn group_rows(records: &[Record]) -> (Vec<Group>, Vec<FieldProblem>) {
    let mut groups: Vec<Group> = Vec::new();
    let mut problems = Vec::new();
    let (mut l1_text, mut l2_text) = (String::new(), String::new());
    for r in records {
        let code = r.get(CODE).trim();
        let starts_new = !code.is_empty() && groups.last().is_none_or(|g| g.code != code);
        if starts_new {
            if groups.iter().any(|g| g.code == code) {
                problems.push(problem(
                    r.row,
                    "项目编码",
                    format!("项目『{code}』的指标应连续排列，请把它的各行放在一起"),
                ));
            }
            groups.push(Group {
                first_row: r.row,
                code: code.to_string(),
                goal: String::new(),
                rows: Vec::new(),
            });
            l1_text.clear();
            l2_text.clear();
        }
        let Some(g) = groups.last_mut() else {
            problems.push(problem(r.row, "项目编码", "请填写项目编码"));
            continue;
        };
        if g.goal.is_empty() {
            g.goal = r.get(GOAL).trim().to_string();
        }
        for (col, keep) in [(L1, &mut l1_text), (L2, &mut l2_text)] {
            if !r.get(col).trim().is_empty() {
                *keep = r.get(col).trim().to_string();
            }
        }
        let l1 = Level1::parse_loose(&l1_text);
        let l2 = Level2::parse_loose(&l2_text);
        let nature = Nature::parse_loose(r.get(NATURE));
        if l1.is_none() {
            problems.push(problem(
                r.row,
                "一级指标",
                format!("『{l1_text}』不是一级指标，应为 {}", Level1::choices()),
            ));
        }
        if l2.is_none() {
            problems.push(problem(
                r.row,
                "二级指标",
                format!("『{l2_text}』不是二级指标，应为 {}", Level2::choices()),
            ));
        }
        if nature.is_none() {
            problems.push(problem(
                r.row,
                "指标性质",
                format!(
                    "『{}』不是指标性质，应为 {}",
                    r.get(NATURE).trim(),
                    Nature::choices()
                ),
            ));
        }
        if let (Some(level1), Some(level2), Some(nature)) = (l1, l2, nature) {
            g.rows.push((
                r.row,
                IndicatorInput {
                    id: None,
                    level1,
                    level2,
                    name: r.get(NAME).to_string(),
                    nature,
                    value: r.get(VALUE).to_string(),
                    unit: r.get(UNIT).to_string(),
                    weight: r.get(WEIGHT).to_string(),
                    library_id: None,
                    is_core: false,
                },
            ));
        }
    }
    (groups, problems)
}

/// A group checked against the database, ready to write.
struct Checked {
    project_id: String,
    target_id: Option<String>,
    status: Option<TargetStatus>,
    goal: String,
    rows: Vec<CheckedIndicator>,
}

fn check_groups(
    c: &Connection,
    year: i32,
    groups: Vec<Group>,
    problems: &mut Vec<FieldProblem>,
) -> Result<Vec<Checked>> {
    let mut out = Vec::new();
    for g in groups {
        let Some(p) = find_project_by_code(c, year, &g.code)? else {
            problems.push(problem(
                g.first_row,
                "项目编码",
                format!(
                    "{year}年度没有项目编码『{}』，请先在「项目管理」中录入或导入该项目",
                    g.code
                ),
            ));
            continue;
        };
        if g.goal.is_empty() {
            problems.push(problem(g.first_row, "总体目标", "请填写该项目的总体目标"));
        }
        let current = super::query::target_of_project(c, &p.id)?;
        if let Some(t) = &current {
            if t.status == TargetStatus::SecondDown {
                problems.push(problem(
                    g.first_row,
                    "项目编码",
                    format!(
                        "项目『{}』的绩效目标已『二下』批复并冻结，不能导入覆盖；如需修改请先申请调整",
                        g.code
                    ),
                ));
            }
        }
        let refs: Vec<(u32, &IndicatorInput)> = g.rows.iter().map(|(r, i)| (*r, i)).collect();
        match check_indicators(&refs) {
            Ok(rows) => out.push(Checked {
                project_id: p.id,
                target_id: current.as_ref().map(|t| t.id.clone()),
                status: current.map(|t| t.status),
                goal: g.goal,
                rows,
            }),
            Err(mut bad) => problems.append(&mut bad),
        }
    }
    Ok(out)
}

/// Imports a 绩效目标申报表 for `year`: all of it or nothing.
pub fn import_targets(db: &Db, actor: &Actor, path: &Path, year: i32) -> Result<ImportReport> {
    let records = read_records(path, &TARGET_HEADERS)?;
    let (groups, mut problems) = group_rows(&records);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::TargetEdit)?;
        let checked = check_groups(ctx, year, groups, &mut problems)?;
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.row);
            return Err(Error::Rejected(problems));
        }
        let mut report = ImportReport {
            rows: records.len() as u32,
            ..ImportReport::default()
        };
        for g in checked {
            apply(ctx, g, &mut report)?;
        }
        Ok(report)
    })
}

fn apply(ctx: &WriteCtx, g: Checked, report: &mut ImportReport) -> Result<()> {
    let id = match &g.target_id {
        Some(id) => id.clone(),
        None => super::edit::create_project_target(ctx, &g.project_id)?.id,
    };
    ctx.require_row(
        crate::access::Perm::TargetEdit,
        crate::access::Owned::Target,
        &id,
    )?;
    let before = get_target(ctx, &id)?;
    let next = match g.status {
        Some(TargetStatus::FirstDown) | Some(TargetStatus::SecondUp) => TargetStatus::SecondUp,
        _ => TargetStatus::FirstUp,
    };
    ctx.execute(
        "UPDATE perf_target SET overall_goal = ?2, status = ?3, submitted_at = ?4, updated_at = ?4
         WHERE id = ?1",
        params![id, g.goal, next, ctx.now()],
    )?;
    write_indicators(ctx, &before, &g.rows)?;
    let after = get_target(ctx, &id)?;
    let body = SubmittedBody::of(&after);
    if g.target_id.is_some() && SubmittedBody::of(&before) == body && before.status == after.status
    {
        report.unchanged += 1;
    } else if g.target_id.is_some() {
        report.updated += 1;
    } else {
        report.created += 1;
    }
    ctx.execute(
        "INSERT INTO target_submission (id, target_id, status, body_json, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![new_id(), id, next, serde_json::to_string(&body)?, ctx.now()],
    )?;
    ctx.audit(
        "import",
        "perf_target",
        Some(&id),
        &format!(
            "导入绩效目标申报表（{}）：{} {}，{}条三级指标",
            next.label(),
            after.project_code.as_deref().unwrap_or_default(),
            after.project_name.as_deref().unwrap_or_default(),
            after.indicators.len()
        ),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )
}

const EXPORT_HEADERS: [&str; 11] = [
    "项目编码",
    "项目名称",
    "总体目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
    "权重",
    "审核状态",
];
const EXPORT_WIDTHS: [f64; 11] = [
    16.0, 30.0, 40.0, 12.0, 16.0, 30.0, 10.0, 12.0, 10.0, 8.0, 10.0,
];

/// Writes every project target of `year` (current versions); the file imports back unchanged
/// (项目名称 and 审核状态 are for reading only). Returns the number of indicator rows.
pub fn export_targets(c: &Connection, path: &Path, year: i32) -> Result<u32> {
    let page = list_targets(
        c,
        &TargetQuery {
            year,
            kind: Some(TargetKind::Project),
            page: 0,
            ..TargetQuery::default()
        },
    )?;
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let err = xlsx_error(path);
    ws.set_name("绩效目标申报表").map_err(&err)?;
    write_header_row(ws, &EXPORT_HEADERS, &EXPORT_WIDTHS).map_err(&err)?;
    ws.set_column_format(0, &Format::new().set_num_format("@"))
        .map_err(&err)?;
    let mut row = 0u32;
    for t in page.rows.iter().filter_map(|r| r.target_id.as_deref()) {
        let t = get_target(c, t)?;
        for i in &t.indicators {
            row += 1;
            let weight = i.weight_cp.map(crate::fmt_cp).unwrap_or_default();
            let weight = weight.trim_end_matches("00").trim_end_matches('.');
            let cells = [
                t.project_code.as_deref().unwrap_or_default(),
                t.project_name.as_deref().unwrap_or_default(),
                t.overall_goal.as_str(),
                i.level1.label(),
                i.level2.label(),
                i.name.as_str(),
                i.nature.label(),
                &display_value(&i.value, i.value_high.as_deref()),
                i.unit.as_str(),
                weight,
                t.status.label(),
            ];
            for (col, text) in cells.iter().enumerate() {
                ws.write_string(row, col as u16, *text).map_err(&err)?;
            }
        }
    }
    save(&mut book, path)?;
    Ok(row)
}
