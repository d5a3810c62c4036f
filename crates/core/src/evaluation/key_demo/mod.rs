//! 财政重点评价 and 第三方机构 of the demo county, through the ordinary functions. In the
//! closed year: 13 项目 + 5 部门整体 evaluations graded 1 优 / 15 良 / 2 中 and 18 乡镇财政运行
//! evaluations graded 5 优 / 13 良 (County B's figures, domain.md §11), plus 2 政策, all 定稿
//! with item scores adding up to the planned totals and 2–4 findings each; 5 of them by
//! 第三方机构 with engagements and quality reviews (one agency 不合格 twice in a row → 清退提示,
//! another 不合格 then 合格 → not flagged), and one recorded relation. In the current year: a
//! 全周期 follow-up of a continuing project (第三方, 实施), a 部门整体 in 实施 and a 政策 in 计划.
//!
//! Deterministic: its own SplitMix64 stream from the demo seed, objects taken in code order.

mod fill;
mod texts;

use crate::db::WriteCtx;
use crate::demo::SplitMix64;
use crate::evaluation::agency::{add_agency_relation, save_agency, AgencyInput};
use crate::evaluation::key::{advance_key_eval, save_key_sheet};
use crate::evaluation::{KeyKind, QualityGrade};
use crate::money::Fen;
use crate::org::{list_units, OrgUnit, UnitKind};
use crate::projects::{list_projects, Project, ProjectQuery};
use crate::rules::Grade;
use crate::Result;
use fill::{date_in, finish, review, scored_sheet, start, subtree_amount, total_for, Planned};

/// Salt of this stream ("KEYEVL").
const SALT: u64 = 0x4B45_5945_564C;

/// What the demo created.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoKey {
    pub evaluations: u32,
    pub finalized: u32,
    pub engagements: u32,
}

fn pick_n<T>(rng: &mut SplitMix64, from: &[T], n: usize) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..from.len()).collect();
    rng.shuffle(&mut idx);
    let mut idx: Vec<usize> = idx.into_iter().take(n).collect();
    idx.sort_unstable();
    idx
}

/// Registers every 第三方机构 unit in the agency registry.
fn register_agencies(ctx: &WriteCtx, agencies: &[OrgUnit]) -> Result<()> {
    for a in agencies {
        let t = texts::agency_type_of(&a.name);
        save_agency(
            ctx,
            &AgencyInput {
                unit_id: Some(a.id.clone()),
                code: a.code.clone(),
                name: a.name.clone(),
                contact: a.contact.clone(),
                phone: a.phone.clone(),
                agency_type: t,
                qualification: texts::qualification_of(t).into(),
                record: "近三年无重大违法违规记录".into(),
            },
        )?;
    }
    Ok(())
}

/// The closed year's plan: 13 of the 40 largest projects and 5 departments sharing
/// 1 优 / 15 良 / 2 中 (5 of them by agencies A, B, A, B, C in contract order), 2 policies,
/// and every township with 5 优 / 13 良.
fn closed_plan(
    ctx: &WriteCtx,
    rng: &mut SplitMix64,
    closed: i32,
    units: &[OrgUnit],
    agencies: usize,
) -> Result<Vec<Planned>> {
    let of_kind = |k: UnitKind| -> Vec<&OrgUnit> { units.iter().filter(|u| u.kind == k).collect() };
    let query = ProjectQuery {
        year: Some(closed),
        ..ProjectQuery::default()
    };
    let mut projects: Vec<Project> = list_projects(ctx, &query)?.rows;
    projects.sort_by(|a, b| {
        b.adjusted_budget
            .cmp(&a.adjusted_budget)
            .then(a.code.cmp(&b.code))
    });
    projects.truncate(40);
    let mut plan: Vec<Planned> = pick_n(rng, &projects, 13)
        .into_iter()
        .map(|i| Planned::project(projects[i].clone()))
        .collect();
    plan.sort_by(|a, b| {
        let code = |p: &Planned| p.project.as_ref().map(|x| x.code.clone());
        code(a).cmp(&code(b))
    });
    let departments = of_kind(UnitKind::Department);
    for i in pick_n(rng, &departments, 5) {
        let u = departments[i].clone();
        let amount = subtree_amount(ctx, &u.id, closed)?;
        plan.push(Planned::new(KeyKind::Department, Some(u), Some(amount)));
    }
    let mut deck = vec![Grade::Excellent, Grade::Fair, Grade::Fair];
    deck.extend(std::iter::repeat_n(Grade::Good, plan.len() - deck.len()));
    rng.shuffle(&mut deck);
    for (p, g) in plan.iter_mut().zip(deck) {
        p.grade = g;
    }
    if agencies > 0 {
        for (n, i) in pick_n(rng, &plan, 5).into_iter().enumerate() {
            plan[i].agency = Some([0, 1, 0, 1, 2][n] % agencies);
        }
    }
    for (name, dept, wan) in texts::POLICIES.iter().take(2) {
        let unit = units.iter().find(|u| u.name == *dept).cloned();
        let mut p = Planned::new(KeyKind::Policy, unit, Some(Fen::from_wan(*wan)));
        p.name = (*name).into();
        plan.push(p);
    }
    let townships = of_kind(UnitKind::Township);
    let mut deck = vec![Grade::Excellent; 5];
    deck.extend(std::iter::repeat_n(
        Grade::Good,
        townships.len().saturating_sub(5),
    ));
    rng.shuffle(&mut deck);
    for (u, g) in townships.into_iter().zip(deck) {
        let amount = subtree_amount(ctx, &u.id, closed)?;
        let mut p = Planned::new(KeyKind::Township, Some(u.clone()), Some(amount));
        p.grade = g;
        plan.push(p);
    }
    Ok(plan)
}

/// Registers the agencies and makes the key evaluations of `closed` and `current`.
pub fn generate(ctx: &WriteCtx, seed: u64, closed: i32, current: i32) -> Result<DemoKey> {
    let mut rng = SplitMix64::new(seed ^ SALT);
    let mut out = DemoKey::default();
    let units = list_units(ctx)?;
    let agencies: Vec<OrgUnit> = units
        .iter()
        .filter(|u| u.kind == UnitKind::ThirdParty)
        .cloned()
        .collect();
    register_agencies(ctx, &agencies)?;
    let plan = closed_plan(ctx, &mut rng, closed, &units, agencies.len())?;

    // Reviews in contract order: A 不合格, B 不合格, A 不合格 (→ 清退提示), B 合格, C 优秀.
    let reviews = [
        QualityGrade::Fail,
        QualityGrade::Fail,
        QualityGrade::Fail,
        QualityGrade::Pass,
        QualityGrade::Excellent,
    ];
    let mut engaged = 0usize;
    let mut follow_ups: Vec<(String, String)> = Vec::new();
    let mut evaluated_by_b: Vec<String> = Vec::new();
    for p in &plan {
        let month = if p.agency.is_some() {
            3 + engaged as u32
        } else {
            3 + rng.below(4) as u32
        };
        let contract = date_in(&mut rng, closed, month);
        let k = start(ctx, &mut rng, closed, p, &agencies, None, contract)?;
        let done = finish(ctx, &mut rng, &k, p.grade)?;
        out.evaluations += 1;
        out.finalized += 1;
        if let Some(e) = &done.engagement {
            review(ctx, &mut rng, &e.id, reviews[engaged.min(4)])?;
            if p.agency == Some(1) {
                evaluated_by_b.extend(done.unit_id.clone());
            }
            engaged += 1;
            out.engagements += 1;
        }
        if let Some(code) = &done.project_code {
            follow_ups.push((code.clone(), done.id.clone()));
        }
    }

    // Current year: a 全周期 follow-up of a continuing project by agency C (实施), a
    // 部门整体 in 实施 with a third of the sheet scored, a 政策 in 计划.
    let query = ProjectQuery {
        year: Some(current),
        ..ProjectQuery::default()
    };
    let now_projects = list_projects(ctx, &query)?.rows;
    let follow = follow_ups.iter().find_map(|(code, id)| {
        now_projects
            .iter()
            .find(|p| &p.code == code)
            .map(|p| (p.clone(), id.clone()))
    });
    if let Some((project, previous)) = follow {
        let mut p = Planned::project(project);
        p.agency = agencies.len().checked_sub(1).map(|n| n.min(2));
        let contract = date_in(&mut rng, current, 3);
        let k = start(
            ctx,
            &mut rng,
            current,
            &p,
            &agencies,
            Some(previous),
            contract,
        )?;
        advance_key_eval(ctx, &k.id)?;
        out.evaluations += 1;
        out.engagements += u32::from(p.agency.is_some());
    }
    let evaluated = |d: &OrgUnit| {
        plan.iter()
            .any(|p| p.unit.as_ref().is_some_and(|u| u.id == d.id))
    };
    let spare = units
        .iter()
        .rev()
        .find(|u| u.kind == UnitKind::Department && !evaluated(u));
    if let Some(u) = spare {
        let amount = subtree_amount(ctx, &u.id, current)?;
        let p = Planned::new(KeyKind::Department, Some(u.clone()), Some(amount));
        let contract = date_in(&mut rng, current, 3);
        let k = start(ctx, &mut rng, current, &p, &agencies, None, contract)?;
        let total = total_for(&mut rng, Grade::Good);
        let mut sheet = scored_sheet(&mut rng, &k.items, total);
        for i in sheet.iter_mut().skip(6) {
            (i.score_cp, i.actual, i.note) = (None, None, String::new());
        }
        save_key_sheet(ctx, &k.id, &sheet)?;
        advance_key_eval(ctx, &k.id)?;
        out.evaluations += 1;
    }
    if let Some((name, dept, wan)) = texts::POLICIES.get(2) {
        let unit = units.iter().find(|u| u.name == *dept).cloned();
        let mut p = Planned::new(KeyKind::Policy, unit, Some(Fen::from_wan(*wan)));
        p.name = (*name).into();
        let contract = date_in(&mut rng, current, 4);
        start(ctx, &mut rng, current, &p, &agencies, None, contract)?;
        out.evaluations += 1;
    }

    // A recorded relation: agency B audited a department it has not evaluated.
    if let Some(b) = agencies.get(1) {
        let related = |d: &OrgUnit| {
            evaluated_by_b.iter().any(|u| {
                u == &d.id
                    || units
                        .iter()
                        .any(|x| &x.id == u && x.parent_id.as_deref() == Some(d.id.as_str()))
            })
        };
        let free = units
            .iter()
            .find(|d| d.kind == UnitKind::Department && !related(d));
        if let Some(d) = free {
            let note = format!("{}年为该单位提供年度财务收支审计服务", closed - 1);
            add_agency_relation(ctx, &b.id, &d.id, &note)?;
        }
    }
    Ok(out)
}
