//! 绩效管理工作考核 on hand-made data: each computed item's value (4 of 5 sheets on time = 4/5 of
//! the item's points; 1 of 2 targets on time; 量化率 under the floor), hand 加分 / 扣分, totals,
//! ranks (ties share a rank), grades, and that 定稿 freezes the table: a hand item is refused
//! afterwards, nothing changes, and the refusal is on record.

use super::common::{actor, add_unit, approved_project, indicator_row as row, TempDb};
use chrono::NaiveDate;
use jixiao_core::assess::{self, AssessKind, AssessTable, HandInput};
use jixiao_core::clock::FixedClock;
use jixiao_core::db::Db;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{
    self, Possibility, RoundInput, RoundKind, SheetIndicatorInput, SheetInput,
};
use jixiao_core::org::UnitKind;
use jixiao_core::Error;
use std::sync::Arc;

fn at(path: &std::path::Path, y: i32, m: u32, d: u32) -> Db {
    Db::open(path)
        .expect("open")
        .with_clock(Arc::new(FixedClock::at(y, m, d)))
}

fn quantity() -> jixiao_core::targets::IndicatorInput {
    row(Level2::Quantity, "培训人次", Nature::AtLeast, "100", "人次")
}

/// Fills and submits a sheet at 100% execution and completion (a green light).
fn submit(t: &TempDb, task: &str) {
    let sheet =
        t.db.read(|c| monitoring::get_sheet(c, task))
            .expect("sheet");
    let input = SheetInput {
        executed_wan: "100".into(),
        forecast_wan: "100".into(),
        indicators: sheet
            .indicators
            .iter()
            .map(|i| SheetIndicatorInput {
                id: i.id.clone(),
                actual: if i.nature == Nature::Qualitative {
                    "达成".into()
                } else {
                    "100".into()
                },
                forecast: String::new(),
                deviation_reason: None,
                possibility: Some(Possibility::Certain),
                measures: String::new(),
            })
            .collect(),
    };
    t.db.write(&actor(), |ctx| {
        monitoring::save_sheet(ctx, task, &input)?;
        monitoring::submit_sheet(ctx, task)
    })
    .expect("submit");
}

struct County {
    t: TempDb,
    a: String,
    b: String,
}

/// 部门 A (5 projects, two of them in its 预算单位; 4 of 5 sheets submitted), 部门 B (2 projects,
/// one 一上 after the 11-30 deadline, one 定性 indicator of two), 部门 C and D with no work at
/// all, 乡镇 T. Everything happens on 2025-11-20 except B's late target (2025-12-05).
fn county() -> County {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("test.db");
    let t = TempDb {
        db: at(&path, 2025, 11, 20),
        dir,
    };
    let a = add_unit(&t.db, "201", "县教育局", UnitKind::Department, None).id;
    let a1 = add_unit(
        &t.db,
        "201001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&a),
    )
    .id;
    let b = add_unit(&t.db, "202", "县卫健局", UnitKind::Department, None).id;
    add_unit(&t.db, "203", "县文旅局", UnitKind::Department, None);
    add_unit(&t.db, "204", "县档案馆", UnitKind::Department, None);
    add_unit(&t.db, "301", "城关镇", UnitKind::Township, None);
    for (unit, code) in [(&a, "A1"), (&a, "A2"), (&a, "A3"), (&a1, "A4"), (&a1, "A5")] {
        approved_project(&t, 2026, unit, code, "100", vec![quantity()]);
    }
    approved_project(
        &t,
        2026,
        &b,
        "B1",
        "100",
        vec![
            quantity(),
            row(Level2::Quality, "群众满意", Nature::Qualitative, "达成", ""),
        ],
    );
    {
        let late = TempDb {
            db: at(&path, 2025, 12, 5),
            dir: tempfile::tempdir().expect("dir"),
        };
        approved_project(&late, 2026, &b, "B2", "100", vec![quantity()]);
    }
    let round =
        t.db.write(&actor(), |ctx| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2026,
                    cutoff_month: 6,
                    kind: RoundKind::SelfMonitoring,
                    due_date: "2026-07-10".into(),
                    note: String::new(),
                    unit_ids: Vec::new(),
                },
            )
        })
        .expect("round");
    for task in
        t.db.read(|c| monitoring::task_rows(c, &round.id))
            .expect("rows")
    {
        if task.code != "A5" {
            submit(&t, &task.id);
        }
    }
    County { t, a, b }
}

fn run(t: &TempDb, kind: AssessKind) -> AssessTable {
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    t.db.read(|c| assess::run(c, 2026, kind, today))
        .expect("run")
}

fn score(table: &AssessTable, unit: &str, item: &str) -> (i64, String) {
    let r = table
        .rows
        .iter()
        .find(|r| r.unit_code == unit)
        .expect("unit");
    let i = r.items.iter().find(|i| i.code == item).expect("item");
    (i.score_cp, i.inputs.clone())
}

fn line(table: &AssessTable, unit: &str) -> (i64, i64, String) {
    let r = table
        .rows
        .iter()
        .find(|r| r.unit_code == unit)
        .expect("unit");
    (r.total_cp, r.rank, r.grade.clone())
}

fn hand(t: &TempDb, unit: &str, item: &str, score: &str, reason: &str) -> jixiao_core::Result<()> {
    assess::set_hand(
        &t.db,
        &actor(),
        &HandInput {
            year: 2026,
            unit_id: unit.into(),
            item_code: item.into(),
            score: score.into(),
            reason: reason.into(),
        },
    )
    .map(|_| ())
}

#[test]
fn each_computed_item_follows_its_formula() {
    let c = county();
    let d = run(&c.t, AssessKind::Department);
    // 4 of 5 sheets on time (the 预算单位's count for its 部门): 4/5 of 10 points.
    assert_eq!(
        score(&d, "201", "monitor_on_time"),
        (800, "按时提交监控表 4 / 共 5".into())
    );
    assert_eq!(score(&d, "202", "monitor_on_time").0, 1000);
    // One of B's two targets went 一上 after 11-30 of the year before.
    assert_eq!(
        score(&d, "202", "target_timely"),
        (500, "按时报送目标 1 / 共 2".into())
    );
    assert_eq!(score(&d, "201", "target_timely").0, 1000);
    // B: 2 quantitative of 3 indicators = 66.67% under the 70% floor: 10 × 6667 / 7000 = 9.52.
    assert_eq!(score(&d, "202", "quantification").0, 952);
    assert_eq!(score(&d, "201", "quantification").0, 1000);
    // No 二上 returns, no self-evaluations, no 整改 yet: full points (不涉及).
    assert_eq!(score(&d, "201", "revisions").0, 1000);
    assert_eq!(
        score(&d, "201", "self_coverage"),
        (1500, "无应考核事项（不涉及，按满分）".into())
    );
    // Hand items are 0 until scored.
    assert_eq!(score(&d, "201", "bonus").0, 0);
    assert_eq!(line(&d, "201").0, 9800);
    assert_eq!(line(&d, "202").0, 10000 - 500 - 48);
    // The 乡镇 table has only 城关镇, with its own item set.
    let t = run(&c.t, AssessKind::Township);
    assert_eq!(t.rows.len(), 1);
    assert_eq!(
        t.items
            .iter()
            .find(|i| i.code == "monitor_on_time")
            .map(|i| i.points_cp),
        Some(1500)
    );
}

#[test]
fn ties_share_a_rank_and_the_next_rank_skips() {
    let c = county();
    let d = run(&c.t, AssessKind::Department);
    // C and D have nothing to assess: 100 each, both first; A third, B fourth.
    assert_eq!(line(&d, "203"), (10000, 1, "优秀".into()));
    assert_eq!(line(&d, "204"), (10000, 1, "优秀".into()));
    assert_eq!(line(&d, "201"), (9800, 3, "优秀".into()));
    assert_eq!(line(&d, "202"), (9452, 4, "优秀".into()));
    let order: Vec<&str> = d.rows.iter().map(|r| r.unit_code.as_str()).collect();
    assert_eq!(order, ["203", "204", "201", "202"]);
}

#[test]
fn hand_items_add_and_subtract_with_a_reason() {
    let c = county();
    hand(&c.t, &c.b, "bonus", "2", "经验被市财政局推广").expect("bonus");
    hand(&c.t, &c.a, "penalty", "12", "数据造假").expect_err("over the 10-point cap");
    hand(&c.t, &c.a, "penalty", "1.5", "").expect_err("a reason is required");
    hand(&c.t, &c.a, "monitor_on_time", "10", "手工改")
        .expect_err("computed items are not hand items");
    hand(&c.t, &c.a, "penalty", "1.5", "监控数据填报不实").expect("penalty");
    let d = run(&c.t, AssessKind::Department);
    assert_eq!(line(&d, "202").0, 9452 + 200);
    assert_eq!(line(&d, "201").0, 9800 - 150);
    let (s, _) = score(&d, "201", "penalty");
    assert_eq!(s, 150);
}

#[test]
fn after_finalize_a_hand_item_is_refused_and_nothing_changes() {
    let c = county();
    hand(&c.t, &c.b, "bonus", "2", "经验被市财政局推广").expect("bonus");
    let frozen =
        c.t.db
            .write(&actor(), |ctx| assess::finalize(ctx, 2026))
            .expect("finalize");
    assert_eq!(frozen.len(), 2);
    assert!(frozen.iter().all(|t| t.status == "已定稿"));
    let before = run(&c.t, AssessKind::Department);
    let e = hand(&c.t, &c.b, "bonus", "5", "再加分").expect_err("frozen");
    assert!(
        matches!(&e, Error::Conflict(m) if m.contains("已定稿")),
        "{e}"
    );
    assert_eq!(run(&c.t, AssessKind::Department), before);
    assert_eq!(line(&before, "202").0, 9652);
    let refusals: i64 =
        c.t.db
            .read(|conn| {
                Ok(conn.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'refuse' AND entity = 'assess_hand'",
                [],
                |r| r.get(0),
            )?)
            })
            .expect("count");
    assert_eq!(refusals, 1);
    // Finalising twice is refused too.
    c.t.db
        .write(&actor(), |ctx| assess::finalize(ctx, 2026))
        .expect_err("already final");
}

#[test]
fn score_table_exports_as_xlsx_with_numbers() {
    use calamine::{open_workbook, Reader, Xlsx};
    let c = county();
    let path = c.t.dir.path().join("考核.xlsx");
    let today = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
    let n =
        c.t.db
            .read(|conn| assess::export::export(conn, &path, 2026, today))
            .expect("export");
    assert_eq!(n, 5);
    let mut book: Xlsx<_> = open_workbook(&path).expect("open");
    let rows: Vec<Vec<calamine::Data>> = book
        .worksheet_range("县直部门")
        .expect("sheet")
        .rows()
        .map(|r| r.to_vec())
        .collect();
    let rows = super::common::below_title(rows, Some(2026));
    assert_eq!(rows[0][0].to_string(), "名次");
    let a = rows
        .iter()
        .find(|r| r[1] == calamine::Data::String("201".into()))
        .expect("A");
    let total_col = rows[0]
        .iter()
        .position(|h| *h == calamine::Data::String("合计".into()))
        .expect("合计");
    assert_eq!(a[total_col], calamine::Data::Float(98.0));
    assert_eq!(a[0], calamine::Data::Float(3.0));
}
