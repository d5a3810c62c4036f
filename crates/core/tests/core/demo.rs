//! The demo county 示例县: deterministic by seed, consistent with the database, refused on a
//! database that already has units, fully audited.

use super::common::{actor, temp_db};
use jixiao_core::db::Db;
use jixiao_core::demo::{self, DemoSummary, DEFAULT_SEED};
use jixiao_core::exante::{self, ExAnteConclusion, ExAnteQuery, RequiredReason};
use jixiao_core::money::Fen;
use jixiao_core::org::{self, create_unit, OrgUnit, UnitInput, UnitKind};
use jixiao_core::projects::{
    self, validate_project, BudgetType, NewOrContinuing, Project, ProjectInput, ProjectQuery,
};
use jixiao_core::{Error, ErrorCode};
use std::collections::{BTreeSet, HashMap};

fn load(seed: u64) -> (super::common::TempDb, DemoSummary) {
    let t = temp_db();
    let s = demo::generate(&t.db, &actor(), seed).expect("demo loads");
    (t, s)
}

fn units(db: &Db) -> Vec<OrgUnit> {
    db.read(org::list_units).expect("units")
}

fn all_projects(db: &Db) -> Vec<Project> {
    let q = ProjectQuery {
        page: 0,
        ..Default::default()
    };
    db.read(|c| projects::list_projects(c, &q))
        .expect("projects")
        .rows
}

fn count(db: &Db, sql: &str) -> i64 {
    db.read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
        .expect("count")
}

/// Everything but ids and timestamps, with parents and 主管科室 as codes/names.
fn fingerprint(db: &Db) -> (Vec<String>, Vec<String>) {
    let us = units(db);
    let code_of: HashMap<&str, &str> = us
        .iter()
        .map(|u| (u.id.as_str(), u.code.as_str()))
        .collect();
    let unit_rows = us
        .iter()
        .map(|u| {
            let parent = u.parent_id.as_deref().and_then(|p| code_of.get(p)).copied();
            format!(
                "{}|{}|{}|{:?}|{}|{}",
                u.code,
                u.name,
                u.kind.label(),
                parent,
                u.contact,
                u.phone
            )
        })
        .collect();
    let project_rows = all_projects(db)
        .iter()
        .map(|p| {
            format!(
                "{}|{}|{}|{}|{}|{}|{}|{}-{}|{}|{}|{}|{}|{:?}|{:?}",
                p.fiscal_year,
                p.code,
                p.name,
                p.unit_code,
                p.budget_type.label(),
                p.category.label(),
                p.new_or_continuing.label(),
                p.period_start,
                p.period_end,
                p.initial_budget.0,
                p.adjusted_budget.0,
                p.fund_source,
                p.is_special_bond,
                p.grade,
                p.managing_dept_name
            )
        })
        .collect();
    (unit_rows, project_rows)
}

#[test]
fn the_same_seed_gives_the_same_county_and_another_seed_a_different_one() {
    let (a, sa) = load(DEFAULT_SEED);
    let (b, sb) = load(DEFAULT_SEED);
    let (c, _) = load(7);
    let (fa, fb, fc) = (fingerprint(&a.db), fingerprint(&b.db), fingerprint(&c.db));
    assert_eq!(fa.0, fb.0, "unit lists differ for the same seed");
    assert_eq!(fa.1, fb.1, "project lists differ for the same seed");
    assert_eq!(sa.total_adjusted, sb.total_adjusted);
    assert_ne!(fa.1, fc.1, "another seed must give other projects");
    // The ids are fresh UUIDs, not part of what the seed decides.
    assert_ne!(units(&a.db)[0].id, units(&b.db)[0].id);
}

#[test]
fn the_summary_matches_the_database_and_the_county_has_the_promised_shape() {
    let (t, s) = load(DEFAULT_SEED);
    let us = units(&t.db);
    let page =
        t.db.read(|c| {
            projects::list_projects(
                c,
                &ProjectQuery {
                    page: 0,
                    ..Default::default()
                },
            )
        })
        .expect("projects");
    let ps = &page.rows;
    let kind_count = |k: UnitKind| us.iter().filter(|u| u.kind == k).count() as u32;

    assert_eq!(s.seed, DEFAULT_SEED);
    assert_eq!(s.units as usize, us.len());
    assert_eq!(s.projects as usize, ps.len());
    assert_eq!(s.projects, page.total);
    assert_eq!(s.total_adjusted, page.total_adjusted);
    assert_eq!(
        s.total_adjusted,
        ps.iter().map(|p| p.adjusted_budget).sum::<Fen>()
    );
    assert_eq!(s.townships, kind_count(UnitKind::Township));
    assert_eq!(s.third_parties, kind_count(UnitKind::ThirdParty));
    assert_eq!(s.years, vec![2025, 2026]);
    assert_eq!(t.db.read(org::list_years).expect("years"), vec![2025, 2026]);

    assert_eq!(s.townships, 18);
    assert!((3..=4).contains(&s.third_parties), "{}", s.third_parties);
    assert!((90..=110).contains(&us.len()), "{} units", us.len());
    assert!((40..=50).contains(&kind_count(UnitKind::BudgetUnit)));
    assert!((450..=550).contains(&ps.len()), "{} projects", ps.len());
    for year in [2025, 2026] {
        let n = ps.iter().filter(|p| p.fiscal_year == year).count();
        assert!((200..=300).contains(&n), "{n} projects in {year}");
    }
    for b in BudgetType::ALL {
        assert!(
            ps.iter().any(|p| p.budget_type == *b),
            "no {} project",
            b.label()
        );
    }

    // Owners and 主管科室 are the right kinds of unit; 预算单位 hang under 主管部门.
    let by_id: HashMap<&str, &OrgUnit> = us.iter().map(|u| (u.id.as_str(), u)).collect();
    for p in ps {
        let owner = by_id[p.unit_id.as_str()];
        assert!(
            owner.kind.owns_projects(),
            "{} owned by {}",
            p.name,
            owner.name
        );
        let section = p.managing_dept_id.as_deref().map(|id| by_id[id].kind);
        assert_eq!(section, Some(UnitKind::FinanceSection), "{}", p.name);
    }
    for u in &us {
        let parent_kind = u.parent_id.as_deref().map(|id| by_id[id].kind);
        let expected = match u.kind {
            UnitKind::BudgetUnit => Some(UnitKind::Department),
            UnitKind::FinanceSection if u.name != "示例县财政局" => {
                Some(UnitKind::FinanceSection)
            }
            _ => None,
        };
        assert_eq!(parent_kind, expected, "parent of {}", u.name);
        assert!(!u.contact.is_empty() && !u.phone.is_empty(), "{}", u.name);
    }

    // Every project still passes the form's validation.
    t.db.read(|c| {
        for p in ps {
            let input = ProjectInput {
                fiscal_year: p.fiscal_year,
                code: p.code.clone(),
                name: p.name.clone(),
                unit_id: p.unit_id.clone(),
                budget_type: p.budget_type,
                category: p.category,
                new_or_continuing: p.new_or_continuing,
                period_start: p.period_start,
                period_end: p.period_end,
                initial_budget_wan: p.initial_budget.wan_exact(),
                adjusted_budget_wan: p.adjusted_budget.wan_exact(),
                fund_source: p.fund_source.clone(),
                is_special_bond: p.is_special_bond,
                grade: p.grade,
                managing_dept_id: p.managing_dept_id.clone(),
            };
            validate_project(c, &input, Some(&p.id))?;
        }
        Ok(())
    })
    .expect("every demo project is valid");
}

#[test]
fn demo_projects_are_internally_consistent_across_the_two_years() {
    let (t, _) = load(DEFAULT_SEED);
    let ps = all_projects(&t.db);
    let y2025: HashMap<&str, &Project> = ps
        .iter()
        .filter(|p| p.fiscal_year == 2025)
        .map(|p| (p.code.as_str(), p))
        .collect();
    let mut continued = 0;
    for p in &ps {
        // 新增 exactly when the 实施期 starts in the budget year.
        assert_eq!(
            p.new_or_continuing == NewOrContinuing::New,
            p.period_start == p.fiscal_year,
            "{} {}",
            p.fiscal_year,
            p.name
        );
        let (lo, hi) = (Fen::from_wan(4), Fen::from_wan(5_750));
        assert!(p.initial_budget >= Fen::from_wan(5) && p.initial_budget <= Fen::from_wan(5_000));
        assert!(
            p.adjusted_budget >= lo && p.adjusted_budget <= hi,
            "{}",
            p.name
        );
        // Amounts are whole hundredths of 万元.
        assert_eq!(p.initial_budget.0 % 10_000, 0);
        assert_eq!(p.adjusted_budget.0 % 10_000, 0);
        let diff = (p.adjusted_budget.0 - p.initial_budget.0).abs();
        assert!(
            diff * 100 <= p.initial_budget.0 * 15,
            "{} adjusted by >15%",
            p.name
        );
        if p.is_special_bond {
            assert_eq!(p.budget_type, BudgetType::GovFund);
            assert_eq!(p.fund_source, "专项债券");
        }
        if p.fiscal_year == 2026 && p.period_start < 2026 {
            // A 2026 延续 project is the 2025 one carried on.
            let prev = y2025
                .get(p.code.as_str())
                .unwrap_or_else(|| panic!("2026 延续 {} {} has no 2025 row", p.code, p.name));
            assert_eq!(
                (&prev.name, &prev.unit_id, prev.budget_type, prev.period_end),
                (&p.name, &p.unit_id, p.budget_type, p.period_end)
            );
            continued += 1;
        }
    }
    let runs_on = y2025.values().filter(|p| p.period_end >= 2026).count();
    assert_eq!(
        continued, runs_on,
        "every 2025 project whose 实施期 runs on continues"
    );
    assert!(continued >= 100, "only {continued} continuing projects");
    let big_new_2026 = ps
        .iter()
        .filter(|p| {
            p.fiscal_year == 2026
                && p.new_or_continuing == NewOrContinuing::New
                && p.adjusted_budget >= Fen::from_wan(300)
        })
        .count();
    assert!(
        big_new_2026 >= 5,
        "only {big_new_2026} new 2026 projects ≥300万"
    );
    // No unit has two projects of the same name in one year.
    let names: BTreeSet<(i32, &str, &str)> = ps
        .iter()
        .map(|p| (p.fiscal_year, p.unit_id.as_str(), p.name.as_str()))
        .collect();
    assert_eq!(names.len(), ps.len());
}

#[test]
fn loading_into_a_database_that_already_has_units_is_refused_and_changes_nothing() {
    let t = temp_db();
    t.db.write(&actor(), |ctx| {
        create_unit(
            ctx,
            &UnitInput {
                code: "101".into(),
                name: "县教育局".into(),
                parent_id: None,
                kind: UnitKind::Department,
                contact: "李四".into(),
                phone: "0635-5123456".into(),
            },
        )
    })
    .expect("unit");
    let audit_before = count(&t.db, "SELECT COUNT(*) FROM audit_log");

    let err = demo::generate(&t.db, &actor(), DEFAULT_SEED).expect_err("must be refused");
    assert_eq!(err.code(), ErrorCode::Conflict);
    assert!(
        matches!(&err, Error::Conflict(m) if m == "当前数据库已有单位数据，示例数据只能载入空白数据库")
    );

    assert_eq!(units(&t.db).len(), 1);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM project"), 0);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM fiscal_year"), 0);
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM audit_log"), audit_before);

    // A second load into a demo database is refused as well.
    let (d, s) = load(DEFAULT_SEED);
    assert!(demo::generate(&d.db, &actor(), 1).is_err());
    assert_eq!(units(&d.db).len(), s.units as usize);
    assert_eq!(all_projects(&d.db).len(), s.projects as usize);
}

#[test]
fn every_created_row_has_its_audit_log_entry() {
    let t = temp_db();
    let before = count(&t.db, "SELECT COUNT(*) FROM audit_log");
    let s = demo::generate(&t.db, &actor(), DEFAULT_SEED).expect("demo");
    let after = count(&t.db, "SELECT COUNT(*) FROM audit_log");
    // Targets are written through the review workflow (several audited steps each); each
    // assessment and designation is one audited row.
    let target_steps = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'perf_target'",
    );
    let exante = count(
        &t.db,
        "SELECT (SELECT COUNT(*) FROM exante_assessment) + (SELECT COUNT(*) FROM exante_designation)",
    );
    // 运行监控: rounds (open/close), sheet steps, actions, and the project budgets they cut.
    let monitoring = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('monitor_round','monitor_task','monitor_action')
            OR (entity = 'project' AND action = 'update')",
    );
    // 绩效评价: self-evaluation starts, saves and submits, the spot-check draw and its reviews.
    let evaluation = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('self_eval','spot_check_draw','spot_check')",
    );
    assert!(
        evaluation > count(&t.db, "SELECT COUNT(*) FROM self_eval"),
        "every form is saved and most are submitted"
    );
    // 结果应用: 整改 items (generation, edits, steps), 预算挂钩 suggestions, 公开 marks.
    let results = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('rectification','budget_linkage','disclosure')",
    );
    assert!(results > count(&t.db, "SELECT COUNT(*) FROM rectification"));
    // 重点评价 and 第三方机构: every step of the workflow and every registry change.
    let key = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('key_eval','key_eval_item',
            'key_eval_finding','agency','agency_relation','engagement','engagement_review')",
    );
    // 绩效管理工作考核: the closed year's two hand items (加分, 扣分) and its 定稿 (部门, 乡镇).
    let assess = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('assess_hand','assess_sheet')",
    );
    assert_eq!(assess, 2 + 2);
    // 文书: the 文书设置, each letter drafted and issued with its 文号.
    let documents = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('document','doc_number','local_setting')",
    );
    // 成本分析: one audited row per cost sheet and per adopted 成本定额标准.
    let cost = count(
        &t.db,
        "SELECT COUNT(*) FROM audit_log WHERE entity IN ('cost_item','cost_standard')",
    );
    assert_eq!(
        cost,
        count(
            &t.db,
            "SELECT (SELECT COUNT(*) FROM cost_item) + (SELECT COUNT(*) FROM cost_standard)"
        )
    );
    assert!(cost > 0, "the demo county has cost sheets");
    let actions = count(&t.db, "SELECT COUNT(*) FROM monitor_action");
    assert!(actions > 0, "the closed round has 暂缓拨付");
    // 政策: the register's policies and their 政策事前评估.
    let policies = count(
        &t.db,
        "SELECT (SELECT COUNT(*) FROM policy) + (SELECT COUNT(*) FROM policy_assessment)",
    );
    assert_eq!(policies, 3);
    assert_eq!(
        after - before,
        i64::from(s.units + s.projects)
            + 2
            + target_steps
            + exante
            + monitoring
            + evaluation
            + key
            + results
            + assess
            + documents
            + policies
            + cost
    );

    // The years are opened by whoever loads the demo; the county's rows by 王晓梅 of 绩效股.
    let created_by = |entity: &str, table: &str, who: &str| {
        let logged = count(
            &t.db,
            &format!(
                "SELECT COUNT(DISTINCT a.entity_id) FROM audit_log a JOIN {table} x ON x.id = a.entity_id
                 WHERE a.entity = '{entity}' AND a.action = 'create' AND a.operator_name = '{who}'"
            ),
        );
        let rows = count(&t.db, &format!("SELECT COUNT(*) FROM {table}"));
        (logged, rows)
    };
    let created = |entity: &str, table: &str| created_by(entity, table, "王晓梅");
    let (logged, rows) = created("org_unit", "org_unit");
    assert_eq!((logged, rows), (i64::from(s.units), i64::from(s.units)));
    let (logged, rows) = created("project", "project");
    assert_eq!(
        (logged, rows),
        (i64::from(s.projects), i64::from(s.projects))
    );
    let (logged, rows) = created("perf_target", "perf_target");
    assert_eq!((logged, rows), (i64::from(s.targets), i64::from(s.targets)));
    let (logged, rows) = created_by("fiscal_year", "fiscal_year", "张三");
    assert_eq!((logged, rows), (2, 2));
    let (logged, rows) = created("exante_assessment", "exante_assessment");
    assert_eq!(logged, rows);
    assert!(rows > 0);
}

#[test]
fn the_demo_has_ex_ante_assessments_in_the_10_6_2_proportion_with_a_tenth_missing() {
    let (t, _) = load(DEFAULT_SEED);
    for year in demo::YEARS {
        let page =
            t.db.read(|c| {
                exante::required_list(
                    c,
                    &ExAnteQuery {
                        year,
                        ..Default::default()
                    },
                )
            })
            .expect("list");
        let st = t.db.read(|c| exante::stats(c, year)).expect("stats");
        let n = page.counts;
        eprintln!("{year}: {n:?} {st:?}");
        assert!(n.required >= 15, "{year}: only {} required", n.required);
        assert_eq!(
            n.missing,
            (n.required + 5) / 10,
            "{year}: about a tenth missing"
        );
        assert_eq!(n.other_assessed, 0);
        assert_eq!(st.assessed, n.assessed);
        assert_eq!(
            st.support + st.support_after_revision + st.not_support,
            st.assessed
        );
        // 10 : 6 : 2 of the assessed, rounded.
        assert_eq!(st.support, (st.assessed * 10 + 9) / 18, "{year}");
        assert_eq!(
            st.support_after_revision,
            (st.assessed * 6 + 9) / 18,
            "{year}"
        );
        assert!(st.not_support >= 1);
        // 不予支持 approves nothing, so a few of them weigh heavily.
        assert!(
            (500..=4000).contains(&st.reduction_rate_bp),
            "{year}: 审减率 {} bp",
            st.reduction_rate_bp
        );
        let designated = page
            .rows
            .iter()
            .filter(|r| r.reason == RequiredReason::Designated)
            .count();
        assert_eq!(designated, 2, "{year}: two designated 延续 projects");
        for row in &page.rows {
            let Some(a) = &row.assessment else { continue };
            // Declared = the project's amount; what was approved follows the conclusion.
            assert_eq!(a.declared_fen, row.adjusted_budget, "{}", row.code);
            match a.conclusion {
                ExAnteConclusion::Support => {
                    assert!(a.total_cp >= 9000);
                    assert_eq!(a.approved_fen, a.declared_fen);
                }
                ExAnteConclusion::SupportAfterRevision => {
                    assert!((7000..9000).contains(&a.total_cp));
                    assert!(a.approved_fen.0 * 100 >= a.declared_fen.0 * 85);
                }
                ExAnteConclusion::NotSupport => {
                    assert!(a.total_cp < 7000);
                    assert_eq!(a.approved_fen, Fen(0));
                }
            }
            assert!(
                a.assessed_on.starts_with(&(year - 1).to_string()),
                "{}",
                a.assessed_on
            );
        }
    }
    // 不予支持 shows on the project.
    let blocked = all_projects(&t.db)
        .iter()
        .filter(|p| p.exante_conclusion == Some(ExAnteConclusion::NotSupport))
        .count();
    assert!(blocked >= 2);
}

/// The demo as the app and the CLI load it: the shipped 指标库 first, then the county.
fn load_with_library() -> super::common::TempDb {
    let t = temp_db();
    t.db.write(&actor(), |ctx| {
        jixiao_core::library::install_starter(ctx)?;
        demo::generate_in(ctx, DEFAULT_SEED)
    })
    .expect("demo loads");
    t
}

fn rows(db: &Db, sql: &str) -> Vec<Vec<String>> {
    db.read(|c| {
        let mut st = c.prepare(sql)?;
        let n = st.column_count();
        let out = st
            .query_map([], |r| {
                (0..n)
                    .map(|i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default))
                    .collect::<rusqlite::Result<Vec<String>>>()
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(out)
    })
    .expect(sql)
}

#[test]
fn every_demo_target_takes_its_indicators_from_the_library_category_of_its_project() {
    let t = load_with_library();
    // Every indicator of a project's 绩效目标: the project, the indicator and the library
    // category the indicator row came from.
    let indicators = rows(
        &t.db,
        "SELECT p.id, p.name, i.name, c.name
           FROM target_indicator i JOIN perf_target g ON g.id = i.target_id
           JOIN project p ON p.id = g.project_id
           LEFT JOIN library_indicator l ON l.id = i.library_id
           LEFT JOIN indicator_category c ON c.id = l.category_id
          WHERE i.deleted_at IS NULL AND g.deleted_at IS NULL",
    );
    assert!(indicators.len() > 2000, "{}", indicators.len());
    let mut wanted: HashMap<String, &'static str> = HashMap::new();
    for r in &indicators {
        let category = *wanted.entry(r[0].clone()).or_insert_with(|| {
            t.db.read(|c| demo::library_category_of_project(c, &r[0]))
                .expect("category")
        });
        assert_eq!(
            r[3], category,
            "「{}」 on {} comes from 「{}」, not from 「{category}」",
            r[2], r[1], r[3]
        );
    }
    // What the clerk saw: a school's targets hold education indicators, none from farming or
    // forestry.
    let school: Vec<&Vec<String>> = indicators
        .iter()
        .filter(|r| r[1].contains("校舍") || r[1].contains("普通高中国家助学金"))
        .collect();
    assert!(!school.is_empty());
    for r in &school {
        assert_eq!(r[3], "教育", "{} has 「{}」", r[1], r[2]);
        for alien in ["造林成活率", "新增恢复灌溉面积", "产业项目补助标准"] {
            assert_ne!(r[2], alien, "{}", r[1]);
        }
    }
    // Every category is used, so the matching is not one category for all.
    let used: BTreeSet<&String> = indicators.iter().map(|r| &r[3]).collect();
    assert!(used.len() >= 14, "{used:?}");
}

#[test]
fn the_demo_issues_a_letter_for_each_finished_evaluation_and_one_of_each_other_kind() {
    let t = load_with_library();
    let docs = rows(
        &t.db,
        "SELECT doc_type, source_kind, status, org_code, CAST(doc_year AS TEXT),
                CAST(doc_seq AS TEXT), issued_by, CAST(length(pdf) AS TEXT)
           FROM document WHERE deleted_at IS NULL ORDER BY doc_type, doc_seq",
    );
    for d in &docs {
        assert_eq!(d[2], "已印发", "{d:?}");
        assert!(!d[3].is_empty() && !d[5].is_empty(), "a 文号: {d:?}");
        assert_eq!(d[6], "王晓梅", "{d:?}");
        assert!(d[7].parse::<i64>().unwrap_or(0) > 10_000, "a PDF: {d:?}");
    }
    let kinds: BTreeSet<(&str, &str)> = docs
        .iter()
        .map(|d| (d[0].as_str(), d[1].as_str()))
        .collect();
    for k in [
        ("反馈意见函", "key_eval"),
        ("反馈意见函", "spot_check"),
        ("整改通知书", "key_eval"),
        ("整改通知书", "monitor_task"),
        ("绩效管理意见书", "unit"),
        ("监控结果反馈书", "monitor_task"),
        ("事前评估意见", "project"),
    ] {
        assert!(kinds.contains(&k), "{k:?} in {kinds:?}");
    }
    // Every finished 2025 evaluation has its 反馈意见函.
    let finished = count(
        &t.db,
        "SELECT (SELECT COUNT(*) FROM key_eval WHERE fiscal_year = 2025 AND status = '定稿'
                   AND deleted_at IS NULL)
              + (SELECT COUNT(*) FROM spot_check s JOIN spot_check_draw d ON d.id = s.draw_id
                   WHERE d.fiscal_year = 2025 AND s.status = '已复核' AND s.deleted_at IS NULL)",
    );
    assert!(finished > 0);
    let letters = docs.iter().filter(|d| d[0] == "反馈意见函").count() as i64;
    assert_eq!(letters, finished);
    // The 文号 run 1, 2, 3 … within each 代字.
    let mut by_code: HashMap<&str, Vec<i64>> = HashMap::new();
    for d in &docs {
        by_code
            .entry(&d[3])
            .or_default()
            .push(d[5].parse().expect("seq"));
    }
    for (code, mut seqs) in by_code {
        seqs.sort_unstable();
        assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "{code}");
    }
    // Some 整改 are closed (销号).
    assert!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM rectification WHERE status = '销号'"
        ) > 0
    );
}

#[test]
fn the_demo_work_is_done_by_the_named_people_of_the_county() {
    let t = load_with_library();
    let by: BTreeSet<String> = rows(
        &t.db,
        "SELECT DISTINCT operator_name FROM audit_log WHERE entity IN
           ('org_unit', 'project', 'perf_target', 'monitor_task', 'self_eval', 'key_eval',
            'rectification', 'document')",
    )
    .into_iter()
    .map(|r| r[0].clone())
    .collect();
    assert!(by.contains("王晓梅") && by.contains("陈志刚"), "{by:?}");
    assert!(!by.contains(&actor().name), "{by:?}");
}
