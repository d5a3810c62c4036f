//! 财政重点评价 and 第三方机构: the workflow end to end with the grade at 定稿 (89.50 良, 90.00
//! 优), 扣分 items computed, refused sheets and frozen 定稿 evaluations changing nothing,
//! related and excluded agencies refused, the 清退提示 rule, the 全周期 chain, the figures'
//! JSON, the 评分表 workbook and the demo county's grades.

use super::common::{actor, add_unit, project_input, temp_db, TempDb};
use calamine::{open_workbook_auto, Data, Reader};
use jixiao_core::db::Db;
use jixiao_core::evaluation::agency::{self, AgencyInput, EngagementInput, ReviewInput};
use jixiao_core::evaluation::key::{self, KeyEval, KeyEvalInput, KeyEvalQuery, KeyItemInput};
use jixiao_core::evaluation::QualityGrade;
use jixiao_core::evaluation::{AgencyType, EngagementStatus, KeyKind, KeyMethod, KeyStatus};
use jixiao_core::org::{OrgUnit, UnitKind};
use jixiao_core::projects::{self, Project};
use jixiao_core::rules::Grade;
use jixiao_core::{Error, Fen};

struct County {
    t: TempDb,
    dept: OrgUnit,
    school: OrgUnit,
    town: OrgUnit,
    project: Project,
}

fn county() -> County {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let school = add_unit(
        &t.db,
        "101001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let town = add_unit(&t.db, "301", "城关镇", UnitKind::Township, None);
    let input = project_input(2025, "101001-2025-001", &school.id, "1286.5");
    let project =
        t.db.write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect("project");
    County {
        t,
        dept,
        school,
        town,
        project,
    }
}

fn input(kind: KeyKind) -> KeyEvalInput {
    KeyEvalInput {
        year: 2025,
        kind,
        object_name: String::new(),
        project_id: None,
        unit_id: None,
        amount: None,
        method: KeyMethod::Bureau,
        team: "绩效股评价组".into(),
        plan_start: Some("2025-04-01".into()),
        plan_end: Some("2025-06-30".into()),
        previous_id: None,
        basis: "财预〔2020〕10号".into(),
    }
}

impl County {
    fn db(&self) -> &Db {
        &self.t.db
    }

    fn create(&self, i: &KeyEvalInput) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::create_key_eval(ctx, i))
    }

    fn project_eval(&self, method: KeyMethod) -> KeyEval {
        let mut i = input(KeyKind::Project);
        i.project_id = Some(self.project.id.clone());
        i.method = method;
        self.create(&i).expect("create")
    }

    fn get(&self, id: &str) -> KeyEval {
        self.db().read(|c| key::get_key_eval(c, id)).expect("get")
    }

    fn save_sheet(&self, id: &str, items: &[KeyItemInput]) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::save_key_sheet(ctx, id, items))
    }

    fn advance(&self, id: &str) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::advance_key_eval(ctx, id))
    }

    fn audits(&self) -> i64 {
        self.db()
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
            .expect("count")
    }

    fn agency(&self, code: &str, name: &str) -> String {
        let a = self
            .db()
            .write(&actor(), |ctx| {
                agency::save_agency(
                    ctx,
                    &AgencyInput {
                        unit_id: None,
                        code: code.into(),
                        name: name.into(),
                        contact: "王敏".into(),
                        phone: "0635-8123456".into(),
                        agency_type: AgencyType::Accounting,
                        qualification: "会计师事务所执业证书".into(),
                        record: "近三年无重大违法违规记录".into(),
                    },
                )
            })
            .expect("agency");
        a.unit_id
    }

    fn engage(&self, eval_id: &str, agency_id: &str, date: &str) -> jixiao_core::Result<String> {
        let i = EngagementInput {
            key_eval_id: eval_id.into(),
            agency_id: agency_id.into(),
            fee: Fen(12_345_678),
            contract_date: date.into(),
            conflict_declaration: "本机构与被评价单位无关联关系".into(),
        };
        Ok(self
            .db()
            .write(&actor(), |ctx| agency::engage_agency(ctx, &i))?
            .id)
    }

    /// Accepts and reviews an engagement with `total` spread over the five parts.
    fn review(&self, engagement_id: &str, parts: [i64; 5]) -> QualityGrade {
        self.db()
            .write(&actor(), |ctx| {
                agency::set_engagement_status(ctx, engagement_id, EngagementStatus::Accepted)?;
                agency::review_engagement(
                    ctx,
                    &ReviewInput {
                        engagement_id: engagement_id.into(),
                        plan_cp: parts[0],
                        papers_cp: parts[1],
                        report_cp: parts[2],
                        timeliness_cp: parts[3],
                        integrity_cp: parts[4],
                        reward_penalty: String::new(),
                    },
                )
            })
            .expect("review")
            .grade
    }
}

/// The sheet as saved with every item at full marks except that the 评分 items, in order,
/// lose `loss` centi-points between them; 扣分 items sit 5 points inside their line.
fn scored(k: &KeyEval, loss: i64) -> Vec<KeyItemInput> {
    let mut left = loss;
    k.items
        .iter()
        .map(|i| {
            let take = if i.rule == "评分" {
                left.min(i.weight_cp)
            } else {
                0
            };
            left -= take;
            let line: i64 = i
                .threshold
                .as_deref()
                .map_or(0, |t| t.parse().expect("line"));
            KeyItemInput {
                id: Some(i.id.clone()),
                level1: i.level1.clone(),
                level2: i.level2.clone(),
                level3: i.level3.clone(),
                weight_cp: i.weight_cp,
                standard: i.standard.clone(),
                rule: i.rule.clone(),
                threshold: i.threshold.clone(),
                deduct_cp: i.deduct_cp,
                actual: (i.rule == "扣分").then(|| (line - 5).to_string()),
                score_cp: Some(i.weight_cp - take),
                note: String::new(),
            }
        })
        .collect()
}

/// Scores to 100 − `loss`, writes the summary and walks to 定稿.
fn finalize(c: &County, k: &KeyEval, loss: i64) -> KeyEval {
    c.save_sheet(&k.id, &scored(k, loss)).expect("sheet");
    c.db()
        .write(&actor(), |ctx| {
            key::save_key_texts(ctx, &k.id, "绩效良好", "无异议")
        })
        .expect("texts");
    let mut last = c.get(&k.id);
    while last.status != KeyStatus::Final {
        last = c.advance(&k.id).expect("advance");
    }
    last
}

#[test]
fn a_project_evaluation_runs_from_plan_to_final_and_8950_is_liang() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    assert_eq!(k.status, KeyStatus::Planned);
    assert_eq!(k.object_name, c.project.name);
    assert_eq!(k.amount_fen, Fen(1_286_500_000));
    assert_eq!(k.unit_name.as_deref(), Some("县第一中学"));
    assert_eq!(k.items.len(), 20);
    assert_eq!(k.weight_total_cp, 10_000);
    let l1: Vec<(&str, i64)> = k
        .level1_totals
        .iter()
        .map(|t| (t.level1.as_str(), t.weight_cp))
        .collect();
    assert_eq!(
        l1,
        vec![
            ("决策", 2000),
            ("过程", 2000),
            ("产出", 3000),
            ("效益", 3000)
        ]
    );

    assert_eq!(c.advance(&k.id).expect("实施").status, KeyStatus::Fieldwork);
    // Not every item scored: 报告初稿 is refused and names each missing item.
    let err = c.advance(&k.id).unwrap_err();
    assert!(matches!(&err, Error::Rejected(p) if p.len() == 20), "{err}");
    assert!(
        err.to_string().contains("第1项「立项依据充分性」得分"),
        "{err}"
    );

    let k = c.save_sheet(&k.id, &scored(&k, 1050)).expect("sheet");
    assert_eq!(k.total_cp, 8950);
    assert_eq!(k.level1_totals[0].score_cp, 2000 - 1050);
    assert_eq!(
        c.advance(&k.id).expect("报告初稿").status,
        KeyStatus::DraftReport
    );
    assert_eq!(
        c.advance(&k.id).expect("单位反馈").status,
        KeyStatus::UnitFeedback
    );
    let err = c.advance(&k.id).unwrap_err();
    assert!(err.to_string().contains("主要绩效"), "{err}");
    c.db()
        .write(&actor(), |ctx| {
            key::save_key_texts(ctx, &k.id, "产出目标基本完成", "无异议")
        })
        .expect("texts");
    let done = c.advance(&k.id).expect("定稿");
    assert_eq!(done.status, KeyStatus::Final);
    assert_eq!((done.total_cp, done.grade), (8950, Grade::Good));
    assert_eq!(done.finalized_by.as_deref(), Some("张三（绩效股）"));

    let page = c
        .db()
        .read(|conn| {
            key::list_key_evals(
                conn,
                &KeyEvalQuery {
                    year: 2025,
                    page: 1,
                    page_size: 20,
                    ..Default::default()
                },
            )
        })
        .expect("list");
    assert_eq!(page.total, 1);
    assert_eq!(
        (page.rows[0].total_cp, page.rows[0].grade),
        (Some(8950), Some(Grade::Good))
    );
    let audits: Vec<String> = c
        .db()
        .read(|conn| {
            let mut s = conn.prepare(
                "SELECT summary FROM audit_log WHERE entity = 'key_eval' AND action = 'advance'",
            )?;
            let rows = s
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<Vec<String>>>()?;
            Ok(rows)
        })
        .expect("audit");
    assert_eq!(audits.len(), 4);
    assert!(audits[3].contains("总分 89.50，良"), "{audits:?}");
}

#[test]
fn a_total_of_9000_is_you_at_final() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    let done = finalize(&c, &k, 1000);
    assert_eq!((done.total_cp, done.grade), (9000, Grade::Excellent));
}

#[test]
fn a_deduction_item_is_scored_from_its_actual_value_and_the_typed_score_is_ignored() {
    let c = county();
    let mut i = input(KeyKind::Department);
    i.unit_id = Some(c.dept.id.clone());
    let k = c.create(&i).expect("create");
    assert_eq!(k.object_name, "县教育局部门整体支出");
    let mut items = scored(&k, 0);
    let n = items
        .iter()
        .position(|i| i.level3 == "在职人员控制率")
        .expect("item");
    items[n].actual = Some("103.5".into());
    items[n].score_cp = Some(500);
    let k = c.save_sheet(&k.id, &items).expect("sheet");
    assert_eq!(k.items[n].score_cp, Some(325));
    assert_eq!(k.total_cp, 10_000 - 175);
    // 三公经费 under 0 earns full marks; a non-number is refused naming the row.
    items[n + 1].actual = Some("约五".into());
    let err = c.save_sheet(&k.id, &items).unwrap_err();
    assert!(
        err.to_string()
            .contains("第4项「“三公经费”变动率」实际情况"),
        "{err}"
    );
}

#[test]
fn a_sheet_not_summing_to_100_or_with_output_and_benefit_under_60_changes_nothing() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    let before = c.audits();
    let mut items = scored(&k, 0);
    items[0].weight_cp += 100;
    let err = c.save_sheet(&k.id, &items).unwrap_err();
    assert!(
        err.to_string().contains("合计应为 100 分，现为 101.00"),
        "{err}"
    );
    let mut items = scored(&k, 0);
    let out = items.iter().position(|i| i.level1 == "产出").expect("产出");
    items[out].weight_cp -= 1500;
    items[out].score_cp = Some(0);
    items[0].weight_cp += 1500;
    let err = c.save_sheet(&k.id, &items).unwrap_err();
    assert!(err.to_string().contains("不低于 60 分"), "{err}");
    let mut items = scored(&k, 0);
    items[2].score_cp = Some(items[2].weight_cp + 1);
    let err = c.save_sheet(&k.id, &items).unwrap_err();
    assert!(
        err.to_string().contains("第3项「绩效目标合理性」得分"),
        "{err}"
    );
    assert_eq!(c.audits(), before);
    assert_eq!(c.get(&k.id).items, k.items);
}

#[test]
fn a_final_evaluation_is_frozen() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    let done = finalize(&c, &k, 500);
    let before = c.audits();
    assert!(matches!(
        c.save_sheet(&k.id, &scored(&k, 0)),
        Err(Error::Conflict(_))
    ));
    let texts = c
        .db()
        .write(&actor(), |ctx| key::save_key_texts(ctx, &k.id, "改", ""));
    assert!(matches!(texts, Err(Error::Conflict(_))));
    let back = c
        .db()
        .write(&actor(), |ctx| key::return_key_eval(ctx, &k.id, "重评"));
    assert!(back.unwrap_err().to_string().contains("已定稿"));
    assert!(c.advance(&k.id).is_err());
    assert_eq!(c.audits(), before);
    assert_eq!(c.get(&k.id), done);
}

#[test]
fn return_goes_one_step_back_with_a_reason() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    c.advance(&k.id).expect("实施");
    let err = c
        .db()
        .write(&actor(), |ctx| key::return_key_eval(ctx, &k.id, " "))
        .unwrap_err();
    assert!(err.to_string().contains("退回原因"));
    let back = c
        .db()
        .write(&actor(), |ctx| {
            key::return_key_eval(ctx, &k.id, "方案需补充")
        })
        .expect("return");
    assert_eq!(back.status, KeyStatus::Planned);
}

#[test]
fn kinds_check_their_object() {
    let c = county();
    let mut i = input(KeyKind::Township);
    i.unit_id = Some(c.school.id.clone());
    assert!(c.create(&i).unwrap_err().to_string().contains("应选择乡镇"));
    i.unit_id = Some(c.town.id.clone());
    let k = c.create(&i).expect("township");
    assert_eq!(k.object_name, "城关镇财政运行");
    assert_eq!(k.level1_totals.len(), 5);
    let mut i = input(KeyKind::Project);
    i.year = 2026;
    i.project_id = Some(c.project.id.clone());
    assert!(c
        .create(&i)
        .unwrap_err()
        .to_string()
        .contains("2025 年度的项目"));
    let mut i = input(KeyKind::Policy);
    assert!(c.create(&i).unwrap_err().to_string().contains("评价对象"));
    i.object_name = "学生资助政策".into();
    i.unit_id = Some(c.dept.id.clone());
    i.amount = Some(Fen(5_000_000_000));
    assert_eq!(c.create(&i).expect("policy").amount_fen, Fen(5_000_000_000));
}

#[test]
fn yearly_stages_link_only_to_the_same_object_in_an_earlier_year() {
    let c = county();
    let first = c.project_eval(KeyMethod::Bureau);
    let mut next_input = project_input(2026, "101001-2025-001", &c.school.id, "900");
    next_input.new_or_continuing = projects::NewOrContinuing::Continuing;
    next_input.period_start = 2025;
    next_input.period_end = 2026;
    let p2026 = c
        .db()
        .write(&actor(), |ctx| projects::create_project(ctx, &next_input))
        .expect("p");
    let mut i = input(KeyKind::Project);
    i.year = 2026;
    i.project_id = Some(p2026.id.clone());
    i.previous_id = Some(first.id.clone());
    let second = c.create(&i).expect("stage 2");
    let years: Vec<(i32, bool)> = second
        .stages
        .iter()
        .map(|s| (s.fiscal_year, s.is_self))
        .collect();
    assert_eq!(years, vec![(2025, false), (2026, true)]);
    assert_eq!(c.get(&first.id).stages.len(), 2);
    // A second follow-up of the same stage, or one of another object, is refused.
    assert!(matches!(c.create(&i), Err(Error::Conflict(_))));
    let mut other = input(KeyKind::Department);
    other.year = 2026;
    other.unit_id = Some(c.dept.id.clone());
    other.previous_id = Some(first.id.clone());
    assert!(c
        .create(&other)
        .unwrap_err()
        .to_string()
        .contains("类别不同"));
}

#[test]
fn a_third_party_evaluation_needs_an_engagement_and_related_or_excluded_agencies_are_refused() {
    let c = county();
    let k = c.project_eval(KeyMethod::ThirdParty);
    let err = c.advance(&k.id).unwrap_err();
    assert!(err.to_string().contains("委托第三方机构"), "{err}");
    let related = c.agency("801", "华信正和会计师事务所");
    let clean = c.agency("802", "明诚联合会计师事务所");
    // A relation with the school's 主管部门 also forbids evaluating the school.
    c.db()
        .write(&actor(), |ctx| {
            agency::add_agency_relation(ctx, &related, &c.dept.id, "2024年审计服务")
        })
        .expect("relation");
    let before = c.audits();
    let err = c.engage(&k.id, &related, "2025-03-01").unwrap_err();
    assert!(err.to_string().contains("存在关联关系"), "{err}");
    let mut no_declaration = EngagementInput {
        key_eval_id: k.id.clone(),
        agency_id: clean.clone(),
        fee: Fen(100),
        contract_date: "2025-03-01".into(),
        conflict_declaration: " ".into(),
    };
    let err = c
        .db()
        .write(&actor(), |ctx| agency::engage_agency(ctx, &no_declaration))
        .unwrap_err();
    assert!(err.to_string().contains("利益冲突声明"), "{err}");
    assert_eq!(c.audits(), before);
    no_declaration.conflict_declaration = "无关联".into();
    let e = c
        .db()
        .write(&actor(), |ctx| agency::engage_agency(ctx, &no_declaration))
        .expect("engage");
    assert_eq!(e.status, EngagementStatus::Contracted);
    assert_eq!(c.advance(&k.id).expect("实施").status, KeyStatus::Fieldwork);
    assert_eq!(
        c.get(&k.id).engagement.map(|e| e.agency_name),
        Some("明诚联合会计师事务所".into())
    );

    // A bureau evaluation takes no agency.
    let bureau = c.project_eval(KeyMethod::Bureau);
    assert!(c
        .engage(&bureau.id, &clean, "2025-03-01")
        .unwrap_err()
        .to_string()
        .contains("财政评价"));
}

#[test]
fn two_fails_in_a_row_flag_an_agency_and_it_can_no_longer_be_engaged() {
    let c = county();
    let a = c.agency("801", "华信正和会计师事务所");
    let b = c.agency("802", "明诚联合会计师事务所");
    let fail = [1000, 1000, 1500, 1000, 1000];
    let pass = [1500, 1500, 2500, 1000, 1000];
    // b: 不合格, 合格, 不合格 → not flagged.
    for (date, parts) in [
        ("2025-03-01", fail),
        ("2025-04-01", pass),
        ("2025-05-01", fail),
    ] {
        let k = c.project_eval(KeyMethod::ThirdParty);
        let e = c.engage(&k.id, &b, date).expect("engage b");
        c.review(&e, parts);
    }
    // a: 合格, 不合格, 不合格 → flagged.
    let mut grades = Vec::new();
    for (date, parts) in [
        ("2025-03-01", pass),
        ("2025-04-01", fail),
        ("2025-05-01", fail),
    ] {
        let k = c.project_eval(KeyMethod::ThirdParty);
        let e = c.engage(&k.id, &a, date).expect("engage a");
        grades.push(c.review(&e, parts));
    }
    assert_eq!(
        grades,
        vec![QualityGrade::Pass, QualityGrade::Fail, QualityGrade::Fail]
    );
    let list = c.db().read(agency::list_agencies).expect("list");
    let row = |id: &str| list.iter().find(|r| r.unit_id == id).expect("row").clone();
    assert!(row(&a).flagged_for_exclusion);
    assert!(!row(&b).flagged_for_exclusion);
    assert_eq!(row(&a).engagements, 3);
    let k = c.project_eval(KeyMethod::ThirdParty);
    let err = c.engage(&k.id, &a, "2025-06-01").unwrap_err();
    assert!(err.to_string().contains("清退"), "{err}");
    // A part over its maximum is refused naming it.
    let k = c.project_eval(KeyMethod::ThirdParty);
    let e = c.engage(&k.id, &b, "2025-06-01").expect("engage");
    let err = c
        .db()
        .write(&actor(), |ctx| {
            agency::set_engagement_status(ctx, &e, EngagementStatus::Accepted)?;
            agency::review_engagement(
                ctx,
                &ReviewInput {
                    engagement_id: e.clone(),
                    plan_cp: 2100,
                    papers_cp: 0,
                    report_cp: 0,
                    timeliness_cp: 0,
                    integrity_cp: 0,
                    reward_penalty: String::new(),
                },
            )
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("『方案』：得分 21.00 应在 0 到 20.00 分之间"),
        "{err}"
    );
    assert_eq!(
        c.db()
            .read(|conn| agency::agency_engagement_count(conn, 2025))
            .expect("n"),
        7
    );
}

#[test]
fn key_stats_json_has_the_exact_shape_the_cli_embeds() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    finalize(&c, &k, 1050);
    let mut i = input(KeyKind::Township);
    i.unit_id = Some(c.town.id.clone());
    i.amount = Some(Fen(300));
    c.create(&i).expect("township");
    let stats = c
        .db()
        .read(|conn| key::key_stats(conn, 2025))
        .expect("stats");
    assert_eq!(
        serde_json::to_value(&stats).expect("json"),
        serde_json::json!({
            "count": 2,
            "amount_fen": 1_286_500_300i64,
            "by_kind": {"项目": 1, "部门整体": 0, "政策": 0, "乡镇": 1},
            "grades": {"优": 0, "良": 1, "中": 0, "差": 0},
        })
    );
}

#[test]
fn the_score_sheet_exports_items_total_and_grade() {
    let c = county();
    let k = c.project_eval(KeyMethod::Bureau);
    finalize(&c, &k, 1050);
    let path = c.t.dir.path().join("评分表.xlsx");
    let n = c
        .db()
        .read(|conn| key::export_key_sheet(conn, &k.id, &path))
        .expect("export");
    assert_eq!(n, 20);
    let mut book = open_workbook_auto(&path).expect("open");
    let range = book.worksheet_range("评分表").expect("sheet");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(header, key::KEY_SHEET_HEADERS.to_vec());
    assert_eq!(rows[1][2], Data::String("立项依据充分性".into()));
    assert_eq!(rows[1][6], Data::Float(0.0));
    assert_eq!(rows[4][6], Data::Float(0.5));
    assert_eq!(rows[21][0], Data::String("合计".into()));
    assert_eq!(
        (rows[21][3].clone(), rows[21][6].clone()),
        (Data::Float(100.0), Data::Float(89.5))
    );
    assert_eq!(rows[22][6], Data::String("良".into()));
}

#[test]
fn the_demo_county_grades_its_key_evaluations_like_county_b() {
    let t = temp_db();
    jixiao_core::demo::generate(&t.db, &actor(), jixiao_core::demo::DEFAULT_SEED).expect("demo");
    let grades = |kinds: &str| -> Vec<(String, i64)> {
        t.db.read(|c| {
            let mut s = c.prepare(&format!(
                "SELECT grade, COUNT(*) FROM key_eval WHERE fiscal_year = 2025 AND status = '定稿'
                 AND kind IN ({kinds}) GROUP BY grade ORDER BY grade"
            ))?;
            let rows = s
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows)
        })
        .expect("grades")
    };
    let g = |v: &[(&str, i64)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), *b))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        grades("'项目','部门整体'"),
        g(&[("中", 2), ("优", 1), ("良", 15)])
    );
    assert_eq!(grades("'乡镇'"), g(&[("优", 5), ("良", 13)]));
    let stats = t.db.read(|c| key::key_stats(c, 2025)).expect("stats");
    assert_eq!((stats.by_kind.project, stats.by_kind.department), (13, 5));
    assert_eq!((stats.by_kind.policy, stats.by_kind.township), (2, 18));
    assert_eq!(stats.count, 38);
    // Every 定稿 total is the sum of its item scores, and each has 2–4 findings.
    let page =
        t.db.read(|c| {
            key::list_key_evals(
                c,
                &KeyEvalQuery {
                    year: 2025,
                    ..Default::default()
                },
            )
        })
        .expect("list");
    for row in &page.rows {
        let k = t.db.read(|c| key::get_key_eval(c, &row.id)).expect("get");
        let sum: i64 = k.items.iter().map(|i| i.score_cp.expect("scored")).sum();
        assert_eq!(Some(sum), row.total_cp, "{}", k.object_name);
        assert!((2..=4).contains(&k.findings.len()), "{}", k.object_name);
    }
    assert_eq!(
        t.db.read(|c| agency::agency_engagement_count(c, 2025))
            .expect("n"),
        5
    );
    let agencies = t.db.read(agency::list_agencies).expect("agencies");
    assert_eq!(
        agencies.iter().filter(|a| a.flagged_for_exclusion).count(),
        1
    );
    assert!(agencies.iter().all(|a| a.registered));
    assert_eq!(agencies.iter().map(|a| a.relations.len()).sum::<usize>(), 1);
    let now =
        t.db.read(|c| {
            key::list_key_evals(
                c,
                &KeyEvalQuery {
                    year: 2026,
                    ..Default::default()
                },
            )
        })
        .expect("2026");
    assert!((2..=3).contains(&now.rows.len()));
    assert!(now
        .rows
        .iter()
        .all(|r| matches!(r.status, KeyStatus::Planned | KeyStatus::Fieldwork)));
}
