//! 单位自评 and 抽查复核 of the demo county, through the ordinary functions: in the closed year
//! every approved target gets a form; about 96% are submitted (the rest in progress, so coverage
//! has gaps), execution and indicator results are drawn around the seed county's (执行率 73.17%,
//! 目标完成率 82.76%) with good, ordinary and weak projects. A spot check of 11.49% (the seed
//! district's 57 of 496) is drawn with the demo seed and every drawn form is re-scored so review
//! grades follow the seed's 8 优 / 24 良 / 22 中 / 3 差 in proportion.

use super::self_eval::{
    save_self_eval, start_self_eval, submit_self_eval, SelfEvalInput, SelfEvalItemInput,
};
use super::self_list::{list_self_evals, SelfEvalQuery};
use super::spot::{
    draw_spot_check, get_spot_check, review_spot_check, DrawInput, SpotItemScore, SpotReviewInput,
};
use super::Stratify;
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::indicator::Nature;
use crate::money::Fen;
use crate::monitoring::demo::progress;
use crate::Result;

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoEvaluation {
    pub forms: u32,
    pub submitted: u32,
    pub drawn: u32,
}

const REASONS: [&str; 4] = [
    "受原材料价格上涨影响，部分工程量未完成；下一步加快施工进度，年底前完成剩余任务。",
    "资金拨付较晚，项目启动滞后；今后提前做好项目前期准备。",
    "受天气影响工期顺延；已调整实施计划，加强过程监管。",
    "服务对象需求变化，实际受益人数低于预期；下一步加强宣传，扩大覆盖面。",
];

pub fn generate(ctx: &WriteCtx, seed: u64, year: i32) -> Result<DemoEvaluation> {
    let mut rng = SplitMix64::new(seed ^ 0x5E1F_E7A1);
    let mut out = DemoEvaluation::default();
    start_self_eval(ctx, year)?;
    let forms = list_self_evals(
        ctx,
        &SelfEvalQuery {
            year,
            ..SelfEvalQuery::default()
        },
    )?
    .rows;
    for row in &forms {
        out.forms += 1;
        if rng.percent(4) {
            continue; // not started or in progress: coverage shows the gap
        }
        let f = super::self_eval::get_self_eval(ctx, &row.id)?;
        let exec_pct = match rng.below(100) {
            0..25 => rng.between(50, 69),
            25..75 => rng.between(70, 89),
            _ => rng.between(90, 100),
        };
        // Project quality: (share of indicators met, share nearly met) in %.
        let (met, near) = match rng.below(100) {
            0..40 => (70, 95),
            40..85 => (35, 75),
            _ => (15, 50),
        };
        // A unit without projects reports its 部门整体 budget itself.
        let budget = if f.row.budget.0 > 0 {
            f.row.budget
        } else {
            Fen::from_wan(rng.between(50, 300))
        };
        let items = f
            .items
            .iter()
            .map(|i| {
                let roll = rng.below(100);
                let pct = if roll < met {
                    100
                } else if roll < near {
                    rng.between(75, 99)
                } else {
                    rng.between(45, 74)
                };
                let actual = progress(i.nature, &i.value, pct);
                let missed = pct < 100 && !matches!(i.nature, Nature::AtMost | Nature::Less);
                SelfEvalItemInput {
                    id: i.id.clone(),
                    weight_cp: i.weight_cp,
                    actual,
                    not_applicable: false,
                    reason: if missed {
                        rng.pick(&REASONS).copied().unwrap_or_default().to_string()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        let input = SelfEvalInput {
            budget_wan: budget.wan_exact(),
            executed_wan: Fen(budget.0 * exec_pct / 100).wan_exact(),
            execution_weight_cp: f.row.execution_weight_cp,
            summary: "项目按计划组织实施，资金使用规范，主要绩效目标基本完成。".into(),
            items,
        };
        save_self_eval(ctx, &row.id, &input)?;
        if rng.percent(2) {
            continue; // saved, not yet submitted
        }
        submit_self_eval(ctx, &row.id)?;
        out.submitted += 1;
    }
    let draw = draw_spot_check(
        ctx,
        &DrawInput {
            year,
            share_bp: Some(1149),
            seed: Some((seed % 1_000_000) as i64),
            stratify: Some(Stratify::None),
        },
    )?;
    out.drawn = draw.drawn_count as u32;
    // Review totals in the middle of each band, in the seed's 8 : 24 : 22 : 3 proportion.
    let bands = [(8, 9400), (24, 8500), (22, 7000), (3, 5000)];
    for (k, row) in draw.rows.iter().enumerate() {
        let slot = (k * 57 / draw.rows.len().max(1)) as i64;
        let mut acc = 0;
        let target = bands
            .iter()
            .find(|(n, _)| {
                acc += n;
                slot < acc
            })
            .map_or(8500, |(_, t)| *t);
        let d = get_spot_check(ctx, &row.id)?;
        // A little spread inside the band, so the reviews don't all read the same.
        let target = target + rng.between(-150, 150);
        let at = |w: i64| w * target / 10_000;
        review_spot_check(
            ctx,
            &row.id,
            &SpotReviewInput {
                execution_score_cp: at(d.form.row.execution_weight_cp),
                items: d
                    .form
                    .items
                    .iter()
                    .map(|i| SpotItemScore {
                        item_id: i.id.clone(),
                        score_cp: at(i.weight_cp),
                        note: String::new(),
                    })
                    .collect(),
                note: "经复核，部分指标完成值佐证材料不足，按复核情况调整得分。".into(),
            },
        )?;
    }
    Ok(out)
}
