//! 重复申报 detection: near-identical project names and indicator sets.
//!
//! A name is compared as the set of its character bigrams after dropping digits, spaces,
//! punctuation and 「年」「年度」 (so 「2026年农村公路养护」 and 「农村公路养护」 match); an
//! indicator set as the set of its 三级指标 names. Similarity is the Jaccard index in basis
//! points (|A∩B| × 10000 / |A∪B|, rounded down); two targets are duplicates when both the name and
//! the indicator similarity reach the line. Candidate pairs come from a prefix-filter index over
//! the rarest name bigrams, so a 3,000-project year is not compared pairwise.

use std::collections::{HashMap, HashSet};

/// One object to compare.
#[derive(Debug, Clone)]
pub struct Item {
    pub key: usize,
    pub name: String,
    pub indicators: Vec<String>,
}

fn normalize(name: &str) -> Vec<char> {
    let s = name.replace("年度", "").replace('年', "");
    s.chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_whitespace() && !c.is_ascii_punctuation())
        .filter(|c| !"（）【】《》、，。：；“”‘’—－".contains(*c))
        .collect()
}

/// Character bigrams of a normalized name (a one-character name is its own "bigram").
pub fn bigrams(name: &str) -> HashSet<String> {
    let c = normalize(name);
    if c.len() < 2 {
        return c.iter().map(|x| x.to_string()).collect();
    }
    c.windows(2).map(|w| w.iter().collect()).collect()
}

/// Jaccard index in bp; 0 for two empty sets.
pub fn jaccard_bp<T: std::hash::Hash + Eq>(a: &HashSet<T>, b: &HashSet<T>) -> i64 {
    let union = a.union(b).count() as i64;
    if union == 0 {
        return 0;
    }
    a.intersection(b).count() as i64 * 10000 / union
}

/// Pairs (key_a, key_b, name_bp, indicator_bp) whose name and indicator similarity both reach
/// `line_bp`; each pair once, key_a < key_b.
pub fn duplicates(items: &[Item], line_bp: i64) -> Vec<(usize, usize, i64, i64)> {
    let grams: Vec<HashSet<String>> = items.iter().map(|i| bigrams(&i.name)).collect();
    let mut freq: HashMap<&str, usize> = HashMap::new();
    for g in &grams {
        for b in g {
            *freq.entry(b.as_str()).or_default() += 1;
        }
    }
    // Prefix filter: if J(A,B) ≥ t then A and B share one of the first |A| − ⌈t·|A|⌉ + 1 rarest
    // bigrams of A (in one global order).
    let mut index: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut prefixes: Vec<Vec<&str>> = Vec::with_capacity(items.len());
    for g in &grams {
        let mut sorted: Vec<&str> = g.iter().map(String::as_str).collect();
        sorted.sort_by_key(|b| (freq.get(b).copied().unwrap_or(0), *b));
        let n = sorted.len() as i64;
        let keep = (n - (line_bp * n + 9999) / 10000 + 1).clamp(0, n) as usize;
        sorted.truncate(keep);
        prefixes.push(sorted);
    }
    for (i, p) in prefixes.iter().enumerate() {
        for b in p {
            index.entry(b).or_default().push(i);
        }
    }
    let sets: Vec<HashSet<&str>> = items
        .iter()
        .map(|i| i.indicators.iter().map(String::as_str).collect())
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, p) in prefixes.iter().enumerate() {
        for b in p {
            for &j in index.get(b).map(Vec::as_slice).unwrap_or(&[]) {
                if j <= i || !seen.insert((i, j)) {
                    continue;
                }
                let name_bp = jaccard_bp(&grams[i], &grams[j]);
                if name_bp < line_bp {
                    continue;
                }
                let ind_bp = jaccard_bp(&sets[i], &sets[j]);
                if ind_bp >= line_bp {
                    out.push((items[i].key, items[j].key, name_bp, ind_bp));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(key: usize, name: &str, ind: &[&str]) -> Item {
        Item {
            key,
            name: name.into(),
            indicators: ind.iter().map(|s| s.to_string()).collect(),
        }
    }

    #[test]
    fn year_and_spaces_do_not_hide_a_duplicate() {
        let ind = ["养护里程", "路况优良率", "养护成本"];
        let items = vec![
            item(0, "2026年农村公路养护", &ind),
            item(1, "农村公路养护", &ind),
            item(2, "城区绿化养护", &ind),
        ];
        let d = duplicates(&items, 8000);
        assert_eq!(d.len(), 1);
        assert_eq!((d[0].0, d[0].1), (0, 1));
    }
}
