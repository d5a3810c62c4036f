//! 人大报送 attachments of a 年度: 重点项目绩效目标表 (the year's projects at or above a chosen
//! 调整后预算数, each with its approved 三级指标) and 绩效评价结果表 (the 重点评价 and the submitted
//! 单位自评 with score and grade), as one .xlsx (a sheet each) or as a GB/T 9704 PDF whose two
//! 附件 are those tables.
//!
//! Amounts are 分 until written (万元 two decimals); a grade of a 重点评价 shows only once it is
//! 定稿 (before that its status).

use super::overview::{county_name, UnitMap};
use crate::evaluation::self_eval::APPROVED_TARGETS;
use crate::exchange::{save, write_titled_header, write_wan, xlsx_error, WAN_FORMAT};
use crate::money::Fen;
use crate::rate::rate_bp;
use crate::{Error, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Appendix, Block, Document, Format as DocFormat};
use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook};
use serde::Serialize;
use std::collections::HashMap;
use std::path::Path;
use ts_rs::TS;

/// The default line of a 重点项目: 500 万元.
pub const DEFAULT_MIN_FEN: i64 = 500 * 1_000_000;

/// One approved 三级指标.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpcIndicator {
    pub level1: String,
    pub level2: String,
    pub name: String,
    /// "≥100公里", "85-95%", or the text of a 定性 indicator.
    pub value: String,
}

/// One 重点项目.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpcProject {
    pub code: String,
    pub name: String,
    /// 主管部门 / 乡镇 and the unit itself.
    pub department: String,
    pub unit_name: String,
    pub budget_type: String,
    pub budget_fen: i64,
    /// 总体目标 of the approved target ("" without one).
    pub overall_goal: String,
    /// Whether the target is approved (二下); without it the indicators are empty.
    pub approved: bool,
    pub indicators: Vec<NpcIndicator>,
}

/// One evaluation result: a 重点评价 or a submitted 单位自评.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpcResult {
    /// 重点评价 / 单位自评.
    pub source: String,
    /// 项目 / 部门整体 / 政策 / 乡镇.
    pub kind: String,
    pub object_name: String,
    pub unit_name: String,
    pub budget_fen: i64,
    /// 自评's 全年执行数 and 执行率 (bp); None for a 重点评价.
    pub executed_fen: Option<i64>,
    pub execution_bp: Option<i64>,
    /// 评价方式 of a 重点评价 (财政评价 / 第三方机构评价), "" for a 自评.
    pub method: String,
    /// 总分, centi-points; None while a 重点评价 is not 定稿.
    pub total_cp: Option<i64>,
    /// 优 / 良 / 中 / 差, or the 重点评价's status while not 定稿.
    pub grade: String,
}

/// Both tables of `year`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct NpcTables {
    pub year: i32,
    pub county: String,
    /// The line: projects with 调整后预算数 ≥ this, 分.
    pub min_fen: i64,
    pub projects: Vec<NpcProject>,
    /// 重点评价 first (by kind and amount), then 自评 (by unit and project).
    pub results: Vec<NpcResult>,
    /// Σ budget of the listed projects, 分.
    pub projects_budget_fen: i64,
}

fn indicator_value(nature: &str, value: &str, high: Option<&str>, unit: &str) -> String {
    let v = crate::indicator::display_value(value, high);
    match nature {
        "定性" => v,
        "区间" | "=" => format!("{v}{unit}"),
        n => format!("{n}{v}{unit}"),
    }
}

/// The tables of `year` with the line at `min_fen` (negative refused).
pub fn npc_tables(c: &Connection, year: i32, min_fen: i64) -> Result<NpcTables> {
    if min_fen < 0 {
        return Err(Error::invalid("金额下限", "不能为负数"));
    }
    let units = UnitMap::load(c)?;
    let mut st = c.prepare(&format!(
        "SELECT p.id, p.code, p.name, p.unit_id, u.name, p.budget_type, p.adjusted_budget_fen,
                t.id, t.overall_goal
         FROM project p JOIN org_unit u ON u.id = p.unit_id
         LEFT JOIN perf_target t ON t.project_id = p.id AND t.kind = '项目' AND {APPROVED_TARGETS}
         WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL AND p.adjusted_budget_fen >= ?2
         ORDER BY p.adjusted_budget_fen DESC, p.code"
    ))?;
    type Row = (
        String,
        String,
        String,
        String,
        String,
        String,
        i64,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = st
        .query_map(rusqlite::params![year, min_fen], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
                r.get(8)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // The approved targets' indicators in one pass.
    let mut ind: HashMap<String, Vec<NpcIndicator>> = HashMap::new();
    let mut st = c.prepare(&format!(
        "SELECT i.target_id, i.level1, i.level2, i.name, i.nature, i.value, i.value_high, i.unit
         FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
         JOIN project p ON p.id = t.project_id
         WHERE t.kind = '项目' AND {APPROVED_TARGETS} AND i.deleted_at IS NULL
           AND p.adjusted_budget_fen >= ?2
         ORDER BY i.target_id, i.seq"
    ))?;
    let mut q = st.query(rusqlite::params![year, min_fen])?;
    while let Some(r) = q.next()? {
        let nature: String = r.get(4)?;
        let value: String = r.get(5)?;
        let high: Option<String> = r.get(6)?;
        let unit: String = r.get(7)?;
        ind.entry(r.get(0)?).or_default().push(NpcIndicator {
            level1: r.get(1)?,
            level2: r.get(2)?,
            name: r.get(3)?,
            value: indicator_value(&nature, &value, high.as_deref(), &unit),
        });
    }
    let projects: Vec<NpcProject> = rows
        .into_iter()
        .map(
            |(_, code, name, unit_id, unit_name, bt, fen, target, goal)| NpcProject {
                code,
                name,
                department: units.top_name(&unit_id),
                unit_name,
                budget_type: bt,
                budget_fen: fen,
                overall_goal: goal.unwrap_or_default(),
                approved: target.is_some(),
                indicators: target.and_then(|t| ind.remove(&t)).unwrap_or_default(),
            },
        )
        .collect();

    let mut results = Vec::new();
    let mut st = c.prepare(
        "SELECT e.kind, e.object_name, COALESCE(e.unit_id, p.unit_id), e.amount_fen, e.method,
                e.status, e.total_cp, e.grade
         FROM key_eval e LEFT JOIN project p ON p.id = e.project_id
         WHERE e.fiscal_year = ?1 AND e.deleted_at IS NULL
         ORDER BY CASE e.kind WHEN '项目' THEN 0 WHEN '部门整体' THEN 1 WHEN '政策' THEN 2 ELSE 3 END,
                  e.amount_fen DESC, e.object_name",
    )?;
    let mut q = st.query([year])?;
    while let Some(r) = q.next()? {
        let unit: Option<String> = r.get(2)?;
        let status: String = r.get(5)?;
        let fin = status == "定稿";
        results.push(NpcResult {
            source: "重点评价".into(),
            kind: r.get(0)?,
            object_name: r.get(1)?,
            unit_name: unit.map(|u| units.name(&u)).unwrap_or_default(),
            budget_fen: r.get(3)?,
            executed_fen: None,
            execution_bp: None,
            method: r.get(4)?,
            total_cp: if fin { r.get(6)? } else { None },
            grade: if fin {
                r.get::<_, Option<String>>(7)?.unwrap_or_default()
            } else {
                format!("{status}（未定稿）")
            },
        });
    }
    let mut st = c.prepare(
        "SELECT s.kind, COALESCE(p.name, '部门整体支出'), u.name, s.budget_fen, s.executed_fen,
                s.total_cp, s.grade
         FROM self_eval s JOIN org_unit u ON u.id = s.unit_id
         LEFT JOIN project p ON p.id = s.project_id
         WHERE s.fiscal_year = ?1 AND s.status = '已提交' AND s.deleted_at IS NULL
         ORDER BY u.code, s.kind DESC, p.code",
    )?;
    let mut q = st.query([year])?;
    while let Some(r) = q.next()? {
        let budget: i64 = r.get(3)?;
        let executed: Option<i64> = r.get(4)?;
        results.push(NpcResult {
            source: "单位自评".into(),
            kind: r.get(0)?,
            object_name: r.get(1)?,
            unit_name: r.get(2)?,
            budget_fen: budget,
            executed_fen: executed,
            execution_bp: executed.and_then(|e| rate_bp(e, budget)),
            method: String::new(),
            total_cp: r.get(5)?,
            grade: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
        });
    }
    Ok(NpcTables {
        year,
        county: county_name(c)?,
        min_fen,
        projects_budget_fen: projects.iter().map(|p| p.budget_fen).sum(),
        projects,
        results,
    })
}

fn score(cp: Option<i64>) -> String {
    cp.map(|v| format!("{}.{:02}", v / 100, v % 100))
        .unwrap_or_default()
}

fn pct(bp: Option<i64>) -> String {
    bp.map(super::annual::pct).unwrap_or_default()
}

pub const PROJECT_HEADERS: [&str; 11] = [
    "序号",
    "项目编码",
    "项目名称",
    "主管部门",
    "实施单位",
    "预算类型",
    "预算金额（万元）",
    "总体目标",
    "一级指标",
    "二级指标",
    "三级指标及指标值",
];

pub const RESULT_HEADERS: [&str; 11] = [
    "序号",
    "评价类型",
    "评价对象类别",
    "评价对象",
    "单位",
    "金额（万元）",
    "执行数（万元）",
    "执行率",
    "评价方式",
    "得分",
    "等级",
];

pub fn project_sheet_title(t: &NpcTables) -> String {
    format!(
        "{}{}年度重点项目绩效目标表（预算{}万元以上）",
        t.county,
        t.year,
        Fen(t.min_fen).wan_2dp()
    )
}

pub fn result_sheet_title(t: &NpcTables) -> String {
    format!("{}{}年度绩效评价结果表", t.county, t.year)
}

/// The .xlsx: sheet 重点项目绩效目标表 (one row per indicator, the project's cells merged down)
/// and sheet 绩效评价结果表.
pub fn npc_xlsx(t: &NpcTables, path: &Path) -> Result<()> {
    let err = xlsx_error(path);
    let mut book = Workbook::new();
    let wan = Format::new().set_num_format(WAN_FORMAT);
    let wrap = Format::new()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Top);
    let wan_top = wan.clone().set_align(rust_xlsxwriter::FormatAlign::Top);
    {
        let ws = book.add_worksheet();
        ws.set_name("重点项目绩效目标表").map_err(&err)?;
        write_titled_header(
            ws,
            &project_sheet_title(t),
            &PROJECT_HEADERS,
            &[
                6.0, 14.0, 28.0, 16.0, 16.0, 14.0, 14.0, 36.0, 10.0, 12.0, 34.0,
            ],
        )
        .map_err(&err)?;
        let mut row = 2u32;
        for (n, p) in t.projects.iter().enumerate() {
            let lines = p.indicators.len().max(1) as u32;
            let last = row + lines - 1;
            let cells: [String; 6] = [
                (n + 1).to_string(),
                p.code.clone(),
                p.name.clone(),
                p.department.clone(),
                p.unit_name.clone(),
                p.budget_type.clone(),
            ];
            for (col, v) in cells.iter().enumerate() {
                if lines > 1 {
                    ws.merge_range(row, col as u16, last, col as u16, v, &wrap)
                        .map_err(&err)?;
                } else {
                    ws.write_string_with_format(row, col as u16, v, &wrap)
                        .map_err(&err)?;
                }
            }
            if lines > 1 {
                ws.merge_range(row, 6, last, 6, "", &wan_top)
                    .map_err(&err)?;
            }
            write_wan(ws, row, 6, Fen(p.budget_fen), &wan_top).map_err(&err)?;
            let goal = if p.approved {
                p.overall_goal.clone()
            } else {
                "（绩效目标未批复）".to_string()
            };
            if lines > 1 {
                ws.merge_range(row, 7, last, 7, &goal, &wrap)
                    .map_err(&err)?;
            } else {
                ws.write_string_with_format(row, 7, &goal, &wrap)
                    .map_err(&err)?;
            }
            for (k, i) in p.indicators.iter().enumerate() {
                let r = row + k as u32;
                ws.write_string(r, 8, &i.level1).map_err(&err)?;
                ws.write_string(r, 9, &i.level2).map_err(&err)?;
                ws.write_string_with_format(r, 10, format!("{}：{}", i.name, i.value), &wrap)
                    .map_err(&err)?;
            }
            row = last + 1;
        }
        ws.write_string(
            row,
            0,
            format!(
                "合计：{}个项目，预算金额{}万元",
                t.projects.len(),
                Fen(t.projects_budget_fen).wan_2dp()
            ),
        )
        .map_err(&err)?;
    }
    {
        let ws = book.add_worksheet();
        ws.set_name("绩效评价结果表").map_err(&err)?;
        write_titled_header(
            ws,
            &result_sheet_title(t),
            &RESULT_HEADERS,
            &[
                6.0, 10.0, 12.0, 30.0, 18.0, 14.0, 14.0, 10.0, 14.0, 8.0, 14.0,
            ],
        )
        .map_err(&err)?;
        let score_fmt = Format::new().set_num_format("0.00");
        for (n, r) in t.results.iter().enumerate() {
            let row = 2 + n as u32;
            ws.write_number(row, 0, (n + 1) as f64).map_err(&err)?;
            ws.write_string(row, 1, &r.source).map_err(&err)?;
            ws.write_string(row, 2, &r.kind).map_err(&err)?;
            ws.write_string_with_format(row, 3, &r.object_name, &wrap)
                .map_err(&err)?;
            ws.write_string(row, 4, &r.unit_name).map_err(&err)?;
            write_wan(ws, row, 5, Fen(r.budget_fen), &wan).map_err(&err)?;
            if let Some(e) = r.executed_fen {
                write_wan(ws, row, 6, Fen(e), &wan).map_err(&err)?;
            }
            ws.write_string(row, 7, pct(r.execution_bp)).map_err(&err)?;
            ws.write_string(row, 8, &r.method).map_err(&err)?;
            if let Some(s) = r.total_cp {
                ws.write_number_with_format(row, 9, s as f64 / 100.0, &score_fmt)
                    .map_err(&err)?;
            }
            ws.write_string(row, 10, &r.grade).map_err(&err)?;
        }
    }
    save(&mut book, path)
}

/// The PDF: a 文件格式 cover page naming the two 附件, each 附件 a ruled table.
pub fn npc_document(t: &NpcTables, issuer: &str, date: NaiveDate) -> Document {
    use crate::results::compose::columns;
    let mut prow = Vec::new();
    for (n, p) in t.projects.iter().enumerate() {
        let head = format!(
            "{}（{}，{}）",
            p.name,
            p.unit_name,
            p.budget_type.trim_end_matches("预算")
        );
        let amount = Fen(p.budget_fen).wan_2dp();
        if p.indicators.is_empty() {
            prow.push(vec![
                (n + 1).to_string(),
                head.clone(),
                amount.clone(),
                String::new(),
                if p.approved {
                    String::new()
                } else {
                    "绩效目标未批复".into()
                },
            ]);
        }
        for (k, i) in p.indicators.iter().enumerate() {
            let first = k == 0;
            prow.push(vec![
                if first {
                    (n + 1).to_string()
                } else {
                    String::new()
                },
                if first { head.clone() } else { String::new() },
                if first { amount.clone() } else { String::new() },
                i.level2.clone(),
                format!("{}：{}", i.name, i.value),
            ]);
        }
    }
    let rrow: Vec<Vec<String>> = t
        .results
        .iter()
        .enumerate()
        .map(|(n, r)| {
            vec![
                (n + 1).to_string(),
                format!("{}·{}", r.source, r.kind),
                format!("{}（{}）", r.object_name, r.unit_name),
                Fen(r.budget_fen).wan_2dp(),
                pct(r.execution_bp),
                score(r.total_cp),
                r.grade.clone(),
            ]
        })
        .collect();
    let keys = t.results.iter().filter(|r| r.source == "重点评价").count();
    let selfs = t.results.len() - keys;
    let body = vec![Block::Paragraph(format!(
        "现将{}{}年度预算金额{}万元以上的重点项目绩效目标（{}个项目，预算金额{}万元）及绩效评价结果（重点评价{}个、单位自评{}个）报送如下。",
        t.county,
        t.year,
        Fen(t.min_fen).wan_2dp(),
        t.projects.len(),
        Fen(t.projects_budget_fen).wan_2dp(),
        keys,
        selfs
    ))];
    let appendices = vec![
        Appendix {
            title: project_sheet_title(t),
            body: vec![Block::Table {
                columns: columns(&[
                    ("序号", 1, true),
                    ("项目名称", 5, false),
                    ("金额（万元）", 3, true),
                    ("二级指标", 3, false),
                    ("三级指标及指标值", 6, false),
                ]),
                rows: prow,
            }],
        },
        Appendix {
            title: result_sheet_title(t),
            body: vec![Block::Table {
                columns: columns(&[
                    ("序号", 1, true),
                    ("类型", 3, false),
                    ("评价对象", 6, false),
                    ("金额（万元）", 3, true),
                    ("执行率", 2, true),
                    ("得分", 2, true),
                    ("等级", 2, true),
                ]),
                rows: rrow,
            }],
        },
    ];
    Document {
        format: DocFormat::Document,
        issuer_mark: format!("{issuer}文件"),
        doc_number: None,
        signer: None,
        title: format!(
            "{}{}年度重点项目绩效目标及绩效评价结果报送材料",
            t.county, t.year
        ),
        addressees: Vec::new(),
        body,
        attachments: appendices.iter().map(|a| a.title.clone()).collect(),
        signature: issuer.to_string(),
        date,
        note: None,
        record: None,
        appendices,
    }
}

/// Writes the tables of `year` (line `min_fen`) to `out`: .xlsx or .pdf by its extension.
pub fn write_npc_report(
    c: &Connection,
    year: i32,
    min_fen: i64,
    today: NaiveDate,
    out: &Path,
) -> Result<NpcTables> {
    crate::db::guard::check_destination(out)?;
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if ext != "xlsx" && ext != "pdf" {
        return Err(Error::invalid(
            "文件名",
            format!("『{}』应以 .xlsx 或 .pdf 结尾", out.display()),
        ));
    }
    let t = npc_tables(c, year, min_fen)?;
    if ext == "xlsx" {
        npc_xlsx(&t, out)?;
    } else {
        let issuer = crate::results::compose::get_settings(c)?.issuer_name;
        let fonts = crate::results::documents::fonts_for(c)?;
        let doc = npc_document(&t, issuer.trim(), today);
        let bytes = jixiao_gongwen::render(&doc, &fonts)
            .map_err(crate::results::documents::layout_error)?;
        std::fs::write(out, bytes)
            .map_err(|e| Error::File(format!("无法写入 {}：{e}", out.display())))?;
    }
    Ok(t)
}
