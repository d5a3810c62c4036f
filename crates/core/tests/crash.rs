//! The kill test: a writer process is killed with SIGKILL at random moments; after every kill
//! the database passes `integrity_check` and holds every write acknowledged before the kill.
//! `CRASH_KILLS` kills (default 200 when `CI` is set, else 30), `CRASH_SEED` for the moments.
//! The harness itself is `jixiao_core::db::crash_harness` (shared with `jixiao-cli bench`).
#![cfg(unix)]

use jixiao_core::db::crash_harness::{run_kills, KillConfig};
use std::path::PathBuf;

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

#[test]
fn every_acknowledged_write_survives_sigkill_and_the_file_stays_sound() {
    let kills = env_u64("CRASH_KILLS").unwrap_or(if std::env::var_os("CI").is_some() {
        200
    } else {
        30
    });
    let dir = tempfile::tempdir().expect("dir");
    let cfg = KillConfig::new(
        PathBuf::from(env!("CARGO_BIN_EXE_crash_writer")),
        dir.path().join("crash.db"),
        kills as u32,
        env_u64("CRASH_SEED").unwrap_or(20_260_401),
    );
    let report = run_kills(&cfg, |_| {}).expect("the writer starts");
    eprintln!(
        "kill test: {} kills, {} acknowledged writes, {} presence checks, {:.1} s",
        report.kills, report.acknowledged, report.rows_checked, report.seconds
    );
    assert!(
        report.failures.is_empty(),
        "{} problems:\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
    assert!(
        report.acknowledged > 0,
        "the writer never got to write; kill moments too early"
    );
    assert_eq!(report.kills, cfg.kills, "every round ran");
}

#[test]
fn the_harness_reports_acknowledged_writes_that_are_missing() {
    use std::os::unix::fs::PermissionsExt;
    // A liar: acknowledges units 1 and 2 but never writes them.
    let dir = tempfile::tempdir().expect("dir");
    let liar = dir.path().join("liar.sh");
    std::fs::write(&liar, "#!/bin/sh\necho 1\necho 2\nexec sleep 5\n").expect("script");
    std::fs::set_permissions(&liar, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let cfg = KillConfig {
        // Killed well after its two lines, even on a busy machine.
        wait_ms: 300..400,
        ..KillConfig::new(liar, dir.path().join("crash.db"), 2, 1)
    };
    let report = run_kills(&cfg, |_| {}).expect("runs");
    assert_eq!(report.kills, 2);
    assert_eq!(report.acknowledged, 4, "two acknowledgements per round");
    assert_eq!(report.failures.len(), 2, "{:?}", report.failures);
    assert!(
        report.failures[0].contains("已确认写入的单位缺失：[1, 2]"),
        "{:?}",
        report.failures
    );
}

#[test]
fn a_missing_writer_is_an_error_not_a_pass() {
    let dir = tempfile::tempdir().expect("dir");
    let cfg = KillConfig::new(
        dir.path().join("no-such-writer"),
        dir.path().join("crash.db"),
        3,
        1,
    );
    let err = run_kills(&cfg, |_| {}).expect_err("cannot start");
    assert!(err.to_string().contains("no-such-writer"), "{err}");
}
