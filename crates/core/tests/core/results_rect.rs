//! 结果应用 — 整改台账: the steps and their refusals, overdue by the fixed clock, items from red
//! sheets / findings / spot-check gaps, evidence files, the ledger workbook read back cell by cell,
//! and the demo county's ledger. (预算挂钩 and 公开 are in `results_linkage`.)

use super::common::{actor, add_unit, approved_project, indicator_row as row, TempDb};
use calamine::{open_workbook_auto, Data, Reader};
use chrono::NaiveDate;
use jixiao_core::clock::FixedClock;
use jixiao_core::db::Db;
use jixiao_core::evaluation::self_eval::{
    get_self_eval, save_self_eval, start_self_eval, submit_self_eval, SelfEvalInput,
    SelfEvalItemInput,
};
use jixiao_core::evaluation::self_list::{list_self_evals, SelfEvalQuery};
use jixiao_core::evaluation::spot::{
    draw_spot_check, get_spot_check, review_spot_check, DrawInput, SpotItemScore, SpotReviewInput,
};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::monitoring::{
    self, DeviationReason, Possibility, RoundInput, RoundKind, SheetIndicatorInput, SheetInput,
};
use jixiao_core::org::UnitKind;
use jixiao_core::results::disclosure::disclosure_counts;
use jixiao_core::results::linkage::linkage_counts;
use jixiao_core::results::rectification::{
    self as rect, add_evidence, create_rectification, export_rectifications, get_rectification,
    list_evidence, list_rectifications, rectification_counts, RectEdit, RectInput, RectQuery,
    RectRow, RECT_HEADERS,
};
use jixiao_core::results::RectStatus;
use jixiao_core::Error;
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// A database file whose clock stands at 9:00 on the given day.
pub(super) fn county_at(y: i32, m: u32, d: u32) -> TempDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = Db::open(&dir.path().join("test.db"))
        .expect("open db")
        .with_clock(Arc::new(FixedClock::at(y, m, d)));
    TempDb { db, dir }
}

fn today(t: &TempDb) -> NaiveDate {
    t.db.clock().today()
}

fn audits(t: &TempDb) -> i64 {
    t.db.read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
        .expect("count")
}

fn manual(unit_id: &str, problem: &str, deadline: &str) -> RectInput {
    RectInput {
        source_kind: "manual".into(),
        source_id: None,
        unit_id: unit_id.into(),
        problem: problem.into(),
        basis: "《项目支出绩效评价管理办法》".into(),
        measure: "加快支出进度".into(),
        responsible_person: "王建国".into(),
        deadline: deadline.into(),
        fiscal_year: 2025,
    }
}

fn create(t: &TempDb, input: &RectInput) -> RectRow {
    t.db.write(&actor(), |ctx| create_rectification(ctx, input))
        .expect("create item")
}

fn item(t: &TempDb, id: &str) -> RectRow {
    t.db.read(|c| get_rectification(c, id, today(t)))
        .expect("item")
}

fn ledger(t: &TempDb, overdue_only: bool) -> Vec<RectRow> {
    t.db.read(|c| {
        list_rectifications(
            c,
            &RectQuery {
                year: 2025,
                overdue_only,
                page: 1,
                page_size: 20,
                ..RectQuery::default()
            },
            today(t),
        )
    })
    .expect("ledger")
    .rows
}

#[test]
fn an_item_goes_from_issued_through_a_return_to_closed_with_one_audit_row_per_step() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let x = create(&t, &manual(&u.id, "预算执行率偏低", "2026-06-30"));
    assert_eq!(x.status, RectStatus::Issued);
    assert_eq!(
        (x.source_label.as_str(), x.unit_name.as_str()),
        ("手工录入", "县教育局")
    );
    let a0 = audits(&t);
    let step = |f: &dyn Fn(&jixiao_core::db::WriteCtx) -> jixiao_core::Result<RectRow>| {
        t.db.write(&actor(), |ctx| f(ctx)).expect("step")
    };
    assert_eq!(
        step(&|c| rect::start(c, &x.id)).status,
        RectStatus::InProgress
    );
    let r = step(&|c| rect::report(c, &x.id, "已加快支付，执行率达 85%"));
    assert_eq!(
        (r.status, r.feedback.as_str()),
        (RectStatus::Reported, "已加快支付，执行率达 85%")
    );
    let r = step(&|c| rect::reject(c, &x.id, "请补充支付凭证"));
    assert_eq!(
        (r.status, r.review_note.as_str()),
        (RectStatus::Rejected, "请补充支付凭证")
    );
    assert_eq!(
        step(&|c| rect::start(c, &x.id)).status,
        RectStatus::InProgress
    );
    step(&|c| rect::report(c, &x.id, "已补充支付凭证"));
    assert_eq!(
        step(&|c| rect::verify(c, &x.id, "属实")).status,
        RectStatus::Verified
    );
    let closed = step(&|c| rect::close(c, &x.id));
    assert_eq!(closed.status, RectStatus::Closed);
    assert!(closed
        .closed_at
        .is_some_and(|s| s.starts_with("2026-03-01")));
    assert_eq!(audits(&t) - a0, 7, "one audit row per step");
    let (summary, before): (String, String) =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT summary, before_json FROM audit_log WHERE entity = 'rectification'
                 ORDER BY rowid DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("audit");
    assert_eq!(summary, "整改销号：预算执行率偏低");
    assert!(before.contains("已核实"));
}

#[test]
fn a_step_the_state_does_not_allow_is_refused_with_the_reason_and_changes_nothing() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let x = create(&t, &manual(&u.id, "问题", "2026-06-30"));
    let a0 = audits(&t);
    let err =
        t.db.write(&actor(), |ctx| rect::verify(ctx, &x.id, ""))
            .expect_err("verify a new item");
    assert_eq!(
        err.to_string(),
        "整改事项当前为『下达』，不能核实：只有『已反馈』的事项可以核实"
    );
    assert!(matches!(
        t.db.write(&actor(), |ctx| rect::close(ctx, &x.id)),
        Err(Error::Conflict(_))
    ));
    t.db.write(&actor(), |ctx| rect::start(ctx, &x.id))
        .expect("start");
    let err =
        t.db.write(&actor(), |ctx| rect::report(ctx, &x.id, "  "))
            .expect_err("empty feedback");
    assert_eq!(err.to_string(), "『整改反馈』请填写整改完成情况后再反馈");
    t.db.write(&actor(), |ctx| rect::report(ctx, &x.id, "已整改"))
        .expect("report");
    let err =
        t.db.write(&actor(), |ctx| rect::reject(ctx, &x.id, ""))
            .expect_err("reject without a note");
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "退回理由"));
    let err =
        t.db.write(&actor(), |ctx| {
            rect::update_rectification(
                ctx,
                &x.id,
                &RectEdit {
                    problem: "改过的问题".into(),
                    deadline: "2026-12-31".into(),
                    ..RectEdit::default()
                },
            )
        })
        .expect_err("edit after the report");
    assert_eq!(
        err.to_string(),
        "整改事项当前为『已反馈』，单位反馈后不能再修改内容"
    );
    let now = item(&t, &x.id);
    assert_eq!(
        (now.status, now.problem.as_str()),
        (RectStatus::Reported, "问题")
    );
    assert_eq!(audits(&t) - a0, 2, "only start and report were logged");

    // A form with a blank problem and a bad date lists both and writes nothing.
    let mut bad = manual(&u.id, " ", "2026-02-30");
    bad.unit_id = "nope".into();
    let err =
        t.db.write(&actor(), |ctx| create_rectification(ctx, &bad))
            .expect_err("bad form");
    let columns: Vec<String> = err.problems().into_iter().map(|p| p.column).collect();
    assert_eq!(columns, ["存在问题", "完成时限", "责任单位"]);
    assert_eq!(ledger(&t, false).len(), 1);
}

#[test]
fn overdue_follows_the_db_clock_and_ends_when_the_item_is_verified() {
    let t = county_at(2026, 7, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let late = create(&t, &manual(&u.id, "逾期的问题", "2026-06-20"));
    let due = create(&t, &manual(&u.id, "未到期的问题", "2026-07-15"));
    assert_eq!((late.overdue, late.days_overdue), (true, 11));
    assert_eq!((due.overdue, due.days_overdue), (false, 0));
    let only: Vec<String> = ledger(&t, true).into_iter().map(|r| r.problem).collect();
    assert_eq!(only, ["逾期的问题"]);
    assert_eq!(
        t.db.read(|c| rectification_counts(c, 2025, today(&t)))
            .expect("counts"),
        (2, 1, 0)
    );
    let summary =
        t.db.read(|c| rect::rectification_summary(c, 2025, today(&t)))
            .expect("summary");
    assert_eq!(
        (summary.total, summary.open, summary.overdue, summary.closed),
        (2, 2, 1, 0)
    );
    let by: Vec<(RectStatus, i64)> = summary
        .by_status
        .iter()
        .map(|s| (s.status, s.count))
        .collect();
    assert_eq!(by[0], (RectStatus::Issued, 2));
    assert_eq!(by.len(), 6);
    // The same file read on 6月1日 has nothing overdue.
    let path = t.dir.path().join("test.db");
    let earlier = Db::open(&path)
        .expect("reopen")
        .with_clock(Arc::new(FixedClock::at(2026, 6, 1)));
    let d = earlier.clock().today();
    assert_eq!(
        earlier
            .read(|c| rectification_counts(c, 2025, d))
            .expect("counts"),
        (2, 0, 0)
    );
    t.db.write(&actor(), |ctx| {
        rect::start(ctx, &late.id)?;
        rect::report(ctx, &late.id, "已整改")?;
        rect::verify(ctx, &late.id, "")
    })
    .expect("verify");
    assert!(!item(&t, &late.id).overdue);
    assert_eq!(
        t.db.read(|c| rectification_counts(c, 2025, today(&t)))
            .expect("counts"),
        (2, 0, 0)
    );
}

fn fill_sheet(t: &TempDb, task: &str, executed: &str, progress: &[(&str, Possibility)]) {
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
    t.db.write(&actor(), |ctx| {
        monitoring::save_sheet(ctx, task, &input)?;
        monitoring::submit_sheet(ctx, task)
    })
    .expect("fill and submit");
}

#[test]
fn a_red_sheet_becomes_one_item_with_its_figures_and_lagging_indicators_and_not_twice() {
    let t = county_at(2025, 9, 15);
    let u = add_unit(&t.db, "101", "县农业农村局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2025,
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
        2025,
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
        .expect("open")
        .id;
    let tasks =
        t.db.read(|c| monitoring::task_rows(c, &round))
            .expect("rows");
    let (p1, p2) = (&tasks[0].id, &tasks[1].id);
    // P1: 30万 of 100万 against 66.67% time progress → 红灯; P2: 250万 of 300万 → 绿灯.
    fill_sheet(
        &t,
        p1,
        "30",
        &[
            ("2000", Possibility::Certain),
            ("95", Possibility::Impossible),
        ],
    );
    fill_sheet(&t, p2, "250", &[("8", Possibility::Certain)]);
    let made =
        t.db.write(&actor(), |ctx| {
            rect::rectifications_from_monitoring(ctx, &round, "2025-12-31")
        })
        .expect("generate");
    assert_eq!(made, 1);
    let rows = ledger(&t, false);
    assert_eq!(rows.len(), 1);
    let x = &rows[0];
    assert_eq!(
        x.problem,
        "运行监控红色预警：执行率 30.00%，落后时间进度 36.67 个百分点；滞后指标：\
         新建高标准农田面积（完成率 40.00%）、受益农户满意度（完成率 100.00%，全年完全不可能完成）"
    );
    assert_eq!(x.source_label, "运行监控（1–8月）：项目P1");
    assert_eq!(
        (
            x.measure.as_str(),
            x.deadline.as_str(),
            x.unit_name.as_str()
        ),
        ("加快拨付进度", "2025-12-31", "县农业农村局")
    );
    let a0 = audits(&t);
    let again =
        t.db.write(&actor(), |ctx| {
            rect::rectifications_from_monitoring(ctx, &round, "2025-12-31")
        })
        .expect("again");
    assert_eq!((again, ledger(&t, false).len(), audits(&t) - a0), (0, 1, 0));
    let sources = t.db.read(|c| rect::rect_sources(c, 2025)).expect("sources");
    assert_eq!(
        (sources.rounds[0].problems, sources.rounds[0].in_ledger),
        (1, 1)
    );
}

/// A key evaluation of project `code` written straight into its tables (the key-evaluation
/// module lives on another branch), with the given findings.
pub(super) fn key_eval(
    t: &TempDb,
    code: &str,
    status: &str,
    amount: i64,
    total: i64,
    grade: &str,
    findings: &[&str],
) -> String {
    let id = jixiao_core::db::new_id();
    t.db.read(|c| {
        c.execute(
            "INSERT INTO key_eval (id, fiscal_year, kind, object_name, project_id, amount_fen,
                method, status, total_cp, grade, created_by, created_at, updated_at)
             SELECT ?1, 2025, '项目', name, id, ?3, '财政评价', ?4, ?5, ?6, '张三', 'x', 'x'
             FROM project WHERE code = ?2",
            rusqlite::params![id, code, amount, status, total, grade],
        )?;
        for (k, f) in findings.iter().enumerate() {
            c.execute(
                "INSERT INTO key_eval_finding (id, key_eval_id, seq, category, problem, basis,
                    recommendation, created_at, updated_at)
                 VALUES (?1, ?2, ?3, '资金管理', ?4, '《预算法》第五十七条', ?5, 'x', 'x')",
                rusqlite::params![
                    jixiao_core::db::new_id(),
                    id,
                    k as i64 + 1,
                    f,
                    format!("针对{f}，完善管理制度")
                ],
            )?;
        }
        Ok(())
    })
    .expect("key eval");
    id
}

#[test]
fn findings_of_a_finalised_key_evaluation_become_items_of_the_projects_unit() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2025,
        &u.id,
        "W1",
        "1286.5",
        vec![row(
            Level2::Quantity,
            "新建渠道",
            Nature::AtLeast,
            "10",
            "公里",
        )],
    );
    let draft = key_eval(&t, "W1", "报告初稿", 0, 7500, "中", &["资金闲置"]);
    let err =
        t.db.write(&actor(), |ctx| {
            rect::rectifications_from_key_eval(ctx, &draft, "2026-06-30")
        })
        .expect_err("not final");
    assert_eq!(
        err.to_string(),
        "重点评价『项目W1』当前为『报告初稿』，定稿后才能生成整改事项"
    );
    t.db.read(|c| {
        Ok(c.execute(
            "UPDATE key_eval SET deleted_at = 'x' WHERE id = ?1",
            [&draft],
        )?)
    })
    .expect("drop draft");
    let k = key_eval(
        &t,
        "W1",
        "定稿",
        0,
        7500,
        "中",
        &["资金闲置一年以上", "绩效目标不细化"],
    );
    let made =
        t.db.write(&actor(), |ctx| {
            rect::rectifications_from_key_eval(ctx, &k, "2026-06-30")
        })
        .expect("generate");
    assert_eq!(made, 2);
    let rows = ledger(&t, false);
    let first = rows
        .iter()
        .find(|r| r.problem == "资金闲置一年以上")
        .expect("item");
    assert_eq!(first.source_label, "重点评价：项目W1");
    assert_eq!(first.unit_name, "县水利局");
    assert_eq!(first.basis, "《预算法》第五十七条");
    assert_eq!(first.measure, "针对资金闲置一年以上，完善管理制度");
    assert_eq!(
        t.db.write(&actor(), |ctx| rect::rectifications_from_key_eval(
            ctx,
            &k,
            "2026-06-30"
        ))
        .expect("again"),
        0
    );
}

fn submit_form(t: &TempDb, code: &str) {
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
    let f = t.db.read(|c| get_self_eval(c, &id)).expect("form");
    let input = SelfEvalInput {
        budget_wan: String::new(),
        executed_wan: "100".into(),
        execution_weight_cp: f.row.execution_weight_cp,
        summary: "完成".into(),
        items: f
            .items
            .iter()
            .map(|i| SelfEvalItemInput {
                id: i.id.clone(),
                weight_cp: i.weight_cp,
                actual: "10".into(),
                not_applicable: false,
                reason: String::new(),
            })
            .collect(),
    };
    t.db.write(&actor(), |ctx| {
        save_self_eval(ctx, &id, &input)?;
        submit_self_eval(ctx, &id)
    })
    .expect("submit");
}

#[test]
fn a_reviewed_form_whose_gap_is_over_the_line_becomes_an_item() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "201", "县农业农村局", UnitKind::BudgetUnit, None);
    for code in ["N1", "N2"] {
        approved_project(
            &t,
            2025,
            &u.id,
            code,
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
    t.db.write(&actor(), |ctx| start_self_eval(ctx, 2025))
        .expect("start");
    submit_form(&t, "N1");
    submit_form(&t, "N2");
    let draw =
        t.db.write(&actor(), |ctx| {
            draw_spot_check(
                ctx,
                &DrawInput {
                    year: 2025,
                    share_bp: Some(10_000),
                    seed: Some(7),
                    stratify: None,
                },
            )
        })
        .expect("draw");
    // The first is re-scored 70.00 against 100.00 (gap 30 > 10), the second confirmed.
    for (k, item_score) in [(0usize, 6000i64), (1, 9000)] {
        let spot = &draw.rows[k];
        let d = t.db.read(|c| get_spot_check(c, &spot.id)).expect("detail");
        t.db.write(&actor(), |ctx| {
            review_spot_check(
                ctx,
                &spot.id,
                &SpotReviewInput {
                    execution_score_cp: 1000,
                    items: vec![SpotItemScore {
                        item_id: d.form.items[0].id.clone(),
                        score_cp: item_score,
                        note: String::new(),
                    }],
                    note: if k == 0 {
                        "完成数量核减".into()
                    } else {
                        String::new()
                    },
                },
            )
        })
        .expect("review");
    }
    let made =
        t.db.write(&actor(), |ctx| {
            rect::rectifications_from_spot_check(ctx, &draw.id, "2026-05-31")
        })
        .expect("generate");
    assert_eq!(made, 1);
    let x = &ledger(&t, false)[0];
    assert_eq!(
        x.problem,
        "抽查复核发现自评结果与复核结果差异较大：自评 100.00 分（优），复核 70.00 分（中），\
         相差 30.00 分，超过 10.00 分的偏差线。复核意见：完成数量核减"
    );
    assert_eq!(
        x.source_label,
        format!("抽查复核：项目{}", draw.rows[0].code)
    );
}

#[test]
fn evidence_is_copied_under_its_hash_and_a_missing_or_too_big_file_is_refused() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let x = create(&t, &manual(&u.id, "问题", "2026-06-30"));
    let data = t.dir.path().join("data");
    let src = t.dir.path().join("支付凭证.pdf");
    std::fs::write(&src, b"%PDF-1.4 payment voucher").expect("write");
    let sha = format!("{:x}", Sha256::digest(b"%PDF-1.4 payment voucher"));
    let e =
        t.db.write(&actor(), |ctx| add_evidence(ctx, &data, &x.id, &src))
            .expect("add");
    assert_eq!(
        (e.file_name.as_str(), e.sha256.as_str(), e.size_bytes),
        ("支付凭证.pdf", sha.as_str(), 24)
    );
    let stored = data.join("evidence").join(&sha);
    assert_eq!(
        std::fs::read(&stored).expect("stored"),
        b"%PDF-1.4 payment voucher"
    );
    // The same content again is one more row and still one stored file.
    t.db.write(&actor(), |ctx| add_evidence(ctx, &data, &x.id, &src))
        .expect("again");
    assert_eq!(
        std::fs::read_dir(data.join("evidence"))
            .expect("dir")
            .count(),
        1
    );
    assert_eq!(item(&t, &x.id).evidence_count, 2);

    let big = t.dir.path().join("录像.mp4");
    std::fs::File::create(&big)
        .and_then(|f| f.set_len(50 * 1024 * 1024 + 1))
        .expect("big file");
    let err =
        t.db.write(&actor(), |ctx| add_evidence(ctx, &data, &x.id, &big))
            .expect_err("too big");
    assert_eq!(
        err.to_string(),
        "『佐证材料』文件『录像.mp4』有 50.0 MB，超过 50 MB 的上限，请压缩或拆分后再上传"
    );
    let gone = t.dir.path().join("不存在.pdf");
    assert!(matches!(
        t.db.write(&actor(), |ctx| add_evidence(ctx, &data, &x.id, &gone)),
        Err(Error::File(m)) if m.contains("找不到文件")
    ));
    assert_eq!(
        t.db.read(|c| list_evidence(c, &x.id)).expect("list").len(),
        2
    );
}

pub(super) fn read_sheet(path: &std::path::Path) -> Vec<Vec<Data>> {
    let mut book = open_workbook_auto(path).expect("open");
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    super::common::below_title(range.rows().map(|r| r.to_vec()).collect(), None)
}

pub(super) fn strings(row: &[Data]) -> Vec<String> {
    row.iter().map(|d| d.to_string()).collect()
}

#[test]
fn the_ledger_workbook_has_one_row_per_item_with_overdue_in_words() {
    let t = county_at(2026, 7, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let late = create(&t, &manual(&u.id, "逾期的问题", "2026-06-20"));
    let done = create(&t, &manual(&u.id, "已整改的问题", "2026-06-01"));
    t.db.write(&actor(), |ctx| {
        rect::start(ctx, &done.id)?;
        rect::report(ctx, &done.id, "已整改完毕")?;
        rect::verify(ctx, &done.id, "")?;
        rect::close(ctx, &done.id)
    })
    .expect("close");
    let src = t.dir.path().join("a.txt");
    std::fs::write(&src, "x").expect("write");
    t.db.write(&actor(), |ctx| {
        add_evidence(ctx, t.dir.path(), &late.id, &src)
    })
    .expect("evidence");
    let file = t.dir.path().join("整改台账.xlsx");
    assert_eq!(
        t.db.read(|c| export_rectifications(c, &file, 2025, today(&t)))
            .expect("export"),
        2
    );
    let sheet = read_sheet(&file);
    assert_eq!(strings(&sheet[0]), RECT_HEADERS);
    assert_eq!(
        sheet[1][..],
        [
            Data::Float(1.0),
            Data::String("县教育局".into()),
            Data::String("逾期的问题".into()),
            Data::String("《项目支出绩效评价管理办法》".into()),
            Data::String("加快支出进度".into()),
            Data::String("王建国".into()),
            Data::String("2026-06-20".into()),
            Data::String("下达".into()),
            Data::String("是（11天）".into()),
            Data::Empty,
            Data::Float(1.0),
        ]
    );
    assert_eq!(
        (
            &sheet[2][2],
            &sheet[2][7],
            &sheet[2][8],
            &sheet[2][9],
            &sheet[2][10]
        ),
        (
            &Data::String("已整改的问题".into()),
            &Data::String("销号".into()),
            &Data::String("否".into()),
            &Data::String("已整改完毕".into()),
            &Data::Float(0.0)
        )
    );
}

/// The demo's ledger without ids and stamps, in a fixed order.
fn demo_ledger(t: &TempDb) -> Vec<String> {
    t.db.read(|c| {
        let mut st = c.prepare(
            "SELECT u.code || '|' || x.problem || '|' || x.status || '|' || x.deadline || '|'
                || x.responsible_person FROM rectification x JOIN org_unit u ON u.id = x.unit_id
             ORDER BY 1",
        )?;
        let rows = st.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<Vec<String>>>()?)
    })
    .expect("ledger")
}

#[test]
fn the_demo_county_has_a_ledger_in_assorted_states_linkages_and_two_secret_reports() {
    let t = county_at(2026, 11, 22);
    jixiao_core::demo::generate(&t.db, &actor(), jixiao_core::demo::DEFAULT_SEED).expect("demo");
    let again = county_at(2026, 11, 22);
    jixiao_core::demo::generate(&again.db, &actor(), jixiao_core::demo::DEFAULT_SEED)
        .expect("demo again");
    assert_eq!(
        demo_ledger(&t),
        demo_ledger(&again),
        "same seed, same ledger"
    );
    let count = |sql: &str| -> i64 {
        t.db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .expect("count")
    };
    let red = count("SELECT COUNT(*) FROM rectification WHERE source_kind = 'monitor_task'");
    let spot = count("SELECT COUNT(*) FROM rectification WHERE source_kind = 'spot_check'");
    let key = count("SELECT COUNT(*) FROM rectification WHERE source_kind = 'key_eval_finding'");
    assert!(
        red > 50 && spot > 0 && key > 38,
        "red {red}, spot {spot}, key {key}"
    );
    for status in ["下达", "整改中", "已反馈", "已核实", "退回", "销号"] {
        let n = count(&format!(
            "SELECT COUNT(*) FROM rectification WHERE status = '{status}'"
        ));
        assert!(n > 0, "no item is {status}");
    }
    let (open, overdue, closed) =
        t.db.read(|c| rectification_counts(c, 2025, today(&t)))
            .expect("counts");
    assert_eq!(open + closed, red + spot + key);
    assert!(overdue > 0 && overdue < open, "overdue {overdue} of {open}");
    assert_eq!(
        count("SELECT COUNT(*) FROM budget_linkage"),
        count(
            "SELECT (SELECT COUNT(*) FROM self_eval WHERE status = '已提交')
                  + (SELECT COUNT(*) FROM key_eval WHERE status = '定稿' AND fiscal_year = 2025)"
        )
    );
    let (cut, priority, _) = t.db.read(|c| linkage_counts(c, 2025)).expect("linkage");
    assert!(cut > 0 && priority > 0);
    assert_eq!(
        t.db.read(|c| disclosure_counts(c, 2025))
            .expect("disclosure")
            .1,
        2
    );
}

#[test]
fn check_rehashes_evidence_files_and_the_schema_refuses_a_hash_that_is_a_path() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    let x = create(&t, &manual(&u.id, "问题", "2026-06-30"));
    let data = t.db.data_dir().expect("file database");
    let src = t.dir.path().join("支付凭证.pdf");
    std::fs::write(&src, b"%PDF-1.4 payment voucher").expect("write");
    let e =
        t.db.write(&actor(), |ctx| add_evidence(ctx, &data, &x.id, &src))
            .expect("add");
    assert!(t.db.check().expect("check").ok);
    // The stored file is changed behind the program's back.
    std::fs::write(data.join("evidence").join(&e.sha256), b"%PDF-1.4 forged").expect("edit");
    let r = t.db.check().expect("check");
    assert!(!r.ok);
    assert!(
        r.evidence_problems[0].contains("支付凭证.pdf") && r.evidence_problems[0].contains("不符"),
        "{:?}",
        r.evidence_problems
    );
    // A hash that names a path never reaches the table.
    let err =
        t.db.write(&actor(), |ctx| {
            ctx.execute(
                "UPDATE rectification_evidence SET sha256 = '../jixiao.db' WHERE id = ?1",
                [&e.id],
            )?;
            Ok(())
        })
        .expect_err("refused");
    assert!(err.to_string().contains("64位小写十六进制"), "{err}");
}

#[test]
fn a_ledger_search_for_percent_or_underscore_finds_only_those_characters() {
    let t = county_at(2026, 7, 1);
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    create(&t, &manual(&u.id, "执行率仅40%", "2026-09-30"));
    create(&t, &manual(&u.id, "指标a_b未量化", "2026-09-30"));
    create(&t, &manual(&u.id, "执行率偏低", "2026-09-30"));
    let found = |text: &str| -> Vec<String> {
        t.db.read(|c| {
            list_rectifications(
                c,
                &RectQuery {
                    year: 2025,
                    search: Some(text.into()),
                    page: 1,
                    page_size: 20,
                    ..RectQuery::default()
                },
                today(&t),
            )
        })
        .expect("ledger")
        .rows
        .into_iter()
        .map(|r| r.problem)
        .collect()
    };
    // Unescaped, LIKE '%%%' and '%_%' match every row.
    assert_eq!(found("%"), ["执行率仅40%"]);
    assert_eq!(found("_"), ["指标a_b未量化"]);
    assert_eq!(found("40%"), ["执行率仅40%"]);
}
