//! `jixiao-cli results stats --year Y` — the year's 结果应用 figures.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::results::stats;
use jixiao_core::{Fen, Result};

#[derive(Subcommand)]
pub enum ResultsVerb {
    /// 年度结果应用统计：文书、整改台账、预算挂钩、公开
    Stats {
        #[arg(long)]
        year: i32,
    },
}

pub fn run(db: &Db, verb: ResultsVerb, out: &Out) -> Result<()> {
    match verb {
        ResultsVerb::Stats { year } => {
            let today = db.clock().today();
            let s = db.read(|c| stats::results_stats(c, year, today))?;
            let docs: Vec<String> = s
                .documents
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let r = &s.rectifications;
            let l = &s.budget_linkage;
            out.value(
                &s,
                &format!(
                    "{year}年度已印发文书：{}（草稿 {}）\n整改事项：未销号 {}，逾期 {}，已销号 {}\n预算挂钩：压减 {} 万元，优先保障 {}，取消 {}\n公开 {}，不公开 {}",
                    docs.join("，"),
                    s.drafts,
                    r.open,
                    r.overdue,
                    r.closed,
                    Fen(l.cut_fen).wan_2dp(),
                    l.priority,
                    l.cancelled,
                    s.disclosure.public,
                    s.disclosure.not_public
                ),
            )
        }
    }
}
