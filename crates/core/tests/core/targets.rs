//! 绩效目标: the "二上二下" workflow end to end, freezing, A-tier second review, the 事前评估
//! block, adjustment versions, 量化率 figures, and the 申报表 workbook.

use super::common::{actor, add_unit, admin, indicator_row as row, project_input, temp_db, TempDb};
use jixiao_core::access::Actor;
use jixiao_core::access::{self, Role};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::org::UnitKind;
use jixiao_core::projects::{self, Project, ProjectGrade};
use jixiao_core::targets::{
    self, ApproveInput, CommentCategory, CommentInput, Target, TargetDraft, TargetKind,
    TargetQuery, TargetStatus,
};
use jixiao_core::{Error, Fen};
use rusqlite::params;

fn draft() -> TargetDraft {
    TargetDraft {
        overall_goal: "资助家庭经济困难学生2600人，按时足额发放补助。".into(),
        indicators: vec![
            row(
                Level2::Quantity,
                "资助学生人数",
                Nature::AtLeast,
                "2600",
                "人",
            ),
            row(
                Level2::Timeliness,
                "资金发放及时率",
                Nature::AtLeast,
                "95",
                "%",
            ),
            row(
                Level2::Social,
                "因贫辍学情况",
                Nature::Qualitative,
                "有效遏制",
                "",
            ),
            row(
                Level2::ServiceSatisfaction,
                "受助学生满意度",
                Nature::Range,
                "85-95",
                "%",
            ),
        ],
    }
}

fn project(t: &TempDb, code: &str, grade: Option<ProjectGrade>) -> Project {
    let u = add_unit(
        &t.db,
        &format!("U{code}"),
        &format!("单位{code}"),
        UnitKind::BudgetUnit,
        None,
    );
    let mut input = project_input(2026, code, &u.id, "320");
    input.grade = grade;
    t.db.write(&actor(), |ctx| projects::create_project(ctx, &input))
        .expect("project")
}

fn with_target(t: &TempDb, p: &Project) -> Target {
    t.db.write(&actor(), |ctx| {
        let target = targets::create_project_target(ctx, &p.id)?;
        targets::save_draft(ctx, &target.id, &draft())
    })
    .expect("target")
}

fn act<T>(
    t: &TempDb,
    f: impl FnOnce(&jixiao_core::db::WriteCtx) -> jixiao_core::Result<T>,
) -> jixiao_core::Result<T> {
    t.db.write(&actor(), f)
}

fn get(t: &TempDb, id: &str) -> Target {
    t.db.read(|c| targets::get_target(c, id)).expect("get")
}

#[test]
fn a_target_goes_from_draft_through_return_and_resubmission_to_approval() {
    let t = temp_db();
    let p = project(&t, "P1", Some(ProjectGrade::B));
    let target = with_target(&t, &p);
    assert_eq!(target.status, TargetStatus::Draft);
    assert_eq!(
        target.quantification_bp,
        Some(7500),
        "3 of 4 rows are quantitative"
    );
    let sub = act(&t, |ctx| targets::submit_target(ctx, &target.id)).expect("一上");
    assert_eq!(sub.status, TargetStatus::FirstUp);

    let about_row = sub.indicators[1].id.clone();
    let returned = act(&t, |ctx| {
        targets::return_target(
            ctx,
            &target.id,
            &[
                CommentInput {
                    indicator_id: None,
                    category: CommentCategory::Completeness,
                    text: "缺少成本指标".into(),
                },
                CommentInput {
                    indicator_id: Some(about_row.clone()),
                    category: CommentCategory::Appropriateness,
                    text: "及时率应不低于98%".into(),
                },
            ],
        )
    })
    .expect("一下");
    assert_eq!(returned.status, TargetStatus::FirstDown);
    assert_eq!(returned.comments.len(), 2);
    assert_eq!(returned.comments[1].indicator_name, "资金发放及时率");

    // The unit revises: raises one value and adds a cost row, then resubmits (二上).
    let mut revised = draft();
    for (input, stored) in revised.indicators.iter_mut().zip(&returned.indicators) {
        input.id = Some(stored.id.clone());
    }
    revised.indicators[1].value = "98".into();
    revised.indicators.push(row(
        Level2::Cost,
        "人均补助标准",
        Nature::AtMost,
        "1250",
        "元/人",
    ));
    act(&t, |ctx| targets::save_draft(ctx, &target.id, &revised)).expect("save");
    let second = act(&t, |ctx| targets::submit_target(ctx, &target.id)).expect("二上");
    assert_eq!(second.status, TargetStatus::SecondUp);
    assert_eq!(
        second.indicators[1].id, about_row,
        "row ids survive a revision"
    );

    let changes =
        t.db.read(|c| targets::target_changes(c, &target.id))
            .expect("diff");
    let summary: Vec<(String, String)> = changes
        .iter()
        .map(|c| (c.change.clone(), c.item.clone()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("修改".into(), "产出指标 / 时效指标 / 资金发放及时率".into()),
            ("新增".into(), "产出指标 / 成本指标 / 人均补助标准".into()),
        ]
    );
    assert_eq!(changes[0].before.as_deref(), Some("≥ 95%"));
    assert_eq!(changes[0].after.as_deref(), Some("≥ 98%"));

    let approved = act(&t, |ctx| {
        targets::approve_target(ctx, &target.id, "20.5", None)
    })
    .expect("二下");
    assert_eq!(approved.status, TargetStatus::SecondDown);
    assert_eq!(approved.reduction, Fen(20_500_000));
    assert_eq!(approved.approved_by.as_deref(), Some("张三"));
    assert!(approved.comments.iter().all(|c| c.resolved));
    let err = act(&t, |ctx| {
        targets::resolve_comment(ctx, &approved.comments[0].id, false)
    })
    .expect_err("frozen comments");
    assert!(err.to_string().contains("已批复"), "{err}");

    // Frozen: a save is refused and changes nothing.
    let err = act(&t, |ctx| targets::save_draft(ctx, &target.id, &draft())).expect_err("frozen");
    assert!(err.to_string().contains("冻结"), "{err}");
    assert_eq!(get(&t, &target.id).indicators.len(), 5);
    let actions: Vec<String> =
        t.db.read(|c| {
            let mut st = c.prepare(
                "SELECT action FROM audit_log WHERE entity = 'perf_target' ORDER BY rowid",
            )?;
            let v = st
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(v)
        })
        .expect("audit");
    assert_eq!(
        actions,
        ["create", "update", "submit", "return", "update", "submit", "approve"]
    );
}

#[test]
fn bad_rows_are_refused_naming_row_and_column_and_nothing_is_saved() {
    let t = temp_db();
    let p = project(&t, "P1", None);
    let target = with_target(&t, &p);
    let mut bad = draft();
    bad.indicators[0].value = "约两千".into();
    bad.indicators[1].level2 = Level2::Economic;
    bad.indicators[3].value = "95-85".into();
    bad.indicators
        .push(row(Level2::Quantity, "", Nature::AtLeast, "1", "个"));
    let err = act(&t, |ctx| targets::save_draft(ctx, &target.id, &bad)).expect_err("refused");
    let problems: Vec<(u32, String)> = err
        .problems()
        .iter()
        .map(|p| (p.row, p.column.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (1, "指标值".into()),
            (2, "二级指标".into()),
            (4, "指标值".into()),
            (5, "三级指标".into()),
        ]
    );
    assert!(err.to_string().contains("约两千"));
    assert_eq!(get(&t, &target.id).indicators[0].value, "2600");
}

#[test]
fn a_target_under_review_cannot_be_edited_and_an_empty_one_cannot_be_submitted() {
    let t = temp_db();
    let p = project(&t, "P1", None);
    let empty = act(&t, |ctx| targets::create_project_target(ctx, &p.id)).expect("create");
    let err = act(&t, |ctx| targets::submit_target(ctx, &empty.id)).expect_err("empty");
    assert!(err.to_string().contains("总体目标"), "{err}");
    act(&t, |ctx| targets::save_draft(ctx, &empty.id, &draft())).expect("save");
    act(&t, |ctx| targets::submit_target(ctx, &empty.id)).expect("submit");
    let err = act(&t, |ctx| targets::save_draft(ctx, &empty.id, &draft())).expect_err("locked");
    assert!(err.to_string().contains("审核期间不能修改"), "{err}");
    let err =
        act(&t, |ctx| targets::create_project_target(ctx, &p.id)).expect_err("one per project");
    assert!(matches!(err, Error::Conflict(_)));
}

#[test]
fn an_a_tier_target_needs_a_second_account_with_its_own_password() {
    let t = temp_db();
    let pw = "Jixiao2026";
    let u9 = add_unit(&t.db, "U9", "县某单位", UnitKind::BudgetUnit, None);
    for (login, name, role) in [
        ("zhangsan", "张三", Role::PerfMgmt),
        ("lisi", "李四", Role::BizDept),
        ("wangwu", "王五", Role::UnitFiller),
    ] {
        t.db.write(&admin(), |ctx| {
            access::accounts::create(
                ctx,
                &access::AccountInput {
                    login: login.into(),
                    name: name.into(),
                    dept: "绩效股".into(),
                    roles: vec![role],
                    unit: (role == Role::UnitFiller).then(|| u9.id.clone()),
                },
                pw,
            )
        })
        .expect("account");
    }
    let (me, _) = access::login::login(&t.db, "zhangsan", pw).expect("login");
    let p = project(&t, "PA", Some(ProjectGrade::A));
    let target = with_target(&t, &p);
    act(&t, |ctx| targets::submit_target(ctx, &target.id)).expect("submit");
    let attempt = |login: &str, password: &str| {
        targets::approve(
            &t.db,
            &me,
            &target.id,
            &ApproveInput {
                reduction_wan: String::new(),
                second_login: login.into(),
                second_password: password.into(),
            },
        )
    };
    // Alone, as one's own reviewer, with a wrong password, an unknown login, or a reviewer
    // without a reviewing role: refused, the target stays 一上.
    for (login, password) in [
        ("", ""),
        ("zhangsan", pw),
        ("lisi", "wrong-pass1"),
        ("nobody", pw),
        ("wangwu", pw),
    ] {
        let err = attempt(login, password).expect_err("needs a second account");
        assert!(err.to_string().contains("复核人"), "{login}: {err}");
        assert_eq!(get(&t, &target.id).status, TargetStatus::FirstUp);
    }
    let ok = attempt("lisi", pw).expect("approved by two accounts");
    assert_eq!(ok.first_approved_by.as_deref(), Some("张三"));
    assert_eq!(ok.approved_by.as_deref(), Some("李四"));
    let lisi =
        t.db.read(|c| access::accounts::find_by_login(c, "lisi"))
            .expect("read")
            .expect("lisi");
    let stored: (Option<String>, Option<String>) =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT first_approved_account, approved_account FROM perf_target WHERE id = ?1",
                [&target.id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("ids");
    assert_eq!(stored, (me.id.clone(), Some(lisi.id)));
}

#[test]
fn an_exante_not_support_blocks_approval_and_batch_approval_skips_it() {
    let t = temp_db();
    let blocked = project(&t, "P1", None);
    let fine = project(&t, "P2", None);
    for p in [&blocked, &fine] {
        let target = with_target(&t, p);
        act(&t, |ctx| targets::submit_target(ctx, &target.id)).expect("submit");
    }
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "INSERT INTO exante_assessment (id, project_id, assessor_type, scores_json, rule_version,
                total_cp, conclusion, declared_fen, approved_fen, assessed_on, created_at, updated_at)
             VALUES ('x1', ?1, '财政', '{}', 0, 6500, '不予支持', 32000000, 0, '2026-01-10', ?2, ?2)",
            params![blocked.id, ctx.now()],
        )?;
        Ok(())
    })
    .expect("assessment");
    let report = act(&t, |ctx| targets::approve_all(ctx, 2026, None, None)).expect("batch");
    assert_eq!(report.approved, 1);
    assert_eq!(report.skipped.len(), 1);
    assert!(report.skipped[0].contains("P1") && report.skipped[0].contains("不予支持"));
    let page =
        t.db.read(|c| {
            targets::list_targets(
                c,
                &TargetQuery {
                    year: 2026,
                    page: 1,
                    page_size: 20,
                    ..TargetQuery::default()
                },
            )
        })
        .expect("list");
    let states: Vec<(String, Option<TargetStatus>, Option<String>)> = page
        .rows
        .iter()
        .map(|r| (r.code.clone(), r.status, r.exante_conclusion.clone()))
        .collect();
    assert_eq!(
        states,
        vec![
            (
                "P1".into(),
                Some(TargetStatus::FirstUp),
                Some("不予支持".into())
            ),
            ("P2".into(), Some(TargetStatus::SecondDown), None),
        ]
    );
}

#[test]
fn adjusting_an_approved_target_adds_a_version_and_keeps_the_old_one() {
    let t = temp_db();
    let p = project(&t, "P1", None);
    let v1 = with_target(&t, &p);
    act(&t, |ctx| targets::submit_target(ctx, &v1.id)).expect("submit");
    act(&t, |ctx| targets::approve_target(ctx, &v1.id, "", None)).expect("approve");
    let err = act(&t, |ctx| targets::start_adjustment(ctx, &v1.id, " ")).expect_err("reason");
    assert!(err.to_string().contains("调整原因"));
    let v2 = act(&t, |ctx| {
        targets::start_adjustment(ctx, &v1.id, "年中追加资金50万元")
    })
    .expect("adjust");
    assert_eq!((v2.version, v2.status), (2, TargetStatus::Draft));
    assert_eq!(v2.indicators.len(), 4);
    assert_ne!(v2.indicators[0].id, v1.indicators[0].id);
    let old = get(&t, &v1.id);
    assert_eq!(
        (old.status, old.is_current),
        (TargetStatus::SecondDown, false)
    );
    let history =
        t.db.read(|c| targets::target_versions(c, &v1.id))
            .expect("versions");
    let versions: Vec<(i64, bool)> = history.iter().map(|v| (v.version, v.is_current)).collect();
    assert_eq!(versions, vec![(2, true), (1, false)]);
    let current =
        t.db.read(|c| targets::target_of_project(c, &p.id))
            .expect("current")
            .expect("some");
    assert_eq!(current.id, v2.id);
}

#[test]
fn not_public_needs_a_reason() {
    let t = temp_db();
    let p = project(&t, "P1", None);
    let target = with_target(&t, &p);
    let err = act(&t, |ctx| targets::set_public(ctx, &target.id, false, "")).expect_err("reason");
    assert!(err.to_string().contains("不公开理由"));
    let hidden = act(&t, |ctx| {
        targets::set_public(ctx, &target.id, false, "涉密")
    })
    .expect("ok");
    assert!(!hidden.is_public);
    assert_eq!(hidden.not_public_reason, "涉密");
}

/// Saves a target of `n` rows, `quantitative` of them quantitative, spread over the 9 二级.
fn filled(t: &TempDb, actor: &Actor, p: &Project, n: usize, quantitative: usize) {
    let indicators = (0..n)
        .map(|k| {
            let level2 = Level2::ALL[k % Level2::ALL.len()];
            if k < quantitative {
                row(level2, &format!("指标{k}"), Nature::AtLeast, "1", "个")
            } else {
                row(
                    level2,
                    &format!("指标{k}"),
                    Nature::Qualitative,
                    "明显提升",
                    "",
                )
            }
        })
        .collect();
    t.db.write(actor, |ctx| {
        let target = targets::create_project_target(ctx, &p.id)?;
        targets::save_draft(
            ctx,
            &target.id,
            &TargetDraft {
                overall_goal: "目标".into(),
                indicators,
            },
        )
    })
    .expect("filled");
}

#[test]
fn stats_reproduce_1176_quantitative_of_1405_as_8370_bp() {
    let t = temp_db();
    let a = add_unit(&t.db, "A", "县教育局", UnitKind::BudgetUnit, None);
    let b = add_unit(&t.db, "B", "县文旅局", UnitKind::BudgetUnit, None);
    let mk = |unit: &str, code: String| {
        t.db.write(&actor(), |ctx| {
            projects::create_project(ctx, &project_input(2026, &code, unit, "100"))
        })
        .expect("project")
    };
    // Unit A: 10 targets × 100 rows, 90 quantitative each (90%).
    for k in 0..10 {
        filled(&t, &actor(), &mk(&a.id, format!("A{k}")), 100, 90);
    }
    // Unit B: 5 targets × 81 rows, 276 quantitative in all (68.15% — below the 70% floor).
    for (k, q) in [56, 55, 55, 55, 55].iter().enumerate() {
        filled(&t, &actor(), &mk(&b.id, format!("B{k}")), 81, *q);
    }
    // One target returned with two comments, one of them resolved since.
    let first =
        t.db.read(|c| {
            targets::list_targets(
                c,
                &TargetQuery {
                    year: 2026,
                    ..TargetQuery::default()
                },
            )
        })
        .expect("list")
        .rows[0]
            .target_id
            .clone()
            .expect("target");
    act(&t, |ctx| {
        targets::submit_target(ctx, &first)?;
        let returned = targets::return_target(
            ctx,
            &first,
            &[
                CommentInput {
                    indicator_id: None,
                    category: CommentCategory::Relevance,
                    text: "请补充效益指标".into(),
                },
                CommentInput {
                    indicator_id: None,
                    category: CommentCategory::Feasibility,
                    text: "时限不合理".into(),
                },
            ],
        )?;
        targets::resolve_comment(ctx, &returned.comments[0].id, true)
    })
    .expect("review");

    let s =
        t.db.read(|c| targets::target_stats(c, 2026))
            .expect("stats");
    let json = serde_json::to_value(&s).expect("json");
    assert_eq!(
        json,
        serde_json::json!({
            "targets": 15, "indicators_l2": 135, "indicators_l3": 1405,
            "quantitative_l3": 1176, "quantification_rate_bp": 8370,
            "units_below_floor": 1, "comments": 2, "comments_resolved": 1
        })
    );
    let overview =
        t.db.read(|c| targets::target_overview(c, 2026))
            .expect("overview");
    let units: Vec<(&str, i64, bool)> = overview
        .units
        .iter()
        .map(|u| (u.unit_code.as_str(), u.rate_bp, u.below_floor))
        .collect();
    assert_eq!(units, vec![("B", 6815, true), ("A", 9000, false)]);
    let by_status: Vec<(&str, i64)> = overview
        .project_status
        .iter()
        .map(|s| (s.status.as_str(), s.count))
        .collect();
    assert_eq!(
        by_status,
        vec![
            ("未编制", 0),
            ("编制", 14),
            ("一上", 0),
            ("一下", 1),
            ("二上", 0),
            ("二下", 0)
        ]
    );
}

#[test]
fn unit_targets_are_listed_per_unit_that_owns_projects() {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    add_unit(&t.db, "801", "某会计师事务所", UnitKind::ThirdParty, None);
    let target =
        act(&t, |ctx| targets::create_unit_target(ctx, 2026, &dept.id)).expect("unit target");
    assert_eq!(target.kind, TargetKind::Unit);
    let page =
        t.db.read(|c| {
            targets::list_targets(
                c,
                &TargetQuery {
                    year: 2026,
                    kind: Some(TargetKind::Unit),
                    ..TargetQuery::default()
                },
            )
        })
        .expect("list");
    assert_eq!(page.total, 1, "third parties have no 部门整体 target");
    assert_eq!(page.rows[0].status, Some(TargetStatus::Draft));
}
