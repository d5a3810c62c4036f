//! Rates and shares in integers: the one place that divides and rounds half up. Basis points
//! (7317 = 73.17%) for rates; the same rounding for weighted means of rates.

/// `num / den` rounded half up, for non-negative inputs; None when `den` is not positive.
pub fn div_half_up(num: i128, den: i128) -> Option<i64> {
    (den > 0).then(|| ((num * 2 + den) / (2 * den)) as i64)
}

/// `part / whole` in basis points, rounded half up; None when `whole` is 0.
pub fn rate_bp(part: i64, whole: i64) -> Option<i64> {
    div_half_up(i128::from(part) * 10_000, i128::from(whole))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_of_1176_over_1405_is_8370_bp() {
        assert_eq!(rate_bp(1176, 1405), Some(8370));
        assert_eq!(rate_bp(1, 3), Some(3333));
        assert_eq!(rate_bp(2, 3), Some(6667));
        assert_eq!(rate_bp(0, 0), None);
    }

    #[test]
    fn large_money_products_do_not_overflow() {
        // 100亿 in 分 weighted by a 100% rate, over 3,000 projects.
        let weighted = 10_000i128 * 1_000_000_000_000 * 3_000;
        assert_eq!(
            div_half_up(weighted, 1_000_000_000_000 * 3_000),
            Some(10_000)
        );
    }
}
