//! 成本预算绩效分析 over hand-made projects: exact 单位成本, quartiles (even and odd counts),
//! outliers, versioned standards and 建议压减额; the cost sheet import refuses bad files whole.

use super::common::{actor, add_unit, project_input, temp_db};
use jixiao_core::access::{Actor, Role};
use jixiao_core::cost::{self, xlsx::COST_HEADERS, AdoptInput, StandardBasis};
use jixiao_core::db::Db;
use jixiao_core::org::UnitKind;
use jixiao_core::projects::create_project;
use jixiao_core::Error;
use std::path::Path;

fn write_xlsx(path: &Path, rows: &[Vec<&str>]) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).expect("cell");
        }
    }
    book.save(path).expect("save");
}

fn count(db: &Db, table: &str) -> i64 {
    db.read(|c| Ok(c.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?))
        .expect("count")
}

/// 县住建局 with G1..G4 (2025) and next-year rows of G1 (12 万) and G3 (30 万); G2 is adjusted to
/// 40 万 in 2025, G4 to 20 万.
fn county(db: &Db) -> String {
    let u = add_unit(db, "120", "县住建局", UnitKind::Department, None);
    db.write(&actor(), |ctx| {
        for (year, code, wan) in [
            (2025, "G1", "10"),
            (2025, "G2", "40"),
            (2025, "G3", "25"),
            (2025, "G4", "20"),
            (2025, "L1", "5"),
            (2025, "L2", "5"),
            (2025, "L3", "5"),
            (2026, "G1", "12"),
            (2026, "G3", "30"),
        ] {
            create_project(ctx, &project_input(year, code, &u.id, wan))?;
        }
        Ok(())
    })
    .expect("projects");
    u.id
}

/// G1: 10 座, 10 万 → 1 万元/座; G2: 20 座, 30 万 → 1.5 万; G3: 12.5 座, 25 万 → 2 万;
/// G4: 4 座, 20 万 → 5 万 (分: 1,000,000 / 1,500,000 / 2,000,000 / 5,000,000).
fn toilet_sheet(path: &Path) {
    let h = COST_HEADERS.to_vec();
    write_xlsx(
        path,
        &[
            vec!["2025年度 公厕管理成本测算表"],
            h,
            vec!["G1", "公厕座数", "10", "座", "4", "3", "2", "1"],
            vec!["G2", "公厕座数", "20", "座", "30", "", "", ""],
            vec!["G3", "公厕座数", "12.5", "座", "10", "10", "5", "0"],
            vec!["G4", "公厕座数", "4", "座", "8", "8", "2", "2"],
        ],
    );
}

#[test]
fn hand_made_projects_give_exact_quartiles_outliers_and_cuts() {
    let t = temp_db();
    county(&t.db);
    let file = t.dir.path().join("cost.xlsx");
    toilet_sheet(&file);
    let r = cost::xlsx::import(&t.db, &actor(), &file, 2025, "公厕管理").expect("import");
    assert_eq!((r.rows, r.created), (4, 4));

    let a =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "公厕管理"))
            .expect("analyse");
    let by = |code: &str| {
        a.projects
            .iter()
            .find(|p| p.code == code)
            .expect(code)
            .clone()
    };
    assert_eq!(by("G1").unit_cost_fen, 1_000_000);
    assert_eq!(by("G2").unit_cost_fen, 1_500_000);
    assert_eq!(by("G3").unit_cost_fen, 2_000_000);
    assert_eq!(by("G3").quantity, "12.5");
    assert_eq!(by("G4").unit_cost_fen, 5_000_000);
    // Even count (QUARTILE.INC): P25 = 1.0 + 0.75 × 0.5 万, median = (1.5 + 2.0)/2, P75 = 2.0 + 0.25 × 3.0.
    assert_eq!(a.p25_fen, Some(1_375_000));
    assert_eq!(a.median_fen, Some(1_750_000));
    assert_eq!(a.p75_fen, Some(2_750_000));
    // Fences P25 − 1.5·IQR = −687,500, P75 + 1.5·IQR = 4,812,500: only G4 is an outlier.
    assert_eq!(a.high_fence_fen, Some(4_812_500));
    assert_eq!(by("G4").outlier.as_deref(), Some("偏高"));
    assert!(a
        .projects
        .iter()
        .filter(|p| p.code != "G4")
        .all(|p| p.outlier.is_none()));
    assert_eq!(by("G4").deviation_bp, Some(18_571));
    assert_eq!(by("G1").deviation_bp, Some(-4_286));
    // No standard yet: no cut.
    assert_eq!(a.suggested_cut_fen, 0);
    assert_eq!(a.projects[0].code, "G4", "highest unit cost first");

    // Adopt the median: 1.75 万元/座.
    let s1 =
        t.db.write(&actor(), |ctx| {
            cost::adopt_standard(
                ctx,
                &AdoptInput {
                    year: 2025,
                    field: "公厕管理".into(),
                    basis: StandardBasis::Median,
                    custom_yuan: None,
                    note: "按中位数".into(),
                },
            )
        })
        .expect("adopt");
    assert_eq!((s1.version, s1.unit_cost_fen), (1, 1_750_000));
    let a =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "公厕管理"))
            .expect("analyse");
    let by = |code: &str| {
        a.projects
            .iter()
            .find(|p| p.code == code)
            .expect(code)
            .clone()
    };
    // G1: 2026 request 12 万 ≤ 10 × 1.75 = 17.5 万 → 0.
    assert_eq!(by("G1").request_source, "2026年年初预算");
    assert_eq!(by("G1").suggested_cut_fen, 0);
    // G2: no 2026 row, adjusted 40 万 − 20 × 1.75 = 35 万 → 5 万.
    assert_eq!(by("G2").request_source, "2025年调整后预算");
    assert_eq!(by("G2").suggested_cut_fen, 5_000_000);
    // G3: 30 万 − 12.5 × 1.75 = 21.875 万 → 8.125 万; G4: 20 − 4 × 1.75 = 13 万.
    assert_eq!(by("G3").allowed_fen, Some(21_875_000));
    assert_eq!(by("G3").suggested_cut_fen, 8_125_000);
    assert_eq!(by("G4").suggested_cut_fen, 13_000_000);
    assert_eq!(a.suggested_cut_fen, 26_125_000);
    assert_eq!(
        t.db.read(|c| cost::year_cut_fen(c, 2025)).expect("year"),
        26_125_000
    );
    let overview =
        t.db.read(|c| {
            jixiao_core::reports::year_overview(
                c,
                2025,
                chrono::NaiveDate::from_ymd_opt(2025, 12, 31).expect("d"),
            )
        })
        .expect("overview");
    assert_eq!(overview.results.total.cost_cut_fen, 26_125_000);

    // A second adoption is a new version; the first stays as it was.
    let s2 =
        t.db.write(&actor(), |ctx| {
            cost::adopt_standard(
                ctx,
                &AdoptInput {
                    year: 2025,
                    field: "公厕管理".into(),
                    basis: StandardBasis::Custom,
                    custom_yuan: Some("20000".into()),
                    note: String::new(),
                },
            )
        })
        .expect("adopt 2");
    assert_eq!((s2.version, s2.unit_cost_fen), (2, 2_000_000));
    let all =
        t.db.read(|c| cost::standards(c, 2025, "公厕管理"))
            .expect("list");
    assert_eq!(all.len(), 2);
    assert_eq!(all[1], s1, "version 1 unchanged");
    let a =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "公厕管理"))
            .expect("analyse");
    // 40 − 40 = 0; 30 − 25 = 5 万; 20 − 8 = 12 万.
    assert_eq!(a.suggested_cut_fen, 17_000_000);
    let adopted: i64 = t
        .db
        .read(|c| {
            Ok(c.query_row(
                "SELECT COUNT(*) FROM audit_log WHERE action = 'adopt' AND entity = 'cost_standard'",
                [],
                |r| r.get(0),
            )?)
        })
        .expect("audit");
    assert_eq!(adopted, 2);

    // Odd count: 3 路灯 projects at 300 / 100 / 200 元 per 盏 → P25 150, median 200, P75 250.
    let lamps = t.dir.path().join("lamps.xlsx");
    let h = COST_HEADERS.to_vec();
    write_xlsx(
        &lamps,
        &[
            h,
            vec!["L1", "路灯盏数", "100", "盏", "3", "", "", ""],
            vec!["L2", "路灯盏数", "100", "盏", "1", "", "", ""],
            vec!["L3", "路灯盏数", "50", "盏", "0.5", "0.5", "", ""],
        ],
    );
    cost::xlsx::import(&t.db, &actor(), &lamps, 2025, "路灯维护").expect("lamps");
    let a =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "路灯维护"))
            .expect("analyse");
    assert_eq!(
        (a.p25_fen, a.median_fen, a.p75_fen),
        (Some(15_000), Some(20_000), Some(25_000))
    );
    assert_eq!(a.driver.as_deref(), Some("路灯盏数"));

    // Export → re-import changes nothing.
    let out = t.dir.path().join("out.xlsx");
    assert_eq!(
        t.db.read(|c| cost::xlsx::export(c, &out, 2025, "公厕管理"))
            .expect("export"),
        4
    );
    let again = cost::xlsx::import(&t.db, &actor(), &out, 2025, "公厕管理").expect("re-import");
    assert_eq!((again.unchanged, again.created, again.updated), (4, 0, 0));
    let std_file = t.dir.path().join("std.xlsx");
    assert_eq!(
        t.db.read(|c| cost::xlsx::export_standards(c, &std_file, 2025))
            .expect("std"),
        1
    );
}

#[test]
fn a_bad_cost_sheet_is_refused_whole_naming_row_and_column() {
    let t = temp_db();
    county(&t.db);
    let good = t.dir.path().join("good.xlsx");
    toilet_sheet(&good);
    cost::xlsx::import(&t.db, &actor(), &good, 2025, "公厕管理").expect("import");
    let before = (count(&t.db, "cost_item"), count(&t.db, "audit_log"));
    let snapshot =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "公厕管理"))
            .expect("analyse");

    let bad = t.dir.path().join("bad.xlsx");
    let h = COST_HEADERS.to_vec();
    write_xlsx(
        &bad,
        &[
            h,
            vec!["G1", "公厕座数", "11", "座", "5", "0", "0", "0"],
            vec!["G2", "公厕座数", "约五十", "座", "1", "", "", ""],
            vec!["X9", "公厕座数", "3", "座", "1", "", "", ""],
            vec!["G3", "保洁面积", "3", "万平方米", "1", "", "", ""],
            vec!["G4", "公厕座数", "3", "座", "-1", "", "", "abc"],
        ],
    );
    let e = cost::xlsx::import(&t.db, &actor(), &bad, 2025, "公厕管理").expect_err("refused");
    let Error::Rejected(problems) = e else {
        panic!("expected row problems, got {e:?}")
    };
    let at = |row: u32, col: &str| problems.iter().any(|p| p.row == row && p.column == col);
    assert!(at(3, "数量"), "{problems:?}");
    assert!(at(4, "项目编码"), "{problems:?}");
    assert!(at(5, "成本动因"), "{problems:?}");
    assert!(at(6, "人员成本（万元）"), "{problems:?}");
    assert!(at(6, "其他成本（万元）"), "{problems:?}");
    assert!(!problems.iter().any(|p| p.row == 2), "row 2 is fine");
    assert_eq!(
        (count(&t.db, "cost_item"), count(&t.db, "audit_log")),
        before
    );
    let after =
        t.db.read(|c| cost::analyse(c, &actor(), 2025, "公厕管理"))
            .expect("analyse");
    assert_eq!(after, snapshot, "G1 kept its 10 座");

    // An unknown field and a missing column refuse too, and change nothing.
    let e = cost::xlsx::import(&t.db, &actor(), &good, 2025, "不存在的领域").expect_err("field");
    assert!(e.to_string().contains("成本领域"), "{e}");
    let short = t.dir.path().join("short.xlsx");
    write_xlsx(
        &short,
        &[
            vec!["项目编码", "成本动因", "数量"],
            vec!["G1", "公厕座数", "3"],
        ],
    );
    assert!(matches!(
        cost::xlsx::import(&t.db, &actor(), &short, 2025, "公厕管理"),
        Err(Error::Rejected(_))
    ));
    assert_eq!(
        (count(&t.db, "cost_item"), count(&t.db, "audit_log")),
        before
    );
}

#[test]
fn only_the_bureau_adopts_standards_and_a_unit_sees_its_own_rows() {
    let t = temp_db();
    let unit = county(&t.db);
    let other = add_unit(&t.db, "130", "县教育局", UnitKind::Department, None);
    let file = t.dir.path().join("cost.xlsx");
    toilet_sheet(&file);
    cost::xlsx::import(&t.db, &actor(), &file, 2025, "公厕管理").expect("import");
    let reader = Actor::account("a-ro", "ro", "领导", "县政府", vec![Role::ReadOnly], None);
    let e =
        t.db.write(&reader, |ctx| {
            cost::adopt_standard(
                ctx,
                &AdoptInput {
                    year: 2025,
                    field: "公厕管理".into(),
                    basis: StandardBasis::Median,
                    custom_yuan: None,
                    note: String::new(),
                },
            )
        })
        .expect_err("read-only");
    assert!(matches!(e, Error::Forbidden(_)), "{e:?}");
    assert_eq!(count(&t.db, "cost_standard"), 0);
    // 单位填报 of another unit: no rows of 县住建局, but the county's quartiles.
    let filler = Actor::account(
        "a-u",
        "u",
        "王",
        "县教育局",
        vec![Role::UnitFiller],
        Some(other.id),
    );
    let a =
        t.db.read(|c| cost::analyse(c, &filler, 2025, "公厕管理"))
            .expect("analyse");
    assert!(a.projects.is_empty());
    assert_eq!((a.median_fen, a.county_count), (Some(1_750_000), 4));
    let own = Actor::account(
        "a-z",
        "z",
        "李",
        "县住建局",
        vec![Role::UnitFiller],
        Some(unit),
    );
    let a =
        t.db.read(|c| cost::analyse(c, &own, 2025, "公厕管理"))
            .expect("analyse");
    assert_eq!(a.projects.len(), 4);
}

#[test]
fn the_standards_table_prints_as_a_pdf_with_the_current_versions() {
    let t = temp_db();
    county(&t.db);
    let file = t.dir.path().join("cost.xlsx");
    toilet_sheet(&file);
    cost::xlsx::import(&t.db, &actor(), &file, 2025, "公厕管理").expect("import");
    let fonts = jixiao_gongwen::FontSet::discover(&jixiao_gongwen::FontConfig::default())
        .expect("CJK fonts installed");
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("date");
    let e =
        t.db.read(|c| cost::print::standards_pdf(c, 2025, &fonts, day))
            .expect_err("nothing adopted yet");
    assert!(e.to_string().contains("还没有采用"), "{e}");
    for basis in [StandardBasis::Median, StandardBasis::P75] {
        t.db.write(&actor(), |ctx| {
            cost::adopt_standard(
                ctx,
                &AdoptInput {
                    year: 2025,
                    field: "公厕管理".into(),
                    basis,
                    custom_yuan: None,
                    note: String::new(),
                },
            )
        })
        .expect("adopt");
    }
    let pdf =
        t.db.read(|c| cost::print::standards_pdf(c, 2025, &fonts, day))
            .expect("pdf");
    let path = t.dir.path().join("std.pdf");
    std::fs::write(&path, &pdf).expect("write");
    let out = std::process::Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("2025年度成本定额标准表"), "{text}");
    // Only the current version (第2版, P75 = 27,500.00 元/座) is listed.
    assert!(
        text.contains("27500.00") && text.contains("第2版"),
        "{text}"
    );
    assert!(!text.contains("第1版"), "{text}");
}
