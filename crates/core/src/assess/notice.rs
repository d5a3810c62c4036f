//! The 考核结果通报: one GB/T 9704 文件 per year covering both the 部门 and the 乡镇 tables,
//! issued once both are 定稿 — the next 文号 of its 代字 from the register, rendered by
//! jixiao-gongwen and stored with the 部门 sheet, so a reprint gives the same bytes.

use super::{run, AssessKind, AssessTable, FINAL};
use crate::access::Perm;
use crate::db::WriteCtx;
use crate::results::compose::{self, attach, cn_number, columns, heading, para};
use crate::results::documents::layout_error;
use crate::results::register;
use crate::{fmt_cp, Error, Result};
use chrono::{Datelike, NaiveDate};
use jixiao_gongwen::{Appendix, Block, DocNumber, Document, FontSet, Format, Record};
use rusqlite::{params, OptionalExtension};

/// The 文种 key of the 代字 in 文书设置 (default: 「X财绩发」).
pub const DOC_KIND: &str = "考核结果通报";

fn result_table(t: &AssessTable) -> Block {
    Block::Table {
        columns: columns(&[
            ("名次", 1, true),
            ("单位", 5, false),
            ("得分", 2, true),
            ("等级", 2, true),
        ]),
        rows: t
            .rows
            .iter()
            .map(|r| {
                vec![
                    r.rank.to_string(),
                    r.unit_name.clone(),
                    fmt_cp(r.total_cp),
                    r.grade.clone(),
                ]
            })
            .collect(),
    }
}

fn grade_counts(t: &AssessTable) -> String {
    let mut names: Vec<String> = Vec::new();
    for r in &t.rows {
        if !names.contains(&r.grade) {
            names.push(r.grade.clone());
        }
    }
    names
        .iter()
        .map(|g| format!("{g}{}个", t.rows.iter().filter(|r| &r.grade == g).count()))
        .collect::<Vec<_>>()
        .join("、")
}

/// The model of the 通报 of `year` from its two finalised tables.
pub fn compose_notice(
    s: &compose::DocSettings,
    year: i32,
    tables: &[AssessTable],
    date: NaiveDate,
) -> Document {
    let mut body = vec![para(format!(
        "为推动全面实施预算绩效管理，根据县委、县政府关于将预算绩效管理工作纳入综合考核的要求，我局对县直各部门和各乡镇（街道）{year}年度预算绩效管理工作进行了考核。现将考核结果通报如下。"
    ))];
    body.push(heading(1, "一、考核基本情况"));
    body.push(para(
        "本次考核围绕绩效目标编报、运行监控、绩效自评、整改落实、结果应用与公开等环节，依据系统记录的业务数据计分，并结合加分、扣分事项综合评定。",
    ));
    for (n, t) in (1..).zip(tables.iter().filter(|t| !t.rows.is_empty())) {
        let who = match t.kind {
            AssessKind::Department => "县直部门",
            AssessKind::Township => "乡镇（街道）",
        };
        let best = t
            .rows
            .iter()
            .filter(|r| r.rank == 1)
            .map(|r| r.unit_name.as_str())
            .collect::<Vec<_>>()
            .join("、");
        body.push(heading(2, format!("（{}）{who}", cn_number(n))));
        body.push(para(format!(
            "参加考核的{who}共{}个，其中{}。{best}得分最高。",
            t.rows.len(),
            grade_counts(t)
        )));
    }
    body.push(heading(1, "二、考核结果"));
    for (n, t) in (1..).zip(tables.iter().filter(|t| !t.rows.is_empty())) {
        let who = match t.kind {
            AssessKind::Department => "县直部门",
            AssessKind::Township => "乡镇（街道）",
        };
        body.push(heading(2, format!("（{}）{who}考核结果", cn_number(n))));
        body.push(result_table(t));
    }
    body.push(heading(1, "三、有关要求"));
    body.push(para(
        "考核结果将纳入全县综合考核，并作为下一年度预算安排的重要参考。考核等级为优秀的单位要总结经验、保持优势；得分较低的单位要对照扣分事项逐项分析原因，认真整改，切实提高预算绩效管理水平。",
    ));
    let rules: Vec<Vec<String>> = tables
        .first()
        .map(|t| {
            t.items
                .iter()
                .map(|i| {
                    vec![
                        i.group.clone(),
                        i.name.clone(),
                        fmt_cp(i.points_cp),
                        i.method.formula().to_string(),
                    ]
                })
                .collect()
        })
        .unwrap_or_default();
    let mut doc = Document {
        format: Format::Document,
        issuer_mark: format!("{}文件", s.issuer_name),
        doc_number: None,
        signer: None,
        title: format!("关于{year}年度预算绩效管理工作考核结果的通报"),
        addressees: vec!["各乡镇人民政府（街道办事处）".into(), "县直各部门".into()],
        body,
        attachments: Vec::new(),
        signature: s.issuer_name.clone(),
        date,
        note: None,
        record: Some(Record {
            cc: s.cc.clone(),
            printer: s.printer.clone(),
            print_date: date,
        }),
        appendices: vec![Appendix {
            title: format!("{year}年度绩效管理工作考核评分细则（县直部门）"),
            body: vec![Block::Table {
                columns: columns(&[
                    ("类别", 2, false),
                    ("考核内容", 3, false),
                    ("分值", 1, true),
                    ("计分方法", 6, false),
                ]),
                rows: rules,
            }],
        }],
    };
    attach(&mut doc);
    doc
}

/// The 部门 sheet's stored 通报: (sheet id, PDF, 代字, 年份, 序号).
type StoredNotice = (
    String,
    Option<Vec<u8>>,
    Option<String>,
    Option<i32>,
    Option<i64>,
);

/// 打印考核结果通报: issues it (文号, PDF stored) the first time, returns the stored PDF after.
pub fn issue_notice(ctx: &WriteCtx, year: i32, fonts: &FontSet) -> Result<(String, Vec<u8>)> {
    ctx.require(Perm::Assess)?;
    let stored: Option<StoredNotice> = ctx
        .query_row(
            "SELECT id, notice_pdf, org_code, doc_year, doc_seq FROM assess_sheet
             WHERE fiscal_year = ?1 AND kind = '部门' AND status = ?2 AND deleted_at IS NULL",
            params![year, FINAL],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let today = ctx.clock.today();
    let tables = [
        run(ctx, year, AssessKind::Department, today)?,
        run(ctx, year, AssessKind::Township, today)?,
    ];
    let (sheet_id, pdf, code, y, seq) = match stored {
        Some(s) if tables.iter().all(|t| t.status == FINAL) => s,
        _ => {
            return Err(Error::Conflict(format!(
                "{year}年度考核还没有定稿：请先在“年度考核”中核对手工评分并定稿，再印发考核结果通报"
            )))
        }
    };
    if let (Some(pdf), Some(code), Some(y), Some(seq)) = (pdf, code, y, seq) {
        return Ok((register::format_number(&code, y, seq), pdf));
    }
    let settings = compose::get_settings(ctx)?;
    let code = match settings.codes.get(DOC_KIND) {
        Some(c) if !c.trim().is_empty() => c.trim().to_string(),
        _ => {
            let first: String = settings.issuer_name.chars().take(1).collect();
            format!("{first}财绩发")
        }
    };
    let mut doc = compose_notice(&settings, year, &tables, today);
    let doc_year = today.year();
    let seq = register::assign_to(ctx, &code, doc_year, None, &doc.title)?;
    doc.doc_number = Some(DocNumber {
        code: code.clone(),
        year: doc_year,
        seq: seq as u32,
    });
    let pdf = jixiao_gongwen::render(&doc, fonts).map_err(layout_error)?;
    ctx.execute(
        "UPDATE assess_sheet SET org_code = ?2, doc_year = ?3, doc_seq = ?4, notice_pdf = ?5,
            updated_at = ?6 WHERE id = ?1",
        params![sheet_id, code, doc_year, seq, pdf, ctx.now()],
    )?;
    let number = register::format_number(&code, doc_year, seq);
    ctx.audit(
        "issue",
        "assess_sheet",
        Some(&sheet_id),
        &format!("印发考核结果通报 {number}：{}", doc.title),
        None,
        None,
    )?;
    Ok((number, pdf))
}
