//! 年度总览 导出: one .xlsx with a sheet per stage. Each sheet has the stage's figures (全县, 上年
//! and the four 预算类型 side by side) and below them the per-unit table (one row per 主管部门 /
//! 乡镇, one column per figure). Counts are numbers, amounts numbers of 万元 (0.00), rates text
//! as the screens show them ("73.17%"); a figure that exists only for the whole county is blank
//! in the parts.

use super::figures::*;
use super::overview::YearOverview;
use crate::exchange::{save, write_titled_header, write_wan, xlsx_error, WAN_FORMAT};
use crate::money::Fen;
use crate::Result;
use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// One figure's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Val {
    Count(i64),
    /// 分, written as 万元.
    Fen(i64),
    /// Basis points, written as "12.34%".
    Rate(i64),
    /// A county-only figure in a part.
    Blank,
}

fn opt(v: Option<i64>) -> Val {
    v.map(Val::Count).unwrap_or(Val::Blank)
}
fn opt_rate(v: Option<i64>) -> Val {
    v.map(Val::Rate).unwrap_or(Val::Blank)
}

/// A figure: its label and how to read it from the stage's struct.
pub type Def<T> = (&'static str, fn(&T) -> Val);

pub fn exante_defs() -> Vec<Def<ExanteFigures>> {
    vec![
        ("评估项目（个）", |f| Val::Count(f.assessed)),
        ("予以支持（个）", |f| Val::Count(f.support)),
        ("调整完善后予以支持（个）", |f| {
            Val::Count(f.support_after_revision)
        }),
        ("不予支持（个）", |f| Val::Count(f.not_support)),
        ("第三方评估（个）", |f| Val::Count(f.by_third_party)),
        ("申报金额（万元）", |f| Val::Fen(f.declared_fen)),
        ("审定金额（万元）", |f| Val::Fen(f.approved_fen)),
        ("审减额（万元）", |f| Val::Fen(f.reduction_fen)),
        ("审减率", |f| Val::Rate(f.reduction_rate_bp)),
    ]
}

pub fn target_defs() -> Vec<Def<TargetFigures>> {
    vec![
        ("预算项目（个）", |f| Val::Count(f.projects)),
        ("项目预算（万元）", |f| {
            Val::Fen(f.projects_budget_fen)
        }),
        ("目标已批复项目（个）", |f| {
            Val::Count(f.projects_approved)
        }),
        ("批复项目资金（万元）", |f| {
            Val::Fen(f.projects_approved_budget_fen)
        }),
        ("项目覆盖率", |f| Val::Rate(f.project_coverage_bp)),
        ("单位（个）", |f| opt(f.units)),
        ("部门整体已批复（个）", |f| opt(f.units_approved)),
        ("部门整体覆盖率", |f| opt_rate(f.unit_coverage_bp)),
        ("三级指标（个）", |f| Val::Count(f.indicators)),
        ("定量指标（个）", |f| {
            Val::Count(f.quantitative_indicators)
        }),
        ("量化率", |f| Val::Rate(f.quantification_rate_bp)),
        ("量化率低于下限的单位（个）", |f| {
            opt(f.units_below_floor)
        }),
        ("审核核减（万元）", |f| {
            Val::Fen(f.review_reduction_fen)
        }),
    ]
}

pub fn monitoring_defs() -> Vec<Def<MonitoringFigures>> {
    vec![
        ("监控轮次", |f| opt(f.rounds)),
        ("监控项目（个）", |f| {
            Val::Count(f.projects_monitored)
        }),
        ("监控情况表（份）", |f| Val::Count(f.sheets)),
        ("全年预算数（万元）", |f| Val::Fen(f.budget_fen)),
        ("执行数（万元）", |f| Val::Fen(f.executed_fen)),
        ("预算执行率", |f| Val::Rate(f.execution_rate_bp)),
        ("目标完成率", |f| Val::Rate(f.completion_rate_bp)),
        ("偏差度", |f| Val::Rate(f.deviation_bp)),
        ("红色预警（个）", |f| Val::Count(f.red)),
        ("黄色预警（个）", |f| Val::Count(f.yellow)),
        ("绿色（个）", |f| Val::Count(f.green)),
        ("财政处理（个）", |f| {
            Val::Count(f.actions.total.count)
        }),
        ("财政处理金额（万元）", |f| {
            Val::Fen(f.actions.total.amount_fen)
        }),
        ("调减预算（万元）", |f| {
            Val::Fen(f.actions.cut_budget.amount_fen)
        }),
        ("收回资金（万元）", |f| {
            Val::Fen(f.actions.recovered.amount_fen)
        }),
    ]
}

pub fn evaluation_defs() -> Vec<Def<EvaluationFigures>> {
    vec![
        ("应自评（个）", |f| Val::Count(f.self_required)),
        ("已提交自评（个）", |f| Val::Count(f.self_submitted)),
        ("自评覆盖率", |f| Val::Rate(f.self_coverage_bp)),
        ("自评单位（个）", |f| opt(f.self_units_required)),
        ("自评优（个）", |f| {
            Val::Count(f.self_grades.excellent)
        }),
        ("自评良（个）", |f| Val::Count(f.self_grades.good)),
        ("自评中（个）", |f| Val::Count(f.self_grades.fair)),
        ("自评差（个）", |f| Val::Count(f.self_grades.poor)),
        ("自评执行率", |f| Val::Rate(f.self_execution_bp)),
        ("自评完成率", |f| Val::Rate(f.self_completion_bp)),
        ("抽查基数（个）", |f| opt(f.spot_base)),
        ("抽查（个）", |f| opt(f.spot_drawn)),
        ("抽查比例", |f| opt_rate(f.spot_share_bp)),
        ("重点评价（个）", |f| Val::Count(f.key_count)),
        ("重点评价金额（万元）", |f| {
            Val::Fen(f.key_amount_fen)
        }),
        ("重点评价优（个）", |f| {
            Val::Count(f.key_grades.excellent)
        }),
        ("重点评价良（个）", |f| {
            Val::Count(f.key_grades.good)
        }),
        ("重点评价中（个）", |f| {
            Val::Count(f.key_grades.fair)
        }),
        ("重点评价差（个）", |f| {
            Val::Count(f.key_grades.poor)
        }),
        ("发现问题（个）", |f| Val::Count(f.key_findings)),
        ("委托第三方（次）", |f| {
            Val::Count(f.third_party_engagements)
        }),
        ("第三方费用（万元）", |f| {
            Val::Fen(f.third_party_fee_fen)
        }),
    ]
}

pub fn result_defs() -> Vec<Def<ResultFigures>> {
    vec![
        ("印发文书（份）", |f| Val::Count(f.documents.issued)),
        ("反馈意见函（份）", |f| {
            Val::Count(f.documents.feedback_letter)
        }),
        ("整改通知书（份）", |f| {
            Val::Count(f.documents.rectification_notice)
        }),
        ("整改未销号（项）", |f| Val::Count(f.rect_open)),
        ("整改逾期（项）", |f| Val::Count(f.rect_overdue)),
        ("已销号（项）", |f| Val::Count(f.rect_closed)),
        ("优先保障（个）", |f| Val::Count(f.linkage.priority)),
        ("压减（个）", |f| Val::Count(f.linkage.cut)),
        ("挂钩压减（万元）", |f| Val::Fen(f.linkage_cut_fen)),
        ("暂停 / 取消（个）", |f| {
            Val::Count(f.linkage.paused + f.linkage.cancelled)
        }),
        ("已公开（份）", |f| opt(f.disclosed)),
        ("未公开（份）", |f| opt(f.not_disclosed)),
    ]
}

struct Fmt {
    wan: Format,
    right: Format,
}

fn put(ws: &mut Worksheet, row: u32, col: u16, v: Val, f: &Fmt) -> Result<(), XlsxError> {
    match v {
        Val::Count(n) => {
            ws.write_number(row, col, n as f64)?;
        }
        Val::Fen(fen) => write_wan(ws, row, col, Fen(fen), &f.wan)?,
        Val::Rate(bp) => {
            ws.write_string_with_format(row, col, super::annual::pct(bp), &f.right)?;
        }
        Val::Blank => {}
    }
    Ok(())
}

/// The stage's sheet: figures × (全县, 上年, four budgets), then the per-unit table.
fn stage_sheet<T: ts_rs::TS>(
    book: &mut Workbook,
    name: &str,
    year: i32,
    county: &str,
    s: &Split<T>,
    defs: &[Def<T>],
    path: &Path,
) -> Result<()> {
    let err = xlsx_error(path);
    let f = Fmt {
        wan: Format::new().set_num_format(WAN_FORMAT),
        right: Format::new().set_align(rust_xlsxwriter::FormatAlign::Right),
    };
    let bold = Format::new().set_bold().set_background_color("#DDEBF7");
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(&err)?;
    let mut headers = vec!["指标", "全县"];
    let prev = format!("上年（{}年）", year - 1);
    headers.push(&prev);
    let budget_names: Vec<&str> = s
        .by_budget_type
        .iter()
        .map(|p| p.budget_type.label())
        .collect();
    headers.extend(budget_names.iter().copied());
    let title = format!("{county}{year}年度总览 · {name}");
    write_titled_header(
        ws,
        &title,
        &headers,
        &[28.0, 14.0, 16.0, 16.0, 16.0, 18.0, 14.0],
    )
    .map_err(&err)?;
    for (i, (label, get)) in defs.iter().enumerate() {
        let row = 2 + i as u32;
        ws.write_string(row, 0, *label).map_err(&err)?;
        put(ws, row, 1, get(&s.total), &f).map_err(&err)?;
        put(ws, row, 2, get(&s.previous_year), &f).map_err(&err)?;
        for (k, p) in s.by_budget_type.iter().enumerate() {
            put(ws, row, 3 + k as u16, get(&p.figures), &f).map_err(&err)?;
        }
    }
    // The per-unit table, two rows below.
    let top = 2 + defs.len() as u32 + 1;
    ws.write_string_with_format(top, 0, "按主管部门 / 乡镇", &Format::new().set_bold())
        .map_err(&err)?;
    let head = top + 1;
    ws.write_string_with_format(head, 0, "单位", &bold)
        .map_err(&err)?;
    ws.write_string_with_format(head, 1, "类型", &bold)
        .map_err(&err)?;
    for (k, (label, _)) in defs.iter().enumerate() {
        ws.write_string_with_format(head, 2 + k as u16, *label, &bold)
            .map_err(&err)?;
    }
    for (i, u) in s.by_unit.iter().enumerate() {
        let row = head + 1 + i as u32;
        ws.write_string(row, 0, &u.unit_name).map_err(&err)?;
        ws.write_string(row, 1, &u.unit_kind).map_err(&err)?;
        for (k, (_, get)) in defs.iter().enumerate() {
            put(ws, row, 2 + k as u16, get(&u.figures), &f).map_err(&err)?;
        }
    }
    Ok(())
}

/// Sheet names in order: one per stage.
pub const STAGE_SHEETS: [&str; 5] = ["事前评估", "绩效目标", "运行监控", "绩效评价", "结果应用"];

/// Writes 年度总览 `o` to `path` (.xlsx).
pub fn write_overview_xlsx(o: &YearOverview, path: &Path) -> Result<()> {
    if !path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        return Err(crate::Error::invalid(
            "文件名",
            format!("『{}』应以 .xlsx 结尾", path.display()),
        ));
    }
    let mut book = Workbook::new();
    let (y, c) = (o.year, o.county.as_str());
    let [a, b, m, e, r] = STAGE_SHEETS;
    stage_sheet(&mut book, a, y, c, &o.exante, &exante_defs(), path)?;
    stage_sheet(&mut book, b, y, c, &o.targets, &target_defs(), path)?;
    stage_sheet(&mut book, m, y, c, &o.monitoring, &monitoring_defs(), path)?;
    stage_sheet(&mut book, e, y, c, &o.evaluation, &evaluation_defs(), path)?;
    stage_sheet(&mut book, r, y, c, &o.results, &result_defs(), path)?;
    save(&mut book, path)
}

/// 年度总览 of `year` as of `today`, written to `path`.
pub fn export_overview(
    c: &rusqlite::Connection,
    year: i32,
    today: chrono::NaiveDate,
    path: &Path,
) -> Result<YearOverview> {
    crate::db::guard::check_destination(path)?;
    let o = super::overview::year_overview(c, year, today)?;
    write_overview_xlsx(&o, path)?;
    Ok(o)
}
