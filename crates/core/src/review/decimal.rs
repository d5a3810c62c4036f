//! Exact decimal text → integer micro-units (×1,000,000), so values compare without floats.

/// "95" → 95_000_000; "98.5%" → 98_500_000; "≥90%" → 90_000_000 when `loose`; None when the
/// text is not a plain number (more than 6 decimals are cut, never rounded up).
pub fn micro(text: &str) -> Option<i128> {
    parse(text, false)
}

/// Like [`micro`] but accepts a leading comparison sign and a trailing 「%」, as 指标库 参考值
/// are written (「≥90%」「100%」).
pub fn micro_loose(text: &str) -> Option<i128> {
    parse(text, true)
}

fn parse(text: &str, loose: bool) -> Option<i128> {
    let mut t: String = text
        .trim()
        .chars()
        .filter(|c| *c != ',' && *c != '，')
        .collect();
    if loose {
        t = t
            .trim_start_matches(['≥', '≤', '>', '<', '=', '＞', '＜', '＝'])
            .trim()
            .to_string();
    }
    let t = t.trim_end_matches(['%', '％']).trim();
    if t.is_empty()
        || !t.chars().all(|c| c.is_ascii_digit() || c == '.')
        || t.matches('.').count() > 1
        || t.starts_with('.')
        || t.ends_with('.')
    {
        return None;
    }
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    if int.len() > 20 {
        return None;
    }
    let int: i128 = int.parse().ok()?;
    let mut frac6: String = frac.chars().take(6).collect();
    while frac6.len() < 6 {
        frac6.push('0');
    }
    let frac: i128 = frac6.parse().ok()?;
    Some(int * 1_000_000 + frac)
}

/// Micro-units back to text without trailing zeros: 95_500_000 → "95.5".
pub fn show(micro: i128) -> String {
    let int = micro / 1_000_000;
    let frac = micro % 1_000_000;
    if frac == 0 {
        int.to_string()
    } else {
        let f = format!("{frac:06}");
        format!("{int}.{}", f.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_loose_numbers_parse_exactly() {
        assert_eq!(micro("95"), Some(95_000_000));
        assert_eq!(micro("98.5"), Some(98_500_000));
        assert_eq!(micro("约五十"), None);
        assert_eq!(micro("≥90%"), None);
        assert_eq!(micro_loose("≥90%"), Some(90_000_000));
        assert_eq!(micro_loose("按采购计划"), None);
        assert_eq!(show(95_500_000), "95.5");
    }
}
