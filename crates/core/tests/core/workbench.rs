//! 工作台: each account sees the waiting work within its reach — a 单位填报 account its own
//! overdue sheet and not another unit's, the bureau every unit's as 催报 — and what became
//! overdue since its previous login.

use super::common::{actor, add_unit, admin, approved_project, indicator_row as row, TempDb};
use chrono::NaiveDate;
use jixiao_core::access::{accounts, login, AccountInput, Actor, Role};
use jixiao_core::clock::FixedClock;
use jixiao_core::db::Db;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{self, RoundInput, RoundKind};
use jixiao_core::org::UnitKind;
use jixiao_core::workbench::{self, Workbench};
use std::sync::Arc;

const PASSWORD: &str = "Jixiao#2026pass";

fn db_at(y: i32, m: u32, d: u32) -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("test.db"))
        .expect("open")
        .with_clock(Arc::new(FixedClock::at(y, m, d)));
    TempDb { db, dir }
}

/// Two units with one approved project each and an open round due 2026-09-10.
fn county(t: &TempDb) -> (String, String, String) {
    let a = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let b = add_unit(&t.db, "102", "县卫健局", UnitKind::Department, None);
    for (unit, code) in [(&a.id, "A1"), (&b.id, "B1")] {
        approved_project(
            t,
            2026,
            unit,
            code,
            "100",
            vec![row(
                Level2::Quantity,
                "培训人次",
                Nature::AtLeast,
                "100",
                "人次",
            )],
        );
    }
    let round =
        t.db.write(&actor(), |ctx| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2026,
                    cutoff_month: 6,
                    kind: RoundKind::SelfMonitoring,
                    due_date: "2026-09-10".into(),
                    note: String::new(),
                    unit_ids: Vec::new(),
                },
            )
        })
        .expect("round");
    (a.id, b.id, round.id)
}

fn filler(t: &TempDb, login_name: &str, unit: &str) -> Actor {
    t.db.write(&admin(), |ctx| {
        accounts::create(
            ctx,
            &AccountInput {
                login: login_name.into(),
                name: "王填报".into(),
                dept: String::new(),
                roles: vec![Role::UnitFiller],
                unit: Some(unit.into()),
            },
            PASSWORD,
        )
    })
    .expect("account");
    login::login(&t.db, login_name, PASSWORD).expect("login").0
}

fn card<'a>(w: &'a Workbench, kind: &str) -> Option<&'a workbench::TodoCard> {
    w.cards.iter().find(|c| c.kind == kind)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

#[test]
fn unit_filler_sees_exactly_its_own_overdue_sheet() {
    let t = db_at(2026, 9, 1);
    let (a, _b, round) = county(&t);
    let user = filler(&t, "wang", &a);
    let w =
        t.db.read(|c| workbench::todo(c, &user, 2026, day(2026, 9, 15)))
            .expect("todo");
    let fill = card(&w, "monitor_fill").expect("fill card");
    assert_eq!((fill.count, fill.overdue, fill.due_soon), (1, 1, 0));
    assert_eq!(fill.items.len(), 1);
    assert_eq!(fill.items[0].name, "项目A1");
    assert_eq!(fill.items[0].unit_name, "县教育局");
    assert_eq!(fill.items[0].days_left, Some(-5));
    assert!(fill.items[0].route.starts_with("/monitoring/sheet/"));
    assert_eq!(fill.route, format!("/monitoring/{round}"));
    // Bureau cards are not the unit's: no review, no 催报, no progress strip.
    assert!(card(&w, "monitor_review").is_none());
    assert!(card(&w, "monitor_overdue").is_none());
    assert!(card(&w, "target_review").is_none());
    assert!(w.progress.is_empty());

    // Five days before the deadline the same sheet is due soon, not overdue.
    let w =
        t.db.read(|c| workbench::todo(c, &user, 2026, day(2026, 9, 5)))
            .expect("todo");
    let fill = card(&w, "monitor_fill").expect("fill card");
    assert_eq!((fill.count, fill.overdue, fill.due_soon), (1, 0, 1));
    assert_eq!(fill.items[0].days_left, Some(5));
}

#[test]
fn bureau_sees_every_units_overdue_sheet_and_the_year_progress() {
    let t = db_at(2026, 9, 1);
    county(&t);
    let w =
        t.db.read(|c| workbench::todo(c, &actor(), 2026, day(2026, 9, 15)))
            .expect("todo");
    let late = card(&w, "monitor_overdue").expect("催报 card");
    assert_eq!((late.count, late.overdue), (2, 2));
    // The bureau fills nothing itself.
    assert!(card(&w, "monitor_fill").is_none());
    let targets = w
        .progress
        .iter()
        .find(|p| p.stage == "目标批复")
        .expect("stage");
    assert_eq!(
        (targets.done, targets.total, targets.share_bp),
        (2, 2, 10000)
    );
    let rounds = w
        .progress
        .iter()
        .find(|p| p.stage == "监控轮次关闭")
        .expect("stage");
    assert_eq!((rounds.done, rounds.total, rounds.share_bp), (0, 1, 0));
}

#[test]
fn login_notice_lists_what_became_overdue_since_the_previous_login() {
    let t = db_at(2026, 9, 8);
    let (a, _, _) = county(&t);
    let user = filler(&t, "wang", &a);
    // First login: nothing before it, no notice.
    let w =
        t.db.read(|c| workbench::todo(c, &user, 2026, day(2026, 9, 15)))
            .expect("todo");
    assert!(w.previous_login.is_none());
    assert!(w.newly_overdue.is_empty());
    // Second login (the clock says 9月8日): the deadline 9月10日 passed since then.
    let user = login::login(&t.db, "wang", PASSWORD).expect("login").0;
    let w =
        t.db.read(|c| workbench::todo(c, &user, 2026, day(2026, 9, 15)))
            .expect("todo");
    assert_eq!(w.newly_overdue.len(), 1);
    assert_eq!(w.newly_overdue[0].kind, "monitor_fill");
    assert_eq!(w.newly_overdue[0].item.name, "项目A1");
    // Had the previous login been after the deadline, the sheet was already overdue then.
    let w =
        t.db.read(|c| workbench::todo(c, &user, 2026, day(2026, 9, 9)))
            .expect("todo");
    assert!(w.newly_overdue.is_empty(), "not yet overdue on 9月9日");
}
