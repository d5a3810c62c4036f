//! `jixiao-cli cycle list` — 全周期跟踪问效: multi-year projects and policies with their
//! cumulative 执行率 and 完成度, 到期 / 低效 flags and the bureau's decision.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::cycle::{self, CycleKind, CycleQuery};
use jixiao_core::db::Db;
use jixiao_core::{fmt_cp, Error, Result};

#[derive(Subcommand)]
pub enum CycleVerb {
    /// 实施期跨年度的项目和政策（默认当前年度）
    List {
        #[arg(long)]
        year: Option<i32>,
        /// 项目 或 政策
        #[arg(long)]
        kind: Option<String>,
    },
}

pub fn run(db: &Db, verb: CycleVerb, out: &Out) -> Result<()> {
    match verb {
        CycleVerb::List { year, kind } => {
            let kind = match kind.as_deref() {
                None => None,
                Some(k) => Some(CycleKind::parse(k).ok_or_else(|| {
                    Error::invalid(
                        "--kind",
                        format!("『{k}』不是可选的值，可选：{}", CycleKind::choices()),
                    )
                })?),
            };
            let this_year = || {
                db.clock()
                    .today()
                    .format("%Y")
                    .to_string()
                    .parse()
                    .unwrap_or(2026)
            };
            let year = year.unwrap_or_else(this_year);
            let q = CycleQuery {
                year,
                kind,
                ..CycleQuery::default()
            };
            let page = db.read(|c| cycle::list_cycles(c, &q))?;
            let pct = |v: Option<i64>| v.map(|v| format!("{}%", fmt_cp(v))).unwrap_or("—".into());
            let text = page
                .rows
                .iter()
                .map(|r| {
                    format!(
                        "{}\t{}\t{}\t{}—{}\t执行率 {}\t完成度 {}\t{}\t{}",
                        r.kind.label(),
                        r.code,
                        r.name,
                        r.period_start,
                        r.period_end,
                        pct(r.cumulative_execution_bp),
                        r.cumulative_completion_cp.map(fmt_cp).unwrap_or("—".into()),
                        r.proposal,
                        r.decision.map(|d| d.label()).unwrap_or("未决定")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.value(
                &page,
                &format!(
                    "{year}年度全周期跟踪：共 {} 个项目和政策\n{text}",
                    page.total
                ),
            )
        }
    }
}
