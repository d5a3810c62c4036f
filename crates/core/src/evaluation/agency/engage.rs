//! Engagements of a 第三方机构 for a 第三方机构评价 (fee in 分, 利益冲突声明), refused when the
//! agency is related to the evaluated unit or flagged for exclusion; their status
//! (已签约 → 已交付 → 已验收) and the 执业质量评价 (five parts → 优秀 / 合格 / 不合格).

use super::model::*;
use super::registry::{conflicting_relation, get_agency, registered};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::evaluation::{EngagementStatus, KeyMethod, KeyStatus, QualityGrade};
use crate::money::Fen;
use crate::{fmt_cp, rules, Error, FieldProblem, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const SELECT: &str = "SELECT e.id, e.key_eval_id, k.fiscal_year, k.kind, k.object_name,
        e.agency_id, u.name, e.fee_fen, e.contract_date, e.conflict_declaration, e.status,
        r.id, r.plan_cp, r.papers_cp, r.report_cp, r.timeliness_cp, r.integrity_cp, r.total_cp,
        r.grade, r.reward_penalty, r.reviewed_by, r.reviewed_at
    FROM engagement e JOIN key_eval k ON k.id = e.key_eval_id
    JOIN org_unit u ON u.id = e.agency_id
    LEFT JOIN engagement_review r ON r.engagement_id = e.id AND r.deleted_at IS NULL
    WHERE e.deleted_at IS NULL AND k.deleted_at IS NULL";

fn from_row(r: &Row) -> rusqlite::Result<EngagementView> {
    let review_id: Option<String> = r.get(11)?;
    let review = match review_id {
        Some(id) => Some(EngagementReview {
            id,
            engagement_id: r.get(0)?,
            plan_cp: r.get(12)?,
            papers_cp: r.get(13)?,
            report_cp: r.get(14)?,
            timeliness_cp: r.get(15)?,
            integrity_cp: r.get(16)?,
            total_cp: r.get(17)?,
            grade: r.get(18)?,
            reward_penalty: r.get(19)?,
            reviewed_by: r.get(20)?,
            reviewed_at: r.get(21)?,
        }),
        None => None,
    };
    Ok(EngagementView {
        id: r.get(0)?,
        key_eval_id: r.get(1)?,
        fiscal_year: r.get(2)?,
        kind: r.get(3)?,
        object_name: r.get(4)?,
        agency_id: r.get(5)?,
        agency_name: r.get(6)?,
        fee_fen: Fen(r.get(7)?),
        contract_date: r.get(8)?,
        conflict_declaration: r.get(9)?,
        status: r.get(10)?,
        review,
    })
}

fn not_found() -> Error {
    Error::NotFound("找不到该委托，可能已被删除，请刷新后重试".into())
}

pub fn get_engagement(c: &Connection, id: &str) -> Result<EngagementView> {
    c.query_row(&format!("{SELECT} AND e.id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(not_found)
}

/// The engagement of a key evaluation, if any.
pub fn engagement_of(c: &Connection, key_eval_id: &str) -> Result<Option<EngagementView>> {
    Ok(c.query_row(
        &format!("{SELECT} AND e.key_eval_id = ?1"),
        [key_eval_id],
        from_row,
    )
    .optional()?)
}

/// Engagements, latest contract first; of one agency when `agency_id` is given.
pub fn list_engagements(c: &Connection, agency_id: Option<&str>) -> Result<Vec<EngagementView>> {
    let mut stmt = c.prepare(&format!(
        "{SELECT} AND (?1 IS NULL OR e.agency_id = ?1)
         ORDER BY e.contract_date DESC, k.object_name"
    ))?;
    let rows = stmt
        .query_map([agency_id], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Live engagements for the key evaluations of `year`.
pub fn agency_engagement_count(c: &Connection, year: i32) -> Result<i64> {
    Ok(c.query_row(
        "SELECT COUNT(*) FROM engagement e JOIN key_eval k ON k.id = e.key_eval_id
         WHERE e.deleted_at IS NULL AND k.deleted_at IS NULL AND k.fiscal_year = ?1",
        [year],
        |r| r.get(0),
    )?)
}

/// What an engagement needs to know of its evaluation.
struct EvalFacts {
    object_name: String,
    unit_id: Option<String>,
    method: KeyMethod,
    status: KeyStatus,
}

fn eval_facts(c: &Connection, key_eval_id: &str) -> Result<EvalFacts> {
    c.query_row(
        "SELECT object_name, unit_id, method, status FROM key_eval
         WHERE id = ?1 AND deleted_at IS NULL",
        [key_eval_id],
        |r| {
            Ok(EvalFacts {
                object_name: r.get(0)?,
                unit_id: r.get(1)?,
                method: r.get(2)?,
                status: r.get(3)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::NotFound("找不到该重点评价，可能已被删除，请刷新后重试".into()))
}

/// Engages an agency for a 第三方机构评价. Refused when the evaluation is done by the bureau or
/// already has an agency, when the agency is related to the evaluated unit (or a unit above
/// it) or flagged for exclusion, or without a conflict-of-interest declaration.
pub fn engage_agency(ctx: &WriteCtx, input: &EngagementInput) -> Result<EngagementView> {
    ctx.require(Perm::Agency)?;
    let eval = eval_facts(ctx, &input.key_eval_id)?;
    if eval.method != KeyMethod::ThirdParty {
        return Err(Error::invalid(
            "评价方式",
            format!(
                "『{}』为财政评价，只有『第三方机构评价』才能委托第三方机构；如需委托请先把评价方式改为第三方机构评价",
                eval.object_name
            ),
        ));
    }
    if eval.status == KeyStatus::Final {
        return Err(Error::Conflict(format!(
            "『{}』已定稿，不能再委托第三方机构",
            eval.object_name
        )));
    }
    if let Some(e) = engagement_of(ctx, &input.key_eval_id)? {
        return Err(Error::Conflict(format!(
            "『{}』已委托『{}』，如需更换请先撤销原委托",
            eval.object_name, e.agency_name
        )));
    }
    let agency = registered(ctx, &input.agency_id)?;
    if agency.flagged_for_exclusion {
        let n = rules::current(ctx)?
            .rules
            .evaluation
            .agency_review
            .exclude_after_fails;
        return Err(Error::invalid(
            "第三方机构",
            format!(
                "『{}』最近连续 {n} 次执业质量评价不合格，已列入清退提示，不能再委托，请另选机构",
                agency.name
            ),
        ));
    }
    if let Some(unit_id) = &eval.unit_id {
        if let Some((unit, note)) = conflicting_relation(ctx, &agency.unit_id, unit_id)? {
            return Err(Error::invalid(
                "第三方机构",
                format!(
                    "『{}』与被评价单位『{unit}』存在关联关系（{note}），应当回避，不能委托其评价『{}』",
                    agency.name, eval.object_name
                ),
            ));
        }
    }
    if input.fee.0 < 0 {
        return Err(Error::invalid("委托费用（万元）", "不能为负数"));
    }
    let date = parse_date("签约日期", &input.contract_date)?;
    let declaration = input.conflict_declaration.trim();
    if declaration.is_empty() {
        return Err(Error::invalid(
            "利益冲突声明",
            "请填写机构的利益冲突声明（与被评价单位无投资、审计、咨询等关联关系）",
        ));
    }
    if declaration.chars().count() > 1000 {
        return Err(Error::invalid("利益冲突声明", "不能超过1000个字"));
    }
    let id = new_id();
    ctx.execute(
        "INSERT INTO engagement (id, key_eval_id, agency_id, fee_fen, contract_date,
            conflict_declaration, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![
            id,
            input.key_eval_id,
            agency.unit_id,
            input.fee.0,
            date,
            declaration,
            EngagementStatus::Contracted,
            ctx.now()
        ],
    )?;
    let after = get_engagement(ctx, &id)?;
    ctx.audit(
        "create",
        "engagement",
        Some(&id),
        &format!(
            "委托第三方机构 {} 评价『{}』，费用 {} 万元",
            agency.name,
            eval.object_name,
            input.fee.wan_2dp()
        ),
        None,
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

fn parse_date(field: &str, text: &str) -> Result<String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map(|d| d.format("%Y-%m-%d").to_string())
        .map_err(|_| {
            Error::invalid(
                field,
                format!("『{}』不是日期，请按 2026-03-15 的格式填写", text.trim()),
            )
        })
}

/// 撤销委托: only while the evaluation is still in 计划 and the engagement is not reviewed.
pub fn remove_engagement(ctx: &WriteCtx, id: &str) -> Result<()> {
    ctx.require(Perm::Agency)?;
    let e = get_engagement(ctx, id)?;
    let eval = eval_facts(ctx, &e.key_eval_id)?;
    if eval.status != KeyStatus::Planned || e.review.is_some() {
        return Err(Error::Conflict(format!(
            "『{}』已进入{}，不能撤销第三方机构委托",
            e.object_name,
            if e.review.is_some() {
                "质量评价".to_string()
            } else {
                format!("『{}』阶段", eval.status.label())
            }
        )));
    }
    ctx.execute(
        "UPDATE engagement SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
        params![id, ctx.now()],
    )?;
    ctx.audit(
        "delete",
        "engagement",
        Some(id),
        &format!(
            "撤销第三方机构 {} 对『{}』的委托",
            e.agency_name, e.object_name
        ),
        Some(&serde_json::to_value(&e)?),
        None,
    )
}

/// 已签约 / 已交付 / 已验收. Frozen once the engagement is reviewed.
pub fn set_engagement_status(
    ctx: &WriteCtx,
    id: &str,
    status: EngagementStatus,
) -> Result<EngagementView> {
    ctx.require(Perm::Agency)?;
    let before = get_engagement(ctx, id)?;
    if before.review.is_some() && status != before.status {
        return Err(Error::Conflict(format!(
            "『{}』的委托已做质量评价，不能再改状态",
            before.object_name
        )));
    }
    ctx.execute(
        "UPDATE engagement SET status = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, status, ctx.now()],
    )?;
    let after = get_engagement(ctx, id)?;
    ctx.audit(
        "update",
        "engagement",
        Some(id),
        &format!(
            "第三方机构 {} 对『{}』的委托：{} → {}",
            before.agency_name,
            before.object_name,
            before.status.label(),
            status.label()
        ),
        Some(&serde_json::to_value(&before)?),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}

/// 执业质量评价 of an accepted engagement; a second review replaces the first (same row).
pub fn review_engagement(ctx: &WriteCtx, input: &ReviewInput) -> Result<EngagementReview> {
    ctx.require(Perm::Agency)?;
    let e = get_engagement(ctx, &input.engagement_id)?;
    if e.status != EngagementStatus::Accepted {
        return Err(Error::Conflict(format!(
            "『{}』的委托当前为『{}』，验收后才能进行执业质量评价",
            e.object_name,
            e.status.label()
        )));
    }
    let rules = rules::current(ctx)?.rules.evaluation.agency_review;
    let parts = [
        ("方案", input.plan_cp, rules.plan_max_cp),
        ("底稿", input.papers_cp, rules.papers_max_cp),
        ("报告质量", input.report_cp, rules.report_max_cp),
        ("时效", input.timeliness_cp, rules.timeliness_max_cp),
        ("沟通与廉洁", input.integrity_cp, rules.integrity_max_cp),
    ];
    let bad: Vec<FieldProblem> = parts
        .iter()
        .filter(|(_, v, max)| !(0..=*max).contains(v))
        .map(|(name, v, max)| FieldProblem {
            row: 0,
            column: (*name).to_string(),
            message: format!("得分 {} 应在 0 到 {} 分之间", fmt_cp(*v), fmt_cp(*max)),
        })
        .collect();
    if !bad.is_empty() {
        return Err(Error::Unsaved(bad));
    }
    let reward_penalty = input.reward_penalty.trim();
    if reward_penalty.chars().count() > 1000 {
        return Err(Error::invalid("奖惩措施", "不能超过1000个字"));
    }
    let total: i64 = parts.iter().map(|(_, v, _)| v).sum();
    let grade = if total >= rules.excellent_min_cp {
        QualityGrade::Excellent
    } else if total >= rules.pass_min_cp {
        QualityGrade::Pass
    } else {
        QualityGrade::Fail
    };
    let who = format!("{}（{}）", ctx.actor.name, ctx.actor.dept);
    let before = e.review.clone();
    let id = before.as_ref().map(|r| r.id.clone()).unwrap_or_else(new_id);
    let values = params![
        id,
        e.id,
        input.plan_cp,
        input.papers_cp,
        input.report_cp,
        input.timeliness_cp,
        input.integrity_cp,
        total,
        grade,
        reward_penalty,
        who,
        ctx.now()
    ];
    if before.is_some() {
        ctx.execute(
            "UPDATE engagement_review SET plan_cp = ?3, papers_cp = ?4, report_cp = ?5,
                timeliness_cp = ?6, integrity_cp = ?7, total_cp = ?8, grade = ?9,
                reward_penalty = ?10, reviewed_by = ?11, reviewed_at = ?12, updated_at = ?12
             WHERE id = ?1 AND engagement_id = ?2",
            values,
        )?;
    } else {
        ctx.execute(
            "INSERT INTO engagement_review (id, engagement_id, plan_cp, papers_cp, report_cp,
                timeliness_cp, integrity_cp, total_cp, grade, reward_penalty, reviewed_by,
                reviewed_at, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12)",
            values,
        )?;
    }
    let after = get_engagement(ctx, &e.id)?
        .review
        .ok_or_else(|| Error::NotFound("质量评价保存后未能读回，请重试".into()))?;
    let agency = get_agency(ctx, &e.agency_id)?;
    ctx.audit(
        if before.is_some() { "update" } else { "create" },
        "engagement_review",
        Some(&after.id),
        &format!(
            "第三方机构 {} 执业质量评价（{}）：{} 分，{}{}",
            e.agency_name,
            e.object_name,
            fmt_cp(total),
            grade.label(),
            if agency.flagged_for_exclusion {
                "，已列入清退提示"
            } else {
                ""
            }
        ),
        before.map(serde_json::to_value).transpose()?.as_ref(),
        Some(&serde_json::to_value(&after)?),
    )?;
    Ok(after)
}
