//! `jixiao-cli assess …` — 绩效管理工作考核: run (the table, live until 定稿), finalize, export
//! the score table; and `jixiao-cli todo` — the signed-in account's 工作台.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::assess::{self, AssessKind, UnitResult};
use jixiao_core::db::Db;
use jixiao_core::{fmt_cp, workbench, Error, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum AssessVerb {
    /// 年度考核表：每个部门、乡镇的各项得分、合计、名次、等级（定稿前按当前数据计算）
    Run {
        #[arg(long)]
        year: i32,
        /// 部门 或 乡镇（不给则两类都列出）
        #[arg(long)]
        kind: Option<String>,
    },
    /// 定稿：冻结该年度部门和乡镇的考核结果，此后手工评分不能再改
    Finalize {
        #[arg(long)]
        year: i32,
    },
    /// 导出考核评分表（.xlsx，部门、乡镇各一个工作表）
    Export {
        file: PathBuf,
        #[arg(long)]
        year: i32,
    },
}

fn kinds(kind: Option<&str>) -> Result<Vec<AssessKind>> {
    match kind {
        None => Ok(AssessKind::ALL.to_vec()),
        Some(k) => AssessKind::parse(k).map(|k| vec![k]).ok_or_else(|| {
            Error::invalid(
                "--kind",
                format!("应为 {}，现为『{k}』", AssessKind::choices()),
            )
        }),
    }
}

fn text(rows: &[UnitResult]) -> String {
    let mut s = String::from("名次\t单位编码\t单位名称\t得分\t等级\t名次变化");
    for r in rows {
        let change = match r.rank_change {
            Some(c) if c > 0 => format!("↑{c}"),
            Some(c) if c < 0 => format!("↓{}", -c),
            Some(_) => "—".into(),
            None => String::new(),
        };
        s.push_str(&format!(
            "\n{}\t{}\t{}\t{}\t{}\t{change}",
            r.rank,
            r.unit_code,
            r.unit_name,
            fmt_cp(r.total_cp),
            r.grade
        ));
    }
    s
}

pub fn run(db: &Db, verb: AssessVerb, out: &Out) -> Result<()> {
    let today = db.clock().today();
    match verb {
        AssessVerb::Run { year, kind } => {
            let mut rows = Vec::new();
            let mut lines = Vec::new();
            for k in kinds(kind.as_deref())? {
                let t = db.read(|c| assess::run(c, year, k, today))?;
                lines.push(format!(
                    "{year}年度{}考核（{}，考核规则第{}版）\n{}",
                    k.label(),
                    t.status,
                    t.rule_version,
                    text(&t.rows)
                ));
                rows.extend(t.rows);
            }
            out.value(&rows, &lines.join("\n\n"))
        }
        AssessVerb::Finalize { year } => {
            let actor = crate::actor(db)?;
            let tables = db.write(&actor, |ctx| assess::finalize(ctx, year))?;
            let n: usize = tables.iter().map(|t| t.rows.len()).sum();
            out.value(
                &tables,
                &format!("{year}年度考核已定稿：{n} 个单位的结果已冻结"),
            )
        }
        AssessVerb::Export { file, year } => {
            let n = db.read(|c| assess::export::export(c, &file, year, today))?;
            out.exported(n, &file)
        }
    }
}

/// `todo`: the cards of the signed-in account's 工作台.
pub fn todo(db: &Db, year: Option<i32>, out: &Out) -> Result<()> {
    let actor = crate::actor(db)?;
    let today = db.clock().today();
    let w =
        db.read(|c| workbench::todo(c, &actor, year.unwrap_or(workbench::year_of(today)), today))?;
    let cards: Vec<serde_json::Value> = w
        .cards
        .iter()
        .map(|c| {
            serde_json::json!({
                "kind": c.kind, "title": c.title, "count": c.count,
                "overdue": c.overdue, "due_soon": c.due_soon, "route": c.route,
            })
        })
        .collect();
    let mut text = format!("{} 的工作台（{}）", actor.describe(), w.today);
    for c in w.cards.iter().filter(|c| c.count > 0) {
        text.push_str(&format!("\n{}：{} 项", c.title, c.count));
        if c.overdue > 0 {
            text.push_str(&format!("，已逾期 {}", c.overdue));
        }
        if c.due_soon > 0 {
            text.push_str(&format!("，7天内到期 {}", c.due_soon));
        }
    }
    if w.cards.iter().all(|c| c.count == 0) {
        text.push_str("\n没有待办事项");
    }
    out.value(&cards, &text)
}
