//! Running the built `jixiao-cli` on a database file, as a script would.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

pub fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jixiao-cli"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("JIXIAO_DB")
        .output()
        .expect("run jixiao-cli")
}

/// The JSON a successful command printed.
pub fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}
