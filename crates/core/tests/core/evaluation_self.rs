//! 单位自评 and 财政抽查复核: forms made from approved targets with the rule set's weights,
//! the scoring formulas on real forms (89.50 is 良, 90.00 is 优), submit / return, coverage,
//! the 自评表 workbook, and the reproducible draw with re-scoring.

use super::common::{actor, add_unit, approved_project, indicator_row as row, temp_db, TempDb};
use jixiao_core::evaluation::self_eval::{
    get_self_eval, return_self_eval, save_self_eval, start_self_eval, submit_self_eval,
    SelfEvalForm, SelfEvalInput, SelfEvalItemInput,
};
use jixiao_core::evaluation::self_list::{list_self_evals, self_coverage, SelfEvalQuery};
use jixiao_core::evaluation::self_xlsx::{
    export_self_evals, import_self_evals, import_self_evals_with, SELF_HEADERS,
};
use jixiao_core::evaluation::spot::{
    draw_spot_check, drawn_count, get_spot_check, pick, review_spot_check, verify_draw, BaseEntry,
    DrawInput, SpotItemScore, SpotReviewInput,
};
use jixiao_core::evaluation::stats::evaluation_stats;
use jixiao_core::evaluation::{SelfEvalStatus, Stratify};
use jixiao_core::exchange::ImportOptions;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::org::UnitKind;
use jixiao_core::rules::Grade;
use jixiao_core::Error;

fn start(t: &TempDb, year: i32) {
    t.db.write(&actor(), |ctx| start_self_eval(ctx, year))
        .expect("start");
}

fn form_of(t: &TempDb, code: &str) -> SelfEvalForm {
    let rows =
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
    let id = rows
        .iter()
        .find(|r| r.code == code)
        .expect("form")
        .id
        .clone();
    t.db.read(|c| get_self_eval(c, &id)).expect("form")
}

/// Fills a form: executed 万元 and per row (actual, reason), weights as they are.
fn fill(
    t: &TempDb,
    f: &SelfEvalForm,
    executed: &str,
    rows: &[(&str, &str)],
) -> jixiao_core::Result<SelfEvalForm> {
    let input = SelfEvalInput {
        budget_wan: String::new(),
        executed_wan: executed.into(),
        execution_weight_cp: f.row.execution_weight_cp,
        summary: "基本完成".into(),
        items: f
            .items
            .iter()
            .zip(rows)
            .map(|(i, (actual, reason))| SelfEvalItemInput {
                id: i.id.clone(),
                weight_cp: i.weight_cp,
                actual: (*actual).into(),
                not_applicable: false,
                reason: (*reason).into(),
            })
            .collect(),
    };
    t.db.write(&actor(), |ctx| save_self_eval(ctx, &f.row.id, &input))
}

/// One unit, P1 (≥100 km, ≥95 %, ≤5 天 — no 满意度 row) and P2 (one row) at 100 万元 each.
fn county() -> (TempDb, String) {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县交通运输局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2025,
        &u.id,
        "P1",
        "100",
        vec![
            row(
                Level2::Quantity,
                "道路改造里程",
                Nature::AtLeast,
                "100",
                "公里",
            ),
            row(
                Level2::Quality,
                "工程验收合格率",
                Nature::AtLeast,
                "95",
                "%",
            ),
            row(
                Level2::Social,
                "群众出行平均耗时",
                Nature::AtMost,
                "5",
                "天",
            ),
        ],
    );
    approved_project(
        &t,
        2025,
        &u.id,
        "P2",
        "100",
        vec![row(
            Level2::Quantity,
            "维修桥梁",
            Nature::AtLeast,
            "100",
            "座",
        )],
    );
    start(&t, 2025);
    (t, u.id)
}

#[test]
fn forms_split_the_rule_weights_and_move_a_missing_satisfaction_weight_into_output_and_benefit() {
    let (t, _) = county();
    let f = form_of(&t, "P1");
    assert_eq!(f.row.status, SelfEvalStatus::Pending);
    assert_eq!(f.row.execution_weight_cp, 1000);
    // 满意度 10 → 产出 6.25 and 效益 3.75: 产出 56.25 over two rows, 效益 33.75.
    let weights: Vec<i64> = f.items.iter().map(|i| i.weight_cp).collect();
    assert_eq!(weights, vec![2813, 2812, 3375]);
    // P2 has only 产出: all 90 分 go to its one row.
    assert_eq!(form_of(&t, "P2").items[0].weight_cp, 9000);
    // Running start again adds nothing.
    let again =
        t.db.write(&actor(), |ctx| start_self_eval(ctx, 2025))
            .expect("again");
    assert_eq!((again.created, again.existing), (0, 2));
}

#[test]
fn scores_follow_the_formulas_and_submit_needs_a_reason_for_every_missed_row() {
    let (t, _) = county();
    let f = form_of(&t, "P1");
    // 90 of 100 万元 → 9.00; 90/100 × 28.13 = 25.32; 95/95 × 28.12 = 28.12; ≤5 天 with 8 →
    // 5/8 × 33.75 = 21.09. Total 83.53 → 良.
    let saved = fill(&t, &f, "90", &[("90", ""), ("95", ""), ("8", "")]).expect("save");
    assert_eq!(saved.row.execution_score_cp, Some(900));
    let scores: Vec<Option<i64>> = saved.items.iter().map(|i| i.score_cp).collect();
    assert_eq!(scores, vec![Some(2532), Some(2812), Some(2109)]);
    assert_eq!(saved.row.total_cp, Some(8353));
    assert_eq!(saved.row.grade, Some(Grade::Good));
    assert_eq!(saved.row.status, SelfEvalStatus::Draft);

    let Err(Error::Unsaved(problems)) =
        t.db.write(&actor(), |ctx| submit_self_eval(ctx, &f.row.id))
    else {
        panic!("submit without reasons must be refused");
    };
    let rows: Vec<u32> = problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![1, 3], "{problems:?}");
    assert!(problems[0].column.contains("偏差原因"));

    fill(
        &t,
        &f,
        "90",
        &[("90", "工期延误"), ("95", ""), ("8", "审批环节多")],
    )
    .expect("save");
    let submitted =
        t.db.write(&actor(), |ctx| submit_self_eval(ctx, &f.row.id))
            .expect("submit");
    assert_eq!(submitted.row.status, SelfEvalStatus::Submitted);
    // A submitted form is frozen until the bureau returns it.
    assert!(matches!(
        fill(&t, &f, "100", &[("100", ""), ("95", ""), ("5", "")]),
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        t.db.write(&actor(), |ctx| return_self_eval(ctx, &f.row.id, " ")),
        Err(Error::Invalid { .. })
    ));
    let back =
        t.db.write(&actor(), |ctx| return_self_eval(ctx, &f.row.id, "佐证不足"))
            .expect("return");
    assert_eq!(back.row.status, SelfEvalStatus::Returned);
    let full = fill(&t, &f, "100", &[("100", ""), ("95", ""), ("5", "")]).expect("refill");
    assert_eq!(full.row.total_cp, Some(10000));
}

#[test]
fn a_score_of_89_50_is_liang_and_90_00_is_you() {
    let (t, _) = county();
    let f = form_of(&t, "P2");
    // 95% executed → 9.50; 88.89 of 100 → 90 × 0.8889 = 80.00. Total 89.50.
    let a = fill(&t, &f, "95", &[("88.89", "")]).expect("save");
    assert_eq!(
        (a.row.total_cp, a.row.grade),
        (Some(8950), Some(Grade::Good))
    );
    let b = fill(&t, &f, "100", &[("88.89", "")]).expect("save");
    assert_eq!(
        (b.row.total_cp, b.row.grade),
        (Some(9000), Some(Grade::Excellent))
    );
}

#[test]
fn a_not_applicable_row_rescales_the_rest_to_100() {
    let (t, _) = county();
    let f = form_of(&t, "P1");
    let mut input = SelfEvalInput {
        budget_wan: String::new(),
        executed_wan: "100".into(),
        execution_weight_cp: 1000,
        summary: String::new(),
        items: f
            .items
            .iter()
            .map(|i| SelfEvalItemInput {
                id: i.id.clone(),
                weight_cp: i.weight_cp,
                actual: "100".into(),
                not_applicable: false,
                reason: String::new(),
            })
            .collect(),
    };
    // Row 3 (33.75) 不适用; row 2 (100 of ≥95) is full; row 1
    // 50 of 100 → 14.07. Applicable: 10 + 14.07 + 28.12 = 52.19 of 66.25 → 78.78.
    input.items[0].actual = "50".into();
    input.items[2].not_applicable = true;
    input.items[2].actual = String::new();
    let saved =
        t.db.write(&actor(), |ctx| save_self_eval(ctx, &f.row.id, &input))
            .expect("save");
    assert_eq!(saved.items[2].score_cp, None);
    assert_eq!(saved.row.total_cp, Some(7878));
    assert_eq!(saved.row.grade, Some(Grade::Fair));
}

#[test]
fn bad_values_and_weights_are_refused_whole_and_change_nothing() {
    let (t, _) = county();
    let f = form_of(&t, "P1");
    let Err(Error::Unsaved(problems)) = fill(&t, &f, "90", &[("很多", ""), ("95", ""), ("8", "")])
    else {
        panic!("refused");
    };
    assert_eq!(problems[0].row, 1);
    assert_eq!(problems[0].column, "实际完成值");
    let mut input = SelfEvalInput {
        executed_wan: "90".into(),
        execution_weight_cp: 2000,
        ..Default::default()
    };
    input.items = f
        .items
        .iter()
        .map(|i| SelfEvalItemInput {
            id: i.id.clone(),
            weight_cp: i.weight_cp,
            actual: "1".into(),
            ..Default::default()
        })
        .collect();
    let Err(Error::Unsaved(problems)) =
        t.db.write(&actor(), |ctx| save_self_eval(ctx, &f.row.id, &input))
    else {
        panic!("weights over 100 refused");
    };
    assert!(problems[0].message.contains("110.00"), "{problems:?}");
    assert_eq!(form_of(&t, "P1"), f, "nothing changed");
}

#[test]
fn coverage_names_the_unit_that_has_not_submitted() {
    let (t, _) = county();
    let other = add_unit(&t.db, "102", "县水利局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2025,
        &other.id,
        "W1",
        "50",
        vec![row(
            Level2::Quantity,
            "清淤河道",
            Nature::AtLeast,
            "10",
            "公里",
        )],
    );
    start(&t, 2025);
    let w1 = form_of(&t, "W1");
    fill(&t, &w1, "50", &[("10", "")]).expect("fill");
    t.db.write(&actor(), |ctx| submit_self_eval(ctx, &w1.row.id))
        .expect("submit");
    let cov = t.db.read(|c| self_coverage(c, 2025)).expect("coverage");
    let view: Vec<(&str, i64, i64)> = cov
        .iter()
        .map(|r| (r.unit_name.as_str(), r.required, r.submitted))
        .collect();
    assert_eq!(view, vec![("县交通运输局", 2, 0), ("县水利局", 1, 1)]);
    let s = t.db.read(|c| evaluation_stats(c, 2025)).expect("stats");
    assert_eq!((s.self_eval.required, s.self_eval.submitted), (3, 1));
    assert_eq!(s.self_eval.grades.get("优"), Some(&1));
    assert_eq!(s.self_eval.execution_bp, Some(10000));
}

fn write_book(path: &std::path::Path, rows: &[[&str; 11]]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in SELF_HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("header");
    }
    for (r, cells) in rows.iter().enumerate() {
        for (c, v) in cells.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, *v).expect("cell");
            }
        }
    }
    book.save(path).expect("save");
}

#[test]
fn an_imported_workbook_arrives_submitted_with_recomputed_scores() {
    let (t, _) = county();
    let path = t.dir.path().join("自评表.xlsx");
    // Code and amounts only on each project's first row (as if merged); a typed 得分 is ignored.
    write_book(
        &path,
        &[
            [
                "P1",
                "100",
                "90",
                "预算执行率",
                "",
                "预算执行率",
                "100%",
                "",
                "10",
                "",
                "",
            ],
            [
                "",
                "",
                "",
                "产出指标",
                "数量指标",
                "道路改造里程",
                "≥100",
                "90",
                "",
                "99",
                "工期延误",
            ],
            [
                "",
                "",
                "",
                "产出指标",
                "质量指标",
                "工程验收合格率",
                "≥95",
                "95",
                "",
                "",
                "",
            ],
            [
                "",
                "",
                "",
                "效益指标",
                "社会效益指标",
                "群众出行平均耗时",
                "≤5",
                "8",
                "",
                "",
                "审批环节多",
            ],
            [
                "P2",
                "100",
                "100",
                "预算执行率",
                "",
                "预算执行率",
                "100%",
                "",
                "",
                "",
                "",
            ],
            [
                "",
                "",
                "",
                "产出指标",
                "数量指标",
                "维修桥梁",
                "≥100",
                "100",
                "",
                "",
                "",
            ],
        ],
    );
    let submit = ImportOptions {
        submit: true,
        unit: None,
    };
    let report = import_self_evals_with(&t.db, &actor(), &path, 2025, &submit).expect("import");
    assert_eq!((report.updated, report.submitted), (2, 2));
    let p1 = form_of(&t, "P1");
    assert_eq!(p1.row.status, SelfEvalStatus::Submitted);
    assert_eq!(p1.row.total_cp, Some(8353));
    assert_eq!(form_of(&t, "P2").row.total_cp, Some(10000));

    // Export → the same figures come back out, as an outside reader sees them.
    let out = t.dir.path().join("导出.xlsx");
    let n =
        t.db.read(|c| export_self_evals(c, &out, 2025))
            .expect("export");
    assert_eq!(n, 6);
    use calamine::Reader;
    let mut wb = calamine::open_workbook_auto(&out).expect("open");
    let sheet = wb.worksheet_range("单位自评表").expect("sheet");
    let cell = |r: usize, c: usize| sheet.get((r, c)).cloned().unwrap_or_default();
    // Row 0 is the title, row 1 the header; 得分 and 分值 are numbers.
    assert_eq!(cell(1, 9), calamine::Data::String("得分".into()));
    assert_eq!(
        (cell(3, 5), cell(3, 9)),
        (
            calamine::Data::String("道路改造里程".into()),
            calamine::Data::Float(25.32)
        )
    );
    assert_eq!(cell(2, 9), calamine::Data::Float(9.0));
}

#[test]
fn a_bad_workbook_is_refused_whole_naming_each_row() {
    let (t, _) = county();
    let path = t.dir.path().join("坏.xlsx");
    write_book(
        &path,
        &[
            [
                "P2",
                "100",
                "100",
                "预算执行率",
                "",
                "预算执行率",
                "",
                "",
                "",
                "",
                "",
            ],
            [
                "",
                "",
                "",
                "产出指标",
                "数量指标",
                "维修桥梁",
                "≥100",
                "100",
                "",
                "",
                "",
            ],
            [
                "P1",
                "100",
                "90",
                "产出指标",
                "数量指标",
                "道路改造里程",
                "",
                "九十",
                "",
                "",
                "",
            ],
            [
                "",
                "",
                "",
                "产出指标",
                "质量指标",
                "不存在的指标",
                "",
                "95",
                "",
                "",
                "",
            ],
            [
                "P9",
                "1",
                "1",
                "产出指标",
                "数量指标",
                "x",
                "",
                "1",
                "",
                "",
                "",
            ],
        ],
    );
    let Err(Error::Rejected(problems)) = import_self_evals(&t.db, &actor(), &path, 2025) else {
        panic!("refused");
    };
    let at: Vec<(u32, &str)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str()))
        .collect();
    assert_eq!(
        at,
        vec![(4, "实际完成值"), (5, "三级指标"), (6, "项目编码")],
        "{problems:?}"
    );
    // P2 was fine but nothing of the file landed.
    assert_eq!(form_of(&t, "P2").row.status, SelfEvalStatus::Pending);
}

#[test]
fn the_draw_takes_the_ceiling_of_the_share_and_the_seed_reproduces_it() {
    assert_eq!(drawn_count(496, 1149), 57);
    assert_eq!(drawn_count(496, 1000), 50);
    assert_eq!(drawn_count(1, 1000), 1);
    assert_eq!(jixiao_core::rate::rate_bp(57, 496), Some(1149));
    let base: Vec<BaseEntry> = (0..40)
        .map(|i| BaseEntry {
            id: format!("e{i:02}"),
            unit_id: format!("u{}", i % 3),
            budget_fen: i64::from(i) * 30_000_000,
        })
        .collect();
    let a = pick(&base, 7, 1000, Stratify::None);
    assert_eq!(a.len(), 4);
    assert_eq!(a, pick(&base, 7, 1000, Stratify::None));
    assert_ne!(a, pick(&base, 8, 1000, Stratify::None));
    // By unit: 14, 13, 13 → 2 + 2 + 2.
    assert_eq!(pick(&base, 7, 1000, Stratify::ByUnit).len(), 6);
    // By amount: ≥500万 (i ≥ 17: 23), 100–500万 (i 4..=16: 13), <100万 (4) → 3 + 2 + 1.
    assert_eq!(pick(&base, 7, 1000, Stratify::ByAmount).len(), 6);
}

/// A unit with `n` one-row projects, all submitted at full marks.
fn submitted_county(n: usize) -> TempDb {
    let t = temp_db();
    let u = add_unit(&t.db, "201", "县农业农村局", UnitKind::BudgetUnit, None);
    for k in 0..n {
        approved_project(
            &t,
            2025,
            &u.id,
            &format!("N{k:02}"),
            "100",
            vec![row(
                Level2::Quantity,
                "完成任务",
                Nature::AtLeast,
                "10",
                "项",
            )],
        );
    }
    start(&t, 2025);
    for k in 0..n {
        let f = form_of(&t, &format!("N{k:02}"));
        fill(&t, &f, "100", &[("10", "")]).expect("fill");
        t.db.write(&actor(), |ctx| submit_self_eval(ctx, &f.row.id))
            .expect("submit");
    }
    t
}

#[test]
fn a_recorded_draw_is_reproducible_and_the_review_shows_the_gap() {
    let t = submitted_county(12);
    let draw = |seed: i64| {
        t.db.write(&actor(), |ctx| {
            draw_spot_check(
                ctx,
                &DrawInput {
                    year: 2025,
                    share_bp: Some(2000),
                    seed: Some(seed),
                    stratify: None,
                },
            )
        })
        .expect("draw")
    };
    let first = draw(42);
    assert_eq!(
        (first.base_count, first.drawn_count, first.drawn_share_bp),
        (12, 3, 2500)
    );
    assert_eq!(
        (first.seed.as_str(), first.drawn_by.as_str()),
        ("42", "张三")
    );
    let ids = |d: &jixiao_core::evaluation::spot::DrawSummary| {
        d.rows
            .iter()
            .map(|r| r.self_eval_id.clone())
            .collect::<Vec<_>>()
    };
    let again = draw(42);
    assert_eq!(ids(&first), ids(&again), "same seed, same list");
    assert!(t.db.read(|c| verify_draw(c, &again.id)).expect("verify"));
    // Below the rule set's 10% is refused.
    assert!(matches!(
        t.db.write(&actor(), |ctx| draw_spot_check(
            ctx,
            &DrawInput {
                year: 2025,
                share_bp: Some(500),
                ..Default::default()
            }
        )),
        Err(Error::Invalid { .. })
    ));

    // The bureau re-scores the first drawn one: 任务 only 6 of 9 → review 70.00 vs self 100.
    let spot = &again.rows[0];
    let d = t.db.read(|c| get_spot_check(c, &spot.id)).expect("detail");
    let reviewed =
        t.db.write(&actor(), |ctx| {
            review_spot_check(
                ctx,
                &spot.id,
                &SpotReviewInput {
                    execution_score_cp: 1000,
                    items: vec![SpotItemScore {
                        item_id: d.form.items[0].id.clone(),
                        score_cp: 6000,
                        note: "佐证材料只支持 6 项".into(),
                    }],
                    note: "完成数量核减".into(),
                },
            )
        })
        .expect("review");
    assert_eq!(reviewed.row.review_total_cp, Some(7000));
    assert_eq!(reviewed.row.review_grade, Some(Grade::Fair));
    assert_eq!(reviewed.row.gap_cp, Some(-3000));
    assert!(reviewed.row.flagged);
    // A score over the row's 分值 is refused.
    assert!(t
        .db
        .write(&actor(), |ctx| review_spot_check(
            ctx,
            &spot.id,
            &SpotReviewInput {
                execution_score_cp: 1100,
                ..Default::default()
            }
        ))
        .is_err());
    // Once something is reviewed the draw cannot be replaced, and the drawn form cannot be returned.
    assert!(matches!(
        t.db.write(&actor(), |ctx| draw_spot_check(
            ctx,
            &DrawInput {
                year: 2025,
                seed: Some(1),
                ..Default::default()
            }
        )),
        Err(Error::Conflict(_))
    ));
    assert!(matches!(
        t.db.write(&actor(), |ctx| return_self_eval(
            ctx,
            &spot.self_eval_id,
            "重填"
        )),
        Err(Error::Conflict(_))
    ));
    let s = t.db.read(|c| evaluation_stats(c, 2025)).expect("stats");
    let spot_json = serde_json::to_value(&s.spot_check).expect("json");
    assert_eq!(
        spot_json,
        serde_json::json!({"base": 12, "drawn": 3, "share_bp": 2500, "reviewed": 1,
            "grades": {"优": 0, "良": 0, "中": 1, "差": 0}, "flagged": 1})
    );
}
