//! The deterministic demo county 示例县: about 100 units (财政局 and its 股室, 主管部门 with their
//! 预算单位, 18 乡镇, a few 第三方机构) and about 500 预算项目 over 2025 and 2026.
//!
//! Everything is drawn from a small SplitMix64 stream written here (not the `rand` crate, whose
//! streams change between versions), so one seed always gives the same codes, names, kinds,
//! parents, amounts and other fields; only the UUIDv7 ids differ. The data is first planned in
//! memory (`plan`) and then written in one transaction through the ordinary create functions,
//! so every row is validated and has its audit-log entry.

pub mod names;

use crate::access::{Actor, Role};
use crate::db::{Db, WriteCtx};
use crate::money::Fen;
use crate::org::{create_unit, ensure_year, UnitInput, UnitKind};
use crate::projects::{
    create_project, BudgetType, NewOrContinuing, ProjectCategory, ProjectGrade, ProjectInput,
};
use crate::{Error, Result};
use names::{Size, Spec};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use ts_rs::TS;

/// The seed the CLI and the app use unless told otherwise.
pub const DEFAULT_SEED: u64 = 2026;

/// The fiscal years of the demo: 2025 (closed) and 2026 (current).
pub const YEARS: [i32; 2] = [2025, 2026];
const Y0: i32 = YEARS[0];
const Y1: i32 = YEARS[1];

/// What `generate` created.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DemoSummary {
    #[ts(type = "number")]
    pub seed: u64,
    pub units: u32,
    pub townships: u32,
    pub third_parties: u32,
    pub projects: u32,
    pub years: Vec<i32>,
    /// Sum of 调整后预算数 over every created project (both years).
    pub total_adjusted: Fen,
    /// 绩效目标 created (projects and 部门整体, both years) and how many are approved (二下).
    pub targets: u32,
    pub targets_approved: u32,
}

/// Loads the demo county into an empty database, in one transaction.
///
/// Refused (and nothing written) when the database already has a live unit.
pub fn generate(db: &Db, actor: &Actor, seed: u64) -> Result<DemoSummary> {
    db.write(actor, |ctx| generate_in(ctx, seed))
}

/// `generate` inside a transaction the caller already holds (first start saves the operator
/// and loads the demo in one transaction).
pub fn generate_in(ctx: &WriteCtx, seed: u64) -> Result<DemoSummary> {
    let plan = plan(seed);
    let has_units: bool = ctx.query_row(
        "SELECT EXISTS(SELECT 1 FROM org_unit WHERE deleted_at IS NULL)",
        [],
        |r| r.get(0),
    )?;
    if has_units {
        return Err(Error::Conflict(
            "当前数据库已有单位数据，示例数据只能载入空白数据库".into(),
        ));
    }
    for year in YEARS {
        ensure_year(ctx, year)?;
    }
    // The county's work is done by its named people (the 操作日志 shows who): 王晓梅 of 绩效股
    // keeps the base data, targets, monitoring and documents; 陈志刚 runs the evaluations, the
    // 整改台账 and the 考核. `system::demo_accounts` gives them logins.
    let wang = Actor::demo_person("jxg", "王晓梅", "绩效股", vec![Role::PerfMgmt]);
    let chen = Actor::demo_person("jxg2", "陈志刚", "绩效股", vec![Role::PerfMgmt]);
    let outer = ctx;
    let ctx = &outer.acting_as(&wang);
    let eval_ctx = &outer.acting_as(&chen);
    let mut ids: HashMap<&str, String> = HashMap::new();
    let id_of = |ids: &HashMap<&str, String>, code: &str| {
        ids.get(code)
            .cloned()
            .ok_or_else(|| Error::NotFound(format!("示例数据内部错误：找不到单位编码『{code}』")))
    };
    for u in &plan.units {
        let parent_id = match &u.parent_code {
            Some(code) => Some(id_of(&ids, code)?),
            None => None,
        };
        let created = create_unit(
            ctx,
            &UnitInput {
                code: u.code.clone(),
                name: u.name.clone(),
                parent_id,
                kind: u.kind,
                contact: u.contact.clone(),
                phone: u.phone.clone(),
            },
        )?;
        ids.insert(&u.code, created.id);
    }
    let mut total_adjusted = Fen(0);
    for p in &plan.projects {
        let input = ProjectInput {
            fiscal_year: p.fiscal_year,
            code: p.code.clone(),
            name: p.name.clone(),
            unit_id: id_of(&ids, &p.unit_code)?,
            budget_type: p.budget_type,
            category: p.category,
            new_or_continuing: p.new_or_continuing,
            period_start: p.period_start,
            period_end: p.period_end,
            initial_budget_wan: p.initial.wan_exact(),
            adjusted_budget_wan: p.adjusted.wan_exact(),
            fund_source: p.fund_source.to_string(),
            is_special_bond: p.is_special_bond,
            grade: Some(p.grade),
            managing_dept_id: Some(id_of(&ids, &p.section_code)?),
        };
        total_adjusted = total_adjusted + create_project(ctx, &input)?.adjusted_budget;
    }
    crate::exante::demo::generate(ctx, seed)?;
    crate::policy::demo::generate(ctx, Y0, Y1)?;
    let targets = crate::targets::demo::generate(ctx, seed, Y0, Y1)?;
    crate::monitoring::demo::generate(ctx, seed, Y0, Y1)?;
    crate::evaluation::demo::generate(eval_ctx, seed, Y0)?;
    crate::evaluation::key_demo::generate(eval_ctx, seed, Y0, Y1)?;
    crate::results::rect_demo::generate(eval_ctx, seed, Y0)?;
    crate::assess::demo::generate(eval_ctx, seed, Y0)?;
    crate::results::doc_demo::generate(ctx, Y0)?;
    crate::cost::demo::generate(ctx, Y0)?;
    let count = |kind: UnitKind| plan.units.iter().filter(|u| u.kind == kind).count() as u32;
    Ok(DemoSummary {
        seed,
        units: plan.units.len() as u32,
        townships: count(UnitKind::Township),
        third_parties: count(UnitKind::ThirdParty),
        projects: plan.projects.len() as u32,
        years: YEARS.to_vec(),
        total_adjusted,
        targets: targets.targets,
        targets_approved: targets.approved,
    })
}

/// SplitMix64 (Steele, Lea, Flood 2014; Vigna's reference constants): tiny, fast, and fixed
/// forever, which is what a reproducible demo needs.
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64 { state: seed }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// A number in `lo..=hi`.
    pub(crate) fn between(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `pct` %.
    pub(crate) fn percent(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }

    /// An index drawn in proportion to `weights`; `None` when they are all zero.
    pub(crate) fn weighted(&mut self, weights: &[u64]) -> Option<usize> {
        let total: u64 = weights.iter().sum();
        if total == 0 {
            return None;
        }
        let mut r = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            if r < *w {
                return Some(i);
            }
            r -= w;
        }
        None
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len() as u64) as usize)
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }
}

/// One unit of the plan; parents are referred to by code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlannedUnit {
    code: String,
    name: String,
    parent_code: Option<String>,
    kind: UnitKind,
    contact: String,
    phone: String,
}

/// One project of the plan; its unit and 主管科室 are referred to by code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct PlannedProject {
    fiscal_year: i32,
    code: String,
    name: String,
    unit_code: String,
    budget_type: BudgetType,
    category: ProjectCategory,
    new_or_continuing: NewOrContinuing,
    period_start: i32,
    period_end: i32,
    initial: Fen,
    adjusted: Fen,
    fund_source: &'static str,
    is_special_bond: bool,
    grade: ProjectGrade,
    section_code: String,
}

struct Plan {
    units: Vec<PlannedUnit>,
    projects: Vec<PlannedProject>,
}

/// A unit that owns projects, with the project names it has not used yet.
struct Owner {
    code: String,
    weight: u64,
    /// (full project name, size, flags, 主管科室 name)
    specs: Vec<(String, Size, &'static str, &'static str)>,
    used: Vec<bool>,
    seq: u32,
}

impl Owner {
    fn new(
        code: String,
        weight: u64,
        specs: Vec<(String, Size, &'static str, &'static str)>,
    ) -> Self {
        Owner {
            code,
            weight,
            used: vec![false; specs.len()],
            specs,
            seq: 0,
        }
    }

    fn of(code: String, weight: u64, section: &'static str, specs: &[Spec]) -> Self {
        let specs = specs
            .iter()
            .map(|(name, size, flags)| (name.to_string(), *size, *flags, section))
            .collect();
        Owner::new(code, weight, specs)
    }

    /// Unused names that may start in `year`.
    fn eligible(&self, year: i32) -> Vec<usize> {
        (0..self.specs.len())
            .filter(|&i| !self.used[i] && may_start(self.specs[i].2, year))
            .collect()
    }
}

fn may_start(flags: &str, year: i32) -> bool {
    !((flags.contains('5') && year != Y0) || (flags.contains('6') && year != Y1))
}

fn plan(seed: u64) -> Plan {
    let mut rng = SplitMix64::new(seed);
    let mut phones = BTreeSet::new();
    let mut people = BTreeSet::new();
    let mut units = Vec::new();
    let mut owners = Vec::new();
    let mut unit = |rng: &mut SplitMix64,
                    code: String,
                    name: String,
                    parent: Option<&str>,
                    kind: UnitKind,
                    mobile_pct: u64,
                    exchange: &str| {
        let phone = loop {
            let p = if rng.percent(mobile_pct) {
                let prefix = rng.pick(names::MOBILE_PREFIXES).copied().unwrap_or("138");
                format!("{prefix}{:08}", rng.below(100_000_000))
            } else {
                let digits = 7 - exchange.len() as u32;
                let n = rng.below(10u64.pow(digits));
                format!(
                    "{}-{exchange}{n:0w$}",
                    names::AREA_CODE,
                    w = digits as usize
                )
            };
            if phones.insert(p.clone()) {
                break p;
            }
        };
        units.push(PlannedUnit {
            code,
            name,
            parent_code: parent.map(str::to_string),
            kind,
            contact: loop {
                let name = person(rng);
                if people.insert(name.clone()) {
                    break name;
                }
            },
            phone,
        });
    };

    // 财政局 and its 股室.
    let bureau = "900";
    unit(
        &mut rng,
        bureau.into(),
        names::FINANCE_BUREAU.into(),
        None,
        UnitKind::FinanceSection,
        0,
        "52",
    );
    let mut section_codes = HashMap::new();
    for (i, name) in names::SECTIONS.iter().enumerate() {
        let code = (901 + i).to_string();
        section_codes.insert(*name, code.clone());
        unit(
            &mut rng,
            code,
            (*name).into(),
            Some(bureau),
            UnitKind::FinanceSection,
            0,
            "52",
        );
    }

    // Which 预算单位 exist: the first of each department always, then more (at most 3 per
    // department) until 40–45.
    let depts = names::DEPARTMENTS;
    let mut chosen: Vec<Vec<usize>> = depts
        .iter()
        .map(|d| if d.units.is_empty() { vec![] } else { vec![0] })
        .collect();
    let mut extra: Vec<(usize, usize)> = depts
        .iter()
        .enumerate()
        .flat_map(|(i, d)| (1..d.units.len()).map(move |j| (i, j)))
        .collect();
    rng.shuffle(&mut extra);
    let target = 40 + rng.below(6) as usize;
    let mut count: usize = chosen.iter().map(Vec::len).sum();
    for (i, j) in extra {
        if count >= target {
            break;
        }
        if chosen[i].len() < 3 {
            chosen[i].push(j);
            count += 1;
        }
    }

    for (i, d) in depts.iter().enumerate() {
        let code = (101 + i).to_string();
        let exchange = if rng.percent(50) { "5" } else { "8" };
        unit(
            &mut rng,
            code.clone(),
            d.name.into(),
            None,
            UnitKind::Department,
            15,
            exchange,
        );
        owners.push(Owner::of(
            code.clone(),
            d.weight.into(),
            d.section,
            d.projects,
        ));
        chosen[i].sort_unstable();
        for (k, &j) in chosen[i].iter().enumerate() {
            let b = &d.units[j];
            let bu_code = format!("{code}{:03}", k + 1);
            let exchange = if rng.percent(50) { "5" } else { "8" };
            unit(
                &mut rng,
                bu_code.clone(),
                b.name.into(),
                Some(&code),
                UnitKind::BudgetUnit,
                25,
                exchange,
            );
            owners.push(Owner::of(bu_code, 2, d.section, b.projects));
        }
    }

    // 18 乡镇: 2 街道办事处, 11 镇, 5 乡.
    let mut towns: Vec<(String, String)> = Vec::new();
    for (pool, n, street) in [
        (names::STREET_OFFICES, 2, true),
        (names::TOWNS, 11, false),
        (names::XIANGS, 5, false),
    ] {
        let mut idx: Vec<usize> = (0..pool.len()).collect();
        rng.shuffle(&mut idx);
        let mut idx: Vec<usize> = idx.into_iter().take(n).collect();
        idx.sort_unstable();
        for i in idx {
            let base = pool[i];
            if street {
                towns.push((format!("{base}街道办事处"), format!("{base}街道")));
            } else {
                towns.push((base.to_string(), base.to_string()));
            }
        }
    }
    for (i, (name, short)) in towns.into_iter().enumerate() {
        let code = (301 + i).to_string();
        unit(
            &mut rng,
            code.clone(),
            name,
            None,
            UnitKind::Township,
            40,
            "7",
        );
        let specs = names::TOWNSHIP_PROJECTS
            .iter()
            .map(|(name, size, flags, section)| (format!("{short}{name}"), *size, *flags, *section))
            .collect();
        owners.push(Owner::new(code, 3, specs));
    }

    // 3–4 第三方机构.
    let mut idx: Vec<usize> = (0..names::THIRD_PARTIES.len()).collect();
    rng.shuffle(&mut idx);
    let n = 3 + rng.below(2) as usize;
    let mut idx: Vec<usize> = idx.into_iter().take(n).collect();
    idx.sort_unstable();
    for (k, i) in idx.into_iter().enumerate() {
        unit(
            &mut rng,
            (801 + k).to_string(),
            names::THIRD_PARTIES[i].into(),
            None,
            UnitKind::ThirdParty,
            100,
            "",
        );
    }

    let projects = plan_projects(&mut rng, &mut owners, &section_codes);
    Plan { units, projects }
}

fn person(rng: &mut SplitMix64) -> String {
    let surname = rng.pick(names::SURNAMES).copied().unwrap_or("王");
    let given = rng.pick(names::GIVEN_NAMES).copied().unwrap_or("伟");
    format!("{surname}{given}")
}

fn plan_projects(
    rng: &mut SplitMix64,
    owners: &mut [Owner],
    sections: &HashMap<&str, String>,
) -> Vec<PlannedProject> {
    let mut out = Vec::new();

    // 2025: the must-have projects, one project for every owner, then a weighted fill.
    let n0 = 240 + rng.below(21) as usize;
    for owner in owners.iter_mut() {
        for si in owner.eligible(Y0) {
            if owner.specs[si].2.contains('!') {
                out.push(new_project(rng, owner, si, Y0, sections));
            }
        }
    }
    for owner in owners.iter_mut() {
        if owner.seq == 0 {
            let eligible = owner.eligible(Y0);
            if let Some(&si) = rng.pick(&eligible) {
                out.push(new_project(rng, owner, si, Y0, sections));
            }
        }
    }
    fill(rng, owners, Y0, n0, sections, &mut out);

    // 2026: every project whose 实施期 runs on continues (same code, 延续), then new ones.
    let continuing: Vec<PlannedProject> = out
        .iter()
        .filter(|p| p.period_end >= Y1)
        .map(|p| {
            let pct = rng.between(80, 120);
            let initial = round_style(rng, p.initial.0 / 10_000 * pct / 100);
            let adjusted = adjust(rng, initial, 12);
            PlannedProject {
                fiscal_year: Y1,
                new_or_continuing: NewOrContinuing::Continuing,
                initial: wan_hundredths(initial),
                adjusted: wan_hundredths(adjusted),
                grade: grade(initial, p.is_special_bond),
                ..p.clone()
            }
        })
        .collect();
    let n1 = (240 + rng.below(21) as usize).max(continuing.len() + 30);
    let mut year1 = continuing;
    for owner in owners.iter_mut() {
        for si in owner.eligible(Y1) {
            let flags = owner.specs[si].2;
            if flags.contains('6') && flags.contains('!') {
                year1.push(new_project(rng, owner, si, Y1, sections));
            }
        }
    }
    fill(rng, owners, Y1, n1, sections, &mut year1);
    out.extend(year1);
    out
}

/// Adds new projects of `year` to `out` until it has `n`, drawing owners by weight.
fn fill(
    rng: &mut SplitMix64,
    owners: &mut [Owner],
    year: i32,
    n: usize,
    sections: &HashMap<&str, String>,
    out: &mut Vec<PlannedProject>,
) {
    while out.len() < n {
        let weights: Vec<u64> = owners
            .iter()
            .map(|o| {
                if o.eligible(year).is_empty() {
                    0
                } else {
                    o.weight
                }
            })
            .collect();
        let Some(oi) = rng.weighted(&weights) else {
            break;
        };
        let eligible = owners[oi].eligible(year);
        if let Some(&si) = rng.pick(&eligible) {
            out.push(new_project(rng, &mut owners[oi], si, year, sections));
        }
    }
}

/// A project that starts being budgeted in `year` (新增 when its 实施期 starts that year).
fn new_project(
    rng: &mut SplitMix64,
    owner: &mut Owner,
    si: usize,
    year: i32,
    sections: &HashMap<&str, String>,
) -> PlannedProject {
    owner.used[si] = true;
    owner.seq += 1;
    let (name, size, flags, section) = owner.specs[si].clone();
    let has = |c: char| flags.contains(c);
    let (start, end) = period(rng, flags, year);
    let (budget_type, fund_source, bond) = if has('b') {
        (BudgetType::GovFund, "专项债券", true)
    } else if has('f') {
        (BudgetType::GovFund, "政府性基金", false)
    } else if has('k') {
        (BudgetType::StateCapital, "其他", false)
    } else if has('s') {
        (BudgetType::SocialSecurity, "其他", false)
    } else if has('t') || (has('m') && rng.percent(50)) {
        (BudgetType::General, "上级转移支付", false)
    } else {
        (BudgetType::General, "财政拨款", false)
    };
    let initial = amount(rng, size);
    let adjusted = adjust(rng, initial, if year == Y0 { 40 } else { 12 });
    let section_code = sections
        .get(section)
        .cloned()
        .unwrap_or_else(|| "901".into());
    PlannedProject {
        fiscal_year: year,
        code: format!("{}-{start}-{:03}", owner.code, owner.seq),
        name,
        unit_code: owner.code.clone(),
        budget_type,
        category: if has('y') {
            ProjectCategory::Operating
        } else {
            ProjectCategory::SpecificPurpose
        },
        new_or_continuing: if start == year {
            NewOrContinuing::New
        } else {
            NewOrContinuing::Continuing
        },
        period_start: start,
        period_end: end,
        initial: wan_hundredths(initial),
        adjusted: wan_hundredths(adjusted),
        fund_source,
        is_special_bond: bond,
        grade: grade(initial, bond),
        section_code,
    }
}

/// 实施期 of a project first budgeted in `year`: it may have started earlier only in 2025.
fn period(rng: &mut SplitMix64, flags: &str, year: i32) -> (i32, i32) {
    let has = |c: char| flags.contains(c);
    let earlier = |rng: &mut SplitMix64, max_back: i64| {
        if year == Y0 {
            year - rng.between(0, max_back) as i32
        } else {
            year
        }
    };
    let (start, years) = if has('5') || has('6') {
        (year, 1)
    } else if has('r') {
        let start = earlier(rng, 4);
        (start, 2027 + rng.between(0, 3) as i32 - start + 1)
    } else if has('b') {
        (earlier(rng, 1), 2 + rng.between(0, 1) as i32)
    } else if has('y') {
        let start = earlier(rng, 3);
        (start, [1, 3, 3, 5][rng.below(4) as usize])
    } else {
        let start = if year == Y0 {
            [Y0 - 2, Y0 - 1, Y0][rng.weighted(&[15, 25, 60]).unwrap_or(2)]
        } else {
            year
        };
        (
            start,
            [1, 2, 3, 5][rng.weighted(&[35, 20, 35, 10]).unwrap_or(0)],
        )
    };
    (start, (start + years - 1).max(year))
}

/// Amount bands in hundredths of 万元: 5–10, 10–30, 30–80, 80–200, 200–500, 500–1000,
/// 1000–2000, 2000–5000 万元.
const BANDS: [(i64, i64); 8] = [
    (500, 1_000),
    (1_000, 3_000),
    (3_000, 8_000),
    (8_000, 20_000),
    (20_000, 50_000),
    (50_000, 100_000),
    (100_000, 200_000),
    (200_000, 500_000),
];

/// 年初预算数 in hundredths of 万元, long-tailed by size.
fn amount(rng: &mut SplitMix64, size: Size) -> i64 {
    let weights: [u64; 8] = match size {
        Size::S => [20, 45, 30, 5, 0, 0, 0, 0],
        Size::M => [0, 15, 35, 35, 15, 0, 0, 0],
        Size::L => [0, 0, 0, 25, 40, 25, 10, 0],
        Size::X => [0, 0, 0, 0, 0, 25, 40, 35],
    };
    let (lo, hi) = BANDS[rng.weighted(&weights).unwrap_or(1)];
    let raw = rng.between(lo, hi);
    round_style(rng, raw)
}

/// Budgets are mostly whole 万元, some to 0.1 万元, some to the 分 of 百元 (two decimals).
fn round_style(rng: &mut SplitMix64, hundredths: i64) -> i64 {
    let step = match rng.below(10) {
        0..=4 => 100,
        5..=6 => 10,
        _ => 1,
    };
    ((hundredths + step / 2) / step * step).max(500)
}

/// 调整后预算数: for `pct` % of projects the initial amount ±1–15 %.
fn adjust(rng: &mut SplitMix64, initial: i64, pct: u64) -> i64 {
    if !rng.percent(pct) {
        return initial;
    }
    let mut bp = rng.between(100, 1_500);
    if rng.percent(45) {
        bp = -bp;
    }
    initial + initial * bp / 10_000
}

fn wan_hundredths(hundredths: i64) -> Fen {
    Fen(hundredths * 10_000)
}

/// A for the largest (≥ 1000 万元) and every 专项债券 project, B from 100 万元, else C.
fn grade(initial_hundredths: i64, bond: bool) -> ProjectGrade {
    if bond || initial_hundredths >= 100_000 {
        ProjectGrade::A
    } else if initial_hundredths >= 10_000 {
        ProjectGrade::B
    } else {
        ProjectGrade::C
    }
}

/// The 指标库 category of a 主管部门 of the demo county (its 预算单位 share it).
fn dept_category(dept: &str) -> Option<&'static str> {
    Some(match dept {
        "县教育局" => "教育",
        "县卫生健康局" | "县医疗保障局" => "卫生健康",
        "县农业农村局" => "农业农村",
        "县交通运输局" => "交通",
        "县水利局" => "水利",
        "县民政局" | "县人力资源和社会保障局" | "县退役军人事务局" | "县残疾人联合会" => {
            "社会保障"
        }
        "县住房和城乡建设局" | "县城市管理局" => "城乡建设",
        "县自然资源局" => "自然资源",
        "县生态环境分局" | "县林业局" => "生态环保",
        "县文化和旅游局" | "县融媒体中心" => "文化旅游",
        "县公安局" | "县司法局" | "县应急管理局" => "公共安全",
        "县乡村振兴局" => "乡村振兴",
        "县科学技术局" | "县工业和信息化局" => "科技",
        "县商务局" | "县市场监督管理局" => "商贸",
        "县发展和改革局" | "县统计局" | "县审计局" | "县人民政府办公室" | "县机关事务服务中心" => {
            "一般公共服务"
        }
        _ => return None,
    })
}

/// The 指标库 category of a 乡镇 project, from the words of its name.
fn township_category(project: &str) -> &'static str {
    const WORDS: &[(&[&str], &str)] = &[
        (&["水利", "防汛", "饮水"], "水利"),
        (&["污水", "垃圾", "秸秆", "森林"], "生态环保"),
        (&["公路"], "交通"),
        (
            &["农田", "农业", "集体经济", "产业发展", "人居环境"],
            "农业农村",
        ),
        (&["救助", "老年人", "退役军人"], "社会保障"),
        (&["文化"], "文化旅游"),
        (&["安全生产", "应急", "网格"], "公共安全"),
        (&["运转", "便民服务"], "一般公共服务"),
    ];
    WORDS
        .iter()
        .find(|(words, _)| words.iter().any(|w| project.contains(w)))
        .map_or("乡村振兴", |(_, c)| c)
}

/// The 指标库 category (教育, 卫生健康 …) whose indicators fit a demo project: 债券项目 for a
/// special bond, else the category of the 主管部门 the project's unit belongs to, else (a 乡镇
/// project) the category its name points to. The demo's 绩效目标 take their indicators from it.
pub fn library_category_of_project(
    c: &rusqlite::Connection,
    project_id: &str,
) -> Result<&'static str> {
    let (name, bond, unit): (String, bool, String) = c.query_row(
        "SELECT name, is_special_bond, unit_id FROM project WHERE id = ?1",
        [project_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if bond {
        return Ok("债券项目");
    }
    Ok(library_category_of_unit(c, &unit)?.unwrap_or_else(|| township_category(&name)))
}

/// The category of the 主管部门 above (or at) `unit_id`; None for a 乡镇 or another unit.
pub fn library_category_of_unit(
    c: &rusqlite::Connection,
    unit_id: &str,
) -> Result<Option<&'static str>> {
    let mut id = Some(unit_id.to_string());
    // The tree is shallow (部门 → 预算单位 → 下属单位); the bound guards against a cycle.
    for _ in 0..8 {
        let Some(current) = id else { break };
        let (name, parent): (String, Option<String>) = c.query_row(
            "SELECT name, parent_id FROM org_unit WHERE id = ?1",
            [&current],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(cat) = dept_category(&name) {
            return Ok(Some(cat));
        }
        id = parent;
    }
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_stream_is_the_reference_one() {
        // Vigna's splitmix64.c with state 0 (the stream must never change: demos are shared by
        // seed).
        let mut r = SplitMix64::new(0);
        assert_eq!(r.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(r.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn plan_is_the_same_for_the_same_seed() {
        let (a, b) = (plan(DEFAULT_SEED), plan(DEFAULT_SEED));
        assert_eq!(a.units, b.units);
        assert_eq!(a.projects, b.projects);
        assert_ne!(plan(DEFAULT_SEED + 1).projects, a.projects);
    }
}
