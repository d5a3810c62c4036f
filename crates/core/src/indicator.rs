//! The vocabulary of a 三级指标 row, shared by the 指标库, 案例 and 绩效目标: 一级/二级 (fixed
//! enums), 指标性质, and the 指标值 text. Values are kept as decimal text, never floats; 区间 has
//! a low and a high bound; 定性 keeps its words.

use crate::text_enum;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

text_enum! {
    /// 一级指标.
    pub enum Level1 {
        Output = "产出指标",
        Benefit = "效益指标",
        Satisfaction = "满意度指标",
    }
}

text_enum! {
    /// 二级指标; each belongs to exactly one [`Level1`].
    pub enum Level2 {
        Quantity = "数量指标",
        Quality = "质量指标",
        Timeliness = "时效指标",
        Cost = "成本指标",
        Economic = "经济效益指标",
        Social = "社会效益指标",
        Ecological = "生态效益指标",
        Sustainable = "可持续影响指标",
        ServiceSatisfaction = "服务对象满意度指标",
    }
}

text_enum! {
    /// 指标性质: comparison direction, a range, or qualitative.
    pub enum Nature {
        AtLeast = "≥",
        AtMost = "≤",
        Equal = "=",
        Greater = ">",
        Less = "<",
        Range = "区间",
        Qualitative = "定性",
    }
}

impl Level1 {
    /// Accepts the short forms found in county workbooks ("产出", "效益", "满意度").
    pub fn parse_loose(text: &str) -> Option<Level1> {
        let t = text.trim();
        Level1::parse(t).or_else(|| Level1::parse(&format!("{t}指标")))
    }
}

impl Level2 {
    pub fn level1(self) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness | Level2::Cost => {
                Level1::Output
            }
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => {
                Level1::Benefit
            }
            Level2::ServiceSatisfaction => Level1::Satisfaction,
        }
    }

    /// The 二级 allowed under a 一级, in form order.
    pub fn under(level1: Level1) -> Vec<Level2> {
        Level2::ALL
            .iter()
            .copied()
            .filter(|l| l.level1() == level1)
            .collect()
    }

    /// Accepts short forms ("数量", "经济效益", "可持续影响", "服务对象满意度", "满意度").
    pub fn parse_loose(text: &str) -> Option<Level2> {
        let t = text.trim();
        if t == "满意度" || t == "满意度指标" {
            return Some(Level2::ServiceSatisfaction);
        }
        Level2::parse(t).or_else(|| Level2::parse(&format!("{t}指标")))
    }
}

impl Nature {
    /// 定量 (counts toward 量化率) unless 定性.
    pub fn is_quantitative(self) -> bool {
        self != Nature::Qualitative
    }

    /// Accepts ASCII and word forms: ">=", "大于等于", "不低于" …
    pub fn parse_loose(text: &str) -> Option<Nature> {
        let t = text.trim();
        Nature::parse(t).or(match t {
            ">=" | "≧" | "大于等于" | "不低于" | "不少于" => Some(Nature::AtLeast),
            "<=" | "≦" | "小于等于" | "不高于" | "不超过" | "不多于" => {
                Some(Nature::AtMost)
            }
            "＝" | "等于" => Some(Nature::Equal),
            "＞" | "大于" => Some(Nature::Greater),
            "＜" | "小于" => Some(Nature::Less),
            "范围" | "区间值" => Some(Nature::Range),
            "定性指标" => Some(Nature::Qualitative),
            _ => None,
        })
    }
}

/// A 指标值 in normalized form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IndicatorValue {
    /// Decimal text (the low bound for 区间), or the words of a 定性 value.
    pub value: String,
    /// Upper bound, only for 区间.
    pub value_high: Option<String>,
}

/// Normalizes a plain decimal ("95", "98.50", " 3,200 ") or says why not. No sign, no unit.
pub fn parse_decimal(text: &str) -> Result<String, String> {
    let t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    let t = t.trim_end_matches('%').trim_end_matches('％').trim();
    let valid = !t.is_empty()
        && t.chars().all(|c| c.is_ascii_digit() || c == '.')
        && t.matches('.').count() <= 1
        && !t.starts_with('.')
        && !t.ends_with('.');
    if !valid {
        return Err(format!(
            "『{}』不是数字，请填写如 95 或 98.5 的数值",
            text.trim()
        ));
    }
    let t = if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.')
    } else {
        t
    };
    let t = t.trim_start_matches('0');
    Ok(if t.is_empty() || t.starts_with('.') {
        format!("0{t}")
    } else {
        t.to_string()
    })
}

/// Parses the 指标值 cell/field for a nature. 区间 accepts "80-100", "80~100", "80～100",
/// "80至100" and "[80,100]"; the low bound must not exceed the high bound.
pub fn parse_value(nature: Nature, text: &str) -> Result<IndicatorValue, String> {
    let t = text.trim();
    match nature {
        Nature::Qualitative => {
            if t.is_empty() {
                Err("定性指标需要填写指标值（如『明显提升』）".into())
            } else {
                Ok(IndicatorValue {
                    value: t.to_string(),
                    value_high: None,
                })
            }
        }
        Nature::Range => {
            let inner = t
                .trim_start_matches(['[', '【', '('])
                .trim_end_matches([']', '】', ')']);
            let parts: Vec<&str> = inner
                .split(['-', '~', '～', '至', ',', '，', '—'])
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() != 2 {
                return Err(format!(
                    "区间指标值应写成『下限-上限』，如 85-95，现为『{t}』"
                ));
            }
            let low = parse_decimal(parts[0])?;
            let high = parse_decimal(parts[1])?;
            if compare_decimal(&low, &high) == std::cmp::Ordering::Greater {
                return Err(format!("区间下限 {low} 大于上限 {high}"));
            }
            Ok(IndicatorValue {
                value: low,
                value_high: Some(high),
            })
        }
        _ => Ok(IndicatorValue {
            value: parse_decimal(t)?,
            value_high: None,
        }),
    }
}

/// Shows a value the way forms write it: "85-95" for 区间, else the value.
pub fn display_value(value: &str, value_high: Option<&str>) -> String {
    match value_high {
        Some(h) => format!("{value}-{h}"),
        None => value.to_string(),
    }
}

/// Orders two normalized non-negative decimals without floats.
pub fn compare_decimal(a: &str, b: &str) -> std::cmp::Ordering {
    let split = |s: &str| {
        let (i, f) = s.split_once('.').unwrap_or((s, ""));
        (i.to_string(), f.to_string())
    };
    let (ai, af) = split(a);
    let (bi, bf) = split(b);
    ai.len()
        .cmp(&bi.len())
        .then_with(|| ai.cmp(&bi))
        .then_with(|| {
            let n = af.len().max(bf.len());
            format!("{af:0<n$}").cmp(&format!("{bf:0<n$}"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level2_belongs_to_its_level1() {
        assert_eq!(Level2::Cost.level1(), Level1::Output);
        assert_eq!(Level2::Sustainable.level1(), Level1::Benefit);
        assert_eq!(
            Level2::under(Level1::Satisfaction),
            vec![Level2::ServiceSatisfaction]
        );
    }

    #[test]
    fn short_forms_from_county_workbooks_are_accepted() {
        assert_eq!(Level1::parse_loose("产出"), Some(Level1::Output));
        assert_eq!(Level2::parse_loose("经济效益"), Some(Level2::Economic));
        assert_eq!(
            Level2::parse_loose("满意度"),
            Some(Level2::ServiceSatisfaction)
        );
        assert_eq!(Nature::parse_loose(">="), Some(Nature::AtLeast));
        assert_eq!(Nature::parse_loose("不超过"), Some(Nature::AtMost));
    }

    #[test]
    fn decimals_are_normalized_exactly() {
        assert_eq!(parse_decimal("98.50").as_deref(), Ok("98.5"));
        assert_eq!(parse_decimal(" 3,200 ").as_deref(), Ok("3200"));
        assert_eq!(parse_decimal("95%").as_deref(), Ok("95"));
        assert_eq!(parse_decimal("0.0").as_deref(), Ok("0"));
        assert_eq!(parse_decimal("007").as_deref(), Ok("7"));
        assert!(parse_decimal("约五十").unwrap_err().contains("约五十"));
        assert!(parse_decimal("1.2.3").is_err());
    }

    #[test]
    fn ranges_parse_in_the_forms_clerks_write() {
        for text in ["85-95", "85~95", "85～95", "[85,95]", "85至95"] {
            let v = parse_value(Nature::Range, text).unwrap();
            assert_eq!(
                (v.value.as_str(), v.value_high.as_deref()),
                ("85", Some("95"))
            );
        }
        assert!(parse_value(Nature::Range, "95-85")
            .unwrap_err()
            .contains("大于上限"));
        assert!(parse_value(Nature::Range, "95").is_err());
    }

    #[test]
    fn qualitative_keeps_words_and_needs_some() {
        assert_eq!(
            parse_value(Nature::Qualitative, " 明显提升 ")
                .unwrap()
                .value,
            "明显提升"
        );
        assert!(parse_value(Nature::Qualitative, "").is_err());
    }

    #[test]
    fn decimal_order_is_numeric_not_textual() {
        use std::cmp::Ordering::*;
        assert_eq!(compare_decimal("9", "10"), Less);
        assert_eq!(compare_decimal("10.5", "10.45"), Greater);
        assert_eq!(compare_decimal("3", "3.0"), Equal);
    }
}
