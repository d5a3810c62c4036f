//! 整改台账, 预算挂钩 and 公开 of the demo county, through the ordinary functions: items from
//! the year's 红灯 监控情况表, the spot check's forms over the gap line and the 定稿 key
//! evaluations' findings, each given a
//! 责任人 and a deadline, then moved along in assorted states (about three in ten 销号, some
//! 已核实 / 已反馈 / 退回, the rest 整改中 or just 下达 — a share of those past their deadline);
//! the year's 预算挂钩 suggestions; and two reports marked 不公开 (涉密). Deadlines are set
//! relative to the Db clock so the ledger always has both overdue and pending items.

use super::disclosure::{list_disclosure, set_disclosure};
use super::linkage::propose_linkages;
use super::rectification::{
    close, list_rectifications, rectifications_from_key_eval, rectifications_from_monitoring,
    rectifications_from_spot_check, reject, report, start, update_rectification, verify, RectEdit,
    RectQuery,
};
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::Result;
use chrono::Duration;

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoResults {
    pub rectifications: u32,
    pub closed: u32,
    pub linkages: u32,
}

const PEOPLE: [&str; 8] = [
    "王建国",
    "李红梅",
    "张志强",
    "刘芳",
    "陈永刚",
    "杨丽",
    "赵海涛",
    "孙丽娟",
];

const FEEDBACK: [&str; 3] = [
    "已召开专题会议分析原因，加快资金支付进度，截至目前执行率已达到时间进度要求。",
    "已补充完善相关佐证材料，修正自评数据，并建立自评结果复核机制。",
    "已调整实施计划，完成剩余工程量，项目绩效目标基本实现。",
];

pub fn generate(ctx: &WriteCtx, seed: u64, year: i32) -> Result<DemoResults> {
    let mut rng = SplitMix64::new(seed ^ 0x5245_4354);
    let today = ctx.clock.today();
    let placeholder = (today + Duration::days(30)).format("%Y-%m-%d").to_string();
    for round in crate::monitoring::list_rounds(ctx, year)? {
        rectifications_from_monitoring(ctx, &round.id, &placeholder)?;
    }
    if let Some(draw) = crate::evaluation::spot::current_draw(ctx, year)? {
        rectifications_from_spot_check(ctx, &draw.id, &placeholder)?;
    }
    // The findings of the year's 定稿 key evaluations.
    let key: Vec<String> = ctx
        .prepare(
            "SELECT id FROM key_eval WHERE fiscal_year = ?1 AND status = '定稿'
               AND deleted_at IS NULL ORDER BY object_name",
        )?
        .query_map([year], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for id in key {
        rectifications_from_key_eval(ctx, &id, &placeholder)?;
    }
    let mut items = list_rectifications(
        ctx,
        &RectQuery {
            year,
            ..RectQuery::default()
        },
        today,
    )?
    .rows;
    // Ids are time-based; a fixed order keeps the draws below the same for one seed.
    items.sort_by(|a, b| {
        (&a.source_kind, &a.source_label, &a.unit_name, &a.problem).cmp(&(
            &b.source_kind,
            &b.source_label,
            &b.unit_name,
            &b.problem,
        ))
    });
    let mut out = DemoResults::default();
    for item in &items {
        out.rectifications += 1;
        let state = rng.below(100);
        // Settled items had earlier deadlines; open ones are mostly still ahead, some overdue.
        let offset = match state {
            0..45 => rng.between(-250, -30),
            45..65 => rng.between(-60, 40),
            _ if rng.percent(35) => rng.between(-90, -1),
            _ => rng.between(5, 40),
        };
        let deadline = (today + Duration::days(offset))
            .format("%Y-%m-%d")
            .to_string();
        let person = rng.pick(&PEOPLE).copied().unwrap_or("王建国");
        update_rectification(
            ctx,
            &item.id,
            &RectEdit {
                problem: item.problem.clone(),
                basis: item.basis.clone(),
                measure: item.measure.clone(),
                responsible_person: person.into(),
                deadline,
            },
        )?;
        if state >= 95 {
            continue; // 下达
        }
        start(ctx, &item.id)?;
        if state >= 72 {
            continue; // 整改中
        }
        let feedback = rng.pick(&FEEDBACK).copied().unwrap_or_default();
        report(ctx, &item.id, feedback)?;
        match state {
            0..45 => {
                verify(ctx, &item.id, "经核实，整改措施已落实到位。")?;
                if state < 30 {
                    close(ctx, &item.id)?;
                    out.closed += 1;
                }
            }
            65..72 => {
                reject(
                    ctx,
                    &item.id,
                    "佐证材料不足，请补充资金支付凭证和验收资料后重新反馈。",
                )?;
            }
            _ => {} // 已反馈
        }
    }
    out.linkages = propose_linkages(ctx, year)?;
    // Two reports are not made public: one 绩效目标 and one 单位自评报告, both 涉密.
    let list = list_disclosure(ctx, year)?;
    for kind in ["perf_target", "self_eval"] {
        let of_kind: Vec<_> = list.iter().filter(|r| r.source_kind == kind).collect();
        if let Some(r) = rng.pick(&of_kind) {
            set_disclosure(ctx, &r.source_kind, &r.source_id, false, "涉密")?;
        }
    }
    Ok(out)
}
