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

#[derive(Subcommand)]
pub enum RisksVerb {
    /// 疑点清单：按疑点规则检查一个年度的监控、自评、抽查复核、结果应用和整改数据
    List {
        #[arg(long)]
        year: i32,
    },
}

pub fn run_risks(db: &Db, verb: RisksVerb, out: &Out) -> Result<()> {
    match verb {
        RisksVerb::List { year } => {
            let actor = reader(db)?;
            let today = db.clock().today();
            let list = db.read(|c| review::risks(c, &actor, year, today))?;
            if out.json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|r| {
                        json!({
                            "rule": r.rule.label(),
                            "severity": r.severity.label(),
                            "object_kind": r.object_kind,
                            "object_code": r.object_code,
                            "unit_code": r.unit_code,
                            "message": r.message,
                            "figures": r.figures,
                        })
                    })
                    .collect();
                return out.value(&rows, "");
            }
            for r in &list {
                say!(
                    "{}\t{}\t{}\t{}\t{}\t{}",
                    r.rule.label(),
                    r.severity.label(),
                    r.object_label(),
                    r.object_code,
                    r.unit_code,
                    r.message
                );
            }
            say!("{year}年度：{} 条疑点", list.len());
            Ok(())
        }
    }
}

#[derive(Subcommand)]
pub enum SuggestVerb {
    /// 推荐指标：按上年目标、同类项目和指标库为项目推荐三级指标
    Indicators {
        /// 项目编码
        #[arg(long)]
        project: String,
        #[arg(long)]
        year: i32,
    },
}

pub fn run_suggest(db: &Db, verb: SuggestVerb, out: &Out) -> Result<()> {
    match verb {
        SuggestVerb::Indicators { project, year } => {
            let list = db.read(|c| review::suggest(c, &project, year))?;
            if out.json {
                let rows: Vec<_> = list
                    .iter()
                    .map(|s| {
                        json!({
                            "name": s.name,
                            "level1": s.level1.label(),
                            "level2": s.level2.label(),
                            "source": s.source,
                            "uses": s.uses,
                            "last_value": s.last_value,
                        })
                    })
                    .collect();
                return out.value(&rows, "");
            }
            for s in &list {
                say!(
                    "{}\t{}\t{}\t{}\t引用{}\t{}",
                    s.level2.label(),
                    s.name,
                    s.nature.label(),
                    s.source,
                    s.uses,
                    s.last_value.as_deref().unwrap_or("")
                );
            }
            say!("共推荐 {} 条指标", list.len());
            Ok(())
        }
    }
}
