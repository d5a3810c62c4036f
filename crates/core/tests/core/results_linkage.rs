//! 结果应用 — 预算挂钩 (suggestions per grade and the exact 压减 amount) and 公开, with their
//! workbooks read back cell by cell.

use super::common::{actor, add_unit, approved_project, indicator_row as row};
use super::results_rect::{county_at, key_eval, read_sheet, strings};
use calamine::Data;
use jixiao_core::indicator::{Level2, Nature};
use jixiao_core::org::UnitKind;
use jixiao_core::results::disclosure::{
    disclosure_counts, export_disclosure, list_disclosure, set_disclosure, DISCLOSURE_HEADERS,
};
use jixiao_core::results::linkage::{
    export_linkages, linkage_counts, list_linkages, propose_linkages, save_linkage, suggest,
    LinkageInput, FAIR_CUT_BP, LINKAGE_HEADERS,
};
use jixiao_core::results::LinkageAction;
use jixiao_core::rules::Grade;
use jixiao_core::Fen;

#[test]
fn suggestions_follow_the_grade_and_a_fair_result_is_cut_by_exactly_ten_percent() {
    assert_eq!(suggest(Grade::Excellent), (LinkageAction::Priority, None));
    assert_eq!(suggest(Grade::Good), (LinkageAction::AsJustified, None));
    assert_eq!(
        suggest(Grade::Fair),
        (LinkageAction::Cut, Some(FAIR_CUT_BP))
    );
    assert_eq!(suggest(Grade::Poor), (LinkageAction::Cancel, None));

    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None);
    let ind = || {
        vec![row(
            Level2::Quantity,
            "新建渠道",
            Nature::AtLeast,
            "10",
            "公里",
        )]
    };
    for code in ["K1", "K2", "K3", "K4"] {
        approved_project(&t, 2025, &u.id, code, "2000", ind());
    }
    // 1,286.50万 rated 中 → 压减 10% = 128.65万 = 128,650,000 分.
    key_eval(&t, "K1", "定稿", 1_286_500_000, 7500, "中", &[]);
    key_eval(&t, "K2", "定稿", 500_000_000, 9300, "优", &[]);
    key_eval(&t, "K3", "定稿", 300_000_000, 5500, "差", &[]);
    key_eval(&t, "K4", "定稿", 800_000_000, 8500, "良", &[]);
    let made =
        t.db.write(&actor(), |ctx| propose_linkages(ctx, 2025))
            .expect("propose");
    assert_eq!(made, 4);
    let rows = t.db.read(|c| list_linkages(c, 2025)).expect("list");
    let by = |code: &str| {
        rows.iter()
            .find(|r| r.project_code == code)
            .expect("row")
            .clone()
    };
    let k1 = by("K1");
    assert_eq!(
        (
            k1.action,
            k1.pct_bp,
            k1.amount,
            k1.next_year,
            k1.grade,
            k1.score_cp
        ),
        (
            LinkageAction::Cut,
            Some(1000),
            Fen(128_650_000),
            2026,
            Some(Grade::Fair),
            Some(7500)
        )
    );
    assert_eq!(
        (by("K2").action, by("K2").amount),
        (LinkageAction::Priority, Fen(0))
    );
    assert_eq!(
        (by("K3").action, by("K3").amount),
        (LinkageAction::Cancel, Fen(300_000_000))
    );
    assert_eq!(
        (by("K4").action, by("K4").amount),
        (LinkageAction::AsJustified, Fen(0))
    );
    assert_eq!(k1.eval_type, "重点评价");
    assert_eq!(
        t.db.write(&actor(), |ctx| propose_linkages(ctx, 2025))
            .expect("again"),
        0
    );
    assert_eq!(
        t.db.read(|c| linkage_counts(c, 2025)).expect("counts"),
        (128_650_000, 1, 1)
    );

    // The 预算股 edits: a share, an amount, and the refusals.
    let input = |action, pct: Option<i64>, amount: Option<&str>| LinkageInput {
        source_kind: "key_eval".into(),
        source_id: k1.source_id.clone(),
        action,
        pct_bp: pct,
        amount_wan: amount.map(str::to_string),
        next_year: 2026,
        note: "预算股核定".into(),
    };
    let save = |i: &LinkageInput| t.db.write(&actor(), |ctx| save_linkage(ctx, i));
    assert_eq!(
        save(&input(LinkageAction::Cut, Some(2500), None))
            .expect("25%")
            .amount,
        Fen(321_625_000)
    );
    assert_eq!(
        save(&input(LinkageAction::Cut, None, Some("200")))
            .expect("200万")
            .amount,
        Fen(200_000_000)
    );
    let err = save(&input(LinkageAction::Cut, None, None)).expect_err("neither");
    assert_eq!(err.to_string(), "『压减比例』压减须填写压减比例或调整金额");
    let err = save(&input(LinkageAction::Cut, None, Some("1300"))).expect_err("over");
    assert_eq!(
        err.to_string(),
        "『调整金额（万元）』1300.00 万元超过了评价对象的金额 1286.50 万元"
    );
    assert_eq!(
        save(&input(LinkageAction::Suspend, None, None))
            .expect("暂停")
            .amount,
        Fen(1_286_500_000)
    );
    assert_eq!(
        t.db.read(|c| list_linkages(c, 2025)).expect("list").len(),
        4
    );
    assert_eq!(
        t.db.read(|c| linkage_counts(c, 2025)).expect("counts"),
        (0, 1, 1)
    );

    let file = t.dir.path().join("预算挂钩.xlsx");
    assert_eq!(
        t.db.read(|c| export_linkages(c, &file, 2025))
            .expect("export"),
        4
    );
    let sheet = read_sheet(&file);
    assert_eq!(strings(&sheet[0]), LINKAGE_HEADERS);
    let k1_row = sheet
        .iter()
        .find(|r| r[0] == Data::String("K1".into()))
        .expect("K1 row");
    assert_eq!(
        k1_row[..],
        [
            Data::String("K1".into()),
            Data::String("项目K1".into()),
            Data::String("县水利局".into()),
            Data::String("重点评价".into()),
            Data::Float(75.0),
            Data::String("中".into()),
            Data::String("暂停".into()),
            Data::Empty,
            Data::Float(1286.5),
            Data::Float(2026.0),
            Data::String("预算股核定".into()),
        ]
    );
    let k2_row = sheet
        .iter()
        .find(|r| r[0] == Data::String("K2".into()))
        .expect("K2 row");
    assert_eq!(
        (&k2_row[6], &k2_row[8]),
        (&Data::String("优先保障".into()), &Data::Float(0.0))
    );
    let total = sheet.last().expect("total");
    assert_eq!(
        (&total[0], &total[1], &total[8]),
        (
            &Data::String("合计".into()),
            &Data::String("4 项".into()),
            &Data::Float(1586.5)
        )
    );
}

#[test]
fn reports_are_public_unless_marked_otherwise_with_a_reason() {
    let t = county_at(2026, 3, 1);
    let u = add_unit(&t.db, "101", "县水利局", UnitKind::BudgetUnit, None);
    approved_project(
        &t,
        2025,
        &u.id,
        "W1",
        "100",
        vec![row(
            Level2::Quantity,
            "新建渠道",
            Nature::AtLeast,
            "10",
            "公里",
        )],
    );
    let k = key_eval(&t, "W1", "定稿", 1_000_000, 8000, "良", &[]);
    let rows = t.db.read(|c| list_disclosure(c, 2025)).expect("list");
    let kinds: Vec<(&str, &str, bool)> = rows
        .iter()
        .map(|r| (r.kind_label.as_str(), r.code.as_str(), r.is_public))
        .collect();
    assert_eq!(
        kinds,
        [("绩效目标", "W1", true), ("重点评价报告", "W1", true)]
    );
    let target_id = rows[0].source_id.clone();
    let err =
        t.db.write(&actor(), |ctx| {
            set_disclosure(ctx, "key_eval", &k, false, " ")
        })
        .expect_err("no reason");
    assert_eq!(err.to_string(), "『不公开理由』不公开须填写理由（如涉密）");
    t.db.write(&actor(), |ctx| {
        set_disclosure(ctx, "key_eval", &k, false, "涉密")?;
        set_disclosure(ctx, "perf_target", &target_id, false, "涉密")
    })
    .expect("mark");
    let flag: (bool, String) =
        t.db.read(|c| {
            Ok(c.query_row(
                "SELECT is_public, not_public_reason FROM perf_target WHERE id = ?1",
                [&target_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .expect("flag");
    assert_eq!(flag, (false, "涉密".to_string()));
    assert_eq!(
        t.db.read(|c| disclosure_counts(c, 2025)).expect("counts"),
        (0, 2)
    );
    t.db.write(&actor(), |ctx| {
        set_disclosure(ctx, "key_eval", &k, true, "")
    })
    .expect("public again");
    assert_eq!(
        t.db.read(|c| disclosure_counts(c, 2025)).expect("counts"),
        (1, 1)
    );

    let file = t.dir.path().join("公开.xlsx");
    assert_eq!(
        t.db.read(|c| export_disclosure(c, &file, 2025))
            .expect("export"),
        2
    );
    let sheet = read_sheet(&file);
    assert_eq!(strings(&sheet[0]), DISCLOSURE_HEADERS);
    assert_eq!(
        sheet[1][..],
        [
            Data::Float(1.0),
            Data::String("绩效目标".into()),
            Data::String("W1".into()),
            Data::String("项目W1".into()),
            Data::String("县水利局".into()),
            Data::String("不公开".into()),
            Data::String("涉密".into()),
        ]
    );
    assert_eq!(
        (&sheet[2][5], &sheet[2][6]),
        (&Data::String("公开".into()), &Data::Empty)
    );
}
