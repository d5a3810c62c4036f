//! The 绩效目标申报表 workbook: merged cells filled down, imports arrive as 一上 (二上 after a
//! return), whole-file refusal, frozen targets protected, export → import unchanged.

use super::common::{actor, add_unit, project_input, temp_db, TempDb};
use jixiao_core::exchange::ImportOptions;
use jixiao_core::org::UnitKind;
use jixiao_core::projects;
use jixiao_core::targets::{self, CommentCategory, CommentInput, TargetQuery, TargetStatus};
use rust_xlsxwriter::{Format, Workbook};
use std::path::{Path, PathBuf};

const SUBMIT: ImportOptions = ImportOptions {
    submit: true,
    unit: None,
};

const HEADERS: [&str; 9] = [
    "项目编码",
    "总体目标",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "计量单位",
    "权重",
];

fn setup() -> TempDb {
    let t = temp_db();
    let u = add_unit(&t.db, "101", "县教育局", UnitKind::BudgetUnit, None);
    for code in ["JY-01", "JY-02"] {
        t.db.write(&actor(), |ctx| {
            projects::create_project(ctx, &project_input(2026, code, &u.id, "320"))
        })
        .expect("project");
    }
    t
}

/// A field-style workbook: a title row, then the header, with 项目编码/总体目标/一级/二级 merged
/// vertically the way county clerks lay them out.
fn field_workbook(dir: &Path, rows: &[[&str; 9]], merges: &[(u32, u32, u16)]) -> PathBuf {
    let path = dir.join("申报表.xlsx");
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.write_string(0, 0, "2026年度项目绩效目标申报表")
        .expect("title");
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(1, c as u16, *h).expect("header");
    }
    let merged_cells: Vec<(u32, u16)> = merges
        .iter()
        .flat_map(|(first, last, col)| (*first..=*last).map(move |r| (r, *col)))
        .collect();
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 2;
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() && !merged_cells.contains(&(r, c as u16)) {
                ws.write_string(r, c as u16, *text).expect("cell");
            }
        }
    }
    for (first, last, col) in merges {
        let text = rows[(*first - 2) as usize][*col as usize];
        ws.merge_range(*first, *col, *last, *col, text, &Format::new())
            .expect("merge");
    }
    book.save(&path).expect("save");
    path
}

fn good_rows() -> Vec<[&'static str; 9]> {
    vec![
        [
            "JY-01",
            "资助困难学生2600人",
            "产出指标",
            "数量指标",
            "资助学生人数",
            "≥",
            "2600",
            "人",
            "20",
        ],
        [
            "JY-01",
            "资助困难学生2600人",
            "产出指标",
            "数量指标",
            "覆盖学校数",
            ">=",
            "35",
            "所",
            "10",
        ],
        [
            "JY-01",
            "资助困难学生2600人",
            "产出指标",
            "时效指标",
            "资金发放及时率",
            "≥",
            "98",
            "%",
            "10",
        ],
        [
            "JY-01",
            "资助困难学生2600人",
            "效益指标",
            "社会效益",
            "因贫辍学情况",
            "定性",
            "有效遏制",
            "",
            "30",
        ],
        [
            "JY-01",
            "资助困难学生2600人",
            "满意度指标",
            "服务对象满意度",
            "受助学生满意度",
            "区间",
            "85~95",
            "%",
            "20",
        ],
        [
            "JY-02",
            "改造校舍1.2万平方米",
            "产出",
            "数量",
            "改造面积",
            "≥",
            "12000",
            "平方米",
            "",
        ],
        [
            "JY-02",
            "改造校舍1.2万平方米",
            "产出",
            "质量",
            "验收合格率",
            "=",
            "100",
            "%",
            "",
        ],
    ]
}

/// Rows 2–6 are JY-01 (sheet rows 3–7), rows 7–8 JY-02: merge code, goal, 一级, 二级 as a
/// county workbook does.
fn good_merges() -> Vec<(u32, u32, u16)> {
    vec![
        (2, 6, 0),
        (2, 6, 1),
        (2, 4, 2),
        (2, 3, 3),
        (7, 8, 0),
        (7, 8, 1),
        (7, 8, 2),
    ]
}

fn list(t: &TempDb) -> Vec<(String, Option<TargetStatus>, i64)> {
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
    .rows
    .into_iter()
    .map(|r| (r.code, r.status, r.indicators))
    .collect()
}

#[test]
fn a_field_workbook_with_merged_cells_imports_as_first_submissions() {
    let t = setup();
    let path = field_workbook(t.dir.path(), &good_rows(), &good_merges());
    // Without 导入即提交 the targets are saved as drafts (编制).
    let report = targets::import_targets(&t.db, &actor(), &path, 2026).expect("import");
    assert_eq!((report.rows, report.created, report.submitted), (7, 2, 0));
    assert!(list(&t)
        .iter()
        .all(|(_, s, _)| *s == Some(TargetStatus::Draft)));
    let report =
        targets::import_targets_with(&t.db, &actor(), &path, 2026, &SUBMIT).expect("submit");
    assert_eq!(
        (report.unchanged, report.submitted),
        (2, 2),
        "unchanged drafts are submitted when asked"
    );
    assert_eq!(
        list(&t),
        vec![
            ("JY-01".into(), Some(TargetStatus::FirstUp), 5),
            ("JY-02".into(), Some(TargetStatus::FirstUp), 2),
        ]
    );
    let id =
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
            .expect("id");
    let target = t.db.read(|c| targets::get_target(c, &id)).expect("get");
    assert_eq!(target.overall_goal, "资助困难学生2600人");
    let second = &target.indicators[1];
    assert_eq!(
        (
            second.level2.label(),
            second.nature.label(),
            second.value.as_str(),
            second.weight_cp
        ),
        ("数量指标", "≥", "35", Some(1000)),
        "merged 二级 filled down, '>=' read as ≥"
    );
    let range = &target.indicators[4];
    assert_eq!(
        (range.value.as_str(), range.value_high.as_deref()),
        ("85", Some("95"))
    );
    assert_eq!(target.quantification_bp, Some(8000));
}

#[test]
fn a_bad_workbook_is_refused_whole_naming_every_row() {
    let t = setup();
    let mut rows = good_rows();
    rows[1][6] = "约三十";
    rows[2][5] = "大约";
    rows[5][0] = "XX-99";
    rows[6][0] = "XX-99";
    let merges = vec![(2, 6, 0), (2, 6, 1), (2, 4, 2), (2, 3, 3)];
    let path = field_workbook(t.dir.path(), &rows, &merges);
    let err = targets::import_targets(&t.db, &actor(), &path, 2026).expect_err("refused");
    let problems: Vec<(u32, String)> = err
        .problems()
        .iter()
        .map(|p| (p.row, p.column.clone()))
        .collect();
    assert_eq!(
        problems,
        vec![
            (4, "指标值".into()),
            (5, "指标性质".into()),
            (8, "项目编码".into()),
        ]
    );
    assert!(
        err.to_string().contains("2026年度没有项目编码『XX-99』"),
        "{err}"
    );
    assert!(
        list(&t).iter().all(|(_, status, _)| status.is_none()),
        "nothing imported"
    );
}

#[test]
fn reimport_after_a_return_is_the_second_submission_and_approved_targets_are_protected() {
    let t = setup();
    let path = field_workbook(t.dir.path(), &good_rows(), &good_merges());
    targets::import_targets_with(&t.db, &actor(), &path, 2026, &SUBMIT).expect("import");
    let ids: Vec<String> =
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
        .rows
        .into_iter()
        .filter_map(|r| r.target_id)
        .collect();
    t.db.write(&actor(), |ctx| {
        targets::return_target(
            ctx,
            &ids[0],
            &[CommentInput {
                indicator_id: None,
                category: CommentCategory::Completeness,
                text: "缺少成本指标".into(),
            }],
        )?;
        targets::approve_target(ctx, &ids[1], "", None)
    })
    .expect("review");

    // The same file again: JY-02 is approved (二下) and unchanged, so it is skipped and counted;
    // JY-01 is unchanged too and, without 导入即提交, stays 一下.
    let report = targets::import_targets(&t.db, &actor(), &path, 2026).expect("same file");
    assert_eq!((report.locked, report.unchanged, report.updated), (1, 1, 0));
    assert_eq!(list(&t)[0].1, Some(TargetStatus::FirstDown));

    // JY-02 changed in the file (its row 8 指标值): the whole file is refused naming the row.
    let mut rows = good_rows();
    rows[5][6] = "99";
    let changed = field_workbook(t.dir.path(), &rows, &good_merges());
    let err =
        targets::import_targets_with(&t.db, &actor(), &changed, 2026, &SUBMIT).expect_err("frozen");
    assert!(err.to_string().contains("已『二下』批复并冻结"), "{err}");
    assert_eq!(err.problems()[0].row, 8, "{err}");
    assert_eq!(list(&t)[0].1, Some(TargetStatus::FirstDown));

    let only_first: Vec<[&str; 9]> = good_rows().into_iter().take(5).collect();
    let path = field_workbook(t.dir.path(), &only_first, &[(2, 6, 0), (2, 6, 1)]);
    targets::import_targets_with(&t.db, &actor(), &path, 2026, &SUBMIT).expect("resubmit");
    assert_eq!(list(&t)[0].1, Some(TargetStatus::SecondUp));
}

#[test]
fn an_exported_workbook_imports_back_unchanged() {
    let t = setup();
    let path = field_workbook(t.dir.path(), &good_rows(), &good_merges());
    targets::import_targets(&t.db, &actor(), &path, 2026).expect("import");
    let out = t.dir.path().join("导出.xlsx");
    let written =
        t.db.read(|c| targets::export_targets(c, &out, 2026))
            .expect("export");
    assert_eq!(written, 7);
    let report = targets::import_targets(&t.db, &actor(), &out, 2026).expect("reimport");
    assert_eq!(
        (report.created, report.updated, report.unchanged),
        (0, 0, 2)
    );
}

#[test]
fn a_goal_merged_across_two_projects_the_wps_way_reaches_both() {
    // WPS 「合并相同单元格」 merges the equal 总体目标 of JY-01 and JY-02 into one cell.
    let t = setup();
    let goal = "提升农村学校办学条件";
    let rows = vec![
        [
            "JY-01",
            goal,
            "产出指标",
            "数量指标",
            "资助学生人数",
            "≥",
            "2600",
            "人",
            "",
        ],
        [
            "JY-02",
            goal,
            "产出指标",
            "数量指标",
            "改造面积",
            "≥",
            "12000",
            "平方米",
            "",
        ],
    ];
    let path = field_workbook(t.dir.path(), &rows, &[(2, 3, 1)]);
    let report = targets::import_targets(&t.db, &actor(), &path, 2026).expect("import");
    assert_eq!((report.rows, report.created), (2, 2));
    let listed =
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
        .rows;
    for row in listed {
        let id = row.target_id.expect("target");
        let target = t.db.read(|c| targets::get_target(c, &id)).expect("get");
        assert_eq!(target.overall_goal, goal, "{}", row.code);
    }
}

#[test]
fn a_workbook_imported_for_one_unit_refuses_rows_of_another_unit() {
    let t = setup();
    let health = add_unit(&t.db, "102", "县卫健委", UnitKind::BudgetUnit, None);
    t.db.write(&actor(), |ctx| {
        ctx.execute(
            "UPDATE project SET unit_id = ?1 WHERE code = 'JY-02'",
            [&health.id],
        )?;
        Ok(())
    })
    .expect("move");
    let path = field_workbook(t.dir.path(), &good_rows(), &good_merges());
    // The dialog first shows which units the file touches.
    let touched =
        jixiao_core::exchange::unit_choice::units_touched(&t.db, &path, 2026).expect("touched");
    let shown: Vec<_> = touched
        .iter()
        .map(|u| (u.code.as_str(), u.name.as_str(), u.rows))
        .collect();
    assert_eq!(shown, vec![("101", "县教育局", 5), ("102", "县卫健委", 2)]);
    // Chosen as 县教育局's workbook: 县卫健委's rows refuse the file, each row named.
    let for_education = ImportOptions {
        submit: false,
        unit: Some("101".into()),
    };
    let err = targets::import_targets_with(&t.db, &actor(), &path, 2026, &for_education)
        .expect_err("another unit's rows");
    let jixiao_core::Error::Rejected(problems) = err else {
        panic!("not a row refusal: {err}");
    };
    let rows: Vec<u32> = problems.iter().map(|p| p.row).collect();
    assert_eq!(rows, vec![8, 9]);
    assert!(
        problems[0].message.contains("县卫健委") && problems[0].message.contains("县教育局"),
        "{}",
        problems[0].message
    );
    assert!(
        list(&t).iter().all(|(_, s, _)| s.is_none()),
        "nothing saved"
    );
    // An unknown unit code is named too.
    let unknown = ImportOptions {
        submit: false,
        unit: Some("999".into()),
    };
    let err = targets::import_targets_with(&t.db, &actor(), &path, 2026, &unknown)
        .expect_err("unknown unit")
        .to_string();
    assert!(err.contains("999"), "{err}");
    // The same file as the bureau's consolidated workbook goes in whole.
    let report = targets::import_targets(&t.db, &actor(), &path, 2026).expect("consolidated");
    assert_eq!(report.created, 2);
}
