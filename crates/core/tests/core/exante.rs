//! 事前绩效评估: who must be assessed (threshold edge, 延续, designation), conclusion bands,
//! refused scores writing nothing, 审减率, the year's figures, the 绩效目标 block, rule versions,
//! the Excel list.

use super::common::{actor, add_unit, project_input, temp_db, TempDb};
use calamine::{open_workbook_auto, Data, Reader};
use jixiao_core::db::Db;
use jixiao_core::exante::{
    self, AssessorType, ExAnteConclusion, ExAnteInput, ExAnteQuery, ExAnteStatus, ItemScore,
    RequiredReason,
};
use jixiao_core::org::{OrgUnit, UnitKind};
use jixiao_core::projects::{self, NewOrContinuing, Project, ProjectQuery};
use jixiao_core::rules::{self, RuleSet};
use jixiao_core::{Error, Fen};

struct County {
    t: TempDb,
    unit: OrgUnit,
    firm: OrgUnit,
}

fn county() -> County {
    let t = temp_db();
    let dept = add_unit(&t.db, "101", "县教育局", UnitKind::Department, None);
    let unit = add_unit(
        &t.db,
        "101001",
        "县第一中学",
        UnitKind::BudgetUnit,
        Some(&dept.id),
    );
    let firm = add_unit(
        &t.db,
        "801",
        "华信正和会计师事务所",
        UnitKind::ThirdParty,
        None,
    );
    County { t, unit, firm }
}

impl County {
    fn db(&self) -> &Db {
        &self.t.db
    }

    fn project(&self, year: i32, code: &str, wan: &str, new: bool) -> Project {
        let mut input = project_input(year, code, &self.unit.id, wan);
        if !new {
            input.new_or_continuing = NewOrContinuing::Continuing;
            input.period_start = year - 1;
        }
        self.db()
            .write(&actor(), |ctx| projects::create_project(ctx, &input))
            .expect("project")
    }

    fn save(
        &self,
        p: &Project,
        input: &ExAnteInput,
    ) -> jixiao_core::Result<exante::ExAnteAssessment> {
        self.db()
            .write(&actor(), |ctx| exante::save_assessment(ctx, &p.id, input))
    }

    fn list(&self, q: ExAnteQuery) -> exante::ExAntePage {
        self.db()
            .read(|c| exante::required_list(c, &q))
            .expect("list")
    }

    fn count(&self, sql: &str) -> i64 {
        self.db()
            .read(|c| Ok(c.query_row(sql, [], |r| r.get(0))?))
            .expect("count")
    }
}

fn year(y: i32) -> ExAnteQuery {
    ExAnteQuery {
        year: y,
        page: 1,
        page_size: 20,
        ..Default::default()
    }
}

/// Full marks on the default sheet, then points taken off the first items until `total_cp`.
fn scores(total_cp: i64) -> Vec<ItemScore> {
    let mut deficit = 10_000 - total_cp;
    let mut out = Vec::new();
    for a in RuleSet::default().ex_ante.aspects {
        for i in a.items {
            let off = deficit.min(i.max_cp);
            deficit -= off;
            out.push(ItemScore {
                aspect: a.name.clone(),
                item: i.name,
                score_cp: i.max_cp - off,
            });
        }
    }
    out
}

fn input(total_cp: i64, declared: &str, approved: &str) -> ExAnteInput {
    ExAnteInput {
        scores: scores(total_cp),
        assessor_type: AssessorType::Finance,
        assessor_org_id: None,
        assessor_name: "王芳".into(),
        declared_wan: declared.into(),
        approved_wan: approved.into(),
        opinion: "立项依据充分".into(),
        assessed_on: "2025-10-20".into(),
    }
}

#[test]
fn a_new_project_of_exactly_300_wan_is_required_and_299_99_continuing_are_not() {
    let c = county();
    let at = c.project(2026, "A", "300", true);
    c.project(2026, "B", "299.99", true);
    c.project(2026, "C", "5000", false);
    c.project(2025, "OLD", "800", true);
    let page = c.list(year(2026));
    let codes: Vec<&str> = page.rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["A"]);
    assert_eq!(page.rows[0].reason, RequiredReason::Threshold);
    assert_eq!(page.rows[0].adjusted_budget, Fen::from_wan(300));
    assert_eq!(page.threshold, Fen::from_wan(300));
    assert_eq!((page.counts.required, page.counts.missing), (1, 1));
    assert!(page.rows[0].assessment.is_none());
    let sheet = c.db().read(|x| exante::get(x, &at.id)).expect("sheet");
    assert_eq!(sheet.required_by, Some(RequiredReason::Threshold));
}

#[test]
fn a_designated_continuing_project_is_required_until_undesignated() {
    let c = county();
    let p = c.project(2026, "C", "120", false);
    c.db()
        .write(&actor(), |ctx| {
            exante::designate(ctx, &p.id, "政策到期需重新论证")
        })
        .expect("designate");
    let page = c.list(year(2026));
    assert_eq!(page.rows.len(), 1);
    assert_eq!(page.rows[0].reason, RequiredReason::Designated);
    assert_eq!(page.rows[0].designation_reason, "政策到期需重新论证");
    assert_eq!(page.counts.required, 1);

    let twice = c
        .db()
        .write(&actor(), |ctx| exante::designate(ctx, &p.id, ""))
        .expect_err("already designated");
    assert!(twice.to_string().contains("已被指定"), "{twice}");

    c.db()
        .write(&actor(), |ctx| exante::undesignate(ctx, &p.id))
        .expect("undesignate");
    assert_eq!(c.list(year(2026)).counts.required, 0);
    assert_eq!(
        c.count("SELECT COUNT(*) FROM audit_log WHERE entity = 'exante_designation'"),
        2
    );
}

#[test]
fn the_threshold_is_read_from_the_rule_set_in_force() {
    let c = county();
    c.project(2026, "A", "300", true);
    c.project(2026, "B", "500", true);
    let mut r = RuleSet::default();
    r.ex_ante.threshold = Fen::from_wan(500);
    c.db()
        .write(&actor(), |ctx| rules::save(ctx, &r, "恢复500万元标准"))
        .expect("rules");
    let page = c.list(year(2026));
    assert_eq!(
        page.rows
            .iter()
            .map(|r| r.code.as_str())
            .collect::<Vec<_>>(),
        ["B"]
    );
}

#[test]
fn conclusions_follow_the_half_open_bands_at_9000_and_7000() {
    let c = county();
    for (i, (total, expected)) in [
        (9000, ExAnteConclusion::Support),
        (8999, ExAnteConclusion::SupportAfterRevision),
        (7000, ExAnteConclusion::SupportAfterRevision),
        (6999, ExAnteConclusion::NotSupport),
    ]
    .into_iter()
    .enumerate()
    {
        let p = c.project(2026, &format!("P{i}"), "400", true);
        let a = c.save(&p, &input(total, "400", "400")).expect("save");
        assert_eq!(
            (a.total_cp, a.conclusion),
            (total, expected),
            "total {total}"
        );
        assert_eq!(a.rule_version, 0);
    }
}

#[test]
fn a_score_over_the_item_maximum_is_refused_and_nothing_is_written() {
    let c = county();
    let p = c.project(2026, "A", "400", true);
    let audit = c.count("SELECT COUNT(*) FROM audit_log");
    let mut bad = input(9500, "400", "400");
    bad.scores[0].score_cp = 550;
    let err = c.save(&p, &bad).expect_err("refused");
    assert!(
        matches!(&err, Error::Invalid { field, message }
            if field == "立项必要性 › 政策相符性" && message.contains("5.50") && message.contains("5.00")),
        "{err}"
    );
    let mut missing = input(9500, "400", "400");
    missing.scores.pop();
    let err = c.save(&p, &missing).expect_err("refused");
    assert!(
        err.to_string().contains("筹资合规性 › 配套资金落实"),
        "{err}"
    );
    assert_eq!(c.count("SELECT COUNT(*) FROM exante_assessment"), 0);
    assert_eq!(c.count("SELECT COUNT(*) FROM audit_log"), audit);
}

#[test]
fn approved_above_declared_and_a_third_party_without_a_firm_are_refused() {
    let c = county();
    let p = c.project(2026, "A", "400", true);
    let err = c.save(&p, &input(9500, "400", "400.01")).expect_err("over");
    assert!(err.to_string().contains("审定金额（万元）"), "{err}");

    let mut tp = input(9500, "400", "400");
    tp.assessor_type = AssessorType::ThirdParty;
    let err = c.save(&p, &tp).expect_err("no firm");
    assert!(err.to_string().contains("评估机构"), "{err}");
    tp.assessor_org_id = Some(c.unit.id.clone());
    let err = c.save(&p, &tp).expect_err("not a firm");
    assert!(err.to_string().contains("不是第三方机构"), "{err}");
    tp.assessor_org_id = Some(c.firm.id.clone());
    let a = c.save(&p, &tp).expect("firm");
    assert_eq!(a.assessor_org_name.as_deref(), Some("华信正和会计师事务所"));

    let mut future = input(9500, "400", "400");
    future.assessed_on = "2999-01-01".into();
    assert!(c
        .save(&p, &future)
        .expect_err("future")
        .to_string()
        .contains("评估日期"));
    future.assessed_on = "2025/10/20".into();
    assert!(c
        .save(&p, &future)
        .expect_err("format")
        .to_string()
        .contains("评估日期"));
}

#[test]
fn declared_500_approved_430_is_a_reduction_of_70_wan_or_1400_bp() {
    let c = county();
    let p = c.project(2026, "A", "500", true);
    c.save(&p, &input(8000, "500", "430")).expect("save");
    let sheet = c.db().read(|x| exante::get(x, &p.id)).expect("sheet");
    let a = sheet.assessment.expect("assessed");
    assert_eq!(a.reduction_fen, Fen::from_wan(70));
    assert_eq!(a.reduction_rate_bp, 1400);
    assert_eq!(sheet.aspects.len(), 5);
    // 20 points taken from the first four items: 立项必要性 scores 0 of 20.
    assert_eq!(
        (sheet.aspects[0].subtotal_cp, sheet.aspects[0].max_cp),
        (0, 2000)
    );
    assert_eq!(sheet.aspects[1].subtotal_cp, 2000);
    assert_eq!(sheet.aspects[4].items[3].score_cp, Some(500));
}

#[test]
fn saving_again_updates_the_same_row_and_audits_before_and_after() {
    let c = county();
    let p = c.project(2026, "A", "500", true);
    let first = c.save(&p, &input(9500, "500", "500")).expect("first");
    let second = c.save(&p, &input(6500, "500", "0")).expect("second");
    assert_eq!(first.id, second.id);
    assert_eq!(second.conclusion, ExAnteConclusion::NotSupport);
    assert_eq!(c.count("SELECT COUNT(*) FROM exante_assessment"), 1);
    let (before, after): (String, String) = c
        .db()
        .read(|x| {
            Ok(x.query_row(
                "SELECT before_json, after_json FROM audit_log
                 WHERE entity = 'exante_assessment' AND action = 'update'",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("audit");
    assert!(before.contains("\"total_cp\":9500") && after.contains("\"total_cp\":6500"));
}

#[test]
fn not_support_blocks_targets_and_shows_on_the_project_until_deleted() {
    let c = county();
    let p = c.project(2026, "A", "500", true);
    let ok = c.project(2026, "B", "500", true);
    c.save(&p, &input(6000, "500", "0")).expect("save");
    c.save(&ok, &input(9600, "500", "500")).expect("save");
    let block = |id: &str| c.db().read(|x| exante::blocks_targets(x, id)).expect("q");
    assert_eq!(
        block(&p.id).as_deref(),
        Some("事前绩效评估结论为『不予支持』，不能批复该项目的绩效目标")
    );
    assert_eq!(block(&ok.id), None);
    let listed = c
        .db()
        .read(|x| projects::list_projects(x, &ProjectQuery::default()))
        .expect("list");
    let of = |code: &str| {
        listed
            .rows
            .iter()
            .find(|r| r.code == code)
            .and_then(|r| r.exante_conclusion)
    };
    assert_eq!(of("A"), Some(ExAnteConclusion::NotSupport));
    assert_eq!(of("B"), Some(ExAnteConclusion::Support));

    c.db()
        .write(&actor(), |ctx| exante::delete_assessment(ctx, &p.id))
        .expect("delete");
    assert_eq!(block(&p.id), None);
    let again = c
        .db()
        .write(&actor(), |ctx| exante::delete_assessment(ctx, &p.id));
    assert!(again
        .expect_err("gone")
        .to_string()
        .contains("还没有事前评估"));
    assert_eq!(
        c.db()
            .read(|x| projects::get_project(x, &p.id))
            .expect("p")
            .exante_conclusion,
        None
    );
}

#[test]
fn stats_count_conclusions_and_the_reduction_over_the_year() {
    let c = county();
    let a = c.project(2026, "A", "500", true);
    let b = c.project(2026, "B", "500", true);
    let n = c.project(2026, "N", "200", true);
    let v = c.project(2026, "V", "100", false);
    let gone = c.project(2026, "G", "900", true);
    let other = c.project(2025, "A", "700", true);
    c.save(&a, &input(9200, "500", "500")).expect("a");
    c.save(&b, &input(8000, "500", "430")).expect("b");
    c.save(&n, &input(5000, "200", "0")).expect("n");
    // Assessed without being required: counted in the figures too.
    c.save(&v, &input(9100, "100", "100")).expect("v");
    c.save(&gone, &input(9100, "900", "100")).expect("g");
    c.db()
        .write(&actor(), |ctx| exante::delete_assessment(ctx, &gone.id))
        .expect("delete");
    c.save(&other, &input(9100, "700", "100")).expect("2025");

    let s = c.db().read(|x| exante::stats(x, 2026)).expect("stats");
    assert_eq!(
        serde_json::to_value(&s).expect("json"),
        serde_json::json!({
            "assessed": 4, "support": 2, "support_after_revision": 1, "not_support": 1,
            "declared_fen": 1_300_000_000, "approved_fen": 1_030_000_000,
            // 270 / 1300 = 20.769…% → 2077 bp
            "reduction_rate_bp": 2077,
            // No policies and no 专项债 projects in this county.
            "policies": {"count": 0, "amount_fen": 0, "assessed": 0, "support": 0,
                "support_after_revision": 0, "not_support": 0, "declared_fen": 0,
                "approved_fen": 0, "reduction_rate_bp": 0},
            "bonds": {"count": 0, "amount_fen": 0, "assessed": 0, "support": 0,
                "support_after_revision": 0, "not_support": 0, "declared_fen": 0,
                "approved_fen": 0, "reduction_rate_bp": 0}
        })
    );
    // Required: A, B (≥300万 新增) and G (its assessment deleted); N (200万) and V (延续) were
    // assessed without being required.
    let counts = c.list(year(2026)).counts;
    assert_eq!(
        (
            counts.required,
            counts.assessed,
            counts.missing,
            counts.other_assessed
        ),
        (3, 2, 1, 2)
    );
    let empty = c.db().read(|x| exante::stats(x, 2030)).expect("stats");
    assert_eq!((empty.assessed, empty.reduction_rate_bp), (0, 0));
}

#[test]
fn the_list_filters_by_status_conclusion_unit_and_search_and_pages() {
    let c = county();
    let other = add_unit(c.db(), "102", "县卫生健康局", UnitKind::Department, None);
    for i in 0..12 {
        let p = c.project(2026, &format!("P{i:02}"), "300", true);
        if i % 3 == 0 {
            c.save(&p, &input(if i == 0 { 6000 } else { 9500 }, "300", "300"))
                .expect("save");
        }
    }
    let mut h = project_input(2026, "H01", &other.id, "800");
    h.name = "乡镇卫生院改造".into();
    c.db()
        .write(&actor(), |ctx| projects::create_project(ctx, &h))
        .expect("h");
    let total = |q: ExAnteQuery| c.list(q).total;
    assert_eq!(total(year(2026)), 13);
    assert_eq!(
        total(ExAnteQuery {
            status: Some(ExAnteStatus::Missing),
            ..year(2026)
        }),
        9
    );
    assert_eq!(
        total(ExAnteQuery {
            status: Some(ExAnteStatus::Assessed),
            ..year(2026)
        }),
        4
    );
    assert_eq!(
        total(ExAnteQuery {
            conclusion: Some(ExAnteConclusion::NotSupport),
            ..year(2026)
        }),
        1
    );
    assert_eq!(
        total(ExAnteQuery {
            unit_id: Some(other.id.clone()),
            ..year(2026)
        }),
        1
    );
    assert_eq!(
        total(ExAnteQuery {
            search: Some("卫生院".into()),
            ..year(2026)
        }),
        1
    );
    let page2 = c.list(ExAnteQuery {
        page: 2,
        page_size: 5,
        ..year(2026)
    });
    assert_eq!((page2.total, page2.rows.len()), (13, 5));
    assert_eq!(page2.rows[0].code, "P04", "H01 sorts first");
    assert_eq!(
        page2.counts.required, 13,
        "counts cover the year, not the page"
    );
}

#[test]
fn the_sheet_keeps_the_names_of_the_rule_version_it_was_scored_under() {
    let c = county();
    let p = c.project(2026, "A", "500", true);
    c.save(&p, &input(9500, "500", "500")).expect("save");
    let mut r = RuleSet::default();
    r.ex_ante.aspects[0].items[0].name = "政策依据充分性".into();
    c.db()
        .write(&actor(), |ctx| rules::save(ctx, &r, "调整评分项"))
        .expect("rules");
    let sheet = c.db().read(|x| exante::get(x, &p.id)).expect("sheet");
    assert_eq!((sheet.rule_version, sheet.current_rule_version), (0, 1));
    assert_eq!(sheet.aspects[0].items[0].name, "政策相符性");
    assert_eq!(
        sheet.current_rules.aspects[0].items[0].name,
        "政策依据充分性"
    );
    // The old sheet can no longer be saved: the item names changed.
    let err = c
        .save(&p, &input(9500, "500", "500"))
        .expect_err("old names");
    assert!(err.to_string().contains("不是现行规则中的评分项"), "{err}");
    let mut fresh = input(9500, "500", "500");
    fresh.scores[0].item = "政策依据充分性".into();
    assert_eq!(c.save(&p, &fresh).expect("new names").rule_version, 1);
}

#[test]
fn a_rule_set_stored_without_aspects_loads_with_the_default_sheet() {
    let c = county();
    let old = r#"{"grade_bands":{"excellent_min_cp":9000,"good_min_cp":8000,"fair_min_cp":6000},
        "self_eval_weights":{"execution_cp":1000,"output_cp":5000,"benefit_cp":3000,"satisfaction_cp":1000},
        "ex_ante":{"threshold":500000000,"support_min_cp":9000,"revise_min_cp":7000},
        "quantification_floor_bp":7000,"warning":{"yellow_lag_bp":1500,"red_lag_bp":3000},
        "spot_check_share_bp":1000}"#;
    c.db()
        .read(|x| {
            x.execute(
                "INSERT INTO rule_set (id, version, body_json, note, created_by, created_at, updated_at)
                 VALUES ('old', 1, ?1, '旧版', '张三', '2024-01-01', '2024-01-01')",
                [old],
            )?;
            Ok(())
        })
        .expect("insert");
    let current = c.db().read(rules::current).expect("current");
    assert_eq!(current.version, 1);
    assert_eq!(current.rules.ex_ante.threshold, Fen::from_wan(500));
    assert_eq!(
        current.rules.ex_ante.aspects,
        rules::default_exante_aspects()
    );
}

#[test]
fn the_excel_list_has_one_row_per_assessment_with_aspect_scores_and_the_reduction() {
    let c = county();
    let a = c.project(2026, "A", "500", true);
    let b = c.project(2026, "B", "300", true);
    c.project(2026, "M", "300", true);
    let mut tp = input(8000, "500", "430");
    tp.assessor_type = AssessorType::ThirdParty;
    tp.assessor_org_id = Some(c.firm.id.clone());
    c.save(&a, &tp).expect("a");
    c.save(&b, &input(9750, "300", "300")).expect("b");
    let file = c.t.dir.path().join("事前评估.xlsx");
    let n = c
        .db()
        .read(|x| exante::export(x, &file, 2026))
        .expect("export");
    assert_eq!(n, 2);
    let mut book = open_workbook_auto(&file).expect("open");
    let range = book.worksheet_range_at(0).expect("sheet").expect("range");
    let rows: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
    let rows = super::common::below_title(rows, Some(2026));
    let header: Vec<String> = rows[0].iter().map(|d| d.to_string()).collect();
    assert_eq!(
        header,
        [
            "项目编码",
            "项目名称",
            "预算单位",
            "评估主体",
            "立项必要性",
            "投入经济性",
            "绩效目标合理性",
            "实施方案可行性",
            "筹资合规性",
            "总分",
            "评估结论",
            "申报金额（万元）",
            "审定金额（万元）",
            "审减额（万元）",
            "审减率",
            "评估意见"
        ]
    );
    let first = &rows[1];
    assert_eq!(first[0], Data::String("A".into()));
    assert_eq!(
        first[3],
        Data::String("第三方机构（华信正和会计师事务所）".into())
    );
    assert_eq!(first[4], Data::Float(0.0));
    assert_eq!(first[5], Data::Float(20.0));
    assert_eq!(first[9], Data::Float(80.0));
    assert_eq!(first[10], Data::String("调整完善后予以支持".into()));
    assert_eq!(
        (&first[11], &first[12], &first[13]),
        (&Data::Float(500.0), &Data::Float(430.0), &Data::Float(70.0))
    );
    assert_eq!(first[14], Data::Float(0.14));
    assert_eq!(rows[2][10], Data::String("予以支持".into()));
    assert_eq!(rows[3][0], Data::String("合计".into()));
    assert_eq!(rows[3][11], Data::Float(800.0));
    assert_eq!(rows[3][13], Data::Float(70.0));
}
