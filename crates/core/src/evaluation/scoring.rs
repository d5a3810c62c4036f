//! The scoring formulas of 绩效评价, in integers (domain §2.3, §2.4, §6):
//! 预算执行率 score = rate × 分值 capped at 分值; an indicator earns its 完成率 × 分值 (≥: actual ÷
//! target, ≤: target ÷ actual, capped at 100%; 定性: 达成 / 部分达成 / 未达成); "threshold +
//! deduction per point" items; and the 不适用 rescale to 100.

use crate::indicator::Nature;
use crate::monitoring::math::{indicator_completion_bp, micro};
use crate::rate::div_half_up;

/// `weight × bp / 10000`, half up.
pub fn share_of(weight_cp: i64, bp: i64) -> i64 {
    div_half_up(i128::from(weight_cp) * i128::from(bp), 10_000).unwrap_or(0)
}

/// 预算执行率 item: 执行率 × 分值, capped at 分值; 0 when there is no budget.
pub fn execution_score_cp(executed_fen: i64, budget_fen: i64, weight_cp: i64) -> i64 {
    if budget_fen <= 0 {
        return 0;
    }
    let score = div_half_up(
        i128::from(executed_fen) * i128::from(weight_cp),
        i128::from(budget_fen),
    )
    .unwrap_or(0);
    score.clamp(0, weight_cp)
}

/// One indicator's score: its 完成率 (capped at 100%) × 分值. None while `actual` is empty or
/// not a value of the indicator's nature.
pub fn indicator_score_cp(
    nature: Nature,
    value: &str,
    value_high: Option<&str>,
    actual: &str,
    weight_cp: i64,
) -> Option<i64> {
    let bp = indicator_completion_bp(nature, value, value_high, actual)?;
    Some(share_of(weight_cp, bp.min(10_000)))
}

/// "Threshold + deduction per point, floor 0" (部门整体 在职人员控制率 ≤100% 满分, −0.5 per
/// percentage point over): `actual` and `threshold` are percentages as decimal text; the
/// deduction is proportional to the excess, half up. None when `actual` is not a number.
pub fn deduction_score_cp(
    actual: &str,
    threshold: &str,
    deduct_cp_per_point: i64,
    weight_cp: i64,
) -> Option<i64> {
    let a = signed_micro(actual)?;
    let t = signed_micro(threshold)?;
    if a <= t {
        return Some(weight_cp);
    }
    let deduction = div_half_up((a - t) * i128::from(deduct_cp_per_point), 1_000_000)?;
    Some((weight_cp - deduction).max(0))
}

/// Like `micro` but allows a leading minus (变动率 can be negative).
fn signed_micro(text: &str) -> Option<i128> {
    let t = text.trim().trim_end_matches('%');
    match t.strip_prefix('-') {
        Some(rest) => micro(rest).map(|v| -v),
        None => micro(t),
    }
}

/// Total of a sheet where some items are 不适用: the applicable items' scores rescaled so that
/// their 分值 count as 100 分. `(weight, score, applicable)` per item.
pub fn rescaled_total_cp(items: &[(i64, i64, bool)]) -> i64 {
    let (weights, scores) = items
        .iter()
        .filter(|(_, _, applicable)| *applicable)
        .fold((0i128, 0i128), |(w, s), (wt, sc, _)| {
            (w + i128::from(*wt), s + i128::from(*sc))
        });
    let all: i128 = items.iter().map(|(w, _, _)| i128::from(*w)).sum();
    if weights == 0 {
        return 0;
    }
    if weights == all {
        return scores as i64;
    }
    div_half_up(scores * all, weights).unwrap_or(0)
}

/// Splits `total_cp` over `n` items in proportion to `shares` (equal when all are 0), by the
/// largest remainder so the parts add up exactly.
pub fn distribute(total_cp: i64, shares: &[i64]) -> Vec<i64> {
    let n = shares.len();
    if n == 0 {
        return Vec::new();
    }
    let shares: Vec<i128> = if shares.iter().all(|s| *s <= 0) {
        vec![1; n]
    } else {
        shares.iter().map(|s| i128::from((*s).max(0))).collect()
    };
    let sum: i128 = shares.iter().sum();
    let total = i128::from(total_cp);
    let mut parts: Vec<(usize, i128, i128)> = shares
        .iter()
        .enumerate()
        .map(|(i, s)| (i, total * s / sum, total * s % sum))
        .collect();
    let mut left = total - parts.iter().map(|p| p.1).sum::<i128>();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|a, b| parts[*b].2.cmp(&parts[*a].2).then(a.cmp(b)));
    for i in order {
        if left <= 0 {
            break;
        }
        parts[i].1 += 1;
        left -= 1;
    }
    parts.into_iter().map(|p| p.1 as i64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn execution_score_is_rate_times_weight_capped() {
        // 73.17% of 10 分 = 7.32 分 (half up from 7.317).
        assert_eq!(execution_score_cp(7317, 10000, 1000), 732);
        assert_eq!(execution_score_cp(12000, 10000, 1000), 1000);
        assert_eq!(execution_score_cp(5, 0, 1000), 0);
    }

    #[test]
    fn positive_indicator_scores_actual_over_target_and_negative_the_inverse() {
        // ≥ 100 km, 90 done, 20 分 → 18 分; ≤ 5 天, 8 天 → 5/8 × 20 = 12.5 分.
        assert_eq!(
            indicator_score_cp(Nature::AtLeast, "100", None, "90", 2000),
            Some(1800)
        );
        assert_eq!(
            indicator_score_cp(Nature::AtLeast, "100", None, "130", 2000),
            Some(2000)
        );
        assert_eq!(
            indicator_score_cp(Nature::AtMost, "5", None, "8", 2000),
            Some(1250)
        );
        assert_eq!(
            indicator_score_cp(Nature::Qualitative, "好", None, "部分达成", 1000),
            Some(800)
        );
        assert_eq!(
            indicator_score_cp(Nature::AtLeast, "100", None, "", 1000),
            None
        );
    }

    #[test]
    fn deduction_items_lose_per_point_over_the_threshold_down_to_zero() {
        // 在职人员控制率 5 分, ≤100% 满分, −0.5 per point: 103.5% → 5 − 1.75 = 3.25.
        assert_eq!(deduction_score_cp("103.5", "100", 50, 500), Some(325));
        assert_eq!(deduction_score_cp("99", "100", 50, 500), Some(500));
        assert_eq!(deduction_score_cp("-3", "0", 80, 800), Some(800));
        assert_eq!(deduction_score_cp("20", "0", 80, 800), Some(0));
    }

    #[test]
    fn not_applicable_items_rescale_the_rest_to_100() {
        // 80 of the 90 applicable points → 88.89.
        assert_eq!(
            rescaled_total_cp(&[(9000, 8000, true), (1000, 0, false)]),
            8889
        );
        assert_eq!(
            rescaled_total_cp(&[(5000, 4000, true), (5000, 5000, true)]),
            9000
        );
    }

    #[test]
    fn distribute_adds_up_exactly() {
        assert_eq!(distribute(5000, &[0, 0, 0]), vec![1667, 1667, 1666]);
        assert_eq!(distribute(3000, &[10, 20]), vec![1000, 2000]);
    }
}
