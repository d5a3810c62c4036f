//! The kill-test section of `jixiao-cli bench`: runs `jixiao_core::db::crash_harness` (the same
//! harness as `crates/core/tests/crash.rs`) with N kills on a temporary database, using the
//! `crash_writer` built next to this executable. Reports kills, seconds, acknowledged writes,
//! presence checks and failures (which must be 0); a missing `crash_writer` is reported with
//! the command that builds it instead of failing the bench.

use jixiao_core::db::crash_harness::{run_kills, writer_next_to_current_exe, KillConfig};
use jixiao_core::Result;

/// The seed the bench kills with (the same as the test's default).
const SEED: u64 = 20_260_401;

/// How to build the writer for the profile this program was built with.
fn build_hint() -> &'static str {
    if cfg!(debug_assertions) {
        "cargo build -p jixiao-core --bin crash_writer"
    } else {
        "cargo build --release -p jixiao-core --bin crash_writer"
    }
}

/// Runs the kill test (`None` = skipped) and returns its JSON and text lines.
pub fn run(kills: Option<u32>) -> Result<(serde_json::Value, String)> {
    let Some(kills) = kills else {
        return Ok((
            serde_json::json!({ "skipped": "--skip-kills" }),
            "崩溃测试：已跳过（--skip-kills）".into(),
        ));
    };
    let Some(writer) = writer_next_to_current_exe() else {
        let hint = build_hint();
        return Ok((
            serde_json::json!({ "skipped": "crash_writer not built", "hint": hint }),
            format!(
                "崩溃测试：crash_writer not built（本程序所在文件夹中没有 crash_writer），请先运行 {hint}"
            ),
        ));
    };
    let dir = std::env::temp_dir().join(format!("jixiao-bench-kills-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    let cfg = KillConfig::new(writer, dir.join("crash.db"), kills, SEED);
    let report = run_kills(&cfg, |done| {
        if done % 100 == 0 && done < kills {
            eprintln!("崩溃测试：已强制终止 {done}/{kills} 次");
        }
    });
    let _ = std::fs::remove_dir_all(&dir);
    let report = report?;
    let mut text = format!(
        "崩溃测试（SIGKILL 强制终止写入进程 {} 次，种子 {}）：用时 {:.1} s，已确认写入 {} 条，每次终止后核对全部已确认写入共 {} 次，最终 {} 个单位，失败 {} 次",
        report.kills,
        report.seed,
        report.seconds,
        report.acknowledged,
        report.rows_checked,
        report.units_at_end,
        report.failures.len()
    );
    for f in report.failures.iter().take(10) {
        text.push_str(&format!("\n  失败：{f}"));
    }
    let json = serde_json::json!({
        "kills": report.kills,
        "seed": report.seed,
        "seconds": report.seconds,
        "acknowledged": report.acknowledged,
        "rows_checked": report.rows_checked,
        "units_at_end": report.units_at_end,
        "failures": report.failures.len(),
        "failure_messages": report.failures,
    });
    Ok((json, text))
}
