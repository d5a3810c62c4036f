//! 《绩效评价结果反馈意见函》 (domain §8): 评价依据和组织方式, 评价结论 (score, grade, 一级
//! sub-scores), 主要绩效, numbered 主要问题 with their basis, 整改要求 with the deadline, 结果应用;
//! 附件 评分表 and 整改情况反馈表. From a key evaluation (定稿) or a reviewed spot check.

use super::{
    attach, cn_number, columns, deadline, feedback_form, heading, letter, para, Composed,
    DocSettings,
};
use crate::{fmt_cp, Error, Fen, Result};
use chrono::NaiveDate;
use jixiao_gongwen::{Appendix, Block};
use rusqlite::{params, Connection, OptionalExtension};

struct KeyEval {
    year: i32,
    kind: String,
    object: String,
    unit_id: Option<String>,
    unit_name: String,
    amount: i64,
    method: String,
    agency: Option<String>,
    status: String,
    summary: String,
    total_cp: Option<i64>,
    grade: Option<String>,
}

fn key_eval(c: &Connection, id: &str) -> Result<KeyEval> {
    c.query_row(
        "SELECT k.fiscal_year, k.kind, k.object_name,
                COALESCE(k.unit_id, p.unit_id), COALESCE(u.name, pu.name, ''), k.amount_fen,
                k.method, (SELECT a.name FROM engagement g JOIN org_unit a ON a.id = g.agency_id
                           WHERE g.key_eval_id = k.id AND g.deleted_at IS NULL),
                k.status, k.summary, k.total_cp, k.grade
         FROM key_eval k LEFT JOIN org_unit u ON u.id = k.unit_id
         LEFT JOIN project p ON p.id = k.project_id LEFT JOIN org_unit pu ON pu.id = p.unit_id
         WHERE k.id = ?1 AND k.deleted_at IS NULL",
        [id],
        |r| {
            Ok(KeyEval {
                year: r.get(0)?,
                kind: r.get(1)?,
                object: r.get(2)?,
                unit_id: r.get(3)?,
                unit_name: r.get(4)?,
                amount: r.get(5)?,
                method: r.get(6)?,
                agency: r.get(7)?,
                status: r.get(8)?,
                summary: r.get(9)?,
                total_cp: r.get(10)?,
                grade: r.get(11)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("找不到该评价，请刷新后重试".into()))
}

/// (category, problem, basis, recommendation) of a key evaluation, in order.
pub(crate) fn findings(
    c: &Connection,
    key_eval_id: &str,
) -> Result<Vec<(String, String, String, String)>> {
    let mut st = c.prepare(
        "SELECT category, problem, basis, recommendation FROM key_eval_finding
         WHERE key_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = st
        .query_map([key_eval_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The score sheet as an appendix table with a 合计 row, and the 一级 sub-scores sentence.
fn score_sheet(c: &Connection, id: &str) -> Result<(Block, String)> {
    let mut st = c.prepare(
        "SELECT level1, level2, level3, weight_cp, score_cp FROM key_eval_item
         WHERE key_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let items: Vec<(String, String, String, i64, Option<i64>)> = st
        .query_map([id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut levels: Vec<(String, i64, i64)> = Vec::new();
    for (l1, _, _, w, s) in &items {
        match levels.iter_mut().find(|(l, _, _)| l == l1) {
            Some(e) => {
                e.1 += w;
                e.2 += s.unwrap_or(0);
            }
            None => levels.push((l1.clone(), *w, s.unwrap_or(0))),
        }
    }
    let parts: Vec<String> = levels
        .iter()
        .map(|(l, w, s)| format!("{l}指标得分{}分（满分{}分）", fmt_cp(*s), fmt_cp(*w)))
        .collect();
    let mut rows: Vec<Vec<String>> = items
        .iter()
        .map(|(l1, l2, l3, w, s)| {
            vec![
                l1.clone(),
                l2.clone(),
                l3.clone(),
                fmt_cp(*w),
                s.map(fmt_cp).unwrap_or_default(),
            ]
        })
        .collect();
    let (tw, ts) = levels
        .iter()
        .fold((0, 0), |(a, b), (_, w, s)| (a + w, b + s));
    rows.push(vec![
        "合计".into(),
        String::new(),
        String::new(),
        fmt_cp(tw),
        fmt_cp(ts),
    ]);
    let table = Block::Table {
        columns: columns(&[
            ("一级指标", 2, true),
            ("二级指标", 3, false),
            ("三级指标", 4, false),
            ("分值", 1, true),
            ("得分", 1, true),
        ]),
        rows,
    };
    Ok((table, parts.join("，")))
}

pub fn feedback_from_key_eval(
    c: &Connection,
    s: &DocSettings,
    id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let k = key_eval(c, id)?;
    let (Some(total), Some(grade)) = (k.total_cp, k.grade.as_deref()) else {
        return Err(Error::Conflict(format!(
            "「{}」的评价为『{}』，定稿后才能出具反馈意见函",
            k.object, k.status
        )));
    };
    let what = match k.kind.as_str() {
        "部门整体" => "部门整体支出",
        "政策" => "政策",
        "乡镇" => "乡镇财政运行",
        _ => "项目支出",
    };
    let how = match &k.agency {
        Some(a) => format!("委托{a}"),
        None => "组织评价工作组".into(),
    };
    let due = deadline(date, s.rectify_days);
    let (sheet, parts) = score_sheet(c, id)?;
    let found = findings(c, id)?;
    let mut doc = letter(
        s,
        format!("关于反馈{}绩效评价结果的函", k.object),
        &k.unit_name,
        date,
    );
    let mut body = vec![
        para(format!(
            "根据预算绩效管理有关规定和{}年度财政重点绩效评价工作安排，我局{how}，采取{}方式，对你单位{}（涉及资金{}万元）开展了{what}绩效评价。现将评价结果反馈如下。",
            k.year,
            if k.method == "第三方机构评价" { "第三方机构评价" } else { "财政评价" },
            k.object,
            Fen(k.amount).wan_2dp()
        )),
        heading(1, "一、评价结论"),
        para(format!(
            "经综合评价，{}绩效评价得分为{}分，评价等级为“{grade}”。其中，{parts}。",
            k.object,
            fmt_cp(total)
        )),
        heading(1, "二、主要绩效"),
        para(if k.summary.trim().is_empty() { "（评价报告未填写主要绩效。）".to_string() } else { k.summary.trim().to_string() }),
        heading(1, "三、存在的主要问题"),
    ];
    if found.is_empty() {
        body.push(para("评价中未发现需要整改的问题。"));
    }
    for (n, (cat, problem, basis, _)) in found.iter().enumerate() {
        let basis = if basis.trim().is_empty() {
            String::new()
        } else {
            format!("（依据：{}）", basis.trim())
        };
        body.push(heading(
            2,
            format!(
                "（{}）{cat}方面。{}{basis}",
                cn_number(n + 1),
                problem.trim()
            ),
        ));
    }
    body.push(heading(1, "四、整改要求"));
    body.push(para(format!(
        "请你单位对照上述问题，认真研究制定整改措施，明确责任科室和责任人，于{due}前将整改情况（填写附件2）连同佐证材料报送我局。"
    )));
    for (n, (_, _, _, rec)) in found.iter().filter(|f| !f.3.trim().is_empty()).enumerate() {
        body.push(heading(3, format!("{}.{}", n + 1, rec.trim())));
    }
    body.push(heading(1, "五、结果应用"));
    let use_text = match grade {
        "优" => "评价结果为“优”，下一年度预算安排将予以优先保障",
        "良" => "评价结果为“良”，下一年度预算将据实安排",
        "中" => "评价结果为“中”，下一年度预算将视整改情况适当压减",
        _ => "评价结果为“差”，下一年度预算将视情况暂停或取消",
    };
    body.push(para(format!(
        "{use_text}。评价结果及整改情况将按规定向社会公开，并作为以后年度预算安排和政策调整的重要依据。"
    )));
    doc.body = body;
    let problems: Vec<(String, String)> = found
        .iter()
        .map(|(_, p, _, r)| (p.trim().to_string(), r.trim().to_string()))
        .collect();
    doc.appendices = vec![
        Appendix {
            title: format!("{}绩效评价评分表", k.object),
            body: vec![sheet],
        },
        Appendix {
            title: "整改情况反馈表".into(),
            body: vec![feedback_form(&problems, &due)],
        },
    ];
    attach(&mut doc);
    Ok(Composed {
        doc,
        fiscal_year: k.year,
        unit_id: k.unit_id,
    })
}

pub fn feedback_from_spot_check(
    c: &Connection,
    s: &DocSettings,
    spot_id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let d = crate::evaluation::spot::get_spot_check(c, spot_id)?;
    let (Some(review), Some(grade)) = (d.row.review_total_cp, d.row.review_grade) else {
        return Err(Error::Conflict(format!(
            "「{}」尚未完成复核，复核后才能出具反馈意见函",
            d.row.name
        )));
    };
    let year: i32 = c.query_row(
        "SELECT fiscal_year FROM self_eval WHERE id = ?1",
        params![d.form.row.id],
        |r| r.get(0),
    )?;
    let due = deadline(date, s.rectify_days);
    let mut doc = letter(
        s,
        format!("关于反馈{}绩效自评抽查复核结果的函", d.row.name),
        &d.row.unit_name,
        date,
    );
    let mut body = vec![
        para(format!(
            "根据预算绩效管理有关规定，我局对{year}年度单位绩效自评结果开展了抽查复核，你单位{}（{}）被抽中。现将复核结果反馈如下。",
            d.row.name, d.row.code
        )),
        heading(1, "一、复核结论"),
        para(format!(
            "你单位自评得分{}分，经复核，该项目得分为{}分，评价等级为“{}”，与自评得分相差{}分。",
            fmt_cp(d.row.self_total_cp),
            fmt_cp(review),
            grade.label(),
            fmt_cp((review - d.row.self_total_cp).abs())
        )),
        heading(1, "二、复核发现的问题"),
    ];
    let mut problems = Vec::new();
    for i in &d.form.items {
        let Some(r) = d.review_items.iter().find(|r| r.item_id == i.id) else {
            continue;
        };
        if Some(r.score_cp) < i.score_cp {
            let text = format!(
                "「{}」自评得分{}分，复核得分{}分。{}",
                i.name,
                fmt_cp(i.score_cp.unwrap_or(0)),
                fmt_cp(r.score_cp),
                r.note.trim()
            );
            body.push(heading(
                2,
                format!("（{}）{text}", cn_number(problems.len() + 1)),
            ));
            problems.push((text, String::new()));
        }
    }
    if problems.is_empty() {
        body.push(para(if d.row.review_note.trim().is_empty() {
            "复核未发现自评结果失实的问题。".to_string()
        } else {
            d.row.review_note.trim().to_string()
        }));
    }
    body.push(heading(1, "三、整改要求"));
    body.push(para(format!(
        "请你单位进一步提高绩效自评质量，如实反映绩效目标完成情况，于{due}前将整改情况（填写附件）报送我局。复核结果将作为下一年度预算安排的参考依据。"
    )));
    doc.body = body;
    doc.appendices = vec![Appendix {
        title: "整改情况反馈表".into(),
        body: vec![feedback_form(&problems, &due)],
    }];
    attach(&mut doc);
    Ok(Composed {
        doc,
        fiscal_year: year,
        unit_id: Some(d.form.row.unit_id.clone()),
    })
}
