//! `jixiao-cli policies …` — the 政策 register: list, import and export as .xlsx.

use crate::auth::actor;
use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::policy::{self, PolicyQuery};
use jixiao_core::Result;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum PolicyVerb {
    /// 政策清单（--year：该年度在实施期内的政策）
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// 导入政策清单（按表头文字匹配列：政策名称、文号、主管部门编码、起始年度、终止年度、年度、资金规模（万元）、关联项目编码）
    Import { file: PathBuf },
    /// 导出政策清单（.xlsx）
    Export {
        file: PathBuf,
        #[arg(long)]
        year: Option<i32>,
    },
}

pub fn run(db: &Db, verb: PolicyVerb, out: &Out) -> Result<()> {
    match verb {
        PolicyVerb::List { year } => {
            let q = PolicyQuery {
                year,
                ..PolicyQuery::default()
            };
            let page = db.read(|c| policy::list_policies(c, &q))?;
            let text = page
                .rows
                .iter()
                .map(|p| {
                    format!(
                        "{}\t{}\t{}\t{}—{}\t{} 万元\t{} 个项目\t{}",
                        p.name,
                        p.doc_no,
                        p.dept_unit_name,
                        p.start_year,
                        p.end_year,
                        p.total_fen.wan_2dp(),
                        p.projects.len(),
                        p.exante_conclusion.map(|c| c.label()).unwrap_or("未评估")
                    )
                })
                .collect::<Vec<_>>()
                .join("\n");
            out.value(&page, &format!("共 {} 项政策\n{text}", page.total))
        }
        PolicyVerb::Import { file } => {
            out.import(&policy::import_policies(db, &actor(db)?, &file)?)
        }
        PolicyVerb::Export { file, year } => {
            let n = db.read(|c| policy::export_policies(c, &file, year))?;
            out.exported(n, &file)
        }
    }
}
