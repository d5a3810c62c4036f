//! 智能审核 疑点: every rule has an object that must trigger it and a near miss that must not;
//! dismissing needs a reason and the permission, is audited and hides the 疑点; 转整改 goes
//! through the 整改台账.

use super::common::{actor, admin, approved_project, indicator_row as row, temp_db, TempDb};
use super::review::unit;
use jixiao_core::evaluation;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{
    self, ActionInput, ActionKind, Possibility, RoundInput, RoundKind, SheetIndicatorInput,
    SheetInput,
};
use jixiao_core::results::rectification::{self as rect, RectInput};
use jixiao_core::review::{self, Risk, RiskRectInput};
use jixiao_core::rules::ReviewRuleCode as R;
use rusqlite::params;

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
}

fn risks(t: &TempDb, year: i32) -> Vec<Risk> {
    t.db.read(|c| review::risks(c, &actor(), year, today()))
        .expect("risks")
}

fn of<'a>(list: &'a [Risk], rule: R, code: &str) -> Option<&'a Risk> {
    list.iter()
        .find(|r| r.rule == rule && r.object_code == code)
}

fn two_rows() -> Vec<jixiao_core::targets::IndicatorInput> {
    vec![
        row(Level2::Quantity, "新建泵站", Nature::AtLeast, "10", "座"),
        row(
            Level2::ServiceSatisfaction,
            "受益农户满意度",
            Nature::AtLeast,
            "90",
            "%",
        ),
    ]
}

/// Four approved 100 万元 projects of 2026 and a 1–9月 round (时间进度 75%) filled as:
/// (code, executed 万元, actual of row 1, actual of row 2).
fn monitored(fill: &[(&str, &str, &str, &str)]) -> (TempDb, String) {
    let t = temp_db();
    let u = unit(&t);
    for (code, ..) in fill {
        approved_project(&t, 2026, &u, code, "100", two_rows());
    }
    let round =
        t.db.write(&actor(), |ctx| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2026,
                    cutoff_month: 9,
                    kind: RoundKind::SelfMonitoring,
                    due_date: "2026-10-10".into(),
                    note: String::new(),
                    unit_ids: Vec::new(),
                },
            )
        })
        .expect("open")
        .id;
    let rows =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows");
    for (code, executed, a1, a2) in fill {
        let task = rows.iter().find(|r| r.code == *code).expect("task");
        let sheet =
            t.db.read(|c| monitoring::get_sheet(c, &task.id))
                .expect("sheet");
        let input = SheetInput {
            executed_wan: (*executed).into(),
            forecast_wan: String::new(),
            indicators: sheet
                .indicators
                .iter()
                .zip([a1, a2])
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
        t.db.write(&actor(), |ctx| {
            monitoring::save_sheet(ctx, &task.id, &input)
        })
        .expect("fill");
    }
    (t, round)
}

#[test]
fn paid_but_not_done_and_done_but_not_paid_are_mismatches() {
    let (t, _) = monitored(&[
        ("P1", "95", "2", "40"),  // 执行 95%, 完成 ≈ 31% → 错配
        ("P2", "50", "10", "95"), // 执行 50%, 完成 100% → 错配 (reverse)
        ("P3", "70", "10", "95"), // 执行 70%, 完成 100% → near miss
    ]);
    let list = risks(&t, 2026);
    let p1 = of(&list, R::PayOutputMismatch, "P1").expect("P1");
    assert_eq!(p1.figures["执行率"], "95.00%");
    assert_eq!(p1.object_kind, "monitor_task");
    assert!(of(&list, R::PayOutputMismatch, "P2").is_some());
    assert!(of(&list, R::PayOutputMismatch, "P3").is_none(), "{list:?}");
}

#[test]
fn execution_under_the_red_line_is_idle_funds_and_an_untreated_red_light() {
    let (t, round) = monitored(&[
        ("P1", "30", "10", "95"), // 30% < 75% − 30 = 45%: 闲置, 红灯
        ("P2", "50", "10", "95"), // 50%: over the line, 黄灯 only → near miss
        ("P3", "30", "10", "95"), // 红灯 but the bureau acted → not 红灯未处理
    ]);
    let p3 =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows")
            .into_iter()
            .find(|r| r.code == "P3")
            .expect("P3");
    t.db.write(&actor(), |ctx| {
        monitoring::add_action(
            ctx,
            &p3.id,
            &ActionInput {
                kind: ActionKind::Suspend,
                amount_wan: "20".into(),
                reason: "执行严重滞后".into(),
                action_date: "2026-10-15".into(),
            },
        )
    })
    .expect("action");
    let list = risks(&t, 2026);
    let idle = of(&list, R::IdleFunds, "P1").expect("idle");
    assert_eq!(idle.figures["闲置线"], "45.00%");
    assert_eq!(idle.figures["未支付"], "70.00 万元");
    assert!(of(&list, R::IdleFunds, "P2").is_none());
    assert!(of(&list, R::RedLightUnhandled, "P1").is_some());
    assert!(of(&list, R::RedLightUnhandled, "P3").is_none(), "{list:?}");
}

/// Approved 2025 projects of one unit with a started self-evaluation; returns the db.
fn self_evaluated(codes: &[&str]) -> TempDb {
    let t = temp_db();
    let u = unit(&t);
    for code in codes {
        approved_project(&t, 2025, &u, code, "100", two_rows());
    }
    t.db.write(&actor(), |ctx| {
        evaluation::self_eval::start_self_eval(ctx, 2025)
    })
    .expect("start");
    t
}

fn set_satisfaction(t: &TempDb, code: &str, actual: &str) {
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "UPDATE self_eval_item SET actual = ?2 WHERE level2 = '服务对象满意度指标'
               AND self_eval_id IN (SELECT s.id FROM self_eval s JOIN project p
                 ON p.id = s.project_id WHERE p.code = ?1)",
            params![code, actual],
        )?;
        Ok(())
    })
    .expect("update");
}

#[test]
fn every_satisfaction_at_100_across_a_units_forms_is_distorted() {
    let t = self_evaluated(&["P1", "P2"]);
    set_satisfaction(&t, "P1", "100");
    set_satisfaction(&t, "P2", "100");
    let list = risks(&t, 2025);
    let hit = list
        .iter()
        .find(|r| r.rule == R::SatisfactionDistorted)
        .expect("finding");
    assert_eq!(hit.object_kind, "unit");
    assert_eq!(hit.object_code, "101");
    assert_eq!(hit.figures["自评表数"], "2");
    // Near miss: one form reports 98.
    set_satisfaction(&t, "P2", "98");
    assert!(!risks(&t, 2025)
        .iter()
        .any(|r| r.rule == R::SatisfactionDistorted));
}

/// A reviewed spot check of the P-code's self-evaluation: self score and grade, review score
/// and grade.
fn spot(t: &TempDb, code: &str, self_cp: i64, self_grade: &str, review_cp: i64, grade: &str) {
    t.db.write(&actor(), |ctx| {
        let draw: String = match ctx.query_row("SELECT id FROM spot_check_draw", [], |r| r.get(0)) {
            Ok(id) => id,
            Err(_) => {
                ctx.execute(
                    "INSERT INTO spot_check_draw (id, fiscal_year, seed, share_bp, stratify,
                        base_ids, base_count, drawn_count, drawn_by, drawn_at, created_at,
                        updated_at)
                     VALUES ('d1', 2025, 1, 10000, '不分层', '', 2, 2, '张三', ?1, ?1, ?1)",
                    [ctx.now()],
                )?;
                "d1".into()
            }
        };
        let se: String = ctx.query_row(
            "SELECT s.id FROM self_eval s JOIN project p ON p.id = s.project_id WHERE p.code = ?1",
            [code],
            |r| r.get(0),
        )?;
        ctx.execute(
            "UPDATE self_eval SET status = '已提交', total_cp = ?2, grade = ?3 WHERE id = ?1",
            params![se, self_cp, self_grade],
        )?;
        ctx.execute(
            "INSERT INTO spot_check (id, draw_id, self_eval_id, seq, status, self_total_cp,
                review_total_cp, review_grade, created_at, updated_at)
             VALUES (?1, ?2, ?3, 1, '已复核', ?4, ?5, ?6, ?7, ?7)",
            params![
                format!("sc-{code}"),
                draw,
                se,
                self_cp,
                review_cp,
                grade,
                ctx.now()
            ],
        )?;
        Ok(())
    })
    .expect("spot");
}

#[test]
fn a_self_grade_above_the_review_or_a_wide_gap_is_inflated() {
    let t = self_evaluated(&["P1", "P2", "P3"]);
    spot(&t, "P1", 9100, "优", 8800, "良"); // grade up, gap 3 分
    spot(&t, "P2", 8900, "良", 7800, "中"); // gap 11 分
    spot(&t, "P3", 8600, "良", 8100, "良"); // same grade, gap 5 分 → near miss
    let list = risks(&t, 2025);
    let p1 = of(&list, R::SelfEvalInflated, "P1").expect("P1");
    assert_eq!(p1.figures["分差"], "3.00");
    assert_eq!(p1.object_kind, "spot_check");
    assert!(of(&list, R::SelfEvalInflated, "P2").is_some());
    assert!(of(&list, R::SelfEvalInflated, "P3").is_none());
}

#[test]
fn a_fair_or_poor_result_without_a_budget_cut_is_not_applied() {
    let t = self_evaluated(&["P1", "P2", "P3"]);
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "UPDATE self_eval SET status = '已提交', total_cp = 7000, grade = '中'",
            [],
        )?;
        for (code, action) in [("P2", "压减"), ("P3", "据实安排")] {
            ctx.execute(
                "INSERT INTO budget_linkage (id, fiscal_year, source_kind, source_id, unit_id,
                    project_id, action, next_year, created_by, created_at, updated_at)
                 SELECT 'bl-' || ?1, 2025, 'self_eval', s.id, s.unit_id, s.project_id, ?2, 2026,
                    '张三', ?3, ?3
                 FROM self_eval s JOIN project p ON p.id = s.project_id WHERE p.code = ?1",
                params![code, action, ctx.now()],
            )?;
        }
        Ok(())
    })
    .expect("grades");
    let list = risks(&t, 2025);
    let p1 = of(&list, R::ResultNotApplied, "P1").expect("P1");
    assert_eq!(p1.figures["预算挂钩"], "无");
    assert!(
        of(&list, R::ResultNotApplied, "P3").is_some(),
        "据实安排 keeps the budget"
    );
    assert!(
        of(&list, R::ResultNotApplied, "P2").is_none(),
        "压减 is applied"
    );
}

fn rect_item(t: &TempDb, deadline: &str) -> String {
    let u: String =
        t.db.read(|c| {
            Ok(
                c.query_row("SELECT id FROM org_unit WHERE code = '101'", [], |r| {
                    r.get(0)
                })?,
            )
        })
        .expect("unit");
    t.db.write(&actor(), |ctx| {
        rect::create_rectification(
            ctx,
            &RectInput {
                source_kind: "manual".into(),
                source_id: None,
                unit_id: u.clone(),
                problem: format!("资产管理不规范（时限{deadline}）"),
                deadline: deadline.into(),
                fiscal_year: 2026,
                ..Default::default()
            },
        )
    })
    .expect("item")
    .id
}

#[test]
fn an_open_item_past_its_deadline_is_overdue_and_a_closed_one_is_not() {
    let t = temp_db();
    unit(&t);
    rect_item(&t, "2026-06-30");
    rect_item(&t, "2026-12-31");
    let list = risks(&t, 2026);
    let overdue: Vec<_> = list.iter().filter(|r| r.rule == R::RectOverdue).collect();
    assert_eq!(overdue.len(), 1, "{list:?}");
    assert_eq!(overdue[0].figures["逾期天数"], "154");
}

#[test]
fn dismissing_needs_a_reason_and_the_permission_is_audited_and_hides_the_risk() {
    let t = temp_db();
    unit(&t);
    rect_item(&t, "2026-06-30");
    let key = risks(&t, 2026)[0].key.clone();
    let err =
        t.db.write(&actor(), |ctx| review::dismiss_risk(ctx, 2026, &key, "  "))
            .unwrap_err()
            .to_string();
    assert!(err.contains("排除理由"), "{err}");
    let err =
        t.db.write(&admin(), |ctx| {
            review::dismiss_risk(ctx, 2026, &key, "已口头整改")
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("无权限"), "{err}");
    assert_eq!(risks(&t, 2026).len(), 1);
    t.db.write(&actor(), |ctx| {
        review::dismiss_risk(ctx, 2026, &key, "单位已说明延期原因，经批准顺延")
    })
    .expect("dismiss");
    assert!(risks(&t, 2026).is_empty());
    let (summary, entity): (String, String) =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT summary, entity FROM audit_log WHERE action = 'dismiss'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("audit");
    assert_eq!(entity, "review_risk");
    assert!(summary.contains("经批准顺延"), "{summary}");
    let decided =
        t.db.read(|c| review::risk_decisions(c, 2026))
            .expect("list");
    assert_eq!(decided.len(), 1);
    assert_eq!(decided[0].decision, "排除");
}

#[test]
fn a_red_light_turned_into_a_rectification_lands_in_the_ledger_and_leaves_the_list() {
    let (t, _) = monitored(&[("P1", "30", "10", "95")]);
    let list = risks(&t, 2026);
    let red = of(&list, R::RedLightUnhandled, "P1").expect("red").clone();
    let row =
        t.db.write(&actor(), |ctx| {
            review::risk_to_rectification(
                ctx,
                2026,
                &red.key,
                &RiskRectInput {
                    measure: "加快支付进度".into(),
                    responsible_person: "李明".into(),
                    deadline: "2026-12-31".into(),
                },
            )
        })
        .expect("rectify");
    assert_eq!(row.source_kind, "monitor_task");
    assert!(row.problem.contains("红灯未处理"), "{}", row.problem);
    let after = risks(&t, 2026);
    assert!(of(&after, R::RedLightUnhandled, "P1").is_none());
    // The idle-funds 疑点 of the same sheet is a separate judgement and stays.
    assert!(of(&after, R::IdleFunds, "P1").is_some());
}
