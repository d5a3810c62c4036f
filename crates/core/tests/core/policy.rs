//! 政策 register (create / edit / delete with refusals, list filters, .xlsx import and export),
//! 政策事前评估 on the policy sheet, and the 专项债 sheet of a special-bond project.

use super::common::{actor, add_unit, project_input, temp_db, TempDb};
use jixiao_core::access::{Actor, Role};
use jixiao_core::exante::{self, AssessorType, ExAnteConclusion, ExAnteInput, ItemScore};
use jixiao_core::exchange::ImportReport;
use jixiao_core::org::{OrgUnit, UnitKind};
use jixiao_core::policy::{self, PolicyFundInput, PolicyInput, PolicyQuery};
use jixiao_core::projects::{self, Project};
use jixiao_core::rules::{ExAnteAspect, RuleSet};
use jixiao_core::{Error, Fen};
use std::path::Path;

struct County {
    t: TempDb,
    dept: OrgUnit,
    school: OrgUnit,
}

fn county() -> County {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "101001",
        "县实验小学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    County { t, dept, school }
}

impl County {
    fn project(&self, year: i32, code: &str, wan: &str) -> Project {
        let input = project_input(year, code, &self.school.id, wan);
        self.t
            .db
            .write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect("project")
    }

    fn input(&self, name: &str, projects: &[&Project]) -> PolicyInput {
        PolicyInput {
            name: name.into(),
            doc_no: "示教发〔2025〕8号".into(),
            dept_unit_id: self.dept.id.clone(),
            start_year: 2025,
            end_year: 2027,
            funds: vec![
                PolicyFundInput {
                    year: 2025,
                    amount_wan: "120.5".into(),
                },
                PolicyFundInput {
                    year: 2026,
                    amount_wan: "130".into(),
                },
            ],
            project_ids: projects.iter().map(|p| p.id.clone()).collect(),
        }
    }

    fn count(&self, table: &str) -> i64 {
        self.t
            .db
            .read(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
            .expect("count")
    }
}

fn scores_of(sheet: &[ExAnteAspect], total_cp: i64) -> Vec<ItemScore> {
    let mut deficit = 10_000 - total_cp;
    let mut out = Vec::new();
    for a in sheet {
        for i in &a.items {
            let off = deficit.min(i.max_cp);
            deficit -= off;
            out.push(ItemScore {
                aspect: a.name.clone(),
                item: i.name.clone(),
                score_cp: i.max_cp - off,
            });
        }
    }
    out
}

fn assessment(scores: Vec<ItemScore>) -> ExAnteInput {
    ExAnteInput {
        scores,
        assessor_type: AssessorType::Finance,
        assessor_org_id: None,
        assessor_name: "王晓梅".into(),
        declared_wan: "250.5".into(),
        approved_wan: "200".into(),
        opinion: "政策依据充分".into(),
        assessed_on: "2025-03-10".into(),
    }
}

#[test]
fn a_policy_keeps_its_yearly_funds_and_projects_and_bad_forms_change_nothing() {
    let c = county();
    let a = c.project(2025, "P1", "100");
    let b = c.project(2026, "P1", "110");
    let late = c.project(2028, "P9", "10");
    let db = &c.t.db;
    let p = db
        .write(&actor(), |ctx| {
            policy::create_policy(ctx, &c.input("小学课后服务补助政策", &[&a, &b]))
        })
        .expect("create");
    assert_eq!(p.total_fen, Fen(250_500_000));
    assert_eq!(
        p.funds.iter().map(|f| (f.year, f.fen)).collect::<Vec<_>>(),
        [(2025, Fen(120_500_000)), (2026, Fen::from_wan(130))]
    );
    assert_eq!(p.projects.len(), 2);
    assert_eq!(p.dept_unit_name, "县教育局");

    let before = (
        c.count("policy"),
        c.count("policy_project"),
        c.count("audit_log"),
    );
    let refuse = |input: PolicyInput| {
        db.write(&actor(), |ctx| policy::create_policy(ctx, &input))
            .unwrap_err()
            .to_string()
    };
    let msg = refuse(c.input("小学课后服务补助政策", &[]));
    assert!(
        msg.contains("政策名称") && msg.contains("已有同名政策"),
        "{msg}"
    );
    let mut out_of_range = c.input("工业技术改造综合奖补资金", &[]);
    out_of_range.funds[1].year = 2029;
    let msg = refuse(out_of_range);
    assert!(
        msg.contains("2029年资金规模") && msg.contains("2025—2027"),
        "{msg}"
    );
    let msg = refuse(c.input("工业技术改造综合奖补资金", &[&late]));
    assert!(
        msg.contains("关联项目") && msg.contains("2028年度"),
        "{msg}"
    );
    let mut bad_amount = c.input("工业技术改造综合奖补资金", &[]);
    bad_amount.funds[0].amount_wan = "约五十".into();
    let msg = refuse(bad_amount);
    assert!(msg.contains("2025年资金规模（万元）"), "{msg}");
    // 单位填报 may not keep the register.
    let filler = Actor::account(
        "acct-f",
        "f",
        "李四",
        "县实验小学",
        vec![Role::UnitFiller],
        Some(c.school.id.clone()),
    );
    let e = db
        .write(&filler, |ctx| {
            policy::create_policy(ctx, &c.input("另一政策", &[]))
        })
        .unwrap_err();
    assert!(e.to_string().contains("无权限"), "{e}");
    assert_eq!(
        (
            c.count("policy"),
            c.count("policy_project"),
            c.count("audit_log") - 1
        ),
        before,
        "refusals write nothing (the refusal of 单位填报 is audited)"
    );

    // Edit: drop one project, list filters by year and search.
    let mut edit = c.input("小学课后服务补助政策", &[&b]);
    edit.doc_no = "示教发〔2026〕2号".into();
    let p2 = db
        .write(&actor(), |ctx| policy::update_policy(ctx, &p.id, &edit))
        .expect("update");
    assert_eq!(p2.projects.len(), 1);
    assert_eq!(p2.projects[0].fiscal_year, 2026);
    let list = |q: PolicyQuery| db.read(|c| policy::list_policies(c, &q)).expect("list");
    assert_eq!(
        list(PolicyQuery {
            year: Some(2027),
            ..Default::default()
        })
        .total,
        1
    );
    assert_eq!(
        list(PolicyQuery {
            year: Some(2024),
            ..Default::default()
        })
        .total,
        0
    );
    assert_eq!(
        list(PolicyQuery {
            search: Some("2026〕2".into()),
            ..Default::default()
        })
        .total,
        1
    );
    db.write(&actor(), |ctx| policy::delete_policy(ctx, &p.id))
        .expect("delete");
    assert_eq!(list(PolicyQuery::default()).total, 0);
}

fn write_xlsx(path: &Path, rows: &[Vec<&str>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (col, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, col as u16, *cell).expect("cell");
        }
    }
    book.save(path).expect("save");
}

#[test]
fn policies_import_by_header_text_and_export_back_unchanged() {
    let c = county();
    c.project(2025, "P1", "100");
    c.project(2026, "P1", "110");
    c.project(2026, "P2", "20");
    let db = &c.t.db;
    let file = c.t.dir.path().join("政策.xlsx");
    // Columns in another order, a title row above the header.
    write_xlsx(
        &file,
        &[
            vec!["2026年 政策清单"],
            vec![
                "年度",
                "政策名称",
                "资金规模（万元）",
                "关联项目编码",
                "主管部门编码",
                "文号",
                "起始年度",
                "终止年度",
            ],
            vec![
                "2025",
                "小学课后服务补助政策",
                "120.5",
                "P1",
                "101",
                "示教发〔2025〕8号",
                "2025",
                "2027",
            ],
            vec![
                "2026",
                "小学课后服务补助政策",
                "130",
                "P1、P2",
                "101",
                "示教发〔2025〕8号",
                "2025",
                "2027",
            ],
            vec![
                "",
                "工业技术改造综合奖补资金",
                "",
                "",
                "101",
                "",
                "2026",
                "2026",
            ],
        ],
    );
    let r = policy::import_policies(db, &actor(), &file).expect("import");
    assert_eq!(
        r,
        ImportReport {
            rows: 3,
            created: 2,
            ..ImportReport::default()
        }
    );
    let all = db
        .read(|c| policy::list_policies(c, &PolicyQuery::default()))
        .expect("list");
    let school = all
        .rows
        .iter()
        .find(|p| p.name == "小学课后服务补助政策")
        .expect("p");
    assert_eq!(school.total_fen, Fen(250_500_000));
    assert_eq!(school.projects.len(), 3);

    let out = c.t.dir.path().join("导出.xlsx");
    assert_eq!(
        db.read(|c| policy::export_policies(c, &out, None))
            .expect("export"),
        2
    );
    let again = policy::import_policies(db, &actor(), &out).expect("re-import");
    assert_eq!((again.created, again.updated, again.unchanged), (0, 0, 2));

    // A bad file: unknown unit, a project code of no such year, a year twice → nothing changes.
    let audit = c.count("audit_log");
    write_xlsx(
        &file,
        &[
            vec![
                "政策名称",
                "文号",
                "主管部门编码",
                "起始年度",
                "终止年度",
                "年度",
                "资金规模（万元）",
                "关联项目编码",
            ],
            vec!["新政策", "", "999", "2025", "2026", "2025", "1", ""],
            vec![
                "小学课后服务补助政策",
                "示教发〔2025〕8号",
                "101",
                "2025",
                "2027",
                "2025",
                "1",
                "P2",
            ],
            vec![
                "小学课后服务补助政策",
                "示教发〔2025〕8号",
                "101",
                "2025",
                "2027",
                "2025",
                "2",
                "",
            ],
        ],
    );
    let e = policy::import_policies(db, &actor(), &file).unwrap_err();
    let Error::Rejected(problems) = &e else {
        panic!("{e}")
    };
    let text: Vec<String> = problems
        .iter()
        .map(|p| format!("{}|{}|{}", p.row, p.column, p.message))
        .collect();
    assert!(
        text.iter()
            .any(|t| t.starts_with("2|主管部门编码|找不到单位编码『999』")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("3|关联项目编码|找不到2025年度的项目编码『P2』")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|t| t.starts_with("4|年度|") && t.contains("2025年度出现了两次")),
        "{text:?}"
    );
    assert_eq!(c.count("audit_log"), audit);
}

#[test]
fn a_policy_is_scored_on_the_policy_sheet_with_the_project_bands() {
    let c = county();
    let db = &c.t.db;
    let p = db
        .write(&actor(), |ctx| {
            policy::create_policy(ctx, &c.input("小学课后服务补助政策", &[]))
        })
        .expect("policy");
    let sheet = RuleSet::default().ex_ante;
    // The project sheet's items are not the policy sheet's: refused, nothing written.
    let e = db
        .write(&actor(), |ctx| {
            policy::save_policy_assessment(ctx, &p.id, &assessment(scores_of(&sheet.aspects, 9000)))
        })
        .unwrap_err();
    assert!(e.to_string().contains("立项必要性"), "{e}");
    assert_eq!(c.count("policy_assessment"), 0);

    let a = db
        .write(&actor(), |ctx| {
            policy::save_policy_assessment(
                ctx,
                &p.id,
                &assessment(scores_of(&sheet.policy_aspects, 8850)),
            )
        })
        .expect("assess");
    assert_eq!(a.total_cp, 8850);
    assert_eq!(a.conclusion, ExAnteConclusion::SupportAfterRevision);
    assert_eq!(a.reduction_rate_bp, 2016); // 50.5 / 250.5 = 20.16 %
    let shown = db.read(|c| policy::policy_sheet(c, &p.id)).expect("sheet");
    assert_eq!(shown.aspects[0].name, "政策设立必要性");
    assert_eq!(
        shown.aspects.iter().map(|a| a.subtotal_cp).sum::<i64>(),
        8850
    );
    assert_eq!(shown.current_rules.aspects, sheet.policy_aspects);
    let listed = db
        .read(|c| policy::list_policies(c, &PolicyQuery::default()))
        .expect("list");
    assert_eq!(listed.rows[0].exante_total_cp, Some(8850));
    let a = db
        .write(&actor(), |ctx| {
            policy::save_policy_assessment(
                ctx,
                &p.id,
                &assessment(scores_of(&sheet.policy_aspects, 9000)),
            )
        })
        .expect("re-assess");
    assert_eq!(a.conclusion, ExAnteConclusion::Support);
    assert_eq!(c.count("policy_assessment"), 1, "a re-save keeps one row");
    let s = db.read(|c| exante::stats(c, 2026)).expect("stats");
    assert_eq!(
        (s.policies.count, s.policies.assessed, s.policies.support),
        (1, 1, 1)
    );
    assert_eq!(s.policies.amount_fen, Fen::from_wan(130));
    assert_eq!(s.policies.approved_fen, Fen::from_wan(200));
    assert_eq!(s.assessed, 0, "policies are not counted as projects");
    let none = db.read(|c| exante::stats(c, 2024)).expect("stats");
    assert_eq!((none.policies.count, none.policies.assessed), (0, 0));
}

#[test]
fn a_special_bond_project_is_scored_on_the_bond_sheet() {
    let c = county();
    let db = &c.t.db;
    let mut input = project_input(2026, "ZXZ-1", &c.school.id, "5000");
    input.is_special_bond = true;
    let bond = db
        .write(&actor(), |ctx| projects::create_project(ctx, &input))
        .expect("bond");
    let plain = c.project(2026, "P1", "500");
    let sheet = RuleSet::default().ex_ante;
    let shown = db.read(|c| exante::get(c, &bond.id)).expect("sheet");
    assert_eq!(shown.aspects.len(), 7);
    assert_eq!(shown.aspects[5].name, "偿债计划可行性和偿债风险");
    assert_eq!(shown.current_rules.aspects, sheet.bond_aspects);
    assert_eq!(
        db.read(|c| exante::get(c, &plain.id))
            .expect("plain")
            .aspects[0]
            .name,
        "立项必要性"
    );

    let save = |p: &Project, scores| {
        db.write(&actor(), |ctx| {
            exante::save_assessment(ctx, &p.id, &assessment(scores))
        })
    };
    let e = save(&bond, scores_of(&sheet.aspects, 9500)).unwrap_err();
    assert!(e.to_string().contains("立项必要性"), "{e}");
    let a = save(&bond, scores_of(&sheet.bond_aspects, 6950)).expect("bond assessed");
    assert_eq!(
        (a.total_cp, a.conclusion),
        (6950, ExAnteConclusion::NotSupport)
    );
    let a = save(&plain, scores_of(&sheet.aspects, 9500)).expect("plain assessed");
    assert_eq!(a.conclusion, ExAnteConclusion::Support);
    let s = db.read(|c| exante::stats(c, 2026)).expect("stats");
    assert_eq!(s.assessed, 2);
    assert_eq!(
        (
            s.bonds.count,
            s.bonds.assessed,
            s.bonds.not_support,
            s.bonds.support
        ),
        (1, 1, 1, 0)
    );
    assert_eq!(s.bonds.amount_fen, Fen::from_wan(5000));
}

/// A 项目 row of a three-year project (2024–2026) with a current target and a submitted 自评 of
/// `score_cp` whose 全年执行数 is `executed_wan` — the rows the 自评 stage leaves behind.
fn year_of_three(c: &County, year: i32, wan: &str, executed_wan: i64, score_cp: i64) -> Project {
    let mut input = project_input(year, "QZQ-1", &c.school.id, wan);
    input.period_start = 2024;
    input.period_end = 2026;
    input.name = "小学课后服务提升工程".into();
    let p =
        c.t.db
            .write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect("project");
    c.t.db
        .write(&Actor::system("测试"), |ctx| {
            let target = format!("t{year}");
            ctx.execute(
                "INSERT INTO perf_target (id, fiscal_year, kind, project_id, unit_id, status,
                    overall_goal, created_at, updated_at)
                 VALUES (?1, ?2, '项目', ?3, ?4, '二下', ?5, 'x', 'x')",
                rusqlite::params![
                    target,
                    year,
                    p.id,
                    c.school.id,
                    format!("{year}年覆盖学生 {} 人", year - 2000)
                ],
            )?;
            ctx.execute(
                "INSERT INTO self_eval (id, fiscal_year, target_id, kind, project_id, unit_id,
                    status, budget_fen, executed_fen, execution_weight_cp, total_cp, created_at,
                    updated_at)
                 VALUES (?1, ?2, ?3, '项目', ?4, ?5, '已提交', ?6, ?7, 1000, ?8, 'x', 'x')",
                rusqlite::params![
                    format!("s{year}"),
                    year,
                    target,
                    p.id,
                    c.school.id,
                    p.adjusted_budget.0,
                    Fen::from_wan(executed_wan).0,
                    score_cp
                ],
            )?;
            Ok(())
        })
        .expect("target and self-evaluation");
    p
}

#[test]
fn a_three_year_projects_cumulative_completion_is_the_budget_weighted_sum_of_its_years() {
    use jixiao_core::cycle::{
        self, CycleDecision, CycleDecisionInput, CycleFlag, CycleKind, CycleQuery,
    };
    let c = county();
    let db = &c.t.db;
    year_of_three(&c, 2024, "100", 100, 9000);
    year_of_three(&c, 2025, "200", 150, 8000);
    year_of_three(&c, 2026, "300", 150, 7000);
    c.project(2026, "ONE", "50"); // one year only: not followed

    let v = db
        .read(|c| cycle::get_cycle(c, CycleKind::Project, "QZQ-1", 2026))
        .expect("view");
    assert_eq!(
        v.years.iter().map(|y| y.year).collect::<Vec<_>>(),
        [2024, 2025, 2026]
    );
    assert_eq!(v.years[1].target_goal, "2025年覆盖学生 25 人");
    assert_eq!(v.years[1].execution_bp, Some(7500));
    assert_eq!(v.years[1].execution_source, "自评（全年）");
    // (100 × 90.00 + 200 × 80.00) / 300 = 83.33; all three: 4,600,000 / 600 = 76.67 (half up).
    assert_eq!(v.years[0].cumulative_completion_cp, Some(9000));
    assert_eq!(v.years[1].cumulative_completion_cp, Some(8333));
    assert_eq!(v.row.cumulative_completion_cp, Some(7667));
    assert_eq!(
        v.row.cumulative_completion_cp,
        Some(((100 * 9000 + 200 * 8000 + 300 * 7000) * 2 + 600) / (2 * 600))
    );
    // 执行: (100 + 150 + 150) / 600 = 66.67 %.
    assert_eq!(v.row.cumulative_execution_bp, Some(6667));
    assert_eq!(v.row.total_budget_fen, Fen::from_wan(600));
    // Ends in 2026 and its full-year execution is past the red line (< 70 %): 到期 and 低效.
    assert_eq!(v.row.flags, [CycleFlag::Expiring, CycleFlag::Inefficient]);
    assert_eq!(v.row.proposal, "建议清理退出");
    // Seen from 2025: two years, 83.33, execution 250 / 300 = 83.33 %, neither flag.
    let v25 = db
        .read(|c| cycle::get_cycle(c, CycleKind::Project, "QZQ-1", 2025))
        .expect("view 2025");
    assert_eq!(v25.row.cumulative_completion_cp, Some(8333));
    assert!(v25.row.flags.is_empty(), "{:?}", v25.row.flags);

    let list = |q: CycleQuery| db.read(|c| cycle::list_cycles(c, &q)).expect("list");
    let all = list(CycleQuery {
        year: 2026,
        ..Default::default()
    });
    assert_eq!(
        all.rows.iter().map(|r| r.code.as_str()).collect::<Vec<_>>(),
        ["QZQ-1"]
    );
    assert_eq!(
        list(CycleQuery {
            year: 2026,
            kind: Some(CycleKind::Policy),
            ..Default::default()
        })
        .total,
        0
    );

    // 退出 needs a reason; the decision is stored, audited and shown on the row.
    let mut d = CycleDecisionInput {
        kind: CycleKind::Project,
        object_id: "QZQ-1".into(),
        year: 2026,
        decision: CycleDecision::Exit,
        reason: " ".into(),
    };
    let e = db
        .write(&actor(), |ctx| cycle::decide(ctx, &d))
        .unwrap_err();
    assert!(e.to_string().contains("理由"), "{e}");
    assert_eq!(c.count("cycle_decision"), 0);
    d.reason = "政策到期，执行率偏低".into();
    let row = db
        .write(&actor(), |ctx| cycle::decide(ctx, &d))
        .expect("decide");
    assert_eq!(row.decision, Some(CycleDecision::Exit));
    assert_eq!(
        list(CycleQuery {
            year: 2026,
            undecided: Some(true),
            ..Default::default()
        })
        .total,
        0
    );
    let logged: String = db
        .read(|c| {
            Ok(c.query_row(
                "SELECT summary FROM audit_log WHERE entity = 'cycle_decision'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("audited");
    assert!(logged.contains("退出"), "{logged}");

    // A policy over the same years takes its 资金规模 as the weights of its projects' results.
    let p = db
        .write(&actor(), |ctx| {
            let ids: Vec<String> = ctx
                .prepare("SELECT id FROM project WHERE code = 'QZQ-1' ORDER BY fiscal_year")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            let mut input = c.input("小学课后服务补助政策", &[]);
            input.start_year = 2024;
            input.end_year = 2026;
            input.funds = [(2024, "100"), (2025, "100"), (2026, "200")]
                .iter()
                .map(|(y, w)| PolicyFundInput {
                    year: *y,
                    amount_wan: (*w).into(),
                })
                .collect();
            input.project_ids = ids;
            policy::create_policy(ctx, &input)
        })
        .expect("policy");
    let pv = db
        .read(|c| cycle::get_cycle(c, CycleKind::Policy, &p.id, 2026))
        .expect("policy view");
    // (100 × 90 + 100 × 80 + 200 × 70) / 400 = 77.50.
    assert_eq!(pv.row.cumulative_completion_cp, Some(7750));
    assert_eq!(pv.years[2].budget_fen, Fen::from_wan(200));
}

#[test]
fn a_bond_projects_target_without_financing_cost_or_debt_risk_indicators_is_a_finding() {
    use super::common::indicator_row;
    use super::review::good_rows;
    use jixiao_core::indicator::{Level2, Nature};
    use jixiao_core::review;
    use jixiao_core::rules::ReviewRuleCode as R;
    use jixiao_core::targets::{self, TargetDraft};
    let c = county();
    let db = &c.t.db;
    let make = |code: &str, bond: bool, rows| {
        db.write(&actor(), |ctx| {
            let mut input = project_input(2026, code, &c.school.id, "100");
            input.is_special_bond = bond;
            let p = projects::create_project(ctx, &input)?;
            let t = targets::create_project_target(ctx, &p.id)?;
            targets::save_draft(
                ctx,
                &t.id,
                &TargetDraft {
                    overall_goal: "按期建成".into(),
                    indicators: rows,
                },
            )?;
            Ok(t.id)
        })
        .expect("target")
    };
    let rules = |id: &str| {
        db.read(|c| review::review_target(c, id))
            .expect("review")
            .into_iter()
            .filter(|f| f.rule == R::BondMissingDebtIndicators)
            .map(|f| f.message)
            .collect::<Vec<_>>()
    };
    // A bond project with an otherwise clean target: both indicators missing.
    let hit = rules(&make("ZXZ-1", true, good_rows("100")));
    assert_eq!(hit.len(), 1);
    assert!(hit[0].contains("融资成本指标和偿债风险指标"), "{hit:?}");
    // Only the 偿债 one given: the finding names what is still missing.
    let mut one = good_rows("100");
    one.push(indicator_row(
        Level2::Social,
        "偿债资金覆盖率",
        Nature::AtLeast,
        "120",
        "%",
    ));
    let hit = rules(&make("ZXZ-2", true, one.clone()));
    assert_eq!(hit.len(), 1);
    assert!(hit[0].contains("缺少融资成本指标（"), "{hit:?}");
    // Near miss: both present → silent; and an ordinary project never gets it.
    let mut both = one;
    both.push(indicator_row(
        Level2::Cost,
        "债券融资成本率",
        Nature::AtMost,
        "3.5",
        "%",
    ));
    assert!(rules(&make("ZXZ-3", true, both)).is_empty());
    assert!(rules(&make("P-9", false, good_rows("100"))).is_empty());
}
