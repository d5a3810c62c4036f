//! 运行监控 of the demo county, through the ordinary functions: the closed year has a closed
//! 1–8月 round with every sheet filled and approved, warnings and a few 暂缓拨付 (they leave the
//! budgets — and so the demo's promised totals — as planned); the current
//! year has an open 1–8月 round, about two thirds filled. Execution is drawn around the time
//! progress (66.67%) with a tail of laggards, so lights come out roughly 1/3 red like the seed
//! district's 172 of 533.

use super::{
    add_action, approve_sheet, close_round, get_sheet, open_round, save_sheet, submit_sheet,
    ActionInput, ActionKind, DeviationReason, Possibility, RoundInput, RoundKind,
    SheetIndicatorInput, SheetInput,
};
use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::indicator::{compare_decimal, Nature};
use crate::money::Fen;
use crate::Result;

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoMonitoring {
    pub rounds: u32,
    pub sheets: u32,
    pub filled: u32,
}

/// A progress value for a row: `pct` % of the annual value (words for 定性).
pub(crate) fn progress(nature: Nature, value: &str, pct: i64) -> String {
    if nature == Nature::Qualitative {
        return match pct {
            p if p >= 80 => "达成",
            p if p >= 60 => "部分达成",
            _ => "未达成",
        }
        .into();
    }
    let micro = super::math::micro(value).unwrap_or(0);
    let scaled = match nature {
        // For ≤ / < a value at or under the target is on track.
        Nature::AtMost | Nature::Less => micro,
        _ => micro * i128::from(pct) / 100,
    };
    let int = scaled / 1_000_000;
    let frac = (scaled % 1_000_000) / 10_000;
    let text = if frac == 0 {
        int.to_string()
    } else {
        format!("{int}.{frac:02}")
    };
    // Keep the exact target for = rows that are on track.
    if nature == Nature::Equal && pct >= 100 && compare_decimal(&text, value).is_ne() {
        return value.to_string();
    }
    text
}

fn fill(ctx: &WriteCtx, rng: &mut SplitMix64, task_id: &str) -> Result<()> {
    let sheet = get_sheet(ctx, task_id)?;
    // Execution against 66.67% time progress: a quarter far behind (red), a fifth somewhat
    // behind (yellow), the rest on track.
    let exec_pct = match rng.below(100) {
        0..25 => rng.between(20, 35),
        25..45 => rng.between(40, 51),
        _ => rng.between(53, 85),
    };
    let budget = sheet.task.budget.0;
    let executed = Fen(budget * exec_pct / 100);
    let forecast = Fen(budget * rng.between(85, 100) / 100);
    let indicators = sheet
        .indicators
        .iter()
        .map(|i| {
            let pct = if rng.percent(5) {
                rng.between(40, 74)
            } else {
                rng.between(75, 100)
            };
            let possibility = match pct {
                p if p >= 75 => Possibility::Certain,
                p if p >= 60 => Possibility::Possible,
                _ if rng.percent(40) => Possibility::Impossible,
                _ => Possibility::Possible,
            };
            let lagging = possibility != Possibility::Certain;
            SheetIndicatorInput {
                id: i.id.clone(),
                actual: progress(i.nature, &i.value, pct),
                forecast: progress(i.nature, &i.value, 100),
                deviation_reason: lagging.then(|| {
                    *rng.pick(DeviationReason::ALL)
                        .unwrap_or(&DeviationReason::Funding)
                }),
                possibility: Some(possibility),
                measures: if lagging {
                    "加快项目实施和资金拨付进度，按月调度".into()
                } else {
                    String::new()
                },
            }
        })
        .collect();
    save_sheet(
        ctx,
        task_id,
        &SheetInput {
            executed_wan: executed.wan_exact(),
            forecast_wan: forecast.wan_exact(),
            indicators,
        },
    )?;
    Ok(())
}

/// Rounds for `closed` (closed, all approved) and `current` (open, partly filled).
pub fn generate(ctx: &WriteCtx, seed: u64, closed: i32, current: i32) -> Result<DemoMonitoring> {
    let mut rng = SplitMix64::new(seed ^ 0x6d6f_6e69);
    let mut out = DemoMonitoring::default();
    for (year, due) in [
        (closed, format!("{closed}-09-10")),
        (current, format!("{current}-09-10")),
    ] {
        let round = open_round(
            ctx,
            &RoundInput {
                year,
                cutoff_month: 8,
                kind: RoundKind::SelfMonitoring,
                due_date: due,
                note: "1–8月绩效运行监控".into(),
                unit_ids: Vec::new(),
            },
        )?;
        out.rounds += 1;
        out.sheets += round.tasks as u32;
        for task in super::task_rows(ctx, &round.id)? {
            let done = year == closed || rng.percent(65);
            if !done {
                continue;
            }
            fill(ctx, &mut rng, &task.id)?;
            out.filled += 1;
            if year == closed || rng.percent(50) {
                submit_sheet(ctx, &task.id)?;
                if year == closed {
                    approve_sheet(ctx, &task.id)?;
                }
            }
        }
        if year == closed {
            // The bureau holds back payments to the worst laggards.
            for task in super::task_rows(ctx, &round.id)?
                .iter()
                .filter(|t| t.warning == Some(super::Warning::Red) && t.budget.0 >= 200_000_000)
                .take(6)
            {
                let cut = Fen(task.budget.0 / 10 / 1_000_000 * 1_000_000);
                if cut.0 > 0 {
                    add_action(
                        ctx,
                        &task.id,
                        &ActionInput {
                            kind: ActionKind::Suspend,
                            amount_wan: cut.wan_exact(),
                            reason: "1–8月预算执行严重滞后，暂缓拨付剩余资金".into(),
                            action_date: format!("{year}-09-20"),
                        },
                    )?;
                }
            }
            close_round(ctx, &round.id)?;
        }
    }
    Ok(out)
}
