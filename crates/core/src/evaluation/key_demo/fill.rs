//! Filling one demo evaluation the way a clerk would: the plan and engagement, item scores
//! adding up to a planned total, findings, the report texts, the steps to 定稿, and the
//! agency's quality review.

use super::texts;
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::evaluation::agency::{
    engage_agency, review_engagement, set_engagement_status, EngagementInput, ReviewInput,
};
use crate::evaluation::key::{
    advance_key_eval, create_key_eval, save_key_findings, save_key_sheet, save_key_texts,
    FindingInput, KeyEval, KeyEvalInput, KeyItem, KeyItemInput,
};
use crate::evaluation::scoring::{deduction_score_cp, distribute};
use crate::evaluation::{EngagementStatus, KeyKind, KeyMethod, QualityGrade};
use crate::money::Fen;
use crate::org::OrgUnit;
use crate::projects::Project;
use crate::rules::{self, Grade};
use crate::{fmt_cp, Result};
use chrono::{Duration, NaiveDate};

/// One evaluation to make.
pub(super) struct Planned {
    pub kind: KeyKind,
    pub project: Option<Project>,
    pub unit: Option<OrgUnit>,
    pub name: String,
    pub amount: Option<Fen>,
    pub grade: Grade,
    /// Index into the agencies, for a 第三方机构评价.
    pub agency: Option<usize>,
}

impl Planned {
    pub fn new(kind: KeyKind, unit: Option<OrgUnit>, amount: Option<Fen>) -> Planned {
        Planned {
            kind,
            project: None,
            unit,
            name: String::new(),
            amount,
            grade: Grade::Good,
            agency: None,
        }
    }

    pub fn project(p: Project) -> Planned {
        Planned {
            project: Some(p),
            ..Planned::new(KeyKind::Project, None, None)
        }
    }
}

pub(super) fn total_for(rng: &mut SplitMix64, grade: Grade) -> i64 {
    let (lo, hi) = match grade {
        Grade::Excellent => (9000, 9550),
        Grade::Good => (8000, 8950),
        Grade::Fair => (7000, 7950),
        Grade::Poor => (5000, 5950),
    };
    rng.between(lo / 50, hi / 50) * 50
}

fn tenths_text(t: i64) -> String {
    let sign = if t < 0 { "-" } else { "" };
    match t.abs() % 10 {
        0 => format!("{sign}{}", t.abs() / 10),
        f => format!("{sign}{}.{f}", t.abs() / 10),
    }
}

/// Scores for every item adding up to `total_cp`: 扣分 items get an actual value (sometimes
/// over the line when the total allows), 评分 items lose points in 0.5/1-point steps.
pub(super) fn scored_sheet(
    rng: &mut SplitMix64,
    items: &[KeyItem],
    total_cp: i64,
) -> Vec<KeyItemInput> {
    let mut room = 10_000 - total_cp;
    let mut out: Vec<KeyItemInput> = Vec::new();
    let mut losses = vec![0i64; items.len()];
    for i in items {
        let mut input = KeyItemInput {
            id: Some(i.id.clone()),
            level1: i.level1.clone(),
            level2: i.level2.clone(),
            level3: i.level3.clone(),
            weight_cp: i.weight_cp,
            standard: i.standard.clone(),
            rule: i.rule.clone(),
            threshold: i.threshold.clone(),
            deduct_cp: i.deduct_cp,
            actual: None,
            score_cp: None,
            note: String::new(),
        };
        if i.rule == "扣分" {
            let line = i
                .threshold
                .as_deref()
                .and_then(|t| t.parse::<i64>().ok())
                .unwrap_or(100)
                * 10;
            let mut actual = line - rng.between(5, 80);
            if rng.percent(30) {
                let over = line + rng.between(5, 30);
                let score = deduction_score_cp(
                    &tenths_text(over),
                    i.threshold.as_deref().unwrap_or("100"),
                    i.deduct_cp.unwrap_or(0),
                    i.weight_cp,
                )
                .unwrap_or(i.weight_cp);
                if i.weight_cp - score <= room {
                    room -= i.weight_cp - score;
                    actual = over;
                }
            }
            input.actual = Some(tenths_text(actual));
        }
        out.push(input);
    }
    while room > 0 {
        let step = room.min(if rng.percent(50) { 50 } else { 100 });
        let weights: Vec<u64> = items
            .iter()
            .zip(&losses)
            .map(|(i, l)| {
                if i.rule == "评分" && i.weight_cp - l >= step {
                    i.weight_cp as u64
                } else {
                    0
                }
            })
            .collect();
        let Some(k) = rng.weighted(&weights) else {
            break;
        };
        losses[k] += step;
        room -= step;
    }
    for ((input, i), loss) in out.iter_mut().zip(items).zip(losses) {
        if i.rule == "评分" {
            input.score_cp = Some(i.weight_cp - loss);
            if loss > 0 {
                input.actual = Some("部分达到评分标准".into());
                input.note = format!("扣 {} 分", fmt_cp(loss));
            } else {
                input.actual = Some("达到评分标准".into());
            }
        }
    }
    out
}

pub(super) fn findings(rng: &mut SplitMix64) -> Vec<FindingInput> {
    let n = rng.between(2, 4) as usize;
    let mut idx: Vec<usize> = (0..texts::FINDINGS.len()).collect();
    rng.shuffle(&mut idx);
    let mut idx: Vec<usize> = idx.into_iter().take(n).collect();
    idx.sort_unstable();
    idx.into_iter()
        .map(|i| {
            let (category, problem, basis, recommendation) = texts::FINDINGS[i];
            FindingInput {
                id: None,
                category: category.into(),
                problem: problem.into(),
                basis: basis.into(),
                recommendation: recommendation.into(),
            }
        })
        .collect()
}

/// Live projects' 调整后预算数 of a unit and the units below it, in `year`.
pub(super) fn subtree_amount(ctx: &WriteCtx, unit_id: &str, year: i32) -> Result<Fen> {
    Ok(Fen(ctx.query_row(
        &format!(
            "SELECT COALESCE(SUM(adjusted_budget_fen), 0) FROM project
             WHERE deleted_at IS NULL AND fiscal_year = ?2 AND unit_id IN {}",
            crate::listing::unit_subtree("?1")
        ),
        rusqlite::params![unit_id, year],
        |r| r.get(0),
    )?))
}

pub(super) fn date_in(rng: &mut SplitMix64, year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default() + Duration::days(rng.between(0, 25))
}

/// Creates the evaluation with its plan (and engagement); returns it.
pub(super) fn start(
    ctx: &WriteCtx,
    rng: &mut SplitMix64,
    year: i32,
    p: &Planned,
    agencies: &[OrgUnit],
    previous_id: Option<String>,
    contract: NaiveDate,
) -> Result<KeyEval> {
    let agency = p.agency.and_then(|a| agencies.get(a));
    let begin = contract + Duration::days(rng.between(5, 20));
    let k = create_key_eval(
        ctx,
        &KeyEvalInput {
            year,
            kind: p.kind,
            object_name: p.name.clone(),
            project_id: p.project.as_ref().map(|x| x.id.clone()),
            unit_id: p.unit.as_ref().map(|u| u.id.clone()),
            amount: p.amount,
            method: if agency.is_some() {
                KeyMethod::ThirdParty
            } else {
                KeyMethod::Bureau
            },
            team: match agency {
                Some(a) => format!("{}评价项目组", a.name),
                None => "县财政局绩效评价股、业务股室联合评价组".into(),
            },
            plan_start: Some(begin.to_string()),
            plan_end: Some((begin + Duration::days(rng.between(60, 100))).to_string()),
            previous_id,
            basis: texts::BASIS.into(),
        },
    )?;
    if let Some(a) = agency {
        engage_agency(
            ctx,
            &EngagementInput {
                key_eval_id: k.id.clone(),
                agency_id: a.id.clone(),
                fee: Fen(rng.between(800, 3_000) * 10_000),
                contract_date: contract.to_string(),
                conflict_declaration: format!(
                    "本机构及评价项目组成员与被评价单位不存在投资、审计、咨询等利害关系，承诺独立、客观、公正开展评价。——{}",
                    a.name
                ),
            },
        )?;
    }
    Ok(k)
}

/// Scores, findings and report of a closed-year evaluation, then on to 定稿.
pub(super) fn finish(
    ctx: &WriteCtx,
    rng: &mut SplitMix64,
    k: &KeyEval,
    grade: Grade,
) -> Result<KeyEval> {
    let total = total_for(rng, grade);
    save_key_sheet(ctx, &k.id, &scored_sheet(rng, &k.items, total))?;
    save_key_findings(ctx, &k.id, &findings(rng))?;
    let summary = format!(
        "{}评价综合得分 {} 分，等级为『{}』。资金使用总体规范，主要产出目标基本完成，在预算编制、绩效目标管理和过程管理方面仍存在不足，详见发现的问题。",
        k.object_name,
        fmt_cp(total),
        grade.label()
    );
    let feedback = rng.pick(texts::FEEDBACK).copied().unwrap_or("");
    save_key_texts(ctx, &k.id, &summary, feedback)?;
    let mut last = k.clone();
    for _ in 0..4 {
        last = advance_key_eval(ctx, &k.id)?;
    }
    Ok(last)
}

pub(super) fn review(
    ctx: &WriteCtx,
    rng: &mut SplitMix64,
    engagement_id: &str,
    grade: QualityGrade,
) -> Result<()> {
    let r = rules::current(ctx)?.rules.evaluation.agency_review;
    let total = match grade {
        QualityGrade::Fail => rng.between(48, 56) * 100,
        QualityGrade::Pass => rng.between(70, 84) * 100,
        QualityGrade::Excellent => rng.between(91, 96) * 100,
    };
    let maxes = [
        r.plan_max_cp,
        r.papers_max_cp,
        r.report_max_cp,
        r.timeliness_max_cp,
        r.integrity_max_cp,
    ];
    let parts = distribute(total, &maxes);
    set_engagement_status(ctx, engagement_id, EngagementStatus::Delivered)?;
    set_engagement_status(ctx, engagement_id, EngagementStatus::Accepted)?;
    review_engagement(
        ctx,
        &ReviewInput {
            engagement_id: engagement_id.into(),
            plan_cp: parts[0],
            papers_cp: parts[1],
            report_cp: parts[2],
            timeliness_cp: parts[3],
            integrity_cp: parts[4],
            reward_penalty: match grade {
                QualityGrade::Fail => "报告质量不达标，扣减委托费用 10%，约谈机构负责人",
                QualityGrade::Pass => "按合同约定支付委托费用",
                QualityGrade::Excellent => "按合同支付委托费用，列入下一年度优先推荐名录",
            }
            .into(),
        },
    )?;
    Ok(())
}
