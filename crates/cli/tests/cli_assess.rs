//! 工作台 and 绩效管理工作考核 from the command line (issue 19's CLI contract): `todo --json` for
//! the signed-in account, `assess run|finalize|export`, `print assessment-notice`, on the demo
//! county (whose closed year 2025 has a finished 考核).

mod common;

use common::{cli, cli_as, demo, json};

#[test]
fn demo_county_has_a_finished_assessment_and_prints_its_notice() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let rows = json(&cli(
        &db,
        &[
            "assess", "run", "--year", "2025", "--kind", "部门", "--json",
        ],
    ));
    let rows = rows.as_array().expect("array");
    assert!(rows.len() >= 20, "every 主管部门 is assessed");
    let first = &rows[0];
    for key in [
        "unit_code",
        "unit_name",
        "items",
        "total_cp",
        "rank",
        "grade",
    ] {
        assert!(first.get(key).is_some(), "{key} in {first}");
    }
    assert_eq!(first["rank"], 1);
    let item = &first["items"][0];
    for key in ["item", "score_cp", "computed"] {
        assert!(item.get(key).is_some(), "{key} in {item}");
    }
    // Totals are non-increasing down the ranks; the item scores add up to the total.
    let totals: Vec<i64> = rows
        .iter()
        .map(|r| r["total_cp"].as_i64().expect("total"))
        .collect();
    assert!(totals.windows(2).all(|w| w[0] >= w[1]));
    for r in rows {
        let sum: i64 = r["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                let s = i["score_cp"].as_i64().expect("score");
                if i["method"] == "扣分" {
                    -s
                } else {
                    s
                }
            })
            .sum();
        assert_eq!(sum.max(0), r["total_cp"].as_i64().expect("total"));
    }
    // 2025 is finalised: finalising again is refused (exit 1, Chinese message).
    let again = cli(&db, &["assess", "finalize", "--year", "2025"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("已定稿"));
    // The 通报: issued once with a 文号, reprinted byte for byte.
    let pdf = dir.path().join("通报.pdf");
    let issued = json(&cli(
        &db,
        &[
            "print",
            "assessment-notice",
            "--year",
            "2025",
            "--out",
            pdf.to_str().expect("path"),
            "--json",
        ],
    ));
    let number = issued["number"].as_str().expect("number").to_string();
    assert!(number.contains("〔") && number.ends_with("号"), "{number}");
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"));
    let pdf2 = dir.path().join("通报2.pdf");
    let again = json(&cli(
        &db,
        &[
            "print",
            "assessment-notice",
            "--year",
            "2025",
            "--out",
            pdf2.to_str().expect("path"),
            "--json",
        ],
    ));
    assert_eq!(again["number"].as_str(), Some(number.as_str()));
    assert_eq!(std::fs::read(&pdf2).expect("pdf"), bytes);
    // The 2026 考核 is a draft and cannot be noticed yet.
    let early = cli(
        &db,
        &[
            "print",
            "assessment-notice",
            "--year",
            "2026",
            "--out",
            pdf2.to_str().expect("path"),
        ],
    );
    assert!(!early.status.success());
    // The score table.
    let xlsx = dir.path().join("考核.xlsx");
    json(&cli(
        &db,
        &[
            "assess",
            "export",
            xlsx.to_str().expect("path"),
            "--year",
            "2025",
            "--json",
        ],
    ));
    assert!(xlsx.exists());
}

#[test]
fn todo_lists_the_signed_in_accounts_cards() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let mine = json(&cli_as(&db, "xz301", &["todo", "--json"]));
    let cards = mine.as_array().expect("array");
    let kinds: Vec<&str> = cards.iter().filter_map(|c| c["kind"].as_str()).collect();
    assert!(kinds.contains(&"monitor_fill"), "{kinds:?}");
    assert!(
        !kinds.contains(&"target_review"),
        "a township reviews nothing: {kinds:?}"
    );
    for c in cards {
        assert!(c["count"].as_i64().is_some() && c["overdue"].as_i64().is_some());
    }
    let bureau = json(&cli(&db, &["todo", "--json"]));
    let kinds: Vec<&str> = bureau
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert!(
        kinds.contains(&"target_review") && !kinds.contains(&"monitor_fill"),
        "{kinds:?}"
    );
    // Without an account the command is refused.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(&db)
        .args(["todo", "--json"])
        .env_remove("JIXIAO_USER")
        .env_remove("JIXIAO_PASSWORD")
        .output()
        .expect("run");
    assert!(!out.status.success());
}
