//! `jixiao-cli monitoring …` — open a round, list the year's rounds, the offline workbook, and a
//! round's figures.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::monitoring::{self, RoundInput, RoundKind};
use jixiao_core::{fmt_cp, Error, Fen, Result};

#[derive(Subcommand)]
pub enum MonitoringVerb {
    /// 开启监控轮次：为该年度全部已批复（二下）的项目绩效目标生成监控情况表
    Open {
        #[arg(long)]
        year: i32,
        /// 截止月份（监控 1–M 月）
        #[arg(long)]
        month: i64,
        /// 自行 | 重点
        #[arg(long, default_value = "自行")]
        kind: String,
        /// 填报截止日期 YYYY-MM-DD（默认截止月份次月10日）
        #[arg(long)]
        due: Option<String>,
    },
    /// 列出该年度的监控轮次（含轮次编号）
    List {
        #[arg(long)]
        year: i32,
    },
    /// 导入单位填报的监控情况表（保存；--submit 时填写完整的情况表同时提交）
    Import {
        file: std::path::PathBuf,
        #[arg(long)]
        round: String,
        /// 导入即提交：填写完整的监控情况表同时提交
        #[arg(long)]
        submit: bool,
        /// 按单位导入：文件是该单位（编码）的，含其他单位项目的行即拒绝整个文件
        #[arg(long)]
        unit: Option<String>,
    },
    /// 导出本轮全部监控情况表，供单位离线填报
    Export {
        file: std::path::PathBuf,
        #[arg(long)]
        round: String,
    },
    /// 轮次统计：项目数、预算与执行、执行率、完成率、偏差度、预警、财政处理金额
    Stats {
        #[arg(long)]
        round: String,
    },
}

fn kind_of(text: &str) -> Result<RoundKind> {
    match text.trim() {
        "自行" | "自行监控" => Ok(RoundKind::SelfMonitoring),
        "重点" | "重点监控" => Ok(RoundKind::Key),
        other => Err(Error::invalid(
            "--kind",
            format!("应为 自行 或 重点，现为『{other}』"),
        )),
    }
}

pub fn run(db: &Db, verb: MonitoringVerb, out: &Out) -> Result<()> {
    match verb {
        MonitoringVerb::Open {
            year,
            month,
            kind,
            due,
        } => {
            let due = due.unwrap_or_else(|| {
                let (y, m) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                format!("{y}-{m:02}-10")
            });
            let input = RoundInput {
                year,
                cutoff_month: month,
                kind: kind_of(&kind)?,
                due_date: due,
                note: String::new(),
                unit_ids: Vec::new(),
            };
            let r = db.write(&crate::actor(db)?, |ctx| {
                monitoring::open_round(ctx, &input)
            })?;
            out.value(
                &r,
                &format!(
                    "已开启{}年度1–{}月{}（轮次 {}），生成监控情况表 {} 张，填报截止 {}",
                    r.fiscal_year,
                    r.cutoff_month,
                    r.kind.label(),
                    r.id,
                    r.tasks,
                    r.due_date
                ),
            )
        }
        MonitoringVerb::List { year } => {
            let rounds = db.read(|c| monitoring::list_rounds(c, year))?;
            let mut text = String::from("轮次\t月份\t类型\t状态\t情况表\t已提交\t审核通过\n");
            for r in &rounds {
                text.push_str(&format!(
                    "{}\t1–{}月\t{}\t{}\t{}\t{}\t{}\n",
                    r.id,
                    r.cutoff_month,
                    r.kind.label(),
                    r.status.label(),
                    r.tasks,
                    r.submitted,
                    r.approved
                ));
            }
            out.value(&rounds, text.trim_end())
        }
        MonitoringVerb::Import {
            file,
            round,
            submit,
            unit,
        } => out.import(&monitoring::import_round_with(
            db,
            &crate::actor(db)?,
            &file,
            &round,
            &jixiao_core::exchange::ImportOptions { submit, unit },
        )?),
        MonitoringVerb::Export { file, round } => {
            let n = db.read(|c| monitoring::export_round(c, &file, &round))?;
            out.exported(n, &file)
        }
        MonitoringVerb::Stats { round } => {
            let s = db.read(|c| monitoring::round_stats(c, &round))?;
            out.value(
                &s,
                &format!(
                    "项目 {} 个，全年预算 {} 万元，执行 {} 万元，执行率 {}%，目标完成率 {}%，偏差度 {}；红灯 {}、黄灯 {}、绿灯 {}；财政处理 {} 万元",
                    s.projects,
                    Fen(s.budget_fen).wan_2dp(),
                    Fen(s.executed_fen).wan_2dp(),
                    fmt_cp(s.execution_rate_bp),
                    fmt_cp(s.completion_rate_bp),
                    fmt_cp(s.deviation_bp),
                    s.warnings.red,
                    s.warnings.yellow,
                    s.warnings.green,
                    Fen(s.actions_fen).wan_2dp()
                ),
            )
        }
    }
}
