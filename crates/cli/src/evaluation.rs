//! `jixiao-cli evaluation …` — start the year's 单位自评, the 自评表 workbook, the reproducible
//! 抽查复核 draw, the year's evaluation list and figures.

use crate::output::Out;
use clap::Subcommand;
use jixiao_core::db::Db;
use jixiao_core::evaluation::{self, spot::DrawInput, Stratify};
use jixiao_core::{fmt_cp, Error, Result};

#[derive(Subcommand)]
pub enum EvaluationVerb {
    /// 发起年度单位自评：为该年度全部已批复（二下）的绩效目标生成自评表
    Start {
        #[arg(long)]
        year: i32,
    },
    /// 导入自评表：import self FILE --year Y [--submit]（默认只保存，--submit 同时提交）
    Import {
        /// 目前只有 self（单位自评表）
        what: String,
        file: std::path::PathBuf,
        #[arg(long)]
        year: i32,
        /// 导入即提交：导入后提交各自评表
        #[arg(long)]
        submit: bool,
        /// 按单位导入：文件是该单位（编码）的，含其他单位项目的行即拒绝整个文件
        #[arg(long)]
        unit: Option<String>,
    },
    /// 导出该年度全部自评表：export self FILE --year Y
    Export {
        what: String,
        file: std::path::PathBuf,
        #[arg(long)]
        year: i32,
    },
    /// 财政抽查复核抽取（记录种子、操作员和时间；同一种子得到同一名单）
    Draw {
        #[arg(long)]
        year: i32,
        /// 抽查比例（万分比，默认取规则设置，1000 = 10%）
        #[arg(long)]
        share_bp: Option<i64>,
        /// 随机种子（默认取当前时间并记录）
        #[arg(long)]
        seed: Option<i64>,
        /// 不分层 | 按金额 | 按单位
        #[arg(long, default_value = "不分层")]
        stratify: String,
        /// 只计算名单，不记录（需要 --seed；用于核对一次已记录的抽取）
        #[arg(long)]
        dry_run: bool,
    },
    /// 该年度的评价清单：编号、类别、对象、得分、等级、状态
    List {
        #[arg(long)]
        year: i32,
    },
    /// 年度评价统计：自评覆盖与等级、抽查复核、重点评价、第三方机构
    Stats {
        #[arg(long)]
        year: i32,
    },
}

fn only_self(what: &str) -> Result<()> {
    if what == "self" {
        Ok(())
    } else {
        Err(Error::invalid(
            "表格",
            format!("目前只支持 self（单位自评表），现为『{what}』"),
        ))
    }
}

pub fn run(db: &Db, verb: EvaluationVerb, out: &Out) -> Result<()> {
    match verb {
        EvaluationVerb::Start { year } => {
            let r = db.write(&crate::actor(db)?, |ctx| {
                evaluation::self_eval::start_self_eval(ctx, year)
            })?;
            out.value(
                &r,
                &format!(
                    "{year}年度单位自评：新建自评表 {} 张，已有 {} 张",
                    r.created, r.existing
                ),
            )
        }
        EvaluationVerb::Import {
            what,
            file,
            year,
            submit,
            unit,
        } => {
            only_self(&what)?;
            out.import(&evaluation::self_xlsx::import_self_evals_with(
                db,
                &crate::actor(db)?,
                &file,
                year,
                &jixiao_core::exchange::ImportOptions { submit, unit },
            )?)
        }
        EvaluationVerb::Export { what, file, year } => {
            only_self(&what)?;
            let n = db.read(|c| evaluation::self_xlsx::export_self_evals(c, &file, year))?;
            out.exported(n, &file)
        }
        EvaluationVerb::Draw {
            year,
            share_bp,
            seed,
            stratify,
            dry_run,
        } => {
            let stratify = Stratify::parse(&stratify).ok_or_else(|| {
                Error::invalid(
                    "--stratify",
                    format!("应为 {}，现为『{stratify}』", Stratify::choices()),
                )
            })?;
            let input = DrawInput {
                year,
                share_bp,
                seed,
                stratify: Some(stratify),
            };
            if dry_run {
                let (base, ids) = db.read(|c| evaluation::spot::preview_draw(c, &input))?;
                return out.value(
                    &serde_json::json!({"base": base, "drawn": ids.len(), "self_eval_ids": ids}),
                    &format!(
                        "{year}年度预览抽取：基数 {base}，抽取 {}（未记录）\n{}",
                        ids.len(),
                        ids.join("\n")
                    ),
                );
            }
            let d = db.write(&crate::actor(db)?, |ctx| {
                evaluation::spot::draw_spot_check(ctx, &input)
            })?;
            let mut text = format!(
                "{year}年度抽查复核：基数 {}，抽取 {}（{}%），种子 {}\n序号\t编码\t名称\t自评得分\n",
                d.base_count,
                d.drawn_count,
                fmt_cp(d.drawn_share_bp),
                d.seed
            );
            for r in &d.rows {
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\n",
                    r.seq,
                    r.code,
                    r.name,
                    fmt_cp(r.self_total_cp)
                ));
            }
            out.value(&d, text.trim_end())
        }
        EvaluationVerb::List { year } => {
            let rows = db.read(|c| evaluation::stats::list_evaluations(c, year))?;
            let mut text = String::from("编号\t类别\t对象\t得分\t等级\t状态\n");
            for r in &rows {
                text.push_str(&format!(
                    "{}\t{}\t{}\t{}\t{}\t{}\n",
                    r.id,
                    r.kind,
                    r.object,
                    r.score.as_deref().unwrap_or("—"),
                    r.grade.as_deref().unwrap_or("—"),
                    r.status
                ));
            }
            out.value(&rows, text.trim_end())
        }
        EvaluationVerb::Stats { year } => {
            let s = db.read(|c| evaluation::stats::evaluation_stats(c, year))?;
            let g = |m: &evaluation::stats::GradeCounts| {
                ["优", "良", "中", "差"]
                    .iter()
                    .map(|k| format!("{k} {}", m.get(*k).copied().unwrap_or(0)))
                    .collect::<Vec<_>>()
                    .join(" / ")
            };
            let text = format!(
                "{year}年度单位自评：应评 {}，已提交 {}（{}）\n抽查复核：基数 {}，抽取 {}（{}%），已复核 {}（{}）\n第三方机构参与评价 {} 项",
                s.self_eval.required,
                s.self_eval.submitted,
                g(&s.self_eval.grades),
                s.spot_check.base,
                s.spot_check.drawn,
                fmt_cp(s.spot_check.share_bp),
                s.spot_check.reviewed,
                g(&s.spot_check.grades),
                s.third_party.engagements
            );
            out.value(&s, &text)
        }
    }
}
