//! Items from their sources, each call one audited action that skips problems already in the
//! ledger (so running it twice adds nothing): every finding of a 定稿 重点评价, every 红灯
//! 监控情况表 of a round (submitted or approved — a sheet still being filled may change), every
//! reviewed 抽查复核 form whose gap is over the rule set's line. Key evaluations are read from
//! their tables (`key_eval`, `key_eval_finding`), not through `evaluation::key`.

use super::{
    has_item, insert_item, parse_deadline, RectInput, SOURCE_FINDING, SOURCE_MONITOR, SOURCE_SPOT,
};
use crate::access::Perm;
use crate::db::WriteCtx;
use crate::monitoring::{
    get_round, get_sheet, task_rows, Possibility, SheetIndicator, TaskRow, TaskStatus, Warning,
};
use crate::{fmt_cp, Error, Result};
use rusqlite::{Connection, OptionalExtension};

/// Basis quoted on items from monitoring and spot checks (key-evaluation findings carry their
/// own).
const MONITOR_BASIS: &str = "《预算绩效运行监控管理暂行办法》：发现绩效运行与预期绩效目标发生偏离时，应及时采取措施予以纠正";
const MONITOR_MEASURE: &str =
    "分析执行偏慢和指标滞后的原因，加快项目实施和资金支付进度，确保完成年度绩效目标";
const SPOT_BASIS: &str = "《项目支出绩效评价管理办法》（财预〔2020〕10号）：单位自评应如实反映绩效目标完成情况，财政部门对自评结果进行抽查复核";
const SPOT_MEASURE: &str = "核实自评数据和佐证材料，按复核意见修正自评结果，完善单位自评工作机制";

/// One audit row for the items one action created from source `kind` `id` (none: nothing
/// changed, nothing logged).
fn audit_batch(
    ctx: &WriteCtx,
    kind: &str,
    id: &str,
    summary: &str,
    created: &[String],
) -> Result<()> {
    if created.is_empty() {
        return Ok(());
    }
    ctx.audit(
        "create",
        "rectification",
        None,
        summary,
        None,
        Some(&serde_json::json!({ "source": kind, "source_id": id, "rectification_ids": created })),
    )
}

/// One item per finding of a 定稿 key evaluation (problem, basis, measure from the finding's
/// problem, basis, recommendation; unit = the evaluation's, else its project's). Returns how
/// many were created.
pub fn rectifications_from_key_eval(
    ctx: &WriteCtx,
    key_eval_id: &str,
    deadline: &str,
) -> Result<u32> {
    ctx.require(Perm::RectManage)?;
    let deadline = parse_deadline(deadline)?;
    let (year, status, name, unit): (i32, String, String, Option<String>) = ctx
        .query_row(
            "SELECT k.fiscal_year, k.status, k.object_name, COALESCE(k.unit_id, p.unit_id)
             FROM key_eval k LEFT JOIN project p ON p.id = k.project_id
             WHERE k.id = ?1 AND k.deleted_at IS NULL",
            [key_eval_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?
        .ok_or_else(|| Error::NotFound("找不到该重点评价，可能已被删除，请刷新后重试".into()))?;
    if status != "定稿" {
        return Err(Error::Conflict(format!(
            "重点评价『{name}』当前为『{status}』，定稿后才能生成整改事项"
        )));
    }
    let unit = unit.ok_or_else(|| {
        Error::Conflict(format!(
            "重点评价『{name}』没有被评价单位，无法确定整改责任单位，请先补充被评价单位"
        ))
    })?;
    let mut st = ctx.prepare(
        "SELECT id, problem, basis, recommendation FROM key_eval_finding
         WHERE key_eval_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let findings = st
        .query_map([key_eval_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut created = Vec::new();
    for (id, problem, basis, recommendation) in findings {
        if has_item(ctx, SOURCE_FINDING, &id)? {
            continue;
        }
        let input = RectInput {
            source_kind: SOURCE_FINDING.into(),
            source_id: Some(id.clone()),
            unit_id: unit.clone(),
            problem,
            basis,
            measure: recommendation,
            responsible_person: String::new(),
            deadline: deadline.clone(),
            fiscal_year: year,
        };
        created.push(insert_item(ctx, &input, &id)?);
    }
    audit_batch(
        ctx,
        "key_eval",
        key_eval_id,
        &format!("由重点评价『{name}』生成整改事项 {} 条", created.len()),
        &created,
    )?;
    Ok(created.len() as u32)
}

/// The problem text of a red sheet: its figures, then the lagging indicators.
pub fn monitoring_problem(t: &TaskRow, indicators: &[SheetIndicator]) -> String {
    let mut text = String::from("运行监控红色预警：");
    match t.execution_bp {
        Some(e) if t.time_progress_bp > e => text.push_str(&format!(
            "执行率 {}%，落后时间进度 {} 个百分点",
            fmt_cp(e),
            fmt_cp(t.time_progress_bp - e)
        )),
        Some(e) => text.push_str(&format!(
            "执行率 {}%，时间进度 {}%",
            fmt_cp(e),
            fmt_cp(t.time_progress_bp)
        )),
        None => text.push_str("未填报执行数"),
    }
    let lagging: Vec<String> = indicators
        .iter()
        .filter(|i| {
            matches!(
                i.possibility,
                Some(Possibility::Possible | Possibility::Impossible)
            ) || i.completion_bp.is_some_and(|c| c < t.time_progress_bp)
        })
        .map(|i| {
            let mut parts = Vec::new();
            if let Some(c) = i.completion_bp {
                parts.push(format!("完成率 {}%", fmt_cp(c)));
            }
            if let Some(p) = i.possibility.filter(|p| *p != Possibility::Certain) {
                parts.push(format!("全年{}完成", p.label()));
            }
            if parts.is_empty() {
                i.name.clone()
            } else {
                format!("{}（{}）", i.name, parts.join("，"))
            }
        })
        .collect();
    if !lagging.is_empty() {
        text.push_str(&format!("；滞后指标：{}", lagging.join("、")));
    }
    text
}

pub(super) fn red_sheets(c: &Connection, round_id: &str) -> Result<Vec<TaskRow>> {
    Ok(task_rows(c, round_id)?
        .into_iter()
        .filter(|t| {
            t.warning == Some(Warning::Red)
                && matches!(t.status, TaskStatus::Submitted | TaskStatus::Approved)
        })
        .collect())
}

/// One item per 红灯 sheet (submitted or approved) of a monitoring round; the measure is the
/// unit's own 纠偏措施 when it wrote any.
pub fn rectifications_from_monitoring(
    ctx: &WriteCtx,
    round_id: &str,
    deadline: &str,
) -> Result<u32> {
    ctx.require(Perm::RectManage)?;
    let deadline = parse_deadline(deadline)?;
    let round = get_round(ctx, round_id)?;
    let mut created = Vec::new();
    for t in red_sheets(ctx, round_id)? {
        if has_item(ctx, SOURCE_MONITOR, &t.id)? {
            continue;
        }
        let sheet = get_sheet(ctx, &t.id)?;
        let mut measures: Vec<&str> = sheet
            .indicators
            .iter()
            .map(|i| i.measures.trim())
            .filter(|m| !m.is_empty())
            .collect();
        measures.dedup();
        let input = RectInput {
            source_kind: SOURCE_MONITOR.into(),
            source_id: Some(t.id.clone()),
            unit_id: t.unit_id.clone(),
            problem: monitoring_problem(&t, &sheet.indicators),
            basis: MONITOR_BASIS.into(),
            measure: if measures.is_empty() {
                MONITOR_MEASURE.into()
            } else {
                measures.join("；")
            },
            responsible_person: String::new(),
            deadline: deadline.clone(),
            fiscal_year: round.fiscal_year,
        };
        created.push(insert_item(ctx, &input, &t.id)?);
    }
    audit_batch(
        ctx,
        "monitor_round",
        round_id,
        &format!(
            "由{}年度1–{}月{}红灯预警生成整改事项 {} 条",
            round.fiscal_year,
            round.cutoff_month,
            round.kind.label(),
            created.len()
        ),
        &created,
    )?;
    Ok(created.len() as u32)
}

/// One item per reviewed form of a spot-check draw whose review differs from the self score by
/// more than the rule set's line.
pub fn rectifications_from_spot_check(
    ctx: &WriteCtx,
    draw_id: &str,
    deadline: &str,
) -> Result<u32> {
    ctx.require(Perm::RectManage)?;
    let deadline = parse_deadline(deadline)?;
    let draw = crate::evaluation::spot::get_draw(ctx, draw_id)?;
    let mut created = Vec::new();
    for row in draw
        .rows
        .iter()
        .filter(|r| r.flagged && r.review_total_cp.is_some())
    {
        if has_item(ctx, SOURCE_SPOT, &row.id)? {
            continue;
        }
        let unit_id: String = ctx.query_row(
            "SELECT unit_id FROM self_eval WHERE id = ?1",
            [&row.self_eval_id],
            |r| r.get(0),
        )?;
        let review = row.review_total_cp.unwrap_or_default();
        let mut problem = format!(
            "抽查复核发现自评结果与复核结果差异较大：自评 {} 分（{}），复核 {} 分（{}），相差 {} 分，超过 {} 分的偏差线",
            fmt_cp(row.self_total_cp),
            row.self_grade.label(),
            fmt_cp(review),
            row.review_grade.map_or("—", |g| g.label()),
            fmt_cp((review - row.self_total_cp).abs()),
            fmt_cp(draw.gap_line_cp)
        );
        if !row.review_note.trim().is_empty() {
            problem.push_str(&format!("。复核意见：{}", row.review_note.trim()));
        }
        let input = RectInput {
            source_kind: SOURCE_SPOT.into(),
            source_id: Some(row.id.clone()),
            unit_id,
            problem,
            basis: SPOT_BASIS.into(),
            measure: SPOT_MEASURE.into(),
            responsible_person: String::new(),
            deadline: deadline.clone(),
            fiscal_year: draw.fiscal_year,
        };
        created.push(insert_item(ctx, &input, &row.id)?);
    }
    audit_batch(
        ctx,
        "spot_check_draw",
        draw_id,
        &format!(
            "由{}年度抽查复核生成整改事项 {} 条",
            draw.fiscal_year,
            created.len()
        ),
        &created,
    )?;
    Ok(created.len() as u32)
}

crate::text_enum! {
    /// Where the 生成整改事项 dialog generates from.
    pub enum RectSourceType {
        KeyEval = "重点评价",
        Monitoring = "运行监控",
        SpotCheck = "抽查复核",
    }
}

/// Generates from a key evaluation, a monitoring round or a spot-check draw `id`.
pub fn rectifications_from(
    ctx: &WriteCtx,
    source: RectSourceType,
    id: &str,
    deadline: &str,
) -> Result<u32> {
    ctx.require(Perm::RectManage)?;
    match source {
        RectSourceType::KeyEval => rectifications_from_key_eval(ctx, id, deadline),
        RectSourceType::Monitoring => rectifications_from_monitoring(ctx, id, deadline),
        RectSourceType::SpotCheck => rectifications_from_spot_check(ctx, id, deadline),
    }
}
