//! `stats year` (年度总览) and `report annual` on the demo county.

mod common;

use common::{cli, demo, json};
use std::path::Path;
use std::process::Command;

/// A reading command run with no account at all (no --user, no password).
fn read_only(db: &Path, args: &[&str]) -> serde_json::Value {
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIXIAO_DB")
        .env_remove("JIXIAO_USER")
        .env_remove("JIXIAO_PASSWORD")
        .output()
        .expect("run jixiao-cli");
    json(&out)
}

#[test]
fn stats_year_json_has_every_stage_split_by_budget_and_the_previous_year_without_login() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("j.db");
    demo(&db);
    let v = read_only(&db, &["stats", "year", "--year", "2026", "--json"]);
    assert_eq!(v["year"], 2026);
    assert_eq!(v["county"], "示例县");
    for stage in ["exante", "targets", "monitoring", "evaluation", "results"] {
        assert!(v[stage]["total"].is_object(), "{stage}: {v}");
        assert_eq!(
            v[stage]["by_budget_type"].as_array().map(Vec::len),
            Some(4),
            "{stage}"
        );
        assert!(v[stage]["previous_year"].is_object(), "{stage}");
    }
    // 2026's previous year is the demo's closed 2025: the same figures as `stats year 2025`.
    let y25 = read_only(&db, &["stats", "year", "--year", "2025", "--json"]);
    for stage in ["exante", "targets", "evaluation"] {
        assert_eq!(v[stage]["previous_year"], y25[stage]["total"], "{stage}");
    }
    // The figures agree with each stage's own statistics command (amounts 分, rates bp).
    let ex = json(&cli(&db, &["exante", "stats", "--year", "2025", "--json"]));
    let e = &y25["exante"]["total"];
    assert_eq!(e["assessed"], ex["assessed"]);
    assert_eq!(e["declared_fen"], ex["declared_fen"]);
    assert_eq!(e["reduction_rate_bp"], ex["reduction_rate_bp"]);
    let ev = json(&cli(
        &db,
        &["evaluation", "stats", "--year", "2025", "--json"],
    ));
    let s = &y25["evaluation"]["total"];
    assert_eq!(s["self_required"], ev["self"]["required"]);
    assert_eq!(s["self_submitted"], ev["self"]["submitted"]);
    assert_eq!(s["self_execution_bp"], ev["self"]["execution_bp"]);
    assert_eq!(s["self_completion_bp"], ev["self"]["completion_bp"]);
    assert_eq!(s["spot_drawn"], ev["spot_check"]["drawn"]);
    assert_eq!(s["key_count"], ev["key"]["count"]);
    assert_eq!(s["key_amount_fen"], ev["key"]["amount_fen"]);
    assert_eq!(s["third_party_fee_fen"], ev["third_party"]["fee_fen"]);
    let rs = json(&cli(&db, &["results", "stats", "--year", "2025", "--json"]));
    let r = &y25["results"]["total"];
    assert_eq!(r["rect_open"], rs["rectifications"]["open"]);
    assert_eq!(r["linkage_cut_fen"], rs["budget_linkage"]["cut_fen"]);
    assert_eq!(r["disclosed"], rs["disclosure"]["public"]);
    // The four budgets' key-evaluation amounts add up to at most the total (policies and
    // townships have no project).
    let parts: i64 = y25["evaluation"]["by_budget_type"]
        .as_array()
        .expect("parts")
        .iter()
        .map(|p| p["figures"]["key_amount_fen"].as_i64().expect("amount"))
        .sum();
    assert!(parts > 0 && parts <= s["key_amount_fen"].as_i64().expect("total"));
}

#[test]
fn report_annual_writes_the_docx_and_the_pdf_and_texts_need_an_account() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("j.db");
    demo(&db);
    let texts = dir.path().join("texts.json");
    std::fs::write(
        &texts,
        r#"{"organization":"","documents":[],"problems":["绩效意识不强。"],"next_steps":["强化培训。"]}"#,
    )
    .expect("texts");
    let t = texts.to_str().expect("path");
    // Saving the texts is a write: refused without an account.
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(&db)
        .args(["report", "texts", "--year", "2025", "--set", t])
        .env_remove("JIXIAO_USER")
        .env_remove("JIXIAO_PASSWORD")
        .output()
        .expect("run");
    assert!(!out.status.success());
    let saved = json(&cli(
        &db,
        &["report", "texts", "--year", "2025", "--set", t, "--json"],
    ));
    assert_eq!(saved["problems"][0], "绩效意识不强。");
    for ext in ["docx", "pdf"] {
        let file = dir.path().join(format!("报告.{ext}"));
        let f = file.to_str().expect("path");
        let v = read_only(
            &db,
            &["report", "annual", "--year", "2025", "--out", f, "--json"],
        );
        assert_eq!(v["title"], "示例县2025年度全面预算绩效管理工作开展情况");
        let bytes = std::fs::read(&file).expect("written");
        assert!(bytes.starts_with(if ext == "pdf" { b"%PDF" } else { b"PK\x03\x04" }));
    }
    let pdf = dir.path().join("报告.pdf");
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext");
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("（一）绩效意识不强。"), "{text}");
    let y = read_only(&db, &["stats", "year", "--year", "2025", "--json"]);
    let rate = y["exante"]["total"]["reduction_rate_bp"]
        .as_i64()
        .expect("bp");
    assert!(
        text.contains(&format!("审减率{}.{:02}%", rate / 100, rate % 100)),
        "{text}"
    );
}

#[test]
fn report_npc_writes_the_key_project_and_result_tables_as_xlsx_and_pdf() {
    use calamine::{open_workbook, Reader, Xlsx};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("j.db");
    json(&cli(&db, &["demo", "--admin", "admin", "--json"]));
    let xlsx = dir.path().join("人大.xlsx");
    let v = read_only(
        &db,
        &[
            "report",
            "npc",
            "--year",
            "2025",
            "--out",
            xlsx.to_str().expect("path"),
            "--min-wan",
            "100",
            "--json",
        ],
    );
    assert_eq!(v["min_fen"], 100_000_000);
    let projects = v["projects"].as_u64().expect("projects");
    assert!(projects > 0, "{v}");
    // The demo's key evaluations and submitted 自评 of 2025, as `stats year` counts them.
    let y = read_only(&db, &["stats", "year", "--year", "2025", "--json"]);
    assert_eq!(v["key_evaluations"], y["evaluation"]["total"]["key_count"]);
    assert_eq!(
        v["self_evaluations"],
        y["evaluation"]["total"]["self_submitted"]
    );

    let mut book: Xlsx<_> = open_workbook(&xlsx).expect("open");
    let ws = book.worksheet_range("重点项目绩效目标表").expect("sheet");
    // One numbered row per project (the 序号 column), the 合计 line last.
    let numbered = ws
        .rows()
        .skip(2)
        .filter(|r| r[0].to_string().parse::<u64>().is_ok())
        .count() as u64;
    assert_eq!(numbered, projects);
    let total = ws
        .rows()
        .map(|r| r[0].to_string())
        .find(|t| t.starts_with("合计"))
        .expect("合计");
    assert!(
        total.starts_with(&format!("合计：{projects}个项目")),
        "{total}"
    );
    let results = book.worksheet_range("绩效评价结果表").expect("sheet 2");
    let n = v["key_evaluations"].as_u64().expect("k") + v["self_evaluations"].as_u64().expect("s");
    assert_eq!(results.rows().skip(2).count() as u64, n);

    let pdf = dir.path().join("人大.pdf");
    read_only(
        &db,
        &[
            "report",
            "npc",
            "--year",
            "2025",
            "--out",
            pdf.to_str().expect("path"),
            "--json",
        ],
    );
    assert!(std::fs::read(&pdf).expect("pdf").starts_with(b"%PDF"));
    // A bad line is refused with the option named.
    let out = Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(&db)
        .args([
            "report",
            "npc",
            "--year",
            "2025",
            "--out",
            "x.xlsx",
            "--min-wan",
            "多",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--min-wan"));
}
