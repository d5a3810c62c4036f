//! The CLI as an admin or script uses it: exit codes, JSON on stdout, Chinese errors on stderr.

use std::path::Path;
use std::process::{Command, Output};

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIXIAO_DB")
        .output()
        .expect("run jixiao-cli")
}

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
    let out = cli(&db, &["demo"]);
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

    let again = cli(&db, &["demo"]);
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
    assert!(cli(&db, &["demo", "--seed", "7"]).status.success());
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
    assert!(cli(&db, &["demo"]).status.success());
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
fn exante_stats_json_has_exactly_the_documented_fields_and_export_writes_the_list() {
    let dir = tempfile::tempdir().expect("dir");
    let db = dir.path().join("x.db");
    assert!(cli(&db, &["demo"]).status.success());
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
    ];
    expected.sort_unstable();
    assert_eq!(keys, expected);
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
