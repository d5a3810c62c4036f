//! The CLI as an admin or script uses it: exit codes, JSON on stdout, Chinese errors on stderr.

mod common;

use common::{cli, demo, init, json};
use std::path::Path;

fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn demo_then_projects_list_json_lists_the_demo_projects() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    let out = cli(&db, &["demo", "--admin", "admin"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("示例县"));

    let out = cli(&db, &["projects", "list", "--json"]);
    assert!(out.status.success());
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json array");
    assert!(
        (450..=550).contains(&rows.len()),
        "{} demo projects",
        rows.len()
    );
    let years: std::collections::BTreeSet<i64> = rows
        .iter()
        .filter_map(|r| r["fiscal_year"].as_i64())
        .collect();
    assert_eq!(years.into_iter().collect::<Vec<_>>(), vec![2025, 2026]);

    let out = cli(&db, &["projects", "list", "--year", "2026", "--json"]);
    let rows2026: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    assert!(rows2026.iter().all(|r| r["fiscal_year"] == 2026));
    assert!(rows2026.len() < rows.len());

    let again = cli(&db, &["demo", "--admin", "admin"]);
    assert_eq!(
        again.status.code(),
        Some(1),
        "demo refuses a database with data"
    );
    assert!(String::from_utf8_lossy(&again.stderr).contains("空白数据库"));
}

#[test]
fn export_import_round_trip_and_check_and_backup() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    assert!(cli(&db, &["demo", "--admin", "admin", "--seed", "7"])
        .status
        .success());
    let units = dir.path().join("units.xlsx");
    let projects = dir.path().join("projects.xlsx");
    assert!(
        cli(&db, &["units", "export", units.to_str().expect("utf8")])
            .status
            .success()
    );
    assert!(cli(
        &db,
        &["projects", "export", projects.to_str().expect("utf8")]
    )
    .status
    .success());

    let fresh = dir.path().join("fresh.db");
    assert!(init(&fresh).status.success());
    let out = cli(
        &fresh,
        &["units", "import", units.to_str().expect("utf8"), "--json"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = cli(
        &fresh,
        &[
            "projects",
            "import",
            projects.to_str().expect("utf8"),
            "--json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let listed: Vec<serde_json::Value> =
        serde_json::from_slice(&cli(&db, &["projects", "list", "--json"]).stdout).expect("json");
    assert_eq!(report["created"].as_u64(), Some(listed.len() as u64));

    let out = cli(&fresh, &["check", "--json"]);
    assert!(out.status.success());
    let check: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(check["ok"], true);

    let bak = dir.path().join("bak.db");
    assert!(cli(&fresh, &["backup", bak.to_str().expect("utf8")])
        .status
        .success());
    assert!(bak.metadata().expect("backup written").len() > 0);
}

#[test]
fn a_workbook_with_bad_rows_is_refused_whole_with_every_row_named() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let before: Vec<serde_json::Value> =
        serde_json::from_slice(&cli(&db, &["projects", "list", "--json"]).stdout).expect("json");
    let out = cli(
        &db,
        &["projects", "import", &fixture("projects_bad_openpyxl.xlsx")],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("未导入任何数据"), "{err}");
    assert!(
        err.matches("第").count() >= 3,
        "every bad row is named: {err}"
    );
    let after: Vec<serde_json::Value> =
        serde_json::from_slice(&cli(&db, &["projects", "list", "--json"]).stdout).expect("json");
    assert_eq!(before.len(), after.len(), "nothing imported");
}

#[test]
fn a_missing_file_is_a_chinese_error_with_exit_code_1() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    let out = cli(&db, &["units", "import", "/nonexistent/单位.xlsx"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("错误："));
}

#[test]
fn targets_stats_export_and_batch_approval_on_the_demo_county() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);

    let s = json(&cli(&db, &["targets", "stats", "--year", "2026", "--json"]));
    let mut keys: Vec<&str> = s
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "comments",
            "comments_resolved",
            "indicators_l2",
            "indicators_l3",
            "quantification_rate_bp",
            "quantitative_l3",
            "targets",
            "units_below_floor"
        ]
    );
    let (l3, q) = (
        s["indicators_l3"].as_i64().unwrap(),
        s["quantitative_l3"].as_i64().unwrap(),
    );
    assert!(l3 > 1000 && q < l3, "{s}");
    assert_eq!(
        s["quantification_rate_bp"].as_i64().unwrap(),
        (q * 20_000 + l3) / (2 * l3)
    );
    assert!(s["comments"].as_i64().unwrap() > s["comments_resolved"].as_i64().unwrap());

    let file = dir.path().join("申报表.xlsx");
    let exported = json(&cli(
        &db,
        &[
            "targets",
            "export",
            file.to_str().unwrap(),
            "--year",
            "2026",
            "--json",
        ],
    ));
    assert_eq!(exported["rows"].as_i64().unwrap(), l3 - unit_rows(&db));
    // The demo has approved targets; unchanged in the file, they are skipped and counted.
    let again = cli(
        &db,
        &[
            "targets",
            "import",
            file.to_str().unwrap(),
            "--year",
            "2026",
        ],
    );
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(
        said.contains("已锁定未修改") && said.contains("张，跳过"),
        "{said}"
    );

    let usage = cli(&db, &["targets", "approve", "--year", "2026"]);
    assert_eq!(usage.status.code(), Some(1), "--all is required");
    let r = json(&cli(
        &db,
        &[
            "targets",
            "approve",
            "--year",
            "2026",
            "--all",
            "--second-reviewer",
            "ywgs",
            "--json",
        ],
    ));
    assert!(r["approved"].as_i64().unwrap() > 0);
    let again = json(&cli(
        &db,
        &[
            "targets",
            "approve",
            "--year",
            "2026",
            "--all",
            "--second-reviewer",
            "ywgs",
            "--json",
        ],
    ));
    assert_eq!(again["approved"], 0, "nothing left to approve");
    // Targets of 不予支持 projects are reported, not approved.
    let skipped = r["skipped"].as_array().expect("skipped");
    assert!(
        skipped
            .iter()
            .all(|s| s.as_str().unwrap_or("").contains("不予支持")),
        "{r}"
    );
    // Approval resolves the open comments of the targets it approves.
    let c = rusqlite::Connection::open(&db).expect("open");
    let open_elsewhere: i64 = c
        .query_row(
            "SELECT COUNT(*) FROM target_comment m JOIN perf_target t ON t.id = m.target_id
             WHERE m.resolved = 0 AND t.status = '二下'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(open_elsewhere, 0);
}

/// 三级指标 rows of 部门整体 targets (the 申报表 holds project targets only).
fn unit_rows(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row(
        "SELECT COUNT(*) FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
         WHERE t.kind = '部门整体' AND t.fiscal_year = 2026 AND t.is_current = 1
           AND i.deleted_at IS NULL AND t.deleted_at IS NULL",
        [],
        |r| r.get(0),
    )
    .expect("count")
}

#[test]
fn init_installs_the_library_and_export_then_import_changes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    let first = json(&init(&db));
    assert_eq!(first["library_installed"], true);
    let again = json(&init(&db));
    assert_eq!(again["library_installed"], false, "installed once");

    let stats = json(&cli(&db, &["library", "stats", "--json"]));
    assert_eq!(stats["categories"], 16);
    let indicators = stats["indicators"].as_u64().expect("indicators");
    assert!(indicators > 0);
    assert!(stats["core"].as_u64().expect("core") > 0);
    assert!(stats["cases"].as_u64().expect("cases") >= 16);

    let file = dir.path().join("指标库.xlsx");
    let file = file.to_str().expect("utf8");
    let exported = json(&cli(&db, &["library", "export", file, "--json"]));
    assert_eq!(exported["rows"].as_u64(), Some(indicators));
    let imported = json(&cli(&db, &["library", "import", file, "--json"]));
    assert_eq!(imported["rows"].as_u64(), Some(indicators));
    assert_eq!(imported["unchanged"].as_u64(), Some(indicators));
    assert_eq!(imported["created"], 0);
    assert_eq!(imported["updated"], 0);
    assert_eq!(json(&cli(&db, &["library", "stats", "--json"])), stats);

    let text = cli(&db, &["library", "stats"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("16 个分类"));
}

#[test]
fn demo_loads_the_library_too() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let stats = json(&cli(&db, &["library", "stats", "--json"]));
    assert_eq!(stats["categories"], 16);
}

#[test]
fn exante_stats_json_has_exactly_the_documented_fields_and_export_writes_the_list() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let out = cli(&db, &["exante", "stats", "--year", "2026", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let keys: Vec<&str> = stats
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = vec![
        "assessed",
        "support",
        "support_after_revision",
        "not_support",
        "declared_fen",
        "approved_fen",
        "reduction_rate_bp",
        "policies",
        "bonds",
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
    // The demo's two policies run 2025–2027; 工业技术改造综合奖补资金 is assessed (88.50 分).
    let p = &stats["policies"];
    assert_eq!(p["count"], 2);
    assert_eq!(p["assessed"], 1);
    assert_eq!(p["support_after_revision"], 1);
    assert!(p["amount_fen"].as_i64().expect("amount") > 0);
    let b = &stats["bonds"];
    assert!(b["assessed"].as_i64().expect("bonds") <= b["count"].as_i64().expect("count"));
    let n = |k: &str| stats[k].as_i64().expect(k);
    assert!(n("assessed") > 0);
    assert_eq!(
        n("support") + n("support_after_revision") + n("not_support"),
        n("assessed")
    );
    let (d, a) = (n("declared_fen"), n("approved_fen"));
    assert_eq!(n("reduction_rate_bp"), ((d - a) * 10_000 + d / 2) / d);

    let text = cli(&db, &["exante", "stats", "--year", "2026"]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("2026年度事前绩效评估：已评估"));

    let file = dir.path().join("事前评估.xlsx");
    let out = cli(
        &db,
        &[
            "exante",
            "export",
            file.to_str().expect("utf8"),
            "--year",
            "2026",
            "--json",
        ],
    );
    assert!(out.status.success());
    let written: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(written["rows"].as_i64(), Some(n("assessed")));
    assert!(file.metadata().expect("file written").len() > 0);

    let missing = cli(&db, &["exante", "stats"]);
    assert_eq!(missing.status.code(), Some(2), "--year is required");
}

#[test]
fn monitoring_open_export_import_and_stats_on_the_demo_county() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    // The demo has a closed 2025 round and an open 2026 one; open a key round for 1–9月.
    let r = json(&cli(
        &db,
        &[
            "monitoring",
            "open",
            "--year",
            "2026",
            "--month",
            "9",
            "--kind",
            "重点",
            "--json",
        ],
    ));
    assert_eq!(r["kind"], "重点监控");
    assert_eq!(r["due_date"], "2026-10-10");
    let round = r["id"].as_str().expect("id").to_string();
    let rounds = json(&cli(
        &db,
        &["monitoring", "list", "--year", "2026", "--json"],
    ));
    assert_eq!(rounds.as_array().expect("rounds").len(), 2);

    let s = json(&cli(
        &db,
        &["monitoring", "stats", "--round", &round, "--json"],
    ));
    let mut keys: Vec<&str> = s
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "actions_fen",
            "budget_fen",
            "completion_rate_bp",
            "deviation_bp",
            "executed_fen",
            "execution_rate_bp",
            "projects",
            "warnings"
        ]
    );
    assert_eq!(s["projects"], r["tasks"]);
    assert_eq!(s["executed_fen"], 0, "nothing filled yet");
    assert_eq!(
        s["warnings"],
        serde_json::json!({"red": 0, "yellow": 0, "green": 0})
    );

    let file = dir.path().join("监控情况表.xlsx");
    let file = file.to_str().expect("utf8");
    let exported = json(&cli(
        &db,
        &["monitoring", "export", file, "--round", &round, "--json"],
    ));
    assert!(exported["rows"].as_i64().expect("rows") > 100);
    // Unfilled rows import back as unfilled: nothing is written, none submitted.
    let imported = json(&cli(
        &db,
        &["monitoring", "import", file, "--round", &round, "--json"],
    ));
    assert_eq!(imported["unchanged"], r["tasks"]);
    assert_eq!(
        (imported["updated"].as_i64(), imported["submitted"].as_i64()),
        (Some(0), Some(0))
    );
    let bad = cli(
        &db,
        &["monitoring", "open", "--year", "2026", "--month", "13"],
    );
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("截止月份"));
}

#[path = "../../gongwen/tests/poppler/mod.rs"]
mod poppler;

#[test]
fn evaluation_stats_draw_and_list_on_the_demo_county() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let s = json(&cli(
        &db,
        &["evaluation", "stats", "--year", "2025", "--json"],
    ));
    let keys = |v: &serde_json::Value| {
        let mut k: Vec<String> = v.as_object().expect("object").keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&s["self"]["grades"]), ["中", "优", "差", "良"]);
    assert_eq!(
        keys(&s["key"]["by_kind"]),
        ["乡镇", "政策", "部门整体", "项目"]
    );
    // The demo's key evaluations reproduce the seed county: 13 项目 + 5 部门整体, 18 乡镇.
    assert_eq!(s["key"]["by_kind"]["项目"], 13);
    assert_eq!(s["key"]["by_kind"]["乡镇"], 18);
    assert!(s["self"]["submitted"].as_i64() > Some(0));
    assert!(s["third_party"]["engagements"].as_i64() > Some(0));
    // The demo's recorded draw: 11.49% of the base, drawn = ceil(base × share); it has
    // reviews, so it cannot be replaced.
    let base = s["spot_check"]["base"].as_i64().expect("base");
    let drawn = s["spot_check"]["drawn"].as_i64().expect("drawn");
    assert_eq!(drawn, (base * 1149 + 9999) / 10000);
    let refused = cli(
        &db,
        &["evaluation", "draw", "--year", "2025", "--seed", "7"],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("不能重新抽取"));
    let list = json(&cli(
        &db,
        &["evaluation", "list", "--year", "2025", "--json"],
    ));
    let rows = list.as_array().expect("rows");
    assert!(rows
        .iter()
        .any(|r| r["kind"] == "单位自评" && r["grade"].is_string()));
    assert!(rows
        .iter()
        .any(|r| r["kind"] == "乡镇" && r["status"] == "定稿"));
    assert_eq!(
        keys(&rows[0]),
        ["grade", "id", "kind", "object", "score", "score_cp", "status"]
    );
}

#[test]
fn a_draw_with_the_same_seed_gives_the_same_list() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let draw = |seed: &str| {
        json(&cli(
            &db,
            &[
                "evaluation",
                "draw",
                "--year",
                "2025",
                "--share-bp",
                "1149",
                "--seed",
                seed,
                "--dry-run",
                "--json",
            ],
        ))
    };
    let a = draw("20260");
    assert_eq!(a, draw("20260"));
    assert_ne!(a["self_eval_ids"], draw("20261")["self_eval_ids"]);
    let base = a["base"].as_i64().expect("base");
    assert_eq!(a["drawn"].as_i64(), Some((base * 1149 + 9999) / 10000));
    let none = cli(
        &db,
        &["evaluation", "draw", "--year", "2024", "--seed", "1"],
    );
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("还没有已提交的单位自评"));
}

#[test]
fn a_feedback_letter_for_a_demo_evaluation_is_a_clean_official_pdf() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let list = json(&cli(
        &db,
        &["evaluation", "list", "--year", "2025", "--json"],
    ));
    let eval = list
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["kind"] == "项目" && r["status"] == "定稿")
        .expect("a final project evaluation");
    let id = eval["id"].as_str().expect("id");
    let pdf = dir.path().join("函.pdf");
    let pdf_arg = pdf.to_str().expect("path");
    let printed = json(&cli(
        &db,
        &[
            "print",
            "feedback-letter",
            "--evaluation",
            id,
            "--out",
            pdf_arg,
            "--json",
        ],
    ));
    let number = printed["document"]["number"]
        .as_str()
        .expect("文号")
        .to_string();
    assert!(
        number.starts_with("示财绩函〔") && number.ends_with('号'),
        "{number}"
    );
    // The demo county issued it already (as 王晓梅): `print` gives that letter.
    assert_eq!(printed["document"]["issued_by"], "王晓梅");
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.len() <= 200 * 1024, "{} bytes", bytes.len());
    // Printing again gives the stored letter, byte for byte, under the same number.
    let again = dir.path().join("again.pdf");
    json(&cli(
        &db,
        &[
            "print",
            "feedback-letter",
            "--evaluation",
            id,
            "--out",
            again.to_str().expect("p"),
            "--json",
        ],
    ));
    assert_eq!(std::fs::read(&again).expect("again"), bytes);

    if !poppler::tools_or_skip("a_feedback_letter_for_a_demo_evaluation_is_a_clean_official_pdf") {
        return;
    }
    let (ok, check) = poppler::run("qpdf", &["--check", pdf_arg]);
    assert!(ok, "{check}");
    let (_, fonts) = poppler::run("pdffonts", &[pdf_arg]);
    for line in fonts.lines().skip(2) {
        let cols: Vec<&str> = line.split_whitespace().collect();
        let name = cols[0];
        assert!(
            name.len() > 7 && name.as_bytes()[6] == b'+',
            "subset prefix: {line}"
        );
        let n = cols.len();
        assert_eq!(
            cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb/sub/uni: {line}"
        );
    }
    let text: String = poppler::page_text(&pdf, 1).split_whitespace().collect();
    assert!(text.contains(&number), "{text}");
    let object = eval["object"].as_str().expect("object");
    assert!(
        text.contains(&format!("关于反馈{object}绩效评价结果的函")),
        "{text}"
    );
    assert!(text.contains(&format!(
        "得分为{}分",
        eval["score"].as_str().expect("score")
    )));
    // Body text inside the 版心 (28 mm … 184 mm across, 37 mm … 262 mm down) and at most 28
    // full-width characters per line; the 标志 above and page numbers below are not body.
    let mm = |v: f32| v * 72.0 / 25.4;
    for (p, lines) in poppler::bbox_lines(&pdf).iter().enumerate() {
        for l in lines
            .iter()
            .filter(|l| l.y0 > mm(37.0) - 1.0 && l.y1 < mm(262.0) + 1.0)
        {
            // A squeezed 。，、 ending a line keeps its ink (the left half of its box) inside,
            // and counts half a cell (标点挤压).
            let squeezable = "，。、；：？！（）《》“”‘’";
            let end_squeezed = l
                .text()
                .chars()
                .last()
                .is_some_and(|c| squeezable.contains(c));
            let right = mm(184.0) + if end_squeezed { 8.0 } else { 0.0 };
            assert!(
                l.x0 >= mm(28.0) - 1.0 && l.x1 <= right + 1.0,
                "page {}: {:?}",
                p + 1,
                l.text()
            );
            let width: f32 = l
                .text()
                .chars()
                .map(|c| {
                    if c.is_ascii() || squeezable.contains(c) {
                        0.5
                    } else {
                        1.0
                    }
                })
                .sum();
            assert!(width <= 28.0, "page {} line over 28: {}", p + 1, l.text());
        }
    }

    // The year's letters in one file, and the figures.
    let batch = dir.path().join("batch.pdf");
    let b = json(&cli(
        &db,
        &[
            "print",
            "batch",
            "--year",
            "2025",
            "--kind",
            "feedback",
            "--out",
            batch.to_str().expect("p"),
            "--json",
        ],
    ));
    // Every finished 2025 evaluation's letter, issued by the demo.
    let r = json(&cli(&db, &["results", "stats", "--year", "2025", "--json"]));
    let finished = list
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] != "单位自评" && (r["status"] == "定稿" || r["status"] == "已复核"))
        .count();
    assert!(b["documents"].as_u64().is_some_and(|n| n >= 2), "{b}");
    assert_eq!(r["documents"]["反馈意见函"], b["documents"]);
    assert!(finished >= 1);
    for key in ["open", "overdue", "closed"] {
        assert!(r["rectifications"][key].is_i64(), "{key}");
    }
    for key in ["cut_fen", "priority", "cancelled"] {
        assert!(r["budget_linkage"][key].is_i64(), "{key}");
    }
    assert_eq!(r["disclosure"]["not_public"], 2);
}

#[test]
fn print_fonts_names_each_role_warns_about_substitutes_and_imports_a_font_into_the_data_folder() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&init(&db));
    let out = cli(&db, &["print", "fonts", "--json"]);
    let v = json(&out);
    let roles: Vec<&str> = v["fonts"]
        .as_array()
        .expect("fonts")
        .iter()
        .map(|f| f["role"].as_str().expect("role"))
        .collect();
    assert_eq!(roles, ["仿宋", "小标宋", "黑体", "楷体"]);
    let substitutes = v["fonts"]
        .as_array()
        .expect("fonts")
        .iter()
        .filter(|f| f["official"] == false)
        .count();
    assert_eq!(
        v["warnings"].as_array().expect("warnings").len(),
        substitutes
    );
    if substitutes > 0 {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("警告：") && err.contains("替代字体"), "{err}");
    }
    // Not a font: refused in Chinese, nothing copied.
    let bogus = dir.path().join("仿宋_GB2312.ttf");
    std::fs::write(&bogus, b"not a font").expect("write");
    let refused = cli(
        &db,
        &["print", "import-font", "--file", bogus.to_str().expect("p")],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("字体"));
    assert!(!dir.path().join("fonts").join("仿宋_GB2312.ttf").exists());
    // A real font file (the 楷体 in use) is copied into <data>/fonts and preferred from then on.
    let kai = v["fonts"][3]["path"].as_str().expect("path").to_string();
    let imported = json(&cli(
        &db,
        &["print", "import-font", "--file", &kai, "--json"],
    ));
    assert!(!imported["families"]
        .as_array()
        .expect("families")
        .is_empty());
    let after = json(&cli(&db, &["print", "fonts", "--json"]));
    let path = after["fonts"][3]["path"].as_str().expect("path");
    assert!(
        path.starts_with(dir.path().join("fonts").to_str().expect("p")),
        "{path}"
    );
}

fn org_units(db: &Path) -> i64 {
    let c = rusqlite::Connection::open(db).expect("open");
    c.query_row("SELECT COUNT(*) FROM org_unit", [], |r| r.get(0))
        .expect("count")
}

#[test]
fn backup_without_a_file_goes_to_the_backups_folder_and_restore_brings_it_back() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&init(&db));
    let made = json(&cli(&db, &["backup", "--json"]));
    let file = made["backup"].as_str().expect("path").to_string();
    assert!(file.contains("backups"), "{file}");
    assert!(file.ends_with("-manual.jxbak"), "{file}");

    let list = json(&cli(&db, &["backup", "--list", "--json"]));
    assert_eq!(list.as_array().expect("array").len(), 1);
    assert_eq!(list[0]["path"], file.as_str());

    // Into the database `init` made (not a copy): the demo loads where accounts already exist.
    json(&cli(&db, &["demo", "--admin", "admin", "--json"]));
    assert!(org_units(&db) > 0);

    let r = json(&cli(&db, &["restore", &file, "--json"]));
    assert_eq!(org_units(&db), 0, "the empty county is back");
    let before = r["before_restore"].as_str().expect("before");
    assert!(before.ends_with("-before-restore.jxbak"), "{before}");
    // The copy taken before the restore restores like any backup.
    let other = dir.path().join("other").join("y.db");
    json(&init(&other));
    json(&cli(&other, &["restore", before, "--json"]));
    assert!(org_units(&other) > 0, "the demo data was kept");
    let out = cli(&db, &["backup", "--list"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("共 2 份备份"));
    json(&cli(&db, &["check", "--json"]));
}

#[test]
fn restoring_a_file_that_is_not_a_database_is_refused_with_the_file_named() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&init(&db));
    let junk = dir.path().join("坏文件.db");
    std::fs::write(&junk, vec![7u8; 5000]).expect("write");
    let out = cli(&db, &["restore", junk.to_str().expect("utf8")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("坏文件.db") && err.contains("不能恢复"),
        "{err}"
    );
    assert!(!dir.path().join("backups").exists(), "nothing was written");
}

#[test]
fn json_output_into_a_pipe_closed_early_ends_quietly_without_a_panic() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&cli(&db, &["demo", "--json"]));
    // Like `jixiao-cli --json projects list | head -c 100`: the reader takes a little, then
    // closes. The JSON (~200 KB) is far more than a pipe buffer holds, so the write hits the
    // closed pipe.
    let mut child = Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(&db)
        .args(["--json", "projects", "list"])
        .env_remove("JIXIAO_DB")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).expect("some output");
    drop(stdout);
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
    assert_ne!(out.status.code(), Some(101), "101 is a Rust panic");
    assert_eq!(out.status.code(), Some(0), "{stderr}");
}

#[test]
fn template_writes_each_import_template_that_imports_as_its_example_row() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    for (kind, header) in [("units", "单位编码"), ("projects", "预算年度")] {
        let file = dir.path().join(format!("{kind}.xlsx"));
        let out = json(&cli(
            &db,
            &["template", kind, file.to_str().expect("utf8"), "--json"],
        ));
        assert_eq!(out["template"], kind);
        use calamine::Reader;
        let mut book = calamine::open_workbook_auto(&file).expect("a workbook");
        let range = book.worksheet_range_at(0).expect("sheet").expect("range");
        assert_eq!(
            range.get((0, 0)).map(|d| d.to_string()).as_deref(),
            Some(header)
        );
        assert!(book.sheet_names().contains(&"填写说明".to_string()));
    }
    let bad = cli(&db, &["template", "targets", "x.xlsx"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("units（单位）"));
}

/// `search TEXT --json`: the demo county's first project is found by its code, first in the 项目
/// group; an unknown text finds nothing.
#[test]
fn search_finds_a_demo_project_by_code_with_its_target() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    demo(&db);
    let out = cli(&db, &["projects", "list", "--year", "2026", "--json"]);
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).expect("json");
    let code = rows[0]["code"].as_str().expect("code").to_string();

    let out = cli(&db, &["search", &code, "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let groups = json(&out);
    let first = &groups[0];
    assert_eq!(first["kind"], "项目");
    assert_eq!(first["hits"][0]["code"], code.as_str());

    let out = cli(&db, &["search", "没有这样的项目名称"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("没有找到"));
}

#[test]
fn policies_list_export_import_and_cycle_list_on_the_demo_county() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    json(&cli(&db, &["demo", "--admin", "admin", "--json"]));
    let list = json(&cli(&db, &["policies", "list", "--year", "2026", "--json"]));
    assert_eq!(list["total"], 2);
    let names: Vec<&str> = list["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["name"].as_str().expect("name"))
        .collect();
    assert!(names.contains(&"小学课后服务补助政策"), "{names:?}");
    assert!(list["rows"][0]["total_fen"].as_i64().expect("total") > 0);

    let file = dir.path().join("政策.xlsx");
    let f = file.to_str().expect("utf8");
    let written = json(&cli(&db, &["policies", "export", f, "--json"]));
    assert_eq!(written["rows"], 2);
    let again = json(&cli(&db, &["policies", "import", f, "--json"]));
    assert_eq!(
        (again["created"].as_i64(), again["unchanged"].as_i64()),
        (Some(0), Some(2))
    );

    let cycles = json(&cli(&db, &["cycle", "list", "--year", "2026", "--json"]));
    let rows = cycles["rows"].as_array().expect("rows");
    assert!(!rows.is_empty());
    assert_eq!(cycles["total"].as_u64(), Some(rows.len() as u64));
    assert!(rows.iter().any(|r| r["kind"] == "政策"));
    for r in rows {
        assert!(r["period_end"].as_i64() > r["period_start"].as_i64(), "{r}");
        assert!(r["proposal"].is_string());
    }
    let bad = cli(&db, &["cycle", "list", "--kind", "部门"]);
    assert!(!bad.status.success());
}
