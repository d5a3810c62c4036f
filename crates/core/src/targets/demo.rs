//! 绩效目标 of the demo county, written through the ordinary workflow functions (so every step
//! is validated and audited): every project of the closed year approved (二下); the current
//! year in a realistic mix of review states, with returned targets carrying comments. Indicators
//! come from the 指标库 when it is installed, else from a short built-in list; about one in six
//! is 定性, so 量化率 lands near the seed county's 84%.

use super::{
    approve_target, create_project_target, create_unit_target, return_target, save_draft,
    submit_target, CommentCategory, CommentInput, IndicatorInput, TargetDraft,
};
use crate::access::login::SecondReviewer;
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::indicator::{Level1, Level2, Nature};
use crate::Result;
use rusqlite::params;

/// A library row to draw from: (一级, 二级, 名称, 性质, 单位, 指标库 id).
type Template = (Level1, Level2, String, Nature, String, Option<String>);

/// The rows to draw from per 指标库 category name (empty map: no library installed).
type Pools = std::collections::HashMap<String, Vec<Template>>;

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoTargets {
    pub targets: u32,
    pub approved: u32,
    pub returned: u32,
}

const FALLBACK: &[(Level2, &str, Nature, &str)] = &[
    (Level2::Quantity, "完成项目任务数量", Nature::AtLeast, "项"),
    (Level2::Quantity, "受益对象人数", Nature::AtLeast, "人"),
    (Level2::Quality, "验收合格率", Nature::AtLeast, "%"),
    (Level2::Quality, "资金使用合规率", Nature::Equal, "%"),
    (Level2::Timeliness, "资金拨付及时率", Nature::AtLeast, "%"),
    (Level2::Timeliness, "项目完成时限", Nature::AtMost, "月"),
    (Level2::Cost, "项目总成本", Nature::AtMost, "万元"),
    (
        Level2::Economic,
        "带动相关产业增收",
        Nature::AtLeast,
        "万元",
    ),
    (Level2::Social, "公共服务水平", Nature::Qualitative, ""),
    (Level2::Social, "群众知晓率", Nature::AtLeast, "%"),
    (Level2::Ecological, "环境质量", Nature::Qualitative, ""),
    (Level2::Sustainable, "长效管理机制", Nature::Qualitative, ""),
    (
        Level2::ServiceSatisfaction,
        "服务对象满意度",
        Nature::AtLeast,
        "%",
    ),
];

fn templates(ctx: &WriteCtx) -> Result<(Pools, Vec<Template>)> {
    let mut st = ctx.prepare(
        "SELECT c.name, i.level1, i.level2, i.name, i.nature, i.unit, i.id
           FROM library_indicator i JOIN indicator_category c ON c.id = i.category_id
          WHERE i.deleted_at IS NULL ORDER BY c.name, i.level1, i.level2, i.name",
    )?;
    let rows: Vec<(String, Template)> = st
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                (
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                ),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut pools = Pools::new();
    for (category, t) in rows {
        let pool = pools.entry(category).or_default();
        // A target may hold a name once per 二级.
        if !pool.iter().any(|p| p.1 == t.1 && p.2 == t.2) {
            pool.push(t);
        }
    }
    let fallback = FALLBACK
        .iter()
        .map(|(l2, n, nat, u)| (l2.level1(), *l2, n.to_string(), *nat, u.to_string(), None))
        .collect();
    Ok((pools, fallback))
}

/// The rows of the category that fits `category` (the whole fallback list without a library).
fn pool_for<'p>(pools: &'p Pools, fallback: &'p [Template], category: &str) -> &'p [Template] {
    pools.get(category).map_or(fallback, Vec::as_slice)
}

fn value_for(rng: &mut SplitMix64, nature: Nature, unit: &str, budget_wan: i64) -> String {
    const QUAL: [&str; 5] = ["明显提升", "有效改善", "持续向好", "逐步完善", "达到预期"];
    match nature {
        Nature::Qualitative => rng.pick(&QUAL).copied().unwrap_or("达到预期").to_string(),
        Nature::Range => {
            let lo = rng.between(80, 90);
            format!("{lo}-{}", lo + rng.between(5, 10))
        }
        _ => match unit {
            "%" => rng.between(85, 100).to_string(),
            "万元" => budget_wan.max(1).to_string(),
            "月" => rng.between(6, 12).to_string(),
            "天" => rng.between(10, 60).to_string(),
            _ => rng.between(3, 3000).to_string(),
        },
    }
}

/// A target body: one or two indicators per 二级 of 产出, two 效益, one 满意度.
fn body(rng: &mut SplitMix64, pool: &[Template], name: &str, budget_wan: i64) -> TargetDraft {
    let mut indicators = Vec::new();
    let wanted: [(Level2, i64); 7] = [
        (Level2::Quantity, rng.between(1, 2)),
        (Level2::Quality, 1),
        (Level2::Timeliness, 1),
        (Level2::Cost, rng.between(0, 1)),
        (Level2::Social, 1),
        (Level2::Sustainable, rng.between(0, 1)),
        (Level2::ServiceSatisfaction, 1),
    ];
    for (level2, n) in wanted {
        let mut candidates: Vec<&Template> = pool.iter().filter(|t| t.1 == level2).collect();
        // County targets state social and lasting effects in words more often than not; this
        // brings 量化率 near the seed county's 84%.
        let worded = matches!(level2, Level2::Social | Level2::Sustainable) && rng.percent(60);
        if worded && candidates.iter().any(|t| t.3 == Nature::Qualitative) {
            candidates.retain(|t| t.3 == Nature::Qualitative);
        }
        rng.shuffle(&mut candidates);
        for t in candidates.into_iter().take(n as usize) {
            indicators.push(IndicatorInput {
                id: None,
                level1: t.0,
                level2: t.1,
                name: t.2.clone(),
                nature: t.3,
                value: value_for(rng, t.3, &t.4, budget_wan),
                unit: if t.3.is_quantitative() && t.4.is_empty() {
                    "项".into()
                } else {
                    t.4.clone()
                },
                weight: String::new(),
                library_id: t.5.clone(),
                is_core: false,
            });
        }
    }
    TargetDraft {
        overall_goal: format!(
            "按期完成{name}各项任务，资金使用规范高效，服务对象满意度不低于90%。"
        ),
        indicators,
    }
}

const COMMENTS: [(CommentCategory, &str); 4] = [
    (
        CommentCategory::Completeness,
        "缺少成本指标，请补充单位成本或总成本控制指标。",
    ),
    (
        CommentCategory::Relevance,
        "效益指标与项目内容关联不紧密，请结合项目实际修改。",
    ),
    (
        CommentCategory::Appropriateness,
        "指标值明显低于上年实际完成值，请适当提高。",
    ),
    (
        CommentCategory::Feasibility,
        "完成时限与实施计划不一致，请核实后修改。",
    ),
];

/// Targets for the demo county's projects of `closed` (all approved) and `current` (mixed).
pub fn generate(ctx: &WriteCtx, seed: u64, closed: i32, current: i32) -> Result<DemoTargets> {
    let mut rng = SplitMix64::new(seed ^ 0x7461_7267);
    let (pools, fallback) = templates(ctx)?;
    let mut out = DemoTargets::default();
    let reviewer = SecondReviewer::demo("周建华");
    for year in [closed, current] {
        let mut st = ctx.prepare(
            "SELECT id, name, adjusted_budget_fen FROM project
             WHERE fiscal_year = ?1 AND deleted_at IS NULL ORDER BY code",
        )?;
        let projects: Vec<(String, String, i64)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (pid, name, budget) in projects {
            // Current year: 8% not started, 7% 编制, 20% 一上, 12% 一下, 8% 二上, 45% 二下.
            let stage = if year == closed {
                5
            } else {
                rng.weighted(&[8, 7, 20, 12, 8, 45]).unwrap_or(5)
            };
            if stage == 0 {
                continue;
            }
            let t = create_project_target(ctx, &pid)?;
            let category = crate::demo::library_category_of_project(ctx, &pid)?;
            let pool = pool_for(&pools, &fallback, category);
            let draft = body(&mut rng, pool, &name, budget / 1_000_000);
            let t = save_draft(ctx, &t.id, &draft)?;
            out.targets += 1;
            if stage == 1 {
                continue;
            }
            submit_target(ctx, &t.id)?;
            let returned = stage == 3 || stage == 4 || (stage == 5 && rng.percent(30));
            if returned {
                let n = rng.between(1, 3) as usize;
                let comments: Vec<CommentInput> = (0..n)
                    .map(|k| {
                        let (category, text) = COMMENTS[(k + rng.below(4) as usize) % 4];
                        let on_row = k > 0 && !t.indicators.is_empty();
                        CommentInput {
                            indicator_id: on_row.then(|| {
                                t.indicators[rng.below(t.indicators.len() as u64) as usize]
                                    .id
                                    .clone()
                            }),
                            category,
                            text: text.into(),
                        }
                    })
                    .collect();
                return_target(ctx, &t.id, &comments)?;
                out.returned += 1;
                if stage == 3 {
                    continue;
                }
                submit_target(ctx, &t.id)?;
            }
            if stage == 2 || stage == 4 {
                continue;
            }
            if approve_target(ctx, &t.id, "", Some(&reviewer)).is_ok() {
                out.approved += 1;
            }
        }
        // 部门整体: every unit with projects in the closed year, about half in the current one.
        let mut st = ctx.prepare(
            "SELECT DISTINCT u.id, u.name FROM org_unit u JOIN project p ON p.unit_id = u.id
             WHERE p.fiscal_year = ?1 AND p.deleted_at IS NULL AND u.deleted_at IS NULL
             ORDER BY u.code",
        )?;
        let units: Vec<(String, String)> = st
            .query_map(params![year], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (uid, uname) in units {
            if year == current && rng.percent(50) {
                continue;
            }
            let t = create_unit_target(ctx, year, &uid)?;
            let category =
                crate::demo::library_category_of_unit(ctx, &uid)?.unwrap_or("一般公共服务");
            let pool = pool_for(&pools, &fallback, category);
            let mut draft = body(&mut rng, pool, &format!("{uname}年度重点工作"), 100);
            draft.overall_goal =
                format!("全面履行{uname}职能，保障重点工作任务按期完成，预算执行率不低于90%。");
            let t = save_draft(ctx, &t.id, &draft)?;
            submit_target(ctx, &t.id)?;
            approve_target(ctx, &t.id, "", Some(&reviewer))?;
            out.targets += 1;
            out.approved += 1;
        }
    }
    Ok(out)
}
