//! The 成本定额标准表 as a printed GB/T 9704 函 (through jixiao-gongwen, like the other printed
//! tables): the current standard of every field of the year, one ruled table (序号, 成本领域,
//! 成本动因, 计量单位, 标准单位成本, 版本, 确定依据, 采用时间). Not a registered 公文: no 文号, and
//! nothing is stored — printing again after a new adoption shows the new version.

use super::{fields, math::yuan, standards, CostStandard};
use crate::results::compose::{self, columns, para};
use crate::results::documents::layout_error;
use crate::{Error, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Block, Document, FontSet, Format};
use rusqlite::Connection;

/// The current standard (highest version) of every field and 成本动因 of `year`.
pub fn current_standards(c: &Connection, year: i32) -> Result<Vec<CostStandard>> {
    let mut out = Vec::new();
    for f in fields(c)? {
        let mut seen = std::collections::HashSet::new();
        for s in standards(c, year, &f.name)? {
            if seen.insert(s.driver.clone()) {
                out.push(s);
            }
        }
    }
    Ok(out)
}

/// The model of the table of `year`, dated `date`.
pub fn compose_standards(
    s: &compose::DocSettings,
    year: i32,
    list: &[CostStandard],
    date: NaiveDate,
) -> Document {
    let rows = list
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                (i + 1).to_string(),
                s.field.clone(),
                s.driver.clone(),
                s.measure_unit.clone(),
                yuan(s.unit_cost_fen),
                format!("第{}版", s.version),
                s.basis.clone(),
                s.adopted_at.chars().take(10).collect(),
            ]
        })
        .collect();
    Document {
        format: Format::Letter,
        issuer_mark: s.issuer_name.clone(),
        doc_number: None,
        signer: None,
        title: format!("{year}年度成本定额标准表"),
        addressees: vec!["县直各部门".into(), "各乡镇人民政府（街道办事处）".into()],
        body: vec![
            para(format!(
                "根据{year}年度成本预算绩效分析结果，现将各领域成本定额标准列示如下。编制下一年度预算时，项目申请数超过“标准单位成本×数量”的部分，将作为建议压减额。"
            )),
            Block::Table {
                columns: columns(&[
                    ("序号", 2, true),
                    ("成本领域", 4, true),
                    ("成本动因", 5, true),
                    ("计量单位", 4, true),
                    ("标准单位成本（元）", 5, true),
                    ("版本", 3, true),
                    ("确定依据", 4, true),
                    ("采用日期", 5, true),
                ]),
                rows,
            },
        ],
        attachments: Vec::new(),
        signature: s.issuer_name.clone(),
        date,
        note: None,
        record: None,
        appendices: Vec::new(),
    }
}

/// The PDF of the year's standards table; refused while no standard is adopted.
pub fn standards_pdf(
    c: &Connection,
    year: i32,
    fonts: &FontSet,
    date: NaiveDate,
) -> Result<Vec<u8>> {
    let list = current_standards(c, year)?;
    if list.is_empty() {
        return Err(Error::Conflict(format!(
            "{year}年度还没有采用任何成本定额标准：请先在成本分析中采用标准，再打印标准表"
        )));
    }
    let settings = compose::get_settings(c)?;
    let doc = compose_standards(&settings, year, &list, date);
    jixiao_gongwen::render(&doc, fonts).map_err(layout_error)
}
