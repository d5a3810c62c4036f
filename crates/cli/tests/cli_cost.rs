//! 成本预算绩效分析 from the command line (issue 21's contract): `cost fields`, `cost analyse
//! --json` keys and figures on the demo county, and `cost import` refusing a bad sheet.

mod common;

use common::{cli, cli_as, json};

#[test]
fn demo_county_cost_analysis_keeps_the_json_contract() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&cli(&db, &["demo", "--admin", "admin", "--json"]));
    let fields = json(&cli(&db, &["cost", "fields", "--json"]));
    let names: Vec<&str> = fields
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert_eq!(
        names,
        ["城乡环卫", "学前教育", "校车补贴", "公厕管理", "路灯维护"]
    );

    let mut total_cut = 0;
    for field in names {
        let a = json(&cli(
            &db,
            &[
                "cost", "analyse", "--field", field, "--year", "2025", "--json",
            ],
        ));
        let keys: Vec<&String> = a.as_object().expect("object").keys().collect();
        assert_eq!(
            keys,
            [
                "median_fen",
                "p25_fen",
                "p75_fen",
                "projects",
                "suggested_cut_fen"
            ],
            "{field}"
        );
        let projects = a["projects"].as_array().expect("projects");
        assert!(!projects.is_empty(), "{field} has demo cost data");
        for p in projects {
            let mut k: Vec<&String> = p.as_object().expect("row").keys().collect();
            k.sort();
            assert_eq!(k, ["code", "deviation_bp", "quantity", "unit_cost_fen"]);
            assert!(p["unit_cost_fen"].as_i64().expect("fen") > 0);
        }
        let (p25, med, p75) = (
            a["p25_fen"].as_i64().expect("p25"),
            a["median_fen"].as_i64().expect("median"),
            a["p75_fen"].as_i64().expect("p75"),
        );
        assert!(p25 <= med && med <= p75, "{field}");
        total_cut += a["suggested_cut_fen"].as_i64().expect("cut");
    }
    // The demo's adopted standards cut a believable 冠县-sized amount (about 100 万元), and the
    // same total is the 年度总览 figure.
    assert!(
        (50_000_000..=200_000_000).contains(&total_cut),
        "{total_cut}"
    );
    let overview = json(&cli(&db, &["stats", "year", "--year", "2025", "--json"]));
    assert_eq!(overview["results"]["total"]["cost_cut_fen"], total_cut);

    // A bad sheet is refused naming row and column, and changes nothing.
    let before = json(&cli(
        &db,
        &[
            "cost",
            "analyse",
            "--field",
            "公厕管理",
            "--year",
            "2025",
            "--json",
        ],
    ));
    let code = before["projects"][0]["code"]
        .as_str()
        .expect("code")
        .to_string();
    let bad = dir.path().join("bad.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    let rows = [
        vec![
            "项目编码",
            "成本动因",
            "数量",
            "计量单位",
            "人员成本（万元）",
            "运维成本（万元）",
            "材料成本（万元）",
            "其他成本（万元）",
        ],
        vec![code.as_str(), "公厕座数", "1", "座", "1", "1", "1", "1"],
        vec![code.as_str(), "公厕座数", "零", "座", "1", "1", "1", "1"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            ws.write_string(r as u32, c as u16, *cell).expect("cell");
        }
    }
    book.save(&bad).expect("save");
    let out = cli_as(
        &db,
        "jxg",
        &[
            "cost",
            "import",
            bad.to_str().expect("path"),
            "--field",
            "公厕管理",
            "--year",
            "2025",
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("第3行") && err.contains("数量"), "{err}");
    let after = json(&cli(
        &db,
        &[
            "cost",
            "analyse",
            "--field",
            "公厕管理",
            "--year",
            "2025",
            "--json",
        ],
    ));
    assert_eq!(after, before);
}
