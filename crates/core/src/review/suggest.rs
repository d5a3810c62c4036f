//! 推荐指标: 三级指标 proposed for a project, from three places, each row saying where it
//! comes from:
//! 1. 上年目标 — last year's approved target of the same project (same 项目编码, or a project of
//!    the same unit named alike: name-bigram similarity ≥ 80%), first, in form order, with last
//!    year's values.
//! 2. 同类项目 — approved targets of earlier years' projects most like this one: project name
//!    segmented with jieba (default dictionary, offline), plus its 项目类别 and 单位 as tokens,
//!    ranked by BM25 (k1 = 1.2, b = 0.75) over every earlier project with an approved target.
//! 3. 指标库 — library indicators ranked by BM25 of the project name against the indicator's
//!    name (counted twice), category and explanation.
//!
//! A row found in several places is one row (same 二级 + name) with the sources joined and the
//! scores added. Scores are a ranking aid only (integers, 1000 = the best match of a source); no
//! figure of the domain is computed here.
//!
//! Speed: the jieba dictionary and the two BM25 indexes are built once and kept while the data
//! they were built from is unchanged (checked by row counts and the newest `updated_at`), so one
//! suggestion list is a few lookups plus one small query.

use super::similarity::{bigrams, jaccard_bp};
use crate::indicator::{display_value, Level1, Level2, Nature};
use crate::{Error, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};
use ts_rs::TS;

/// Where a suggestion comes from.
pub const SOURCE_LAST_YEAR: &str = "上年目标";
pub const SOURCE_SIMILAR: &str = "同类项目";
pub const SOURCE_LIBRARY: &str = "指标库";

/// One suggested 三级指标.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Suggestion {
    pub name: String,
    pub level1: Level1,
    pub level2: Level2,
    pub nature: Nature,
    pub unit: String,
    /// 上年目标 / 同类项目 / 指标库, joined with 「、」 when found in several.
    pub source: String,
    /// How many approved targets of earlier years use it (引用次数).
    pub uses: i64,
    /// Last year's approved value (上年目标), or the most recent value among similar projects.
    pub last_value: Option<String>,
    /// The 指标库 indicator, when there is one: accepting links the row to it.
    pub library_id: Option<String>,
    /// The library's 参考值, if any.
    pub reference: String,
    /// Ranking score (not a domain figure).
    pub score: i64,
}

fn jieba() -> &'static jieba_rs::Jieba {
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

/// Words of a text: jieba's precise mode, keeping words with a letter or a CJK character and
/// dropping years and other pure numbers.
pub fn tokens(text: &str) -> Vec<String> {
    jieba()
        .cut(text, false)
        .into_iter()
        .map(|t| t.word.trim())
        .filter(|w| {
            !w.is_empty()
                && w.chars().any(|c| c.is_alphabetic())
                && !matches!(*w, "年" | "年度" | "的" | "和" | "与" | "及")
        })
        .map(str::to_string)
        .collect()
}

/// A BM25 index over documents given as token lists.
struct Bm25 {
    docs: Vec<HashMap<u32, u32>>,
    lens: Vec<u32>,
    avg: f64,
    df: HashMap<u32, u32>,
    vocab: HashMap<String, u32>,
}

impl Bm25 {
    fn new(docs: Vec<Vec<String>>) -> Bm25 {
        let mut vocab: HashMap<String, u32> = HashMap::new();
        let mut df: HashMap<u32, u32> = HashMap::new();
        let mut out = Vec::with_capacity(docs.len());
        let mut lens = Vec::with_capacity(docs.len());
        for d in docs {
            let mut tf: HashMap<u32, u32> = HashMap::new();
            lens.push(d.len() as u32);
            for w in d {
                let n = vocab.len() as u32;
                let id = *vocab.entry(w).or_insert(n);
                *tf.entry(id).or_default() += 1;
            }
            for id in tf.keys() {
                *df.entry(*id).or_default() += 1;
            }
            out.push(tf);
        }
        let avg = if lens.is_empty() {
            1.0
        } else {
            lens.iter().map(|l| *l as f64).sum::<f64>() / lens.len() as f64
        };
        Bm25 {
            docs: out,
            lens,
            avg: avg.max(1.0),
            df,
            vocab,
        }
    }

    /// (document, score) with a positive score, best first.
    fn search(&self, query: &[String], limit: usize) -> Vec<(usize, f64)> {
        const K1: f64 = 1.2;
        const B: f64 = 0.75;
        let n = self.docs.len() as f64;
        let mut terms: Vec<(u32, f64)> = Vec::new();
        for w in query {
            if let Some(id) = self.vocab.get(w) {
                if terms.iter().any(|(t, _)| t == id) {
                    continue;
                }
                let df = self.df.get(id).copied().unwrap_or(0) as f64;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                terms.push((*id, idf));
            }
        }
        if terms.is_empty() {
            return Vec::new();
        }
        let mut scored: Vec<(usize, f64)> = self
            .docs
            .iter()
            .enumerate()
            .filter_map(|(i, tf)| {
                let len = self.lens[i] as f64;
                let s: f64 = terms
                    .iter()
                    .filter_map(|(id, idf)| {
                        let f = *tf.get(id)? as f64;
                        Some(idf * f * (K1 + 1.0) / (f + K1 * (1.0 - B + B * len / self.avg)))
                    })
                    .sum();
                (s > 0.0).then_some((i, s))
            })
            .collect();
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(limit);
        scored
    }
}

/// An earlier project with an approved target.
struct PastProject {
    target_id: String,
    year: i32,
}

struct LibRow {
    id: String,
    level1: Level1,
    level2: Level2,
    name: String,
    nature: Nature,
    unit: String,
    reference: String,
}

struct Index {
    projects: Vec<PastProject>,
    project_bm25: Bm25,
    library: Vec<LibRow>,
    library_bm25: Bm25,
    /// (二级, 名称) → approved targets using it.
    uses: HashMap<(Level2, String), i64>,
}

type Key = (Option<String>, i32, String);
/// The one cached index and the data it was built from.
type Cache = Mutex<Option<(Key, Arc<Index>)>>;

fn cache() -> &'static Cache {
    static C: OnceLock<Cache> = OnceLock::new();
    C.get_or_init(|| Mutex::new(None))
}

fn data_key(c: &Connection, year: i32) -> Result<Key> {
    let stamp: String = c.query_row(
        "SELECT (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM project) || '|' ||
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM perf_target) || '|' ||
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM target_indicator) || '|' ||
                (SELECT COUNT(*) || '/' || COALESCE(MAX(updated_at), '') FROM library_indicator)",
        [],
        |r| r.get(0),
    )?;
    Ok((c.path().map(str::to_string), year, stamp))
}

/// Current approved targets of projects before `year`.
const PAST: &str = "FROM perf_target t JOIN project p ON p.id = t.project_id
     WHERE t.kind = '项目' AND t.status = '二下' AND t.is_current = 1 AND t.deleted_at IS NULL
       AND p.deleted_at IS NULL AND p.fiscal_year < ?1";

fn build(c: &Connection, year: i32) -> Result<Index> {
    let mut st = c.prepare(&format!(
        "SELECT t.id, p.fiscal_year, p.name, p.category, p.unit_id {PAST} ORDER BY p.fiscal_year, p.code"
    ))?;
    let rows = st
        .query_map([year], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut docs = Vec::with_capacity(rows.len());
    let mut projects = Vec::with_capacity(rows.len());
    for (target_id, y, name, category, unit) in rows {
        let mut d = tokens(&name);
        d.push(format!("类别:{category}"));
        d.push(format!("单位:{unit}"));
        docs.push(d);
        projects.push(PastProject { target_id, year: y });
    }
    let project_bm25 = Bm25::new(docs);

    let mut st = c.prepare(
        "SELECT i.id, i.level1, i.level2, i.name, i.nature, i.unit, i.reference, c.name,
                i.explanation
         FROM library_indicator i JOIN indicator_category c ON c.id = i.category_id
         WHERE i.deleted_at IS NULL ORDER BY c.sort, c.name, i.level1, i.level2, i.name",
    )?;
    let rows = st
        .query_map([], |r| {
            Ok((
                LibRow {
                    id: r.get(0)?,
                    level1: r.get(1)?,
                    level2: r.get(2)?,
                    name: r.get(3)?,
                    nature: r.get(4)?,
                    unit: r.get(5)?,
                    reference: r.get(6)?,
                },
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut docs = Vec::with_capacity(rows.len());
    let mut library = Vec::with_capacity(rows.len());
    for (row, category, explanation) in rows {
        let mut d = tokens(&row.name);
        d.extend(tokens(&row.name));
        d.extend(tokens(&category));
        d.extend(tokens(&explanation));
        docs.push(d);
        library.push(row);
    }
    let library_bm25 = Bm25::new(docs);

    let mut st = c.prepare(&format!(
        "SELECT ti.level2, ti.name, COUNT(*) FROM target_indicator ti
         WHERE ti.deleted_at IS NULL AND ti.target_id IN (SELECT t.id {PAST})
         GROUP BY ti.level2, ti.name"
    ))?;
    let uses = st
        .query_map([year], |r| {
            Ok(((r.get::<_, Level2>(0)?, r.get::<_, String>(1)?), r.get(2)?))
        })?
        .collect::<rusqlite::Result<HashMap<_, _>>>()?;
    Ok(Index {
        projects,
        project_bm25,
        library,
        library_bm25,
        uses,
    })
}

fn index(c: &Connection, year: i32) -> Result<Arc<Index>> {
    let key = data_key(c, year)?;
    if let Ok(guard) = cache().lock() {
        if let Some((k, idx)) = guard.as_ref() {
            if *k == key {
                return Ok(idx.clone());
            }
        }
    }
    let idx = Arc::new(build(c, year)?);
    if let Ok(mut guard) = cache().lock() {
        *guard = Some((key, idx.clone()));
    }
    Ok(idx)
}

struct Project {
    code: String,
    name: String,
    category: String,
    unit_id: String,
}

/// Indicator rows of one target, in form order: (一级, 二级, 名称, 性质, 单位, 指标值, library).
type TargetRows = Vec<(
    Level1,
    Level2,
    String,
    Nature,
    String,
    String,
    Option<String>,
)>;

fn rows_of(c: &Connection, target_id: &str) -> Result<TargetRows> {
    let mut st = c.prepare(
        "SELECT level1, level2, name, nature, unit, value, value_high, library_id
         FROM target_indicator WHERE target_id = ?1 AND deleted_at IS NULL ORDER BY seq",
    )?;
    let rows = st
        .query_map([target_id], |r| {
            let value: String = r.get(5)?;
            let high: Option<String> = r.get(6)?;
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                display_value(&value, high.as_deref()),
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

/// Last year's approved target of the project: same code, else the most alike name (≥ 80%) of
/// the same unit.
fn last_year_target(c: &Connection, p: &Project, year: i32) -> Result<Option<String>> {
    let by_code: Option<String> = c
        .query_row(
            &format!("SELECT t.id {PAST} AND p.fiscal_year = ?1 - 1 AND p.code = ?2"),
            params![year, p.code],
            |r| r.get(0),
        )
        .optional()?;
    if by_code.is_some() {
        return Ok(by_code);
    }
    let mut st = c.prepare(&format!(
        "SELECT t.id, p.name {PAST} AND p.fiscal_year = ?1 - 1 AND p.unit_id = ?2"
    ))?;
    let mine = bigrams(&p.name);
    let mut best: Option<(i64, String)> = None;
    let rows = st.query_map(params![year, p.unit_id], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    for row in rows {
        let (id, name) = row?;
        let s = jaccard_bp(&mine, &bigrams(&name));
        if s >= 8000 && best.as_ref().is_none_or(|b| s > b.0) {
            best = Some((s, id));
        }
    }
    Ok(best.map(|b| b.1))
}

/// Up to 40 suggested 三级指标 for the project (`project` = its id, or its 项目编码 in `year`).
pub fn suggest(c: &Connection, project: &str, year: i32) -> Result<Vec<Suggestion>> {
    let p: Project = c
        .query_row(
            "SELECT code, name, category, unit_id FROM project
             WHERE deleted_at IS NULL AND (id = ?1 OR (code = ?1 AND fiscal_year = ?2))",
            params![project, year],
            |r| {
                Ok(Project {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    category: r.get(2)?,
                    unit_id: r.get(3)?,
                })
            },
        )
        .optional()?
        .ok_or_else(|| Error::NotFound(format!("{year}年度没有项目『{project}』")))?;
    let idx = index(c, year)?;
    let lib_by_name: HashMap<(Level2, &str), &LibRow> = idx
        .library
        .iter()
        .map(|l| ((l.level2, l.name.as_str()), l))
        .collect();
    let mut out: Vec<Suggestion> = Vec::new();
    let mut pos: HashMap<(Level2, String), usize> = HashMap::new();
    let mut add = |out: &mut Vec<Suggestion>, s: Suggestion| {
        let key = (s.level2, s.name.clone());
        match pos.get(&key) {
            Some(&i) => {
                let e = &mut out[i];
                if !e.source.contains(&s.source) {
                    e.source = format!("{}、{}", e.source, s.source);
                }
                e.score += s.score;
                e.library_id = e.library_id.take().or(s.library_id);
                e.last_value = e.last_value.take().or(s.last_value);
                if e.reference.is_empty() {
                    e.reference = s.reference;
                }
            }
            None => {
                pos.insert(key, out.len());
                out.push(s);
            }
        }
    };
    let uses = |l2: Level2, name: &str| idx.uses.get(&(l2, name.to_string())).copied().unwrap_or(0);

    // 1. 上年目标, first and in form order.
    let last = last_year_target(c, &p, year)?;
    let mut pinned = 0;
    if let Some(tid) = &last {
        for (level1, level2, name, nature, unit, value, library_id) in rows_of(c, tid)? {
            let lib = lib_by_name.get(&(level2, name.as_str()));
            add(
                &mut out,
                Suggestion {
                    uses: uses(level2, &name),
                    library_id: library_id.or_else(|| lib.map(|l| l.id.clone())),
                    reference: lib.map(|l| l.reference.clone()).unwrap_or_default(),
                    name,
                    level1,
                    level2,
                    nature,
                    unit,
                    source: SOURCE_LAST_YEAR.into(),
                    last_value: Some(value),
                    score: 0,
                },
            );
        }
        pinned = out.len();
    }

    // 2. 同类项目.
    let mut query = tokens(&p.name);
    query.push(format!("类别:{}", p.category));
    query.push(format!("单位:{}", p.unit_id));
    let similar: Vec<(usize, f64)> = idx
        .project_bm25
        .search(&query, 21)
        .into_iter()
        .filter(|(i, _)| Some(&idx.projects[*i].target_id) != last.as_ref())
        .take(20)
        .collect();
    if let Some(top) = similar.first().map(|s| s.1) {
        // Newest first, so `last_value` keeps the most recent value.
        let mut ordered = similar.clone();
        ordered.sort_by(|a, b| idx.projects[b.0].year.cmp(&idx.projects[a.0].year));
        for (i, s) in ordered {
            let weight = (s / top * 1000.0).round() as i64;
            for (level1, level2, name, nature, unit, value, library_id) in
                rows_of(c, &idx.projects[i].target_id)?
            {
                let lib = lib_by_name.get(&(level2, name.as_str()));
                add(
                    &mut out,
                    Suggestion {
                        uses: uses(level2, &name),
                        library_id: library_id.or_else(|| lib.map(|l| l.id.clone())),
                        reference: lib.map(|l| l.reference.clone()).unwrap_or_default(),
                        name,
                        level1,
                        level2,
                        nature,
                        unit,
                        source: SOURCE_SIMILAR.into(),
                        last_value: Some(value),
                        score: weight,
                    },
                );
            }
        }
    }

    // 3. 指标库.
    let lib_hits = idx.library_bm25.search(&tokens(&p.name), 40);
    if let Some(top) = lib_hits.first().map(|s| s.1) {
        for (i, s) in lib_hits {
            let l = &idx.library[i];
            add(
                &mut out,
                Suggestion {
                    uses: uses(l.level2, &l.name),
                    library_id: Some(l.id.clone()),
                    reference: l.reference.clone(),
                    name: l.name.clone(),
                    level1: l.level1,
                    level2: l.level2,
                    nature: l.nature,
                    unit: l.unit.clone(),
                    source: SOURCE_LIBRARY.into(),
                    last_value: None,
                    score: (s / top * 1000.0).round() as i64,
                },
            );
        }
    }
    let rest = &mut out[pinned..];
    rest.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(b.uses.cmp(&a.uses))
            .then(a.name.cmp(&b.name))
    });
    out.truncate(40.max(pinned));
    Ok(out)
}

/// 引用次数 of each library indicator in `year`: rows of the year's current targets that link it,
/// or (unlinked) name it under the same 二级. (library id, count), only indicators used at least
/// once. One pass over the year's rows.
pub fn library_uses(c: &Connection, year: i32) -> Result<Vec<(String, i64)>> {
    let mut st = c.prepare(
        "SELECT id, level2, name FROM library_indicator WHERE deleted_at IS NULL ORDER BY id",
    )?;
    let mut by_name: HashMap<(String, String), Vec<String>> = HashMap::new();
    let mut ids = std::collections::HashSet::new();
    for row in st.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (id, level2, name) = row?;
        ids.insert(id.clone());
        by_name.entry((level2, name)).or_default().push(id);
    }
    let mut st = c.prepare(
        "SELECT ti.library_id, ti.level2, ti.name FROM target_indicator ti
         JOIN perf_target t ON t.id = ti.target_id
         WHERE ti.deleted_at IS NULL AND t.is_current = 1 AND t.deleted_at IS NULL
           AND t.fiscal_year = ?1",
    )?;
    let mut counts: HashMap<String, i64> = HashMap::new();
    for row in st.query_map([year], |r| {
        Ok((
            r.get::<_, Option<String>>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })? {
        let (lib, level2, name) = row?;
        match lib.filter(|l| ids.contains(l)) {
            Some(l) => *counts.entry(l).or_default() += 1,
            None => {
                for id in by_name.get(&(level2, name)).into_iter().flatten() {
                    *counts.entry(id.clone()).or_default() += 1;
                }
            }
        }
    }
    let mut out: Vec<(String, i64)> = counts.into_iter().collect();
    out.sort();
    Ok(out)
}
