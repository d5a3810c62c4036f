//! The kill test's harness, shared by `tests/crash.rs` and `jixiao-cli bench`: starts the
//! `crash_writer` binary (one unit per `Db::write`, each number printed only after its commit)
//! on a database file, kills it at seeded random moments (SIGKILL on Unix, `TerminateProcess`
//! on Windows), and after every kill reopens the file and checks `integrity_check` +
//! `foreign_key_check`, that every write acknowledged so far — in this or any earlier round —
//! is present, and that each unit has exactly its one audit row.
//!
//! Problems are collected in the report, not panicked on, so a benchmark can print them; a
//! test asserts `failures` is empty.

use super::Db;
use crate::{Error, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How to run the kill test.
#[derive(Debug, Clone)]
pub struct KillConfig {
    /// The `crash_writer` executable.
    pub writer: PathBuf,
    /// The database file the writer fills (created if absent; normally in a fresh temp dir).
    pub db_path: PathBuf,
    pub kills: u32,
    /// Seed of the kill moments: the same seed gives the same waits.
    pub seed: u64,
    /// Each kill comes this many milliseconds after the start (drawn from the range).
    pub wait_ms: Range<u64>,
}

impl KillConfig {
    /// The usual kill test: kills 5–64 ms after each start, i.e. from before the first commit
    /// (opening and migrating the file) to a few dozen commits in.
    pub fn new(writer: PathBuf, db_path: PathBuf, kills: u32, seed: u64) -> Self {
        KillConfig {
            writer,
            db_path,
            kills,
            seed,
            wait_ms: 5..65,
        }
    }
}

/// What the kill test saw.
#[derive(Debug, Clone, Default, Serialize)]
pub struct KillReport {
    /// Kills done (fewer than asked only when a broken file ended the run).
    pub kills: u32,
    pub seed: u64,
    pub seconds: f64,
    /// Writes the writer acknowledged (committed and printed) over all rounds.
    pub acknowledged: u64,
    /// Presence checks of acknowledged rows: after each kill every row acknowledged so far is
    /// looked up again, so this is the sum over kills of the acknowledged total at that point.
    pub rows_checked: u64,
    /// Units in the file at the end (acknowledged ones plus any committed just before a kill
    /// that the writer had no time to print).
    pub units_at_end: u64,
    /// One sentence per problem, naming the round and seed. Must be empty.
    pub failures: Vec<String>,
}

/// xorshift64*: a seeded, dependency-free source of kill moments.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

/// Runs `cfg.kills` rounds of start → wait (`cfg.wait_ms`) → kill → verify; `on_round` gets
/// the number of rounds done (for progress output). `Err` only when the writer cannot be
/// started or its output not read; everything the rounds find is in `KillReport::failures`.
/// A file that no longer opens or fails its check ends the run (later rounds would repeat it).
pub fn run_kills(cfg: &KillConfig, mut on_round: impl FnMut(u32)) -> Result<KillReport> {
    let mut rng = Rng(cfg.seed | 1);
    let started = Instant::now();
    let mut report = KillReport {
        seed: cfg.seed,
        ..KillReport::default()
    };
    let mut acked_all: BTreeSet<u64> = BTreeSet::new();
    let mut next = 1u64;
    for round in 0..cfg.kills {
        let fail = |what: String| format!("第{}轮（种子 {}）：{what}", round + 1, cfg.seed);
        let (acked, problem) = one_round(cfg, next, wait(&mut rng, &cfg.wait_ms))?;
        report.kills += 1;
        if let Some(p) = problem {
            report.failures.push(fail(p));
        }
        report.acknowledged += acked.len() as u64;
        acked_all.extend(acked);

        let db = match Db::open(&cfg.db_path) {
            Ok(db) => db,
            Err(e) => {
                report
                    .failures
                    .push(fail(format!("被终止后无法打开数据库：{e}")));
                break;
            }
        };
        match db.check() {
            Ok(c) if c.ok => {}
            Ok(c) => {
                report
                    .failures
                    .push(fail(format!("完整性检查未通过：{c:?}")));
                break;
            }
            Err(e) => {
                report.failures.push(fail(format!("完整性检查失败：{e}")));
                break;
            }
        }
        let (present, units, audits) = match contents(&db) {
            Ok(v) => v,
            Err(e) => {
                report.failures.push(fail(format!("读取单位失败：{e}")));
                break;
            }
        };
        report.rows_checked += acked_all.len() as u64;
        let missing: Vec<&u64> = acked_all.difference(&present).take(10).collect();
        if !missing.is_empty() {
            report
                .failures
                .push(fail(format!("已确认写入的单位缺失：{missing:?}")));
        }
        if units != audits {
            report.failures.push(fail(format!(
                "单位 {units} 个，操作日志 {audits} 条，应一一对应"
            )));
        }
        report.units_at_end = units;
        next = present.last().map_or(1, |m| m + 1).max(next);
        on_round(round + 1);
    }
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

fn wait(rng: &mut Rng, ms: &Range<u64>) -> Duration {
    let span = ms.end.saturating_sub(ms.start).max(1);
    Duration::from_millis(ms.start + rng.below(span))
}

/// Starts the writer from unit number `start`, kills it after `wait`, and returns the numbers
/// it acknowledged (complete lines only: a line cut by the kill was never acknowledged) and
/// any problem it reported.
fn one_round(cfg: &KillConfig, start: u64, wait: Duration) -> Result<(Vec<u64>, Option<String>)> {
    let mut child = Command::new(&cfg.writer)
        .arg(&cfg.db_path)
        .arg(start.to_string())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            Error::File(format!(
                "无法启动崩溃测试写入程序 {}：{e}",
                cfg.writer.display()
            ))
        })?;
    std::thread::sleep(wait);
    // Child::kill sends SIGKILL on Unix. An error here means the writer already exited,
    // which its stderr explains.
    let _ = child.kill();
    child.wait()?;
    let mut out = String::new();
    let mut err = String::new();
    if let Some(mut s) = child.stdout.take() {
        s.read_to_string(&mut out)?;
    }
    if let Some(mut s) = child.stderr.take() {
        s.read_to_string(&mut err)?;
    }
    let mut acked = Vec::new();
    let mut problem = (!err.trim().is_empty()).then(|| format!("写入程序出错：{}", err.trim()));
    for line in out.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        match line.trim().parse() {
            Ok(n) => acked.push(n),
            Err(_) => problem = Some(format!("写入程序输出了无法识别的行：{line:?}")),
        }
    }
    Ok((acked, problem))
}

/// Unit codes in the file, the unit count and the count of their audit rows.
fn contents(db: &Db) -> Result<(BTreeSet<u64>, u64, u64)> {
    db.read(|c| {
        let mut s = c.prepare("SELECT code FROM org_unit")?;
        let codes = s
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok().and_then(|code| code.parse().ok()))
            .collect();
        let (units, audits): (i64, i64) = c.query_row(
            "SELECT (SELECT COUNT(*) FROM org_unit),
                    (SELECT COUNT(*) FROM audit_log WHERE entity = 'org_unit')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        Ok((codes, units as u64, audits as u64))
    })
}

/// Where `crash_writer` sits next to the running program (`jixiao-cli` and `crash_writer` are
/// built into the same target folder), if it is there.
pub fn writer_next_to_current_exe() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir: &Path = exe.parent()?;
    let path = dir.join(format!("crash_writer{}", std::env::consts::EXE_SUFFIX));
    path.is_file().then_some(path)
}
