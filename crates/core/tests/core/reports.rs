//! 统计分析 › 年度总览: a small county's year built through core's own write paths, with every
//! figure of `year_overview` checked against hand-computed totals, split by 预算类型 and compared
//! with the previous year.

use super::common::{
    actor, add_unit, approved_project, indicator_row as row, project_input, TempDb,
};
use super::results_rect::{county_at, key_eval};
use jixiao_core::evaluation::self_eval::{
    get_self_eval, start_self_eval, submit_self_eval, SelfEvalInput, SelfEvalItemInput,
};
use jixiao_core::evaluation::self_list::{list_self_evals, SelfEvalQuery};
use jixiao_core::exante::{save_assessment, AssessorType, ExAnteInput, ItemScore};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{
    self, ActionInput, ActionKind, Possibility, RoundInput, RoundKind, SheetIndicatorInput,
    SheetInput,
};
use jixiao_core::org::UnitKind;
use jixiao_core::projects::{self, BudgetType};
use jixiao_core::reports::{year_overview, YearOverview};
use jixiao_core::results::disclosure::set_disclosure;
use jixiao_core::results::linkage::propose_linkages;
use jixiao_core::results::rectification::{create_rectification, RectInput};
use jixiao_core::rules::RuleSet;
use jixiao_core::targets::{self, IndicatorInput};

/// Full marks on the default 事前评估 sheet less `10000 − total_cp`.
fn exante_input(total_cp: i64, declared: &str, approved: &str) -> ExAnteInput {
    let mut deficit = 10_000 - total_cp;
    let mut scores = Vec::new();
    for a in RuleSet::default().ex_ante.aspects {
        for i in a.items {
            let off = deficit.min(i.max_cp);
            deficit -= off;
            scores.push(ItemScore {
                aspect: a.name.clone(),
                item: i.name,
                score_cp: i.max_cp - off,
            });
        }
    }
    ExAnteInput {
        scores,
        assessor_type: AssessorType::Finance,
        assessor_org_id: None,
        assessor_name: "王芳".into(),
        declared_wan: declared.into(),
        approved_wan: approved.into(),
        opinion: "立项依据充分".into(),
        assessed_on: "2025-10-20".into(),
    }
}

fn project_of(t: &TempDb, code: &str) -> String {
    t.db.read(|c| {
        Ok(
            c.query_row("SELECT id FROM project WHERE code = ?1", [code], |r| {
                r.get::<_, String>(0)
            })?,
        )
    })
    .expect("project id")
}

/// A 政府性基金预算 project with an approved target.
fn approved_fund_project(t: &TempDb, unit: &str, code: &str, wan: &str, rows: Vec<IndicatorInput>) {
    t.db.write(&actor(), |ctx| {
        let mut input = project_input(2025, code, unit, wan);
        input.budget_type = BudgetType::GovFund;
        let p = projects::create_project(ctx, &input)?;
        let target = targets::create_project_target(ctx, &p.id)?;
        targets::save_draft(
            ctx,
            &target.id,
            &targets::TargetDraft {
                overall_goal: "目标".into(),
                indicators: rows,
            },
        )?;
        targets::submit_target(ctx, &target.id)?;
        targets::approve_target(ctx, &target.id, "", None)
    })
    .expect("fund project");
}

/// 县水利局 in 2025: P1 一般公共 100万 (2 indicators, 1 定量), P2 政府性基金 300万 (1 定量),
/// P3 一般公共 50万 without a target; P0 in 2024 assessed. Every stage filled.
pub(super) fn county_year() -> TempDb {
    let t = county_at(2025, 12, 20);
    let u = add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None);
    // 2024: one assessment, 200 → 200 万, 75.00 分 → 调整完善后予以支持.
    t.db.write(&actor(), |ctx| {
        let p = projects::create_project(ctx, &project_input(2024, "P0", &u.id, "200"))?;
        save_assessment(ctx, &p.id, &exante_input(7500, "200", "200"))
    })
    .expect("2024");
    // 事前评估 of P2 before its target: 300 → 258 万 (审减 42 万 = 14.00%), 95.00 分 → 予以支持.
    approved_project(
        &t,
        2025,
        &u.id,
        "P1",
        "100",
        vec![
            row(Level2::Quantity, "治理河道", Nature::AtLeast, "100", "公里"),
            row(
                Level2::Social,
                "防洪能力",
                Nature::Qualitative,
                "明显提升",
                "",
            ),
        ],
    );
    approved_fund_project(
        &t,
        &u.id,
        "P2",
        "300",
        vec![row(
            Level2::Quantity,
            "新建泵站",
            Nature::AtLeast,
            "10",
            "座",
        )],
    );
    t.db.write(&actor(), |ctx| {
        projects::create_project(ctx, &project_input(2025, "P3", &u.id, "50")).map(|_| ())
    })
    .expect("P3");
    let p2 = project_of(&t, "P2");
    t.db.write(&actor(), |ctx| {
        save_assessment(ctx, &p2, &exante_input(9500, "300", "258"))
    })
    .expect("exante P2");

    // 运行监控 1–8月: P1 60 of 100 万, P2 150 of 300 万; 调减预算 20 万 on P2.
    let round =
        t.db.write(&actor(), |ctx| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2025,
                    cutoff_month: 8,
                    kind: RoundKind::SelfMonitoring,
                    due_date: "2025-09-10".into(),
                    note: String::new(),
                    unit_ids: Vec::new(),
                },
            )
        })
        .expect("round")
        .id;
    let rows =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows");
    for (code, executed, actuals) in [("P1", "60", vec!["80", "达成"]), ("P2", "150", vec!["10"])]
    {
        let task = rows
            .iter()
            .find(|r| r.code == code)
            .expect("task")
            .id
            .clone();
        let sheet =
            t.db.read(|c| monitoring::get_sheet(c, &task))
                .expect("sheet");
        let input = SheetInput {
            executed_wan: executed.into(),
            forecast_wan: String::new(),
            indicators: sheet
                .indicators
                .iter()
                .zip(&actuals)
                .map(|(i, a)| SheetIndicatorInput {
                    id: i.id.clone(),
                    actual: (*a).into(),
                    forecast: String::new(),
                    deviation_reason: None,
                    possibility: Some(Possibility::Certain),
                    measures: String::new(),
                })
                .collect(),
        };
        t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, &task, &input))
            .expect("sheet");
        if code == "P2" {
            t.db.write(&actor(), |ctx| {
                monitoring::add_action(
                    ctx,
                    &task,
                    &ActionInput {
                        kind: ActionKind::CutBudget,
                        amount_wan: "20".into(),
                        reason: "进度滞后".into(),
                        action_date: "2025-09-20".into(),
                    },
                )
            })
            .expect("action");
        }
    }

    // 自评: both forms made, only P1 submitted (executed 90 of 100 万, every indicator met).
    t.db.write(&actor(), |ctx| start_self_eval(ctx, 2025))
        .expect("start");
    let list =
        t.db.read(|c| {
            list_self_evals(
                c,
                &SelfEvalQuery {
                    year: 2025,
                    ..Default::default()
                },
            )
        })
        .expect("list")
        .rows;
    let id = list.iter().find(|r| r.code == "P1").expect("P1").id.clone();
    let form = t.db.read(|c| get_self_eval(c, &id)).expect("form");
    let input = SelfEvalInput {
        budget_wan: String::new(),
        executed_wan: "90".into(),
        execution_weight_cp: form.row.execution_weight_cp,
        summary: "完成".into(),
        items: form
            .items
            .iter()
            .zip(["100", "达成"])
            .map(|(i, a)| SelfEvalItemInput {
                id: i.id.clone(),
                weight_cp: i.weight_cp,
                actual: a.into(),
                not_applicable: false,
                reason: String::new(),
            })
            .collect(),
    };
    t.db.write(&actor(), |ctx| {
        jixiao_core::evaluation::self_eval::save_self_eval(ctx, &id, &input)?;
        submit_self_eval(ctx, &id)
    })
    .expect("submit P1");

    // 重点评价: P1 100 万 中 with one finding, P2 300 万 优.
    key_eval(&t, "P1", "定稿", 100_000_000, 7500, "中", &["资金拨付滞后"]);
    let k2 = key_eval(&t, "P2", "定稿", 300_000_000, 9300, "优", &[]);
    // 挂钩 proposals from the grades; P2's report not public (涉密).
    t.db.write(&actor(), |ctx| propose_linkages(ctx, 2025))
        .expect("linkage");
    t.db.write(&actor(), |ctx| {
        set_disclosure(ctx, "key_eval", &k2, false, "涉密")
    })
    .expect("disclosure");
    // 整改: one item past its deadline, not settled.
    t.db.write(&actor(), |ctx| {
        create_rectification(
            ctx,
            &RectInput {
                source_kind: "manual".into(),
                source_id: None,
                unit_id: u.id.clone(),
                problem: "支出进度滞后".into(),
                basis: "《项目支出绩效评价管理办法》".into(),
                measure: "加快支出进度".into(),
                responsible_person: "王建国".into(),
                deadline: "2025-06-30".into(),
                fiscal_year: 2025,
            },
        )
    })
    .expect("rect");
    t
}

fn overview(t: &TempDb) -> YearOverview {
    let today = t.db.clock().today();
    t.db.read(|c| year_overview(c, 2025, today))
        .expect("overview")
}

fn part<T: ts_rs::TS + Clone>(s: &jixiao_core::reports::Split<T>, bt: BudgetType) -> T {
    s.by_budget_type
        .iter()
        .find(|p| p.budget_type == bt)
        .expect("part")
        .figures
        .clone()
}

#[test]
fn every_stage_figure_of_the_year_is_computed_from_the_data() {
    let t = county_year();
    let o = overview(&t);
    assert_eq!((o.year, o.county.as_str()), (2025, "XX县"));

    // 事前评估: one assessment, 300 → 258 万, 审减 42 万 = 14.00%.
    let e = &o.exante.total;
    assert_eq!(
        (
            e.assessed,
            e.support,
            e.support_after_revision,
            e.not_support
        ),
        (1, 1, 0, 0)
    );
    assert_eq!(
        (
            e.declared_fen,
            e.approved_fen,
            e.reduction_fen,
            e.reduction_rate_bp
        ),
        (300_000_000, 258_000_000, 42_000_000, 1400)
    );
    assert_eq!(part(&o.exante, BudgetType::GovFund).assessed, 1);
    assert_eq!(part(&o.exante, BudgetType::General).assessed, 0);
    let prev = &o.exante.previous_year;
    assert_eq!(
        (
            prev.assessed,
            prev.support_after_revision,
            prev.reduction_rate_bp
        ),
        (1, 1, 0)
    );

    // 绩效目标: 2 of 3 projects approved (66.67%), 3 indicators of which 2 定量 (66.67%, below
    // the 70% floor), the unit has no 部门整体 target.
    let g = &o.targets.total;
    assert_eq!(
        (g.projects, g.projects_approved, g.project_coverage_bp),
        (3, 2, 6667)
    );
    // 调整后预算: the 调减预算 of 20 万 on P2 in monitoring lowered it to 280 万.
    assert_eq!(
        (g.projects_budget_fen, g.projects_approved_budget_fen),
        (430_000_000, 380_000_000)
    );
    assert_eq!(
        (
            g.indicators,
            g.quantitative_indicators,
            g.quantification_rate_bp
        ),
        (3, 2, 6667)
    );
    assert_eq!(
        (
            g.units,
            g.units_approved,
            g.unit_coverage_bp,
            g.units_below_floor
        ),
        (Some(1), Some(0), Some(0), Some(1))
    );
    let general = part(&o.targets, BudgetType::General);
    assert_eq!(
        (
            general.projects,
            general.projects_approved,
            general.project_coverage_bp
        ),
        (2, 1, 5000)
    );
    assert_eq!(general.quantification_rate_bp, 5000);
    assert_eq!(general.units, None);
    let fund = part(&o.targets, BudgetType::GovFund);
    assert_eq!(
        (
            fund.projects,
            fund.projects_approved,
            fund.quantification_rate_bp
        ),
        (1, 1, 10_000)
    );
    assert_eq!(o.targets.previous_year.projects, 1);

    // 运行监控: 210 of 400 万 = 52.50%; completion (P1 80%/100% → 90%, P2 100%) weighted by
    // budget = (9000×100 + 10000×300) ÷ 400 = 97.50%; deviation 45.00; 调减预算 20 万.
    let m = &o.monitoring.total;
    assert_eq!(
        (
            m.rounds,
            m.latest_cutoff_month,
            m.projects_monitored,
            m.sheets
        ),
        (Some(1), Some(8), 2, 2)
    );
    assert_eq!(
        (m.budget_fen, m.executed_fen, m.execution_rate_bp),
        (400_000_000, 210_000_000, 5250)
    );
    assert_eq!((m.completion_rate_bp, m.deviation_bp), (9750, 4500));
    assert_eq!(m.red + m.yellow + m.green, 2);
    assert_eq!(
        (m.actions.cut_budget.count, m.actions.cut_budget.amount_fen),
        (1, 20_000_000)
    );
    let round_id: String =
        t.db.read(|c| Ok(c.query_row("SELECT id FROM monitor_round", [], |r| r.get(0))?))
            .expect("round");
    let rs =
        t.db.read(|c| monitoring::round_stats(c, &round_id))
            .expect("round stats");
    assert_eq!(
        (rs.execution_rate_bp, rs.completion_rate_bp, rs.deviation_bp),
        (m.execution_rate_bp, m.completion_rate_bp, m.deviation_bp)
    );
    assert_eq!(
        (rs.warnings.red, rs.warnings.yellow, rs.warnings.green),
        (m.red, m.yellow, m.green)
    );
    let mf = part(&o.monitoring, BudgetType::GovFund);
    assert_eq!(
        (
            mf.execution_rate_bp,
            mf.completion_rate_bp,
            mf.actions.cut_budget.amount_fen
        ),
        (5000, 10_000, 20_000_000)
    );
    assert_eq!(
        part(&o.monitoring, BudgetType::General).execution_rate_bp,
        6000
    );
    assert_eq!(o.monitoring.previous_year.rounds, Some(0));

    // 绩效评价: 1 of 2 自评 submitted (50.00%), executed 90 of 100 万; key evaluations 400 万.
    let v = &o.evaluation.total;
    assert_eq!(
        (v.self_required, v.self_submitted, v.self_coverage_bp),
        (2, 1, 5000)
    );
    assert_eq!(
        (
            v.self_units_required,
            v.self_units_submitted,
            v.self_units_complete
        ),
        (Some(1), Some(1), Some(0))
    );
    assert_eq!(v.self_grades.total(), 1);
    assert_eq!(
        (v.self_budget_fen, v.self_executed_fen, v.self_execution_bp),
        (100_000_000, 90_000_000, 9000)
    );
    assert_eq!(v.self_completion_bp, 10_000);
    assert_eq!(v.self_deviation_bp, 1000);
    let es =
        t.db.read(|c| jixiao_core::evaluation::stats::evaluation_stats(c, 2025))
            .expect("evaluation stats");
    assert_eq!(
        (Some(v.self_execution_bp), Some(v.self_completion_bp)),
        (es.self_eval.execution_bp, es.self_eval.completion_bp)
    );
    assert_eq!(
        (v.key_count, v.key_amount_fen, v.key_by_kind.project.count),
        (2, 400_000_000, 2)
    );
    assert_eq!(
        (v.key_grades.excellent, v.key_grades.fair, v.key_findings),
        (1, 1, 1)
    );
    assert_eq!((v.spot_base, v.spot_drawn), (Some(0), Some(0)));
    assert_eq!((v.third_party_engagements, v.third_party_fee_fen), (0, 0));
    let kg = part(&o.evaluation, BudgetType::General);
    assert_eq!(
        (
            kg.key_count,
            kg.key_amount_fen,
            kg.self_required,
            kg.self_submitted
        ),
        (1, 100_000_000, 1, 1)
    );
    let kf = part(&o.evaluation, BudgetType::GovFund);
    assert_eq!(
        (kf.key_count, kf.key_amount_fen, kf.self_coverage_bp),
        (1, 300_000_000, 0)
    );

    // 结果应用: P1 中 → 压减 10% of 100 万 = 10 万; P2 优 → 优先保障; one overdue item.
    let r = &o.results.total;
    assert_eq!((r.rect_open, r.rect_overdue, r.rect_closed), (1, 1, 0));
    assert_eq!(r.linkage.cut, 1);
    assert_eq!(r.linkage_cut_fen, 10_000_000);
    assert!(r.linkage.priority >= 1, "{:?}", r.linkage);
    assert_eq!(r.not_disclosed, Some(1));
    assert_eq!(r.not_disclosed_reasons, vec!["涉密".to_string()]);
    assert_eq!(
        part(&o.results, BudgetType::General).linkage_cut_fen,
        10_000_000
    );
    assert_eq!(part(&o.results, BudgetType::GovFund).linkage_cut_fen, 0);
}

#[test]
fn the_json_has_by_budget_type_and_previous_year_for_every_stage() {
    let t = county_year();
    let v = serde_json::to_value(overview(&t)).expect("json");
    for stage in ["exante", "targets", "monitoring", "evaluation", "results"] {
        let s = &v[stage];
        assert!(s["total"].is_object(), "{stage}");
        assert!(s["previous_year"].is_object(), "{stage}");
        let parts = s["by_budget_type"].as_array().expect("parts");
        let names: Vec<&str> = parts
            .iter()
            .map(|p| p["budget_type"].as_str().expect("type"))
            .collect();
        assert_eq!(
            names,
            [
                "一般公共预算",
                "政府性基金预算",
                "国有资本经营预算",
                "社保基金预算"
            ],
            "{stage}"
        );
    }
    assert_eq!(v["exante"]["total"]["declared_fen"], 300_000_000);
    assert_eq!(v["monitoring"]["total"]["execution_rate_bp"], 5250);
}

use jixiao_core::access::{Actor, Role};
use jixiao_core::reports::{get_texts, save_texts, write_annual_report, ReportTextsInput};

fn texts_input() -> ReportTextsInput {
    ReportTextsInput {
        organization: "2025年我局调整了预算绩效管理工作领导小组。".into(),
        documents: vec![
            "《XX县预算事前绩效评估管理办法》（X财绩〔2025〕1号）".into(),
            "  ".into(),
        ],
        problems: vec!["部分单位定性指标偏多。".into(), "结果应用有待加强。".into()],
        next_steps: vec!["推动指标量化。".into()],
    }
}

#[test]
fn report_texts_are_saved_per_year_audited_and_refused_without_the_documents_permission() {
    let t = county_year();
    let leader = Actor::account("acct-ld", "ld", "领导", "局办", vec![Role::ReadOnly], None);
    let err =
        t.db.write(&leader, |ctx| save_texts(ctx, 2025, &texts_input()))
            .expect_err("read-only");
    assert!(err.to_string().contains("文书与文号"), "{err}");
    assert_eq!(
        t.db.read(|c| get_texts(c, 2025)).expect("get").updated_at,
        None
    );

    let mut long = texts_input();
    long.problems.push("问".repeat(1001));
    let err =
        t.db.write(&actor(), |ctx| save_texts(ctx, 2025, &long))
            .expect_err("too long");
    assert!(err.to_string().contains("第3条"), "{err}");

    let saved =
        t.db.write(&actor(), |ctx| save_texts(ctx, 2025, &texts_input()))
            .expect("save");
    assert_eq!(saved.documents.len(), 1, "blank lines are dropped");
    assert_eq!(saved.problems.len(), 2);
    assert_eq!(saved.updated_by, "张三");
    let mut again = texts_input();
    again.next_steps = vec!["强化挂钩。".into(), "扩大公开。".into()];
    t.db.write(&actor(), |ctx| save_texts(ctx, 2025, &again))
        .expect("save again");
    let got = t.db.read(|c| get_texts(c, 2025)).expect("get");
    assert_eq!(got.next_steps, vec!["强化挂钩。", "扩大公开。"]);
    assert!(t
        .db
        .read(|c| get_texts(c, 2024))
        .expect("2024")
        .problems
        .is_empty());
    let audits: Vec<String> =
        t.db.read(|c| {
            let mut st = c.prepare(
                "SELECT action FROM audit_log WHERE entity = 'annual_report' ORDER BY at, rowid",
            )?;
            let rows = st
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        })
        .expect("audits");
    assert_eq!(audits, ["create", "update"]);
}

/// The text of each `<w:p>` of word/document.xml.
fn docx_paragraphs(path: &std::path::Path) -> Vec<String> {
    use std::io::Read;
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).expect("docx")).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("read");
    xml.split("</w:p>")
        .map(|p| {
            let mut text = String::new();
            for piece in p.split("<w:t").skip(1) {
                let body = piece.split_once('>').map(|(_, b)| b).unwrap_or("");
                text += body.split("</w:t>").next().unwrap_or("");
            }
            text
        })
        .filter(|t| !t.is_empty())
        .collect()
}

fn para_with<'a>(paras: &'a [String], start: &str) -> &'a str {
    paras
        .iter()
        .find(|p| p.starts_with(start))
        .unwrap_or_else(|| panic!("no paragraph starts with {start}: {paras:#?}"))
}

#[test]
fn the_docx_and_the_pdf_carry_the_figures_in_their_paragraphs() {
    let t = county_year();
    t.db.write(&actor(), |ctx| save_texts(ctx, 2025, &texts_input()))
        .expect("texts");
    let today = t.db.clock().today();
    let docx = t.dir.path().join("报告.docx");
    let r =
        t.db.read(|c| write_annual_report(c, 2025, today, &docx))
            .expect("docx");
    assert_eq!(r.title, "XX县2025年度全面预算绩效管理工作开展情况");
    let paras = docx_paragraphs(&docx);
    assert_eq!(paras[0], r.title);
    let headings: Vec<&String> = paras
        .iter()
        .filter(|p| {
            ["一、", "二、", "三、", "四、"]
                .iter()
                .any(|h| p.starts_with(h))
        })
        .collect();
    assert_eq!(headings.len(), 4, "{headings:?}");
    let exante = para_with(&paras, "（一）事前绩效评估");
    for f in [
        "完成1个项目",
        "予以支持1个",
        "申报金额300.00万元",
        "审定金额258.00万元",
        "审减42.00万元",
        "审减率14.00%",
        "（与上年持平）",
    ] {
        assert!(exante.contains(f), "{f} in {exante}");
    }
    let targets = para_with(&paras, "（二）绩效目标管理");
    for f in [
        "3个预算项目中有2个项目",
        "覆盖率66.67%",
        "三级指标3个",
        "定量指标2个",
        "量化率66.67%",
        "量化率低于70.00%的单位1个",
    ] {
        assert!(targets.contains(f), "{f} in {targets}");
    }
    let monitoring = para_with(&paras, "（三）绩效运行监控");
    for f in [
        "1轮",
        "对2个项目",
        "截至8月底",
        "预算执行率52.50%",
        "绩效目标完成率97.50%",
        "偏差度45.00个百分点",
        "调减预算1个项目、20.00万元",
    ] {
        assert!(monitoring.contains(f), "{f} in {monitoring}");
    }
    let evaluation = para_with(&paras, "（四）绩效评价");
    for f in ["对2个项目", "已提交1个", "覆盖率50.00%", "预算执行率90.00%"] {
        assert!(evaluation.contains(f), "{f} in {evaluation}");
    }
    let key = para_with(&paras, "财政开展重点绩效评价");
    for f in [
        "重点绩效评价2个",
        "涉及资金400.00万元",
        "一般公共预算项目1个、金额100.00万元",
        "政府性基金预算项目1个、金额300.00万元",
        "优1个",
        "中1个",
        "共发现问题1个",
    ] {
        assert!(key.contains(f), "{f} in {key}");
    }
    let results = para_with(&paras, "（五）结果应用");
    for f in [
        "未销号1项（其中逾期1项）",
        "压减预算10.00万元",
        "1份因涉密未公开",
    ] {
        assert!(results.contains(f), "{f} in {results}");
    }
    assert!(para_with(&paras, "制度建设上").contains("（X财绩〔2025〕1号）"));
    assert_eq!(
        para_with(&paras, "（一）部分单位"),
        "（一）部分单位定性指标偏多。"
    );
    assert_eq!(
        para_with(&paras, "（二）结果应用"),
        "（二）结果应用有待加强。"
    );

    // The PDF: the same sentences, read back with pdftotext (line breaks removed).
    let pdf = t.dir.path().join("报告.pdf");
    t.db.read(|c| write_annual_report(c, 2025, today, &pdf))
        .expect("pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for f in [
        "XX县2025年度全面预算",
        "审减率14.00%",
        "量化率66.67%",
        "预算执行率52.50%，绩效目标完成率97.50%，偏差度45.00个百分点",
        "压减预算10.00万元",
        "（一）部分单位定性指标偏多。",
        "三、存在问题与不足",
    ] {
        assert!(text.contains(f), "{f} in PDF text {text}");
    }

    let bad = t.dir.path().join("报告.txt");
    let err =
        t.db.read(|c| write_annual_report(c, 2025, today, &bad))
            .expect_err("txt");
    assert!(err.to_string().contains(".docx 或 .pdf"), "{err}");
    assert!(!bad.exists());
}

/// The county year plus 县农业局 (主管部门) with its 县农技站 (预算单位) holding one approved
/// 200 万 project, and 河口镇 (乡镇) with one 80 万 project without a target.
fn county_with_departments() -> TempDb {
    let t = county_year();
    let dept = add_unit(&t.db, "201", "县农业局", UnitKind::Department, None);
    let station = add_unit(
        &t.db,
        "20101",
        "县农技站",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let town = add_unit(&t.db, "301", "河口镇", UnitKind::Township, None);
    approved_project(
        &t,
        2025,
        &station.id,
        "N1",
        "200",
        vec![row(
            Level2::Quantity,
            "推广面积",
            Nature::AtLeast,
            "5000",
            "亩",
        )],
    );
    t.db.write(&actor(), |ctx| {
        projects::create_project(ctx, &project_input(2025, "T1", &town.id, "80")).map(|_| ())
    })
    .expect("T1");
    t
}

#[test]
fn every_stage_splits_by_department_and_township_and_the_parts_add_up() {
    let t = county_with_departments();
    let o = overview(&t);
    let units: Vec<(&str, &str)> = o
        .targets
        .by_unit
        .iter()
        .map(|u| (u.unit_name.as_str(), u.unit_kind.as_str()))
        .collect();
    // 主管部门 first, then 乡镇; 县农技站 counts in 县农业局; 县水利局 hangs under neither.
    assert_eq!(
        units,
        [
            ("县农业局", "主管部门"),
            ("河口镇", "乡镇"),
            ("县水利局", "预算单位")
        ]
    );
    let by = |name: &str| {
        o.targets
            .by_unit
            .iter()
            .find(|u| u.unit_name == name)
            .expect("unit")
            .figures
            .clone()
    };
    let agri = by("县农业局");
    assert_eq!(
        (
            agri.projects,
            agri.projects_approved,
            agri.project_coverage_bp,
            agri.indicators,
            agri.quantification_rate_bp
        ),
        (1, 1, 10_000, 1, 10_000)
    );
    assert_eq!(agri.projects_approved_budget_fen, 200_000_000);
    assert_eq!(
        agri.units, None,
        "county-only figures stay out of the parts"
    );
    let town = by("河口镇");
    assert_eq!((town.projects, town.projects_approved), (1, 0));
    let water = by("县水利局");
    assert_eq!(
        (
            water.projects,
            water.projects_approved,
            water.project_coverage_bp
        ),
        (3, 2, 6667)
    );
    let sum: i64 = o.targets.by_unit.iter().map(|u| u.figures.projects).sum();
    assert_eq!(sum, o.targets.total.projects);
    assert_eq!(o.targets.total.projects, 5);

    // The other stages: 县水利局 holds their rows; N1's approved target awaits its 自评.
    fn of<'a, T: ts_rs::TS>(s: &'a [jixiao_core::reports::UnitPart<T>], name: &str) -> &'a T {
        &s.iter().find(|u| u.unit_name == name).expect(name).figures
    }
    assert_eq!(o.exante.by_unit.len(), 1);
    assert_eq!(of(&o.exante.by_unit, "县水利局").reduction_rate_bp, 1400);
    assert_eq!(
        of(&o.monitoring.by_unit, "县水利局").execution_rate_bp,
        5250
    );
    let ev = of(&o.evaluation.by_unit, "县水利局");
    assert_eq!(
        (ev.key_amount_fen, ev.self_required, ev.self_submitted),
        (400_000_000, 2, 1)
    );
    let ev = of(&o.evaluation.by_unit, "县农业局");
    assert_eq!(
        (ev.self_required, ev.self_submitted, ev.key_count),
        (1, 0, 0)
    );
    assert_eq!(o.evaluation.total.self_required, 3);
    assert_eq!(of(&o.results.by_unit, "县水利局").rect_overdue, 1);
    assert_eq!(
        of(&o.results.by_unit, "县水利局").linkage_cut_fen,
        10_000_000
    );

    // `stats year --json`: an added key, the others unchanged.
    let v = serde_json::to_value(&o).expect("json");
    assert_eq!(v["targets"]["by_unit"][0]["unit_name"], "县农业局");
    assert_eq!(
        v["targets"]["by_unit"][0]["figures"]["projects_approved"],
        1
    );
    assert!(v["targets"]["by_budget_type"].is_array());
}

#[test]
fn npc_tables_list_key_projects_with_their_approved_indicators_and_the_results_in_xlsx_and_pdf() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use jixiao_core::reports::write_npc_report;
    let t = county_with_departments();
    let today = t.db.clock().today();
    let xlsx = t.dir.path().join("人大.xlsx");
    // The line at 100 万: P2 (280 万 after its 调减), N1 200 万, P1 100 万; not P3 50 / T1 80.
    let tables =
        t.db.read(|c| write_npc_report(c, 2025, 100_000_000, today, &xlsx))
            .expect("xlsx");
    let codes: Vec<&str> = tables.projects.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, ["P2", "N1", "P1"]);
    assert_eq!(tables.projects_budget_fen, 580_000_000);
    assert_eq!(tables.projects[1].department, "县农业局");

    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("open");
    let sheets = book.sheet_names().to_vec();
    assert_eq!(sheets, ["重点项目绩效目标表", "绩效评价结果表"]);
    let ws = book.worksheet_range("重点项目绩效目标表").expect("sheet 1");
    let cell = |r: u32, c: u32| ws.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |r: u32, c: u32| cell(r, c).to_string();
    assert!(text(0, 0).starts_with("XX县2025年度重点项目绩效目标表（预算100.00万元以上）"));
    assert_eq!(text(1, 10), "三级指标及指标值");
    assert_eq!((text(2, 1), text(2, 3)), ("P2".into(), "县水利局".into()));
    assert_eq!(cell(2, 6), Data::Float(280.0));
    assert_eq!(text(2, 10), "新建泵站：≥10座");
    assert_eq!(
        (text(3, 1), text(3, 3), text(3, 4)),
        ("N1".into(), "县农业局".into(), "县农技站".into())
    );
    assert_eq!(cell(3, 6), Data::Float(200.0));
    // P1's two indicators: the project cells merged over rows 4–5.
    assert_eq!(text(4, 1), "P1");
    assert_eq!(text(4, 10), "治理河道：≥100公里");
    assert_eq!(
        (text(5, 9), text(5, 10)),
        ("社会效益指标".into(), "防洪能力：明显提升".into())
    );
    assert_eq!(text(6, 0), "合计：3个项目，预算金额580.00万元");

    let ws = book.worksheet_range("绩效评价结果表").expect("sheet 2");
    let cell = |r: u32, c: u32| ws.get_value((r, c)).cloned().unwrap_or(Data::Empty);
    let text = |r: u32, c: u32| cell(r, c).to_string();
    // 重点评价 by amount, then the submitted 自评 (P1, 90 of 100 万).
    assert_eq!(
        (text(2, 1), text(2, 3), text(2, 10)),
        ("重点评价".into(), "项目P2".into(), "优".into())
    );
    assert_eq!(
        (cell(2, 5), cell(2, 9)),
        (Data::Float(300.0), Data::Float(93.0))
    );
    assert_eq!((text(3, 3), text(3, 10)), ("项目P1".into(), "中".into()));
    assert_eq!(
        (text(4, 1), text(4, 3)),
        ("单位自评".into(), "项目P1".into())
    );
    assert_eq!(
        (cell(4, 6), text(4, 7)),
        (Data::Float(90.0), "90.00%".into())
    );
    assert_eq!(cell(5, 1), Data::Empty, "N1's 自评 is not submitted");

    // The PDF: the cover names both 附件, the tables carry the same figures.
    let pdf = t.dir.path().join("人大.pdf");
    t.db.read(|c| write_npc_report(c, 2025, 100_000_000, today, &pdf))
        .expect("pdf");
    let out = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    for f in [
        "重点项目绩效目标（3个项目，预算金额580.00万元）",
        "重点评价2个、单位自评1个",
        "XX县2025年度重点项目绩效目标表",
        "XX县2025年度绩效评价结果表",
        "新建泵站：≥10座",
        "280.00",
        "93.00",
        "90.00%",
    ] {
        assert!(text.contains(f), "{f} in PDF text {text}");
    }

    // Refusals: a wrong extension or a negative line writes nothing.
    let bad = t.dir.path().join("人大.docx");
    let err =
        t.db.read(|c| write_npc_report(c, 2025, 0, today, &bad))
            .expect_err("docx");
    assert!(err.to_string().contains(".xlsx 或 .pdf"), "{err}");
    assert!(!bad.exists());
    let err =
        t.db.read(|c| write_npc_report(c, 2025, -1, today, &xlsx))
            .expect_err("negative");
    assert!(err.to_string().contains("金额下限"), "{err}");
}

#[test]
fn the_overview_xlsx_has_a_sheet_per_stage_with_figures_and_the_per_unit_table() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    use jixiao_core::reports::export_overview;
    let t = county_with_departments();
    let today = t.db.clock().today();
    let path = t.dir.path().join("总览.xlsx");
    t.db.read(|c| export_overview(c, 2025, today, &path))
        .expect("export");
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    assert_eq!(
        book.sheet_names().to_vec(),
        ["事前评估", "绩效目标", "运行监控", "绩效评价", "结果应用"]
    );
    let ws = book.worksheet_range("事前评估").expect("事前评估");
    let find = |ws: &calamine::Range<Data>, label: &str| -> Vec<Data> {
        ws.rows()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no row {label}"))
            .to_vec()
    };
    assert_eq!(
        find(&ws, "审减率")[1..5],
        [
            Data::String("14.00%".into()),
            Data::String("0.00%".into()),
            Data::String("0.00%".into()),
            Data::String("14.00%".into()),
        ]
    );
    let declared = find(&ws, "申报金额（万元）");
    assert_eq!(declared[1], Data::Float(300.0));
    assert_eq!(declared[4], Data::Float(300.0), "政府性基金预算");
    let ws = book.worksheet_range("绩效目标").expect("绩效目标");
    let projects = find(&ws, "预算项目（个）");
    assert_eq!(
        (&projects[1], &projects[2], &projects[3]),
        (&Data::Float(5.0), &Data::Float(1.0), &Data::Float(4.0))
    );
    assert_eq!(find(&ws, "单位（个）")[3], Data::Empty, "county-only");
    // The per-unit table: 县农业局 1/1 approved, 河口镇 0 of 1.
    let header = ws.rows().position(|r| r[0] == "单位").expect("unit table");
    let col = ws
        .rows()
        .nth(header)
        .expect("header")
        .iter()
        .position(|c| *c == "目标已批复项目（个）")
        .expect("column");
    let agri = find(&ws, "县农业局");
    assert_eq!(
        (agri[1].to_string(), &agri[col]),
        ("主管部门".into(), &Data::Float(1.0))
    );
    assert_eq!(find(&ws, "河口镇")[col], Data::Float(0.0));
    let ws = book.worksheet_range("运行监控").expect("运行监控");
    assert_eq!(find(&ws, "预算执行率")[1], Data::String("52.50%".into()));
    let ws = book.worksheet_range("结果应用").expect("结果应用");
    assert_eq!(find(&ws, "挂钩压减（万元）")[1], Data::Float(10.0));
    assert_eq!(find(&ws, "县水利局")[0], Data::String("县水利局".into()));

    let bad = t.dir.path().join("总览.csv");
    assert!(t
        .db
        .read(|c| export_overview(c, 2025, today, &bad))
        .is_err());
    assert!(!bad.exists());
}

#[test]
fn a_figure_split_by_budget_type_matches_its_list_filtered_by_that_budget() {
    use jixiao_core::exante::{required_list, ExAnteConclusion, ExAnteQuery};
    let t = county_year();
    let o = overview(&t);
    let list = |bt: Option<BudgetType>| {
        t.db.read(|c| {
            required_list(
                c,
                &ExAnteQuery {
                    year: 2025,
                    conclusion: Some(ExAnteConclusion::Support),
                    budget_type: bt,
                    ..Default::default()
                },
            )
        })
        .expect("list")
        .total as i64
    };
    assert_eq!(list(None), o.exante.total.support);
    for bt in [BudgetType::General, BudgetType::GovFund] {
        assert_eq!(list(Some(bt)), part(&o.exante, bt).support, "{bt:?}");
    }
    assert_eq!(list(Some(BudgetType::GovFund)), 1);
    assert_eq!(list(Some(BudgetType::General)), 0);
}
