//! 整改通知书 (domain §8): the problems with their basis, a required-measures table, the deadline,
//! the consequences (预算调减), and 附件 整改情况反馈表. From a key evaluation's findings or a
//! red (红灯) monitoring sheet.

use super::feedback::findings;
use super::{
    attach, cn_number, columns, deadline, feedback_form, heading, letter, para, Composed,
    DocSettings,
};
use crate::monitoring::{get_sheet, Warning};
use crate::{fmt_cp, Error, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Appendix, Block};
use rusqlite::Connection;

const CONSEQUENCE: &str = "逾期未整改或整改不到位的，我局将按规定相应调减或暂停下一年度预算安排，并将整改情况纳入部门绩效考核。";

fn measures_table(rows: &[(String, String)], due: &str) -> Block {
    Block::Table {
        columns: columns(&[
            ("序号", 1, true),
            ("问题", 5, false),
            ("整改措施", 5, false),
            ("完成时限", 2, true),
        ]),
        rows: rows
            .iter()
            .enumerate()
            .map(|(k, (p, m))| vec![(k + 1).to_string(), p.clone(), m.clone(), due.to_string()])
            .collect(),
    }
}

/// A 整改通知书 is a 通知 in the 文件格式 (红头 「…文件」, 文号 centred, red rule) with a full
/// 版记: 抄送, 印发机关 and 印发日期 between the 0.35 / 0.25 mm rules.
fn as_document_format(doc: &mut jixiao_gongwen::Document, s: &DocSettings) {
    doc.format = jixiao_gongwen::Format::Document;
    doc.issuer_mark = format!("{}文件", s.issuer_name.trim());
    doc.record = Some(jixiao_gongwen::Record {
        cc: s.cc.clone(),
        printer: s.printer.clone(),
        print_date: doc.date,
    });
}

fn finish(
    mut doc: jixiao_gongwen::Document,
    intro: String,
    problems: Vec<(String, String, String)>,
    due: String,
) -> jixiao_gongwen::Document {
    let mut body = vec![para(intro), heading(1, "一、存在的问题")];
    for (n, (p, basis, _)) in problems.iter().enumerate() {
        let basis = if basis.is_empty() {
            String::new()
        } else {
            format!("（依据：{basis}）")
        };
        body.push(heading(2, format!("（{}）{p}{basis}", cn_number(n + 1))));
    }
    body.push(heading(1, "二、整改要求"));
    body.push(para("请你单位按下表逐项落实整改："));
    let pm: Vec<(String, String)> = problems
        .iter()
        .map(|(p, _, m)| (p.clone(), m.clone()))
        .collect();
    body.push(measures_table(&pm, &due));
    body.push(heading(1, "三、整改期限"));
    body.push(para(format!(
        "请于{due}前完成整改，并将整改情况反馈表（见附件）连同佐证材料报送我局。"
    )));
    body.push(heading(1, "四、有关要求"));
    body.push(para(CONSEQUENCE));
    doc.body = body;
    doc.appendices = vec![Appendix {
        title: "整改情况反馈表".into(),
        body: vec![feedback_form(&pm, &due)],
    }];
    attach(&mut doc);
    doc
}

pub fn notice_from_key_eval(
    c: &Connection,
    s: &DocSettings,
    id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let (year, object, unit_id, unit_name): (i32, String, Option<String>, String) = c
        .query_row(
            "SELECT k.fiscal_year, k.object_name, COALESCE(k.unit_id, p.unit_id),
                COALESCE(u.name, pu.name, '')
         FROM key_eval k LEFT JOIN org_unit u ON u.id = k.unit_id
         LEFT JOIN project p ON p.id = k.project_id LEFT JOIN org_unit pu ON pu.id = p.unit_id
         WHERE k.id = ?1 AND k.deleted_at IS NULL",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(|_| Error::NotFound("找不到该评价，请刷新后重试".into()))?;
    let found = findings(c, id)?;
    if found.is_empty() {
        return Err(Error::Conflict(format!(
            "「{object}」的评价没有记录问题，无需下达整改通知"
        )));
    }
    let due = deadline(date, s.rectify_days);
    let mut doc = letter(
        s,
        format!("关于{object}绩效评价发现问题整改的通知"),
        &unit_name,
        date,
    );
    as_document_format(&mut doc, s);
    let problems = found
        .into_iter()
        .map(|(cat, p, basis, rec)| {
            (
                format!("{cat}方面：{}", p.trim()),
                basis.trim().to_string(),
                rec.trim().to_string(),
            )
        })
        .collect();
    let intro = format!(
        "我局在{year}年度财政重点绩效评价中，发现你单位{object}存在以下问题。根据预算绩效管理有关规定，现通知如下。"
    );
    Ok(Composed {
        doc: finish(doc, intro, problems, due),
        fiscal_year: year,
        unit_id,
    })
}

pub fn notice_from_monitoring(
    c: &Connection,
    s: &DocSettings,
    task_id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let sheet = get_sheet(c, task_id)?;
    let t = &sheet.task;
    if t.warning != Some(Warning::Red) {
        return Err(Error::Conflict(format!(
            "{} 的监控情况表不是红灯预警，无需下达整改通知",
            t.code
        )));
    }
    let year: i32 = c.query_row(
        "SELECT r.fiscal_year FROM monitor_round r JOIN monitor_task k ON k.round_id = r.id WHERE k.id = ?1",
        [task_id],
        |r| r.get(0),
    )?;
    let due = deadline(date, s.rectify_days.min(30));
    let lag = t.time_progress_bp - t.execution_bp.unwrap_or(0);
    let mut problems = vec![(
        format!(
            "1–{}月预算执行率{}%，落后时间进度{}个百分点，触发红色预警。",
            sheet.cutoff_month,
            fmt_cp(t.execution_bp.unwrap_or(0)),
            fmt_cp(lag)
        ),
        "预算绩效运行监控管理有关规定".to_string(),
        "分析执行滞后原因，加快项目实施和资金支付进度。".to_string(),
    )];
    for i in sheet
        .indicators
        .iter()
        .filter(|i| i.completion_bp.is_some_and(|b| b < 6000))
    {
        problems.push((
            format!(
                "绩效指标「{}」完成率仅{}%。",
                i.name,
                fmt_cp(i.completion_bp.unwrap_or(0))
            ),
            String::new(),
            if i.measures.trim().is_empty() {
                "制定纠偏措施，确保年度目标实现。".into()
            } else {
                i.measures.trim().to_string()
            },
        ));
    }
    let mut doc = letter(
        s,
        format!("关于{}运行监控红色预警整改的通知", t.name),
        &t.unit_name,
        date,
    );
    as_document_format(&mut doc, s);
    let intro = format!(
        "根据{year}年度1–{}月绩效运行监控结果，你单位{}（{}）出现红色预警。现将有关问题和整改要求通知如下。",
        sheet.cutoff_month, t.name, t.code
    );
    Ok(Composed {
        doc: finish(doc, intro, problems, due),
        fiscal_year: year,
        unit_id: Some(t.unit_id.clone()),
    })
}
