//! 第三方机构: a 第三方机构评价 needs an engagement; related and excluded agencies are refused;
//! 清退提示 after two consecutive 不合格 only; and the demo county's key evaluations and agencies.

use super::common::actor;
use super::evaluation_key::{county, County};
use jixiao_core::evaluation::agency::{self, AgencyInput, EngagementInput, ReviewInput};
use jixiao_core::evaluation::key::{self, KeyEvalQuery};
use jixiao_core::evaluation::{AgencyType, EngagementStatus, KeyMethod, KeyStatus, QualityGrade};
use jixiao_core::Fen;

impl County {
    pub(super) fn agency(&self, code: &str, name: &str) -> String {
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

    pub(super) fn engage(
        &self,
        eval_id: &str,
        agency_id: &str,
        date: &str,
    ) -> jixiao_core::Result<String> {
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
    pub(super) fn review(&self, engagement_id: &str, parts: [i64; 5]) -> QualityGrade {
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
fn the_demo_county_grades_its_key_evaluations_like_county_b() {
    let t = crate::common::demo_county();
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
