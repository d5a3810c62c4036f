//! The derived figures of a 监控情况表, in integers: 执行率 and 时间进度 (bp), each indicator's
//! 完成率 (bp, capped at 100%), the project's completion (weighted by 权重 when the target has
//! weights), 偏差度 = |完成率 − 执行率|, and the warning light from the rule set's lines.

use super::{Possibility, Warning};
use crate::indicator::Nature;
use crate::rate::{div_half_up, rate_bp};
use crate::rules::WarningLines;

/// A normalized decimal text as millionths ("98.5" → 98_500_000); None if not a number.
pub fn micro(text: &str) -> Option<i128> {
    let t = text.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.is_empty() || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if frac.len() > 6 || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let int: i128 = int.parse().ok()?;
    let frac: i128 = format!("{frac:0<6}").parse().ok()?;
    Some(int * 1_000_000 + frac)
}

/// `part / whole` in bp, rounded half up, capped at 10000; None when `whole` is 0.
fn ratio_bp(part: i128, whole: i128) -> Option<i64> {
    div_half_up(part * 10_000, whole).map(|bp| bp.min(10_000))
}

/// 定性 results of a monitoring round and the share of the target they count as (domain §2.4:
/// 达成 100–80%, 部分达成 80–60%, 未达成 below 60%; the upper end of each tier).
pub const QUALITATIVE_TIERS: [(&str, i64); 3] =
    [("达成", 10_000), ("部分达成", 8_000), ("未达成", 6_000)];

/// 完成率 of one indicator: how much of the annual value `actual` reaches (≥ / > / =: actual ÷
/// target; ≤ / <: target ÷ actual, 100% while actual is 0; 区间: 100% inside, else the nearer
/// bound's ratio; 定性: the tier). None when there is nothing to compare yet.
pub fn indicator_completion_bp(
    nature: Nature,
    value: &str,
    value_high: Option<&str>,
    actual: &str,
) -> Option<i64> {
    if nature == Nature::Qualitative {
        return QUALITATIVE_TIERS
            .iter()
            .find(|(word, _)| *word == actual.trim())
            .map(|(_, bp)| *bp);
    }
    let a = micro(actual)?;
    let v = micro(value)?;
    match nature {
        Nature::AtLeast | Nature::Greater | Nature::Equal => {
            if v == 0 {
                Some(10_000)
            } else {
                ratio_bp(a, v)
            }
        }
        Nature::AtMost | Nature::Less => {
            if a <= v {
                Some(10_000)
            } else {
                ratio_bp(v, a)
            }
        }
        Nature::Range => {
            let high = micro(value_high?)?;
            if a < v {
                ratio_bp(a, v)
            } else if a > high {
                ratio_bp(high, a)
            } else {
                Some(10_000)
            }
        }
        Nature::Qualitative => None,
    }
}

/// Project completion from (completion bp, weight cp) of its filled indicators: weighted by 权重
/// when every filled indicator has one, else the plain mean; half up.
pub fn project_completion_bp(rows: &[(i64, Option<i64>)]) -> Option<i64> {
    if rows.is_empty() {
        return None;
    }
    let weighted = rows.iter().all(|(_, w)| w.is_some_and(|w| w > 0));
    let (sum, total) = rows.iter().fold((0i128, 0i128), |(s, t), (bp, w)| {
        let w = if weighted {
            i128::from(w.unwrap_or(0))
        } else {
            1
        };
        (s + i128::from(*bp) * w, t + w)
    });
    Some(((sum * 2 + total) / (2 * total)) as i64)
}

/// 执行率 in bp (not capped: over-spending shows), half up.
pub fn execution_bp(executed_fen: i64, budget_fen: i64) -> Option<i64> {
    rate_bp(executed_fen, budget_fen)
}

/// 时间进度 of a 1–N月 round: N/12, in bp.
pub fn time_progress_bp(cutoff_month: i64) -> i64 {
    rate_bp(cutoff_month, 12).unwrap_or(0)
}

/// The light: 红灯 if execution lags time progress by more than the red line or any indicator
/// is 完全不可能; 黄灯 for the yellow line or 有可能; else 绿灯. None until the sheet is filled.
pub fn warning(
    lines: &WarningLines,
    execution_bp: Option<i64>,
    time_bp: i64,
    possibilities: &[Possibility],
) -> Option<Warning> {
    let lag = time_bp - execution_bp?;
    Some(
        if lag > lines.red_lag_bp || possibilities.contains(&Possibility::Impossible) {
            Warning::Red
        } else if lag > lines.yellow_lag_bp || possibilities.contains(&Possibility::Possible) {
            Warning::Yellow
        } else {
            Warning::Green
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completion_follows_the_direction_of_the_indicator() {
        assert_eq!(
            indicator_completion_bp(Nature::AtLeast, "5000", None, "3000"),
            Some(6000)
        );
        assert_eq!(
            indicator_completion_bp(Nature::AtLeast, "5000", None, "6000"),
            Some(10_000)
        );
        assert_eq!(
            indicator_completion_bp(Nature::AtMost, "3000", None, "4000"),
            Some(7500)
        );
        assert_eq!(
            indicator_completion_bp(Nature::AtMost, "3000", None, "0"),
            Some(10_000)
        );
        assert_eq!(
            indicator_completion_bp(Nature::Range, "85", Some("95"), "80"),
            Some(9412)
        );
        assert_eq!(
            indicator_completion_bp(Nature::Range, "85", Some("95"), "90"),
            Some(10_000)
        );
        assert_eq!(
            indicator_completion_bp(Nature::Qualitative, "明显提升", None, "部分达成"),
            Some(8000)
        );
        assert_eq!(
            indicator_completion_bp(Nature::AtLeast, "5000", None, "约三千"),
            None
        );
    }

    #[test]
    fn project_completion_is_weighted_only_when_every_row_has_a_weight() {
        assert_eq!(
            project_completion_bp(&[(6000, Some(3000)), (10_000, Some(1000))]),
            Some(7000)
        );
        assert_eq!(
            project_completion_bp(&[(6000, Some(3000)), (10_000, None)]),
            Some(8000)
        );
        assert_eq!(project_completion_bp(&[]), None);
    }

    #[test]
    fn warning_lines_compare_execution_with_time_progress() {
        let lines = WarningLines {
            yellow_lag_bp: 1500,
            red_lag_bp: 3000,
        };
        let t = time_progress_bp(8);
        assert_eq!(t, 6667);
        assert_eq!(warning(&lines, Some(3666), t, &[]), Some(Warning::Red));
        assert_eq!(warning(&lines, Some(3667), t, &[]), Some(Warning::Yellow));
        assert_eq!(warning(&lines, Some(5167), t, &[]), Some(Warning::Green));
        assert_eq!(
            warning(&lines, Some(9000), t, &[Possibility::Impossible]),
            Some(Warning::Red)
        );
        assert_eq!(warning(&lines, None, t, &[]), None);
    }
}
