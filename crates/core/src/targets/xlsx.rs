//! The 绩效目标申报表 workbook: one row per 三级指标 under `TARGET_HEADERS`. Field workbooks merge
//! 项目编码/总体目标/一级/二级 vertically, so empty cells in those columns take the value above
//! (within the same project). Imported targets are saved (编制, or 一下 after a return); with
//! 导入即提交 (`ImportOptions::submit`) they are the units' submissions: 一上, or 二上 after a
//! return. Targets the file leaves unchanged write nothing; locked ones (一上/二上 under review,
//! 二下 approved) must come back unchanged. The whole file is checked first; one bad row and
//! nothing is imported.

use super::edit::{check_indicators, write_indicators, CheckedIndicator};
use super::query::{get_target, list_targets, SubmittedBody, SubmittedIndicator, TargetQuery};
use super::{IndicatorInput, Target, TargetKind};
use crate::access::Actor;
use crate::db::{Db, WriteCtx};
use crate::exchange::reader::{read_records, Record};
use crate::exchange::{
    export_title, problem, protect_locked_rows, save, write_cells, write_titled_header, xlsx_error,
    Cell, ImportOptions, ImportReport, RowFormats, FIRST_DATA_ROW,
};
use crate::indicator::{display_value, Level1, Level2, Nature};
use crate::projects::find_project_by_code;
use crate::{Error, FieldProblem, Result};
use rusqlite::{params, Connection};
use rust_xlsxwriter::Workbook;
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
    first_row: u32,
    code: String,
    project_id: String,
    current: Option<Target>,
    goal: String,
    rows: Vec<CheckedIndicator>,
    /// Spreadsheet row of each of `rows`.
    row_numbers: Vec<u32>,
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
        let refs: Vec<(u32, &IndicatorInput)> = g.rows.iter().map(|(r, i)| (*r, i)).collect();
        match check_indicators(&refs) {
            Ok(rows) => out.push(Checked {
                first_row: g.first_row,
                code: g.code,
                project_id: p.id,
                current,
                goal: g.goal,
                rows,
                row_numbers: g.rows.iter().map(|(r, _)| *r).collect(),
            }),
            Err(mut bad) => problems.append(&mut bad),
        }
    }
    Ok(out)
}

/// The body the file gives a target, in the shape submissions are compared in.
fn body_of(g: &Checked) -> SubmittedBody {
    SubmittedBody {
        overall_goal: g.goal.trim().to_string(),
        indicators: g
            .rows
            .iter()
            .map(|r| SubmittedIndicator {
                level1: r.input.level1,
                level2: r.input.level2,
                name: r.input.name.clone(),
                nature: r.input.nature,
                value: r.value.value.clone(),
                value_high: r.value.value_high.clone(),
                unit: r.input.unit.clone(),
                weight_cp: r.weight_cp,
            })
            .collect(),
    }
}

/// The first spreadsheet row (and its column) where the file differs from the stored target.
fn first_difference(g: &Checked, stored: &SubmittedBody, file: &SubmittedBody) -> (u32, String) {
    if stored.overall_goal != file.overall_goal {
        return (g.first_row, "总体目标".into());
    }
    for (k, row) in g.row_numbers.iter().enumerate() {
        if stored.indicators.get(k) != file.indicators.get(k) {
            return (*row, "三级指标".into());
        }
    }
    // The file has fewer rows than the target: the difference is after its last row.
    (
        g.row_numbers.last().copied().unwrap_or(g.first_row),
        "三级指标".into(),
    )
}

/// Imports a 绩效目标申报表 for `year` without submitting (see `import_targets_with`).
pub fn import_targets(db: &Db, actor: &Actor, path: &Path, year: i32) -> Result<ImportReport> {
    import_targets_with(db, actor, path, year, &ImportOptions::default())
}

/// Imports a 绩效目标申报表 for `year`: all of it or nothing. A target the file leaves as it is
/// writes nothing; a locked target (submitted 一上/二上, approved 二下) left unchanged is skipped
/// and counted in `locked`, a changed one refuses the file naming its row. Changed targets are
/// saved (编制 or 一下 stays); with `options.submit` they — and unchanged drafts — are submitted.
pub fn import_targets_with(
    db: &Db,
    actor: &Actor,
    path: &Path,
    year: i32,
    options: &ImportOptions,
) -> Result<ImportReport> {
    let records = read_records(path, &TARGET_HEADERS)?;
    let (groups, mut problems) = group_rows(&records);
    db.write(actor, |ctx| {
        ctx.require(crate::access::Perm::TargetEdit)?;
        crate::exchange::unit_choice::check(ctx, options.unit.as_deref(), year, &records)?;
        let checked = check_groups(ctx, year, groups, &mut problems)?;
        let mut report = ImportReport {
            rows: records.len() as u32,
            ..ImportReport::default()
        };
        let mut work = Vec::new();
        for g in checked {
            let file = body_of(&g);
            let same = g
                .current
                .as_ref()
                .is_some_and(|t| SubmittedBody::of(t) == file);
            match &g.current {
                Some(t) if !t.status.editable() && same => report.locked += 1,
                Some(t) if !t.status.editable() => {
                    let (row, column) = first_difference(&g, &SubmittedBody::of(t), &file);
                    let why = if t.status.under_review() {
                        format!("已『{}』提交财政审核，审核期间不能修改", t.status.label())
                    } else {
                        "已『二下』批复并冻结，不能导入覆盖；如需修改请先申请调整".to_string()
                    };
                    problems.push(problem(
                        row,
                        &column,
                        format!(
                            "项目『{}』的绩效目标{why}，但文件中的内容与系统中的不一致（从这一行起）；请恢复原值或删除该项目的各行",
                            g.code
                        ),
                    ));
                }
                _ => work.push((g, same)),
            }
        }
        if !problems.is_empty() {
            problems.sort_by_key(|p| p.row);
            return Err(Error::Rejected(problems));
        }
        for (g, same) in work {
            apply(ctx, g, same, options, &mut report)?;
        }
        Ok(report)
    })
}

fn apply(
    ctx: &WriteCtx,
    mut g: Checked,
    same: bool,
    options: &ImportOptions,
    report: &mut ImportReport,
) -> Result<()> {
    let first_row = g.first_row;
    let id = match &g.current {
        Some(t) if same => {
            report.unchanged += 1;
            t.id.clone()
        }
        current => {
            let id = match current {
                Some(t) => {
                    report.updated += 1;
                    t.id.clone()
                }
                None => {
                    report.created += 1;
                    super::edit::create_project_target(ctx, &g.project_id)?.id
                }
            };
            ctx.require_row(
                crate::access::Perm::TargetEdit,
                crate::access::Owned::Target,
                &id,
            )?;
            let before = get_target(ctx, &id)?;
            keep_ids(&before, &mut g.rows);
            ctx.execute(
                "UPDATE perf_target SET overall_goal = ?2, updated_at = ?3 WHERE id = ?1",
                params![id, g.goal.trim(), ctx.now()],
            )?;
            write_indicators(ctx, &before, &g.rows)?;
            let after = get_target(ctx, &id)?;
            ctx.audit(
                "import",
                "perf_target",
                Some(&id),
                &format!(
                    "导入绩效目标申报表：{} {}，{}条三级指标",
                    after.project_code.as_deref().unwrap_or_default(),
                    after.project_name.as_deref().unwrap_or_default(),
                    after.indicators.len()
                ),
                Some(&serde_json::to_value(&before)?),
                Some(&serde_json::to_value(&after)?),
            )?;
            id
        }
    };
    if options.submit {
        super::review::submit_target(ctx, &id)
            .map_err(|e| crate::exchange::in_row(first_row, "项目编码", e))?;
        report.submitted += 1;
    }
    Ok(())
}

/// Rows the file keeps (same 二级指标 and name) keep their ids, so review comments stay attached
/// and only the rows that changed travel to other PCs as changed.
fn keep_ids(before: &Target, rows: &mut [CheckedIndicator]) {
    let mut taken = vec![false; before.indicators.len()];
    for r in rows.iter_mut() {
        let hit = before
            .indicators
            .iter()
            .enumerate()
            .find(|(k, i)| !taken[*k] && i.level2 == r.input.level2 && i.name == r.input.name);
        if let Some((k, i)) = hit {
            taken[k] = true;
            r.input.id = Some(i.id.clone());
        }
    }
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
/// (项目名称 and 审核状态 are for reading only). Rows of submitted or approved targets are
/// read-only under sheet protection. 权重 is a number. Returns the number of indicator rows.
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
    let title = export_title(Some(year), "项目绩效目标申报表");
    write_titled_header(ws, &title, &EXPORT_HEADERS, &EXPORT_WIDTHS).map_err(&err)?;
    let formats = RowFormats::new();
    let mut row = FIRST_DATA_ROW;
    let mut any_locked = false;
    for t in page.rows.iter().filter_map(|r| r.target_id.as_deref()) {
        let t = get_target(c, t)?;
        let locked = !t.status.editable();
        any_locked |= locked;
        for i in &t.indicators {
            let value = display_value(&i.value, i.value_high.as_deref());
            let cells = [
                Cell::Code(t.project_code.as_deref().unwrap_or_default()),
                Cell::Text(t.project_name.as_deref().unwrap_or_default()),
                Cell::Text(t.overall_goal.as_str()),
                Cell::Text(i.level1.label()),
                Cell::Text(i.level2.label()),
                Cell::Text(i.name.as_str()),
                Cell::Text(i.nature.label()),
                Cell::Text(&value),
                Cell::Text(i.unit.as_str()),
                Cell::Score(i.weight_cp),
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
