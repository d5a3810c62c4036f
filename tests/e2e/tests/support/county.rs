//! Data the scenarios prepare through jixiao-core before the window opens: a 预算单位 or 乡镇,
//! projects, and a 财政重点评价 with its sheet scored.

use jixiao_core::db::WriteCtx;
use jixiao_core::evaluation::key::{self, KeyEval, KeyEvalInput, KeyItemInput};
use jixiao_core::evaluation::{KeyKind, KeyMethod};
use jixiao_core::org::{self, OrgUnit, UnitInput, UnitKind};
use jixiao_core::projects::{self, BudgetType, NewOrContinuing, Project, ProjectCategory};
use jixiao_core::Result;

pub fn budget_unit(ctx: &WriteCtx, code: &str, name: &str) -> Result<OrgUnit> {
    org::create_unit(
        ctx,
        &UnitInput {
            code: code.into(),
            name: name.into(),
            parent_id: None,
            kind: UnitKind::BudgetUnit,
            contact: "李明".into(),
            phone: "0635-5100003".into(),
        },
    )
}

pub fn township(ctx: &WriteCtx, code: &str, name: &str) -> Result<OrgUnit> {
    org::create_unit(
        ctx,
        &UnitInput {
            code: code.into(),
            name: name.into(),
            parent_id: None,
            kind: UnitKind::Township,
            contact: "赵刚".into(),
            phone: "0635-5100307".into(),
        },
    )
}

/// A one-year 特定目标类 project of 100万.
pub fn project(ctx: &WriteCtx, year: i32, code: &str, name: &str, unit: &str) -> Result<Project> {
    projects::create_project(
        ctx,
        &projects::ProjectInput {
            fiscal_year: year,
            code: code.into(),
            name: name.into(),
            unit_id: unit.into(),
            budget_type: BudgetType::General,
            category: ProjectCategory::SpecificPurpose,
            new_or_continuing: NewOrContinuing::Continuing,
            period_start: year,
            period_end: year,
            initial_budget_wan: "100".into(),
            adjusted_budget_wan: "100".into(),
            fund_source: "财政拨款".into(),
            is_special_bond: false,
            grade: None,
            managing_dept_id: None,
        },
    )
}

/// A 财政评价 of `project` in 计划 with its sheet scored: `lose_cp` taken from the first items
/// (at most half of each), item `unscored` (0-based) left empty, and the 主要绩效 text saved.
pub fn scored_key_eval(
    ctx: &WriteCtx,
    year: i32,
    project: &Project,
    mut lose_cp: i64,
    unscored: Option<usize>,
) -> Result<KeyEval> {
    let k = key::create_key_eval(
        ctx,
        &KeyEvalInput {
            year,
            kind: KeyKind::Project,
            object_name: String::new(),
            project_id: Some(project.id.clone()),
            unit_id: None,
            amount: None,
            method: KeyMethod::Bureau,
            team: "绩效股评价组".into(),
            plan_start: Some(format!("{year}-09-01")),
            plan_end: Some(format!("{year}-11-30")),
            previous_id: None,
            basis: "预算绩效管理办法".into(),
        },
    )?;
    let items: Vec<KeyItemInput> = k
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let skip = unscored == Some(n);
            let take = if skip {
                0
            } else {
                lose_cp.min(i.weight_cp / 2)
            };
            lose_cp -= take;
            KeyItemInput {
                id: Some(i.id.clone()),
                level1: i.level1.clone(),
                level2: i.level2.clone(),
                level3: i.level3.clone(),
                weight_cp: i.weight_cp,
                standard: i.standard.clone(),
                rule: i.rule.clone(),
                threshold: i.threshold.clone(),
                deduct_cp: i.deduct_cp,
                actual: None,
                score_cp: (!skip).then_some(i.weight_cp - take),
                note: String::new(),
            }
        })
        .collect();
    key::save_key_sheet(ctx, &k.id, &items)?;
    key::save_key_texts(
        ctx,
        &k.id,
        "项目按期完成，资金使用规范，服务条件明显改善。",
        "",
    )
}
