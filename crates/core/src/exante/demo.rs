//! 事前评估 of the demo county: for each demo year, two large 延续 projects designated by the
//! bureau, and every required project assessed except about one in ten, with conclusions in
//! the 10 : 6 : 2 proportion of County B's summary (domain.md §11). Totals are drawn inside
//! each conclusion's band, so the conclusion computed on save is the planned one. 审定金额 is
//! the 申报 amount for 予以支持, 0–15 % less for 调整完善后予以支持, and 0 for 不予支持.
//!
//! Deterministic: its own SplitMix64 stream derived from the demo seed (the county's own
//! stream is untouched), rows taken in 项目编码 order.

use super::model::{AssessorType, ExAnteConclusion, ExAnteInput, ExAnteQuery, ItemScore};
use super::{designate, required_list, save_assessment};
use crate::db::WriteCtx;
use crate::demo::{names, SplitMix64, YEARS};
use crate::money::Fen;
use crate::org::{list_units, UnitKind};
use crate::projects::{list_projects, NewOrContinuing, ProjectQuery};
use crate::rules::ExAnteRules;
use crate::{rules, Result};
use chrono::{Duration, NaiveDate};

/// Salt of this stream ("EXANTE").
const SALT: u64 = 0x4558_414E_5445;

/// Adds the demo's designations and assessments; returns how many rows it created.
pub fn generate(ctx: &WriteCtx, seed: u64) -> Result<u32> {
    let mut rng = SplitMix64::new(seed ^ SALT);
    let sheet = rules::current(ctx)?.rules.ex_ante;
    let third_parties: Vec<String> = list_units(ctx)?
        .into_iter()
        .filter(|u| u.kind == UnitKind::ThirdParty)
        .map(|u| u.id)
        .collect();
    let mut created = 0;
    for year in YEARS {
        created += designate_some(ctx, &mut rng, year)?;
        let rows = required_list(
            ctx,
            &ExAnteQuery {
                year,
                ..ExAnteQuery::default()
            },
        )?
        .rows;
        let n = rows.len();
        let missing = (n + 5) / 10;
        let assessed = n - missing;
        let support = (assessed * 10 + 9) / 18;
        let revise = ((assessed * 6 + 9) / 18).min(assessed - support);
        let mut deck: Vec<Option<ExAnteConclusion>> = std::iter::repeat_n(None, missing)
            .chain(std::iter::repeat_n(
                Some(ExAnteConclusion::Support),
                support,
            ))
            .chain(std::iter::repeat_n(
                Some(ExAnteConclusion::SupportAfterRevision),
                revise,
            ))
            .chain(std::iter::repeat_n(
                Some(ExAnteConclusion::NotSupport),
                assessed - support - revise,
            ))
            .collect();
        shuffle(&mut rng, &mut deck);
        for (row, planned) in rows.iter().zip(deck) {
            let Some(conclusion) = planned else { continue };
            // A special-bond project is scored on the 专项债 sheet.
            let project = crate::projects::get_project(ctx, &row.project_id)?;
            let mut own = sheet.clone();
            own.aspects = sheet.sheet(super::sheet_kind_of(&project)).to_vec();
            let input = assessment(
                &mut rng,
                &own,
                conclusion,
                row.adjusted_budget,
                &third_parties,
                year,
                ctx.clock.today(),
            );
            save_assessment(ctx, &row.project_id, &input)?;
            created += 1;
        }
    }
    Ok(created)
}

fn shuffle<T>(rng: &mut SplitMix64, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.below(i as u64 + 1) as usize;
        items.swap(i, j);
    }
}

/// A number in `lo..=hi`.
fn between(rng: &mut SplitMix64, lo: i64, hi: i64) -> i64 {
    lo + rng.below((hi - lo + 1) as u64) as i64
}

/// Up to two large (≥ 1000 万元) 延续 projects of the year, which the threshold never catches.
fn designate_some(ctx: &WriteCtx, rng: &mut SplitMix64, year: i32) -> Result<u32> {
    let q = ProjectQuery {
        year: Some(year),
        min_wan: Some("1000".into()),
        page: 0,
        ..ProjectQuery::default()
    };
    let mut big: Vec<_> = list_projects(ctx, &q)?
        .rows
        .into_iter()
        .filter(|p| p.new_or_continuing == NewOrContinuing::Continuing)
        .collect();
    shuffle(rng, &mut big);
    let mut n = 0;
    for p in big.iter().take(2) {
        designate(
            ctx,
            &p.id,
            "延续项目资金规模较大、政策到期需重新论证，财政指定开展事前绩效评估",
        )?;
        n += 1;
    }
    Ok(n)
}

/// A score sheet whose total falls in the band of `conclusion`.
fn scores(
    rng: &mut SplitMix64,
    sheet: &ExAnteRules,
    conclusion: ExAnteConclusion,
) -> Vec<ItemScore> {
    let full = sheet.sheet_total_cp();
    let (lo, hi) = match conclusion {
        ExAnteConclusion::Support => (sheet.support_min_cp, full.min(9850)),
        ExAnteConclusion::SupportAfterRevision => (sheet.revise_min_cp, sheet.support_min_cp - 1),
        ExAnteConclusion::NotSupport => (sheet.revise_min_cp - 1500, sheet.revise_min_cp - 1),
    };
    // Half points: totals and scores are multiples of 50 centi-points.
    let (lo, hi) = ((lo + 49) / 50, hi / 50);
    let total = between(rng, lo, hi.max(lo)) * 50;
    let mut out: Vec<ItemScore> = sheet
        .aspects
        .iter()
        .flat_map(|a| {
            a.items.iter().map(|i| ItemScore {
                aspect: a.name.clone(),
                item: i.name.clone(),
                score_cp: i.max_cp,
            })
        })
        .collect();
    let mut deficit = full - total;
    while deficit > 0 {
        let i = rng.below(out.len() as u64) as usize;
        let step = (50 * (1 + rng.below(2) as i64))
            .min(deficit)
            .min(out[i].score_cp);
        out[i].score_cp -= step;
        deficit -= step;
    }
    out
}

/// The aspect with the lowest share of its 分值 (what the opinion names as weak).
fn weakest(sheet: &ExAnteRules, scores: &[ItemScore]) -> String {
    sheet
        .aspects
        .iter()
        .map(|a| {
            let max: i64 = a.items.iter().map(|i| i.max_cp).sum();
            let got: i64 = scores
                .iter()
                .filter(|s| s.aspect == a.name)
                .map(|s| s.score_cp)
                .sum();
            (got * 10_000 / max.max(1), a.name.clone())
        })
        .min()
        .map(|(_, name)| name)
        .unwrap_or_default()
}

fn assessment(
    rng: &mut SplitMix64,
    sheet: &ExAnteRules,
    conclusion: ExAnteConclusion,
    declared: Fen,
    third_parties: &[String],
    year: i32,
    today: NaiveDate,
) -> ExAnteInput {
    let scores = scores(rng, sheet, conclusion);
    let weak = weakest(sheet, &scores);
    let (approved, opinion) = match conclusion {
        ExAnteConclusion::Support => (
            declared,
            "项目立项依据充分，绩效目标明确合理，实施方案可行，资金测算基本准确，建议予以支持。"
                .to_string(),
        ),
        ExAnteConclusion::SupportAfterRevision => {
            let bp = between(rng, 0, 1_500);
            // Cut in whole hundredths of 万元 (100 元).
            let cut = declared.0 * bp / 10_000 / 10_000 * 10_000;
            (
                Fen(declared.0 - cut),
                format!("项目立项必要，但{weak}方面论证不够充分，建议按审定金额核减资金，调整完善后予以支持。"),
            )
        }
        ExAnteConclusion::NotSupport => (
            Fen(0),
            format!("项目{weak}方面存在明显不足，前期论证和实施条件尚不成熟，建议不予支持，暂不安排预算。"),
        ),
    };
    let third = !third_parties.is_empty() && rng.below(10) < 6;
    let (assessor_type, assessor_org_id) = if third {
        let i = rng.below(third_parties.len() as u64) as usize;
        (AssessorType::ThirdParty, third_parties.get(i).cloned())
    } else if rng.below(4) < 3 {
        (AssessorType::Finance, None)
    } else {
        (AssessorType::Unit, None)
    };
    let surname = names::SURNAMES[rng.below(names::SURNAMES.len() as u64) as usize];
    let given = names::GIVEN_NAMES[rng.below(names::GIVEN_NAMES.len() as u64) as usize];
    // Assessed in the autumn before the budget year (budgets are drawn up from October).
    let start = NaiveDate::from_ymd_opt(year - 1, 9, 15).unwrap_or(today);
    let day = (start + Duration::days(between(rng, 0, 90))).min(today);
    ExAnteInput {
        scores,
        assessor_type,
        assessor_org_id,
        assessor_name: format!("{surname}{given}"),
        declared_wan: declared.wan_exact(),
        approved_wan: approved.wan_exact(),
        opinion,
        assessed_on: day.format("%Y-%m-%d").to_string(),
    }
}
