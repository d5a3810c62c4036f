//! Money as integer 分 (`Fen`). 1 万元 = 1,000,000 分. Parsing of 万元 text is exact decimal
//! (no floats): up to 6 decimals of 万元 is exactly 1 分; more is refused, not rounded.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount in 分 (1/100 元). Serialises as a plain integer (safe in JS below 2^53).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
#[ts(export, type = "number")]
pub struct Fen(pub i64);

pub const FEN_PER_WAN: i64 = 1_000_000;

/// The largest amount a clerk may type: 999,999,999.999999 万元 (just under 10 万亿元, far above any
/// county's whole budget). Above it is a typing slip, refused with the limit in the message.
pub const MAX_WAN_TEXT: &str = "999999999.999999";
const MAX_FEN: i64 = 1_000_000_000 * FEN_PER_WAN - 1;

fn too_large(text: &str) -> String {
    format!(
        "金额过大：『{}』，最多可填 {MAX_WAN_TEXT} 万元",
        text.trim()
    )
}

impl Fen {
    pub fn from_wan(wan: i64) -> Fen {
        Fen(wan * FEN_PER_WAN)
    }

    /// Parses 万元 written as a decimal (`1286.5`, `1,286.50`, `-3`, `0.000001`).
    /// Returns a Chinese reason on failure.
    pub fn parse_wan(text: &str) -> Result<Fen, String> {
        let t: String = text
            .trim()
            .chars()
            .filter(|c| *c != ',' && *c != '，' && !c.is_whitespace())
            .collect();
        let t = t.strip_suffix("万元").unwrap_or(&t);
        if t.is_empty() {
            return Err("不能为空".into());
        }
        let (neg, digits) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (int_part, frac_part) = match digits.split_once('.') {
            Some((i, f)) => (i, f),
            None => (digits, ""),
        };
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (int_part.is_empty() && frac_part.is_empty())
            || !all_digits(int_part)
            || !all_digits(frac_part)
        {
            return Err(format!(
                "不是金额：『{}』，请填写万元数，如 1286.50",
                text.trim()
            ));
        }
        if frac_part.len() > 6 {
            return Err(format!(
                "『{}』小数位超过6位（万元最多精确到分，即6位小数）",
                text.trim()
            ));
        }
        let int_val: i64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| too_large(text))?
        };
        let frac_val: i64 = if frac_part.is_empty() {
            0
        } else {
            format!("{frac_part:0<6}")
                .parse()
                .map_err(|_| format!("不是金额：『{}』", text.trim()))?
        };
        let fen = int_val
            .checked_mul(FEN_PER_WAN)
            .and_then(|v| v.checked_add(frac_val))
            .filter(|v| *v <= MAX_FEN)
            .ok_or_else(|| too_large(text))?;
        Ok(Fen(if neg { -fen } else { fen }))
    }

    /// 万元 with exactly two decimals, half away from zero: 12,865,000 分 → "12.87".
    pub fn wan_2dp(self) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        // Two decimals of 万元 = 10,000 分.
        let hundredths = (abs + 5_000) / 10_000;
        format!(
            "{}{}.{:02}",
            if neg && hundredths > 0 { "-" } else { "" },
            hundredths / 100,
            hundredths % 100
        )
    }

    /// 万元 with as many decimals as needed to be exact (for export cells), e.g. "1286.5".
    pub fn wan_exact(self) -> String {
        let neg = self.0 < 0;
        let abs = self.0.unsigned_abs();
        let int = abs / FEN_PER_WAN as u64;
        let frac = abs % FEN_PER_WAN as u64;
        let sign = if neg { "-" } else { "" };
        if frac == 0 {
            format!("{sign}{int}")
        } else {
            let f = format!("{frac:06}");
            format!("{sign}{int}.{}", f.trim_end_matches('0'))
        }
    }
}

impl std::ops::Add for Fen {
    type Output = Fen;
    fn add(self, rhs: Fen) -> Fen {
        Fen(self.0 + rhs.0)
    }
}

impl std::iter::Sum for Fen {
    fn sum<I: Iterator<Item = Fen>>(iter: I) -> Fen {
        Fen(iter.map(|f| f.0).sum())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_wan_text_exactly_to_fen() {
        assert_eq!(Fen::parse_wan("1286.5"), Ok(Fen(1_286_500_000)));
        assert_eq!(Fen::parse_wan("1,286.50"), Ok(Fen(1_286_500_000)));
        assert_eq!(Fen::parse_wan("0.000001"), Ok(Fen(1)));
        assert_eq!(Fen::parse_wan(" 300 "), Ok(Fen(300_000_000)));
        assert_eq!(Fen::parse_wan("-2.18"), Ok(Fen(-2_180_000)));
        assert_eq!(Fen::parse_wan(".5"), Ok(Fen(500_000)));
    }

    #[test]
    fn refuses_text_that_is_not_an_amount() {
        assert!(Fen::parse_wan("约五十").unwrap_err().contains("约五十"));
        assert!(Fen::parse_wan("1.0000001").unwrap_err().contains("6位"));
        assert!(Fen::parse_wan("").is_err());
        assert!(Fen::parse_wan("1.2.3").is_err());
        assert!(Fen::parse_wan("99999999999999999").is_err());
    }

    #[test]
    fn a_too_large_amount_is_refused_with_the_limit_stated() {
        assert_eq!(
            Fen::parse_wan("999999999.999999"),
            Ok(Fen(999_999_999_999_999))
        );
        for text in ["1000000000", "99999999999999999", "-1000000000"] {
            let e = Fen::parse_wan(text).unwrap_err();
            assert!(
                e.contains("金额过大") && e.contains("最多可填 999999999.999999 万元"),
                "{e}"
            );
        }
    }

    #[test]
    fn formats_wan_with_two_decimals_rounding_half_up() {
        assert_eq!(Fen(12_865_000).wan_2dp(), "12.87");
        assert_eq!(Fen(12_864_999).wan_2dp(), "12.86");
        assert_eq!(Fen(0).wan_2dp(), "0.00");
        assert_eq!(Fen(-2_180_000).wan_2dp(), "-2.18");
        assert_eq!(Fen(790_485_000_000 / 100).wan_2dp(), "7904.85");
    }

    #[test]
    fn exact_wan_round_trips_through_parse() {
        for fen in [0, 1, 1_286_500_000, 123_456_789, -42] {
            assert_eq!(Fen::parse_wan(&Fen(fen).wan_exact()), Ok(Fen(fen)));
        }
    }
}
