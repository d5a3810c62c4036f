//! Authority (issue 13): every business write is refused, changing nothing, for a role without
//! the permission or outside its unit reach; a 单位/乡镇 PC refuses every 财政局 decision
//! whatever the account; five wrong passwords lock an account; a refusal is itself audited.

use crate::common::{admin, temp_db};
use jixiao_core::access::accounts::{self};
use jixiao_core::access::{self, login, Actor, Perm, Role};
use jixiao_core::db::{Db, WriteCtx};
use jixiao_core::monitoring::{self, RoundInput, RoundKind, SheetInput};
use jixiao_core::sync::{site, SiteInput, SiteKind};
use jixiao_core::{evaluation, exante, library, org, projects, results, rules, targets};
use jixiao_core::{Error, Result};

/// Records of the demo county the cases act on.
struct Ids {
    project: String,
    target: String,
    sheet: String,
    self_eval: String,
    rect: String,
    unit: String,
}

fn one(db: &Db, sql: &str) -> String {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get::<_, String>(0))?))
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn ids(db: &Db) -> Ids {
    Ids {
        project: one(
            db,
            "SELECT id FROM project WHERE fiscal_year = 2026 ORDER BY code LIMIT 1",
        ),
        target: one(
            db,
            "SELECT id FROM perf_target WHERE is_current = 1 ORDER BY id LIMIT 1",
        ),
        sheet: one(db, "SELECT id FROM monitor_task ORDER BY id LIMIT 1"),
        self_eval: one(db, "SELECT id FROM self_eval ORDER BY id LIMIT 1"),
        rect: one(db, "SELECT id FROM rectification ORDER BY id LIMIT 1"),
        unit: one(
            db,
            "SELECT id FROM org_unit WHERE kind = '乡镇' ORDER BY code LIMIT 1",
        ),
    }
}

type Action = fn(&WriteCtx, &Ids) -> Result<()>;

/// One representative write per permission. Arguments may be incomplete: the permission is
/// checked before anything else, so an allowed role gets a validation error, never `Forbidden`.
fn cases() -> Vec<(Perm, &'static str, Action)> {
    vec![
        (Perm::BaseData, "新增单位", |ctx, _| {
            org::create_unit(
                ctx,
                &crate::common::unit_input("Z1", "新单位", org::UnitKind::BudgetUnit, None),
            )
            .map(drop)
        }),
        (Perm::ProjectsEdit, "删除项目", |ctx, i| {
            projects::delete_project(ctx, &i.project)
        }),
        (Perm::RulesEdit, "保存规则", |ctx, _| {
            let r = rules::current(ctx)?.rules;
            rules::save(ctx, &r, "改规则").map(drop)
        }),
        (Perm::LibraryEdit, "新增指标分类", |ctx, _| {
            library::create_category(ctx, "新分类").map(drop)
        }),
        (Perm::ExanteAssess, "指定评估项目", |ctx, i| {
            exante::designate(ctx, &i.project, "理由")
        }),
        (Perm::TargetEdit, "提交目标", |ctx, i| {
            targets::submit_target(ctx, &i.target).map(drop)
        }),
        (Perm::TargetReview, "退回目标", |ctx, i| {
            targets::return_target(ctx, &i.target, &[]).map(drop)
        }),
        (Perm::MonitorRounds, "开启监控", |ctx, _| {
            monitoring::open_round(
                ctx,
                &RoundInput {
                    year: 2026,
                    cutoff_month: 13,
                    kind: RoundKind::SelfMonitoring,
                    due_date: String::new(),
                    note: String::new(),
                    unit_ids: vec![],
                },
            )
            .map(drop)
        }),
        (Perm::MonitorFill, "保存监控情况表", |ctx, i| {
            monitoring::save_sheet(ctx, &i.sheet, &SheetInput::default()).map(drop)
        }),
        (Perm::MonitorReview, "审核监控情况表", |ctx, i| {
            monitoring::approve_sheet(ctx, &i.sheet).map(drop)
        }),
        (Perm::SelfEvalStart, "发起自评", |ctx, _| {
            evaluation::self_eval::start_self_eval(ctx, 2025).map(drop)
        }),
        (Perm::SelfEvalFill, "提交自评", |ctx, i| {
            evaluation::self_eval::submit_self_eval(ctx, &i.self_eval).map(drop)
        }),
        (Perm::SelfEvalReview, "退回自评", |ctx, i| {
            evaluation::self_eval::return_self_eval(ctx, &i.self_eval, "").map(drop)
        }),
        (Perm::SpotCheck, "抽查", |ctx, _| {
            evaluation::spot::draw_spot_check(
                ctx,
                &evaluation::spot::DrawInput {
                    year: 2025,
                    ..Default::default()
                },
            )
            .map(drop)
        }),
        (Perm::Documents, "作废文号", |ctx, _| {
            results::register::void_number(ctx, "无此文号", "").map(drop)
        }),
        (Perm::RectFeedback, "反馈整改", |ctx, i| {
            results::rectification::report(ctx, &i.rect, "").map(drop)
        }),
        (Perm::RectManage, "整改销号", |ctx, i| {
            results::rectification::close(ctx, &i.rect).map(drop)
        }),
        (Perm::Linkage, "生成挂钩建议", |ctx, _| {
            results::linkage::propose_linkages(ctx, 2025).map(drop)
        }),
        (Perm::AccountsManage, "新增账号", |ctx, _| {
            accounts::create(
                ctx,
                &access::AccountInput {
                    login: "x".into(),
                    name: String::new(),
                    dept: String::new(),
                    roles: vec![Role::ReadOnly],
                    unit: None,
                },
                "",
            )
            .map(drop)
        }),
        (Perm::SystemMaintain, "设置本机身份", |ctx, _| {
            site::set(
                ctx,
                &SiteInput {
                    name: String::new(),
                    kind: SiteKind::财政局,
                    unit: None,
                },
            )
            .map(drop)
        }),
    ]
}

/// Everything a write could have touched: every synced row's version, accounts, settings.
fn fingerprint(db: &Db) -> (i64, i64, i64, i64) {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT (SELECT COUNT(*) FROM sync_row), (SELECT COALESCE(MAX(seq), 0) FROM sync_row),
                    (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM local_setting)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?)
    })
    .expect("fingerprint")
}

fn refusals(db: &Db) -> i64 {
    db.read(|c| {
        Ok(c.query_row(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'refuse'",
            [],
            |r| r.get(0),
        )?)
    })
    .expect("refusals")
}

fn as_role(role: Role, unit: Option<&str>) -> Actor {
    Actor::account(
        &format!("acct-{}", role.label()),
        "tester",
        "测试员",
        "测试",
        vec![role],
        unit.map(str::to_string),
    )
}

/// Runs `action` as `actor`; if refused, asserts nothing changed and the refusal was audited.
fn run(db: &Db, actor: &Actor, ids: &Ids, action: Action) -> std::result::Result<(), String> {
    let (before, refused_before) = (fingerprint(db), refusals(db));
    match db.write(actor, |ctx| action(ctx, ids)) {
        Err(Error::Forbidden(why)) => {
            assert_eq!(fingerprint(db), before, "a refusal changed data: {why}");
            assert_eq!(
                refusals(db),
                refused_before + 1,
                "refusal not audited: {why}"
            );
            Err(why)
        }
        _ => Ok(()),
    }
}

fn demo_county() -> (crate::common::TempDb, Ids) {
    let t = crate::common::demo_county();
    let i = ids(&t.db);
    (t, i)
}

#[test]
fn every_write_outside_a_roles_permissions_is_refused_audited_and_changes_nothing() {
    let (t, ids) = demo_county();
    for (perm, what, action) in cases() {
        for role in Role::ALL.iter().copied() {
            // A 单位填报 account acting on its own unit's record: only the permission decides.
            let unit = ids_unit_of(&t.db, perm, &ids);
            let scope =
                (role == Role::UnitFiller).then(|| unit.clone().unwrap_or(ids.unit.clone()));
            let actor = as_role(role, scope.as_deref());
            let result = run(&t.db, &actor, &ids, action);
            assert_eq!(
                result.is_ok(),
                role.perms().contains(&perm),
                "{} × {what}（{}）: {result:?}",
                role.label(),
                perm.label()
            );
        }
    }
}

/// The unit that owns the record a unit-scoped case acts on.
fn ids_unit_of(db: &Db, perm: Perm, ids: &Ids) -> Option<String> {
    let (table, id) = match perm {
        Perm::TargetEdit | Perm::TargetReview => ("perf_target", &ids.target),
        Perm::MonitorFill | Perm::MonitorReview => ("monitor_task", &ids.sheet),
        Perm::SelfEvalFill | Perm::SelfEvalReview => ("self_eval", &ids.self_eval),
        Perm::RectFeedback => ("rectification", &ids.rect),
        _ => return None,
    };
    Some(one(
        db,
        &format!("SELECT unit_id FROM {table} WHERE id = '{id}'"),
    ))
}

#[test]
fn a_unit_filler_is_refused_on_another_units_forms_and_allowed_on_its_own() {
    let (t, ids) = demo_county();
    for (perm, what, action) in cases() {
        let Some(owner) = ids_unit_of(&t.db, perm, &ids) else {
            continue;
        };
        if !Role::UnitFiller.perms().contains(&perm) {
            continue;
        }
        let other = one(
            &t.db,
            &format!("SELECT id FROM org_unit WHERE id <> '{owner}' AND kind = '乡镇' ORDER BY code LIMIT 1"),
        );
        let err = run(
            &t.db,
            &as_role(Role::UnitFiller, Some(&other)),
            &ids,
            action,
        )
        .expect_err(what);
        assert!(err.contains("办理范围"), "{what}: {err}");
        run(
            &t.db,
            &as_role(Role::UnitFiller, Some(&owner)),
            &ids,
            action,
        )
        .unwrap_or_else(|e| panic!("{what} on its own unit: {e}"));
    }
}

#[test]
fn a_township_pc_refuses_every_bureau_decision_whatever_the_account() {
    let (t, ids) = demo_county();
    let town_code = one(
        &t.db,
        &format!("SELECT code FROM org_unit WHERE id = '{}'", ids.unit),
    );
    super::common::as_township(&t.db, "河口镇", &town_code);
    let chief = as_role(Role::PerfMgmt, None);
    let mut decisions = 0;
    for (perm, what, action) in cases() {
        if !perm.is_bureau_decision() {
            continue;
        }
        decisions += 1;
        let err = run(&t.db, &chief, &ids, action).expect_err(what);
        assert!(err.contains("财政局的决定"), "{what}: {err}");
    }
    assert!(decisions >= 12, "{decisions}");
    // Nor can the township PC make itself the bureau again.
    let err =
        t.db.write(&admin(), |ctx| {
            site::set(
                ctx,
                &SiteInput {
                    name: "财政局".into(),
                    kind: SiteKind::财政局,
                    unit: None,
                },
            )
        })
        .expect_err("no switch back");
    assert!(matches!(err, Error::Forbidden(_)), "{err}");
    // What the township may do — its own forms — still works.
    let own_sheet =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT id FROM monitor_task WHERE unit_id = ?1 LIMIT 1",
                [&ids.unit],
                |r| r.get::<_, String>(0),
            )
            .ok())
        })
        .expect("read");
    if let Some(sheet) = own_sheet {
        let filler = as_role(Role::UnitFiller, Some(&ids.unit));
        let r = t.db.write(&filler, |ctx| {
            monitoring::save_sheet(ctx, &sheet, &SheetInput::default()).map(drop)
        });
        assert!(!matches!(r, Err(Error::Forbidden(_))), "{r:?}");
    }
}

fn add_account(db: &Db, login: &str, role: Role, password: &str) -> accounts::Account {
    db.write(&admin(), |ctx| {
        accounts::create(
            ctx,
            &access::AccountInput {
                login: login.into(),
                name: "王五".into(),
                dept: "绩效股".into(),
                roles: vec![role],
                unit: None,
            },
            password,
        )
    })
    .expect("account")
}

#[test]
fn five_wrong_passwords_lock_the_account_and_the_right_one_then_waits() {
    let t = temp_db();
    add_account(&t.db, "wangwu", Role::PerfMgmt, "Right2026");
    for n in 1..=4 {
        let err = login::login(&t.db, "wangwu", "Wrong2026").expect_err("wrong");
        assert!(
            err.to_string().contains(&format!("再错 {} 次", 5 - n)),
            "{err}"
        );
    }
    let err = login::login(&t.db, "wangwu", "Wrong2026").expect_err("5th");
    assert!(err.to_string().contains("锁定 15 分钟"), "{err}");
    let err = login::login(&t.db, "wangwu", "Right2026").expect_err("locked");
    assert!(err.to_string().contains("已锁定"), "{err}");
    let audited: Vec<String> =
        t.db.read(|c| {
            let mut st =
                c.prepare("SELECT action FROM audit_log WHERE entity = 'account' ORDER BY rowid")?;
            let rows = st
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
        .expect("audit");
    assert_eq!(audited.iter().filter(|a| *a == "login_failed").count(), 6);
    assert_eq!(audited.iter().filter(|a| *a == "lockout").count(), 1);
    // No password is ever in the audit trail or stored in clear.
    let leaked: i64 = t
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT (SELECT COUNT(*) FROM audit_log WHERE summary || COALESCE(after_json, '') LIKE '%Right2026%')
                      + (SELECT COUNT(*) FROM account WHERE password_hash LIKE '%Right2026%')",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("leak");
    assert_eq!(leaked, 0);
}

#[test]
fn an_unlocked_account_logs_in_and_a_disabled_one_cannot() {
    let t = temp_db();
    let a = add_account(&t.db, "zhaoliu", Role::BizDept, "Right2026");
    let (actor, _) = login::login(&t.db, "zhaoliu", "Right2026").expect("login");
    assert_eq!(actor.roles, vec![Role::BizDept]);
    assert_eq!(actor.id.as_deref(), Some(a.id.as_str()));
    t.db.write(&admin(), |ctx| accounts::set_enabled(ctx, &a.id, false))
        .expect("disable");
    let err = login::login(&t.db, "zhaoliu", "Right2026").expect_err("disabled");
    assert!(err.to_string().contains("停用"), "{err}");
}

#[test]
fn passwords_need_eight_characters_with_letters_and_digits_and_roles_stay_apart() {
    let t = temp_db();
    for bad in ["short1", "abcdefgh", "12345678"] {
        let err =
            t.db.write(&admin(), |ctx| {
                accounts::create(
                    ctx,
                    &access::AccountInput {
                        login: "p".into(),
                        name: "某".into(),
                        dept: String::new(),
                        roles: vec![Role::ReadOnly],
                        unit: None,
                    },
                    bad,
                )
            })
            .expect_err(bad);
        assert!(err.to_string().contains("至少 8 位"), "{err}");
    }
    let err =
        t.db.write(&admin(), |ctx| {
            accounts::create(
                ctx,
                &access::AccountInput {
                    login: "p".into(),
                    name: "某".into(),
                    dept: String::new(),
                    roles: vec![Role::SysAdmin, Role::PerfMgmt],
                    unit: None,
                },
                "Good2026x",
            )
        })
        .expect_err("三员分立");
    assert!(err.to_string().contains("三员分立"), "{err}");
}

#[test]
fn first_start_creates_the_administrator_once_with_a_recovery_code_that_works_once() {
    let t = temp_db();
    let created =
        login::setup_admin(&t.db, "admin", "管理员", "信息股", "Admin2026").expect("admin");
    assert_eq!(created.account.roles, vec![Role::SysAdmin]);
    assert!(login::setup_admin(&t.db, "admin2", "另一人", "", "Admin2026").is_err());
    let again = login::recover_admin(&t.db, "admin", &created.recovery_code, "New2026pass")
        .expect("recover");
    assert_ne!(again.recovery_code, created.recovery_code);
    login::login(&t.db, "admin", "New2026pass").expect("new password");
    assert!(login::recover_admin(&t.db, "admin", &created.recovery_code, "Other2026").is_err());
}

/// A newcomer's new write function cannot forget the check: every `pub fn` of core that takes a
/// `&WriteCtx` asks `ctx.require*` (or calls one that does), except the listed internal steps.
#[test]
fn every_public_core_write_function_checks_a_permission() {
    // Steps that are only called from checked functions or by the program itself.
    const INTERNAL: &[&str] = &[
        "demo/",
        "key_demo/",
        "/demo.rs",
        "rect_demo.rs",            // the demo county (program actor)
        "doc_demo.rs",             // the demo's issued letters (program actor)
        "fn install_starter(",     // the shipped 指标库 at first start (program actor)
        "fn ensure_year(",         // an idempotent year row under checked writes
        "fn rectifications_from(", // dispatcher to the checked generators
        "fn demo_accounts(",
        "fn insert(",
    ];
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut missing = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&root).expect("rel").display().to_string();
            if INTERNAL.iter().any(|p| rel.contains(p)) || rel.starts_with("access/") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("read");
            for (i, chunk) in text.split("\npub fn ").enumerate().skip(1) {
                let sig_end = chunk.find('{').unwrap_or(chunk.len());
                let (sig, body) = chunk.split_at(sig_end);
                if !sig.contains("&WriteCtx") {
                    continue;
                }
                let name = sig.split('(').next().unwrap_or_default();
                if INTERNAL.iter().any(|p| *p == format!("fn {name}(")) {
                    continue;
                }
                let head: String = body.lines().take(12).collect::<Vec<_>>().join("\n");
                if !head.contains(".require") {
                    missing.push(format!("{rel}: {name} (#{i})"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "write functions without a permission check:\n{}",
        missing.join("\n")
    );
}
