//! 智能审核 from the command line: `review targets --year Y` (目标审核 findings),
//! `risks list --year Y` (疑点清单), `suggest indicators --project CODE --year Y` (推荐指标).
//! Reads: without `--user` the whole county is read; with it, the account's scope applies.

use crate::auth::reader;
use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::review;
use jixiao_core::Result;
use serde_json::json;

#[derive(Subcommand)]
pub enum ReviewVerb {
    /// 目标审核：按规则包检查一个年度的全部绩效目标，逐条列出发现
    Targets {
        #[arg(long)]
        year: i32,
    },
}

pub fn run(db: &Db, verb: ReviewVerb, out: &Out) -> Result<()> {
    match verb {
        ReviewVerb::Targets { year } => {
            let actor = reader(db)?;
            let found = db.read(|c| review::review_year(c, &actor, year))?;
            if out.json {
                let rows: Vec<_> = found
                    .iter()
                    .map(|f| {
                        json!({
                            "target_id": f.target_id,
                            "project_code": f.project_code,
                            "rule": f.rule.label(),
                            "severity": f.severity.label(),
                            "row": f.row,
                            "message": f.message,
                        })
                    })
                    .collect();
                return out.value(&rows, "");
            }
            for f in &found {
                say!(
                    "{}\t{}\t{}\t{}\t{}",
                    f.project_code.as_deref().unwrap_or(&f.unit_code),
                    f.severity.label(),
                    f.rule.label(),
                    f.row.map(|r| r.to_string()).unwrap_or_default(),
                    f.message
                );
            }
            let targets: std::collections::HashSet<&str> =
                found.iter().map(|f| f.target_id.as_str()).collect();
            say!(
                "{year}年度：{} 条审核发现，涉及 {} 个绩效目标",
                found.len(),
                targets.len()
            );
            Ok(())
        }
    }
}
