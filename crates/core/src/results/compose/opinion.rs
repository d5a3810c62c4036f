//! 《绩效管理意见书》 to a unit after target review and monitoring (findings on 目标 / 监控 /
//! 评价, required corrections, link to next year's budget), the 监控结果反馈书 of one sheet, and
//! the 事前评估意见 of one assessment.

use super::{cn_number, deadline, heading, letter, para, Composed, DocSettings};
use crate::monitoring::{get_sheet, Warning};
use crate::{fmt_cp, Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

pub fn management_opinion(
    c: &Connection,
    s: &DocSettings,
    unit_id: &str,
    year: i32,
    date: NaiveDate,
) -> Result<Composed> {
    let unit: String = c
        .query_row(
            "SELECT name FROM org_unit WHERE id = ?1 AND deleted_at IS NULL",
            [unit_id],
            |r| r.get(0),
        )
        .map_err(|_| Error::NotFound("找不到该单位，请刷新后重试".into()))?;
    let floor = crate::rules::current(c)?.rules.quantification_floor_bp;
    let rate = crate::targets::unit_rates(c, year, floor)?
        .into_iter()
        .find(|u| u.unit_id == unit_id);
    let (comments, resolved): (i64, i64) = c.query_row(
        "SELECT COUNT(*), COALESCE(SUM(m.resolved), 0) FROM target_comment m
         JOIN perf_target t ON t.id = m.target_id
         WHERE t.fiscal_year = ?1 AND t.unit_id = ?2 AND m.deleted_at IS NULL",
        params![year, unit_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut lights = (0, 0, 0);
    for round in crate::monitoring::list_rounds(c, year)?.into_iter().take(1) {
        for t in crate::monitoring::task_rows(c, &round.id)?
            .iter()
            .filter(|t| t.unit_id == unit_id)
        {
            match t.warning {
                Some(Warning::Red) => lights.0 += 1,
                Some(Warning::Yellow) => lights.1 += 1,
                Some(Warning::Green) => lights.2 += 1,
                None => {}
            }
        }
    }
    let (evals, low): (i64, i64) = c.query_row(
        "SELECT COUNT(*), COALESCE(SUM(grade IN ('中','差')), 0) FROM self_eval
         WHERE fiscal_year = ?1 AND unit_id = ?2 AND status = '已提交' AND deleted_at IS NULL",
        params![year, unit_id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut doc = letter(
        s,
        format!("关于{unit}{year}年度预算绩效管理工作的意见书"),
        &unit,
        date,
    );
    let mut body = vec![
        para(format!(
            "根据预算绩效管理有关规定，我局对你单位{year}年度绩效目标编报、运行监控和绩效评价工作进行了审核和分析，现提出如下意见。"
        )),
        heading(1, "一、绩效目标管理"),
    ];
    match &rate {
        Some(r) => body.push(para(format!(
            "你单位编报绩效目标{}个，三级指标{}个，其中量化指标{}个，量化率{}%{}。审核中提出修改意见{comments}条，已整改{resolved}条。",
            r.targets,
            r.indicators_l3,
            r.quantitative_l3,
            fmt_cp(r.rate_bp),
            if r.below_floor { format!("，低于{}%的要求", fmt_cp(floor)) } else { String::new() }
        ))),
        None => body.push(para("你单位本年度未编报绩效目标。")),
    }
    body.push(heading(1, "二、运行监控"));
    body.push(para(format!(
        "最近一次运行监控中，你单位红灯预警{}个、黄灯预警{}个、绿灯{}个。",
        lights.0, lights.1, lights.2
    )));
    body.push(heading(1, "三、绩效评价"));
    body.push(para(format!(
        "你单位已提交绩效自评{evals}个，其中评价等级为“中”或“差”的{low}个。"
    )));
    body.push(heading(1, "四、改进要求"));
    let mut asks = Vec::new();
    if rate.as_ref().is_some_and(|r| r.below_floor) {
        asks.push("细化量化绩效指标，提高绩效目标量化水平。".to_string());
    }
    if lights.0 > 0 {
        asks.push(format!(
            "对{}个红灯预警项目分析原因，加快执行进度，必要时申请调整预算。",
            lights.0
        ));
    }
    if low > 0 {
        asks.push(format!("对{low}个自评结果为“中”“差”的项目制定整改措施。"));
    }
    if asks.is_empty() {
        asks.push("继续保持绩效管理工作质量，做好绩效信息公开。".into());
    }
    for (n, a) in asks.iter().enumerate() {
        body.push(heading(2, format!("（{}）{a}", cn_number(n + 1))));
    }
    body.push(heading(1, "五、结果应用"));
    body.push(para(format!(
        "以上情况将作为{}年度预算安排的重要依据。请于{}前将落实情况报送我局。",
        year + 1,
        deadline(date, s.rectify_days)
    )));
    doc.body = body;
    Ok(Composed {
        doc,
        fiscal_year: year,
        unit_id: Some(unit_id.to_string()),
    })
}

pub fn monitoring_feedback(
    c: &Connection,
    s: &DocSettings,
    task_id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let sheet = get_sheet(c, task_id)?;
    let t = &sheet.task;
    let year: i32 = c.query_row(
        "SELECT r.fiscal_year FROM monitor_round r JOIN monitor_task k ON k.round_id = r.id WHERE k.id = ?1",
        [task_id],
        |r| r.get(0),
    )?;
    let Some(light) = t.warning else {
        return Err(Error::Conflict(format!(
            "{} 的监控情况表尚未填报，无法反馈",
            t.code
        )));
    };
    let mut doc = letter(
        s,
        format!("关于{}绩效运行监控结果的反馈书", t.name),
        &t.unit_name,
        date,
    );
    let mut body = vec![
        para(format!(
            "根据{year}年度1–{}月绩效运行监控安排，我局对你单位{}（{}）的预算执行和绩效目标实现情况进行了监控分析，现反馈如下。",
            sheet.cutoff_month, t.name, t.code
        )),
        heading(1, "一、监控结果"),
        para(format!(
            "截至{}月底，项目全年预算{}万元，已执行{}万元，预算执行率{}%，时间进度{}%；绩效目标完成率{}%，偏差度{}个百分点；预警等级为{}。",
            sheet.cutoff_month,
            t.budget.wan_2dp(),
            t.executed.map(|e| e.wan_2dp()).unwrap_or_default(),
            fmt_cp(t.execution_bp.unwrap_or(0)),
            fmt_cp(t.time_progress_bp),
            fmt_cp(t.completion_bp.unwrap_or(0)),
            fmt_cp(t.deviation_bp.unwrap_or(0)),
            light.label()
        )),
        heading(1, "二、意见和要求"),
    ];
    body.push(para(match light {
        Warning::Red => {
            "项目执行严重滞后，请分析原因、制定纠偏措施，我局将视情况采取调减预算、收回资金等措施。"
        }
        Warning::Yellow => "项目执行有所滞后，请加快实施进度，确保年度绩效目标实现。",
        Warning::Green => "项目执行正常，请继续做好绩效运行管理。",
    }));
    doc.body = body;
    Ok(Composed {
        doc,
        fiscal_year: year,
        unit_id: Some(t.unit_id.clone()),
    })
}

pub fn exante_opinion(
    c: &Connection,
    s: &DocSettings,
    project_id: &str,
    date: NaiveDate,
) -> Result<Composed> {
    let a = crate::exante::get_assessment(c, project_id)?
        .ok_or_else(|| Error::Conflict("该项目还没有事前绩效评估结果".into()))?;
    let (year, code, name, unit_id, unit): (i32, String, String, String, String) = c.query_row(
        "SELECT p.fiscal_year, p.code, p.name, p.unit_id, u.name FROM project p
         JOIN org_unit u ON u.id = p.unit_id WHERE p.id = ?1",
        [project_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let mut doc = letter(s, format!("关于{name}事前绩效评估的意见"), &unit, date);
    doc.body = vec![
        para(format!(
            "根据预算绩效管理有关规定，我局对你单位申报的{name}（{code}）开展了事前绩效评估，现将评估意见反馈如下。"
        )),
        heading(1, "一、评估结论"),
        para(format!(
            "该项目评估得分{}分，评估结论为“{}”。项目申报金额{}万元，审定金额{}万元，审减{}万元，审减率{}%。",
            fmt_cp(a.total_cp),
            a.conclusion.label(),
            a.declared_fen.wan_2dp(),
            a.approved_fen.wan_2dp(),
            a.reduction_fen.wan_2dp(),
            fmt_cp(a.reduction_rate_bp)
        )),
        heading(1, "二、评估意见"),
        para(if a.opinion.trim().is_empty() { "无其他意见。".to_string() } else { a.opinion.trim().to_string() }),
    ];
    Ok(Composed {
        doc,
        fiscal_year: year,
        unit_id: Some(unit_id),
    })
}
