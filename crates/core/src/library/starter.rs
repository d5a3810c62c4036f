//! The shipped starter library (`assets/library/starter.json`, embedded at build time): 16
//! 指标分类, a few hundred 三级指标 and worked 案例. Installed once, on a database whose library
//! has never had a category (first start, `jixiao-cli init`/`demo`); every row is checked
//! before anything is written, and one audit row records the counts.

use super::indicators::{check_indicator_fields, check_levels, insert_row, LibraryIndicatorInput};
use super::{categories::check_category_name, SOURCE_STARTER};
use crate::access::Perm;
use crate::db::{new_id, WriteCtx};
use crate::indicator::{parse_value, IndicatorValue, Level1, Level2, Nature};
use crate::{Error, FieldProblem, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use ts_rs::TS;

/// The starter as shipped.
pub const STARTER_JSON: &str = include_str!("../../../../assets/library/starter.json");

/// What `install_starter` did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StarterReport {
    /// False when the library already had categories (nothing was written).
    pub installed: bool,
    pub categories: u32,
    pub indicators: u32,
    pub cases: u32,
    pub case_indicators: u32,
}

#[derive(Deserialize)]
struct RawStarter {
    format: u32,
    categories: Vec<String>,
    indicators: Vec<RawIndicator>,
    cases: Vec<RawCase>,
}

#[derive(Deserialize)]
struct RawIndicator {
    category: String,
    level1: String,
    level2: String,
    name: String,
    #[serde(default)]
    explanation: String,
    #[serde(default)]
    unit: String,
    nature: String,
    #[serde(default)]
    reference: String,
    #[serde(default)]
    is_core: bool,
    #[serde(default)]
    project_kinds: Vec<String>,
}

#[derive(Deserialize)]
struct RawCase {
    category: String,
    title: String,
    #[serde(default)]
    project_example: String,
    #[serde(default)]
    overall_goal: String,
    indicators: Vec<RawCaseIndicator>,
}

#[derive(Deserialize)]
struct RawCaseIndicator {
    level1: String,
    level2: String,
    name: String,
    nature: String,
    value: String,
    #[serde(default)]
    unit: String,
    /// 分值 in whole points.
    weight: Option<i64>,
}

/// A checked starter, ready to insert.
#[derive(Debug, Clone)]
pub struct Starter {
    pub categories: Vec<String>,
    /// (category name, row) — `category_id` of the row is empty until installed.
    pub indicators: Vec<(String, LibraryIndicatorInput)>,
    pub cases: Vec<StarterCase>,
}

#[derive(Debug, Clone)]
pub struct StarterCase {
    pub category: String,
    pub title: String,
    pub project_example: String,
    pub overall_goal: String,
    pub indicators: Vec<StarterCaseIndicator>,
}

#[derive(Debug, Clone)]
pub struct StarterCaseIndicator {
    pub level1: Level1,
    pub level2: Level2,
    pub name: String,
    pub nature: Nature,
    pub value: IndicatorValue,
    pub unit: String,
    pub weight_cp: Option<i64>,
}

/// Collects the problems of one starter file; `where_` names the row ("指标第12条「…」").
struct Problems(Vec<FieldProblem>);

impl Problems {
    fn push(&mut self, where_: &str, message: impl Into<String>) {
        self.0.push(FieldProblem {
            row: 0,
            column: where_.to_string(),
            message: message.into(),
        });
    }

    fn levels(&mut self, where_: &str, l1: &str, l2: &str) -> Option<(Level1, Level2)> {
        let level1 = Level1::parse_loose(l1);
        let level2 = Level2::parse_loose(l2);
        if level1.is_none() {
            self.push(where_, format!("一级指标『{l1}』不是可选的值"));
        }
        if level2.is_none() {
            self.push(where_, format!("二级指标『{l2}』不是可选的值"));
        }
        let (level1, level2) = (level1?, level2?);
        match check_levels(level1, level2) {
            Ok(()) => Some((level1, level2)),
            Err(m) => {
                self.push(where_, format!("二级指标{m}"));
                None
            }
        }
    }

    fn nature(&mut self, where_: &str, text: &str) -> Option<Nature> {
        let n = Nature::parse_loose(text);
        if n.is_none() {
            self.push(where_, format!("指标性质『{text}』不是可选的值"));
        }
        n
    }
}

/// Parses and checks a starter file; every problem is listed in `Error::Rejected`.
pub fn parse_starter(json: &str) -> Result<Starter> {
    let raw: RawStarter = serde_json::from_str(json)?;
    let mut p = Problems(Vec::new());
    if raw.format != 1 {
        p.push("format", format!("不支持的格式版本 {}", raw.format));
    }
    let mut categories = Vec::new();
    for (i, name) in raw.categories.iter().enumerate() {
        match check_category_name(name) {
            Ok(n) if categories.contains(&n) => p.push(&format!("分类第{}个", i + 1), "重复"),
            Ok(n) => categories.push(n),
            Err(m) => p.push(&format!("分类第{}个", i + 1), m),
        }
    }
    let known: HashSet<&str> = categories.iter().map(String::as_str).collect();

    let mut indicators = Vec::with_capacity(raw.indicators.len());
    let mut keys = HashSet::new();
    for (i, r) in raw.indicators.iter().enumerate() {
        let at = format!("指标第{}条「{}」", i + 1, r.name.trim());
        if !known.contains(r.category.trim()) {
            p.push(&at, format!("指标分类『{}』不在分类列表中", r.category));
        }
        let levels = p.levels(&at, &r.level1, &r.level2);
        let nature = p.nature(&at, &r.nature);
        let (Some((level1, level2)), Some(nature)) = (levels, nature) else {
            continue;
        };
        let input = LibraryIndicatorInput {
            category_id: String::new(),
            level1,
            level2,
            name: r.name.trim().to_string(),
            explanation: r.explanation.trim().to_string(),
            unit: r.unit.trim().to_string(),
            nature,
            reference: r.reference.trim().to_string(),
            is_core: r.is_core,
            project_kinds: r.project_kinds.join("、"),
        };
        for (field, m) in check_indicator_fields(&input) {
            p.push(&at, format!("{field}{m}"));
        }
        if !keys.insert((r.category.trim(), level1, level2, input.name.clone())) {
            p.push(&at, "同一分类、一级、二级下重复");
        }
        indicators.push((r.category.trim().to_string(), input));
    }

    let mut cases = Vec::with_capacity(raw.cases.len());
    let mut titles = HashSet::new();
    for (i, k) in raw.cases.iter().enumerate() {
        let at = format!("案例第{}个「{}」", i + 1, k.title.trim());
        if !known.contains(k.category.trim()) {
            p.push(&at, format!("指标分类『{}』不在分类列表中", k.category));
        }
        if k.title.trim().is_empty() {
            p.push(&at, "标题不能为空");
        } else if !titles.insert(k.title.trim()) {
            p.push(&at, "标题重复");
        }
        if k.indicators.is_empty() {
            p.push(&at, "没有指标");
        }
        let mut rows = Vec::with_capacity(k.indicators.len());
        for (j, r) in k.indicators.iter().enumerate() {
            let at = format!("{at}第{}行「{}」", j + 1, r.name.trim());
            if r.name.trim().is_empty() {
                p.push(&at, "三级指标不能为空");
            }
            let levels = p.levels(&at, &r.level1, &r.level2);
            let nature = p.nature(&at, &r.nature);
            let weight_cp = match r.weight {
                Some(w) if !(0..=100).contains(&w) => {
                    p.push(&at, format!("分值 {w} 应在 0–100 之间"));
                    None
                }
                w => w.map(|w| w * 100),
            };
            let (Some((level1, level2)), Some(nature)) = (levels, nature) else {
                continue;
            };
            match parse_value(nature, &r.value) {
                Ok(value) => rows.push(StarterCaseIndicator {
                    level1,
                    level2,
                    name: r.name.trim().to_string(),
                    nature,
                    value,
                    unit: r.unit.trim().to_string(),
                    weight_cp,
                }),
                Err(m) => p.push(&at, format!("指标值{m}")),
            }
        }
        cases.push(StarterCase {
            category: k.category.trim().to_string(),
            title: k.title.trim().to_string(),
            project_example: k.project_example.trim().to_string(),
            overall_goal: k.overall_goal.trim().to_string(),
            indicators: rows,
        });
    }
    if p.0.is_empty() {
        Ok(Starter {
            categories,
            indicators,
            cases,
        })
    } else {
        Err(Error::Rejected(p.0))
    }
}

/// Installs the shipped starter unless the library ever had a category.
pub fn install_starter(ctx: &WriteCtx) -> Result<StarterReport> {
    install_starter_from(ctx, STARTER_JSON)
}

/// `install_starter` with another file's text (tests).
pub fn install_starter_from(ctx: &WriteCtx, json: &str) -> Result<StarterReport> {
    ctx.require(Perm::LibraryEdit)?;
    let any: bool = ctx.query_row("SELECT EXISTS(SELECT 1 FROM indicator_category)", [], |r| {
        r.get(0)
    })?;
    if any {
        return Ok(StarterReport::default());
    }
    let starter = parse_starter(json)?;
    let now = ctx.now();
    let mut ids: HashMap<&str, String> = HashMap::new();
    for (i, name) in starter.categories.iter().enumerate() {
        let id = new_id();
        ctx.execute(
            "INSERT INTO indicator_category (id, name, sort, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?4)",
            params![id, name, i as i64 + 1, now],
        )?;
        ids.insert(name, id);
    }
    let id_of = |name: &str| {
        ids.get(name)
            .cloned()
            .ok_or_else(|| Error::NotFound(format!("内置指标库内部错误：找不到分类「{name}」")))
    };
    for (category, input) in &starter.indicators {
        let input = LibraryIndicatorInput {
            category_id: id_of(category)?,
            ..input.clone()
        };
        insert_row(ctx, &new_id(), &input, SOURCE_STARTER, now)?;
    }
    let mut case_indicators = 0u32;
    for k in &starter.cases {
        let case_id = new_id();
        ctx.execute(
            "INSERT INTO library_case (id, category_id, title, project_example, overall_goal,
                created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            params![
                case_id,
                id_of(&k.category)?,
                k.title,
                k.project_example,
                k.overall_goal,
                now
            ],
        )?;
        for (seq, r) in k.indicators.iter().enumerate() {
            ctx.execute(
                "INSERT INTO library_case_indicator (id, case_id, seq, level1, level2, name,
                    nature, value, value_high, unit, weight_cp, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                params![
                    new_id(),
                    case_id,
                    seq as i64 + 1,
                    r.level1,
                    r.level2,
                    r.name,
                    r.nature,
                    r.value.value,
                    r.value.value_high,
                    r.unit,
                    r.weight_cp,
                    now
                ],
            )?;
            case_indicators += 1;
        }
    }
    let report = StarterReport {
        installed: true,
        categories: starter.categories.len() as u32,
        indicators: starter.indicators.len() as u32,
        cases: starter.cases.len() as u32,
        case_indicators,
    };
    ctx.audit(
        "install",
        "library",
        None,
        &format!(
            "载入内置指标库：{} 个分类、{} 个指标、{} 个案例",
            report.categories, report.indicators, report.cases
        ),
        None,
        Some(&serde_json::to_value(&report)?),
    )?;
    Ok(report)
}

/// On opening the app: a database set up by an earlier version (first start done, library
/// never filled) gets the starter, recorded as the program. Does nothing before first start
/// (first start installs it) or when the library ever had a category.
pub fn ensure_starter(db: &crate::db::Db) -> Result<StarterReport> {
    if db.read(crate::access::accounts::count)? == 0 {
        return Ok(StarterReport::default());
    }
    db.write(&crate::access::Actor::system("系统"), install_starter)
}
