//! 智能审核: every target-review rule has one target that must trigger it and one near miss that
//! must not; the rule pack is versioned in 规则设置 (switching a rule off silences it).

use super::common::{actor, add_unit, indicator_row as row, project_input, temp_db, TempDb};
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::library::{self, LibraryIndicatorInput};
use jixiao_core::org::UnitKind;
use jixiao_core::projects::{self, NewOrContinuing, ProjectCategory};
use jixiao_core::review::{self, Finding};
use jixiao_core::rules::{self, ReviewRuleCode as R, Severity};
use jixiao_core::targets::{self, IndicatorInput, TargetDraft};
use rusqlite::params;

pub(crate) struct P<'a> {
    pub year: i32,
    pub code: &'a str,
    pub name: &'a str,
    pub wan: &'a str,
    pub continuing: bool,
    pub operating: bool,
}

pub(crate) fn p(code: &str) -> P<'_> {
    P {
        year: 2026,
        code,
        name: "农村饮水安全巩固提升",
        wan: "100",
        continuing: false,
        operating: false,
    }
}

/// A complete, clean project target: 数量, 质量, 成本 (= budget), 效益, 满意度.
pub(crate) fn good_rows(wan: &str) -> Vec<IndicatorInput> {
    vec![
        row(Level2::Quantity, "受益人数", Nature::AtLeast, "2600", "人"),
        row(Level2::Quality, "水质达标率", Nature::AtLeast, "95", "%"),
        row(Level2::Cost, "项目总成本", Nature::AtMost, wan, "万元"),
        row(Level2::Social, "群众饮水保障率", Nature::AtLeast, "98", "%"),
        row(
            Level2::ServiceSatisfaction,
            "服务对象满意度",
            Nature::AtLeast,
            "90",
            "%",
        ),
    ]
}

pub(crate) fn unit(t: &TempDb) -> String {
    add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None).id
}

/// Creates the project and its target with `rows`; `approve` takes it to 二下.
pub(crate) fn target(
    t: &TempDb,
    unit: &str,
    p: &P,
    rows: Vec<IndicatorInput>,
    approve: bool,
) -> String {
    t.db.write(&actor(), |ctx| {
        let mut input = project_input(p.year, p.code, unit, p.wan);
        input.name = p.name.into();
        if p.continuing {
            input.new_or_continuing = NewOrContinuing::Continuing;
            input.period_start = p.year - 1;
        }
        if p.operating {
            input.category = ProjectCategory::Operating;
        }
        let pr = projects::create_project(ctx, &input)?;
        let tg = targets::create_project_target(ctx, &pr.id)?;
        targets::save_draft(
            ctx,
            &tg.id,
            &TargetDraft {
                overall_goal: "按期完成任务".into(),
                indicators: rows,
            },
        )?;
        if approve {
            targets::submit_target(ctx, &tg.id)?;
            targets::approve_target(ctx, &tg.id, "", None)?;
        }
        Ok(tg.id)
    })
    .expect("target")
}

fn findings(t: &TempDb, id: &str) -> Vec<Finding> {
    t.db.read(|c| review::review_target(c, id)).expect("review")
}

fn rules_of(f: &[Finding]) -> Vec<R> {
    f.iter().map(|x| x.rule).collect()
}

/// Reviews a fresh target of `rows` (project `p`) and returns its findings.
fn one(rows: Vec<IndicatorInput>, p: &P) -> Vec<Finding> {
    let t = temp_db();
    let u = unit(&t);
    let id = target(&t, &u, p, rows, false);
    findings(&t, &id)
}

fn without(level2: Level2) -> Vec<IndicatorInput> {
    good_rows("100")
        .into_iter()
        .filter(|r| r.level2 != level2)
        .collect()
}

#[test]
fn a_clean_target_has_no_findings() {
    let f = one(good_rows("100"), &p("P1"));
    assert!(f.is_empty(), "{f:?}");
}

#[test]
fn missing_cost_indicator_is_a_must_fix_and_its_near_miss_is_not() {
    let f = one(without(Level2::Cost), &p("P1"));
    let hit = f
        .iter()
        .find(|x| x.rule == R::MissingCost)
        .expect("finding");
    assert_eq!(hit.severity, Severity::MustFix);
    assert_eq!(hit.row, None);
    assert_eq!(hit.project_code.as_deref(), Some("P1"));
    let mut rows = without(Level2::Cost);
    rows.push(row(Level2::Cost, "单位成本", Nature::AtMost, "12", "元/人"));
    assert!(!rules_of(&one(rows, &p("P1"))).contains(&R::MissingCost));
}

#[test]
fn missing_quality_indicator_is_found_and_quantity_plus_quality_is_not() {
    let f = one(without(Level2::Quality), &p("P1"));
    let hit = f
        .iter()
        .find(|x| x.rule == R::MissingOutput)
        .expect("finding");
    assert!(hit.message.contains("质量指标"), "{}", hit.message);
    assert!(!rules_of(&one(good_rows("100"), &p("P1"))).contains(&R::MissingOutput));
}

#[test]
fn missing_satisfaction_counts_for_public_projects_only() {
    let rows = without(Level2::ServiceSatisfaction);
    assert!(rules_of(&one(rows.clone(), &p("P1"))).contains(&R::MissingSatisfaction));
    let mut op = p("P1");
    op.operating = true;
    assert!(!rules_of(&one(rows, &op)).contains(&R::MissingSatisfaction));
}

#[test]
fn a_level1_without_rows_is_an_incomplete_tree() {
    let rows: Vec<_> = good_rows("100")
        .into_iter()
        .filter(|r| r.level2 != Level2::Social)
        .collect();
    let f = one(rows, &p("P1"));
    let hit = f
        .iter()
        .find(|x| x.rule == R::LevelIncomplete)
        .expect("finding");
    assert!(hit.message.contains("效益指标"), "{}", hit.message);
    assert!(!rules_of(&one(good_rows("100"), &p("P1"))).contains(&R::LevelIncomplete));
}

#[test]
fn a_quantitative_row_with_words_is_not_numeric_and_names_its_row() {
    let t = temp_db();
    let u = unit(&t);
    let id = target(&t, &u, &p("P1"), good_rows("100"), false);
    // The editor refuses such a value; rows arrive like this from older data and packages.
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "UPDATE target_indicator SET value = '约五十' WHERE target_id = ?1 AND seq = 2",
            params![id],
        )?;
        Ok(())
    })
    .expect("update");
    let f = findings(&t, &id);
    let hit = f.iter().find(|x| x.rule == R::NotNumeric).expect("finding");
    assert_eq!(hit.row, Some(2));
    assert!(hit.indicator_id.is_some());
    assert!(hit.message.contains("约五十"), "{}", hit.message);
    assert!(!rules_of(&one(good_rows("100"), &p("P1"))).contains(&R::NotNumeric));
}

#[test]
fn vague_words_are_found_and_the_list_is_editable() {
    let mut rows = good_rows("100");
    rows.push(row(
        Level2::Sustainable,
        "长效管护机制",
        Nature::Qualitative,
        "逐步完善",
        "",
    ));
    let t = temp_db();
    let u = unit(&t);
    let id = target(&t, &u, &p("P1"), rows.clone(), false);
    let f = findings(&t, &id);
    let hit = f.iter().find(|x| x.rule == R::VagueWords).expect("finding");
    assert_eq!(hit.row, Some(6));
    assert!(hit.message.contains("逐步"), "{}", hit.message);
    // Near miss: a concrete qualitative value.
    rows[5].value = "建立管护制度并公示".into();
    assert!(!rules_of(&one(rows, &p("P1"))).contains(&R::VagueWords));
    // Taking 逐步 off the list (a new rule-set version) silences it.
    t.db.write(&actor(), |ctx| {
        let mut r = rules::current(ctx)?.rules;
        r.review.vague_words.retain(|w| w != "逐步");
        rules::save(ctx, &r, "去掉逐步")
    })
    .expect("save");
    assert!(!rules_of(&findings(&t, &id)).contains(&R::VagueWords));
}

fn lib_indicator(t: &TempDb, level2: Level2, name: &str, nature: Nature, reference: &str) {
    t.db.write(&actor(), |ctx| {
        let cat = match library::find_category_by_name(ctx, "水利")? {
            Some(c) => c,
            None => library::create_category(ctx, "水利")?,
        };
        library::create_indicator(
            ctx,
            &LibraryIndicatorInput {
                category_id: cat.id,
                level1: level2.level1(),
                level2,
                name: name.into(),
                explanation: String::new(),
                unit: "%".into(),
                nature,
                reference: reference.into(),
                is_core: false,
                project_kinds: String::new(),
            },
        )
    })
    .expect("library indicator");
}

#[test]
fn a_qualitative_row_the_library_marks_quantitative_is_found() {
    let t = temp_db();
    lib_indicator(&t, Level2::Social, "群众饮水保障率", Nature::AtLeast, "");
    lib_indicator(&t, Level2::Social, "水源保护成效", Nature::Qualitative, "");
    let u = unit(&t);
    let mut rows = good_rows("100");
    rows[3] = row(
        Level2::Social,
        "群众饮水保障率",
        Nature::Qualitative,
        "全面保障",
        "",
    );
    let id = target(&t, &u, &p("P1"), rows.clone(), false);
    let f = findings(&t, &id);
    let hit = f
        .iter()
        .find(|x| x.rule == R::QualitativeVsLibrary)
        .expect("finding");
    assert_eq!(hit.row, Some(4));
    // Near miss: the library itself keeps 水源保护成效 qualitative.
    rows[3].name = "水源保护成效".into();
    let mut q = p("P2");
    q.name = "水源地保护";
    let id2 = target(&t, &u, &q, rows, false);
    assert!(!rules_of(&findings(&t, &id2)).contains(&R::QualitativeVsLibrary));
}

#[test]
fn low_quantification_and_too_many_qualitative_rows() {
    let mut rows = good_rows("100");
    for (i, n) in ["机制建设", "制度完善", "宣传教育", "档案管理"]
        .iter()
        .enumerate()
    {
        rows.push(row(
            if i % 2 == 0 {
                Level2::Sustainable
            } else {
                Level2::Social
            },
            n,
            Nature::Qualitative,
            "按方案落实",
            "",
        ));
    }
    // 9 rows, 5 定量: 55.56% < 70%, and 4 定性 > 3.
    let f = one(rows.clone(), &p("P1"));
    let low = f
        .iter()
        .find(|x| x.rule == R::LowQuantification)
        .expect("rate finding");
    assert!(low.message.contains("55.56%"), "{}", low.message);
    assert!(rules_of(&f).contains(&R::TooManyQualitative));
    // Near miss: 3 定性 of 8 = 62.5% is still low, but not too many; 1 定性 of 6 is neither.
    rows.pop();
    let f = one(rows.clone(), &p("P1"));
    assert!(!rules_of(&f).contains(&R::TooManyQualitative));
    rows.truncate(6);
    let f = one(rows, &p("P1"));
    assert!(!rules_of(&f).contains(&R::LowQuantification), "{f:?}");
}

#[test]
fn a_continuing_project_falling_below_last_years_approved_value_is_found() {
    let t = temp_db();
    let u = unit(&t);
    let mut last = p("P1");
    last.year = 2025;
    target(&t, &u, &last, good_rows("100"), true);
    let mut now = p("P1");
    now.continuing = true;
    // 受益人数 2600 → 2000 is 23% lower (over the 20% line); 水质达标率 95 → 80 too.
    let mut rows = good_rows("100");
    rows[0].value = "2000".into();
    rows[1].value = "90".into();
    let id = target(&t, &u, &now, rows, false);
    let f = findings(&t, &id);
    let hits: Vec<_> = f.iter().filter(|x| x.rule == R::BelowLastYear).collect();
    assert_eq!(hits.len(), 1, "{f:?}");
    assert_eq!(hits[0].row, Some(1));
    assert!(hits[0].message.contains("2600"), "{}", hits[0].message);
    // Near miss: a new (not 延续) project of another code with the same low values.
    let mut other = p("P2");
    other.name = "城区供水管网改造";
    let mut rows = good_rows("100");
    rows[0].value = "2000".into();
    let id2 = target(&t, &u, &other, rows, false);
    assert!(!rules_of(&findings(&t, &id2)).contains(&R::BelowLastYear));
}

#[test]
fn a_value_below_the_librarys_numeric_reference_is_found() {
    let t = temp_db();
    lib_indicator(&t, Level2::Quality, "水质达标率", Nature::AtLeast, "≥95%");
    let u = unit(&t);
    let mut rows = good_rows("100");
    rows[1].value = "90".into();
    let id = target(&t, &u, &p("P1"), rows, false);
    let hit = findings(&t, &id)
        .into_iter()
        .find(|x| x.rule == R::BelowReference)
        .expect("finding");
    assert_eq!(hit.row, Some(2));
    assert!(hit.message.contains("95"), "{}", hit.message);
    let mut q = p("P2");
    q.name = "城区供水管网改造";
    let id2 = target(&t, &u, &q, good_rows("100"), false);
    assert!(!rules_of(&findings(&t, &id2)).contains(&R::BelowReference));
}

#[test]
fn cost_indicators_that_do_not_add_up_to_the_budget_are_found() {
    let f = one(good_rows("60"), &p("P1"));
    let hit = f
        .iter()
        .find(|x| x.rule == R::BudgetMismatch)
        .expect("finding");
    assert!(
        hit.message.contains("60.00") && hit.message.contains("100.00"),
        "{}",
        hit.message
    );
    // Near miss: 98 万元 of a 100 万元 budget is inside the 5% tolerance.
    assert!(!rules_of(&one(good_rows("98"), &p("P1"))).contains(&R::BudgetMismatch));
}

#[test]
fn a_near_identical_project_of_another_unit_is_a_duplicate() {
    let t = temp_db();
    let u = unit(&t);
    let u2 = add_unit(&t.db, "102", "县乡村振兴局", UnitKind::BudgetUnit, None).id;
    let a = target(&t, &u, &p("P1"), good_rows("100"), false);
    let mut b = p("P2");
    b.name = "2026年农村饮水安全巩固提升";
    target(&t, &u2, &b, good_rows("100"), false);
    let hit = findings(&t, &a)
        .into_iter()
        .find(|x| x.rule == R::Duplicate)
        .expect("finding");
    assert!(hit.message.contains("P2"), "{}", hit.message);
    // Near miss: same indicators, different project.
    let mut c = p("P3");
    c.name = "城区供水管网改造";
    let cid = target(&t, &u2, &c, good_rows("100"), false);
    assert!(!rules_of(&findings(&t, &cid)).contains(&R::Duplicate));
}

#[test]
fn a_switched_off_rule_is_silent_and_severity_follows_the_rule_set() {
    let t = temp_db();
    let u = unit(&t);
    let id = target(&t, &u, &p("P1"), without(Level2::Cost), false);
    t.db.write(&actor(), |ctx| {
        let mut r = rules::current(ctx)?.rules;
        for x in r.review.rules.iter_mut() {
            if x.code == R::MissingCost {
                x.severity = Severity::Hint;
            }
        }
        rules::save(ctx, &r, "成本改为提示")
    })
    .expect("save");
    let hit = findings(&t, &id)
        .into_iter()
        .find(|x| x.rule == R::MissingCost)
        .expect("finding");
    assert_eq!(hit.severity, Severity::Hint);
    t.db.write(&actor(), |ctx| {
        let mut r = rules::current(ctx)?.rules;
        for x in r.review.rules.iter_mut() {
            if x.code == R::MissingCost {
                x.enabled = false;
            }
        }
        rules::save(ctx, &r, "停用成本规则")
    })
    .expect("save");
    assert!(!rules_of(&findings(&t, &id)).contains(&R::MissingCost));
}

#[test]
fn a_parameter_out_of_range_is_refused_naming_the_rule() {
    let t = temp_db();
    let err =
        t.db.write(&actor(), |ctx| {
            let mut r = rules::current(ctx)?.rules;
            for x in r.review.rules.iter_mut() {
                if x.code == R::BelowLastYear {
                    x.param = Some(12000);
                }
            }
            rules::save(ctx, &r, "")
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("低于上年指标值"), "{err}");
}

#[test]
fn the_year_review_of_a_unit_filler_covers_its_own_unit_only() {
    let t = temp_db();
    let u = unit(&t);
    let u2 = add_unit(&t.db, "102", "县教育局", UnitKind::BudgetUnit, None).id;
    target(&t, &u, &p("P1"), without(Level2::Cost), false);
    let mut q = p("P2");
    q.name = "学生资助";
    target(&t, &u2, &q, without(Level2::Cost), false);
    let all =
        t.db.read(|c| review::review_year(c, &actor(), 2026))
            .expect("year");
    assert_eq!(all.iter().filter(|f| f.rule == R::MissingCost).count(), 2);
    let filler = jixiao_core::access::Actor::account(
        "acct-u",
        "u",
        "王五",
        "县教育局",
        vec![jixiao_core::access::Role::UnitFiller],
        Some(u2.clone()),
    );
    let own =
        t.db.read(|c| review::review_year(c, &filler, 2026))
            .expect("year");
    let codes: Vec<_> = own.iter().filter_map(|f| f.project_code.clone()).collect();
    assert!(
        !codes.is_empty() && codes.iter().all(|c| c == "P2"),
        "{codes:?}"
    );
}

#[test]
fn a_finding_becomes_a_review_comment_on_its_row_through_the_return() {
    let t = temp_db();
    let u = unit(&t);
    let mut rows = good_rows("100");
    rows[1].value = "95".into();
    rows[3] = row(
        Level2::Social,
        "饮水条件",
        Nature::Qualitative,
        "明显改善",
        "",
    );
    let id = target(&t, &u, &p("P1"), rows, false);
    t.db.write(&actor(), |ctx| targets::submit_target(ctx, &id))
        .expect("submit");
    let f = findings(&t, &id);
    let vague = f.iter().find(|x| x.rule == R::VagueWords).expect("finding");
    let back =
        t.db.write(&actor(), |ctx| {
            targets::return_target(ctx, &id, &[vague.to_comment()])
        })
        .expect("return");
    assert_eq!(back.comments.len(), 1);
    assert_eq!(back.comments[0].indicator_name, "饮水条件");
    assert!(back.comments[0].text.contains("模糊用语"));
}
