//! `jixiao-cli targets …` — the 绩效目标申报表 workbook, batch 二下, and the year's figures.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::exchange::ImportOptions;
use jixiao_core::targets::{self, ApproveInput};
use jixiao_core::{Error, Result};
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum TargetVerb {
    /// 导入绩效目标申报表（保存为『编制』/『一下』；--submit 同时提交为『一上』/『二上』）
    Import {
        file: PathBuf,
        #[arg(long)]
        year: i32,
        /// 导入即提交：导入后提交各目标
        #[arg(long)]
        submit: bool,
        /// 按单位导入：文件是该单位（编码）的，含其他单位项目的行即拒绝整个文件
        #[arg(long)]
        unit: Option<String>,
    },
    /// 导出该年度全部项目绩效目标
    Export {
        file: PathBuf,
        #[arg(long)]
        year: i32,
    },
    /// 批量批复（二下）该年度全部待审（一上/二上）的绩效目标
    Approve {
        #[arg(long)]
        year: i32,
        /// 确认批复全部待审目标
        #[arg(long)]
        all: bool,
        /// A类项目的复核人登录名（业务股室或绩效管理，不能是 --user 本人），密码取自环境变量
        /// JIXIAO_SECOND_PASSWORD；不填、密码错误则跳过A类项目
        #[arg(long, default_value = "")]
        second_reviewer: String,
    },
    /// 年度统计：目标数、二级/三级指标数、量化率、低于下限单位数、审核意见
    Stats {
        #[arg(long)]
        year: i32,
    },
}

pub fn run(db: &Db, verb: TargetVerb, out: &Out) -> Result<()> {
    match verb {
        TargetVerb::Import {
            file,
            year,
            submit,
            unit,
        } => out.import(&targets::import_targets_with(
            db,
            &crate::actor(db)?,
            &file,
            year,
            &ImportOptions { submit, unit },
        )?),
        TargetVerb::Export { file, year } => {
            let n = db.read(|c| targets::export_targets(c, &file, year))?;
            out.exported(n, &file)
        }
        TargetVerb::Approve {
            year,
            all,
            second_reviewer,
        } => {
            if !all {
                return Err(Error::invalid(
                    "--all",
                    "批量批复会把全部待审目标设为『二下』，请加 --all 确认",
                ));
            }
            let me = crate::actor(db)?;
            let second_password = if second_reviewer.trim().is_empty() {
                String::new()
            } else {
                crate::auth::secret(
                    "JIXIAO_SECOND_PASSWORD",
                    &format!("复核人 {second_reviewer} 的密码："),
                )?
            };
            let input = ApproveInput {
                reduction_wan: String::new(),
                second_login: second_reviewer,
                second_password,
            };
            let r = targets::approve_year(db, &me, year, &input)?;
            let mut text = format!("已批复（二下）{} 个绩效目标", r.approved);
            if !r.skipped.is_empty() {
                text.push_str(&format!("，未批复 {} 个：", r.skipped.len()));
                for s in &r.skipped {
                    text.push_str(&format!("\n  {s}"));
                }
            }
            out.value(&r, &text)
        }
        TargetVerb::Stats { year } => {
            let s = db.read(|c| targets::target_stats(c, year))?;
            out.value(
                &s,
                &format!(
                    "{year}年度绩效目标 {} 个：二级指标 {} 个，三级指标 {} 个（定量 {} 个），量化率 {}%，低于下限单位 {} 个；审核意见 {} 条（已整改 {} 条）",
                    s.targets,
                    s.indicators_l2,
                    s.indicators_l3,
                    s.quantitative_l3,
                    jixiao_core::fmt_cp(s.quantification_rate_bp),
                    s.units_below_floor,
                    s.comments,
                    s.comments_resolved
                ),
            )
        }
    }
}
