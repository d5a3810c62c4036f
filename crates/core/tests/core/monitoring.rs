//! 运行监控: opening a round from approved targets, filling and reviewing a 监控情况表, warning
//! lights, corrective actions on the project budget, closing, and the round's figures against
//! hand-computed ones (including the 伊吾 seed: 73.17% executed, 82.76% complete → 9.59).

use super::common::{
    actor, add_unit, approved_project, indicator_row as row, project_input, temp_db, TempDb,
};
use jixiao_core::exchange::ImportOptions;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{
    self, ActionInput, ActionKind, DeviationReason, Possibility, RoundInput, RoundKind,
    SheetIndicatorInput, SheetInput, TaskQuery, TaskStatus, Warning,
};
use jixiao_core::org::UnitKind;
use jixiao_core::projects;
use jixiao_core::targets;
use jixiao_core::Fen;

/// (code, 执行率, 时间进度, 完成率, 偏差度, light) of a sheet.
type Figures<'a> = (
    &'a str,
    Option<i64>,
    i64,
    Option<i64>,
    Option<i64>,
    Option<Warning>,
);

fn open(t: &TempDb, month: i64) -> String {
    t.db.write(&actor(), |ctx| {
        monitoring::open_round(
            ctx,
            &RoundInput {
                year: 2026,
                cutoff_month: month,
                kind: RoundKind::SelfMonitoring,
                due_date: "2026-09-10".into(),
                note: String::new(),
                unit_ids: Vec::new(),
            },
        )
    })
    .expect("open")
    .id
}

fn task_of(t: &TempDb, round: &str, code: &str) -> String {
    t.db.read(|c| monitoring::task_rows(c, round))
        .expect("rows")
        .into_iter()
        .find(|r| r.code == code)
        .expect("task")
        .id
}

/// Fills a sheet: executed 万元 and, per row in order, (actual, possibility).
fn fill(t: &TempDb, task: &str, executed: &str, progress: &[(&str, Possibility)]) {
    let sheet =
        t.db.read(|c| monitoring::get_sheet(c, task))
            .expect("sheet");
    let input = SheetInput {
        executed_wan: executed.into(),
        forecast_wan: String::new(),
        indicators: sheet
            .indicators
            .iter()
            .zip(progress)
            .map(|(i, (actual, p))| SheetIndicatorInput {
                id: i.id.clone(),
                actual: (*actual).into(),
                forecast: String::new(),
                deviation_reason: (*p != Possibility::Certain).then_some(DeviationReason::Funding),
                possibility: Some(*p),
                measures: if *p == Possibility::Certain {
                    String::new()
                } else {
                    "加快拨付进度".into()
                },
            })
            .collect(),
    };
    t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, task, &input))
        .expect("save sheet");
}

fn setup() -> (TempDb, String) {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县农业农村局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2026,
        &u.id,
        "P1",
        "100",
        vec![
            row(
                Level2::Quantity,
                "新建高标准农田面积",
                Nature::AtLeast,
                "5000",
                "亩",
            ),
            row(
                Level2::ServiceSatisfaction,
                "受益农户满意度",
                Nature::AtLeast,
                "90",
                "%",
            ),
        ],
    );
    approved_project(
        &t,
        2026,
        &u.id,
        "P2",
        "300",
        vec![
            row(Level2::Quantity, "新建泵站", Nature::AtLeast, "10", "座"),
            row(
                Level2::Social,
                "灌溉条件",
                Nature::Qualitative,
                "明显改善",
                "",
            ),
        ],
    );
    // A project whose target is not approved is not monitored.
    t.db.write(&actor(), |ctx| {
        let p = projects::create_project(ctx, &project_input(2026, "P3", &u.id, "50"))?;
        targets::create_project_target(ctx, &p.id)
    })
    .expect("draft only");
    (t, u.id)
}

#[test]
fn a_round_is_opened_filled_reviewed_acted_on_and_closed_with_exact_figures() {
    let (t, _) = setup();
    let round = open(&t, 8);
    let r =
        t.db.read(|c| monitoring::get_round(c, &round))
            .expect("round");
    assert_eq!(r.tasks, 2, "only approved targets get a sheet");

    let p1 = task_of(&t, &round, "P1");
    let p2 = task_of(&t, &round, "P2");
    fill(
        &t,
        &p1,
        "50",
        &[("3000", Possibility::Certain), ("90", Possibility::Certain)],
    );
    fill(
        &t,
        &p2,
        "90",
        &[
            ("10", Possibility::Certain),
            ("达成", Possibility::Possible),
        ],
    );

    let rows =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows");
    let figures: Vec<Figures> = rows
        .iter()
        .map(|r| {
            (
                r.code.as_str(),
                r.execution_bp,
                r.time_progress_bp,
                r.completion_bp,
                r.deviation_bp,
                r.warning,
            )
        })
        .collect();
    assert_eq!(
        figures,
        vec![
            // 50/100 = 50% vs 8/12 = 66.67%: 16.67 points behind → yellow; (60% + 100%) / 2.
            (
                "P1",
                Some(5000),
                6667,
                Some(8000),
                Some(3000),
                Some(Warning::Yellow)
            ),
            // 90/300 = 30%: 36.67 points behind → red.
            (
                "P2",
                Some(3000),
                6667,
                Some(10_000),
                Some(7000),
                Some(Warning::Red)
            ),
        ]
    );

    t.db.write(&actor(), |ctx| {
        monitoring::add_action(
            ctx,
            &p2,
            &ActionInput {
                kind: ActionKind::CutBudget,
                amount_wan: "20".into(),
                reason: "执行进度严重滞后".into(),
                action_date: "2026-09-15".into(),
            },
        )
    })
    .expect("action");
    let project =
        t.db.read(|c| projects::find_project_by_code(c, 2026, "P2"))
            .expect("query")
            .expect("P2");
    assert_eq!(
        project.adjusted_budget,
        Fen(280_000_000),
        "the budget follows the cut"
    );

    let s =
        t.db.read(|c| monitoring::round_stats(c, &round))
            .expect("stats");
    assert_eq!(
        serde_json::to_value(&s).expect("json"),
        serde_json::json!({
            "projects": 2, "budget_fen": 400_000_000_i64, "executed_fen": 140_000_000_i64,
            "execution_rate_bp": 3500, "completion_rate_bp": 9500, "deviation_bp": 6000,
            "warnings": {"red": 1, "yellow": 1, "green": 0}, "actions_fen": 20_000_000_i64
        })
    );

    let red =
        t.db.read(|c| {
            monitoring::list_tasks(
                c,
                &TaskQuery {
                    round_id: round.clone(),
                    warning: Some("红灯".into()),
                    page: 1,
                    page_size: 20,
                    ..TaskQuery::default()
                },
            )
        })
        .expect("list");
    assert_eq!((red.total, red.rows[0].code.as_str()), (1, "P2"));

    // Review: submit, return with a reason, resubmit, approve; then close locks everything.
    t.db.write(&actor(), |ctx| {
        monitoring::submit_sheet(ctx, &p1)?;
        monitoring::return_sheet(ctx, &p1, "满意度无调查依据")?;
        monitoring::submit_sheet(ctx, &p1)?;
        monitoring::approve_sheet(ctx, &p1)
    })
    .expect("review");
    let sheet = t.db.read(|c| monitoring::get_sheet(c, &p1)).expect("sheet");
    assert_eq!(sheet.task.status, TaskStatus::Approved);
    t.db.write(&actor(), |ctx| monitoring::close_round(ctx, &round))
        .expect("close");
    let err =
        t.db.write(&actor(), |ctx| monitoring::submit_sheet(ctx, &p2))
            .expect_err("closed");
    assert!(err.to_string().contains("已关闭"), "{err}");
}

#[test]
fn a_bad_sheet_names_row_and_column_and_saves_nothing() {
    let (t, _) = setup();
    let round = open(&t, 6);
    let p2 = task_of(&t, &round, "P2");
    let sheet = t.db.read(|c| monitoring::get_sheet(c, &p2)).expect("sheet");
    let input = SheetInput {
        executed_wan: "120".into(),
        forecast_wan: "400".into(),
        indicators: vec![
            SheetIndicatorInput {
                id: sheet.indicators[0].id.clone(),
                actual: "约五座".into(),
                possibility: Some(Possibility::Impossible),
                ..SheetIndicatorInput::default()
            },
            SheetIndicatorInput {
                id: sheet.indicators[1].id.clone(),
                actual: "明显".into(),
                ..SheetIndicatorInput::default()
            },
        ],
    };
    let err =
        t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, &p2, &input))
            .expect_err("refused");
    assert!(err.to_string().contains("全年预计执行数（万元）"), "{err}");
    let mut fixed = input.clone();
    fixed.forecast_wan = "280".into();
    let err =
        t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, &p2, &fixed))
            .expect_err("refused");
    let problems: Vec<(u32, String)> = err
        .problems()
        .iter()
        .map(|p| (p.row, p.column.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (1, "实际完成值".into()),
            (1, "偏差原因".into()),
            (1, "纠偏措施".into()),
            (2, "实际完成值".into()),
        ]
    );
    let after = t.db.read(|c| monitoring::get_sheet(c, &p2)).expect("sheet");
    assert_eq!(after.task.executed, None);
    assert!(after.indicators.iter().all(|i| i.actual.is_none()));
    let err =
        t.db.write(&actor(), |ctx| monitoring::submit_sheet(ctx, &p2))
            .expect_err("empty");
    assert!(err.to_string().contains("执行数"), "{err}");
}

#[test]
fn the_seed_countys_73_17_executed_and_82_76_complete_deviate_by_959_bp() {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2026,
        &u.id,
        "SL-1",
        "1",
        vec![row(
            Level2::Quantity,
            "治理河道长度",
            Nature::AtLeast,
            "10000",
            "米",
        )],
    );
    let round = open(&t, 8);
    let task = task_of(&t, &round, "SL-1");
    fill(&t, &task, "0.7317", &[("8276", Possibility::Possible)]);
    let s =
        t.db.read(|c| monitoring::round_stats(c, &round))
            .expect("stats");
    assert_eq!(
        (s.execution_rate_bp, s.completion_rate_bp, s.deviation_bp),
        (7317, 8276, 959)
    );
}

#[test]
fn a_round_without_approved_targets_is_refused() {
    let t = temp_db();
    let err =
        t.db.write(&actor(), |ctx| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2026,
                    cutoff_month: 8,
                    kind: RoundKind::Key,
                    due_date: "2026-09-10".into(),
                    note: String::new(),
                    unit_ids: Vec::new(),
                },
            )
        })
        .expect_err("nothing to monitor");
    assert!(err.to_string().contains("二下"), "{err}");
    let rounds =
        t.db.read(|c| monitoring::list_rounds(c, 2026))
            .expect("list");
    assert!(rounds.is_empty(), "nothing half-saved");
}

/// Reads an exported workbook, lets `edit` change cells (row, column header → text), writes it.
fn refill(src: &std::path::Path, dst: &std::path::Path, edit: &[(u32, &str, &str)]) {
    use calamine::{open_workbook_auto, Reader};
    let mut book = open_workbook_auto(src).expect("open export");
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    // Row 0 is the title (年度, 导出时间), row 1 the header.
    let header = rows[1].clone();
    let mut out = rust_xlsxwriter::Workbook::new();
    let ws = out.add_worksheet();
    for (r, cells) in rows.iter().enumerate() {
        for (c, text) in cells.iter().enumerate() {
            let replaced = edit
                .iter()
                .find(|(er, col, _)| *er as usize == r && header[c] == *col)
                .map(|(_, _, v)| v.to_string())
                .unwrap_or_else(|| text.clone());
            ws.write_string(r as u32, c as u16, replaced).expect("cell");
        }
    }
    out.save(dst).expect("save");
}

#[test]
fn units_fill_the_exported_workbook_offline_and_the_import_submits_complete_sheets() {
    let (t, _) = setup();
    let round = open(&t, 8);
    let exported = t.dir.path().join("监控情况表.xlsx");
    let n =
        t.db.read(|c| monitoring::export_round(c, &exported, &round))
            .expect("export");
    assert_eq!(n, 4, "one row per 三级指标 of P1 and P2");

    // Rows 2–3 (0-based, below title and header) are P1's indicators, 4–5 P2's (export order
    // = project code).
    let filled = t.dir.path().join("已填报.xlsx");
    refill(
        &exported,
        &filled,
        &[
            (2, "执行数（万元）", "50"),
            (2, "实际完成值", "3000"),
            (2, "完成可能性", "确定能"),
            (3, "执行数（万元）", "50"),
            (3, "实际完成值", "90"),
            (3, "完成可能性", "确定能"),
            (4, "执行数（万元）", "90"),
            (4, "实际完成值", "6"),
            (4, "完成可能性", "有可能"),
            (4, "偏差原因", "经费保障"),
            (4, "纠偏措施", "加快资金拨付"),
        ],
    );
    let submit = ImportOptions {
        submit: true,
        unit: None,
    };
    let report =
        monitoring::import_round_with(&t.db, &actor(), &filled, &round, &submit).expect("import");
    assert_eq!((report.rows, report.updated, report.submitted), (4, 2, 1));
    let rows =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows");
    let states: Vec<(&str, TaskStatus, Option<i64>, Option<Warning>)> = rows
        .iter()
        .map(|r| (r.code.as_str(), r.status, r.execution_bp, r.warning))
        .collect();
    assert_eq!(
        states,
        vec![
            (
                "P1",
                TaskStatus::Submitted,
                Some(5000),
                Some(Warning::Yellow)
            ),
            ("P2", TaskStatus::Pending, Some(3000), Some(Warning::Red)),
        ],
        "P1 complete → submitted; P2's 定性 row is still empty"
    );

    // A bad file is refused whole, naming the spreadsheet rows; nothing changes.
    let bad = t.dir.path().join("有误.xlsx");
    refill(
        &exported,
        &bad,
        &[
            (4, "执行数（万元）", "90"),
            (4, "实际完成值", "约六座"),
            (5, "完成可能性", "大概能"),
        ],
    );
    let err = monitoring::import_round(&t.db, &actor(), &bad, &round).expect_err("refused");
    let problems: Vec<(u32, String)> = err
        .problems()
        .iter()
        .map(|p| (p.row, p.column.clone()))
        .collect();
    assert!(problems.contains(&(5, "实际完成值".into())), "{problems:?}");
    assert!(problems.contains(&(6, "完成可能性".into())), "{problems:?}");
    let p2 = task_of(&t, &round, "P2");
    let sheet = t.db.read(|c| monitoring::get_sheet(c, &p2)).expect("sheet");
    assert_eq!(
        sheet.indicators[0].actual.as_deref(),
        Some("6"),
        "unchanged"
    );
}

/// Issue 16 (wording): a form refusal says 「未保存」 (never the import's 「未导入任何数据」), the
/// 执行数 field carries the round's real months, and 「金额过大」 states the limit.
#[test]
fn form_refusals_say_unsaved_name_the_real_months_and_state_the_amount_limit() {
    let (t, _) = setup();
    let round = open(&t, 8);
    let p2 = task_of(&t, &round, "P2");
    let sheet = t.db.read(|c| monitoring::get_sheet(c, &p2)).expect("sheet");
    let input = SheetInput {
        executed_wan: "120".into(),
        forecast_wan: "280".into(),
        indicators: vec![SheetIndicatorInput {
            id: sheet.indicators[0].id.clone(),
            actual: "约五座".into(),
            ..SheetIndicatorInput::default()
        }],
    };
    let err =
        t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, &p2, &input))
            .expect_err("refused");
    let msg = err.to_string();
    assert!(msg.starts_with("共1处错误，未保存："), "{msg}");
    assert!(!msg.contains("未导入"), "{msg}");
    assert_eq!(err.code(), jixiao_core::ErrorCode::Rejected);

    let err =
        t.db.write(&actor(), |ctx| monitoring::submit_sheet(ctx, &p2))
            .expect_err("nothing filled");
    assert!(err.to_string().contains("未保存"), "{err}");
    assert_eq!(err.problems()[0].column, "1–8月执行数（万元）");
    assert!(!err.to_string().contains("1–N月"), "{err}");

    let huge = SheetInput {
        executed_wan: "1000000000".into(),
        ..input.clone()
    };
    let err =
        t.db.write(&actor(), |ctx| monitoring::save_sheet(ctx, &p2, &huge))
            .expect_err("too large");
    assert_eq!(err.problems()[0].column, "1–8月执行数（万元）");
    assert!(
        err.to_string()
            .contains("金额过大：『1000000000』，最多可填 999999999.999999 万元"),
        "{err}"
    );
}
