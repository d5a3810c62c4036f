//! 财政重点评价: the workflow end to end with the grade at 定稿 (89.50 良, 90.00 优), 扣分 items
//! computed, refused sheets and frozen 定稿 evaluations changing nothing, the 全周期 chain, the
//! figures' JSON and the 评分表 workbook. Agencies and the demo: `evaluation_agency`.

use super::common::{actor, add_unit, project_input, temp_db, TempDb};
use calamine::{open_workbook_auto, Data, Reader};
use jixiao_core::db::Db;
use jixiao_core::evaluation::key::{self, KeyEval, KeyEvalInput, KeyEvalQuery, KeyItemInput};
use jixiao_core::evaluation::{KeyKind, KeyMethod, KeyStatus};
use jixiao_core::org::{OrgUnit, UnitKind};
use jixiao_core::projects::{self, Project};
use jixiao_core::rules::Grade;
use jixiao_core::{Error, Fen};

pub(super) struct County {
    pub(super) t: TempDb,
    pub(super) dept: OrgUnit,
    pub(super) school: OrgUnit,
    pub(super) town: OrgUnit,
    pub(super) project: Project,
}

pub(super) fn county() -> County {
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

pub(super) fn input(kind: KeyKind) -> KeyEvalInput {
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
    pub(super) fn db(&self) -> &Db {
        &self.t.db
    }

    pub(super) fn create(&self, i: &KeyEvalInput) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::create_key_eval(ctx, i))
    }

    pub(super) fn project_eval(&self, method: KeyMethod) -> KeyEval {
        let mut i = input(KeyKind::Project);
        i.project_id = Some(self.project.id.clone());
        i.method = method;
        self.create(&i).expect("create")
    }

    pub(super) fn get(&self, id: &str) -> KeyEval {
        self.db().read(|c| key::get_key_eval(c, id)).expect("get")
    }

    pub(super) fn save_sheet(
        &self,
        id: &str,
        items: &[KeyItemInput],
    ) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::save_key_sheet(ctx, id, items))
    }

    pub(super) fn advance(&self, id: &str) -> jixiao_core::Result<KeyEval> {
        self.db()
            .write(&actor(), |ctx| key::advance_key_eval(ctx, id))
    }

    pub(super) fn audits(&self) -> i64 {
        self.db()
            .read(|c| Ok(c.query_row("SELECT COUNT(*) FROM audit_log", [], |r| r.get(0))?))
            .expect("count")
    }
}

/// The sheet as saved with every item at full marks except that the 评分 items, in order,
/// lose `loss` centi-points between them; 扣分 items sit 5 points inside their line.
pub(super) fn scored(k: &KeyEval, loss: i64) -> Vec<KeyItemInput> {
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
pub(super) fn finalize(c: &County, k: &KeyEval, loss: i64) -> KeyEval {
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
    assert!(matches!(&err, Error::Unsaved(p) if p.len() == 20), "{err}");
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
    let rows = super::common::below_title(rows, Some(2025));
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
