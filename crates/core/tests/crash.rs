//! The kill test: a writer process is killed with SIGKILL at random moments; after every kill
//! the database passes `integrity_check` and holds every write acknowledged before the kill.
//! `CRASH_KILLS` kills (default 200 when `CI` is set, else 30), `CRASH_SEED` for the moments.
#![cfg(unix)]

use jixiao_core::db::Db;
use std::collections::BTreeSet;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

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

fn env_u64(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|v| v.parse().ok())
}

fn unit_codes(db: &Db) -> BTreeSet<u64> {
    db.read(|c| {
        let mut s = c.prepare("SELECT code FROM org_unit")?;
        let codes = s
            .query_map([], |r| r.get::<_, String>(0))?
            .filter_map(|r| r.ok().and_then(|code| code.parse().ok()))
            .collect();
        Ok(codes)
    })
    .expect("codes")
}

#[test]
fn every_acknowledged_write_survives_sigkill_and_the_file_stays_sound() {
    let kills = env_u64("CRASH_KILLS").unwrap_or(if std::env::var_os("CI").is_some() {
        200
    } else {
        30
    });
    let seed = env_u64("CRASH_SEED").unwrap_or(20_260_401);
    let mut rng = Rng(seed | 1);
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("crash.db");
    let started = Instant::now();
    let mut next = 1u64;
    let mut acked_total = 0usize;
    for round in 0..kills {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crash_writer"))
            .arg(&path)
            .arg(next.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start writer");
        std::thread::sleep(Duration::from_millis(5 + rng.below(60)));
        child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix
        child.wait().expect("reap");
        let mut text = String::new();
        child
            .stdout
            .take()
            .expect("stdout")
            .read_to_string(&mut text)
            .expect("read acks");
        let mut err = String::new();
        child
            .stderr
            .take()
            .expect("stderr")
            .read_to_string(&mut err)
            .expect("stderr");
        assert!(err.is_empty(), "round {round}: writer failed: {err}");
        let acked: Vec<u64> = text.lines().map(|l| l.parse().expect("a number")).collect();
        acked_total += acked.len();

        let db = Db::open(&path).expect("reopen after kill");
        let check = db.check().expect("check");
        assert!(check.ok, "round {round} (seed {seed}): {check:?}");
        let present = unit_codes(&db);
        for n in &acked {
            assert!(
                present.contains(n),
                "round {round} (seed {seed}): acknowledged unit {n} is missing"
            );
        }
        let (units, audits): (i64, i64) = db
            .read(|c| {
                Ok(c.query_row(
                    "SELECT (SELECT COUNT(*) FROM org_unit),
                            (SELECT COUNT(*) FROM audit_log WHERE entity = 'org_unit')",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )?)
            })
            .expect("counts");
        assert_eq!(
            units, audits,
            "round {round}: every unit has its audit row and no more"
        );
        next = present.last().map_or(1, |m| m + 1);
    }
    eprintln!(
        "kill test: {kills} kills, {acked_total} acknowledged writes, {:.1} s",
        started.elapsed().as_secs_f64()
    );
    assert!(
        acked_total > 0,
        "the writer never got to write; kill moments too early"
    );
}
