//! The arithmetic of 成本预算绩效分析, in integers (分, 1/100 units, basis points). Every formula:
//!
//! - 总成本 = 人员 + 运维 + 材料 + 其他 (分).
//! - 单位成本 (分 per 计量单位) = 总成本 ÷ 数量, where 数量 is stored in 1/100 units
//!   (`quantity_c`): `total_fen × 100 ÷ quantity_c`, rounded half up to the 分.
//! - Quantiles (P25, 中位数 P50, P75) use linear interpolation between the closest ranks — the
//!   method of Excel/WPS `QUARTILE.INC` and `MEDIAN` (R type 7), so the bureau can check a figure
//!   in a spreadsheet. Sorted values x₀ ≤ … ≤ xₙ₋₁ and p = k/4: the position h = (n − 1)·k/4 splits
//!   into i = ⌊h⌋ and the remainder r = (n − 1)·k mod 4 (quarters); the quantile is
//!   xᵢ + (xᵢ₊₁ − xᵢ)·r/4, rounded half up to the 分. So the median of an even count is the mean
//!   of the two middle values (rounded half up), of an odd count the middle value.
//! - 偏离度 (basis points) = (单位成本 − 中位数) × 10000 ÷ 中位数, rounded half away from zero;
//!   none when the median is 0.
//! - 异常值 (Tukey's fences): below P25 − 1.5·IQR (偏低) or above P75 + 1.5·IQR (偏高), where
//!   IQR = P75 − P25 and 1.5·IQR is rounded half up to the 分. A value on a fence is not an outlier.
//! - 定额 (budget allowed by the standard) = 标准单位成本 × 数量 = `standard_fen × quantity_c ÷ 100`,
//!   rounded half up; 建议压减额 = max(0, 下年申请数 − 定额).

use crate::rate::div_half_up;

/// 总成本 of the four parts (分).
pub fn total_fen(parts: [i64; 4]) -> i64 {
    parts.iter().sum()
}

/// 单位成本 (分 per unit) of `total_fen` over `quantity_c` hundredths of a unit; None when the
/// quantity is not positive.
pub fn unit_cost_fen(total_fen: i64, quantity_c: i64) -> Option<i64> {
    div_half_up(i128::from(total_fen) * 100, i128::from(quantity_c))
}

/// The `k`/4 quantile (k = 1: P25, 2: median, 3: P75) of `sorted` (ascending), as the module doc
/// defines it; None for an empty list.
pub fn quartile(sorted: &[i64], k: u8) -> Option<i64> {
    let n = sorted.len();
    let last = n.checked_sub(1)?;
    let pos = last * usize::from(k);
    let (i, r) = (pos / 4, (pos % 4) as i128);
    let lo = sorted[i];
    if r == 0 {
        return Some(lo);
    }
    let hi = sorted[(i + 1).min(last)];
    let step = div_half_up(i128::from(hi - lo) * r, 4)?;
    Some(lo + step)
}

/// The three figures of a set of unit costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quartiles {
    pub p25: i64,
    pub median: i64,
    pub p75: i64,
}

impl Quartiles {
    /// P25 / median / P75 of `values` (any order); None when empty.
    pub fn of(values: &[i64]) -> Option<Quartiles> {
        let mut v = values.to_vec();
        v.sort_unstable();
        Some(Quartiles {
            p25: quartile(&v, 1)?,
            median: quartile(&v, 2)?,
            p75: quartile(&v, 3)?,
        })
    }

    /// (low fence, high fence) = (P25 − 1.5·IQR, P75 + 1.5·IQR).
    pub fn fences(&self) -> (i64, i64) {
        let iqr = self.p75 - self.p25;
        let reach = div_half_up(i128::from(iqr) * 3, 2).unwrap_or(0);
        (self.p25 - reach, self.p75 + reach)
    }

    /// "偏高" / "偏低" for a value outside the fences, None inside (or on) them.
    pub fn outlier(&self, value: i64) -> Option<&'static str> {
        let (low, high) = self.fences();
        if value > high {
            Some("偏高")
        } else if value < low {
            Some("偏低")
        } else {
            None
        }
    }
}

/// 偏离度 of `value` from `median` in basis points, rounded half away from zero.
pub fn deviation_bp(value: i64, median: i64) -> Option<i64> {
    if median <= 0 {
        return None;
    }
    let num = i128::from(value - median) * 10_000;
    let mag = div_half_up(num.abs(), i128::from(median))?;
    Some(if num < 0 { -mag } else { mag })
}

/// 定额: what the standard allows for `quantity_c` hundredths of a unit (分).
pub fn allowed_fen(standard_fen: i64, quantity_c: i64) -> i64 {
    div_half_up(i128::from(standard_fen) * i128::from(quantity_c), 100).unwrap_or(0)
}

/// 建议压减额: the part of the request above the allowance (never negative).
pub fn suggested_cut_fen(request_fen: i64, allowed_fen: i64) -> i64 {
    (request_fen - allowed_fen).max(0)
}

/// 数量 in hundredths as the text a person writes: "120", "12.5", "0.25".
pub fn quantity_text(quantity_c: i64) -> String {
    let (int, frac) = (quantity_c / 100, quantity_c % 100);
    match frac {
        0 => int.to_string(),
        f if f % 10 == 0 => format!("{int}.{}", f / 10),
        f => format!("{int}.{f:02}"),
    }
}

/// Parses 数量: a positive decimal with at most two decimals ("120", "12.5", "1,200").
pub fn parse_quantity(text: &str) -> Result<i64, String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if t.is_empty() {
        return Err("不能为空，请填写成本动因的数量，如 120".into());
    }
    let (int, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    // Trailing zeros beyond the second decimal carry no value (a float cell "12.500").
    let frac = frac.trim_end_matches('0');
    if int.is_empty() || !digits(int) || !digits(frac) {
        return Err(format!(
            "『{}』不是数量，请填写正数，如 120 或 12.5",
            text.trim()
        ));
    }
    if frac.len() > 2 {
        return Err(format!("『{}』最多保留两位小数", text.trim()));
    }
    let whole: i64 = int
        .parse()
        .ok()
        .filter(|v: &i64| *v < 1_000_000_000_000)
        .ok_or_else(|| format!("『{}』数量过大", text.trim()))?;
    let frac_c: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    let q = whole * 100 + frac_c;
    if q <= 0 {
        return Err("数量必须大于 0".into());
    }
    Ok(q)
}

/// 分 as 元 with two decimals: 325000 → "3250.00".
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

/// Parses an amount in 元 (at most two decimals, positive) into 分.
pub fn parse_yuan(text: &str) -> Result<i64, String> {
    let q = parse_quantity(text).map_err(|_| {
        format!(
            "『{}』不是金额，请填写元数（最多两位小数），如 3250.50",
            text.trim()
        )
    })?;
    Ok(q)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quartiles_of_an_odd_count_are_exact() {
        // 5 values: h = 4k/4 = k, so the quartiles are values themselves.
        let q = Quartiles::of(&[500, 100, 300, 200, 400]).unwrap();
        assert_eq!((q.p25, q.median, q.p75), (200, 300, 400));
    }

    #[test]
    fn quartiles_of_an_even_count_interpolate_and_round_half_up() {
        // 4 values 100, 200, 400, 1000: P25 at h = 0.75 → 100 + 0.75·100 = 175;
        // median at h = 1.5 → (200 + 400)/2 = 300; P75 at h = 2.25 → 400 + 0.25·600 = 550.
        let q = Quartiles::of(&[1000, 100, 400, 200]).unwrap();
        assert_eq!((q.p25, q.median, q.p75), (175, 300, 550));
        // Median of 101 and 102 is 101.5 → 102 (half up); P25 of [1, 2] is 1.25 → 1.
        let q = Quartiles::of(&[101, 102]).unwrap();
        assert_eq!((q.p25, q.median, q.p75), (101, 102, 102));
        // 6 values: P25 at h = 1.25, median at 2.5, P75 at 3.75 (as QUARTILE.INC gives).
        let q = Quartiles::of(&[10, 20, 30, 40, 50, 61]).unwrap();
        assert_eq!((q.p25, q.median, q.p75), (23, 35, 48));
        assert_eq!(Quartiles::of(&[]), None);
        let one = Quartiles::of(&[7]).unwrap();
        assert_eq!((one.p25, one.median, one.p75), (7, 7, 7));
    }

    #[test]
    fn outliers_lie_beyond_one_and_a_half_iqr() {
        let q = Quartiles::of(&[100, 200, 300, 400, 500]).unwrap();
        assert_eq!(q.fences(), (-100, 700));
        assert_eq!(q.outlier(700), None);
        assert_eq!(q.outlier(701), Some("偏高"));
        assert_eq!(q.outlier(-101), Some("偏低"));
    }

    #[test]
    fn unit_cost_and_deviation_round_as_documented() {
        // 100 元 over 3 units = 33.333… 元 → 3333 分; over 2.5 units → 40 元.
        assert_eq!(unit_cost_fen(10_000, 300), Some(3333));
        assert_eq!(unit_cost_fen(10_000, 250), Some(4000));
        assert_eq!(unit_cost_fen(10_000, 0), None);
        assert_eq!(deviation_bp(150, 100), Some(5000));
        assert_eq!(deviation_bp(1, 3), Some(-6667));
        assert_eq!(deviation_bp(5, 0), None);
    }

    #[test]
    fn cut_is_the_request_above_standard_times_quantity() {
        // 3,000 元 per 座 × 12.5 座 = 37,500 元; a 40,000 元 request → 2,500 元 cut.
        let allowed = allowed_fen(300_000, 1250);
        assert_eq!(allowed, 3_750_000);
        assert_eq!(suggested_cut_fen(4_000_000, allowed), 250_000);
        assert_eq!(suggested_cut_fen(3_000_000, allowed), 0);
    }

    #[test]
    fn quantities_parse_to_hundredths_and_print_back() {
        assert_eq!(parse_quantity("120"), Ok(12_000));
        assert_eq!(parse_quantity("12.5"), Ok(1250));
        assert_eq!(parse_quantity("1,200.25"), Ok(120_025));
        assert_eq!(parse_quantity("12.500"), Ok(1250));
        assert!(parse_quantity("0").is_err());
        assert!(parse_quantity("1.234").is_err());
        assert!(parse_quantity("约五十").is_err());
        assert!(parse_quantity("-3").is_err());
        assert_eq!(quantity_text(1250), "12.5");
        assert_eq!(quantity_text(12_000), "120");
        assert_eq!(quantity_text(25), "0.25");
        assert_eq!(yuan(325_050), "3250.50");
        assert_eq!(parse_yuan("3250.5"), Ok(325_050));
    }
}
