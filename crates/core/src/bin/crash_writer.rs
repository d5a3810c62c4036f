//! Helper of the kill test (`tests/crash.rs`): opens the database given as the first argument
//! and, from the number given second, creates one unit per `Db::write` (code = the number),
//! printing the number on stdout only after the commit returned. Runs until killed.

use jixiao_core::access::Actor;
use jixiao_core::db::Db;
use jixiao_core::org::{self, UnitInput, UnitKind};
use std::io::Write;
use std::path::PathBuf;

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(path), Some(start)) = (args.next(), args.next()) else {
        eprintln!("用法：crash_writer DB文件 起始编号");
        std::process::exit(2);
    };
    let Ok(start) = start.parse::<u64>() else {
        eprintln!("起始编号应为整数：{start}");
        std::process::exit(2);
    };
    if let Err(e) = run(PathBuf::from(path), start) {
        eprintln!("错误：{e}");
        std::process::exit(1);
    }
}

fn run(path: PathBuf, start: u64) -> jixiao_core::Result<()> {
    let db = Db::open(&path)?;
    let actor = Actor::system("崩溃测试");
    let mut out = std::io::stdout().lock();
    for n in start.. {
        db.write(&actor, |ctx| {
            org::create_unit(
                ctx,
                &UnitInput {
                    code: n.to_string(),
                    name: format!("测试单位{n}"),
                    parent_id: None,
                    kind: UnitKind::BudgetUnit,
                    contact: "测试".into(),
                    phone: "0635-5123456".into(),
                },
            )
        })?;
        // Acknowledged only now: the transaction has committed.
        writeln!(out, "{n}")?;
        out.flush()?;
    }
    Ok(())
}
