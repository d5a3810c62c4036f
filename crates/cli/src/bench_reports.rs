//! `bench`'s 统计分析 section: 年度总览 of the bench's county-size year through core (median of
//! runs), the very statements core ran (captured with SQLite's trace, parameters bound) replayed
//! by the `sqlite3` shell when it is installed (the ratio core ÷ shell), and the annual report as
//! .docx.

use jixiao_core::db::Db;
use jixiao_core::reports;
use jixiao_core::Result;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

static TRACED: Mutex<Vec<String>> = Mutex::new(Vec::new());

fn record(e: rusqlite::trace::TraceEvent<'_>) {
    if let rusqlite::trace::TraceEvent::Stmt(stmt, sql) = e {
        let text = stmt.expanded_sql().unwrap_or_else(|| sql.to_string());
        TRACED.lock().unwrap_or_else(|e| e.into_inner()).push(text);
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The statements `year_overview` runs, with their parameters bound, from a second connection
/// on the same file.
fn captured_sql(path: &Path, db: &Db, year: i32) -> Option<Vec<String>> {
    let today = db.clock().today();
    let mut c = rusqlite::Connection::open_with_flags(
        path,
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    TRACED.lock().unwrap_or_else(|e| e.into_inner()).clear();
    use rusqlite::trace::TraceEventCodes;
    c.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(record))
        .ok()?;
    let ok = reports::year_overview(&c, year, today).is_ok();
    c.trace_v2(
        TraceEventCodes::empty(),
        None::<fn(rusqlite::trace::TraceEvent<'_>)>,
    )
    .ok()?;
    let sql = std::mem::take(&mut *TRACED.lock().unwrap_or_else(|e| e.into_inner()));
    ok.then_some(sql)
}

/// Replays `sql` in `sqlite3 FILE` (output discarded); wall time in ms, None without the shell.
fn shell_ms(path: &Path, sql: &[String]) -> Option<f64> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut script = String::new();
    for s in sql {
        script.push_str(s.trim_end().trim_end_matches(';'));
        script.push_str(";\n");
    }
    let started = Instant::now();
    let mut child = Command::new("sqlite3")
        .arg("-batch")
        .arg("-readonly")
        .arg(path)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let status = child.wait().ok()?;
    status
        .success()
        .then(|| started.elapsed().as_secs_f64() * 1000.0)
}

pub fn run(path: &Path, db: &Db, year: i32) -> Result<(serde_json::Value, String)> {
    let today = db.clock().today();
    let (projects, indicators, units): (i64, i64, i64) = db.read(|c| {
        Ok(c.query_row(
            "SELECT (SELECT COUNT(*) FROM project WHERE fiscal_year = ?1 AND deleted_at IS NULL),
                    (SELECT COUNT(*) FROM target_indicator i JOIN perf_target t ON t.id = i.target_id
                     WHERE t.fiscal_year = ?1 AND i.deleted_at IS NULL AND t.deleted_at IS NULL),
                    (SELECT COUNT(*) FROM org_unit WHERE deleted_at IS NULL)",
            [year],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    })?;
    let mut runs = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        db.read(|c| reports::year_overview(c, year, today))?;
        runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let overview_ms = median(runs.clone());
    let overview_max_ms = runs.iter().copied().fold(0.0, f64::max);
    let sql = captured_sql(path, db, year);
    if let (Some(s), Ok(dump)) = (&sql, std::env::var("JIXIAO_BENCH_SQL_DUMP")) {
        // The statements and a copy of the database, to study one statement in the shell.
        let _ = std::fs::write(&dump, s.join(";\n--\n"));
        let _ = db.read(|c| {
            c.execute("VACUUM INTO ?1", [format!("{dump}.db")])?;
            Ok(())
        });
    }
    let statements = sql.as_ref().map(Vec::len);
    let shell: Option<f64> = sql.as_ref().and_then(|s| {
        let runs: Vec<f64> = (0..3).filter_map(|_| shell_ms(path, s)).collect();
        (!runs.is_empty()).then(|| median(runs))
    });
    let ratio = shell.filter(|s| *s > 0.0).map(|s| overview_ms / s);

    let docx = path.with_file_name("年度报告.docx");
    let mut doc_runs = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        db.read(|c| reports::write_annual_report(c, year, today, &docx))?;
        doc_runs.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let docx_ms = median(doc_runs);
    let docx_bytes = std::fs::metadata(&docx).map(|m| m.len()).unwrap_or(0);
    let _ = std::fs::remove_file(&docx);

    let json = serde_json::json!({
        "year": year,
        "projects": projects,
        "indicators": indicators,
        "units": units,
        "overview_median_ms": overview_ms,
        "overview_max_ms": overview_max_ms,
        "statements": statements,
        "sqlite3_ms": shell,
        "ratio": ratio,
        "docx_ms": docx_ms,
        "docx_bytes": docx_bytes,
    });
    let shell_text = match (shell, ratio, statements) {
        (Some(s), Some(r), Some(n)) => {
            format!("；sqlite3 命令行执行同样的 {n} 条 SQL（含进程启动）{s:.1} ms，比值 {r:.2}")
        }
        (_, _, Some(n)) => format!("；共 {n} 条 SQL（未找到 sqlite3 命令行，未比较）"),
        _ => "；未能捕获 SQL".to_string(),
    };
    let text = format!(
        "统计分析：{year} 年 {projects} 个项目、{indicators} 个三级指标、{units} 个单位，年度总览中位数 {overview_ms:.1} ms（最大 {overview_max_ms:.1} ms）{shell_text}；年度报告 .docx {docx_ms:.0} ms（{} KB）\n",
        docx_bytes / 1024
    );
    Ok((json, text))
}
