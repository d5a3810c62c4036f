//! `jixiao-cli audit …` — the 操作日志: list (newest first, filtered), export to .xlsx, and the
//! hash chain's verification (also part of `check`).

use crate::output::Out;
use clap::{Args, Subcommand};
use jixiao_core::audit::{self, AuditQuery};
use jixiao_core::db::Db;
use jixiao_core::{Error, Result};
use std::path::PathBuf;

#[derive(Args, Clone, Default)]
pub struct Filters {
    /// 操作人（姓名或账号ID）
    #[arg(long)]
    operator: Option<String>,
    /// 动作（如 create 或 新增）
    #[arg(long)]
    action: Option<String>,
    /// 对象（表名如 perf_target，或中文名如 绩效目标）
    #[arg(long)]
    entity: Option<String>,
    /// 开始日期 YYYY-MM-DD（含）
    #[arg(long)]
    from: Option<String>,
    /// 结束日期 YYYY-MM-DD（含）
    #[arg(long)]
    to: Option<String>,
    /// 摘要或对象编号中包含的文字
    #[arg(long)]
    search: Option<String>,
}

impl Filters {
    fn query(self, page: u32, page_size: u32) -> AuditQuery {
        AuditQuery {
            operator: self.operator,
            action: self.action,
            entity: self.entity,
            from: self.from,
            to: self.to,
            search: self.search,
            page,
            page_size,
        }
    }
}

#[derive(Subcommand)]
pub enum AuditVerb {
    /// 列出操作日志（最新在前）
    List {
        #[command(flatten)]
        filters: Filters,
        /// 最多列出的条数（0 = 全部）
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// 把筛选后的操作日志导出为 .xlsx
    Export {
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        filters: Filters,
    },
    /// 校验操作日志的防篡改链（SM3）；不完整时退出码为 1 并指出第一条不符的记录
    Verify,
}

pub fn run(db: &Db, verb: AuditVerb, out: &Out) -> Result<()> {
    match verb {
        AuditVerb::List { filters, limit } => {
            let q = if limit == 0 {
                filters.query(0, 0)
            } else {
                filters.query(1, limit)
            };
            let page = db.read(|c| audit::page(c, &q))?;
            if out.json {
                return out.value(&page.rows, "");
            }
            println!("序号\t时间\t操作人\t科室\t动作\t对象\t摘要");
            for r in &page.rows {
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.seq,
                    r.at,
                    r.operator_name,
                    r.operator_dept,
                    r.action_label,
                    r.entity_label,
                    r.summary
                );
            }
            println!("共 {} 条，显示 {} 条", page.total, page.rows.len());
            Ok(())
        }
        AuditVerb::Export { out: file, filters } => {
            let q = filters.query(0, 0);
            let n = db.read(|c| audit::export::export(c, &q, &file))?;
            out.exported(n, &file)
        }
        AuditVerb::Verify => {
            let r = db.read(audit::verify_chain)?;
            out.value(&r, &r.message)?;
            if r.ok {
                Ok(())
            } else {
                Err(Error::Conflict(r.message))
            }
        }
    }
}
